"""Runs: the saved runs — list, open in their page, rename, delete, download and import zips."""

import pandas as pd
import streamlit as st

from aecore import runstore
from pages.common import live, nav, views
from pages.common.i18n import t

PAGE = "runs"
METRICS = ("test_mse", "test_psnr", "probe_accuracy")


def run_table(runs) -> pd.DataFrame:
    rows = []
    for r in runs:
        row = {t("runs.col.name"): r.name, t("runs.col.variant"): t(f"v.{r.variant}", default=r.variant),
               t("runs.col.dataset"): r.dataset, t("runs.col.created"): r.created[:16].replace("T", " ")}
        row.update({t(f"m.{m}"): views.format_metric(m, r.metrics.get(m)) if m in r.metrics else "" for m in METRICS})
        rows.append(row)
    return pd.DataFrame(rows)


def open_in_page(run) -> None:
    loaded = runstore.load_run(run.path)
    target = nav.page_for_variant(loaded.spec.model.variant)
    live.set_loaded_run(target.key, loaded)
    st.switch_page(target.path)


def actions(run) -> None:
    """Open, rename, download and delete one run."""
    st.subheader(t("runs.actions", name=run.name))
    c1, c2 = st.columns(2)
    if c1.button(t("runs.load"), icon=":material/open_in_new:", key=f"{PAGE}.open", width="stretch"):
        try:
            open_in_page(run)
        except ValueError as e:
            st.error(str(e))
    c2.download_button(t("runs.download"), data=lambda: runstore.export_zip(run.path), file_name=f"{run.name}.zip",
                       mime="application/zip", icon=":material/download:", key=f"{PAGE}.download", width="stretch")
    with st.form(f"{PAGE}.rename_form", border=False):
        new = st.text_input(t("runs.new_name"), value=run.name, key=f"{PAGE}.new_name")
        if st.form_submit_button(t("runs.rename"), icon=":material/edit:"):
            try:
                path = runstore.rename_run(run.path, new)
            except (ValueError, OSError) as e:
                st.error(str(e))
            else:
                st.session_state[f"{PAGE}.notice"] = t("runs.renamed", name=path.name)
                st.rerun()
    if st.session_state.get(f"{PAGE}.confirm") != run.name:
        if st.button(t("runs.delete"), icon=":material/delete:", key=f"{PAGE}.delete"):
            st.session_state[f"{PAGE}.confirm"] = run.name
            st.rerun()
        return
    st.warning(t("runs.confirm", name=run.name))
    yes, no = st.columns(2)
    if yes.button(t("runs.confirm_yes"), type="primary", key=f"{PAGE}.delete_yes", width="stretch"):
        try:
            runstore.delete_run(run.path)
        except (ValueError, OSError) as e:
            st.error(str(e))
        else:
            st.session_state[f"{PAGE}.notice"] = t("runs.deleted", name=run.name)
        st.session_state.pop(f"{PAGE}.confirm", None)
        st.rerun()
    if no.button(t("runs.cancel"), key=f"{PAGE}.delete_no", width="stretch"):
        st.session_state.pop(f"{PAGE}.confirm", None)
        st.rerun()


def import_box() -> None:
    upload = st.file_uploader(t("runs.import"), type=["zip"], key=f"{PAGE}.upload", help=t("runs.import_help"))
    if upload is None or st.session_state.get(f"{PAGE}.imported") == upload.file_id:
        return
    st.session_state[f"{PAGE}.imported"] = upload.file_id  # import each uploaded file once
    try:
        path = runstore.import_zip(upload.getvalue())
    except ValueError as e:
        st.error(str(e))
    else:
        st.success(t("runs.imported", name=path.name))


st.title(t(f"nav.{PAGE}"))
views.explain(PAGE)
if notice := st.session_state.pop(f"{PAGE}.notice", None):
    st.success(notice)
try:
    st.caption(t("runs.folder", path=runstore.runs_root()))
    runs = runstore.list_runs()
except (ValueError, OSError) as e:
    st.error(str(e))
    st.stop()
left, right = st.columns([3, 2], gap="large")
with left:
    if runs:
        st.caption(t("runs.select"))
        event = st.dataframe(run_table(runs), hide_index=True, on_select="rerun", selection_mode="single-row",
                             key=f"{PAGE}.table")
        picked = event.selection.rows
    else:
        st.info(t("runs.none"))
        picked = []
with right:
    if picked and picked[0] < len(runs):
        actions(runs[picked[0]])
    import_box()

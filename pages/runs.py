"""Runs: the saved runs — list, open in their page, rename, delete, download and import zips.

Every action answers bad input in place with the core's message (``st.error``); a refused
import or rename changes nothing in the store.
"""

from pathlib import PurePath

import pandas as pd
import streamlit as st

from aecore.data.registry import FILE_PREFIX
from aecore.store import runs as runstore
from aecore.store import zips as runzip
from pages.common import live, nav, panel, state, views
from pages.common.i18n import Text, t, t_error

PAGE = "runs"
METRICS = ("test_mse", "test_psnr", "probe_accuracy")


def data_label(name: str) -> str:
    """A data set's name for the table: an uploaded file by its file name, not its path."""
    return f"file:{PurePath(name[5:]).name}" if name.startswith("file:") else name


def run_table(runs) -> pd.DataFrame:
    rows = []
    for r in runs:
        row = {t("runs.col.name"): r.name, t("runs.col.variant"): t(f"v.{r.variant}", default=r.variant),
               t("runs.col.dataset"): data_label(r.dataset), t("runs.col.created"): r.created[:16].replace("T", " ")}
        row.update({t(f"m.{m}"): views.format_metric(m, r.metrics.get(m)) if m in r.metrics else "" for m in METRICS})
        rows.append(row)
    return pd.DataFrame(rows)


def settings_query(spec, page_key: str) -> tuple[dict[str, str], dict]:
    """A run's settings as its page's URL parameters, and the kept values that go with them.

    Every setting of the page's panel is written (not only the non-default ones: the page's own
    defaults differ from the configs'), plus the optimizer and, on Stacked, the layer stack. The
    panel reads them on its next first draw (``panel._read_url``) and mirrors them back into
    the address, so the address is the run's link and **Train** trains the same spec again.
    An uploaded data file is not a URL value: it goes into the panel's kept upload.
    """
    groups = {"data": spec.data, "model": spec.model, "train": spec.train}
    query, keep = {}, {}
    for p in panel.params_for(spec.model.variant):
        value = getattr(groups[p.group], p.name)
        if p.key == "limit":
            value = value or 0
        if p.key == "data" and value.startswith(FILE_PREFIX):
            keep[f"{page_key}.own_path"] = value[len(FILE_PREFIX):]
            value = panel.OWN
        query[p.key] = panel.to_url(p, value)
    query["optimizer"] = spec.train.optimizer
    if spec.model.variant == "stacked":
        query["layers"] = "-".join(str(w) for w in (*spec.model.hidden, spec.model.latent))
        query["kinds"] = "-".join(spec.model.pretrain)
    return query, keep


def forget_page_settings(page_key: str, variant: str) -> None:
    """Drop the page's current settings (widgets and kept values), so it reads them from the URL again."""
    ss, keep = st.session_state, st.session_state[state.KEEP]
    keys = [f"{page_key}.{p.key}" for p in panel.params_for(variant)]
    keys += [f"{page_key}.{k}" for k in ("optimizer", "own_path", "own_seen", "layers")]
    keys += [f"{page_key}.{what}{i}" for what in ("width", "kind") for i in range(1, 5)]  # Stacked's editor
    for key in keys:
        ss.pop(key, None)
        keep.pop(key, None)
    ss[state.QP_READ].discard(page_key)  # the panel's prefix
    ss[state.QP_READ].discard(f"{page_key}.layers")  # Stacked's layer editor


def open_in_page(run) -> None:
    """Show the run on its page with its settings in the panel and in the address (Train retrains it)."""
    loaded = runstore.load_run(run.path)
    runstore.load_run_data(loaded)  # its data must still exist and fit the model's width
    target = nav.page_for_variant(loaded.spec.model.variant)
    live.set_loaded_run(target.key, loaded)
    query, keep = settings_query(loaded.spec, target.key)
    forget_page_settings(target.key, loaded.spec.model.variant)
    st.session_state[state.KEEP].update(keep)
    if "lang" in st.query_params:
        query["lang"] = st.query_params["lang"]
    st.switch_page(target.path, query_params=query)


def actions(run) -> None:
    """Open, rename, download and delete one run."""
    st.subheader(t("runs.actions", name=run.name))
    c1, c2 = st.columns(2)
    if c1.button(t("runs.load"), icon=":material/open_in_new:", key=f"{PAGE}.open", width="stretch"):
        try:
            open_in_page(run)
        except ValueError as e:
            st.error(t_error(e))
    c2.download_button(t("runs.download"), data=lambda: runzip.export_zip(run.path), file_name=f"{run.name}.zip",
                       mime="application/zip", icon=":material/download:", key=f"{PAGE}.download", width="stretch")
    with st.form(f"{PAGE}.rename_form", border=False):
        new = st.text_input(t("runs.new_name"), value=run.name, key=f"{PAGE}.new_name")
        if st.form_submit_button(t("runs.rename"), icon=":material/edit:"):
            try:
                path = runstore.rename_run(run.path, new)
            except (ValueError, OSError) as e:
                st.error(t_error(e))
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
            st.error(t_error(e))
        else:
            st.session_state[f"{PAGE}.notice"] = t("runs.deleted", name=run.name)
        st.session_state.pop(f"{PAGE}.confirm", None)
        st.rerun()
    if no.button(t("runs.cancel"), key=f"{PAGE}.delete_no", width="stretch"):
        st.session_state.pop(f"{PAGE}.confirm", None)
        st.rerun()


def import_box() -> None:
    """Import an uploaded run zip once; its outcome stays shown while the file stays in the uploader."""
    upload = st.file_uploader(t("runs.import"), type=["zip"], key=f"{PAGE}.upload", help=t("runs.import_help"))
    if upload is None:
        return
    done = st.session_state.get(f"{PAGE}.imported")
    if done is None or done[0] != upload.file_id:
        try:
            path = runzip.import_zip(upload.getvalue(), file_name=upload.name)
            done = (upload.file_id, True, Text.of("runs.imported", name=path.name))
        except runzip.AlreadyInStore as e:
            done = (upload.file_id, None, Text.of("runs.already", name=e.name))
        except ValueError as e:
            done = (upload.file_id, False, e)  # drawn in the language of the moment
        except OSError as e:
            done = (upload.file_id, False, t("runs.import_failed", error=str(e)))
        st.session_state[f"{PAGE}.imported"] = done
        if done[1]:
            st.rerun()  # list the new run
    {True: st.success, None: st.info, False: st.error}[done[1]](t_error(done[2]))


st.title(t(f"nav.{PAGE}"))
views.explain(PAGE)
if notice := st.session_state.pop(f"{PAGE}.notice", None):
    st.success(notice)
try:
    st.caption(t("runs.folder", path=runstore.runs_root()))
    runs = runstore.list_runs()
except (ValueError, OSError) as e:
    st.error(t_error(e))
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

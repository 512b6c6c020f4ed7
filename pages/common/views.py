"""Small drawing helpers shared by pages: explanations, charts, reconstructions, metrics."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from aecore.measure.metrics import reconstruct
from aecore.plots.common import (
    COLUMN_PX,
    VARIANT_COLOURS,
    image_grid_figure,
    loss_curve_figure,
    points_figure,
    wrap_title,
)
from aecore.training.fit import FitResult

from .i18n import FORMULAS, TABLE, for_data, plotly_config, t, t_phase

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"]}
# The numbers each page shows first (all of result.metrics are in the table below them).
KEY_METRICS = {
    "ae": ("test_mse", "test_psnr", "probe_accuracy", "pca_mse", "max_principal_angle_deg"),
    "sparse": ("test_mse", "mean_activation", "dead_units", "lifetime_sparsity", "probe_accuracy"),
    "denoising": ("test_mse", "psnr_noisy", "psnr_denoised", "probe_accuracy"),
    "contractive": ("test_mse", "jacobian_frobenius", "probe_accuracy"),
    "vae": ("test_neg_elbo", "test_kl", "active_units", "test_mse", "probe_accuracy"),
    "stacked": ("accuracy_before_finetune", "accuracy_after_finetune", "accuracy_scratch", "test_mse"),
}


# Page-wide style (app.py draws it once per run). The Train bar (live.train_controls, key
# "trainbar-<page>") sticks to the window's bottom edge while its settings column is on screen,
# so Train is in view at 1280×720 without scrolling; a thinner top padding lifts every page.
PAGE_CSS = """<style>
[data-testid="stLayoutWrapper"]:has(> [class*="st-key-trainbar-"]) {position: sticky; bottom: 0; z-index: 50; background: #FFFFFF;
  padding: 0.45rem 0 0.55rem; border-top: 1px solid #E3E7EE;}
[data-testid="stMainBlockContainer"] {padding-top: 3.2rem;}
</style>"""


def page_style() -> None:
    st.html(PAGE_CSS)


def colour(variant_name: str) -> str:
    """The variant's colour, the same on every page (aecore.plots.common.VARIANT_COLOURS)."""
    return VARIANT_COLOURS[variant_name]


def chart(fig, key: str | None = None, title_px: int = 380) -> None:
    """Draw a plotly figure with our template (Streamlit's theme would override it).

    A title wider than ``title_px`` (the narrowest width the chart gets at 1280×720, px) is
    wrapped onto more lines: plotly would cut it at the chart's right edge.
    """
    from .teacher import scale_fonts  # teacher imports panel, which imports this module

    st.plotly_chart(wrap_title(scale_fonts(fig), title_px), theme=None, key=key, config=plotly_config(PLOTLY_CONFIG))


def explain(key: str) -> None:
    """A page's short explanation: markdown, the key formula, and what its symbols mean."""
    st.markdown(t(f"{key}.explain"))
    if key in FORMULAS:
        st.latex(FORMULAS[key])
        st.caption(t(f"{key}.symbols"))


def things_to_try(key: str) -> None:
    """Every page's ending: "Things to try", the page's ``<key>.try`` list and, where it has one, its
    ``<key>.try_more`` (the experiments that need a trained result)."""
    st.subheader(t("section.try"))
    st.markdown(t(f"{key}.try"))
    if f"{key}.try_more" in TABLE:
        st.markdown(t(f"{key}.try_more"))


def format_metric(name: str, value) -> str:
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if "accuracy" in name:
            return f"{100 * value:.1f} %"
        if "psnr" in name:
            return f"{value:.2f} dB"
        return f"{value:.4g}"
    return str(value)


def metric_row(metrics: dict, names: tuple[str, ...]) -> None:
    """Key numbers as st.metric tiles; names missing from ``metrics`` are skipped."""
    shown = [n for n in names if isinstance(metrics.get(n), int | float)]
    if not shown:
        return
    # Tiles as wide as their label and value, wrapping onto a new line: fixed columns cut both
    # ("linear probe acc…", "0.01…") in a narrow column on a projector.
    with st.container(horizontal=True, gap="medium"):
        for name in shown:
            st.metric(t(f"m.{name}", default=name), format_metric(name, metrics[name]),
                      help=t(f"mh.{name}", default=None), width="content")


def metrics_table(metrics: dict) -> None:
    """Every scalar metric of a result, with translated names."""
    rows = [(t(f"m.{k}", default=k), format_metric(k, v)) for k, v in metrics.items()
            if isinstance(v, int | float | str) and k not in ("variant", "dataset")]
    st.dataframe(pd.DataFrame(rows, columns=[t("table.metric"), t("table.value")]), hide_index=True)


def reconstruction_figure(result: FitResult, n: int = 10, title: str | None = None):
    """Test originals above their reconstructions (or 2-D points with their reconstructions)."""
    ds = result.dataset
    title = for_data(title, ds.image_shape) if title else title  # a table's rows are not "images"
    if ds.dim == 2:
        x = ds.x_test[:600]
        return points_figure(x, reconstruct(result.model, x), ds.y_test[:600] if ds.y_test is not None else None,
                             colour(result.spec.model.variant), title,
                             names=(t("row.original"), t("row.reconstruction")))
    x = ds.x_test[:n]
    x_hat = reconstruct(result.model, x)
    shape = ds.image_shape or (1, ds.dim)
    zr = (0.0, 1.0) if ds.unit_range else None
    return image_grid_figure([x, x_hat], shape, [t("row.original"), t("row.reconstruction")], title=title,
                             zrange=zr, tile_px=80 if ds.image_shape else 24, width_px=COLUMN_PX)


def curve_labels() -> dict:
    return {"step": t("curve.step"), "train": t("curve.train"), "val": t("curve.val"), "x": t("curve.x"),
            "y": t("curve.y"), "epoch": t("curve.epoch")}


def loss_caption(model_cfg, dim: int) -> str:
    """What the loss chart plots, in words: per example, which terms (to match it with the tiles)."""
    v = model_cfg.variant
    if v in ("vae", "stacked"):
        return t(f"curve.what.{v}")
    loss = "bce" if getattr(model_cfg, "loss", "mse") == "bce" else "mse"
    extra = t(f"curve.what.{v}") if v in ("sparse", "denoising", "contractive") else ""
    return t(f"curve.what.{loss}", d=dim, half=dim / 2) + extra


def result_curves(result: FitResult, steps=None, losses=None, key: str | None = None) -> None:
    """The loss curves of a finished job or saved run, and what the loss is."""
    fig = loss_curve_figure(result.history, steps, losses, colour(result.spec.model.variant),
                            t("live.curves"), curve_labels(), phase_label=t_phase)
    chart(fig, key=key)
    st.caption(loss_caption(result.model.cfg, result.dataset.dim))


def show_result(result: FitResult, steps=None, losses=None, key: str = "result") -> None:
    """The standard result block: reconstructions, key metrics, curves, all metrics."""
    v = result.spec.model.variant
    chart(reconstruction_figure(result, title=t("result.recon")), key=f"{key}.recon")
    metric_row(result.metrics, KEY_METRICS.get(v, ("test_mse",)))
    from .drawing import own_input_section  # drawing imports this module

    result_curves(result, steps, losses, key=f"{key}.curves")
    with st.expander(t("result.all_metrics")):
        metrics_table(result.metrics)
    own_input_section(key, result)

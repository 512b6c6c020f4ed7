"""Your own input: draw a digit (or pick a test image) and see it through the page's trained model.

The canvas is a small ``st.components.v2`` component, inline HTML/JS, no network, no build:
white ink on black, drawn with the mouse, a pen or a finger (pointer events); at the end of each
stroke it sends the picture as ``STATE_PX`` × ``STATE_PX`` grey bytes (base64) in its state
``drawing``. ``aecore.measure.own_input`` frames it like the data set's images, encodes it and
decodes it; this module only draws. It runs on the page's *finished* model (a job's result or
an opened run, ``FitResult``), never on a model that is training. A stroke reruns the page: as a
fragment, the section's id changed with the page's later full reruns (Variational) and strokes
sent to the old id were dropped.
"""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from aecore.measure.metrics import encode
from aecore.measure.own_input import code_plane, fit_drawing, ink_extent, own_input, posterior_ellipse
from aecore.plots.common import TEXT, image_grid_figure, latent_scatter_figure
from aecore.training.fit import FitResult

from .codemap import LEGEND_BELOW
from .i18n import choice, t
from .views import chart

STATE_PX = 112  # the canvas sends its picture at this resolution (the data's images are smaller)
MAP_ROWS = 1000  # test rows drawn on the code map behind your input

_HTML = """<div class="pad"><canvas width="224" height="224" aria-label="drawing canvas"></canvas>
<button type="button" class="clear"></button></div>"""
_CSS = """.pad {display: flex; flex-direction: column; gap: 0.4rem; align-items: flex-start;}
canvas {width: 224px; height: 224px; background: #000; border-radius: 6px; touch-action: none; cursor: crosshair;}
.clear {font: inherit; font-size: 0.95rem; padding: 0.25rem 0.8rem; border: 1px solid #B8C0CC; border-radius: 6px;
  background: #fff; color: #1F2430; cursor: pointer;}"""
_JS = """
export default function (component) {
  const { parentElement, setStateValue, data } = component;
  const canvas = parentElement.querySelector("canvas");
  const clear = parentElement.querySelector(".clear");
  clear.textContent = (data && data.clear) || "Clear";
  if (canvas.dataset.ready) return;  // a rerun mounts it again: keep what is drawn
  canvas.dataset.ready = "1";
  const N = canvas.width, S = data && data.size || 112;
  const ctx = canvas.getContext("2d");
  const wipe = () => { ctx.fillStyle = "#000"; ctx.fillRect(0, 0, N, N); };
  wipe();
  Object.assign(ctx, { strokeStyle: "#fff", fillStyle: "#fff", lineWidth: N / 13, lineCap: "round", lineJoin: "round" });
  let down = false, last = null;
  const at = (e) => { const r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * N / r.width, (e.clientY - r.top) * N / r.height]; };
  const send = () => {
    const off = document.createElement("canvas"); off.width = off.height = S;
    const o = off.getContext("2d"); o.imageSmoothingEnabled = true; o.imageSmoothingQuality = "high";
    o.drawImage(canvas, 0, 0, S, S);
    const px = o.getImageData(0, 0, S, S).data, bytes = new Uint8Array(S * S);
    for (let i = 0; i < S * S; i++) bytes[i] = px[4 * i];
    let text = ""; for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    setStateValue("drawing", { size: S, pixels: btoa(text) });
  };
  canvas.addEventListener("pointerdown", (e) => { down = true; last = at(e); canvas.setPointerCapture(e.pointerId);
    ctx.beginPath(); ctx.arc(last[0], last[1], ctx.lineWidth / 2, 0, 2 * Math.PI); ctx.fillStyle = "#fff"; ctx.fill(); });
  canvas.addEventListener("pointermove", (e) => { if (!down) return; const p = at(e);
    ctx.beginPath(); ctx.moveTo(last[0], last[1]); ctx.lineTo(p[0], p[1]); ctx.stroke(); last = p; });
  const end = () => { if (!down) return; down = false; send(); };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  clear.addEventListener("click", () => { wipe(); ctx.fillStyle = "#fff"; setStateValue("drawing", null); });
}
"""
CANVAS_NAME = "diabolo_canvas"  # unique in the app (a component's registry name)
_CANVAS = st.components.v2.component(CANVAS_NAME, html=_HTML, css=_CSS, js=_JS)


def decode_drawing(state) -> np.ndarray | None:
    """The canvas state ``{"size", "pixels"}`` as a (size, size) array in [0, 1], or None (nothing drawn)."""
    if not isinstance(state, dict) or not state.get("pixels"):
        return None
    size = int(state.get("size", 0))
    raw = np.frombuffer(base64.b64decode(state["pixels"]), np.uint8)
    if size < 1 or raw.size != size * size:
        return None
    return raw.reshape(size, size).astype(np.float32) / 255.0


def canvas(key: str) -> np.ndarray | None:
    """Draw the canvas; returns what is drawn on it, or None."""
    result = _CANVAS(key=key, data={"clear": t("draw.clear"), "size": STATE_PX}, default={"drawing": None},
                     on_drawing_change=lambda: None, width="content")
    return decode_drawing(result.get("drawing") if hasattr(result, "get") else getattr(result, "drawing", None))


@st.cache_data(show_spinner=False, max_entries=16)
def _extent(name: str, x_train: np.ndarray, shape: tuple[int, int]) -> float:
    return ink_extent(x_train, shape)


def _extent_of(result: FitResult) -> float:
    ds = result.dataset
    return _extent(ds.name, ds.x_train[:2000], ds.image_shape)


def _code_text(z: np.ndarray, most: int = 12) -> str:
    shown = ", ".join(f"{v:.3g}" for v in z[:most])
    return f"z = ({shown}{', …' if len(z) > most else ''})"


def _images(result: FitResult, out) -> go.Figure | None:
    ds = result.dataset
    rows, names = [out.x[None], out.reconstruction[None]], [t("draw.row.input"), t("row.reconstruction")]
    if out.noisy is not None:
        rows += [out.noisy[None], out.denoised[None]]
        names += [t("draw.row.noisy"), t("draw.row.denoised")]
    shape = ds.image_shape or (1, ds.dim)
    zr = (0.0, 1.0) if ds.unit_range else None
    fig = image_grid_figure(rows, shape, names, zrange=zr, tile_px=96 if ds.image_shape else 24)
    fig.update_layout(title=None, margin={"t": 8})  # the column is narrow: its title is a caption above
    return fig


def _map(result: FitResult, out) -> go.Figure | None:
    ds = result.dataset
    z = encode(result.model, ds.x_test[:MAP_ROWS])
    if z.shape[1] < 2:
        return None
    plane = code_plane(z)
    coords = plane.project(z)
    axes = ("z₁", "z₂") if plane.method == "code" else ("PC 1", "PC 2")
    title = t(f"draw.map_title_{plane.method}", m=len(z), k=z.shape[1])
    fig = latent_scatter_figure(coords, None if ds.y_test is None else ds.y_test[:MAP_ROWS], ds.class_names,
                                title=title, axis_titles=axes, height=460)
    fig.update_layout(**LEGEND_BELOW)
    if out.mu is not None:
        for radius, dash in ((1.0, "solid"), (2.0, "dash")):
            ring = posterior_ellipse(plane, out.mu, out.sigma, radius)
            fig.add_trace(go.Scatter(x=ring[:, 0], y=ring[:, 1], mode="lines", line={"color": TEXT, "dash": dash,
                                     "width": 2.5}, name=t("draw.posterior", r=f"{radius:g}"), hoverinfo="skip"))
    p = plane.project(out.code)[0]
    fig.add_trace(go.Scatter(x=[p[0]], y=[p[1]], mode="markers", name=t("draw.yours"),
                             marker={"symbol": "star", "size": 20, "color": TEXT, "line": {"color": "white", "width": 1.5}}))
    if plane.method == "code" and result.spec.model.variant == "vae":
        fig.update_yaxes(scaleanchor="x", scaleratio=1)  # N(0, I) and the posterior look round
    return fig


def own_input_section(page_key: str, result: FitResult) -> None:
    """"Your own input": draw or pick a test image; its code, reconstruction, denoised version, posterior."""
    ds = result.dataset
    st.subheader(t("draw.head"))
    drawable = ds.image_shape is not None and ds.unit_range
    sources = ["draw", "test"] if drawable else ["test"]
    source = choice(st.segmented_control, t("draw.source"), sources, key=f"{page_key}.own.source",
                    format_func=lambda s: t(f"draw.src.{s}"), default=sources[0], required=True)
    left, right = st.columns([1, 1.4], gap="medium")
    x = None
    with left:
        if source == "draw":
            h, w = ds.image_shape
            drawing = canvas(key=f"{page_key}.own.canvas")
            st.caption(t("draw.how", h=h, w=w, extent=_extent_of(result)))
            if drawing is not None:
                x = fit_drawing(drawing, ds.image_shape, _extent_of(result))
        else:
            i = st.number_input(t("draw.index", n=ds.n_test), 0, ds.n_test - 1, 0, step=1, key=f"{page_key}.own.index")
            x = ds.x_test[int(i)]
            if ds.y_test is not None:
                names = ds.class_names or ()
                label = int(ds.y_test[int(i)])
                st.caption(t("draw.label", label=names[label] if label < len(names) else label))
    if x is None:
        right.info(t("draw.empty"), icon=":material/draw:")
        return
    out = own_input(result.model, x)
    with right:
        st.markdown(f"**{t('draw.images_title', model=t('v.' + result.spec.model.variant))}**")
        chart(_images(result, out), key=f"{page_key}.own.images")
        st.markdown(f"**{t('draw.code')}** {_code_text(out.code)}")
        if out.mu is not None:
            st.markdown(f"**σ** = ({', '.join(f'{v:.3g}' for v in out.sigma[:12])}{', …' if len(out.sigma) > 12 else ''})")
        if out.noisy is not None:
            st.caption(t("draw.noisy_caption", noise=t(f"o.{result.spec.model.noise}"), level=result.model.noise_level))
    fig = _map(result, out)
    if fig is not None:
        chart(fig, key=f"{page_key}.own.map")
        st.caption(t("draw.map_caption_vae" if out.mu is not None else "draw.map_caption"))

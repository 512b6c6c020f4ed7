"""The training panel every page shares: widgets → frozen aecore configs, mirrored in the URL.

``training_panel(variant)`` draws data set, architecture, the variant's own settings and
training settings, and returns a validated ``FitSpec`` (or None after showing the error).
Settings are declared once in ``PARAMS``/``VARIANT_PARAMS``; each has a URL name, so a link
with ``?code=2&epochs=30`` opens the page with those settings. Beginner mode hides the
``advanced`` ones (their values still apply).

"Your own data" (``OWN``) in the data set picker shows an uploader: the upload is validated in
memory with ``aecore.data.user`` and, once accepted, kept in the private uploads folder, so the
``FitSpec`` stays plain data (``DataConfig("file:PATH")``) that a job can load on its own.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import streamlit as st

from aecore import DataConfig, FitSpec, TrainConfig, variant
from aecore.data.registry import FILE_PREFIX, DataUnavailableError, dataset_info, dataset_names, load_dataset
from aecore.data.user import display_name, store_upload
from aecore.models.base import check_size
from aecore.models.nets import ACTIVATIONS
from aecore.plots.common import image_grid_figure, points_figure

from . import state, urlstate
from .i18n import choice, dataset_description, t, t_error
from .views import chart

LATENTS = (1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 256)
LRS = (1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1.0)
BATCHES = (8, 16, 32, 64, 128, 256, 512, 1024)
PANEL_DEFAULTS = {"epochs": 20}  # digits: a visible result within seconds on two cores
OWN = "own"  # the data set picker's "Your own data" entry (and its URL value)
UPLOAD_TYPES = ["csv", "npy", "npz", "zip"]


@dataclass(frozen=True)
class Param:
    """One setting: where it goes (group + field), how it is drawn and how it reads from a URL."""

    key: str  # URL name and widget key suffix
    group: str  # "data", "model" or "train"
    kind: str  # "int", "float", "choice", "ints"
    widget: str  # "select", "slider", "number", "text", "radio"
    field: str = ""  # config field (default: key)
    advanced: bool = False
    options: tuple = ()
    lo: float | None = None
    hi: float | None = None
    step: float | None = None

    @property
    def name(self) -> str:
        return self.field or self.key


P = Param
DATA = (
    P("data", "data", "choice", "select", field="name"),
    P("limit", "data", "int", "number", advanced=True, lo=0, hi=100000, step=500),
    P("data_noise", "data", "float", "slider", field="noise", advanced=True, lo=0.0, hi=1.0, step=0.05),
)
ARCH = (
    P("code", "model", "int", "select_slider", field="latent", options=LATENTS),
    P("hidden", "model", "ints", "text", advanced=True),
    P("activation", "model", "choice", "select", advanced=True, options=ACTIVATIONS),
    P("code_activation", "model", "choice", "select", advanced=True, options=ACTIVATIONS),
    P("loss", "model", "choice", "select", advanced=True, options=("mse", "bce")),
)
TRAIN = (
    P("epochs", "train", "int", "number", lo=1, hi=500, step=1),
    P("lr", "train", "float", "select_slider", advanced=True, options=LRS),
    P("batch", "train", "int", "select_slider", field="batch_size", advanced=True, options=BATCHES),
    P("seed", "train", "int", "number", advanced=True, lo=0, hi=2**31 - 1, step=1),
    P("weight_decay", "train", "float", "select_slider", advanced=True, options=(0.0, 1e-5, 1e-4, 1e-3, 1e-2)),
    P("patience", "train", "int", "number", advanced=True, lo=0, hi=100, step=1),
)
VARIANT_PARAMS: dict[str, tuple[Param, ...]] = {
    "ae": (),
    "sparse": (P("rho", "model", "float", "select_slider", options=(0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5)),
               P("beta", "model", "float", "select_slider", options=(0.0, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)),
               P("penalty", "model", "choice", "radio", advanced=True, options=("kl", "l1"))),
    "denoising": (P("noise", "model", "choice", "radio", options=("gaussian", "masking", "salt-pepper")),
                  P("noise_level", "model", "float", "slider", lo=0.0, hi=1.0, step=0.05)),
    "contractive": (P("lam", "model", "float", "select_slider", options=(0.0, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)),),
    "vae": (P("beta", "model", "float", "select_slider", options=(0.0, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0)),
            P("decoder", "model", "choice", "radio", options=("bernoulli", "gaussian")),
            P("warmup_epochs", "model", "float", "number", lo=0.0, hi=100.0, step=1.0)),
    "stacked": (P("finetune_epochs", "model", "int", "number", lo=0, hi=200, step=1),
                P("rho", "model", "float", "select_slider", advanced=True, options=(0.02, 0.05, 0.1, 0.2, 0.3)),
                P("beta", "model", "float", "select_slider", advanced=True, options=(0.0, 0.1, 0.5, 1.0, 3.0)),
                P("noise", "model", "choice", "radio", advanced=True, options=("gaussian", "masking", "salt-pepper")),
                P("noise_level", "model", "float", "slider", advanced=True, lo=0.0, hi=1.0, step=0.05)),
}
# Settings that make no sense for a variant (its config overrides them).
SKIP = {"vae": {"code_activation", "loss"},
        "stacked": {"code_activation", "code", "hidden"}}  # widths and kinds: the Stacked page's layer editor


def params_for(variant_name: str | None) -> tuple[Param, ...]:
    """Every setting of the panel for ``variant_name`` (None: shared settings only, as on Compare)."""
    arch = tuple(p for p in ARCH if p.key not in SKIP.get(variant_name or "", set()))
    if variant_name is None:
        arch = tuple(p for p in arch if p.key in ("code", "hidden", "activation"))
    return DATA + arch + VARIANT_PARAMS.get(variant_name or "", ()) + TRAIN


def default_values(variant_name: str | None, overrides: dict | None = None) -> dict:
    """Defaults by URL name: the config classes' own, then the panel's, then the page's."""
    cfg_cls = variant(variant_name or "ae").config_class
    model = {f.name: f.default for f in dataclasses.fields(cfg_cls) if f.init}
    train = {f.name: f.default for f in dataclasses.fields(TrainConfig)}
    data = {f.name: f.default for f in dataclasses.fields(DataConfig)}
    groups = {"data": data, "model": model, "train": train}
    out = {p.key: groups[p.group].get(p.name) for p in params_for(variant_name)}
    if isinstance(out.get("pretrain"), tuple):
        out["pretrain"] = out["pretrain"][0]  # one kind for every layer in the panel
    out["limit"] = 0 if out.get("limit") is None else out["limit"]
    out.update({k: v for k, v in PANEL_DEFAULTS.items() if k in out})
    out.update(overrides or {})
    return out


# ---- URL round trip ------------------------------------------------------------------------
def to_url(p: Param, value) -> str:
    if p.kind == "ints":
        return "-".join(str(int(v)) for v in value) or "none"
    if p.kind == "float":
        return format(float(value), "g")
    return str(value)


def from_url(p: Param, text: str):
    """Parse a URL value; ValueError when it does not fit the setting."""
    if p.kind == "ints":
        return () if text in ("", "none") else tuple(int(v) for v in text.split("-"))
    value = {"int": int, "float": float}.get(p.kind, str)(text)
    if p.options and value not in p.options and p.widget != "select_slider":
        raise ValueError(text)
    if p.lo is not None and not p.lo <= value <= p.hi:
        raise ValueError(text)
    return value


def _read_url(prefix: str, params: tuple[Param, ...]) -> None:
    """On a panel's first draw in this session, take its settings from the URL."""
    if not urlstate.first_read(prefix):
        return
    keep, bad = st.session_state[state.KEEP], []
    for p in params:
        if (raw := urlstate.get(p.key)) is not None:
            try:
                value = from_url(p, raw)
                if p.kind == "choice" and p.key == "data" and value not in (*dataset_names(), OWN):
                    raise ValueError(value)
            except ValueError:
                bad.append(p.key)
                continue
            keep[f"{prefix}.{p.key}"] = value
            st.session_state.pop(f"{prefix}.{p.key}", None)
    if bad:
        st.warning(t("panel.bad_url", names=", ".join(bad)))


def _write_url(values: dict, defaults: dict) -> None:
    """Mirror non-default settings into the URL (and drop the ones back at their default)."""
    for key, value in values.items():
        urlstate.mirror(key, None if value == defaults.get(key) else to_url(_BY_KEY[key], value))


_BY_KEY = {p.key: p for group in (DATA, ARCH, TRAIN, *VARIANT_PARAMS.values()) for p in group}


# ---- data previews (cached per DataConfig) --------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=32)
def dataset_preview(cfg: DataConfig, n: int = 8) -> dict:
    """Shapes and a few test rows of a data set, for the picker and the live view."""
    ds = load_dataset(cfg)
    rows = np.random.default_rng(0).permutation(ds.n_test)[:max(n, 1)]
    return {"dim": ds.dim, "image_shape": ds.image_shape, "unit_range": ds.unit_range, "n_train": ds.n_train,
            "n_test": ds.n_test, "samples": np.array(ds.x_test[rows[:n]]), "n_classes": ds.n_classes,
            "points": np.array(ds.x_test[rows]) if ds.dim == 2 else None}


@st.cache_data(show_spinner=False, ttl=60)
def _info(name: str):
    return dataset_info(name)


def sample_figure(preview: dict):
    """A compact picture of a data set: one row of sample images, or the 2-D points."""
    if preview["image_shape"] is not None:
        return image_grid_figure([preview["samples"]], preview["image_shape"], tile_px=52)
    if preview["dim"] == 2:
        fig = points_figure(preview["points"])
        fig.update_layout(height=220, margin={"l": 30, "r": 10, "t": 10, "b": 30}, showlegend=False)
        return fig
    return image_grid_figure([preview["samples"]], (1, preview["dim"]), tile_px=30)


# ---- widgets ----------------------------------------------------------------------------------
def _widget(p: Param, wkey: str, default, value_label=None):
    """Draw one setting; its value is kept outside the widget key so it survives page changes."""
    keep = st.session_state[state.KEEP]
    current = keep.get(wkey, default)
    if wkey not in st.session_state:
        st.session_state[wkey] = ", ".join(map(str, current)) if p.kind == "ints" else current
    label, help_ = t(f"p.{p.key}"), t(f"h.{p.key}")
    fmt = value_label or (lambda v: t(f"o.{v}", default=str(v)))
    if p.widget == "select":
        opts = list(p.options) or [*dataset_names(), OWN]
        value = choice(st.selectbox, label, opts, key=wkey, help=help_, format_func=fmt)
    elif p.widget == "radio":
        value = choice(st.radio, label, list(p.options), key=wkey, help=help_, format_func=fmt, horizontal=True)
    elif p.widget == "select_slider":
        opts = sorted(set(p.options) | {current})
        if st.session_state[wkey] not in opts:
            st.session_state[wkey] = current
        value = st.select_slider(label, opts, key=wkey, help=help_, format_func=lambda v: format(v, "g"))
    elif p.widget == "slider":
        value = st.slider(label, p.lo, p.hi, key=wkey, step=p.step, help=help_)
    elif p.widget == "number":
        cast = int if p.kind == "int" else float
        value = st.number_input(label, cast(p.lo), cast(p.hi), key=wkey, step=cast(p.step), help=help_)
    else:  # text: hidden sizes such as "128-64"
        text = st.text_input(label, key=wkey, help=help_)
        try:
            value = from_url(p, text.replace(",", "-").replace(" ", ""))
        except ValueError:
            st.error(t("panel.bad_hidden", text=text))
            value = current
    keep[wkey] = value
    return value


def own_data(prefix: str) -> str | None:
    """The uploader of "Your own data"; returns the ``file:`` name of the accepted file, or None.

    A rejected file is explained with ``st.error`` and changes nothing: the file accepted
    before (if any) stays this panel's data.
    """
    keep = st.session_state[state.KEEP]
    path_key, seen_key = f"{prefix}.own_path", f"{prefix}.own_seen"
    upload = st.file_uploader(t("own.upload"), type=UPLOAD_TYPES, key=f"{prefix}.own_upload", help=t("own.help"))
    if upload is not None:
        seen = keep.get(seen_key)
        if seen is None or seen[0] != upload.file_id:  # validate each uploaded file once
            try:
                path = store_upload(upload.getvalue(), upload.name)
            except ValueError as e:
                seen = (upload.file_id, e)  # drawn in the language of the moment
            except OSError as e:
                seen = (upload.file_id, t("own.cannot_store", error=str(e)))
            else:
                seen = (upload.file_id, None)
                keep[path_key] = str(path)
            keep[seen_key] = seen
        if seen[1] is not None:
            st.error(t_error(seen[1]), icon=":material/error:")
    path = keep.get(path_key)
    if path is not None and not Path(path).is_file():  # the uploads folder was cleared meanwhile
        keep.pop(path_key)
        path = None
    if path is None:
        st.info(t("own.none"), icon=":material/upload_file:")
        return None
    if upload is None or keep.get(seen_key, (None, None))[1] is not None:
        st.caption(t("own.using", name=Path(path).name))
    return f"file:{path}"


def file_kind(name: str, preview: dict) -> str:
    """What an uploaded file holds, in words that fit its kind: a table's rows are not images."""
    rows = preview["n_train"] + preview["n_test"]
    if preview["image_shape"] is not None:
        h, w = preview["image_shape"][:2]
        return t("own.images", name=display_name(name), rows=rows, h=h, w=w)
    return t("own.table", name=display_name(name), rows=rows, cols=preview["dim"])


def wide_code_note(variant_name: str | None, latent: int, dim: int) -> None:
    """A code at least as wide as the data is allowed, and explained.

    Overcomplete codes are a lesson (Basics' overcomplete runs) and the point of the sparse,
    denoising and contractive autoencoders, so refusing them would hide what those pages teach;
    but a plain autoencoder can then copy its input, and a newcomer should be told.
    """
    if latent < dim or variant_name == "stacked":  # Stacked's widths come from its layer editor
        return
    why = t(f"wide.{variant_name or 'ae'}", d=dim)
    st.info(t("wide.code", k=latent, d=dim) + why, icon=":material/info:")


def training_panel(variant_name: str | None, defaults: dict | None = None, key_prefix: str = "",
                   title: str | None = None) -> FitSpec | None:
    """Draw the panel and return the ``FitSpec`` it describes, or None (the error is shown).

    Args:
        variant_name: an ``aecore.VARIANTS`` name; None draws shared settings only (Compare page).
        defaults: page defaults by URL name, e.g. ``{"code": 2, "epochs": 30}``.
        key_prefix: widget key prefix, unique per panel (the page key).
    """
    prefix = key_prefix or variant_name or "panel"
    params = params_for(variant_name)
    base = default_values(variant_name, defaults)
    _read_url(prefix, params)
    values, show_all = {}, state.advanced()
    keep = st.session_state[state.KEEP]

    def draw(group: tuple[Param, ...]) -> None:
        # Advanced widgets go into a container that exists in both modes, so switching modes
        # never shifts the position of the other widgets (the browser would then mix up the
        # values of sliders that changed places).
        for p in (p for p in group if not p.advanced):
            values[p.key] = _widget(p, f"{prefix}.{p.key}", base[p.key])
        box = st.container()
        for p in (p for p in group if p.advanced):
            wkey = f"{prefix}.{p.key}"
            if show_all:
                with box:
                    values[p.key] = _widget(p, wkey, base[p.key])
            else:
                values[p.key] = keep.get(wkey, base[p.key])

    with st.container(border=True):
        st.markdown(f"**{title or t('panel.title')}**")
        draw(DATA[:1])
        name = own_data(prefix) if values["data"] == OWN else values["data"]
        info = _info(name) if name is not None else None
        if info is not None and not name.startswith(FILE_PREFIX):  # a file is described below, by its kind
            st.caption(dataset_description(name, info.description))
        if info is not None and info.kind == "toy2d":
            draw(DATA[1:])
        else:
            draw(DATA[1:2])
            values["data_noise"] = base["data_noise"]
        data_cfg = preview = None
        try:
            if name is not None:
                data_cfg = DataConfig(name=name, limit=values["limit"] or None,
                                      noise=values["data_noise"])
                preview = dataset_preview(data_cfg)
                if name.startswith(FILE_PREFIX):
                    st.caption(file_kind(name, preview))
                chart(sample_figure(preview), key=f"{prefix}.data_samples")
        except DataUnavailableError as e:
            st.warning(t_error(e))
        except ValueError as e:
            st.error(t_error(e))
        st.markdown(f"**{t('panel.model')}**")
        draw(tuple(p for p in params if p.group == "model" and p in ARCH))
        own = VARIANT_PARAMS.get(variant_name or "", ())
        if own:
            st.markdown(f"**{t('panel.variant', name=t('v.' + variant_name))}**")
            draw(own)
        st.markdown(f"**{t('panel.training')}**")
        draw(TRAIN)
    _write_url(values, base)
    if preview is None:
        return None
    return build_spec(variant_name, values, data_cfg, preview)


def build_spec(variant_name: str | None, values: dict, data_cfg: DataConfig, preview: dict) -> FitSpec | None:
    """Turn panel values into frozen configs; an invalid combination is shown with st.error."""
    groups: dict[str, dict] = {"model": {}, "train": {}}
    for key, value in values.items():
        p = _BY_KEY[key]
        if p.group in groups:
            groups[p.group][p.name] = (value,) if key == "pretrain" else value
    try:
        model = variant(variant_name or "ae").config_class(**groups["model"])
        train = TrainConfig(**groups["train"])
        check_size(model, preview["dim"])
        model.resolved(preview["unit_range"])  # e.g. a Bernoulli decoder on standardized data
    except ValueError as e:
        st.error(t_error(e))
        return None
    wide_code_note(variant_name, int(model.latent), int(preview["dim"]))
    st.session_state[state.ARCH] = (preview["dim"], tuple(model.hidden), int(model.latent), model.variant)
    return FitSpec(data_cfg, model, train)

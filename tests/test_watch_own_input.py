"""Your own input: the drawing's framing (aecore), one input through a model, and the page section.

Hand checks: a test image through ``own_input`` (and through the page) gives exactly the code of
encoding it directly; a test image drawn large and framed again comes back close to itself; the
VAE's ellipse is the projected N(μ, σ²).
"""

from __future__ import annotations

import base64
import os

import numpy as np
import pytest
import torch
from skimage.transform import resize

from aecore import DataConfig, ModelConfig
from aecore.data.registry import load_dataset
from aecore.measure.metrics import encode, reconstruct
from aecore.measure.own_input import (
    code_plane,
    fit_drawing,
    ink_box,
    ink_extent,
    own_input,
    posterior_ellipse,
)
from aecore.models.base import Autoencoder
from aecore.models.denoising import DenoisingAE, DenoisingConfig
from aecore.models.vae import VAE, VAEConfig
from pages.common import state
from pages.common.drawing import decode_drawing
from tests.test_app import open_app, train_tiny
from tests.test_app_language import drawn_language

pytestmark = pytest.mark.filterwarnings("ignore:The given NumPy array is not writable")


def digits():
    return load_dataset(DataConfig(name="digits"))


def test_ink_box_and_extent():
    img = np.zeros((8, 8))
    img[2:6, 3:5] = 1.0
    img[0, 0] = 0.1  # below a quarter of the peak: not ink
    assert ink_box(img) == (2, 6, 3, 5)
    assert ink_box(np.zeros((4, 4))) is None
    assert ink_extent(np.stack([img.ravel()] * 3), (8, 8)) == 4.0


def test_fit_drawing_frames_ink_like_the_data():
    drawing = np.zeros((112, 112))
    drawing[10:40, 70:85] = 1.0  # a bar, 30 tall, in a corner
    x = fit_drawing(drawing, (28, 28), extent=20).reshape(28, 28)
    top, bottom, left, right = ink_box(x)
    assert 19 <= bottom - top <= 21  # the longer side scaled to the data's extent
    cy, cx = (np.indices(x.shape) * x).reshape(2, -1).sum(1) / x.sum()
    assert abs(cy - 13.5) <= 0.6 and abs(cx - 13.5) <= 0.6  # centred by its centre of mass
    assert x.min() >= 0 and x.max() == pytest.approx(1.0)
    assert not fit_drawing(np.zeros((50, 50)), (8, 8), 8).any()


def test_a_test_image_drawn_large_is_framed_back_close_to_itself():
    ds = digits()
    extent = ink_extent(ds.x_train, ds.image_shape)
    corr = [np.corrcoef(fit_drawing(resize(ds.x_test[i].reshape(8, 8), (112, 112), order=1), (8, 8), extent),
                        ds.x_test[i])[0, 1] for i in range(40)]
    assert np.median(corr) > 0.85


@pytest.mark.skipif(not os.path.isdir(os.environ.get("AECORE_DATA_DIR", "") + "/mnist"), reason="MNIST absent")
def test_mnist_extent_is_its_20_pixel_box():
    ds = load_dataset(DataConfig(name="mnist"))
    assert 18 <= ink_extent(ds.x_train, ds.image_shape) <= 20  # LeCun et al.: digits fitted into 20 × 20


def test_own_input_is_the_direct_encoding_and_reconstruction():
    ds = digits()
    torch.manual_seed(0)
    for model in (Autoencoder(ModelConfig(latent=3, hidden=(16,)), 64),
                  DenoisingAE(DenoisingConfig(latent=3, hidden=(16,), noise="masking", noise_level=0.5), 64),
                  VAE(VAEConfig(latent=2, hidden=(16,)), 64)):
        x = ds.x_test[7]
        out = own_input(model, x)
        np.testing.assert_allclose(out.code, encode(model, ds.x_test[7:8])[0], rtol=1e-6, atol=1e-7)
        np.testing.assert_allclose(out.reconstruction, reconstruct(model, ds.x_test[7:8])[0], rtol=1e-6, atol=1e-7)
        if isinstance(model, DenoisingAE):
            dropped = out.noisy == 0
            assert 0.2 < dropped[x > 0].mean() < 0.8  # masking at 0.5
            np.testing.assert_allclose(out.denoised, reconstruct(model, out.noisy[None])[0], rtol=1e-6, atol=1e-7)
        else:
            assert out.noisy is None
        if isinstance(model, VAE):
            mu, logvar = model.posterior(torch.tensor(x[None]))
            np.testing.assert_allclose(out.mu, mu[0].detach().numpy(), rtol=1e-6)
            np.testing.assert_allclose(out.sigma, torch.exp(0.5 * logvar)[0].detach().numpy(), rtol=1e-6)
    with pytest.raises(ValueError, match="64 numbers"):
        own_input(model, np.zeros(10))


def test_posterior_ellipse_is_the_projected_gaussian():
    rng = np.random.default_rng(0)
    z = rng.normal(size=(300, 4)) * [3, 2, 0.5, 0.1]
    plane = code_plane(z)
    assert plane.method == "pca" and np.allclose(plane.basis.T @ plane.basis, np.eye(2))
    mu, sigma = np.array([1.0, -1, 0.5, 0]), np.array([0.5, 0.2, 0.3, 0.1])
    ring = posterior_ellipse(plane, mu, sigma, radius=2.0)
    # every point d on the ring has Mahalanobis radius 2 under the projected covariance
    cov = plane.basis.T @ np.diag(sigma ** 2) @ plane.basis
    d = ring - plane.project(mu)[0]
    np.testing.assert_allclose(np.sqrt(np.einsum("ni,ij,nj->n", d, np.linalg.inv(cov), d)), 2.0, rtol=1e-6)
    flat = code_plane(z[:, :2])
    assert flat.method == "code"
    np.testing.assert_allclose(posterior_ellipse(flat, mu[:2], sigma[:2])[0], [1.5, -1.0])  # μ + σ₁ at angle 0


def test_decode_drawing_reads_the_canvas_state():
    px = np.arange(16, dtype=np.uint8).reshape(4, 4) * 16
    state_ = {"size": 4, "pixels": base64.b64encode(px.tobytes()).decode()}
    np.testing.assert_allclose(decode_drawing(state_), px / 255.0, rtol=1e-6)
    assert decode_drawing(None) is None and decode_drawing({"size": 5, "pixels": state_["pixels"]}) is None


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_shows_a_test_images_code_as_encoding_it_directly(lang, monkeypatch):
    at = drawn_language(open_app("pages/basics.py", lang, code="4"), monkeypatch)
    train_tiny(at, "basics")
    assert at.button_group(key="basics.own.source").value == "draw"
    at.button_group(key="basics.own.source").set_value("test").run()
    at.number_input(key="basics.own.index").set_value(11).run()
    assert not at.exception, [e.value for e in at.exception]
    result = at.session_state[state.RESULTS]["basics"].result
    z = encode(result.model, result.dataset.x_test[11:12])[0]
    shown = [m.value for m in at.markdown if "z = (" in m.value]
    assert shown == [f"{'**Its code:**' if lang == 'en' else '**它的编码：**'} z = ({', '.join(f'{v:.3g}' for v in z)})"]
    maps = [c for c in at.get("plotly_chart") if "own.map" in c.proto.id]
    assert maps, "the code map of your input"


def test_variational_page_draws_the_posterior_of_a_test_image_on_the_map(monkeypatch):
    at = drawn_language(open_app("pages/variational.py"), monkeypatch)
    train_tiny(at, "variational")
    at.button_group(key="variational.own.source").set_value("test").run()
    at.number_input(key="variational.own.index").set_value(3).run()
    assert not at.exception, [e.value for e in at.exception]
    result = at.session_state[state.RESULTS]["variational"].result
    mu, logvar = result.model.posterior(torch.tensor(result.dataset.x_test[3:4]))
    mu, sigma = mu[0].detach().numpy(), torch.exp(0.5 * logvar)[0].detach().numpy()
    import json

    spec = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if "own.map" in c.proto.id)
    by_name = {d.get("name"): d for d in spec["data"]}
    star = by_name["your input"]
    np.testing.assert_allclose([star["x"][0], star["y"][0]], mu, rtol=1e-5)  # a 2-D code: the map is z itself
    ring = by_name["q(z | x): 1 σ"]
    from tests.test_pages_learn2 import values

    x, y = values(ring["x"]), values(ring["y"])
    np.testing.assert_allclose(((x - mu[0]) / sigma[0]) ** 2 + ((y - mu[1]) / sigma[1]) ** 2, 1.0, rtol=1e-4)
    assert "q(z | x) = N(μ, σ²)" in " ".join(c.value for c in at.caption)

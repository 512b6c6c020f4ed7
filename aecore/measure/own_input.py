"""Your own input through a trained model: a drawing fitted to the data's format, then one forward pass.

``fit_drawing`` turns a drawn picture (white ink on black, any size) into one input row the way
the data set's images are framed: the ink's bounding box is scaled so that its longer side is
the data's typical ink extent (``ink_extent``, measured on its training images: about 20 of 28
pixels for MNIST, 7–8 of 8 for scikit-learn's digits), area-averaged down to the image shape, and
placed with its centre of mass at the image centre (MNIST's own recipe, LeCun et al. 1998),
values in [0, 1] like the data.

``own_input`` encodes one row and returns its code, its reconstruction, for a denoising AE a
corrupted copy and its denoised reconstruction, and for a VAE the posterior N(μ, σ²).
``code_plane`` gives the 2-D view of the codes (the code itself, or its first two principal
components) in which ``posterior_ellipse`` draws N(μ, σ²). Nothing here trains or changes a model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from skimage.transform import resize

from aecore.models.denoising import DenoisingAE
from aecore.models.vae import VAE

INK = 0.25  # a pixel is ink when it reaches this fraction of its image's maximum
EXTENT_ROWS = 2000  # training images measured for the typical ink extent


def ink_box(img: np.ndarray, threshold: float = INK) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right), bottom/right exclusive, of the pixels ≥ threshold × max; None if blank."""
    img = np.asarray(img, np.float64)
    peak = img.max() if img.size else 0.0
    if peak <= 0:
        return None
    rows, cols = np.nonzero(img >= threshold * peak)
    return int(rows.min()), int(rows.max()) + 1, int(cols.min()), int(cols.max()) + 1


def ink_extent(x: np.ndarray, image_shape: tuple[int, int], rows: int = EXTENT_ROWS) -> float:
    """Median over images of the longer side of the ink's bounding box, in pixels of ``image_shape``.

    ``x``: (N, H·W) images in [0, 1]. Blank images are skipped; all blank gives the frame size.
    """
    h, w = image_shape
    sides = []
    for img in np.asarray(x[:rows], np.float32).reshape(-1, h, w):
        box = ink_box(img)
        if box is not None:
            sides.append(max(box[1] - box[0], box[3] - box[2]))
    return float(np.median(sides)) if sides else float(max(h, w))


def fit_drawing(drawing: np.ndarray, image_shape: tuple[int, int], extent: float) -> np.ndarray:
    """A drawing (h0, w0) in [0, 1], ink bright, as one row (H·W,) framed like the data.

    The ink's bounding box is scaled (aspect kept) so its longer side is ``extent`` pixels (at
    most the frame), area-averaged, and shifted so its centre of mass sits at the frame's centre
    (kept inside the frame). A blank drawing gives a black row.
    """
    h, w = image_shape
    d = np.clip(np.asarray(drawing, np.float64), 0.0, 1.0)
    out = np.zeros((h, w), np.float64)
    box = ink_box(d)  # the same ink threshold as ink_extent: the two boxes are comparable
    if box is None:
        return out.reshape(-1).astype(np.float32)
    crop = d[box[0]:box[1], box[2]:box[3]]
    scale = min(extent, h, w) / max(crop.shape)
    size = (max(1, min(h, round(crop.shape[0] * scale))), max(1, min(w, round(crop.shape[1] * scale))))
    small = np.clip(resize(crop, size, order=1, anti_aliasing=True, mode="constant"), 0.0, 1.0)
    if small.max() > 0:  # thin strokes lose contrast when averaged down: ink as bright as the data's
        small = small / small.max()
    mass = small.sum()
    cy, cx = ((np.indices(small.shape) * small).reshape(2, -1).sum(1) / mass) if mass > 0 else \
        ((size[0] - 1) / 2, (size[1] - 1) / 2)
    top = int(np.clip(round((h - 1) / 2 - cy), 0, h - size[0]))
    left = int(np.clip(round((w - 1) / 2 - cx), 0, w - size[1]))
    out[top:top + size[0], left:left + size[1]] = small
    return out.reshape(-1).astype(np.float32)


@dataclass(frozen=True)
class OwnInput:
    """One input through a model. Shapes: x, reconstruction, noisy, denoised (D,); code, mu, sigma (k,)."""

    x: np.ndarray
    code: np.ndarray  # z = φ(x); the posterior mean μ for a VAE
    reconstruction: np.ndarray  # ψ(φ(x))
    noisy: np.ndarray | None = None  # x̃ ~ p(x̃ | x) with the model's noise (denoising AE)
    denoised: np.ndarray | None = None  # ψ(φ(x̃))
    mu: np.ndarray | None = None  # VAE: q(z | x) = N(μ, diag σ²)
    sigma: np.ndarray | None = None


@torch.no_grad()
def own_input(model, x: np.ndarray, seed: int = 0) -> OwnInput:
    """Encode and decode one row ``x`` (D,) with a trained ``model`` (left in eval mode)."""
    model.eval()
    dev = next(model.parameters()).device
    xt = torch.as_tensor(np.asarray(x, np.float32).reshape(1, -1), device=dev)
    if xt.shape[1] != model.input_dim:
        raise ValueError(f"the model takes {model.input_dim} numbers per input; got {xt.shape[1]}.")
    code = model.encode(xt)
    out = {"x": xt[0].cpu().numpy(), "code": code[0].float().cpu().numpy(),
           "reconstruction": model(xt)[0].float().cpu().numpy()}
    if isinstance(model, DenoisingAE):
        noisy = model.corrupt(xt, torch.Generator(device=dev).manual_seed(seed))
        out.update(noisy=noisy[0].float().cpu().numpy(), denoised=model(noisy)[0].float().cpu().numpy())
    if isinstance(model, VAE):
        mu, logvar = model.posterior(xt)
        out.update(mu=mu[0].float().cpu().numpy(), sigma=torch.exp(0.5 * logvar)[0].float().cpu().numpy())
    return OwnInput(**out)


@dataclass(frozen=True)
class CodePlane:
    """A 2-D view of k-D codes: p = (z − mean) @ basis; basis (k, 2) orthonormal, or the identity for k = 2."""

    mean: np.ndarray  # (k,)
    basis: np.ndarray  # (k, 2)
    method: str  # "code" or "pca"

    def project(self, z: np.ndarray) -> np.ndarray:
        return (np.atleast_2d(np.asarray(z, np.float64)) - self.mean) @ self.basis


def code_plane(z: np.ndarray) -> CodePlane:
    """The plane of the code map for codes (N, k ≥ 2): the code itself (k = 2), else its first two PCs.

    PC signs are fixed so that each component's largest coordinate is positive (the same codes
    always give the same picture, as ``aecore.serving.projection.pca_2d``).
    """
    z = np.asarray(z, np.float64)
    k = z.shape[1]
    if k < 2:
        raise ValueError("a code map needs codes of at least 2 numbers.")
    if k == 2:
        return CodePlane(np.zeros(2), np.eye(2), "code")
    mean = z.mean(0)
    _, vecs = np.linalg.eigh((z - mean).T @ (z - mean))
    basis = vecs[:, ::-1][:, :2].copy()
    coords = (z - mean) @ basis
    basis *= np.where(np.abs(coords).max(0) == coords.max(0), 1.0, -1.0)
    return CodePlane(mean, basis, "pca")


def posterior_ellipse(plane: CodePlane, mu: np.ndarray, sigma: np.ndarray, radius: float = 1.0,
                      n: int = 72) -> np.ndarray:
    """The ``radius``-σ contour of N(μ, diag σ²) in the plane, (n + 1, 2) points (closed).

    Projected, the Gaussian is N(Bᵀ(μ − m), Bᵀ diag(σ²) B) for the plane's basis B; its contour
    is the image of a circle under the covariance's square root.
    """
    b = plane.basis
    cov = b.T @ np.diag(np.asarray(sigma, np.float64) ** 2) @ b
    vals, vecs = np.linalg.eigh(cov)
    root = vecs @ np.diag(np.sqrt(np.clip(vals, 0.0, None))) @ vecs.T
    angle = np.linspace(0.0, 2 * np.pi, n + 1)
    circle = radius * np.stack([np.cos(angle), np.sin(angle)], 1)
    return plane.project(mu)[0] + circle @ root.T

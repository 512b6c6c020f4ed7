"""Bundled and generated data sets: digits, shapes, patches and the 2-D toys.

Also holds the small preprocessing helpers shared by every loader (seeded split,
standardization with train statistics).  Everything is vectorized numpy and
deterministic for a given seed.
"""

from __future__ import annotations

import functools

import numpy as np
from sklearn import datasets as skdata
from sklearn.model_selection import train_test_split

from aecore.data.registry import DataConfig, Dataset

TEST_FRACTION = 0.2
SHAPE_NAMES = ("circle", "square", "triangle", "cross", "line")
DEFAULT_N_SAMPLES = {"shapes": 7500, "patches": 10000, "toy": 2000}  # totals: 80 % train, 20 % test


# ----------------------------------------------------------------------------- helpers
def split_indices(n: int, y: np.ndarray | None, test_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Return seeded (train, test) row indices, stratified by ``y`` when every class allows it.

    Args:
        n: Number of rows.
        y: int labels (n,) or None.
        test_fraction: Share of rows in the test split, in (0, 1).
        seed: Random state of the shuffle.
    """
    idx = np.arange(n)
    stratify = None
    if y is not None:
        classes, counts = np.unique(y, return_counts=True)
        n_test = int(np.ceil(n * test_fraction))
        # sklearn needs >= 2 rows per class and room for every class on both sides.
        if counts.min() >= 2 and len(classes) <= min(n_test, n - n_test):
            stratify = y
    train, test = train_test_split(idx, test_size=test_fraction, random_state=seed, stratify=stratify)
    return train, test


def standardize(x_train: np.ndarray, x_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Shift and scale columns to zero mean, unit variance using TRAIN statistics only.

    Constant columns are only centred (scale 1) so that nothing divides by zero.
    """
    mean = x_train.mean(axis=0, dtype=np.float64)
    std = x_train.std(axis=0, dtype=np.float64)
    std[std < 1e-12] = 1.0
    return ((x_train - mean) / std).astype(np.float32), ((x_test - mean) / std).astype(np.float32)


def _n(cfg: DataConfig, key: str) -> int:
    return cfg.n_samples if cfg.n_samples is not None else DEFAULT_N_SAMPLES[key]


# ----------------------------------------------------------------------------- digits
@functools.lru_cache(maxsize=1)
def _digits_raw() -> tuple[np.ndarray, np.ndarray]:
    x, y = skdata.load_digits(return_X_y=True)
    return (x / 16.0).astype(np.float32), y.astype(np.int64)  # pixel counts 0..16 -> [0, 1]


def load_digits(cfg: DataConfig) -> Dataset:
    """scikit-learn's 8×8 digits in [0, 1], split 80/20 stratified with ``cfg.seed``."""
    x, y = _digits_raw()
    tr, te = split_indices(len(x), y, TEST_FRACTION, cfg.seed)
    return Dataset("digits", x[tr], y[tr], x[te], y[te], (8, 8),
                   "8×8 handwritten digits from scikit-learn (1,797 images, 10 classes)", True,
                   tuple(str(d) for d in range(10)))


# ----------------------------------------------------------------------------- shapes
def _segment_distance(a: np.ndarray, b: np.ndarray, half_length: np.ndarray) -> np.ndarray:
    """Distance (pixels) from local points (a, b) to the segment a in [-L, L], b = 0."""
    return np.hypot(np.maximum(np.abs(a) - half_length, 0.0), b)


def _triangle_sdf(u: np.ndarray, v: np.ndarray, half_side: np.ndarray) -> np.ndarray:
    """Signed distance to an equilateral triangle centred on its centroid (I. Quilez's formula)."""
    k = np.sqrt(3.0)
    px = np.abs(u) - half_side
    py = v + half_side / k
    fold = px + k * py > 0
    px, py = np.where(fold, (px - k * py) / 2, px), np.where(fold, (-k * px - py) / 2, py)
    px = px - np.clip(px, -2.0 * half_side, 0.0)
    return -np.hypot(px, py) * np.sign(py)


def render_shapes(labels: np.ndarray, rng: np.random.Generator, size: int = 28) -> np.ndarray:
    """Render one outline per label (index into SHAPE_NAMES) as float32 (N, size, size) in [0, 1].

    Each image gets a random circumradius (5-10.5 px), stroke width (1.2-3 px),
    rotation, position (fully inside the frame) and ink intensity (0.75-1).
    Pixels come from a distance field on the pixel grid, anti-aliased over 1 px.
    """
    n = len(labels)
    r = rng.uniform(5.0, 10.5, n)
    width = rng.uniform(1.2, 3.0, n)
    theta = rng.uniform(0.0, 2 * np.pi, n)
    margin = r + width / 2 + 0.5
    cx = rng.uniform(margin, size - 1 - margin)
    cy = rng.uniform(margin, size - 1 - margin)
    ink = rng.uniform(0.75, 1.0, n)
    params = {"r": r, "w": width, "theta": theta, "cx": cx, "cy": cy, "ink": ink}
    grid = np.arange(size, dtype=np.float64)
    images = np.empty((n, size, size), dtype=np.float32)
    for k in range(len(SHAPE_NAMES)):
        sel = np.flatnonzero(labels == k)
        p = {key: val[sel, None, None] for key, val in params.items()}  # (n_k, 1, 1): broadcast over the grid
        px, py = grid[None, None, :] - p["cx"], grid[None, :, None] - p["cy"]
        c, s = np.cos(p["theta"]), np.sin(p["theta"])
        u, v = c * px + s * py, -s * px + c * py  # pixel centres in the shape's rotated frame
        rad = p["r"]
        if k == 0:
            dist = np.abs(np.hypot(u, v) - 0.8 * rad)
        elif k == 1:
            half = rad / np.sqrt(2.0)
            qx, qy = np.abs(u) - half, np.abs(v) - half
            sdf = np.hypot(np.maximum(qx, 0), np.maximum(qy, 0)) + np.minimum(np.maximum(qx, qy), 0)
            dist = np.abs(sdf)
        elif k == 2:
            dist = np.abs(_triangle_sdf(u, v, rad * np.sqrt(3.0) / 2))
        elif k == 3:
            dist = np.minimum(_segment_distance(u, v, 0.8 * rad), _segment_distance(v, u, 0.8 * rad))
        else:
            dist = _segment_distance(u, v, rad)
        images[sel] = p["ink"] * np.clip(0.5 - (dist - p["w"] / 2), 0.0, 1.0)
    return images


def load_shapes(cfg: DataConfig) -> Dataset:
    """Generated 28×28 outline shapes, balanced classes, ``cfg.n_samples`` in all (default 7,500)."""
    n = _n(cfg, "shapes")
    rng = np.random.default_rng([cfg.seed, 1])
    y = rng.permutation(np.arange(n) % len(SHAPE_NAMES)).astype(np.int64)
    x = render_shapes(y, rng).reshape(n, -1)
    tr, te = split_indices(n, y, TEST_FRACTION, cfg.seed)
    return Dataset("shapes", x[tr], y[tr], x[te], y[te], (28, 28),
                   f"{n:,} generated 28×28 outlines: " + ", ".join(SHAPE_NAMES), True, SHAPE_NAMES)


# ----------------------------------------------------------------------------- patches
def _whiten(img: np.ndarray) -> np.ndarray:
    """Flatten a photo's 1/f amplitude spectrum (Olshausen & Field, 1997).

    Filter R(f) = f · exp(−(f/f₀)⁴) with f in cycles per pixel and f₀ = 0.4: the ramp undoes the
    natural-image fall-off, the exponential cuts the noisy corner frequencies. UFLDL's IMAGES.mat
    was prepared this way; without it the sparse code learns smooth gradients, not edges.
    """
    fy = np.fft.fftfreq(img.shape[0])[:, None]
    fx = np.fft.fftfreq(img.shape[1])[None, :]
    f = np.sqrt(fx ** 2 + fy ** 2)
    out = np.real(np.fft.ifft2(np.fft.fft2(img - img.mean()) * f * np.exp(-((f / 0.4) ** 4))))
    return out / out.std()


@functools.lru_cache(maxsize=1)
def _grey_photos() -> np.ndarray:
    """The two bundled photos in grey at half resolution, whitened, (2, 213, 320) float32."""
    photos = skdata.load_sample_images().images  # two (427, 640, 3) uint8 photos
    luma = np.array([0.299, 0.587, 0.114])
    # Halving the resolution first (2×2 means) removes JPEG's 8×8 block edges, which whitening
    # would otherwise amplify into the very patches we sample.
    grey = [img @ luma / 255.0 for img in photos]
    half = [g[: g.shape[0] // 2 * 2, : g.shape[1] // 2 * 2].reshape(g.shape[0] // 2, 2, g.shape[1] // 2, 2).mean((1, 3))
            for g in grey]
    return np.stack([_whiten(g) for g in half]).astype(np.float32)


def load_patches(cfg: DataConfig, patch: int = 8) -> Dataset:
    """8×8 patches of the whitened grey photos, normalized as in UFLDL: values in [0.1, 0.9].

    Each patch loses its mean; values are clipped to ±3 standard deviations (global
    std of the TRAIN patches) and mapped from [-1, 1] to [0.1, 0.9], which keeps
    sigmoid targets away from 0 and 1.
    """
    n = _n(cfg, "patches")
    photos = _grey_photos()
    _, h, w = photos.shape
    rng = np.random.default_rng([cfg.seed, 2])
    which = rng.integers(0, len(photos), n)
    top = rng.integers(0, h - patch + 1, n)
    left = rng.integers(0, w - patch + 1, n)
    offs = np.arange(patch)
    x = photos[which[:, None, None], top[:, None, None] + offs[None, :, None], left[:, None, None] + offs[None, None, :]]
    x = x.reshape(n, -1).astype(np.float64)  # float64 so the bounds land exactly on 0.1 and 0.9
    x = x - x.mean(axis=1, keepdims=True)
    n_test = int(np.ceil(n * TEST_FRACTION))  # positions are i.i.d., so the last rows make a fair test split
    bound = 3.0 * float(x[:-n_test].std())
    x = (np.clip(x, -bound, bound) / bound + 1.0) * 0.4 + 0.1
    return Dataset("patches", x[:-n_test], None, x[-n_test:], None, (patch, patch),
                   f"{n:,} 8×8 patches of two whitened photos (UFLDL normalization, [0.1, 0.9])", True)


# ----------------------------------------------------------------------------- 2-D toys
def _roll(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    u = rng.uniform(0.0, 1.0, n)
    t = 1.5 * np.pi * (1.0 + 2.0 * u)
    x = np.column_stack([t * np.cos(t), t * np.sin(t)]) / (4.5 * np.pi)  # outer radius 1
    y = np.minimum((4 * u).astype(np.int64), 3)  # four bands of equal length in t
    return x + 0.5 * noise * rng.standard_normal((n, 2)), y  # halved: the windings lie 0.44 apart


def _spiral(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    y = rng.permutation(np.arange(n) % 2).astype(np.int64)
    t = (0.5 + 2.5 * np.sqrt(rng.uniform(0.0, 1.0, n))) * np.pi  # sqrt: even density along the arm
    angle = t + np.pi * y
    x = np.column_stack([np.cos(angle), np.sin(angle)]) * (t / (3.0 * np.pi))[:, None]
    return x + 0.5 * noise * rng.standard_normal((n, 2)), y  # halved: the arms lie 0.33 apart


_TOY_CLASSES = {
    "moons": ("upper moon", "lower moon"),
    "circles": ("outer", "inner"),
    "swissroll": ("band 1 (inner)", "band 2", "band 3", "band 4 (outer)"),
    "spiral": ("arm 1", "arm 2"),
}


def load_toy(cfg: DataConfig) -> Dataset:
    """A 2-D toy (moons, circles, swissroll, spiral), standardized with train statistics.

    ``cfg.noise`` is the std of Gaussian noise added before standardization, in
    units where each toy spans about [-1, 1] (half of it for the spiral and the roll,
    whose arms lie closer together); ``cfg.n_samples`` rows in all (default 2,000).
    """
    n, name, noise = _n(cfg, "toy"), cfg.name, cfg.noise
    if name == "moons":
        x, y = skdata.make_moons(n, noise=noise, random_state=cfg.seed)
    elif name == "circles":
        x, y = skdata.make_circles(n, noise=noise, factor=0.5, random_state=cfg.seed)
    elif name == "swissroll":
        x, y = _roll(n, noise, np.random.default_rng([cfg.seed, 3]))
    elif name == "spiral":
        x, y = _spiral(n, noise, np.random.default_rng([cfg.seed, 4]))
    else:
        raise ValueError(f"name={name!r} is not a 2-D toy; use one of {sorted(_TOY_CLASSES)}.")
    y = y.astype(np.int64)
    tr, te = split_indices(n, y, TEST_FRACTION, cfg.seed)
    x_train, x_test = standardize(x[tr], x[te])
    return Dataset(name, x_train, y[tr], x_test, y[te], None,
                   f"{n:,} points of 2-D {name} (noise {noise:g}), standardized", False, _TOY_CLASSES[name])

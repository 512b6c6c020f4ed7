"""Numbers of the Features page: learned codes against hand-crafted features, one linear classifier.

The lecture ends on a question: are the features an autoencoder learns better than the ones people
design? This module answers it the only fair way — the same classifier (``metrics.linear_probe``: a
logistic regression on standardized features), the same labelled examples (class-balanced, nested
budgets from ``aecore.measure.labels.balanced_subset``), the same test rows — for every feature set:

* ``pixels``: the raw image, the baseline;
* ``pca``: the top ``code`` principal components of the unlabelled training rows (``metrics.pca_fit``);
* ``random``: a seeded Gaussian random projection to ``code`` numbers (no learning at all);
* ``hog``: histograms of oriented gradients (Dalal & Triggs, 2005; ``skimage.feature.hog``): 4 × 4
  cells, 2 × 2-cell blocks, ``hog_orientations`` bins;
* ``gabor``: a bank of Gabor filters (``skimage.filters.gabor_kernel``, ``gabor_frequencies`` ×
  ``gabor_orientations``), the magnitude of each response averaged over a 4 × 4 grid;
* the codes φ(x) of each autoencoder variant (plain, sparse, denoising, contractive, the VAE's
  posterior mean μ, a greedily pretrained stack without fine-tuning), all ``code`` wide, trained
  on the unlabelled training rows only.

Every feature set reports test accuracy per label budget, the seconds it took to fit and compute
the features (PCA's fit, an autoencoder's training, HOG's loops …) and the seconds the classifier
took at each budget. ``ComparisonTask`` runs it in a background thread for the page while the
autoencoders train as jobs; ``bench/features.py`` runs it in the foreground.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from aecore.data.registry import DataConfig, Dataset, load_dataset
from aecore.measure.labels import balanced_subset
from aecore.measure.metrics import PROBE_ROWS, encode, linear_probe, pca_fit
from aecore.models.base import ModelConfig
from aecore.models.registry import variant
from aecore.training.fit import FitSpec
from aecore.training.trainer import TrainConfig

HAND = ("pixels", "pca", "random", "hog", "gabor")  # feature sets without a network
AE_VARIANTS = ("ae", "sparse", "denoising", "contractive", "vae", "stacked")  # codes of each variant
BUDGETS = (20, 50, 100, 500, 0)  # labelled examples per run; 0 = all (at most MAX_LABELS)
MAX_LABELS = PROBE_ROWS  # the linear probe's own cap: 5,000 rows keep a 784-wide regression to seconds
HOG_CELLS = 4  # cells per image side
GABOR_GRID = 4  # pooling cells per image side


@dataclass(frozen=True)
class FeaturesConfig:
    """One comparison: data, widths, budgets and the autoencoders' training.

    Attributes:
        data: a labelled image data set (digits, mnist, fashion-mnist, …).
        code: width of PCA, the random projection and every autoencoder code.
        hidden: the autoencoders' hidden layers (the stack: its lower layers).
        epochs: the autoencoders' epochs (the stack: per layer).
        budgets: labelled examples per class-balanced subset; 0 = all training rows (≤ ``MAX_LABELS``).
        unlabelled_rows: training rows the features are fitted on (the autoencoders train on them); None = all.
        test_rows: test rows scored; None = all.
    """

    data: str = "digits"
    code: int = 32
    hidden: tuple[int, ...] = (128,)
    epochs: int = 30
    budgets: tuple[int, ...] = BUDGETS
    seed: int = 0
    unlabelled_rows: int | None = None
    test_rows: int | None = None
    hog_orientations: int = 9
    gabor_frequencies: tuple[float, ...] = (0.1, 0.25)  # cycles per pixel on a 28-pixel image, scaled to the image
    gabor_orientations: int = 4

    def __post_init__(self):
        object.__setattr__(self, "hidden", tuple(int(h) for h in self.hidden))
        object.__setattr__(self, "budgets", tuple(int(n) for n in self.budgets))
        if not 1 <= int(self.code) <= 4096:
            raise ValueError(f"code must be between 1 and 4096; got {self.code}.")
        if not self.budgets or any(n < 0 for n in self.budgets):
            raise ValueError(f"budgets must be numbers of labelled examples (0 = all); got {list(self.budgets)}.")
        if not 1 <= int(self.epochs) <= 1000:
            raise ValueError(f"epochs must be between 1 and 1000; got {self.epochs}.")
        if int(self.gabor_orientations) < 1 or not self.gabor_frequencies:
            raise ValueError("the Gabor bank needs at least one frequency and one orientation.")

    def data_config(self) -> DataConfig:
        return DataConfig(name=self.data, limit=self.unlabelled_rows, seed=self.seed)


# What one click on the page runs, per data set (read at each use: a test may swap in shorter ones).
# MNIST-sized sets fit the features and train the autoencoders on 10,000 unlabelled rows (the budgets
# draw their labels from the same rows), so that one run takes minutes, not an hour.
PAGE_RUNS = {"digits": FeaturesConfig("digits", epochs=30),
             "mnist": FeaturesConfig("mnist", epochs=10, unlabelled_rows=10_000),
             "fashion-mnist": FeaturesConfig("fashion-mnist", epochs=10, unlabelled_rows=10_000)}


@dataclass
class FeatureResult:
    """One feature set's numbers: accuracy and classifier seconds per budget (same order as ``budgets``)."""

    name: str
    dim: int
    fit_seconds: float  # fitting the features on the unlabelled rows and computing them for the labelled and test rows
    budgets: list[int]  # labelled examples actually used per budget
    accuracy: list[float]
    classify_seconds: list[float]

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


# ---- hand-crafted features -----------------------------------------------------------------
def hog_features(x: np.ndarray, image_shape: tuple[int, int], orientations: int = 9) -> np.ndarray:
    """HOG of each image row (N, H·W) → (N, 3·3·2·2·orientations) for 4 × 4 cells in 2 × 2 blocks.

    Cells are H // 4 × W // 4 pixels (2 × 2 on digits' 8 × 8, 7 × 7 on MNIST's 28 × 28); blocks
    are L2-Hys normalized, as in Dalal & Triggs.
    """
    from skimage.feature import hog

    h, w = (int(s) for s in image_shape)
    cell = (max(1, h // HOG_CELLS), max(1, w // HOG_CELLS))
    imgs = np.asarray(x, np.float32).reshape(-1, h, w)
    out = [hog(img, orientations=int(orientations), pixels_per_cell=cell, cells_per_block=(2, 2),
               block_norm="L2-Hys", feature_vector=True) for img in imgs]
    return np.asarray(out, np.float32).reshape(len(imgs), -1)


def gabor_bank(image_shape: tuple[int, int], frequencies: Sequence[float] = (0.1, 0.25),
               orientations: int = 4) -> list[np.ndarray]:
    """Complex Gabor kernels, one per (frequency, orientation), frequency-major.

    ``frequencies`` are cycles per pixel for a 28-pixel-high image; on a smaller image they are
    scaled up by 28 / H (capped at 0.45, below the Nyquist limit of 0.5), so that the filters
    see strokes of the same relative width. Orientations are θ = kπ / orientations.
    """
    from skimage.filters import gabor_kernel

    scale = 28.0 / float(image_shape[0])
    return [np.asarray(gabor_kernel(min(0.45, f * scale), theta=np.pi * k / int(orientations)))
            for f in frequencies for k in range(int(orientations))]


def gabor_features(x: np.ndarray, image_shape: tuple[int, int], bank: Sequence[np.ndarray]) -> np.ndarray:
    """|image ∗ kernel| for each kernel, averaged over a 4 × 4 grid of cells: (N, len(bank) · 16)."""
    from scipy.signal import fftconvolve

    h, w = (int(s) for s in image_shape)
    imgs = np.asarray(x, np.float64).reshape(-1, h, w)
    ys = np.array_split(np.arange(h), GABOR_GRID)
    xs = np.array_split(np.arange(w), GABOR_GRID)
    out = []
    for kern in bank:
        resp = np.abs(fftconvolve(imgs, kern[None], mode="same", axes=(1, 2)))  # (N, H, W)
        out.append(np.stack([resp[:, r][:, :, c].mean((1, 2)) for r in ys for c in xs], axis=1))
    return np.concatenate(out, axis=1).astype(np.float32)


def pca_features(x_fit: np.ndarray, k: int) -> Callable[[np.ndarray], np.ndarray]:
    """The map x ↦ (x − mean) Vₖᵀ onto the top-k principal directions of ``x_fit`` (``metrics.pca_fit``)."""
    mean, vt, _ = pca_fit(x_fit)
    v = vt[: int(k)]
    return lambda x: ((np.asarray(x, np.float64) - mean) @ v.T).astype(np.float32)


def random_projection(dim: int, k: int, seed: int = 0) -> np.ndarray:
    """A seeded Gaussian random matrix (D, k) with entries N(0, 1/k) (Johnson–Lindenstrauss scaling)."""
    return (np.random.default_rng(seed).standard_normal((int(dim), int(k))) / np.sqrt(k)).astype(np.float32)


def hand_features(name: str, cfg: FeaturesConfig, x_fit: np.ndarray,
                  image_shape: tuple[int, int] | None) -> Callable[[np.ndarray], np.ndarray]:
    """Fit the hand-crafted feature set ``name`` (one of ``HAND``) on the unlabelled rows ``x_fit``; return its map."""
    if name == "pixels":
        return lambda x: np.asarray(x, np.float32)
    if name == "pca":
        return pca_features(x_fit, cfg.code)
    if name == "random":
        p = random_projection(x_fit.shape[1], cfg.code, cfg.seed)
        return lambda x: np.asarray(x, np.float32) @ p
    if image_shape is None:
        raise ValueError(f"{name} features need images; this data set's rows are not images.")
    if name == "hog":
        return lambda x: hog_features(x, image_shape, cfg.hog_orientations)
    if name == "gabor":
        bank = gabor_bank(image_shape, cfg.gabor_frequencies, cfg.gabor_orientations)
        return lambda x: gabor_features(x, image_shape, bank)
    raise ValueError(f"unknown feature set {name!r}; choose one of {', '.join(HAND)}.")


# ---- the autoencoders ----------------------------------------------------------------------
def ae_specs(cfg: FeaturesConfig, variants: Sequence[str] = AE_VARIANTS) -> dict[str, FitSpec]:
    """One spec per variant: the same data (unlabelled rows), code width, hidden layers and epochs.

    Each variant keeps its own penalty and training defaults (``Variant.train_defaults``: the stack
    trains at 10⁻²). The stack gets ``finetune_epochs=0``: fine-tuning would use every label, and
    the point is that every feature set sees the same few.
    """
    shared = FitSpec(cfg.data_config(), ModelConfig(latent=cfg.code, hidden=cfg.hidden),
                     TrainConfig(epochs=cfg.epochs, seed=cfg.seed))
    out = {}
    for name in variants:
        spec = shared.with_variant(name)
        train = dataclasses.replace(spec.train, **variant(name).train_defaults)
        model = spec.model
        if name == "stacked":
            model = dataclasses.replace(model, finetune_epochs=0, label_budgets=())
        out[name] = dataclasses.replace(spec, model=model, train=train)
    return out


# ---- labels, probes ------------------------------------------------------------------------
@dataclass
class Prepared:
    """The rows every feature set is measured on."""

    ds: Dataset
    budgets: list[int]  # labelled examples per budget (0 resolved)
    subsets: list[np.ndarray]  # indices into ds.x_train per budget, nested
    labelled: np.ndarray  # the union (= the largest subset), sorted
    test: np.ndarray  # indices into ds.x_test


def prepare(cfg: FeaturesConfig, ds: Dataset | None = None) -> Prepared:
    """Load the data and draw the nested, class-balanced label subsets (``labels.balanced_subset``)."""
    ds = ds or load_dataset(cfg.data_config())
    if ds.y_train is None or ds.n_classes < 2:
        raise ValueError(f"the data set {ds.name!r} has no class labels: choose a labelled set such as digits.")
    n_all = min(ds.n_train, MAX_LABELS)
    budgets = sorted({n_all if n == 0 else min(int(n), n_all) for n in cfg.budgets})
    # every row when "all" fits under the cap (not balanced: the classes are as the data has them);
    # otherwise balanced subsets, nested, the largest included
    subsets = [np.arange(ds.n_train) if n == ds.n_train else balanced_subset(ds.y_train, n, ds.n_classes, cfg.seed)
               for n in budgets]
    n_test = ds.n_test if cfg.test_rows is None else min(int(cfg.test_rows), ds.n_test)
    return Prepared(ds, budgets, subsets, subsets[-1], np.arange(n_test))


def probe_budgets(prep: Prepared, z_labelled: np.ndarray, z_test: np.ndarray, seed: int = 0) -> tuple[list, list]:
    """Accuracy and seconds of ``metrics.linear_probe`` per budget.

    ``z_labelled`` are the features of ``prep.labelled`` (in its order), ``z_test`` those of ``prep.test``.
    """
    pos = {int(i): j for j, i in enumerate(prep.labelled)}
    y_test = prep.ds.y_test[prep.test]
    acc, secs = [], []
    for rows in prep.subsets:
        idx = np.array([pos[int(i)] for i in rows])
        t0 = time.perf_counter()
        acc.append(linear_probe(z_labelled[idx], prep.ds.y_train[rows], z_test, y_test, seed, max_rows=len(idx)))
        secs.append(time.perf_counter() - t0)
    return acc, secs


def measure_map(prep: Prepared, name: str, fmap: Callable[[np.ndarray], np.ndarray], fit_seconds: float,
                seed: int = 0) -> FeatureResult:
    """Features of the labelled and test rows through ``fmap``, then the probes; ``fit_seconds`` is what fitting cost."""
    t0 = time.perf_counter()
    z_lab = fmap(prep.ds.x_train[prep.labelled])
    z_test = fmap(prep.ds.x_test[prep.test])
    seconds = fit_seconds + time.perf_counter() - t0
    acc, secs = probe_budgets(prep, z_lab, z_test, seed)
    return FeatureResult(name, int(z_lab.shape[1]), seconds, list(prep.budgets), acc, secs)


def measure_hand(prep: Prepared, cfg: FeaturesConfig, name: str) -> FeatureResult:
    t0 = time.perf_counter()
    fmap = hand_features(name, cfg, prep.ds.x_train, prep.ds.image_shape)
    return measure_map(prep, name, fmap, time.perf_counter() - t0, cfg.seed)


def measure_codes(prep: Prepared, name: str, model, train_seconds: float, seed: int = 0) -> FeatureResult:
    """The codes φ(x) of a trained autoencoder (a VAE: μ) as features; ``train_seconds`` is its training time."""
    return measure_map(prep, name, lambda x: encode(model, x), float(train_seconds), seed)


# ---- what the table says ----------------------------------------------------------------------
def summary(results: Mapping[str, FeatureResult]) -> dict:
    """Numbers for the page's sentence, per budget: the best feature set, the best code, the best hand-crafted one.

    Returns:
        budgets; best[i] (name), best_code[i], best_hand[i] (names, None when a group is absent);
        and acc[name][i]; few = index of the smallest budget, most = of the largest.
    """
    if not results:
        raise ValueError("results is empty: measure at least one feature set.")
    names = list(results)
    budgets = results[names[0]].budgets
    acc = {n: r.accuracy for n, r in results.items()}
    codes = [n for n in names if n in AE_VARIANTS]
    hand = [n for n in names if n in HAND and n != "pixels"]

    def top(group, i):
        return max(group, key=lambda n: acc[n][i]) if group else None

    return {"budgets": budgets, "acc": acc, "few": 0, "most": len(budgets) - 1,
            "best": [top(names, i) for i in range(len(budgets))],
            "best_code": [top(codes, i) for i in range(len(budgets))],
            "best_hand": [top(hand, i) for i in range(len(budgets))]}


# ---- the page's background run -----------------------------------------------------------------
@dataclass
class ComparisonTask:
    """The comparison of one ``FeaturesConfig`` in a background thread.

    The hand-crafted feature sets are measured at once; each autoencoder's codes as soon as its
    job (``jobs``: variant → an object with ``done`` (threading.Event) and ``result`` (FitResult or
    None)) has finished. ``progress`` (0..1), ``current`` (what is being measured), ``results`` and
    ``error`` may be read from any thread.
    """

    cfg: FeaturesConfig
    jobs: Mapping[str, object]
    results: dict[str, FeatureResult] = field(default_factory=dict)
    current: str = ""
    error: str = ""
    done: threading.Event = field(default_factory=threading.Event)
    started: float = field(default_factory=time.time)
    finished: float | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def total(self) -> int:
        return len(HAND) + len(self.jobs)

    @property
    def progress(self) -> float:
        with self._lock:
            return 1.0 if self.done.is_set() else len(self.results) / self.total

    def snapshot(self) -> dict[str, FeatureResult]:
        with self._lock:
            return dict(self.results)

    def start(self) -> ComparisonTask:
        threading.Thread(target=self._run, name="features-comparison", daemon=True).start()
        return self

    def _put(self, r: FeatureResult) -> None:
        with self._lock:
            self.results[r.name] = r

    def _run(self) -> None:
        try:
            from threadpoolctl import threadpool_limits

            with threadpool_limits(1):  # leave the other cores to the autoencoders' jobs and the page
                prep = prepare(self.cfg)
                for name in HAND:
                    self.current = name
                    self._put(measure_hand(prep, self.cfg, name))
                for name, job in self.jobs.items():
                    self.current = name
                    job.done.wait()
                    result = getattr(job, "result", None)
                    if result is None:
                        continue  # stopped or failed: its row stays empty
                    self._put(measure_codes(prep, name, result.model, result.train.train_seconds, self.cfg.seed))
        except Exception as e:  # shown by the page; the thread must not die silently
            self.error = f"{type(e).__name__}: {e}"
        finally:
            self.current = ""
            self.finished = time.time()
            self.done.set()

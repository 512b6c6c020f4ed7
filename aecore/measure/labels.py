"""Label budgets: how test accuracy depends on the number of labelled examples.

Erhan et al., "Why does unsupervised pre-training help deep learning?" (JMLR 2010): greedy
pretraining acts as a prior on the weights, and it helps most when labels are few. ``Fit``
pretrains a stack once, unsupervised, on every training image, then for each budget n it
fine-tunes a copy on a class-balanced subset of n labelled images, trains the same network from
random weights on that subset, and fits a logistic regression on its pixels. This module holds
the pieces that do not train a network: the subsets, the repeated epochs, the pixel baseline and
the metric keys.
"""

from __future__ import annotations

import dataclasses

import numpy as np

# Metric keys (lists, one entry per budget, in the order of ``StackedConfig.label_budgets``).
N_KEY, PRETRAINED_KEY, SCRATCH_KEY, LOGREG_KEY = ("labels_n", "labels_pretrained", "labels_scratch",
                                                  "labels_logreg")
SECONDS_KEY = "labels_seconds"  # wall time of the whole budget experiment after pretraining (s)
# A budget run's epoch is its subset repeated to at least this many rows: 20 images would
# otherwise make one step an epoch, and ``finetune_epochs`` epochs would be a handful of steps.
EPOCH_ROWS = 2048


def balanced_subset(y: np.ndarray, n: int, n_classes: int, seed: int) -> np.ndarray:
    """Indices (n,) of a seeded, class-balanced subset of the labels ``y`` (N,), sorted.

    Each class gets n // C rows, and n % C classes (a seeded choice) one more. Subsets of one seed
    are nested: the subset for n is part of the subset for every larger n, so a curve over budgets
    adds examples instead of drawing new ones.
    """
    y = np.asarray(y).ravel()
    if not 1 <= int(n) <= len(y):
        raise ValueError(f"a label budget must be between 1 and {len(y)} (the labelled training rows); got {n}.")
    if n < n_classes:
        raise ValueError(f"a label budget of {n} cannot hold one example of each of the {n_classes} classes; "
                         f"use at least {n_classes}.")
    rng = np.random.default_rng(seed)
    order = rng.permutation(n_classes)  # which classes get the remainder
    per_class = {c: rng.permutation(np.flatnonzero(y == c)) for c in range(n_classes)}
    counts = np.zeros(n_classes, int)
    for m in range(int(n)):  # example m goes to class order[m mod C]: counts grow monotonically with n
        counts[order[m % n_classes]] += 1
    short = [c for c in range(n_classes) if counts[c] > len(per_class[c])]
    if short:
        c = short[0]
        raise ValueError(f"a label budget of {n} needs {counts[c]} examples of class {c}, but the training set has "
                         f"{len(per_class[c])}; choose a budget of at most {n_classes * min(map(len, per_class.values()))}.")
    return np.sort(np.concatenate([per_class[c][: counts[c]] for c in range(n_classes)]))


def repeat_rows(n: int, seed: int, rows: int = EPOCH_ROWS) -> np.ndarray:
    """Indices into n rows, each row repeated, a seeded order, at least ``rows`` long (max(n, rows) rounded up to whole copies)."""
    copies = max(1, -(-int(rows) // int(n)))
    return np.random.default_rng(seed).permutation(np.tile(np.arange(n), copies))


def logreg_accuracy(x_train: np.ndarray, y_train: np.ndarray, x_test: np.ndarray, y_test: np.ndarray) -> float:
    """Test accuracy of a multinomial logistic regression on the raw inputs (L2, C = 1, L-BFGS)."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=1.0, max_iter=500)
    clf.fit(np.asarray(x_train, np.float64), np.asarray(y_train))
    return float(clf.score(np.asarray(x_test, np.float64), np.asarray(y_test)))


def budget_table(metrics: dict) -> list[dict] | None:
    """The budget experiment of a run's metrics as rows {n, pretrained, scratch, logreg}; None if it has none."""
    keys = (N_KEY, PRETRAINED_KEY, SCRATCH_KEY, LOGREG_KEY)
    cols = [metrics.get(k) for k in keys]
    if any(not isinstance(c, list | tuple) for c in cols) or len({len(c) for c in cols}) != 1 or not cols[0]:
        return None
    return [dict(zip(("n", "pretrained", "scratch", "logreg"), row, strict=True)) for row in zip(*cols, strict=True)]


# ---- several seeds: the curve a page draws and the sentence it says ---------------------------
METHODS = ("pretrained", "scratch", "logreg")
# Pretraining "helps" at a budget when it beats scratch on every seed and by at least this much on
# average (accuracy, not points): smaller gaps are within what one more seed can change.
HELP_MARGIN = 0.01


def budget_specs(spec, seeds: int = 3, budgets: tuple[int, ...] = (20, 50, 100, 500, 0),
                 n_train: int | None = None, n_classes: int | None = None) -> list:
    """``seeds`` copies of a stacked FitSpec with ``label_budgets``, seeds spec.train.seed + 0, 1, ….

    Budgets a data set cannot hold (fewer labelled training rows than n, or fewer than one example
    per class) are dropped when ``n_train`` / ``n_classes`` are given; 0 (all labels) always stays.
    """
    if not 1 <= int(seeds) <= 10:
        raise ValueError(f"seeds must be between 1 and 10; got {seeds}.")
    keep = tuple(n for n in budgets if n == 0 or ((n_train is None or n < n_train) and
                                                  (n_classes is None or n >= n_classes)))
    model = dataclasses.replace(spec.model, label_budgets=keep)
    return [dataclasses.replace(spec, model=model, train=dataclasses.replace(spec.train, seed=spec.train.seed + i))
            for i in range(int(seeds))]


def summarize(tables: list[list[dict]], budgets: tuple[int, ...] | None = None) -> list[dict]:
    """Per budget, over seeds: {n, all, <method>_mean, <method>_sd, <method>_all (one per seed), gap_mean, helps}.

    ``budgets``: the spec's ``label_budgets`` (0 = all labels), to mark that row's ``all``.

    ``tables``: one ``budget_table`` per seed, the same budgets in the same order (the "all" row may
    differ in n between seeds only if their splits do; the first seed's n is kept). sd is the
    sample standard deviation (0 for one seed); ``helps`` see ``HELP_MARGIN``.
    """
    if not tables or any(t is None or len(t) != len(tables[0]) for t in tables):
        raise ValueError("summarize needs one budget table per seed, all with the same budgets.")
    out = []
    for i, first in enumerate(tables[0]):
        row = {"n": int(first["n"]), "all": budgets is not None and i < len(budgets) and budgets[i] == 0}
        for m in METHODS:
            v = np.array([t[i][m] for t in tables if t[i][m] is not None], float)
            row[f"{m}_all"] = v.tolist()
            row[f"{m}_mean"] = float(v.mean()) if v.size else None
            row[f"{m}_sd"] = float(v.std(ddof=1)) if v.size > 1 else 0.0
        gaps = [t[i]["pretrained"] - t[i]["scratch"] for t in tables if t[i]["scratch"] is not None]
        row["gap_mean"] = float(np.mean(gaps)) if gaps else None
        row["helps"] = bool(gaps) and min(gaps) > 0 and float(np.mean(gaps)) >= HELP_MARGIN
        out.append(row)
    return out


def verdict(summary: list[dict]) -> dict:
    """Where pretraining helps, as facts a sentence can be written from.

    Returns:
        dict with ``case`` ("everywhere", "few", "nowhere", "mixed"), ``first`` and ``last`` (the
        smallest and largest budget's rows), ``helps_upto`` (largest n up to which every budget
        helps; None if the smallest does not), ``seeds`` (number of seeds), ``logreg_first`` (the
        pretrained minus logistic-regression accuracy at the smallest budget).
    """
    rows = sorted(summary, key=lambda r: r["n"])
    helps = [r["helps"] for r in rows]
    upto = None
    for r, h in zip(rows, helps, strict=True):
        if not h:
            break
        upto = r["n"]
    if all(helps):
        case = "everywhere"
    elif not any(helps):
        case = "nowhere"
    elif helps[0] and upto is not None and not any(helps[helps.index(False):]):
        case = "few"
    else:
        case = "mixed"
    first, last = rows[0], rows[-1]
    return {"case": case, "first": first, "last": last, "helps_upto": upto,
            "seeds": len(first["pretrained_all"]),
            "logreg_first": first["pretrained_mean"] - first["logreg_mean"]}

"""Fit the relation model: a feature vocabulary, a multinomial logistic regression over "no
relation" and the relations, out-of-fold probabilities by article (the fits in parallel processes),
and temperature calibration."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..relations.model import allowed_mask
from .examples import Example

__all__ = [
    "Design",
    "design",
    "fit_softmax",
    "fit_all",
    "softmax_probs",
    "temperature",
    "labels_of",
]


@dataclass(frozen=True)
class Design:
    """The examples as a matrix, their training rows and targets, and the labels each admits.

    rows / targets: one row per (example, positive label), or one "no relation" row (target 0)
    for an example with no positive and no ignored label; ambiguous examples get no row.
    """

    vocab: dict[str, int]
    X: object  # scipy.sparse.csr_matrix (n_examples x (n_features + dense))
    labels: tuple[str, ...]
    rows: np.ndarray
    targets: np.ndarray
    allowed: np.ndarray  # (n_examples x n_labels) bool
    dense: int


def labels_of(examples: Sequence[Example], min_positives: int) -> tuple[str, ...]:
    """The relations with at least `min_positives` positive examples (sorted)."""
    counts = Counter(lab for ex in examples for lab in ex.positive)
    return tuple(sorted(lab for lab, n in counts.items() if n >= min_positives))


def design(
    examples: Sequence[Example], labels: Sequence[str], *, min_count: int, dense_scale: float = 0.0
) -> Design:
    """Vectorise examples; the vocabulary keeps features seen in at least `min_count` examples.
    Dense vectors are appended after the sparse columns, times `dense_scale` (none when 0)."""
    from scipy.sparse import csr_matrix, hstack

    df = Counter(f for ex in examples for f in set(ex.features))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= min_count))}
    r, c = [], []
    for i, ex in enumerate(examples):
        for j in sorted({vocab[f] for f in ex.features if f in vocab}):
            r.append(i)
            c.append(j)
    X = csr_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(len(examples), len(vocab)))
    dense = 0
    if dense_scale and examples:
        D = np.vstack([ex.dense.astype(np.float64) for ex in examples]) * dense_scale
        dense = D.shape[1]
        X = hstack([X, csr_matrix(D)], format="csr")
    col = {lab: j + 1 for j, lab in enumerate(labels)}
    rows, targets = [], []
    for i, ex in enumerate(examples):
        pos = sorted(col[lab] for lab in ex.positive if lab in col and lab in ex.allowed)
        if pos:
            rows += [i] * len(pos)
            targets += pos
        elif not (ex.ignore & set(labels)):
            rows.append(i)
            targets.append(0)
    allowed = allowed_mask(labels, [ex.allowed for ex in examples])
    return Design(vocab, X, tuple(labels), np.array(rows), np.array(targets), allowed, dense)


def fit_softmax(d: Design, rows: np.ndarray, targets: np.ndarray, *, C: float) -> np.ndarray:
    """Weights (n_columns + 1) x (1 + n_labels) of a multinomial logistic regression (bias last).
    A class absent from the training rows keeps a very low bias."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C, solver="lbfgs", max_iter=1000, tol=1e-5)
    clf.fit(d.X[rows], targets)
    out = np.zeros((d.X.shape[1] + 1, len(d.labels) + 1), dtype=np.float64)
    out[-1] = -30.0
    coef = clf.coef_ if len(clf.classes_) > 2 else np.vstack([-clf.coef_[0], clf.coef_[0]]) / 2
    bias = clf.intercept_ if len(clf.classes_) > 2 else np.array([-clf.intercept_[0], clf.intercept_[0]]) / 2
    for k, cls in enumerate(clf.classes_):
        out[:-1, cls] = coef[k]
        out[-1, cls] = bias[k]
    return out


def _scores(d: Design, weights: np.ndarray, idx: np.ndarray) -> np.ndarray:
    return np.asarray(d.X[idx] @ weights[:-1]) + weights[-1]


def softmax_probs(z: np.ndarray, allowed: np.ndarray, temp: float = 1.0) -> np.ndarray:
    """Label probabilities from scores z (n x (1 + L)) with disallowed labels left out."""
    z = z / temp
    z = np.concatenate([z[:, :1], np.where(allowed, z[:, 1:], -np.inf)], axis=1)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _folds(groups: Sequence[str], folds: int) -> np.ndarray:
    """The fold of each example: its article's position among the sorted article ids, modulo `folds`."""
    ids = sorted(set(groups))
    fold_of = {a: i % folds for i, a in enumerate(ids)}
    return np.array([fold_of[g] for g in groups], dtype=int)


_JOB: dict = {}  # the design of the running fit_all, inherited by forked workers


def _fit_job(k: int) -> tuple[int, np.ndarray]:
    """Fold k's weights (k = -1: all training rows), from the design `fit_all` put in `_JOB`."""
    d, fold, C = _JOB["design"], _JOB["fold"], _JOB["C"]
    keep = np.ones(len(d.rows), dtype=bool) if k < 0 else fold[d.rows] != k
    return k, fit_softmax(d, d.rows[keep], d.targets[keep], C=C)


def _workers(requested: int | None) -> int:
    """Worker processes for the fits: `requested`, else the CPUs this process may use; one where
    processes cannot be forked (the design is shared with the workers by forking)."""
    import multiprocessing as mp
    import os

    if "fork" not in mp.get_all_start_methods():
        return 1
    if requested:
        return max(1, requested)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def fit_all(
    d: Design, groups: Sequence[str], *, folds: int, C: float, workers: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(out-of-fold scores z of every example, weights fitted on every training row).

    The `folds` fits (each without one fold of articles, folds by sorted id) and the final fit are
    independent, so they run in `workers` processes at once; each is the same deterministic lbfgs
    fit whichever process runs it, so the result does not depend on the number of workers."""
    fold = _folds(groups, folds)
    jobs = [k for k in range(folds) if (fold == k).any() and (fold[d.rows] != k).any()] + [-1]
    n = min(_workers(workers), len(jobs))
    _JOB.update(design=d, fold=fold, C=C)
    try:
        if n > 1:
            import multiprocessing as mp

            with mp.get_context("fork").Pool(n) as pool:
                fitted = dict(pool.map(_fit_job, jobs, chunksize=1))
        else:
            fitted = dict(map(_fit_job, jobs))
    finally:
        _JOB.clear()
    z = np.zeros((len(groups), len(d.labels) + 1))
    for k, weights in fitted.items():
        if k >= 0:
            test = np.flatnonzero(fold == k)
            z[test] = _scores(d, weights, test)
    return z, fitted[-1]


def temperature(z: np.ndarray, d: Design) -> float:
    """The temperature that minimises the held-out negative log-likelihood of the training rows."""
    best_t, best_nll = 1.0, np.inf
    for t in np.round(np.arange(0.5, 3.01, 0.05), 2):
        p = softmax_probs(z[d.rows], d.allowed[d.rows], float(t))
        nll = -np.log(np.clip(p[np.arange(len(d.rows)), d.targets], 1e-12, None)).mean()
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return best_t

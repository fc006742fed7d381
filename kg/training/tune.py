"""Choose the model's per-relation thresholds and its veto on out-of-fold probabilities of the
training articles (never on the development set), by the strict F1 of the triples `kg extract`
would print.

For `--source both` the choice keeps precision at least that of the rules alone: the model may add
recall and veto rule triples, never make the output less precise. For `--source model` each
relation's threshold maximises the model's own F1.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..evaluate import score
from ..ontology import symmetric
from .examples import ArticleExamples

__all__ = [
    "Choice",
    "Scorer",
    "Triples",
    "choose",
    "ablation",
    "THRESHOLDS",
    "VETOES",
    "VETO_MIN_GAIN",
    "OFF",
]

THRESHOLDS = tuple(round(float(x), 2) for x in np.arange(0.2, 0.96, 0.05))
VETOES = (0.0, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2)
VETO_MIN_GAIN = 0.005  # out-of-fold strict F1 a veto must add to be used
OFF = 1.01  # a threshold no probability reaches: the relation is left to the rules

Key = tuple[str, str, str, str]


@dataclass(frozen=True, slots=True)
class Choice:
    """Per-label thresholds and a veto with the out-of-fold strict scores they give."""

    thresholds: tuple[float, ...]
    veto: float
    precision: float
    recall: float
    f1: float


class Scorer:
    """Strict scores of predicted keys against the gold of the articles, as `kg.evaluate.score`
    computes them, with the gold's variants (alternatives, symmetric order) built once."""

    def __init__(self, arts: Sequence[ArticleExamples], canon: Callable[[str], str]) -> None:
        sym = symmetric()
        self.variants: list[frozenset[Key]] = []
        for a in arts:
            for g in a.gold:
                out = set()
                for s in (g.s, *g.alt_s):
                    for o in (g.o, *g.alt_o):
                        for p in (g.p, *g.alt_p):
                            out.add((a.article, canon(s), p, canon(o)))
                            if p in sym:
                                out.add((a.article, canon(o), p, canon(s)))
                self.variants.append(frozenset(out))
        self.sym = sym

    def __call__(self, pred: set[Key]) -> tuple[float, float, float]:
        used: set[Key] = set()
        hits = 0
        for v in self.variants:
            hit = v & pred
            if hit:
                used |= hit
                hits += 1
        fps: set[Key] = set()
        for a, s, p, o in sorted(pred - used):
            twin = (a, o, p, s)
            if p in self.sym and (twin in used or twin in fps):
                continue
            fps.add((a, s, p, o))
        n = len(used) + len(fps)
        prec = hits / n if n else 0.0  # as kg.evaluate counts it: gold triples found per prediction
        rec = hits / len(self.variants) if self.variants else 0.0
        return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


class Triples:
    """The keys each setting predicts: rule triples with the model's probability of each, and model
    triples with theirs, so that a threshold or veto is applied by a comparison."""

    def __init__(
        self,
        arts: Sequence[ArticleExamples],
        probs: Sequence[np.ndarray],
        labels: Sequence[str],
        canon: Callable[[str], str],
    ) -> None:
        sym = symmetric()
        col = {lab: j for j, lab in enumerate(labels)}
        self.rules: list[tuple[Key, float | None]] = []  # (key, model probability of it or None)
        self.model: list[tuple[Key, int, float]] = []  # (key, label column, probability)
        # per label column: the negated probabilities in ascending order and their keys, so that the
        # keys a threshold admits are a prefix (the search tries thousands of thresholds)
        self._ranked: dict[int, tuple[list[float], list[Key]]] = {}
        for art, p in zip(arts, probs, strict=True):
            index = {(ex.sent, ex.subject, ex.object): (ex, p[i]) for i, ex in enumerate(art.examples)}
            for s, pred, o, sent in art.rules:
                hit = index.get((sent, s, o)) or (index.get((sent, o, s)) if pred in sym else None)
                prob = float(hit[1][col[pred]]) if hit and pred in col and pred in hit[0].allowed else None
                self.rules.append(((art.article, canon(s), pred, canon(o)), prob))
            for i, ex in enumerate(art.examples):
                if ex.modality != "asserted":
                    continue
                for lab in ex.allowed:
                    if lab in col:
                        key = (art.article, canon(ex.subject), lab, canon(ex.object))
                        self.model.append((key, col[lab], float(p[i][col[lab]])))
        by_col: dict[int, list[tuple[float, Key]]] = {}
        for key, j, prob in self.model:
            by_col.setdefault(j, []).append((-prob, key))
        for j, rows in by_col.items():
            rows.sort(key=lambda r: r[0])
            self._ranked[j] = ([r[0] for r in rows], [r[1] for r in rows])

    def keys(self, thresholds: Sequence[float] | None, veto: float | None, rules: bool) -> set[Key]:
        out: set[Key] = set()
        if rules:
            out |= {k for k, prob in self.rules if veto is None or prob is None or prob >= veto}
        if thresholds is not None:
            for j, (neg, keys) in self._ranked.items():  # the keys with probability >= the threshold
                out.update(keys[: bisect_right(neg, -thresholds[j])])
        return out


def _greedy(
    triples: Triples, scorer: Scorer, n_labels: int, *, veto: float | None, rules: bool, floor: float
) -> Choice:
    """Per-label thresholds by coordinate ascent (two passes) on F1, precision kept >= floor."""
    th = [OFF] * n_labels
    best = Choice(tuple(th), veto or 0.0, *scorer(triples.keys(th, veto, rules)))
    for _ in range(2):
        for j in range(n_labels):
            for t in (*THRESHOLDS, OFF):
                trial = list(best.thresholds)
                trial[j] = t
                p, r, f = scorer(triples.keys(trial, veto, rules))
                if p >= floor and f > best.f1:
                    best = Choice(tuple(trial), veto or 0.0, p, r, f)
    return best


def choose(triples: Triples, scorer: Scorer, n_labels: int) -> tuple[Choice, Choice]:
    """(for --source both, for --source model): the settings with the best out-of-fold strict F1;
    "both" never below the precision of the rules alone."""
    rules_p = scorer(triples.keys(None, None, True))[0]
    trials = [_greedy(triples, scorer, n_labels, veto=v, rules=True, floor=rules_p) for v in VETOES]
    both = max(trials, key=lambda c: (c.f1, -c.veto))
    if both.veto and both.f1 < trials[0].f1 + VETO_MIN_GAIN:
        # a veto that buys almost nothing on the training articles costs rule triples the model has not
        # learnt to see elsewhere (the sample articles, the event-coded sentences): keep the rules whole
        both = trials[0]
    alone = _greedy(triples, scorer, n_labels, veto=None, rules=False, floor=0.0)
    return both, alone


def ablation(
    arts: Sequence[ArticleExamples],
    triples: Triples,
    canon: Callable[[str], str],
    both: Choice,
    alone: Choice,
) -> dict[str, dict[str, float]]:
    """Out-of-fold strict and pair scores of rules only, model only and both (kg's scorer)."""
    gold = [g.as_gold() for a in arts for g in a.gold]
    ids = [a.article for a in arts]
    settings = {
        "rules": triples.keys(None, None, True),
        "model": triples.keys(alone.thresholds, None, False),
        "both": triples.keys(both.thresholds, both.veto, True),
    }
    out = {}
    for name, keys in settings.items():
        rows = [{"article": a, "subject": s, "predicate": p, "object": o} for a, s, p, o in sorted(keys)]
        rep = score(gold, rows, folder=canon, articles=ids)
        out[name] = {
            "P": round(rep.strict.precision, 4),
            "R": round(rep.strict.recall, 4),
            "F1": round(rep.strict.f1, 4),
            "pair_F1": round(rep.pairs.f1, 4),
        }
    return out

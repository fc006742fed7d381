"""Choose the model's threshold and veto on out-of-fold scores of the training articles, by the
strict F1 of the triples that `kg extract --source both` would print (never on the development set)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..evaluate import score
from ..ontology import symmetric
from .examples import ArticleExamples

__all__ = ["Choice", "predict_rows", "choose", "ablation", "THRESHOLDS", "VETOES"]

THRESHOLDS = tuple(round(float(x), 2) for x in np.arange(0.2, 0.96, 0.05))
VETOES = (0.0, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2)


@dataclass(frozen=True, slots=True)
class Choice:
    """A threshold and veto with the out-of-fold scores they give."""

    threshold: float
    veto: float
    precision: float
    recall: float
    f1: float


def predict_rows(
    arts: Sequence[ArticleExamples],
    probs: Sequence[np.ndarray],
    labels: Sequence[str],
    *,
    threshold: float | None,
    veto: float | None,
    rules: bool,
) -> list[dict]:
    """Triples (as scorer rows) from rules (minus vetoed ones) and model scores at a threshold."""
    sym = symmetric()
    col = {lab: j for j, lab in enumerate(labels)}
    rows = []
    for art, p in zip(arts, probs, strict=True):
        index = {(ex.sent, ex.subject, ex.object): (ex, p[i]) for i, ex in enumerate(art.examples)}
        if rules:
            for s, pred, o, sent in art.rules:
                hit = index.get((sent, s, o)) or (index.get((sent, o, s)) if pred in sym else None)
                vetoed = veto is not None and hit is not None and pred in col and pred in hit[0].allowed
                if vetoed and hit[1][col[pred]] < veto:
                    continue
                rows.append({"article": art.article, "subject": s, "predicate": pred, "object": o})
        if threshold is None:
            continue
        for i, ex in enumerate(art.examples):
            if ex.modality != "asserted":
                continue
            for lab in ex.allowed:
                if lab in col and p[i][col[lab]] >= threshold:
                    rows.append(
                        {"article": art.article, "subject": ex.subject, "predicate": lab, "object": ex.object}
                    )
    return rows


def choose(
    arts: Sequence[ArticleExamples],
    probs: Sequence[np.ndarray],
    labels: Sequence[str],
    canon: Callable[[str], str],
) -> Choice:
    """The (threshold, veto) with the best strict F1 among those at least as precise as the rules
    alone, so that the model adds recall without costing precision (no model triples and no veto
    when no setting is)."""
    gold = [g.as_gold() for a in arts for g in a.gold]
    ids = [a.article for a in arts]

    def run(t: float | None, v: float | None) -> Choice:
        rows = predict_rows(arts, probs, labels, threshold=t, veto=v, rules=True)
        rep = score(gold, rows, folder=canon, articles=ids)
        return Choice(
            1.0 if t is None else t,
            0.0 if v is None else v,
            rep.strict.precision,
            rep.strict.recall,
            rep.strict.f1,
        )

    rules = run(None, None)
    best = rules
    for t in THRESHOLDS:
        for v in VETOES:
            c = run(t, v)
            if c.precision >= rules.precision and c.f1 > best.f1:
                best = c
    return best


def ablation(
    arts: Sequence[ArticleExamples],
    probs: Sequence[np.ndarray],
    labels: Sequence[str],
    canon: Callable[[str], str],
    choice: Choice,
) -> dict[str, dict[str, float]]:
    """Out-of-fold strict and pair scores of rules only, model only and both at the chosen setting."""
    gold = [g.as_gold() for a in arts for g in a.gold]
    ids = [a.article for a in arts]
    settings = {
        "rules": {"threshold": None, "veto": None, "rules": True},
        "model": {"threshold": choice.threshold, "veto": None, "rules": False},
        "both": {"threshold": choice.threshold, "veto": choice.veto, "rules": True},
    }
    out = {}
    for name, kw in settings.items():
        rep = score(gold, predict_rows(arts, probs, labels, **kw), folder=canon, articles=ids)
        out[name] = {
            "P": round(rep.strict.precision, 4),
            "R": round(rep.strict.recall, 4),
            "F1": round(rep.strict.f1, 4),
            "pair_F1": round(rep.pairs.f1, 4),
        }
    return out

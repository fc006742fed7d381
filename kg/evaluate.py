"""Score extracted triples against hand-annotated gold, with the annotation guidelines' matching.

Gold lines: `{"article", "s", "p", "o"}` with optional `alt_s`, `alt_o`, `alt_p` (answers that also
count). Names are folded (case, diacritics, a leading "the", a trailing "'s", dots) and mapped to
canonical names through the gazetteer and an optional alias table. Strict: subject, predicate and
object all match (symmetric predicates either way round). Pairs: the unordered entity pair matches.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .annotations import fold, make_folder
from .errors import InputError
from .ontology import symmetric

__all__ = ["Score", "Report", "fold", "load_gold", "score", "make_folder"]

SYMMETRIC = symmetric()


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 with the counts behind them."""

    tp: int
    n_pred: int
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "P": round(self.precision, 3),
            "R": round(self.recall, 3),
            "F1": round(self.f1, 3),
            "tp": self.tp,
            "predicted": self.n_pred,
            "gold": self.n_gold,
        }


@dataclass(frozen=True, slots=True)
class Report:
    """Strict and pair scores, recall per predicate, misses and false positives."""

    strict: Score
    pairs: Score
    per_predicate: dict[str, Score]
    misses: tuple[tuple[str, str, str, str], ...]
    false_positives: tuple[tuple[str, str, str, str], ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "strict": self.strict.as_dict(),
            "pairs": self.pairs.as_dict(),
            "per_predicate": {k: v.as_dict() for k, v in sorted(self.per_predicate.items())},
            "misses": [list(m) for m in self.misses],
            "false_positives": [list(f) for f in self.false_positives],
        }


def _local(pred: str) -> str:
    return re.split(r"[#/:]", pred)[-1]


def _article_id(a: object) -> str:
    return re.sub(r"\.(txt|md|html?|jsonl?)(\.gz)?$", "", Path(str(a)).name)


def load_gold(path: str | Path) -> list[dict]:
    """Read a gold JSONL file; a malformed line is an InputError naming the line."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(str(path), f"not JSON: {err.msg}", line=n) from None
            if not isinstance(row, dict) or not {"article", "s", "p", "o"} <= row.keys():
                raise InputError(str(path), "a gold line needs article, s, p and o", line=n)
            rows.append(row)
    return rows


def score(
    gold: list[dict],
    predicted: Iterable[dict],
    *,
    folder: Callable[[str], str] | None = None,
    articles: Iterable[str] | None = None,
) -> Report:
    """Score predicted rows (`article`, `subject`, `predicate`, `object`) against gold rows.

    articles (Iterable[str] | None): the annotated articles (those with no gold triple included);
        by default the articles of the gold rows. Predictions for other articles are not scored.
    """
    ent = folder or make_folder()
    articles = {str(a) for a in articles} if articles is not None else {str(g["article"]) for g in gold}
    pred = {
        (
            _article_id(p["article"]),
            ent(str(p["subject"])),
            _local(str(p["predicate"])),
            ent(str(p["object"])),
        )
        for p in predicted
        if _article_id(p.get("article", "")) in articles
    }

    def variants(g: dict) -> set[tuple[str, str, str, str]]:
        out = set()
        for s in [g["s"], *g.get("alt_s", [])]:
            for o in [g["o"], *g.get("alt_o", [])]:
                for pr in [g["p"], *g.get("alt_p", [])]:
                    out.add((str(g["article"]), ent(s), pr, ent(o)))
                    if pr in SYMMETRIC:
                        out.add((str(g["article"]), ent(o), pr, ent(s)))
        return out

    used: set[tuple[str, str, str, str]] = set()
    misses = []
    per: dict[str, list[int]] = {}
    for g in gold:
        hit = variants(g) & pred
        per.setdefault(g["p"], [0, 0])[1] += 1
        if hit:
            used |= hit
            per[g["p"]][0] += 1
        else:
            misses.append((str(g["article"]), g["s"], g["p"], g["o"]))
    fps: set[tuple[str, str, str, str]] = set()
    for a, s, pr, o in sorted(pred - used):
        twin = (a, o, pr, s)
        if pr in SYMMETRIC and (twin in used or twin in fps):
            continue
        fps.add((a, s, pr, o))
    n_pred = len(used) + len(fps)
    hits = len(gold) - len(misses)
    gpairs = {(str(g["article"]), frozenset((ent(g["s"]), ent(g["o"])))) for g in gold}
    ppairs = {(a, frozenset((s, o))) for a, s, _, o in pred}
    pred_by_p: dict[str, int] = {}
    for _, _, pr, _ in fps:
        pred_by_p[pr] = pred_by_p.get(pr, 0) + 1
    per_predicate = {p: Score(tp, tp + pred_by_p.get(p, 0), n) for p, (tp, n) in per.items()}
    for p, n in pred_by_p.items():
        per_predicate.setdefault(p, Score(0, n, 0))
    return Report(
        strict=Score(hits, n_pred, len(gold)) if n_pred >= hits else Score(hits, hits, len(gold)),
        pairs=Score(len(gpairs & ppairs), len(ppairs), len(gpairs)),
        per_predicate=per_predicate,
        misses=tuple(misses),
        false_positives=tuple(sorted(fps)),
    )

"""Score extracted triples against hand-annotated gold, with the annotation guidelines' matching.

Gold files come in two formats, told apart by their first line:

- kg's annotation format (`kg.annotations`, `docs/annotation.md`): a header
  `{"guidelines": N, "articles": [...]}` listing every article the annotator read, then one triple
  a line with `evidence` offsets. An article in the header with no triple is annotated all the
  same: whatever kg extracts from it is a false positive.
- the plain format: one `{"article", "s", "p", "o"}` a line, no header; only articles with a
  gold triple are scored.

Both allow `alt_s`, `alt_o`, `alt_p` (answers that also count). A file under guidelines version 1
(and every plain file) is scored on version 1's predicates: predictions of predicates added later
are set aside as unscored. Names are folded (case, diacritics, a leading "the", a trailing "'s",
dots) and mapped to canonical names through the gazetteer and an optional alias table. Strict:
subject, predicate and object all match (symmetric predicates either way round). Pairs: the
unordered entity pair matches.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .annotations import fold, make_folder
from .errors import InputError, MissingInputError
from .ontology import symmetric

__all__ = [
    "Score",
    "Report",
    "GoldSet",
    "fold",
    "load_gold",
    "read_gold",
    "score",
    "scored_predicates",
    "make_folder",
]

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
    unscored: int = 0  # predictions of predicates the gold's guidelines do not define

    def as_dict(self) -> dict[str, object]:
        return {
            "unscored": self.unscored,
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


def scored_predicates(gold: GoldSet) -> frozenset[str]:
    """The predicates a gold set is scored on: its guidelines version's (version 1 for plain files)."""
    from .annotations import predicates_of

    return predicates_of(gold.guidelines or 1)


@dataclass(frozen=True, slots=True)
class GoldSet:
    """Gold triples and the articles they cover.

    rows (list[dict]): scorer lines {"article", "s", "p", "o", "alt_s"?, "alt_o"?, "alt_p"?}.
    articles (frozenset[str]): every annotated article (the header's list, or the rows' articles).
    guidelines (int | None): the guidelines version of an annotation file; None for the plain format.
    """

    rows: list[dict]
    articles: frozenset[str]
    guidelines: int | None = None


def read_gold(path: str | Path) -> GoldSet:
    """Read a gold file in kg's annotation format (header line) or the plain format.

    RAISES MissingInputError: the file does not exist (exit 2).
    RAISES InputError: naming file and line, for bad JSON or a malformed line.
    """
    path = Path(path)
    if not path.is_file():
        raise MissingInputError(path, what="gold file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot be read: {getattr(err, 'strerror', None) or err}") from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        head = json.loads(first) if first else None
    except json.JSONDecodeError:
        head = None
    if isinstance(head, dict) and "guidelines" in head:
        from .annotations import parse_annotations

        ann = parse_annotations(text, source=str(path))
        rows = [t.as_gold() for t in ann.triples]
        return GoldSet(rows, frozenset(ann.articles), ann.guidelines)
    rows = _plain_rows(text, path)
    return GoldSet(rows, frozenset(str(r["article"]) for r in rows))


def _plain_rows(text: str, path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
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


def load_gold(path: str | Path) -> list[dict]:
    """Read a gold file (either format) and return its scorer lines; see `read_gold`."""
    return read_gold(path).rows


def score(
    gold: list[dict],
    predicted: Iterable[dict],
    *,
    folder: Callable[[str], str] | None = None,
    articles: Iterable[str] | None = None,
    predicates: frozenset[str] | None = None,
) -> Report:
    """Score predicted rows (`article`, `subject`, `predicate`, `object`) against gold rows.

    articles (Iterable[str] | None): the annotated articles; predictions for other articles are
        not scored. Default: the articles of the gold rows.
    predicates (frozenset[str] | None): the predicates the gold's guidelines define; predictions
        of others are set aside (`Report.unscored`). Default: all.
    """
    ent = folder or make_folder()
    articles = {str(a) for a in articles} if articles is not None else {str(g["article"]) for g in gold}
    predicted = list(predicted)
    unscored = 0
    if predicates is not None:
        kept = [p for p in predicted if _local(str(p.get("predicate", ""))) in predicates]
        unscored = sum(1 for p in predicted if _article_id(p.get("article", "")) in articles) - sum(
            1 for p in kept if _article_id(p.get("article", "")) in articles
        )
        predicted = kept
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
        unscored=unscored,
    )

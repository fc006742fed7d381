""":mod:`kg.annotations`: hand annotations of real articles, as data, validated on load.

An annotation file is JSON Lines. Its first line is a header,
`{"guidelines": 2, "split": "train" | "dev" | "double", "annotator": "...", "articles": [ids]}`,
listing every article the annotator read (an article with no triple is a real answer: nothing
in it counts). Each further line is one triple:
`{"article", "s", "p", "o", "alt_s"?, "alt_o"?, "alt_p"?, "evidence": [[start, end], ...]}`,
where the offsets are character offsets of the evidence sentences in the article text as kg
reads it (`kg.ingest`). Article text is never stored.

>>> f = parse_annotations('{"guidelines": 2, "articles": ["a1"]}\\n'
...     '{"article": "a1", "s": "Russia", "p": "attacks", "o": "Ukraine", "evidence": [[0, 20]]}',
...     source="x.jsonl")
>>> (f.articles, f.triples[0].p, f.triples[0].evidence)
(('a1',), 'attacks', ((0, 20),))
>>> parse_annotations('{"guidelines": 2, "articles": ["a1"]}\\n{"article": "a1", "s": "A", "p": "hates", '
...     '"o": "B", "evidence": [[0, 1]]}', source="x.jsonl")
Traceback (most recent call last):
...
kg.errors.InputError: x.jsonl:2: unknown predicate 'hates' (guidelines 2)
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .gazetteer import load_gazetteer
from .ontology import predicates

__all__ = [
    "GUIDELINES_VERSION",
    "PREDICATES",
    "GoldTriple",
    "AnnotationFile",
    "parse_annotations",
    "load_annotations",
    "check_offsets",
    "predicates_of",
    "fold",
    "make_folder",
]

GUIDELINES_VERSION = 2
SPLITS = ("train", "dev", "double")


def predicates_of(version: int) -> frozenset[str]:
    """The predicates a guidelines version defines."""
    return frozenset(p.name for p in predicates().values() if p.guidelines <= version)


PREDICATES = predicates_of(GUIDELINES_VERSION)


@dataclass(frozen=True, slots=True)
class GoldTriple:
    """One annotated triple with the answers that also count and where it is stated."""

    article: str
    s: str
    p: str
    o: str
    alt_s: tuple[str, ...] = ()
    alt_o: tuple[str, ...] = ()
    alt_p: tuple[str, ...] = ()
    evidence: tuple[tuple[int, int], ...] = ()
    where: str = ""  # file:line

    def as_gold(self) -> dict[str, object]:
        """The scorer's gold line (`kg.evaluate`, `score.py`)."""
        row: dict[str, object] = {"article": self.article, "s": self.s, "p": self.p, "o": self.o}
        for key in ("alt_s", "alt_o", "alt_p"):
            if getattr(self, key):
                row[key] = list(getattr(self, key))
        return row


@dataclass(frozen=True, slots=True)
class AnnotationFile:
    """One annotator's work on a set of articles."""

    path: str
    guidelines: int
    split: str
    annotator: str
    articles: tuple[str, ...]
    triples: tuple[GoldTriple, ...]


def _strings(value: object, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(where, f"'{key}' must be a list of non-empty strings")
    return tuple(value)


def _spans(value: object, where: str) -> tuple[tuple[int, int], ...]:
    if not isinstance(value, list) or not value:
        raise InputError(where, "'evidence' must be a non-empty list of [start, end] offsets")
    out = []
    for span in value:
        if (
            not isinstance(span, list)
            or len(span) != 2
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in span)
            or not 0 <= span[0] < span[1]
        ):
            raise InputError(where, f"bad evidence offsets {span!r}: expected [start, end], 0 <= start < end")
        out.append((span[0], span[1]))
    return tuple(out)


def _header(rec: object, where: str) -> tuple[int, str, str, tuple[str, ...]]:
    if not isinstance(rec, dict) or "guidelines" not in rec:
        raise InputError(where, 'the first line must be a header {"guidelines": N, "articles": [...]}')
    version = rec["guidelines"]
    if version not in (1, 2):
        raise InputError(where, f"unknown guidelines version {version!r}")
    split = rec.get("split", "train")
    if split not in SPLITS:
        raise InputError(where, f"unknown split {split!r} (one of {', '.join(SPLITS)})")
    articles = _strings(rec.get("articles"), where, "articles")
    if not articles:
        raise InputError(where, "the header must list the annotated articles")
    return version, split, str(rec.get("annotator", "")), articles


def _triple(rec: object, where: str, version: int, articles: frozenset[str]) -> GoldTriple:
    if not isinstance(rec, dict):
        raise InputError(where, "expected a JSON object")
    for key in ("article", "s", "p", "o"):
        if not isinstance(rec.get(key), str) or not rec[key].strip():
            raise InputError(where, f"missing or empty '{key}'")
    allowed = predicates_of(version)
    for p in (rec["p"], *_strings(rec.get("alt_p"), where, "alt_p")):
        if p not in allowed:
            raise InputError(where, f"unknown predicate '{p}' (guidelines {version})")
    if rec["article"] not in articles:
        raise InputError(where, f"article '{rec['article']}' is not listed in the header")
    return GoldTriple(
        article=rec["article"],
        s=rec["s"],
        p=rec["p"],
        o=rec["o"],
        alt_s=_strings(rec.get("alt_s"), where, "alt_s"),
        alt_o=_strings(rec.get("alt_o"), where, "alt_o"),
        alt_p=_strings(rec.get("alt_p"), where, "alt_p"),
        evidence=_spans(rec.get("evidence"), where),
        where=where,
    )


def parse_annotations(text: str, *, source: str) -> AnnotationFile:
    """Parse and validate one annotation file's text.

    RAISES InputError: naming `source:line` for bad JSON, an unknown predicate or a malformed line.
    """
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines:
        raise InputError(source, "empty annotation file")
    recs = []
    for n, line in lines:
        try:
            recs.append((n, json.loads(line)))
        except json.JSONDecodeError as err:
            reason = f"invalid JSON: {err.msg.lower()} at column {err.colno}"
            raise InputError(f"{source}:{n}", reason) from None
    (n0, head), rest = recs[0], recs[1:]
    version, split, annotator, articles = _header(head, f"{source}:{n0}")
    ids = frozenset(articles)
    triples = tuple(_triple(rec, f"{source}:{n}", version, ids) for n, rec in rest)
    return AnnotationFile(source, version, split, annotator, articles, triples)


def load_annotations(path: str | Path) -> list[AnnotationFile]:
    """Load one annotation file, or every `*.jsonl` under a folder (sorted).

    RAISES InputError: for a missing path or the first invalid line (file:line).
    """
    root = Path(path)
    if not root.exists():
        raise InputError(str(root), "no such file or folder")
    files = sorted(root.rglob("*.jsonl")) if root.is_dir() else [root]
    out = []
    for f in files:
        try:
            text = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(str(f), f"cannot be read: {err}") from None
        out.append(parse_annotations(text, source=str(f)))
    return out


def check_offsets(files: Iterable[AnnotationFile], texts: Mapping[str, str]) -> list[str]:
    """Problems with evidence offsets against the article texts kg reads (empty when all fit)."""
    problems = []
    for f in files:
        for art in f.articles:
            if art not in texts:
                problems.append(f"{f.path}: article '{art}' is not in the corpus")
        for t in f.triples:
            text = texts.get(t.article)
            if text is None:
                continue
            for start, end in t.evidence:
                if end > len(text):
                    problems.append(
                        f"{t.where}: evidence offsets [{start}, {end}] out of range "
                        f"(article '{t.article}' has {len(text)} characters)"
                    )
    return problems


def fold(label: str) -> str:
    """Normalise a name for matching (case, diacritics, a leading "the", a trailing "'s", dots).

    >>> fold("The U.S.'s")
    'us'
    """
    s = unicodedata.normalize("NFKD", label).replace("\u2019", "'").replace("\u2018", "'")
    s = "".join(c for c in s if not unicodedata.combining(c)).strip().lower()
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the\s+", "", s)
    s = s.replace(".", "")
    s = re.sub(r"[^\w\s-]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def make_folder(aliases: dict[str, list[str]] | None = None) -> Callable[[str], str]:
    """Return a function mapping a surface name to its folded canonical name (alias table, then gazetteer)."""
    table: dict[str, str] = {}
    for canon, forms in (aliases or {}).items():
        for form in (canon, *forms):
            table[fold(form)] = fold(canon)
    gaz = load_gazetteer()

    def canon(name: str) -> str:
        key = fold(name)
        if key in table:
            return table[key]
        entry = gaz.lookup(name)
        return fold(entry.name) if entry is not None else key

    return canon

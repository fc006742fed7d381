"""Compose the stages: ingest -> nlp -> resolve/relations -> graph -> outputs. The only module that does.

`extract(paths, settings)` returns per-article results; `run(paths, out_dir=..., settings=...)`
also writes the graph (Turtle), the HTML view and the SPARQL store, atomically.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .consolidate import consolidate
from .errors import Errors, KgError
from .gazetteer import load_gazetteer
from .ingest import read_articles
from .records import Article, ArticleResult, Relation, Skipped
from .runner import run_articles
from .settings import Settings

__all__ = ["RunReport", "extract", "run", "unique_relations", "relation_row"]

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class RunReport:
    """What a build did: articles read, results, files skipped and outputs written."""

    results: tuple[ArticleResult, ...]
    skipped: tuple[Skipped, ...]
    out_dir: str | None = None
    outputs: dict[str, str] = field(default_factory=dict)
    review: int = 0  # relations moved to the review file by --validate

    @property
    def articles(self) -> int:
        return len(self.results)

    @property
    def relations(self) -> list[Relation]:
        return unique_relations(self.results)

    def predicate_counts(self) -> dict[str, int]:
        """Unique triples per predicate."""
        return dict(sorted(Counter(r.predicate for r in self.relations).items()))

    def entity_count(self) -> int:
        return len(
            {e.name for res in self.results for e in res.entities}
            | {e.name for r in self.relations for e in (r.subject, r.object)}
        )


def _split(items: Iterable[Article | Skipped]) -> tuple[list[Article], list[Skipped]]:
    arts: list[Article] = []
    skipped: list[Skipped] = []
    for item in items:
        (arts if isinstance(item, Article) else skipped).append(item)  # type: ignore[arg-type]
    return arts, skipped


def extract(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> tuple[list[ArticleResult], list[Skipped]]:
    """Read and extract every article under `paths`; returns (results sorted by article id, skipped).

    Person variants across the articles are folded into one name each (`kg.consolidate`).
    """
    settings = settings or Settings()
    paths = [Path(p) for p in paths]
    articles, skipped = _split(read_articles(paths, max_bytes=settings.max_bytes))
    if on_skip:
        for s in skipped:
            on_skip(s)
    results: list[ArticleResult] = []
    for res in run_articles(articles, settings):
        results.append(res)
        if progress:
            progress(1)
    results.sort(key=lambda r: r.article.id)
    return consolidate(results), skipped


def unique_relations(results: Iterable[ArticleResult]) -> list[Relation]:
    """One relation per (article, subject, predicate, object): the most confident evidence."""
    best: dict[tuple[str, str, str, str], Relation] = {}
    for res in results:
        for rel in res.relations:
            cur = best.get(rel.key)
            if cur is None or rel.confidence > cur.confidence:
                best[rel.key] = rel
    return sorted(best.values(), key=lambda r: (r.key, r.evidence.start))


def relation_row(rel: Relation) -> dict[str, object]:
    """The JSONL/TSV row of a relation, as the scorers read it."""
    return {
        "article": rel.evidence.article,
        "subject": rel.subject.name,
        "subject_type": rel.subject.type,
        "subject_country": rel.subject.country,
        "predicate": rel.predicate,
        "object": rel.object.name,
        "object_type": rel.object.type,
        "object_country": rel.object.country,
        "evidence": rel.evidence.sentence,
        "confidence": rel.confidence,
        "rule": rel.rule,
    }


def _country_names() -> dict[str, str]:
    gaz = load_gazetteer()
    return {e.country: e.name for e in gaz.entries if e.type == "Country" and e.country}


def run(
    paths: Iterable[str | Path],
    *,
    out_dir: str | Path,
    settings: Settings | None = None,
    progress: Progress | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    validate: bool = False,
    infer: bool = False,
    html: bool = True,
    store: bool = True,
) -> RunReport:
    """Build the knowledge graph from `paths` and write it under `out_dir`.

    Writes graph.ttl (deterministic Turtle), graph.html (network view) and store/ (pyoxigraph).
    RETURNS (RunReport): results, skipped files and the outputs written.
    RAISES KgError: when no article could be read.
    """
    from .graph import build_graph, write_turtle

    settings = settings or Settings()
    paths = list(paths)
    results, skipped = extract(paths, settings, progress=progress, on_skip=on_skip)
    if not results:
        raise KgError(Errors.E003.format(paths=", ".join(str(p) for p in paths)))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    graph = build_graph(results, country_names=_country_names())
    outputs: dict[str, str] = {}
    review = 0
    if validate:
        from .validate import split_conforming

        graph, bad = split_conforming(graph)
        review = len(bad)
        outputs["review"] = str(write_turtle(bad, out / "review.ttl"))
    if infer:
        from .infer import materialise

        graph = materialise(graph)
    outputs["turtle"] = str(write_turtle(graph, out / "graph.ttl"))
    if html:
        from .viz import write_html

        outputs["html"] = str(write_html(graph, out / "graph.html"))
    if store:
        from .query import write_store

        with contextlib.suppress(ImportError):
            outputs["store"] = str(write_store(out / "graph.ttl", out / "store"))
    return RunReport(tuple(results), tuple(skipped), str(out), outputs, review)

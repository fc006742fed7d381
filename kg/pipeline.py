"""Compose the stages: ingest -> nlp -> resolve/relations -> graph -> outputs. The only module that does.

`extract(paths, settings)` returns per-article results; `run(paths, out_dir=..., settings=...)`
also writes the graph (Turtle), the HTML view and the SPARQL store, atomically.
"""

from __future__ import annotations

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

__all__ = ["RunReport", "GraphCounts", "extract", "run", "unique_relations", "relation_row"]

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class GraphCounts:
    """What the written graph holds, counted the way the exports and views count it.

    triples (dict[str, int]): distinct (subject, predicate, object) relation triples per predicate.
    evidence (int): rdf:Statement nodes: one per evidence sentence (a triple read in three
        sentences has three).
    entities (int): entity nodes, mentioned or related; related (int): those in a relation
        (what `kg export` writes by default).
    """

    triples: dict[str, int] = field(default_factory=dict)
    evidence: int = 0
    entities: int = 0
    related: int = 0

    @classmethod
    def of(cls, g) -> GraphCounts:
        """Count a kg graph."""
        from rdflib import URIRef
        from rdflib.namespace import RDF

        from .convert import entity_nodes
        from .ontology import predicates
        from .vocab import GEO

        pairs = {name: set(g.subject_objects(GEO[name])) for name in predicates()}
        # the nodes of the entity graph (`kg.convert.to_networkx`): both ends of every relation
        related = {n for found in pairs.values() for s, o in found if isinstance(o, URIRef) for n in (s, o)}
        return cls(
            triples={name: len(found) for name, found in sorted(pairs.items()) if found},
            evidence=len(set(g.subjects(RDF.type, RDF.Statement))),
            entities=len(entity_nodes(g)),
            related=len(related),
        )


@dataclass(frozen=True, slots=True)
class RunReport:
    """What a build did: articles read, results, files skipped, what the graph holds, outputs written."""

    results: tuple[ArticleResult, ...]
    skipped: tuple[Skipped, ...]
    out_dir: str | None = None
    outputs: dict[str, str] = field(default_factory=dict)
    review: int = 0  # relation triples moved to the review file (they break the shapes)
    counts: GraphCounts = field(default_factory=GraphCounts)

    @property
    def articles(self) -> int:
        return len(self.results)

    @property
    def relations(self) -> list[Relation]:
        """One relation per article and triple (the rows `kg extract` prints)."""
        return unique_relations(self.results)

    def predicate_counts(self) -> dict[str, int]:
        """Distinct triples per predicate in the graph written (as exports and views count them)."""
        return dict(self.counts.triples)

    def triple_count(self) -> int:
        """Distinct relation triples in the graph written."""
        return sum(self.counts.triples.values())

    def entity_count(self) -> int:
        """Entities in the graph written (mentioned or related)."""
        return self.counts.entities


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


def _review(review, out: Path) -> tuple[int, str | None]:
    """Write the review graph (or remove a stale one); return (relation triples in it, its path)."""
    from .graph import write_turtle
    from .ontology import predicates
    from .vocab import GEO

    target = out / "review.ttl"
    moved = sum(1 for name in predicates() for _ in review.subject_objects(GEO[name]))
    if len(review) == 0:
        target.unlink(missing_ok=True)
        return 0, None
    return moved, str(write_turtle(review, target))


def run(
    paths: Iterable[str | Path],
    *,
    out_dir: str | Path,
    settings: Settings | None = None,
    progress: Progress | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    infer: bool = False,
    html: bool = True,
    store: bool = True,
) -> RunReport:
    """Build the knowledge graph from `paths` and write it under `out_dir`.

    Writes graph.ttl (deterministic Turtle), graph.html (network view) and store/ (pyoxigraph,
    from the graph in memory). Triples that break the SHACL shapes (e.g. a subject of the wrong
    class for its predicate) are moved to review.ttl with the reason, so graph.ttl conforms.
    RETURNS (RunReport): results, skipped files, what the graph holds and the outputs written.
    RAISES KgError: when no article could be read (nothing is written then).
    """
    from .graph import build_graph, write_turtle
    from .validate import split_graph

    settings = settings or Settings()
    paths = list(paths)
    results, skipped = extract(paths, settings, progress=progress, on_skip=on_skip)
    if not results:
        raise KgError(Errors.E003.format(paths=", ".join(str(p) for p in paths)))
    out = Path(out_dir)
    split = split_graph(build_graph(results, country_names=_country_names()), in_place=True)
    graph = split.conforming
    outputs: dict[str, str] = {}
    review, review_path = _review(split.review, out)
    if review_path:
        outputs["review"] = review_path
    if infer:
        from .infer import materialise

        graph = materialise(graph)
    outputs["turtle"] = str(write_turtle(graph, out / "graph.ttl"))
    if html:
        from .viz import write_html

        outputs["html"] = str(write_html(graph, out / "graph.html"))
    if store:
        from .query import write_store

        outputs["store"] = str(write_store(graph, out / "store"))
    return RunReport(tuple(results), tuple(skipped), str(out), outputs, review, GraphCounts.of(graph))

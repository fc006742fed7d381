""":mod:`kg.validate.split`: cut a graph into what conforms and a review graph with the reasons."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from ..vocab import bind
from .index import DataIndex
from .report import ValidationReport, validate_index
from .shapes import relation_iris, shapes_source

__all__ = ["Split", "split_graph", "split_conforming"]

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True, slots=True)
class Split:
    """A graph cut in two by `split_graph`.

    conforming (Graph): the triples kept.
    review (Graph): the non-conforming triples and their statements, with one rdfs:comment per
        violation on its focus node.
    report (ValidationReport): the validation of the input graph.
    final (ValidationReport): the validation of `conforming`.
    """

    conforming: Graph
    review: Graph
    report: ValidationReport
    final: ValidationReport = field(default_factory=lambda: ValidationReport(conforms=True))


# --------------------------------------------------------------------------- split


def _rdf_statements(g: Graph) -> dict[Triple, list[Node]]:
    index: dict[Triple, list[Node]] = {}
    for st in g.subjects(RDF.type, RDF.Statement):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        if s is not None and p is not None and o is not None:
            index.setdefault((s, p, o), []).append(st)
    return index


def _quarantine(g: Graph, node: Node) -> set[Triple]:
    return set(g.triples((node, None, None))) | set(g.triples((None, None, node)))


def _close(g: Graph, moved: set[Triple], index: dict[Triple, list[Node]]) -> set[Triple]:
    """Grow `moved` until statements and the triples they describe travel together."""
    rels = set(relation_iris())
    by_statement = {st: triple for triple, sts in index.items() for st in sts}
    while True:
        size = len(moved)
        for triple in [t for t in moved if t[1] in rels]:
            for st in index.get(triple, []):
                moved |= set(g.triples((st, None, None)))
        touched = {t[0] for t in moved if t[0] in by_statement}
        touched |= {t[2] for t in moved if t[2] in by_statement}
        for st in touched:
            moved |= set(g.triples((st, None, None)))
            moved |= set(g.triples((None, None, st)))
        for triple, sts in index.items():
            gone = all((st, RDF.subject, triple[0]) in moved for st in sts)
            if gone and triple in g and triple not in moved:
                moved.add(triple)
        if len(moved) == size:
            return moved


def _node(text: str) -> Node:
    return BNode(text[2:]) if text.startswith("_:") else URIRef(text)


def _targets_relation(shape: str) -> bool:
    """True if the shape targets the subjects of a relation (a node-level domain check)."""
    if not shape:
        return False
    rels = set(relation_iris())
    return any(p in rels for p in shapes_source().objects(URIRef(shape), SH.targetSubjectsOf))


def _offending(g: Graph, report: ValidationReport) -> set[Triple]:
    """Return the triples to move for each violation (before `_close`)."""
    moved: set[Triple] = set()
    rels = {str(p) for p in relation_iris()}
    for v in report.violations:
        focus = _node(v.focus)
        on_relation = v.path in rels or (not v.path and _targets_relation(v.shape))
        if (focus, RDF.type, RDF.Statement) in g:
            moved |= _quarantine(g, focus)
        elif on_relation:
            moved |= {t for t in ((_node(s), URIRef(p), _node(o)) for s, p, o in v.triples) if t in g}
        elif v.path:
            path = URIRef(v.path)
            values = {(focus, path, o) for o in g.objects(focus, path) if not v.value or str(o) == v.value}
            moved |= values or _quarantine(g, focus)
        else:
            moved |= _quarantine(g, focus)
    return moved


def split_graph(g: Graph, *, max_rounds: int = 3, in_place: bool = False) -> Split:
    """Split `g` into conforming triples and a review graph of non-conforming ones.

    A violation on a relation (wrong subject or object class, no provenance) moves that triple
    and its statements; a bad statement moves the statement, and the triple when no other
    statement supports it; a bad value (e.g. an ISO code) moves that value; an entity or article
    that is malformed itself is quarantined with every triple touching it. Each focus node in the
    review graph, and each statement of a moved relation, gets an rdfs:comment per violation: the
    reason. Repeats until the rest conforms
    or `max_rounds` is reached.

    g (Graph): a kg graph (not modified, unless in_place).
    max_rounds (int): validation passes at most.
    in_place (bool): move the non-conforming triples out of `g` itself, which becomes the conforming
        graph (no copy: for a caller that has no further use for the whole graph).
    RETURNS (Split): conforming graph, review graph, first and final reports.
    """
    index = DataIndex.from_graph(g)
    first = validate_index(index)
    if in_place:
        keep = g
    else:
        keep = Graph()
        bind(keep)
        for triple in g:
            keep.add(triple)
    review = Graph()
    bind(review)
    report = first
    for _ in range(max_rounds):
        if report.conforms:
            break
        moved = _close(keep, _offending(keep, report), _rdf_statements(keep))
        if not moved:
            break
        statements = _rdf_statements(keep)
        for v in report.violations:
            reason = Literal(f"SHACL: {v.message}")
            review.add((_node(v.focus), RDFS.comment, reason))
            for s, p, o in v.triples:  # the reason on each statement of the triple too
                for st in statements.get((_node(s), URIRef(p), _node(o)), []):
                    review.add((st, RDFS.comment, reason))
        for triple in moved:
            keep.remove(triple)
            review.add(triple)
        index = index.without(moved)
        report = validate_index(index)
    return Split(conforming=keep, review=review, report=first, final=report)


def split_conforming(g: Graph) -> tuple[Graph, Graph]:
    """Return (conforming graph, review graph); see `split_graph`."""
    split = split_graph(g)
    return split.conforming, split.review

"""Check a kg graph against the SHACL shapes with pyshacl, and split off what does not conform.

The shapes are `ontology/shapes.ttl` (domain and range of every relation, labels and types,
statement provenance, article metadata) plus one shape made here from the ontology: every asserted
relation triple has at least one rdf:Statement with its evidence (`PROVENANCE_SHAPE`); a triple
whose reverse has evidence counts when its predicate is symmetric or has an owl:inverseOf, so a
graph after `kg build --infer` still conforms. The geo ontology is passed as `ont_graph` so
`sh:class` follows rdfs:subClassOf; no inference is run (it would make class checks vacuous).

Each violation carries the evidence sentences of the offending triple(s), so a reviewer sees
which sentence produced the bad triple. `split_graph` moves non-conforming triples, with the
statements that describe them, into a review graph (used by `kg build --validate`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH
from rdflib.term import Node

from .convert import predicate_info
from .errors import KgError
from .resources import ontology_file
from .vocab import GEO, bind

__all__ = [
    "PROVENANCE_SHAPE",
    "Violation",
    "ValidationReport",
    "Split",
    "shapes_graph",
    "validate_graph",
    "split_graph",
    "split_conforming",
    "format_violation",
]

PROVENANCE_SHAPE = URIRef("https://w3id.org/geokg/shapes#ProvenanceShape")
_MAX_EVIDENCE = 5

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result of severity sh:Violation, with the evidence behind it.

    focus, path, value (str): the focus node, the property path ("" if none) and the value ("" if none).
    message (str): the shape's message.
    shape (str): the IRI of the source shape ("" for a blank-node shape).
    triples (tuple[tuple[str, str, str], ...]): the relation triples the violation is about.
    evidence (tuple[tuple[str, str], ...]): (article id, sentence) behind those triples.
    """

    focus: str
    path: str
    value: str
    message: str
    shape: str = ""
    triples: tuple[tuple[str, str, str], ...] = ()
    evidence: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of `validate_graph`."""

    conforms: bool
    violations: tuple[Violation, ...] = ()
    text: str = ""


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


# --------------------------------------------------------------------------- shapes


@cache
def _ontology() -> Graph:
    g = Graph()
    g.parse(ontology_file("geopolitics.ttl"), format="turtle")
    return g


def _relations() -> tuple[URIRef, ...]:
    return tuple(sorted(GEO[name] for name in predicate_info()))


def _reverse_pairs() -> list[tuple[URIRef, URIRef]]:
    """(p, q) such that evidence for (o q s) also supports (s p o): symmetric and inverse properties."""
    ont = _ontology()
    pairs = {(p, p) for p in ont.subjects(RDF.type, OWL.SymmetricProperty) if isinstance(p, URIRef)}
    for p, q in ont.subject_objects(OWL.inverseOf):
        if isinstance(p, URIRef) and isinstance(q, URIRef):
            pairs |= {(p, q), (q, p)}
    return sorted(pairs)


def _provenance_shape_ttl() -> str:
    rels = _relations()
    iris = ", ".join(f"<{p}>" for p in rels)
    pairs = " || ".join(f"(?path = <{p}> && ?back = <{q}>)" for p, q in _reverse_pairs())
    reverse = (
        "FILTER NOT EXISTS { ?r rdf:subject ?value ; rdf:predicate ?back ; rdf:object $this . "
        f"FILTER({pairs}) }}"
        if pairs
        else ""
    )
    select = (
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
        f"SELECT $this ?path ?value WHERE {{ $this ?path ?value . FILTER(?path IN ({iris})) "
        "FILTER NOT EXISTS { ?st rdf:subject $this ; rdf:predicate ?path ; rdf:object ?value . } "
        f"{reverse} }}"
    )
    targets = " , ".join(f"<{p}>" for p in rels)
    return f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
<{PROVENANCE_SHAPE}> a sh:NodeShape ;
    sh:targetSubjectsOf {targets} ;
    sh:sparql [ a sh:SPARQLConstraint ;
        sh:message "A relation triple must have at least one rdf:Statement giving its evidence." ;
        sh:select \"\"\"{select}\"\"\" ] .
"""


@cache
def _shapes() -> Graph:
    g = Graph()
    g.parse(ontology_file("shapes.ttl"), format="turtle")
    g.parse(data=_provenance_shape_ttl(), format="turtle")
    return g


def shapes_graph() -> Graph:
    """Return a copy of the shapes used: ontology/shapes.ttl plus `PROVENANCE_SHAPE`."""
    out = Graph()
    for triple in _shapes():
        out.add(triple)
    return out


# --------------------------------------------------------------------------- validation


def _statements(g: Graph) -> dict[Triple, list[Node]]:
    index: dict[Triple, list[Node]] = {}
    for st in g.subjects(RDF.type, RDF.Statement):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        if s is not None and p is not None and o is not None:
            index.setdefault((s, p, o), []).append(st)
    return index


def _about(g: Graph, focus: Node, path: Node | None, value: Node | None, shape: Node | None) -> list[Triple]:
    """Return the relation triples a violation is about."""
    rels = set(_relations())
    if (focus, RDF.type, RDF.Statement) in g:
        s, p, o = g.value(focus, RDF.subject), g.value(focus, RDF.predicate), g.value(focus, RDF.object)
        return [(s, p, o)] if s is not None and p is not None and o is not None else []
    if path in rels:
        if value is not None:
            return [(focus, path, value)]
        return [(focus, path, o) for o in g.objects(focus, path)]
    if path is None and shape is not None:
        targets = [p for p in _shapes().objects(shape, SH.targetSubjectsOf) if p in rels]
        if len(targets) == 1:
            return [(focus, targets[0], o) for o in g.objects(focus, targets[0])]
    return [(s, p, o) for p in sorted(rels) for s, o in ((focus, x) for x in g.objects(focus, p))] + [
        (s, p, focus) for p in sorted(rels) for s in g.subjects(p, focus)
    ]


def _evidence(g: Graph, index: dict[Triple, list[Node]], focus: Node, triples: Iterable[Triple]) -> list:
    nodes = [focus] if (focus, RDF.type, RDF.Statement) in g else []
    for triple in triples:
        nodes.extend(index.get(triple, []))
    out: list[tuple[str, str]] = []
    for st in nodes:
        sentence = g.value(st, GEO.sentence)
        art = g.value(st, PROV.wasDerivedFrom)
        ident = g.value(art, DCTERMS.identifier) if art is not None else None
        if sentence is not None:
            item = (str(ident or art or ""), str(sentence))
            if item not in out:
                out.append(item)
    return sorted(out)[:_MAX_EVIDENCE]


def _results(results: Graph) -> list[tuple[Node, Node | None, Node | None, str, Node | None]]:
    rows = []
    for res in results.subjects(RDF.type, SH.ValidationResult):
        if results.value(res, SH.resultSeverity) != SH.Violation:
            continue
        focus = results.value(res, SH.focusNode)
        message = results.value(res, SH.resultMessage)
        rows.append(
            (
                focus,
                results.value(res, SH.resultPath),
                results.value(res, SH.value),
                str(message or results.value(res, SH.sourceConstraintComponent) or "violation"),
                results.value(res, SH.sourceShape),
            )
        )
    return rows


def validate_graph(g: Graph) -> ValidationReport:
    """Validate `g` with pyshacl against the kg shapes; violations come with their evidence.

    g (Graph): a kg graph.
    RETURNS (ValidationReport): conforms, the violations sorted by focus/path/value, pyshacl's text.
    """
    import pyshacl

    conforms, results, text = pyshacl.validate(
        g,
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=True,
    )
    if not isinstance(results, Graph):
        raise KgError(f"SHACL validation could not run: {' '.join(str(results).split())}")
    index = _statements(g)
    violations = []
    for focus, path, value, message, shape in _results(results):
        about = _about(g, focus, path, value, shape)
        violations.append(
            Violation(
                focus=str(focus),
                path="" if path is None else str(path),
                value="" if value is None else str(value),
                message=message,
                shape=str(shape) if isinstance(shape, URIRef) else "",
                triples=tuple(sorted({(str(s), str(p), str(o)) for s, p, o in about})),
                evidence=tuple(_evidence(g, index, focus, about)),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.value, v.message))
    return ValidationReport(
        conforms=bool(conforms) and not violations, violations=tuple(violations), text=text
    )


# --------------------------------------------------------------------------- split


def _quarantine(g: Graph, node: Node) -> set[Triple]:
    return set(g.triples((node, None, None))) | set(g.triples((None, None, node)))


def _close(g: Graph, moved: set[Triple], index: dict[Triple, list[Node]]) -> set[Triple]:
    """Grow `moved` until statements and the triples they describe travel together."""
    rels = set(_relations())
    by_statement = {st: triple for triple, sts in index.items() for st in sts}
    while True:
        size = len(moved)
        for triple in [t for t in moved if t[1] in rels]:
            for st in index.get(triple, []):
                moved |= set(g.triples((st, None, None)))
        touched = {t[0] for t in moved if t[0] in by_statement} | {
            t[2] for t in moved if t[2] in by_statement
        }
        for st in touched:
            moved |= set(g.triples((st, None, None)))
            moved |= set(g.triples((None, None, st)))
        for triple, sts in index.items():
            if (
                triple in g
                and triple not in moved
                and all((st, RDF.subject, triple[0]) in moved for st in sts)
            ):
                moved.add(triple)
        if len(moved) == size:
            return moved


def _offending(g: Graph, report: ValidationReport) -> set[Triple]:
    """Return the triples to move for each violation (before `_close`)."""
    moved: set[Triple] = set()
    rels = {str(p) for p in _relations()}
    for v in report.violations:
        if v.focus.startswith("_:"):
            continue
        focus = URIRef(v.focus)
        on_relation = v.path in rels or (not v.path and _targets_relation(v.shape))
        if (focus, RDF.type, RDF.Statement) in g:
            moved |= _quarantine(g, focus)
        elif on_relation:
            moved |= {t for t in ((URIRef(s), URIRef(p), URIRef(o)) for s, p, o in v.triples) if t in g}
        elif v.path:
            path = URIRef(v.path)
            values = {(focus, path, o) for o in g.objects(focus, path) if not v.value or str(o) == v.value}
            moved |= values or _quarantine(g, focus)
        else:
            moved |= _quarantine(g, focus)
    return moved


def _targets_relation(shape: str) -> bool:
    """True if the shape targets the subjects of a relation (a node-level domain check)."""
    if not shape:
        return False
    rels = set(_relations())
    return any(p in rels for p in _shapes().objects(URIRef(shape), SH.targetSubjectsOf))


def split_graph(g: Graph, *, max_rounds: int = 3) -> Split:
    """Split `g` into conforming triples and a review graph of non-conforming ones.

    A violation on a relation (wrong subject or object class, no provenance) moves that triple
    and its statements; a bad statement moves the statement, and the triple when no other
    statement supports it; a bad value (e.g. an ISO code) moves that value; an entity or article
    that is malformed itself is quarantined with every triple touching it. Repeats until the rest
    conforms or `max_rounds` is reached.

    g (Graph): a kg graph (not modified).
    max_rounds (int): validation passes at most.
    RETURNS (Split): conforming graph, review graph, first and final reports.
    """
    first = validate_graph(g)
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
        moved = _close(keep, _offending(keep, report), _statements(keep))
        if not moved:
            break
        for v in report.violations:
            review.add((URIRef(v.focus), RDFS.comment, Literal(f"SHACL: {v.message}")))
        for triple in moved:
            keep.remove(triple)
            review.add(triple)
        report = validate_graph(keep)
    return Split(conforming=keep, review=review, report=first, final=report)


def split_conforming(g: Graph) -> tuple[Graph, Graph]:
    """Return (conforming graph, review graph) for `kg build --validate`; see `split_graph`."""
    split = split_graph(g)
    return split.conforming, split.review


# --------------------------------------------------------------------------- display


def _short(iri: str, g: Graph | None = None) -> str:
    if not iri:
        return ""
    graph = g if g is not None else _display_graph()
    try:
        return graph.namespace_manager.normalizeUri(URIRef(iri))
    except Exception:  # noqa: BLE001 - a literal value or an IRI rdflib will not shorten
        return iri


@cache
def _display_graph() -> Graph:
    g = Graph()
    bind(g)
    return g


def format_violation(v: Violation) -> str:
    """Return a violation as readable lines: the triple or node, the message, its evidence."""
    if len(v.triples) == 1:
        where = " ".join(_short(x) for x in v.triples[0])
    else:
        value = "" if v.value == v.focus else v.value
        where = " ".join(x for x in (_short(v.focus), _short(v.path), _short(value)) if x)
    lines = [f"{where}: {v.message}"]
    lines += [f'    evidence [{article}]: "{" ".join(sentence.split())}"' for article, sentence in v.evidence]
    return "\n".join(lines)

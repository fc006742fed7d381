""":mod:`kg.validate.report`: validation reports, with the evidence behind each violation; display."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, SH

from ..errors import MissingInputError
from ..ontology import ontology_graph
from ..vocab import GEO, bind
from .index import _RDF_TYPE, DataIndex, Term, _text
from .shapes import Result, evaluate, relation_iris, shapes_source

__all__ = [
    "Violation",
    "ValidationReport",
    "validate_index",
    "validate_graph",
    "validate_file",
    "pyshacl_violations",
    "format_violation",
]

_MAX_EVIDENCE = 5
_DCTERMS_ID = "http://purl.org/dc/terms/identifier"


# --------------------------------------------------------------------------- records


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


# --------------------------------------------------------------------------- reports


def _statements(data: DataIndex) -> dict[tuple[Term, str, Term], list[Term]]:
    index: dict[tuple[Term, str, Term], list[Term]] = {}
    for st in data.subjects(_RDF_TYPE, str(RDF.Statement)):
        s, p, o = (data.value(st, str(x)) for x in (RDF.subject, RDF.predicate, RDF.object))
        if s is not None and isinstance(p, str) and o is not None:
            index.setdefault((s, p, o), []).append(st)
    return index


def _about(data: DataIndex, result: Result) -> list[tuple[Term, str, Term]]:
    """Return the relation triples a violation is about."""
    rels = {str(p) for p in relation_iris()}
    focus, path, value = result.focus, result.path, result.value
    if str(RDF.Statement) in data.objects(focus, _RDF_TYPE):
        s, p, o = (data.value(focus, str(x)) for x in (RDF.subject, RDF.predicate, RDF.object))
        return [(s, p, o)] if s is not None and isinstance(p, str) and o is not None else []
    if path in rels:
        if value is not None and value != focus:
            return [(focus, path, value)]
        return [(focus, path, o) for o in data.objects(focus, path)]
    if not path and result.shape:
        declared = shapes_source().objects(URIRef(result.shape), SH.targetSubjectsOf)
        targets = [p for p in declared if str(p) in rels]
        if len(targets) == 1:
            return [(focus, str(targets[0]), o) for o in data.objects(focus, str(targets[0]))]
    out = [(focus, p, o) for p in sorted(rels) for o in data.objects(focus, p)]
    return out + [(s, p, focus) for p in sorted(rels) for s in data.subjects(p, focus)]


def _evidence(
    data: DataIndex, index: dict[tuple[Term, str, Term], list[Term]], result: Result, triples: list
) -> list[tuple[str, str]]:
    is_statement = str(RDF.Statement) in data.objects(result.focus, _RDF_TYPE)
    nodes = [result.focus] if is_statement else []
    for triple in triples:
        nodes.extend(index.get(triple, []))
    out: list[tuple[str, str]] = []
    for st in nodes:
        sentence = data.value(st, str(GEO.sentence))
        art = data.value(st, str(PROV.wasDerivedFrom))
        ident = data.value(art, _DCTERMS_ID) if art is not None else None
        if sentence is not None:
            source = ident if ident is not None else art
            item = (_text(source) if source is not None else "", _text(sentence))
            if item not in out:
                out.append(item)
    return sorted(out)[:_MAX_EVIDENCE]


def validate_index(data: DataIndex) -> ValidationReport:
    """Validate an indexed data graph against the kg shapes; violations come with their evidence."""
    index = _statements(data)
    violations = []
    for result in evaluate(data):
        about = _about(data, result)
        violations.append(
            Violation(
                focus=_text(result.focus),
                path=result.path,
                value="" if result.value is None else _text(result.value),
                message=result.message,
                shape=result.shape,
                triples=tuple(sorted({(_text(s), p, _text(o)) for s, p, o in about})),
                evidence=tuple(_evidence(data, index, result, about)),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path, v.value, v.message))
    text = "Conforms: True" if not violations else f"Conforms: False ({len(violations)} violations)"
    return ValidationReport(conforms=not violations, violations=tuple(violations), text=text)


def validate_graph(g: Graph) -> ValidationReport:
    """Validate an rdflib graph against the kg shapes (see the module docstring).

    g (Graph): a kg graph.
    RETURNS (ValidationReport): conforms, and the violations sorted by focus/path/value.
    """
    return validate_index(DataIndex.from_graph(g))


def validate_file(path: str | Path) -> ValidationReport:
    """Read a graph file with pyoxigraph (format by suffix) and validate it; no rdflib parse.

    RAISES MissingInputError: the file does not exist. RAISES KgError: it cannot be parsed.
    """
    if not Path(path).is_file():
        raise MissingInputError(path, what="graph file", hint="run 'kg build' first or pass --graph")
    return validate_index(DataIndex.read(path))


def pyshacl_violations(g: Graph) -> set[tuple[str, str, str, str]]:
    """The (focus, path, value, message) of every violation pyshacl finds with the same shapes.

    The reference `validate_graph` is tested against (slow: minutes on a large graph).
    """
    import pyshacl

    _, results, _ = pyshacl.validate(
        g,
        shacl_graph=shapes_source(),
        ont_graph=ontology_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=True,
    )
    found = set()
    for res in results.subjects(RDF.type, SH.ValidationResult):
        if results.value(res, SH.resultSeverity) != SH.Violation:
            continue
        value = results.value(res, SH.value)
        path = results.value(res, SH.resultPath)
        found.add(
            (
                str(results.value(res, SH.focusNode)),
                "" if path is None else str(path),
                "" if value is None else str(value),
                str(results.value(res, SH.resultMessage) or ""),
            )
        )
    return found


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

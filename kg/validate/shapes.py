""":mod:`kg.validate.shapes`: the kg shapes, compiled into checks, and their evaluation over a `DataIndex`.

SHACL Core constraints the shapes use run in Python; SPARQL-based constraints (sh:sparql) run once
each over a pyoxigraph store, with `FILTER NOT EXISTS` evaluated as `MINUS`. A constraint the
compiler does not know raises instead of being skipped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import NamedTuple

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from ..errors import KgError
from ..ontology import ontology_graph, predicates
from ..resources import ontology_file
from ..vocab import GEO
from .index import (
    _NUMERIC,
    _RDF_TYPE,
    DataIndex,
    Lit,
    Term,
    _from_ox,
    _from_rdflib,
    _is_iri,
    _text,
)

__all__ = ["PROVENANCE_SHAPE", "shapes_graph", "shapes_source", "relation_iris", "evaluate", "Result"]

PROVENANCE_SHAPE = URIRef("https://w3id.org/geokg/shapes#ProvenanceShape")

# --------------------------------------------------------------------------- shapes


@cache
def _ontology() -> Graph:
    return ontology_graph()


def relation_iris() -> tuple[URIRef, ...]:
    return tuple(sorted(GEO[name] for name in predicates()))


def _provenance_shape_ttl() -> str:
    """The provenance shape: a SPARQL constraint over the data and the ontology (as pyshacl's
    `ont_graph` mixes them): evidence for the reverse triple counts for a symmetric predicate or
    one with an owl:inverseOf."""
    iris = ", ".join(f"<{p}>" for p in relation_iris())
    select = (
        "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
        "PREFIX owl: <http://www.w3.org/2002/07/owl#> "
        f"SELECT $this ?path ?value WHERE {{ $this ?path ?value . FILTER(?path IN ({iris})) "
        "FILTER NOT EXISTS { ?st rdf:subject $this ; rdf:predicate ?path ; rdf:object ?value . } "
        "FILTER NOT EXISTS { ?r rdf:subject ?value ; rdf:predicate ?path ; rdf:object $this . "
        "?path a owl:SymmetricProperty . } "
        "FILTER NOT EXISTS { ?r rdf:subject ?value ; rdf:predicate ?back ; rdf:object $this . "
        "{ ?path owl:inverseOf ?back } UNION { ?back owl:inverseOf ?path } } }"
    )
    targets = " , ".join(f"<{p}>" for p in relation_iris())
    return f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
<{PROVENANCE_SHAPE}> a sh:NodeShape ;
    sh:targetSubjectsOf {targets} ;
    sh:sparql [ a sh:SPARQLConstraint ;
        sh:message "A relation triple must have at least one rdf:Statement giving its evidence." ;
        sh:select \"\"\"{select}\"\"\" ] .
"""


@cache
def shapes_source() -> Graph:
    g = Graph()
    g.parse(ontology_file("shapes.ttl"), format="turtle")
    g.parse(data=_provenance_shape_ttl(), format="turtle")
    return g


def shapes_graph() -> Graph:
    """Return a copy of the shapes used: ontology/shapes.ttl plus `PROVENANCE_SHAPE`."""
    out = Graph()
    for triple in shapes_source():
        out.add(triple)
    return out


@cache
def _subclasses() -> dict[str, frozenset[str]]:
    """Each class of the ontology with every class below it (itself included)."""
    direct: dict[str, set[str]] = defaultdict(set)
    for sub, sup in _ontology().subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            direct[str(sup)].add(str(sub))

    def below(c: str, seen: frozenset[str]) -> frozenset[str]:
        out = {c}
        for s in direct.get(c, ()):
            if s not in seen:
                out |= below(s, seen | {c})
        return frozenset(out)

    return {c: below(c, frozenset()) for c in list(direct)}


def _classes_below(cls: str) -> frozenset[str]:
    return _subclasses().get(cls, frozenset({cls}))


# A check takes (data, value node, focus node) -> whether the value conforms.
Check = Callable[[DataIndex, Term], bool]


@dataclass(frozen=True, slots=True)
class _Constraint:
    """One value-level constraint of a shape: `ok(data, value)` for each value node."""

    name: str
    ok: Check


@dataclass(frozen=True, slots=True)
class _Shape:
    """A compiled node shape or property shape."""

    iri: str  # "" for a blank node shape
    message: str
    targets: tuple[tuple[str, str], ...] = ()  # (kind, IRI): class, subjectsOf, objectsOf, node
    path: str = ""  # property shapes: a predicate IRI
    values: tuple[_Constraint, ...] = ()  # checked on each value node
    min_count: int | None = None
    max_count: int | None = None
    less_than_or_equals: str = ""
    qualified: tuple[_Constraint, ...] = ()
    qualified_min: int | None = None
    sparql: tuple[tuple[str, str], ...] = ()  # (select text, message)
    properties: tuple[_Shape, ...] = ()


def _has_class(cls: str) -> Check:
    allowed = _classes_below(cls)

    def ok(data: DataIndex, v: Term) -> bool:
        return not isinstance(v, Lit) and any(t in allowed for t in data.objects(v, _RDF_TYPE))

    return ok


def _compare(v: Term, bound: Lit, *, low: bool) -> bool:
    number = _number(v)
    limit = _number(bound)
    if number is None or limit is None:
        return False
    return number >= limit if low else number <= limit


def _number(v: Term) -> Decimal | None:
    if not isinstance(v, Lit) or v.datatype not in _NUMERIC or not _NUMERIC[v.datatype].match(v.value):
        return None
    try:
        return Decimal(v.value)
    except InvalidOperation:
        return None


def _well_formed(v: Lit) -> bool:
    pattern = _NUMERIC.get(v.datatype)
    return pattern is None or bool(pattern.match(v.value))


def _value_constraints(shapes: Graph, node: Node) -> list[_Constraint]:
    """The value-level constraints of a shape node, compiled."""
    out: list[_Constraint] = []
    for cls in shapes.objects(node, SH["class"]):
        out.append(_Constraint("class", _has_class(str(cls))))
    for alternatives in shapes.objects(node, SH["or"]):
        branches = [_value_constraints(shapes, b) for b in Collection(shapes, alternatives)]
        out.append(
            _Constraint(
                "or",
                lambda data, v, branches=branches: any(all(c.ok(data, v) for c in b) for b in branches),
            )
        )
    for members in shapes.objects(node, SH["in"]):
        allowed = frozenset(_from_rdflib(m) for m in Collection(shapes, members))
        out.append(_Constraint("in", lambda data, v, allowed=allowed: v in allowed))
    for kind in shapes.objects(node, SH.nodeKind):
        if kind != SH.IRI:
            raise KgError(f"validate: sh:nodeKind {kind} is not supported by kg's shape compiler")
        out.append(_Constraint("nodeKind", lambda data, v: _is_iri(v)))
    for datatype in shapes.objects(node, SH.datatype):
        dt = str(datatype)
        out.append(
            _Constraint(
                "datatype",
                lambda data, v, dt=dt: isinstance(v, Lit) and v.datatype == dt and _well_formed(v),
            )
        )
    for pattern in shapes.objects(node, SH.pattern):
        flags = "".join(str(f) for f in shapes.objects(node, SH.flags))
        regex = re.compile(str(pattern), re.IGNORECASE if "i" in flags else 0)
        out.append(
            _Constraint(
                "pattern",
                lambda data, v, regex=regex: (
                    not (isinstance(v, str) and v.startswith("_:")) and regex.search(_text(v)) is not None
                ),
            )
        )
    for bound in shapes.objects(node, SH.minInclusive):
        low = _from_rdflib(bound)
        out.append(_Constraint("minInclusive", lambda data, v, low=low: _compare(v, low, low=True)))
    for bound in shapes.objects(node, SH.maxInclusive):
        high = _from_rdflib(bound)
        out.append(_Constraint("maxInclusive", lambda data, v, high=high: _compare(v, high, low=False)))
    return out


_KNOWN = {
    SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.message, SH.path,
    SH.property, SH.sparql, SH.minCount, SH.maxCount, SH.lessThanOrEquals, SH.qualifiedValueShape,
    SH.qualifiedMinCount, SH["class"], SH["or"], SH["in"], SH.nodeKind, SH.datatype, SH.pattern,
    SH.flags, SH.minInclusive, SH.maxInclusive, RDF.type, RDFS.comment, RDFS.label,
}  # fmt: skip


def _compile(shapes: Graph, node: Node) -> _Shape:
    unknown = {p for p in shapes.predicates(node, None) if p not in _KNOWN}
    if unknown:
        names = ", ".join(sorted(shapes.namespace_manager.normalizeUri(p) for p in unknown))
        raise KgError(f"validate: {names} in {node} is not supported by kg's shape compiler")
    targets = [("class", str(c)) for c in shapes.objects(node, SH.targetClass)]
    targets += [("subjectsOf", str(p)) for p in shapes.objects(node, SH.targetSubjectsOf)]
    targets += [("objectsOf", str(p)) for p in shapes.objects(node, SH.targetObjectsOf)]
    targets += [("node", str(n)) for n in shapes.objects(node, SH.targetNode)]
    path = shapes.value(node, SH.path)
    if path is not None and not isinstance(path, URIRef):
        raise KgError(f"validate: only predicate paths are supported, not {path}")
    sparql = []
    for constraint in shapes.objects(node, SH.sparql):
        text = str(shapes.value(constraint, SH.select))
        message = shapes.value(constraint, SH.message) or shapes.value(node, SH.message) or "SPARQL"
        sparql.append((text, str(message)))
    qualified = shapes.value(node, SH.qualifiedValueShape)
    less = shapes.value(node, SH.lessThanOrEquals)
    min_count = shapes.value(node, SH.minCount)
    max_count = shapes.value(node, SH.maxCount)
    qualified_min = shapes.value(node, SH.qualifiedMinCount)
    return _Shape(
        iri=str(node) if isinstance(node, URIRef) else "",
        message=str(shapes.value(node, SH.message) or ""),
        targets=tuple(sorted(targets)),
        path=str(path or ""),
        values=tuple(_value_constraints(shapes, node)),
        min_count=int(min_count) if min_count is not None else None,
        max_count=int(max_count) if max_count is not None else None,
        less_than_or_equals=str(less or ""),
        qualified=tuple(_value_constraints(shapes, qualified)) if qualified is not None else (),
        qualified_min=int(qualified_min) if qualified_min is not None else None,
        sparql=tuple(sparql),
        properties=tuple(
            _compile(shapes, p) for p in sorted(shapes.objects(node, SH.property), key=_shape_key)
        ),
    )


def _shape_key(node: Node) -> str:
    return str(node) if isinstance(node, URIRef) else ""


@cache
def _compiled() -> tuple[_Shape, ...]:
    shapes = shapes_source()
    nodes = {s for s in shapes.subjects(RDF.type, SH.NodeShape)}
    for target in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode):
        nodes |= set(shapes.subjects(target))
    return tuple(_compile(shapes, n) for n in sorted(nodes, key=str))


# --------------------------------------------------------------------------- evaluation


class Result(NamedTuple):
    focus: Term
    path: str
    value: Term | None
    message: str
    shape: str


def _focus_nodes(data: DataIndex, shape: _Shape) -> list[Term]:
    found: dict[Term, None] = {}
    for kind, iri in shape.targets:
        if kind == "class":
            for cls in sorted(_classes_below(iri)):
                found.update(dict.fromkeys(data.subjects(_RDF_TYPE, cls)))
        elif kind == "subjectsOf":
            found.update(dict.fromkeys(data.subjects(iri)))
        elif kind == "objectsOf":
            po = data.po.get(iri, {})
            found.update(dict.fromkeys(o for o, subjects in po.items() if subjects))
        else:
            found[iri] = None
    return list(found)


def _check_values(
    data: DataIndex, shape: _Shape, focus: Term, values: list[Term], path: str, message: str
) -> Iterator[Result]:
    for constraint in shape.values:
        for v in values:
            if not constraint.ok(data, v):
                yield Result(focus, path, v, message, shape.iri)


def _check_property(data: DataIndex, shape: _Shape, focus: Term) -> Iterator[Result]:
    values = data.objects(focus, shape.path)
    message = shape.message
    if shape.min_count is not None and len(values) < shape.min_count:
        yield Result(focus, shape.path, None, message, shape.iri)
    if shape.max_count is not None and len(values) > shape.max_count:
        yield Result(focus, shape.path, None, message, shape.iri)
    yield from _check_values(data, shape, focus, values, shape.path, message)
    if shape.less_than_or_equals:
        others = data.objects(focus, shape.less_than_or_equals)
        for v in values:
            if any(not _compare(v, o, low=False) if isinstance(o, Lit) else True for o in others):
                yield Result(focus, shape.path, v, message, shape.iri)
    if shape.qualified_min is not None:
        matching = [v for v in values if all(c.ok(data, v) for c in shape.qualified)]
        if len(matching) < shape.qualified_min:
            yield Result(focus, shape.path, None, message, shape.iri)


_NOT_EXISTS = re.compile(r"FILTER\s+NOT\s+EXISTS\s*\{", re.IGNORECASE)


def _with_minus(query: str) -> str:
    """Rewrite each `FILTER NOT EXISTS { P }` whose group has no FILTER, BIND or OPTIONAL as `MINUS { P }`.

    pyoxigraph evaluates a correlated NOT EXISTS row by row (seconds on a large graph), MINUS as
    one anti-join (milliseconds). The two agree when the variables P shares with the outer pattern
    are bound there, as in kg's constraints, which bind $this and what it is compared with; the
    comparison with pyshacl in the tests keeps that true.

    >>> _with_minus("SELECT ?s { ?s ?p ?o FILTER NOT EXISTS { ?o a ?s } }")
    'SELECT ?s { ?s ?p ?o MINUS { ?o a ?s } }'
    """
    out, at = [], 0
    for match in _NOT_EXISTS.finditer(query):
        if match.start() < at:
            continue
        depth, end = 1, match.end()
        while depth and end < len(query):
            depth += {"{": 1, "}": -1}.get(query[end], 0)
            end += 1
        inner = query[match.end() : end - 1]
        if re.search(r"\b(FILTER|BIND|OPTIONAL|EXISTS)\b", inner, re.IGNORECASE):
            continue
        out += [query[at : match.start()], "MINUS {", inner, "}"]
        at = end
    return "".join(out) + query[at:]


def _sparql_results(data: DataIndex, shape: _Shape, focus: list[Term]) -> Iterator[Result]:
    """Run each sh:sparql SELECT once over the store; keep the rows whose $this is a focus node."""
    targets = set(focus)
    for text, message in shape.sparql:
        query = _with_minus(re.sub(r"\$this\b", "?this", text))
        for row in data.store().query(query):  # type: ignore[union-attr]
            this = _from_ox(row["this"])
            if this not in targets:
                continue
            path = row["path"] if "path" in _variables(query) else None
            value = row["value"] if "value" in _variables(query) else None
            yield Result(
                this,
                path.value if path is not None else "",
                _from_ox(value) if value is not None else this,
                message,
                shape.iri,
            )


@cache
def _variables(query: str) -> frozenset[str]:
    return frozenset(re.findall(r"\?(\w+)", query.split("WHERE", 1)[0]))


def evaluate(data: DataIndex) -> list[Result]:
    results: dict[Result, None] = {}
    for shape in _compiled():
        focus_nodes = _focus_nodes(data, shape)
        if not focus_nodes:
            continue
        for focus in focus_nodes:
            results.update(dict.fromkeys(_check_values(data, shape, focus, [focus], "", shape.message)))
            for prop in shape.properties:
                results.update(dict.fromkeys(_check_property(data, prop, focus)))
        if shape.sparql:
            results.update(dict.fromkeys(_sparql_results(data, shape, focus_nodes)))
    return list(results)

"""Check a kg graph against its SHACL shapes, fast, and split off what does not conform.

The shapes are `ontology/shapes.ttl` (domain and range of every relation, labels and types,
statement provenance, article metadata) plus one shape made here from the ontology: every asserted
relation triple has at least one rdf:Statement with its evidence (`PROVENANCE_SHAPE`); a triple
whose reverse has evidence counts when its predicate is symmetric or has an owl:inverseOf, so a
graph after `kg build --infer` still conforms.

The shapes are compiled once into checks that run over an index of the data graph: the SHACL Core
constraints the shapes use (sh:class following rdfs:subClassOf in the geo ontology, sh:or, sh:in,
sh:nodeKind, sh:datatype, sh:pattern, sh:minCount, sh:maxCount, sh:minInclusive, sh:maxInclusive,
sh:lessThanOrEquals, sh:qualifiedValueShape) in Python, and SPARQL-based constraints (sh:sparql)
as one query each over a pyoxigraph store. The findings are pyshacl's (run with the ontology as
`ont_graph`, no inference; `pyshacl_violations` runs it for comparison), in seconds instead of
minutes: a constraint the compiler does not know raises instead of being skipped.

Each violation carries the evidence sentences of the offending triple(s), so a reviewer sees which
sentence produced the bad triple. `split_graph` moves non-conforming triples, with the statements
that describe them, into a review graph; `kg build` does this on every build.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import PROV, RDF, RDFS, SH
from rdflib.term import Node

from .errors import KgError, MissingInputError
from .ontology import ontology_graph, predicates
from .resources import ontology_file
from .vocab import GEO, XSD, bind

__all__ = [
    "PROVENANCE_SHAPE",
    "Violation",
    "ValidationReport",
    "Split",
    "DataIndex",
    "shapes_graph",
    "validate_graph",
    "validate_file",
    "validate_index",
    "pyshacl_violations",
    "split_graph",
    "split_conforming",
    "format_violation",
]

PROVENANCE_SHAPE = URIRef("https://w3id.org/geokg/shapes#ProvenanceShape")
_MAX_EVIDENCE = 5
_DCTERMS_ID = "http://purl.org/dc/terms/identifier"
_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)
_NUMERIC = {
    str(XSD.integer): re.compile(r"^[+-]?\d+$"),
    str(XSD.decimal): re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)$"),
}

Triple = tuple[Node, Node, Node]


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


# --------------------------------------------------------------------------- terms and the data index


class Lit(NamedTuple):
    """A literal: lexical form, datatype IRI, language tag ('' if none)."""

    value: str
    datatype: str
    language: str = ""


Term = str | Lit  # an IRI, a blank node ("_:id") or a literal


def _is_iri(term: Term) -> bool:
    return isinstance(term, str) and not term.startswith("_:")


def _text(term: Term) -> str:
    """The string a result shows: an IRI, `_:id` or a literal's lexical form."""
    return term.value if isinstance(term, Lit) else term


def _from_rdflib(term: Node) -> Term:
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype else (_LANG_STRING if term.language else _XSD_STRING)
        return Lit(str(term), datatype, term.language or "")
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _from_ox(term: object) -> Term:
    if isinstance(term, ox.Literal):
        return Lit(term.value, term.datatype.value, term.language or "")
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value  # type: ignore[attr-defined]


def _to_ox(term: Term):
    if isinstance(term, Lit):
        if term.language:
            return ox.Literal(term.value, language=term.language)
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype))
    if term.startswith("_:"):
        return ox.BlankNode(term[2:])
    return ox.NamedNode(term)


class DataIndex:
    """The data graph as dictionaries: objects by (subject, predicate), subjects by predicate, and so on.

    Built from an rdflib Graph (`from_graph`), a pyoxigraph store (`from_store`) or a file (`read`).
    """

    def __init__(self, triples: Iterable[tuple[Term, Term, Term]]) -> None:
        self.sp: dict[Term, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        self.po: dict[str, dict[Term, list[Term]]] = defaultdict(lambda: defaultdict(list))
        self.triples: list[tuple[Term, str, Term]] = []
        for s, p, o in triples:
            self.sp[s][p].append(o)  # type: ignore[index]
            self.po[p][o].append(s)  # type: ignore[index]
            self.triples.append((s, p, o))  # type: ignore[arg-type]
        self._store: ox.Store | None = None
        self._with_ontology = False

    @classmethod
    def from_graph(cls, g: Graph) -> DataIndex:
        """Index an rdflib graph."""
        return cls((_from_rdflib(s), str(p), _from_rdflib(o)) for s, p, o in g)

    @classmethod
    def from_store(cls, store: ox.Store) -> DataIndex:
        """Index the default graph of a pyoxigraph store (the store is kept for SPARQL constraints)."""
        quads = store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        index = cls((_from_ox(q.subject), q.predicate.value, _from_ox(q.object)) for q in quads)
        index._store = store
        return index

    @classmethod
    def read(cls, path: str | Path) -> DataIndex:
        """Parse an RDF file (format by suffix, Turtle by default) with pyoxigraph and index it.

        RAISES KgError: one line naming the file when it cannot be parsed.
        """
        path = Path(path)
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) or ox.RdfFormat.TURTLE
        store = ox.Store()
        try:
            store.load(path=str(path), format=fmt)
        except (SyntaxError, ValueError, OSError) as err:
            raise KgError(f"{path}: cannot parse the graph: {' '.join(str(err).split())[:300]}") from None
        return cls.from_store(store)

    def objects(self, s: Term, p: str) -> list[Term]:
        """Distinct objects of (s, p)."""
        found = self.sp.get(s)
        return list(dict.fromkeys(found.get(p, ()))) if found else []

    def subjects(self, p: str, o: Term | None = None) -> list[Term]:
        """Distinct subjects of p (with object o)."""
        found = self.po.get(p)
        if not found:
            return []
        if o is not None:
            return list(dict.fromkeys(found.get(o, ())))
        return list(dict.fromkeys(s for subjects in found.values() for s in subjects))

    def value(self, s: Term, p: str) -> Term | None:
        found = self.objects(s, p)
        return found[0] if found else None

    def store(self) -> ox.Store:
        """The data and the ontology in one pyoxigraph store (as pyshacl's `ont_graph` mixes them)."""
        if self._store is None:
            self._store = ox.Store()
            self._store.extend(ox.Quad(_to_ox(s), ox.NamedNode(p), _to_ox(o)) for s, p, o in self.triples)
        if not self._with_ontology:
            self._store.load(path=str(ontology_file("geopolitics.ttl")), format=ox.RdfFormat.TURTLE)
            self._with_ontology = True
        return self._store


# --------------------------------------------------------------------------- shapes


@cache
def _ontology() -> Graph:
    return ontology_graph()


def _relations() -> tuple[URIRef, ...]:
    return tuple(sorted(GEO[name] for name in predicates()))


def _provenance_shape_ttl() -> str:
    """The provenance shape: a SPARQL constraint over the data and the ontology (as pyshacl's
    `ont_graph` mixes them): evidence for the reverse triple counts for a symmetric predicate or
    one with an owl:inverseOf."""
    iris = ", ".join(f"<{p}>" for p in _relations())
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
    targets = " , ".join(f"<{p}>" for p in _relations())
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
                lambda data, v, regex=regex: not (isinstance(v, str) and v.startswith("_:"))
                and regex.search(_text(v)) is not None,
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
    shapes = _shapes()
    nodes = {s for s in shapes.subjects(RDF.type, SH.NodeShape)}
    for target in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode):
        nodes |= set(shapes.subjects(target))
    return tuple(_compile(shapes, n) for n in sorted(nodes, key=str))


# --------------------------------------------------------------------------- evaluation


class _Result(NamedTuple):
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
) -> Iterator[_Result]:
    for constraint in shape.values:
        for v in values:
            if not constraint.ok(data, v):
                yield _Result(focus, path, v, message, shape.iri)


def _check_property(data: DataIndex, shape: _Shape, focus: Term) -> Iterator[_Result]:
    values = data.objects(focus, shape.path)
    message = shape.message
    if shape.min_count is not None and len(values) < shape.min_count:
        yield _Result(focus, shape.path, None, message, shape.iri)
    if shape.max_count is not None and len(values) > shape.max_count:
        yield _Result(focus, shape.path, None, message, shape.iri)
    yield from _check_values(data, shape, focus, values, shape.path, message)
    if shape.less_than_or_equals:
        others = data.objects(focus, shape.less_than_or_equals)
        for v in values:
            if any(not _compare(v, o, low=False) if isinstance(o, Lit) else True for o in others):
                yield _Result(focus, shape.path, v, message, shape.iri)
    if shape.qualified_min is not None:
        matching = [v for v in values if all(c.ok(data, v) for c in shape.qualified)]
        if len(matching) < shape.qualified_min:
            yield _Result(focus, shape.path, None, message, shape.iri)


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


def _sparql_results(data: DataIndex, shape: _Shape, focus: list[Term]) -> Iterator[_Result]:
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
            yield _Result(
                this,
                path.value if path is not None else "",
                _from_ox(value) if value is not None else this,
                message,
                shape.iri,
            )


@cache
def _variables(query: str) -> frozenset[str]:
    return frozenset(re.findall(r"\?(\w+)", query.split("WHERE", 1)[0]))


def _evaluate(data: DataIndex) -> list[_Result]:
    results: dict[_Result, None] = {}
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


# --------------------------------------------------------------------------- reports


def _statements(data: DataIndex) -> dict[tuple[Term, str, Term], list[Term]]:
    index: dict[tuple[Term, str, Term], list[Term]] = {}
    for st in data.subjects(_RDF_TYPE, str(RDF.Statement)):
        s, p, o = (data.value(st, str(x)) for x in (RDF.subject, RDF.predicate, RDF.object))
        if s is not None and isinstance(p, str) and o is not None:
            index.setdefault((s, p, o), []).append(st)
    return index


def _about(data: DataIndex, result: _Result) -> list[tuple[Term, str, Term]]:
    """Return the relation triples a violation is about."""
    rels = {str(p) for p in _relations()}
    focus, path, value = result.focus, result.path, result.value
    if str(RDF.Statement) in data.objects(focus, _RDF_TYPE):
        s, p, o = (data.value(focus, str(x)) for x in (RDF.subject, RDF.predicate, RDF.object))
        return [(s, p, o)] if s is not None and isinstance(p, str) and o is not None else []
    if path in rels:
        if value is not None and value != focus:
            return [(focus, path, value)]
        return [(focus, path, o) for o in data.objects(focus, path)]
    if not path and result.shape:
        targets = [p for p in _shapes().objects(URIRef(result.shape), SH.targetSubjectsOf) if str(p) in rels]
        if len(targets) == 1:
            return [(focus, str(targets[0]), o) for o in data.objects(focus, str(targets[0]))]
    out = [(focus, p, o) for p in sorted(rels) for o in data.objects(focus, p)]
    return out + [(s, p, focus) for p in sorted(rels) for s in data.subjects(p, focus)]


def _evidence(
    data: DataIndex, index: dict[tuple[Term, str, Term], list[Term]], result: _Result, triples: list
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
    for result in _evaluate(data):
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
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
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
    rels = set(_relations())
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
    rels = set(_relations())
    return any(p in rels for p in _shapes().objects(URIRef(shape), SH.targetSubjectsOf))


def _offending(g: Graph, report: ValidationReport) -> set[Triple]:
    """Return the triples to move for each violation (before `_close`)."""
    moved: set[Triple] = set()
    rels = {str(p) for p in _relations()}
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


def split_graph(g: Graph, *, max_rounds: int = 3) -> Split:
    """Split `g` into conforming triples and a review graph of non-conforming ones.

    A violation on a relation (wrong subject or object class, no provenance) moves that triple
    and its statements; a bad statement moves the statement, and the triple when no other
    statement supports it; a bad value (e.g. an ISO code) moves that value; an entity or article
    that is malformed itself is quarantined with every triple touching it. Each focus node in the
    review graph, and each statement of a moved relation, gets an rdfs:comment per violation: the
    reason. Repeats until the rest conforms
    or `max_rounds` is reached.

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
        report = validate_graph(keep)
    return Split(conforming=keep, review=review, report=first, final=report)


def split_conforming(g: Graph) -> tuple[Graph, Graph]:
    """Return (conforming graph, review graph); see `split_graph`."""
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

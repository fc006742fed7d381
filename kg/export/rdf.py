"""RDF exports: Turtle, N-Triples, N-Quads, TriG, JSON-LD and RDF/XML.

N-Quads and TriG carry provenance as one named graph per article (see `provenance_parts`);
the union of their graphs is the Turtle graph. JSON-LD is compact, with an `@context` made from
the ontology (`jsonld_context`). Turtle is `kg.graph`'s writer (the one `kg build` uses), re-exported
here. Every writer is deterministic: the graph is copied in sorted
order before rdflib serialises it, line formats are sorted and JSON keys are sorted.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS
from rdflib.term import Node

from ..atomic import write_bytes_atomic
from ..convert import local_name
from ..graph import generate_turtle, write_turtle
from ..resources import ontology_file
from ..vocab import GEO, PREFIXES, XSD, bind

__all__ = [
    "provenance_parts",
    "jsonld_context",
    "generate_turtle",
    "generate_ntriples",
    "generate_nquads",
    "generate_trig",
    "generate_jsonld",
    "generate_rdfxml",
    "write_turtle",
    "write_ntriples",
    "write_nquads",
    "write_trig",
    "write_jsonld",
    "write_rdfxml",
]

_GEO = str(GEO._NS)


def _term_key(term: Node) -> tuple[str, str, str, str]:
    return (
        type(term).__name__,
        str(term),
        str(getattr(term, "datatype", None) or ""),
        str(getattr(term, "language", None) or ""),
    )


def _triple_key(triple: tuple[Node, Node, Node]) -> tuple[tuple[str, str, str, str], ...]:
    return tuple(_term_key(t) for t in triple)


def _sorted_graph(g: Graph) -> Graph:
    """Return a copy of `g` whose triples were added in sorted order, with kg prefixes."""
    out = Graph()
    bind(out)
    for triple in sorted(g, key=_triple_key):
        out.add(triple)
    return out


def _graph_of(g: Graph) -> dict[tuple[Node, Node, Node], set[URIRef]]:
    """Map each triple that has provenance to the article IRIs it comes from."""
    owners: dict[tuple[Node, Node, Node], set[URIRef]] = {}
    articles = {a for a in g.subjects(RDF.type, GEO.Article) if isinstance(a, URIRef)}
    for art in articles:
        for p, o in g.predicate_objects(art):
            owners.setdefault((art, p, o), set()).add(art)
    for stmt in set(g.subjects(RDF.type, RDF.Statement)):
        sources = {a for a in g.objects(stmt, PROV.wasDerivedFrom) if a in articles}
        if not sources:
            continue
        for p, o in g.predicate_objects(stmt):
            owners.setdefault((stmt, p, o), set()).update(sources)
        s, p, o = g.value(stmt, RDF.subject), g.value(stmt, RDF.predicate), g.value(stmt, RDF.object)
        if s is not None and p is not None and o is not None and (s, p, o) in g:
            owners.setdefault((s, p, o), set()).update(sources)
    return owners


def provenance_parts(g: Graph) -> list[tuple[URIRef | None, Graph]]:
    """Split `g` into one named graph per article plus the default graph.

    A named graph (named by the article IRI) holds the article's own triples, the
    rdf:Statement nodes derived from it and the relation triples they support (a relation
    read in two articles is in both graphs). Everything else (entity types, labels,
    countries) is in the default graph. The union of all graphs equals `g`.

    g (Graph): a kg graph.
    RETURNS (list[tuple[URIRef | None, Graph]]): (article IRI, or None for the default graph,
        its triples), the default graph first, then by IRI; empty graphs left out.
    """
    owners = _graph_of(g)
    parts: dict[URIRef | None, Graph] = {}
    for triple in sorted(g, key=_triple_key):
        for name in sorted(owners.get(triple) or {None}, key=lambda n: "" if n is None else str(n)):
            if name not in parts:
                parts[name] = Graph(identifier=name) if name is not None else Graph()
                bind(parts[name])
            parts[name].add(triple)
    return sorted(parts.items(), key=lambda item: "" if item[0] is None else str(item[0]))


def _ox(term: Node):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    return ox.NamedNode(str(term))


def _provenance_quads(g: Graph) -> list:
    quads = []
    for name, part in provenance_parts(g):
        graph = ox.NamedNode(str(name)) if name is not None else ox.DefaultGraph()
        quads += [ox.Quad(_ox(s), _ox(p), _ox(o), graph) for s, p, o in sorted(part, key=_triple_key)]
    return quads


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted({line for line in data.decode("utf-8").splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def generate_ntriples(g: Graph) -> bytes:
    """Serialise `g` as N-Triples, one triple per line, lines sorted."""
    return _sorted_lines(_sorted_graph(g).serialize(format="nt", encoding="utf-8"))


def generate_nquads(g: Graph) -> bytes:
    """Serialise the provenance graphs of `g` as N-Quads, lines sorted."""
    return _sorted_lines(ox.serialize(_provenance_quads(g), format=ox.RdfFormat.N_QUADS) or b"")


def generate_trig(g: Graph) -> bytes:
    """Serialise the provenance graphs of `g` as TriG (one named graph per article, kg prefixes)."""
    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    return ox.serialize(_provenance_quads(g), format=ox.RdfFormat.TRIG, prefixes=prefixes) or b""


def _context_type(ont: Graph, prop: URIRef) -> str | None:
    """The `@type` coercion of a property in the JSON-LD context, or None for plain strings."""
    if (prop, RDF.type, OWL.ObjectProperty) in ont:
        return "@id"
    rng = ont.value(prop, RDFS.range)
    if isinstance(rng, URIRef) and str(rng).startswith(str(XSD)) and rng != XSD.string:
        return "xsd:" + local_name(str(rng))
    return None


@cache
def _context() -> str:
    ont = Graph()
    ont.parse(ontology_file("geopolitics.ttl"), format="turtle")
    ctx: dict[str, object] = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    for cls in set(ont.subjects(RDF.type, OWL.Class)):
        if isinstance(cls, URIRef) and str(cls).startswith(_GEO):
            ctx[local_name(str(cls))] = "geo:" + local_name(str(cls))
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    for prop in {p for kind in kinds for p in ont.subjects(RDF.type, kind)}:
        if not (isinstance(prop, URIRef) and str(prop).startswith(_GEO)):
            continue
        name = local_name(str(prop))
        coerce = _context_type(ont, prop)
        ctx[name] = {"@id": "geo:" + name, "@type": coerce} if coerce else "geo:" + name
    ctx.update(
        {
            "Statement": "rdf:Statement",
            "subject": {"@id": "rdf:subject", "@type": "@id"},
            "predicate": {"@id": "rdf:predicate", "@type": "@id"},
            "object": {"@id": "rdf:object", "@type": "@id"},
            "label": "rdfs:label",
            "seeAlso": {"@id": "rdfs:seeAlso", "@type": "xsd:anyURI"},
            "wasDerivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
            "identifier": "dcterms:identifier",
            "title": "dcterms:title",
            "source": "dcterms:source",
            "date": "dcterms:date",
        }
    )
    return json.dumps(ctx, sort_keys=True)


def jsonld_context() -> dict[str, object]:
    """Return the JSON-LD `@context`: kg prefixes, one term per ontology class and property.

    Object properties are coerced to `@id`; datatype properties with a non-string XSD range
    carry that `@type`, so compact values stay short and re-import to the same literals.
    """
    return json.loads(_context())


def _canonical_json(value: object) -> object:
    """Sort node arrays by `@id` and other arrays by their JSON text (JSON-LD values are sets)."""
    if isinstance(value, dict):
        return {k: _canonical_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def generate_jsonld(g: Graph) -> bytes:
    """Serialise `g` as compact JSON-LD with the ontology `@context` (keys and arrays sorted)."""
    context = jsonld_context()
    text = _sorted_graph(g).serialize(format="json-ld", context=context, auto_compact=True)
    doc = json.loads(text)
    if isinstance(doc, dict):
        doc["@context"] = context
    out = _canonical_json(doc)
    return (json.dumps(out, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def generate_rdfxml(g: Graph) -> bytes:
    """Serialise `g` as RDF/XML."""
    return _sorted_graph(g).serialize(format="xml", encoding="utf-8")


def write_ntriples(g: Graph, path: str | Path) -> Path:
    """Write N-Triples atomically."""
    return write_bytes_atomic(path, generate_ntriples(g))


def write_nquads(g: Graph, path: str | Path) -> Path:
    """Write N-Quads (one named graph per article) atomically."""
    return write_bytes_atomic(path, generate_nquads(g))


def write_trig(g: Graph, path: str | Path) -> Path:
    """Write TriG (one named graph per article) atomically."""
    return write_bytes_atomic(path, generate_trig(g))


def write_jsonld(g: Graph, path: str | Path) -> Path:
    """Write compact JSON-LD atomically."""
    return write_bytes_atomic(path, generate_jsonld(g))


def write_rdfxml(g: Graph, path: str | Path) -> Path:
    """Write RDF/XML atomically."""
    return write_bytes_atomic(path, generate_rdfxml(g))

"""RDF exports: round trip to an isomorphic graph, provenance graphs, JSON-LD context, determinism."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

from kg.export import FOLDER_FORMATS, export_graph, formats, read_graph_file
from kg.export.rdf import generate_turtle, jsonld_context, provenance_parts
from kg.graph import read_graph
from kg.resources import ontology_file
from kg.vocab import GEO

from ._graphs import NASTY_SENTENCE, rdf_graph

_PARSE = {
    "turtle": "turtle",
    "ntriples": "nt",
    "nquads": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "rdfxml": "xml",
}


@pytest.fixture(scope="module")
def g() -> Graph:
    return rdf_graph()


def _quads(data: bytes, fmt: str) -> list[ox.Quad]:
    """Parse quads with pyoxigraph: a parser independent of the rdflib serializers under test."""
    return list(ox.parse(data, format=ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS))


@pytest.mark.parametrize("fmt", sorted(_PARSE))
def test_rdf_round_trip_is_isomorphic_to_turtle(g, tmp_path, fmt):
    turtle = Graph().parse(data=generate_turtle(g), format="turtle")
    path = export_graph(g, fmt, tmp_path / f"graph.{fmt}")
    data = path.read_bytes()
    quads = fmt in ("trig", "nquads", "jsonld")  # read with pyoxigraph: rdflib's parsers here are deprecated
    back = read_graph(path) if quads else Graph().parse(data=data, format=_PARSE[fmt])
    assert len(back) == len(turtle) == len(g)
    assert isomorphic(back, turtle)
    # the hostile sentence survives byte for byte
    assert Literal(NASTY_SENTENCE) in set(back.objects(None, GEO.sentence))


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_rdf_provenance_has_one_named_graph_per_article(g, tmp_path, fmt):
    quads = _quads(export_graph(g, fmt, tmp_path / f"g.{fmt}").read_bytes(), fmt)
    parts: dict[str, Graph] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode):
            data = ox.serialize([ox.Triple(q.subject, q.predicate, q.object)], format=ox.RdfFormat.N_TRIPLES)
            parts.setdefault(q.graph_name.value, Graph()).parse(data=data, format="nt")
    articles = set(g.subjects(RDF.type, GEO.Article))
    assert set(parts) == {str(a) for a in articles}
    for art in articles:
        part = parts[str(art)]
        # every statement in the graph of an article was derived from that article
        for stmt in part.subjects(RDF.type, RDF.Statement):
            assert set(g.objects(stmt, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))) >= {art}
            s, p, o = (part.value(stmt, t) for t in (RDF.subject, RDF.predicate, RDF.object))
            assert (s, p, o) in part


def test_rdf_relation_read_in_two_articles_is_in_both_graphs(g):
    parts = provenance_parts(g)
    supplies_to = [(s, o) for s, o in g.subject_objects(GEO.suppliesTo)]
    assert len(supplies_to) == 1
    s, o = supplies_to[0]
    holders = {name for name, part in parts if (s, GEO.suppliesTo, o) in part}
    assert len(holders) == 2


def test_rdf_jsonld_context_comes_from_the_ontology(g, tmp_path):
    ctx = jsonld_context()
    ont = Graph().parse(ontology_file("geopolitics.ttl"), format="turtle")
    props = {
        str(p).rsplit("#", 1)[1]
        for p in ont.subjects(RDF.type, OWL.ObjectProperty)
        if str(p).startswith(str(GEO._NS))
    }
    assert props and props <= set(ctx)
    assert ctx["suppliesTo"] == {"@id": "geo:suppliesTo", "@type": "@id"}
    assert ctx["startChar"] == {"@id": "geo:startChar", "@type": "xsd:integer"}
    doc = json.loads(export_graph(g, "jsonld", tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == ctx
    # compact: entity references use the prefixes, classes use their short names
    text = json.dumps(doc["@graph"])
    assert '"ent:borduria"' in text and '"Country"' in text


@pytest.mark.parametrize("fmt", formats())
def test_rdf_every_format_is_byte_identical_for_the_same_graph(tmp_path, fmt):
    a = export_graph(rdf_graph(), fmt, tmp_path / "a" / "out")
    b = export_graph(rdf_graph(shuffle=7), fmt, tmp_path / "b" / "out")
    if fmt in FOLDER_FORMATS:
        names = sorted(p.name for p in a.iterdir())
        assert names == sorted(p.name for p in b.iterdir())
        assert all((a / n).read_bytes() == (b / n).read_bytes() for n in names)
    else:
        assert a.read_bytes() == b.read_bytes()
        assert a.read_bytes()


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld", "rdfxml", "ntriples"])
def test_rdf_export_reads_back_as_graph_file(g, tmp_path, fmt):
    suffix = {"trig": "g.trig", "nquads": "g.nq", "jsonld": "g.jsonld", "rdfxml": "g.rdf", "ntriples": "g.nt"}
    path = export_graph(g, fmt, tmp_path / suffix[fmt])
    assert isomorphic(read_graph_file(path), g)

"""kg.infer: symmetric, inverse and superclass-type materialisation with owlrl."""

from __future__ import annotations

from rdflib.namespace import OWL, RDF, RDFS

from kg.graph import entity_iri, generate_turtle
from kg.infer import axioms, inferred_triples, materialise
from kg.validate import validate_graph
from kg.vocab import GEO

from . import _graphs as RG


def test_infer_symmetric_triples_materialised():
    g = RG.make_graph()
    putin, kim = entity_iri("Vladimir Putin"), entity_iri("Kim Jong Un")
    assert (kim, GEO.meetsWith, putin) not in g
    out = materialise(g)
    assert (kim, GEO.meetsWith, putin) in out
    # not symmetric: no reverse triple
    assert (entity_iri("North Korea"), GEO.condemns, entity_iri("United States")) not in out
    assert (kim, GEO.meetsWith, putin) not in g  # input untouched


def test_infer_superclass_types():
    out = materialise(RG.make_graph())
    russia = entity_iri("Russia")
    assert {(russia, RDF.type, c) in out for c in (GEO.Country, GEO.Actor, GEO.Place)} == {True}
    assert (entity_iri("Vladimir Putin"), RDF.type, GEO.Actor) in out
    assert (entity_iri("Vladimir Putin"), RDF.type, GEO.Place) not in out
    assert (entity_iri("munitions"), RDF.type, GEO.Actor) not in out  # no domain/range typing


def test_infer_adds_only_relations_and_types():
    g = RG.make_graph()
    added = inferred_triples(g)
    assert added
    rels = {p for _, p, _ in added}
    assert rels <= {RDF.type, GEO.meetsWith}
    assert not any(p == OWL.sameAs for _, p, _ in materialise(g))


def test_infer_output_is_deterministic_and_still_valid():
    g = RG.make_graph()
    assert generate_turtle(materialise(g)) == generate_turtle(materialise(RG.make_graph()))
    assert validate_graph(materialise(g)).conforms


def test_infer_uses_only_the_geo_axioms():
    ax = axioms()
    assert {p for _, p, _ in ax} <= {RDF.type, OWL.inverseOf, RDFS.subClassOf}
    assert set(ax.objects(None, RDF.type)) == {OWL.SymmetricProperty}
    symmetric = set(ax.subjects(RDF.type, OWL.SymmetricProperty))
    assert symmetric == {
        GEO.meetsWith,
        GEO.cooperatesWith,
        GEO.alliedWith,
        GEO.tradesWith,
        GEO.hasTensionWith,
    }
    assert (GEO.Country, RDFS.subClassOf, GEO.Actor) in ax

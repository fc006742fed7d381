"""`kg.vocab.GEO` and `ontology/geopolitics.ttl` declare the same terms, and every relation is documented."""

from __future__ import annotations

import re

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL

from kg.resources import ontology_file
from kg.vocab import GEO

NS = str(GEO._NS)
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

# The predicate tables of the extraction guidelines: name -> (family, domain classes, range classes).
RELATIONS = {
    "leaderOf": ("structural", {"Person"}, {"Country", "Organization"}),
    "officialOf": ("structural", {"Person"}, {"Country", "Organization"}),
    "memberOf": ("structural", {"Country", "Person"}, {"Organization"}),
    "locatedIn": ("structural", {"Place"}, {"Place"}),
    "visits": ("cooperation", {"Actor"}, {"Place"}),
    "meetsWith": ("cooperation", {"Actor"}, {"Actor"}),
    "cooperatesWith": ("cooperation", {"Actor"}, {"Actor"}),
    "alliedWith": ("cooperation", {"Actor"}, {"Actor"}),
    "tradesWith": ("cooperation", {"Actor"}, {"Actor"}),
    "supports": ("cooperation", {"Actor"}, {"Actor", "Policy", "Agreement"}),
    "supplies": ("cooperation", {"Actor"}, {"Item"}),
    "suppliesTo": ("cooperation", {"Actor"}, {"Actor"}),
    "opposes": ("conflict", {"Actor"}, {"Actor", "Policy"}),
    "condemns": ("conflict", {"Actor"}, {"Actor", "Policy", "Agreement"}),
    "criticizes": ("conflict", {"Actor"}, {"Actor"}),
    "sanctions": ("conflict", {"Actor"}, {"Actor"}),
    "threatens": ("conflict", {"Actor"}, {"Actor"}),
    "attacks": ("conflict", {"Actor"}, {"Actor", "Place"}),
    "hasTensionWith": ("conflict", {"Actor"}, {"Actor"}),
    "demands": ("conflict", {"Actor"}, {"Actor"}),
    "protests": ("conflict", {"Actor"}, {"Actor"}),
    "coerces": ("conflict", {"Actor"}, {"Actor"}),
    "mobilizesAgainst": ("conflict", {"Actor"}, {"Actor", "Place"}),
    "aids": ("cooperation", {"Actor"}, {"Actor"}),
    "easesPressureOn": ("cooperation", {"Actor"}, {"Actor", "Place"}),
}
SYMMETRIC = {"meetsWith", "cooperatesWith", "alliedWith", "tradesWith", "hasTensionWith"}
PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "DEMAND",
}  # fmt: skip


@pytest.fixture(scope="module")
def ontology() -> Graph:
    """The ontology parsed with rdflib."""
    return Graph().parse(ontology_file("geopolitics.ttl"), format="turtle")


def _local(term: URIRef) -> str:
    """Local name of a geo term."""
    return str(term)[len(NS) :]


def _declared(graph: Graph) -> dict[str, set[URIRef]]:
    """Map each geo term declared in the graph to the OWL kinds it is declared as."""
    kinds: dict[str, set[URIRef]] = {}
    for kind in KINDS:
        for subject in graph.subjects(RDF.type, kind):
            if isinstance(subject, URIRef) and str(subject).startswith(NS):
                kinds.setdefault(_local(subject), set()).add(kind)
    return kinds


def _classes(graph: Graph, node) -> set[str]:
    """Local names of a class or of the members of an owl:unionOf class expression."""
    union = graph.value(node, OWL.unionOf)
    members = list(Collection(graph, union)) if union is not None else [node]
    return {_local(member) for member in members}


def test_vocab_terms_match_ontology(ontology):
    declared = _declared(ontology)
    assert set(declared) == set(GEO.__annotations__)
    assert {term: kinds for term, kinds in declared.items() if len(kinds) != 1} == {}


def test_vocab_unknown_term_raises():
    with pytest.raises(AttributeError):
        _ = GEO.nonexistentTerm


def test_vocab_terms_build_ontology_iris():
    assert GEO.suppliesTo == URIRef("https://w3id.org/geokg/ontology#suppliesTo")


def test_vocab_symmetric_properties(ontology):
    symmetric = {_local(s) for s in ontology.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == SYMMETRIC


def test_vocab_event_family_only_on_relations(ontology):
    annotated = {_local(s) for s in ontology.subjects(GEO.eventFamily, None)}
    assert annotated == set(RELATIONS)


def test_vocab_every_term_has_label_and_comment(ontology):
    undocumented = [
        term
        for term in GEO.__annotations__
        if not ontology.value(GEO[term], RDFS.label) or not str(ontology.value(GEO[term], RDFS.comment) or "")
    ]
    assert undocumented == []


@pytest.mark.parametrize("name", sorted(RELATIONS))
def test_vocab_relation_is_documented(ontology, name):
    family, domain, range_ = RELATIONS[name]
    prop = GEO[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    assert str(ontology.value(prop, RDFS.label)).strip()
    assert len(str(ontology.value(prop, RDFS.comment))) > 20
    assert set(ontology.objects(prop, GEO.eventFamily)) == {Literal(family)}
    assert _classes(ontology, ontology.value(prop, RDFS.domain)) == domain
    assert _classes(ontology, ontology.value(prop, RDFS.range)) == range_


@pytest.mark.parametrize("name", sorted(n for n, spec in RELATIONS.items() if spec[0] != "structural"))
def test_vocab_event_relation_has_cameo_and_plover(ontology, name):
    cameo = {str(code) for code in ontology.objects(GEO[name], GEO.cameo)}
    plover = {str(category) for category in ontology.objects(GEO[name], GEO.plover)}
    assert cameo
    assert all(re.fullmatch(r"(0[1-9]|1\d|20)\d{0,2}", code) for code in cameo), cameo
    assert plover
    assert plover <= PLOVER

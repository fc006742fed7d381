"""The ontology loads in pyoxigraph, closes under OWL-RL, and its SHACL shapes accept and reject graphs."""

from __future__ import annotations

import owlrl
import pyoxigraph
import pyshacl
import pytest
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.namespace import SH

from kg.resources import ontology_file
from kg.vocab import GEO

ENT = Namespace("https://w3id.org/geokg/entity/")
OWLRL_ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")

PREFIXES = """
@prefix geo: <https://w3id.org/geokg/ontology#> .
@prefix ent: <https://w3id.org/geokg/entity/> .
@prefix art: <https://w3id.org/geokg/article/> .
@prefix stmt: <https://w3id.org/geokg/statement/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""

# A small graph shaped like kg's output, about invented countries; it uses every entity class.
VALID = (
    PREFIXES
    + """
ent:Borduria a geo:Country ; rdfs:label "Borduria" ; geo:isoCode "BRD" .
ent:Syldavia a geo:Country ; rdfs:label "Syldavia" ; geo:isoCode "SYL" .
ent:Ada_Vance a geo:Person ; rdfs:label "Ada Vance" ; geo:country ent:Borduria .
ent:Tom_Reed a geo:Person ; rdfs:label "Tom Reed" ; geo:country ent:Syldavia .
ent:Union_of_Ports a geo:Organization ; rdfs:label "Union of Ports" .
ent:the_North a geo:Bloc ; rdfs:label "the North" .
ent:Klow a geo:City ; rdfs:label "Klow" ; geo:country ent:Syldavia .
ent:Low_Valley a geo:Region ; rdfs:label "Low Valley" .
ent:Old_Palace a geo:Facility ; rdfs:label "Old Palace" .
ent:grain a geo:Item ; rdfs:label "grain" .
ent:tariffs a geo:Policy ; rdfs:label "tariffs" .
ent:Harbour_Accord a geo:Agreement ; rdfs:label "Harbour Accord" .

ent:Ada_Vance geo:leaderOf ent:Borduria ; geo:visits ent:Klow ; geo:meetsWith ent:Tom_Reed .
ent:Tom_Reed geo:officialOf ent:Union_of_Ports .
ent:Borduria geo:memberOf ent:Union_of_Ports ; geo:supplies ent:grain ; geo:suppliesTo ent:Syldavia ;
    geo:condemns ent:tariffs ; geo:supports ent:Harbour_Accord ; geo:attacks ent:Low_Valley ;
    geo:hasTensionWith ent:the_North .
ent:Old_Palace geo:locatedIn ent:Klow .
ent:Klow geo:locatedIn ent:Syldavia .

art:a1 a geo:Article ; dcterms:identifier "a1" ; dcterms:title "Leaders meet" ;
    rdfs:seeAlso <https://news.example.org/a1> ; geo:agency "AP" ; geo:datelinePlace "KLOW, Syldavia" ;
    geo:mentions ent:Ada_Vance , ent:Klow , ent:Borduria .

stmt:s1 a rdf:Statement ; rdf:subject ent:Ada_Vance ; rdf:predicate geo:visits ; rdf:object ent:Klow ;
    prov:wasDerivedFrom art:a1 ; geo:sentence "Ada Vance arrived in Klow." ;
    geo:startChar 0 ; geo:endChar 26 ; geo:confidence 0.9 ; geo:rule "kg.rules.active.v1" .
stmt:s2 a rdf:Statement ; rdf:subject ent:Borduria ; rdf:predicate geo:supplies ; rdf:object ent:grain ;
    prov:wasDerivedFrom art:a1 ; geo:sentence "Borduria ships grain." ;
    geo:startChar 27 ; geo:endChar 48 ; geo:confidence 1.0 ; geo:rule "kg.rules.active.v1" .
"""
)

SUBJECT_LEADER = "The subject of geo:leaderOf must be a geo:Person."
OBJECT_VISITS = "The object of geo:visits must be a geo:Place."
SENTENCE = "A statement must have exactly one non-empty geo:sentence of datatype xsd:string."
CONFIDENCE = "A statement must have exactly one geo:confidence, an xsd:decimal between 0 and 1."
START = "A statement must have exactly one geo:startChar, a non-negative xsd:integer not after geo:endChar."
ASSERTED = "The triple a statement describes must also be asserted in the graph."
DERIVED = "A statement must have exactly one prov:wasDerivedFrom, the IRI of a geo:Article."
IDENTIFIER = "An article must have exactly one non-empty dcterms:identifier of datatype xsd:string."
LABEL = "An entity must have exactly one non-empty rdfs:label of datatype xsd:string."
TYPE = "An entity must have at least one rdf:type among the entity classes of the geo ontology."
ISO = "A geo:isoCode is one ISO 3166-1 alpha-3 code: three upper-case letters."


def _set(node: str, prop: str, value: str) -> str:
    """SPARQL update replacing every value of one property of a node."""
    return f"DELETE {{ {node} {prop} ?x }} INSERT {{ {node} {prop} {value} }} WHERE {{ {node} {prop} ?x }}"


# (SPARQL update applied to VALID, the exact set of messages pyshacl must report)
VIOLATIONS = {
    "item_as_leader": ("INSERT DATA { ent:grain geo:leaderOf ent:Borduria }", {SUBJECT_LEADER}),
    "person_as_visited": ("INSERT DATA { ent:Ada_Vance geo:visits ent:Tom_Reed }", {OBJECT_VISITS}),
    "statement_without_sentence": ("DELETE WHERE { stmt:s1 geo:sentence ?x }", {SENTENCE}),
    "blank_sentence": (_set("stmt:s1", "geo:sentence", '"  "'), {SENTENCE}),
    "confidence_as_double": (_set("stmt:s1", "geo:confidence", '"0.9"^^xsd:double'), {CONFIDENCE}),
    "confidence_above_one": (_set("stmt:s1", "geo:confidence", "1.5"), {CONFIDENCE}),
    "start_after_end": (_set("stmt:s2", "geo:startChar", "60"), {START}),
    "statement_not_asserted": ("DELETE DATA { ent:Ada_Vance geo:visits ent:Klow }", {ASSERTED}),
    "derived_from_entity": (_set("stmt:s1", "prov:wasDerivedFrom", "ent:Klow"), {DERIVED}),
    "article_without_identifier": ("DELETE WHERE { art:a1 dcterms:identifier ?x }", {IDENTIFIER}),
    "entity_without_label": ("DELETE WHERE { ent:tariffs rdfs:label ?x }", {LABEL}),
    "entity_with_two_labels": ('INSERT DATA { ent:grain rdfs:label "wheat" }', {LABEL}),
    "language_tagged_label": (_set("ent:grain", "rdfs:label", '"grain"@en'), {LABEL}),
    "untyped_mention": ("INSERT DATA { art:a1 geo:mentions ent:Nowhere }", {LABEL, TYPE}),
    "lower_case_iso_code": (_set("ent:Syldavia", "geo:isoCode", '"syl"'), {ISO}),
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    """The ontology parsed with rdflib."""
    return Graph().parse(ontology_file("geopolitics.ttl"), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    """The SHACL shapes parsed with rdflib."""
    return Graph().parse(ontology_file("shapes.ttl"), format="turtle")


def _data(update: str = "") -> Graph:
    """The valid sample graph, optionally changed by a SPARQL update."""
    graph = Graph().parse(data=VALID, format="turtle")
    if update:
        prologue = "".join(
            f"PREFIX {line.split()[1]} {line.split()[2]}\n" for line in PREFIXES.strip().splitlines()
        )
        graph.update(prologue + update)
    return graph


def _validate(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, set[str]]:
    """Run pyshacl as kg does; return whether the graph conforms and the result messages."""
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    messages = {
        str(m)
        for r in results.subjects(RDF.type, SH.ValidationResult)
        for m in results.objects(r, SH.resultMessage)
    }
    return conforms, messages


def test_ontology_parses_in_pyoxigraph(ontology):
    path = ontology_file("geopolitics.ttl")
    quads = list(pyoxigraph.parse(path=path, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(ontology)
    store = pyoxigraph.Store()
    store.load(path=path, format=pyoxigraph.RdfFormat.TURTLE)
    rows = store.query("SELECT ?p WHERE { ?p a <http://www.w3.org/2002/07/owl#SymmetricProperty> }")
    assert {row["p"].value for row in rows} == {
        str(GEO.meetsWith),
        str(GEO.cooperatesWith),
        str(GEO.alliedWith),
        str(GEO.tradesWith),
        str(GEO.hasTensionWith),
    }


def test_ontology_shapes_parse_in_pyoxigraph(shapes):
    path = ontology_file("shapes.ttl")
    assert len(list(pyoxigraph.parse(path=path, format=pyoxigraph.RdfFormat.TURTLE))) == len(shapes)


def test_ontology_owlrl_closure(ontology):
    graph = Graph()
    for triple in ontology:
        graph.add(triple)
    graph.add((ENT.a, GEO.meetsWith, ENT.b))
    graph.add((ENT.c, RDF.type, GEO.Country))
    graph.add((ENT.d, GEO.leaderOf, ENT.c))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    assert list(graph.objects(None, OWLRL_ERROR)) == []
    assert (ENT.b, GEO.meetsWith, ENT.a) in graph
    assert {GEO.Actor, GEO.Place} <= set(graph.objects(ENT.c, RDF.type))
    assert (ENT.d, RDF.type, GEO.Person) in graph
    assert (ENT.d, RDF.type, GEO.Actor) in graph


def test_ontology_shapes_all_have_messages(shapes):
    shape_nodes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(SH.path, None))
    shape_nodes |= set(shapes.objects(None, SH.sparql))
    assert len(shape_nodes) > 30
    assert [node for node in shape_nodes if shapes.value(node, SH.message) is None] == []


def test_ontology_shapes_cover_every_relation(shapes, ontology):
    relations = set(ontology.subjects(GEO.eventFamily, None))
    covered = {
        path
        for shape in shapes.subjects(SH.targetSubjectsOf, None)
        for prop in shapes.objects(shape, SH.property)
        for path in shapes.objects(prop, SH.path)
        if (shape, SH.targetSubjectsOf, path) in shapes
    }
    assert len(relations) == 25
    assert relations <= covered


def test_ontology_shapes_accept_valid_graph(shapes, ontology):
    assert _validate(_data(), shapes, ontology) == (True, set())


@pytest.mark.parametrize("case", sorted(VIOLATIONS))
def test_ontology_shapes_report_violation(shapes, ontology, case):
    update, expected = VIOLATIONS[case]
    data = _data(update)
    assert len(data ^ _data()) > 0, "the update must change the valid graph"
    assert _validate(data, shapes, ontology) == (False, expected)

"""Materialise what the geo ontology implies, with owlrl: symmetric and inverse relations, superclass types.

Only three kinds of axiom of `ontology/geopolitics.ttl` are used: owl:SymmetricProperty,
owl:inverseOf and rdfs:subClassOf between named classes. Domains, ranges and the rest of OWL RL
are left out on purpose: typing a node from a property's domain or range would hide the very
errors `kg validate` looks for. owlrl runs over the entity-level triples only (relations and
types, not the evidence statements), and only new relation triples and rdf:type triples are kept
from its closure, so its bookkeeping triples (owl:sameAs, axiomatic triples) never reach the graph.

Inferred relation triples get no rdf:Statement: they have no sentence of their own; the evidence
of the triple they come from is found by reading the reverse direction.
"""

from __future__ import annotations

from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .convert import predicate_info
from .resources import ontology_file
from .vocab import GEO, bind

__all__ = ["axioms", "materialise", "inferred_triples"]


@cache
def _axioms() -> Graph:
    ont = Graph()
    ont.parse(ontology_file("geopolitics.ttl"), format="turtle")
    out = Graph()
    for prop in ont.subjects(RDF.type, OWL.SymmetricProperty):
        if isinstance(prop, URIRef):
            out.add((prop, RDF.type, OWL.SymmetricProperty))
    for p, q in ont.subject_objects(OWL.inverseOf):
        if isinstance(p, URIRef) and isinstance(q, URIRef):
            out.add((p, OWL.inverseOf, q))
    for sub, sup in ont.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            out.add((sub, RDFS.subClassOf, sup))
    return out


def axioms() -> Graph:
    """Return a copy of the axioms used: symmetric, inverse and named subclass triples of the ontology."""
    out = Graph()
    for triple in _axioms():
        out.add(triple)
    return out


def _relations() -> set[URIRef]:
    return {GEO[name] for name in predicate_info()}


def inferred_triples(g: Graph) -> set[tuple]:
    """Return the relation and rdf:type triples the axioms add to `g` (not already in it)."""
    import owlrl

    rels = _relations() | {p for p, _q in _axioms().subject_objects(OWL.inverseOf)}
    classes = set(_axioms().subjects(RDFS.subClassOf, None)) | set(_axioms().objects(None, RDFS.subClassOf))
    work = Graph()
    for triple in _axioms():
        work.add(triple)
    for s, p, o in g:
        if p in rels or (p == RDF.type and o in classes):
            work.add((s, p, o))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(work)
    added = set()
    for s, p, o in work:
        if (s, p, o) in g or not isinstance(s, URIRef) or not isinstance(o, URIRef):
            continue
        if p in rels or (p == RDF.type and o in classes and s not in classes):
            added.add((s, p, o))
    return added


def materialise(g: Graph) -> Graph:
    """Return a new graph: `g` plus the inferred symmetric, inverse and superclass-type triples.

    g (Graph): a kg graph (not modified).
    RETURNS (Graph): the materialised graph, kg prefixes bound.
    """
    out = Graph()
    bind(out)
    for triple in g:
        out.add(triple)
    for triple in inferred_triples(g):
        out.add(triple)
    return out

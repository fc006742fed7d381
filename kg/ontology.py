"""What the ontology says of each relation, read from `ontology/geopolitics.ttl` in one place.

Every module that needs a predicate fact (symmetric, event family, state level, allowed subject
and object classes, PLOVER category, guidelines version) asks `predicates()`; none keeps a copy.

>>> predicates()["meetsWith"].symmetric
True
>>> sorted(predicates()["leaderOf"].object_classes)
['Country', 'Organization']
>>> "coerces" in event_predicates() and "leaderOf" not in event_predicates()
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from .resources import ontology_file
from .vocab import GEO

__all__ = [
    "Predicate",
    "predicates",
    "ontology_graph",
    "entity_classes",
    "class_members",
    "symmetric",
    "state_level",
    "event_predicates",
    "structural_predicates",
    "FAMILIES",
]

FAMILIES = ("cooperation", "conflict", "structural")
_GEO = str(GEO._NS)


@dataclass(frozen=True, slots=True)
class Predicate:
    """One relation of the ontology and its facts.

    name (str): local name, e.g. "suppliesTo"; label (str): its rdfs:label.
    family (str): "cooperation" | "conflict" | "structural".
    symmetric (bool): an owl:SymmetricProperty (stored one way round).
    state_level (bool): holds between states; leaders stand for their country.
    subject_classes / object_classes (frozenset[str]): entity classes allowed by domain and range,
        subclasses included.
    plover (tuple[str, ...]) / cameo (tuple[str, ...]): event-coding categories.
    guidelines (int): the guidelines version that introduced it.
    """

    name: str
    label: str
    family: str
    symmetric: bool
    state_level: bool
    subject_classes: frozenset[str]
    object_classes: frozenset[str]
    plover: tuple[str, ...]
    cameo: tuple[str, ...]
    guidelines: int
    comment: str = ""


def _local(node: URIRef) -> str:
    return str(node).rsplit("#", 1)[-1]


@cache
def ontology_graph() -> Graph:
    """The ontology as an rdflib Graph (parsed once)."""
    g = Graph()
    g.parse(ontology_file("geopolitics.ttl"), format="turtle")
    return g


def _subclasses(g: Graph) -> dict[str, frozenset[str]]:
    """Each geo class with all its subclasses (itself included)."""
    direct: dict[str, set[str]] = {}
    for sub, sup in g.subject_objects(RDFS.subClassOf):
        if str(sub).startswith(_GEO) and str(sup).startswith(_GEO):
            direct.setdefault(_local(sup), set()).add(_local(sub))

    def closure(c: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
        out = {c}
        for s in direct.get(c, ()):
            if s not in seen:
                out |= closure(s, seen | {c})
        return frozenset(out)

    classes = {_local(c) for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(_GEO)}
    return {c: closure(c) for c in classes}


def _classes(g: Graph, node, sub: dict[str, frozenset[str]]) -> frozenset[str]:
    """Classes named by a domain or range: a class, or an owl:unionOf of classes, with subclasses."""
    if node is None:
        return frozenset()
    if isinstance(node, BNode):
        union = g.value(node, OWL.unionOf)
        members = list(Collection(g, union)) if union is not None else []
        return frozenset().union(*(sub.get(_local(m), frozenset({_local(m)})) for m in members))
    return sub.get(_local(node), frozenset({_local(node)}))


@cache
def entity_classes() -> frozenset[str]:
    """The classes an entity may have (Actor and Place with their subclasses, Item, Policy, Agreement)."""
    sub = _subclasses(ontology_graph())
    return sub["Actor"] | sub["Place"] | {"Item", "Policy", "Agreement"}


@cache
def class_members(name: str) -> frozenset[str]:
    """A class of the ontology with all its subclasses.

    >>> sorted(class_members("Actor"))
    ['Actor', 'Bloc', 'Country', 'Organization', 'Person']
    """
    return _subclasses(ontology_graph())[name]


@cache
def predicates() -> dict[str, Predicate]:
    """Every relation of the ontology that carries a geo:eventFamily, by local name (sorted)."""
    g = ontology_graph()
    sub = _subclasses(g)
    out: dict[str, Predicate] = {}
    for prop in sorted(g.subjects(RDF.type, OWL.ObjectProperty), key=str):
        family = g.value(prop, GEO.eventFamily)
        if not str(prop).startswith(_GEO) or family is None:
            continue
        name = _local(prop)
        level = g.value(prop, GEO.stateLevel)
        version = g.value(prop, GEO.guidelines)
        out[name] = Predicate(
            name=name,
            label=str(g.value(prop, RDFS.label) or name),
            family=str(family),
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in g,
            state_level=bool(level.toPython()) if level is not None else False,
            subject_classes=_classes(g, g.value(prop, RDFS.domain), sub),
            object_classes=_classes(g, g.value(prop, RDFS.range), sub),
            plover=tuple(sorted(str(v) for v in g.objects(prop, GEO.plover))),
            cameo=tuple(sorted(str(v) for v in g.objects(prop, GEO.cameo))),
            guidelines=int(version.toPython()) if version is not None else 1,
            comment=" ".join(str(g.value(prop, RDFS.comment) or "").split()),
        )
    return out


@cache
def symmetric() -> frozenset[str]:
    """Names of the symmetric relations."""
    return frozenset(p.name for p in predicates().values() if p.symmetric)


@cache
def state_level() -> frozenset[str]:
    """Names of the relations that hold between states."""
    return frozenset(p.name for p in predicates().values() if p.state_level)


@cache
def event_predicates() -> frozenset[str]:
    """Names of the event and stance relations (cooperation and conflict)."""
    return frozenset(p.name for p in predicates().values() if p.family != "structural")


@cache
def structural_predicates() -> frozenset[str]:
    """Names of the structural relations (leaderOf, officialOf, memberOf, locatedIn)."""
    return frozenset(p.name for p in predicates().values() if p.family == "structural")

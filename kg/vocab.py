"""The kg vocabulary: the `GEO` namespace, IRI bases and prefix bindings.

`GEO` is closed (`_fail = True`): a misspelt term raises instead of writing a bad IRI.
A test keeps its terms equal to those declared in `ontology/geopolitics.ttl`.

>>> str(GEO.suppliesTo)
'https://w3id.org/geokg/ontology#suppliesTo'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib import namespace as _namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS

__all__ = ["GEO", "ENT", "ART", "STMT", "XSD", "PREFIXES", "bind", "BASE"]

BASE = "https://w3id.org/geokg/"


class GEO(_namespace.DefinedNamespace):
    """Classes and properties of the geopolitics ontology."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # classes
    Actor: URIRef
    Country: URIRef
    Person: URIRef
    Organization: URIRef
    Bloc: URIRef
    Place: URIRef
    City: URIRef
    Region: URIRef
    Facility: URIRef
    Item: URIRef
    Policy: URIRef
    Agreement: URIRef
    Article: URIRef

    # structural relations
    leaderOf: URIRef
    officialOf: URIRef
    memberOf: URIRef
    locatedIn: URIRef

    # events and stances
    visits: URIRef
    meetsWith: URIRef
    cooperatesWith: URIRef
    alliedWith: URIRef
    tradesWith: URIRef
    supports: URIRef
    supplies: URIRef
    suppliesTo: URIRef
    opposes: URIRef
    condemns: URIRef
    criticizes: URIRef
    sanctions: URIRef
    threatens: URIRef
    attacks: URIRef
    hasTensionWith: URIRef

    # events added in version 2 of the guidelines
    demands: URIRef
    protests: URIRef
    coerces: URIRef
    mobilizesAgainst: URIRef
    aids: URIRef
    easesPressureOn: URIRef

    # entity attributes
    country: URIRef  # the ISO country an entity belongs to (object property to a Country)
    isoCode: URIRef  # ISO 3166 alpha-3 code of a Country
    mentions: URIRef  # Article -> entity it mentions

    # provenance of an rdf:Statement
    sentence: URIRef
    startChar: URIRef
    endChar: URIRef
    confidence: URIRef
    rule: URIRef

    # article metadata beyond Dublin Core
    datelinePlace: URIRef
    agency: URIRef

    # annotation properties on predicates
    eventFamily: URIRef  # "cooperation" | "conflict" | "structural"
    cameo: URIRef  # CAMEO root code(s)
    plover: URIRef  # PLOVER event category
    stateLevel: URIRef  # true: a relation between states (leaders stand for their country)
    guidelines: URIRef  # guidelines version that introduced the predicate


# XML Schema datatypes as a plain Namespace: rdflib's `XSD` is an open DefinedNamespace that warns
# for every attribute it does not know, which pytest's doctest finder looks up on module globals.
XSD = Namespace(str(_namespace.XSD))
ENT = Namespace(BASE + "entity/")
ART = Namespace(BASE + "article/")
STMT = Namespace(BASE + "statement/")

PREFIXES: dict[str, Namespace | str] = {
    "geo": GEO._NS,
    "ent": ENT,
    "art": ART,
    "stmt": STMT,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "dcterms": DCTERMS,
    "prov": PROV,
}


def bind(graph) -> None:
    """Bind kg's prefixes on an rdflib graph (replacing rdflib's defaults)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)

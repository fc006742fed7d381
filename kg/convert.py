"""Convert the kg RDF graph into a networkx MultiDiGraph (shared by exports and views).

Nodes are entity IRIs (str) with attributes `label`, `type` (ontology class local name),
`country` (ISO alpha-3 or ""), `iri`. Edges are keyed by predicate local name with
attributes `predicate`, `family` ("cooperation" | "conflict" | "structural"),
`symmetric` (bool), `confidence` (max over evidence), `evidence_count` and `evidence`
(a tuple of dicts: sentence, article, title, date, confidence), sorted for determinism.
"""

from __future__ import annotations

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from .ontology import predicates
from .vocab import GEO

__all__ = ["to_networkx", "predicate_info", "local_name", "node_attributes", "entity_nodes"]

_GEO = str(GEO._NS)
# superclasses rank after their subclasses, so an inferred graph still shows "Person", not "Actor"
_GENERAL = {"Place": 1, "Actor": 2}


def local_name(iri: str) -> str:
    """Return the part of an IRI after the last '#' or '/'."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def predicate_info() -> dict[str, dict[str, object]]:
    """Return {predicate: {"family", "symmetric", "label"}} as the ontology states them."""
    return {
        name: {"family": p.family, "symmetric": p.symmetric, "label": p.label}
        for name, p in predicates().items()
    }


def node_attributes(g: Graph, node: URIRef) -> dict[str, str]:
    """Return the attributes of an entity node: label, type (most specific class), country, iri.

    The one place node attributes are computed: the network views, the graph-tool exports and
    the property graph of the Neo4j, Cypher and Bolt exports all read them from here.
    """
    types = sorted(
        (local_name(str(t)) for t in g.objects(node, RDF.type) if str(t).startswith(_GEO)),
        key=lambda t: (_GENERAL.get(t, 0), t),
    )
    country = g.value(node, GEO.isoCode)
    if country is None:
        c_node = g.value(node, GEO.country)
        country = g.value(c_node, GEO.isoCode) if c_node is not None else None
    return {
        "label": str(g.value(node, RDFS.label) or local_name(str(node))),
        "type": types[0] if types else "Thing",
        "country": str(country or ""),
        "iri": str(node),
    }


def entity_nodes(g: Graph) -> list[URIRef]:
    """Every node typed with a geo class other than `geo:Article`, sorted (related or not)."""
    return sorted(
        {
            s
            for s, t in g.subject_objects(RDF.type)
            if isinstance(s, URIRef) and str(t).startswith(_GEO) and t != GEO.Article
        }
    )


def _evidence(g: Graph) -> dict[tuple[str, str, str], list[dict[str, object]]]:
    out: dict[tuple[str, str, str], list[dict[str, object]]] = {}
    for stmt in g.subjects(RDF.type, RDF.Statement):
        s, p, o = g.value(stmt, RDF.subject), g.value(stmt, RDF.predicate), g.value(stmt, RDF.object)
        if s is None or p is None or o is None:
            continue
        art = g.value(stmt, PROV.wasDerivedFrom)
        conf = g.value(stmt, GEO.confidence)
        out.setdefault((str(s), str(p), str(o)), []).append(
            {
                "sentence": str(g.value(stmt, GEO.sentence) or ""),
                "article": str(g.value(art, DCTERMS.identifier) or "") if art is not None else "",
                "title": str(g.value(art, DCTERMS.title) or "") if art is not None else "",
                "date": str(g.value(art, DCTERMS.date) or "") if art is not None else "",
                "confidence": float(conf) if conf is not None else 0.0,
            }
        )
    return out


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """Return the entity graph of `g`: one node per entity, one edge per (s, predicate, o).

    g (Graph): a kg graph as built by `kg.graph.build_graph` or read from Turtle.
    RETURNS (nx.MultiDiGraph): nodes and edges with the attributes in the module docstring.
    """
    info = predicate_info()
    evidence = _evidence(g)
    G = nx.MultiDiGraph()
    edges = []
    for s, p, o in g:
        pred = local_name(str(p))
        if not str(p).startswith(_GEO) or pred not in info or not isinstance(o, URIRef):
            continue
        edges.append((str(s), pred, str(o), s, p, o))
    for s_str, pred, o_str, s, p, o in sorted(edges, key=lambda e: e[:3]):
        for node in (s, o):
            if str(node) not in G:
                G.add_node(str(node), **node_attributes(g, node))
        ev = sorted(evidence.get((s_str, str(p), o_str), []), key=lambda e: (e["article"], e["sentence"]))
        G.add_edge(
            s_str,
            o_str,
            key=pred,
            predicate=pred,
            family=info[pred]["family"],
            symmetric=info[pred]["symmetric"],
            confidence=max((e["confidence"] for e in ev), default=0.0),
            evidence_count=len(ev),
            evidence=tuple(ev),
        )
    return G

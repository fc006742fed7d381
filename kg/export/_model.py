"""The entity graph shared by every graph-tool and graph-database export.

`entity_graph(g)` is `kg.convert.to_networkx(g)` (the entities that take part in a relation;
with `all_entities=True` also those an article only mentions), rebuilt in sorted order so
writers are deterministic. Node attributes come from `kg.convert.node_attributes`.
`property_graph(g)` flattens it into the rows that the Neo4j CSV files, the Cypher script and
the bolt push all share, so the three carry identical values:

- node: labels `Entity` and the ontology class (`Country`, `Person` ...); properties `iri`
  (unique key), `name`, `type`, `country` (ISO alpha-3, absent when unknown);
- relationship: type = the predicate in UPPER_SNAKE case (`suppliesTo` -> `SUPPLIES_TO`);
  properties `predicate` (the camelCase name), `family`, `symmetric`, `confidence` (max over
  the evidence), `evidence_count` and `evidence` (a JSON array of
  {article, confidence, date, sentence, title}, keys sorted).

Line breaks and other control characters in names become spaces (property graphs are
one-line values); the JSON evidence keeps the sentences exactly.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass

import networkx as nx
from rdflib import Graph

from ..convert import entity_nodes, node_attributes, to_networkx

__all__ = [
    "ENTITY_LABEL",
    "Node",
    "Edge",
    "PropertyGraph",
    "entity_graph",
    "property_graph",
    "relationship_type",
    "identifier",
    "evidence_json",
    "one_line",
]

ENTITY_LABEL = "Entity"
_NON_IDENT = re.compile(r"[^A-Za-z0-9_]")
_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_LINE_BREAKS = re.compile("[\x7f-\x9f\u2028\u2029]")


def identifier(name: str) -> str:
    """Return `name` as a plain Cypher identifier (letters, digits, `_`; not starting with a digit).

    >>> identifier("Country"), identifier("bad label!"), identifier("1st")
    ('Country', 'bad_label_', '_1st')
    """
    text = _NON_IDENT.sub("_", name) or "_"
    return "_" + text if text[0].isdigit() else text


def relationship_type(predicate: str) -> str:
    """Return the relationship type of a predicate: camelCase -> UPPER_SNAKE.

    >>> relationship_type("suppliesTo"), relationship_type("hasTensionWith")
    ('SUPPLIES_TO', 'HAS_TENSION_WITH')
    """
    return identifier(_CAMEL_HUMP.sub("_", predicate)).upper()


def one_line(text: str) -> str:
    """Replace line breaks and other control characters with a space.

    >>> one_line("a\\nb\\tc\\u2028d")
    'a b c d'
    """
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)


def evidence_json(evidence: tuple[dict[str, object], ...] | list[dict[str, object]]) -> str:
    """Return the evidence of an edge as a compact JSON array string (keys sorted, non-ASCII kept).

    Line and paragraph separators and C1 controls are escaped too, so the string holds no line break.
    """
    text = json.dumps(list(evidence), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _LINE_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def entity_graph(g: Graph, *, all_entities: bool = False) -> nx.MultiDiGraph:
    """Return the entities and relations of `g` as a MultiDiGraph with sorted nodes and edges.

    g (Graph): a kg graph.
    all_entities (bool): also keep the entities that take part in no relation (only mentioned).
    RETURNS (nx.MultiDiGraph): `kg.convert.to_networkx(g)` (plus isolated entities), sorted.
    """
    related = to_networkx(g)
    out = nx.MultiDiGraph()
    attrs = {str(n): node_attributes(g, n) for n in entity_nodes(g)} if all_entities else {}
    attrs.update({n: dict(d) for n, d in related.nodes(data=True)})
    for node in sorted(attrs):
        out.add_node(node, **attrs[node])
    for u, v, k, d in sorted(related.edges(keys=True, data=True), key=lambda e: e[:3]):
        out.add_edge(u, v, key=k, **d)
    return out


@dataclass(frozen=True, slots=True)
class Node:
    """One entity as a property-graph node."""

    iri: str
    name: str
    type: str
    country: str | None

    @property
    def labels(self) -> tuple[str, ...]:
        """`Entity` plus the class label (once)."""
        return (ENTITY_LABEL,) if self.type == ENTITY_LABEL else (ENTITY_LABEL, self.type)

    def properties(self) -> dict[str, object]:
        """Properties in a fixed order; `country` is None when unknown."""
        return {"iri": self.iri, "name": self.name, "type": self.type, "country": self.country}


@dataclass(frozen=True, slots=True)
class Edge:
    """One (subject, predicate, object) relation as a property-graph relationship."""

    start: str
    end: str
    type: str
    predicate: str
    family: str
    symmetric: bool
    confidence: float
    evidence_count: int
    evidence: str

    def properties(self) -> dict[str, object]:
        """Relationship properties (without start, end and type) in a fixed order."""
        return {
            "predicate": self.predicate,
            "family": self.family,
            "symmetric": self.symmetric,
            "confidence": self.confidence,
            "evidence_count": self.evidence_count,
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class PropertyGraph:
    """Nodes sorted by IRI; edges sorted by (start, type, end)."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def _finite(value: object) -> float:
    number = float(value)  # type: ignore[arg-type]
    return number if math.isfinite(number) else 0.0


def property_graph(g: Graph, *, all_entities: bool = False) -> PropertyGraph:
    """Return the property-graph rows of a kg graph (see the module docstring).

    g (Graph): a kg graph.
    all_entities (bool): also keep the entities in no relation.
    RETURNS (PropertyGraph): nodes and edges shared by the CSV, Cypher and bolt exports.
    """
    G = entity_graph(g, all_entities=all_entities)
    nodes = tuple(
        Node(
            iri=n,
            name=one_line(d["label"]),
            type=identifier(d["type"]),
            country=one_line(d["country"]) or None,
        )
        for n, d in G.nodes(data=True)
    )
    edges = tuple(
        sorted(
            (
                Edge(
                    start=u,
                    end=v,
                    type=relationship_type(d["predicate"]),
                    predicate=d["predicate"],
                    family=d["family"],
                    symmetric=bool(d["symmetric"]),
                    confidence=_finite(d["confidence"]),
                    evidence_count=int(d["evidence_count"]),
                    evidence=evidence_json(d["evidence"]),
                )
                for u, v, d in G.edges(data=True)
            ),
            key=lambda e: (e.start, e.type, e.end),
        )
    )
    return PropertyGraph(nodes=nodes, edges=edges)

"""JSON node-link export for D3 and other JavaScript tools (networkx `node_link_data`).

`{"directed": true, "multigraph": true, "graph": {}, "nodes": [{"id", "label", "type",
"country", "iri"}...], "links": [{"source", "target", "key", "predicate", "family",
"symmetric", "confidence", "evidence_count", "evidence": [{article, confidence, date,
sentence, title}...]}...]}`. JSON keeps the evidence as a list of objects; read it back
with `networkx.node_link_graph(data, edges="links")`.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from rdflib import Graph

from ..atomic import write_bytes_atomic
from ._model import entity_graph

__all__ = ["node_link", "generate_node_link", "write_node_link"]


def node_link(g: Graph, *, all_entities: bool = False) -> dict[str, object]:
    """Return the node-link dict of the entity graph of `g` (nodes and links sorted)."""
    G = entity_graph(g, all_entities=all_entities)
    for _, _, data in G.edges(data=True):
        data["evidence"] = [dict(sorted(e.items())) for e in data["evidence"]]
    return nx.node_link_data(G, edges="links")


def generate_node_link(g: Graph, *, all_entities: bool = False) -> bytes:
    """Serialise the node-link dict as UTF-8 JSON (keys sorted)."""
    text = json.dumps(node_link(g, all_entities=all_entities), ensure_ascii=False, sort_keys=True, indent=1)
    return (text + "\n").encode("utf-8")


def write_node_link(g: Graph, path: str | Path, *, all_entities: bool = False) -> Path:
    """Write node-link JSON atomically."""
    return write_bytes_atomic(path, generate_node_link(g, all_entities=all_entities))

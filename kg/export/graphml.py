"""Graph-tool exports through networkx: GraphML (yEd, Cytoscape, Gephi) and GEXF (Gephi).

Both formats hold only scalar attributes, so the entity graph is flattened: nodes keep
`label`, `type`, `country` and `iri`; edges keep `predicate`, `family`, `symmetric`,
`confidence`, `evidence_count` and `evidence` (the JSON array string of `kg.export._model`).
Characters XML 1.0 cannot hold are replaced with U+FFFD.
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
from rdflib import Graph

from ..atomic import write_bytes_atomic
from ._model import entity_graph, evidence_json

__all__ = ["flat_graph", "generate_graphml", "generate_gexf", "write_graphml", "write_gexf"]

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(value: object) -> object:
    """Replace characters that XML 1.0 forbids in a string value."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def flat_graph(g: Graph, *, all_entities: bool = False) -> nx.MultiDiGraph:
    """Return the entity graph of `g` with scalar, XML-safe attributes only (sorted).

    g (Graph): a kg graph.
    all_entities (bool): also keep the entities in no relation.
    RETURNS (nx.MultiDiGraph): node ids are entity IRIs; edge keys are predicate names.
    """
    src = entity_graph(g, all_entities=all_entities)
    out = nx.MultiDiGraph()
    for node, data in src.nodes(data=True):
        out.add_node(_xml_safe(node), **{k: _xml_safe(v) for k, v in sorted(data.items())})
    for u, v, key, data in src.edges(keys=True, data=True):
        attrs = {k: val for k, val in data.items() if k != "evidence"}
        attrs["evidence"] = evidence_json(data["evidence"])
        attrs["confidence"] = float(attrs["confidence"])
        attrs["evidence_count"] = int(attrs["evidence_count"])
        attrs["symmetric"] = bool(attrs["symmetric"])
        out.add_edge(
            _xml_safe(u),
            _xml_safe(v),
            key=_xml_safe(key),
            **{k: _xml_safe(x) for k, x in sorted(attrs.items())},
        )
    return out


def generate_graphml(g: Graph, *, all_entities: bool = False) -> bytes:
    """Serialise the flattened entity graph as GraphML (UTF-8)."""
    flat = flat_graph(g, all_entities=all_entities)
    lines = nx.generate_graphml(flat, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return ("\n".join(lines) + "\n").encode("utf-8")


def generate_gexf(g: Graph, *, all_entities: bool = False) -> bytes:
    """Serialise the flattened entity graph as GEXF 1.2 (no timestamp, so output is stable)."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = "kg"
    writer.add_graph(flat_graph(g, all_entities=all_entities))
    return ("\n".join(str(writer).splitlines()) + "\n").encode("utf-8")


def write_graphml(g: Graph, path: str | Path, *, all_entities: bool = False) -> Path:
    """Write GraphML atomically."""
    return write_bytes_atomic(path, generate_graphml(g, all_entities=all_entities))


def write_gexf(g: Graph, path: str | Path, *, all_entities: bool = False) -> Path:
    """Write GEXF atomically."""
    return write_bytes_atomic(path, generate_gexf(g, all_entities=all_entities))

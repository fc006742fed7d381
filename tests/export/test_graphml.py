"""GraphML, GEXF and node-link JSON read back with networkx, attributes intact."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kg.convert import to_networkx
from kg.export import export_graph
from kg.export._model import entity_graph, property_graph
from kg.export.graphml import flat_graph
from kg.graph import entity_iri

from ._graphs import NASTY_NAME, NASTY_SENTENCE, rdf_graph


@pytest.fixture(scope="module")
def g():
    return rdf_graph()


def _edges(G) -> list[tuple]:
    """(u, v, predicate, attributes) of every edge; GEXF keeps the key in `id`/`networkx_key`."""
    out = []
    for u, v, data in G.edges(data=True):
        attrs = {k: val for k, val in data.items() if k not in ("id", "networkx_key")}
        out.append((u, v, attrs["predicate"], tuple(sorted(attrs.items()))))
    return sorted(out)


def _nodes(G) -> list[tuple]:
    return sorted((n, tuple(sorted(d.items()))) for n, d in G.nodes(data=True))


@pytest.mark.parametrize(
    ("fmt", "reader"),
    [("graphml", lambda p: nx.read_graphml(p, force_multigraph=True)), ("gexf", nx.read_gexf)],
)
def test_graphml_reads_back_with_attributes_intact(g, tmp_path, fmt, reader):
    expected = flat_graph(g)
    back = reader(export_graph(g, fmt, tmp_path / f"graph.{fmt}"))
    assert back.is_directed()
    assert _nodes(back) == _nodes(expected)
    assert _edges(back) == _edges(expected)
    node = back.nodes[str(entity_iri(NASTY_NAME))]
    assert node["label"] == NASTY_NAME and node["type"] == "Person" and node["country"] == "SYL"
    for _, _, data in back.edges(data=True):
        evidence = json.loads(data["evidence"])
        assert data["evidence_count"] == len(evidence) >= 1
        assert isinstance(data["confidence"], float) and isinstance(data["symmetric"], bool)
    sentences = {e["sentence"] for _, _, d in back.edges(data=True) for e in json.loads(d["evidence"])}
    assert NASTY_SENTENCE in sentences


def test_graphml_keeps_parallel_relations_between_two_entities(g, tmp_path):
    back = nx.read_gexf(export_graph(g, "gexf", tmp_path / "g.gexf"))
    s, o = str(entity_iri("Syldavia")), str(entity_iri("Borduria"))
    assert back.is_multigraph()
    assert sorted(d["predicate"] for d in back.get_edge_data(s, o).values()) == ["condemns", "hasTensionWith"]


def test_graphml_node_link_reads_back_with_networkx(g, tmp_path):
    data = json.loads(export_graph(g, "json", tmp_path / "graph.json").read_text(encoding="utf-8"))
    assert {"nodes", "links", "directed", "multigraph"} <= set(data)
    back = nx.node_link_graph(data, edges="links")
    expected = entity_graph(g)
    assert sorted(back.nodes(data=True)) == sorted(expected.nodes(data=True))
    got = sorted((u, v, k, json.dumps(d, sort_keys=True)) for u, v, k, d in back.edges(keys=True, data=True))
    want = sorted(
        (u, v, k, json.dumps({**d, "evidence": list(d["evidence"])}, sort_keys=True))
        for u, v, k, d in expected.edges(keys=True, data=True)
    )
    assert got == want


def test_graphml_entity_graph_keeps_only_related_entities_by_default(g):
    """Exports carry the entities in a relation; one only mentioned is left out unless asked for."""
    related = to_networkx(g)
    lonely = str(entity_iri("Klow"))
    default = entity_graph(g)
    assert lonely not in default and set(default.nodes) == set(related.nodes)
    assert all(default.degree(n) > 0 for n in default.nodes)
    assert len(property_graph(g).nodes) == default.number_of_nodes()


def test_graphml_entity_graph_all_entities_adds_isolated_entities(g):
    related = to_networkx(g)
    full = entity_graph(g, all_entities=True)
    lonely = str(entity_iri("Klow"))
    assert lonely not in related and full.nodes[lonely]["type"] == "City"
    assert set(related.nodes) < set(full.nodes)
    for node, data in related.nodes(data=True):
        assert full.nodes[node] == data
    assert sorted(full.edges(keys=True)) == sorted(related.edges(keys=True))
    pg = property_graph(g, all_entities=True)
    assert len(pg.nodes) == full.number_of_nodes() and len(pg.edges) == full.number_of_edges()


def test_graphml_node_attributes_one_model(g):
    """Views and exports read node attributes from the same function (`kg.convert.node_attributes`)."""
    from rdflib import URIRef

    from kg.convert import node_attributes

    full = entity_graph(g, all_entities=True)
    for node, data in full.nodes(data=True):
        assert data == node_attributes(g, URIRef(node))

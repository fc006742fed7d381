"""The Cypher script, run by a real FalkorDB server on 127.0.0.1: idempotent, counts and values equal."""

from __future__ import annotations

import json

import pytest

from kg.export import export_graph
from kg.export._model import property_graph
from kg.export.cypher import SCHEMA, cypher_batches, cypher_literal, split_statements

from ._engines import falkordb_server
from ._graphs import NASTY_NAME, NASTY_SENTENCE, rdf_graph

NASTY_STRINGS = [
    "plain",
    "O'Brien",
    'say "hi"',
    "back\\slash",
    "\\'",
    "ends with backslash \\",
    "line\nbreak\r\ttab",
    "\\n is not a newline",
    "\\u0041 stays as typed",
    "Erdoğan 北京 😀 Ωmega",
    "MATCH (n) DETACH DELETE n; // }",
    NASTY_SENTENCE,
]


@pytest.fixture(scope="module")
def g():
    return rdf_graph()


@pytest.fixture(scope="module")
def falkordb(tmp_path_factory):
    client = pytest.importorskip("falkordb", reason="pip install falkordb")
    with falkordb_server(tmp_path_factory.mktemp("falkordb")) as server:
        db = client.FalkorDB(host="127.0.0.1", port=server.port)
        yield db
        db.connection.close()


def test_cypher_statements_are_the_schema_then_one_per_batch(g, tmp_path):
    text = export_graph(g, "cypher", tmp_path / "graph.cypher", batch_size=2).read_text(encoding="utf-8")
    statements = split_statements(text)
    batches = cypher_batches(g, batch_size=2)
    assert statements[: len(SCHEMA)] == list(SCHEMA)
    assert statements[len(SCHEMA) :] == [b.script()[:-1] for b in batches]
    assert all(s.startswith("UNWIND [") and "MERGE" in s for s in statements[len(SCHEMA) :])
    assert all("$rows" in b.query and b.params["rows"] for b in batches)


@pytest.mark.parametrize("text", NASTY_STRINGS)
def test_cypher_literal_round_trips_through_falkordb(falkordb, text):
    graph = falkordb.select_graph("kg_literals")
    assert graph.query(f"RETURN {cypher_literal(text)}").result_set == [[text]]
    row = {"s": text, "n": 3, "f": 0.25, "b": True, "z": None}
    assert graph.query(f"RETURN {cypher_literal(row)}").result_set == [[row]]


def test_cypher_script_runs_twice_in_falkordb_with_equal_counts_and_values(g, falkordb, tmp_path):
    text = export_graph(g, "cypher", tmp_path / "graph.cypher", batch_size=3).read_text(encoding="utf-8")
    graph = falkordb.select_graph("kg_script")
    # FalkorDB has no `CREATE CONSTRAINT ... IF NOT EXISTS`; its client API makes the same unique key.
    graph.create_node_range_index("Entity", "iri")
    graph.create_node_unique_constraint("Entity", "iri")
    pg = property_graph(g)
    for _ in range(2):  # idempotent: the second run changes nothing
        for statement in split_statements(text):
            if not statement.startswith("CREATE CONSTRAINT"):
                graph.query(statement)
        assert graph.query("MATCH (n) RETURN count(n)").result_set == [[len(pg.nodes)]]
        assert graph.query("MATCH ()-[r]->() RETURN count(r)").result_set == [[len(pg.edges)]]
    nodes = graph.query("MATCH (n:Entity) RETURN n.iri, n.name, n.type, n.country, labels(n) ORDER BY n.iri")
    assert nodes.result_set == [[n.iri, n.name, n.type, n.country, list(n.labels)] for n in pg.nodes]
    assert NASTY_NAME in {row[1] for row in nodes.result_set}
    edges = graph.query(
        "MATCH (a)-[r]->(b) RETURN a.iri, b.iri, type(r), r.predicate, r.family, r.symmetric,"
        " r.confidence, r.evidence_count, r.evidence ORDER BY a.iri, type(r), b.iri"
    )
    assert edges.result_set == [[e.start, e.end, e.type, *e.properties().values()] for e in pg.edges]
    assert NASTY_SENTENCE in {e["sentence"] for row in edges.result_set for e in json.loads(row[-1])}


def test_cypher_sample_graph_script_runs_in_falkordb(sample_graph_path, falkordb, tmp_path):
    """End to end on the real pipeline output: FalkorDB holds as many nodes and relationships as we export."""
    from kg.export import export_file, read_graph_file

    pg = property_graph(read_graph_file(sample_graph_path))
    text = export_file(sample_graph_path, "cypher", out=tmp_path / "graph.cypher").path.read_text(
        encoding="utf-8"
    )
    graph = falkordb.select_graph("kg_sample")
    for statement in split_statements(text)[len(SCHEMA) :]:
        graph.query(statement)
    assert graph.query("MATCH (n:Entity) RETURN count(n)").result_set == [[len(pg.nodes)]]
    assert graph.query("MATCH ()-[r]->() RETURN count(r)").result_set == [[len(pg.edges)]]

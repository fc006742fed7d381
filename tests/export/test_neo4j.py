"""Neo4j bulk-import CSVs: the documented header format, loaded into a real Kùzu database."""

from __future__ import annotations

import csv
import os
import subprocess

import pytest

from kg.export import export_graph
from kg.export._model import property_graph
from kg.export.cypher import cypher_batches
from kg.export.neo4j import IMPORT_COMMAND, NODE_HEADER, RELATIONSHIP_HEADER

from ._graphs import NASTY_NAME, rdf_graph

_KUZU_TYPES = {"int": "INT64", "long": "INT64", "double": "DOUBLE", "float": "DOUBLE", "boolean": "BOOLEAN"}


@pytest.fixture(scope="module")
def g():
    return rdf_graph()


@pytest.fixture(scope="module")
def folder(g, tmp_path_factory):
    return export_graph(g, "neo4j", tmp_path_factory.mktemp("neo4j") / "neo4j")


def _read(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def _columns(header: list[str]) -> list[tuple[str, str]]:
    """Map a neo4j-admin header to (Kùzu column, Kùzu type), following the header's type suffixes."""
    cols = []
    for field in header:
        name, _, kind = field.partition(":")
        if kind in ("ID", "START_ID", "END_ID"):
            cols.append((name or kind.lower(), "STRING"))
        elif kind in ("LABEL", "TYPE"):
            cols.append((kind.lower() + "s" if kind == "LABEL" else "type", "STRING"))
        else:
            cols.append((name, _KUZU_TYPES.get(kind, "STRING")))
    return cols


def _kuzu(folder, db_path):
    """Load nodes.csv and relationships.csv into a fresh Kùzu database; return a connection."""
    kuzu = pytest.importorskip("kuzu", reason="pip install kuzu")
    conn = kuzu.Connection(kuzu.Database(str(db_path)))
    node_cols = _columns(_read(folder / "nodes.csv")[0])
    rel_cols = _columns(_read(folder / "relationships.csv")[0])[2:]  # after :START_ID, :END_ID
    node_def = ", ".join(f"{n} {t}" for n, t in node_cols)
    rel_def = ", ".join(f"{n} {t}" for n, t in rel_cols)
    conn.execute(f"CREATE NODE TABLE Entity({node_def}, PRIMARY KEY ({node_cols[0][0]}))")
    conn.execute(f"CREATE REL TABLE Rel(FROM Entity TO Entity, {rel_def})")
    conn.execute(f"COPY Entity FROM '{folder / 'nodes.csv'}' (header=true)")
    conn.execute(f"COPY Rel FROM '{folder / 'relationships.csv'}' (header=true)")
    return conn


def _rows(conn, query: str) -> list[tuple]:
    result = conn.execute(query)
    out = []
    while result.has_next():
        out.append(tuple(result.get_next()))
    return out


def test_neo4j_files_follow_the_neo4j_admin_header_format(folder):
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md",
        "import.sh",
        "nodes.csv",
        "relationships.csv",
        "schema.cypher",
    ]
    assert tuple(_read(folder / "nodes.csv")[0]) == NODE_HEADER
    assert tuple(_read(folder / "relationships.csv")[0]) == RELATIONSHIP_HEADER
    assert {":ID", ":LABEL"} <= {f[f.find(":") :] for f in NODE_HEADER}
    assert {":START_ID", ":END_ID", ":TYPE"} <= set(RELATIONSHIP_HEADER)
    raw = (folder / "nodes.csv").read_text(encoding="utf-8")
    assert '"O\'Brien ""the"" \\ Bold"' in raw  # RFC 4180: quotes doubled, backslash literal
    for name in ("nodes.csv", "relationships.csv"):
        for row in _read(folder / name):
            assert not any("\n" in cell or "\r" in cell for cell in row)


def test_neo4j_import_script_runs_the_documented_command(folder):
    script = folder / "import.sh"
    assert os.access(script, os.X_OK)
    subprocess.run(["sh", "-n", str(script)], check=True, timeout=10)
    assert (
        "database import full" in script.read_text() and IMPORT_COMMAND in (folder / "README.md").read_text()
    )
    fake = folder.parent / "fake-admin"
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n')
    fake.chmod(0o755)
    out = subprocess.run(
        [str(script), "kgdb", "--overwrite-destination=true"],
        env={**os.environ, "NEO4J_ADMIN": str(fake)},
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    ).stdout.splitlines()
    assert out == [
        "database",
        "import",
        "full",
        "kgdb",
        f"--nodes={folder.resolve()}/nodes.csv",
        f"--relationships={folder.resolve()}/relationships.csv",
        "--overwrite-destination=true",
    ]


def test_neo4j_csv_loads_into_kuzu_with_equal_counts_and_values(g, folder, tmp_path):
    conn = _kuzu(folder, tmp_path / "kuzu")
    pg = property_graph(g)
    assert _rows(conn, "MATCH (n:Entity) RETURN count(n)") == [(len(pg.nodes),)]
    assert _rows(conn, "MATCH ()-[r:Rel]->() RETURN count(r)") == [(len(pg.edges),)]
    nodes = _rows(conn, "MATCH (n:Entity) RETURN n.iri, n.name, n.type, n.country, n.labels ORDER BY n.iri")
    assert nodes == [(n.iri, n.name, n.type, n.country, ";".join(n.labels)) for n in pg.nodes]
    assert NASTY_NAME in {row[1] for row in nodes}
    edges = _rows(
        conn,
        "MATCH (a)-[r:Rel]->(b) RETURN a.iri, b.iri, r.type, r.predicate, r.family, r.symmetric,"
        " r.confidence, r.evidence_count, r.evidence ORDER BY a.iri, r.type, b.iri",
    )
    assert edges == [(e.start, e.end, e.type, *e.properties().values()) for e in pg.edges]


def test_neo4j_csv_and_cypher_rows_carry_identical_values(g, folder):
    nodes = {row[0]: row for row in _read(folder / "nodes.csv")[1:]}
    for batch in cypher_batches(g):
        for row in batch.rows:
            if "iri" in row:
                csv_row = nodes[row["iri"]]
                assert csv_row[1:4] == [row["name"], row["type"], row["country"] or ""]
    rels = {(r[0], r[3], r[1]): r for r in _read(folder / "relationships.csv")[1:]}
    edge_rows = [r for b in cypher_batches(g) for r in b.rows if "start" in r]
    assert len(edge_rows) == len(rels)
    for row in edge_rows:
        csv_row = rels[(row["start"], row["predicate"], row["end"])]
        assert csv_row[3:] == [
            row["predicate"],
            row["family"],
            "true" if row["symmetric"] else "false",
            repr(row["confidence"]),
            str(row["evidence_count"]),
            row["evidence"],
        ]


def test_neo4j_sample_graph_loads_into_kuzu(sample_graph_path, tmp_path):
    """End to end on the real pipeline output: Kùzu holds as many nodes and relationships as we export."""
    from kg.export import export_file, read_graph_file

    pg = property_graph(read_graph_file(sample_graph_path))
    folder = export_file(sample_graph_path, "neo4j", out=tmp_path / "neo4j").path
    conn = _kuzu(folder, tmp_path / "kuzu")
    assert _rows(conn, "MATCH (n:Entity) RETURN count(n)") == [(len(pg.nodes),)]
    assert _rows(conn, "MATCH ()-[r:Rel]->() RETURN count(r)") == [(len(pg.edges),)]

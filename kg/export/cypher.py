r"""Cypher export: an idempotent script and the parameterised batches behind it.

The script (Neo4j 5+ syntax) starts with the schema (`CREATE CONSTRAINT ... IF NOT EXISTS`),
then writes nodes and relationships in batches of `UNWIND [...] AS row MERGE ...`, the rows
given as literal lists so a plain file runs in cypher-shell, Neo4j Browser or any driver.
The same batches, with `$rows` as a parameter, are what `kg push bolt` sends. Running the
script twice leaves the same graph: nodes are merged on `iri`, relationships on
(start, type, end), and every property is set again.

Labels cannot be parameters in Cypher, so node batches are grouped by class and relationship
batches by type. Each statement ends with `;` at the end of a line, and no string literal
holds a raw line break, so `split_statements` can cut a script safely.

>>> print(cypher_literal({"name": "O'Brien \\ x", "n": 2, "c": None}))
{c: null, n: 2, name: 'O\'Brien \\ x'}
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from rdflib import Graph

from ..atomic import write_bytes_atomic
from ..errors import ConfigError
from ._model import ENTITY_LABEL, PropertyGraph, identifier, property_graph

__all__ = [
    "SCHEMA",
    "DEFAULT_BATCH_SIZE",
    "CypherBatch",
    "cypher_literal",
    "cypher_batches",
    "generate_cypher",
    "write_cypher",
    "split_statements",
]

DEFAULT_BATCH_SIZE = 500
SCHEMA = (f"CREATE CONSTRAINT kg_entity_iri IF NOT EXISTS FOR (n:{ENTITY_LABEL}) REQUIRE n.iri IS UNIQUE",)

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _string(text: str) -> str:
    """Quote a Cypher string literal: backslash escapes; other control characters become spaces."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch in "\x7f\u2028\u2029\x85":
            out.append(" ")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def cypher_literal(value: object) -> str:
    """Return `value` (None, bool, int, float, str, list, map) as a Cypher literal; map keys sorted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "null"
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, Mapping):
        items = ", ".join(f"{identifier(str(k))}: {cypher_literal(v)}" for k, v in sorted(value.items()))
        return "{" + items + "}"
    if isinstance(value, Sequence):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


@dataclass(frozen=True, slots=True)
class CypherBatch:
    """One `UNWIND $rows AS row ...` statement and its rows."""

    query: str
    rows: tuple[Mapping[str, object], ...]

    @property
    def params(self) -> dict[str, object]:
        """Driver parameters: {"rows": [row, ...]}."""
        return {"rows": [dict(r) for r in self.rows]}

    def script(self) -> str:
        """The statement with its rows inlined as a literal list, one row per line, ending with `;`."""
        lines = ",\n".join("  " + cypher_literal(r) for r in self.rows)
        return self.query.replace("UNWIND $rows AS row", f"UNWIND [\n{lines}\n] AS row", 1) + ";"


def _node_query(label: str) -> str:
    extra = "" if label == ENTITY_LABEL else f"n:{label}, "
    return (
        "UNWIND $rows AS row\n"
        f"MERGE (n:{ENTITY_LABEL} {{iri: row.iri}})\n"
        f"SET {extra}n.name = row.name, n.type = row.type, n.country = row.country"
    )


def _edge_query(rel_type: str) -> str:
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{ENTITY_LABEL} {{iri: row.start}})\n"
        f"MATCH (b:{ENTITY_LABEL} {{iri: row.end}})\n"
        f"MERGE (a)-[r:{rel_type}]->(b)\n"
        "SET r.predicate = row.predicate, r.family = row.family, r.symmetric = row.symmetric,"
        " r.confidence = row.confidence, r.evidence_count = row.evidence_count, r.evidence = row.evidence"
    )


def _chunks(rows: list[dict[str, object]], size: int) -> Iterator[tuple[dict[str, object], ...]]:
    for i in range(0, len(rows), size):
        yield tuple(rows[i : i + size])


def cypher_batches(
    g: Graph | PropertyGraph, *, batch_size: int = DEFAULT_BATCH_SIZE
) -> tuple[CypherBatch, ...]:
    """Return the node batches (by class) then the relationship batches (by type).

    g (Graph | PropertyGraph): a kg graph or its property-graph rows.
    batch_size (int): rows per statement.
    RETURNS (tuple[CypherBatch, ...]): in the order they must run.
    """
    if batch_size < 1:
        raise ConfigError(f"--batch-size must be at least 1, not {batch_size}")
    pg = g if isinstance(g, PropertyGraph) else property_graph(g)
    batches: list[CypherBatch] = []
    nodes = sorted(pg.nodes, key=lambda n: (n.type, n.iri))
    for label, group in groupby(nodes, key=lambda n: n.type):
        rows = [n.properties() for n in group]
        batches += [CypherBatch(_node_query(label), chunk) for chunk in _chunks(rows, batch_size)]
    edges = sorted(pg.edges, key=lambda e: (e.type, e.start, e.end))
    for rel_type, group in groupby(edges, key=lambda e: e.type):
        rows = [{"start": e.start, "end": e.end, **e.properties()} for e in group]
        batches += [CypherBatch(_edge_query(rel_type), chunk) for chunk in _chunks(rows, batch_size)]
    return tuple(batches)


def generate_cypher(
    g: Graph | PropertyGraph, *, batch_size: int = DEFAULT_BATCH_SIZE, all_entities: bool = False
) -> bytes:
    """Return the idempotent Cypher script (UTF-8): a header comment, the schema, the batches."""
    pg = g if isinstance(g, PropertyGraph) else property_graph(g, all_entities=all_entities)
    header = (
        "// kg graph export: idempotent Cypher (Neo4j 5+ syntax). Run: cypher-shell -f THIS_FILE\n"
        f"// {len(pg.nodes)} nodes (:{ENTITY_LABEL} + class label, key iri), {len(pg.edges)} relationships\n"
    )
    parts = [header, *(s + ";\n" for s in SCHEMA)]
    parts += ["\n" + b.script() + "\n" for b in cypher_batches(pg, batch_size=batch_size)]
    return "".join(parts).encode("utf-8")


def write_cypher(
    g: Graph, path: str | Path, *, batch_size: int = DEFAULT_BATCH_SIZE, all_entities: bool = False
) -> Path:
    """Write the Cypher script atomically."""
    return write_bytes_atomic(path, generate_cypher(g, batch_size=batch_size, all_entities=all_entities))


def split_statements(script: str) -> list[str]:
    """Split a script written by `generate_cypher` into statements (no `;`, no comment lines)."""
    statements: list[str] = []
    current: list[str] = []
    for line in script.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("//")):
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            statements.append("\n".join(current).rstrip()[:-1])
            current = []
    if current:
        statements.append("\n".join(current))
    return statements

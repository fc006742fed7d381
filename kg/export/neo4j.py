"""Neo4j bulk-import export: a folder of CSV files for `neo4j-admin database import full`.

Files written (names fixed, so scripts can rely on them):

- `nodes.csv` — header `iri:ID,name,type,country,:LABEL`; `:LABEL` is `Entity;<Class>`
  (`;` is neo4j-admin's default array delimiter);
- `relationships.csv` — header `:START_ID,:END_ID,:TYPE,predicate,family,symmetric:boolean,
  confidence:double,evidence_count:int,evidence`;
- `schema.cypher` — the uniqueness constraint on `(:Entity {iri})`, to run after the import;
- `import.sh` — runs `IMPORT_COMMAND` with paths relative to the folder;
- `README.md` — what the files are and how to load them.

CSV follows RFC 4180 (fields with `,` or `"` are quoted, `"` doubled), which is what
neo4j-admin reads by default (`--legacy-style-quoting=false`); no field holds a line break,
so `--multiline-fields` is not needed. An empty `country` field means "no property".
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from rdflib import Graph

from ..atomic import write_folder
from ._model import PropertyGraph, property_graph
from .cypher import SCHEMA

__all__ = [
    "NODE_HEADER",
    "RELATIONSHIP_HEADER",
    "NODES_FILE",
    "RELATIONSHIPS_FILE",
    "IMPORT_COMMAND",
    "generate_neo4j",
    "write_neo4j",
]

NODES_FILE = "nodes.csv"
RELATIONSHIPS_FILE = "relationships.csv"
NODE_HEADER = ("iri:ID", "name", "type", "country", ":LABEL")
RELATIONSHIP_HEADER = (
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "predicate",
    "family",
    "symmetric:boolean",
    "confidence:double",
    "evidence_count:int",
    "evidence",
)
# Neo4j 5.19+ and 2025.x want the database name before the options.
IMPORT_COMMAND = (
    f"neo4j-admin database import full neo4j --nodes={NODES_FILE} --relationships={RELATIONSHIPS_FILE}"
)

_IMPORT_SH = f"""#!/bin/sh
# Import this folder into a new, empty Neo4j database with neo4j-admin (Neo4j 5.19+, 2025.x).
# Usage: ./import.sh [DATABASE] [EXTRA neo4j-admin OPTIONS...]
#   DATABASE defaults to neo4j; stop it first. To replace an existing database add
#   --overwrite-destination=true. NEO4J_ADMIN overrides the neo4j-admin executable.
# Then create the uniqueness constraint: cypher-shell -d DATABASE -f schema.cypher
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
db="${{1:-neo4j}}"
[ "$#" -gt 0 ] && shift
exec "${{NEO4J_ADMIN:-neo4j-admin}}" database import full "$db" \\
  --nodes="$here/{NODES_FILE}" \\
  --relationships="$here/{RELATIONSHIPS_FILE}" \\
  "$@"
"""

_README = f"""# kg graph: Neo4j bulk-import files

Import into a new, empty database (stop it first; Neo4j 5.19+ / 2025.x syntax):

    {IMPORT_COMMAND}

or `./import.sh [DATABASE] [--overwrite-destination=true]`, which passes absolute paths.
Then run `cypher-shell -d neo4j -f schema.cypher` for the uniqueness constraint on `:Entity(iri)`.

- `{NODES_FILE}`: one row per entity, labels `Entity` and its ontology class
  (`Country`, `Person`, ...); properties `iri` (the ID), `name`, `type`, `country` (ISO alpha-3).
- `{RELATIONSHIPS_FILE}`: one row per (subject, predicate, object); the type is the predicate in
  UPPER_SNAKE case (`suppliesTo` -> `SUPPLIES_TO`); properties `predicate`, `family`, `symmetric`,
  `confidence` (max over the evidence), `evidence_count` and `evidence` (a JSON array of
  {{article, confidence, date, sentence, title}}).

CSV is RFC 4180 (quotes doubled), UTF-8, no line breaks inside fields, default delimiters.
The same nodes and relationships are in `kg export --format cypher` and `kg push bolt`.
"""


def _csv(header: tuple[str, ...], rows: list[list[object]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return "" if value is None else value


def generate_neo4j(g: Graph | PropertyGraph, *, all_entities: bool = False) -> dict[str, bytes]:
    """Return the files of the Neo4j import folder: name -> content.

    g (Graph | PropertyGraph): a kg graph or its property-graph rows.
    RETURNS (dict[str, bytes]): nodes.csv, relationships.csv, schema.cypher, import.sh, README.md.
    """
    pg = g if isinstance(g, PropertyGraph) else property_graph(g, all_entities=all_entities)
    nodes = [[n.iri, n.name, n.type, _cell(n.country), ";".join(n.labels)] for n in pg.nodes]
    rels = [[e.start, e.end, e.type, *(_cell(v) for v in e.properties().values())] for e in pg.edges]
    return {
        NODES_FILE: _csv(NODE_HEADER, nodes),
        RELATIONSHIPS_FILE: _csv(RELATIONSHIP_HEADER, rels),
        "schema.cypher": ("".join(s + ";\n" for s in SCHEMA)).encode("utf-8"),
        "import.sh": _IMPORT_SH.encode("utf-8"),
        "README.md": _README.encode("utf-8"),
    }


def write_neo4j(g: Graph, path: str | Path, *, all_entities: bool = False) -> Path:
    """Write the Neo4j import folder (each file atomically) and return the folder."""
    return write_folder(path, generate_neo4j(g, all_entities=all_entities), executable=("import.sh",))

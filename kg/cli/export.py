"""`kg export`: write the graph in an RDF, graph-tool or graph-database format."""

from __future__ import annotations

from pathlib import Path

from ..errors import KgError
from ..export import FORMATS, export_file
from ._app import Opt, app, fail, out_console

__all__ = ["export_cli"]

_FORMAT_HELP = "; ".join(f"{name}: {fmt.description}" for name, fmt in FORMATS.items())


_FORMAT = Opt(..., "--format", "-f", help=f"Output format. {_FORMAT_HELP}.")
_GRAPH = Opt(Path("output/graph.ttl"), "--graph", "-g", help="Graph file (Turtle or other RDF).")
_OUT = Opt(None, "--out", "-o", help="Output file (folder for neo4j); default beside the graph.")
_BATCH = Opt(None, "--batch-size", help="cypher: rows per UNWIND statement (default 500).")
_ALL = Opt(
    False,
    "--all-entities",
    help="Graph formats (graphml, gexf, json, neo4j, cypher): also keep entities in no relation.",
)


@app.command("export")
def export_cli(
    fmt: str = _FORMAT,
    graph: Path = _GRAPH,
    out: Path | None = _OUT,
    batch_size: int | None = _BATCH,
    all_entities: bool = _ALL,
) -> None:
    """Export the graph for triple stores, Neo4j, Gephi, Cytoscape or D3."""
    try:
        result = export_file(graph, fmt, out=out, batch_size=batch_size, all_entities=all_entities)
    except KgError as err:
        raise fail(err) from None
    if result.nodes is None:
        size = f"{result.triples} triples"
    else:
        size = f"{result.nodes} nodes, {result.relationships} relationships"
    out_console.print(f"wrote {result.path} ({result.format}: {size})", markup=False)
    if result.format == "neo4j":
        from ..export.neo4j import IMPORT_COMMAND

        out_console.print(f"import with: cd {result.path} && {IMPORT_COMMAND}", markup=False)

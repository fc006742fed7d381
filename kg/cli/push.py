"""`kg push sparql URL` and `kg push bolt URI`: send the graph to a running store."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import KgError
from ..export.push import BOLT_DIALECTS, PASSWORD_ENV, SPARQL_PROTOCOLS, USER_ENV, PushReport
from ._app import Arg, Opt, app, err_console, fail, out_console

__all__ = ["push_app", "push_sparql_cli", "push_bolt_cli"]

push_app = typer.Typer(
    name="push",
    help="Send the graph to a SPARQL 1.1 store or a Bolt (Neo4j protocol) server.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(push_app, name="push")

_GRAPH = Opt(Path("output/graph.ttl"), "--graph", "-g", help="Graph file (Turtle or other RDF).")
_USER = Opt(None, "--user", "-u", help=f"User name (default: ${USER_ENV}).")
_PASSWORD = Opt(None, "--password", help=f"Password (default: ${PASSWORD_ENV}; prefer the variable).")


def _print(report: PushReport) -> None:
    for note in report.notes:
        err_console.print(f"kg: note: {note}", markup=False)
    if report.protocol == "bolt":
        size = f"{report.nodes} nodes, {report.relationships} relationships"
    else:
        size = f"{report.triples} triples"
    out_console.print(
        f"pushed {size} to {report.target} ({report.protocol}, {report.requests} requests)", markup=False
    )


@push_app.command("sparql")
def push_sparql_cli(
    url: str = Arg(..., help="Graph Store endpoint (e.g. http://127.0.0.1:7878/store) or update endpoint."),
    graph: Path = _GRAPH,
    named_graph: str | None = Opt(
        None, "--named-graph", help="Target graph IRI (default: the default graph)."
    ),
    provenance: bool = Opt(False, "--provenance", help="One named graph per article (as in N-Quads/TriG)."),
    append: bool = Opt(False, "--append", help="Add to the target graph(s) instead of replacing them."),
    protocol: str = Opt("auto", "--protocol", help=f"{' | '.join(SPARQL_PROTOCOLS)}."),
    user: str | None = _USER,
    password: str | None = _PASSWORD,
    timeout: float = Opt(60.0, "--timeout", help="Seconds per HTTP request."),
    batch_size: int = Opt(5000, "--batch-size", help="Triples per INSERT DATA request (Update only)."),
) -> None:
    """Push the graph with the SPARQL 1.1 Graph Store Protocol (Update as a fallback)."""
    from ..export import read_graph_file
    from ..export.push import push_sparql

    try:
        g = read_graph_file(graph)
        report = push_sparql(
            g,
            url,
            named_graph=named_graph,
            provenance=provenance,
            replace=not append,
            protocol=protocol,
            user=user,
            password=password,
            timeout=timeout,
            batch_size=batch_size,
        )
    except KgError as err:
        raise fail(err) from None
    _print(report)


@push_app.command("bolt")
def push_bolt_cli(
    uri: str = Arg(..., help="Bolt URI, e.g. bolt://127.0.0.1:7687 or neo4j://host:7687."),
    graph: Path = _GRAPH,
    user: str | None = _USER,
    password: str | None = _PASSWORD,
    database: str | None = Opt(None, "--database", "-d", help="Database name (default: the server's)."),
    batch_size: int = Opt(500, "--batch-size", help="Rows per UNWIND statement."),
    dialect: str = Opt("neo4j", "--dialect", help=f"{' | '.join(BOLT_DIALECTS)} (falkordb: its Bolt port)."),
    timeout: float = Opt(30.0, "--timeout", help="Connection timeout in seconds."),
    all_entities: bool = Opt(False, "--all-entities", help="Also merge entities in no relation."),
) -> None:
    """Merge the graph into Neo4j (or FalkorDB's Bolt port) with batched UNWIND ... MERGE."""
    from ..export import read_graph_file
    from ..export.push import push_bolt

    try:
        g = read_graph_file(graph)
        report = push_bolt(
            g,
            uri,
            user=user,
            password=password,
            database=database,
            batch_size=batch_size,
            dialect=dialect,
            timeout=timeout,
            all_entities=all_entities,
        )
    except KgError as err:
        raise fail(err) from None
    _print(report)

"""`kg query`: run SPARQL (text, a .rq file or a named analyst query) over the graph or store."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import ConfigError, Errors, KgError, MissingInputError
from ..query import (
    RESULT_FORMATS,
    add_pagerank,
    format_result,
    load_store,
    named_queries,
    named_query,
    pagerank_scores,
    run_query,
    store_to_rdflib,
)
from ._app import Arg, Opt, app, err_console, fail, out_console

__all__ = ["query_cli", "read_query_text", "parse_params"]


def read_query_text(query: str) -> str:
    """Return the SPARQL text of QUERY: the file's content if it names a file (or ends in .rq)."""
    if query.endswith(".rq") or ("\n" not in query and len(query) < 4096 and Path(query).is_file()):
        path = Path(query)
        if not path.is_file():
            raise MissingInputError(path, what="query file")
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise KgError(f"{path}: cannot read the query: {err}") from None
    return query


def parse_params(values: list[str]) -> dict[str, str]:
    """Parse repeated `--param NAME=VALUE` options."""
    params: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ConfigError(f"--param takes NAME=VALUE, got '{item}'")
        params[name.strip()] = value
    return params


def _list_text() -> str:
    lines = []
    for q in named_queries().values():
        lines.append(f"{q.name}: {q.description}")
        lines += [f"    --param {name}=...  {desc}" for name, desc in q.params]
    return "\n".join(lines)


_GRAPH = Opt(None, "--graph", "-g", help="graph file (default: output/store if newer, else output/graph.ttl)")
_STORE = Opt(None, "--store", "-s", help="store folder written by kg build (e.g. output/store)")
_PARAM = Opt([], "--param", "-p", help="NAME=VALUE for a named query's parameter (repeatable)")


@app.command("query")
def query_cli(
    query: str = Arg(None, help="SPARQL text or a .rq file; omit with --named or --list"),
    named: str = Opt(None, "--named", "-n", help="run a named analyst query (see --list)"),
    list_: bool = Opt(False, "--list", help="list the named queries and exit"),
    graph: Path = _GRAPH,
    store: Path = _STORE,
    fmt: str = Opt("table", "--format", "-f", help=f"SELECT/ASK output: {', '.join(RESULT_FORMATS)}"),
    timeout: float = Opt(60.0, "--timeout", help="seconds before the query is abandoned (0 = none)"),
    limit: int = Opt(None, "--limit", help="print at most this many rows"),
    param: list[str] = _PARAM,
    pagerank: bool = Opt(False, "--pagerank", help="add networkx PageRank to a result with ?entity"),
) -> None:
    """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE); CONSTRUCT/DESCRIBE print Turtle."""
    try:
        if list_:
            out_console.print(_list_text(), markup=False)
            return
        if (query is None) == (named is None):
            raise ConfigError("give a QUERY (text or .rq file) or --named NAME, not both")
        if fmt not in RESULT_FORMATS:
            raise ConfigError(Errors.E002.format(value=fmt, allowed=", ".join(RESULT_FORMATS)))
        text = named_query(named).text if named else read_query_text(query)
        st = load_store(graph, store, default=True)
        result = run_query(st, text, timeout=timeout or None, limit=limit, params=parse_params(param) or None)
        if pagerank:
            result = add_pagerank(result, pagerank_scores(store_to_rdflib(st)))
        sys.stdout.buffer.write(format_result(result, fmt))
        sys.stdout.flush()
        if result.truncated:
            err_console.print(f"kg: note: output cut at --limit {limit}", markup=False)
    except KgError as err:
        raise fail(err) from None

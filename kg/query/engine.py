""":mod:`kg.query.engine`: run SPARQL 1.1 queries on a pyoxigraph store, with a deadline.

Timeouts: pyoxigraph has no per-query timeout, but it releases the GIL while it evaluates, so
`run_query` evaluates in a daemon worker thread and gives up at the deadline (`QueryTimeout`).
The abandoned thread runs on until its query ends; a CLI process exits anyway, and the server
(`kg.serve`) runs queries in worker processes that it kills at the deadline instead.

A malformed query gets one line naming the unexpected token, its line and column, and the
keyword or prefix it was probably meant to be (see `kg.query.syntax`).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import QueryError
from ..vocab import PREFIXES
from .named import bind_params
from .store import one_line
from .syntax import describe_syntax_error

__all__ = [
    "QUERY_PREFIXES",
    "QueryResult",
    "QuerySyntaxError",
    "QueryTimeout",
    "UpdateRefused",
    "is_update",
    "run_query",
]

QUERY_PREFIXES = {name: str(ns) for name, ns in PREFIXES.items()}
_CHECK_EVERY = 512  # rows between deadline checks while collecting results


class QuerySyntaxError(QueryError):
    """The text is not a SPARQL 1.1 query; the message gives line and column."""


class QueryTimeout(QueryError):
    """The query did not finish before its deadline."""

    exit_code = 1


class UpdateRefused(QueryError):
    """A SPARQL Update was sent to a read-only store or endpoint."""


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The complete result of one query.

    kind (str): "select", "ask" or "graph" (CONSTRUCT / DESCRIBE).
    variables (tuple[str, ...]): SELECT variables, in projection order.
    rows (tuple[tuple[Term | None, ...], ...]): SELECT solutions; None is an unbound value.
    boolean (bool | None): the ASK answer.
    triples (tuple[ox.Triple, ...]): CONSTRUCT / DESCRIBE triples.
    truncated (bool): True when rows or triples were cut at the result cap.
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[object, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)


_UPDATE_RE = re.compile(
    r"^(?:\s+|#[^\n]*(?:\n|$)|PREFIX\s+[\w.\-]*:\s*<[^>]*>|BASE\s*<[^>]*>)*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)


def is_update(text: str) -> bool:
    """Return True if `text` reads as a SPARQL Update operation (after its prologue).

    >>> is_update("PREFIX geo: <https://w3id.org/geokg/ontology#> INSERT DATA { <a> <b> <c> }")
    True
    >>> is_update("SELECT * WHERE { ?s ?p ?o }")
    False
    """
    return _UPDATE_RE.match(text) is not None


def _collect(results: object, *, limit: int | None, deadline: float | None) -> QueryResult:
    """Drain a pyoxigraph result into a QueryResult, stopping at `limit` rows or the deadline."""
    if isinstance(results, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(results))
    items: list = []
    truncated = False
    for item in results:  # type: ignore[union-attr]
        if limit is not None and len(items) >= limit:
            truncated = True
            break
        items.append(item)
        if deadline is not None and len(items) % _CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise QueryTimeout("query timed out while reading its results")
    if isinstance(results, ox.QuerySolutions):
        names = tuple(v.value for v in results.variables)
        rows = tuple(tuple(sol[i] for i in range(len(names))) for sol in items)
        return QueryResult(kind="select", variables=names, rows=rows, truncated=truncated)
    return QueryResult(kind="graph", triples=tuple(items), truncated=truncated)


def _evaluate(store: ox.Store, text: str, *, limit: int | None, deadline: float | None) -> QueryResult:
    try:
        results = store.query(text, prefixes=QUERY_PREFIXES)
        return _collect(results, limit=limit, deadline=deadline)
    except SyntaxError as err:
        if is_update(text):
            raise UpdateRefused("SPARQL Update is not allowed: the store is read-only") from None
        raise QuerySyntaxError(describe_syntax_error(text, str(err), prefixes=QUERY_PREFIXES)) from None
    except QueryError:
        raise
    except (OSError, RuntimeError, ValueError) as err:
        raise QueryError(f"query failed: {one_line(str(err))}") from None


def run_query(
    store: ox.Store,
    sparql: str,
    *,
    timeout: float | None = None,
    limit: int | None = None,
    params: Mapping[str, str] | None = None,
) -> QueryResult:
    """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE) and return its full result.

    The kg prefixes (geo:, ent:, art:, stmt:, rdf:, rdfs:, owl:, xsd:, dcterms:, prov:) are
    predeclared. Updates raise `UpdateRefused`, bad syntax `QuerySyntaxError` (one line with
    line and column), a query past `timeout` seconds `QueryTimeout`.

    store (ox.Store): from `load_store`.
    sparql (str): the query text.
    timeout (float | None): seconds before giving up; None waits for ever.
    limit (int | None): keep at most this many rows or triples (`truncated` is then set).
    params (Mapping[str, str]): values for `VALUES ?param_NAME { UNDEF }` slots, see `bind_params`.
    RETURNS (QueryResult): the materialised result.
    """
    text = bind_params(sparql, params) if params else sparql
    if timeout is None:
        return _evaluate(store, text, limit=limit, deadline=None)
    deadline = time.monotonic() + timeout
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["result"] = _evaluate(store, text, limit=limit, deadline=deadline)
        except BaseException as err:  # noqa: BLE001 - handed back to the caller's thread
            box["error"] = err

    worker = threading.Thread(target=work, name="kg-sparql", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeout(f"query timed out after {timeout:g} s")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["result"]  # type: ignore[return-value]

""":mod:`kg.serve.protocol`: the SPARQL 1.1 Protocol side of the endpoint.

Content negotiation from the Accept header or a `format` parameter (SPARQL results JSON / XML /
CSV / TSV for SELECT and ASK; Turtle, N-Triples, RDF/XML or JSON-LD for CONSTRUCT and DESCRIBE,
Turtle by default), and `answer`, which runs one query and serialises it for the client.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..query import QueryError, UpdateRefused, format_result, run_query

__all__ = ["LOOPBACK", "ServeSettings", "Reply", "negotiate", "answer", "TEXT"]

LOOPBACK = ("127.0.0.1", "::1", "localhost")

_RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
}
_CONTENT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """Options of the endpoint.

    timeout (float): seconds a query may run (and wait for a free worker).
    max_rows (int): result cap; rows or triples past it are dropped and flagged.
    workers (int): query worker processes.
    max_query_bytes (int): longest accepted query text.
    """

    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2
    max_query_bytes: int = 100_000


@dataclass(frozen=True, slots=True)
class Reply:
    """An HTTP answer computed by a worker."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def _accepted(accept: str) -> list[str]:
    """Return the media types of an Accept header, best first (q, then order)."""
    ranked = []
    for index, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, index, media))
    return [media for _, _, media in sorted(ranked)]


def negotiate(accept: str, kind: str, *, requested: str = "") -> str:
    """Return the kg format name for a result kind ("select", "ask", "graph") and an Accept header.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", "select")
    'xml'
    >>> negotiate("*/*", "graph")
    'turtle'
    """
    table = _GRAPH_TYPES if kind == "graph" else _RESULT_TYPES
    names = set(table.values())
    if requested in names:
        return requested
    for media in _accepted(accept or ""):
        if media in table:
            return table[media]
    return "turtle" if kind == "graph" else "json"


def answer(store: object, sparql: str, accept: str, requested: str, max_rows: int) -> Reply:
    """Run one query in a worker and serialise it for the client."""
    try:
        result = run_query(store, sparql, limit=max_rows)  # type: ignore[arg-type]
    except UpdateRefused as err:
        return Reply(403, TEXT, f"{err}\n".encode())
    except QueryError as err:
        return Reply(400, TEXT, f"{err}\n".encode())
    fmt = negotiate(accept, result.kind, requested=requested)
    body = format_result(result, graph_format=fmt) if result.kind == "graph" else format_result(result, fmt)
    return Reply(200, _CONTENT_TYPES[fmt], body, result.truncated)

"""Push the graph into a running store: a SPARQL 1.1 server or a Bolt (Neo4j protocol) server.

`push_sparql` uses the SPARQL 1.1 Graph Store HTTP Protocol: Turtle is PUT (replace) or
POSTed (append) to `URL?default` or `URL?graph=IRI`; with `provenance`, each named graph of
`kg.export.rdf.provenance_parts` (one per article) and the default graph are sent in turn.
It falls back to SPARQL 1.1 Update (`CLEAR`/`DROP` then `INSERT DATA` in batches) when the
URL does not speak the protocol.

`push_bolt` uses the official `neo4j` driver and the batches of `kg.export.cypher`
(`UNWIND $rows AS row MERGE ...`), so it writes the same nodes and relationships as the Cypher
script and the Neo4j CSV files. `dialect="falkordb"` adapts to FalkorDB's Bolt bridge (see
`push_bolt`).

Credentials come from the options or from KG_PUSH_USER / KG_PUSH_PASSWORD.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import quote

from rdflib import Graph

from ..errors import ConfigError, ExportError

T = TypeVar("T")

__all__ = [
    "PushReport",
    "credentials",
    "push_sparql",
    "push_bolt",
    "SPARQL_PROTOCOLS",
    "BOLT_DIALECTS",
    "USER_ENV",
    "PASSWORD_ENV",
]

USER_ENV = "KG_PUSH_USER"
PASSWORD_ENV = "KG_PUSH_PASSWORD"
SPARQL_PROTOCOLS = ("auto", "gsp", "update")
BOLT_DIALECTS = ("neo4j", "falkordb")
_FALLBACK_STATUS = frozenset({400, 404, 405, 406, 415, 501})
_OK_STATUS = frozenset({200, 201, 204})
_TURTLE = "text/turtle; charset=utf-8"
_UPDATE = "application/sparql-update; charset=utf-8"


@dataclass(frozen=True, slots=True)
class PushReport:
    """What a push sent: where, how, and how much."""

    target: str
    protocol: str  # "gsp", "update" or "bolt"
    triples: int = 0
    nodes: int = 0
    relationships: int = 0
    requests: int = 0
    notes: tuple[str, ...] = ()


def credentials(user: str | None, password: str | None) -> tuple[str, str] | None:
    """Return (user, password) from the arguments or the environment, or None when no user is set."""
    user = user if user is not None else os.environ.get(USER_ENV)
    password = password if password is not None else os.environ.get(PASSWORD_ENV, "")
    return (user, password) if user else None


def _one_line(text: str, limit: int = 200) -> str:
    """The first line of a message, without Python's `[Errno N]` prefix, lower-cased at the start.

    >>> _one_line("[Errno 111] Connection refused\\nmore")
    'connection refused'
    """
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = re.sub(r"\[Errno -?\d+\]\s*", "", first)
    return (first[:1].lower() + first[1:])[:limit]


def _with_query(url: str, query: str) -> str:
    return url + ("&" if "?" in url else "?") + query


# --------------------------------------------------------------------------- SPARQL


def _parts(g: Graph, *, named_graph: str | None, provenance: bool) -> list[tuple[str | None, Graph]]:
    """Return the (graph name or None for the default graph, triples) to send, sorted by name."""
    from .rdf import provenance_parts

    if not provenance:
        return [(named_graph, g)]
    return [(None if name is None else str(name), part) for name, part in provenance_parts(g)]


def _update_requests(
    g: Graph, *, named_graph: str | None, provenance: bool, replace: bool, batch_size: int
) -> Iterator[tuple[str, int]]:
    """Yield (SPARQL Update text, statements in it): an optional clear, then INSERT DATA batches."""
    from .rdf import generate_ntriples

    groups = {
        name: generate_ntriples(part).decode("utf-8").splitlines()
        for name, part in _parts(g, named_graph=named_graph, provenance=provenance)
    }
    if replace:
        drops = [f"DROP SILENT GRAPH <{name}>" for name in sorted(n for n in groups if n)]
        if provenance or named_graph is None:
            drops.insert(0, "CLEAR SILENT DEFAULT")
        yield " ;\n".join(drops), 0
    for name in sorted(groups, key=lambda n: n or ""):
        lines = groups[name]
        for i in range(0, len(lines), batch_size):
            chunk = "\n".join(lines[i : i + batch_size])
            body = f"GRAPH <{name}> {{\n{chunk}\n}}" if name else chunk
            yield f"INSERT DATA {{\n{body}\n}}", len(lines[i : i + batch_size])


def _check(response, url: str) -> None:
    if response.status_code in (401, 403):
        raise ExportError(
            f"{url}: authentication failed (HTTP {response.status_code}); "
            f"pass --user/--password or set {USER_ENV}/{PASSWORD_ENV}"
        )
    if response.status_code not in _OK_STATUS:
        raise ExportError(
            f"{url}: HTTP {response.status_code}: {_one_line(response.text) or response.reason_phrase}"
        )


def _push_gsp(
    client, g: Graph, url: str, *, named_graph: str | None, provenance: bool, replace: bool, strict: bool
) -> PushReport | None:
    """PUT (or POST) Turtle per target graph; None when the first request shows no GSP support."""
    from .rdf import generate_turtle

    sent = requests = 0
    for name, part in _parts(g, named_graph=named_graph, provenance=provenance):
        query = "graph=" + quote(name, safe="") if name else "default"
        response = client.request(
            "PUT" if replace else "POST",
            _with_query(url, query),
            content=generate_turtle(part),
            headers={"Content-Type": _TURTLE},
        )
        if not strict and requests == 0 and response.status_code in _FALLBACK_STATUS:
            return None
        _check(response, url)
        sent += len(part)
        requests += 1
    return PushReport(url, "gsp", triples=sent, requests=requests)


def push_sparql(
    g: Graph,
    url: str,
    *,
    named_graph: str | None = None,
    provenance: bool = False,
    replace: bool = True,
    protocol: str = "auto",
    user: str | None = None,
    password: str | None = None,
    timeout: float = 60.0,
    batch_size: int = 5000,
) -> PushReport:
    """Send `g` to a SPARQL 1.1 server and return what was sent.

    g (Graph): a kg graph.
    url (str): the Graph Store endpoint (e.g. http://127.0.0.1:7878/store) or, for Update,
        the update endpoint (e.g. .../update); in "auto" mode a URL that refuses the Graph
        Store Protocol (HTTP 400/404/405/406/415/501) is retried with Update.
    named_graph (str | None): target graph IRI; None means the default graph.
    provenance (bool): send N-Quads, one named graph per article (ignores `named_graph`).
    replace (bool): replace the target graph(s) (PUT / DROP) instead of adding (POST).
    protocol (str): "auto", "gsp" or "update".
    user, password (str | None): HTTP basic auth; default from KG_PUSH_USER / KG_PUSH_PASSWORD.
    timeout (float): seconds per request.
    batch_size (int): triples per INSERT DATA request.
    RETURNS (PushReport): protocol used, statements sent, requests made.
    """
    import httpx

    if protocol not in SPARQL_PROTOCOLS:
        raise ConfigError(f"unknown protocol '{protocol}'; choose one of: {', '.join(SPARQL_PROTOCOLS)}")
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"not an http(s) URL: {url}")
    if batch_size < 1:
        raise ConfigError(f"--batch-size must be at least 1, not {batch_size}")
    auth = credentials(user, password)
    notes: list[str] = []
    try:
        with httpx.Client(auth=auth, timeout=timeout, trust_env=False) as client:
            if protocol in ("auto", "gsp"):
                report = _push_gsp(
                    client,
                    g,
                    url,
                    named_graph=named_graph,
                    provenance=provenance,
                    replace=replace,
                    strict=protocol == "gsp",
                )
                if report is not None:
                    return report
                notes.append("the URL refused the Graph Store Protocol; used SPARQL Update")
            sent = requests = 0
            for text, count in _update_requests(
                g, named_graph=named_graph, provenance=provenance, replace=replace, batch_size=batch_size
            ):
                response = client.post(url, content=text.encode("utf-8"), headers={"Content-Type": _UPDATE})
                _check(response, url)
                sent += count
                requests += 1
            return PushReport(url, "update", triples=sent, requests=requests, notes=tuple(notes))
    except httpx.HTTPError as err:
        raise ExportError(f"{url}: {type(err).__name__}: {_one_line(str(err)) or 'request failed'}") from err


# --------------------------------------------------------------------------- Bolt


def _falkordb_escape(value: object) -> object:
    """Pre-escape strings for FalkorDB's Bolt bridge, which inlines parameters unescaped."""
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, dict):
        return {k: _falkordb_escape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_falkordb_escape(v) for v in value]
    return value


def _load_driver():
    try:
        import neo4j
    except ImportError as err:  # pragma: no cover - neo4j is a dependency of kg
        raise ExportError("the neo4j driver is not installed; run: pip install neo4j") from err
    return neo4j


def _bolt_schema(session, *, dialect: str, schema: tuple[str, ...], errors) -> tuple[int, tuple[str, ...]]:
    """Create the key constraint (neo4j) or index (falkordb); return (statements run, notes)."""
    from ._model import ENTITY_LABEL

    if dialect == "neo4j":
        for statement in schema:
            session.run(statement).consume()
        return len(schema), ()
    try:
        session.run(f"CREATE INDEX FOR (n:{ENTITY_LABEL}) ON (n.iri)").consume()
    except errors.Neo4jError:
        return 1, (f"index on :{ENTITY_LABEL}(iri) not created (it may exist already)",)
    return 1, ()


def _stalled(uri: str, timeout: float) -> str:
    return f"{uri}: no answer from the server for {timeout:g} s; it stopped responding"


def _timed_out(err: BaseException) -> bool:
    """True if a read timeout is behind `err` (the driver wraps it, e.g. in SessionExpired)."""
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, TimeoutError) or "timed out" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _with_watchdog(work: Callable[[Callable[[], None]], T], *, timeout: float, uri: str) -> T:
    """Run `work(tick)` in a daemon thread; fail when `tick` is not called for `timeout` seconds.

    The neo4j driver has no read timeout: a Bolt server that stops answering mid-session (FalkorDB's
    bridge does) would block forever. The stalled thread is left behind (daemon); kg exits anyway.
    """
    ticks = [0]
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = work(lambda: ticks.__setitem__(0, ticks[0] + 1))
        except BaseException as err:  # handed to the caller below
            outcome["error"] = err

    thread = threading.Thread(target=target, name="kg-push-bolt", daemon=True)
    thread.start()
    seen = ticks[0]
    while True:
        thread.join(timeout)
        if not thread.is_alive():
            break
        if ticks[0] == seen:
            raise ExportError(_stalled(uri, timeout))
        seen = ticks[0]
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def push_bolt(
    g: Graph,
    uri: str,
    *,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    batch_size: int = 500,
    dialect: str = "neo4j",
    timeout: float = 30.0,
    all_entities: bool = False,
) -> PushReport:
    """Merge the property graph of `g` into a Bolt server (Neo4j, or FalkorDB's Bolt port).

    g (Graph): a kg graph.
    uri (str): bolt://, neo4j:// (or +s/+ssc) URI.
    user, password (str | None): basic auth; default from KG_PUSH_USER / KG_PUSH_PASSWORD;
        without a user the driver connects without authentication.
    database (str | None): target database; None for the server default.
    batch_size (int): rows per UNWIND statement.
    dialect (str): "neo4j" runs `CREATE CONSTRAINT ... IF NOT EXISTS` first. "falkordb"
        creates a range index on :Entity(iri) instead (FalkorDB has no Cypher constraint
        syntax) and pre-escapes `\\` and `'` in string parameters, because FalkorDB 4.x's
        Bolt bridge pastes parameters into the query text without escaping them. FalkorDB
        4.16 also leaves the next connection it accepts after a Bolt session unanswered;
        such a push fails after `timeout` and the one after it works.
    timeout (float): seconds to open a connection (TCP connect and Bolt handshake), and the longest the
        server may go without answering a request before the push fails (a stalled server never hangs kg).
    all_entities (bool): also merge the entities in no relation (as `kg export --all-entities`).
    RETURNS (PushReport): nodes and relationships sent, statements run.
    """
    from ._model import property_graph
    from .cypher import SCHEMA, cypher_batches

    if dialect not in BOLT_DIALECTS:
        raise ConfigError(f"unknown dialect '{dialect}'; choose one of: {', '.join(BOLT_DIALECTS)}")
    neo4j = _load_driver()
    pg = property_graph(g, all_entities=all_entities)
    batches = cypher_batches(pg, batch_size=batch_size)

    def work(tick: Callable[[], None]) -> tuple[int, tuple[str, ...]]:
        with (
            neo4j.GraphDatabase.driver(
                uri,
                auth=credentials(user, password),
                connection_timeout=timeout,
                connection_acquisition_timeout=timeout,
            ) as driver,
            driver.session(database=database) as session,
        ):
            requests, notes = _bolt_schema(session, dialect=dialect, schema=SCHEMA, errors=neo4j.exceptions)
            tick()
            for batch in batches:
                params = _falkordb_escape(batch.params) if dialect == "falkordb" else batch.params
                session.execute_write(lambda tx, q=batch.query, p=params: tx.run(q, p).consume())
                requests += 1
                tick()
        return requests, notes

    try:
        requests, notes = _with_watchdog(work, timeout=timeout, uri=uri)
    except neo4j.exceptions.AuthError as err:
        raise ExportError(f"{uri}: authentication failed; pass --user/--password or set {USER_ENV}") from err
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError, ValueError) as err:
        if _timed_out(err):  # the driver's own read timeout, which can fire just before the watchdog
            raise ExportError(_stalled(uri, timeout)) from err
        message = getattr(err, "message", None) or str(err) or type(err).__name__
        raise ExportError(f"{uri}: {type(err).__name__}: {_one_line(message)}") from err
    return PushReport(
        uri, "bolt", nodes=len(pg.nodes), relationships=len(pg.edges), requests=requests, notes=notes
    )

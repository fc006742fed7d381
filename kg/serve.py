"""A read-only SPARQL 1.1 Protocol endpoint over pyoxigraph, on starlette + uvicorn.

Routes: `/sparql` (GET `?query=`, POST form-encoded `query=`, POST `application/sparql-query`),
`/` (an offline page with a query box and the named queries), `/app.js` and `/app.css` (its
script and style; no CDN, nothing external).

Behaviour: content negotiation from the Accept header or a `format` parameter (SPARQL results
JSON / XML / CSV / TSV for SELECT and ASK; Turtle, N-Triples, RDF/XML or JSON-LD for CONSTRUCT and
DESCRIBE, Turtle by default); updates get 403, malformed queries 400 with the parser's message,
over-long queries 413; results are capped at `max_rows` (header `X-KG-Truncated: true`); CORS is
open to any origin (read-only, no credentials).

Timeouts: queries run in a small pool of worker processes that open the store read-only. A query
still running at the deadline has its worker killed (so it stops using a CPU) and replaced; the
client gets 503 with a one-line message. While every worker is busy a request waits up to the
timeout, then gets 503 too.
"""

from __future__ import annotations

import contextlib
import html
import multiprocessing as mp
import queue
import shutil
import tempfile
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from .errors import KgError, QueryError
from .query import (
    UpdateRefused,
    format_result,
    load_store,
    named_queries,
    run_query,
    write_store,
)

__all__ = ["ServeSettings", "Reply", "QueryPool", "negotiate", "create_app", "prepare_store", "serve"]

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
_TEXT = "text/plain; charset=utf-8"


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


def _answer(store: object, sparql: str, accept: str, requested: str, max_rows: int) -> Reply:
    """Run one query in a worker and serialise it for the client."""
    try:
        result = run_query(store, sparql, limit=max_rows)  # type: ignore[arg-type]
    except UpdateRefused as err:
        return Reply(403, _TEXT, f"{err}\n".encode())
    except QueryError as err:
        return Reply(400, _TEXT, f"{err}\n".encode())
    fmt = negotiate(accept, result.kind, requested=requested)
    body = format_result(result, graph_format=fmt) if result.kind == "graph" else format_result(result, fmt)
    return Reply(200, _CONTENT_TYPES[fmt], body, result.truncated)


def _worker_main(conn, store_dir: str) -> None:
    """Worker process: open the store read-only, then answer (sparql, accept, format, cap) messages."""
    try:
        store = load_store(store=store_dir)
    except KgError as err:
        conn.send(("error", str(err)))
        return
    conn.send(("ready", ""))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        sparql, accept, requested, max_rows = message
        try:
            reply = _answer(store, sparql, accept, requested, max_rows)
        except Exception as err:  # noqa: BLE001 - one failed query must not end the worker
            reply = Reply(500, _TEXT, f"query failed: {type(err).__name__}: {err}\n".encode())
        conn.send(reply)


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, ctx, store_dir: Path, *, start_timeout: float = 60.0) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, str(store_dir)), daemon=True)
        self.process.start()
        child.close()
        try:
            if not self.conn.poll(start_timeout):
                raise EOFError
            status, message = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise KgError(f"{store_dir}: query worker did not start") from None
        if status != "ready":
            self.kill()
            raise KgError(message)

    def kill(self) -> None:
        """Stop the process at once."""
        with contextlib.suppress(Exception):
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def close(self) -> None:
        """Ask the process to exit, then make sure it did."""
        with contextlib.suppress(Exception):
            self.conn.send(None)
        self.process.join(2)
        if self.process.is_alive():
            self.kill()


class QueryPool:
    """Worker processes over one read-only store, with a per-query deadline."""

    def __init__(self, store_dir: Path, *, settings: ServeSettings = ServeSettings()) -> None:
        self.store_dir = Path(store_dir)
        self.settings = settings
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, settings.workers)):
            self._add(_Worker(self._ctx, self.store_dir))

    def _add(self, worker: _Worker) -> None:
        with self._lock:
            if self._closed:
                worker.close()
                return
            self._all.append(worker)
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker now (it stops using a CPU) and start its replacement in the background."""
        worker.kill()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)

        def respawn() -> None:
            with contextlib.suppress(KgError):
                self._add(_Worker(self._ctx, self.store_dir))

        threading.Thread(target=respawn, name="kg-sparql-respawn", daemon=True).start()

    def execute(self, sparql: str, *, accept: str = "", requested: str = "") -> Reply:
        """Run a query on a free worker; 503 when none frees up or the query passes the timeout."""
        timeout = self.settings.timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return Reply(503, _TEXT, b"server busy: no query worker became free in time\n")
        try:
            worker.conn.send((sparql, accept, requested, self.settings.max_rows))
            if worker.conn.poll(timeout):
                reply = worker.conn.recv()
            else:
                reply = Reply(503, _TEXT, f"query timed out after {timeout:g} s\n".encode())
                self._replace(worker)
                return reply
        except (EOFError, OSError):
            self._replace(worker)
            return Reply(500, _TEXT, b"query worker failed; it has been restarted\n")
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers, self._all = self._all, []
        for worker in workers:
            worker.close()


# --------------------------------------------------------------------------- the page

_CSS = """body{font:15px/1.4 system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem}
textarea{width:100%;font:13px/1.4 ui-monospace,monospace;box-sizing:border-box}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;white-space:pre-wrap}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;
vertical-align:top}th{background:#eee}#status{color:#a00}details{margin:.3rem 0}summary{cursor:pointer}
"""

_JS = """"use strict";
const form = document.getElementById("f");
const box = document.getElementById("query");
const out = document.getElementById("out");
const statusLine = document.getElementById("status");
const ACCEPT = {json: "application/sparql-results+json, text/turtle;q=0.9",
  xml: "application/sparql-results+xml, application/rdf+xml;q=0.9",
  csv: "text/csv, text/turtle;q=0.9", tsv: "text/tab-separated-values, text/turtle;q=0.9"};
function cell(term) {
  if (!term) return "";
  return term.type === "triple" ? JSON.stringify(term.value) : term.value;
}
function table(doc) {
  const t = document.createElement("table");
  const head = t.insertRow();
  for (const v of doc.head.vars) {
    const th = document.createElement("th"); th.textContent = v; head.appendChild(th);
  }
  for (const b of doc.results.bindings) {
    const row = t.insertRow();
    for (const v of doc.head.vars) { row.insertCell().textContent = cell(b[v]); }
  }
  return t;
}
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  statusLine.textContent = "running…";
  out.replaceChildren();
  const fmt = document.getElementById("fmt").value;
  try {
    const response = await fetch("sparql", {method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT[fmt]},
      body: new URLSearchParams({query: box.value})});
    const type = response.headers.get("Content-Type") || "";
    const text = await response.text();
    if (!response.ok) { statusLine.textContent = response.status + ": " + text; return; }
    const note = response.headers.get("X-KG-Truncated") === "true" ? " (truncated at the result cap)" : "";
    if (type.startsWith("application/sparql-results+json")) {
      const doc = JSON.parse(text);
      if ("boolean" in doc) { out.textContent = String(doc.boolean); }
      else {
        out.appendChild(table(doc));
        statusLine.textContent = doc.results.bindings.length + " rows" + note;
        return;
      }
    } else {
      const pre = document.createElement("pre"); pre.textContent = text; out.appendChild(pre);
    }
    statusLine.textContent = note;
  } catch (err) { statusLine.textContent = String(err); }
});
for (const button of document.querySelectorAll("button[data-query]")) {
  button.addEventListener("click", () => {
    box.value = document.getElementById(button.dataset.query).textContent;
    box.focus();
  });
}
"""

_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_SAMPLE = """PREFIX geo: <https://w3id.org/geokg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?subject ?p ?object ?sentence WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; geo:sentence ?sentence .
  ?s rdfs:label ?subject . ?o rdfs:label ?object .
} LIMIT 20"""


def render_page(settings: ServeSettings) -> str:
    """Return the HTML of `/`: a query form and the named queries, every string escaped."""
    esc = html.escape
    items = []
    for index, q in enumerate(named_queries().values()):
        pre_id = f"q{index}"
        items.append(
            f'<li><button type="button" data-query="{pre_id}">use {esc(q.name)}</button> '
            f"<details><summary>{esc(q.name)}: {esc(q.description)}</summary>"
            f'<pre id="{pre_id}">{esc(q.text)}</pre></details></li>'
        )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="app.css"></head>
<body><h1>kg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 at <code>/sparql</code>. The data is in the default graph, the ontology in
<code>GRAPH &lt;https://w3id.org/geokg/ontology&gt;</code>. Queries stop after {settings.timeout:g} s;
at most {settings.max_rows} rows are returned.</p>
<form id="f"><textarea id="query" name="query" rows="12" spellcheck="false">{esc(_SAMPLE)}</textarea>
<p><label>format <select id="fmt"><option>json</option><option>xml</option><option>csv</option>
<option>tsv</option></select></label> <button type="submit">Run</button> <span id="status"></span></p></form>
<div id="out"></div>
<h2>Named queries</h2>
<ul>{"".join(items)}</ul>
<script src="app.js"></script></body></html>
"""


# --------------------------------------------------------------------------- the app


def create_app(store_dir: Path, *, settings: ServeSettings = ServeSettings()):
    """Return the starlette app serving `store_dir` (the worker pool starts with the app)."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, PlainTextResponse, Response
    from starlette.routing import Route

    state: dict[str, QueryPool] = {}
    page = render_page(settings)
    page_headers = {
        "Content-Security-Policy": _CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }

    @contextlib.asynccontextmanager
    async def lifespan(_app) -> AsyncIterator[None]:
        state["pool"] = await run_in_threadpool(QueryPool, store_dir, settings=settings)
        try:
            yield
        finally:
            await run_in_threadpool(state["pool"].close)

    def text(status: int, message: str) -> Response:
        return PlainTextResponse(message + "\n", status_code=status)

    async def sparql(request: Request) -> Response:
        params = request.query_params
        query: str | None = None
        if request.method == "GET":
            if "update" in params:
                return text(403, "SPARQL Update is not allowed: this endpoint is read-only")
            query = params.get("query")
        else:
            length = request.headers.get("content-length", "")
            if length.isdigit() and int(length) > settings.max_query_bytes:
                return text(413, f"query longer than {settings.max_query_bytes} bytes")
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                return text(403, "SPARQL Update is not allowed: this endpoint is read-only")
            if ctype not in ("application/x-www-form-urlencoded", "application/sparql-query"):
                return text(415, "send application/sparql-query or application/x-www-form-urlencoded")
            body = await request.body()
            if len(body) > settings.max_query_bytes * 3:  # form encoding can triple the size
                return text(413, f"query longer than {settings.max_query_bytes} bytes")
            try:
                decoded = body.decode("utf-8")
            except UnicodeDecodeError:
                return text(400, "the request body is not UTF-8")
            if ctype == "application/sparql-query":
                query = decoded
            else:
                form = parse_qs(decoded, keep_blank_values=True)
                if "update" in form:
                    return text(403, "SPARQL Update is not allowed: this endpoint is read-only")
                query = form.get("query", [None])[0]
        if not query or not query.strip():
            return text(400, "missing 'query' parameter")
        if len(query.encode("utf-8")) > settings.max_query_bytes:
            return text(413, f"query longer than {settings.max_query_bytes} bytes")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return text(400, "default-graph-uri and named-graph-uri are not supported")
        accept = request.headers.get("accept", "")
        reply = await run_in_threadpool(
            state["pool"].execute, query, accept=accept, requested=params.get("format", "")
        )
        headers = {"Vary": "Accept"}
        if reply.truncated:
            headers["X-KG-Truncated"] = "true"
        return Response(reply.body, status_code=reply.status, media_type=reply.content_type, headers=headers)

    async def index(_request: Request) -> Response:
        return HTMLResponse(page, headers=page_headers)

    async def script(_request: Request) -> Response:
        return Response(_JS, media_type="text/javascript; charset=utf-8", headers=page_headers)

    async def style(_request: Request) -> Response:
        return Response(_CSS, media_type="text/css; charset=utf-8", headers=page_headers)

    return Starlette(
        routes=[
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/", index),
            Route("/app.js", script),
            Route("/app.css", style),
        ],
        middleware=[
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Content-Type"],
                expose_headers=["X-KG-Truncated"],
                max_age=600,
            )
        ],
        lifespan=lifespan,
    )


@contextlib.contextmanager
def prepare_store(graph: Path | str | None = None, store: Path | str | None = None):
    """Yield a store folder to serve: `store` as is, or `graph` written to a temporary store."""
    from .query import DEFAULT_GRAPH, DEFAULT_STORE

    if graph is not None and store is not None:
        from .errors import ConfigError

        raise ConfigError("pass either --graph or --store, not both")
    if graph is None and store is None:
        if DEFAULT_STORE.is_dir() and (
            not DEFAULT_GRAPH.is_file() or DEFAULT_STORE.stat().st_mtime >= DEFAULT_GRAPH.stat().st_mtime
        ):
            store = DEFAULT_STORE
        else:
            graph = DEFAULT_GRAPH
    if store is not None:
        load_store(store=store)  # fail early, with one line, if it cannot be opened
        yield Path(store)
        return
    tmp = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    try:
        yield write_store(Path(graph), tmp / "store")  # type: ignore[arg-type]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def serve(
    graph: Path | str | None = None,
    store: Path | str | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    settings: ServeSettings = ServeSettings(),
) -> None:
    """Serve the graph or store over HTTP until interrupted (blocks)."""
    import uvicorn

    with prepare_store(graph, store) as store_dir:
        app = create_app(store_dir, settings=settings)
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on")
        uvicorn.Server(config).run()

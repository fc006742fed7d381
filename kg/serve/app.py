""":mod:`kg.serve.app`: the starlette app, the listening socket and `serve`.

Routes: `/sparql` (GET `?query=`, POST form-encoded `query=`, POST `application/sparql-query`),
`/` (the query page), `/app.js` and `/app.css`. Updates get 403, malformed queries 400 with the
parser's message, over-long queries 413; results are capped (header `X-KG-Truncated: true`);
CORS is open to any origin (read-only, no credentials).

`serve` checks its input, binds the port, builds the store and starts the query workers, and
only then calls `on_ready` (the CLI prints the URL there): a busy port or a missing graph fails
before anything is announced.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs

from ..errors import ConfigError, KgError, MissingInputError
from ..query import DEFAULT_GRAPH, default_source, load_store, write_store
from .page import ASSETS, CSP, render_page, static_file
from .pool import QueryPool
from .protocol import ServeSettings

__all__ = ["create_app", "prepare_store", "bind_socket", "serve"]

_PAGE_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
_READ_ONLY = "SPARQL Update is not allowed: this endpoint is read-only"
_FORMS = ("application/x-www-form-urlencoded", "application/sparql-query")


def _text(status: int, message: str):
    from starlette.responses import PlainTextResponse

    return PlainTextResponse(message + "\n", status_code=status)


async def _query_of(request, settings: ServeSettings) -> str | tuple[int, str]:
    """The query text of a request, or (status, message) when the request is refused."""
    if request.method == "GET":
        if "update" in request.query_params:
            return 403, _READ_ONLY
        return request.query_params.get("query") or ""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > settings.max_query_bytes:
        return 413, f"query longer than {settings.max_query_bytes} bytes"
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/sparql-update":
        return 403, _READ_ONLY
    if ctype not in _FORMS:
        return 415, "send application/sparql-query or application/x-www-form-urlencoded"
    body = await request.body()
    if len(body) > settings.max_query_bytes * 3:  # form encoding can triple the size
        return 413, f"query longer than {settings.max_query_bytes} bytes"
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError:
        return 400, "the request body is not UTF-8"
    if ctype == "application/sparql-query":
        return decoded
    form = parse_qs(decoded, keep_blank_values=True)
    if "update" in form:
        return 403, _READ_ONLY
    return form.get("query", [""])[0]


async def _sparql(request):
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import Response

    settings: ServeSettings = request.app.state.settings
    query = await _query_of(request, settings)
    if isinstance(query, tuple):
        return _text(*query)
    if not query.strip():
        return _text(400, "missing 'query' parameter")
    if len(query.encode("utf-8")) > settings.max_query_bytes:
        return _text(413, f"query longer than {settings.max_query_bytes} bytes")
    params = request.query_params
    if params.get("default-graph-uri") or params.get("named-graph-uri"):
        return _text(400, "default-graph-uri and named-graph-uri are not supported")
    pool: QueryPool = request.app.state.pool
    accept = request.headers.get("accept", "")
    reply = await run_in_threadpool(pool.execute, query, accept=accept, requested=params.get("format", ""))
    headers = {"Vary": "Accept", **({"X-KG-Truncated": "true"} if reply.truncated else {})}
    return Response(reply.body, status_code=reply.status, media_type=reply.content_type, headers=headers)


async def _index(request):
    from starlette.responses import HTMLResponse

    return HTMLResponse(request.app.state.page, headers=_PAGE_HEADERS)


async def _asset(request):
    from starlette.responses import Response

    name, media_type = ASSETS[request.url.path]
    return Response(static_file(name), media_type=media_type, headers=_PAGE_HEADERS)


def create_app(
    store_dir: Path, *, settings: ServeSettings | None = None, on_ready: Callable[[], None] | None = None
):
    """Return the starlette app serving `store_dir`; the worker pool starts with the app, then `on_ready`."""
    settings = settings or ServeSettings()
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.routing import Route

    @contextlib.asynccontextmanager
    async def lifespan(app) -> AsyncIterator[None]:
        app.state.pool = await run_in_threadpool(QueryPool, store_dir, settings=settings)
        if on_ready is not None:
            on_ready()
        try:
            yield
        finally:
            await run_in_threadpool(app.state.pool.close)

    routes = [Route("/sparql", _sparql, methods=["GET", "POST"]), Route("/", _index)]
    routes += [Route(path, _asset) for path in ASSETS]
    cors = Middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST"],
        allow_headers=["Accept", "Content-Type"],
        expose_headers=["X-KG-Truncated"],
        max_age=600,
    )
    app = Starlette(routes=routes, middleware=[cors], lifespan=lifespan)
    app.state.settings = settings
    app.state.page = render_page(settings)
    return app


def _source(graph: Path | str | None, store: Path | str | None) -> tuple[Path | None, Path | None]:
    """Check the input before anything starts: exactly one of graph or store, and it exists."""
    if graph is not None and store is not None:
        raise ConfigError("pass either --graph or --store, not both")
    if graph is None and store is None:
        graph, store = default_source()
    if store is not None and not Path(store).is_dir():
        raise MissingInputError(store, what="store folder", hint="run 'kg build' first or pass --graph")
    if graph is not None and not Path(graph).is_file():
        hint = "run 'kg build' first or pass --graph" if Path(graph) == DEFAULT_GRAPH else ""
        raise MissingInputError(graph, what="graph file", hint=hint)
    return (Path(graph) if graph is not None else None), (Path(store) if store is not None else None)


@contextlib.contextmanager
def prepare_store(graph: Path | str | None = None, store: Path | str | None = None) -> Iterator[Path]:
    """Yield a store folder to serve: `store` as is, or `graph` written to a temporary store."""
    graph, store = _source(graph, store)
    if store is not None:
        load_store(store=store)  # fail early, with one line, if it cannot be opened
        yield store
        return
    tmp = Path(tempfile.mkdtemp(prefix="kg-serve-"))
    try:
        yield write_store(graph, tmp / "store")  # type: ignore[arg-type]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def bind_socket(host: str, port: int) -> socket.socket:
    """Bind and listen on (host, port); a busy port or a bad host is one KgError line.

    RETURNS (socket.socket): a listening socket (port 0 picks a free port: see `getsockname()`).
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError, OverflowError) as err:
        reason = getattr(err, "strerror", None) or err
        raise ConfigError(f"cannot listen on {host}:{port}: {reason}") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as err:
        sock.close()
        reason = (err.strerror or str(err)).lower()
        raise KgError(f"cannot listen on {host}:{port}: {reason}") from None
    return sock


def serve(
    graph: Path | str | None = None,
    store: Path | str | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    settings: ServeSettings | None = None,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the graph or store over HTTP until interrupted (blocks).

    The input is checked and the port bound before anything else; `on_ready(url)` is called once
    the store is loaded and the query workers answer, with the URL of the endpoint.
    RAISES MissingInputError: the graph file or store folder does not exist (exit 2).
    RAISES KgError: the port is busy or cannot be bound (exit 1).
    """
    import uvicorn

    graph, store = _source(graph, store)
    sock = bind_socket(host, port)
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    try:
        with prepare_store(graph, store) as store_dir:
            ready = (lambda: on_ready(f"http://{shown}:{bound}/sparql")) if on_ready else None
            app = create_app(store_dir, settings=settings or ServeSettings(), on_ready=ready)
            config = uvicorn.Config(app, log_level="warning", lifespan="on")
            uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()

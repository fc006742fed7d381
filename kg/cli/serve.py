"""`kg serve`: a read-only SPARQL 1.1 endpoint with a small offline query page."""

from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError, KgError
from ._app import Opt, app, err_console, fail

__all__ = ["serve_cli"]


_GRAPH = Opt(None, "--graph", "-g", help="graph file (default: output/store if newer, else output/graph.ttl)")
_STORE = Opt(None, "--store", "-s", help="store folder written by kg build")


@app.command("serve")
def serve_cli(
    graph: Path = _GRAPH,
    store: Path = _STORE,
    host: str = Opt("127.0.0.1", "--host", help="interface to bind; loopback by default"),
    port: int = Opt(7878, "--port", help="TCP port (0: any free port)"),
    timeout: float = Opt(10.0, "--timeout", help="seconds a query may run before 503"),
    max_rows: int = Opt(10_000, "--max-rows", help="result cap (rows or triples)"),
    workers: int = Opt(2, "--workers", help="query worker processes"),
) -> None:
    """Serve /sparql (SPARQL 1.1 Protocol, read-only) and a query page at / until Ctrl-C.

    The URL is printed once the port is bound and the store loaded; a busy port exits 1,
    a missing --graph or --store exits 2.
    """
    from ..serve import LOOPBACK, ServeSettings, serve

    def ready(url: str) -> None:
        err_console.print(f"kg: SPARQL endpoint at {url} (Ctrl-C to stop)", markup=False)

    try:
        if timeout <= 0 or max_rows <= 0 or workers <= 0:
            raise ConfigError("--timeout, --max-rows and --workers must be positive")
        if not 0 <= port <= 65535:
            raise ConfigError(f"--port must be between 0 and 65535, not {port}")
        if host not in LOOPBACK:
            err_console.print(f"kg: warning: serving on {host}, reachable from other machines", markup=False)
        settings = ServeSettings(timeout=timeout, max_rows=max_rows, workers=workers)
        serve(graph, store, host=host, port=port, settings=settings, on_ready=ready)
    except KgError as err:
        raise fail(err) from None

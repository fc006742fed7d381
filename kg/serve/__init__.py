"""A read-only SPARQL 1.1 Protocol endpoint over pyoxigraph, on starlette + uvicorn.

- `kg.serve.protocol`: settings, content negotiation, one query answered for a client;
- `kg.serve.pool`: the query worker processes, killed and replaced at the deadline;
- `kg.serve.page` and `static/`: the offline query page (HTML template, script, style);
- `kg.serve.app`: the routes, the listening socket and `serve`.
"""

from __future__ import annotations

from .app import bind_socket, create_app, prepare_store, serve
from .page import render_page
from .pool import QueryPool
from .protocol import LOOPBACK, Reply, ServeSettings, negotiate

__all__ = [
    "LOOPBACK",
    "ServeSettings",
    "Reply",
    "QueryPool",
    "negotiate",
    "render_page",
    "create_app",
    "prepare_store",
    "bind_socket",
    "serve",
]

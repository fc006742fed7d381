"""Interactive HTML network views of the knowledge graph (vis-network via pyvis, fully offline).

Three views: `entities` (the whole entity graph), `countries` (countries linked by events)
and `article` (one article's relations). Pages are self-contained: no request leaves the
file, and article text is shown as text only.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ..atomic import write_text_atomic
from .page import payload, render
from .views import VIEWS, View, article_ids, build_view, parse_view

__all__ = [
    "VIEWS",
    "View",
    "build_view",
    "parse_view",
    "article_ids",
    "payload",
    "render",
    "generate_html",
    "write_html",
]


def generate_html(g: Graph, *, view: str = "entities", article: str | None = None) -> str:
    """Return the HTML page of one view of an RDF graph.

    g (Graph): a kg graph.
    view (str): "entities", "countries", "article" (with `article`) or "article:ID".
    article (str | None): the article id for the article view.
    RETURNS (str): a self-contained HTML document; the same graph gives the same text.
    """
    return render(build_view(g, view=view, article=article))


def write_html(g: Graph, path: str | Path, *, view: str = "entities", article: str | None = None) -> Path:
    """Write the HTML page of one view atomically and return its path.

    g (Graph): a kg graph.
    path (str | Path): the output file.
    view (str): "entities", "countries", "article" (with `article`) or "article:ID".
    article (str | None): the article id for the article view.
    RETURNS (Path): `path`.
    """
    return write_text_atomic(path, generate_html(g, view=view, article=article))

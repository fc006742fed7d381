"""`kg viz`: write an interactive, self-contained HTML view of the graph."""

from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError, InputError, KgError, MissingInputError
from ._app import Arg, Opt, app, fail, out_console

__all__ = ["viz_cli", "viz", "default_out"]

_DEFAULT_GRAPH = Path("output/graph.ttl")
_GRAPH_OPT = Opt(_DEFAULT_GRAPH, "--graph", "-g", help="Graph file (Turtle or other RDF by suffix).")
_OUT_OPT = Opt(None, "--out", "-o", help="HTML file to write (default: beside the graph).")


def default_out(graph: Path, view: str, article: str | None) -> Path:
    """Return the default output file: beside the graph, named after the view.

    >>> default_out(Path("output/graph.ttl"), "article", "Ab/1").name
    'article-ab-1.html'
    """
    from ..graph import slug

    name = {"entities": "graph.html", "countries": "countries.html"}.get(view)
    return graph.parent / (name or f"article-{slug(article or '')}.html")


def viz(
    graph: Path = _DEFAULT_GRAPH,
    *,
    view: str = "entities",
    article: str | None = None,
    out: Path | None = None,
) -> dict[str, object]:
    """Read a graph file, write one HTML view and return what was written.

    graph (Path): Turtle (or any RDF format by suffix).
    view (str): "entities", "countries", "article" (with `article`) or "article:ID".
    article (str | None): the article id for the article view.
    out (Path | None): the HTML file; by default beside the graph (see `default_out`).
    RETURNS (dict): {"path", "bytes", "view", "article", "nodes", "edges"}.
    """
    from ..graph import read_graph
    from ..viz import build_view, parse_view, render

    kind, article = parse_view(view, article)
    if not graph.is_file():  # a usage error, like every missing input (exit 2)
        raise MissingInputError(graph, what="graph file", hint="run 'kg build' first or pass --graph")
    try:
        g = read_graph(graph)
    except Exception as err:  # noqa: BLE001 - any parser error becomes one line naming the file
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise InputError(str(graph), f"cannot read RDF: {reason}") from err
    target = out or default_out(graph, kind, article)
    shown = build_view(g, view=kind, article=article)
    from ..atomic import write_text_atomic

    text = render(shown)
    write_text_atomic(target, text)
    return {
        "path": str(target),
        "bytes": len(text.encode("utf-8")),
        "view": kind,
        "article": article,
        "nodes": shown.graph.number_of_nodes(),
        "edges": shown.graph.number_of_edges(),
    }


@app.command("viz")
def viz_cli(
    target: str | None = Arg(None, metavar="ID", help="Article id, as in `kg viz --view article ID`."),
    view: str = Opt("entities", "--view", help="entities | countries | article (or article:ID)."),
    article: str | None = Opt(None, "--article", "-a", help="Article id for --view article."),
    graph: Path = _GRAPH_OPT,
    out: Path | None = _OUT_OPT,
) -> None:
    """Write an interactive HTML network view that opens offline in any browser."""
    try:
        if target is not None:
            if article is not None and article != target:
                raise ConfigError(f"two article ids given: '{target}' and '{article}'")
            if not view.startswith("article"):
                raise ConfigError(f"an article id only goes with --view article, not '{view}'")
            article = target
        result = viz(graph, view=view, article=article, out=out)
    except KgError as err:
        raise fail(err) from None
    out_console.print(
        f"wrote {result['path']} ({result['view']} view: {result['nodes']} nodes, {result['edges']} edges,"
        f" {result['bytes'] / 1e6:.1f} MB)",
        markup=False,
    )

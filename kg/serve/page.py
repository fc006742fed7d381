""":mod:`kg.serve.page`: the offline query page at `/`, made from the static files beside this module.

`static/index.html` is a `string.Template` (`${timeout}`, `${max_rows}`, `${sample}`, `${named}`);
`static/app.js` and `static/app.css` are served as they are. Every string from a query file is
HTML-escaped before it goes into the page; no CDN, nothing external.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path
from string import Template

from ..query import named_queries
from .protocol import ServeSettings

__all__ = ["STATIC_DIR", "ASSETS", "CSP", "static_file", "render_page"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
# URL path -> (file under static/, media type)
ASSETS = {
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/app.css": ("app.css", "text/css; charset=utf-8"),
}
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


@cache
def static_file(name: str) -> bytes:
    """Return the bytes of one file under `static/` (read once)."""
    return (STATIC_DIR / name).read_bytes()


def _named_items() -> str:
    esc = html.escape
    items = []
    for index, q in enumerate(named_queries().values()):
        pre_id = f"q{index}"
        items.append(
            f'<li><button type="button" data-query="{pre_id}">use {esc(q.name)}</button> '
            f"<details><summary>{esc(q.name)}: {esc(q.description)}</summary>"
            f'<pre id="{pre_id}">{esc(q.text)}</pre></details></li>'
        )
    return "".join(items)


def render_page(settings: ServeSettings) -> str:
    """Return the HTML of `/`: a query form and the named queries, every string escaped."""
    template = Template(static_file("index.html").decode("utf-8"))
    return template.substitute(
        timeout=f"{settings.timeout:g}",
        max_rows=str(settings.max_rows),
        sample=html.escape(static_file("sample.rq").decode("utf-8").strip()),
        named=_named_items(),
    )

"""The HTML views in a real headless Chromium: offline, no page errors, counts, escaping, search, filters."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kg.convert import to_networkx
from kg.viz import View, render, write_html
from kg.viz.layout import LARGE
from kg.viz.views import entities_graph

from ._graphs import XSS_ARTICLE, XSS_SENTENCE, XSS_TITLE, rdf_graph, synthetic

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]
_LOCAL = ("file:", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Opened:
    """A page loaded from a file, with every outside request blocked and recorded."""

    def __init__(self, browser, path: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", self._request)
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))
        self.page.on(
            "console", lambda msg: msg.type in ("error", "warning") and self.console.append(msg.text)
        )
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-settled='1']", state="attached", timeout=60_000)

    def _route(self, route) -> None:
        if route.request.url.startswith(_LOCAL):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _request(self, request) -> None:
        if not request.url.startswith(_LOCAL):
            self.outside.append(request.url)

    def check_clean(self) -> None:
        assert self.outside == [], f"requests left the file: {self.outside}"
        assert self.errors == [], f"page errors: {self.errors}"
        assert self.console == [], f"console errors: {self.console}"

    def edge_point(self, pred: str) -> dict:
        """Return the page coordinates of the middle of the first edge with this predicate."""
        return self.page.evaluate(
            """(pred) => {
                const e = kg.edges.get({filter: (x) => x.pred === pred})[0];
                const p = kg.network.getPositions([e.from, e.to]);
                const mid = {x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2};
                const d = kg.network.canvasToDOM(mid);
                const box = document.getElementById('kg-network').getBoundingClientRect();
                return {x: box.left + d.x, y: box.top + d.y, id: e.id};
            }""",
            pred,
        )


@pytest.fixture()
def opener(browser):
    opened: list[Opened] = []

    def open_(path: Path) -> Opened:
        page = Opened(browser, path)
        opened.append(page)
        return page

    yield open_
    for page in opened:
        page.context.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    g = rdf_graph()
    out = tmp_path_factory.mktemp("viz-pages")
    return {
        "graph": g,
        "entities": write_html(g, out / "graph.html"),
        "countries": write_html(g, out / "countries.html", view="countries"),
        "article": write_html(g, out / "article.html", view="article", article=XSS_ARTICLE),
    }


def _counts(G) -> dict[str, int]:
    return {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}


def test_browser_entities_view_renders_offline_with_graph_counts(opener, pages, artifacts_dir):
    opened = opener(pages["entities"])
    expected = _counts(to_networkx(pages["graph"]))
    page = opened.page
    assert page.evaluate("window.kgStats") == expected
    assert page.evaluate("kg.counts()") == expected
    assert page.evaluate("kg.network.body.data.nodes.length") == expected["nodes"]
    assert page.evaluate("kg.network.physics.options.enabled") is False  # settled, then stopped
    assert page.locator("#kg-legend-nodes input[data-kind=cls]").count() == 5
    point = opened.edge_point("meetsWith")
    page.mouse.move(point["x"] - 30, point["y"] - 30)
    page.mouse.move(point["x"], point["y"], steps=4)
    page.wait_for_selector("#kg-tip:not([hidden])")
    assert "meets with" in page.inner_text("#kg-tip")
    page.screenshot(path=str(artifacts_dir / "viz-entities.png"))
    opened.check_clean()


def test_browser_hostile_article_text_shows_as_text_and_runs_nothing(opener, pages, artifacts_dir):
    opened = opener(pages["article"])
    page = opened.page
    assert page.inner_text("#kg-subtitle") == XSS_TITLE
    point = opened.edge_point("attacks")
    page.mouse.move(point["x"] - 40, point["y"] + 40)
    page.mouse.move(point["x"], point["y"], steps=4)
    page.wait_for_selector("#kg-tip:not([hidden])")
    tip = page.inner_text("#kg-tip")
    assert "<script>window.__pwned=1</script>" in tip
    assert '<img src=x onerror="window.__pwned=2">' in tip
    assert page.locator("#kg-tip script, #kg-tip img, #kg-tip b").count() == 0
    page.screenshot(path=str(artifacts_dir / "viz-article-tooltip.png"))
    page.mouse.click(point["x"], point["y"])
    details = page.inner_text("#kg-details-body")
    assert XSS_SENTENCE.split("<script>")[0] in details and "<script>window.__pwned=1</script>" in details
    assert XSS_TITLE in details
    assert page.locator("#kg-details-body script, #kg-details-body img, #kg-details-body b").count() == 0
    page.wait_for_timeout(300)  # let any injected onerror/onload fire
    assert page.evaluate("typeof window.__pwned") == "undefined"
    opened.check_clean()


def test_browser_search_and_filters(opener, pages):
    opened = opener(pages["entities"])
    page = opened.page
    G = to_networkx(pages["graph"])
    page.fill("#kg-search", "anna m")
    assert page.inner_text("#kg-search-status") == "1 match"
    anna = page.evaluate("kg.nodes.get({filter: (n) => n.name === 'Anna Marsh'})[0].id")
    assert page.evaluate("kg.network.getSelectedNodes()") == [anna]
    page.press("#kg-search", "Enter")
    assert "Anna Marsh" in page.inner_text("#kg-details-body")
    page.fill("#kg-search", "zzz-nothing")
    assert page.inner_text("#kg-search-status") == "No match"

    page.uncheck("input[data-kind=cls][data-key=Person]")
    people = {n for n, d in G.nodes(data=True) if d["type"] == "Person"}
    kept = [(u, v) for u, v in G.edges() if u not in people and v not in people]
    assert page.evaluate("kg.visible()") == {"nodes": len(G) - len(people), "edges": len(kept)}
    page.uncheck("input[data-kind=pred][data-key=sanctions]")
    kept = [
        (u, v) for u, v, k in G.edges(keys=True) if u not in people and v not in people and k != "sanctions"
    ]
    assert page.evaluate("kg.visible()")["edges"] == len(kept)
    assert page.inner_text("#kg-stats").startswith("Showing")
    page.click("#kg-legend-nodes .kg-all")
    page.click("#kg-legend-edges .kg-all")
    assert page.evaluate("kg.visible()") == _counts(G)
    opened.check_clean()


def test_browser_countries_view(opener, pages, artifacts_dir):
    from kg.viz import build_view

    opened = opener(pages["countries"])
    expected = _counts(build_view(pages["graph"], view="countries").graph)
    assert opened.page.evaluate("kg.counts()") == expected == opened.page.evaluate("window.kgStats")
    opened.page.screenshot(path=str(artifacts_dir / "viz-countries.png"))
    opened.check_clean()


def test_browser_large_view_is_static_and_complete(opener, tmp_path, artifacts_dir):
    G = synthetic(LARGE + 200)
    path = tmp_path / "large.html"
    path.write_text(render(View("entities", "Large", "synthetic", entities_graph(G))), encoding="utf-8")
    opened = opener(path)
    assert opened.page.evaluate("kg.counts()") == _counts(G)
    assert opened.page.evaluate("kg.network.physics.options.enabled") is False
    opened.page.screenshot(path=str(artifacts_dir / "viz-large.png"))
    opened.check_clean()


def test_browser_empty_graph_settles(opener, tmp_path):
    from rdflib import Graph

    opened = opener(write_html(Graph(), tmp_path / "empty.html"))
    assert opened.page.evaluate("kg.counts()") == {"nodes": 0, "edges": 0}
    assert "Nothing to show" in opened.page.inner_text("#kg-progress")
    opened.check_clean()


def test_browser_sample_graph_counts(opener, request, tmp_path):
    if importlib.util.find_spec("kg.pipeline") is None:
        pytest.skip("kg.pipeline is not written yet")
    g = request.getfixturevalue("sample_graph")
    opened = opener(write_html(g, tmp_path / "sample.html"))
    assert opened.page.evaluate("kg.counts()") == _counts(to_networkx(g))
    opened.check_clean()

"""The HTML views in a real headless Chromium: offline, no page errors, counts, escaping, large views."""

from __future__ import annotations

import csv
import io

import pytest

from kg.convert import to_networkx
from kg.ontology import structural_predicates
from kg.viz import View, render, write_html
from kg.viz.layout import LARGE
from kg.viz.page import READABLE, TOP_ACTORS
from kg.viz.views import entities_graph

from ._browser import CHROMIUM
from ._graphs import XSS_ARTICLE, XSS_SENTENCE, XSS_SOURCE, XSS_TITLE, rdf_graph, synthetic

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]
_HOSTILE_TAGS = "script, img, b, iframe, svg:not(.kg-swatch)"


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
    assert page.evaluate("kg.visible()") == expected  # a small view shows everything
    assert page.evaluate("kg.network.physics.options.enabled") is False  # settled, then stopped
    assert page.locator("#kg-legend-nodes input[data-kind=cls]").count() == 5
    point = opened.edge_point("meetsWith")
    page.mouse.move(point["x"] - 30, point["y"] - 30)
    page.mouse.move(point["x"], point["y"], steps=4)
    page.wait_for_selector("#kg-tip:not([hidden])")
    assert "meets with" in page.inner_text("#kg-tip")
    labels = page.evaluate("kg.labels()")
    assert "Anna Marsh" in labels and len(labels) == expected["nodes"]  # room for every label here
    page.screenshot(path=str(artifacts_dir / "viz-entities.png"))
    opened.check_clean()


def test_browser_hostile_text_shows_as_text_everywhere(opener, pages, artifacts_dir):
    """Script, onerror, svg and markup payloads in sentences, titles and outlets: text in every panel."""
    opened = opener(pages["article"])
    page = opened.page
    assert page.inner_text("#kg-heading") == XSS_TITLE
    assert XSS_SOURCE in page.inner_text("#kg-subtitle")
    href = page.get_attribute("#kg-link a", "href")
    assert href.startswith("https://example.org/a%22%3E%3Cscript%3E")
    # tooltip
    point = opened.edge_point("attacks")
    page.mouse.move(point["x"] - 40, point["y"] + 40)
    page.mouse.move(point["x"], point["y"], steps=4)
    page.wait_for_selector("#kg-tip:not([hidden])")
    tip = page.inner_text("#kg-tip")
    assert "<script>window.__pwned=1</script>" in tip and '<img src=x onerror="window.__pwned=2">' in tip
    assert page.locator(f"#kg-tip :is({_HOSTILE_TAGS})").count() == 0
    page.screenshot(path=str(artifacts_dir / "viz-article-tooltip.png"))
    # the pair panel and its expanded evidence
    page.mouse.click(point["x"], point["y"])
    page.click("[data-testid=focus-rel] summary")
    page.wait_for_selector("[data-testid=evidence] li")
    panel = page.inner_text("[data-testid=details]")
    assert XSS_SENTENCE.split("<script>")[0] in panel and "<script>window.__pwned=1</script>" in panel
    assert XSS_TITLE in panel and XSS_SOURCE in panel
    assert page.locator(f"#kg-panel :is({_HOSTILE_TAGS})").count() == 0
    link = page.get_attribute("[data-testid=evidence] a", "href")
    assert link.startswith("https://example.org/") and "<" not in link and '"' not in link
    # search results, the timeline title and the CSV carry the text as text too
    page.fill("[data-testid=search]", "pol")
    assert page.locator(f"#kg-results :is({_HOSTILE_TAGS})").count() == 0
    rows = list(csv.DictReader(io.StringIO(page.evaluate("kg.csv()"))))
    assert XSS_SENTENCE in {r["sentence"] for r in rows} and XSS_SOURCE in {r["outlet"] for r in rows}
    page.wait_for_timeout(300)  # let any injected onerror/onload fire
    assert page.evaluate("typeof window.__pwned") == "undefined"
    opened.check_clean()


def test_browser_hostile_text_in_the_entity_focus_list(opener, pages):
    opened = opener(pages["entities"])
    page = opened.page
    page.fill("[data-testid=search]", "Poland")
    page.press("[data-testid=search]", "Enter")
    page.click("[data-testid=focus-rel][data-pred=attacks] summary")
    page.wait_for_selector("[data-testid=evidence] li")
    evidence = page.inner_text("[data-testid=evidence]")
    assert "<script>window.__pwned=1</script>" in evidence and XSS_SOURCE in evidence
    assert page.locator(f"#kg-panel :is({_HOSTILE_TAGS})").count() == 0
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    opened.check_clean()


def test_browser_countries_view(opener, pages, artifacts_dir):
    from kg.viz import build_view

    opened = opener(pages["countries"])
    expected = _counts(build_view(pages["graph"], view="countries").graph)
    assert opened.page.evaluate("kg.counts()") == expected == opened.page.evaluate("window.kgStats")
    opened.page.screenshot(path=str(artifacts_dir / "viz-countries.png"))
    opened.check_clean()


def test_browser_readable_defaults_above_the_threshold(opener, tmp_path):
    """Past READABLE nodes: event relations only, orphans hidden; labels never overlap."""
    G = synthetic(READABLE + 60)
    path = tmp_path / "mid.html"
    path.write_text(render(View("entities", "Mid", "synthetic", entities_graph(G))), encoding="utf-8")
    opened = opener(path)
    page = opened.page
    structural = sorted(structural_predicates())
    assert page.evaluate("kg.state().hiddenPreds") == structural
    events = [(u, v) for u, v, k in G.edges(keys=True) if k not in structural]
    ends = {n for e in events for n in e}
    assert page.evaluate("kg.visible()") == {"nodes": len(ends), "edges": len(events)}
    assert "event relations only" in page.inner_text("[data-testid=stats]")
    boxes = page.evaluate("window.kgLabelBoxes")
    assert len(boxes) > 10
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]), (a, b)
    page.check("[data-testid=family-structural]")
    assert page.evaluate("kg.visible()") == _counts(G)
    opened.check_clean()


def test_browser_large_view_is_static_with_top_actors(opener, tmp_path, artifacts_dir):
    G = synthetic(LARGE + 200)
    path = tmp_path / "large.html"
    path.write_text(render(View("entities", "Large", "synthetic", entities_graph(G))), encoding="utf-8")
    opened = opener(path)
    page = opened.page
    assert page.evaluate("kg.counts()") == _counts(G)
    assert page.evaluate("kg.network.physics.options.enabled") is False
    assert page.evaluate("kg.state().top") == TOP_ACTORS
    assert page.evaluate("kg.visible().nodes") <= TOP_ACTORS
    page.select_option("[data-testid=top-n]", "0")
    page.check("[data-testid=family-structural]")
    assert page.evaluate("kg.visible()") == _counts(G)
    page.screenshot(path=str(artifacts_dir / "viz-large.png"))
    opened.check_clean()


def test_browser_empty_graph_settles(opener, tmp_path):
    from rdflib import Graph

    opened = opener(write_html(Graph(), tmp_path / "empty.html"))
    assert opened.page.evaluate("kg.counts()") == {"nodes": 0, "edges": 0}
    assert "Nothing to show" in opened.page.inner_text("#kg-progress")
    opened.check_clean()

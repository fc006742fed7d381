"""The HTML page: self-contained, escaped, deterministic; large views laid out in advance."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from kg.convert import to_networkx
from kg.graph import generate_turtle
from kg.viz import View, generate_html, payload, write_html
from kg.viz.layout import LABEL_BUDGET, LARGE, importance, precomputed_layout
from kg.viz.views import entities_graph

from ._graphs import XSS_ARTICLE, XSS_SENTENCE, XSS_TITLE, rdf_graph, synthetic


@pytest.fixture(scope="module")
def g():
    return rdf_graph()


class _Tags(HTMLParser):
    """Collect start tags with their attributes, and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _parse(text: str) -> _Tags:
    parser = _Tags()
    parser.feed(text)
    return parser


@pytest.mark.parametrize("view", ["entities", "countries", f"article:{XSS_ARTICLE}"])
def test_page_makes_no_request(g, view):
    text = generate_html(g, view=view)
    tags = _parse(text)
    for tag, attrs in tags.tags:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
        assert tag not in ("link", "iframe", "img", "object", "embed", "base")
    assert not re.search(r"@import|url\((?!\"?data:)", text.split("<script", 1)[0])
    csp = next(
        a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert (
        "default-src 'none'" in csp
        and "connect-src 'none'" in csp
        and "unsafe-inline" not in csp.split(";")[1]
    )
    assert [t for t, _ in tags.tags].count("script") == 3  # data block, vis-network, viewer
    assert len(tags.scripts[1]) > 400_000  # vis-network itself is inlined


def test_page_article_text_is_escaped(g):
    text = generate_html(g, view=f"article:{XSS_ARTICLE}")
    assert "<script>window.__pwned" not in text
    assert "<img src=x" not in text
    assert "<b onmouseover" not in text
    tags = _parse(text)
    data = json.loads(tags.scripts[0])
    sentences = [row[3] for e in data["edges"] for row in e["ev"]]
    assert XSS_SENTENCE in sentences
    assert XSS_TITLE in data["subtitle"]
    heading = re.search(r'<p id="kg-subtitle">(.*?)</p>', text).group(1)
    assert heading.startswith("Shelling &lt;b onmouseover=&quot;")


def test_page_counts_match_the_graph(g):
    for view in ("entities", "countries", f"article:{XSS_ARTICLE}"):
        data = json.loads(_parse(generate_html(g, view=view)).scripts[0])
        assert data["stats"] == {"nodes": len(data["nodes"]), "edges": len(data["edges"])}
    G = to_networkx(g)
    data = json.loads(_parse(generate_html(g)).scripts[0])
    assert data["stats"] == {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}


def test_page_is_deterministic_and_survives_a_turtle_round_trip(g, tmp_path):
    from kg.graph import read_graph

    first = write_html(g, tmp_path / "a.html").read_bytes()
    again = write_html(rdf_graph(), tmp_path / "b.html").read_bytes()
    (tmp_path / "g.ttl").write_bytes(generate_turtle(g))
    reread = write_html(read_graph(tmp_path / "g.ttl"), tmp_path / "c.html").read_bytes()
    assert first == again == reread
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def test_page_small_view_uses_physics_that_stops(g):
    data = payload(
        View("entities", "t", "s", entities_graph(__import__("kg.convert").convert.to_networkx(g)))
    )
    assert data["large"] is False
    assert data["options"]["physics"]["enabled"] is True
    assert data["options"]["physics"]["stabilization"]["enabled"] is True
    assert all("x" not in n for n in data["nodes"])
    assert all(n["label"] for n in data["nodes"])
    edges = {e["pred"]: e for e in data["edges"]}
    assert edges["visits"]["arrows"]["to"]["enabled"] is True
    assert edges["meetsWith"]["arrows"]["to"]["enabled"] is False
    assert {r[0] for r in data["legend"]["classes"]} == {"Country", "Person", "Organization", "City", "Bloc"}


def test_page_large_view_is_laid_out_in_advance():
    G = synthetic(LARGE + 300)
    data = payload(View("entities", "t", "s", entities_graph(G)))
    assert data["large"] is True
    assert data["options"]["physics"]["enabled"] is False
    assert data["stats"] == {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) > 0.95 * len(data["nodes"])
    labelled = [n for n in data["nodes"] if n["label"]]
    assert len(labelled) == LABEL_BUDGET
    # the labelled nodes are the most central ones
    assert min(n["value"] for n in labelled) >= max(n["value"] for n in data["nodes"] if not n["label"])


def test_layout_is_deterministic():
    G = synthetic(1500, seed=5)
    imp = importance(G)
    assert precomputed_layout(G, imp) == precomputed_layout(synthetic(1500, seed=5), importance(G))


def test_page_physics_can_be_forced_either_way(g):
    view = View("entities", "t", "s", entities_graph(to_networkx(g)))
    static = payload(view, physics=False)
    assert static["options"]["physics"]["enabled"] is False
    assert all(isinstance(n["x"], int) for n in static["nodes"])
    assert (
        payload(View("entities", "t", "s", entities_graph(synthetic(LARGE + 10))), physics=True)["large"]
        is False
    )


def test_page_empty_graph_still_renders():
    from rdflib import Graph

    data = json.loads(_parse(generate_html(Graph())).scripts[0])
    assert data["stats"] == {"nodes": 0, "edges": 0}
    assert data["legend"]["classes"] == [] and data["legend"]["predicates"] == []

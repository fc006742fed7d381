"""The HTML page: self-contained, escaped, deterministic; large views laid out in advance."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from kg.convert import to_networkx
from kg.graph import generate_turtle
from kg.viz import View, generate_html, payload, write_html
from kg.viz.layout import LARGE, importance, precomputed_layout
from kg.viz.page import MAX_EVIDENCE, READABLE, TOP_ACTORS
from kg.viz.views import entities_graph

from ._graphs import XSS_ARTICLE, XSS_SENTENCE, XSS_SOURCE, XSS_TITLE, XSS_URL, rdf_graph, synthetic


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


def _sha256(script: str) -> str:
    import base64
    import hashlib

    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


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
    assert [t for t, _ in tags.tags].count("script") == 4  # data block, vis-network, uPlot, viewer
    assert len(tags.scripts[1]) > 400_000  # vis-network itself is inlined
    assert tags.scripts[2].startswith("/*! https://github.com/leeoniya/uPlot")  # and uPlot
    for script in tags.scripts[1:]:
        assert _sha256(script) in csp


def test_page_article_text_is_escaped(g):
    text = generate_html(g, view=f"article:{XSS_ARTICLE}")
    assert "<script>window.__pwned" not in text
    assert "<img src=x" not in text
    assert "<b onmouseover" not in text
    assert "<svg onload" not in text
    tags = _parse(text)
    data = json.loads(tags.scripts[0])
    sentences = [row[3] for e in data["edges"] for row in e["ev"]]
    assert XSS_SENTENCE in sentences
    assert data["title"] == XSS_TITLE
    assert [a[2] for a in data["articles"]] == [XSS_SOURCE]
    heading = re.search(r'<h1 id="kg-heading">(.*?)</h1>', text).group(1)
    assert heading.startswith("Shelling &lt;b onmouseover=&quot;")
    assert "&lt;svg onload=&quot;" in re.search(r'<p id="kg-subtitle">(.*?)</p>', text).group(1)
    # the URL is kept percent-encoded, and only http(s) URLs are kept at all
    assert data["link"].startswith("https://example.org/a%22%3E%3Cscript%3E") and XSS_URL not in text


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
    data = payload(View("entities", "t", "s", entities_graph(to_networkx(g))))
    assert data["large"] is False
    assert data["options"]["physics"]["enabled"] is True
    assert data["options"]["physics"]["stabilization"]["enabled"] is True
    assert all("x" not in n for n in data["nodes"])
    # the viewer draws the labels (importance order, collision-free); vis-network draws none
    assert all("label" not in n and n["name"] for n in data["nodes"])
    preds = [p[0] for p in data["preds"]]
    edges = {preds[e["pred"]]: e for e in data["edges"]}
    # arrows, colours and dashes follow the predicate in the viewer; the page says only what differs
    assert "sym" not in edges["visits"] and edges["meetsWith"]["sym"] is True
    assert all(
        set(e) <= {"id", "from", "to", "pred", "ev", "sym", "notes", "smooth", "folded"}
        for e in edges.values()
    )
    assert all(
        set(n) <= {"id", "name", "cls", "iri", "imp", "value", "country", "note", "aka", "fold", "x", "y"}
        for n in data["nodes"]
    )
    assert data["iriBase"] + data["nodes"][0]["iri"] == sorted(to_networkx(g))[0]
    assert {r[0] for r in data["legend"]["classes"]} == {"Country", "Person", "Organization", "City", "Bloc"}
    assert data["defaults"] == {"hidePreds": [], "top": 0}


def test_page_lists_every_ontology_predicate(g):
    from kg.ontology import predicates

    data = payload(View("entities", "t", "s", entities_graph(to_networkx(g))))
    assert {p[0]: (p[1], p[2], p[3]) for p in data["preds"]} == {
        name: (p.label, p.family, p.symmetric) for name, p in predicates().items()
    }
    assert {p[0] for p in data["preds"] if p[4] >= 2} >= {"demands", "protests", "coerces", "aids"}


def test_page_article_table_and_evidence_rows(g):
    from kg.viz import build_view

    data = payload(build_view(g))
    articles = {a[0]: a for a in data["articles"]}
    assert articles[XSS_ARTICLE][1:4] == [XSS_TITLE, XSS_SOURCE, "2024-03-02"]
    assert articles[XSS_ARTICLE][4].startswith("https://example.org/a%22")
    assert articles["art-1"][5] == 19783  # day number of 2024-03-01
    preds = [p[0] for p in data["preds"]]
    sanctions = next(e for e in data["edges"] if preds[e["pred"]] == "sanctions")
    assert [(data["articles"][r[0]][0], preds[r[2]], r[3]) for r in sanctions["ev"]] == [
        (XSS_ARTICLE, "sanctions", "Germany sanctioned Poland."),
        ("art-3", "sanctions", "Germany sanctioned Poland again."),
    ]  # oldest first


def test_page_keeps_dates_of_evidence_past_the_sentence_cap():
    from kg.graph import build_graph
    from kg.records import Article, ArticleResult, Entity, Evidence, Relation
    from kg.viz import build_view

    a, b = Entity("France", "Country", "FRA"), Entity("Germany", "Country", "DEU")
    results = [
        ArticleResult(
            Article(f"a{i:02d}", "x", title=f"T{i}", date=f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}"),
            (a, b),
            (Relation(a, "meetsWith", b, Evidence(f"a{i:02d}", f"Met {i}.", 0, 6), 0.9, "r"),),
        )
        for i in range(MAX_EVIDENCE + 5)
    ]
    data = payload(build_view(build_graph(results)))
    (edge,) = data["edges"]
    assert len(edge["ev"]) == MAX_EVIDENCE + 5
    assert [r[3] for r in edge["ev"][:5]] == [None] * 5  # oldest sentences left out, their dates kept
    assert edge["ev"][-1][3] == f"Met {MAX_EVIDENCE + 4}."


def test_page_folds_actors_into_countries(g):
    from kg.viz import build_view

    data = payload(build_view(g))
    names = [n["name"] for n in data["nodes"]]
    preds = [p[0] for p in data["preds"]]
    folded = {(names[a], preds[p], names[b]) for a, b, p, _parts, _smooth in data["folded"]}
    # Anna Marsh (France) meets Karl Brenner (Germany) and visits Germany; Karl condemns Poland
    assert ("France", "meetsWith", "Germany") in folded and ("France", "visits", "Germany") in folded
    assert ("Germany", "condemns", "Poland") in folded
    assert not any(a == b for a, _p, b in folded)  # Karl Brenner criticises Otto Weiss: both German
    karl = names.index("Karl Brenner")
    assert data["nodes"][karl]["fold"] == names.index("Germany")
    assert all(data["edges"][part].get("folded") for *_x, parts, _s in data["folded"] for part in parts)


def test_page_ships_gazetteer_aliases_of_present_entities(g):
    from kg.viz import build_view

    data = payload(build_view(g))
    aka = {n["name"]: n.get("aka", []) for n in data["nodes"]}
    assert "French Republic" in aka["France"] and "Paris" in aka["France"]  # a seat stands for the country
    assert aka["Anna Marsh"] == []


def test_page_readable_defaults_by_size():
    from kg.ontology import structural_predicates

    mid = payload(View("entities", "t", "s", entities_graph(synthetic(READABLE + 1))))
    assert sorted(mid["defaults"]["hidePreds"]) == sorted(structural_predicates())
    assert mid["defaults"]["top"] == 0
    big = payload(View("entities", "t", "s", entities_graph(synthetic(LARGE + 1))), physics=True)  # no layout
    assert big["defaults"]["top"] == TOP_ACTORS


def test_page_large_view_is_laid_out_in_advance():
    G = synthetic(LARGE + 300)
    data = payload(View("entities", "t", "s", entities_graph(G)))
    assert data["large"] is True
    assert data["options"]["physics"]["enabled"] is False
    assert data["stats"] == {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) > 0.95 * len(data["nodes"])
    assert all(0 <= n["imp"] <= 1 for n in data["nodes"])


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
    assert data["legend"]["classes"] == [] and data["articles"] == [] and data["folded"] == []
    assert len(data["preds"]) >= 20  # the filters still list the ontology

"""The analyst's explorer on a graph built by the real pipeline: focus, dates, timeline, filters,
search, permalinks, exports, the country and article views, and the test hooks."""

from __future__ import annotations

import csv
import datetime as dt
import io
import struct
from collections import Counter

import pytest

from kg.convert import to_networkx
from kg.viz import build_view, write_html
from kg.viz.views import article_table, fold_targets

from ._browser import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def views(built, tmp_path_factory):
    g = built["graph"]
    out = tmp_path_factory.mktemp("explorer")
    return {
        "g": g,
        "G": to_networkx(g),
        "articles": article_table(g),
        "entities": write_html(g, out / "graph.html"),
        "countries": write_html(g, out / "countries.html", view="countries"),
        "article": write_html(g, out / "article.html", view="article", article="viz-003"),
    }


def _label(G, node: str) -> str:
    return G.nodes[node]["label"]


def _node(G, name: str) -> str:
    return next(n for n, d in G.nodes(data=True) if d["label"] == name)


def _focus_rows(page) -> set[tuple[str, str, str, int]]:
    return {
        (
            li.get_attribute("data-pred"),
            li.get_attribute("data-dir"),
            li.get_attribute("data-other"),
            int(li.get_attribute("data-count")),
        )
        for li in page.locator("[data-testid=focus] [data-testid=focus-rel]").all()
    }


def _relations(G, name: str, keep=lambda e: True) -> set[tuple[str, str, str, int]]:
    """What the focus list of `name` must show: (predicate, direction, other, evidence kept by `keep`)."""
    node = _node(G, name)
    out = set()
    for u, v, k, d in G.edges(keys=True, data=True):
        if node not in (u, v):
            continue
        n = sum(1 for e in d["evidence"] if keep(e))
        if not n:
            continue
        other = v if u == node else u
        direction = "sym" if d["symmetric"] else ("out" if u == node else "in")
        out.add((k, direction, _label(G, other), n))
    return out


def _visible_edges(page) -> set[tuple[str, str, str, int]]:
    return {tuple(e) for e in page.evaluate("kg.visibleEdges()")}


def _expected_edges(G, keep=lambda k, d, e: True) -> set[tuple[str, str, str, int]]:
    out = set()
    for u, v, k, d in G.edges(keys=True, data=True):
        n = sum(1 for e in d["evidence"] if keep(k, d, e))
        if n:
            out.add((_label(G, u), k, _label(G, v), n))
    return out


def test_explorer_click_focuses_a_node_with_its_relations_and_evidence(opener, views, artifacts_dir):
    opened = opener(views["entities"], width=1600, height=1000)
    page = opened.page
    G = views["G"]
    point = opened.node_point("Russia")
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector("[data-testid=focus]")
    assert page.inner_text(".kg-focus-head h3") == "Russia"
    assert _focus_rows(page) == _relations(G, "Russia")
    # neighbours lit, the rest dimmed
    lit = set(
        page.evaluate(
            "kg.data.nodes.filter((n) => kg.network.body.nodes[n.id].options.opacity === undefined"
            " && !kg.network.body.nodes[n.id].options.hidden).map((n) => n.name)"
        )
    )
    russia = _node(G, "Russia")
    assert lit == {_label(G, n) for n in (*G.successors(russia), *G.predecessors(russia), russia)}
    # group headers read "Russia → predicate →" and "… → predicate → Russia"
    heads = page.locator("[data-testid=focus-group] .kg-group-title").all_inner_texts()
    assert any(h.startswith("Russia → attacks →") for h in heads)
    assert any(h.startswith("… → sanctions → Russia") for h in heads)
    # expand: every sentence with its title, outlet, date and a link to the article
    page.click("[data-testid=focus-rel][data-pred=attacks][data-other=Ukraine] summary")
    page.wait_for_selector("[data-testid=evidence] li")
    items = page.locator("[data-testid=evidence] li")
    attacks = G.edges[russia, _node(G, "Ukraine"), "attacks"]["evidence"]
    assert items.count() == len(attacks)
    text = page.inner_text("[data-testid=evidence]")
    meta = views["articles"]["viz-003"]
    assert meta["title"] in text and meta["source"] in text and meta["date"] in text
    assert "Russia attacked Ukraine with drones overnight." in text
    assert page.get_attribute("[data-testid=evidence] a", "href") == meta["url"]
    assert page.get_attribute("[data-testid=evidence] a", "rel") == "noopener noreferrer"
    page.screenshot(path=str(artifacts_dir / "viz-focus.png"))
    # Esc returns to the whole view; so does a click on empty space
    page.keyboard.press("Escape")
    assert page.locator("[data-testid=focus]").count() == 0
    assert page.locator("[data-testid=top-actors]").count() == 1
    page.mouse.click(point["x"], point["y"])
    assert page.evaluate("kg.state().focus") == "Russia"
    box = page.locator("#kg-network").bounding_box()
    page.mouse.click(box["x"] + 5, box["y"] + 5)
    assert page.evaluate("kg.state().focus") is None
    opened.check_clean()


def test_explorer_date_range_hides_exactly_the_out_of_range_evidence(opener, views):
    opened = opener(views["entities"])
    page = opened.page
    G = views["G"]
    page.fill("[data-testid=time-from]", "2024-01-15")
    page.fill("[data-testid=time-to]", "2024-03-31")
    page.locator("[data-testid=time-to]").dispatch_event("change")
    page.locator("[data-testid=time-from]").dispatch_event("change")
    assert page.evaluate("kg.state()")["from"] == "2024-01-15"

    def inside(e) -> bool:
        return "2024-01-15" <= e["date"][:10] <= "2024-03-31" if e["date"] else False

    expected = _expected_edges(G, lambda k, d, e: inside(e))
    assert expected and _visible_edges(page) == expected
    ends = {name for u, _p, v, _n in expected for name in (u, v)}
    assert set(page.evaluate("kg.visibleNames()")) == ends
    # the focus list follows the range
    page.fill("[data-testid=search]", "United States")
    page.press("[data-testid=search]", "Enter")
    assert _focus_rows(page) == _relations(G, "United States", inside)
    status = page.inner_text("[data-testid=time-status]")
    assert "in range" in status and "undated hidden" in status
    page.click("[data-testid=time-reset]")
    assert page.evaluate("kg.state()")["from"] is None
    assert _focus_rows(page) == _relations(G, "United States")
    opened.check_clean()


def _buckets(G, name: str, bucket: str) -> list[list]:
    node = _node(G, name)
    counts: dict[str, list[int]] = {}
    for u, v, _k, d in G.edges(keys=True, data=True):
        if node not in (u, v) or d["family"] == "structural":
            continue
        for e in d["evidence"]:
            if not e["date"]:
                continue
            day = dt.date.fromisoformat(e["date"][:10])
            start = day - dt.timedelta(days=day.weekday()) if bucket == "week" else day.replace(day=1)
            row = counts.setdefault(start.isoformat(), [0, 0])
            row[0 if d["family"] == "cooperation" else 1] += 1
    return [[k, *v] for k, v in sorted(counts.items())]


def test_explorer_timeline_per_actor_and_pair_by_week_and_month(opener, views, artifacts_dir):
    opened = opener(views["entities"], width=1600, height=1000)
    page = opened.page
    G = views["G"]
    assert page.is_visible("[data-testid=timeline] canvas")
    page.fill("[data-testid=search]", "Russia")
    page.press("[data-testid=search]", "Enter")
    line = page.evaluate("kg.timeline()")
    assert line["title"] == "Events per month · Russia"
    assert [r for r in line["rows"] if r[1] or r[2]] == _buckets(G, "Russia", "month")
    page.click("[data-testid=bucket-week]")
    line = page.evaluate("kg.timeline()")
    assert line["bucket"] == "week" and line["title"] == "Events per week · Russia"
    assert [r for r in line["rows"] if r[1] or r[2]] == _buckets(G, "Russia", "week")
    page.screenshot(path=str(artifacts_dir / "viz-timeline.png"))
    # a pair: United States and Russia
    us, ru = _node(G, "United States"), _node(G, "Russia")
    pair = Counter()
    for u, v, _k, d in G.edges(keys=True, data=True):
        if {u, v} == {us, ru} and d["family"] != "structural":
            pair[d["family"]] += sum(1 for e in d["evidence"] if e["date"])
    page.evaluate("kg.focusPair('United States', 'Russia')")
    line = page.evaluate("kg.timeline()")
    assert line["title"] == "Events per week · United States ↔ Russia"
    assert sum(r[1] for r in line["rows"]) == pair["cooperation"]
    assert sum(r[2] for r in line["rows"]) == pair["conflict"] > 0
    # dragging across the chart picks a date range
    box = page.locator("[data-testid=timeline] .u-over").bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 20, steps=5)
    page.mouse.up()
    state = page.evaluate("kg.state()")
    assert state["from"] and state["to"] and state["from"] <= state["to"]
    assert page.input_value("[data-testid=time-from]") == state["from"]
    opened.check_clean()


def test_explorer_filters_all_none_only_families_country_confidence(opener, views):
    opened = opener(views["entities"])
    page = opened.page
    G = views["G"]
    everything = _expected_edges(G)
    assert _visible_edges(page) == everything
    page.click("[data-testid=filter-pred-none]")
    assert page.evaluate("kg.visible()") == {"nodes": 0, "edges": 0}
    page.click("[data-testid=filter-pred-all]")
    assert _visible_edges(page) == everything
    # only this predicate
    page.hover("[data-testid=filter-pred-sanctions]")
    page.click("[data-testid=only-pred-sanctions]")
    assert _visible_edges(page) == _expected_edges(G, lambda k, d, e: k == "sanctions")
    page.click("[data-testid=filter-pred-all]")
    # a whole family off
    page.uncheck("[data-testid=family-conflict]")
    assert _visible_edges(page) == _expected_edges(G, lambda k, d, e: d["family"] != "conflict")
    assert page.evaluate("document.querySelector('[data-testid=family-conflict]').checked") is False
    page.check("[data-testid=family-conflict]")
    # only one class
    page.hover("[data-testid=filter-cls-Person]")
    page.click("[data-testid=only-cls-Person]")
    people = {n for n, d in G.nodes(data=True) if d["type"] == "Person"}
    assert _visible_edges(page) == {
        e for e in everything if _node(G, e[0]) in people and _node(G, e[2]) in people
    }
    page.click("[data-testid=filter-cls-all]")
    # one country: relations with an actor of it
    page.click("#kg-legend-countries summary")
    page.hover("[data-testid=filter-country-RUS]")
    page.click("[data-testid=only-country-RUS]")
    rus = {n for n, d in G.nodes(data=True) if d["country"] == "RUS"}
    assert _visible_edges(page) == {e for e in everything if _node(G, e[0]) in rus or _node(G, e[2]) in rus}
    page.click("[data-testid=filter-country-all]")
    # minimum confidence, at the evidence level
    page.evaluate(
        "(() => { const r = document.querySelector('[data-testid=min-confidence]');"
        " r.value = '0.85'; r.dispatchEvent(new Event('input')); })()"
    )
    assert _visible_edges(page) == _expected_edges(G, lambda k, d, e: e["confidence"] >= 0.85)
    assert page.inner_text("#kg-conf-value") == "0.85"
    opened.check_clean()


def test_explorer_every_ontology_predicate_is_listed_by_family(opener, views):
    from kg.ontology import predicates

    opened = opener(views["entities"])
    page = opened.page
    for name, p in predicates().items():
        family = page.locator(f"[data-family={p.family}] [data-testid=filter-pred-{name}]")
        assert family.count() == 1, name
    for name in ("demands", "protests", "coerces", "mobilizesAgainst", "aids", "easesPressureOn"):
        assert page.locator(f"[data-testid=filter-pred-{name}]").count() == 1
    opened.check_clean()


def test_explorer_search_by_alias_with_a_result_list_and_keys(opener, views):
    opened = opener(views["entities"])
    page = opened.page
    box = "[data-testid=search]"
    for query, first in (
        ("US", "United States"),
        ("Kremlin", "Russia"),
        ("ISIS", "Islamic State"),
        ("putin", "Vladimir Putin"),
    ):
        page.fill(box, query)
        results = page.locator("[data-testid=search-result]")
        assert results.count() >= 1
        assert results.first.get_attribute("data-name") == first, query
    page.fill(box, "US")
    assert "Australia" not in page.evaluate("kg.search('US')")
    page.fill(box, "Kremlin")
    assert "Kremlin" in page.inner_text("[data-testid=search-results]")  # the alias that matched
    page.fill(box, "un")
    names = [r.get_attribute("data-name") for r in page.locator("[data-testid=search-result]").all()]
    assert len(names) >= 2
    page.press(box, "ArrowDown")
    assert page.get_attribute("[data-testid=search-result] >> nth=1", "aria-selected") == "true"
    page.press(box, "Enter")
    assert page.evaluate("kg.state().focus") == names[1]
    assert page.is_hidden("[data-testid=search-results]")
    page.fill(box, "zzz-nothing")
    assert page.inner_text("[data-testid=search-status]") == "No match"
    # a node whose class is filtered out is still found, and focusing it shows it with its relations
    G = views["G"]
    page.uncheck("[data-testid=filter-cls-Person]")
    page.fill(box, "Putin")
    assert "hidden" in page.inner_text("[data-testid=search-result] >> nth=0")
    page.press(box, "Enter")
    people = {d["label"] for _, d in G.nodes(data=True) if d["type"] == "Person"}
    expected = {r for r in _relations(G, "Vladimir Putin") if r[2] not in people}
    assert expected and _focus_rows(page) == expected
    opened.check_clean()


def test_explorer_permalink_restores_focus_filters_and_dates(opener, views):
    opened = opener(views["entities"])
    page = opened.page
    page.fill("[data-testid=search]", "Ukraine")
    page.press("[data-testid=search]", "Enter")
    page.uncheck("[data-testid=filter-pred-suppliesTo]")
    page.fill("[data-testid=time-from]", "2024-01-10")
    page.locator("[data-testid=time-from]").dispatch_event("change")
    page.click("[data-testid=bucket-week]")
    state = page.evaluate("kg.state()")
    page.click("[data-testid=permalink]")  # the hash follows the state once it rests; the link button at once
    url_hash = page.evaluate("location.hash").lstrip("#")
    assert "focus=ukraine" in url_hash and "from=2024-01-10" in url_hash
    assert page.input_value("[data-testid=permalink-text]").endswith("#" + url_hash)
    focus = _focus_rows(page)
    visible = _visible_edges(page)
    again = opener(views["entities"], hash=url_hash)
    assert again.page.evaluate("kg.state()") == state
    assert _focus_rows(again.page) == focus
    assert _visible_edges(again.page) == visible
    assert again.page.input_value("[data-testid=time-from]") == "2024-01-10"
    opened.check_clean()
    again.check_clean()


def test_explorer_exports_png_and_csv_of_the_selection(opener, views):
    opened = opener(views["entities"], downloads=True)
    page = opened.page
    G = views["G"]
    page.fill("[data-testid=search]", "Poland")
    page.press("[data-testid=search]", "Enter")
    with page.expect_download() as info:
        page.click("[data-testid=export-csv]")
    text = info.value.path().read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    poland = _node(G, "Poland")
    expected = Counter()
    for u, v, k, d in G.edges(keys=True, data=True):
        if poland in (u, v):
            for e in d["evidence"]:
                expected[(_label(G, u), k, _label(G, v), e["sentence"], e["article"])] += 1
    got = Counter((r["subject"], r["predicate"], r["object"], r["sentence"], r["article"]) for r in rows)
    assert got == expected
    row = next(r for r in rows if r["article"] == "viz-002")
    meta = views["articles"]["viz-002"]
    assert (row["title"], row["outlet"], row["date"], row["url"]) == (
        meta["title"],
        meta["source"],
        meta["date"],
        meta["url"],
    )
    with page.expect_download() as info:
        page.click("[data-testid=export-png]")
    assert info.value.suggested_filename == "kg-entities-poland.png"
    png = info.value.path().read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    canvas = page.evaluate(
        "[document.querySelector('#kg-network canvas').width,"
        " document.querySelector('#kg-network canvas').height]"
    )
    assert width == canvas[0] and height > canvas[1]  # the picture plus a caption band
    opened.check_clean()


def test_explorer_countries_view_is_directed_with_net_balance(opener, views, artifacts_dir):
    opened = opener(views["countries"], width=1600, height=1000)
    page = opened.page
    C = build_view(views["g"], view="countries").graph
    edges = page.evaluate(
        "kg.data.edges.map((e) => [kg.data.nodes[e.from].name, kg.data.nodes[e.to].name, !!e.sym,"
        " kg.network.body.edges[e.id].options.arrows.to.enabled,"
        " kg.network.body.edges[e.id].options.dashes])"
    )
    balance = {
        (_label(C, u), _label(C, v), k == "mutual"): d["balance"]
        for u, v, k, d in C.edges(keys=True, data=True)
    }
    assert {(a, b, sym) for a, b, sym, _arrow, _dashes in edges} == set(balance)
    for a, b, sym, arrow, dashes in edges:
        assert arrow is (not sym)
        # solid for net cooperation; dashed (net conflict) or dotted (even) otherwise
        assert bool(dashes) is (balance[a, b, sym] <= 0), (a, b, balance[a, b, sym], dashes)
    assert any(not e[2] for e in edges) and page.locator("[data-testid=focus]").count() == 0
    # counts live in the tooltip, not over the names
    assert page.evaluate("kg.labels()").count("Russia") == 1
    i = next(i for i, e in enumerate(edges) if e[0] == "United States" and e[1] == "Russia" and not e[2])
    point = page.evaluate(
        """(i) => {
            const e = kg.data.edges[i];
            const p = kg.network.body.edges[e.id].edgeType.getPoint(0.5);
            const d = kg.network.canvasToDOM(p);
            const box = document.getElementById('kg-network').getBoundingClientRect();
            return {x: box.left + d.x, y: box.top + d.y};
        }""",
        i,
    )
    page.mouse.move(point["x"] - 20, point["y"] - 20)
    page.mouse.move(point["x"], point["y"], steps=4)
    page.wait_for_selector("#kg-tip:not([hidden])")
    tip = page.inner_text("#kg-tip")
    assert tip.startswith("United States → Russia") and "cooperation" in tip and "conflict (net" in tip
    page.screenshot(path=str(artifacts_dir / "viz-countries-real.png"))
    opened.check_clean()


def test_explorer_actors_as_countries(opener, views):
    opened = opener(views["entities"])
    page = opened.page
    G = views["G"]
    page.check("[data-testid=fold]")
    fold = fold_targets(G, views["g"])

    def rep(n):
        return fold[n][1] if n in fold else _label(G, n)

    expected = set()
    for u, v, k, d in G.edges(keys=True, data=True):
        a, b = rep(u), rep(v)
        if a == b:
            continue
        if d["symmetric"]:
            a, b = sorted((a, b))
        expected.add((a, k, b))
    symmetric = {k for _, _, k, d in G.edges(keys=True, data=True) if d["symmetric"]}
    got = set()
    for a, k, b, _n in page.evaluate("kg.visibleEdges()"):
        if k in symmetric:
            a, b = sorted((a, b))
        got.add((a, k, b))
    assert got == expected
    assert "Vladimir Putin" not in page.evaluate("kg.visibleNames()")
    page.uncheck("[data-testid=fold]")
    assert "Vladimir Putin" in page.evaluate("kg.visibleNames()")
    opened.check_clean()


def test_explorer_article_view_is_headed_by_headline_outlet_and_date(opener, views):
    opened = opener(views["article"])
    page = opened.page
    meta = views["articles"]["viz-003"]
    assert page.inner_text("#kg-heading") == meta["title"]
    sub = page.inner_text("#kg-subtitle")
    assert meta["source"] in sub and meta["date"] in sub
    assert page.get_attribute("#kg-link a", "href") == meta["url"]
    assert page.title() == f"kg · {meta['title']}"
    opened.check_clean()


def test_explorer_every_control_has_a_test_hook(opener, views):
    opened = opener(views["entities"])
    page = opened.page
    for hook in (
        "search",
        "time-range",
        "timeline",
        "top-n",
        "fold",
        "min-confidence",
        "export-png",
        "export-csv",
        "permalink",
        "bucket-week",
        "bucket-month",
        "time-from",
        "time-to",
    ):
        assert page.locator(f"[data-testid={hook}]").count() == 1, hook
    page.fill("[data-testid=search]", "Russia")
    page.press("[data-testid=search]", "Enter")
    assert page.locator("[data-testid=focus]").count() == 1
    missing = page.evaluate(
        "Array.from(document.querySelectorAll('input, select, button'))"
        ".filter((e) => !e.hasAttribute('data-testid')).map((e) => e.outerHTML.slice(0, 80))"
    )
    assert missing == []
    opened.check_clean()

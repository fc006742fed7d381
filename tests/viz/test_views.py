"""Views as networkx graphs: entities, countries, one article; view names."""

from __future__ import annotations

import pytest

from kg.convert import to_networkx
from kg.errors import ConfigError
from kg.graph import entity_iri
from kg.viz import build_view, parse_view
from kg.viz.style import balance_colour, balance_dashes
from kg.viz.views import article_table, fold_targets

from ._graphs import XSS_ARTICLE, XSS_SENTENCE, XSS_SOURCE, rdf_graph


@pytest.fixture(scope="module")
def g():
    return rdf_graph()


def _iri(name: str) -> str:
    return str(entity_iri(name))


def test_views_entities_keeps_every_node_and_edge(g):
    G = to_networkx(g)
    view = build_view(g, view="entities")
    assert sorted(view.graph.nodes) == sorted(G.nodes)
    assert sorted(view.graph.edges(keys=True)) == sorted(G.edges(keys=True))


def test_views_entities_arrows_only_for_directed_predicates(g):
    edges = {k: d for _, _, k, d in build_view(g, view="entities").graph.edges(keys=True, data=True)}
    assert edges["meetsWith"]["directed"] is False
    assert edges["cooperatesWith"]["directed"] is False
    assert edges["visits"]["directed"] is True
    assert edges["attacks"]["family"] == "conflict"
    assert edges["attacks"]["colour"] != edges["visits"]["colour"]
    assert edges["memberOf"]["family"] == "structural"


def test_views_countries_collapse_entities_onto_countries(g):
    C = build_view(g, view="countries").graph
    fra, deu, pol, ukr = (_iri(n) for n in ("France", "Germany", "Poland", "Ukraine"))
    assert set(C.nodes) == {fra, deu, pol, ukr}
    edges = {(u, v, k): d for u, v, k, d in C.edges(keys=True, data=True)}
    # France → Germany: Anna Marsh visits Germany (directed)
    visit = edges[fra, deu, "directed"]
    assert (visit["value"], visit["predicate"], visit["directed"]) == (1.0, "cooperation", True)
    # France — Germany: Anna meets Karl, France cooperates with Germany (symmetric, one undirected edge)
    mutual = edges[deu, fra, "mutual"]  # undirected: stored in ISO order
    assert (mutual["value"], mutual["directed"], mutual["colour"]) == (2.0, False, balance_colour(1.0))
    assert not mutual["dashes"]
    # Germany → Poland: sanctions ×2 (two articles) + Karl condemns Poland: 3 conflict, dashed
    dp = edges[deu, pol, "directed"]
    assert (dp["value"], dp["predicate"], dp["colour"]) == (3.0, "conflict", balance_colour(-1.0))
    assert dp["dashes"] and "3 events: 0 cooperation, 3 conflict (net -3)" in dp["notes"]
    assert {e["predicate"] for e in dp["evidence"]} == {"sanctions", "condemns"}
    assert (pol, ukr, "directed") in edges and (fra, pol, "mutual") in edges
    # domestic (Karl criticizes Otto), structural (Lyon in France) and country-less (Acme, the bloc) drop out
    assert len(edges) == 5
    assert (deu, pol, "directed") in edges and (pol, deu, "directed") not in edges


def test_views_countries_balance_is_diverging_and_readable_without_colour():
    assert balance_colour(0.0) == "#bdbdbd"
    assert balance_colour(0.5) not in (balance_colour(1.0), balance_colour(0.0))
    assert balance_dashes(-0.1) and balance_dashes(0.0) and balance_dashes(0.1) is False
    assert balance_dashes(-0.1) != balance_dashes(0.0)


def test_views_article_table_has_outlet_date_and_url(g):
    table = article_table(g)
    assert table[XSS_ARTICLE]["source"] == XSS_SOURCE
    assert table[XSS_ARTICLE]["url"].startswith("https://example.org/a%22")
    assert table["art-1"] == {"title": "Leaders meet", "source": "test", "date": "2024-03-01", "url": ""}


def test_views_fold_targets_people_and_places_into_their_country(g):
    fold = fold_targets(build_view(g).graph, g)
    assert fold[_iri("Karl Brenner")] == (_iri("Germany"), "Germany")
    assert fold[_iri("Lyon")] == (_iri("France"), "France")
    assert (
        _iri("France") not in fold and _iri("Northern Alliance") not in fold and _iri("Acme Arms") not in fold
    )
    # Otto Weiss is German too, even though the view holds no edge of his with Germany itself
    assert fold[_iri("Otto Weiss")][1] == "Germany"


def test_views_article_view_is_headed_by_the_headline(g):
    view = build_view(g, view="article", article="art-1")
    assert view.title == "Leaders meet"
    assert view.subtitle == "test · 2024-03-01 · article art-1"
    assert view.articles == {"art-1": article_table(g)["art-1"]}


def test_views_article_keeps_only_its_edges_and_sentences(g):
    A = build_view(g, view="article", article=XSS_ARTICLE).graph
    assert sorted(k for _, _, k in A.edges(keys=True)) == ["attacks", "condemns", "sanctions"]
    for _, _, d in A.edges(data=True):
        assert {e["article"] for e in d["evidence"]} == {XSS_ARTICLE}
    sanctions = next(d for _, _, k, d in A.edges(keys=True, data=True) if k == "sanctions")
    assert [e["sentence"] for e in sanctions["evidence"]] == ["Germany sanctioned Poland."]
    attacks = next(d for _, _, k, d in A.edges(keys=True, data=True) if k == "attacks")
    assert attacks["evidence"][0]["sentence"] == XSS_SENTENCE


def test_views_article_spelled_inline_is_the_same(g):
    a = build_view(g, view=f"article:{XSS_ARTICLE}").graph
    b = build_view(g, view="article", article=XSS_ARTICLE).graph
    assert sorted(a.edges(keys=True)) == sorted(b.edges(keys=True))


def test_views_unknown_article_is_a_config_error(g):
    with pytest.raises(ConfigError, match="no article with id 'nope'"):
        build_view(g, view="article", article="nope")


@pytest.mark.parametrize(
    ("view", "article", "expected"),
    [
        ("entities", None, ("entities", None)),
        ("countries", None, ("countries", None)),
        ("article", "x1", ("article", "x1")),
        ("article:x:1", None, ("article", "x:1")),
        ("article:x1", "x1", ("article", "x1")),
    ],
)
def test_views_parse_view_accepts(view, article, expected):
    assert parse_view(view, article) == expected


@pytest.mark.parametrize(
    ("view", "article"),
    [
        ("graph", None),
        ("article", None),
        ("article:", None),
        ("countries", "x1"),
        ("article:a", "b"),
        ("x:a", None),
    ],
)
def test_views_parse_view_rejects(view, article):
    with pytest.raises(ConfigError):
        parse_view(view, article)

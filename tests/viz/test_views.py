"""Views as networkx graphs: entities, countries, one article; view names."""

from __future__ import annotations

import pytest

from kg.convert import to_networkx
from kg.errors import ConfigError
from kg.graph import entity_iri
from kg.viz import build_view, parse_view
from kg.viz.style import balance_colour

from ._graphs import XSS_ARTICLE, XSS_SENTENCE, rdf_graph


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
    pairs = {frozenset((u, v)): d for u, v, d in C.edges(data=True)}
    # France-Germany: Anna visits Germany, Anna meets Karl, France cooperates with Germany -> 3 cooperation
    fd = pairs[frozenset((fra, deu))]
    assert (fd["value"], fd["predicate"], fd["colour"]) == (3.0, "cooperation", balance_colour(1.0))
    # Germany-Poland: sanctions x2 (two articles) + Karl condemns Poland -> 3 conflict
    dp = pairs[frozenset((deu, pol))]
    assert (dp["value"], dp["predicate"], dp["colour"]) == (3.0, "conflict", balance_colour(-1.0))
    assert frozenset((fra, pol)) in pairs and frozenset((pol, ukr)) in pairs
    # domestic (Karl criticizes Otto), structural (Lyon in France) and country-less (Acme, the bloc) drop out
    assert len(pairs) == 4
    assert all(d["directed"] is False for d in pairs.values())


def test_views_countries_balance_mixes_colours():
    assert balance_colour(0.0) == "#9e9e9e"
    assert balance_colour(0.5) not in (balance_colour(1.0), balance_colour(0.0))


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

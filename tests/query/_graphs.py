"""A small kg graph built from records, so every named query has exactly known rows.

Imported by the test modules of this folder as `from . import _graphs as RG`.
"""

from __future__ import annotations

from kg.graph import build_graph
from kg.records import Article, ArticleResult, Entity, Evidence, Relation

__all__ = ["ENTITIES", "SENTENCES", "XSS_SENTENCES", "records", "make_graph"]

ENTITIES = {
    "RUS": Entity("Russia", "Country", "RUS"),
    "PRK": Entity("North Korea", "Country", "PRK"),
    "USA": Entity("United States", "Country", "USA"),
    "UKR": Entity("Ukraine", "Country", "UKR"),
    "putin": Entity("Vladimir Putin", "Person", "RUS"),
    "kim": Entity("Kim Jong Un", "Person", "PRK"),
    "blinken": Entity("Antony Blinken", "Person", "USA"),
    "stoltenberg": Entity("Jens Stoltenberg", "Person", None),
    "nato": Entity("NATO", "Organization", None),
    "munitions": Entity("munitions", "Item", None),
    "oil": Entity("oil", "Item", None),
    "sanctions": Entity("sanctions", "Policy", None),
}

# (article, start, sentence, [(subject, predicate, object), ...])
SENTENCES = (
    (
        "a1",
        0,
        "North Korea supplies munitions to Russia.",
        [("PRK", "supplies", "munitions"), ("PRK", "suppliesTo", "RUS")],
    ),
    ("a1", 50, "Putin met Kim in Pyongyang.", [("putin", "meetsWith", "kim")]),
    ("a1", 100, "The United States condemned North Korea.", [("USA", "condemns", "PRK")]),
    ("a2", 0, "Blinken criticized Russia.", [("blinken", "criticizes", "RUS")]),
    ("a2", 60, "Washington again condemned Pyongyang.", [("USA", "condemns", "PRK")]),
    ("a2", 120, "Putin, the president of Russia, spoke.", [("putin", "leaderOf", "RUS")]),
    ("a2", 180, "US Secretary of State Antony Blinken arrived.", [("blinken", "officialOf", "USA")]),
    ("a2", 240, "NATO chief Jens Stoltenberg said so.", [("stoltenberg", "leaderOf", "nato")]),
    ("a2", 300, "Russia supplies oil.", [("RUS", "supplies", "oil")]),
    ("a2", 360, "Russia opposes the sanctions.", [("RUS", "opposes", "sanctions")]),
    ("a2", 420, "Ukraine buys arms from the United States.", [("USA", "suppliesTo", "UKR")]),
    ("a2", 480, "Russia attacked Ukraine.", [("RUS", "attacks", "UKR")]),
    ("a5", 0, "Russia detained Ukrainian sailors.", [("RUS", "coerces", "UKR")]),
    ("a5", 40, "Washington urged Moscow to free them.", [("USA", "demands", "RUS")]),
    ("a5", 80, "The United States sent humanitarian aid to Ukraine.", [("USA", "aids", "UKR")]),
    ("a5", 140, "Russia pulled its troops back from the border.", [("RUS", "easesPressureOn", "UKR")]),
)

# Hostile article text for the HTML page tests: must show as text, never run.
XSS_SENTENCES = (
    (
        "a4",
        0,
        'Russia <img src=x onerror="window.__pwned=1"> criticized <script>window.__pwned=2</script>Ukraine.',
        [("RUS", "criticizes", "UKR")],
    ),
)


def records(extra: tuple = ()) -> list[ArticleResult]:
    """Return ArticleResults for SENTENCES (plus `extra` sentences in the same shape)."""
    by_article: dict[str, list[Relation]] = {}
    for art, start, sentence, triples in (*SENTENCES, *extra):
        ev = Evidence(art, sentence, start, start + len(sentence))
        for s, p, o in triples:
            rel = Relation(ENTITIES[s], p, ENTITIES[o], ev, 0.8, "test.rule.v1")
            by_article.setdefault(art, []).append(rel)
    return [
        ArticleResult(
            article=Article(id=art, text="", title=f"Title {art}", date="2024-06-19"),
            entities=tuple(ENTITIES.values()),
            relations=tuple(rels),
        )
        for art, rels in sorted(by_article.items())
    ]


def make_graph(extra: tuple = ()):
    """Return the rdflib Graph of `records()`."""
    return build_graph(records(extra))

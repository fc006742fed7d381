"""Hand-built graphs for the export tests, independent of extraction quality.

The text is hostile on purpose: quotes of both kinds, backslashes, newlines, `;` at a line end,
Cypher and SPARQL syntax, XML markup, non-ASCII letters and an emoji.
"""

from __future__ import annotations

import random

from kg.graph import build_graph
from kg.records import Article, ArticleResult, Entity, Evidence, Relation

__all__ = ["NASTY_SENTENCE", "NASTY_NAME", "results", "rdf_graph"]

NASTY_SENTENCE = (
    "Borduria's \"envoy\" said: 'MERGE (n) DETACH DELETE n;\n// not a comment' \\ \\u0041 \\n "
    "} } INSERT DATA { <x> <y> \"z\" } <data key='x'>&amp;</data> Erdoğan 北京 😀 $rows;\n"
    "end."
)
NASTY_NAME = 'O\'Brien "the" \\ Bold'

BORDURIA = Entity("Borduria", "Country", "BRD")
SYLDAVIA = Entity("Syldavia", "Country", "SYL")
ERDOGAN = Entity("Recep Tayyip Erdoğan", "Person", "BRD")
OBRIEN = Entity(NASTY_NAME, "Person", "SYL")
BLOC = Entity("The West", "Bloc")
MUNITIONS = Entity("munitions", "Item")
PALACE = Entity("Palace of 北京 😀", "Facility", "SYL")
LONELY = Entity("Klow", "City", "SYL")  # mentioned, in no relation


def _rel(s: Entity, p: str, o: Entity, art: str, sentence: str, start: int, conf: float) -> Relation:
    return Relation(s, p, o, Evidence(art, sentence, start, start + len(sentence)), conf, "kg.test.v1")


def results(*, shuffle: int | None = None) -> list[ArticleResult]:
    """Three articles; `shuffle` (a seed) permutes articles, entities and relations."""
    a1 = Article("art-1", "Borduria supplies munitions.\n\n" + NASTY_SENTENCE, title='Title "one" \\ ok')
    a2 = Article("art 2/β", "Second.", title="Zweite Meldung ü", date="2024-06-19", source="AP")
    a3 = Article("art-3", "Third.", title="Third <b>bold</b>", url="https://example.org/a?b=1&c=2")
    r1 = (
        _rel(BORDURIA, "supplies", MUNITIONS, "art-1", "Borduria supplies munitions.", 0, 0.9),
        _rel(BORDURIA, "suppliesTo", SYLDAVIA, "art-1", NASTY_SENTENCE, 30, 0.75),
        _rel(ERDOGAN, "leaderOf", BORDURIA, "art-1", "Erdoğan leads Borduria.", 200, 0.8),
    )
    r2 = (
        _rel(BORDURIA, "suppliesTo", SYLDAVIA, "art 2/β", "Borduria sends arms to Syldavia.", 0, 0.6),
        _rel(OBRIEN, "meetsWith", ERDOGAN, "art 2/β", NASTY_SENTENCE, 40, 0.7),
        _rel(OBRIEN, "visits", PALACE, "art 2/β", "O'Brien visited the palace.", 90, 0.65),
    )
    r3 = (
        _rel(BLOC, "condemns", BORDURIA, "art-3", "The West condemned Borduria.", 0, 0.55),
        _rel(SYLDAVIA, "hasTensionWith", BORDURIA, "art-3", "Tension grew.", 30, 0.5),
        _rel(SYLDAVIA, "condemns", BORDURIA, "art-3", "Syldavia condemned it; tension grew.", 50, 0.6),
    )
    out = [
        ArticleResult(a1, (BORDURIA, SYLDAVIA, MUNITIONS, ERDOGAN), r1),
        ArticleResult(a2, (BORDURIA, SYLDAVIA, OBRIEN, ERDOGAN, PALACE, LONELY), r2),
        ArticleResult(a3, (BLOC, BORDURIA, SYLDAVIA), r3),
    ]
    if shuffle is None:
        return out
    rng = random.Random(shuffle)
    mixed = []
    for res in out:
        ents, rels = list(res.entities), list(res.relations)
        rng.shuffle(ents)
        rng.shuffle(rels)
        mixed.append(ArticleResult(res.article, tuple(ents), tuple(rels)))
    rng.shuffle(mixed)
    return mixed


def rdf_graph(*, shuffle: int | None = None):
    """The rdflib graph of `results()`."""
    return build_graph(results(shuffle=shuffle))

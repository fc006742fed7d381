"""Hand-built graphs for the viz tests, independent of extraction quality."""

from __future__ import annotations

import random

import networkx as nx

from kg.convert import predicate_info
from kg.graph import build_graph
from kg.records import Article, ArticleResult, Entity, Evidence, Relation

__all__ = [
    "XSS_SENTENCE",
    "XSS_TITLE",
    "XSS_ARTICLE",
    "XSS_SOURCE",
    "XSS_URL",
    "results",
    "rdf_graph",
    "synthetic",
]

XSS_SENTENCE = (
    "Borduria shelled Syldavia <script>window.__pwned=1</script> and "
    '<img src=x onerror="window.__pwned=2"> & "quotes" </script><!-- end'
)
XSS_TITLE = 'Shelling <b onmouseover="window.__pwned=3">reported</b>'
XSS_ARTICLE = "art-2"
XSS_SOURCE = '<svg onload="window.__pwned=4">Wire</svg>'
XSS_URL = 'https://example.org/a"><script>window.__pwned=5</script>'

FRA = Entity("France", "Country", "FRA")
DEU = Entity("Germany", "Country", "DEU")
POL = Entity("Poland", "Country", "POL")
UKR = Entity("Ukraine", "Country", "UKR")
ANNA = Entity("Anna Marsh", "Person", "FRA")
KARL = Entity("Karl Brenner", "Person", "DEU")
OTTO = Entity("Otto Weiss", "Person", "DEU")
LYON = Entity("Lyon", "City", "FRA")
ALLIANCE = Entity("Northern Alliance", "Bloc")
ACME = Entity("Acme Arms", "Organization")


def _rel(s: Entity, p: str, o: Entity, art: str, sentence: str, conf: float = 0.9) -> Relation:
    return Relation(s, p, o, Evidence(art, sentence, 0, len(sentence)), conf, "kg.test.v1")


def results() -> list[ArticleResult]:
    """Three articles: cooperation, conflict with hostile text, and structure."""
    a1 = Article("art-1", "body", title="Leaders meet", source="test", date="2024-03-01")
    a2 = Article(XSS_ARTICLE, "body", title=XSS_TITLE, source=XSS_SOURCE, date="2024-03-02", url=XSS_URL)
    a3 = Article("art-3", "body", title="Trade and membership", source="test", date="2024-03-03")
    return [
        ArticleResult(
            a1,
            (FRA, DEU, ANNA, KARL),
            (
                _rel(ANNA, "meetsWith", KARL, "art-1", "Anna Marsh met Karl Brenner in Berlin."),
                _rel(ANNA, "visits", DEU, "art-1", "Anna Marsh visited Germany."),
                _rel(FRA, "cooperatesWith", DEU, "art-1", "France and Germany agreed to cooperate."),
                _rel(KARL, "criticizes", OTTO, "art-1", "Karl Brenner criticized Otto Weiss."),
            ),
        ),
        ArticleResult(
            a2,
            (POL, UKR, DEU),
            (
                _rel(POL, "attacks", UKR, XSS_ARTICLE, XSS_SENTENCE),
                _rel(DEU, "sanctions", POL, XSS_ARTICLE, "Germany sanctioned Poland."),
                _rel(KARL, "condemns", POL, XSS_ARTICLE, "Karl Brenner condemned Poland."),
            ),
        ),
        ArticleResult(
            a3,
            (FRA, POL, ALLIANCE, LYON, ACME),
            (
                _rel(FRA, "tradesWith", POL, "art-3", "France traded with Poland."),
                _rel(FRA, "memberOf", ALLIANCE, "art-3", "France is a member of the Northern Alliance."),
                _rel(LYON, "locatedIn", FRA, "art-3", "Lyon, in France."),
                _rel(ACME, "suppliesTo", UKR, "art-3", "Acme Arms supplied Ukraine."),
                _rel(DEU, "sanctions", POL, "art-3", "Germany sanctioned Poland again."),
            ),
        ),
    ]


def rdf_graph():
    """The rdflib graph of `results()`."""
    return build_graph(results())


def synthetic(n_nodes: int, *, seed: int = 3) -> nx.MultiDiGraph:
    """A scale-free MultiDiGraph shaped like `kg.convert.to_networkx` output, with small components."""
    rng = random.Random(seed)
    info = predicate_info()
    preds = sorted(info)
    classes = ("Country", "Person", "Organization", "City", "Bloc")
    G = nx.MultiDiGraph()
    names = [f"https://example.org/e/{i:05d}" for i in range(n_nodes)]
    for i, node in enumerate(names):
        cls = classes[i % len(classes)]
        G.add_node(
            node, label=f"Entity {i}", type=cls, country="" if cls == "Bloc" else f"C{i % 40:02d}", iri=node
        )
    core = int(n_nodes * 0.9)
    targets: list[str] = [names[0]]
    for i in range(1, n_nodes):
        # a giant component first, then pairs outside it
        other = rng.choice(targets) if i < core else (names[i - 1] if i % 2 else names[i])
        if other == names[i]:
            continue
        pred = rng.choice(preds)
        ev = tuple(
            {
                "sentence": f"Sentence {i}.{k}",
                "article": f"a{i % 97}",
                "title": f"Title {i % 97}",
                "date": "2024-01-01",
                "confidence": 0.8,
            }
            for k in range(1 + rng.randrange(3))
        )
        G.add_edge(
            names[i],
            other,
            key=pred,
            predicate=pred,
            family=info[pred]["family"],
            symmetric=info[pred]["symmetric"],
            confidence=0.8,
            evidence_count=len(ev),
            evidence=ev,
        )
        targets.extend((names[i], other))
    return G

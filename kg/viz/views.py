"""The three network views as networkx graphs: entities, countries, one article.

Every view is a `nx.MultiDiGraph` with the same attribute shape, so one renderer draws all
of them. Nodes: `label`, `type`, `country`, `iri`, `note` (extra tooltip line, may be "").
Edges: `predicate`, `label` (the predicate's label), `family`, `colour`, `dashes`, `directed`
(arrow or not), `value` (drives the width), `confidence`, `notes` (extra tooltip lines) and
`evidence` (dicts with sentence, article, title, date, confidence, `predicate` and, in the
country view, `relation`: the entity-level statement the sentence supports).

The country view collapses people, organisations and places onto the country recorded for
them (`geo:country`); entities without a country (blocs, most organisations) drop out, and
so do domestic relations (both ends in one country) and structural relations (they are not
events). What one country did to another becomes one directed edge per ordered pair (key
"directed"); symmetric relations (meets with, cooperates with) between the two become one
undirected edge (key "mutual"). Width is the number of events (evidence sentences); colour
is the net balance of cooperation against conflict on a diverging scale, and the line is
dashed where conflict outweighs cooperation.

A `View` also carries the article table (title, outlet, date, url per article id) that the
evidence refers to, and `fold`: for "actors as countries", the country node each person,
organisation or place with a known country folds into.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS

from ..convert import predicate_info, to_networkx
from ..errors import ConfigError
from ..vocab import GEO
from .style import FAMILY_COLOURS, FAMILY_DASHES, balance_colour, balance_dashes

__all__ = [
    "View",
    "VIEWS",
    "FOLDABLE",
    "build_view",
    "parse_view",
    "entities_graph",
    "countries_graph",
    "article_graph",
    "articles_graph",
    "article_ids",
    "article_table",
    "fold_targets",
]

VIEWS = ("entities", "countries", "article")
_MIXED = 0.2  # |balance| below this is "mixed"
# classes that "actors as countries" folds into their country (things and blocs stay themselves)
FOLDABLE = frozenset({"Person", "Organization", "City", "Region", "Place", "Facility", "Actor"})


@dataclass(frozen=True, slots=True)
class View:
    """A view ready to draw.

    kind (str): "entities" | "countries" | "article".
    title (str) / subtitle (str): the page heading and the line under it.
    graph (nx.MultiDiGraph): what to draw.
    articles (Mapping[str, dict]): article id -> {"title", "source", "date", "url"}.
    fold (Mapping[str, tuple[str, str]]): node -> (country node, country label) for "actors as countries".
    link (str): the article's URL (article view), shown under the heading.
    """

    kind: str
    title: str
    subtitle: str
    graph: nx.MultiDiGraph
    articles: Mapping[str, dict] = field(default_factory=dict)
    fold: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    link: str = ""


def parse_view(view: str, article: str | None = None) -> tuple[str, str | None]:
    """Split `article:ID` into ("article", "ID") and check the view name.

    >>> parse_view("article:abc-1")
    ('article', 'abc-1')
    >>> parse_view("countries")
    ('countries', None)
    """
    name, sep, rest = view.partition(":")
    if sep:
        if name != "article" or not rest:
            raise ConfigError(f"unknown view '{view}'; choose one of: entities, countries, article:ID")
        if article is not None and article != rest:
            raise ConfigError(f"two article ids given: '{rest}' and '{article}'")
        return "article", rest
    if name not in VIEWS:
        raise ConfigError(f"unknown view '{view}'; choose one of: {', '.join(VIEWS)}")
    if name == "article" and not article:
        raise ConfigError("the article view needs an article id: --view article --article ID")
    if name != "article" and article is not None:
        raise ConfigError(f"an article id only goes with the article view, not '{name}'")
    return name, article


def _edge_attrs(data: dict, info: dict[str, dict[str, object]], evidence: Iterable[dict]) -> dict:
    pred = data["predicate"]
    ev = tuple({**e, "predicate": pred} for e in evidence)
    family = data["family"]
    return {
        "predicate": pred,
        "label": str(info.get(pred, {}).get("label", pred)),
        "family": family,
        "colour": FAMILY_COLOURS.get(family, FAMILY_COLOURS["structural"]),
        "dashes": FAMILY_DASHES.get(family, False),
        "directed": not data["symmetric"],
        "value": float(max(1, len(ev))),
        "confidence": float(data.get("confidence", 0.0)),
        "notes": (),
        "evidence": ev,
    }


def _node_attrs(data: dict, note: str = "") -> dict:
    return {
        "label": data.get("label", ""),
        "type": data.get("type", "Thing"),
        "country": data.get("country", ""),
        "iri": data.get("iri", ""),
        "note": note,
    }


def entities_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return the whole entity graph with display attributes.

    G (nx.MultiDiGraph): the output of `kg.convert.to_networkx`.
    RETURNS (nx.MultiDiGraph): same nodes and edges, view attributes added.
    """
    info = predicate_info()
    out = nx.MultiDiGraph()
    for node in sorted(G):
        out.add_node(node, **_node_attrs(G.nodes[node]))
    for u, v, key, data in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        out.add_edge(u, v, key=key, **_edge_attrs(data, info, data.get("evidence", ())))
    return out


def articles_graph(G: nx.MultiDiGraph, articles: Collection[str]) -> nx.MultiDiGraph:
    """Return the edges with evidence from some articles, keeping only those articles' sentences.

    G (nx.MultiDiGraph): the output of `kg.convert.to_networkx`.
    articles (Collection[str]): article ids (`dcterms:identifier`).
    RETURNS (nx.MultiDiGraph): those articles' entities and relations, with view attributes.
    """
    wanted = set(articles)
    info = predicate_info()
    out = nx.MultiDiGraph()
    for u, v, key, data in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        ev = [e for e in data.get("evidence", ()) if e.get("article") in wanted]
        if not ev:
            continue
        for node in (u, v):
            if node not in out:
                out.add_node(node, **_node_attrs(G.nodes[node]))
        out.add_edge(u, v, key=key, **_edge_attrs(data, info, ev))
    return out


def article_graph(G: nx.MultiDiGraph, article: str) -> nx.MultiDiGraph:
    """Return one article's relations (see `articles_graph`)."""
    return articles_graph(G, (article,))


def article_ids(g: Graph) -> dict[str, str]:
    """Return {article id: title} for every article in the RDF graph."""
    return {ident: meta["title"] for ident, meta in article_table(g).items()}


def article_table(g: Graph) -> dict[str, dict[str, str]]:
    """Return {article id: {"title", "source", "date", "url"}} for every article in the RDF graph.

    Only http(s) URLs are kept (the graph stores no other kind, but a hand-edited file might).
    """
    out: dict[str, dict[str, str]] = {}
    for art in g.subjects(RDF.type, GEO.Article):
        ident = g.value(art, DCTERMS.identifier)
        if ident is None:
            continue
        url = str(g.value(art, RDFS.seeAlso) or "")
        out[str(ident)] = {
            "title": str(g.value(art, DCTERMS.title) or ""),
            "source": str(g.value(art, DCTERMS.source) or ""),
            "date": str(g.value(art, DCTERMS.date) or ""),
            "url": url if url.lower().startswith(("http://", "https://")) else "",
        }
    return dict(sorted(out.items()))


def _country_names() -> dict[str, tuple[str, str]]:
    """ISO3 -> (entity IRI, canonical name) of every gazetteer country, as `kg.graph` names them."""
    from ..gazetteer import load_gazetteer
    from ..graph import entity_iri

    return {
        e.country: (str(entity_iri(e.name)), e.name)
        for e in load_gazetteer()
        if e.type == "Country" and e.country
    }


def _country_nodes(G: nx.MultiDiGraph, g: Graph | None) -> dict[str, tuple[str, str]]:
    """Return {ISO code: (node id, label)} for every country reachable from G's nodes."""
    found: dict[str, tuple[str, str]] = {}
    for node in sorted(G):
        data = G.nodes[node]
        if data.get("type") == "Country" and data.get("country"):
            found.setdefault(data["country"], (node, data.get("label", data["country"])))
    wanted = {d.get("country") for _, d in G.nodes(data=True) if d.get("country")} - set(found)
    known = _country_names() if wanted else {}
    for iso in sorted(c for c in wanted if c):
        subject = g.value(None, GEO.isoCode, Literal(iso)) if g is not None else None
        if subject is not None:
            found[iso] = (str(subject), str(g.value(subject, RDFS.label) or iso))
        else:
            found[iso] = known.get(iso, (f"iso:{iso}", iso))
    return found


def fold_targets(G: nx.MultiDiGraph, g: Graph | None = None) -> dict[str, tuple[str, str]]:
    """Return {node: (country node, country label)} for the nodes "actors as countries" folds.

    People, organisations and places with a known country fold into it; countries, blocs,
    things and country-less actors stay. The country node may be absent from G (nobody
    related to the country itself): the page then adds it while folded.

    G (nx.MultiDiGraph): a view graph.
    g (Graph | None): the RDF graph, to name countries that are not in G.
    RETURNS (dict): node -> (country node id, country label).
    """
    countries = _country_nodes(G, g)
    return {
        node: countries[data["country"]]
        for node, data in sorted(G.nodes(data=True))
        if data.get("type") in FOLDABLE and data.get("country") in countries
    }


def _bucket(balance: float) -> str:
    if balance >= _MIXED:
        return "cooperation"
    if balance <= -_MIXED:
        return "conflict"
    return "mixed"


def countries_graph(G: nx.MultiDiGraph, g: Graph | None = None) -> nx.MultiDiGraph:
    """Collapse entities onto their countries and aggregate events per ordered pair of countries.

    G (nx.MultiDiGraph): the output of `kg.convert.to_networkx`.
    g (Graph | None): the RDF graph, to name countries that are not themselves in G.
    RETURNS (nx.MultiDiGraph): one node per country; per pair at most one directed edge each way
        (key "directed": what the source country's actors did to the target's) and one undirected
        edge (key "mutual": symmetric relations), each with its events as evidence.
    """
    info = predicate_info()
    countries = _country_nodes(G, g)
    members: dict[str, set[str]] = {}
    owner: dict[str, str] = {}
    for node, data in G.nodes(data=True):
        iso = data.get("country")
        if iso:
            owner[node] = iso
            if data.get("type") != "Country":
                members.setdefault(iso, set()).add(node)
    pairs: dict[tuple[str, str, str], dict] = {}
    for u, v, _key, data in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        a, b = owner.get(u), owner.get(v)
        if a is None or b is None or a == b or data["family"] not in ("cooperation", "conflict"):
            continue
        key = (*sorted((a, b)), "mutual") if data["symmetric"] else (a, b, "directed")
        agg = pairs.setdefault(key, {"cooperation": 0, "conflict": 0, "rels": {}, "ev": []})
        n = max(1, int(data.get("evidence_count", len(data.get("evidence", ())))))
        agg[data["family"]] += n
        label = str(info.get(data["predicate"], {}).get("label", data["predicate"]))
        rel = f"{countries[a][1]} {label} {countries[b][1]}"
        agg["rels"][rel] = agg["rels"].get(rel, 0) + n
        text = f"{G.nodes[u].get('label', u)} {label} {G.nodes[v].get('label', v)}"
        agg["ev"].extend(
            {**e, "relation": text, "predicate": data["predicate"]} for e in data.get("evidence", ())
        )
    out = nx.MultiDiGraph()
    used = sorted({iso for pair in pairs for iso in pair[:2]})
    for iso in used:
        node, label = countries[iso]
        count = len(members.get(iso, ()))
        note = f"includes {count} related {'entity' if count == 1 else 'entities'}" if count else ""
        out.add_node(node, label=label, type="Country", country=iso, iri=node, note=note)
    for (a, b, kind), agg in sorted(pairs.items()):
        coop, conf = agg["cooperation"], agg["conflict"]
        balance = (coop - conf) / (coop + conf)
        bucket = _bucket(balance)
        notes = (
            f"{coop + conf} {'event' if coop + conf == 1 else 'events'}: {coop} cooperation, {conf} conflict"
            f" (net {coop - conf:+d})",
            *(f"{rel} ×{n}" for rel, n in sorted(agg["rels"].items(), key=lambda kv: (-kv[1], kv[0]))),
        )
        ev = tuple(sorted(agg["ev"], key=lambda e: (e.get("date", ""), e.get("article", ""), e["sentence"])))
        out.add_edge(
            countries[a][0],
            countries[b][0],
            key=kind,
            predicate=bucket,
            label=str(coop + conf),
            family=bucket,
            colour=balance_colour(balance),
            dashes=balance_dashes(balance),
            directed=kind == "directed",
            value=float(coop + conf),
            confidence=max((float(e.get("confidence", 0.0)) for e in ev), default=0.0),
            notes=notes,
            evidence=ev,
            balance=balance,
        )
    return out


def build_view(g: Graph, *, view: str = "entities", article: str | None = None) -> View:
    """Return the named view of an RDF graph.

    g (Graph): a kg graph.
    view (str): "entities", "countries", "article" (with `article`) or "article:ID".
    article (str | None): the article id for the article view.
    RETURNS (View): what `kg.viz.page.render` draws.
    """
    kind, article = parse_view(view, article)
    G = to_networkx(g)
    table = article_table(g)
    if kind == "entities":
        shown = entities_graph(G)
        subtitle = "Entities and the relations between them"
        return View(kind, "Entity network", subtitle, shown, table, fold_targets(shown, g))
    if kind == "countries":
        return View(
            kind,
            "Country network",
            "What countries' actors did to each other; width = events, colour and line = net"
            " cooperation minus conflict",
            countries_graph(G, g),
            table,
        )
    if article not in table:
        raise ConfigError(f"no article with id '{article}' in the graph ({len(table)} articles)")
    meta = table[article]
    byline = " · ".join(x for x in (meta["source"], meta["date"][:10], f"article {article}") if x)
    shown = article_graph(G, article)
    return View(
        kind,
        meta["title"] or f"Article {article}",
        byline,
        shown,
        {article: meta},
        fold_targets(shown, g),
        meta["url"],
    )

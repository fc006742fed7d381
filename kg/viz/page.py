"""Render a `View` as one self-contained HTML page (vis-network from pyvis, uPlot, inlined).

pyvis assembles the vis-network node and edge records (`Network.add_node` / `add_edge`)
and ships vis-network 9.1.2, which is inlined here. Its own template is not used: even
with `cdn_resources="in_line"` it links Bootstrap and tom-select from CDNs, and it hands
tooltips to vis-network as strings. The timeline is drawn by uPlot (MIT, vendored in
`assets/` with its licence). Our page makes no request at all: a Content Security Policy
allows only the page's own scripts (by hash), no connections and data:/blob: images.
Article text only ever reaches the DOM through `textContent` (see `assets/viewer.js`), and
the data travel as JSON in a `<script type="application/json">` block with `<`, `>` and
`&` escaped, so no string can close the block.

The data block holds the ontology's predicates (every one, with family and label, so the
filters list them whether or not the graph uses them), an article table (id, title,
outlet, date, url, day number), the nodes (with their search terms from the gazetteer) and
the edges, each with all its evidence rows `[article, confidence, predicate, sentence,
relation]` (sentences past `MAX_EVIDENCE` per edge are left out; their dates still count),
and for "actors as countries" the folded edges (which edges each stands for).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import math
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from ..ontology import predicates
from ..vocab import ENT
from .layout import LARGE, importance, precomputed_layout
from .search import search_terms
from .style import (
    BALANCE_STOPS,
    FAMILY_COLOURS,
    FAMILY_DASHES,
    FAMILY_ORDER,
    NODE_STYLES,
    node_style,
)
from .views import View

__all__ = [
    "render",
    "payload",
    "script_json",
    "edge_width",
    "day_number",
    "MAX_EVIDENCE",
    "READABLE",
    "TOP_ACTORS",
]

MAX_EVIDENCE = 30  # evidence sentences kept per edge in the page
READABLE = 300  # more nodes than this: start with event relations only
TOP_ACTORS = 150  # more than LARGE nodes: start with this many top actors
_ASSETS = Path(__file__).resolve().parent / "assets"
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SEED = 7
_EPOCH = dt.date(1970, 1, 1)
_ENT = str(ENT)


def script_json(obj: object) -> str:
    """Return deterministic JSON that is safe inside a `<script>` element.

    >>> script_json({"b": "</script>", "a": 1})
    '{"a":1,"b":"\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_ESCAPES[m.group(0)], text)


@cache
def _vis_assets() -> tuple[str, str]:
    """Return (vis-network JS, CSS) as shipped inside the installed pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    return _inline_safe(js, "script"), _inline_safe(css, "style")


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


@cache
def _own_assets() -> dict[str, str]:
    """Return the page template, the viewer's JS and CSS and uPlot's JS and CSS."""
    return {
        "template": _asset("page.html"),
        "viewer_js": _inline_safe(_asset("viewer.js"), "script"),
        "viewer_css": _inline_safe(_asset("viewer.css"), "style"),
        "uplot_js": _inline_safe(_asset("uPlot.iife.min.js") + _licence_comment("uPlot.LICENSE"), "script"),
        "uplot_css": _inline_safe(_asset("uPlot.min.css"), "style"),
    }


def _licence_comment(name: str) -> str:
    """The licence of an inlined library, as a JS comment that travels with it."""
    return "\n/*! " + _asset(name).strip().replace("*/", "* /") + " */\n"


def _inline_safe(text: str, tag: str) -> str:
    """Make text safe to inline in a raw-text element: no closing tag, no comment opener."""
    return re.sub(f"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def day_number(date: str) -> int:
    """Return the day number (days since 1970-01-01) of an ISO date or date-time, or -1.

    >>> day_number("1970-01-02"), day_number("2024-03-01T10:00:00Z"), day_number("March 2024")
    (1, 19783, -1)
    """
    try:
        return (dt.date.fromisoformat(date[:10]) - _EPOCH).days
    except ValueError:
        return -1


def edge_width(value: float) -> float:
    """Return the drawn width of an edge from its event count (log scale, 1.5 to 10 px).

    >>> edge_width(1), edge_width(4), edge_width(10_000)
    (1.5, 4.5, 10.0)
    """
    return round(min(10.0, 1.5 + 1.5 * math.log2(max(1.0, value))), 2)


def _smooth(index: int, *, reverse: bool) -> dict[str, object]:
    """Bend the k-th parallel edge of a pair so parallel edges and their labels stay apart.

    Sides alternate around the pair's canonical direction; `reverse` edges run against it,
    so their clockwise bend is flipped to land on the intended side.
    """
    if index == 0:
        return {"enabled": False}
    clockwise = bool(index % 2) != reverse
    return {
        "enabled": True,
        "type": "curvedCW" if clockwise else "curvedCCW",
        "roundness": round(0.3 * ((index + 1) // 2), 2),
    }


def _options(classes: Iterable[str], *, large: bool, n_nodes: int) -> dict[str, object]:
    groups = {
        cls: {
            "shape": node_style(cls).shape,
            "color": {
                "background": node_style(cls).colour,
                "border": "#333333",
                "highlight": {"background": node_style(cls).colour, "border": "#000000"},
                "hover": {"background": node_style(cls).colour, "border": "#000000"},
            },
        }
        for cls in sorted({*NODE_STYLES, *classes})
    }
    iterations = 300 if n_nodes <= 300 else 200
    return {
        "autoResize": True,
        "groups": groups,
        "nodes": {
            "borderWidth": 1,
            "borderWidthSelected": 3,
            # labels are drawn by the viewer (importance order, no collisions); vis draws none
            "font": {"size": 0},
            "scaling": {"min": 9, "max": 48, "label": {"enabled": False}},
        },
        "edges": {
            "font": {"size": 0},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
            "smooth": {"enabled": False},
        },
        "physics": {
            "enabled": not large,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -80,
                "centralGravity": 0.01,
                "springLength": 140,
                "springConstant": 0.06,
                "avoidOverlap": 0.3,
            },
            "stabilization": {
                "enabled": not large,
                "iterations": iterations,
                "updateInterval": 20,
                "fit": True,
            },
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 80,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": False,
            "selectConnectedEdges": False,
        },
        "layout": {"randomSeed": _SEED, "improvedLayout": n_nodes <= 150},
    }


def _given(**fields: object) -> dict[str, object]:
    """The fields that say something: None, False, "" and empty lists are left out of the page."""
    return {k: v for k, v in fields.items() if v is not None and v is not False and v != "" and v != []}


def _short_iri(iri: str) -> str:
    """An entity IRI without the entity namespace (the viewer adds it back); other IRIs whole.

    >>> _short_iri("https://w3id.org/geokg/entity/russia"), _short_iri("iso:RUS")
    ('russia', 'iso:RUS')
    """
    return iri[len(_ENT) :] if iri.startswith(_ENT) else iri


def _predicate_rows() -> list[list[object]]:
    """Every ontology relation: [name, label, family, symmetric, guidelines], family order then label."""
    rank = {f: i for i, f in enumerate(FAMILY_ORDER)}
    return [
        [p.name, p.label, p.family, p.symmetric, p.guidelines]
        for p in sorted(predicates().values(), key=lambda p: (rank.get(p.family, 9), p.label, p.name))
    ]


def _legend(view: View) -> dict[str, object]:
    G = view.graph
    classes: dict[str, int] = {}
    for _, data in G.nodes(data=True):
        classes[data["type"]] = classes.get(data["type"], 0) + 1
    order = {cls: i for i, cls in enumerate(NODE_STYLES)}
    cls_rows = [
        [cls, node_style(cls).shape, node_style(cls).colour, classes[cls]]
        for cls in sorted(classes, key=lambda c: (order.get(c, len(order)), c))
    ]
    return {
        "classes": cls_rows,
        "families": [[f, FAMILY_COLOURS[f], FAMILY_DASHES[f]] for f in FAMILY_ORDER],
        "balance": view.kind == "countries",
        "stops": [[x, "#{:02x}{:02x}{:02x}".format(*rgb)] for x, rgb in BALANCE_STOPS],
    }


def _article_rows(view: View, evidence: Iterable[dict]) -> tuple[list[list[object]], dict[str, int]]:
    """The article table the evidence rows point into: [id, title, outlet, date, url, day]."""
    found: dict[str, dict[str, str]] = {}
    for e in evidence:
        art = str(e.get("article", ""))
        if art not in found:
            meta = view.articles.get(art) or {}
            found[art] = {
                "title": str(meta.get("title") or e.get("title", "")),
                "source": str(meta.get("source", "")),
                "date": str(meta.get("date") or e.get("date", "")),
                "url": str(meta.get("url", "")),
            }
    rows = []
    index: dict[str, int] = {}
    for art in sorted(found):
        meta = found[art]
        url = meta["url"] if meta["url"].lower().startswith(("http://", "https://")) else ""
        index[art] = len(rows)
        rows.append([art, meta["title"], meta["source"], meta["date"][:10], url, day_number(meta["date"])])
    return rows, index


def _evidence_rows(evidence: tuple[dict, ...], arts: dict[str, int], preds: dict[str, int]) -> list[list]:
    """[article index, confidence, predicate index, sentence or None(, relation)], oldest first.

    The newest `MAX_EVIDENCE` sentences are kept; older rows keep their date and confidence.
    """
    keep_from = max(0, len(evidence) - MAX_EVIDENCE)
    rows = []
    for i, e in enumerate(evidence):
        row = [
            arts[str(e.get("article", ""))],
            round(float(e.get("confidence", 0.0)), 3),
            preds.get(str(e.get("predicate", "")), -1),
            str(e.get("sentence", "")) if i >= keep_from else None,
        ]
        if e.get("relation"):  # the country view's entity-level statement
            row.append(str(e["relation"]))
        rows.append(row)
    return rows


def _sorted_evidence(evidence: Iterable[dict], arts: dict[str, list]) -> tuple[dict, ...]:
    def key(e: dict) -> tuple:
        row = arts[str(e.get("article", ""))]
        return (row[5], row[0], str(e.get("sentence", "")))

    return tuple(sorted(evidence, key=key))


def payload(view: View, *, physics: bool | None = None) -> dict[str, object]:
    """Return the JSON-ready data of the page: nodes, edges, options, legend, articles and defaults.

    view (View): what to draw.
    physics (bool | None): lay out in the browser (True) or in advance (False); None = by size.
    RETURNS (dict): the page data; `nodes` and `edges` are vis-network records built with pyvis.
    """
    from pyvis.network import Network

    G = view.graph
    n_nodes = G.number_of_nodes()
    large = n_nodes > LARGE if physics is None else not physics
    imp = importance(G, weight="value" if view.kind == "countries" else None)
    pos = precomputed_layout(G, imp, seed=_SEED) if large else {}
    pred_rows = _predicate_rows()
    pred_index = {row[0]: i for i, row in enumerate(pred_rows)}
    all_ev = [e for _, _, d in G.edges(data=True) for e in d["evidence"]]
    art_rows, art_index = _article_rows(view, all_ev)
    by_id = {row[0]: row for row in art_rows}
    ids = {node: i for i, node in enumerate(sorted(G))}

    # actors as countries: country nodes the graph lacks are added, hidden until folded
    fold = {n: t for n, t in view.fold.items() if n in ids}
    extra = sorted({t for t in fold.values() if t[0] not in ids})
    for node, _label in extra:
        ids[node] = len(ids)

    net = Network(directed=True, cdn_resources="in_line")
    for node in sorted(G):
        data = G.nodes[node]
        name = data["label"] or node
        at: dict[str, object] = {"x": pos[node][0], "y": pos[node][1]} if large else {}
        net.add_node(
            ids[node],
            value=round(math.sqrt(imp[node]), 4),  # area grows with centrality
            name=name,
            cls=data["type"],
            iri=_short_iri(data["iri"]),
            imp=imp[node],
            **_given(
                country=data["country"],
                note=data.get("note", ""),
                aka=search_terms(name, data["type"], data["country"]),
                fold=ids[fold[node][0]] if node in fold else None,
            ),
            **at,
        )
    for node, label in extra:
        members = [m for m, t in fold.items() if t[0] == node]
        at = {}
        if large:
            at = {
                "x": round(sum(pos[m][0] for m in members) / len(members)),
                "y": round(sum(pos[m][1] for m in members) / len(members)),
            }
        iso = G.nodes[members[0]]["country"]
        net.add_node(
            ids[node],
            value=round(math.sqrt(max(imp[m] for m in members)), 4),
            name=label,
            cls="Country",
            iri=_short_iri(node),
            imp=0.0,
            extra=True,
            **_given(country=iso, aka=search_terms(label, "Country", iso)),
            **at,
        )

    pair_index: dict[tuple[int, int], int] = {}
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (ids[e[0]], ids[e[1]], e[2]))
    groups: dict[tuple[int, int, str], list[int]] = {}
    for eid, (u, v, _key, data) in enumerate(edges):
        a, b = ids[u], ids[v]
        pair = (min(a, b), max(a, b))
        k = pair_index.get(pair, 0)
        pair_index[pair] = k + 1
        evidence = _sorted_evidence(data["evidence"], by_id)
        folds = u in fold or v in fold
        smooth = _smooth(k, reverse=a > b)
        net.add_edge(
            a,
            b,
            id=eid,
            pred=pred_index.get(data["predicate"], -1),
            ev=_evidence_rows(evidence, art_index, pred_index),
            **_given(
                sym=not data["directed"],
                notes=list(data["notes"]),
                smooth=smooth if smooth["enabled"] else None,
                folded=folds,
            ),
        )
        if view.fold:
            ra = ids[fold[u][0]] if u in fold else a
            rb = ids[fold[v][0]] if v in fold else b
            key = (ra, rb, data["predicate"]) if data["directed"] or ra <= rb else (rb, ra, data["predicate"])
            groups.setdefault(key, []).append(eid)
    nodes, vis_edges, *_ = net.get_network_data()
    for record in nodes:  # pyvis fills in a label, shape and colour; the groups and the viewer draw those
        for key in ("label", "color", "shape"):
            record.pop(key, None)
    for record in vis_edges:  # arrows follow `sym`
        record.pop("arrows", None)
    folded: list[list[object]] = []
    for (ra, rb, pred), parts in sorted(groups.items()):
        if ra == rb or not any(vis_edges[p].get("folded") for p in parts):
            continue
        for p in parts:  # while folded, the folded edge stands for all of them
            vis_edges[p]["folded"] = True
        pair = (min(ra, rb), max(ra, rb))
        k = pair_index.get(pair, 0)
        pair_index[pair] = k + 1
        folded.append([ra, rb, pred_index.get(pred, -1), parts, _smooth(k, reverse=ra > rb)])
    real_nodes = len(nodes) - len(extra)
    structural = [row[0] for row in pred_rows if row[2] == "structural"]
    defaults = {
        "hidePreds": structural if real_nodes > READABLE and view.kind != "countries" else [],
        "top": TOP_ACTORS if real_nodes > LARGE else 0,
    }
    return {
        "view": view.kind,
        "title": view.title,
        "subtitle": view.subtitle,
        "link": view.link if view.link.lower().startswith(("http://", "https://")) else "",
        "large": large,
        "stats": {"nodes": real_nodes, "edges": len(vis_edges)},
        "options": _options((d["type"] for _, d in G.nodes(data=True)), large=large, n_nodes=real_nodes),
        "legend": _legend(view),
        "preds": pred_rows,
        "articles": art_rows,
        "nodes": nodes,
        "edges": vis_edges,
        "folded": folded,
        "defaults": defaults,
        "iriBase": _ENT,
    }


def render(view: View, *, physics: bool | None = None) -> str:
    """Return the complete HTML page of a view; the same view gives the same bytes.

    view (View): what to draw.
    physics (bool | None): lay out in the browser (True) or in advance (False); None = by size.
    RETURNS (str): a self-contained HTML document.
    """
    own = _own_assets()
    vis_js, vis_css = _vis_assets()
    scripts = (vis_js, own["uplot_js"], own["viewer_js"])
    csp = "; ".join(
        (
            "default-src 'none'",
            "script-src " + " ".join(_csp_hash(s) for s in scripts),
            "style-src 'unsafe-inline'",
            "img-src data: blob:",
            "font-src data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    values = {
        "CSP": html.escape(csp, quote=True),
        "TITLE": html.escape(f"kg · {view.title}", quote=True),
        "HEADING": html.escape(view.title, quote=True),
        "SUBTITLE": html.escape(view.subtitle, quote=True),
        "VIEW": html.escape(view.kind, quote=True),
        "VIS_CSS": vis_css,
        "UPLOT_CSS": own["uplot_css"],
        "VIEWER_CSS": own["viewer_css"],
        "DATA": script_json(payload(view, physics=physics)),
        "VIS_JS": vis_js,
        "UPLOT_JS": own["uplot_js"],
        "VIEWER_JS": own["viewer_js"],
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], own["template"])

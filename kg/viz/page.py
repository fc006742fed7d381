"""Render a `View` as one self-contained HTML page (vis-network from pyvis, inlined).

pyvis assembles the vis-network node and edge records (`Network.add_node` / `add_edge`)
and ships vis-network 9.1.2, which is inlined here. Its own template is not used: even
with `cdn_resources="in_line"` it links Bootstrap and tom-select from CDNs, and it hands
tooltips to vis-network as strings. Our page makes no request at all: a Content Security
Policy allows only the page's own two scripts (by hash), no connections and data: images.
Article text only ever reaches the DOM through `textContent` (see `assets/viewer.js`), and
the data travel as JSON in a `<script type="application/json">` block with `<`, `>` and
`&` escaped, so no string can close the block.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from .layout import LARGE, importance, labelled_nodes, precomputed_layout
from .style import FAMILY_COLOURS, FAMILY_ORDER, NODE_STYLES, balance_colour, node_style
from .views import View

__all__ = ["render", "payload", "script_json", "edge_width", "label_sizes", "MAX_EVIDENCE"]

MAX_EVIDENCE = 30  # evidence sentences kept per edge in the page
_ASSETS = Path(__file__).resolve().parent / "assets"
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SEED = 7


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
def _own_assets() -> tuple[str, str, str]:
    """Return (page template, viewer JS, viewer CSS)."""
    return (
        _asset("page.html"),
        _inline_safe(_asset("viewer.js"), "script"),
        _inline_safe(_asset("viewer.css"), "style"),
    )


def _inline_safe(text: str, tag: str) -> str:
    """Make text safe to inline in a raw-text element: no closing tag, no comment opener."""
    return re.sub(f"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE).replace("<!--", "<\\!--")


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _evidence_rows(evidence: tuple[dict, ...]) -> list[list[str]]:
    return [
        [
            str(e.get("article", "")),
            str(e.get("title", "")),
            str(e.get("date", "")),
            str(e.get("sentence", "")),
            str(e.get("relation", "")),
        ]
        for e in evidence[:MAX_EVIDENCE]
    ]


def edge_width(value: float) -> float:
    """Return the drawn width of an edge from its event count (log scale, 1.5 to 10 px).

    >>> edge_width(1), edge_width(4), edge_width(10_000)
    (1.5, 4.5, 10.0)
    """
    return round(min(10.0, 1.5 + 1.5 * math.log2(max(1.0, value))), 2)


def label_sizes(imp: dict[str, float]) -> dict[str, int]:
    """Return a label font size (canvas px) per node, largest for the most central nodes.

    Bigger graphs are drawn zoomed further out, so their top labels get bigger fonts while
    labels past rank `k` keep the base size and fall under vis-network's draw threshold until
    the user zooms in: labels thin by importance. `maxVisible` caps them on screen.

    >>> sizes = label_sizes({f"n{i}": 1 / (i + 1) for i in range(1000)})
    >>> sizes["n0"], sizes["n20"], sizes["n999"]
    (98, 71, 12)
    """
    n = len(imp)
    top = round(min(300.0, max(22.0, 22.0 * math.sqrt(n / 50))))
    k = max(10.0, 2.0 * math.sqrt(n))
    ranked = sorted(imp, key=lambda node: (-imp[node], node))
    return {node: round(12 + (top - 12) * max(0.0, 1.0 - r / k)) for r, node in enumerate(ranked)}


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
            "color": {"background": node_style(cls).colour, "border": "#333333"},
        }
        for cls in sorted({*NODE_STYLES, *classes})
    }
    iterations = 300 if n_nodes <= 300 else 200
    return {
        "autoResize": True,
        "groups": groups,
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            # size and label size follow centrality (`value`); small labels vanish when zoomed out
            "scaling": {
                "min": 8,
                "max": 40,
                # label sizes are set per node by rank (`label_sizes`); these bound them on screen
                "label": {"enabled": False, "maxVisible": 26, "drawThreshold": 5 if n_nodes <= 50 else 8},
            },
        },
        "edges": {
            "font": {
                "size": 11,
                "face": "system-ui, sans-serif",
                "color": "#333333",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
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
            "multiselect": True,
        },
        "layout": {"randomSeed": _SEED, "improvedLayout": n_nodes <= 150},
    }


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
    preds: dict[str, list] = {}
    for _, _, data in G.edges(data=True):
        row = preds.setdefault(data["predicate"], [data["predicate"], data["label"], data["family"], 0])
        row[3] += 1
    if view.kind == "countries":
        names = {"cooperation": "mostly cooperation", "mixed": "mixed", "conflict": "mostly conflict"}
        colours = {
            "cooperation": balance_colour(1.0),
            "mixed": balance_colour(0.0),
            "conflict": balance_colour(-1.0),
        }
        fam_rows = [[f, colours[f]] for f in ("cooperation", "mixed", "conflict")]
        pred_rows = [
            [p, names[p], p, preds[p][3], colours[p]]
            for p in ("cooperation", "mixed", "conflict")
            if p in preds
        ]
    else:
        fam_rank = {f: i for i, f in enumerate(FAMILY_ORDER)}
        fam_rows = [[f, FAMILY_COLOURS[f]] for f in FAMILY_ORDER]
        pred_rows = [
            [p, label, fam, n, FAMILY_COLOURS.get(fam, FAMILY_COLOURS["structural"])]
            for p, label, fam, n in sorted(preds.values(), key=lambda r: (fam_rank.get(r[2], 9), r[1]))
        ]
    return {
        "classes": cls_rows,
        "families": fam_rows,
        "predicates": pred_rows,
        "balance": view.kind == "countries",
    }


def payload(view: View, *, physics: bool | None = None) -> dict[str, object]:
    """Return the JSON-ready data of the page: nodes, edges, options, legend and counts.

    view (View): what to draw.
    physics (bool | None): lay out in the browser (True) or in advance (False); None = by size.
    RETURNS (dict): the page data; `nodes` and `edges` are vis-network records built with pyvis.
    """
    from pyvis.network import Network

    G = view.graph
    large = G.number_of_nodes() > LARGE if physics is None else not physics
    imp = importance(G, weight="value" if view.kind == "countries" else None)
    shown = labelled_nodes(imp, thin=large)
    fonts = label_sizes(imp)
    pos = precomputed_layout(G, imp, seed=_SEED) if large else {}
    ids = {node: i for i, node in enumerate(sorted(G))}
    net = Network(directed=True, cdn_resources="in_line")
    for node, i in ids.items():
        data = G.nodes[node]
        name = data["label"] or node
        extra: dict[str, object] = {"x": pos[node][0], "y": pos[node][1]} if large else {}
        if node in shown:
            extra["font"] = {"size": fonts[node]}
        net.add_node(
            i,
            label=name,
            shape=node_style(data["type"]).shape,
            group=data["type"],
            value=round(math.sqrt(imp[node]), 4),  # area grows with centrality
            name=name,
            cls=data["type"],
            country=data["country"],
            iri=data["iri"],
            note=data.get("note", ""),
            **extra,
        )
        if node not in shown:
            net.node_map[i]["label"] = ""
    pair_index: dict[tuple[int, int], int] = {}
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (ids[e[0]], ids[e[1]], e[2]))
    for eid, (u, v, _key, data) in enumerate(edges):
        a, b = ids[u], ids[v]
        pair = (min(a, b), max(a, b))
        k = pair_index.get(pair, 0)
        pair_index[pair] = k + 1
        evidence = tuple(data["evidence"])
        net.add_edge(
            a,
            b,
            id=eid,
            label=data["label"] if (u in shown and v in shown) else "",
            pred=data["predicate"],
            family=data["family"],
            color={"color": data["colour"], "highlight": data["colour"], "hover": data["colour"]},
            arrows={"to": {"enabled": bool(data["directed"]), "scaleFactor": 0.6}},
            sym=not data["directed"],
            width=edge_width(data["value"]),
            conf=round(float(data["confidence"]), 3),
            notes=list(data["notes"]),
            ev=_evidence_rows(evidence),
            evMore=max(0, len(evidence) - MAX_EVIDENCE),
            smooth=_smooth(k, reverse=a > b),
        )
    nodes, vis_edges, *_ = net.get_network_data()
    return {
        "view": view.kind,
        "title": view.title,
        "subtitle": view.subtitle,
        "large": large,
        "stats": {"nodes": len(nodes), "edges": len(vis_edges)},
        "options": _options((d["type"] for _, d in G.nodes(data=True)), large=large, n_nodes=len(nodes)),
        "legend": _legend(view),
        "nodes": nodes,
        "edges": vis_edges,
    }


def render(view: View, *, physics: bool | None = None) -> str:
    """Return the complete HTML page of a view; the same view gives the same bytes.

    view (View): what to draw.
    physics (bool | None): lay out in the browser (True) or in advance (False); None = by size.
    RETURNS (str): a self-contained HTML document.
    """
    template, viewer_js, viewer_css = _own_assets()
    vis_js, vis_css = _vis_assets()
    csp = "; ".join(
        (
            "default-src 'none'",
            f"script-src {_csp_hash(vis_js)} {_csp_hash(viewer_js)}",
            "style-src 'unsafe-inline'",
            "img-src data:",
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
        "VIEWER_CSS": viewer_css,
        "DATA": script_json(payload(view, physics=physics)),
        "VIS_JS": vis_js,
        "VIEWER_JS": viewer_js,
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)

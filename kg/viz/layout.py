"""Node importance and a precomputed layout for large views (labels are placed by the viewer).

Small views are laid out in the browser by vis-network physics, which stops once stable.
Past `LARGE` nodes that gets slow, so the layout is computed here, deterministically: each
connected component is laid out with networkx's ForceAtlas2 (spring layout before networkx
3.4) on its most central `BACKBONE` nodes; the other nodes sit in a sunflower spiral around
their most central placed neighbour; components are packed in rows under the largest one.
"""

from __future__ import annotations

import heapq
import math
from collections import deque

import networkx as nx

__all__ = ["LARGE", "BACKBONE", "importance", "precomputed_layout"]

LARGE = 1000  # more nodes than this: precomputed layout, physics off
BACKBONE = 300  # nodes per component given to the spring layout
SPACING = 55.0  # canvas pixels per node, roughly
_GOLDEN = math.pi * (3.0 - math.sqrt(5.0))


def importance(G: nx.MultiDiGraph, *, weight: str | None = None) -> dict[str, float]:
    """Return degree centrality in [0, 1] over distinct neighbours (or summed edge `weight`).

    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "c"), ("a", "b")])
    >>> importance(G)
    {'a': 1.0, 'b': 0.5, 'c': 0.5}
    """
    U = nx.Graph()
    U.add_nodes_from(sorted(G))
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        w = float(data.get(weight, 1.0)) if weight else 1.0
        if U.has_edge(u, v):
            if weight:
                U[u][v]["w"] += w
        else:
            U.add_edge(u, v, w=w)
    if weight:
        degree = dict(U.degree(weight="w"))
        top = max(degree.values(), default=0.0) or 1.0
        return {n: round(degree[n] / top, 6) for n in sorted(degree)}
    cent = nx.degree_centrality(U) if len(U) > 1 else {n: 1.0 for n in U}
    top = max(cent.values(), default=0.0) or 1.0
    return {n: round(cent[n] / top, 6) for n in sorted(cent)}


def _undirected(G: nx.MultiDiGraph) -> nx.Graph:
    U = nx.Graph()
    U.add_nodes_from(sorted(G))
    U.add_edges_from(sorted((u, v) for u, v in G.edges() if u != v))
    return U


def _sunflower(k: int, step: float) -> tuple[float, float]:
    r = step * math.sqrt(k + 1.0)
    return r * math.cos(k * _GOLDEN), r * math.sin(k * _GOLDEN)


def _backbone(U: nx.Graph, nodes: list[str], imp: dict[str, float]) -> list[str]:
    """Return up to `BACKBONE` central nodes of a component that stay connected among themselves.

    Grows from the most central node, always adding the most central neighbour of the set, so
    the force layout sees one connected piece (disconnected pieces would fly apart).
    """
    rank = {n: (-imp.get(n, 0.0), n) for n in nodes}
    start = min(nodes, key=rank.__getitem__)
    chosen = {start}
    frontier = [(rank[nb], nb) for nb in U[start]]
    heapq.heapify(frontier)
    while frontier and len(chosen) < BACKBONE:
        _, node = heapq.heappop(frontier)
        if node in chosen:
            continue
        chosen.add(node)
        for nb in U[node]:
            if nb not in chosen:
                heapq.heappush(frontier, (rank[nb], nb))
    return sorted(chosen)


def _core_layout(sub: nx.Graph, seed: int) -> dict:
    """Lay out at most `BACKBONE` nodes in [-1, 1]^2: ForceAtlas2 (networkx >= 3.4), else spring."""
    if len(sub) <= 3:
        return nx.circular_layout(sub)
    forceatlas2 = getattr(nx, "forceatlas2_layout", None)
    if forceatlas2 is not None:
        pos = forceatlas2(sub, seed=seed, max_iter=150)
    else:
        pos = nx.spring_layout(sub, seed=seed, iterations=60)
    return nx.rescale_layout_dict(pos)


def _component_layout(U: nx.Graph, nodes: list[str], imp: dict[str, float], seed: int) -> dict:
    """Lay out one component around (0, 0); returns {node: (x, y)}."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    core = _backbone(U, nodes, imp)
    radius = SPACING * math.sqrt(len(nodes)) * (0.5 if len(nodes) <= 3 else 1.2)
    pos = {
        n: (float(x) * radius, float(y) * radius)
        for n, (x, y) in _core_layout(U.subgraph(core), seed).items()
    }
    if len(core) == len(nodes):
        return pos
    children: dict[str, int] = {}
    queue = deque(sorted(core, key=lambda n: (-imp.get(n, 0.0), n)))
    while queue:
        anchor = queue.popleft()
        for nb in sorted(U[anchor], key=lambda n: (-imp.get(n, 0.0), n)):
            if nb in pos:
                continue
            k = children.get(anchor, 0)
            children[anchor] = k + 1
            dx, dy = _sunflower(k, SPACING * 0.6)
            ax, ay = pos[anchor]
            pos[nb] = (ax + dx, ay + dy)
            queue.append(nb)
    return pos


def precomputed_layout(G: nx.MultiDiGraph, imp: dict[str, float], *, seed: int = 7) -> dict[str, tuple]:
    """Return integer canvas positions for every node of G, the same for the same graph.

    G (nx.MultiDiGraph): the view graph.
    imp (dict): node importance, from `importance`.
    seed (int): seed of the spring layout.
    RETURNS (dict[str, tuple[int, int]]): node -> (x, y).
    """
    U = _undirected(G)
    comps = sorted((sorted(c) for c in nx.connected_components(U)), key=lambda c: (-len(c), c[0]))
    placed: list[tuple[dict, float]] = []
    for comp in comps:
        pos = _component_layout(U, comp, imp, seed)
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 + SPACING / 2
        placed.append(({n: (x - cx, y - cy) for n, (x, y) in pos.items()}, half))
    out: dict[str, tuple[int, int]] = {}
    if not placed:
        return out
    first, r0 = placed[0]
    out.update({n: (round(x), round(y)) for n, (x, y) in first.items()})
    width = max(2 * r0, math.sqrt(sum((2 * r) ** 2 for _, r in placed)))
    x0, y0, row_h = -width / 2, r0 + SPACING, 0.0
    x = x0
    for pos, half in placed[1:]:
        if x + 2 * half > x0 + width and x > x0:
            x, y0, row_h = x0, y0 + row_h + SPACING / 2, 0.0
        cx, cy = x + half, y0 + half
        out.update({n: (round(px + cx), round(py + cy)) for n, (px, py) in pos.items()})
        x += 2 * half + SPACING / 4
        row_h = max(row_h, 2 * half)
    return dict(sorted(out.items()))

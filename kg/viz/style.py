"""Colours and shapes of the network views: one style per node class and per edge family.

Colours come from a colour-blind-safe palette (Okabe-Ito, Tol); shapes differ too, so
classes stay apart in greyscale prints.

>>> balance_colour(1.0), balance_colour(-1.0)
('#1b7837', '#b2182b')
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "NodeStyle",
    "NODE_STYLES",
    "FAMILY_COLOURS",
    "FAMILY_ORDER",
    "node_style",
    "balance_colour",
    "BALANCE_STOPS",
]


@dataclass(frozen=True, slots=True)
class NodeStyle:
    """How a node class is drawn: vis-network shape name and fill colour."""

    shape: str
    colour: str


NODE_STYLES: dict[str, NodeStyle] = {
    "Country": NodeStyle("dot", "#0072b2"),
    "Person": NodeStyle("diamond", "#e69f00"),
    "Organization": NodeStyle("square", "#009e73"),
    "Bloc": NodeStyle("hexagon", "#56b4e9"),
    "City": NodeStyle("triangle", "#cc79a7"),
    "Region": NodeStyle("triangleDown", "#a6761d"),
    "Place": NodeStyle("triangle", "#b19cd9"),
    "Facility": NodeStyle("star", "#7f7f7f"),
    "Item": NodeStyle("star", "#d55e00"),
    "Policy": NodeStyle("square", "#f0e442"),
    "Agreement": NodeStyle("hexagon", "#999933"),
    "Actor": NodeStyle("dot", "#882255"),
}
_FALLBACK = NodeStyle("dot", "#b0b0b0")

FAMILY_ORDER = ("cooperation", "conflict", "structural")
FAMILY_COLOURS: dict[str, str] = {
    "cooperation": "#1b7837",
    "conflict": "#b2182b",
    "structural": "#6b7b8c",
}

# Diverging scale for the country view, from all-conflict (-1) to all-cooperation (+1).
BALANCE_STOPS: tuple[tuple[float, tuple[int, int, int]], ...] = (
    (-1.0, (0xB2, 0x18, 0x2B)),
    (0.0, (0x9E, 0x9E, 0x9E)),
    (1.0, (0x1B, 0x78, 0x37)),
)


def node_style(cls: str) -> NodeStyle:
    """Return the style of a node class (a neutral grey dot for unknown classes)."""
    return NODE_STYLES.get(cls, _FALLBACK)


def balance_colour(balance: float) -> str:
    """Return a hex colour for a cooperation/conflict balance in [-1, 1] (linear interpolation)."""
    b = max(-1.0, min(1.0, balance))
    for (x0, c0), (x1, c1) in zip(BALANCE_STOPS, BALANCE_STOPS[1:], strict=False):
        if b <= x1:
            t = (b - x0) / (x1 - x0)
            rgb = tuple(round(a + (z - a) * t) for a, z in zip(c0, c1, strict=True))
            return "#{:02x}{:02x}{:02x}".format(*rgb)
    return "#{:02x}{:02x}{:02x}".format(*BALANCE_STOPS[-1][1])

"""Colours, shapes and line styles of the network views: one style per node class and per edge family.

Colours come from colour-blind-safe palettes (Okabe-Ito for node classes, ColorBrewer RdBu
for cooperation against conflict); shapes differ too, and conflict is drawn dashed, so
classes and families stay apart in greyscale prints and for readers who cannot tell the
hues apart.

>>> balance_colour(1.0), balance_colour(0.0), balance_colour(-1.0)
('#2166ac', '#bdbdbd', '#b2182b')
>>> balance_dashes(-0.5), balance_dashes(0.0), balance_dashes(0.5)
([8, 5], [2, 4], False)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "NodeStyle",
    "NODE_STYLES",
    "FAMILY_COLOURS",
    "FAMILY_DASHES",
    "FAMILY_ORDER",
    "node_style",
    "balance_colour",
    "balance_dashes",
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
# RdBu ends: blue and red stay apart for deuteranopes, protanopes and tritanopes alike.
FAMILY_COLOURS: dict[str, str] = {
    "cooperation": "#2166ac",
    "conflict": "#b2182b",
    "structural": "#8a8a8a",
}
# The non-colour cue: conflict dashed, cooperation solid, structural dotted.
FAMILY_DASHES: dict[str, object] = {
    "cooperation": False,
    "conflict": [8, 5],
    "structural": [2, 4],
}

# Diverging scale for the country view, from all-conflict (-1) to all-cooperation (+1) (RdBu).
BALANCE_STOPS: tuple[tuple[float, tuple[int, int, int]], ...] = (
    (-1.0, (0xB2, 0x18, 0x2B)),
    (-0.5, (0xEF, 0x8A, 0x62)),
    (0.0, (0xBD, 0xBD, 0xBD)),
    (0.5, (0x67, 0xA9, 0xCF)),
    (1.0, (0x21, 0x66, 0xAC)),
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


def balance_dashes(balance: float) -> object:
    """Return the line style of a balance: dashed for net conflict, dotted if even, else solid."""
    if balance < 0:
        return FAMILY_DASHES["conflict"]
    if balance == 0:
        return FAMILY_DASHES["structural"]
    return FAMILY_DASHES["cooperation"]

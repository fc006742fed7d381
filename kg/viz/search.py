"""Search terms of the nodes in a view: canonical names and the gazetteer's aliases.

Only entities present in the view ship their aliases. A country also answers to its seats of
government and capital (*Kremlin*, *Moscow* → Russia) and its demonyms (*Russian*).

>>> "US" in search_terms("United States", "Country", "USA")
True
>>> "Kremlin" in search_terms("Russia", "Country", "RUS")
True
>>> "ISIS" in search_terms("Islamic State", "Organization", "")
True
>>> search_terms("Nobody Known", "Person", "")
[]
"""

from __future__ import annotations

from functools import cache

from ..gazetteer import load_gazetteer

__all__ = ["search_terms", "MAX_TERMS"]

MAX_TERMS = 24  # aliases shipped per node at most


@cache
def _seats() -> dict[str, tuple[str, ...]]:
    """ISO3 -> names and aliases of the places that stand for the country (seats, capitals)."""
    out: dict[str, list[str]] = {}
    for entry in load_gazetteer():
        if entry.seat_of:
            out.setdefault(entry.seat_of, []).extend(entry.surface_forms)
    return {iso: tuple(forms) for iso, forms in out.items()}


def _key(text: str) -> str:
    text = " ".join(text.replace(".", "").split()).lower()
    return text[4:] if text.startswith("the ") else text


def search_terms(name: str, cls: str, country: str) -> list[str]:
    """Return the other names a node answers to: gazetteer aliases, and for countries seats and demonyms.

    name (str): the node's label (the canonical name for gazetteer entities).
    cls (str): its class; country (str): its ISO3 code or "".
    RETURNS (list[str]): distinct terms (by lower-case, dot-less key), the name itself left out.
    """
    gaz = load_gazetteer()
    entry = gaz.get(name)
    terms: list[str] = list(entry.aliases) if entry is not None else []
    if cls == "Country" and country:
        if entry is None and (known := gaz.country(country)) is not None and known.name != name:
            terms = [known.name, *known.aliases]
        terms += [*_seats().get(country, ()), *gaz.demonyms_of(country)]
    seen = {_key(name)}
    out: list[str] = []
    for term in terms:
        key = _key(term)
        if key and key not in seen:
            seen.add(key)
            out.append(term)
    return out[:MAX_TERMS]

"""The article's home country: the one most of its place names and demonyms point to.

A bare state title ("Culture Minister Latifa Lakhdar", "Army spokesman X", "Prime Minister X")
names no country; a reader takes it from the story. `home_country` gives that country only
when the article leaves no doubt: enough mentions, and a clear majority of them.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from ..gazetteer import Gazetteer
from ..records import EntityClass
from .names import clean_name, country_of_word

__all__ = ["home_country"]

_COUNTED_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC"})
_PLACE_CLASSES = frozenset({EntityClass.CITY, EntityClass.REGION, EntityClass.PLACE})
MIN_MENTIONS = 3  # fewer country mentions than this: the article has no home
MIN_SHARE = 0.5  # the home country's share of the country mentions


def _iso(gaz: Gazetteer, text: str) -> str | None:
    """The country a place name or demonym points to: its own, or the country a place lies in."""
    iso = country_of_word(gaz, text)
    if iso:
        return iso
    entry = gaz.lookup(clean_name(text))
    if entry is not None and entry.type in _PLACE_CLASSES and entry.country:
        return entry.country
    return None


def home_country(doc: Doc, gaz: Gazetteer) -> str | None:
    """ISO3 of the country most of an article's places and demonyms point to, or None when no country
    holds a clear majority of at least `MIN_MENTIONS` such mentions."""
    counts = Counter(
        iso for ent in doc.ents if ent.label_ in _COUNTED_LABELS and (iso := _iso(gaz, ent.text))
    )
    if not counts:
        return None
    (iso, top), *rest = counts.most_common(2)
    total = sum(counts.values())
    if top < MIN_MENTIONS or top < MIN_SHARE * total or (rest and rest[0][1] == top):
        return None
    return iso

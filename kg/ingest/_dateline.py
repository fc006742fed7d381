"""Recognise a news dateline at the start of a paragraph: place and agency.

The dateline is only read, never removed: later stages cite the text as evidence.
Run this on normalised text (dashes are already ASCII "-").

>>> parse_dateline("SEOUL, South Korea (AP) - Russian President Vladimir Putin arrived.")
Dateline(place='SEOUL, South Korea', agency='AP')
>>> parse_dateline("MOSCOW, Jan. 5 (AFP) - The Kremlin said.")
Dateline(place='MOSCOW', agency='AFP')
>>> parse_dateline("The visit (first in 24 years) - it was noted.") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Dateline", "parse_dateline"]

_WORD = r"[A-Z][\w.'&]*(?:-[\w.']+)*"  # a capitalised word: Seoul, ST., Bosnia-Herzegovina
_CAPS_WORD = r"[A-Z][A-Z.'&]*(?:-[A-Z.']+)*"  # an all-caps word: SEOUL, ST., AL-ARISH
_SEGMENT = r"[A-Z0-9][\w.'&]*(?:-[\w.']+)*(?:\s+[\w.'&]+(?:-[\w.']+)*){0,4}"  # South Korea, Jan. 5
_AGENCY = r"[A-Za-z][\w.&/' -]{0,39}?"
_SEPARATOR = r"\s*(?:-{1,3}|:)\s+"

# CITY[, Region][, date] (Agency) -   e.g. "SEOUL, South Korea (AP) - ", "Washington (Reuters) - "
_WITH_AGENCY = re.compile(
    rf"(?P<place>{_WORD}(?:\s+{_WORD}){{0,3}}(?:,\s*{_SEGMENT}){{0,3}})\s*\((?P<agency>{_AGENCY})\)"
    + _SEPARATOR
)
# CITY[, Region] -   with the city in capitals, e.g. "WASHINGTON - ", "GAZA CITY, Gaza Strip - "
_WITHOUT_AGENCY = re.compile(
    rf"(?P<place>{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}(?:,\s*{_SEGMENT}){{0,3}})\s+-{{1,3}}\s+"
)
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
    r"|January|February|March|April|June|July|August|September|October|November|December"
)
# A date segment of the dateline, dropped from the place: "Jan. 5", "5 January 2024", "2024".
_DATE_SEGMENT = re.compile(rf"(?:(?:{_MONTH})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{_MONTH}))(?:\s+\d{{4}})?|\d{{4}}")
_MIN_BARE_PLACE = 5  # "WASHINGTON -" is a dateline; "NATO -" or "UN -" is not
_MAX_MIXED_CASE_WORDS = 3  # "Seoul (AP) -" is a dateline; "Russian President Vladimir Putin (AP) -" is not
_FUNCTION_WORDS = frozenset({"A", "An", "The", "In", "On", "At", "From", "For", "By", "As", "This", "That"})


@dataclass(frozen=True, slots=True)
class Dateline:
    """Where and by whom a story was filed."""

    place: str
    agency: str = ""


def _place(raw: str) -> str:
    """Drop date segments from a dateline place: 'MOSCOW, Jan. 5' -> 'MOSCOW'."""
    head, *rest = (part.strip() for part in raw.split(","))
    return ", ".join([head, *(part for part in rest if not _DATE_SEGMENT.fullmatch(part))])


def _plausible_city(head: str) -> bool:
    """An all-caps city, or a short capitalised name that does not open like a sentence."""
    words = head.split()
    if head.upper() == head:
        return True
    return len(words) <= _MAX_MIXED_CASE_WORDS and words[0] not in _FUNCTION_WORDS


def parse_dateline(paragraph: str) -> Dateline | None:
    """Return the dateline that opens `paragraph`, or None when there is none.

    paragraph (str): a normalised paragraph (the first one of the body).
    RETURNS (Dateline | None): the place as written (date dropped) and the agency.
    """
    match = _WITH_AGENCY.match(paragraph)
    if match and _plausible_city(match["place"].split(",")[0]):
        return Dateline(place=_place(match["place"]), agency=match["agency"].strip())
    match = _WITHOUT_AGENCY.match(paragraph)
    if match:
        place = _place(match["place"])
        if "," in place or len(place) >= _MIN_BARE_PLACE:
            return Dateline(place=place)
    return None

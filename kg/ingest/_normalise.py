"""Character and paragraph normalisation shared by every reader.

`normalise_chars` fixes characters (quotes, dashes, spaces, invisible and control
characters, NFC); `split_paragraphs` turns text into whitespace-collapsed paragraphs;
`join_paragraphs` lays them out with exactly one blank line between them.

>>> normalise_chars("\u201cIt\u2019s\u00a0here\u201d \u2014 now\u200b")
'"It\\'s here" - now'
>>> split_paragraphs("Title\\n\\n  one\\n two \\n\\n\\n\\nthree")
['Title', 'one two', 'three']
>>> join_paragraphs(["Title", "one two"])
'Title\\n\\none two'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["normalise_chars", "split_paragraphs", "join_paragraphs", "clean_line"]

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f"
# hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus sign
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

_TABLE: dict[int, str | None] = {
    **{ord(c): "'" for c in _SINGLE_QUOTES},
    **{ord(c): '"' for c in _DOUBLE_QUOTES},
    **{ord(c): "-" for c in _DASHES},
    ord("\t"): " ",
    ord("\v"): "\n",
    ord("\f"): "\n",
    ord("\x85"): "\n",  # NEL
    ord("\u2028"): "\n",  # line separator
    ord("\u2029"): "\n\n",  # paragraph separator
}
_SURROGATES = re.compile("[\ud800-\udfff]")
_NEWLINES = re.compile(r"\r\n?")
# Unicode 14 category Zs (other than U+0020), then Cc (other than LF) and Cf: zero-width
# spaces and joiners, BOM, soft hyphen, bidi marks, invisible operators, tag characters.
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_CONTROLS = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")
_WHITESPACE = re.compile(r"\s+")


def normalise_chars(text: str) -> str:
    """Return `text` with typographic quotes and dashes made ASCII, Unicode spaces made
    plain spaces, zero-width and control characters (except newline) removed, lone
    surrogates replaced by U+FFFD, CR/CRLF made LF, and the result NFC-normalised.
    """
    text = _NEWLINES.sub("\n", _SURROGATES.sub("\ufffd", text))
    text = unicodedata.normalize("NFC", text).translate(_TABLE)
    text = _CONTROLS.sub("", _SPACES.sub(" ", text))
    return unicodedata.normalize("NFC", text)


def clean_line(text: str) -> str:
    """Collapse every run of whitespace (newlines included) to one space and strip."""
    return _WHITESPACE.sub(" ", text).strip()


def split_paragraphs(text: str, *, line_breaks: bool = False) -> list[str]:
    """Split on blank lines and collapse whitespace inside each paragraph.

    line_breaks (bool): also treat every single newline as a paragraph break.
    RETURNS (list[str]): the non-empty paragraphs, in order.
    """
    parts = text.split("\n") if line_breaks else _BLANK_LINES.split(text)
    return [p for p in (clean_line(part) for part in parts) if p]


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Join non-empty paragraphs with exactly one blank line between them."""
    return "\n\n".join(p for p in paragraphs if p)

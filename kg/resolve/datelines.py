"""Datelines (`SEOUL, South Korea (AP) -`): where they are, so that their names are not actors."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..records import Article

__all__ = ["dateline_end", "dateline_start", "in_dateline", "doc_text"]

_TEXT_KEY = "kg.text"

_DATELINE_TAIL = re.compile(r"[^\n]{0,80}?(?:\)\s*)?[-:]+\s")


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once per Doc (`Doc.text` joins every token again on each call)."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def dateline_end(doc: Doc, article: Article) -> int:
    """Character offset where the dateline (`SEOUL, South Korea (AP) -`) ends, or 0 without one."""
    if not article.place:
        return 0
    text = doc_text(doc)
    at = text.find(article.place)
    if at < 0:
        return 0
    m = _DATELINE_TAIL.match(text, at + len(article.place))
    return m.end() if m else at + len(article.place)


def dateline_start(doc: Doc, article: Article) -> int:
    """Character offset where the dateline starts (the end of the text without one)."""
    text = doc_text(doc)
    at = text.find(article.place) if article.place else -1
    return at if at >= 0 else len(text)


def in_dateline(span: Span, start: int, end: int) -> bool:
    """True for names inside the dateline (`start`/`end`: `dateline_start`, `dateline_end`): they are
    metadata, not actors of the first sentence."""
    return start <= span.start_char < end

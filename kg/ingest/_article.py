"""Assemble an `Article` from a headline and body paragraphs: the one place that lays out
`Article.text` and reads the dateline.

>>> a = make_article("x", "Talks end", ["WASHINGTON (Reuters) - Talks ended.", "More."], path="x.txt")
>>> a.text
'Talks end\\n\\nWASHINGTON (Reuters) - Talks ended.\\n\\nMore.'
>>> (a.title, a.place, a.agency)
('Talks end', 'WASHINGTON', 'Reuters')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.ingest._dateline import parse_dateline
from kg.ingest._normalise import clean_line, join_paragraphs, normalise_chars
from kg.records import Article, Skipped

__all__ = ["Source", "Located", "Item", "make_article", "meta_value"]


@dataclass(frozen=True, slots=True)
class Source:
    """A file to read: the path as the caller gave it and the article id it implies."""

    path: str
    id: str


@dataclass(frozen=True, slots=True)
class Located:
    """An article with the line it came from (JSONL), for duplicate-id reports."""

    article: Article
    line: int | None = None


Item = Located | Skipped


def meta_value(value: object) -> str:
    """A metadata field as one clean line ('' for None, containers and booleans)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return clean_line(normalise_chars(str(value)))


def make_article(
    article_id: str,
    title: str,
    body: Sequence[str],
    *,
    path: str,
    source: str = "",
    date: str = "",
    url: str = "",
) -> Article:
    """Build an Article whose text is the headline paragraph, then the body paragraphs.

    article_id (str): the article id.
    title (str): the normalised headline ('' when there is none).
    body (Sequence[str]): normalised, whitespace-collapsed body paragraphs.
    path (str): the source path as given.
    RETURNS (Article): with the dateline of the first body paragraph as place/agency.
    """
    paragraphs = [title, *body] if title else list(body)
    dateline = parse_dateline(body[0]) if body else None
    return Article(
        id=article_id,
        text=join_paragraphs(paragraphs),
        title=title,
        source=source,
        date=date,
        url=url,
        place=dateline.place if dateline else "",
        agency=dateline.agency if dateline else "",
        path=path,
    )

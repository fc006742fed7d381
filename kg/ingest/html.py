"""Reader for HTML (`.html`, `.htm`): the main text via trafilatura, with title, date,
url and site name from its metadata; a stdlib `HTMLParser` extraction is the fallback
when trafilatura finds nothing. Script, style and other non-content elements never
reach the text.

>>> html_to_text("<title>T</title><script>x()</script><p>One &amp; two.</p><p>Three</p>")
('T', ['One & two.', 'Three'])
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

from kg.errors import InputError
from kg.ingest._article import Item, Located, Source, make_article, meta_value
from kg.ingest._decode import decode_text
from kg.ingest._normalise import clean_line, normalise_chars, split_paragraphs

__all__ = ["read_html", "html_to_text", "extract_main_text"]

# Elements whose content is never article text.
_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "head"}
)
# Elements that end a paragraph.
_BLOCKS = frozenset(
    {
        "p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "tr",
        "table", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote", "pre",
        "figure", "figcaption", "form", "address", "details", "summary", "body", "html",
    }
)  # fmt: skip
# Elements whose text is kept apart from its neighbours by a space.
_CELLS = frozenset({"td", "th"})
_VOID = frozenset(
    {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"}
)


class _TextParser(HTMLParser):
    """Collect visible text with paragraph breaks at block elements, plus title and h1."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] = []
        self._skip = 0
        self._in_title = False
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Enter an element."""
        if tag == "title":
            self._in_title = True
        elif tag in _SKIP and tag not in _VOID:
            self._skip += 1
        if tag == "h1":
            self._in_h1 = True
        if tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag in _CELLS:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A self-closing element: only its paragraph break matters."""
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        """Leave an element."""
        if tag == "title":
            self._in_title = False
        elif tag in _SKIP and self._skip:
            self._skip -= 1
        if tag == "h1":
            self._in_h1 = False
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        """Keep text outside skipped elements."""
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)
            if self._in_h1:
                self.h1.append(data)


def html_to_text(markup: str) -> tuple[str, list[str]]:
    """Extract a title and paragraphs with the stdlib parser (the fallback extractor).

    RETURNS (tuple[str, list[str]]): the `<title>` (else first `<h1>`) and the paragraphs.
    """
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    title = clean_line(normalise_chars("".join(parser.title) or "".join(parser.h1)))
    return title, split_paragraphs(normalise_chars("".join(parser.parts)))


def extract_main_text(markup: str) -> dict[str, str] | None:
    """Run trafilatura on a page; None when it finds no text (or fails on the markup).

    RETURNS (dict[str, str] | None): keys text, title, date, url, sitename.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception:  # third-party parser on untrusted markup: fall back, never crash
        return None
    if doc is None or not (doc.text or "").strip():
        return None
    fields = ("text", "title", "date", "url", "sitename")
    return {name: getattr(doc, name, None) or "" for name in fields}


def _drop_repeated_title(title: str, body: list[str]) -> list[str]:
    """Drop the first paragraph when it repeats the headline."""
    if title and body and body[0].casefold() == title.casefold():
        return body[1:]
    return body


def read_html(data: bytes, source: Source) -> Iterator[Item]:
    """Read one HTML article."""
    markup = decode_text(data, path=source.path, html=True)
    if not normalise_chars(markup).strip():
        raise InputError(source.path, "empty file")
    found = extract_main_text(markup)
    if found is not None:
        title = meta_value(found["title"])
        body = split_paragraphs(normalise_chars(found["text"]), line_breaks=True)
        meta = {key: meta_value(found[key]) for key in ("date", "url", "sitename")}
    else:
        title, body = html_to_text(markup)
        meta = {"date": "", "url": "", "sitename": ""}
    body = _drop_repeated_title(title, body)
    if not body:
        raise InputError(source.path, "no text found in HTML")
    yield Located(
        make_article(
            source.id,
            title,
            body,
            path=source.path,
            source=meta["sitename"],
            date=meta["date"],
            url=meta["url"],
        )
    )

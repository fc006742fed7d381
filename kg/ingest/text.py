"""Readers for plain text (`.txt`) and Markdown (`.md`): the first non-empty line is the
headline, the rest is the body.

Markdown is reduced to plain text first: heading marks, emphasis, links, images, code
fences, list and quote markers, tables, HTML tags and YAML front matter are removed;
headings and list items become paragraphs of their own.

>>> split_headline("  \\nPutin in Pyongyang\\nHe arrived.\\n\\nTalks began.")
('Putin in Pyongyang', ['He arrived.', 'Talks began.'])
>>> markdown_to_text("# The **big** [summit](http://x.org)\\n![map](m.png)\\nTalks `began`.")
'\\nThe big summit\\n\\n\\nTalks began.'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from kg.errors import InputError
from kg.ingest._article import Item, Located, Source, make_article, meta_value
from kg.ingest._decode import decode_text
from kg.ingest._normalise import clean_line, normalise_chars, split_paragraphs

__all__ = ["read_text", "read_markdown", "split_headline", "markdown_to_text", "split_front_matter"]

# --- block-level Markdown --------------------------------------------------------------
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?")
_TABLE_DIVIDER = re.compile(r"^(?=[^|]*\|)(?=[^-]*-)[\s|:-]+$")
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|?\s*$")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
# --- inline Markdown -------------------------------------------------------------------
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_ESCAPED = re.compile("[\U000f0000-\U000f007f]")  # placeholders for escaped characters
_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_STAR_EM = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*")
_UNDERSCORE_EM = re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_META_KEYS = ("title", "date", "source", "url")


def split_headline(text: str) -> tuple[str, list[str]]:
    """Split normalised text into its first non-empty line and the body paragraphs."""
    head, _, rest = text.lstrip().partition("\n")
    return clean_line(head), split_paragraphs(rest)


def _inline(line: str) -> str:
    """Strip inline Markdown from one line, keeping the readable text."""
    line = _ESCAPE.sub(lambda m: chr(0xF0000 + ord(m[1])), line)
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _CODE.sub(lambda m: m[2].strip(), line)
    for pattern in (_STRONG, _STRONG, _STAR_EM, _UNDERSCORE_EM, _STRIKE):
        line = pattern.sub(lambda m: m[m.lastindex], line)
    line = html.unescape(_HTML_TAG.sub("", line))
    return _ESCAPED.sub(lambda m: chr(ord(m[0]) - 0xF0000), line)


def _block(line: str, following: str) -> tuple[str, bool]:
    """Classify one Markdown line; return its text and whether it stands alone."""
    heading = _ATX_HEADING.match(line)
    if heading:
        return heading[1] or "", True
    if _RULE.match(line) or _TABLE_DIVIDER.match(line) or _LINK_DEFINITION.match(line):
        return "", True
    if line.strip() and _SETEXT_UNDERLINE.match(following):
        return line, True
    row = _TABLE_ROW.match(line)
    if row:
        return "; ".join(cell.strip() for cell in row[1].split("|") if cell.strip()), True
    line = _QUOTE.sub("", line)
    item = _LIST_ITEM.match(line)
    if item:
        return "\n" + line[item.end() :], False
    return line, False


def markdown_to_text(text: str) -> str:
    """Reduce Markdown to plain text; headings, rules, list items and table rows are set
    apart by blank lines so each becomes a paragraph.
    """
    lines = _HTML_COMMENT.sub("", text).split("\n")
    out: list[str] = []
    fence: str | None = None
    skip_underline = False
    for i, line in enumerate(lines):
        marker = _FENCE.match(line)
        if fence is not None:
            if marker and marker[1][0] == fence[0] and len(marker[1]) >= len(fence):
                fence = None
                out.append("")
            continue
        if marker:
            fence = marker[1]
            out.append("")
            continue
        if skip_underline:
            skip_underline = False
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        content, alone = _block(line, following)
        if alone and content and _SETEXT_UNDERLINE.match(following) and not _ATX_HEADING.match(line):
            skip_underline = True
        content = _inline(content)
        out.extend(["", content, ""] if alone else [content])
    return "\n".join(out)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split YAML-style front matter (`---` ... `---`) from Markdown.

    RETURNS (tuple[dict[str, str], str]): the simple `key: value` pairs and the rest.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match[1].split("\n"):
        pair = _FRONT_MATTER_LINE.match(line)
        if pair:
            meta[pair[1].lower()] = pair[2].strip("'\"")
    return meta, text[match.end() :]


def _decoded(data: bytes, source: Source) -> str:
    """Decode and normalise file content; raise when nothing but whitespace is left."""
    text = normalise_chars(decode_text(data, path=source.path))
    if not text.strip():
        raise InputError(source.path, "empty file")
    return text


def read_text(data: bytes, source: Source) -> Iterator[Item]:
    """Read one plain-text article: the first non-empty line is its headline."""
    title, body = split_headline(_decoded(data, source))
    yield Located(make_article(source.id, title, body, path=source.path))


def read_markdown(data: bytes, source: Source) -> Iterator[Item]:
    """Read one Markdown article; front matter may give title, date, source and url."""
    meta, text = split_front_matter(_decoded(data, source))
    title, body = split_headline(normalise_chars(markdown_to_text(text)))
    fields = {key: meta_value(meta.get(key)) for key in _META_KEYS}
    if fields["title"]:
        body = body if title == fields["title"] else [p for p in (title, *body) if p]
        title = fields["title"]
    if not title:
        raise InputError(source.path, "no text found in Markdown")
    yield Located(
        make_article(
            source.id,
            title,
            body,
            path=source.path,
            source=fields["source"],
            date=fields["date"],
            url=fields["url"],
        )
    )

"""Reader for JSON Lines (`.jsonl`, `.ndjson`): one article object per line.

Required keys: `id` (string or integer) and `text`; optional: `title`, `source`, `date`,
`url`. A bad line is reported as `Skipped(path, reason, line)` and reading goes on.
Lines are split on LF only, so U+2028 inside a JSON string is not a line break.

>>> parse_record('{"id": 7, "text": "Talks began.", "title": "Summit"}')
{'id': '7', 'text': 'Talks began.', 'title': 'Summit', 'source': '', 'date': '', 'url': ''}
>>> parse_record('[1, 2]')
Traceback (most recent call last):
...
ValueError: expected a JSON object, got an array
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator

from kg.errors import InputError
from kg.ingest._article import Item, Located, Source, make_article, meta_value
from kg.ingest._decode import check_not_binary, decode_text, decode_utf8
from kg.ingest._normalise import clean_line, normalise_chars, split_paragraphs
from kg.records import Article, Skipped

__all__ = ["read_jsonl", "parse_record", "check_record", "record_article", "split_lines"]

_OPTIONAL = ("title", "source", "date", "url")
_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}


def _kind(value: object) -> str:
    """Name a JSON value's type for a reason."""
    return _JSON_TYPES.get(type(value), "a number")


def parse_record(line: str) -> dict[str, str]:
    """Parse and validate one JSONL line.

    line (str): one line of the file.
    RETURNS (dict[str, str]): id, text and the optional fields ('' when absent).
    RAISES ValueError: with a one-line reason when the line is not a usable article.
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise ValueError(f"invalid JSON: {err.msg.lower()} at column {err.colno}") from None
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply") from None
    return check_record(record)


def check_record(record: object) -> dict[str, str]:
    """Validate one decoded article object (a JSONL line or an item of a JSON array).

    RETURNS (dict[str, str]): id, text and the optional fields ('' when absent).
    RAISES ValueError: with a one-line reason when it is not a usable article.
    """
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {_kind(record)}")
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int | None):
        raise ValueError(f"'id' must be a string or an integer, got {_kind(raw_id)}")
    article_id = "" if raw_id is None else clean_line(normalise_chars(str(raw_id)))
    if not article_id:
        raise ValueError("missing or empty 'id'")
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        raise ValueError(f"'text' must be a string, got {_kind(text)}")
    text = normalise_chars(text or "")
    if not text.strip():
        raise ValueError("missing or empty 'text'")
    return {"id": article_id, "text": text, **{key: meta_value(record.get(key)) for key in _OPTIONAL}}


def record_article(record: dict[str, str], *, path: str) -> Article:
    """Build the Article of a checked record: the title, then the text's paragraphs."""
    title = record["title"]
    body = split_paragraphs(record["text"], line_breaks="\n\n" not in record["text"].strip())
    if title and body and body[0].casefold() == title.casefold():
        body = body[1:]
    return make_article(
        record["id"],
        title,
        body,
        path=path,
        source=record["source"],
        date=record["date"],
        url=record["url"],
    )


def split_lines(data: bytes, *, path: str) -> Iterator[tuple[int, str | None]]:
    """Yield (line number, decoded line) for non-blank lines; None for a non-UTF-8 line.

    A file in which no line is UTF-8 is decoded as a whole with charset detection.
    """
    raw = [(n, line) for n, line in enumerate(data.split(b"\n"), start=1) if line.strip()]
    if raw and raw[0][1].startswith(codecs.BOM_UTF8):
        raw[0] = (raw[0][0], raw[0][1][len(codecs.BOM_UTF8) :])
        raw = [(n, line) for n, line in raw if line.strip()]
    decoded = [(n, decode_utf8(line)) for n, line in raw]
    if decoded and all(text is None for _, text in decoded):
        lines = decode_text(data, path=path).split("\n")
        decoded = [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]
    yield from decoded


def read_jsonl(data: bytes, source: Source) -> Iterator[Item]:
    """Read every article of a JSONL file; bad lines become `Skipped` with their number."""
    check_not_binary(data, path=source.path)
    lines = list(split_lines(data, path=source.path))
    if not lines:
        raise InputError(source.path, "empty file")
    for n, line in lines:
        if line is None:
            yield Skipped(source.path, "line is not valid UTF-8", n)
            continue
        try:
            record = parse_record(line)
        except ValueError as err:
            yield Skipped(source.path, str(err), n)
            continue
        yield Located(record_article(record, path=source.path), n)

"""Reader for JSON files (`.json`): an array of article objects, or one article object.

Each object has the keys of a JSONL line (`id`, `text`, optional `title`, `source`, `date`,
`url`); a bad item is reported as `Skipped(path, "item N: reason")` and reading goes on.

>>> from kg.ingest._article import Source
>>> items = list(read_json(b'[{"id": 1, "text": "Talks began."}, {"id": 2}]', Source("a.json", "a")))
>>> items[0].article.id, str(items[1])
('1', "a.json: item 2: missing or empty 'text'")
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from kg.errors import InputError
from kg.ingest._article import Item, Located, Source
from kg.ingest._decode import check_not_binary, decode_text
from kg.ingest.jsonl import check_record, record_article
from kg.records import Skipped

__all__ = ["read_json"]


def read_json(data: bytes, source: Source) -> Iterator[Item]:
    """Read the articles of a JSON file: an array of article objects or a single one."""
    check_not_binary(data, path=source.path)
    try:
        doc = json.loads(decode_text(data, path=source.path))
    except json.JSONDecodeError as err:
        reason = f"invalid JSON: {err.msg.lower()} at line {err.lineno}, column {err.colno}"
        raise InputError(source.path, reason) from None
    except RecursionError:
        raise InputError(source.path, "invalid JSON: nested too deeply") from None
    if isinstance(doc, dict):
        doc = [doc]
    if not isinstance(doc, list):
        raise InputError(source.path, "expected a JSON array of article objects (or one object)")
    if not doc:
        raise InputError(source.path, "empty JSON array")
    for n, record in enumerate(doc, start=1):
        try:
            checked = check_record(record)
        except ValueError as err:
            yield Skipped(source.path, f"item {n}: {err}")
            continue
        yield Located(record_article(checked, path=source.path))

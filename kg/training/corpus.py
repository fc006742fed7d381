"""Read the articles an annotation refers to from a corpus file, exactly as `kg build` reads them."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from ..ingest._article import Source
from ..ingest.jsonl import read_jsonl
from ..records import Article, Skipped

__all__ = ["read_selected"]


def _lines(path: Path) -> Iterable[bytes]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        yield from fh


def read_selected(path: str | Path, ids: Iterable[str]) -> dict[str, Article]:
    """The articles of `ids` in a JSONL corpus (`.jsonl` or `.jsonl.gz`), by id.

    Only the wanted lines are decoded; each goes through kg's own JSONL reader, so the text (and
    every character offset into it) is the text `kg build` sees.
    RAISES InputError: when the file cannot be read.
    """
    file = Path(path)
    wanted = set(ids)
    picked: list[bytes] = []
    try:
        for line in _lines(file):
            if not wanted or not line.strip():
                continue
            try:
                rid = str(json.loads(line).get("id"))
            except (ValueError, AttributeError):
                continue
            if rid in wanted:
                picked.append(line.rstrip(b"\n"))
    except (OSError, EOFError) as err:
        raise InputError(str(file), f"cannot be read: {err}") from None
    if not picked:
        return {}
    out: dict[str, Article] = {}
    for item in read_jsonl(b"\n".join(picked), Source(path=str(file), id=file.stem)):
        if not isinstance(item, Skipped):
            out[item.article.id] = item.article
    return out

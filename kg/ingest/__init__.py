"""Ingest: read news articles from text, Markdown, HTML, JSON Lines and JSON files (gzipped or not).

`read_articles(paths)` yields an `Article` for each article read and a `Skipped` for each
file or JSONL line that could not be read; it never raises for bad input. Readers are
registered by format suffix in `READERS` and dispatched on the file name.

>>> SUFFIXES
('.htm', '.html', '.json', '.jsonl', '.md', '.ndjson', '.txt')
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from types import MappingProxyType

from kg.errors import InputError
from kg.ingest._article import Item, Located, Source
from kg.ingest._decode import load_bytes
from kg.ingest._paths import FileRef, iter_files
from kg.ingest.html import read_html
from kg.ingest.json_array import read_json
from kg.ingest.jsonl import read_jsonl
from kg.ingest.text import read_markdown, read_text
from kg.records import Article, Skipped

__all__ = ["read_articles", "read_file", "READERS", "SUFFIXES", "DEFAULT_MAX_BYTES", "Reader"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

Reader = Callable[[bytes, Source], Iterator[Item]]
"""A reader turns a file's bytes into articles (`Located`) and per-record `Skipped`s;
it raises `InputError` when the whole file is unusable."""

READERS: MappingProxyType[str, Reader] = MappingProxyType(
    {
        ".txt": read_text,
        ".md": read_markdown,
        ".html": read_html,
        ".htm": read_html,
        ".jsonl": read_jsonl,
        ".ndjson": read_jsonl,
        ".json": read_json,
    }
)
SUFFIXES: tuple[str, ...] = tuple(sorted(READERS))


def read_file(ref: FileRef, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Read one file with the reader registered for its suffix.

    ref (FileRef): the file, its id stem and format.
    max_bytes (int): size cap for the file and for its decompressed content.
    RETURNS (Iterator[Item]): `Located` articles and `Skipped` records; never raises for bad input.
    """
    try:
        data = load_bytes(ref.path, max_bytes=max_bytes, gzipped=ref.gzipped)
        if not data.strip():
            raise InputError(ref.path, "empty file")
        yield from READERS[ref.suffix](data, Source(path=ref.path, id=ref.stem))
    except InputError as err:
        yield Skipped(err.path, err.reason, err.line)
    except Exception as err:  # a reader bug must not end the batch: report it on one line
        yield Skipped(ref.path, f"could not be read ({type(err).__name__})")


def read_articles(
    paths: Iterable[str | os.PathLike[str]], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Skipped]:
    """Read every article in `paths`, in a deterministic order.

    paths (Iterable[str | PathLike]): files and directories (walked recursively, sorted,
        hidden entries ignored; every unsupported file is a `Skipped` with the reason).
    max_bytes (int): files, or gzip content, larger than this are skipped as oversized.
    RETURNS (Iterator[Article | Skipped]): articles, and a `Skipped` for each file or
        JSONL line that could not be read or whose article id was already seen.
    """
    first_seen: dict[str, str] = {}
    for ref in iter_files(paths, supported=READERS.keys()):
        if isinstance(ref, Skipped):
            yield ref
            continue
        for item in read_file(ref, max_bytes=max_bytes):
            if isinstance(item, Skipped):
                yield item
                continue
            yield from _unique(item, first_seen)


def _unique(item: Located, first_seen: dict[str, str]) -> Iterator[Article | Skipped]:
    """Yield the article, or a `Skipped` when its id already appeared in the batch."""
    article = item.article
    where = article.path if item.line is None else f"{article.path}:{item.line}"
    if article.id in first_seen:
        yield Skipped(
            article.path,
            f"duplicate article id '{article.id}' (first seen in {first_seen[article.id]})",
            item.line,
        )
    else:
        first_seen[article.id] = where
        yield article

"""The benchmark corpus as the benchmarks may use it: every article but the `reserved` ones.

`../shared/corpus/splits.json` reserves some articles for evaluation elsewhere; benchmarks never read
them, so timings, graphs and screenshots come from the other articles only.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path


def reserved_ids(corpus: Path) -> frozenset[str]:
    """The ids `splits.json` (beside the corpus) reserves; none when there is no such file."""
    splits = corpus.parent / "splits.json"
    if not splits.is_file():
        return frozenset()
    return frozenset(json.loads(splits.read_text(encoding="utf-8")).get("reserved", []))


def corpus_lines(corpus: Path) -> Iterator[str]:
    """The corpus's JSONL lines (newline-terminated), reserved articles left out, in file order."""
    reserved = reserved_ids(corpus)
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            if reserved and json.loads(line).get("id") in reserved:
                continue
            yield line if line.endswith("\n") else line + "\n"

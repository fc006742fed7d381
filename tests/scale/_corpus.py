"""Generated article corpora for the scale tests, built at run time from the paragraphs of data/."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

__all__ = ["DATA", "paragraphs", "write_corpus", "corpus_articles"]

DATA = Path(__file__).resolve().parents[2] / "data"


@cache
def paragraphs() -> tuple[str, ...]:
    """Body paragraphs of the sample articles (headlines left out), in file order."""
    found: list[str] = []
    for path in sorted(DATA.glob("*.txt")):
        parts = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        found.extend(parts[1:])
    return tuple(found)


def corpus_articles(n: int, *, start: int = 0, size: int = 2) -> list[dict[str, str]]:
    """n JSONL records `gen-NNNN`, each made of `size` consecutive sample paragraphs (rotating)."""
    paras = paragraphs()
    records = []
    for i in range(start, start + n):
        body = "\n\n".join(paras[(i + k) % len(paras)] for k in range(size))
        records.append(
            {
                "id": f"gen-{i:04d}",
                "title": f"Generated report {i}",
                "text": body,
                "source": "test",
                "date": "2024-06-19",
            }
        )
    return records


def write_corpus(path: Path, records: list[dict[str, str]]) -> Path:
    """Write records as a JSONL file and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path

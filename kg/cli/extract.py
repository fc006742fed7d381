"""`kg extract`: print the triples found in articles as JSONL, TSV or a table."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import ConfigError, Errors, KgError
from ..pipeline import extract, relation_row, unique_relations
from ._app import Arg, Opt, app, fail
from ._options import DEFAULT_MODEL, DEFAULT_SOURCE, check_paths, report_skip, settings_from
from ._progress import article_progress

__all__ = ["extract_cli", "format_rows", "format_table", "FORMATS"]

FORMATS = ("jsonl", "tsv", "table")
_TSV_FIELDS = (
    "article",
    "subject",
    "subject_type",
    "subject_country",
    "predicate",
    "object",
    "object_type",
    "object_country",
    "confidence",
    "rule",
    "evidence",
)


def _tsv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def format_table(rows: list[dict[str, object]]) -> str:
    """Render rows for reading: one block per article (its full id), one line per triple with
    its confidence, then the evidence sentence, indented (never cut, whatever the terminal width).

    >>> print(format_table([{"article": "a1", "subject": "Russia", "predicate": "attacks",
    ...     "object": "Ukraine", "confidence": 0.9, "evidence": "Russia attacked Ukraine."}]), end="")
    a1
      Russia  attacks  Ukraine  (0.90)
          "Russia attacked Ukraine."
    """
    lines: list[str] = []
    current = None
    for r in rows:
        if r["article"] != current:
            current = r["article"]
            lines += ([""] if lines else []) + [str(current)]
        flag = f"  [{r['modality']}]" if r.get("modality", "asserted") != "asserted" else ""
        triple = f"{r['subject']}  {r['predicate']}  {r['object']}"
        lines.append(f"  {triple}  ({float(r['confidence']):.2f}){flag}")
        lines.append(f'      "{" ".join(str(r["evidence"]).split())}"')
    return "\n".join(lines) + ("\n" if lines else "")


def format_rows(rows: list[dict[str, object]], fmt: str) -> str:
    """Render relation rows as JSONL or TSV text (one row per line)."""
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "table":
        return format_table(rows)
    if fmt == "tsv":
        lines = ["\t".join(_TSV_FIELDS)] + ["\t".join(_tsv_cell(r[f]) for f in _TSV_FIELDS) for r in rows]
        return "\n".join(lines) + "\n"
    raise ConfigError(Errors.E002.format(value=fmt, allowed=", ".join(FORMATS)))


@app.command("extract")
def extract_cli(
    paths: list[Path] = Arg(None, help="Files or folders of articles (default: data/)."),
    fmt: str = Opt("jsonl", "--format", "-f", help="jsonl, tsv or table."),
    model: str = Opt(DEFAULT_MODEL, "--model", help="Installed spaCy pipeline package."),
    min_confidence: float = Opt(0.0, "--min-confidence", help="Drop triples below this confidence."),
    workers: int = Opt(1, "--workers", "-w", help="Worker processes for extraction."),
    source: str = Opt(DEFAULT_SOURCE, "--source", help="What extracts relations: rules, model or both."),
    relation_model: Path = Opt(None, "--relation-model", help="Model folder from 'kg train'."),
    all_modalities: bool = Opt(
        False, "--all", help="Also print negated/speculative triples (with modality)."
    ),
) -> None:
    """Print one row per triple and article: subject, predicate, object, evidence, confidence."""
    try:
        if fmt not in FORMATS:
            raise ConfigError(Errors.E002.format(value=fmt, allowed=", ".join(FORMATS)))
        paths = check_paths(paths or [Path("data")])
        settings = settings_from(
            model=model,
            min_confidence=min_confidence,
            workers=workers,
            keep_hedged=all_modalities,
            source=source,
            relation_model=str(relation_model) if relation_model else None,
        )
        with article_progress(enabled=fmt == "table") as progress:
            results, _ = extract(paths, settings, progress=progress, on_skip=report_skip)
        if not results:
            raise KgError(Errors.E003.format(paths=", ".join(str(p) for p in paths)))
    except KgError as err:
        raise fail(err) from None
    rels = unique_relations(results)
    rows = []
    for rel in rels:
        row = relation_row(rel)
        if all_modalities:
            row["modality"] = rel.modality
        rows.append(row)
    if fmt == "table":
        sys.stdout.write(format_table(rows))
        sys.stdout.flush()
        return
    sys.stdout.write(format_rows(rows, fmt))
    sys.stdout.flush()

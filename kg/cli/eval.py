"""`kg eval`: precision, recall and F1 of kg's triples against your own gold annotations."""

from __future__ import annotations

import json
from pathlib import Path

from rich.table import Table

from ..errors import InputError, KgError
from ..evaluate import make_folder, read_gold, score, scored_predicates
from ..pipeline import extract, relation_row, unique_relations
from ._app import Arg, Opt, app, fail, out_console
from ._options import DEFAULT_MODEL, DEFAULT_SOURCE, check_paths, report_skip, require_file, settings_from

__all__ = ["eval_cli"]


def _read_json(path: Path, what: str) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or err
        raise InputError(str(path), f"cannot read the {what}: {reason}") from None
    except json.JSONDecodeError as err:
        raise InputError(str(path), f"not JSON: {err.msg}", line=err.lineno) from None


def _read_pred(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise InputError(str(path), f"not JSON: {err.msg}", line=n) from None
    return rows


@app.command("eval")
def eval_cli(
    paths: list[Path] = Arg(None, help="Articles to extract from (default: data/)."),
    gold: Path = Opt(
        ...,
        "--gold",
        help="Gold JSONL: kg's annotation format (docs/annotation.md) or plain article, s, p, o lines.",
    ),
    pred: Path = Opt(None, "--pred", help="Score this JSONL from 'kg extract' instead of extracting."),
    aliases: Path = Opt(None, "--aliases", help="JSON {canonical: [aliases]} folded before matching."),
    model: str = Opt(DEFAULT_MODEL, "--model", help="Installed spaCy pipeline package."),
    min_confidence: float = Opt(0.0, "--min-confidence"),
    source: str = Opt(DEFAULT_SOURCE, "--source", help="What extracts relations: rules, model or both."),
    relation_model: Path = Opt(None, "--relation-model", help="Model folder from 'kg train'."),
    show: bool = Opt(False, "--show", help="List misses and false positives."),
    as_json: bool = Opt(False, "--json", help="Print the report as JSON."),
) -> None:
    """Score triples: strict and pair precision/recall/F1, and per predicate (eval/data.gold.jsonl: data/)."""
    try:
        require_file(pred, what="predictions file")
        require_file(aliases, what="alias file")
        gold_set = read_gold(gold)
        if pred is not None:
            rows = _read_pred(pred)
        else:
            paths = check_paths(paths or [Path("data")])
            settings = settings_from(
                model=model,
                min_confidence=min_confidence,
                source=source,
                relation_model=str(relation_model) if relation_model else None,
            )
            results, _ = extract(paths, settings, on_skip=report_skip)
            rows = [relation_row(r) for r in unique_relations(results)]
        table = _read_json(aliases, "alias table") if aliases else None
        report = score(
            gold_set.rows,
            rows,
            folder=make_folder(table),  # type: ignore[arg-type]
            articles=gold_set.articles,
            predicates=scored_predicates(gold_set),
        )
    except KgError as err:
        raise fail(err) from None
    if as_json:
        out_console.print_json(json.dumps(report.as_dict()))
        return
    t = Table(show_header=True, header_style="bold")
    for col in ("", "P", "R", "F1", "tp", "pred", "gold"):
        t.add_column(col, justify="right" if col else "left")
    for name, s in [
        ("strict", report.strict),
        ("pairs", report.pairs),
        *sorted(report.per_predicate.items()),
    ]:
        t.add_row(
            name,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            str(s.tp),
            str(s.n_pred),
            str(s.n_gold),
        )
    out_console.print(t)
    if report.unscored:
        out_console.print(
            f"{report.unscored} predicted triple(s) of predicates the gold's guidelines leave out: unscored",
            markup=False,
        )
    if show:
        for m in report.misses:
            out_console.print("MISS " + " | ".join(m), markup=False)
        for f in report.false_positives:
            out_console.print("FP   " + " | ".join(f), markup=False)

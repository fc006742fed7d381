"""`kg validate`: check the graph against the SHACL shapes; exit 1 on violations."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import KgError
from ..query import DEFAULT_GRAPH
from ._app import Opt, app, fail, out_console

__all__ = ["validate_cli"]

_GRAPH = Opt(DEFAULT_GRAPH, "--graph", "-g", help="graph file to check")


@app.command("validate")
def validate_cli(
    graph: Path = _GRAPH,
    max_shown: int = Opt(50, "--max", help="show at most this many violations (0 = all)"),
) -> None:
    """Check the graph against ontology/shapes.ttl; list violations with their sentence (exit 1 if any)."""
    from ..validate import format_violation, validate_file

    try:
        report = validate_file(graph)
    except KgError as err:
        raise fail(err) from None
    if report.conforms:
        out_console.print(f"{graph}: conforms to the kg shapes", markup=False)
        return
    shown = report.violations if not max_shown else report.violations[:max_shown]
    for violation in shown:
        out_console.print(format_violation(violation), markup=False)
    more = len(report.violations) - len(shown)
    tail = f" ({more} more not shown; use --max 0)" if more else ""
    out_console.print(f"{graph}: {len(report.violations)} violation(s){tail}", markup=False)
    raise typer.Exit(1)

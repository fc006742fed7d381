"""A rich progress bar shared by the commands that read many articles."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ._app import err_console

__all__ = ["article_progress"]


@contextlib.contextmanager
def article_progress(*, enabled: bool = True) -> Iterator:
    """Yield a callback advancing a progress bar on stderr (shown only on a terminal)."""
    if not enabled or not err_console.is_terminal:
        yield None
        return
    with Progress(
        TextColumn("[bold]extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("extract", total=None)
        yield lambda n: bar.advance(task, n)

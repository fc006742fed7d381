"""The Typer app shared by every command module, and the error boundary of the CLI."""

from __future__ import annotations

import os
import sys

import typer
from rich.console import Console

from ..errors import KgError

__all__ = ["app", "Arg", "Opt", "err_console", "out_console", "fail", "main", "HELP"]

Arg = typer.Argument
Opt = typer.Option
HELP = """Turn news articles into a geopolitics knowledge graph.

Exit codes, for every command: 0 when it did its work (a graph built, a query answered,
a graph that conforms); 1 when nothing could be built or it failed at run time (no readable
article, violations found by validate, a busy port, a server that refuses a push); 2 for a
usage error, including any input file or folder that does not exist."""

app = typer.Typer(
    name="kg",
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
err_console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
out_console = Console(highlight=False, soft_wrap=True, emoji=False)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        out_console.print(f"kg {__version__}", markup=False)
        raise typer.Exit(0)


@app.callback()
def _main(
    version: bool = Opt(
        False, "--version", callback=_version, is_eager=True, help="Print kg's version and exit."
    ),
) -> None:
    """Turn news articles into a geopolitics knowledge graph."""


def fail(error: KgError) -> typer.Exit:
    """Print a KgError as one line on stderr and return the Exit to raise."""
    err_console.print(f"kg: error: {error}", markup=False)
    return typer.Exit(error.exit_code)


def main() -> None:
    """Console-script entry point: run the app, never show a traceback unless KG_DEBUG is set."""
    from . import _commands  # noqa: F401  (registers every command)

    try:
        app(standalone_mode=True)
    except KgError as error:
        err_console.print(f"kg: error: {error}", markup=False)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        err_console.print("kg: interrupted", markup=False)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as error:  # noqa: BLE001 - the CLI boundary: one line, no traceback
        if os.environ.get("KG_DEBUG"):
            raise
        err_console.print(f"kg: internal error: {type(error).__name__}: {error}", markup=False)
        sys.exit(1)

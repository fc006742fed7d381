"""One error family for kg: a base `KgError` and specific subclasses.

Each class carries the exit code the command line ends with (the policy `kg --help` states):
0 when the command did its work, 1 when nothing was built or it failed at run time
(`KgError`, `InputError`, `OutputError`, `ExportError`, `QueryTimeout`), 2 for a usage error,
including any input file or folder that does not exist (`ConfigError`, `MissingInputError`,
`QueryError`). Messages are catalogued here (spaCy `Errors` style) so raise sites stay one line.

>>> MissingInputError("gold.jsonl", what="gold file").exit_code
2
>>> str(MissingInputError("gold.jsonl", what="gold file"))
'gold file not found: gold.jsonl'
"""

from __future__ import annotations

__all__ = [
    "KgError",
    "InputError",
    "ConfigError",
    "MissingInputError",
    "OutputError",
    "ExportError",
    "QueryError",
    "Errors",
    "EXIT_OK",
    "EXIT_FAILED",
    "EXIT_USAGE",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class KgError(Exception):
    """Base class for every error kg reports to a user: a run-time failure (exit 1)."""

    exit_code: int = EXIT_FAILED


class InputError(KgError):
    """A file or record could not be read; the batch goes on without it."""

    def __init__(self, path: str, reason: str, *, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class ConfigError(KgError):
    """Bad settings or usage: an unknown model, format or option value (exit 2)."""

    exit_code = EXIT_USAGE


class MissingInputError(ConfigError):
    """An input file or folder named by the user (or its default) does not exist (exit 2)."""

    def __init__(self, path: object, *, what: str = "file", hint: str = "") -> None:
        self.path = str(path)
        super().__init__(f"{what} not found: {self.path}" + (f"; {hint}" if hint else ""))


class OutputError(KgError):
    """An output file or folder could not be written."""


class ExportError(KgError):
    """An export or push could not be completed."""


class QueryError(KgError):
    """A SPARQL query is malformed, times out or cannot run (malformed: exit 2)."""

    exit_code = EXIT_USAGE


class Errors:
    """Message templates; format with the named placeholders."""

    E001 = "no spaCy pipeline named '{name}' is installed; install it or pass --model with an installed one"
    E002 = "unknown format '{value}'; choose one of: {allowed}"
    E003 = "no articles could be read from {paths}"
    E004 = "path does not exist: {path}"
    E005 = "graph file not found: {path}; run 'kg build' first or pass --graph"
    E006 = "run 'kg build' first or pass --graph"

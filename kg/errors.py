"""One error family for kg: a base `KgError` and specific subclasses.

Messages are catalogued here (spaCy `Errors` style) so raise sites stay one line.
"""

from __future__ import annotations

__all__ = ["KgError", "InputError", "ConfigError", "ExportError", "QueryError", "Errors"]


class KgError(Exception):
    """Base class for every error kg reports to a user."""

    exit_code: int = 1


class InputError(KgError):
    """A file or record could not be read; the batch goes on without it."""

    def __init__(self, path: str, reason: str, *, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class ConfigError(KgError):
    """Bad settings or usage: an unknown model, format or option value."""

    exit_code = 2


class ExportError(KgError):
    """An export or push could not be completed."""


class QueryError(KgError):
    """A SPARQL query is malformed, times out or cannot run."""

    exit_code = 2


class Errors:
    """Message templates; format with the named placeholders."""

    E001 = "no spaCy pipeline named '{name}' is installed; install it or pass --model with an installed one"
    E002 = "unknown format '{value}'; choose one of: {allowed}"
    E003 = "no articles could be read from {paths}"
    E004 = "path does not exist: {path}"
    E005 = "graph file not found: {path}; run 'kg build' first or pass --graph"

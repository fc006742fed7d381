"""kg command line: `kg build`, `kg extract`, `kg query`, `kg serve`, `kg viz`, `kg export` ..."""

from __future__ import annotations

from ._app import app, main

__all__ = ["app", "main"]

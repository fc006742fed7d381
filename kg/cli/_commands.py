"""Import every command module so its `@app.command` decorator registers it."""

from __future__ import annotations

import importlib

__all__ = ["COMMAND_MODULES"]

# One module per command; each module registers itself on `kg.cli._app.app`.
COMMAND_MODULES = (
    "build",
    "extract",
    "eval",
    "query",
    "serve",
    "validate",
    "viz",
    "export",
    "push",
    "train",
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"kg.cli.{_name}")

"""kg: turn news articles into a geopolitics knowledge graph.

Public API (nothing heavy is imported until used)::

    from kg import run, extract, Settings
    report = run(["data"], out_dir="output")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["run", "extract", "Settings", "__version__"]
__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import extract, run
    from .settings import Settings


def __getattr__(name: str) -> Any:
    """Import the pipeline lazily, so `import kg` does no work."""
    if name in {"run", "extract"}:
        from . import pipeline

        return getattr(pipeline, name)
    if name == "Settings":
        from .settings import Settings

        return Settings
    raise AttributeError(name)

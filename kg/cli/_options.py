"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path

from ..errors import MissingInputError
from ..settings import DEFAULT_MODEL, DEFAULT_SOURCE, Settings
from ._app import err_console

__all__ = ["settings_from", "report_skip", "check_paths", "require_file", "DEFAULT_MODEL", "DEFAULT_SOURCE"]


def settings_from(
    *,
    model: str,
    min_confidence: float,
    workers: int = 1,
    batch_size: int = 32,
    keep_hedged: bool = False,
    **extra,
) -> Settings:
    """Build Settings from CLI options (Settings checks the values; a missing model folder exits 2)."""
    model_dir = extra.get("relation_model")
    if model_dir is not None and not Path(model_dir).is_dir():
        raise MissingInputError(model_dir, what="relation model folder")
    return Settings(
        model=model,
        min_confidence=min_confidence,
        workers=workers,
        batch_size=batch_size,
        keep_hedged=keep_hedged,
        **extra,
    )


def check_paths(paths: list[Path]) -> list[Path]:
    """Fail with a usage error (exit 2) when a given path does not exist, before any work starts."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        what = "article path" + ("s" if len(missing) > 1 else "")
        raise MissingInputError(", ".join(missing), what=what)
    return paths


def require_file(path: Path | None, *, what: str) -> Path | None:
    """Return `path`, or fail with a usage error (exit 2) when it is given and is not a file."""
    if path is not None and not Path(path).is_file():
        raise MissingInputError(path, what=what)
    return path


def report_skip(item) -> None:
    """Print one line on stderr for a file or record that was skipped."""
    err_console.print(f"kg: skipped {item}", markup=False)

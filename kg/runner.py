"""Run parsing and extraction over articles: in this process, in worker processes, or on a Dask cluster.

`process_articles` is the unit of work; `run_articles` chooses how to run it from `Settings`:

- cache: articles whose result is in the extraction cache (`kg.cache`) are not processed again;
  each new result is stored as soon as it arrives, so an interrupted run keeps what it finished.
- `workers == 1`, executor "local": in this process, one `nlp.pipe` stream.
- `workers > 1`, executor "local": a pool of `forkserver` processes (spawn-safe: nothing is
  inherited but the arguments); each loads the spaCy pipeline once and processes chunks of articles.
- executor "dask": chunks are submitted to a `dask.distributed` cluster at `settings.scheduler`
  (or to a `LocalCluster` of `workers` processes when no scheduler is given) and gathered.

Results come back in completion order; `kg.pipeline.extract` sorts them by article id, so the
output does not depend on the worker count. Chunks are fixed consecutive slices whose size is a
multiple of `settings.batch_size`, so every executor feeds the model the same batches.
"""

from __future__ import annotations

import logging
import os
import select
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError, Errors, KgError
from .records import Article, ArticleResult
from .settings import EXECUTORS, Settings

__all__ = [
    "process_articles",
    "process_chunk",
    "run_articles",
    "chunked",
    "chunk_size",
    "RunStats",
    "EXECUTORS",
]

log = logging.getLogger(__name__)

_MAX_CHUNK_BATCHES = 4  # a chunk is at most this many nlp.pipe batches
_WORKER_DIED = (
    "a worker process stopped unexpectedly (killed, or out of memory?); run again: "
    "articles already finished are kept in the cache"
)
_LOCK = threading.Lock()  # one extraction at a time per process (Dask threads share the pipeline)


@dataclass(frozen=True, slots=True)
class RunStats:
    """What `run_articles` did: results read from the cache and articles processed."""

    cached: int
    processed: int


def process_articles(articles: Sequence[Article], settings: Settings) -> Iterator[ArticleResult]:
    """Parse and extract a batch of articles in this process (the `kg_relations` component extracts)."""
    from .relations.component import extraction_pipeline, make_article_doc

    nlp = extraction_pipeline(
        settings.model,
        source=settings.source,
        model_path=settings.relation_model,
        keep_hedged=settings.keep_hedged,
        min_confidence=settings.min_confidence,
    )
    docs = (make_article_doc(nlp, art) for art in articles)
    for doc in nlp.pipe(docs, batch_size=settings.batch_size):
        yield doc._.kg_result


def process_chunk(articles: Sequence[Article], settings: Settings) -> list[ArticleResult]:
    """Process one chunk and return its results as a list (the task run by workers)."""
    with _LOCK:
        return list(process_articles(articles, settings))


def chunk_size(n: int, settings: Settings) -> int:
    """Articles per chunk: whole `nlp.pipe` batches, small enough to keep every worker busy.

    >>> chunk_size(10_000, Settings(batch_size=32, workers=2))
    128
    >>> chunk_size(100, Settings(batch_size=32, workers=2))
    32
    """
    per_worker = -(-n // (max(settings.workers, 1) * 2))
    batches = max(1, min(_MAX_CHUNK_BATCHES, -(-per_worker // settings.batch_size)))
    return batches * settings.batch_size


def chunked(items: Sequence[Article], size: int) -> list[Sequence[Article]]:
    """Split into consecutive slices of `size` (the last may be shorter).

    >>> [len(c) for c in chunked(list(range(5)), 2)]
    [2, 2, 1]
    """
    return [items[i : i + size] for i in range(0, len(items), size)]


def _watch_parent(parent: int) -> None:
    """End this worker as soon as the kg process that started it is gone, even after a SIGKILL.

    Pool workers hold their own task queue open, so without this they would wait forever.
    """
    try:
        fd = os.pidfd_open(parent)  # Linux: readable when the process ends
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        select.select([fd], [], [])
    else:
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                break
            except PermissionError:
                continue
    os._exit(1)


def _init_worker(model: str, parent: int) -> None:
    """Worker initialiser: watch the parent process, and load the spaCy pipeline once."""
    from .nlp import load_pipeline

    threading.Thread(target=_watch_parent, args=(parent,), name="kg-watch-parent", daemon=True).start()
    load_pipeline(model)  # fails early for a missing model; the extraction pipeline loads on first use


def _check_model(model: str) -> None:
    """Fail with one line, before any worker starts, when the model is neither a package nor a folder."""
    import spacy

    if not spacy.util.is_package(model) and not Path(model).is_dir():
        raise ConfigError(Errors.E001.format(name=model))


def _run_pool(articles: Sequence[Article], settings: Settings) -> Iterator[ArticleResult]:
    """Process chunks in a pool of `settings.workers` forkserver processes."""
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    _check_model(settings.model)
    chunks = chunked(articles, chunk_size(len(articles), settings))
    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(
        min(settings.workers, len(chunks)),
        mp_context=mp.get_context(method),
        initializer=_init_worker,
        initargs=(settings.model, os.getpid()),
    )
    finished = False
    try:
        pending = {pool.submit(process_chunk, chunk, settings) for chunk in chunks}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield from fut.result()
        finished = True
    except BrokenProcessPool:
        raise KgError(_WORKER_DIED) from None
    finally:
        # on an error or an interruption, do not wait for the chunks still running
        pool.shutdown(wait=finished, cancel_futures=True)


def _dask_client(settings: Settings):
    """Connect to the scheduler, or start a LocalCluster of `workers` processes on loopback."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise ConfigError(
            "the dask executor needs 'dask[distributed]'; pip install 'dask[distributed]'"
        ) from err
    if settings.scheduler:
        try:
            return Client(settings.scheduler, timeout="20s"), None
        except (OSError, TimeoutError, ValueError) as err:
            raise ConfigError(f"cannot reach the Dask scheduler at {settings.scheduler}: {err}") from None
    cluster = LocalCluster(
        n_workers=settings.workers, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    )
    return Client(cluster), cluster


def _check_workers(client, settings: Settings) -> None:
    """Fail early when a worker runs other kg code, data or model versions than this machine."""
    from .cache import fingerprint

    here = fingerprint(settings)
    for address, theirs in sorted(client.run(fingerprint, settings).items()):
        if theirs != here:
            raise ConfigError(
                f"Dask worker {address} runs a different kg/model/data version than this machine; "
                "install the same kg and model package on every worker"
            )


def _run_dask(articles: Sequence[Article], settings: Settings) -> Iterator[ArticleResult]:
    """Submit chunks to a Dask cluster and yield results as chunks complete."""
    client, cluster = _dask_client(settings)
    try:
        from distributed import KilledWorker, as_completed

        _check_workers(client, settings)
        chunks = chunked(articles, chunk_size(len(articles), settings))
        futures = [client.submit(process_chunk, chunk, settings, pure=False) for chunk in chunks]
        try:
            for fut in as_completed(futures):
                yield from fut.result()
        except KilledWorker:
            raise KgError(_WORKER_DIED) from None
        finally:
            client.cancel(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _execute(articles: Sequence[Article], settings: Settings) -> Iterator[ArticleResult]:
    """Run `process_articles` over `articles` with the executor the settings name."""
    if not articles:
        return
    if settings.executor == "dask":
        yield from _run_dask(articles, settings)
    elif settings.workers > 1 and len(articles) > settings.batch_size:
        yield from _run_pool(articles, settings)
    else:
        yield from process_articles(articles, settings)


def run_articles(articles: Sequence[Article], settings: Settings) -> Iterator[ArticleResult]:
    """Yield one result per article; the order may differ from the input when workers > 1.

    When every result has been yielded, logs (logger `kg.runner`, INFO) how many came from the
    cache and how many were processed; the record carries them as `kg_stats` (a RunStats).
    articles (Sequence[Article]): the articles, with unique ids.
    settings (Settings): model, workers, executor, scheduler and cache_dir are used here.
    RAISES ConfigError: for an unreachable scheduler or a model that is not installed.
    """
    if not articles:
        return  # nothing to do: no cache folder is created either
    cache = _open_cache(settings)
    todo: list[Article] = []
    cached = 0
    for art in articles:
        hit = cache.get(art) if cache is not None else None
        if hit is None:
            todo.append(art)
        else:
            cached += 1
            yield hit
    processed = 0
    for res in _execute(todo, settings):
        if cache is not None:
            cache.put(res)
        processed += 1
        yield res
    stats = RunStats(cached=cached, processed=processed)
    log.info("processed %d articles, %d from the cache", processed, cached, extra={"kg_stats": stats})


def _open_cache(settings: Settings):
    """The extraction cache of these settings, or None when caching is off."""
    if not settings.cache_dir:
        return None
    from .cache import ExtractionCache

    try:
        return ExtractionCache.open(settings.cache_dir, settings)
    except OSError as err:
        raise KgError(f"{settings.cache_dir}: cannot use the cache folder: {err.strerror or err}") from None

"""A `kg build --workers 2` killed with SIGKILL mid-run leaves the previous output intact, a usable
cache and no worker process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from kg.cache import article_key, decode_result, remove_stale_temp
from kg.ingest import read_articles
from kg.pipeline import run
from kg.records import Article
from kg.settings import Settings

from ._corpus import DATA, corpus_articles, write_corpus

N_BIG = 200
KG = [sys.executable, "-c", "from kg.cli import main; main()"]


def _build(paths, out, cache) -> subprocess.Popen:
    cmd = [*KG, "build", *map(str, paths), "--out", str(out), "--cache", str(cache), "--workers", "2", "-q"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _entries(cache):
    return list(cache.glob("*/??/*.json"))


def test_build_sigkill_keeps_previous_output(tmp_path, nlp):
    psutil = pytest.importorskip("psutil")
    out, cache = tmp_path / "out", tmp_path / "cache"
    run([DATA], out_dir=out, settings=Settings(cache_dir=str(cache)))
    before = {name: (out / name).read_bytes() for name in ("graph.ttl", "graph.html")}
    bigger = write_corpus(tmp_path / "big" / "news.jsonl", corpus_articles(N_BIG))

    baseline = len(_entries(cache))
    proc = _build([bigger], out, cache)
    try:
        deadline = time.monotonic() + 120
        while len(_entries(cache)) < baseline + 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "the build ended before it could be killed"
        workers = psutil.Process(proc.pid).children(recursive=True)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert workers
    _, alive = psutil.wait_procs(workers, timeout=20)
    assert not alive, "worker processes outlived the killed build"

    # the previous outputs are untouched; only hidden temp files may have been left beside them
    assert {name: (out / name).read_bytes() for name in before} == before
    others = [p.name for p in out.iterdir() if p.name not in {*before, "store", ".cache"}]
    assert all(name.startswith(".") for name in others), others
    # every entry the killed run finished is complete and matches its article
    articles = {article_key(a): a for a in read_articles([bigger]) if isinstance(a, Article)}
    finished = [e for e in _entries(cache) if e.stem in articles]
    assert 2 < len(finished) < N_BIG, len(finished)
    assert all(decode_result(e.read_bytes(), articles[e.stem]) is not None for e in finished)
    # leftovers are hidden `.NAME.*.tmp` files; a later run removes them once stale
    remove_stale_temp(cache, max_age=0, recursive=True)
    assert not list(cache.rglob("*.tmp"))

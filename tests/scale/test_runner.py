"""kg.runner: worker processes and Dask give the same results, and the same Turtle, as one process."""

from __future__ import annotations

import logging
import pickle

import pytest

from kg.errors import ConfigError, KgError
from kg.ingest import read_articles
from kg.pipeline import extract, run
from kg.records import Article
from kg.runner import RunStats, chunk_size, chunked, run_articles
from kg.settings import Settings

from ._corpus import corpus_articles, write_corpus

N_ARTICLES = 20
BATCH = 4  # small batches, so 20 articles make several chunks


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A folder with one JSONL file of generated articles."""
    folder = tmp_path_factory.mktemp("scale-corpus")
    write_corpus(folder / "news.jsonl", corpus_articles(N_ARTICLES))
    return folder


@pytest.fixture(scope="module")
def articles(corpus) -> list[Article]:
    return [a for a in read_articles([corpus]) if isinstance(a, Article)]


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory, nlp):
    """The reference build: one process, no cache; returns (results, graph.ttl bytes)."""
    out = tmp_path_factory.mktemp("one-process")
    report = run([corpus], out_dir=out, settings=Settings(batch_size=BATCH), html=False, store=False)
    return report.results, (out / "graph.ttl").read_bytes()


def _stats(caplog) -> RunStats:
    found = [r.kg_stats for r in caplog.records if hasattr(r, "kg_stats")]
    assert len(found) == 1
    return found[0]


def test_runner_results_pickle(one_process):
    results, _ = one_process
    assert any(r.relations for r in results)
    assert pickle.loads(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)) == results


def test_runner_chunks_are_whole_batches():
    settings = Settings(batch_size=BATCH, workers=2)
    items = list(range(N_ARTICLES))
    size = chunk_size(len(items), settings)
    chunks = chunked(items, size)
    assert size % BATCH == 0 and len(chunks) >= 2
    assert [x for c in chunks for x in c] == items


def test_runner_workers_two_turtle_identical(corpus, one_process, tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="kg.runner")
    out = tmp_path / "two"
    settings = Settings(batch_size=BATCH, workers=2)
    report = run([corpus], out_dir=out, settings=settings, html=False, store=False)
    assert _stats(caplog) == RunStats(cached=0, processed=N_ARTICLES)
    assert report.results == one_process[0]
    assert (out / "graph.ttl").read_bytes() == one_process[1]


def test_runner_dask_local_cluster_same_results(corpus, one_process, nlp):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        settings = Settings(batch_size=BATCH, executor="dask", scheduler=cluster.scheduler_address)
        results, skipped = extract([corpus], settings)
    assert not skipped
    assert results == list(one_process[0])


def test_runner_killed_worker_is_one_line_error(tmp_path):
    psutil = pytest.importorskip("psutil")
    write_corpus(tmp_path / "news.jsonl", corpus_articles(64))
    articles = [a for a in read_articles([tmp_path]) if isinstance(a, Article)]
    results = run_articles(articles, Settings(batch_size=BATCH, workers=2))
    next(results)  # one chunk is done, the pool is busy with the others
    server = [p for p in psutil.Process().children() if "forkserver" in " ".join(p.cmdline())]
    workers = [w for p in server for w in p.children()]
    assert workers
    workers[0].kill()
    with pytest.raises(KgError, match="worker process stopped unexpectedly"):
        list(results)


def test_runner_unknown_executor_is_config_error(articles):
    with pytest.raises(ConfigError, match="unknown executor 'spark'"):
        list(run_articles(articles, Settings(executor="spark")))


def test_runner_no_articles_yields_nothing():
    assert list(run_articles([], Settings(workers=2))) == []

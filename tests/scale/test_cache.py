"""kg.cache: hits, invalidation, damaged entries, interrupted runs and leftover temp files."""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from pathlib import Path

import pytest

from kg.cache import ExtractionCache, article_key, cache_size, decode_result, encode_result, fingerprint
from kg.ingest import read_articles
from kg.pipeline import extract, run
from kg.records import Article, ArticleResult, Entity, Evidence, Relation
from kg.runner import RunStats, run_articles
from kg.settings import Settings

from ._corpus import corpus_articles, write_corpus

N = 12


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "in"
    write_corpus(folder / "news.jsonl", corpus_articles(N))
    return folder


def _articles(folder) -> list[Article]:
    return [a for a in read_articles([folder]) if isinstance(a, Article)]


def _stats(caplog) -> RunStats:
    found = [r.kg_stats for r in caplog.records if hasattr(r, "kg_stats")]
    caplog.clear()
    assert len(found) == 1
    return found[0]


def _hostile_result() -> ArticleResult:
    odd = "Ab\ud800c \u202eRTL\u202c \x00\x1f 🇺🇦 \U0001f600 " + "x" * 300
    art = Article(id=f"id-{odd}", text=odd, title=odd, url="http://e.x/?q=" + odd)
    ent = Entity(odd, "Country", None)
    rel = Relation(
        ent, "visits", Entity("B", "City", "RUS"), Evidence(art.id, odd, 0, len(odd)), 0.123, "kg.r.v1"
    )
    return ArticleResult(art, (ent,), (rel,))


def test_cache_entry_round_trips_hostile_strings():
    res = _hostile_result()
    assert decode_result(encode_result(res), res.article) == res


def test_cache_entry_of_another_article_is_a_miss():
    res = _hostile_result()
    other = dataclasses.replace(res.article, text=res.article.text + ".")
    assert decode_result(encode_result(res), other) is None
    assert decode_result(b"{not json", res.article) is None
    assert decode_result(b'{"format": 1}', res.article) is None


def test_cache_key_ignores_path_but_not_metadata():
    art = Article("a", "Some text.", title="T", path="x/a.txt")
    assert article_key(art) == article_key(dataclasses.replace(art, path="y/a.txt"))
    assert article_key(art) != article_key(dataclasses.replace(art, title="U"))
    assert article_key(art) != article_key(dataclasses.replace(art, date="2024-01-01"))


def test_cache_fingerprint_depends_on_settings(monkeypatch):
    base = fingerprint(Settings())
    assert base == fingerprint(Settings(workers=4, batch_size=8, executor="dask"))
    assert base != fingerprint(Settings(min_confidence=0.5))
    assert base != fingerprint(Settings(keep_hedged=True))
    assert base != fingerprint(Settings(model="en_core_web_md"))
    monkeypatch.setattr("kg.cache.PIPELINE_VERSION", "kg.pipeline.test")
    assert base != fingerprint(Settings())


def test_cache_rebuild_processes_only_the_new_article(corpus, tmp_path, caplog, nlp):
    caplog.set_level(logging.INFO, logger="kg.runner")
    cache = tmp_path / "cache"
    settings = Settings(cache_dir=str(cache))
    first = run([corpus], out_dir=tmp_path / "a", settings=settings, html=False, store=False)
    assert _stats(caplog) == RunStats(cached=0, processed=N)
    assert cache_size(cache) == N

    again = run([corpus], out_dir=tmp_path / "b", settings=settings, html=False, store=False)
    assert _stats(caplog) == RunStats(cached=N, processed=0)
    assert again.results == first.results
    assert (tmp_path / "b" / "graph.ttl").read_bytes() == (tmp_path / "a" / "graph.ttl").read_bytes()

    write_corpus(corpus / "more.jsonl", corpus_articles(1, start=N))
    grown, _ = extract([corpus], settings)
    assert _stats(caplog) == RunStats(cached=N, processed=1)
    uncached, _ = extract([corpus], Settings())
    assert grown == uncached


def test_cache_changed_article_or_settings_reprocess(corpus, tmp_path, caplog, nlp):
    caplog.set_level(logging.INFO, logger="kg.runner")
    settings = Settings(cache_dir=str(tmp_path / "cache"))
    articles = _articles(corpus)
    list(run_articles(articles, settings))
    _stats(caplog)
    edited = [
        dataclasses.replace(articles[0], text=articles[0].text + "\n\nOne more paragraph."),
        *articles[1:],
    ]
    list(run_articles(edited, settings))
    assert _stats(caplog) == RunStats(cached=N - 1, processed=1)
    list(run_articles(articles, dataclasses.replace(settings, min_confidence=0.5)))
    assert _stats(caplog) == RunStats(cached=0, processed=N)


def test_cache_damaged_entry_is_reprocessed_and_rewritten(corpus, tmp_path, caplog, nlp):
    caplog.set_level(logging.INFO, logger="kg.runner")
    settings = Settings(cache_dir=str(tmp_path / "cache"))
    articles = _articles(corpus)
    reference = sorted(run_articles(articles, settings), key=lambda r: r.article.id)
    _stats(caplog)
    cache = ExtractionCache.open(settings.cache_dir, settings)
    entry = cache.path(article_key(articles[3]))
    entry.write_bytes(entry.read_bytes()[:40])  # a torn write
    again = sorted(run_articles(articles, settings), key=lambda r: r.article.id)
    assert _stats(caplog) == RunStats(cached=N - 1, processed=1)
    assert again == reference
    assert cache.get(articles[3]) == reference[3]


def test_cache_interrupted_run_keeps_finished_articles(corpus, tmp_path, caplog, nlp):
    caplog.set_level(logging.INFO, logger="kg.runner")
    settings = Settings(cache_dir=str(tmp_path / "cache"), batch_size=4)
    articles = _articles(corpus)
    gen = run_articles(articles, settings)
    done = [next(gen) for _ in range(5)]
    gen.close()  # the run stops here, as on Ctrl-C
    assert cache_size(tmp_path / "cache") == len(done)
    list(run_articles(articles, settings))
    assert _stats(caplog) == RunStats(cached=len(done), processed=N - len(done))


def test_cache_open_removes_stale_temp_files_only(tmp_path):
    settings = Settings()
    cache = ExtractionCache.open(tmp_path, settings)
    stale = cache.root / "ab" / ".abc.json.x1y2.tmp"
    fresh = cache.root / "ab" / ".abd.json.x3y4.tmp"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"{")
    fresh.write_bytes(b"{")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    ExtractionCache.open(tmp_path, settings)
    assert not stale.exists() and fresh.exists()
    assert cache.count() == 0


def test_cache_key_follows_the_imported_modules():
    """The code part of the key is every kg module the extraction imports, read from the imports."""
    from kg.cache import extraction_modules

    modules = extraction_modules()
    for name in ("kg.nlp", "kg.relations.extract", "kg.relations.lexicon", "kg.resolve", "kg.gazetteer"):
        assert name in modules
    for name in ("kg.patterns", "kg.ontology", "kg.records", "kg.vocab"):
        assert name in modules  # imported by those, so part of the key too
    for name in ("kg.cli", "kg.pipeline", "kg.graph", "kg.viz", "kg.query", "kg.cache"):
        assert name not in modules  # what happens after extraction does not invalidate the cache


def test_cache_key_keeps_a_renamed_module(tmp_path):
    """Rename a module the extraction uses: it stays in the key under its new name."""
    import shutil

    from kg.cache import code_digest, extraction_modules

    pkg = tmp_path / "kg"
    shutil.copytree(Path(__file__).resolve().parents[2] / "kg", pkg, ignore=shutil.ignore_patterns("*.pyc"))
    (pkg / "patterns.py").rename(pkg / "word_sets.py")
    for path in pkg.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        new = text.replace("from .patterns import", "from .word_sets import").replace(
            "from ..patterns import", "from ..word_sets import"
        )
        new = new.replace("from . import patterns as", "from . import word_sets as")
        new = new.replace("from .. import patterns as", "from .. import word_sets as")
        if new != text:
            path.write_text(new, encoding="utf-8")
    modules = extraction_modules(pkg)
    assert "kg.word_sets" in modules and "kg.patterns" not in modules
    before = code_digest(pkg)
    with open(pkg / "word_sets.py", "a", encoding="utf-8") as fh:
        fh.write("\nNEW_WORDS = frozenset({'x'})\n")
    assert code_digest(pkg) != before


def test_cache_key_extra_parts_hook(tmp_path):
    """A trained model file can join the key through `extra` (the hook for later)."""
    from kg.cache import file_part

    model = tmp_path / "relations.bin"
    model.write_bytes(b"weights v1")
    first = fingerprint(Settings(), extra={"entity_linker": file_part(model)})
    model.write_bytes(b"weights v2")
    second = fingerprint(Settings(), extra={"entity_linker": file_part(model)})
    assert len({first, second, fingerprint(Settings())}) == 3

"""Viz fixtures: one headless Chromium per module, and a real graph built once per session.

The real graph is what `kg build` makes of the two sample articles in `data/` plus six short
dated articles with outlet and URL written for these tests (`tests/viz/data/articles.jsonl`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ._browser import ARGS, CHROMIUM, Opened

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The graph built by the real pipeline from data/ and tests/viz/data/: {"graph", "ttl", "dir"}."""
    from kg.graph import read_graph
    from kg.pipeline import run
    from kg.settings import Settings

    out = tmp_path_factory.mktemp("viz-built")
    run([ROOT / "data", HERE / "data" / "articles.jsonl"], out_dir=out, settings=Settings(), store=False)
    ttl = out / "graph.ttl"
    return {"graph": read_graph(ttl), "ttl": ttl, "dir": out}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("needs Debian chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def opener(browser):
    """open_(path, hash="", **kw) -> Opened; every page is closed after the test."""
    opened: list[Opened] = []

    def open_(path: Path, **kwargs) -> Opened:
        page = Opened(browser, path, **kwargs)
        opened.append(page)
        return page

    yield open_
    for page in opened:
        page.close()

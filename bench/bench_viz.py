"""Benchmark the HTML network views: time to a settled view, and to apply focus, filter and date changes.

Graphs of about 100, 1,000 and 5,000 nodes are cut from the graph that `kg.pipeline` builds
from the benchmark corpus (`../shared/corpus/news.jsonl.gz`): the relations read in the first
m articles (sorted by id), with m the smallest count that reaches the target size. The corpus
graph is cached under `.kg-cache/bench-viz/` (ignored by git; never commit corpus data).
`--synthetic` times random graphs built from records instead, for when no pipeline exists.

    python bench/bench_viz.py                       # corpus, writes bench/VIZ.md
    python bench/bench_viz.py --synthetic --out /tmp/VIZ.md
    python bench/bench_viz.py --limit 300 --screenshots docs   # the README's screenshots

Every request other than file:// is blocked, as in the tests. "settled" is `performance.now()`
when the page sets `data-settled` (physics stopped, or the precomputed layout drawn, panels and
timeline filled: the page answers clicks), measured from navigation start; the median of
`--repeat` loads is reported.

On the larger pages the explorer's changes are timed too, from the call to the end of the
next animation frame (the data pass, the vis-network redraw with its labels and its
rasterisation, the details panel and the timeline all included): focusing one of the top
actors, switching the conflict family off and on, and setting a date range. Each is timed in
the default state (event relations only, top actors) and with every node and relation shown;
the median and the worst of `INTERACTIONS` runs are reported.
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _corpus import corpus_lines  # bench/ is on sys.path when run as a script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.convert import to_networkx  # noqa: E402
from kg.graph import build_graph, read_graph  # noqa: E402
from kg.records import Article, ArticleResult, Entity, Evidence, Relation  # noqa: E402
from kg.viz import View, generate_html, render  # noqa: E402
from kg.viz.layout import LARGE  # noqa: E402
from kg.viz.views import articles_graph  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl.gz"
CACHE = ROOT / ".kg-cache" / "bench-viz"
CHROMIUM = "/usr/bin/chromium"
INTERACTIONS = 6  # runs of each change
_INTERACT_JS = """async ([mode, runs]) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const timed = async (fn) => {  // to the end of the next frame: its drawing and rasterisation included
    const t0 = performance.now(); fn(); await frame(); await new Promise((r) => setTimeout(r, 0));
    return performance.now() - t0;
  };
  const rest = async () => {  // until a re-layout in the browser, if any, has finished
    const busy = () => document.getElementById("kg-progress").textContent;
    while (busy()) { await new Promise((r) => setTimeout(r, 50)); }
    await frame();
  };
  if (mode === "all") { kg.setState({top: 0, hp: new Set(), hc: new Set()}); await rest(); }
  const shown = kg.visible();
  const names = kg.labels().slice(0, runs);
  const out = {focus: [], filter: [], range: [], shown: shown};
  for (const name of names) {
    out.focus.push(await timed(() => kg.focus(name)));
    kg.clearFocus(); await frame();
  }
  const box = document.querySelector("[data-testid=family-conflict]");
  for (let i = 0; i < runs; i++) { out.filter.push(await timed(() => box.click())); }
  if (!box.checked) { box.click(); await frame(); }
  const days = kg.data.articles.map((a) => a[5]).filter((d) => d >= 0).sort((a, b) => a - b);
  const iso = (d) => new Date(d * 86400000).toISOString().slice(0, 10);
  for (let i = 0; i < runs; i++) {
    const lo = days[Math.floor(days.length * (0.1 + 0.05 * i))];
    const hi = days[Math.floor(days.length * (0.6 + 0.05 * i))];
    out.range.push(await timed(() => kg.setRange(iso(lo), iso(hi))));
  }
  kg.setRange(null, null); await frame();
  return out;
}"""
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def corpus_graph(corpus: Path, *, workers: int, limit: int | None):
    """Build (or load from cache) the kg graph of the corpus with the real pipeline."""
    from kg.pipeline import run
    from kg.settings import PIPELINE_VERSION, Settings

    stat = corpus.stat()
    key = hashlib.sha1(
        f"{corpus}|{stat.st_size}|{stat.st_mtime_ns}|{PIPELINE_VERSION}|{limit}".encode()
    ).hexdigest()
    out = CACHE / key[:16]
    ttl = out / "graph.ttl"
    if not ttl.is_file():
        source = out / "subset"  # JSONL parts of 500 articles: each file stays under the reader's size limit
        shutil.rmtree(source, ignore_errors=True)  # parts left by an interrupted run
        source.mkdir(parents=True)
        for i, line in enumerate(corpus_lines(corpus)):
            if limit is not None and i >= limit:
                break
            with open(source / f"part-{i // 500:03d}.jsonl", "a", encoding="utf-8") as dst:
                dst.write(line)
        t0 = time.perf_counter()
        print(f"building the corpus graph with kg.pipeline ({workers} workers)...", flush=True)
        settings = Settings(workers=workers, cache_dir=str(CACHE / "extract"))  # resumable per article
        run([source], out_dir=out, settings=settings, html=False, store=False)
        print(f"  built in {time.perf_counter() - t0:.0f} s", flush=True)
        shutil.rmtree(source)
    return read_graph(ttl)


def synthetic_graph(n_articles: int, *, seed: int = 11):
    """A random graph built from records: entities drawn with a heavy-tailed popularity."""
    from kg.convert import predicate_info

    rng = random.Random(seed)
    preds = sorted(predicate_info())
    types = ("Country", "Person", "Organization", "City")
    pool = [
        Entity(f"Entity {i}", types[i % 4], f"C{i % 60:02d}" if i % 4 != 2 else None) for i in range(20_000)
    ]
    weights = [1.0 / (i + 1) ** 0.9 for i in range(len(pool))]
    results = []
    for a in range(n_articles):
        art = Article(f"syn-{a:05d}", "text", title=f"Article {a}", date="2024-01-01")
        rels = []
        for k in range(rng.randint(1, 6)):
            s, o = rng.choices(pool, weights, k=2)
            if s == o:
                continue
            sentence = f"{s.name} and {o.name} in article {a}, sentence {k}."
            rels.append(
                Relation(s, rng.choice(preds), o, Evidence(art.id, sentence, 0, len(sentence)), 0.8, "syn")
            )
        results.append(ArticleResult(art, (), tuple(rels)))
    return build_graph(results)


def cut(G, target: int):
    """Return (view graph, articles used): the first m articles' relations, m minimal for `target` nodes."""
    first: dict[str, set[str]] = {}
    for u, v, data in G.edges(data=True):
        for e in data.get("evidence", ()):
            first.setdefault(e["article"], set()).update((u, v))
    ids = sorted(first)
    seen: set[str] = set()
    m = len(ids)
    for i, art in enumerate(ids):
        seen |= first[art]
        if len(seen) >= target:
            m = i + 1
            break
    return articles_graph(G, ids[:m]), m


def machine() -> str:
    """One line naming the CPU, cores, memory, Chromium and Python."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor() or "unknown CPU",
    )
    mem = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if "MemTotal" in line
        ),
        0,
    )
    import os

    cores = len(os.sched_getaffinity(0))
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return f"{cpu}, {cores} cores available, {mem} GiB RAM; {chromium}; Python {platform.python_version()}"


def time_page(browser, path: Path, repeat: int, *, interact: bool = False) -> dict[str, object]:
    """Load a page `repeat` times; return median timings (s), the counts the page shows and, if
    `interact`, the explorer's change timings (ms) on the last load, by state."""
    settled, dcl, wall = [], [], []
    counts: dict = {}
    changes: dict = {}
    for run in range(repeat):
        context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
        outside: list[str] = []

        def route(r, outside=outside):
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda err, errors=errors: errors.append(str(err)))
        t0 = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-settled='1']", state="attached", timeout=600_000)
        wall.append(time.perf_counter() - t0)
        settled.append(page.evaluate("window.kgSettledAt") / 1000)
        dcl.append(
            page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd") / 1000
        )
        counts = page.evaluate("kg.counts()")
        counts["shown"] = page.evaluate("kg.visible()")["nodes"]
        if interact and run == repeat - 1:
            for mode in ("default", "all"):
                changes[mode] = page.evaluate(_INTERACT_JS, [mode, INTERACTIONS])
        context.close()
        if outside or errors:
            raise SystemExit(f"{path.name}: outside requests {outside} or page errors {errors}")
    return {
        "settled": statistics.median(settled),
        "dcl": statistics.median(dcl),
        "wall": statistics.median(wall),
        "changes": changes,
        **counts,
    }


SHOTS = (  # (file, view, URL hash, what to do once settled)
    ("viz-overview.png", "entities", "", None),
    ("viz-focus.png", "entities", "focus=russia", "expand"),
    ("viz-timeline.png", "entities", "focus=united-states&from=2017-01-01&to=2018-12-31", None),
    ("viz-countries.png", "countries", "", "hover:United States>Russia"),
)
_EDGE_POINT_JS = """([a, b]) => {
  const name = (i) => kg.data.nodes[i].name;
  const e = kg.data.edges.find((x) => name(x.from) === a && name(x.to) === b && !x.sym);
  const p = kg.network.body.edges[e.id].edgeType.getPoint(0.5);
  const d = kg.network.canvasToDOM(p);
  const box = document.getElementById("kg-network").getBoundingClientRect();
  return {x: box.left + d.x, y: box.top + d.y};
}"""


def screenshots(g, folder: Path) -> None:
    """Write the README's screenshots (1600×1000) of the views of `g` into `folder`."""
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pages = {}
        for kind in ("entities", "countries"):
            pages[kind] = Path(tmp) / f"{kind}.html"
            pages[kind].write_text(generate_html(g, view=kind), encoding="utf-8")
        for name, kind, url_hash, action in SHOTS:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.goto(pages[kind].as_uri() + (f"#{url_hash}" if url_hash else ""))
            page.wait_for_selector("body[data-settled='1']", state="attached", timeout=120_000)
            if action == "expand":
                page.click("[data-testid=focus-rel] summary")
            elif action and action.startswith("hover:"):
                point = page.evaluate(_EDGE_POINT_JS, action[6:].split(">"))
                page.mouse.move(point["x"] - 30, point["y"] - 30)
                page.mouse.move(point["x"], point["y"], steps=5)
                page.wait_for_selector("#kg-tip:not([hidden])")
            page.wait_for_timeout(300)
            page.screenshot(path=str(folder / name))
            print(f"wrote {folder / name}")
            page.close()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="read only the first N corpus articles")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--synthetic", action="store_true", help="random graphs from records, no pipeline")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "VIZ.md")
    parser.add_argument("--screenshots", type=Path, default=None, help="write the README's screenshots here")
    opts = parser.parse_args()
    if opts.screenshots is not None:
        screenshots(corpus_graph(opts.corpus, workers=opts.workers, limit=opts.limit), opts.screenshots)
        return

    from playwright.sync_api import sync_playwright

    t0 = time.perf_counter()
    if opts.synthetic:
        g = synthetic_graph(6000)
        source = "synthetic graph from records (random entities, heavy-tailed popularity), 6,000 articles"
    else:
        g = corpus_graph(opts.corpus, workers=opts.workers, limit=opts.limit)
        source = f"`{opts.corpus.name}` through `kg.pipeline`" + (
            f", first {opts.limit} articles" if opts.limit else ""
        )
    G = to_networkx(g)
    print(
        f"graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges ({time.perf_counter() - t0:.1f} s)"
    )
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            cases = []
            for target in (int(s) for s in opts.sizes.split(",")):
                sub, m = cut(G, target)
                view = View("entities", "bench", "", sub)
                cases.append((f"~{target:,} ({m:,} articles)", view, None))
                if target == 1000:  # both sides of the threshold
                    large = view.graph.number_of_nodes() > LARGE
                    cases.append((f"~{target:,} ({m:,} articles)", view, large))
            for label, view, physics in cases:
                t = time.perf_counter()
                html = render(view, physics=physics)
                py = time.perf_counter() - t
                path = Path(tmp) / "page.html"
                path.write_text(html, encoding="utf-8")
                n, e = view.graph.number_of_nodes(), view.graph.number_of_edges()
                res = time_page(browser, path, opts.repeat, interact=n >= 1000)
                assert (res["nodes"], res["edges"]) == (n, e), (res, n, e)
                large = n > LARGE if physics is None else not physics
                rows.append((label, "entities", n, e, large, len(html.encode()) / 1e6, py, res))
                print(rows[-1], flush=True)
            for kind in ("entities", "countries"):
                t = time.perf_counter()
                html = generate_html(g, view=kind)
                py = time.perf_counter() - t
                path = Path(tmp) / "page.html"
                path.write_text(html, encoding="utf-8")
                res = time_page(browser, path, opts.repeat, interact=kind == "entities")
                large = res["nodes"] > LARGE
                rows.append(
                    (
                        "whole graph",
                        kind,
                        res["nodes"],
                        res["edges"],
                        large,
                        len(html.encode()) / 1e6,
                        py,
                        res,
                    )
                )
                print(rows[-1], flush=True)
        finally:
            browser.close()
    lines = [
        "# Network views: time to a settled view in headless Chromium",
        "",
        f"Machine: {machine()}.",
        f"Source: {source}; whole graph {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges."
        " A ~N graph holds the relations of the first m articles by id (m: fewest reaching N nodes).",
        f"Run: `python bench/bench_viz.py{' --synthetic' if opts.synthetic else ''}`,"
        f" median of {opts.repeat} loads, viewport 1280×800, every non-file request blocked.",
        "",
        "Python = building the page (view graph, layout, HTML;"
        " for the whole-graph rows from the rdflib graph);"
        " DOM ready = `domContentLoadedEventEnd` (HTML parsed, vis-network and data evaluated);"
        " settled = physics stopped or precomputed layout drawn, from navigation start.",
        "",
        "| graph | view | nodes | edges | shown at start | layout | HTML (MB) | Python (s) | DOM ready (s)"
        " | settled (s) |",
        "| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for label, kind, n, e, large, size, py, res in rows:
        layout = "precomputed (networkx), physics off" if large else "vis physics, stops when stable"
        cells = (label, kind, f"{n:,}", f"{e:,}", f"{res['shown']:,}", layout, f"{size:.1f}", f"{py:.2f}")
        lines.append("| " + " | ".join((*cells, f"{res['dcl']:.2f}", f"{res['settled']:.2f}")) + " |")
    lines += [
        "",
        f"Changes, from the call to the end of the next frame (ms; median / worst of {INTERACTIONS}):",
        "",
        "| graph | state | nodes shown | edges shown | focus a top actor | conflict family off/on"
        " | date range |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, _kind, _n, _e, _large, _size, _py, res in rows:
        for mode, name in (("default", "default (event relations, top actors)"), ("all", "everything shown")):
            ch = res["changes"].get(mode)
            if not ch:
                continue
            cells = [label, name, f"{ch['shown']['nodes']:,}", f"{ch['shown']['edges']:,}"]
            for key in ("focus", "filter", "range"):
                cells.append(f"{statistics.median(ch[key]):.0f} / {max(ch[key]):.0f}")
            lines.append("| " + " | ".join(cells) + " |")
    opts.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {opts.out}")


if __name__ == "__main__":
    main()

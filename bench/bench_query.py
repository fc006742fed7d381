"""Benchmark the named SPARQL queries: pyoxigraph (kg.query) against rdflib, in the same run.

The graph is built with the real pipeline (`kg.pipeline.run`) from the first `--articles`
articles of `../shared/corpus/news.jsonl.gz` and cached under `.kg-cache/bench-query/` (ignored
by git; never commit corpus data). `--graph FILE` times an existing graph instead.

    python bench/bench_query.py                      # 1,000 articles, prints a Markdown table
    python bench/bench_query.py --graph output/graph.ttl --repeat 5 --out /tmp/QUERY.md

Both engines see the same dataset: the data graph as the default graph and the geo ontology
in the named graph <https://w3id.org/geokg/ontology> (rdflib: a Dataset). Each query runs once
to warm up, then `--repeat` times; the median wall time to a fully materialised result is
reported, with the row counts (which must agree) and the ratio rdflib / pyoxigraph. rdflib runs
in a child process that is stopped after `--cap` seconds per query; a query that takes over 5 s
is run once only.
`--shacl` also times `kg validate` (compiled shapes, reading the file) and `kg build --infer` (owlrl).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import platform
import statistics
import sys
import time
from pathlib import Path

from _corpus import corpus_lines  # bench/ is on sys.path when run as a script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.query import ONTOLOGY_GRAPH, load_store, named_queries, run_query  # noqa: E402
from kg.resources import ontology_file  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl.gz"
CACHE = ROOT / ".kg-cache" / "bench-query"


def corpus_graph(corpus: Path, *, articles: int, workers: int) -> Path:
    """Build (or reuse from the cache) the graph of the first `articles` corpus lines; return its path."""
    from kg.pipeline import run
    from kg.settings import PIPELINE_VERSION, Settings

    stat = corpus.stat()
    key = hashlib.sha1(f"{corpus}|{stat.st_size}|{stat.st_mtime_ns}|{PIPELINE_VERSION}|{articles}".encode())
    out = CACHE / key.hexdigest()[:16]
    ttl = out / "graph.ttl"
    if ttl.is_file():
        return ttl
    out.mkdir(parents=True, exist_ok=True)
    subset = out / "subset.jsonl"
    with open(subset, "w", encoding="utf-8") as dst:
        for i, line in enumerate(corpus_lines(corpus)):
            if i >= articles:
                break
            dst.write(line)
    print(f"building the graph of {articles} articles with kg.pipeline ({workers} workers)...", flush=True)
    t0 = time.perf_counter()
    try:
        run([subset], out_dir=out, settings=Settings(workers=workers), html=False, store=False)
    finally:
        subset.unlink(missing_ok=True)
    print(f"  built in {time.perf_counter() - t0:.0f} s", flush=True)
    return ttl


def rdflib_dataset(graph: Path):
    """Return an rdflib Dataset: the graph as default graph, the ontology as a named graph."""
    from rdflib import Dataset, URIRef

    ds = Dataset()
    ds.parse(graph, format="turtle")
    ds.graph(URIRef(ONTOLOGY_GRAPH)).parse(ontology_file("geopolitics.ttl"), format="turtle")
    return ds


def timed(fn, repeat: int, *, slow: float = 5.0) -> tuple[float, object, int]:
    """Time `fn`: once; when that took under `slow` s, `repeat` more runs (the first one is the warm-up).

    RETURNS (tuple): (median seconds, last result, number of timed runs).
    """
    t0 = time.perf_counter()
    result = fn()
    first = time.perf_counter() - t0
    if first >= slow:
        return first, result, 1
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result, len(times)


def _rdflib_worker(conn, graph: str, text: str, repeat: int) -> None:
    ds = rdflib_dataset(Path(graph))
    conn.send("loaded")
    seconds, result, runs = timed(lambda: list(ds.query(text)), repeat)
    conn.send((seconds, len(result), runs))


def time_rdflib(graph: Path, text: str, *, repeat: int, cap: float) -> tuple[float | None, int | None, int]:
    """Time one query on rdflib in a child process, killed after `cap` seconds of querying."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_rdflib_worker, args=(child, str(graph), text, repeat), daemon=True)
    proc.start()
    try:
        if not parent.poll(1800) or parent.recv() != "loaded":
            raise RuntimeError("rdflib could not load the graph")
        if parent.poll(cap):
            return parent.recv()
        return None, None, 0
    finally:
        proc.kill()
        proc.join()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, help="time this graph file instead of building one")
    parser.add_argument("--articles", type=int, default=1000, help="corpus articles to build from")
    parser.add_argument("--workers", type=int, default=2, help="pipeline worker processes")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per query (median)")
    parser.add_argument("--shacl", action="store_true", help="also time kg validate and owlrl")
    parser.add_argument("--cap", type=float, default=120.0, help="seconds before an rdflib query is stopped")
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    args = parser.parse_args(argv)

    graph = args.graph or corpus_graph(CORPUS, articles=args.articles, workers=args.workers)
    t0 = time.perf_counter()
    store = load_store(graph)
    ox_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    ds = rdflib_dataset(graph)
    rdf_load = time.perf_counter() - t0
    triples = len(ds.default_graph) if hasattr(ds, "default_graph") else len(ds)

    rows = []
    for name, query in named_queries().items():
        ox_s, ox_result, ox_runs = timed(lambda q=query: run_query(store, q.text), args.repeat)
        rdf_s, n_rdf, rdf_runs = time_rdflib(graph, query.text, repeat=args.repeat, cap=args.cap)
        rows.append((name, len(ox_result.rows), n_rdf, ox_s, rdf_s, rdf_runs))
        rdf_text = f"{rdf_s * 1000:.1f} ms" if rdf_s is not None else f"> {args.cap:g} s (stopped)"
        print(f"  {name}: pyoxigraph {ox_s * 1000:.1f} ms, rdflib {rdf_text}", flush=True)

    source = f"`{args.graph}`" if args.graph else f"the first {args.articles:,} articles of the corpus"
    lines = [
        "# SPARQL benchmark: named queries, pyoxigraph vs rdflib",
        "",
        f"Graph: {source}, {triples:,} triples (plus the ontology in a named graph).",
        f"Machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}; "
        f"median of {args.repeat} runs after one warm-up, wall time to a materialised result.",
        "",
        f"Load: pyoxigraph {ox_load:.2f} s (in-memory store from Turtle), rdflib {rdf_load:.2f} s (Dataset).",
        "",
        "| query | rows (oxigraph / rdflib) | pyoxigraph ms | rdflib ms | rdflib / pyoxigraph |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    ratios = []
    for name, n_ox, n_rdf, ox_s, rdf_s, rdf_runs in rows:
        if rdf_s is None:
            cap_ms, floor = f"{args.cap * 1000:,.0f}", f"{args.cap / ox_s:,.0f}"
            lines.append(f"| {name} | {n_ox} / - | {ox_s * 1000:.1f} | > {cap_ms} (stopped) | > {floor}x |")
            ratios.append(args.cap / ox_s)
            continue
        ratio = rdf_s / ox_s if ox_s > 0 else float("inf")
        ratios.append(ratio)
        agree = f"{n_ox}" if n_ox == n_rdf else f"{n_ox} / {n_rdf} (differ)"
        once = " (1 run)" if rdf_runs == 1 else ""
        lines.append(f"| {name} | {agree} | {ox_s * 1000:.1f} | {rdf_s * 1000:,.1f}{once} | {ratio:,.0f}x |")
    geo_mean = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    capped = any(r[4] is None for r in rows)
    lines += [
        "",
        f"Geometric mean ratio: rdflib takes {'at least ' if capped else ''}{geo_mean:,.0f}x "
        "as long as pyoxigraph"
        + (f" (stopped rdflib queries counted at the {args.cap:g} s cap)." if capped else "."),
    ]

    if args.shacl:
        from kg.graph import read_graph
        from kg.infer import materialise
        from kg.validate import validate_file

        t0 = time.perf_counter()
        report = validate_file(graph)
        shacl_s = time.perf_counter() - t0
        g = read_graph(graph)
        t0 = time.perf_counter()
        inferred = materialise(g)
        infer_s = time.perf_counter() - t0
        lines += [
            "",
            f"`kg validate` (compiled shapes, file read included): {shacl_s:.1f} s, "
            f"{len(report.violations)} violation(s).",
            f"`kg build --infer` (owlrl): {infer_s:.1f} s, {len(inferred) - len(g):,} triples added.",
        ]
    text = "\n".join(lines) + "\n"
    print()
    print(text)
    if args.out:
        from kg.atomic import write_text_atomic

        write_text_atomic(args.out, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

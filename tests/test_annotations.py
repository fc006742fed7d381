"""kg.annotations: the annotation files are data, validated on load (file:line for every problem)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.annotations import (
    PREDICATES,
    check_offsets,
    fold,
    load_annotations,
    make_folder,
    parse_annotations,
    predicates_of,
)
from kg.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl.gz"
SPLITS = ROOT.parent / "shared" / "corpus" / "splits.json"
HEAD = '{"guidelines": 2, "split": "train", "annotator": "a", "articles": ["a1", "a2"]}'


def _line(**kw) -> str:
    row = {"article": "a1", "s": "Russia", "p": "attacks", "o": "Ukraine", "evidence": [[0, 10]], **kw}
    return json.dumps(row)


def test_annotations_parse_header_and_triples():
    f = parse_annotations("\n".join([HEAD, _line(alt_o=["Kyiv"]), _line(p="demands")]), source="x.jsonl")
    assert (f.guidelines, f.split, f.annotator, f.articles) == (2, "train", "a", ("a1", "a2"))
    assert [t.p for t in f.triples] == ["attacks", "demands"]
    assert f.triples[0].alt_o == ("Kyiv",) and f.triples[0].where == "x.jsonl:2"
    assert f.triples[0].as_gold() == {
        "article": "a1",
        "s": "Russia",
        "p": "attacks",
        "o": "Ukraine",
        "alt_o": ["Kyiv"],
    }


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([HEAD, "{not json"], "x.jsonl:2: invalid JSON"),
        ([HEAD, _line(p="hates")], "x.jsonl:2: unknown predicate 'hates' (guidelines 2)"),
        ([HEAD, _line(alt_p=["bombs"])], "x.jsonl:2: unknown predicate 'bombs'"),
        ([HEAD, _line(article="a9")], "x.jsonl:2: article 'a9' is not listed in the header"),
        ([HEAD, _line(evidence=[[5, 2]])], "x.jsonl:2: bad evidence offsets"),
        ([HEAD, _line(evidence=[])], "x.jsonl:2: 'evidence' must be a non-empty list"),
        ([HEAD, _line(s="")], "x.jsonl:2: missing or empty 's'"),
        ([_line()], "x.jsonl:1: the first line must be a header"),
        (['{"guidelines": 3, "articles": ["a1"]}'], "unknown guidelines version 3"),
        (['{"guidelines": 2, "split": "test", "articles": ["a1"]}'], "unknown split 'test'"),
        ([""], "x.jsonl: empty annotation file"),
    ],
)
def test_annotations_reject_bad_lines_with_file_and_line(lines, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_annotations("\n".join(lines), source="x.jsonl")


def test_annotations_version_one_has_no_new_predicates():
    assert "demands" in PREDICATES and "demands" not in predicates_of(1)
    with pytest.raises(InputError, match="unknown predicate 'coerces' \\(guidelines 1\\)"):
        parse_annotations('{"guidelines": 1, "articles": ["a1"]}\n' + _line(p="coerces"), source="v1")


def test_annotations_offsets_checked_against_article_text(tmp_path):
    f = parse_annotations("\n".join([HEAD, _line(evidence=[[0, 50]])]), source="x.jsonl")
    assert check_offsets([f], {"a1": "x" * 60, "a2": "y"}) == []
    problems = check_offsets([f], {"a1": "x" * 20})
    assert problems == [
        "x.jsonl: article 'a2' is not in the corpus",
        "x.jsonl:2: evidence offsets [0, 50] out of range (article 'a1' has 20 characters)",
    ]


def test_annotations_load_folder_and_missing_path(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "one.jsonl").write_text(HEAD + "\n" + _line() + "\n", encoding="utf-8")
    (tmp_path / "two.jsonl").write_text(HEAD + "\n", encoding="utf-8")
    files = load_annotations(tmp_path)
    assert [Path(f.path).name for f in files] == ["one.jsonl", "two.jsonl"]
    with pytest.raises(InputError, match="no such file or folder"):
        load_annotations(tmp_path / "nope")


def test_annotations_fold_names_through_gazetteer():
    canon = make_folder()
    assert fold("The U.S.'s") == "us"
    assert canon("U.S.") == canon("United States") == canon("America")
    assert canon("Kremlin") != canon("Vladimir Putin")


def test_annotations_committed_files_are_valid():
    files = load_annotations(ROOT / "annotations")
    splits = {f.split for f in files}
    assert splits == {"train", "dev", "double"}
    dev = {a for f in files if f.split == "dev" for a in f.articles}
    train = {a for f in files if f.split == "train" for a in f.articles}
    double = {a for f in files if f.split == "double" for a in f.articles}
    assert len(train) >= 250 and len(dev) == 50 and len(double) >= 20
    assert not train & dev and double <= dev | train  # the development set is never trained on


@pytest.mark.skipif(
    not CORPUS.is_file(), reason="needs ../shared/corpus (the benchmark corpus beside the repo)"
)
def test_annotations_committed_offsets_fit_the_corpus_and_ids_are_train_only():
    from kg.training.corpus import read_selected

    files = load_annotations(ROOT / "annotations")
    ids = {a for f in files for a in f.articles}
    split = json.loads(SPLITS.read_text())
    assert ids <= set(split["train"]) and not ids & set(split["reserved"])
    texts = {i: a.text for i, a in read_selected(CORPUS, ids).items()}
    assert check_offsets(files, texts) == []

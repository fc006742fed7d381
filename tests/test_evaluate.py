"""`kg eval` from a clone: the shipped gold file for data/, kg's annotation format and the plain one."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kg.annotations import check_offsets, parse_annotations
from kg.cli import _commands  # noqa: F401  (registers commands)
from kg.cli._app import app
from kg.evaluate import read_gold, score, scored_predicates
from kg.ingest import read_articles
from kg.records import Article

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "data.gold.jsonl"
runner = CliRunner()


def test_evaluate_shipped_gold_is_valid_annotation_format():
    ann = parse_annotations(GOLD.read_text(encoding="utf-8"), source=str(GOLD))
    texts = {a.id: a.text for a in read_articles([ROOT / "data"]) if isinstance(a, Article)}
    assert ann.guidelines == 1 and set(ann.articles) == set(texts)
    assert len(ann.triples) >= 25
    assert check_offsets([ann], texts) == []
    for t in ann.triples:  # each evidence span is a sentence that names the triple's entities
        spans = " ".join(texts[t.article][a:b] for a, b in t.evidence)
        assert any(w in spans for w in (t.s.split()[-1], t.o.split()[-1], "Pyongyang", "Moscow")), t


def test_evaluate_gold_is_not_inside_data():
    """`kg build` reads data/ recursively: no gold or other JSONL may live there."""
    assert not [p for p in (ROOT / "data").rglob("*") if p.suffix in {".jsonl", ".json", ".ndjson"}]


def test_evaluate_cli_from_a_clone_scores_the_sample(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["eval", "--gold", "eval/data.gold.jsonl", "data/", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["strict"]["gold"] == 27
    assert report["strict"]["R"] >= 0.9 and report["strict"]["P"] >= 0.9


def _annotation(tmp_path: Path, articles: list[str], triples: list[dict], version: int = 2) -> Path:
    path = tmp_path / "gold.jsonl"
    lines = [{"guidelines": version, "articles": articles}, *triples]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def test_evaluate_header_articles_without_triples_count(tmp_path):
    """An annotated article with no gold triple makes every prediction on it a false positive."""
    triple = {"article": "a1", "s": "Russia", "p": "attacks", "o": "Ukraine", "evidence": [[0, 10]]}
    gold = read_gold(_annotation(tmp_path, ["a1", "a2"], [triple]))
    assert gold.articles == {"a1", "a2"} and len(gold.rows) == 1
    predicted = [
        {"article": "a1", "subject": "Russia", "predicate": "attacks", "object": "Ukraine"},
        {"article": "a2", "subject": "Japan", "predicate": "condemns", "object": "North Korea"},
        {"article": "a3", "subject": "Japan", "predicate": "condemns", "object": "China"},  # not annotated
    ]
    report = score(gold.rows, predicted, articles=gold.articles, predicates=scored_predicates(gold))
    assert (report.strict.tp, report.strict.n_pred, report.strict.n_gold) == (1, 2, 1)
    plain = score(gold.rows, predicted)  # the plain format's rule: only articles with gold triples
    assert plain.strict.n_pred == 1


def test_evaluate_guidelines_1_sets_newer_predicates_aside(tmp_path):
    triple = {"article": "a1", "s": "Russia", "p": "attacks", "o": "Ukraine", "evidence": [[0, 10]]}
    gold = read_gold(_annotation(tmp_path, ["a1"], [triple], version=1))
    predicted = [
        {"article": "a1", "subject": "Russia", "predicate": "attacks", "object": "Ukraine"},
        {"article": "a1", "subject": "Russia", "predicate": "coerces", "object": "Ukraine"},  # version 2
    ]
    report = score(gold.rows, predicted, articles=gold.articles, predicates=scored_predicates(gold))
    assert report.strict.precision == 1.0 and report.unscored == 1


def test_evaluate_cli_reads_both_formats(tmp_path):
    arts = tmp_path / "arts.jsonl"
    arts.write_text(json.dumps({"id": "t1", "text": "Japan condemned North Korea on Monday."}) + "\n")
    pred = tmp_path / "pred.jsonl"
    rows = [{"article": "t1", "subject": "Japan", "predicate": "condemns", "object": "North Korea"}]
    pred.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    triple = {"article": "t1", "s": "Japan", "p": "condemns", "o": "North Korea", "evidence": [[0, 38]]}
    ann = _annotation(tmp_path, ["t1"], [triple])
    plain = tmp_path / "plain.jsonl"
    plain.write_text(json.dumps({k: triple[k] for k in ("article", "s", "p", "o")}) + "\n", encoding="utf-8")
    for gold in (ann, plain):
        result = runner.invoke(app, ["eval", "--gold", str(gold), "--pred", str(pred), "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["strict"]["F1"] == 1.0
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"guidelines": 2, "articles": ["t1"]}\n{"article": "t1", "s": "A", "p": "hates"}\n')
    result = runner.invoke(app, ["eval", "--gold", str(bad), "--pred", str(pred)])
    assert result.exit_code == 1 and f"{bad}:2:" in result.stderr


def test_evaluate_annotation_guide_matches_the_ontology_and_the_format():
    """docs/annotation.md names every predicate of guidelines 2, and its example lines parse."""
    import re

    from kg.annotations import PREDICATES

    guide = (ROOT / "docs" / "annotation.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| (\w+)(?: ↔)? \|", guide, flags=re.M))
    assert rows >= PREDICATES and len(PREDICATES) == 25
    examples = re.findall(r"```json\n(.*?)\n```", guide, flags=re.S)
    ann = parse_annotations("\n".join(examples), source="docs/annotation.md")
    texts = {a.id: a.text for a in read_articles([ROOT / "data"]) if isinstance(a, Article)}
    assert check_offsets([ann], texts) == []
    (triple,) = ann.triples
    start, end = triple.evidence[0]
    assert "welcomed by North Korean leader Kim Jong Un" in texts[triple.article][start:end]

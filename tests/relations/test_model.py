"""kg.relations.model: the linear relation model's files, scores and how its triples meet the rules'."""

from __future__ import annotations

import numpy as np
import pytest

from kg.errors import ConfigError
from kg.records import Article
from kg.relations.candidates import candidates
from kg.relations.component import extract_doc
from kg.relations.extract import extract_relations, modality
from kg.relations.model import (
    MODEL_RULE,
    LinearRelationModel,
    combine,
    load_model,
    model_fingerprint,
    model_relations,
    score_candidates,
)
from kg.resolve import resolve_doc

LABELS = ("attacks", "meetsWith")


def _model(threshold: float = 0.5, veto: float = 0.0, dense: int = 0) -> LinearRelationModel:
    feats = {"L3:attack|nsubj|dobj": 0, "L3:meet|nsubj|dobj": 1}
    w = np.zeros((len(feats) + dense + 1, 3), dtype=np.float32)  # columns: none, attacks, meetsWith
    w[0, 1] = 6.0  # attack trigger -> attacks
    w[1, 2] = 6.0  # meet trigger -> meetsWith
    w[-1] = [3.0, 0.0, 0.0]  # "no relation" by default
    if dense:
        w[len(feats), 1] = 10.0
    scale = 1.0 if dense else 0.0
    limits = (threshold, threshold)
    return LinearRelationModel(LABELS, feats, w, 1.0, limits, limits, veto, dense, scale, {"note": "t"})


def test_model_scores_features_and_dense_block():
    m = _model(dense=2)
    p = m.probabilities([["L3:attack|nsubj|dobj"], ["nothing"]], np.array([[0.0, 0.0], [1.0, 0.0]]))
    assert p[0, 0] > 0.9 and p[0, 1] < 0.1
    assert p[1, 0] > 0.9  # the dense weight alone
    z = np.exp([3.0, 0.0, 0.0])
    assert m.probabilities([["nothing"]], np.zeros((1, 2)))[0, 0] == pytest.approx(z[1] / z.sum())
    # a label the pair does not admit is out of the softmax
    only = m.probabilities([["L3:attack|nsubj|dobj"]], None, np.array([[False, True]]))
    assert only[0, 0] == 0.0 and only[0, 1] == pytest.approx(1 / (1 + np.exp(3)))


def test_model_files_round_trip_byte_identical(tmp_path):
    m = _model(dense=2)
    a, b = m.save(tmp_path / "a"), _model(dense=2).save(tmp_path / "b")
    for name in ("meta.json", "features.txt", "weights.npy"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    back = LinearRelationModel.load(a)
    assert back.labels == LABELS and back.features == m.features and back.dense == 2
    assert np.array_equal(back.weights, m.weights) and back.meta["note"] == "t"
    assert model_fingerprint(a) == model_fingerprint(b) != model_fingerprint(tmp_path)


def test_model_load_rejects_incomplete_or_inconsistent_folders(tmp_path):
    with pytest.raises(ConfigError, match="not a kg relation model"):
        LinearRelationModel.load(tmp_path)
    folder = _model().save(tmp_path / "m")
    (folder / "features.txt").write_text("one\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="do not fit 1 features, 0 dense and 2 labels"):
        LinearRelationModel.load(folder)


def test_model_shipped_with_kg_loads():
    m = load_model()
    assert m.labels and len(m.thresholds) == len(m.model_thresholds) == len(m.labels) and m.dense > 0
    assert any(t <= 1.0 for t in m.thresholds)  # the model adds some relation to the rules
    assert m.meta["trained_on"]["articles"] >= 250


def test_model_triples_and_veto_of_rule_triples(nlp):
    text = "Russia attacked Ukraine. Putin met Zelensky."
    doc = nlp(text)
    article = Article(id="t", text=text)
    res = resolve_doc(doc, article)
    cands = list(candidates(doc, res))
    feats = [
        ["L3:attack|nsubj|dobj"] if doc[c.lca].lemma_ == "attack" and c.a.head < c.b.head else []
        for c in cands
    ]
    scored = score_candidates(_model(), cands, feats)
    rels = model_relations(doc, article, scored, {"attacks": 0.5, "meetsWith": 0.5}, modality)
    assert {(r.subject.name, r.predicate, r.object.name) for r in rels} == {("Russia", "attacks", "Ukraine")}
    assert all(r.rule == MODEL_RULE and 0.5 <= r.confidence <= 1.0 for r in rels)
    rules = list(extract_relations(doc, article, res))
    assert ("Russia", "attacks", "Ukraine") in {(r.subject.name, r.predicate, r.object.name) for r in rules}
    kept = combine(doc, rules, rels, scored, veto=0.0)
    assert {(r.predicate, r.rule) for r in kept if r.subject.name == "Russia"} >= {("attacks", rules[0].rule)}
    # a rule triple the model scores below the veto is dropped; one it has no candidate for stays
    low = score_candidates(_model(), cands, [[] for _ in cands])  # attacks ~ 0.05
    vetoed = combine(doc, rules, [], low, veto=0.5)
    assert not any(r.predicate == "attacks" for r in vetoed)


def test_model_component_sources(nlp):
    text = "Russia attacked Ukraine on Monday."
    doc = nlp(text)
    article = Article(id="t", text=text)
    rules = extract_doc(doc, article, source="rules")
    assert any(r.predicate == "attacks" for r in rules.relations)
    with pytest.raises(ConfigError, match="unknown source"):
        extract_doc(doc, article, source="magic")
    with pytest.raises(ConfigError, match="needs|needed"):
        extract_doc(doc, article, source="model", model=None)
    both = extract_doc(doc, article, source="both", model=load_model())
    assert {r.rule for r in both.relations} <= {r.rule for r in rules.relations} | {MODEL_RULE}

"""kg.relations.candidates and kg.relations.features: the pairs the model scores and what it sees of them.

Hand-built Docs give an exact parse; resolution is the real one (`kg.resolve.resolve_doc`).
"""

from __future__ import annotations

import numpy as np
import pytest
from spacy.tokens import Doc, Span

from kg.records import Article
from kg.relations.candidates import allowed_labels, candidates, dependency_path
from kg.relations.features import FeatureContext, candidate_features, dense_features, doc_features
from kg.relations.lexicon import load_lexicon
from kg.resolve import resolve_doc

# "Russia attacked Ukraine and condemned sanctions ."
ROWS = [
    ("Russia", 1, "nsubj", "PROPN", "NNP", "Russia"),
    ("attacked", 1, "ROOT", "VERB", "VBD", "attack"),
    ("Ukraine", 1, "dobj", "PROPN", "NNP", "Ukraine"),
    ("and", 1, "cc", "CCONJ", "CC", "and"),
    ("condemned", 1, "conj", "VERB", "VBD", "condemn"),
    ("sanctions", 4, "dobj", "NOUN", "NNS", "sanction"),
    (".", 1, "punct", "PUNCT", ".", "."),
]


def _doc(nlp, rows, ents) -> Doc:
    words, heads, deps, pos, tags, lemmas = (list(c) for c in zip(*rows, strict=True))
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


@pytest.fixture()
def resolved(nlp):
    doc = _doc(nlp, ROWS, [(0, 1, "GPE"), (2, 3, "GPE")])
    return doc, resolve_doc(doc, Article(id="t", text=doc.text))


def test_candidates_dependency_path_through_lowest_common_ancestor(resolved):
    doc, _ = resolved
    assert dependency_path(doc[0], doc[2]) == ((0,), 1, (2,))
    assert dependency_path(doc[0], doc[5]) == ((0,), 1, (5, 4))


def test_candidates_ordered_pairs_the_ontology_allows(resolved):
    doc, res = resolved
    pairs = {(c.a.entity.name, c.b.entity.name) for c in candidates(doc, res)}
    assert ("Russia", "Ukraine") in pairs and ("Ukraine", "Russia") in pairs
    assert ("Russia", "sanctions") in pairs  # opposes/condemns/supports take a policy
    assert ("sanctions", "Russia") not in pairs  # a policy is no relation's subject


def test_candidates_allowed_labels_follow_domain_and_range():
    assert "leaderOf" in allowed_labels("Person", "Country")
    assert "leaderOf" not in allowed_labels("Country", "Person")
    assert allowed_labels("Policy", "Country") == ()
    assert set(allowed_labels("City", "Country")) == {"locatedIn"}


def test_features_describe_language_not_entities(resolved):
    doc, res = resolved
    ctx = FeatureContext(load_lexicon())
    c = next(c for c in candidates(doc, res) if (c.a.entity.name, c.b.entity.name) == ("Russia", "Ukraine"))
    feats = candidate_features(doc, c, ctx)
    assert "T:Country>Country" in feats
    assert "L3:attack|nsubj|dobj" in feats
    assert "X:attacks" in feats  # the lexicon's predicate for the trigger on the path
    assert not any("russia" in f.lower() or "ukraine" in f.lower() for f in feats)


def test_features_dense_are_zero_without_a_tensor(resolved):
    doc, res = resolved
    cands = list(candidates(doc, res))
    dense = dense_features(doc, cands)
    assert dense.shape[0] == len(cands) and not dense.any()


def test_features_real_pipeline_has_contextual_vectors(nlp):
    text = "Putin met Kim in Pyongyang on Tuesday."
    doc = nlp(text)
    cands, feats, dense = doc_features(doc, resolve_doc(doc, Article(id="t", text=text)), load_lexicon())
    assert len(cands) == len(feats) == len(dense) > 0
    assert dense.shape[1] == 4 * doc.tensor.shape[1] and np.abs(dense).sum() > 0
    assert not any("putin" in f.lower() or "pyongyang" in f.lower() for fs in feats for f in fs)


_TWO_SENTENCES = (
    "Russia's foreign minister criticised the sanctions on Monday.\n\n"
    "Putin met Kim Jong Un in Pyongyang, and the two leaders signed a defence pact with China."
)


def test_features_token_table_of_candidate_sentences_matches_the_whole_table(nlp):
    from kg.relations.features import TokenTable

    doc = nlp(_TWO_SENTENCES)
    lex = load_lexicon()
    whole = TokenTable.of(doc, lex)
    sent = list(doc.sents)[-1]
    part = TokenTable.of(doc, lex, [(sent.start, sent.end)])
    for col in ("lemma", "word", "lower", "pos", "dep", "head", "children", "lex"):
        assert getattr(part, col)[sent.start : sent.end] == getattr(whole, col)[sent.start : sent.end], col
    assert part.lemma[0] == "" and part.children[0] == []  # rows outside the spans stay empty
    assert whole.head == [t.head.i for t in doc]


def test_features_dense_middle_block_is_the_mean_of_the_path_inside(nlp):
    doc = nlp(_TWO_SENTENCES)
    cands, _, dense = doc_features(
        doc, resolve_doc(doc, Article(id="t", text=_TWO_SENTENCES)), load_lexicon()
    )
    width = doc.tensor.shape[1]
    assert cands
    for row, c in enumerate(cands):
        inner = [*c.up[1:], *c.down[1:]]
        expected = doc.tensor[inner].mean(axis=0) if inner else np.zeros(width, dtype=np.float32)
        assert np.array_equal(dense[row, width : 2 * width], expected)
        assert np.array_equal(dense[row, :width], doc.tensor[c.lca])
        assert np.array_equal(dense[row, 3 * width :], doc.tensor[c.b.head])


def test_candidates_head_indices_match_the_parse(nlp):
    from kg.relations.candidates import head_indices

    doc = nlp(_TWO_SENTENCES)
    assert head_indices(doc) == [t.head.i for t in doc]
    assert head_indices(nlp.make_doc("")) == []

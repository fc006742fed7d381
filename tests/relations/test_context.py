"""The extraction context: rules read the gazetteer, lexicon and word sets they are given, and load none."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from spacy.tokens import Doc, Span

from kg.records import Article, Modality
from kg.relations import build_context, default_context, extract_relations
from kg.relations.lexicon import parse_lexicon
from kg.resolve import resolve_doc

RELATIONS = Path(__file__).resolve().parents[2] / "kg" / "relations"
# the rule modules (context.py builds the context; extract.py and modality.py offer a public default)
_RULE_MODULES = ("arguments", "clauses", "frames", "verbs", "nouns", "structure")

ROWS = [
    ("Chile", 2, "nsubj", "PROPN", "NNP", "Chile"),
    ("could", 2, "aux", "AUX", "MD", "could"),
    ("condemn", 2, "ROOT", "VERB", "VB", "condemn"),
    ("Peru", 2, "dobj", "PROPN", "NNP", "Peru"),
    (".", 2, "punct", "PUNCT", ".", "."),
]


def _triples(nlp, context) -> set[tuple[str, str, str, str]]:
    words, heads, deps, pos, tags, lemmas = (list(col) for col in zip(*ROWS, strict=True))
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    doc.ents = [Span(doc, 0, 1, label="GPE"), Span(doc, 3, 4, label="GPE")]
    article = Article(id="t", text=doc.text)
    res = resolve_doc(doc, article, gazetteer=context.gazetteer, words=context.words)
    return {
        (r.subject.name, r.predicate, r.object.name, str(r.modality))
        for r in extract_relations(doc, article, res, context=context)
    }


def test_context_default_is_built_once():
    assert default_context() is default_context()


def test_context_rules_read_the_lexicon_and_word_sets_they_are_given(nlp):
    shipped = default_context()
    assert _triples(nlp, shipped) == {("Chile", "condemns", "Peru", Modality.HEDGED)}
    lexicon = parse_lexicon("verb\tcondemn\tcriticizes\tdobj\tactor\t0.8\t-\n")
    assert _triples(nlp, build_context(lexicon=lexicon)) == {("Chile", "criticizes", "Peru", "hedged")}
    words = dataclasses.replace(shipped.words, modal_hedges=frozenset())
    assert _triples(nlp, build_context(words=words)) == {("Chile", "condemns", "Peru", "asserted")}


def test_context_no_rule_module_loads_its_own_resources():
    for name in _RULE_MODULES:
        module = RELATIONS / f"{name}.py"
        text = module.read_text(encoding="utf-8")
        assert not re.search(r"\b(load_gazetteer|load_lexicon|load_word_sets|default_context)\(", text), (
            module
        )

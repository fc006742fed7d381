"""Dependency rules of kg.relations.extract on hand-built spaCy Docs: an exact parse, no model drift.

Each row of a Doc is (word, head index, dep, pos, tag, lemma); entities are set by hand.
Resolution (`kg.resolve.resolve_doc`) and extraction (`extract_relations`) are the real ones.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from kg.ontology import symmetric
from kg.records import ASSERTED, HEDGED, NEGATED, Article
from kg.relations.extract import extract_relations
from kg.resolve import resolve_doc

Row = tuple[str, int, str, str, str, str]


def _key(s: str, p: str, o: str) -> tuple:
    return (p, frozenset((s, o))) if p in symmetric() else (s, p, o)


def _doc(nlp, rows: list[Row], ents: list[tuple[int, int, str]]) -> Doc:
    words, heads, deps, pos, tags, lemmas = (list(col) for col in zip(*rows, strict=True))
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def _relations(nlp, rows: list[Row], ents: list[tuple[int, int, str]]) -> dict[tuple, set[str]]:
    """Every extracted triple (any modality) -> the modalities it was found with."""
    doc = _doc(nlp, rows, ents)
    article = Article(id="t", text=doc.text)
    out: dict[tuple, set[str]] = {}
    for r in extract_relations(doc, article, resolve_doc(doc, article)):
        out.setdefault(_key(r.subject.name, r.predicate, r.object.name), set()).add(r.modality)
    return out


def _svo(subj: str, verb: str, lemma: str, obj: str, *, tag: str = "VBD") -> list[Row]:
    return [
        (subj, 1, "nsubj", "PROPN", "NNP", subj),
        (verb, 1, "ROOT", "VERB", tag, lemma),
        (obj, 1, "dobj", "PROPN", "NNP", obj),
        (".", 1, "punct", "PUNCT", ".", "."),
    ]


GPE2 = [(0, 1, "GPE"), (2, 3, "GPE")]

CASES = [
    pytest.param(
        _svo("Chile", "condemned", "condemn", "Peru"),
        GPE2,
        ("Chile", "condemns", "Peru"),
        ASSERTED,
        id="active",
    ),
    pytest.param(
        [
            ("Peru", 2, "nsubjpass", "PROPN", "NNP", "Peru"),
            ("was", 2, "auxpass", "AUX", "VBD", "be"),
            ("criticized", 2, "ROOT", "VERB", "VBN", "criticize"),
            ("by", 2, "agent", "ADP", "IN", "by"),
            ("Chile", 3, "pobj", "PROPN", "NNP", "Chile"),
            (".", 2, "punct", "PUNCT", ".", "."),
        ],
        [(0, 1, "GPE"), (4, 5, "GPE")],
        ("Chile", "criticizes", "Peru"),
        ASSERTED,
        id="passive-by-agent",
    ),
    pytest.param(
        [
            ("Gabriel", 1, "compound", "PROPN", "NNP", "Gabriel"),
            ("Boric", 3, "poss", "PROPN", "NNP", "Boric"),
            ("'s", 1, "case", "PART", "POS", "'s"),
            ("visit", 6, "nsubj", "NOUN", "NN", "visit"),
            ("to", 3, "prep", "ADP", "IN", "to"),
            ("Lima", 4, "pobj", "PROPN", "NNP", "Lima"),
            ("ended", 6, "ROOT", "VERB", "VBD", "end"),
            (".", 6, "punct", "PUNCT", ".", "."),
        ],
        [(0, 2, "PERSON"), (5, 6, "GPE")],
        ("Gabriel Boric", "visits", "Lima"),
        ASSERTED,
        id="nominal-possessor-visit-to",
    ),
    pytest.param(
        [
            ("Tensions", 5, "nsubj", "NOUN", "NNS", "tension"),
            ("between", 0, "prep", "ADP", "IN", "between"),
            ("Chile", 1, "pobj", "PROPN", "NNP", "Chile"),
            ("and", 2, "cc", "CCONJ", "CC", "and"),
            ("Peru", 2, "conj", "PROPN", "NNP", "Peru"),
            ("rose", 5, "ROOT", "VERB", "VBD", "rise"),
            (".", 5, "punct", "PUNCT", ".", "."),
        ],
        [(2, 3, "GPE"), (4, 5, "GPE")],
        ("Chile", "hasTensionWith", "Peru"),
        ASSERTED,
        id="nominal-between",
    ),
    pytest.param(
        [
            ("Sanctions", 6, "nsubj", "NOUN", "NNS", "sanction"),
            ("imposed", 0, "acl", "VERB", "VBN", "impose"),
            ("by", 1, "agent", "ADP", "IN", "by"),
            ("Chile", 2, "pobj", "PROPN", "NNP", "Chile"),
            ("on", 1, "prep", "ADP", "IN", "on"),
            ("Peru", 4, "pobj", "PROPN", "NNP", "Peru"),
            ("took", 6, "ROOT", "VERB", "VBD", "take"),
            ("effect", 6, "dobj", "NOUN", "NN", "effect"),
            (".", 6, "punct", "PUNCT", ".", "."),
        ],
        [(3, 4, "GPE"), (5, 6, "GPE")],
        ("Chile", "sanctions", "Peru"),
        ASSERTED,
        id="nominal-imposed-by-on",
    ),
    pytest.param(
        [
            ("Chile", 3, "nsubj", "PROPN", "NNP", "Chile"),
            ("and", 0, "cc", "CCONJ", "CC", "and"),
            ("Peru", 0, "conj", "PROPN", "NNP", "Peru"),
            ("condemned", 3, "ROOT", "VERB", "VBD", "condemn"),
            ("Bolivia", 3, "dobj", "PROPN", "NNP", "Bolivia"),
            (".", 3, "punct", "PUNCT", ".", "."),
        ],
        [(0, 1, "GPE"), (2, 3, "GPE"), (4, 5, "GPE")],
        ("Peru", "condemns", "Bolivia"),
        ASSERTED,
        id="coordinated-subject-second-conjunct",
    ),
    pytest.param(
        [
            ("Chile", 1, "nsubj", "PROPN", "NNP", "Chile"),
            ("vowed", 1, "ROOT", "VERB", "VBD", "vow"),
            ("to", 3, "aux", "PART", "TO", "to"),
            ("resist", 1, "xcomp", "VERB", "VB", "resist"),
            ("Peru", 3, "dobj", "PROPN", "NNP", "Peru"),
            (".", 1, "punct", "PUNCT", ".", "."),
        ],
        [(0, 1, "GPE"), (4, 5, "GPE")],
        ("Chile", "opposes", "Peru"),
        ASSERTED,
        id="control-chain",
    ),
    pytest.param(
        [
            ("Chile", 1, "nsubj", "PROPN", "NNP", "Chile"),
            ("bought", 1, "ROOT", "VERB", "VBD", "buy"),
            ("missiles", 1, "dobj", "NOUN", "NNS", "missile"),
            ("from", 1, "prep", "ADP", "IN", "from"),
            ("Peru", 3, "pobj", "PROPN", "NNP", "Peru"),
            (".", 1, "punct", "PUNCT", ".", "."),
        ],
        [(0, 1, "GPE"), (4, 5, "GPE")],
        ("Peru", "suppliesTo", "Chile"),
        ASSERTED,
        id="buys-from-reversed",
    ),
    pytest.param(
        [
            ("Chile", 1, "nsubj", "PROPN", "NNP", "Chile"),
            ("sold", 1, "ROOT", "VERB", "VBD", "sell"),
            ("missiles", 1, "dobj", "NOUN", "NNS", "missile"),
            ("to", 1, "prep", "ADP", "IN", "to"),
            ("Peru", 3, "pobj", "PROPN", "NNP", "Peru"),
            (".", 1, "punct", "PUNCT", ".", "."),
        ],
        [(0, 1, "GPE"), (4, 5, "GPE")],
        ("Chile", "suppliesTo", "Peru"),
        ASSERTED,
        id="sell-to-prep",
    ),
    pytest.param(
        [
            ("Chile", 1, "nsubj", "PROPN", "NNP", "Chile"),
            ("sold", 1, "ROOT", "VERB", "VBD", "sell"),
            ("missiles", 1, "dobj", "NOUN", "NNS", "missile"),
            ("to", 1, "dative", "ADP", "IN", "to"),
            ("Peru", 3, "pobj", "PROPN", "NNP", "Peru"),
            (".", 1, "punct", "PUNCT", ".", "."),
        ],
        [(0, 1, "GPE"), (4, 5, "GPE")],
        ("Chile", "suppliesTo", "Peru"),
        ASSERTED,
        id="sell-to-dative",
    ),
    pytest.param(
        [
            ("Chilean", 3, "amod", "ADJ", "JJ", "chilean"),
            ("President", 3, "compound", "PROPN", "NNP", "President"),
            ("Gabriel", 3, "compound", "PROPN", "NNP", "Gabriel"),
            ("Boric", 4, "nsubj", "PROPN", "NNP", "Boric"),
            ("spoke", 4, "ROOT", "VERB", "VBD", "speak"),
            (".", 4, "punct", "PUNCT", ".", "."),
        ],
        [(0, 1, "NORP"), (2, 4, "PERSON")],
        ("Gabriel Boric", "leaderOf", "Chile"),
        ASSERTED,
        id="title-demonym-president",
    ),
    pytest.param(
        [
            ("Ana", 1, "compound", "PROPN", "NNP", "Ana"),
            ("Rojas", 8, "nsubj", "PROPN", "NNP", "Rojas"),
            (",", 1, "punct", "PUNCT", ",", ","),
            ("Chile", 6, "poss", "PROPN", "NNP", "Chile"),
            ("'s", 3, "case", "PART", "POS", "'s"),
            ("foreign", 6, "amod", "ADJ", "JJ", "foreign"),
            ("minister", 1, "appos", "NOUN", "NN", "minister"),
            (",", 1, "punct", "PUNCT", ",", ","),
            ("spoke", 8, "ROOT", "VERB", "VBD", "speak"),
            (".", 8, "punct", "PUNCT", ".", "."),
        ],
        [(0, 2, "PERSON"), (3, 4, "GPE")],
        ("Ana Rojas", "officialOf", "Chile"),
        ASSERTED,
        id="apposition-foreign-minister",
    ),
    pytest.param(
        [
            ("NATO", 1, "compound", "PROPN", "NNP", "NATO"),
            ("ally", 3, "nsubj", "NOUN", "NN", "ally"),
            ("Turkey", 1, "appos", "PROPN", "NNP", "Turkey"),
            ("bought", 3, "ROOT", "VERB", "VBD", "buy"),
            ("missiles", 3, "dobj", "NOUN", "NNS", "missile"),
            ("from", 3, "prep", "ADP", "IN", "from"),
            ("Russia", 5, "pobj", "PROPN", "NNP", "Russia"),
            (".", 3, "punct", "PUNCT", ".", "."),
        ],
        [(0, 1, "ORG"), (2, 3, "GPE"), (6, 7, "GPE")],
        ("Turkey", "memberOf", "NATO"),
        ASSERTED,
        id="nato-ally",
    ),
    pytest.param(
        [
            ("NATO", 1, "compound", "PROPN", "NNP", "NATO"),
            ("ally", 3, "nsubj", "NOUN", "NN", "ally"),
            ("Turkey", 1, "appos", "PROPN", "NNP", "Turkey"),
            ("bought", 3, "ROOT", "VERB", "VBD", "buy"),
            ("missiles", 3, "dobj", "NOUN", "NNS", "missile"),
            ("from", 3, "prep", "ADP", "IN", "from"),
            ("Russia", 5, "pobj", "PROPN", "NNP", "Russia"),
            (".", 3, "punct", "PUNCT", ".", "."),
        ],
        [(0, 1, "ORG"), (2, 3, "GPE"), (6, 7, "GPE")],
        ("Russia", "suppliesTo", "Turkey"),
        ASSERTED,
        id="appositive-subject",
    ),
    pytest.param(
        [
            ("Chile", 6, "nsubj", "PROPN", "NNP", "Chile"),
            (",", 0, "punct", "PUNCT", ",", ","),
            ("which", 3, "nsubj", "PRON", "WDT", "which"),
            ("condemned", 0, "relcl", "VERB", "VBD", "condemn"),
            ("Peru", 3, "dobj", "PROPN", "NNP", "Peru"),
            (",", 0, "punct", "PUNCT", ",", ","),
            ("called", 6, "ROOT", "VERB", "VBD", "call"),
            ("for", 6, "prep", "ADP", "IN", "for"),
            ("calm", 7, "pobj", "NOUN", "NN", "calm"),
            (".", 6, "punct", "PUNCT", ".", "."),
        ],
        [(0, 1, "GPE"), (4, 5, "GPE")],
        ("Chile", "condemns", "Peru"),
        ASSERTED,
        id="relative-clause-which",
    ),
    # modality
    pytest.param(
        [
            ("Chile", 3, "nsubj", "PROPN", "NNP", "Chile"),
            ("did", 3, "aux", "AUX", "VBD", "do"),
            ("not", 3, "neg", "PART", "RB", "not"),
            ("condemn", 3, "ROOT", "VERB", "VB", "condemn"),
            ("Peru", 3, "dobj", "PROPN", "NNP", "Peru"),
            (".", 3, "punct", "PUNCT", ".", "."),
        ],
        [(0, 1, "GPE"), (4, 5, "GPE")],
        ("Chile", "condemns", "Peru"),
        NEGATED,
        id="negated",
    ),
    pytest.param(
        [
            ("Chile", 2, "nsubj", "PROPN", "NNP", "Chile"),
            ("may", 2, "aux", "AUX", "MD", "may"),
            ("attack", 2, "ROOT", "VERB", "VB", "attack"),
            ("Peru", 2, "dobj", "PROPN", "NNP", "Peru"),
            (".", 2, "punct", "PUNCT", ".", "."),
        ],
        [(0, 1, "GPE"), (3, 4, "GPE")],
        ("Chile", "attacks", "Peru"),
        HEDGED,
        id="hedged-modal",
    ),
    pytest.param(
        [
            ("Did", 2, "aux", "AUX", "VBD", "do"),
            ("Chile", 2, "nsubj", "PROPN", "NNP", "Chile"),
            ("attack", 2, "ROOT", "VERB", "VB", "attack"),
            ("Peru", 2, "dobj", "PROPN", "NNP", "Peru"),
            ("?", 2, "punct", "PUNCT", ".", "?"),
        ],
        [(1, 2, "GPE"), (3, 4, "GPE")],
        ("Chile", "attacks", "Peru"),
        HEDGED,
        id="hedged-question",
    ),
    pytest.param(
        [
            ("Officials", 1, "nsubj", "NOUN", "NNS", "official"),
            ("said", 1, "ROOT", "VERB", "VBD", "say"),
            ("Chile", 3, "nsubj", "PROPN", "NNP", "Chile"),
            ("attacked", 1, "ccomp", "VERB", "VBD", "attack"),
            ("Peru", 3, "dobj", "PROPN", "NNP", "Peru"),
            (".", 1, "punct", "PUNCT", ".", "."),
        ],
        [(2, 3, "GPE"), (4, 5, "GPE")],
        ("Chile", "attacks", "Peru"),
        ASSERTED,
        id="reported-speech",
    ),
]


@pytest.mark.parametrize(("rows", "ents", "triple", "modality"), CASES)
def test_patterns_handbuilt(nlp, rows, ents, triple, modality):
    found = _relations(nlp, rows, ents)
    assert found.get(_key(*triple)) == {modality}, f"found {found}"


def test_patterns_handbuilt_buys_from_not_forward(nlp):
    """*buys from* reverses the direction: the buyer is never the supplier."""
    rows = [
        ("Chile", 1, "nsubj", "PROPN", "NNP", "Chile"),
        ("bought", 1, "ROOT", "VERB", "VBD", "buy"),
        ("missiles", 1, "dobj", "NOUN", "NNS", "missile"),
        ("from", 1, "prep", "ADP", "IN", "from"),
        ("Peru", 3, "pobj", "PROPN", "NNP", "Peru"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ]
    found = _relations(nlp, rows, [(0, 1, "GPE"), (4, 5, "GPE")])
    assert ("Chile", "suppliesTo", "Peru") not in found
    assert ("Chile", "supplies", "missiles") not in found


def test_patterns_handbuilt_subject_without_entity_gives_nothing(nlp):
    """A clause whose subject is no entity yields no triple (no guessing from elsewhere)."""
    rows = [
        ("Analysts", 1, "nsubj", "NOUN", "NNS", "analyst"),
        ("criticized", 1, "ROOT", "VERB", "VBD", "criticize"),
        ("Peru", 1, "dobj", "PROPN", "NNP", "Peru"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ]
    assert _relations(nlp, rows, [(2, 3, "GPE")]) == {}

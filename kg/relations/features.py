""":mod:`kg.relations.features`: sparse features of a candidate pair, for the linear relation model.

Features describe the language between two mentions, never the entities themselves: entity
classes and mention kinds, the dependency path (labels, the lowest common ancestor's lemma, the
lemmas on the way), the words between, what the predicate lexicon says of the words on the path,
title words modifying each mention, negation and modal auxiliaries, quotation, and whether the two
belong to the same country. No feature names an entity, so what the model learns carries over to
articles about other people and places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, LEMMA, LOWER, POS
from spacy.tokens import Doc

from ..resolve import Resolution, quoted_tokens
from .candidates import Candidate, candidates, head_indices
from .lexicon import Lexicon

__all__ = [
    "FeatureContext",
    "TokenTable",
    "candidate_features",
    "dense_features",
    "doc_features",
    "FEATURES_NAME",
]

FEATURES_NAME = "kg.relation_features.v1"
DENSE_WIDTH = 96  # en_core_web_sm's tok2vec width, used only for the shape of an all-zero block

_CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ", "PROPN", "ADV"})
_FUNCTION_KEEP = frozenset({"ADP", "PART"})  # prepositions and particles carry relations ("to", "with")
_MODIFIER_DEPS = frozenset({"compound", "amod", "appos", "nmod", "poss", "acl", "relcl"})
_MODALS = frozenset({"could", "might", "may", "would", "should", "must", "can", "will", "shall"})
_NEG_WORDS = frozenset({"not", "n't", "never", "no"})
_TRIGGER_VERB_POS = frozenset({"VERB", "AUX"})
_MAX_BETWEEN = 15


@dataclass(frozen=True, slots=True)
class TokenTable:
    """What the features read of each token of a Doc, read once per Doc (spaCy's string attributes
    cost a lookup on every access): lemma ("<name>" inside a name), path word, lower form, part of
    speech, dependency label, head, children and the lexicon's predicates for it as a trigger."""

    lemma: list[str]
    word: list[str | None]
    lower: list[str]
    pos: list[str]
    dep: list[str]
    head: list[int]
    children: list[list[int]]
    lex: list[tuple[str, ...]]

    @classmethod
    def of(cls, doc: Doc, lex: Lexicon, spans: Iterable[tuple[int, int]] | None = None) -> TokenTable:
        """The table of a Doc, filled for the tokens of `spans` (start, end: whole sentences, whose
        tokens' heads and children stay inside them) or for every token when None; the other rows
        are empty."""
        n = len(doc)
        cols = doc.to_array([LEMMA, LOWER, POS, DEP, ENT_TYPE]).tolist() if n else []
        heads = head_indices(doc)
        strings = doc.vocab.strings
        names: dict[int, str] = {}

        def text(key: int) -> str:
            found = names.get(key)
            if found is None:
                found = names[key] = strings[key]
            return found

        lemma, lower, pos, dep = [""] * n, [""] * n, [""] * n, [""] * n
        word: list[str | None] = [None] * n
        head = list(range(n))
        trig: list[tuple[str, ...]] = [()] * n
        children: list[list[int]] = [[] for _ in range(n)]
        lowered: dict[int, str] = {}
        triggers: dict[tuple[str, bool], tuple[str, ...]] = {}
        for start, end in spans if spans is not None else ((0, n),):
            for i in range(start, end):
                lem_key, low_key, pos_key, dep_key, ent_key = cols[i]
                raw = lowered.get(lem_key)
                if raw is None:
                    raw = lowered[lem_key] = text(lem_key).lower()
                p, low = text(pos_key), text(low_key)
                lem = "<name>" if ent_key else raw
                lemma[i] = lem
                word[i] = lem if p in _CONTENT_POS else low if p in _FUNCTION_KEEP else None
                lower[i] = low
                pos[i] = p
                dep[i] = text(dep_key)
                h = head[i] = heads[i]
                if h != i:
                    children[h].append(i)
                verb = p in _TRIGGER_VERB_POS
                found = triggers.get((raw, verb))
                if found is None:
                    frames = lex.verbs.get(raw, ()) if verb else lex.nouns.get(raw, ())
                    found = triggers[raw, verb] = (
                        tuple(sorted({f.predicate for f in frames})) if frames else ()
                    )
                trig[i] = found
        return cls(lemma, word, lower, pos, dep, head, children, trig)


@dataclass(frozen=True, slots=True)
class FeatureContext:
    """What the features read besides the Doc: the lexicon, the quoted tokens of the article and,
    once built for the Doc, its token table."""

    lexicon: Lexicon
    quoted: frozenset[int] = frozenset()
    table: TokenTable | None = None


def _bucket(n: int) -> str:
    for limit, name in ((1, "0-1"), (3, "2-3"), (6, "4-6"), (10, "7-10"), (20, "11-20")):
        if n <= limit:
            return name
    return "21+"


def _modifiers(t: TokenTable, head: int, start: int, end: int) -> list[str]:
    """Lemmas of title-like words attached to a mention's head outside the mention itself."""
    return [
        f"{t.dep[c]}:{t.lemma[c]}"
        for c in t.children[head]
        if (c < start or c >= end) and t.dep[c] in _MODIFIER_DEPS and t.pos[c] in _CONTENT_POS
    ]


def candidate_features(doc: Doc, c: Candidate, ctx: FeatureContext) -> list[str]:
    """The feature strings of one candidate (deterministic order, duplicates allowed)."""
    t = ctx.table or TokenTable.of(doc, ctx.lexicon)
    a, b = c.a, c.b
    ta, tb = a.entity.type, b.entity.type
    types = f"{ta}>{tb}"
    lca = c.lca
    da = t.dep[c.up[-1]] if c.up else "self"
    db = t.dep[c.down[-1]] if c.down else "self"
    lca_lemma = t.lemma[lca]
    feats = [
        f"T:{types}",
        f"K:{a.kind}>{b.kind}",
        f"O:{'ab' if a.start < b.start else 'ba'}",
        f"D:{_bucket(abs(a.head - b.head))}",
        f"L:{lca_lemma}",
        f"LP:{t.pos[lca]}",
        f"L3:{lca_lemma}|{da}|{db}",
        f"L3T:{lca_lemma}|{da}|{db}|{types}",
        f"LT:{lca_lemma}|{types}",
        f"DD:{da}|{db}",
        f"DDT:{da}|{db}|{types}",
        f"HA:{t.dep[a.head]}|{t.lemma[t.head[a.head]]}",
        f"HB:{t.dep[b.head]}|{t.lemma[t.head[b.head]]}",
    ]
    up_deps = [t.dep[i] for i in c.up]
    down_deps = [t.dep[i] for i in reversed(c.down)]
    dpath = "^".join(up_deps) + "|" + "_".join(down_deps)
    feats.append(f"DP:{dpath}")
    feats.append(f"DPT:{dpath}|{types}")
    inner = (*c.up[1:], *c.down[1:])
    words = [w for w in (t.word[i] for i in inner) if w]
    if c.path_length <= 6:
        lpath = "^".join(up_deps) + f"|{lca_lemma}|" + "_".join(down_deps)
        feats.append(f"P:{lpath}|{'/'.join(words)}")
    feats.extend(f"PW:{w}" for w in words)
    for i in (lca, *inner):
        for pred in t.lex[i]:
            feats.append(f"X:{pred}")
            feats.append(f"XD:{pred}|{da}|{db}")
            feats.append(f"XT:{pred}|{types}")
    lo, hi = sorted((a.end, b.start)) if a.start < b.start else sorted((b.end, a.start))
    if 0 < hi - lo <= _MAX_BETWEEN:
        for i in range(lo, hi):
            w = t.word[i]
            if w:
                feats.append(f"BW:{w}")
            for pred in t.lex[i]:
                feats.append(f"BX:{pred}")
    elif hi - lo > _MAX_BETWEEN:
        feats.append("BW:<far>")
    feats.extend(f"MA:{m}" for m in _modifiers(t, a.head, a.start, a.end))
    feats.extend(f"MB:{m}" for m in _modifiers(t, b.head, b.start, b.end))
    for ch in t.children[lca]:
        if t.dep[ch] == "neg" or t.lower[ch] in _NEG_WORDS:
            feats.append("NEG")
        if t.dep[ch] == "aux" and t.lower[ch] in _MODALS:
            feats.append(f"MOD:{t.lower[ch]}")
    if a.head in ctx.quoted or b.head in ctx.quoted:
        feats.append("Q")
    ca, cb = a.entity.country, b.entity.country
    if ca and cb and ca == cb:
        feats.append(f"SC:{types}")
    return feats


FeatureFn = Callable[[Doc, Candidate, FeatureContext], list[str]]


def dense_features(doc: Doc, cands: list[Candidate]) -> np.ndarray:
    """The pipeline's own contextual token vectors (`doc.tensor`, from its tok2vec) around each
    candidate: the lowest common ancestor, the mean of the tokens between it and the two heads,
    and the two heads. Zeros when the pipeline sets no tensor. Shape (n, 4 * width)."""
    tensor = doc.tensor
    ok = tensor is not None and tensor.ndim == 2 and len(tensor) == len(doc) and tensor.shape[1] > 0
    width = tensor.shape[1] if ok else DENSE_WIDTH
    out = np.zeros((len(cands), 4 * width), dtype=np.float32)
    if not ok:
        return out
    if not cands:
        return out
    out[:, :width] = tensor[[c.lca for c in cands]]
    out[:, 2 * width : 3 * width] = tensor[[c.a.head for c in cands]]
    out[:, 3 * width :] = tensor[[c.b.head for c in cands]]
    single_rows: list[int] = []  # rows with one token between: its vector is the mean
    single: list[int] = []
    for row, c in enumerate(cands):
        inner = [*c.up[1:], *c.down[1:]]
        if len(inner) == 1:
            single_rows.append(row)
            single.append(inner[0])
        elif inner:  # numpy's own mean, so that the model reads what it was trained on to the bit
            out[row, width : 2 * width] = tensor[inner].mean(axis=0)
    if single:
        out[single_rows, width : 2 * width] = tensor[single]
    return out


def doc_features(
    doc: Doc, res: Resolution, lexicon: Lexicon
) -> tuple[list[Candidate], list[list[str]], np.ndarray]:
    """Every candidate of a resolved Doc with its sparse and dense features (the one place both
    training and extraction build them)."""
    cands = list(candidates(doc, res))
    quoted = res.quoted if res.quoted is not None else quoted_tokens(doc)
    spans = sorted({(c.sent_start, c.sent_end) for c in cands})
    ctx = FeatureContext(lexicon, quoted, TokenTable.of(doc, lexicon, spans) if cands else None)
    return cands, [candidate_features(doc, c, ctx) for c in cands], dense_features(doc, cands)

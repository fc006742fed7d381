""":mod:`kg.relations.features`: sparse features of a candidate pair, for the linear relation model.

Features describe the language between two mentions, never the entities themselves: entity
classes and mention kinds, the dependency path (labels, the lowest common ancestor's lemma, the
lemmas on the way), the words between, what the predicate lexicon says of the words on the path,
title words modifying each mention, negation and modal auxiliaries, quotation, and whether the two
belong to the same country. No feature names an entity, so what the model learns carries over to
articles about other people and places.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Token

from ..resolve import Resolution, quoted_tokens
from .candidates import Candidate, candidates
from .lexicon import Lexicon

__all__ = ["FeatureContext", "candidate_features", "dense_features", "doc_features", "FEATURES_NAME"]

FEATURES_NAME = "kg.relation_features.v1"
DENSE_WIDTH = 96  # en_core_web_sm's tok2vec width, used only for the shape of an all-zero block

_CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ", "PROPN", "ADV"})
_FUNCTION_KEEP = frozenset({"ADP", "PART"})  # prepositions and particles carry relations ("to", "with")
_MODIFIER_DEPS = frozenset({"compound", "amod", "appos", "nmod", "poss", "acl", "relcl"})
_MODALS = frozenset({"could", "might", "may", "would", "should", "must", "can", "will", "shall"})
_NEG_WORDS = frozenset({"not", "n't", "never", "no"})
_MAX_BETWEEN = 15


@dataclass(frozen=True, slots=True)
class FeatureContext:
    """What the features read besides the Doc: the lexicon and the quoted tokens of the article."""

    lexicon: Lexicon
    quoted: frozenset[int] = frozenset()


def _lemma(tok: Token) -> str:
    """The lower-case lemma; a word of a name stands for any name ("President" stays a word)."""
    return "<name>" if tok.ent_type_ else tok.lemma_.lower()


def _word(tok: Token) -> str | None:
    if tok.pos_ in _CONTENT_POS:
        return _lemma(tok)
    if tok.pos_ in _FUNCTION_KEEP:
        return tok.lower_
    return None


def _lex(tok: Token, lex: Lexicon) -> tuple[str, ...]:
    """Predicates the lexicon gives the token as a trigger (verb or noun frames)."""
    lemma = tok.lemma_.lower()
    frames = lex.verbs.get(lemma, ()) if tok.pos_ in {"VERB", "AUX"} else lex.nouns.get(lemma, ())
    return tuple(sorted({f.predicate for f in frames}))


def _bucket(n: int) -> str:
    for limit, name in ((1, "0-1"), (3, "2-3"), (6, "4-6"), (10, "7-10"), (20, "11-20")):
        if n <= limit:
            return name
    return "21+"


def _modifiers(doc: Doc, head: int, start: int, end: int) -> list[str]:
    """Lemmas of title-like words attached to a mention's head outside the mention itself."""
    out = []
    for c in doc[head].children:
        if (c.i < start or c.i >= end) and c.dep_ in _MODIFIER_DEPS and c.pos_ in _CONTENT_POS:
            out.append(f"{c.dep_}:{_lemma(c)}")
    return out


def candidate_features(doc: Doc, c: Candidate, ctx: FeatureContext) -> list[str]:
    """The feature strings of one candidate (deterministic order, duplicates allowed)."""
    a, b = c.a, c.b
    ta, tb = a.entity.type, b.entity.type
    types = f"{ta}>{tb}"
    lca = doc[c.lca]
    ha, hb = doc[a.head], doc[b.head]
    da = doc[c.up[-1]].dep_ if c.up else "self"
    db = doc[c.down[-1]].dep_ if c.down else "self"
    lca_lemma = _lemma(lca)
    feats = [
        f"T:{types}",
        f"K:{a.kind}>{b.kind}",
        f"O:{'ab' if a.start < b.start else 'ba'}",
        f"D:{_bucket(abs(a.head - b.head))}",
        f"L:{lca_lemma}",
        f"LP:{lca.pos_}",
        f"L3:{lca_lemma}|{da}|{db}",
        f"L3T:{lca_lemma}|{da}|{db}|{types}",
        f"LT:{lca_lemma}|{types}",
        f"DD:{da}|{db}",
        f"DDT:{da}|{db}|{types}",
        f"HA:{ha.dep_}|{_lemma(ha.head)}",
        f"HB:{hb.dep_}|{_lemma(hb.head)}",
    ]
    up_deps = [doc[i].dep_ for i in c.up]
    down_deps = [doc[i].dep_ for i in reversed(c.down)]
    dpath = "^".join(up_deps) + "|" + "_".join(down_deps)
    feats.append(f"DP:{dpath}")
    feats.append(f"DPT:{dpath}|{types}")
    inner = [doc[i] for i in (*c.up[1:], *c.down[1:])]
    words = [w for w in (_word(t) for t in inner) if w]
    if c.path_length <= 6:
        lpath = "^".join(f"{doc[i].dep_}" for i in c.up) + f"|{lca_lemma}|" + "_".join(down_deps)
        feats.append(f"P:{lpath}|{'/'.join(words)}")
    feats.extend(f"PW:{w}" for w in words)
    path_tokens = [lca, *inner]
    for tok in path_tokens:
        for pred in _lex(tok, ctx.lexicon):
            feats.append(f"X:{pred}")
            feats.append(f"XD:{pred}|{da}|{db}")
            feats.append(f"XT:{pred}|{types}")
    lo, hi = sorted((a.end, b.start)) if a.start < b.start else sorted((b.end, a.start))
    if 0 < hi - lo <= _MAX_BETWEEN:
        for tok in doc[lo:hi]:
            w = _word(tok)
            if w:
                feats.append(f"BW:{w}")
            for pred in _lex(tok, ctx.lexicon):
                feats.append(f"BX:{pred}")
    elif hi - lo > _MAX_BETWEEN:
        feats.append("BW:<far>")
    feats.extend(f"MA:{m}" for m in _modifiers(doc, a.head, a.start, a.end))
    feats.extend(f"MB:{m}" for m in _modifiers(doc, b.head, b.start, b.end))
    for ch in lca.children:
        if ch.dep_ == "neg" or ch.lower_ in _NEG_WORDS:
            feats.append("NEG")
        if ch.dep_ == "aux" and ch.lower_ in _MODALS:
            feats.append(f"MOD:{ch.lower_}")
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
    for row, c in enumerate(cands):
        inner = [*c.up[1:], *c.down[1:]]
        out[row, :width] = tensor[c.lca]
        if inner:
            out[row, width : 2 * width] = tensor[inner].mean(axis=0)
        out[row, 2 * width : 3 * width] = tensor[c.a.head]
        out[row, 3 * width :] = tensor[c.b.head]
    return out


def doc_features(
    doc: Doc, res: Resolution, lexicon: Lexicon
) -> tuple[list[Candidate], list[list[str]], np.ndarray]:
    """Every candidate of a resolved Doc with its sparse and dense features (the one place both
    training and extraction build them)."""
    ctx = FeatureContext(lexicon, quoted_tokens(doc))
    cands = list(candidates(doc, res))
    return cands, [candidate_features(doc, c, ctx) for c in cands], dense_features(doc, cands)

"""Labels (`kg.rules.label.v1`): calling someone names (*called Wolff a "total loser"*, *called
Johnson's move "sinister"*, *described Russia and China as "revisionist powers"*). A label from the
negative word set is criticism of the one labelled; one from the positive set is support."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .. import patterns as P
from ..resolve import ACTOR_TYPES, Resolution
from .arguments import Arg, arguments
from .clauses import clause_subjects
from .context import ExtractionContext
from .frames import RuleTriple

__all__ = ["label_triples"]

RULE = "kg.rules.label.v1"
_LABEL_DEPS = frozenset({"oprd", "dobj", "ccomp", "xcomp", "acomp", "attr"})
_CONFIDENCE = {"criticizes": 0.75, "supports": 0.7}
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


def _label_words(v: Token) -> list[Token]:
    """The words of what the verb calls its object: an object predicate ("called X 'nasty'"), a second
    object ("called X a liar") or an "as" phrase ("described X as a farce")."""
    heads = [c for c in v.children if c.dep_ in _LABEL_DEPS]
    heads += [o for p in v.children if p.dep_ == "prep" and p.lower_ == "as" for o in p.children]
    return [t for h in heads for t in h.subtree]


def _targets(v: Token, label: list[Token], res: Resolution, ctx: ExtractionContext) -> list[Arg]:
    """The actors labelled: named in the direct object ("described Russia as"), else before the label's
    head word (the parser often hangs the name on the label: "called [the Danish leader] 'nasty'")."""
    dobjs = [c for c in v.children if c.dep_ in P.OBJ_DEPS]
    heads = [c for c in v.children if c.dep_ in _LABEL_DEPS]
    if len(heads) >= 2 and dobjs:
        pool = [t for d in dobjs for t in d.subtree]  # "calling it a 'great deal' for the countries": it
    else:
        last = max((h.i for h in heads), default=v.i)
        pool = [t for t in label if t.i < last] or label
    inside = set(pool)
    for t in sorted(pool, key=lambda t: t.i):
        if t.i <= v.i or res.at(t) is None or t.lower_ in ctx.words.it_pronouns:
            continue  # "calling it a 'great deal'": "it" is mostly the thing talked about
        if t.dep_ in _MODIFIER_DEPS and t.head in inside and t.head.ent_type_:
            continue  # "the Danish leader Mette Frederiksen": the name, not its modifier
        found = [a for a in arguments(t, res, ctx, conj=True) if a.entity.type in ACTOR_TYPES]
        if found:
            return found
    return []


def label_triples(v: Token, res: Resolution, ctx: ExtractionContext) -> Iterator[RuleTriple]:
    """criticizes / supports triples of one labelling verb ("call", "describe", "brand")."""
    words = ctx.words
    if v.lemma_.lower() not in words.labelling_verbs or v.tag_ == "VBN" and v.dep_ != "ROOT":
        return
    label = _label_words(v)
    lemmas = {t.lemma_.lower() for t in label} | {t.lower_ for t in label}
    if lemmas & words.negative_labels:
        predicate = "criticizes"
    elif lemmas & words.positive_labels and not lemmas & words.negative_determiners:
        predicate = "supports"
    else:
        return
    targets = _targets(v, label, res, ctx)
    for s in clause_subjects(v, res, ctx):
        if s.entity.type not in ACTOR_TYPES:
            continue
        for o in targets:
            if o.entity != s.entity:
                conf = _CONFIDENCE[predicate] * min(s.confidence, o.confidence)
                yield RuleTriple(s.entity, predicate, o.entity, v.i, RULE, conf)

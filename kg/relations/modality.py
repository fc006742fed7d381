"""Modality: whether the statement a trigger belongs to is asserted, negated or hedged."""

from __future__ import annotations

from spacy.tokens import Token

from .. import patterns as P
from ..records import Modality
from .context import ExtractionContext, default_context

__all__ = ["modality"]

_NEGATABLE_POS = frozenset({"VERB", "AUX", "ADJ", "NOUN"})
_REPORTED_DEPS = frozenset({"ccomp", "parataxis"})


def modality(tok: Token, ctx: ExtractionContext | None = None) -> Modality:
    """Return asserted, negated or hedged for the statement a trigger token belongs to.

    tok (Token): the trigger. ctx (ExtractionContext | None): the word lists to read (default: shipped).
    """
    ctx = ctx or default_context()
    words = ctx.words
    if tok.sent.text.rstrip().endswith("?"):
        return Modality.HEDGED
    cur: Token | None = tok
    first = True
    governed = True  # whether cur was reached from a complement (a governor's scope) or not
    for _ in range(12):
        if cur is None:
            break
        for c in cur.children:
            low = c.lower_
            if c.dep_ in P.NEG_DEPS and cur.pos_ in _NEGATABLE_POS:
                return Modality.NEGATED
            if c.dep_ == "det" and low in words.negative_determiners:
                return Modality.NEGATED
            if first and cur.dep_ == "pobj" and cur.head.lower_ == "without":
                return Modality.NEGATED  # "without a deal"
            if c.dep_ in P.AUX_DEPS and low in words.modal_hedges:
                return Modality.HEDGED
            if c.dep_ == "advmod" and low in words.hedge_adverbs:
                return Modality.HEDGED
            if c.dep_ == "mark" and low in words.conditional_marks:
                return Modality.HEDGED
            if first and c.dep_ == "amod" and low in words.hedge_adjectives:
                return Modality.HEDGED
            if c.dep_ == "acomp" and c.lemma_.lower() in words.hedge_governors:
                return Modality.HEDGED  # "it is likely that ..."
            if (
                c.dep_ == "advcl"
                and any(g.dep_ == "mark" and g.lower_ in words.conditional_marks for g in c.children)
                and not (first and cur.lemma_.lower() in words.threat_triggers)
            ):
                return Modality.HEDGED  # the main clause of a conditional (but not the threat itself)
        lemma = cur.lemma_.lower()
        if not first and governed and (lemma in words.hedge_governors or _appeal(cur, ctx)):
            return Modality.HEDGED
        if not first and governed and lemma in words.negative_governors:
            return Modality.NEGATED  # "refused to meet", "denied the allegations that ..."
        # reported speech: the content clause keeps its own modality; so does a relative clause
        # ("Japan, which condemned North Korea, called for calm"), and an event that sets the scene
        # is presupposed ("asked him to investigate what happened during Trump's visit to Japan")
        if (
            cur.head.i == cur.i
            or cur.dep_ == "relcl"
            or (cur.dep_ in _REPORTED_DEPS and cur.head.lemma_.lower() in words.reporting_verbs)
            or (cur.dep_ == "pobj" and cur.head.lower_ in words.scene_words)
        ):
            break
        # a coordinated or adjunct clause is no complement of the verb above it: "urged Germany to pay
        # more and warned the Germans", "demanded respect even as it negotiates with the U.S."
        governed = cur.dep_ not in P.UNGOVERNED_DEPS
        cur = cur.head
        first = False
    return Modality.ASSERTED


def _appeal(tok: Token, ctx: ExtractionContext) -> bool:
    """An appeal or proposal ("urged X to", "called on X to", "called for sanctions")."""
    lemma = tok.lemma_.lower()
    if lemma == "call":  # "called on X to", "called for sanctions", "call to halt aid"
        return any(
            (c.dep_ == "prep" and c.lower_ in ctx.words.appeal_call_preps) or c.dep_ == "xcomp"
            for c in tok.children
        )
    return lemma in ctx.words.appeal_verbs and tok.pos_ == "VERB"

"""Clause subjects: who acts in a clause, its own subject or one inherited through control,
coordination, adjuncts and relative clauses."""

from __future__ import annotations

from spacy.tokens import Token

from .. import patterns as P
from ..resolve import Resolution
from .arguments import Arg, agents, arguments, children, is_passive, prep_objects, scale
from .context import ExtractionContext

__all__ = ["clause_subjects", "governing_subjects"]

_RELATIVE_TAGS = frozenset({"WDT", "WP"})
_GOVERNOR_POS = frozenset({"VERB", "AUX", "ADJ"})
_LINK_POS = frozenset({"ADP", "SCONJ"})
_CLAUSE_POS = frozenset({"VERB", "AUX"})
_REPORTED_DEPS = frozenset({"ccomp", "parataxis"})


def clause_subjects(v: Token, res: Resolution, ctx: ExtractionContext, depth: int = 0) -> list[Arg]:
    """Subjects of a verb: its own, else inherited through control, coordination and adjuncts."""
    words = ctx.words
    if v.dep_ == "relcl" and any(c.tag_ in _RELATIVE_TAGS and c.dep_ in P.SUBJ_DEPS for c in v.children):
        return arguments(v.head, res, ctx, conj=False)  # "Japan, which condemned X, ..."
    own = [a for c in v.children if c.dep_ in P.SUBJ_DEPS for a in arguments(c, res, ctx)]
    if own or depth > 5:
        return own
    if any(c.dep_ in P.SUBJ_DEPS for c in v.children):
        return []  # a subject that is not an entity ("the focus shifted")
    if is_passive(v) and v.dep_ not in {"conj", "xcomp", "advcl"}:
        return []
    head = v.head
    while head.pos_ in _LINK_POS and head.head.i != head.i:
        head = head.head
    if v.dep_ == "relcl":
        rel = [c for c in v.children if c.tag_ in _RELATIVE_TAGS and c.dep_ in P.SUBJ_DEPS]
        return arguments(v.head, res, ctx, conj=False) if rel or not own else []
    if v.dep_ == "acl" and v.tag_ == "VBG":
        found = arguments(v.head, res, ctx, conj=False)
        if not found and v.head.dep_ == "appos":
            # "Mark Burns, a pastor supporting Mr. Trump": the one the apposition describes
            found = scale(arguments(v.head.head, res, ctx, conj=False), 0.9)
        if (
            not found
            and v.head.lemma_.lower() in words.statement_nouns
            and v.head.dep_ in P.OBJ_DEPS
            and v.head.head.i != v.head.i
        ):
            # "Japan issued a statement condemning North Korea": the author of the statement
            found = scale(clause_subjects(v.head.head, res, ctx, depth + 1), 0.9)
        return found
    if v.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp" and head.head.i != head.i:
        # "Syria is willing to withdraw", "Iran will be able to sell": the subject of the copula
        return scale(clause_subjects(head.head, res, ctx, depth + 1), 0.9)
    if v.dep_ in P.SUBJECT_SHARING_DEPS and head.i != v.i and head.pos_ in _GOVERNOR_POS:
        if v.dep_ == "xcomp" and head.lemma_.lower() in words.object_control:
            return [a for c in children(head, P.OBJ_DEPS) for a in arguments(c, res, ctx)]
        controllers = prep_objects(head, "on") if head.lemma_.lower() in words.on_control_verbs else []
        if v.dep_ in {"xcomp", "advcl"} and controllers:
            return [
                a for c in controllers for a in arguments(c, res, ctx)
            ]  # "called on Moscow to change course"
        inherited = clause_subjects(head, res, ctx, depth + 1)
        if not inherited and is_passive(head) and v.dep_ == "xcomp":
            # "Obama is scheduled to attend", "Iran was urged to stop": the passive subject acts
            inherited = [a for c in children(head, P.PASS_SUBJ_DEPS) for a in arguments(c, res, ctx)]
        if not inherited and is_passive(head):
            inherited = agents(head, res, ctx)
        return scale(inherited, 0.9)
    return []


def governing_subjects(tok: Token, res: Resolution, ctx: ExtractionContext) -> list[Arg]:
    """Subjects of the nearest clause above a token (for nouns with no subject of their own)."""
    cur = tok
    for _ in range(12):
        if cur.head.i == cur.i or (
            cur.dep_ in _REPORTED_DEPS and cur.head.lemma_.lower() in ctx.words.reporting_verbs
        ):
            break  # never the reporter of a quote: "..., said Stephen Rademaker"
        cur = cur.head
        if cur.pos_ in _CLAUSE_POS:
            found = clause_subjects(cur, res, ctx)
            if found:
                return scale(found, 0.7)
    return []

"""Reported evaluations (`kg.rules.tone.v1`): a speaker's hostile words about an actor in what the
speaker says (*"Mr. Trump's claims are hogwash," Brennan wrote*; *Lavrov said Washington was behaving
recklessly*; *the Kremlin said the accusations by Britain were absurd*) are criticism of that actor;
words of praise as its predicate (*"Germany is a great friend," Obama said*) are support.

The actor is the one the content clause is about: its subject, or the owner of its subject (*Trump's
move*, *the accusations by Britain*), or, after *it is shameful that ...*, the subject of the *that*
clause. The hostile word must be in the clause's predicate, not in its subject, and the clause must not
be negated (*said Russia was not aggressive*)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .. import patterns as P
from ..records import EntityClass
from ..resolve import ACTOR_TYPES, Resolution
from .arguments import Arg, arguments, owner_mention, prep_objects, scale
from .clauses import clause_subjects
from .context import ExtractionContext
from .frames import RuleTriple

__all__ = ["tone_triples"]

RULE = "kg.rules.tone.v1"
_CONFIDENCE = 0.65
_OWNED_CONFIDENCE = 0.9
_CLAUSE_POS = frozenset({"VERB", "AUX"})
_CONTENT_DEPS = frozenset({"ccomp"})
_EVALUATION_DEPS = frozenset({"attr", "acomp", "oprd", "advmod"})
_NEG_DEPS = frozenset({"neg"})


def _evaluations(clause: Token) -> list[Token]:
    """The words that evaluate the clause's subject: the verb itself, its predicate nouns and adjectives
    ("are hogwash", "were absurd and provocative") and manner adverbs ("behaving recklessly"), also through
    xcomp chains ("seems to be reckless"); not words deeper in objects or prepositional phrases."""
    out: list[Token] = []
    stack = [clause]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in _EVALUATION_DEPS:
                out.extend([c, *c.conjuncts])
            elif c.dep_ == "xcomp":
                stack.append(c)
    return out


def _negated(t: Token, clause: Token, ctx: ExtractionContext) -> bool:
    """A negation on the evaluating word or the word it describes ("not reckless", "no friend")."""
    scope = [t, t.head] if t is not clause else [t]
    return any(
        c.dep_ in _NEG_DEPS or c.lower_ in ctx.words.negative_determiners for x in scope for c in x.children
    )


def _stance(clause: Token, ctx: ExtractionContext) -> str | None:
    """criticizes when the clause evaluates its subject with a hostile word, supports when with a word of
    praise as a predicate noun or adjective ("are great friends"); None otherwise or when negated."""
    words = ctx.words
    for t in _evaluations(clause):
        low, lemma = t.lower_, t.lemma_.lower()
        if lemma in words.hostile_acts or (
            t is not clause and (low in words.negative_labels or lemma in words.negative_labels)
        ):
            return None if _negated(t, clause, ctx) else "criticizes"
        if t is not clause and t.dep_ != "advmod" and lemma in words.positive_labels:
            return None if _negated(t, clause, ctx) else "supports"
    return None


def _about(clause: Token, res: Resolution, ctx: ExtractionContext) -> list[Arg]:
    """The actors a content clause is about: its subject, or the owner of its subject."""
    subjects = [c for c in clause.children if c.dep_ in P.SUBJ_DEPS]
    if not subjects:
        return []
    subj = subjects[0]
    if subj.lower_ == "it":  # "it is shameful that the government ..."
        that = [c for c in clause.children if c.dep_ == "ccomp" and any(m.dep_ == "mark" for m in c.children)]
        return [a for c in that for s in c.children if s.dep_ in P.SUBJ_DEPS for a in arguments(s, res, ctx)]
    found = arguments(subj, res, ctx)
    if found:
        return found
    owner = owner_mention(subj, res, ctx, possessor_only=True)
    by = [a for o in prep_objects(subj, "by") for a in arguments(o, res, ctx)]
    if owner is None:
        return scale(by, _OWNED_CONFIDENCE)
    if owner.seat is not None:
        return [Arg(owner.seat, owner.confidence * _OWNED_CONFIDENCE)]
    return [Arg(e, owner.confidence * _OWNED_CONFIDENCE) for e in owner.entities]


def _content_clauses(v: Token) -> list[Token]:
    """What a reporting verb reports: its content clauses and the clauses coordinated with them."""
    out: list[Token] = []
    for c in v.children:
        if c.dep_ in _CONTENT_DEPS and c.pos_ in _CLAUSE_POS:
            out.append(c)
            out.extend(x for x in c.conjuncts if x.pos_ in _CLAUSE_POS and x.i > c.i)
    return out


def _own_country(speaker: Arg, target: Arg) -> bool:
    """A person speaking of their own country ("Macron said France had made a mistake") is no critic of it."""
    s, o = speaker.entity, target.entity
    return (
        s.type == EntityClass.PERSON
        and o.type == EntityClass.COUNTRY
        and s.country is not None
        and s.country == o.country
    )


def tone_triples(v: Token, res: Resolution, ctx: ExtractionContext) -> Iterator[RuleTriple]:
    """criticizes / supports triples of one reporting verb ("said", "wrote") whose content is hostile to, or
    praises, an actor."""
    if v.lemma_.lower() not in ctx.words.tone_reporting_verbs:
        return
    stances = [(c, p) for c in _content_clauses(v) if (p := _stance(c, ctx)) is not None]
    if not stances:
        return
    speakers = [s for s in clause_subjects(v, res, ctx) if s.entity.type in ACTOR_TYPES]
    for clause, predicate in stances:
        own = any(c.dep_ in P.SUBJ_DEPS for c in clause.children)
        targets = _about(clause, res, ctx) if own else _about(clause.head, res, ctx)
        for s in speakers:
            for o in targets:
                if o.entity.type in ACTOR_TYPES and o.entity != s.entity and not _own_country(s, o):
                    conf = _CONFIDENCE * min(s.confidence, o.confidence)
                    yield RuleTriple(s.entity, predicate, o.entity, clause.i, RULE, conf)

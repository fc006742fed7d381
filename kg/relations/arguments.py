"""Arguments: the entities a syntactic argument refers to, through conjuncts, titles, partitives, owners."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .. import patterns as P
from ..records import Entity
from ..resolve import PLACE_TYPES, Mention, MentionKind, Resolution, named_holder
from .context import ExtractionContext

__all__ = ["Arg", "arguments", "owner_mention", "children", "prep_objects", "is_passive", "agents", "scale"]

_OWNER_KINDS = frozenset(
    {MentionKind.NAME, MentionKind.LED, MentionKind.NOMINAL, MentionKind.PRONOUN, MentionKind.DESCRIPTION}
)
_OWNER_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
_APPOS = frozenset({"appos"})
_TIME_LABELS = frozenset({"DATE", "TIME"})


@dataclass(frozen=True, slots=True)
class Arg:
    """One argument of a candidate relation: an entity and how sure we are of it."""

    entity: Entity
    confidence: float


def children(tok: Token, deps: frozenset[str]) -> list[Token]:
    """The children of a token attached by one of these labels."""
    return [c for c in tok.children if c.dep_ in deps]


def prep_objects(tok: Token, word: str) -> list[Token]:
    """Objects of preposition `word` attached to tok."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == word:
            out.extend(children(c, P.POBJ_DEPS))
    return out


def is_passive(v: Token) -> bool:
    """A passive clause, or a past participle modifying a noun ("sanctions imposed by")."""
    return any(c.dep_ in P.PASS_SUBJ_DEPS or c.dep_ == "auxpass" for c in v.children) or (
        v.dep_ == "acl" and v.tag_ == "VBN"
    )


def scale(args: list[Arg], factor: float) -> list[Arg]:
    """The same arguments, less sure by a factor."""
    return [Arg(a.entity, a.confidence * factor) for a in args]


def owner_mention(
    tok: Token, res: Resolution, ctx: ExtractionContext, *, possessor_only: bool = False
) -> Mention | None:
    """The actor a noun belongs to: its possessor, else a demonym or name modifier ("U.S. request"),
    else the actor of a "from"/"by" phrase ("a fresh offer from Kabul")."""
    words = ctx.words
    groups = [P.POSS_DEPS] if possessor_only else [P.POSS_DEPS, _OWNER_MODIFIER_DEPS]
    for deps in groups:
        for c in tok.children:
            if c.dep_ in deps:
                m = res.at(c)
                if m is not None and m.kind in _OWNER_KINDS:
                    return m
    if not possessor_only:
        lemma = tok.lemma_.lower()
        extra = prep_objects(tok, "in") + prep_objects(tok, "of") if lemma in words.target_nouns else []
        extra += prep_objects(tok, "of") if lemma in words.held_nouns else []
        for o in prep_objects(tok, "from") + prep_objects(tok, "by") + extra:
            m = res.at(o)
            if m is not None and m.kind != MentionKind.THING:
                return m
    return None


def arguments(
    tok: Token,
    res: Resolution,
    ctx: ExtractionContext,
    *,
    place: bool = False,
    conj: bool = True,
    object_position: bool = False,
) -> list[Arg]:
    """Entities a syntactic argument refers to, its conjuncts included.

    place (bool): keep capitals as cities (objects of visits); otherwise seats stand for countries.
    object_position (bool): an object may also be people or places of a country ("Iraqi towns").
    """
    words = ctx.words
    out: list[Arg] = []
    members = [tok, *tok.conjuncts] if conj else [tok]
    if conj and (own := res.at(tok)) is not None:
        # a name the parser split ("Barack/nsubj Obama/pobj and Vladimir Putin"): conjuncts of any part
        members += [c for i in range(own.start, own.end) for c in tok.doc[i].conjuncts if c not in members]
    if conj:
        # "The US, Russia, and Switzerland": spaCy attaches the list to the first item by apposition
        for a in children(tok, _APPOS):
            if a.conjuncts and res.at(a) is not None:
                members += [a, *a.conjuncts]
    for t in members:
        m = res.at(t)
        lemma = t.lemma_.lower()
        if m is None and lemma in words.partitive_nouns:
            out.extend(a for o in prep_objects(t, "of") for a in arguments(o, res, ctx, place=place))
            continue
        if m is None:
            # "Iran's leader, Ayatollah Khomeini, ...": a title noun with the name in apposition
            m = next((res.at(c) for c in t.children if c.dep_ == "appos" and res.at(c) is not None), None)
        if m is None and (holder := named_holder(t)) is not None:
            m = res.at(holder)  # "met Japanese Minister of Foreign Affairs Taro Kono"
        if m is None and t.ent_type_ in _TIME_LABELS:
            # "met with Syrian President Bashar Assad Tuesday": the parser makes the day the head
            m = next((res.at(c) for c in t.lefts if c.dep_ == "compound" and res.at(c) is not None), None)
        if m is None and lemma in words.title_nouns:
            # "the head of the IAEA, Rafael Grossi, ...": the parser hangs the name on the organisation
            named = [a for o in prep_objects(t, "of") for a in children(o, _APPOS)]
            m = next((res.at(a) for a in named if a.ent_type_ == "PERSON" and res.at(a) is not None), None)
        if m is None and (lemma in words.action_nouns or (object_position and lemma in words.target_nouns)):
            m = owner_mention(t, res, ctx)
            if m is not None and lemma in words.target_nouns and lemma not in words.action_nouns:
                # people and places of a country stand for it only as targets; "targets in Jericho" are
                # the place (kept only by frames whose object may be a place: attacks, visits)
                out.extend(
                    Arg(e, m.confidence * 0.75)
                    for e in ((m.seat,) if m.seat else m.entities)
                    if e is not None and e.type in PLACE_TYPES
                )
                continue
        elif m is None and object_position and t.pos_ == "NOUN":
            m = owner_mention(t, res, ctx, possessor_only=True)  # "denounced Serbia's suppression of ..."
        if m is None:
            continue
        if m.seat is not None and not place:
            out.append(Arg(m.seat, m.confidence * 0.95))
        else:
            out.extend(Arg(e, m.confidence) for e in m.entities)
    return out


def agents(v: Token, res: Resolution, ctx: ExtractionContext) -> list[Arg]:
    """The actors of a passive verb's "by" phrase."""
    found: list[Arg] = []
    for c in v.children:
        if c.dep_ in P.AGENT_DEPS or (c.dep_ == "prep" and c.lower_ == "by"):
            for o in children(c, P.POBJ_DEPS):
                found.extend(arguments(o, res, ctx))
    return found

"""Discourse state while walking one article: what has been named, where, and how prominently."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Doc, Token

from ..gazetteer import Gazetteer
from ..records import Entity
from ..wordsets import WordSets
from .mentions import Mention, MentionKind, Role

__all__ = ["Antecedent", "DiscourseState", "quoted_tokens", "remember", "recent", "pair", "coordinated_group"]

# a mention in a locative phrase ("arrived in Paris") is less prominent as an antecedent
_PROMINENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "conj", "dobj"})
_BACKGROUND_PREPS = frozenset({"in", "at", "on", "from"})
_OPENING_QUOTES = frozenset({"\u201c", "\u201d", '"', "``", "''"})
_CLOSING_ONLY_QUOTES = frozenset({"\u201d", "''"})


class Antecedent(NamedTuple):
    """An entity named at a token, and how prominently (subjects and objects weigh most)."""

    token: int
    entity: Entity
    weight: float


@dataclass
class DiscourseState:
    """What `resolve_doc` knows while it walks one article (mutable; internal to resolution)."""

    gaz: Gazetteer
    words: WordSets
    persons: dict[str, Entity] = field(default_factory=dict)  # canonical name -> entity
    person_country: dict[str, str] = field(default_factory=dict)
    history: list[Antecedent] = field(default_factory=list)
    pairs: list[tuple[int, tuple[Entity, ...]]] = field(default_factory=list)  # coordinated groups
    mentions: dict[int, Mention] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    quoted: frozenset[int] = frozenset()  # tokens inside quotation marks
    home: str | None = None  # ISO3 of the article's home country (`home.home_country`)


def quoted_tokens(doc: Doc) -> frozenset[int]:
    """Indices of tokens between an opening and a closing quotation mark, paragraph by paragraph."""
    inside: set[int] = set()
    opened: int | None = None
    for tok in doc:
        text = tok.text
        if "\n" in text:
            opened = None  # an unclosed quote ends with its paragraph
        elif text in _OPENING_QUOTES:
            if opened is None and text not in _CLOSING_ONLY_QUOTES:
                opened = tok.i
            elif opened is not None:
                inside.update(range(opened + 1, tok.i))
                opened = None
    return frozenset(inside)


def remember(state: DiscourseState, mention: Mention, tok: Token) -> None:
    """Add a mention's entities to the history (and a group of several to the pairs)."""
    weight = 2.0 if tok.dep_ in _PROMINENT_DEPS else 1.0
    if tok.dep_ == "pobj" and tok.head.lower_ in _BACKGROUND_PREPS:
        weight = 0.5
    for ent in mention.entities:
        state.history.append(Antecedent(mention.start, ent, weight))
        if mention.seat is not None and mention.kind == MentionKind.NAME:
            state.history.append(Antecedent(mention.start, mention.seat, weight * 0.5))
    if len(mention.entities) >= 2:
        state.pairs.append((mention.start, mention.entities))


def recent(
    state: DiscourseState,
    before: int,
    types: frozenset[str],
    *,
    skip: Iterable[Entity] = (),
    outside: bool = False,
) -> Entity | None:
    """The latest entity of these types before a token; `outside`: prefer one named outside quotes
    ("'Kim is a fine man,' Trump said. He added ..." → Trump)."""
    skip = set(skip)
    fallback = None
    for i, ent, _ in reversed(state.history):
        if i < before and ent.type in types and ent not in skip:
            if not outside or i not in state.quoted:
                return ent
            fallback = fallback or ent
    return fallback


def pair(state: DiscourseState, before: int, types: frozenset[str]) -> tuple[Entity, ...]:
    """Resolve "both countries" or "the two leaders": the latest coordinated pair, else the top two."""
    for i, group in reversed(state.pairs):
        if i < before and len(group) >= 2 and all(e.type in types for e in group) and before - i < 400:
            return group[:2]
    score: dict[Entity, float] = {}
    last: dict[Entity, int] = {}
    for i, ent, w in state.history:
        if i < before and ent.type in types:
            score[ent] = score.get(ent, 0.0) + w
            last[ent] = i
    ranked = sorted(score, key=lambda e: (-score[e], -last[e]))
    return tuple(ranked[:2]) if len(ranked) >= 2 else ()


def coordinated_group(mentions: dict[int, Mention], tok: Token) -> tuple[Entity, ...]:
    """Entities of a mention head and its conjuncts, seats standing for their countries."""
    group: list[Entity] = []
    for t in (tok, *tok.conjuncts):
        m = mentions.get(t.i)
        if m is None:
            continue
        for ent in (m.seat,) if m.seat is not None else m.entities:
            if ent is not None and ent not in group:
                group.append(ent)
    return tuple(group)

"""Noun frames (`kg.rules.noun.v1`, `kg.rules.noun.implicit.v1`): nominalisations (*Putin's visit to
Pyongyang*, *sanctions imposed by X*, *tensions between X and Y*), also as objects of light verbs
(*impose sanctions on*, *made a visit to*)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .. import patterns as P
from ..ontology import symmetric
from ..records import Entity, EntityClass
from ..resolve import MentionKind, Resolution
from .arguments import Arg, agents, arguments, children, prep_objects, scale
from .clauses import clause_subjects, governing_subjects
from .context import ExtractionContext
from .frames import RuleTriple, country_named, emit, frame_objects, pairs, requires_ok
from .lexicon import Frame, ObjectKind

__all__ = ["noun_triples"]

_SOURCE_PREPS = frozenset({"by", "from"})  # "support from X", "sanctions by X"
_BETWEEN_PREPS = frozenset({"between", "among", "amongst"})  # "tensions between X and Y"
_TARGET_PREPS = frozenset({"on", "against"})  # "sanctions on the Taliban faction"
_CLAUSE_POS = frozenset({"VERB", "AUX"})


def _light_verb(n: Token, ctx: ExtractionContext) -> Token | None:
    """The light verb that carries an event noun ("impose sanctions", "made a visit"), if any."""
    head = n.head
    if n.dep_ in P.OBJ_DEPS | {"attr", "nsubjpass"} and head.lemma_.lower() in ctx.words.light_verbs:
        return head
    if n.dep_ == "conj":
        return _light_verb(n.head, ctx)
    return None


def noun_triples(
    n: Token, frames: tuple[Frame, ...], res: Resolution, ctx: ExtractionContext
) -> Iterator[RuleTriple]:
    """The triples of the lexicon frames of one event noun."""
    strong: list[Arg] = []
    weak: list[Arg] = []
    between: list[Arg] = []
    for c in n.children:
        if c.dep_ in P.POSS_DEPS:
            strong += arguments(c, res, ctx, conj=True)
        elif c.dep_ in P.MODIFIER_DEPS:
            m = res.at(c)
            if m is not None and m.kind == MentionKind.LED:
                strong += arguments(c, res, ctx, conj=False)
            elif m is not None and m.kind != MentionKind.THING:
                weak += arguments(c, res, ctx, conj=False)
        elif c.dep_ == "prep" and c.lower_ in _SOURCE_PREPS:
            for o in children(c, P.POBJ_DEPS):
                strong += arguments(o, res, ctx)
        elif c.dep_ == "prep" and c.lower_ in _BETWEEN_PREPS:
            for o in children(c, P.POBJ_DEPS):
                between += arguments(o, res, ctx)
        elif c.dep_ == "acl" and c.tag_ == "VBN":
            strong += agents(c, res, ctx)
    light = _light_verb(n, ctx)
    if not strong and light is not None:
        strong = scale(clause_subjects(light, res, ctx), 0.95)
    if not strong and n.dep_ == "appos" and any(f.kind != ObjectKind.PLACE for f in frames):
        # "Sen. John McCain, a frequent critic of Mr. Obama": the one the apposition describes
        strong = scale(arguments(n.head, res, ctx, conj=False), 0.9)
    rule = "kg.rules.noun.v1"
    for frame in frames:
        if not requires_ok(n, frame):
            continue
        objects = frame_objects(n, frame, res, ctx, extra=light)
        sym = frame.predicate in symmetric()
        if sym and len(between) >= 2:
            yield from pairs(between, frame, n, rule)
            continue
        if sym and len(hyphened := _hyphen_pair(n, res, ctx)) >= 2:
            # "US-Russia tensions", "the Israeli-Palestinian talks", "U.S.-China trade talks"
            yield from pairs(hyphened, frame, n, rule, 0.95)
            continue
        if sym and between and strong:
            yield from emit(strong, between, frame, n, rule)
            continue
        subjects = strong or (weak if objects else [])
        if subjects and objects and frame.abroad and any(f.predicate in symmetric() for f in frames):
            # "Trump's summit with Putin in Helsinki": the one met is at the meeting too
            subjects = subjects + [a for o in prep_objects(n, "with") for a in arguments(o, res, ctx)]
        if subjects and objects:
            yield from emit(subjects, objects, frame, n, rule, 1.0 if strong else 0.85)
        elif objects and not subjects and sym and (light is not None or not _acted_upon(n, frame)):
            # "escalating tensions with Washington": the one in tension is the clause's subject; so is
            # the one "in a meeting with", but not the one who "sought to portray a meeting with"
            yield from emit(governing_subjects(n, res, ctx), objects, frame, n, rule, 0.9)
        elif objects and not subjects and frame.abroad and _attended(n):
            # "Trump said at a news conference in London": who speaks at an event abroad is there
            yield from emit(governing_subjects(n, res, ctx), objects, frame, n, rule, 0.85)
        elif subjects and sym and len(subjects) >= 2:
            yield from pairs(subjects, frame, n, rule)
        elif not subjects and not objects and sym and len(group := _participants(n, res, ctx)) >= 2:
            # "the talks include leaders from Saudi Arabia, Egypt and Turkey"
            yield from pairs(group, frame, n, rule, 0.9)
        elif not subjects and not objects and sym and not _scene_only(n, ctx):
            group = governing_subjects(n, res, ctx)
            if len(group) >= 2:
                yield from pairs(group, frame, n, rule, 0.9)
        elif strong and frame.predicate == "sanctions" and not _states_target(n, light):
            yield from emit(
                strong, _implicit_target(n, strong, res, ctx), frame, n, "kg.rules.noun.implicit.v1", 0.7
            )


_HYPHENS = frozenset({"-", "–", "—"})


def _hyphen_pair(n: Token, res: Resolution, ctx: ExtractionContext) -> list[Arg]:
    """Two actors joined by a hyphen in the modifiers of an event noun: "US-Russia tensions",
    "Israeli-Palestinian talks", "U.S.-China trade talks" (through "trade")."""
    mods: list[Token] = []
    stack = [c for c in n.lefts if c.dep_ in P.MODIFIER_DEPS]
    while stack:
        t = stack.pop()
        mods.append(t)
        stack += [c for c in t.lefts if c.dep_ in P.MODIFIER_DEPS | {"punct"}]
    mods.sort(key=lambda t: t.i)
    for a, dash, b in zip(mods, mods[1:], mods[2:], strict=False):
        if dash.text in _HYPHENS and a.i + 1 == dash.i and dash.i + 1 == b.i:
            found = arguments(a, res, ctx, conj=False) + arguments(b, res, ctx, conj=False)
            if len({arg.entity for arg in found}) >= 2:
                return found
    return []


def _attended(n: Token) -> bool:
    """True for an event noun the clause happens at ("said at a rally in Ohio", "during talks in Oslo")."""
    return n.dep_ == "pobj" and n.head.lower_ in {"at", "during"} and n.head.head.pos_ in _CLAUSE_POS


def _participants(n: Token, res: Resolution, ctx: ExtractionContext) -> list[Arg]:
    """Who a meeting brings together when it is the subject of "include", "involve" or "bring together"."""
    if n.dep_ not in P.SUBJ_DEPS or n.head.lemma_.lower() not in _PARTICIPANT_VERBS:
        return []
    return [a for o in children(n.head, P.OBJ_DEPS) for a in arguments(o, res, ctx)]


_PARTICIPANT_VERBS = frozenset({"include", "involve", "bring", "gather", "unite"})


def _acted_upon(n: Token, frame: Frame) -> bool:
    """A meeting that is the object of another act ("arranged a meeting with") is not the subject's own."""
    return frame.predicate == "meetsWith" and n.dep_ in P.OBJ_DEPS | P.SUBJ_DEPS | P.PASS_SUBJ_DEPS


def _scene_only(n: Token, ctx: ExtractionContext) -> bool:
    """True when a noun only sets the scene of its clause ("struck back ahead of the G8 summit")."""
    cur = n
    for _ in range(6):
        if cur.head.i == cur.i or cur.pos_ in _CLAUSE_POS:
            return False
        cur = cur.head
        if cur.lower_ in ctx.words.scene_words:
            return True
    return False


def _states_target(n: Token, light: Token | None) -> bool:
    """True when a target is named, resolved or not ("sanctions on the Taliban faction")."""
    heads = [n] if light is None else [n, light]
    return any(c.dep_ == "prep" and c.lower_ in _TARGET_PREPS for h in heads for c in h.children)


def _implicit_target(n: Token, sanctioners: list[Arg], res: Resolution, ctx: ExtractionContext) -> list[Arg]:
    """The country a sentence is about, for "U.S.-led sanctions" with no stated target."""
    who = {a.entity for a in sanctioners}
    own = {a.entity.country for a in sanctioners if a.entity.country}
    sent = n.sent
    root_subjects = clause_subjects(sent.root, res, ctx) if sent.root.pos_ in _CLAUSE_POS else []
    for a in root_subjects:
        ent = a.entity
        if ent.type == EntityClass.PERSON and ent.country:
            ent = Entity(ent.country, EntityClass.COUNTRY, ent.country)
        if ent.type == EntityClass.COUNTRY and ent not in who and ent.country not in own:
            return [Arg(country_named(ent, res, ctx), a.confidence)]
    for t in sent:
        m = res.at(t)
        if m is None or t.i >= n.i:
            continue
        for ent in (m.seat,) if m.seat else m.entities:
            if (
                ent is not None
                and ent.type == EntityClass.COUNTRY
                and ent not in who
                and ent.country not in own
            ):
                return [Arg(ent, m.confidence * 0.9)]
    return []

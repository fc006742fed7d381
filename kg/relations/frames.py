"""Frames: where a lexicon entry's objects are found at its trigger, what they may be, and the triples
a frame makes of subjects and objects."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from spacy.tokens import Token

from .. import patterns as P
from ..records import Entity, EntityClass
from ..resolve import ACTOR_TYPES, PLACE_TYPES, Resolution
from .arguments import Arg, arguments, children, prep_objects
from .context import ExtractionContext
from .lexicon import Frame, ObjectKind

__all__ = [
    "RuleTriple",
    "fits",
    "requires_ok",
    "frame_objects",
    "emit",
    "pairs",
    "country_named",
    "object_nouns",
]

_THINGS = frozenset({EntityClass.POLICY, EntityClass.ITEM, EntityClass.AGREEMENT})
# what a frame's object must be, by the lexicon's `kind` column
KIND_TYPES: dict[ObjectKind, frozenset[str]] = {
    ObjectKind.ACTOR: ACTOR_TYPES,
    ObjectKind.PLACE: PLACE_TYPES,
    ObjectKind.ITEM: frozenset({EntityClass.ITEM}),
    ObjectKind.THING: _THINGS,
    ObjectKind.TARGET: ACTOR_TYPES | _THINGS,
    ObjectKind.ORG: frozenset({EntityClass.ORGANIZATION}),
    ObjectKind.VICTIM: ACTOR_TYPES | PLACE_TYPES,
}
# stances an act can be the object of, which are then stances towards its author ("welcomed Reagan's
# statement" supports Reagan)
_FOR_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "xcomp"})
STANCES = frozenset({"supports", "opposes", "condemns", "criticizes"})
_NAMED_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PREDICATIVE_DEPS = frozenset({"acomp", "attr"})
_EVENT_PLACE_DEPS = frozenset({"compound", "nmod"})
_OPEN_ITEM_MODIFIER_DEPS = frozenset({"compound", "amod"})
_OPEN_ITEM_MODIFIER_POS = frozenset({"NOUN", "ADJ"})
_XCOMP = frozenset({"xcomp"})
_PRT = frozenset({"prt"})
_CCOMP = frozenset({"ccomp"})
_MUST = frozenset({"must"})  # the modal of a demand reported as what another must do
_ADVCL = frozenset({"advcl"})
_PURPOSE_DEPS = frozenset({"advcl", "xcomp"})
_XCOMP_PREPS = frozenset({"to", "against", "with", "on", "from", "in"})
_AGAINST = ("against", "on")  # "threatened further action against Russia"
_TOWARDS = ("to", "with", "for")  # "halted economic aid to Serbia", "cut ties with Qatar"
_HELD_AT = ("in", "at")  # "a summit in Switzerland"


@dataclass(frozen=True, slots=True)
class RuleTriple:
    """A triple a rule found, before modality, evidence and deduplication."""

    subject: Entity
    predicate: str
    object: Entity
    trigger: int  # token index whose modality decides
    rule: str
    confidence: float


def fits(ent: Entity, kind: ObjectKind) -> bool:
    """True when an entity is of a class a frame's object kind allows."""
    return ent.type in KIND_TYPES[kind]


def requires_ok(tok: Token, frame: Frame) -> bool:
    """The children a frame requires are there, and those it excludes are not ("fired back at")."""

    def has(dep: str, lem: str) -> bool:
        return any(c.dep_ == dep and (lem == "*" or c.lemma_.lower() == lem) for c in tok.children)

    return all(has(d, lem) for d, lem in frame.requires) and not any(has(d, lem) for d, lem in frame.excludes)


def _open_item(tok: Token, ctx: ExtractionContext) -> Entity | None:
    """A noun the subject supplies that the gazetteer does not know: its plain lower-case phrase."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() in ctx.words.information_nouns:
        return None
    mods = [c for c in tok.lefts if c.dep_ in _OPEN_ITEM_MODIFIER_DEPS and c.pos_ in _OPEN_ITEM_MODIFIER_POS]
    words = [m.lower_ for m in mods if m.i == tok.i - 1] + [tok.lower_]
    name = " ".join(words)
    return Entity(name, EntityClass.ITEM, None) if re.fullmatch(r"[a-z][a-z -]{1,40}", name) else None


def _res_free(tok: Token) -> bool:
    """True for a plain noun object (not a name), whose prepositional phrase may carry the argument."""
    return tok.pos_ == "NOUN" and not tok.ent_type_


def object_nouns(tok: Token, ctx: ExtractionContext) -> list[Token]:
    """Direct objects, looking through a partitive head ("suspended part of its aid" → aid)."""
    out: list[Token] = []
    for d in children(tok, P.OBJ_DEPS):
        inner = prep_objects(d, "of") if d.lemma_.lower() in ctx.words.fraction_nouns else []
        out += inner or [d]
    return out


def _slot_tokens(tok: Token, slot: str, ctx: ExtractionContext) -> list[Token]:
    """The tokens a lexicon slot names at a trigger."""
    words = ctx.words
    if slot == "dobj":
        return children(tok, P.OBJ_DEPS)
    if slot == "dobj>prep":
        # "threatened further action against Russia": the target hangs off the object noun
        return [o for d in children(tok, P.OBJ_DEPS) for w in _AGAINST for o in prep_objects(d, w)]
    if slot == "dobj>place":
        # "attend the Beijing Olympics", "attended a summit in Switzerland": where the event is held
        found = []
        for event in children(tok, P.OBJ_DEPS):
            found += [c for c in event.children if c.dep_ in _EVENT_PLACE_DEPS and c.ent_type_ == "GPE"]
            found += prep_objects(event, _HELD_AT[0]) + prep_objects(event, _HELD_AT[1])
        return found
    if slot == "dobj>to":
        # "halted economic aid to Serbia", "cut ties with Qatar", "suspended part of its aid to Bosnia"
        return [o for d in object_nouns(tok, ctx) for w in _TOWARDS for o in prep_objects(d, w)]
    if slot == "dative":
        found = []
        for d in children(tok, P.DATIVE_DEPS):
            found += children(d, P.POBJ_DEPS) if d.pos_ == "ADP" else [d]
        return found
    if slot.startswith("prep:"):
        word = slot[5:]
        found = prep_objects(tok, word)
        for other in children(tok, _PRT):
            found += prep_objects(other, word)
        if tok.pos_ in {"VERB", "AUX"}:
            # "granted asylum to X", "sent arms to X": the phrase often hangs off the object noun
            for d in children(tok, P.OBJ_DEPS):
                if _res_free(d):
                    found += prep_objects(d, word)
        return found
    if slot == "purpose":
        # "supplies munitions to support Russia's efforts": the one helped is the recipient
        out = []
        for x in tok.children:
            if x.dep_ in _PURPOSE_DEPS and x.lemma_.lower() in words.purpose_verbs:
                out += children(x, P.OBJ_DEPS)
        return out
    if slot == "cond":
        # "threatened to walk out unless Washington drops ...", "warned that it would retaliate if
        # Tehran ...": the subject of the condition (a "that" clause only when it announces a consequence)
        holders = [tok, *children(tok, _XCOMP)] + [
            c
            for c in children(tok, _CCOMP)
            if any(a.dep_ == "aux" and a.lower_ in words.future_aux for a in c.children)
        ]
        return [
            s
            for h in holders
            for x in children(h, _ADVCL)
            if any(m.dep_ == "mark" and m.lower_ in words.threat_condition_marks for m in x.children)
            for s in children(x, P.SUBJ_DEPS)
        ]
    if slot == "ccomp>subj":
        # "demanded that the United States cancel the sale", "insisted that Iran stop": the one pressed
        return [s for c in children(tok, _CCOMP) for s in children(c, P.SUBJ_DEPS)]
    if slot == "for>subj":
        # "called for Congress to authorize the mission", "pressed for Iran to stop": the one pressed is
        # the subject of the "for ... to" clause
        return [
            s
            for c in tok.children
            if c.dep_ in _FOR_CLAUSE_DEPS and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
            for s in children(c, P.SUBJ_DEPS)
        ]
    if slot == "ccomp>must":
        # "said Sudan must return the helicopter": a demand put as what another must do
        return [
            s
            for c in children(tok, _CCOMP)
            if any(a.dep_ == "aux" and a.lower_ in _MUST for a in c.children)
            for s in children(c, P.SUBJ_DEPS)
        ]
    if slot == "accountable":
        # "holds Russia responsible for", "will hold North Korea accountable": the one held to blame is
        # the subject of a small clause, or the object beside a predicative adjective
        adjs = [c for c in tok.children if c.pos_ == "ADJ" and c.lemma_.lower() in words.blame_adjectives]
        found = [s for a in adjs for s in children(a, P.SUBJ_DEPS)]
        return found or (children(tok, P.OBJ_DEPS) if adjs else [])
    if slot == "xcomp":
        out: list[Token] = []
        for x in children(tok, _XCOMP):
            objs = children(x, P.OBJ_DEPS | P.DATIVE_DEPS)
            out += objs
            for holder in (x, *objs, *children(x, _PRT)):
                for p in children(holder, P.PREP_DEPS):
                    if p.lower_ in _XCOMP_PREPS:
                        out += children(p, P.POBJ_DEPS)
        return out
    return []


def frame_objects(
    tok: Token,
    frame: Frame,
    res: Resolution,
    ctx: ExtractionContext,
    *,
    patients: list[Arg] | None = None,
    extra: Token | None = None,
) -> list[Arg]:
    """Objects of a frame at a trigger (and at its light verb, when given)."""
    place = frame.kind == ObjectKind.PLACE
    out: list[Arg] = []
    owners: list[Arg] = []  # actors behind an act a stance is about ("welcomed Reagan's statement")
    for slot in frame.slots:
        if slot == "dobj" and patients is not None:
            out.extend(patients)
            continue
        toks = _slot_tokens(tok, slot, ctx) + (
            _slot_tokens(extra, slot, ctx) if extra is not None and slot != "dobj" else []
        )
        if frame.abroad:
            # "X is in Beijing": a place named outright, and no "is active in", "is in its depiction"
            if any(c.dep_ in _PREDICATIVE_DEPS for c in tok.children):
                continue
            toks = [t for t in toks if t.ent_type_ in _NAMED_PLACE_LABELS]
        for t in toks:
            act = t.pos_ == "NOUN" and t.lemma_.lower() in ctx.words.action_nouns and res.at(t) is None
            if act and frame.predicate == "meetsWith":
                continue  # "welcomed Russia's involvement" meets no one ...
            found = arguments(t, res, ctx, place=place, object_position=True)
            if act and frame.kind == ObjectKind.THING and frame.predicate in STANCES:
                owners.extend(a for a in found if a.entity.type in ACTOR_TYPES)  # ... but supports Russia
            if not found and frame.open_item and frame.kind == ObjectKind.ITEM:
                item = _open_item(t, ctx)
                found = [Arg(item, 0.8)] if item else []
            out.extend(found)
    if "envoy" in frame.themes:
        # "summoned Niger's ambassador": the protest is addressed to the government the envoy represents
        out = [
            Arg(
                country_named(Entity(a.entity.country, EntityClass.COUNTRY, a.entity.country), res, ctx),
                a.confidence,
            )
            if a.entity.type == EntityClass.PERSON and a.entity.country
            else a
            for a in out
        ]
    return [a for a in out if fits(a.entity, frame.kind)] + owners


def emit(
    subjects: list[Arg], objects: list[Arg], frame: Frame, trigger: Token, rule: str, factor: float = 1.0
) -> Iterator[RuleTriple]:
    """The triples of a frame between each subject and each object."""
    for s in subjects:
        if s.entity.type not in ACTOR_TYPES:
            continue  # things do not act: "tanks shelled" is resolved through their owner or not at all
        for o in objects:
            subj, obj = (o, s) if frame.reverse else (s, o)
            if subj.entity == obj.entity:
                continue
            if frame.person and subj.entity.type != EntityClass.PERSON:
                continue  # "Blinken is in Beijing" is a visit; "troops are in Syria" is not
            if frame.abroad and not (subj.entity.country and obj.entity.country != subj.entity.country):
                continue  # ... nor is "Xi is in Beijing"
            conf = frame.confidence * min(subj.confidence, obj.confidence) * factor
            yield RuleTriple(subj.entity, frame.predicate, obj.entity, trigger.i, rule, conf)


def pairs(
    group: list[Arg], frame: Frame, trigger: Token, rule: str, factor: float = 1.0
) -> Iterator[RuleTriple]:
    """The triples of a symmetric frame between every two actors of a group ("X and Y met")."""
    ents = list(dict.fromkeys(a.entity for a in group if fits(a.entity, ObjectKind.ACTOR)))
    conf = {a.entity: a.confidence for a in group}
    for a, b in combinations(ents, 2):
        yield RuleTriple(
            a, frame.predicate, b, trigger.i, rule, frame.confidence * min(conf[a], conf[b]) * factor
        )


def country_named(ent: Entity, res: Resolution, ctx: ExtractionContext) -> Entity:
    """Map a placeholder country (code as name) to the article's entity for that code."""
    for e in res.entities:
        if e.type == EntityClass.COUNTRY and e.country == ent.name:
            return e
    entry = ctx.gazetteer.country(ent.name)
    return Entity(entry.name, EntityClass.COUNTRY, entry.country) if entry else ent

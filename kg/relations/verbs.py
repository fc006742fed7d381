"""Verb frames (`kg.rules.verb.v1`, `kg.rules.passive.v1`, `kg.rules.stative.v1`): active and passive clauses
whose verb the lexicon knows."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .. import patterns as P
from ..ontology import symmetric
from ..records import EntityClass
from ..resolve import ACTOR_TYPES, Resolution
from .arguments import Arg, agents, arguments, children, is_passive, prep_objects
from .clauses import clause_subjects
from .context import ExtractionContext
from .frames import RuleTriple, emit, frame_objects, object_nouns, pairs, requires_ok
from .lexicon import Frame

__all__ = ["verb_triples"]

_GOODS_THEMES = frozenset({"aid", "item"})  # themes that known goods satisfy ("gave Kyiv missiles")
_RELATIVE_DEPS = frozenset({"acl", "relcl"})


def _is_goods(tok: Token, res: Resolution, ctx: ExtractionContext) -> bool:
    """A direct object that is a thing handed over: a known Item, or a plain noun that is no event
    and no information ("provided answers to the inquiry")."""
    m = res.at(tok)
    if m is not None:
        return any(e.type == EntityClass.ITEM for e in m.entities)
    words = ctx.words
    lemma = tok.lemma_.lower()
    return (
        tok.pos_ == "NOUN"
        and lemma not in ctx.lexicon.nouns
        and lemma not in words.action_nouns
        and lemma not in words.information_nouns
        and lemma not in words.group_nouns  # people are sent, not supplied: "sent the deputy chief to"
        and lemma not in words.people_nouns
    )


def _met(v: Token, res: Resolution, ctx: ExtractionContext) -> list[Arg]:
    """Those a verb's subject meets ("met Erdogan in Sochi", "met with Kim in Hanoi")."""
    toks = children(v, P.OBJ_DEPS) + prep_objects(v, "with")
    return [a for t in toks for a in arguments(t, res, ctx) if a.entity.type in ACTOR_TYPES]


def _themes_ok(frame: Frame, themes: list[Token], ctx: ExtractionContext, *, goods: bool) -> bool:
    """The object (or passive subject) belongs to every theme the frame names: "cut aid to" (ties),
    "imposed tariffs on" (penalty), "gave Kyiv support" (aid, or known goods), "launched missiles at"
    (weapon), "gave Kyiv missiles" (item: known goods only)."""
    lemmas = {t.lemma_.lower() for t in themes}
    return all(lemmas & ctx.words.themes[name] or (name in _GOODS_THEMES and goods) for name in frame.themes)


def verb_triples(
    v: Token, frames: tuple[Frame, ...], res: Resolution, ctx: ExtractionContext
) -> Iterator[RuleTriple]:
    """The triples of the lexicon frames of one verb."""
    passive = is_passive(v)
    if passive:
        subjects = agents(v, res, ctx)
        patients = [
            a
            for c in v.children
            if c.dep_ in P.PASS_SUBJ_DEPS
            for a in arguments(c, res, ctx, object_position=True)
        ]
        if v.dep_ == "acl":
            patients += arguments(v.head, res, ctx, conj=False)
        rule = "kg.rules.passive.v1"
        if not subjects and v.dep_ != "acl":
            # stative passive with a prepositional object: "Israel is opposed to French mediation"
            subjects = [a for c in v.children if c.dep_ in P.PASS_SUBJ_DEPS for a in arguments(c, res, ctx)]
            patients = []
            rule = "kg.rules.stative.v1"
    else:
        subjects = clause_subjects(v, res, ctx)
        patients = None
        rule = "kg.rules.verb.v1"
    if not subjects:
        return
    dobj_items = [c for c in children(v, P.OBJ_DEPS) + prep_objects(v, "with") if _is_goods(c, res, ctx)]
    # goods the gazetteer knows (weapons, commodities): "gave Kyiv missiles" supports Kyiv; "gave him a sense"
    known_items = any(res.at(c) is not None and c in dobj_items for c in children(v, P.OBJ_DEPS))
    # "delivered a letter to", "sent its envoy to": a direct object that is no goods makes no supply
    plain = [c for c in children(v, P.OBJ_DEPS) if c.pos_ == "NOUN" and res.at(c) is None]
    no_goods = bool(plain) and not any(c in dobj_items for c in plain)
    # what is handed over or imposed: the object, or the subject of a passive ("sanctions were imposed",
    # "the sanctions imposed by")
    themes = object_nouns(v, ctx) + children(v, P.PASS_SUBJ_DEPS)
    themes += [v.head] if v.dep_ in _RELATIVE_DEPS else []
    # "a military aid programme" is aid: the noun's compound modifiers belong to the theme
    themes += [c for t in themes for c in t.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
    for frame in frames:
        if not requires_ok(v, frame) or (frame.item_object and not dobj_items):
            continue
        if no_goods and frame.predicate == "suppliesTo":
            continue
        if not _themes_ok(frame, themes, ctx, goods=known_items):
            continue  # "imposed tariffs on" (not "a security law"), "launched missiles at" (not "an inquiry")
        objects = frame_objects(v, frame, res, ctx, patients=patients)
        if objects:
            yield from emit(subjects + (_met(v, res, ctx) if frame.together else []), objects, frame, v, rule)
        elif (
            frame.predicate in symmetric()
            and len(subjects) >= 2
            and not prep_objects(v, "with")
            and (not children(v, P.OBJ_DEPS) or v.lemma_.lower() in ctx.words.topic_object_verbs)
        ):
            # "Jordan and Britain agreed to ..." (but not "they agreed with U.S. agencies", nor
            # "X and Y met the judge", "traded insults", "share a border": the object is no counterpart)
            yield from pairs(subjects, frame, v, rule)

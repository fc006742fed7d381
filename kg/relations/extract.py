""":mod:`kg.relations.extract`: relations between resolved entities, by rules over the dependency parse.

Rules (each names itself in `Relation.rule`):
- `kg.rules.verb.v1`: active clauses, with subjects inherited through control, coordination,
  adjunct and relative clauses; `kg.rules.passive.v1`: passive clauses with a *by*-agent.
- `kg.rules.noun.v1`: nominalisations (*Putin's visit to Pyongyang*, *sanctions imposed by X*,
  *support from X towards Y*, *tensions between X and Y*), also as objects of light verbs
  (*impose sanctions on*, *made a visit to*).
- `kg.rules.title.v1`: titles and appositions (leaderOf, officialOf);
  `kg.rules.member.v1`: *NATO ally Turkey*, *a member of*; `kg.rules.place.v1`: datelines,
  *Pyongyang's guest house*, *Helsinki, Finland*.
Negated, speculative and conditional statements are kept with modality `negated`/`hedged`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from spacy.tokens import Doc, Span, Token

from .. import patterns as P
from ..gazetteer import Gazetteer, load_gazetteer
from ..ontology import state_level, symmetric
from ..records import ASSERTED, HEDGED, NEGATED, Article, ArticleResult, Entity, Evidence, Relation
from ..resolve import ACTOR_TYPES, PLACE_TYPES, Resolution, named_holder, resolve_doc
from ..wordsets import load_word_sets
from .lexicon import Frame, Lexicon, load_lexicon

__all__ = ["Arg", "extract_relations", "extract_article", "modality", "SYMMETRIC"]

SYMMETRIC = symmetric()
STANCES = frozenset({"supports", "opposes", "condemns", "criticizes"})
STATE_LEVEL = state_level()
W = load_word_sets()
_KIND_TYPES = {
    "actor": ACTOR_TYPES,
    "place": PLACE_TYPES,
    "item": frozenset({"Item"}),
    "thing": frozenset({"Policy", "Item", "Agreement"}),
    "target": ACTOR_TYPES | {"Policy", "Item", "Agreement"},
    "org": frozenset({"Organization"}),
}


@dataclass(frozen=True, slots=True)
class Arg:
    """One argument of a candidate relation: an entity and how sure we are of it."""

    entity: Entity
    confidence: float


@dataclass(frozen=True, slots=True)
class _Candidate:
    subject: Entity
    predicate: str
    object: Entity
    trigger: int  # token index whose modality decides
    rule: str
    confidence: float


# ----------------------------------------------------------------------------- arguments


def _owner_mention(tok: Token, res: Resolution, *, possessor_only: bool = False):
    """The actor a noun belongs to: its possessor, else a demonym or name modifier ("U.S. request"),
    else the actor of a "from"/"by" phrase ("a fresh offer from Kabul")."""
    groups = [P.POSS_DEPS] if possessor_only else [P.POSS_DEPS, frozenset({"amod", "compound", "nmod"})]
    for deps in groups:
        for c in tok.children:
            if c.dep_ in deps:
                m = res.at(c)
                if m is not None and m.kind in {"name", "led", "nominal", "pronoun", "description"}:
                    return m
    if not possessor_only:
        lemma = tok.lemma_.lower()
        extra = _prep_objects(tok, "in") + _prep_objects(tok, "of") if lemma in W.target_nouns else []
        extra += _prep_objects(tok, "of") if lemma in W.held_nouns else []
        for o in _prep_objects(tok, "from") + _prep_objects(tok, "by") + extra:
            m = res.at(o)
            if m is not None and m.kind != "thing":
                return m
    return None


def _args(
    tok: Token, res: Resolution, *, place: bool = False, conj: bool = True, object_position: bool = False
) -> list[Arg]:
    """Entities a syntactic argument refers to, its conjuncts included.

    place (bool): keep capitals as cities (objects of visits); otherwise seats stand for countries.
    object_position (bool): an object may also be people or places of a country ("Iraqi towns").
    """
    out: list[Arg] = []
    members = [tok, *tok.conjuncts] if conj else [tok]
    if conj and (own := res.at(tok)) is not None:
        # a name the parser split ("Barack/nsubj Obama/pobj and Vladimir Putin"): conjuncts of any part
        members += [c for i in range(own.start, own.end) for c in tok.doc[i].conjuncts if c not in members]
    if conj:
        # "The US, Russia, and Switzerland": spaCy attaches the list to the first item by apposition
        for a in _children(tok, frozenset({"appos"})):
            if a.conjuncts and res.at(a) is not None:
                members += [a, *a.conjuncts]
    for t in members:
        m = res.at(t)
        lemma = t.lemma_.lower()
        if m is None and lemma in W.partitive_nouns:
            out.extend(a for o in _prep_objects(t, "of") for a in _args(o, res, place=place))
            continue
        if m is None:
            # "Iran's leader, Ayatollah Khomeini, ...": a title noun with the name in apposition
            m = next((res.at(c) for c in t.children if c.dep_ == "appos" and res.at(c) is not None), None)
        if m is None and (holder := named_holder(t)) is not None:
            m = res.at(holder)  # "met Japanese Minister of Foreign Affairs Taro Kono"
        if m is None and t.ent_type_ in {"DATE", "TIME"}:
            # "met with Syrian President Bashar Assad Tuesday": the parser makes the day the head
            m = next((res.at(c) for c in t.lefts if c.dep_ == "compound" and res.at(c) is not None), None)
        if m is None and lemma in W.title_nouns:
            # "the head of the IAEA, Rafael Grossi, ...": the parser hangs the name on the organisation
            named = [a for o in _prep_objects(t, "of") for a in _children(o, frozenset({"appos"}))]
            m = next((res.at(a) for a in named if a.ent_type_ == "PERSON" and res.at(a) is not None), None)
        if m is None and (lemma in W.action_nouns or (object_position and lemma in W.target_nouns)):
            m = _owner_mention(t, res)
            if m is not None and lemma in W.target_nouns and lemma not in W.action_nouns:
                # people and places of a country stand for it only as targets; "targets in Jericho" are
                # the place (kept only by frames whose object may be a place: attacks, visits)
                out.extend(
                    Arg(e, m.confidence * 0.75)
                    for e in ((m.seat,) if m.seat else m.entities)
                    if e is not None and e.type in PLACE_TYPES
                )
                continue
        elif m is None and object_position and t.pos_ == "NOUN":
            m = _owner_mention(t, res, possessor_only=True)  # "denounced Serbia's suppression of ..."
        if m is None:
            continue
        if m.seat is not None and not place:
            out.append(Arg(m.seat, m.confidence * 0.95))
        else:
            out.extend(Arg(e, m.confidence) for e in m.entities)
    return out


def _children(tok: Token, deps: frozenset[str]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _prep_objects(tok: Token, word: str) -> list[Token]:
    """Objects of preposition `word` attached to tok, also through a particle ("hand over to")."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == word:
            out.extend(_children(c, P.POBJ_DEPS))
    return out


def _is_passive(v: Token) -> bool:
    return any(c.dep_ in P.PASS_SUBJ_DEPS or c.dep_ == "auxpass" for c in v.children) or (
        v.dep_ == "acl" and v.tag_ == "VBN"
    )


def _agents(v: Token, res: Resolution) -> list[Arg]:
    found: list[Arg] = []
    for c in v.children:
        if c.dep_ in P.AGENT_DEPS or (c.dep_ == "prep" and c.lower_ == "by"):
            for o in _children(c, P.POBJ_DEPS):
                found.extend(_args(o, res))
    return found


def _scale(args: list[Arg], factor: float) -> list[Arg]:
    return [Arg(a.entity, a.confidence * factor) for a in args]


def clause_subjects(v: Token, res: Resolution, depth: int = 0) -> list[Arg]:
    """Subjects of a verb: its own, else inherited through control, coordination and adjuncts."""
    if v.dep_ == "relcl" and any(c.tag_ in {"WDT", "WP"} and c.dep_ in P.SUBJ_DEPS for c in v.children):
        return _args(v.head, res, conj=False)  # "Japan, which condemned X, ..."
    own = [a for c in v.children if c.dep_ in P.SUBJ_DEPS for a in _args(c, res)]
    if own or depth > 5:
        return own
    if any(c.dep_ in P.SUBJ_DEPS for c in v.children):
        return []  # a subject that is not an entity ("the focus shifted")
    if _is_passive(v) and v.dep_ not in {"conj", "xcomp", "advcl"}:
        return []
    head = v.head
    while head.pos_ in {"ADP", "SCONJ"} and head.head.i != head.i:
        head = head.head
    if v.dep_ == "relcl":
        rel = [c for c in v.children if c.tag_ in {"WDT", "WP"} and c.dep_ in P.SUBJ_DEPS]
        return _args(v.head, res, conj=False) if rel or not own else []
    if v.dep_ == "acl" and v.tag_ == "VBG":
        return _args(v.head, res, conj=False)
    if v.dep_ in P.SUBJECT_SHARING_DEPS and head.i != v.i and head.pos_ in {"VERB", "AUX", "ADJ"}:
        if v.dep_ == "xcomp" and head.lemma_.lower() in W.object_control:
            return [a for c in _children(head, P.OBJ_DEPS) for a in _args(c, res)]
        controllers = _prep_objects(head, "on") if head.lemma_.lower() in W.on_control_verbs else []
        if v.dep_ in {"xcomp", "advcl"} and controllers:
            return [a for c in controllers for a in _args(c, res)]  # "called on Moscow to change course"
        inherited = clause_subjects(head, res, depth + 1)
        if not inherited and _is_passive(head) and v.dep_ == "xcomp":
            # "Obama is scheduled to attend", "Iran was urged to stop": the passive subject acts
            inherited = [a for c in _children(head, P.PASS_SUBJ_DEPS) for a in _args(c, res)]
        if not inherited and _is_passive(head):
            inherited = _agents(head, res)
        return _scale(inherited, 0.9)
    return []


def governing_subjects(tok: Token, res: Resolution) -> list[Arg]:
    """Subjects of the nearest clause above a token (for nouns with no subject of their own)."""
    cur = tok
    for _ in range(12):
        if cur.head.i == cur.i or (
            cur.dep_ in {"ccomp", "parataxis"} and cur.head.lemma_.lower() in W.reporting_verbs
        ):
            break  # never the reporter of a quote: "..., said Stephen Rademaker"
        cur = cur.head
        if cur.pos_ in {"VERB", "AUX"}:
            found = clause_subjects(cur, res)
            if found:
                return _scale(found, 0.7)
    return []


# ----------------------------------------------------------------------------- modality


def modality(tok: Token) -> str:
    """Return asserted, negated or hedged for the statement a trigger token belongs to."""
    if tok.sent.text.rstrip().endswith("?"):
        return HEDGED
    cur: Token | None = tok
    first = True
    governed = True  # whether cur was reached from a complement (a governor's scope) or not
    for _ in range(12):
        if cur is None:
            break
        for c in cur.children:
            low = c.lower_
            if c.dep_ in P.NEG_DEPS and cur.pos_ in {"VERB", "AUX", "ADJ", "NOUN"}:
                return NEGATED
            if c.dep_ == "det" and low in W.negative_determiners:
                return NEGATED
            if first and cur.dep_ == "pobj" and cur.head.lower_ == "without":
                return NEGATED  # "without a deal"
            if c.dep_ in P.AUX_DEPS and low in W.modal_hedges:
                return HEDGED
            if c.dep_ == "advmod" and low in W.hedge_adverbs:
                return HEDGED
            if c.dep_ == "mark" and low in W.conditional_marks:
                return HEDGED
            if first and c.dep_ == "amod" and low in W.hedge_adjectives:
                return HEDGED
            if c.dep_ == "acomp" and c.lemma_.lower() in W.hedge_governors:
                return HEDGED  # "it is likely that ..."
            if (
                c.dep_ == "advcl"
                and any(g.dep_ == "mark" and g.lower_ in W.conditional_marks for g in c.children)
                and not (first and cur.lemma_.lower() in W.threat_triggers)
            ):
                return HEDGED  # the main clause of a conditional (but not the threat itself)
        lemma = cur.lemma_.lower()
        if not first and governed and (lemma in W.hedge_governors or _appeal(cur)):
            return HEDGED
        if not first and governed and lemma in W.negative_governors:
            return NEGATED  # "refused to meet", "denied the allegations that ..."
        # reported speech: the content clause keeps its own modality; so does a relative clause
        # ("Japan, which condemned North Korea, called for calm"), and an event that sets the scene
        # is presupposed ("asked him to investigate what happened during Trump's visit to Japan")
        if (
            cur.head.i == cur.i
            or cur.dep_ == "relcl"
            or (cur.dep_ in {"ccomp", "parataxis"} and cur.head.lemma_.lower() in W.reporting_verbs)
            or (cur.dep_ == "pobj" and cur.head.lower_ in W.scene_words)
        ):
            break
        # a coordinated or adjunct clause is no complement of the verb above it: "urged Germany to pay
        # more and warned the Germans", "demanded respect even as it negotiates with the U.S."
        governed = cur.dep_ not in P.UNGOVERNED_DEPS
        cur = cur.head
        first = False
    return ASSERTED


def _appeal(tok: Token) -> bool:
    """An appeal or proposal ("urged X to", "called on X to", "called for sanctions")."""
    lemma = tok.lemma_.lower()
    if lemma == "call":  # "called on X to", "called for sanctions", "call to halt aid"
        return any(
            (c.dep_ == "prep" and c.lower_ in W.appeal_call_preps) or c.dep_ == "xcomp" for c in tok.children
        )
    return lemma in W.appeal_verbs and tok.pos_ == "VERB"


# ----------------------------------------------------------------------------- frames


def _fits(ent: Entity, kind: str) -> bool:
    return ent.type in _KIND_TYPES[kind]


def _requires_ok(tok: Token, frame: Frame) -> bool:
    """The children a frame requires are there, and those it excludes are not ("fired back at")."""

    def has(dep: str, lem: str) -> bool:
        return any(c.dep_ == dep and c.lemma_.lower() == lem for c in tok.children)

    return all(has(d, lem) for d, lem in frame.requires) and not any(has(d, lem) for d, lem in frame.excludes)


def _open_item(tok: Token) -> Entity | None:
    """A noun the subject supplies that the gazetteer does not know: its plain lower-case phrase."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() in W.information_nouns:
        return None
    mods = [c for c in tok.lefts if c.dep_ in {"compound", "amod"} and c.pos_ in {"NOUN", "ADJ"}]
    words = [m.lower_ for m in mods if m.i == tok.i - 1] + [tok.lower_]
    name = " ".join(words)
    return Entity(name, "Item", None) if re.fullmatch(r"[a-z][a-z -]{1,40}", name) else None


def res_free(tok: Token) -> bool:
    """True for a plain noun object (not a name), whose prepositional phrase may carry the argument."""
    return tok.pos_ == "NOUN" and not tok.ent_type_


def _object_nouns(tok: Token) -> list[Token]:
    """Direct objects, looking through a partitive head ("suspended part of its aid" → aid)."""
    out: list[Token] = []
    for d in _children(tok, P.OBJ_DEPS):
        inner = _prep_objects(d, "of") if d.lemma_.lower() in W.fraction_nouns else []
        out += inner or [d]
    return out


def _slot_tokens(tok: Token, slot: str) -> list[Token]:
    if slot == "dobj":
        return _children(tok, P.OBJ_DEPS)
    if slot == "dobj>prep":
        # "threatened further action against Russia": the target hangs off the object noun
        return [o for d in _children(tok, P.OBJ_DEPS) for w in ("against", "on") for o in _prep_objects(d, w)]
    if slot == "dobj>place":
        # "attend the Beijing Olympics", "attended a summit in Switzerland": where the event is held
        found = []
        for event in _children(tok, P.OBJ_DEPS):
            found += [c for c in event.children if c.dep_ in {"compound", "nmod"} and c.ent_type_ == "GPE"]
            found += _prep_objects(event, "in") + _prep_objects(event, "at")
        return found
    if slot == "dobj>to":
        # "halted economic aid to Serbia", "cut ties with Qatar", "suspended part of its aid to Bosnia"
        return [o for d in _object_nouns(tok) for w in ("to", "with", "for") for o in _prep_objects(d, w)]
    if slot == "dative":
        found = []
        for d in _children(tok, P.DATIVE_DEPS):
            found += _children(d, P.POBJ_DEPS) if d.pos_ == "ADP" else [d]
        return found
    if slot.startswith("prep:"):
        word = slot[5:]
        found = _prep_objects(tok, word)
        for other in _children(tok, frozenset({"prt"})):
            found += _prep_objects(other, word)
        if tok.pos_ in {"VERB", "AUX"}:
            # "granted asylum to X", "sent arms to X": the phrase often hangs off the object noun
            for d in _children(tok, P.OBJ_DEPS):
                if res_free(d):
                    found += _prep_objects(d, word)
        return found
    if slot == "purpose":
        # "supplies munitions to support Russia's efforts": the one helped is the recipient
        out = []
        for x in tok.children:
            if x.dep_ in {"advcl", "xcomp"} and x.lemma_.lower() in W.purpose_verbs:
                out += _children(x, P.OBJ_DEPS)
        return out
    if slot == "cond":
        # "threatened to walk out unless Washington drops ...", "warned that it would retaliate if
        # Tehran ...": the subject of the condition (a "that" clause only when it announces a consequence)
        holders = [tok, *_children(tok, frozenset({"xcomp"}))] + [
            c
            for c in _children(tok, frozenset({"ccomp"}))
            if any(a.dep_ == "aux" and a.lower_ in W.future_aux for a in c.children)
        ]
        return [
            s
            for h in holders
            for x in _children(h, frozenset({"advcl"}))
            if any(m.dep_ == "mark" and m.lower_ in W.threat_condition_marks for m in x.children)
            for s in _children(x, P.SUBJ_DEPS)
        ]
    if slot == "accountable":
        # "holds Russia responsible for", "will hold North Korea accountable": the one held to blame is
        # the subject of a small clause, or the object beside a predicative adjective
        adjs = [c for c in tok.children if c.pos_ == "ADJ" and c.lemma_.lower() in W.blame_adjectives]
        found = [s for a in adjs for s in _children(a, P.SUBJ_DEPS)]
        return found or (_children(tok, P.OBJ_DEPS) if adjs else [])
    if slot == "xcomp":
        out: list[Token] = []
        for x in _children(tok, frozenset({"xcomp"})):
            objs = _children(x, P.OBJ_DEPS | P.DATIVE_DEPS)
            out += objs
            for holder in (x, *objs, *_children(x, frozenset({"prt"}))):
                for p in _children(holder, P.PREP_DEPS):
                    if p.lower_ in {"to", "against", "with", "on", "from", "in"}:
                        out += _children(p, P.POBJ_DEPS)
        return out
    return []


def _frame_objects(
    tok: Token,
    frame: Frame,
    res: Resolution,
    *,
    patients: list[Arg] | None = None,
    extra: Token | None = None,
) -> list[Arg]:
    """Objects of a frame at a trigger (and at its light verb, when given)."""
    place = frame.kind == "place"
    out: list[Arg] = []
    owners: list[Arg] = []  # actors behind an act a stance is about ("welcomed Reagan's statement")
    for slot in frame.slots:
        if slot == "dobj" and patients is not None:
            out.extend(patients)
            continue
        toks = _slot_tokens(tok, slot) + (
            _slot_tokens(extra, slot) if extra is not None and slot != "dobj" else []
        )
        if frame.abroad:
            # "X is in Beijing": a place named outright, and no "is active in", "is in its depiction"
            if any(c.dep_ in {"acomp", "attr"} for c in tok.children):
                continue
            toks = [t for t in toks if t.ent_type_ in {"GPE", "LOC", "FAC"}]
        for t in toks:
            act = t.pos_ == "NOUN" and t.lemma_.lower() in W.action_nouns and res.at(t) is None
            if act and frame.predicate == "meetsWith":
                continue  # "welcomed Russia's involvement" meets no one ...
            found = _args(t, res, place=place, object_position=True)
            if act and frame.kind == "thing" and frame.predicate in STANCES:
                owners.extend(a for a in found if a.entity.type in ACTOR_TYPES)  # ... but supports Russia
            if not found and frame.open_item and frame.kind == "item":
                item = _open_item(t)
                found = [Arg(item, 0.8)] if item else []
            out.extend(found)
    if "envoy" in frame.themes:
        # "summoned Niger's ambassador": the protest is addressed to the government the envoy represents
        out = [
            Arg(_country_named(Entity(a.entity.country, "Country", a.entity.country), res), a.confidence)
            if a.entity.type == "Person" and a.entity.country
            else a
            for a in out
        ]
    if frame.predicate == "attacks":
        # one attacks actors and places, not programmes or weapons ("destroy its weapons programme");
        # what one captures or occupies is a place ("captured the town", not "captured a suspect")
        allowed = PLACE_TYPES if frame.kind == "place" else ACTOR_TYPES | PLACE_TYPES
        return [a for a in out if a.entity.type in allowed]
    return [a for a in out if _fits(a.entity, frame.kind)] + owners


def _emit(
    subjects: list[Arg], objects: list[Arg], frame: Frame, trigger: Token, rule: str, factor: float = 1.0
) -> Iterator[_Candidate]:
    for s in subjects:
        if s.entity.type not in ACTOR_TYPES:
            continue  # things do not act: "tanks shelled" is resolved through their owner or not at all
        for o in objects:
            subj, obj = (o, s) if frame.reverse else (s, o)
            if subj.entity == obj.entity:
                continue
            if frame.person and subj.entity.type != "Person":
                continue  # "Blinken is in Beijing" is a visit; "troops are in Syria" is not
            if frame.abroad and not (subj.entity.country and obj.entity.country != subj.entity.country):
                continue  # ... nor is "Xi is in Beijing"
            conf = frame.confidence * min(subj.confidence, obj.confidence) * factor
            yield _Candidate(subj.entity, frame.predicate, obj.entity, trigger.i, rule, conf)


def _pairs(
    group: list[Arg], frame: Frame, trigger: Token, rule: str, factor: float = 1.0
) -> Iterator[_Candidate]:
    ents = list(dict.fromkeys(a.entity for a in group if _fits(a.entity, "actor")))
    conf = {a.entity: a.confidence for a in group}
    for a, b in combinations(ents, 2):
        yield _Candidate(
            a, frame.predicate, b, trigger.i, rule, frame.confidence * min(conf[a], conf[b]) * factor
        )


def _is_goods(tok: Token, res: Resolution) -> bool:
    """A direct object that is a thing handed over: a known Item, or a plain noun that is no event
    and no information ("provided answers to the inquiry")."""
    m = res.at(tok)
    if m is not None:
        return any(e.type == "Item" for e in m.entities)
    lex = load_lexicon()
    lemma = tok.lemma_.lower()
    return (
        tok.pos_ == "NOUN"
        and lemma not in lex.nouns
        and lemma not in W.action_nouns
        and lemma not in W.information_nouns
        and lemma not in W.group_nouns  # people are sent, not supplied: "sent the deputy chief to"
        and lemma not in W.people_nouns
    )


def _verb_candidates(v: Token, frames: tuple[Frame, ...], res: Resolution) -> Iterator[_Candidate]:
    passive = _is_passive(v)
    if passive:
        subjects = _agents(v, res)
        patients = [
            a for c in v.children if c.dep_ in P.PASS_SUBJ_DEPS for a in _args(c, res, object_position=True)
        ]
        if v.dep_ == "acl":
            patients += _args(v.head, res, conj=False)
        rule = "kg.rules.passive.v1"
        if not subjects and v.dep_ != "acl":
            # stative passive with a prepositional object: "Israel is opposed to French mediation"
            subjects = [a for c in v.children if c.dep_ in P.PASS_SUBJ_DEPS for a in _args(c, res)]
            patients = []
            rule = "kg.rules.stative.v1"
    else:
        subjects = clause_subjects(v, res)
        patients = None
        rule = "kg.rules.verb.v1"
    if not subjects:
        return
    dobj_items = [c for c in _children(v, P.OBJ_DEPS) + _prep_objects(v, "with") if _is_goods(c, res)]
    # goods the gazetteer knows (weapons, commodities): "gave Kyiv missiles" supports Kyiv; "gave him a sense"
    known_items = any(res.at(c) is not None and c in dobj_items for c in _children(v, P.OBJ_DEPS))
    # "delivered a letter to", "sent its envoy to": a direct object that is no goods makes no supply
    plain = [c for c in _children(v, P.OBJ_DEPS) if c.pos_ == "NOUN" and res.at(c) is None]
    no_goods = bool(plain) and not any(c in dobj_items for c in plain)
    # what is handed over or imposed: the object, or the subject of a passive ("sanctions were imposed",
    # "the sanctions imposed by")
    themes = _object_nouns(v) + _children(v, P.PASS_SUBJ_DEPS)
    themes += [v.head] if v.dep_ in {"acl", "relcl"} else []
    # "a military aid programme" is aid: the noun's compound modifiers belong to the theme
    themes += [c for t in themes for c in t.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
    for frame in frames:
        if not _requires_ok(v, frame) or (frame.item_object and not dobj_items):
            continue
        if no_goods and frame.predicate == "suppliesTo":
            continue
        if not _themes_ok(frame, themes, goods=known_items):
            continue  # "imposed tariffs on" (not "a security law"), "launched missiles at" (not "an inquiry")
        objects = _frame_objects(v, frame, res, patients=patients)
        if objects:
            yield from _emit(subjects + (_met(v, res) if frame.together else []), objects, frame, v, rule)
        elif (
            frame.predicate in SYMMETRIC
            and len(subjects) >= 2
            and not _prep_objects(v, "with")
            and (not _children(v, P.OBJ_DEPS) or v.lemma_.lower() in W.topic_object_verbs)
        ):
            # "Jordan and Britain agreed to ..." (but not "they agreed with U.S. agencies", nor
            # "X and Y met the judge", "traded insults", "share a border": the object is no counterpart)
            yield from _pairs(subjects, frame, v, rule)


def _met(v: Token, res: Resolution) -> list[Arg]:
    """Those a verb's subject meets ("met Erdogan in Sochi", "met with Kim in Hanoi")."""
    toks = _children(v, P.OBJ_DEPS) + _prep_objects(v, "with")
    return [a for t in toks for a in _args(t, res) if a.entity.type in ACTOR_TYPES]


def _themes_ok(frame: Frame, themes: list[Token], *, goods: bool) -> bool:
    """The object (or passive subject) belongs to every theme the frame names: "cut aid to" (ties),
    "imposed tariffs on" (penalty), "gave Kyiv support" (aid, or known goods), "launched missiles at"
    (weapon), "gave Kyiv missiles" (item: known goods only)."""
    lemmas = {t.lemma_.lower() for t in themes}
    return all(lemmas & W.themes[name] or (name in {"aid", "item"} and goods) for name in frame.themes)


def _light_verb(n: Token) -> Token | None:
    head = n.head
    if n.dep_ in P.OBJ_DEPS | {"attr", "nsubjpass"} and head.lemma_.lower() in W.light_verbs:
        return head
    if n.dep_ == "conj":
        return _light_verb(n.head)
    return None


def _noun_candidates(n: Token, frames: tuple[Frame, ...], res: Resolution) -> Iterator[_Candidate]:
    strong: list[Arg] = []
    weak: list[Arg] = []
    between: list[Arg] = []
    for c in n.children:
        if c.dep_ in P.POSS_DEPS:
            strong += _args(c, res, conj=True)
        elif c.dep_ in P.MODIFIER_DEPS:
            m = res.at(c)
            if m is not None and m.kind == "led":
                strong += _args(c, res, conj=False)
            elif m is not None and m.kind != "thing":
                weak += _args(c, res, conj=False)
        elif c.dep_ == "prep" and c.lower_ in {"by", "from"}:
            for o in _children(c, P.POBJ_DEPS):
                strong += _args(o, res)
        elif c.dep_ == "prep" and c.lower_ in {"between", "among", "amongst"}:
            for o in _children(c, P.POBJ_DEPS):
                between += _args(o, res)
        elif c.dep_ == "acl" and c.tag_ == "VBN":
            strong += _agents(c, res)
    light = _light_verb(n)
    if not strong and light is not None:
        strong = _scale(clause_subjects(light, res), 0.95)
    rule = "kg.rules.noun.v1"
    for frame in frames:
        if not _requires_ok(n, frame):
            continue
        objects = _frame_objects(n, frame, res, extra=light)
        symmetric = frame.predicate in SYMMETRIC
        if symmetric and len(between) >= 2:
            yield from _pairs(between, frame, n, rule)
            continue
        if symmetric and between and strong:
            yield from _emit(strong, between, frame, n, rule)
            continue
        subjects = strong or (weak if objects else [])
        if subjects and objects:
            yield from _emit(subjects, objects, frame, n, rule, 1.0 if strong else 0.85)
        elif objects and not subjects and symmetric and (light is not None or not _acted_upon(n, frame)):
            # "escalating tensions with Washington": the one in tension is the clause's subject; so is
            # the one "in a meeting with", but not the one who "sought to portray a meeting with"
            yield from _emit(governing_subjects(n, res), objects, frame, n, rule, 0.9)
        elif subjects and symmetric and len(subjects) >= 2:
            yield from _pairs(subjects, frame, n, rule)
        elif not subjects and not objects and symmetric and not _scene_only(n):
            group = governing_subjects(n, res)
            if len(group) >= 2:
                yield from _pairs(group, frame, n, rule, 0.9)
        elif strong and frame.predicate == "sanctions" and not _states_target(n, light):
            yield from _emit(
                strong, _implicit_target(n, strong, res), frame, n, "kg.rules.noun.implicit.v1", 0.7
            )


def _acted_upon(n: Token, frame: Frame) -> bool:
    """A meeting that is the object of another act ("arranged a meeting with") is not the subject's own."""
    return frame.predicate == "meetsWith" and n.dep_ in P.OBJ_DEPS | P.SUBJ_DEPS | P.PASS_SUBJ_DEPS


def _scene_only(n: Token) -> bool:
    """True when a noun only sets the scene of its clause ("struck back ahead of the G8 summit")."""
    cur = n
    for _ in range(6):
        if cur.head.i == cur.i or cur.pos_ in {"VERB", "AUX"}:
            return False
        cur = cur.head
        if cur.lower_ in W.scene_words:
            return True
    return False


def _states_target(n: Token, light: Token | None) -> bool:
    """True when a target is named, resolved or not ("sanctions on the Taliban faction")."""
    heads = [n] if light is None else [n, light]
    return any(c.dep_ == "prep" and c.lower_ in {"on", "against"} for h in heads for c in h.children)


def _implicit_target(n: Token, sanctioners: list[Arg], res: Resolution) -> list[Arg]:
    """The country a sentence is about, for "U.S.-led sanctions" with no stated target."""
    who = {a.entity for a in sanctioners}
    own = {a.entity.country for a in sanctioners if a.entity.country}
    sent = n.sent
    root_subjects = clause_subjects(sent.root, res) if sent.root.pos_ in {"VERB", "AUX"} else []
    for a in root_subjects:
        ent = a.entity
        if ent.type == "Person" and ent.country:
            ent = Entity(ent.country, "Country", ent.country)
        if ent.type == "Country" and ent not in who and ent.country not in own:
            return [Arg(_country_named(ent, res), a.confidence)]
    for t in sent:
        m = res.at(t)
        if m is None or t.i >= n.i:
            continue
        for ent in (m.seat,) if m.seat else m.entities:
            if ent is not None and ent.type == "Country" and ent not in who and ent.country not in own:
                return [Arg(ent, m.confidence * 0.9)]
    return []


def _country_named(ent: Entity, res: Resolution) -> Entity:
    """Map a placeholder country (code as name) to the article's entity for that code."""
    for e in res.entities:
        if e.type == "Country" and e.country == ent.name:
            return e
    gaz = load_gazetteer()
    entry = gaz.country(ent.name)
    return Entity(entry.name, "Country", entry.country) if entry else ent


# ----------------------------------------------------------------------------- structural rules


def _role_candidates(res: Resolution) -> Iterator[tuple[_Candidate, int]]:
    for r in res.roles:
        pred = {"leader": "leaderOf", "member": "memberOf"}.get(r.role, "officialOf")
        yield _Candidate(r.person, pred, r.of, r.start, "kg.rules.title.v1", 0.95), r.start


def _member_candidates(doc: Doc, res: Resolution) -> Iterator[_Candidate]:
    for tok in doc:
        if tok.lemma_.lower() not in W.member_nouns:
            continue
        before = (
            doc[tok.i - 2]
            if tok.i >= 2 and doc[tok.i - 1].text == "-"
            else (doc[tok.i - 1] if tok.i else None)
        )
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        org = res.at(before) if before is not None else None
        ctry = res.at(after) if after is not None else None
        if org and ctry:
            for o in org.entities:
                for c in ctry.entities:
                    if o.type in {"Organization", "Bloc"} and c.type in {"Country", "Person"}:
                        yield _Candidate(c, "memberOf", o, tok.i, "kg.rules.member.v1", 0.9)
        if tok.dep_ == "attr" and tok.lemma_.lower() == "member":
            subjects = clause_subjects(tok.head, res)
            for o in _prep_objects(tok, "of"):
                for a in _args(o, res):
                    if a.entity.type in {"Organization", "Bloc"}:
                        for s in subjects:
                            yield _Candidate(
                                s.entity, "memberOf", a.entity, tok.i, "kg.rules.member.v1", 0.85
                            )


def _place_candidates(doc: Doc, res: Resolution) -> Iterator[_Candidate]:
    for tok in doc:
        m = res.at(tok)
        if m is None or tok.i != m.end - 1:
            continue
        ent = m.entities[0]
        if ent.type in {"Facility", "City", "Region"}:
            for c in tok.children:
                targets = (
                    [c]
                    if c.dep_ == "poss"
                    else (_prep_objects(tok, "in") if c.dep_ == "prep" and c.lower_ == "in" else [])
                )
                for t in targets:
                    for a in _args(t, res, place=True, conj=False):
                        if (
                            a.entity.type in PLACE_TYPES
                            and a.entity != ent
                            and (ent.type == "Facility" or a.entity.type == "Country")
                        ):
                            yield _Candidate(ent, "locatedIn", a.entity, tok.i, "kg.rules.place.v1", 0.85)
        for country in _described_place_country(tok, res):
            if (
                ent.type in {"City", "Region", "Facility"}
                and ent.country in (None, country.country)
                and ent != country
            ):
                yield _Candidate(ent, "locatedIn", country, tok.i, "kg.rules.place.v1", 0.85)
        if (
            ent.type in {"City", "Region", "Facility"}
            and tok.i + 3 < len(doc)
            and doc[tok.i + 1].text == ","
            and doc[tok.i + 3].tag_ != "POS"
        ):
            nxt = res.at(doc[tok.i + 2])
            last = doc[nxt.end - 1] if nxt is not None else None
            if (
                nxt is not None
                and last is not None
                and not (last.dep_ in {"compound", "amod", "nmod"} and last.head.i > last.i)  # "U.S. trade"
                and not _in_list(doc[nxt.start : nxt.end])  # "Europe, Japan and China"
                and nxt.entities[0].type == "Country"
                and nxt.kind == "name"
                and ent.country in (None, nxt.entities[0].country)
            ):
                yield _Candidate(ent, "locatedIn", nxt.entities[0], tok.i, "kg.rules.place.v1", 0.9)


def _place_noun_countries(noun: Token, res: Resolution) -> list[Entity]:
    """Countries a place noun names: "the northern Syrian city", "Iraq's second city", "a town in Syria"."""
    if noun.lemma_.lower() not in W.place_nouns:
        return []
    toks = [c for c in noun.children if c.dep_ in {"amod", "compound", "poss", "nmod"}]
    toks += _prep_objects(noun, "in")
    out = []
    for t in toks:
        m = res.at(t)
        if m is not None and m.kind == "name":
            out += [e for e in m.entities if e.type == "Country" and e not in out]
    return out


def _described_place_country(tok: Token, res: Resolution) -> list[Entity]:
    """The country a named place is put in by a description: "the Syrian city of Raqqa", "Mosul, Iraq's
    second city", "Manbij is a town in northern Syria", or plain "Aceh in Indonesia"."""
    found: list[Entity] = []
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        found += _place_noun_countries(tok.head.head, res)
    for c in tok.children:
        if c.dep_ == "appos":
            found += _place_noun_countries(c, res)
    if tok.dep_ in P.SUBJ_DEPS and tok.head.lemma_ == "be":
        found += [e for a in _children(tok.head, frozenset({"attr"})) for e in _place_noun_countries(a, res)]
    # "Aceh in Indonesia", "Cornwall in southwest England": the words themselves, whatever the parse
    doc = tok.doc
    i = tok.i + 1
    if i < len(doc) and doc[i].lower_ == "in":
        i += 1
        while i < len(doc) and (doc[i].lower_ == "the" or doc[i].lower_ in W.direction_words):
            i += 1
        m = res.at(doc[i]) if i < len(doc) else None
        own = res.at(tok)
        small = own is not None and own.entities[0].type in {"City", "Facility"}
        if m is not None and m.kind == "name" and m.start == i:
            found += [e for e in m.entities if e.type == "Country" or (small and e.type == "Region")]
    return list(dict.fromkeys(found))


def _in_list(span: Span) -> bool:
    """True when a name is an item of a coordinated list, not the country after a place."""
    return any(t.dep_ == "conj" or any(c.dep_ in {"conj", "cc"} for c in t.children) for t in span)


def _dateline_candidates(doc: Doc, article: Article, gaz: Gazetteer) -> Iterator[_Candidate]:
    """`SEOUL, South Korea (AP)`: the dateline city is located in the country."""
    if not article.place or "," not in article.place:
        return
    city_text, _, country_text = article.place.partition(",")
    country = gaz.country_by_name(country_text.strip())
    city_text = city_text.strip().title()
    if country is None or not city_text:
        return
    entry = gaz.lookup(city_text)
    city = (
        Entity(entry.name, "City", country.country)
        if entry and entry.type == "City"
        else Entity(city_text, "City", country.country)
    )
    at = doc.text.find(article.place.split(",")[0])
    tok = doc.char_span(at, at + 1, alignment_mode="expand") if at >= 0 else None
    if tok is None:
        return
    yield _Candidate(
        city,
        "locatedIn",
        Entity(country.name, "Country", country.country),
        tok.start,
        "kg.rules.dateline.v1",
        0.95,
    )


# ----------------------------------------------------------------------------- assembly


def _candidates(
    doc: Doc, article: Article, res: Resolution, lex: Lexicon, gaz: Gazetteer
) -> Iterator[_Candidate]:
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"VERB", "AUX"} and lemma in lex.verbs:
            yield from _verb_candidates(tok, lex.verbs[lemma], res)
        elif tok.pos_ in {"NOUN", "PROPN"} and lemma in lex.nouns and _trigger_free(res, tok):
            yield from _noun_candidates(tok, lex.nouns[lemma], res)
    for cand, _ in _role_candidates(res):
        yield cand
    yield from _member_candidates(doc, res)
    yield from _place_candidates(doc, res)
    yield from _dateline_candidates(doc, article, gaz)


def _trigger_free(res: Resolution, tok: Token) -> bool:
    """A noun can trigger a relation unless it names an actor ("sanctions" is both thing and event)."""
    m = res.at(tok)
    return m is None or m.kind == "thing"


def _state_level(c: _Candidate) -> _Candidate:
    """Relations between states: a leader or official on one side and a country on the other
    stand for their country ("Putin's efforts to strengthen ties with North Korea")."""
    if c.predicate not in STATE_LEVEL:
        return c
    s, o = c.subject, c.object
    if s.type == "Person" and o.type == "Person" and s.country and o.country and s.country != o.country:
        return _Candidate(
            _country_of_person(s), c.predicate, _country_of_person(o), c.trigger, c.rule, c.confidence
        )
    if s.type == "Person" and s.country and o.type == "Country" and o.country != s.country:
        s = _country_of_person(s)
    if o.type == "Person" and o.country and s.type == "Country" and s.country != o.country:
        o = _country_of_person(o)
    return _Candidate(s, c.predicate, o, c.trigger, c.rule, c.confidence)


def _country_of_person(p: Entity) -> Entity:
    entry = load_gazetteer().country(p.country or "")
    return Entity(entry.name, "Country", entry.country) if entry else p


def _evidence(doc: Doc, article: Article, tok_i: int) -> Evidence:
    sent: Span = doc[tok_i].sent
    text = sent.text
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    return Evidence(article.id, body, sent.start_char + lead, sent.start_char + lead + len(body))


def _canonical(c: _Candidate) -> _Candidate:
    """Symmetric triples are stored one way round: subject name before object name."""
    if c.predicate in SYMMETRIC and c.object.name < c.subject.name:
        return _Candidate(c.object, c.predicate, c.subject, c.trigger, c.rule, c.confidence)
    return c


def extract_relations(
    doc: Doc,
    article: Article,
    res: Resolution,
    *,
    lexicon: Lexicon | None = None,
    gazetteer: Gazetteer | None = None,
) -> Iterator[Relation]:
    """Yield every relation found in a resolved article, each with evidence and modality."""
    lex = lexicon or load_lexicon()
    gaz = gazetteer or load_gazetteer()
    seen: set[tuple[str, str, str, int]] = set()
    for cand in map(_canonical, map(_state_level, _candidates(doc, article, res, lex, gaz))):
        if cand.subject == cand.object or cand.subject.name == cand.object.name:
            continue
        ev = _evidence(doc, article, cand.trigger)
        key = (cand.subject.name, cand.predicate, cand.object.name, ev.start)
        if key in seen:
            continue
        seen.add(key)
        structural = cand.rule in {
            "kg.rules.title.v1",
            "kg.rules.dateline.v1",
            "kg.rules.place.v1",
            "kg.rules.member.v1",
        }
        mod = ASSERTED if structural else modality(doc[cand.trigger])
        yield Relation(
            cand.subject, cand.predicate, cand.object, ev, round(min(cand.confidence, 1.0), 3), cand.rule, mod
        )


def extract_article(
    doc: Doc, article: Article, *, keep_hedged: bool = False, min_confidence: float = 0.0
) -> ArticleResult:
    """Resolve and extract one parsed article into an ArticleResult (asserted relations by default)."""
    res = resolve_doc(doc, article)
    rels = [
        r
        for r in extract_relations(doc, article, res)
        if (keep_hedged or r.modality == ASSERTED) and r.confidence >= min_confidence
    ]
    rels.sort(key=lambda r: (r.evidence.start, r.subject.name, r.predicate, r.object.name))
    return ArticleResult(article, res.entities, tuple(rels))

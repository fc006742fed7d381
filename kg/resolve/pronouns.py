"""Pronouns: he/she, it and they resolved to the antecedent the discourse state makes most likely."""

from __future__ import annotations

from spacy.tokens import Token

from .. import patterns as P
from ..records import Entity, EntityClass
from .discourse import DiscourseState, recent
from .mentions import Mention, MentionKind
from .names import clean_name, ent_span, is_plural, person_entity

__all__ = ["pronoun_mention"]

_PERSONS = frozenset({EntityClass.PERSON})
_COLLECTIVES = frozenset({EntityClass.COUNTRY, EntityClass.ORGANIZATION, EntityClass.BLOC})
_THINGS = frozenset({EntityClass.POLICY, EntityClass.ITEM})
_OBJECT_DEPS = frozenset({"dobj", "pobj"})
_NON_CATAPHORIC = frozenset({"him", "himself", "herself"})  # never the subject a main clause names later
_POSSESSIVE_PLURAL = frozenset({"their", "theirs"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def _cataphor(state: DiscourseState, tok: Token) -> Entity | None:
    """A pronoun in a fronted clause that the main clause's named subject resolves: "After he met Kono,
    Pompeo said ...", "Defending his probe, Mueller said ..."."""
    clause = tok.head
    while clause.dep_ not in {"advcl", "ROOT"} and clause.head.i != clause.i:
        clause = clause.head
    main = clause.head
    if clause.dep_ != "advcl" or clause.i > main.i or tok.lower_ in _NON_CATAPHORIC:
        return None
    for c in main.children:
        if c.dep_ in P.SUBJ_DEPS and c.i > clause.i and c.ent_type_ == "PERSON":
            span = ent_span(c)
            return person_entity(state, clean_name(span.text), span.ent_id_) if span is not None else None
    return None


def _unresolved_parallel_subject(state: DiscourseState, tok: Token) -> bool:
    """True when "it" heads a clause joined to one whose subject is a plain singular noun we could not
    resolve: that noun, not an earlier country, is what "it" means."""
    verb = tok.head
    if tok.dep_ not in P.SUBJ_DEPS or verb.dep_ not in {"conj", "advcl"}:
        return False
    return any(
        c.dep_ in P.SUBJ_DEPS and c.pos_ == "NOUN" and not is_plural(c) and c.i not in state.mentions
        for c in verb.head.children
    )


def _parallel_subject(state: DiscourseState, tok: Token, types: frozenset[str]) -> Entity | None:
    """The subject of the first of two coordinated clauses, for a pronoun subject of the second:
    "the U.S. will offer aid and that it will hold Maduro accountable" → the U.S."""
    verb = tok.head
    if tok.dep_ not in P.SUBJ_DEPS or verb.dep_ != "conj":
        return None
    for c in verb.head.children:
        m = state.mentions.get(c.i) if c.dep_ in P.SUBJ_DEPS else None
        if m is not None and len(m.entities) == 1 and m.entities[0].type in types:
            return m.entities[0]
    return None


def pronoun_mention(state: DiscourseState, tok: Token) -> Mention | None:
    """Resolve he/she/it/they to the latest fitting antecedent."""
    words = state.words
    low = tok.lower_
    if low in words.person_pronouns:
        ent = (
            _cataphor(state, tok)
            or _parallel_subject(state, tok, _PERSONS)
            or recent(state, tok.i, _PERSONS, outside=tok.i not in state.quoted)
        )
        return Mention(tok.i, tok.i + 1, (ent,), MentionKind.PRONOUN, 0.8) if ent else None
    if low in words.it_pronouns:
        if _unresolved_parallel_subject(state, tok):
            return None  # "The carrier canceled a visit to Australia, though it still conducted ..."
        ent = _parallel_subject(state, tok, _COLLECTIVES) or recent(state, tok.i, _COLLECTIVES)
        if ent is None or _expletive(tok) or (tok.dep_ in _OBJECT_DEPS and _thing_since(state, ent, tok)):
            return None
        return Mention(tok.i, tok.i + 1, (ent,), MentionKind.PRONOUN, 0.65)
    if low in words.plural_pronouns:
        return _plural_mention(state, tok)
    return None


def _plural_mention(state: DiscourseState, tok: Token) -> Mention | None:
    """Resolve they/them/their: a thing just named, a plural subject, a coordinated group or a reporter."""
    sent_start = tok.sent.start
    if tok.dep_ in _OBJECT_DEPS:
        for i, ent, _ in reversed(state.history):
            if sent_start <= i < tok.i and ent.type in _THINGS:
                return Mention(tok.i, tok.i + 1, (ent,), MentionKind.PRONOUN, 0.75)
    subject = _plural_subject_before(tok)
    if subject is not None:
        # "several Republicans announced their support": the plural subject, resolved or not
        found = state.mentions.get(subject.i)
        return Mention(tok.i, tok.i + 1, found.entities, MentionKind.PRONOUN, 0.7) if found else None
    for i, group in reversed(state.pairs):
        if sent_start <= i < tok.i:
            return Mention(tok.i, tok.i + 1, group, MentionKind.PRONOUN, 0.7)
    reporter = _reporter(state, tok)
    if reporter:
        return Mention(tok.i, tok.i + 1, reporter, MentionKind.PRONOUN, 0.65)
    if _unresolved_plural_before(state, tok):
        return None  # "prosecutors said their deal with Flynn ...": they are not an earlier pair
    for i, group in reversed(state.pairs):
        if i < tok.i and i >= _previous_sentence_start(tok):
            return Mention(tok.i, tok.i + 1, group, MentionKind.PRONOUN, 0.7)
    group = _previous_sentence_pair(state, tok)
    if group:
        return Mention(tok.i, tok.i + 1, group, MentionKind.PRONOUN, 0.65)
    return None


def _expletive(tok: Token) -> bool:
    """ "It's another sign of ...", "it is clear that ...": an "it" that refers to nothing."""
    head = tok.head
    return (
        tok.dep_ == "nsubj"
        and head.lemma_ == "be"
        and any(c.dep_ in {"attr", "acomp", "ccomp"} for c in head.children)
        and not any(c.dep_ == "neg" for c in head.children if c.i < tok.i)
    )


def _plural_subject_before(tok: Token) -> Token | None:
    """The nearest plural subject before a possessive "their" in its sentence ("X and Y" is no plural)."""
    if tok.lower_ not in _POSSESSIVE_PLURAL:
        return None
    for t in reversed(tok.doc[tok.sent.start : tok.i]):
        if t.dep_ in P.SUBJ_DEPS and t.tag_ in _PLURAL_TAGS:
            return t
    return None


def _thing_since(state: DiscourseState, ent: Entity, tok: Token) -> bool:
    """ "dismissed the plan and vowed to resist it": an unresolved thing named after `ent` is nearer."""
    last = max((i for i, e, _ in state.history if e == ent and i < tok.i), default=tok.i)
    return any(
        t.pos_ == "NOUN"
        and t.tag_ == "NN"
        and t.dep_ in P.OBJ_DEPS | P.PASS_SUBJ_DEPS
        and t.i not in state.mentions
        for t in tok.doc[last + 1 : tok.i]
    )


def _unresolved_plural_before(state: DiscourseState, tok: Token) -> bool:
    """True when the sentence names a plural group we did not resolve before the pronoun."""
    return any(
        t.pos_ == "NOUN"
        and t.tag_ == "NNS"
        and t.dep_ in P.SUBJ_DEPS | P.OBJ_DEPS | P.PASS_SUBJ_DEPS
        and t.i not in state.mentions
        for t in tok.doc[tok.sent.start : tok.i]
    )


def _reporter(state: DiscourseState, tok: Token) -> tuple[Entity, ...]:
    """ "US officials said they would ...": a collective that reports what it will do itself.

    The subject of the reporting verb whose content clause "they" is the subject of, when that
    subject stands for countries, organisations or blocs.
    """
    clause = tok.head
    if tok.dep_ not in P.SUBJ_DEPS or clause.dep_ not in {"ccomp", "xcomp"}:
        return ()
    verb = clause.head
    if verb.lemma_.lower() not in state.words.reporting_verbs | state.words.commitment_verbs:
        return ()
    for subj in verb.children:
        if subj.dep_ in P.SUBJ_DEPS and subj.i < tok.i:
            mention = state.mentions.get(subj.i)
            if mention is not None and all(e.type in _COLLECTIVES for e in mention.entities):
                return mention.entities
    return ()


def _previous_sentence_start(tok: Token) -> int:
    """Index of the first token of the sentence before `tok`'s (or of its own, in the first sentence)."""
    start = tok.sent.start
    return tok.doc[start - 1].sent.start if start > 0 else start


def _previous_sentence_pair(state: DiscourseState, tok: Token) -> tuple[Entity, ...]:
    """ "Erdogan met Pezeshkian. They condemned ...": the two actors of one kind in the sentence before."""
    sent = tok.sent
    if sent.start == 0:
        return ()
    prev = tok.doc[sent.start - 1].sent
    for kind in (EntityClass.PERSON, EntityClass.COUNTRY):
        ents = list(
            dict.fromkeys(e for i, e, _ in state.history if prev.start <= i < prev.end and e.type == kind)
        )
        if len(ents) == 2:
            return tuple(ents)
    return ()

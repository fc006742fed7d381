"""`resolve_doc`: walk an article once, in reading order, and resolve every mention."""

from __future__ import annotations

from spacy.tokens import Doc

from ..gazetteer import Gazetteer, load_gazetteer
from ..records import Article, Entity, EntityClass
from ..wordsets import WordSets, load_word_sets
from .datelines import dateline_end, dateline_start, in_dateline
from .discourse import DiscourseState, coordinated_group, quoted_tokens, remember
from .home import home_country
from .mentions import Mention, MentionKind, Resolution, Role
from .names import LED, clean_name, country_entity, country_of_word, named_entity
from .nominals import nominal_mention, party_person, split_led, thing_mention
from .pronouns import pronoun_mention
from .titles import find_roles

__all__ = ["resolve_doc"]

_NAMED_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP", "PRODUCT"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
_THING_TYPES = frozenset({EntityClass.ITEM, EntityClass.POLICY})


def resolve_doc(
    doc: Doc, article: Article, *, gazetteer: Gazetteer | None = None, words: WordSets | None = None
) -> Resolution:
    """Resolve every mention of an article's parsed Doc.

    doc (Doc): the parsed article text.
    article (Article): the article record (for its dateline).
    gazetteer (Gazetteer | None), words (WordSets | None): what to resolve with (default: the shipped ones).
    RETURNS (Resolution): mentions by token index, roles stated by titles, entities in order.
    """
    gaz = gazetteer or load_gazetteer()
    state = DiscourseState(
        gaz, words or load_word_sets(), quoted=quoted_tokens(doc), home=home_country(doc, gaz)
    )
    find_roles(state, doc)
    ents_at = {e.start: e for e in doc.ents if e.label_ in _NAMED_LABELS}
    covered: set[int] = set()
    dl_end = dateline_end(doc, article)
    dl_start = dateline_start(doc, article) if dl_end else 0
    prev_text = ""
    for tok in doc:
        text, after_hyphen = tok.text, prev_text == "-"
        prev_text = text
        if tok.i in covered:
            continue
        mention: Mention | None = None
        span = ents_at.get(tok.i)
        led = LED.match(text) if "-" in text else None
        if led and (ent := country_entity(state.gaz, country_of_word(state.gaz, led.group("who")))):
            mention = Mention(tok.i, tok.i + 1, (ent,), MentionKind.LED, 0.9)
        elif after_hyphen and (split := split_led(state, tok)) is not None:
            mention = Mention(tok.i, tok.i + 1, split, MentionKind.LED, 0.9)
        elif (
            span is not None
            and span.label_ in {"NORP", "ORG"}
            and (described := party_person(state, span.root))
        ):
            mention = Mention(span.start, span.end, described.entities, described.kind, described.confidence)
        elif span is not None and not in_dateline(span, dl_start, dl_end):
            is_modifier = span.label_ == "NORP" and span.root.dep_ in _MODIFIER_DEPS
            ent, seat = named_entity(state, span)
            thing = state.gaz.lookup(clean_name(span.text)) if ent is None else None
            if thing is not None and thing.type in _THING_TYPES:
                things = (Entity(thing.name, thing.type, None),)
                mention = Mention(span.start, span.end, things, MentionKind.THING, 0.9)
            elif ent is not None:
                confidence = 0.95 if is_modifier else 1.0
                mention = Mention(span.start, span.end, (ent,), MentionKind.NAME, confidence, seat)
        elif tok.pos_ == "PRON":
            mention = pronoun_mention(state, tok)
        elif tok.pos_ in {"NOUN", "PROPN"} and not tok.ent_type_:
            mention = nominal_mention(state, tok) or thing_mention(state, tok)
        if mention is None:
            continue
        for i in range(mention.start, mention.end):
            state.mentions[i] = mention
            covered.add(i)
        # a name is remembered at its last token; groups are recorded when the last conjunct is seen
        head = doc[mention.end - 1] if mention.kind == MentionKind.NAME else tok
        remember(state, mention, head)
        if head.dep_ == "conj":
            first = head
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            group = coordinated_group(state.mentions, first)
            if len(group) >= 2:
                state.pairs.append((mention.start, group))
    return _resolution(state)


def _resolution(state: DiscourseState) -> Resolution:
    """The Resolution of a finished walk: persons whose country was stated after their first mention
    are updated to their final entity everywhere."""
    entities: list[Entity] = []
    seen: set[Entity] = set()
    for i in sorted(state.mentions):
        for ent in state.mentions[i].entities:
            if ent not in seen:
                seen.add(ent)
                entities.append(ent)
    for role in state.roles:
        for ent in (role.person, role.of):
            if ent not in seen:
                seen.add(ent)
                entities.append(ent)
    final = dict(state.persons)

    def update(e: Entity) -> Entity:
        return final.get(e.name, e) if e.type == EntityClass.PERSON else e

    mentions = {
        i: Mention(m.start, m.end, tuple(update(e) for e in m.entities), m.kind, m.confidence, m.seat)
        for i, m in state.mentions.items()
    }
    roles = tuple(Role(final.get(r.person.name, r.person), r.role, r.of, r.start, r.end) for r in state.roles)
    return Resolution(mentions, roles, tuple(dict.fromkeys(update(e) for e in entities)), state.quoted)

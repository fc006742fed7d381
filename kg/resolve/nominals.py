"""Mentions by common nouns: group nouns with a demonym, descriptions, organisation heads and things."""

from __future__ import annotations

from spacy.tokens import Token

from ..records import Entity, EntityClass
from ..wordsets import WordSets
from .discourse import DiscourseState, pair, recent
from .mentions import ACTOR_TYPES, Mention, MentionKind, Role, RoleKind
from .names import (
    LED,
    country_entity,
    country_of_word,
    ent_span,
    entry_entity,
    is_plural,
    modifier_countries,
)
from .titles import named_holder

__all__ = ["nominal_mention", "party_person", "thing_mention", "split_led"]

_NAME_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})
_LED_MODIFIER_DEPS = frozenset({"npadvmod", "compound", "amod", "nmod"})
_DETERMINER_DEPS = frozenset({"det", "nummod", "predet", "quantmod"})
_COUNTRIES = frozenset({EntityClass.COUNTRY})
_PERSONS = frozenset({EntityClass.PERSON})
_THING_TYPES = frozenset({EntityClass.ITEM, EntityClass.POLICY})


def _same_phrase(state: DiscourseState, tok: Token) -> set[Entity]:
    """Actors named inside the noun phrase a description completes: in "the American-led invasion of
    the country" the country is not America."""
    if tok.dep_ != "pobj" or tok.head.dep_ != "prep":
        return set()
    owner = tok.head.head
    return {
        e
        for t in owner.subtree
        if t.i < owner.i and (m := state.mentions.get(t.i)) is not None
        for e in ((m.seat,) if m.seat else m.entities)
        if e is not None
    }


def split_led(state: DiscourseState, tok: Token) -> tuple[Entity, ...] | None:
    """ "American-led" that the tokenizer split into three: the actor named before the hyphen."""
    if tok.i < 2 or LED.match(f"x-{tok.lower_}") is None or tok.doc[tok.i - 1].text != "-":
        return None
    for c in tok.lefts:
        m = state.mentions.get(c.i)
        if m is not None and c.dep_ in _LED_MODIFIER_DEPS and m.kind == MentionKind.NAME:
            ents = tuple(e for e in ((m.seat,) if m.seat else m.entities) if e.type in ACTOR_TYPES)
            return ents or None
    return None


def thing_mention(state: DiscourseState, tok: Token) -> Mention | None:
    """A common noun that relations deal in (munitions, sanctions), from the gazetteer."""
    gaz = state.gaz
    lefts = list(tok.lefts) if tok.n_lefts else []
    for c in lefts:
        # a named product (a model number) before its kind: "Su-35 jets", "S-400 systems"
        text = c.text
        entry = (
            gaz.lookup(text) if any(ch.isdigit() for ch in text) and c.dep_ in _NAME_MODIFIER_DEPS else None
        )
        if entry is not None and entry.type == EntityClass.ITEM:
            return Mention(
                tok.i, tok.i + 1, (Entity(entry.name, EntityClass.ITEM, None),), MentionKind.THING, 1.0
            )
    mods = [c for c in lefts if c.i == tok.i - 1 and c.dep_ in {"amod", "compound"}]
    candidates = [f"{mods[0].lower_} {tok.lower_}"] if mods else []
    candidates += [tok.lower_, tok.lemma_.lower()]
    for text in candidates:
        entry = gaz.lookup(text)
        if entry is not None and entry.type in _THING_TYPES:
            return Mention(tok.i, tok.i + 1, (Entity(entry.name, entry.type, None),), MentionKind.THING, 1.0)
    return None


_GATES: dict[int, tuple[WordSets, frozenset[str]]] = {}


def _nominal_lemmas(words: WordSets) -> frozenset[str]:
    """Every noun `nominal_mention` can read as a mention (a token whose lemma is not one is none)."""
    kept = _GATES.get(id(words))
    if kept is not None and kept[0] is words:
        return kept[1]
    gate = (
        words.armed_group_nouns
        | words.org_head_nouns
        | words.person_titles
        | words.group_nouns
        | words.country_descriptions
        | words.person_descriptions
        | words.singular_country_descriptions
        | words.org_descriptions
    )
    if len(_GATES) > 8:
        _GATES.clear()
    _GATES[id(words)] = (words, gate)
    return gate


def nominal_mention(state: DiscourseState, tok: Token) -> Mention | None:
    """Group nouns with a country modifier, pair descriptions and singular descriptions."""
    words = state.words
    lemma = tok.lemma_.lower()
    if lemma not in _nominal_lemmas(words):
        return None  # every description below is one of these words
    if tok.dep_ == "compound" and tok.head.ent_type_ == "PERSON":
        return None  # "leader" in "North Korean leader Kim Jong Un": the name is the mention
    if (
        lemma in words.armed_group_nouns
        and is_plural(tok)
        and (group := _armed_group(state, tok)) is not None
    ):
        return Mention(tok.i, tok.i + 1, (group,), MentionKind.NOMINAL, 0.85)  # "Afghan rebels"
    if lemma in words.org_head_nouns and (org := _named_org_modifier(state, tok)) is not None:
        return Mention(tok.i, tok.i + 1, (org,), MentionKind.NOMINAL, 0.9)
    if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children):
        return None
    if lemma in words.person_titles and named_holder(tok) is not None:
        return None  # "Japanese Minister of Foreign Affairs Taro Kono": the name is the mention
    if is_plural(tok) and (
        lemma in words.person_titles or lemma in words.group_nouns or lemma in words.country_descriptions
    ):
        # "ministers from France, Germany and Italy", "delegations from both Koreas": the countries
        countries = _from_countries(state, tok) or _listed_countries(state, tok)
        if countries:
            return Mention(tok.i, tok.i + 1, tuple(countries), MentionKind.NOMINAL, 0.85)
    if lemma in words.group_nouns or lemma in words.country_descriptions:
        countries = modifier_countries(state, tok)
        if not countries and tok.dep_ == "conj" and tok.head.lemma_.lower() in words.group_nouns:
            countries = modifier_countries(state, tok.head)  # "Israeli helicopters and tanks"
        if countries:
            if not is_plural(tok) and lemma in words.singular_person_descriptions:
                # "a French minister" is nobody in particular: it stands for the country, not a person
                indefinite = any(
                    c.dep_ == "det" and c.lower_ in words.indefinite_determiners for c in tok.children
                )
                person = None if indefinite else _described_person(state, lemma, countries)
                if person is not None:
                    return Mention(tok.i, tok.i + 1, (person,), MentionKind.DESCRIPTION, 0.8)
            return Mention(tok.i, tok.i + 1, tuple(countries), MentionKind.NOMINAL, 0.85)
    dets = {c.lower_ for c in tok.children if c.dep_ in _DETERMINER_DEPS}
    if is_plural(tok) and dets & words.pair_determiners:
        if lemma in words.country_descriptions:
            group = pair(state, tok.i, _COUNTRIES)
        elif lemma in words.person_descriptions:
            group = pair(state, tok.i, _PERSONS)
        else:
            group = ()
        if group:
            return Mention(tok.i, tok.i + 1, group, MentionKind.DESCRIPTION, 0.8)
    if (
        not is_plural(tok)
        and lemma in words.singular_country_descriptions
        and dets & words.definite_determiners
        and not any(c.dep_ in {"prep", "compound", "poss"} for c in tok.children)
    ):
        ent = recent(state, tok.i, _COUNTRIES, skip=_same_phrase(state, tok))
        if ent is not None:
            return Mention(tok.i, tok.i + 1, (ent,), MentionKind.DESCRIPTION, 0.7)
    if (
        not is_plural(tok)
        and lemma in words.org_descriptions
        and dets & words.definite_determiners
        and not any(c.dep_ in {"prep", "compound", "poss", "amod"} and c.ent_type_ for c in tok.children)
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)  # "the group of protesters"
    ):
        ent = _recent_org(state, tok.i)
        if ent is not None:
            return Mention(tok.i, tok.i + 1, (ent,), MentionKind.DESCRIPTION, 0.7)
    return None


def _armed_group(state: DiscourseState, tok: Token) -> Entity | None:
    """An armed group named by its fighters: "Hamas militants" → Hamas; "Afghan rebels", "Syrian
    rebels" → an organisation of that name and country (not the state: they fight it or for it);
    "pro-Russian separatists" → that name, of no country. Bare "rebels" are nobody we can name."""
    if (org := _named_org_modifier(state, tok)) is not None:
        return org
    doc = tok.doc
    mods = [c for c in tok.lefts if c.dep_ in _NAME_MODIFIER_DEPS]
    countries = modifier_countries(state, tok)
    if len(countries) != 1 or not mods or mods[-1].i + 1 != tok.i:
        return None
    mod = mods[-1]
    pro = mod.i >= 2 and doc[mod.i - 1].text == "-" and doc[mod.i - 2].lower_ == "pro"
    if len(mods) != (1 + sum(1 for m in mods if pro and m.i in {mod.i - 1, mod.i - 2})):
        return None  # "Afghan Taliban rebels", "Syrian government fighters": more than a demonym
    if pro:
        return Entity(f"pro-{mod.text} {tok.lower_}", EntityClass.ORGANIZATION, None)
    return Entity(f"{mod.text} {tok.lower_}", EntityClass.ORGANIZATION, countries[0].country)


_ORG_REACH = 150  # tokens: "the group" names an organisation of the last few sentences, not of long ago


def _recent_org(state: DiscourseState, before: int) -> Entity | None:
    """The latest organisation named shortly before a token ("the group" after "Boko Haram")."""
    for i, ent, _ in reversed(state.history):
        if i >= before:
            continue
        if before - i > _ORG_REACH:
            return None
        if ent.type == EntityClass.ORGANIZATION:
            return ent
    return None


def _from_countries(state: DiscourseState, tok: Token) -> list[Entity]:
    """The countries of a "from" phrase after a plural noun, its conjuncts included."""
    out: list[Entity] = []
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            for member in (obj, *obj.conjuncts):
                ent = ent_span(member)
                iso = country_of_word(state.gaz, ent.text) if ent is not None else None
                country = country_entity(state.gaz, iso) if iso else None
                if country is None:
                    return []  # "officials from the ministry and France": not only countries
                if country not in out:
                    out.append(country)
    return out


def _listed_countries(state: DiscourseState, tok: Token) -> list[Entity]:
    """The countries a plural noun lists in apposition: "the six powers - the United States, Russia,
    China, Britain, France and Germany -"."""
    for appos in (c for c in tok.children if c.dep_ == "appos"):
        out: list[Entity] = []
        for member in (appos, *appos.conjuncts):
            ent = ent_span(member)
            iso = country_of_word(state.gaz, ent.text) if ent is not None else None
            country = country_entity(state.gaz, iso) if iso else None
            if country is None:
                return []
            if country not in out:
                out.append(country)
        if len(out) >= 2:
            return out
    return []


def _named_org_modifier(state: DiscourseState, tok: Token) -> Entity | None:
    """The organisation a generic head noun names ("the Taliban religious faction", "the Hamas movement")."""
    for c in tok.lefts:
        m = state.mentions.get(c.i) if c.dep_ in _NAME_MODIFIER_DEPS else None
        if (
            m is not None
            and m.kind == MentionKind.NAME
            and len(m.entities) == 1
            and m.entities[0].type == EntityClass.ORGANIZATION
        ):
            return m.entities[0]
    return None


def _described_person(state: DiscourseState, lemma: str, countries: list[Entity]) -> Entity | None:
    """ "the US leader", "the Iraqi president": the latest person of that country, a known leader first
    when the description names a leader's title."""
    if len(countries) != 1:
        return None
    mine = [
        e
        for _, e, _ in reversed(state.history)
        if e.type == EntityClass.PERSON and e.country == countries[0].country
    ]
    if not mine:
        return None
    if lemma in state.words.leader_titles:
        leaders = {r.person.name for r in state.roles if r.role == RoleKind.LEADER}
        for ent in mine:
            entry = state.gaz.lookup(ent.name)
            if ent.name in leaders or (
                entry is not None and entry.type == EntityClass.PERSON and entry.role == RoleKind.LEADER
            ):
                return ent
    return mine[0]


_PERSON_REACH = 150  # tokens: "the Ohio Republican" is someone of the last few sentences


_PARTY_NOUNS = frozenset({"democrat", "republican"})


def party_person(state: DiscourseState, tok: Token) -> Mention | None:
    """A politician described by party and place: "the Ohio Republican", "the Vermont Democrat". The
    latest politician of the last few sentences (someone with a seat, office or party in the US) who is
    not of the other party; the description states the party, so the membership is recorded as a role."""
    words = state.words
    if tok.lower_ not in _PARTY_NOUNS or tok.pos_ not in {"NOUN", "PROPN"} or is_plural(tok):
        return None
    if (
        tok.dep_ in _NAME_MODIFIER_DEPS
        or tok.dep_ == "poss"
        or tok.i + 1 < len(tok.doc)
        and tok.doc[tok.i + 1].is_title
    ):
        return None  # "the Republican National Committee", "the Republican's victory"
    if not any(c.dep_ == "det" and c.lower_ in words.definite_determiners for c in tok.children):
        return None
    if any(c.dep_ in {"prep", "appos", "amod", "nummod"} for c in tok.children):
        return None  # "the top Republican in the House", "the No. 2 House Republican, Eric Cantor"
    entry = state.gaz.get(words.us_parties[tok.lower_])
    if entry is None:
        return None
    party = entry_entity(entry)
    parties = set(words.us_parties.values())
    members = {r.person.name: r.of for r in state.roles if r.role == RoleKind.MEMBER and r.of.name in parties}
    politicians = {
        r.person.name
        for r in state.roles
        if r.of.country == "USA"
        and r.of.type in {EntityClass.ORGANIZATION, EntityClass.REGION, EntityClass.CITY}
    }
    for i, ent, _ in reversed(state.history):
        if i >= tok.i:
            continue
        if tok.i - i > _PERSON_REACH:
            return None
        if ent.name in politicians and members.get(ent.name, party) == party:
            state.roles.append(Role(ent, RoleKind.MEMBER, party, tok.left_edge.i, tok.i + 1))
            return Mention(tok.i, tok.i + 1, (ent,), MentionKind.DESCRIPTION, 0.75)
    return None

"""Named mentions: names cleaned and looked up, persons and their alias chains, countries of words."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from ..firstnames import same_first
from ..gazetteer import GazEntry, Gazetteer, fold
from ..records import Entity, EntityClass
from ..wordsets import WordSets
from .discourse import DiscourseState

__all__ = [
    "LED",
    "clean_name",
    "country_entity",
    "entry_entity",
    "country_of_word",
    "ent_span",
    "is_plural",
    "person_entity",
    "person_name",
    "named_entity",
    "modifier_countries",
]

# "U.S.-led", "Saudi-backed": the actor named before the hyphen
LED = re.compile(r"^(?P<who>.+?)-(?:led|backed|brokered|sponsored|imposed|supported|funded)$", re.I)
_LABEL_TYPES = {
    "GPE": EntityClass.CITY,
    "LOC": EntityClass.REGION,
    "FAC": EntityClass.FACILITY,
    "ORG": EntityClass.ORGANIZATION,
    "PERSON": EntityClass.PERSON,
}
_SPELLED_LABELS = frozenset({"ORG", "PERSON", "FAC"})  # gazetteer names checked for their case
_COUNTRY_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
_LED_MODIFIER_DEPS = frozenset({"npadvmod", "compound", "amod", "nmod"})
_BODY_FILLERS = frozenset({"the", "'s", "of"})


@lru_cache(maxsize=65_536)
def clean_name(text: str) -> str:
    """Strip a leading article, a trailing possessive and stray punctuation (not acronym dots).

    >>> clean_name("the U.S.'s")
    'U.S.'
    """
    text = re.sub(r"^(the|The|THE)\s+", "", text.strip())
    text = re.sub(r"(?:'s|')$", "", text).strip(" ,;:-\"'()[]")
    if text.endswith(".") and not re.search(r"(?:^|[\s-])(?:[A-Za-z]\.){2,}$", text):
        text = text.rstrip(".")
    return re.sub(r"\s+", " ", text)


def _case_mismatch(span: Span, words: WordSets) -> bool:
    """True when a gazetteer match has lower-case content words ("Russia today" is not "Russia Today")."""
    if not span.ent_id_ or len(span) < 2 or span.label_ not in _SPELLED_LABELS:
        return False
    return any(t.is_alpha and t.text[0].islower() and t.lower_ not in words.name_function_words for t in span)


def country_entity(gaz: Gazetteer, iso: str | None) -> Entity | None:
    """Return the canonical Country entity for an ISO alpha-3 code."""
    entry = gaz.country(iso) if iso else None
    return Entity(entry.name, EntityClass.COUNTRY, entry.country) if entry else None


def entry_entity(entry: GazEntry) -> Entity:
    """Return the Entity for a gazetteer entry."""
    return Entity(entry.name, entry.type, entry.country)


def ent_span(tok: Token) -> Span | None:
    """The named entity a token is in, from the token's IOB tags (`doc.ents` rebuilds every span on each
    access: too slow to search per token)."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def country_of_word(gaz: Gazetteer, text: str) -> str | None:
    """ISO code for a demonym, country name or alias ("North Korean", "U.S.", "Russia's")."""
    text = clean_name(text)
    if not text:
        return None
    iso = gaz.demonym(text)
    if iso:
        return iso
    entry = gaz.lookup(text)
    if entry is None:
        return None
    if entry.type == EntityClass.COUNTRY:
        return entry.country
    return entry.seat_of


def is_plural(tok: Token) -> bool:
    return tok.tag_ in {"NNS", "NNPS"} or tok.morph.get("Number") == ["Plur"]


def _facility_like(name: str, words: WordSets) -> bool:
    return bool({w.lower() for w in re.findall(r"[A-Za-z]+", name)} & words.facility_words)


# "GinsburgWishing": a name glued to a scraped link (not "McKeon", "LaTourette", "Diaz-Balart")
_GLUED = re.compile(r"^([A-Z][a-z]{3,})[A-Z][a-z]")
_INITIAL = re.compile(r"^[A-Z]\.$")


def person_name(name: str) -> str:
    """A person's name as an entity label: scraped link text cut off (a repeated or glued word ends
    it) and middle initials dropped, as Wikidata labels them.

    >>> person_name("Ruth Bader Ginsburg Ruth Bader GinsburgWishing")
    'Ruth Bader Ginsburg'
    >>> person_name("Patrick J. Leahy"), person_name("H. Morgan Griffith"), person_name("Peter T.")
    ('Patrick Leahy', 'Morgan Griffith', 'Peter T.')
    """
    out: list[str] = []
    for tok in name.split():
        glued = _GLUED.match(tok)
        if tok in out or (glued and out):
            break
        out.append(tok)
    if len(out) >= 3:
        kept = [t for i, t in enumerate(out) if not (_INITIAL.match(t) and i < len(out) - 1)]
        out = kept if len(kept) >= 2 else out
    return " ".join(out) or name


def _name_words(name: str) -> list[str]:
    return re.sub(r"[-.]", " ", fold(name).lower()).split()


def _other_person(name: str, entry: GazEntry) -> bool:
    """True when a written full name cannot be the gazetteer person its surname or given name matched:
    "Jay Carney" is not Mark Carney, "Kim Reynolds" is not Kim Jong Un."""
    words, known = _name_words(name), _name_words(entry.name)
    if entry.type != EntityClass.PERSON or len(words) < 2 or len(known) < 2:
        return False
    if name.lower() in {a.lower() for a in entry.aliases}:
        return False
    if words[-1] not in known:
        return True
    if words[-1] != known[-1]:
        return False
    return known[0] not in words and not same_first(words[0], known[0])


def person_entity(state: DiscourseState, name: str, ent_id: str) -> Entity:
    """Resolve a person name: gazetteer, then within-article alias chains, else a new person."""
    gaz = state.gaz
    tokens = name.split()
    while len(tokens) > 1 and tokens[0].lower().strip(".") in state.words.title_words:
        tokens = tokens[1:]  # "Rep. Steve King": the title before the name, never a surname ("King")
    name = " ".join(tokens) or name
    entry = gaz.lookup(ent_id) if ent_id else None
    if entry is not None and _other_person(name, entry):
        entry = None  # "Jay Carney" is not the gazetteer's Mark Carney, though the surname matched
    if entry is not None and " " not in name and entry.name.split()[-1] == name:
        # "Carney" after "Jay Carney" in the same article is Jay Carney, whoever the gazetteer knows
        local = next(
            (
                e
                for full, e in reversed(list(state.persons.items()))
                if " " in full and full.split()[-1] == name
            ),
            None,
        )
        if local is not None and local.name != entry.name and entry.name not in state.persons:
            return local  # "Trump" after "Melania Trump" and "Donald Trump" is Donald
    if entry is None or entry.type != EntityClass.PERSON:
        entry = gaz.lookup(name)
    if entry is not None and entry.type != EntityClass.PERSON:
        entry = None
    if entry is None:
        name = person_name(name)
        entry = gaz.lookup(name)
        if entry is not None and entry.type != EntityClass.PERSON:
            entry = None
    if entry is None and name in state.persons:
        return state.persons[name]
    if entry is None:
        # alias chain: "Kim" or "Jong Un" after "Kim Jong Un"; a surname after a full name
        parts = name.split()
        for full, ent in reversed(list(state.persons.items())):
            fparts = full.split()
            if len(parts) < len(fparts) and (fparts[-len(parts) :] == parts or fparts[: len(parts)] == parts):
                return ent
        entry = gaz.person_surname(name) if len(parts) == 1 else None
    if entry is not None:
        canon, gaz_country = entry.name, entry.country
    else:
        canon, gaz_country = name, None
    if canon in state.persons:
        return state.persons[canon]
    country = state.person_country.get(canon) or gaz_country
    ent = Entity(canon, EntityClass.PERSON, country)
    state.persons[canon] = ent
    return ent


def _generic_body(span: Span, words: WordSets) -> bool:
    """An organisation name made only of government words ("Foreign Ministry", "Defense Department")."""
    lemmas = [t.lemma_.lower() for t in span if t.lower_ not in _BODY_FILLERS and not t.is_punct]
    return bool(lemmas) and all(w in words.government_body_words or w in words.group_nouns for w in lemmas)


def named_entity(state: DiscourseState, span: Span) -> tuple[Entity | None, Entity | None]:
    """Return (entity, seat country) for a named-entity span, or (None, None) to ignore it."""
    gaz = state.gaz
    text = clean_name(span.text)
    if not text or not any(ch.isalpha() for ch in text) or _case_mismatch(span, state.words):
        return None, None
    label = span.label_
    if label == "PERSON":
        return person_entity(state, text, span.ent_id_), None
    if (first := _first_name_before(state, span)) is not None:
        # "GOP mega-donor John Jordan": a given name the NER left out makes the "country" a person
        return person_entity(state, f"{first.text} {text}", ""), None
    entry = (gaz.lookup(span.ent_id_) if span.ent_id_ else None) or gaz.lookup(text)
    if entry is None and label in {"GPE", "ORG", "LOC", "NORP"} and " " not in text:
        # a surname the NER mislabelled: "Rojas" after "Ana Rojas"
        for full, person in reversed(list(state.persons.items())):
            if full.split()[-1] == text:
                return person, None
    if label == "NORP":
        iso = gaz.demonym(text)
        if iso:
            return country_entity(gaz, iso), None
        bloc = gaz.bloc_adjective(text)
        return (entry_entity(bloc), None) if bloc else (None, None)
    if entry is not None and entry.type in {EntityClass.ITEM, EntityClass.POLICY}:
        return None, None
    if entry is not None:
        ent = entry_entity(entry)
        if entry.type == EntityClass.PERSON:
            return person_entity(state, entry.name, entry.name), None
        # a seat of government stands for its country ("the Kremlin said"); a named government body
        # (Congress, the FBI) is an actor of its own, whose country its record keeps
        seat_iso = entry.seat_of
        seat = country_entity(gaz, seat_iso) if seat_iso and entry.type != EntityClass.COUNTRY else None
        return ent, seat
    kind = _LABEL_TYPES.get(label)
    if kind is None:
        return None, None
    if label == "ORG" and _generic_body(span, state.words):
        # "North Korea's Foreign Ministry", "the Iraqi Defense Ministry": a government body acting for its
        # country; with no country named it is nobody we can name
        countries = modifier_countries(state, span.root)
        return (countries[0], None) if len(countries) == 1 else (None, None)
    if _facility_like(text, state.words) and kind in {
        EntityClass.CITY,
        EntityClass.ORGANIZATION,
        EntityClass.REGION,
        EntityClass.FACILITY,
    }:
        kind = EntityClass.FACILITY
    if kind == EntityClass.ORGANIZATION and (text.islower() or len(text) < 2):
        return None, None
    return Entity(text, kind, None), None


def _first_name_before(state: DiscourseState, span: Span) -> Token | None:
    """A given name right before a one-word place name, outside any entity ("John Jordan"): a first name
    of a person the gazetteer or the article already knows."""
    if span.label_ not in {"GPE", "LOC", "NORP"} or len(span) != 1 or span.start == 0:
        return None
    prev = span.doc[span.start - 1]
    if (
        prev.pos_ == "PROPN"
        and not prev.ent_type_
        and prev.dep_ == "compound"
        and prev.head.i == span.start
        and prev.text[:1].isupper()
        and prev.text[1:].islower()
        and (prev.text in state.gaz.given_names or any(n.split()[0] == prev.text for n in state.persons))
    ):
        return prev
    return None


def modifier_countries(state: DiscourseState, tok: Token) -> list[Entity]:
    """Countries named by a noun's demonym/name modifiers ("Hungarian and Romanian officials")."""
    gaz = state.gaz
    found: list[Entity] = []
    for child in tok.children:
        if child.dep_ not in _COUNTRY_MODIFIER_DEPS and not (child.dep_ == "prep" and child.lower_ == "of"):
            continue
        heads = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ == "pobj"]
        if child.lower_ == "led":
            # "Vietnamese-led forces" split by the tokenizer: the leader hangs on "led"
            heads = [c for c in child.children if c.dep_ in _LED_MODIFIER_DEPS]
        for h in heads:
            for t in (h, *h.conjuncts):
                span = ent_span(t)
                text = span.text if span is not None else t.text
                m = LED.match(text)
                iso = country_of_word(gaz, m.group("who") if m else text)
                ent = country_entity(gaz, iso)
                if ent is None and (bloc := gaz.bloc_adjective(clean_name(text))) is not None:
                    ent = entry_entity(bloc)
                if ent is not None and ent not in found:
                    found.append(ent)
    return found

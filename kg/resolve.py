"""Entity resolution: from spaCy entities, noun phrases and pronouns to canonical entities.

`resolve_doc(doc, article)` walks an article once, in reading order, and returns a
`Resolution`: for every token that belongs to a mention, the mention and its entities.
It covers gazetteer names and aliases, within-article alias chains (*Putin* -> Vladimir
Putin), titles stripped and turned into roles (*North Korean leader Kim Jong Un*), demonym
+ group nouns (*Russian forces* -> Russia), capitals and seats of government (kept as places,
with the country they stand for when they act), pronouns and descriptions (*he*, *both
countries*, *the reclusive nation*), and the common nouns relations deal in (*munitions*).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from . import patterns as P
from .gazetteer import GazEntry, Gazetteer, load_gazetteer
from .records import Article, Entity
from .wordsets import load_word_sets

__all__ = ["Mention", "Role", "Resolution", "resolve_doc", "named_holder", "ACTOR_TYPES", "PLACE_TYPES"]

ACTOR_TYPES = frozenset({"Country", "Person", "Organization", "Bloc"})
PLACE_TYPES = frozenset({"Country", "City", "Region", "Facility", "Place"})
_LABEL_TYPES = {"GPE": "City", "LOC": "Region", "FAC": "Facility", "ORG": "Organization", "PERSON": "Person"}
_NAMED_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP", "PRODUCT"})
W = load_word_sets()
_LED = re.compile(r"^(?P<who>.+?)-(?:led|backed|brokered|sponsored|imposed|supported|funded)$", re.I)


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of tokens that refers to one or more entities.

    start/end (int): token span [start, end) in the Doc.
    entities (tuple[Entity, ...]): what it refers to (several for collectives).
    kind (str): name | nominal | pronoun | description | thing.
    seat (Entity | None): for capitals and seats of government, the country they stand for.
    """

    start: int
    end: int
    entities: tuple[Entity, ...]
    kind: str
    confidence: float = 1.0
    seat: Entity | None = None


@dataclass(frozen=True, slots=True)
class Role:
    """A title or apposition stating that a person leads or serves a country or organisation."""

    person: Entity
    role: str  # "leader" | "official"
    of: Entity
    start: int  # token span of the evidence
    end: int


@dataclass(frozen=True, slots=True)
class Resolution:
    """What `resolve_doc` found: mentions by token index, roles, and all entities in order."""

    mentions: dict[int, Mention]
    roles: tuple[Role, ...]
    entities: tuple[Entity, ...]

    def at(self, tok: Token) -> Mention | None:
        """Return the mention covering a token, if any."""
        return self.mentions.get(tok.i)


@dataclass
class _State:
    """Discourse state while walking one article (internal to `resolve_doc`)."""

    gaz: Gazetteer
    persons: dict[str, Entity] = field(default_factory=dict)  # canonical name -> entity
    person_country: dict[str, str] = field(default_factory=dict)
    history: list[tuple[int, Entity, float]] = field(default_factory=list)  # (token, entity, weight)
    pairs: list[tuple[int, tuple[Entity, ...]]] = field(default_factory=list)  # coordinated groups
    mentions: dict[int, Mention] = field(default_factory=dict)
    roles: list[Role] = field(default_factory=list)
    quoted: frozenset[int] = frozenset()  # tokens inside quotation marks


# ----------------------------------------------------------------------------- small pure helpers


def quoted_tokens(doc: Doc) -> frozenset[int]:
    """Indices of tokens between an opening and a closing quotation mark, paragraph by paragraph."""
    inside: set[int] = set()
    opened: int | None = None
    for tok in doc:
        text = tok.text
        if "\n" in text:
            opened = None  # an unclosed quote ends with its paragraph
        elif text in {"\u201c", "\u201d", '"', "``", "''"}:
            if opened is None and text not in {"\u201d", "''"}:
                opened = tok.i
            elif opened is not None:
                inside.update(range(opened + 1, tok.i))
                opened = None
    return frozenset(inside)


def _clean_name(text: str) -> str:
    """Strip a leading article, a trailing possessive and stray punctuation (not acronym dots).

    >>> _clean_name("the U.S.'s")
    'U.S.'
    """
    text = re.sub(r"^(the|The|THE)\s+", "", text.strip())
    text = re.sub(r"(?:'s|')$", "", text).strip(" ,;:-\"'()[]")
    if text.endswith(".") and not re.search(r"(?:^|[\s-])(?:[A-Za-z]\.){2,}$", text):
        text = text.rstrip(".")
    return re.sub(r"\s+", " ", text)


def _case_mismatch(span: Span) -> bool:
    """True when a gazetteer match has lower-case content words ("Russia today" is not "Russia Today")."""
    if not span.ent_id_ or len(span) < 2 or span.label_ not in {"ORG", "PERSON", "FAC"}:
        return False
    return any(t.is_alpha and t.text[0].islower() and t.lower_ not in W.name_function_words for t in span)


def _country_entity(gaz: Gazetteer, iso: str | None) -> Entity | None:
    """Return the canonical Country entity for an ISO alpha-3 code."""
    entry = gaz.country(iso) if iso else None
    return Entity(entry.name, "Country", entry.country) if entry else None


def _entry_entity(gaz: Gazetteer, entry: GazEntry) -> Entity:
    """Return the Entity for a gazetteer entry."""
    return Entity(entry.name, entry.type, entry.country)


def _country_of_word(gaz: Gazetteer, text: str) -> str | None:
    """ISO code for a demonym, country name or alias ("North Korean", "U.S.", "Russia's")."""
    text = _clean_name(text)
    if not text:
        return None
    iso = gaz.demonym(text)
    if iso:
        return iso
    entry = gaz.lookup(text)
    if entry is None:
        return None
    if entry.type == "Country":
        return entry.country
    return entry.seat_of


def _is_plural(tok: Token) -> bool:
    return tok.tag_ in {"NNS", "NNPS"} or tok.morph.get("Number") == ["Plur"]


def _facility_like(name: str) -> bool:
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", name)}
    return bool(words & W.facility_words)


# ----------------------------------------------------------------------------- named entities


def _person_entity(state: _State, name: str, ent_id: str) -> Entity:
    """Resolve a person name: gazetteer, then within-article alias chains, else a new person."""
    gaz = state.gaz
    tokens = [t for t in name.split() if t.lower().strip(".") not in W.title_words]
    name = " ".join(tokens) or name
    entry = gaz.lookup(ent_id) if ent_id else None
    if entry is None or entry.type != "Person":
        entry = gaz.lookup(name)
    if entry is not None and entry.type != "Person":
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
    ent = Entity(canon, "Person", country)
    state.persons[canon] = ent
    return ent


def _generic_body(span: Span) -> bool:
    """An organisation name made only of government words ("Foreign Ministry", "Defense Department")."""
    words = [t.lemma_.lower() for t in span if t.lower_ not in {"the", "'s", "of"} and not t.is_punct]
    return bool(words) and all(w in W.government_body_words or w in W.group_nouns for w in words)


def _named_entity(state: _State, span: Span) -> tuple[Entity | None, Entity | None]:
    """Return (entity, seat country) for a named-entity span, or (None, None) to ignore it."""
    gaz = state.gaz
    text = _clean_name(span.text)
    if not text or not any(ch.isalpha() for ch in text) or _case_mismatch(span):
        return None, None
    label = span.label_
    if label == "PERSON":
        return _person_entity(state, text, span.ent_id_), None
    if (first := _first_name_before(state, span)) is not None:
        # "GOP mega-donor John Jordan": a given name the NER left out makes the "country" a person
        return _person_entity(state, f"{first.text} {text}", ""), None
    entry = (gaz.lookup(span.ent_id_) if span.ent_id_ else None) or gaz.lookup(text)
    if entry is None and label in {"GPE", "ORG", "LOC", "NORP"} and " " not in text:
        # a surname the NER mislabelled: "Rojas" after "Ana Rojas"
        for full, person in reversed(list(state.persons.items())):
            if full.split()[-1] == text:
                return person, None
    if label == "NORP":
        iso = gaz.demonym(text)
        if iso:
            return _country_entity(gaz, iso), None
        bloc = gaz.bloc_adjective(text)
        return (_entry_entity(gaz, bloc), None) if bloc else (None, None)
    if entry is not None and entry.type in {"Item", "Policy"}:
        return None, None
    if entry is not None:
        ent = _entry_entity(gaz, entry)
        if entry.type == "Person":
            return _person_entity(state, entry.name, entry.name), None
        seat_iso = entry.seat_of or (entry.country if entry.role == "government" else None)
        seat = _country_entity(gaz, seat_iso) if seat_iso and entry.type != "Country" else None
        return ent, seat
    kind = _LABEL_TYPES.get(label)
    if kind is None:
        return None, None
    if label == "ORG" and _generic_body(span):
        # "North Korea's Foreign Ministry", "the Iraqi Defense Ministry": a government body acting for its
        # country; with no country named it is nobody we can name
        countries = _modifier_countries(state, span.root)
        return (countries[0], None) if len(countries) == 1 else (None, None)
    if _facility_like(text) and kind in {"City", "Organization", "Region", "Facility"}:
        kind = "Facility"
    if kind == "Organization" and (text.islower() or len(text) < 2):
        return None, None
    return Entity(text, kind, None), None


def _first_name_before(state: _State, span: Span) -> Token | None:
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


def dateline_end(doc: Doc, article: Article) -> int:
    """Character offset where the dateline (`SEOUL, South Korea (AP) -`) ends, or 0 without one."""
    if not article.place:
        return 0
    at = doc.text.find(article.place)
    if at < 0:
        return 0
    m = re.compile(r"[^\n]{0,80}?(?:\)\s*)?[-:]+\s").match(doc.text, at + len(article.place))
    return m.end() if m else at + len(article.place)


def _dateline_skip(article: Article, span: Span, end: int) -> bool:
    """True for names inside the dateline: they are metadata, not actors of the first sentence."""
    return span.start_char < end and span.start_char >= doc_dateline_start(span.doc, article)


def doc_dateline_start(doc: Doc, article: Article) -> int:
    at = doc.text.find(article.place) if article.place else -1
    return at if at >= 0 else len(doc.text)


# ----------------------------------------------------------------------------- titles and roles


def _title_role(words: Iterable[str]) -> str | None:
    """Return "leader", "official" or None from the title words before or around a name."""
    ws = [w.lower().strip(".") for w in words if w not in {"-", "–"}]
    if not ws:
        return None
    joined = " ".join(ws)
    subordinate = any(w in W.subordinate_title_words for w in ws)
    if not subordinate and any(phrase in joined for phrase in W.leader_title_phrases):
        return "leader"
    if not subordinate and any(w in W.leader_titles for w in ws) and "minister" not in ws:
        return "leader"
    if any(w in W.person_titles for w in ws):
        return "official"
    return None


def _role_context(span: Span) -> list[Token]:
    """Tokens around a person name that may hold its title and country."""
    doc = span.doc
    root = span.root
    toks: list[Token] = [t for t in doc[root.left_edge.i : span.start]]
    # a linear scan left over title-like tokens: "U.S. Secretary of State Warren Christopher"
    i = span.start - 1
    while i >= max(span.sent.start, span.start - 8):
        t = doc[i]
        if t.pos_ in {"PROPN", "ADJ", "NOUN"} or t.lower_ in {"of", "'s", "-", "the"}:
            if t not in toks:
                toks.insert(0, t)
            i -= 1
            continue
        break
    for child in root.children:
        # "Sergei Lavrov, Russia's foreign minister": an apposition that names nobody else
        if child.dep_ in {"appos", "prep"} and child.i >= span.end:
            if child.dep_ == "prep" and child.lower_ != "of":
                continue
            sub = list(child.subtree)
            if not any(t.ent_type_ == "PERSON" for t in sub):
                toks.extend(sub)
    head = root.head
    if root.dep_ == "appos" and head.i < span.start and head.lemma_.lower() in W.title_words:
        # "Russia's foreign minister, Sergei Lavrov"
        toks.extend(t for t in doc[head.left_edge.i : head.i + 1] if t not in toks)
    title = _title_over_of(root)
    if title is not None:
        # "the head of the IAEA, Rafael Grossi": the parser hangs the name on the organisation
        toks.extend(t for t in doc[title.left_edge.i : span.start] if t not in toks)
    return toks


_PARTY_DESIGNATION = re.compile(r"\s*[,(]\s*(?P<party>[RD])-\s?[A-Z]")


def _party(gaz: Gazetteer, span: Span, ctx: list[Token], words: list[str]) -> Entity | None:
    """The US party a politician belongs to, as the article states it: "Sen. John McCain, R-Ariz.",
    "Democratic congresswoman Ilhan Omar", "the Republican nominee, Donald Trump"."""
    doc = span.doc
    letter = _PARTY_DESIGNATION.match(doc.text, doc[span.end - 1].idx + len(doc[span.end - 1].text))
    name = {"R": "Republican Party", "D": "Democratic Party"}.get(letter.group("party")) if letter else None
    if name is None:
        entry = gaz.lookup(_clean_name(span.text))
        american = gaz.title_country(words) == "USA" or (
            entry is not None and entry.type == "Person" and entry.country == "USA"
        )
        adjectives = {
            t.lower_ for t in ctx if t.dep_ in {"amod", "compound"} and t.head.lower_ in W.party_role_nouns
        }
        adjectives |= {w.lower() for w in words if w.lower() in W.us_parties} if american else set()
        found = {W.us_parties[a] for a in adjectives if a in W.us_parties}
        name = found.pop() if len(found) == 1 and (american or letter) else None
    entry = gaz.get(name) if name else None
    return _entry_entity(gaz, entry) if entry is not None else None


def _sub_body(text: str, canonical: str) -> bool:
    """True when a name is a committee of the body the gazetteer folds it into."""
    words = {w.lower() for w in text.split()} - {w.lower() for w in canonical.split()}
    return bool(words & W.sub_body_words)


def _destination(tok: Token, ctx: list[Token], span: Span) -> bool:
    """True for a word inside a "to"/"for" phrase of the title ("Ambassador to Israel", "inspector general
    for Afghanistan reconstruction"): where or what, not whose."""
    doc = tok.doc
    between = doc[tok.i + 1 : span.start] if tok.i < span.start else []
    if any(t.lower_.strip(".") in W.person_titles for t in between):
        return False  # "an aide to Senate Majority Leader Harry Reid": the title after "to" is Reid's own
    i = tok.i - 1
    while i >= 0 and (doc[i].lower_ == "the" or doc[i].ent_iob_ == "I"):
        i -= 1
    if i >= 0 and doc[i].lower_ in {"to", "for"}:
        # only the title's own phrase: not "offered its troops to Lebanon's new President Elias Hrawi"
        before = doc[i - 1].lower_.strip(".") if i else ""
        titled = before in W.person_titles or doc[i] in ctx
        if titled and (doc[i].lower_ == "to" or before in W.for_destination_titles):
            return True  # "Ambassador to Israel", "envoy for Iran" (but a "spokesman for China" is China's)
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i or cur.head not in ctx:
            return False
        if cur.dep_ == "pobj" and cur.head.lower_ == "to":
            return True
        cur = cur.head
    return False


def _title_over_of(name: Token) -> Token | None:
    """The title noun of "TITLE of ORG, NAME" when the name is parsed as an apposition of ORG."""
    if name.dep_ != "appos" or name.head.dep_ != "pobj":
        return None
    prep = name.head.head
    title = prep.head
    if prep.lower_ == "of" and title.i < prep.i and title.lemma_.lower() in W.title_words:
        return title
    return None


def _known_office(gaz: Gazetteer, span: Span, role: str) -> Entity | None:
    """The country or organisation a known person holds a title of this kind in (gazetteer `role`/`of`)."""
    entry = (gaz.lookup(span.ent_id_) if span.ent_id_ else None) or gaz.lookup(_clean_name(span.text))
    if entry is None or entry.type != "Person" or entry.role != role or not entry.of:
        return None
    if re.fullmatch(r"[A-Z]{3}", entry.of):
        return _country_entity(gaz, entry.of)
    office = gaz.lookup(entry.of)
    if office is None:
        return None
    if office.type == "Country":
        return _country_entity(gaz, office.country)
    return _entry_entity(gaz, office) if office.type in {"Organization", "Bloc"} else None


def _find_roles(state: _State, doc: Doc, article: Article) -> None:
    """Record leaderOf / officialOf roles stated by titles and appositions, and persons' countries."""
    gaz = state.gaz
    for span in doc.ents:
        if span.label_ != "PERSON":
            continue
        ctx = _role_context(span)
        words = [t.text for t in ctx if t.pos_ in {"NOUN", "PROPN", "ADJ"} or "-" in t.text]
        words += [t.text for t in span if t.lower_ in W.title_words]  # a name matched with its title
        role = _title_role(words)
        past = any(t.lower_ in W.past_markers or t.lower_.startswith("ex-") for t in ctx)
        party = None if past else _party(gaz, span, ctx, words)
        if party is not None:
            person = _person_entity(state, _clean_name(span.text), span.ent_id_)
            state.roles.append(Role(person, "member", party, span.start, span.end))
        if role is None or past:
            continue  # no title, or a past one ("former FBI Director")
        of: Entity | None = None
        # the country word nearest the name: "U.S. adversary Russian President Vladimir Putin" is Russia's;
        # "U.S. Ambassador to Israel David Friedman" is not Israel's
        near = sorted(
            (t for t in ctx if not _destination(t, ctx, span)),
            key=lambda t: span.start - t.i if t.i < span.start else t.i - span.end + 1,
        )
        for tok in near:
            if tok.ent_type_ in {"GPE", "NORP"} or tok.tag_ == "NNP":
                ent_span = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
                text = ent_span.text if ent_span is not None else tok.text
                iso = _country_of_word(gaz, text)
                if iso:
                    of = _country_entity(gaz, iso)
                    break
        envoy = any(w.lower().strip(".") in W.envoy_nouns for w in words)
        if of is None and not envoy:  # "UN Ambassador Nikki Haley" is an envoy to the UN, not its official
            for tok in near:
                if tok.ent_type_ == "ORG":
                    ent_span = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
                    entry = gaz.lookup(_clean_name(ent_span.text)) if ent_span is not None else None
                    if entry is not None and entry.name in W.us_parties.values() and gaz.title_country(words):
                        continue  # "GOP Rep. Reid Ribble": a party member (see _party), a US official
                    if entry is not None and entry.type in {"Organization", "Bloc"}:
                        of = _entry_entity(gaz, entry)
                        if ent_span is not None and _sub_body(ent_span.text, entry.name):
                            # "chairman of the House Foreign Affairs Committee" chairs the committee
                            of = Entity(_clean_name(ent_span.text), "Organization", entry.country)
                        break
        if of is None:
            # "Prime Minister Boris Johnson": a bare title, and the gazetteer knows whose office it is
            of = _known_office(gaz, span, role)
        if of is None and (iso := gaz.title_country(words)) is not None:
            # "Sen. John McCain", "Treasury Secretary Jacob Lew": an office only one country has, and
            # an official's office, even when it leads something ("Majority Leader", "chairman")
            of = _country_entity(gaz, iso)
            role = "official"
        if of is None:
            continue
        person = _person_entity(state, _clean_name(span.text), span.ent_id_)
        if of.type == "Country" and person.country != of.country and person.name not in state.person_country:
            state.person_country[person.name] = of.country or ""
            person = Entity(person.name, "Person", of.country)
            state.persons[person.name] = person
        lo = min([span.start, *(t.i for t in ctx)])
        hi = max([span.end, *(t.i + 1 for t in ctx)])
        state.roles.append(Role(person, role, of, lo, hi))
        national = gaz.title_country(words)
        if of.type != "Country" and national is not None and (country := _country_entity(gaz, national)):
            # "Rep. Ed Royce, chairman of the House Foreign Affairs Committee": also a US official
            state.roles.append(Role(person, "official", country, lo, hi))


# ----------------------------------------------------------------------------- nominal mentions


def _modifier_countries(state: _State, tok: Token) -> list[Entity]:
    """Countries named by a noun's demonym/name modifiers ("Hungarian and Romanian officials")."""
    gaz = state.gaz
    found: list[Entity] = []
    for child in tok.children:
        if child.dep_ not in {"amod", "compound", "poss", "nmod"} and not (
            child.dep_ == "prep" and child.lower_ == "of"
        ):
            continue
        heads = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ == "pobj"]
        if child.lower_ == "led":
            # "Vietnamese-led forces" split by the tokenizer: the leader hangs on "led"
            heads = [c for c in child.children if c.dep_ in {"npadvmod", "compound", "amod", "nmod"}]
        for h in heads:
            for t in (h, *h.conjuncts):
                span = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
                text = span.text if span is not None else t.text
                m = _LED.match(text)
                iso = _country_of_word(gaz, m.group("who") if m else text)
                ent = _country_entity(gaz, iso)
                if ent is None and (bloc := gaz.bloc_adjective(_clean_name(text))) is not None:
                    ent = _entry_entity(gaz, bloc)
                if ent is not None and ent not in found:
                    found.append(ent)
    return found


def _same_phrase(state: _State, tok: Token) -> set[Entity]:
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


def _split_led(state: _State, tok: Token) -> tuple[Entity, ...] | None:
    """ "American-led" that the tokenizer split into three: the actor named before the hyphen."""
    if tok.i < 2 or tok.doc[tok.i - 1].text != "-" or _LED.match(f"x-{tok.lower_}") is None:
        return None
    for c in tok.lefts:
        m = state.mentions.get(c.i)
        if m is not None and c.dep_ in {"npadvmod", "compound", "amod", "nmod"} and m.kind == "name":
            ents = tuple(e for e in ((m.seat,) if m.seat else m.entities) if e.type in ACTOR_TYPES)
            return ents or None
    return None


def _recent(
    state: _State, before: int, types: frozenset[str], *, skip: Iterable[Entity] = (), outside: bool = False
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


def _cataphor(state: _State, tok: Token) -> Entity | None:
    """A pronoun in a fronted clause that the main clause's named subject resolves: "After he met Kono,
    Pompeo said ...", "Defending his probe, Mueller said ..."."""
    clause = tok.head
    while clause.dep_ not in {"advcl", "ROOT"} and clause.head.i != clause.i:
        clause = clause.head
    main = clause.head
    if clause.dep_ != "advcl" or clause.i > main.i or tok.lower_ in {"him", "himself", "herself"}:
        return None
    for c in main.children:
        if c.dep_ in P.SUBJ_DEPS and c.i > clause.i and c.ent_type_ == "PERSON":
            span = next((e for e in c.doc.ents if e.start <= c.i < e.end), None)
            return _person_entity(state, _clean_name(span.text), span.ent_id_) if span is not None else None
    return None


def _unresolved_parallel_subject(state: _State, tok: Token) -> bool:
    """True when "it" heads a clause joined to one whose subject is a plain singular noun we could not
    resolve: that noun, not an earlier country, is what "it" means."""
    verb = tok.head
    if tok.dep_ not in P.SUBJ_DEPS or verb.dep_ not in {"conj", "advcl"}:
        return False
    return any(
        c.dep_ in P.SUBJ_DEPS and c.pos_ == "NOUN" and not _is_plural(c) and c.i not in state.mentions
        for c in verb.head.children
    )


def _parallel_subject(state: _State, tok: Token, types: frozenset[str]) -> Entity | None:
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


def _pair(state: _State, before: int, types: frozenset[str]) -> tuple[Entity, ...]:
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


def _thing_mention(state: _State, tok: Token) -> Mention | None:
    """A common noun that relations deal in (munitions, sanctions), from the gazetteer."""
    gaz = state.gaz
    for c in tok.lefts:
        # a named product (a model number) before its kind: "Su-35 jets", "S-400 systems"
        entry = (
            gaz.lookup(c.text)
            if c.dep_ in {"compound", "amod", "nmod"} and any(ch.isdigit() for ch in c.text)
            else None
        )
        if entry is not None and entry.type == "Item":
            return Mention(tok.i, tok.i + 1, (Entity(entry.name, "Item", None),), "thing", 1.0)
    mods = [c for c in tok.lefts if c.dep_ in {"amod", "compound"} and c.i == tok.i - 1]
    candidates = [f"{mods[0].lower_} {tok.lower_}"] if mods else []
    candidates += [tok.lower_, tok.lemma_.lower()]
    for text in candidates:
        entry = gaz.lookup(text)
        if entry is not None and entry.type in {"Item", "Policy"}:
            return Mention(tok.i, tok.i + 1, (Entity(entry.name, entry.type, None),), "thing", 1.0)
    return None


def _nominal_mention(state: _State, tok: Token) -> Mention | None:
    """Group nouns with a country modifier, pair descriptions and singular descriptions."""
    lemma = tok.lemma_.lower()
    if tok.dep_ in {"compound"} and tok.head.ent_type_ == "PERSON":
        return None  # "leader" in "North Korean leader Kim Jong Un": the name is the mention
    if lemma in W.org_head_nouns and (org := _named_org_modifier(state, tok)) is not None:
        return Mention(tok.i, tok.i + 1, (org,), "nominal", 0.9)
    if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children):
        return None
    if lemma in W.person_titles and named_holder(tok) is not None:
        return None  # "Japanese Minister of Foreign Affairs Taro Kono": the name is the mention
    if lemma in W.group_nouns or lemma in W.country_descriptions:
        countries = _modifier_countries(state, tok)
        if not countries and tok.dep_ == "conj" and tok.head.lemma_.lower() in W.group_nouns:
            countries = _modifier_countries(state, tok.head)  # "Israeli helicopters and tanks"
        if countries:
            if not _is_plural(tok) and lemma in W.singular_person_descriptions:
                # "a French minister" is nobody in particular: it stands for the country, not a person
                indefinite = any(
                    c.dep_ == "det" and c.lower_ in W.indefinite_determiners for c in tok.children
                )
                person = None if indefinite else _described_person(state, tok, lemma, countries)
                if person is not None:
                    return Mention(tok.i, tok.i + 1, (person,), "description", 0.8)
            return Mention(tok.i, tok.i + 1, tuple(countries), "nominal", 0.85)
    dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "nummod", "predet", "quantmod"}}
    if _is_plural(tok) and dets & W.pair_determiners:
        if lemma in W.country_descriptions:
            group = _pair(state, tok.i, frozenset({"Country"}))
        elif lemma in W.person_descriptions:
            group = _pair(state, tok.i, frozenset({"Person"}))
        else:
            group = ()
        if group:
            return Mention(tok.i, tok.i + 1, group, "description", 0.8)
    if (
        not _is_plural(tok)
        and lemma in W.singular_country_descriptions
        and dets & W.definite_determiners
        and not any(c.dep_ in {"prep", "compound", "poss"} for c in tok.children)
    ):
        ent = _recent(state, tok.i, frozenset({"Country"}), skip=_same_phrase(state, tok))
        if ent is not None:
            return Mention(tok.i, tok.i + 1, (ent,), "description", 0.7)
    return None


def _named_org_modifier(state: _State, tok: Token) -> Entity | None:
    """The organisation a generic head noun names ("the Taliban religious faction", "the Hamas movement")."""
    for c in tok.lefts:
        m = state.mentions.get(c.i) if c.dep_ in {"compound", "nmod", "amod"} else None
        if (
            m is not None
            and m.kind == "name"
            and len(m.entities) == 1
            and m.entities[0].type == "Organization"
        ):
            return m.entities[0]
    return None


def named_holder(title: Token) -> Token | None:
    """The person a title noun names when the parser hangs the name inside it ("Minister of Foreign
    Affairs Taro Kono": Kono is the object of "of")."""
    for o in (c for p in title.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children):
        if o.dep_ == "pobj" and o.ent_type_ == "PERSON":
            return o
    return None


def _described_person(state: _State, tok: Token, lemma: str, countries: list[Entity]) -> Entity | None:
    """ "the US leader", "the Iraqi president": the latest person of that country, a known leader first
    when the description names a leader's title."""
    if len(countries) != 1:
        return None
    mine = [
        e for _, e, _ in reversed(state.history) if e.type == "Person" and e.country == countries[0].country
    ]
    if not mine:
        return None
    if lemma in W.leader_titles:
        leaders = {r.person.name for r in state.roles if r.role == "leader"}
        for ent in mine:
            entry = state.gaz.lookup(ent.name)
            if ent.name in leaders or (
                entry is not None and entry.type == "Person" and entry.role == "leader"
            ):
                return ent
    return mine[0]


def _pronoun_mention(state: _State, tok: Token) -> Mention | None:
    """Resolve he/she/it/they to the latest fitting antecedent."""
    low = tok.lower_
    if low in W.person_pronouns:
        ent = (
            _cataphor(state, tok)
            or _parallel_subject(state, tok, frozenset({"Person"}))
            or _recent(state, tok.i, frozenset({"Person"}), outside=tok.i not in state.quoted)
        )
        return Mention(tok.i, tok.i + 1, (ent,), "pronoun", 0.8) if ent else None
    if low in W.it_pronouns:
        types = frozenset({"Country", "Organization", "Bloc"})
        if _unresolved_parallel_subject(state, tok):
            return None  # "The carrier canceled a visit to Australia, though it still conducted ..."
        ent = _parallel_subject(state, tok, types) or _recent(state, tok.i, types)
        if ent is None or _expletive(tok) or (tok.dep_ in {"dobj", "pobj"} and _thing_since(state, ent, tok)):
            return None
        return Mention(tok.i, tok.i + 1, (ent,), "pronoun", 0.65)
    if low in W.plural_pronouns:
        sent_start = tok.sent.start
        if tok.dep_ in {"dobj", "pobj"}:
            for i, ent, _ in reversed(state.history):
                if sent_start <= i < tok.i and ent.type in {"Policy", "Item"}:
                    return Mention(tok.i, tok.i + 1, (ent,), "pronoun", 0.75)
        subject = _plural_subject_before(tok)
        if subject is not None:
            # "several Republicans announced their support": the plural subject, resolved or not
            found = state.mentions.get(subject.i)
            return Mention(tok.i, tok.i + 1, found.entities, "pronoun", 0.7) if found else None
        for i, group in reversed(state.pairs):
            if sent_start <= i < tok.i:
                return Mention(tok.i, tok.i + 1, group, "pronoun", 0.7)
        reporter = _reporter(state, tok)
        if reporter:
            return Mention(tok.i, tok.i + 1, reporter, "pronoun", 0.65)
        if _unresolved_plural_before(state, tok):
            return None  # "prosecutors said their deal with Flynn ...": they are not an earlier pair
        for i, group in reversed(state.pairs):
            if i < tok.i and i >= _previous_sentence_start(tok):
                return Mention(tok.i, tok.i + 1, group, "pronoun", 0.7)
        group = _previous_sentence_pair(state, tok)
        if group:
            return Mention(tok.i, tok.i + 1, group, "pronoun", 0.65)
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
    if tok.lower_ not in {"their", "theirs"}:
        return None
    for t in reversed(tok.doc[tok.sent.start : tok.i]):
        if t.dep_ in P.SUBJ_DEPS and t.tag_ in {"NNS", "NNPS"}:
            return t
    return None


def _thing_since(state: _State, ent: Entity, tok: Token) -> bool:
    """ "dismissed the plan and vowed to resist it": an unresolved thing named after `ent` is nearer."""
    last = max((i for i, e, _ in state.history if e == ent and i < tok.i), default=tok.i)
    return any(
        t.pos_ == "NOUN"
        and t.tag_ == "NN"
        and t.dep_ in P.OBJ_DEPS | P.PASS_SUBJ_DEPS
        and t.i not in state.mentions
        for t in tok.doc[last + 1 : tok.i]
    )


def _unresolved_plural_before(state: _State, tok: Token) -> bool:
    """True when the sentence names a plural group we did not resolve before the pronoun."""
    return any(
        t.pos_ == "NOUN"
        and t.tag_ == "NNS"
        and t.dep_ in P.SUBJ_DEPS | P.OBJ_DEPS | P.PASS_SUBJ_DEPS
        and t.i not in state.mentions
        for t in tok.doc[tok.sent.start : tok.i]
    )


def _reporter(state: _State, tok: Token) -> tuple[Entity, ...]:
    """ "US officials said they would ...": a collective that reports what it will do itself.

    The subject of the reporting verb whose content clause "they" is the subject of, when that
    subject stands for countries, organisations or blocs.
    """
    clause = tok.head
    if tok.dep_ not in P.SUBJ_DEPS or clause.dep_ not in {"ccomp", "xcomp"}:
        return ()
    verb = clause.head
    if verb.lemma_.lower() not in W.reporting_verbs | W.commitment_verbs:
        return ()
    for subj in verb.children:
        if subj.dep_ in P.SUBJ_DEPS and subj.i < tok.i:
            mention = state.mentions.get(subj.i)
            if mention is not None and all(
                e.type in {"Country", "Organization", "Bloc"} for e in mention.entities
            ):
                return mention.entities
    return ()


def _previous_sentence_start(tok: Token) -> int:
    """Index of the first token of the sentence before `tok`'s (or of its own, in the first sentence)."""
    start = tok.sent.start
    return tok.doc[start - 1].sent.start if start > 0 else start


def _previous_sentence_pair(state: _State, tok: Token) -> tuple[Entity, ...]:
    """ "Erdogan met Pezeshkian. They condemned ...": the two actors of one kind in the sentence before."""
    sent = tok.sent
    if sent.start == 0:
        return ()
    prev = tok.doc[sent.start - 1].sent
    for kind in ("Person", "Country"):
        ents = list(
            dict.fromkeys(e for i, e, _ in state.history if prev.start <= i < prev.end and e.type == kind)
        )
        if len(ents) == 2:
            return tuple(ents)
    return ()


# ----------------------------------------------------------------------------- the walk


def _remember(state: _State, mention: Mention, tok: Token) -> None:
    weight = 2.0 if tok.dep_ in {"nsubj", "nsubjpass", "poss", "conj", "dobj"} else 1.0
    if tok.dep_ == "pobj" and tok.head.lower_ in {"in", "at", "on", "from"}:
        weight = 0.5
    for ent in mention.entities:
        state.history.append((mention.start, ent, weight))
        if mention.seat is not None and mention.kind == "name":
            state.history.append((mention.start, mention.seat, weight * 0.5))
    if len(mention.entities) >= 2:
        state.pairs.append((mention.start, mention.entities))


def _coordinated_group(res: dict[int, Mention], tok: Token) -> tuple[Entity, ...]:
    """Entities of a mention head and its conjuncts, seats standing for their countries."""
    group: list[Entity] = []
    for t in (tok, *tok.conjuncts):
        m = res.get(t.i)
        if m is None:
            continue
        for ent in (m.seat,) if m.seat is not None else m.entities:
            if ent is not None and ent not in group:
                group.append(ent)
    return tuple(group)


def resolve_doc(doc: Doc, article: Article, *, gazetteer: Gazetteer | None = None) -> Resolution:
    """Resolve every mention of an article's parsed Doc.

    doc (Doc): the parsed article text.
    article (Article): the article record (for its dateline).
    RETURNS (Resolution): mentions by token index, roles stated by titles, entities in order.
    """
    state = _State(gazetteer or load_gazetteer(), quoted=quoted_tokens(doc))
    _find_roles(state, doc, article)
    ents_at = {e.start: e for e in doc.ents if e.label_ in _NAMED_LABELS}
    covered: set[int] = set()
    dl_end = dateline_end(doc, article)
    for tok in doc:
        if tok.i in covered:
            continue
        mention: Mention | None = None
        span = ents_at.get(tok.i)
        led = _LED.match(tok.text)
        if led and (ent := _country_entity(state.gaz, _country_of_word(state.gaz, led.group("who")))):
            mention = Mention(tok.i, tok.i + 1, (ent,), "led", 0.9)
        elif (split := _split_led(state, tok)) is not None:
            mention = Mention(tok.i, tok.i + 1, split, "led", 0.9)
        elif span is not None and not _dateline_skip(article, span, dl_end):
            is_modifier = span.label_ == "NORP" and span.root.dep_ in {"amod", "compound", "nmod"}
            ent, seat = _named_entity(state, span)
            thing = state.gaz.lookup(_clean_name(span.text)) if ent is None else None
            if thing is not None and thing.type in {"Item", "Policy"}:
                mention = Mention(span.start, span.end, (Entity(thing.name, thing.type, None),), "thing", 0.9)
            elif ent is not None:
                kind = "name"
                mention = Mention(span.start, span.end, (ent,), kind, 0.95 if is_modifier else 1.0, seat)
        elif tok.pos_ == "PRON":
            mention = _pronoun_mention(state, tok)
        elif tok.pos_ in {"NOUN", "PROPN"} and not tok.ent_type_:
            mention = _nominal_mention(state, tok) or _thing_mention(state, tok)
        if mention is None:
            continue
        for i in range(mention.start, mention.end):
            state.mentions[i] = mention
            covered.add(i)
        _remember(state, mention, doc[mention.end - 1] if mention.kind == "name" else tok)
        if tok.dep_ != "conj" and any(c.dep_ == "conj" for c in doc[mention.end - 1].children):
            pass  # groups are recorded when the last conjunct is seen (below)
        head = doc[mention.end - 1] if mention.kind == "name" else tok
        if head.dep_ == "conj":
            first = head
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            group = _coordinated_group(state.mentions, first)
            if len(group) >= 2:
                state.pairs.append((mention.start, group))
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
    # persons whose country was stated after their first mention: update to the final entity
    final = {name: ent for name, ent in state.persons.items()}
    mentions = {
        i: Mention(
            m.start,
            m.end,
            tuple(final.get(e.name, e) if e.type == "Person" else e for e in m.entities),
            m.kind,
            m.confidence,
            m.seat,
        )
        for i, m in state.mentions.items()
    }
    entities = [final.get(e.name, e) if e.type == "Person" else e for e in entities]
    roles = tuple(Role(final.get(r.person.name, r.person), r.role, r.of, r.start, r.end) for r in state.roles)
    return Resolution(mentions, roles, tuple(dict.fromkeys(entities)))

"""Titles and appositions: who leads, serves or belongs to which country, organisation or party."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..gazetteer import Gazetteer
from ..records import Entity, EntityClass
from ..wordsets import WordSets
from .discourse import DiscourseState
from .mentions import Role, RoleKind
from .names import clean_name, country_entity, country_of_word, entry_entity, person_entity, person_name

__all__ = ["find_roles", "named_holder", "title_role"]

# "Sen. John McCain, R-Ariz.", "(D., Calif.)": the party letter after a politician's name
_PARTY_DESIGNATION = re.compile(r"\s*[,(]\s*(?P<party>[RD])(?:-|\.?,)\s?[A-Z]")
_PARTY_LETTERS = {"R": "Republican Party", "D": "Democratic Party"}
_DASHES = frozenset({"-", "–"})
_TITLE_FILLERS = frozenset({"of", "'s", "-", "the"})  # inside a title: "Secretary of State"
_TITLE_POS = frozenset({"PROPN", "ADJ", "NOUN"})
_ORG_TYPES = frozenset({EntityClass.ORGANIZATION, EntityClass.BLOC})


def title_role(title: Sequence[str], words: WordSets) -> RoleKind | None:
    """Return the role the title words before or around a name give, or None."""
    ws = [w.lower().strip(".") for w in title if w not in _DASHES]
    if not ws:
        return None
    joined = " ".join(ws)
    subordinate = any(w in words.subordinate_title_words for w in ws)
    if not subordinate and any(phrase in joined for phrase in words.leader_title_phrases):
        return RoleKind.LEADER
    if not subordinate and any(w in words.leader_titles for w in ws) and "minister" not in ws:
        return RoleKind.LEADER
    if any(w in words.person_titles for w in ws):
        return RoleKind.OFFICIAL
    return None


def _role_context(span: Span, words: WordSets) -> list[Token]:
    """Tokens around a person name that may hold its title and country."""
    doc = span.doc
    root = span.root
    toks: list[Token] = [t for t in doc[root.left_edge.i : span.start]]
    first = root
    while first.dep_ == "conj" and first.head.i < first.i and first.head.ent_type_ == "PERSON":
        first = first.head
    if first is not root:
        # "Sens. Ted Cruz and Dianne Feinstein": a plural title before the first name is the others' too
        shared = [t for t in doc[first.left_edge.i : first.i] if t.lower_.strip(".") in words.plural_titles]
        toks.extend(t for t in shared if t not in toks)
    # a linear scan left over title-like tokens: "U.S. Secretary of State Warren Christopher"
    i = span.start - 1
    while i >= max(span.sent.start, span.start - 8):
        t = doc[i]
        if t.pos_ in _TITLE_POS or t.lower_ in _TITLE_FILLERS:
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
    if root.dep_ == "appos" and head.i < span.start and head.lemma_.lower() in words.title_words:
        # "Russia's foreign minister, Sergei Lavrov"
        toks.extend(t for t in doc[head.left_edge.i : head.i + 1] if t not in toks)
    title = _title_over_of(root, words)
    if title is not None:
        # "the head of the IAEA, Rafael Grossi": the parser hangs the name on the organisation
        toks.extend(t for t in doc[title.left_edge.i : span.start] if t not in toks)
    return toks


def _party(state: DiscourseState, span: Span, around: list[Token], title: list[str]) -> Entity | None:
    """The US party a politician belongs to, as the article states it: "Sen. John McCain, R-Ariz.",
    "Democratic congresswoman Ilhan Omar", "the Republican nominee, Donald Trump"."""
    gaz, words = state.gaz, state.words
    letter = _party_letter(span)
    name = _PARTY_LETTERS.get(letter) if letter else None
    if name is None:
        entry = gaz.lookup(clean_name(span.text))
        american = (
            gaz.title_country(title) == "USA"
            or (entry is not None and entry.type == EntityClass.PERSON and entry.country == "USA")
            or any(_us_place(gaz, t) for t in around)  # "Patrick Leahy, Vermont Democrat"
        )
        adjectives = {
            t.lower_
            for t in around
            if t.dep_ in {"amod", "compound"} and t.head.lower_ in words.party_role_nouns
        }
        adjectives |= {w.lower() for w in title if w.lower() in words.us_parties} if american else set()
        found = {words.us_parties[a] for a in adjectives if a in words.us_parties}
        name = found.pop() if len(found) == 1 and (american or letter) else None
    entry = gaz.get(name) if name else None
    return entry_entity(entry) if entry is not None else None


def _us_place(gaz: Gazetteer, tok: Token) -> bool:
    """True for a US state or city named in a politician's apposition ("Virginia Republican")."""
    if tok.ent_type_ not in {"GPE", "LOC"}:
        return False
    entry = gaz.lookup(tok.text)
    return (
        entry is not None and entry.type in {EntityClass.REGION, EntityClass.CITY} and entry.country == "USA"
    )


def _sub_body(text: str, canonical: str, words: WordSets) -> bool:
    """True when a name is a committee of the body the gazetteer folds it into."""
    extra = {w.lower() for w in text.split()} - {w.lower() for w in canonical.split()}
    return bool(extra & words.sub_body_words)


def _destination(tok: Token, around: list[Token], span: Span, words: WordSets) -> bool:
    """True for a word inside a "to"/"for" phrase of the title ("Ambassador to Israel", "inspector general
    for Afghanistan reconstruction"): where or what, not whose."""
    doc = tok.doc
    between = doc[tok.i + 1 : span.start] if tok.i < span.start else []
    if any(t.lower_.strip(".") in words.person_titles for t in between):
        return False  # "an aide to Senate Majority Leader Harry Reid": the title after "to" is Reid's own
    i = tok.i - 1
    while i >= 0 and (doc[i].lower_ == "the" or doc[i].ent_iob_ == "I"):
        i -= 1
    if i >= 0 and doc[i].lower_ in {"to", "for"}:
        # only the title's own phrase: not "offered its troops to Lebanon's new President Elias Hrawi"
        before = doc[i - 1].lower_.strip(".") if i else ""
        titled = before in words.person_titles or doc[i] in around
        if titled and (doc[i].lower_ == "to" or before in words.for_destination_titles):
            return True  # "Ambassador to Israel", "envoy for Iran" (but a "spokesman for China" is China's)
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i or cur.head not in around:
            return False
        if cur.dep_ == "pobj" and cur.head.lower_ == "to":
            return True
        cur = cur.head
    return False


def _title_over_of(name: Token, words: WordSets) -> Token | None:
    """The title noun of "TITLE of ORG, NAME" when the name is parsed as an apposition of ORG."""
    if name.dep_ != "appos" or name.head.dep_ != "pobj":
        return None
    prep = name.head.head
    title = prep.head
    if prep.lower_ == "of" and title.i < prep.i and title.lemma_.lower() in words.title_words:
        return title
    return None


def named_holder(title: Token) -> Token | None:
    """The person a title noun names when the parser hangs the name inside it ("Minister of Foreign
    Affairs Taro Kono": Kono is the object of "of")."""
    for o in (c for p in title.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children):
        if o.dep_ == "pobj" and o.ent_type_ == "PERSON":
            return o
    return None


def _known_office(gaz: Gazetteer, span: Span, role: RoleKind) -> Entity | None:
    """The country or organisation a known person holds a title of this kind in (gazetteer `role`/`of`)."""
    entry = _known_person(gaz, span)
    if entry is None or not entry.of:
        return None
    body = gaz.lookup(entry.of) if not re.fullmatch(r"[A-Z]{3}", entry.of) else None
    if entry.role != role and (body is None or body.type not in _ORG_TYPES):
        return None  # a leader's title on a known official of a country names another office
    if re.fullmatch(r"[A-Z]{3}", entry.of):
        return country_entity(gaz, entry.of)
    office = gaz.lookup(entry.of)
    if office is None:
        return None
    if office.type == EntityClass.COUNTRY:
        return country_entity(gaz, office.country)
    return entry_entity(office) if office.type in _ORG_TYPES else None


def _known_person(gaz: Gazetteer, span: Span):
    """The gazetteer's entry for a person name (middle initials and scraped tails ignored), or None."""
    name = clean_name(span.text)
    entry = (
        (gaz.lookup(span.ent_id_) if span.ent_id_ else None)
        or gaz.lookup(name)
        or gaz.lookup(person_name(name))
    )
    return entry if entry is not None and entry.type == EntityClass.PERSON else None


def _party_letter(span: Span) -> str | None:
    """The party letter after a name ("John Boehner (R-Ohio)"), or None."""
    doc = span.doc
    m = _PARTY_DESIGNATION.match(doc.text, doc[span.end - 1].idx + len(doc[span.end - 1].text))
    return m.group("party") if m else None


def _ent_span(doc: Doc, tok: Token) -> Span | None:
    return next((e for e in doc.ents if e.start <= tok.i < e.end), None)


def find_roles(state: DiscourseState, doc: Doc) -> None:
    """Record the roles stated by titles, appositions and party designations, and persons' countries."""
    gaz, words = state.gaz, state.words
    for span in doc.ents:
        if span.label_ != "PERSON":
            continue
        around = _role_context(span, words)
        title = [t.text for t in around if t.pos_ in {"NOUN", "PROPN", "ADJ"} or "-" in t.text]
        title += [t.text for t in span if t.lower_ in words.title_words]  # a name matched with its title
        role = title_role(title, words)
        past = any(t.lower_ in words.past_markers or t.lower_.startswith("ex-") for t in around)
        party = None if past else _party(state, span, around, title)
        if party is not None:
            person = person_entity(state, clean_name(span.text), span.ent_id_)
            state.roles.append(Role(person, RoleKind.MEMBER, party, span.start, span.end))
        if role is None or past:
            continue  # no title, or a past one ("former FBI Director")
        of: Entity | None = None
        # the country word nearest the name: "U.S. adversary Russian President Vladimir Putin" is Russia's;
        # "U.S. Ambassador to Israel David Friedman" is not Israel's
        near = sorted(
            (t for t in around if not _destination(t, around, span, words)),
            key=lambda t: span.start - t.i if t.i < span.start else t.i - span.end + 1,
        )
        for tok in near:
            if tok.ent_type_ in {"GPE", "NORP"} or tok.tag_ == "NNP":
                ent_span = _ent_span(doc, tok)
                iso = country_of_word(gaz, ent_span.text if ent_span is not None else tok.text)
                if iso:
                    of = country_entity(gaz, iso)
                    break
        envoy = any(w.lower().strip(".") in words.envoy_nouns for w in title)
        if of is None and not envoy:  # "UN Ambassador Nikki Haley" is an envoy to the UN, not its official
            for tok in near:
                if tok.ent_type_ == "ORG":
                    ent_span = _ent_span(doc, tok)
                    entry = gaz.lookup(clean_name(ent_span.text)) if ent_span is not None else None
                    if (
                        entry is not None
                        and entry.name in words.us_parties.values()
                        and gaz.title_country(title)
                    ):
                        continue  # "GOP Rep. Reid Ribble": a party member (see _party), a US official
                    if entry is not None and entry.type in _ORG_TYPES:
                        of = entry_entity(entry)
                        if ent_span is not None and _sub_body(ent_span.text, entry.name, words):
                            # "chairman of the House Foreign Affairs Committee" chairs the committee
                            of = Entity(clean_name(ent_span.text), EntityClass.ORGANIZATION, entry.country)
                        break
        office = gaz.title_office(title) if not envoy else None
        known = _known_person(gaz, span)
        if office is not None and (
            office.national
            or (known is not None and known.country == office.country)
            or (office.country == "USA" and (_party_letter(span) or any(_us_place(gaz, t) for t in around)))
        ):
            # "Sen. John McCain", "House Speaker Paul Ryan": a seat in a body (the country's own words
            # before the title, "U.S. Sen.", name the same office)
            body = gaz.get(office.body)
            if body is not None and (
                of is None or (of.type == EntityClass.COUNTRY and of.country == office.country)
            ):
                of, role = entry_entity(body), RoleKind(office.role)
        else:
            office = None
        if of is None:
            # "Prime Minister Boris Johnson": a bare title, and the gazetteer knows whose office it is
            of = _known_office(gaz, span, role)
        if of is None and (iso := gaz.title_country(title)) is not None:
            # "Sen. John McCain", "Treasury Secretary Jacob Lew": an office only one country has, and
            # an official's office, even when it leads something ("Majority Leader", "chairman")
            of = country_entity(gaz, iso)
            role = RoleKind.OFFICIAL
        if of is None:
            continue
        person = person_entity(state, clean_name(span.text), span.ent_id_)
        if (
            of.type == EntityClass.COUNTRY
            and person.country != of.country
            and person.name not in state.person_country
        ):
            state.person_country[person.name] = of.country or ""
            person = Entity(person.name, EntityClass.PERSON, of.country)
            state.persons[person.name] = person
        lo = min([span.start, *(t.i for t in around)])
        hi = max([span.end, *(t.i + 1 for t in around)])
        state.roles.append(Role(person, role, of, lo, hi))
        national = gaz.title_country(title)
        seat = gaz.get(office.body) if office is not None else None
        if seat is not None and of.name != seat.name:
            # "Rep. Ed Royce, chairman of the House Foreign Affairs Committee": also a member of the House
            state.roles.append(Role(person, RoleKind.OFFICIAL, entry_entity(seat), lo, hi))
        elif (
            seat is None
            and of.type != EntityClass.COUNTRY
            and national is not None
            and (country := country_entity(gaz, national))
        ):
            # "Treasury Secretary Jacob Lew, chairman of ...": also a US official
            state.roles.append(Role(person, RoleKind.OFFICIAL, country, lo, hi))

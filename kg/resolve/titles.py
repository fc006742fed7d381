"""Titles and appositions: who leads, serves or belongs to which country, organisation or party."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ..gazetteer import GazEntry, Gazetteer
from ..records import Entity, EntityClass
from ..wordsets import WordSets
from .discourse import DiscourseState
from .mentions import Role, RoleKind
from .names import (
    clean_name,
    country_entity,
    country_of_word,
    ent_span,
    entry_entity,
    is_plural,
    named_entity,
    person_entity,
    person_name,
)

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
    plural_officials = {w for w in words.plural_titles if w.removesuffix("s") not in words.leader_titles}
    if any(w in words.person_titles or w in plural_officials for w in ws):
        return RoleKind.OFFICIAL  # "U.S. Senators Bernie Sanders and Elizabeth Warren"
    return None


def _role_context(span: Span, words: WordSets) -> list[Token]:
    """Tokens around a person name that may hold its title and country."""
    doc = span.doc
    root = span.root
    toks: list[Token] = [t for t in doc[root.left_edge.i : span.start]]
    first = root
    while first.dep_ in {"conj", "appos"} and first.head.i < first.i and first.head.ent_type_ == "PERSON":
        first = first.head
    if first is not root:
        # "Sens. Ted Cruz and Dianne Feinstein": a plural title before the first name is the others' too
        left = doc[first.left_edge.i : first.i]
        shared = [
            t
            for t in left
            if t.lower_.strip(".") in words.plural_titles
            or (is_plural(t) and t.lemma_.lower() in words.party_role_nouns)
            or (is_plural(t) and t.lower_.removesuffix("s") in words.us_parties)  # "Republicans X and Y"
        ]
        # with the party words on them: "Republican lawmakers Rod Blum and David Young"
        shared += [t for t in left if t.dep_ in {"amod", "compound", "nmod"} and t.head in shared]
        toks.extend(t for t in sorted(shared, key=lambda t: t.i) if t not in toks)
    # a linear scan left over title-like tokens: "U.S. Secretary of State Warren Christopher"
    i = span.start - 1
    while i >= max(span.sent.start, span.start - 8):
        t = doc[i]
        envoy_to = t.lower_ == "to" and i > 0 and doc[i - 1].lower_.strip(".") in words.envoy_nouns
        if t.pos_ in _TITLE_POS or t.lower_ in _TITLE_FILLERS or envoy_to:  # "Ambassador to Pakistan X"
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
            if child.dep_ == "appos" and not _role_apposition(child, words):
                continue  # "Rand Paul, a critic of the Federal Reserve" holds no office in it
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


def _role_apposition(head: Token, words: WordSets) -> bool:
    """True for an apposition that may state an office, a seat or a party: its head is a title
    ("Russia's foreign minister"), a member noun, a party noun ("a Florida Republican") or a name."""
    lemma = head.lemma_.lower()
    return (
        lemma in words.title_words
        or head.lower_.strip(".") in words.person_titles
        or lemma in words.member_nouns
        or lemma in words.party_role_nouns
        or lemma in words.us_parties
        or head.pos_ == "PROPN"
        or bool(head.ent_type_)
    )


def _party(state: DiscourseState, span: Span, around: list[Token], title: list[str]) -> Entity | None:
    """The party a politician belongs to, as the article states it: "Sen. John McCain, R-Ariz.",
    "Democratic congresswoman Ilhan Omar", "Labour MP Peter Kyle", "Marco Rubio, a Florida Republican"."""
    gaz, words = state.gaz, state.words
    letter = _party_letter(span)
    if letter:
        entry = gaz.get(_PARTY_LETTERS[letter])
        return entry_entity(entry) if entry is not None else None
    entry = gaz.lookup(clean_name(span.text))
    american = (
        gaz.title_country(title) == "USA"
        or (entry is not None and entry.type == EntityClass.PERSON and entry.country == "USA")
        or any(_us_place(gaz, t) for t in around)  # "Patrick Leahy, Vermont Democrat"
    )
    found: set[str] = set()
    for tok in _party_words(span, around, words):
        word = tok.lemma_.lower() if tok.lemma_.lower() in words.us_parties else tok.lower_
        if word in words.us_parties:
            # "Democratic" also names parties abroad ("Social Democratic leader"): only for an American
            if american or word in _US_ONLY_PARTY_WORDS:
                found.add(words.us_parties[word])
            continue
        ent_span = _ent_span(span.doc, tok)
        party = gaz.lookup(clean_name(ent_span.text if ent_span is not None else tok.text))
        if party is not None and _is_party(party):
            found.add(party.name)
    name = found.pop() if len(found) == 1 else None
    party_entry = gaz.get(name) if name else None
    return entry_entity(party_entry) if party_entry is not None else None


# party words no party abroad uses in English news: "Democrat X", "a Florida Republican", "GOP Rep. X"
_US_ONLY_PARTY_WORDS = frozenset({"gop", "republican", "democrat"})


def _is_party(entry: GazEntry) -> bool:
    """True for a gazetteer organisation that is a political party (its name or an alias says so)."""
    return entry.type == EntityClass.ORGANIZATION and any(
        "party" in n.lower().split() for n in (entry.name, *entry.aliases)
    )


def _party_words(span: Span, around: list[Token], words: WordSets) -> list[Token]:
    """Words that may name a politician's party: a modifier in the title before the name ("GOP
    presidential candidate", "Labour MP", "Democrat Andy Beshear"), an apposition headed by a party
    noun ("a Florida Republican", "the top Democrat on ...") or a party adjective on a title noun in
    apposition ("a Republican senator")."""
    root = span.root
    out: list[Token] = []
    for tok in around:
        if tok.i < span.start:
            shared = is_plural(tok) and tok.lower_.removesuffix("s") in words.us_parties
            if tok.dep_ in {"compound", "amod", "nmod"} and (
                tok.head in around or tok.head == root or shared
            ):
                out.append(tok)
        elif (
            tok.dep_ == "appos"
            and tok.head == root
            or (
                tok.dep_ in {"amod", "compound"}
                and tok.head.dep_ == "appos"
                and tok.head.head == root
                and tok.head.lemma_.lower() in words.party_role_nouns
            )
        ):
            out.append(tok)
    return out


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


def _local_branch(state: DiscourseState, ent_span: Span, entry: GazEntry) -> str | None:
    """The name of a party's branch named by its state or city ("the Wyoming Republican Party", "the DC
    Republican Party"), or None: a US state or city just before the party's name, modifying it."""
    if not _is_party(entry) or ent_span.start == 0:
        return None
    prev = ent_span.doc[ent_span.start - 1]
    place_span = _ent_span(ent_span.doc, prev)
    if place_span is None or prev.head.i not in range(ent_span.start, ent_span.end):
        return None
    place = state.gaz.lookup(clean_name(place_span.text))
    if place is None or place.type not in {EntityClass.REGION, EntityClass.CITY}:
        return None
    return f"{clean_name(place_span.text)} {clean_name(ent_span.text)}"


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


def _bare_state_title(state: DiscourseState, span: Span, around: list[Token], title: list[str]) -> bool:
    """True for a title only a state confers, with nothing around it that names another body or place
    ("Army spokesman X", "Culture Minister X"; not "university president X", "Louisiana Gov. X"), on a
    person not known to be of another country than the article's."""
    words = state.words
    if not span[0].is_title or span[-1].lower_ in words.org_name_ends:
        return False  # "the prime minister designate", "the Peter Peterson Foundation": no person
    if not {t.lower_.strip(".") for t in around} & words.state_office_words:
        return False  # a title word inside the name is a surname ("Peter King")
    allowed = words.title_words | words.state_office_words | words.government_body_words | words.group_nouns
    for t in around:
        generic = t.lower_.strip(".") in allowed  # "Army spokesman", "Interior Ministry spokesman"
        if (t.ent_type_ in {"ORG", "GPE", "NORP", "FAC", "LOC"} and not generic) or t.dep_ == "poss":
            return False  # another body, place or owner: "its top prosecutor", "the state's chief minister"
        portfolio = t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ in {"minister", "ministry"}
        if t.pos_ in {"NOUN", "PROPN"} and t.lower_.strip(".") not in allowed and not portfolio:
            return False  # "Eurogroup President", "university spokesman"; but "Culture Minister"
    known = _known_person(state.gaz, span)
    stated = state.person_country.get(clean_name(span.text))
    return (known is None or known.country in (None, "", state.home)) and stated in (None, "", state.home)


def _known_person(gaz: Gazetteer, span: Span):
    """The gazetteer's entry for a person name (middle initials and scraped tails ignored), or None."""
    name = clean_name(span.text)
    entry = (
        (gaz.lookup(span.ent_id_) if span.ent_id_ else None)
        or gaz.lookup(name)
        or gaz.lookup(person_name(name))
    )
    return entry if entry is not None and entry.type == EntityClass.PERSON else None


def _heads_unknown_org(tok: Token, ent_span: Span | None, name: Span, words: WordSets) -> bool:
    """True when an organisation name is the one a leader's title names: a modifier of the title before
    the name ("Telegram CEO") or the object of the title's "of" ("chairman of the Campaign to Fix the
    Debt"), and no committee or panel, whose bare name does not say whose it is."""
    if ent_span is None or any(t.lower_ in words.sub_body_words for t in ent_span):
        return False
    root = ent_span.root
    if root.i < name.start:
        return root.dep_ in {"compound", "nmod", "poss"} and root.head.i < name.end
    prep = root.head if root.dep_ == "pobj" else None
    return prep is not None and prep.lower_ == "of" and prep.head.lemma_.lower() in words.title_words


def _member_body(state: DiscourseState, name: Span, around: list[Token]) -> Entity | None:
    """The organisation an apposition makes a person a member of: "Rep. Louie Gohmert, a member of the
    Israel Allies Caucus"."""
    for tok in around:
        if tok.lemma_.lower() != "member" or tok.dep_ != "appos" or tok.head != name.root:
            continue
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                ent_span = _ent_span(tok.doc, obj)
                if ent_span is None or ent_span.label_ != "ORG":
                    continue
                entry = state.gaz.lookup(clean_name(ent_span.text))
                if entry is not None:
                    # a member of the Senate holds a seat in it: officialOf, from the title
                    seat = state.gaz.is_seat_body(entry.name)
                    return entry_entity(entry) if entry.type in _ORG_TYPES and not seat else None
                named, _ = named_entity(state, ent_span)
                return named if named is not None and named.type == EntityClass.ORGANIZATION else None
    return None


def _local_seat(state: DiscourseState, near: list[Token]) -> Entity | None:
    """The state, province or city a governor or mayor leads: the nearest one named in the title."""
    for tok in near:
        if tok.ent_type_ not in {"GPE", "LOC"}:
            continue
        ent_span = _ent_span(tok.doc, tok)
        place, _ = named_entity(state, ent_span) if ent_span is not None else (None, None)
        if place is not None and place.type in {EntityClass.REGION, EntityClass.CITY}:
            return place
    return None


def _names_organisation(tok: Token, ent_span: Span | None, name: Span, words: WordSets) -> bool:
    """True for a country word inside another proper name ("the Israel Allies Caucus")."""
    head = tok.head
    return (
        tok.dep_ == "compound"
        and head.pos_ == "PROPN"
        and not (name.start <= head.i < name.end)
        and head.lemma_.lower() not in words.title_words
        and head.lower_.strip(".") not in words.person_titles
        and (ent_span is None or not (ent_span.start <= head.i < ent_span.end))
    )


def _party_letter(span: Span) -> str | None:
    """The party letter after a name ("John Boehner (R-Ohio)"), or None."""
    doc = span.doc
    window = doc[span.end - 1 : min(len(doc), span.end + 8)]  # doc.text rebuilds the whole text
    m = _PARTY_DESIGNATION.match(window.text, len(doc[span.end - 1].text))
    return m.group("party") if m else None


def _ent_span(doc: Doc, tok: Token) -> Span | None:
    return ent_span(tok)


def find_roles(state: DiscourseState, doc: Doc) -> None:
    """Record the roles stated by titles, appositions and party designations, and persons' countries."""
    gaz, words = state.gaz, state.words
    for span in doc.ents:
        if span.label_ != "PERSON":
            continue
        around = _role_context(span, words)
        # in text order, with the small words of multi-word offices ("Director of National Intelligence")
        title = [
            t.text
            for t in sorted(around, key=lambda t: t.i)
            if t.pos_ in _TITLE_POS or "-" in t.text or (t.lower_ in {"of", "the"} and t.i < span.start)
        ]
        # a name matched with its title ("President Obama"); a title word later in a name is a surname
        lead = 0
        while lead < len(span) - 1 and span[lead].lower_.strip(".") in words.title_words:
            lead += 1
        title += [t.text for t in span[:lead]]
        role = title_role(title, words)
        past = any(t.lower_ in words.past_markers or t.lower_.startswith("ex-") for t in around)
        # a past office is no past party: "then-Senate Majority Leader Harry Reid, Nevada Democrat"
        party = _party(state, span, around, title)
        if party is not None:
            person = person_entity(state, clean_name(span.text), span.ent_id_)
            state.roles.append(Role(person, RoleKind.MEMBER, party, span.start, span.end))
        body = _member_body(state, span, around)
        if body is not None and body != party:
            person = person_entity(state, clean_name(span.text), span.ent_id_)
            state.roles.append(Role(person, RoleKind.MEMBER, body, span.start, span.end))
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
                if _names_organisation(tok, ent_span, span, words):
                    continue  # "a member of the Israel Allies Caucus" is no official of Israel
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
                    if entry is not None and _is_party(entry) and role != RoleKind.LEADER:
                        continue  # "GOP Rep. Reid Ribble", "Labour MP Peter Kyle": a member (see _party)
                    if entry is not None and body is not None and entry.name == body.name:
                        continue  # "Sen. X, a member of the Senate Intelligence Committee": a member
                    if entry is not None and entry.type in _ORG_TYPES:
                        of = entry_entity(entry)
                        if ent_span is not None and _sub_body(ent_span.text, entry.name, words):
                            # "chairman of the House Foreign Affairs Committee" chairs the committee
                            of = Entity(clean_name(ent_span.text), EntityClass.ORGANIZATION, entry.country)
                        elif ent_span is not None and (branch := _local_branch(state, ent_span, entry)):
                            # "director of the Wyoming Republican Party" serves the state's party
                            of = Entity(branch, EntityClass.ORGANIZATION, entry.country)
                        break
                    if (
                        entry is None
                        and role == RoleKind.LEADER
                        and _heads_unknown_org(tok, ent_span, span, words)
                    ):
                        # "Telegram CEO Pavel Durov", "executive director of 314 Action": an organisation
                        # the gazetteer does not know, named by the article
                        named, _ = named_entity(state, ent_span)  # type: ignore[arg-type]
                        if named is not None and named.type == EntityClass.ORGANIZATION:
                            of = named
                            break
        if of is None and any(w.lower().strip(".") in words.local_leader_titles for w in title):
            of = _local_seat(state, near)
            role = RoleKind.LEADER if of is not None else role
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
        owned = any(t.dep_ == "poss" for t in around)  # "the state's chief minister": someone else's
        if of is None and role == RoleKind.OFFICIAL and known is not None and known.country and not owned:
            # "Vice President Biden": an official's title on someone the gazetteer places in a country
            of = country_entity(gaz, known.country)
        if of is None and state.home and _bare_state_title(state, span, around, title):
            # "Culture Minister Latifa Lakhdar" in a story from Tunisia: the country is the article's
            of = country_entity(gaz, state.home)
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

"""Structural rules: titles (`kg.rules.title.v1`), membership (`kg.rules.member.v1`), places
(`kg.rules.place.v1`: *Pyongyang's guest house*, *Helsinki, Finland*, *the Syrian city of Raqqa*) and
datelines (`kg.rules.dateline.v1`)."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from .. import patterns as P
from ..records import Article, Entity, EntityClass
from ..resolve import PLACE_TYPES, MentionKind, Resolution, RoleKind, doc_text
from .arguments import arguments, children, prep_objects
from .clauses import clause_subjects
from .context import ExtractionContext
from .frames import RuleTriple

__all__ = ["STRUCTURAL_RULES", "role_triples", "member_triples", "place_triples", "dateline_triples"]

# rules whose triples are stated, never negated or hedged
STRUCTURAL_RULES = frozenset(
    {"kg.rules.title.v1", "kg.rules.dateline.v1", "kg.rules.place.v1", "kg.rules.member.v1"}
)
_ROLE_PREDICATES = {RoleKind.LEADER: "leaderOf", RoleKind.MEMBER: "memberOf", RoleKind.OFFICIAL: "officialOf"}
_GROUPS = frozenset({EntityClass.ORGANIZATION, EntityClass.BLOC})
_MEMBERS = frozenset({EntityClass.COUNTRY, EntityClass.PERSON})
_SETTLED = frozenset({EntityClass.FACILITY, EntityClass.CITY, EntityClass.REGION})
_SMALL_PLACES = frozenset({EntityClass.CITY, EntityClass.FACILITY})
_PLACE_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
_NAME_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_ATTR = frozenset({"attr"})


def role_triples(res: Resolution) -> Iterator[RuleTriple]:
    """leaderOf, officialOf and memberOf from the roles resolution found in titles and appositions."""
    for r in res.roles:
        yield RuleTriple(r.person, _ROLE_PREDICATES[r.role], r.of, r.start, "kg.rules.title.v1", 0.95)


def _lemma_positions(doc: Doc, lemmas: frozenset[str]) -> list[int]:
    """Indices of the tokens whose lower-cased lemma is one of `lemmas` (read from the Doc's array,
    with no Token built for the others)."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    keys = doc.to_array(LEMMA).tolist()
    hits = {key for key in set(keys) if strings[key].lower() in lemmas}
    return [i for i, key in enumerate(keys) if key in hits] if hits else []


def member_triples(doc: Doc, res: Resolution, ctx: ExtractionContext) -> Iterator[RuleTriple]:
    """memberOf from "NATO ally Turkey", "an EU member, Poland" and "X is a member of Y"."""
    for i in _lemma_positions(doc, ctx.words.member_nouns):
        tok = doc[i]
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
                    if o.type in _GROUPS and c.type in _MEMBERS:
                        yield RuleTriple(c, "memberOf", o, tok.i, "kg.rules.member.v1", 0.9)
        if tok.dep_ == "attr" and tok.lemma_.lower() == "member":
            subjects = clause_subjects(tok.head, res, ctx)
            for o in prep_objects(tok, "of"):
                for a in arguments(o, res, ctx):
                    if a.entity.type in _GROUPS:
                        for s in subjects:
                            yield RuleTriple(
                                s.entity, "memberOf", a.entity, tok.i, "kg.rules.member.v1", 0.85
                            )


def place_triples(doc: Doc, res: Resolution, ctx: ExtractionContext) -> Iterator[RuleTriple]:
    """locatedIn from possessives and "in" phrases of places, descriptions and "City, Country"."""
    for i in sorted(i for i, m in res.mentions.items() if i == m.end - 1):  # each mention's last token
        tok = doc[i]
        m = res.mentions[i]
        ent = m.entities[0]
        if ent.type in _SETTLED:
            for c in tok.children:
                targets = (
                    [c]
                    if c.dep_ == "poss"
                    else (prep_objects(tok, "in") if c.dep_ == "prep" and c.lower_ == "in" else [])
                )
                for t in targets:
                    for a in arguments(t, res, ctx, place=True, conj=False):
                        if (
                            a.entity.type in PLACE_TYPES
                            and a.entity != ent
                            and (ent.type == EntityClass.FACILITY or a.entity.type == EntityClass.COUNTRY)
                        ):
                            yield RuleTriple(ent, "locatedIn", a.entity, tok.i, "kg.rules.place.v1", 0.85)
        for country in _described_place_country(tok, res, ctx):
            if ent.type in _SETTLED and ent.country in (None, country.country) and ent != country:
                yield RuleTriple(ent, "locatedIn", country, tok.i, "kg.rules.place.v1", 0.85)
        if (
            ent.type in _SETTLED
            and tok.i + 3 < len(doc)
            and doc[tok.i + 1].text == ","
            and doc[tok.i + 3].tag_ != "POS"
        ):
            nxt = res.at(doc[tok.i + 2])
            last = doc[nxt.end - 1] if nxt is not None else None
            outer = nxt.entities[0] if nxt is not None else None
            if (
                nxt is not None
                and last is not None
                and outer is not None
                and not (last.dep_ in _NAME_MODIFIER_DEPS and last.head.i > last.i)  # "U.S. trade"
                and not _listed(doc, m.start, nxt.end, res)  # "Europe, Japan and China"
                and (
                    outer.type == EntityClass.COUNTRY
                    # "Phoenix, Arizona", "Bradenton, Fla.": a city in a state or province
                    or (outer.type == EntityClass.REGION and ent.type in _SMALL_PLACES and outer.country)
                )
                and nxt.kind == MentionKind.NAME
                and ent.country in (None, outer.country)
            ):
                yield RuleTriple(ent, "locatedIn", outer, tok.i, "kg.rules.place.v1", 0.9)


def _place_noun_countries(noun: Token, res: Resolution, ctx: ExtractionContext) -> list[Entity]:
    """Countries a place noun names: "the northern Syrian city", "Iraq's second city", "a town in Syria"."""
    if noun.lemma_.lower() not in ctx.words.place_nouns:
        return []
    toks = [c for c in noun.children if c.dep_ in _PLACE_MODIFIER_DEPS]
    toks += prep_objects(noun, "in")
    out = []
    for t in toks:
        m = res.at(t)
        if m is not None and m.kind == MentionKind.NAME:
            out += [e for e in m.entities if e.type == EntityClass.COUNTRY and e not in out]
    return out


def _described_place_country(tok: Token, res: Resolution, ctx: ExtractionContext) -> list[Entity]:
    """The country a named place is put in by a description: "the Syrian city of Raqqa", "Mosul, Iraq's
    second city", "Manbij is a town in northern Syria", or plain "Aceh in Indonesia"."""
    found: list[Entity] = []
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        found += _place_noun_countries(tok.head.head, res, ctx)
    for c in tok.children:
        if c.dep_ == "appos":
            found += _place_noun_countries(c, res, ctx)
    if tok.dep_ in {"appos", "compound"}:
        # "Turkey's capital, Ankara", "Mexico's central Puebla state"
        found += _place_noun_countries(tok.head, res, ctx)
    if tok.dep_ in P.SUBJ_DEPS and tok.head.lemma_ == "be":
        found += [e for a in children(tok.head, _ATTR) for e in _place_noun_countries(a, res, ctx)]
    # "Aceh in Indonesia", "Cornwall in southwest England": the words themselves, whatever the parse
    doc = tok.doc
    i = tok.i + 1
    if i < len(doc) and doc[i].lower_ == "in":
        i += 1
        while i < len(doc) and (doc[i].lower_ == "the" or doc[i].lower_ in ctx.words.direction_words):
            i += 1
        m = res.at(doc[i]) if i < len(doc) else None
        own = res.at(tok)
        small = own is not None and own.entities[0].type in _SMALL_PLACES
        if m is not None and m.kind == MentionKind.NAME and m.start == i:
            found += [
                e
                for e in m.entities
                if e.type == EntityClass.COUNTRY or (small and e.type == EntityClass.REGION)
            ]
    return list(dict.fromkeys(found))


def _listed(doc: Doc, start: int, end: int, res: Resolution) -> bool:
    """True when "A, B" are items of a list in the text itself ("Texas, Arizona and California", "Paris,
    London, Berlin"), whatever the parse: a conjunction or another place right after B, or a place and a
    comma right before A."""
    after = doc[end] if end < len(doc) else None
    if after is not None and after.lower_ in {"and", "or", "&"}:
        return True
    if after is not None and after.text == "," and end + 1 < len(doc):
        m = res.at(doc[end + 1])
        if m is not None and m.kind == MentionKind.NAME and m.entities[0].type in PLACE_TYPES:
            return True
    if start >= 2 and doc[start - 1].text == ",":
        m = res.at(doc[start - 2])
        if m is not None and m.kind == MentionKind.NAME and m.entities[0].type in PLACE_TYPES:
            return True
    return False


def dateline_triples(doc: Doc, article: Article, ctx: ExtractionContext) -> Iterator[RuleTriple]:
    """`SEOUL, South Korea (AP)`: the dateline city is located in the country."""
    if not article.place or "," not in article.place:
        return
    gaz = ctx.gazetteer
    city_text, _, country_text = article.place.partition(",")
    country = gaz.country_by_name(country_text.strip())
    city_text = city_text.strip().title()
    if country is None or not city_text:
        return
    entry = gaz.lookup(city_text)
    city = (
        Entity(entry.name, EntityClass.CITY, country.country)
        if entry and entry.type == EntityClass.CITY
        else Entity(city_text, EntityClass.CITY, country.country)
    )
    at = doc_text(doc).find(article.place.split(",")[0])
    tok = doc.char_span(at, at + 1, alignment_mode="expand") if at >= 0 else None
    if tok is None:
        return
    yield RuleTriple(
        city,
        "locatedIn",
        Entity(country.name, EntityClass.COUNTRY, country.country),
        tok.start,
        "kg.rules.dateline.v1",
        0.95,
    )

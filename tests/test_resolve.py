"""Tests for kg.resolve: mentions of an article resolved to canonical entities (real spaCy model).

Sentences are written for these tests; actors are general knowledge or invented people.
"""

from __future__ import annotations

import pytest

from kg.records import Article, Entity
from kg.resolve import Resolution, resolve_doc


def _resolve(nlp, text: str, *, place: str = "") -> tuple[object, Resolution]:
    doc = nlp(text)
    return doc, resolve_doc(doc, Article(id="t", text=text, place=place))


def _at(doc, res: Resolution, word: str, nth: int = 1) -> tuple[str, ...]:
    """Canonical names the nth token spelled `word` refers to (() when it is no mention)."""
    hits = [t for t in doc if t.text == word]
    assert len(hits) >= nth, f"{word!r} occurs {len(hits)} times"
    mention = res.at(hits[nth - 1])
    return tuple(e.name for e in mention.entities) if mention else ()


@pytest.mark.parametrize(
    ("text", "word", "nth", "expected"),
    [
        # gazetteer names and aliases, canonical as Wikidata labels them
        pytest.param(
            "Erdogan said Ankara would respond.",
            "Erdogan",
            1,
            ("Recep Tayyip Erdoğan",),
            id="alias-diacritics",
        ),
        pytest.param(
            "The U.S. and the UK condemned the move.", "U.S.", 1, ("United States",), id="acronym-us"
        ),
        pytest.param(
            "The U.S. and the UK condemned the move.", "UK", 1, ("United Kingdom",), id="acronym-uk"
        ),
        pytest.param("Türkiye objected to the plan.", "Türkiye", 1, ("Turkey",), id="country-alias"),
        # titles stripped
        pytest.param(
            "President Lula spoke first. Lula then left.",
            "Lula",
            1,
            ("Luiz Inácio Lula da Silva",),
            id="title-stripped",
        ),
        pytest.param(
            "Senator Paulo Ribeiro criticized the plan.",
            "Paulo",
            1,
            ("Paulo Ribeiro",),
            id="title-stripped-unknown-person",
        ),
        # within-article alias chains
        pytest.param(
            "Narendra Modi met reporters. Later, Modi left for Tokyo.",
            "Modi",
            1,
            ("Narendra Modi",),
            id="alias-chain-gazetteer",
        ),
        pytest.param(
            "Senator Paulo Ribeiro criticized the plan. Later that day, Ribeiro met Argentine diplomats.",
            "Ribeiro",
            2,
            ("Paulo Ribeiro",),
            id="alias-chain-invented",
        ),
        pytest.param(
            "Chilean Foreign Minister Ana Rojas met Peruvian officials. On Monday, Rojas flew to Lima.",
            "Rojas",
            2,
            ("Ana Rojas",),
            id="alias-chain-surname-mislabelled",
        ),
        # demonym + group noun -> the country
        pytest.param(
            "Russian officials met Chinese forces.", "officials", 1, ("Russia",), id="demonym-officials"
        ),
        pytest.param("Russian officials met Chinese forces.", "forces", 1, ("China",), id="demonym-forces"),
        pytest.param(
            "The Turkish government protested.", "government", 1, ("Turkey",), id="demonym-government"
        ),
        pytest.param(
            "Hungarian and Slovak diplomats met in Vienna.",
            "diplomats",
            1,
            ("Hungary", "Slovakia"),
            id="coordinated-demonyms",
        ),
        # pronouns and descriptions
        pytest.param(
            "Takaichi spoke on Monday. She criticized China.", "She", 1, ("Sanae Takaichi",), id="pronoun-she"
        ),
        pytest.param(
            "India and Japan signed a deal. They also condemned North Korea.",
            "They",
            1,
            ("India", "Japan"),
            id="pronoun-they-coordination",
        ),
        pytest.param(
            "Erdogan met Pezeshkian in Ankara. They condemned Israel.",
            "They",
            1,
            ("Recep Tayyip Erdoğan", "Masoud Pezeshkian"),
            id="pronoun-they-subject-and-object",
        ),
        pytest.param(
            "Germany and France signed a deal. Both countries praised it.",
            "countries",
            1,
            ("Germany", "France"),
            id="both-countries",
        ),
        pytest.param(
            "Modi met Lula in Brasilia. The two leaders spoke.",
            "leaders",
            1,
            ("Luiz Inácio Lula da Silva", "Narendra Modi"),
            id="the-two-leaders",
        ),
        pytest.param(
            "North Korea tested a missile. The reclusive nation threatened Japan.",
            "nation",
            1,
            ("North Korea",),
            id="the-reclusive-nation",
        ),
        pytest.param(
            "Brazilian President João Costa spoke. The Brazilian president left.",
            "president",
            1,
            ("João Costa",),
            id="demonym-title-description-invented",
        ),
        pytest.param(
            "Iranian President Masoud Pezeshkian spoke. The Iranian president left.",
            "president",
            1,
            ("Masoud Pezeshkian",),
            id="demonym-title-description-gazetteer",
        ),
        pytest.param(
            "Donald Trump spoke on Friday. The US leader left.",
            "leader",
            1,
            ("Donald Trump",),
            id="the-us-leader",
        ),
        # things relations deal in keep plain lower-case names
        pytest.param(
            "Japan sent munitions, drones and fighter jets.", "munitions", 1, ("munitions",), id="item"
        ),
        pytest.param(
            "Japan sent munitions, drones and fighter jets.",
            "jets",
            1,
            ("fighter jets",),
            id="item-two-words",
        ),
        pytest.param("The sanctions hurt the economy.", "sanctions", 1, ("sanctions",), id="policy"),
    ],
)
def test_resolve_mention(nlp, text, word, nth, expected):
    doc, res = _resolve(nlp, text)
    got = _at(doc, res, word, nth)
    assert set(got) == set(expected) and len(got) == len(expected)


@pytest.mark.parametrize(
    ("text", "word", "place", "seat"),
    [
        pytest.param(
            "Pyongyang fired a missile.", "Pyongyang", ("Pyongyang", "City"), "North Korea", id="capital"
        ),
        pytest.param(
            "The White House criticized Beijing.",
            "White",
            ("White House", "Facility"),
            "United States",
            id="seat-of-government",
        ),
        pytest.param(
            "The Kremlin said Washington had provoked the crisis.",
            "Kremlin",
            ("Kremlin", "Facility"),
            "Russia",
            id="kremlin",
        ),
        pytest.param(
            "The Kremlin said Washington had provoked the crisis.",
            "Washington",
            ("Washington", "City"),
            "United States",
            id="washington",
        ),
    ],
)
def test_resolve_metonymy_keeps_place_and_seat(nlp, text, word, place, seat):
    """A capital or seat is kept as the place, with the country it stands for when it acts."""
    doc, res = _resolve(nlp, text)
    mention = res.at(next(t for t in doc if t.text == word))
    assert mention is not None
    assert (mention.entities[0].name, mention.entities[0].type) == place
    assert mention.seat is not None and mention.seat.name == seat


@pytest.mark.parametrize(
    ("text", "person", "role", "of", "country"),
    [
        pytest.param(
            "Iranian President Masoud Pezeshkian spoke.",
            "Masoud Pezeshkian",
            "leader",
            "Iran",
            "IRN",
            id="demonym-president",
        ),
        pytest.param(
            "Subrahmanyam Jaishankar, India's foreign minister, spoke.",
            "Subrahmanyam Jaishankar",
            "official",
            "India",
            "IND",
            id="apposition-minister",
        ),
        pytest.param(
            "Chilean Foreign Minister Ana Rojas met Peruvian officials.",
            "Ana Rojas",
            "official",
            "Chile",
            "CHL",
            id="invented-minister",
        ),
        pytest.param(
            "Brazilian President João Costa spoke.",
            "João Costa",
            "leader",
            "Brazil",
            "BRA",
            id="invented-president",
        ),
        pytest.param(
            "Senator Paulo Ribeiro of Brazil criticized the plan.",
            "Paulo Ribeiro",
            "official",
            "Brazil",
            "BRA",
            id="senator-of",
        ),
    ],
)
def test_resolve_roles_from_titles(nlp, text, person, role, of, country):
    _, res = _resolve(nlp, text)
    found = {(r.person.name, r.role, r.of.name) for r in res.roles}
    assert (person, role, of) in found
    people = {e.name: e for e in res.entities if e.type == "Person"}
    assert people[person].country == country


def test_resolve_entities_are_canonical_and_ordered(nlp):
    _, res = _resolve(nlp, "Japan and Brazil met. Later, Brazilian officials visited Tokyo.")
    names = [e.name for e in res.entities]
    assert names.index("Japan") < names.index("Brazil") < names.index("Tokyo")
    assert Entity("Japan", "Country", "JPN") in res.entities
    assert len(names) == len(set(res.entities))


def test_resolve_dateline_names_are_not_mentions(nlp):
    text = "NAIROBI, Kenya (AFP) - Ruto spoke on Monday."
    doc, res = _resolve(nlp, text, place="NAIROBI, Kenya")
    assert _at(doc, res, "NAIROBI") == ()
    assert _at(doc, res, "Kenya") == ()
    assert _at(doc, res, "Ruto") == ("William Ruto",)


def test_resolve_is_deterministic(nlp):
    text = "Modi met Lula in Brasilia. The two leaders spoke. They criticized the IMF."
    doc = nlp(text)
    article = Article(id="t", text=text)
    assert resolve_doc(doc, article) == resolve_doc(doc, article)


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("Tunisia mourned. Tunisian police searched Tunis. Gunmen struck in Sousse.", "TUN"),
        ("Greece and Turkey argued. Greek and Turkish ships met off Athens and Ankara.", None),  # a tie
        ("Russia spoke.", None),  # too few mentions
        ("", None),
    ],
)
def test_resolve_home_country_needs_a_clear_majority(nlp, text, home):
    from kg.gazetteer import load_gazetteer
    from kg.resolve.home import home_country

    assert home_country(nlp(text), load_gazetteer()) == home

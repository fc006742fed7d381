"""The six event predicates of guidelines version 2 on the real spaCy model: demands, protests,
coerces, mobilizesAgainst, aids and easesPressureOn, with sentences written for these tests.

Positive cases check that the expected triples are asserted; negative ones that a triple is absent
(a polite request is no demand, expelling diplomats stays `sanctions`, lifting a curfew on no one is
no easing, ...). The rules alone are tested (`--source rules`), so a model change cannot hide a rule gap.
"""

from __future__ import annotations

import pytest

from kg.ontology import symmetric
from kg.records import Article
from kg.relations.component import extract_doc


def _triples(nlp, text: str) -> set[tuple[str, str, str]]:
    res = extract_doc(nlp(text), Article(id="t", text=text), source="rules")
    sym = symmetric()
    return {(r.subject.name, r.predicate, r.object.name) for r in res.relations if r.predicate not in sym}


POSITIVE = [
    ("Germany demanded that Iran release the detained journalists.", ("Germany", "demands", "Iran")),
    (
        "The European Union urged Serbia to recognise the election result.",
        ("European Union", "demands", "Serbia"),
    ),
    ("Washington pressed Pakistan to close the border crossings.", ("United States", "demands", "Pakistan")),
    ("France called on Mali to hold elections within a year.", ("France", "demands", "Mali")),
    ("Japan said North Korea must return the abducted citizens.", ("Japan", "demands", "North Korea")),
    (
        "Thousands of Armenians demonstrated against Azerbaijan outside the embassy.",
        ("Armenia", "protests", "Azerbaijan"),
    ),
    pytest.param(
        "Chinese students rallied against Japan in Shanghai.",
        ("China", "protests", "Japan"),
        marks=pytest.mark.xfail(
            strict=True, reason="a crowd named by a demonym and a common noun is no mention"
        ),
    ),
    ("Iran arrested two British citizens on spying charges.", ("Iran", "coerces", "United Kingdom")),
    ("Egypt detained three Sudanese fishermen near the border.", ("Egypt", "coerces", "Sudan")),
    ("Russia massed troops near Ukraine in the spring.", ("Russia", "mobilizesAgainst", "Ukraine")),
    ("Norway sent humanitarian aid to Yemen after the floods.", ("Norway", "aids", "Yemen")),
    ("Ecuador granted asylum to Julian Assange in 2012.", ("Ecuador", "aids", "Julian Assange")),
    (
        "The United States lifted sanctions on Venezuela in October.",
        ("United States", "easesPressureOn", "Venezuela"),
    ),
    ("Turkey withdrew its troops from Syria last year.", ("Turkey", "easesPressureOn", "Syria")),
]

NEGATIVE = [
    ("Germany asked Iran for information about the journalists.", ("Germany", "demands", "Iran")),
    ("Japan did not urge South Korea to act.", ("Japan", "demands", "South Korea")),
    ("Poland expelled three Russian diplomats.", ("Poland", "coerces", "Russia")),
    ("Argentina might send aid to Chile.", ("Argentina", "aids", "Chile")),
    ("Canada refused to lift sanctions on Iran.", ("Canada", "easesPressureOn", "Iran")),
    ("Kenya sold rifles to Somalia.", ("Kenya", "aids", "Somalia")),
]


def _id(case) -> str:
    text, triple = case.values if hasattr(case, "values") else case
    return f"{triple[1]}:{text[:30]}"


@pytest.mark.parametrize(("text", "triple"), POSITIVE, ids=[_id(c) for c in POSITIVE])
def test_guidelines_v2_positive(nlp, text, triple):
    found = _triples(nlp, text)
    assert triple in found, f"missing {triple}; found {found}"


@pytest.mark.parametrize(("text", "triple"), NEGATIVE, ids=[_id(c) for c in NEGATIVE])
def test_guidelines_v2_negative(nlp, text, triple):
    assert triple not in _triples(nlp, text)


def test_guidelines_v2_expelling_diplomats_stays_sanctions(nlp):
    assert ("Poland", "sanctions", "Russia") in _triples(nlp, "Poland expelled three Russian diplomats.")

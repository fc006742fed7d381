"""Word sets (kg/data/wordsets.toml): each is read by the code, overlaps are documented, bad data fails."""

from __future__ import annotations

import itertools
import re
import tomllib
from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.relations.lexicon import load_lexicon
from kg.resources import data_file, ontology_file
from kg.wordsets import load_word_sets, parse_word_sets, resolve_sets, set_names

ROOT = Path(__file__).resolve().parent.parent
RAW = tomllib.loads(data_file("wordsets.toml").read_text(encoding="utf-8"))


def _code() -> str:
    files = sorted((ROOT / "kg").rglob("*.py"))
    return "\n".join(f.read_text(encoding="utf-8") for f in files if f.name != "wordsets.py")


def _descendants(name: str) -> set[str]:
    """A set and every set it includes, transitively."""
    out = {name}
    for inc in RAW["sets"][name].get("include", []):
        out |= _descendants(inc)
    return out


def test_wordsets_every_set_is_read_by_the_code():
    code = _code()
    read = {n for n in set_names() if re.search(rf"\.{n}\b", code)}
    themed = {n for sets in RAW["themes"].values() for n in sets} if re.search(r"\.themes\b", code) else set()
    used = set().union(*(_descendants(n) for n in read | themed))
    assert sorted(set(set_names()) - used) == []


def test_wordsets_every_theme_is_named_by_the_lexicon_and_every_lexicon_theme_exists():
    themes = set(load_word_sets().themes)
    text = ontology_file("lexicon.tsv").read_text(encoding="utf-8")
    named = set(
        re.findall(r"theme:([a-z]+)", "\n".join(ln for ln in text.splitlines() if not ln.startswith("#")))
    )
    assert named <= themes
    assert themes <= named
    lex = load_lexicon()
    frames = [f for group in (*lex.verbs.values(), *lex.nouns.values()) for f in group]
    assert {t for f in frames for t in f.themes} == named


def test_wordsets_words_are_lower_case_and_sets_have_docs():
    for name, entry in RAW["sets"].items():
        assert entry["doc"].strip(), name
        assert all(w == w.lower() and w.strip() == w for w in entry.get("words", [])), name


def test_wordsets_every_overlap_is_documented():
    """A word in the own words of two sets is in an [[overlaps]] entry naming both (or one is `within` the
    other); and every entry is accurate: each of its words is in at least two of its sets."""
    own = {n: set(e.get("words", [])) for n, e in RAW["sets"].items()}
    within = {n: set().union(*(_descendants(w) for w in e.get("within", []))) for n, e in RAW["sets"].items()}
    entries = RAW["overlaps"]
    missing = []
    for a, b in itertools.combinations(sorted(own), 2):
        if b in within[a] or a in within[b]:
            continue
        for w in sorted(own[a] & own[b]):
            if not any(w in e["words"] and {a, b} <= set(e["sets"]) for e in entries):
                missing.append((w, a, b))
    assert missing == []
    for e in entries:
        assert set(e["sets"]) <= set(own), e["sets"]
        assert e["why"].strip()
        for w in e["words"]:
            assert len([n for n in e["sets"] if w in own[n]]) >= 2, (w, e["sets"])


def test_wordsets_includes_and_tables_resolve():
    words = load_word_sets()
    assert words.person_titles == words.leader_titles | words.official_titles
    assert words.conditional_marks == words.threat_condition_marks | {"whether"}
    assert words.held_nouns <= words.action_nouns
    assert words.themes["aid"] == words.ties_nouns | words.aid_nouns
    assert words.themes["item"] == frozenset()
    assert words.us_parties["gop"] == "Republican Party"


_GOOD = """
[sets.a]
doc = "a"
words = ["x"]
[sets.b]
doc = "b"
include = ["a"]
within = ["a"]
[themes]
t = ["a", "b"]
"""


def test_wordsets_small_file_resolves_includes_and_themes():
    sets, themes = resolve_sets(tomllib.loads(_GOOD), source="my.toml", names=("a", "b"))
    assert sets == {"a": {"x"}, "b": {"x"}} and themes == {"t": {"x"}}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[sets.a]\ndoc = "a"\nwords = ["x", "x"]', "sets.a.words: repeated x"),
        ('[sets.a]\nwords = ["x"]', "sets.a: every set has a doc"),
        ('[sets.a]\ndoc = "a"\ninclude = ["zz"]', "sets.a: no set 'zz'"),
        ('[sets.a]\ndoc = "a"\ninclude = ["a"]', "sets.a includes itself"),
        ('[sets.a]\ndoc = "a"\nwords = ["y"]\nwithin = ["b"]\n[sets.b]\ndoc = "b"', "sets.a: y not within"),
        ('[sets.a]\ndoc = "a"\n[themes]\nt = ["zz"]', "themes.t: no set 'zz'"),
        ('[sets.zz]\ndoc = "z"', r"unknown sets \['zz'\], missing sets \['a'\]"),
    ],
)
def test_wordsets_bad_sets_name_source_and_set(text, message):
    with pytest.raises(ConfigError, match=message) as err:
        resolve_sets(tomllib.loads(text), source="my.toml", names=("a", "b") if "sets.b" in text else ("a",))
    assert str(err.value).startswith("my.toml: ")


def test_wordsets_bad_toml_names_source():
    with pytest.raises(ConfigError, match="my.toml: "):
        parse_word_sets("[sets.a\n", source="my.toml")

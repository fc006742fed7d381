"""The closed word lists the rules read (`kg/data/wordsets.toml`), loaded into a typed record.

Each set has a meaning (its `doc`), its own words, and may `include` other sets, whose words are listed
once, there. A set may also declare the sets it is a selection of (`within`); the loader checks it.

>>> words = load_word_sets()
>>> "troop" in words.group_nouns and "whether" in words.conditional_marks
True
>>> sorted(words.themes["aid"] - words.ties_nouns)[:3]
['asylum', 'backing', 'boost']
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from types import MappingProxyType

from .errors import ConfigError
from .resources import data_file

__all__ = ["WordSets", "load_word_sets", "parse_word_sets", "resolve_sets", "set_names"]


@dataclass(frozen=True, slots=True)
class WordSets:
    """Every closed word list of the rules, by name (see `kg/data/wordsets.toml` for what each means)."""

    # modality
    modal_hedges: frozenset[str]
    hedge_governors: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_adjectives: frozenset[str]
    appeal_verbs: frozenset[str]
    appeal_call_preps: frozenset[str]
    negative_governors: frozenset[str]
    negative_determiners: frozenset[str]
    threat_condition_marks: frozenset[str]
    conditional_marks: frozenset[str]
    threat_triggers: frozenset[str]
    future_aux: frozenset[str]
    scene_words: frozenset[str]
    # clauses
    object_control: frozenset[str]
    on_control_verbs: frozenset[str]
    light_verbs: frozenset[str]
    topic_object_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    statement_nouns: frozenset[str]
    commitment_verbs: frozenset[str]
    purpose_verbs: frozenset[str]
    labelling_verbs: frozenset[str]
    negative_labels: frozenset[str]
    positive_labels: frozenset[str]
    tone_reporting_verbs: frozenset[str]
    hostile_acts: frozenset[str]
    blame_adjectives: frozenset[str]
    # arguments
    national_titles: frozenset[str]
    state_forces: frozenset[str]
    group_nouns: frozenset[str]
    armed_group_nouns: frozenset[str]
    org_head_nouns: frozenset[str]
    government_body_words: frozenset[str]
    held_nouns: frozenset[str]
    attack_nouns: frozenset[str]
    action_nouns: frozenset[str]
    civilian_nouns: frozenset[str]
    territory_nouns: frozenset[str]
    target_nouns: frozenset[str]
    partitive_nouns: frozenset[str]
    fraction_nouns: frozenset[str]
    people_nouns: frozenset[str]
    information_nouns: frozenset[str]
    # themes
    ties_nouns: frozenset[str]
    aid_nouns: frozenset[str]
    weapon_nouns: frozenset[str]
    coercion_nouns: frozenset[str]
    penalty_nouns: frozenset[str]
    envoy_nouns: frozenset[str]
    # descriptions
    country_nouns: frozenset[str]
    country_descriptions: frozenset[str]
    singular_country_descriptions: frozenset[str]
    person_descriptions: frozenset[str]
    singular_person_descriptions: frozenset[str]
    pair_determiners: frozenset[str]
    definite_determiners: frozenset[str]
    indefinite_determiners: frozenset[str]
    person_pronouns: frozenset[str]
    it_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    # titles
    leader_titles: frozenset[str]
    leader_title_phrases: frozenset[str]
    official_titles: frozenset[str]
    person_titles: frozenset[str]
    title_modifiers: frozenset[str]
    title_words: frozenset[str]
    subordinate_title_words: frozenset[str]
    past_markers: frozenset[str]
    title_nouns: frozenset[str]
    for_destination_titles: frozenset[str]
    party_role_nouns: frozenset[str]
    plural_titles: frozenset[str]
    title_abbreviations: frozenset[str]
    state_titles: frozenset[str]
    state_office_words: frozenset[str]
    local_leader_titles: frozenset[str]
    org_name_ends: frozenset[str]
    org_descriptions: frozenset[str]
    member_nouns: frozenset[str]
    # names and places
    name_function_words: frozenset[str]
    facility_words: frozenset[str]
    sub_body_words: frozenset[str]
    place_nouns: frozenset[str]
    direction_words: frozenset[str]
    # tables
    us_parties: Mapping[str, str]  # party adjective -> the party's gazetteer name
    themes: Mapping[str, frozenset[str]]  # lexicon `theme:<name>` -> the words a frame's object must be


_TABLES = ("us_parties", "themes")


def set_names() -> tuple[str, ...]:
    """Names of the word sets of `WordSets`, in declaration order (the tables left out)."""
    return tuple(f.name for f in fields(WordSets) if f.name not in _TABLES)


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    if len(set(value)) != len(value):
        dup = sorted({v for v in value if value.count(v) > 1})
        raise ConfigError(f"{where}: repeated {', '.join(dup)}")
    return value


def resolve_sets(
    data: Mapping, *, source: str, names: Sequence[str]
) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Check parsed word-set data and resolve every set's includes and every theme.

    data (Mapping): the parsed TOML. names (Sequence[str]): the sets it must define, no more, no fewer.
    RETURNS (tuple): (words by set name, words by theme name).
    RAISES ConfigError: naming the source and the set for an unknown or missing set, a repeated word,
        an unknown include, within or theme set, an include cycle, or a word outside its `within` sets.
    """
    raw = data.get("sets", {})
    unknown = sorted(set(raw) - set(names))
    missing = [n for n in names if n not in raw]
    if unknown or missing:
        raise ConfigError(f"{source}: unknown sets {unknown}, missing sets {missing}")
    own: dict[str, list[str]] = {}
    links: dict[str, tuple[list[str], list[str]]] = {}
    for name, entry in raw.items():
        where = f"{source}: sets.{name}"
        if not isinstance(entry, dict) or not isinstance(entry.get("doc"), str):
            raise ConfigError(f"{where}: every set has a doc string")
        own[name] = _strings(entry.get("words", []), f"{where}.words")
        links[name] = (
            _strings(entry.get("include", []), f"{where}.include"),
            _strings(entry.get("within", []), f"{where}.within"),
        )
        for ref in (*links[name][0], *links[name][1]):
            if ref not in raw:
                raise ConfigError(f"{where}: no set '{ref}'")
    full: dict[str, frozenset[str]] = {}

    def resolve(name: str, path: tuple[str, ...] = ()) -> frozenset[str]:
        if name in path:
            raise ConfigError(f"{source}: sets.{name} includes itself ({' > '.join((*path, name))})")
        if name not in full:
            words = set(own[name])
            for inc in links[name][0]:
                words |= resolve(inc, (*path, name))
            full[name] = frozenset(words)
        return full[name]

    for name in names:
        resolve(name)
        outside = sorted(set(own[name]) - set().union(*(resolve(w) for w in links[name][1])))
        if links[name][1] and outside:
            raise ConfigError(f"{source}: sets.{name}: {', '.join(outside)} not within {links[name][1]}")
    themes: dict[str, frozenset[str]] = {}
    for theme, sets in data.get("themes", {}).items():
        for name in _strings(sets, f"{source}: themes.{theme}"):
            if name not in full:
                raise ConfigError(f"{source}: themes.{theme}: no set '{name}'")
        themes[theme] = frozenset().union(*(full[n] for n in sets))
    return {n: full[n] for n in names}, themes


def parse_word_sets(text: str, *, source: str = "wordsets") -> WordSets:
    """Parse word-set TOML into a WordSets record (see `resolve_sets` for the checks).

    RAISES ConfigError: naming the source (and the set) for bad TOML or bad sets.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{source}: {err}") from err
    sets, themes = resolve_sets(data, source=source, names=set_names())
    parties = data.get("parties", {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in parties.items()):
        raise ConfigError(f"{source}: [parties] maps adjectives to party names")
    return WordSets(**sets, us_parties=MappingProxyType(dict(parties)), themes=MappingProxyType(themes))


@cache
def load_word_sets(path: str | None = None) -> WordSets:
    """Load and cache the word sets shipped in `kg/data/wordsets.toml` (or another file)."""
    file = Path(path) if path else data_file("wordsets.toml")
    return parse_word_sets(file.read_text(encoding="utf-8"), source=str(file))

"""The gazetteer: the general-knowledge table of actors that entity resolution uses.

Countries, their ISO codes and library names come from country_converter and pycountry
(generated into `kg/data/gazetteer/countries.json` by `tools/build_gazetteer.py`).
Everything no library ships is curated JSON beside it: canonical news labels, aliases,
demonyms and capitals (`country_info.json`), organisations, blocs and government bodies
(`organisations.json`), people (`people.json`), seats of government, regions, cities and
facilities (`places.json`), and the items, policies and agreements relations deal in
(`things.json`).

Matching rules (`normalise`, `Gazetteer.lookup`):

- diacritics and typographic quotes are folded, a leading "the " and a trailing "'s" are
  dropped, dots inside acronyms go ("U.S." == "US"), hyphens and commas become spaces;
- short all-caps acronyms match case-sensitively ("US" never matches "us");
- a capitalised one-word alias ("Turkey", "Putin") does not match all-lower-case text
  ("turkey"); everything else matches case-insensitively.

>>> gaz = load_gazetteer()
>>> gaz.lookup("the U.S.").name
'United States'
>>> gaz.lookup("us") is None
True
>>> gaz.demonym("North Koreans")
'PRK'
>>> gaz.seat("the Kremlin").seat_of
'RUS'
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from kg.errors import ConfigError
from kg.resources import data_file

__all__ = [
    "Office",
    "GazEntry",
    "Gazetteer",
    "load_gazetteer",
    "build_gazetteer",
    "normalise",
    "fold",
    "plural_people",
    "ENTRY_TYPES",
    "NER_LABELS",
    "DATA_FILES",
]

ENTRY_TYPES = (
    "Country",
    "Person",
    "Organization",
    "Bloc",
    "City",
    "Region",
    "Facility",
    "Item",
    "Policy",
    "Agreement",
)
# spaCy NER label an EntityRuler pattern gets, per entry type (types missing here get no pattern).
NER_LABELS = {
    "Country": "GPE",
    "City": "GPE",
    "Bloc": "GPE",
    "Region": "LOC",
    "Facility": "FAC",
    "Organization": "ORG",
    "Person": "PERSON",
}
# Who keeps an alias two entries share: the lower rank wins (the data is curated so none do).
_RANK = {
    "Country": 0,
    "Bloc": 1,
    "Organization": 2,
    "City": 3,
    "Region": 4,
    "Facility": 5,
    "Person": 6,
    "Agreement": 7,
    "Policy": 8,
    "Item": 9,
}
DATA_FILES = ("organisations.json", "people.json", "places.json", "things.json")
_ENTRY_KEYS = frozenset({"name", "type", "country", "aliases", "role", "of", "seat_of"})
_ROLES = {"Person": {"leader", "official"}, "City": {"capital"}, "Organization": {"government"}}
# All-caps acronyms that are also English words: kept for lookup, left out of ruler patterns.
_RULER_SKIP = frozenset({"IS", "RT"})
_PLURAL_STOP = ("ese", "ss", "sh", "ch", "x", "z", "y", "ic", "o", ".")
# One-word aliases that are compass words ("West") match in ruler patterns only after "the".
_NEEDS_ARTICLE = frozenset({"west", "east", "north", "south"})

_QUOTES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u02bb": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)
_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
    }
)
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$", re.IGNORECASE)
_ACRONYM_DOTS = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_SPACES = re.compile(r"\s+")
_EDGE = ' \t\n"()[]{}:;!?'
_SAINT = re.compile(r"^(Saint|St\.|St) ")
# "U.S.-led", "Iranian-backed": a demonym or country glued to a participle.
_ACTOR_COMPOUND = re.compile(
    r"^(?P<head>.+?)-(?:led|backed|brokered|made|built|based|funded|supplied|sponsored|"
    r"allied|aligned|controlled|occupied|run|owned|designed|imposed|drafted|mediated|"
    r"held|annexed|bound|friendly|leaning|installed|armed|trained)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Office:
    """A title whose holder sits in a body: "Sen." is an official of the United States Senate.

    body (str): canonical name of the body; role (str): "leader" | "official"; country (str): its ISO3;
    national (bool): the title alone says the country (else only for people known to be of it).
    """

    body: str
    role: str
    country: str
    national: bool = True


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer entry.

    name (str): canonical label (English Wikidata-style common label).
    type (str): one of ENTRY_TYPES.
    country (str | None): ISO 3166 alpha-3 code of the entity's country; None for IGOs.
    aliases (tuple[str, ...]): other surface forms (the canonical name is always matched too).
    role (str | None): persons "leader" | "official"; cities "capital"; orgs "government".
    of (str | None): persons: canonical name of the country or organisation they lead or
        serve; a seat that stands for an organisation (Brussels): that organisation.
    seat_of (str | None): metonyms (capitals, Kremlin, White House): ISO3 they stand for.
    """

    name: str
    type: str
    country: str | None
    aliases: tuple[str, ...] = ()
    role: str | None = None
    of: str | None = None
    seat_of: str | None = None

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases."""
        return (self.name, *self.aliases)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold diacritics and typographic quotes: "Erdoğan’s" -> "Erdogan's"."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)  # pure, and asked for the same names over and over
def _surface(text: str) -> str:
    """Folded, trimmed form of a mention with its case kept (the core of `normalise`)."""
    text = fold(text).strip(_EDGE)
    text = _THE.sub("", text)
    text = _POSSESSIVE.sub("", text)
    text = _ACRONYM_DOTS.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _WORD_HYPHEN.sub(" ", text.replace(",", " "))
    text = _SPACES.sub(" ", text).strip(_EDGE)
    if text.endswith(".") and len(text) > 2:
        text = text[:-1].rstrip()
    return text


def _is_acronym(surface: str) -> bool:
    """True for short all-caps forms such as "US", "NATO", "G7", "OPEC+"."""
    return " " not in surface and 2 <= len(surface) <= 6 and surface.isupper()


def _is_proper_word(surface: str) -> bool:
    """True for a capitalised one-word form such as "Turkey" or "Putin"."""
    return " " not in surface and surface[:1].isupper() and not _is_acronym(surface)


def normalise(text: str) -> str:
    """Return the lookup key of a surface form.

    Acronyms keep their case; everything else is lower-cased.

    >>> normalise("The U.S.'s")
    'US'
    >>> normalise("Kim Jong-un")
    'kim jong un'
    >>> normalise("Recep Tayyip Erdoğan’s")
    'recep tayyip erdogan'
    """
    surface = _surface(text)
    return surface if _is_acronym(surface) else surface.lower()


def title_key(text: str) -> str:
    """A title folded for matching: lower case, no dots, single spaces ("Sen." → "sen")."""
    return " ".join(text.replace(".", " ").lower().split())


def plural_people(demonym: str) -> str | None:
    """Regular plural of a people noun ("Russian" -> "Russians"), or None when irregular."""
    if not demonym or demonym.endswith(_PLURAL_STOP) or demonym.isupper():
        return None
    return demonym + "s"


def _saint_variants(name: str) -> list[str]:
    """ "Saint Lucia" <-> "St. Lucia" <-> "St Lucia"."""
    match = _SAINT.match(name)
    if not match:
        return []
    rest = name[match.end() :]
    return [f"{prefix} {rest}" for prefix in ("Saint", "St.", "St") if prefix != match.group(1)]


_MEMO_LIMIT = 200_000  # remembered lookups (mention texts) before the memo starts again


class _Index:
    """Alias keys -> entries, with the case rules and a record of conflicts."""

    def __init__(self) -> None:
        self.exact: dict[str, GazEntry] = {}
        self.folded: dict[str, tuple[GazEntry, bool]] = {}
        self.conflicts: list[tuple[str, str, str]] = []
        self._memo: dict[str, GazEntry | None] = {}  # answers of `get` (text is normalised by regexes)

    def add(self, alias: str, entry: GazEntry) -> None:
        """Index one alias of an entry."""
        self._memo.clear()
        surface = _surface(alias)
        if not surface:
            return
        if _is_acronym(surface):
            self._put(self.exact, surface, entry, entry)
        else:
            self._put(self.folded, surface.lower(), (entry, _is_proper_word(surface)), entry)

    def _put(self, table: dict, key: str, value: object, entry: GazEntry) -> None:
        """Store a key; when two entries claim it, keep the higher-ranked and record it."""
        old = table.get(key)
        if old is None:
            table[key] = value
            return
        old_entry = old[0] if isinstance(old, tuple) else old
        if old_entry is entry:
            return
        if _RANK[entry.type] < _RANK[old_entry.type]:
            table[key] = value
            self.conflicts.append((key, entry.name, old_entry.name))
        else:
            self.conflicts.append((key, old_entry.name, entry.name))

    def get(self, text: str) -> GazEntry | None:
        """Find the entry of a mention under the case rules (answers are remembered)."""
        try:
            return self._memo[text]
        except KeyError:
            pass
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        found = self._memo[text] = self._find(text)
        return found

    def _find(self, text: str) -> GazEntry | None:
        surface = _surface(text)
        if not surface:
            return None
        if _is_acronym(surface) and surface in self.exact:
            return self.exact[surface]
        hit = self.folded.get(surface.lower())
        if hit is None:
            return None
        entry, proper = hit
        if proper and (surface.islower() or (surface.isupper() and len(surface) < 4)):
            return None
        return entry


class Gazetteer:
    """The loaded gazetteer with its lookup tables.

    entries (tuple[GazEntry, ...]): every entry, in a stable order.
    conflicts (tuple[tuple[str, str, str], ...]): (alias key, kept entry, dropped entry) for
        curated aliases two entries claim; the data is curated to keep this empty.
    """

    def __init__(
        self,
        entries: Iterable[GazEntry],
        *,
        demonyms: dict[str, list[str]] | None = None,
        bloc_adjectives: dict[str, str] | None = None,
        titles: dict[str, str] | None = None,
        offices: dict[str, Office] | None = None,
    ) -> None:
        self.entries: tuple[GazEntry, ...] = tuple(entries)
        self._given: frozenset[str] | None = None
        self._titles = dict(sorted((titles or {}).items(), key=lambda kv: (-len(kv[0]), kv[0])))
        self._offices = dict(sorted((offices or {}).items(), key=lambda kv: (-len(kv[0]), kv[0])))
        self._by_name = {e.name: e for e in self.entries}
        self._countries = {e.country: e for e in self.entries if e.type == "Country" and e.country}
        self._demonym_forms = {iso: tuple(forms) for iso, forms in sorted((demonyms or {}).items())}
        index = _Index()
        for entry in self.entries:
            for alias in entry.surface_forms:
                index.add(alias, entry)
        self._index = index
        self.conflicts: tuple[tuple[str, str, str], ...] = tuple(index.conflicts)
        self._demonyms: dict[str, tuple[str, bool]] = {}
        for iso, forms in self._demonym_forms.items():
            for form in forms:
                surface = _surface(form)
                key = surface if _is_acronym(surface) else surface.lower()
                self._demonyms.setdefault(key, (iso, _is_proper_word(surface)))
        self._bloc_words = tuple(sorted((bloc_adjectives or {}).items()))
        self._bloc_adjectives = {_surface(w).lower(): self._by_name[name] for w, name in self._bloc_words}

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GazEntry]:
        return iter(self.entries)

    def get(self, name: str) -> GazEntry | None:
        """The entry with exactly this canonical name."""
        return self._by_name.get(name)

    def lookup(self, text: str) -> GazEntry | None:
        """Exact match of a normalised alias; None when unknown."""
        return self._index.get(text)

    @property
    def given_names(self) -> frozenset[str]:
        """First words of the people the gazetteer knows ("John", "Vladimir"): common given names."""
        if self._given is None:
            self._given = frozenset(
                e.name.split()[0] for e in self.entries if e.type == "Person" and " " in e.name
            )
        return self._given

    def title_country(self, words: Iterable[str]) -> str | None:
        """The ISO3 code of the country whose office the title words name ("Sen.", "Foreign Secretary")."""
        text = f" {title_key(' '.join(words))} "
        return next((iso for key, iso in self._titles.items() if f" {key} " in text), None)

    def title_office(self, words: Iterable[str]) -> Office | None:
        """The body whose seat a title names ("Sen." → United States Senate), the longest title first."""
        text = f" {title_key(' '.join(words))} "
        for key, office in self._offices.items():
            if f" {key} " not in text:
                continue
            # "U.S. Trade Representative" is a country's title, not a seat ("Representative")
            if any(key in title and len(title) > len(key) and f" {title} " in text for title in self._titles):
                return None
            return office
        return None

    def is_seat_body(self, name: str) -> bool:
        """True for a body whose seats titles name ("United States Senate" for "Sen.")."""
        return any(office.body == name for office in self._offices.values())

    def country(self, iso3: str) -> GazEntry | None:
        """The Country entry for an ISO 3166 alpha-3 code."""
        return self._countries.get(iso3.upper()) if iso3 else None

    def country_by_name(self, name: str) -> GazEntry | None:
        """`lookup` restricted to countries."""
        entry = self.lookup(name)
        return entry if entry is not None and entry.type == "Country" else None

    def demonyms_of(self, iso3: str) -> tuple[str, ...]:
        """Demonyms and people nouns of a country ("Russian", "Russians")."""
        return self._demonym_forms.get(iso3, ())

    def demonym(self, word: str) -> str | None:
        """ISO3 of the country a demonym, people noun or country alias names; else None.

        "North Korean", "Russians", "American", "U.S." -> ISO3; "Western" -> None.
        A compound with a participle counts too: "U.S.-led", "Iranian-backed".
        """
        compound = _ACTOR_COMPOUND.match(fold(word).strip())
        if compound:
            return self.demonym(compound.group("head"))
        surface = _surface(word)
        if not surface:
            return None
        key = surface if _is_acronym(surface) else surface.lower()
        hit = self._demonyms.get(key)
        if hit is not None:
            iso, proper = hit
            if not (proper and surface.islower()):
                return iso
        entry = self.country_by_name(word)
        return entry.country if entry is not None else None

    def bloc_adjective(self, word: str) -> GazEntry | None:
        """The bloc an adjective names: "Western" -> the West (also "Western-backed")."""
        compound = _ACTOR_COMPOUND.match(fold(word).strip())
        if compound:
            return self.bloc_adjective(compound.group("head"))
        surface = _surface(word)
        if not surface or surface.islower():
            return None
        return self._bloc_adjectives.get(surface.lower())

    def seat(self, text: str) -> GazEntry | None:
        """The metonym entry of a capital or seat of government ("Kremlin", "Washington")."""
        entry = self.lookup(text)
        if entry is None or entry.type not in ("City", "Facility"):
            return None
        return entry if (entry.seat_of or entry.of) else None

    def person_surname(self, text: str) -> GazEntry | None:
        """The person a lone (unambiguous) surname names: "Putin" -> Vladimir Putin."""
        surface = _surface(text)
        if not surface or " " in surface:
            return None
        entry = self.lookup(surface)
        return entry if entry is not None and entry.type == "Person" else None

    def ruler_patterns(self, *, surnames: bool = True) -> list[dict]:
        """spaCy EntityRuler patterns for every alias and demonym, Items/Policies/Agreements left out.

        surnames (bool): include one-word person aliases ("Putin"); they overwrite a longer
            NER span such as "Michelle Obama", so a caller may prefer to leave them out.
        RETURNS (list[dict]): {"label", "pattern", "id"} dicts in a stable order; token
            patterns follow spaCy's English tokenizer, with "ORTH" for acronyms and
            capitalised single words and "LOWER" for multi-word names.
        """
        import spacy

        tokenizer = spacy.blank("en").tokenizer
        return _build_patterns(self, tokenizer, surnames=surnames)


def _alias_variants(alias: str) -> list[str]:
    """Spelling variants a tokenizer sees differently: ASCII, curly apostrophe, no hyphen."""
    variants = [alias, fold(alias)]
    for form in list(variants):
        if "'" in form:
            variants.append(form.replace("'", "\u2019"))
    for form in list(variants):
        if _WORD_HYPHEN.search(form):
            variants.append(_WORD_HYPHEN.sub(" ", form))
    return list(dict.fromkeys(variants))


def _token_patterns(words: list[str], *, require_the: bool) -> list[list[dict]]:
    """Token patterns for one tokenised alias."""
    if len(words) == 1:
        word = words[0]
        surface = _surface(word)
        if _is_acronym(surface) or "." in word:
            found = [[{"ORTH": word}]]
        elif word[:1].isupper():
            found = [[{"ORTH": word}]]
            if len(word) >= 4 and word.upper() != word:
                found.append([{"ORTH": word.upper()}])
        else:
            found = [[{"LOWER": word.lower()}]]
        if require_the:
            found = [[{"LOWER": "the"}, *tokens] for tokens in found]
        return found
    return [[{"LOWER": word.lower()} for word in words]]


def _build_patterns(gaz: Gazetteer, tokenizer, *, surnames: bool) -> list[dict]:
    """Compute the EntityRuler patterns of a gazetteer (see `Gazetteer.ruler_patterns`)."""
    seen: set[str] = set()
    patterns: list[dict] = []
    the_heads: set[str] = set()

    def emit(label: str, entry_id: str, text: str, *, require_the: bool = False) -> None:
        for variant in _alias_variants(text):
            words = [t.text for t in tokenizer(variant)]
            if words and words[0].lower() == "the" and len(words) > 1:
                words = words[1:]
            if not words or (len(words) == 1 and len(words[0]) < 2) or words[-1] in ("'s", "\u2019s"):
                continue
            if len(words) == 1 and words[0] in _RULER_SKIP:
                continue
            if require_the and len(words) == 1:
                the_heads.add(words[0].lower())
            for tokens in _token_patterns(words, require_the=require_the and len(words) == 1):
                key = json.dumps([label, tokens], sort_keys=True)
                if key not in seen:
                    seen.add(key)
                    patterns.append({"label": label, "pattern": tokens, "id": entry_id})

    alias_keys: dict[str, set[str]] = {}
    for entry in gaz.entries:
        label = NER_LABELS.get(entry.type)
        if label is None:
            continue
        for alias in entry.surface_forms:
            alias_keys.setdefault(entry.name, set()).add(normalise(alias))
            one_word = " " not in _surface(alias)
            if entry.type == "Person" and one_word and not surnames:
                continue
            needs_article = one_word and _surface(alias).lower() in _NEEDS_ARTICLE
            emit(label, entry.name, alias, require_the=needs_article)
    for iso, forms in gaz._demonym_forms.items():
        country = gaz.country(iso)
        if country is None:
            continue
        for form in forms:
            if normalise(form) not in alias_keys.get(country.name, set()):
                emit("NORP", country.name, form)
    for word, name in gaz._bloc_words:
        emit("NORP", name, word)
    # "the West" needs its article; give longer names starting with that word one too,
    # so "the West Bank" still wins over "the West".
    for pattern in list(patterns):
        tokens = pattern["pattern"]
        if len(tokens) > 1 and tokens[0].get("LOWER") in the_heads:
            extended = [{"LOWER": "the"}, *tokens]
            key = json.dumps([pattern["label"], extended], sort_keys=True)
            if key not in seen:
                seen.add(key)
                patterns.append({"label": pattern["label"], "pattern": extended, "id": pattern["id"]})
    return sorted(patterns, key=lambda p: (p["id"], p["label"], json.dumps(p["pattern"], sort_keys=True)))


# --- loading -------------------------------------------------------------------------------


def _read_json(path: Path) -> dict:
    """Read one data file; a missing or malformed file is a ConfigError naming it."""
    try:
        with path.open(encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{path}: cannot read gazetteer data: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a JSON object at the top level")
    return data


def _bad(path: Path, where: str, reason: str) -> ConfigError:
    return ConfigError(f"{path}: {where}: {reason}")


def _str_list(value: object, path: Path, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _bad(path, where, "expected a list of non-empty strings")
    return list(value)


def _country_entries(
    folder: Path,
) -> tuple[list[GazEntry], dict[str, list[str]], dict[str, str], dict[str, Office]]:
    """Country and capital entries, the demonyms of each ISO3 code, national titles → ISO3 and
    titles of offices in a body → Office."""
    generated_path = folder / "countries.json"
    curated_path = folder / "country_info.json"
    generated = _read_json(generated_path).get("countries")
    if not isinstance(generated, list) or not generated:
        raise _bad(generated_path, "countries", "expected a non-empty list")
    curated = {k: v for k, v in _read_json(curated_path).items() if not k.startswith("_")}
    known = {row.get("iso3") for row in generated if isinstance(row, dict)}
    for iso in curated:
        if iso not in known:
            raise _bad(curated_path, iso, "not a country code of countries.json")
    countries: list[GazEntry] = []
    capitals: list[GazEntry] = []
    demonyms: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    offices: dict[str, Office] = {}
    for row in generated:
        iso = row.get("iso3") if isinstance(row, dict) else None
        if not isinstance(iso, str) or len(iso) != 3:
            raise _bad(generated_path, repr(row)[:60], "row without a 3-letter iso3")
        info = curated.get(iso, {})
        name = info.get("name") or row.get("name_short")
        if not isinstance(name, str) or not name:
            raise _bad(generated_path, iso, "no name")
        drop = {normalise(a) for a in _str_list(info.get("not_aliases"), curated_path, f"{iso}.not_aliases")}
        curated_aliases = _str_list(info.get("aliases"), curated_path, f"{iso}.aliases")
        library = [row.get("name_short", ""), row.get("name_official", ""), *row.get("names", [])]
        aliases = [*curated_aliases, *(n for n in library if n and "," not in n)]
        aliases += [v for a in (name, *aliases) for v in _saint_variants(a)]
        aliases = [a for a in dict.fromkeys(aliases) if a != name and normalise(a) not in drop]
        countries.append(GazEntry(name=name, type="Country", country=iso, aliases=tuple(aliases)))
        forms = _str_list(info.get("demonyms"), curated_path, f"{iso}.demonyms")
        people = _str_list(info.get("people"), curated_path, f"{iso}.people")
        plurals = [p for p in (plural_people(d) for d in forms) if p]
        demonyms[iso] = list(dict.fromkeys([*forms, *people, *plurals]))
        national = _str_list(info.get("titles"), curated_path, f"{iso}.titles")
        for title in national:
            titles[title_key(title)] = iso
        for title, spec in (info.get("offices") or {}).items():
            if not (isinstance(spec, list) and len(spec) == 2 and spec[1] in {"leader", "official"}):
                raise _bad(
                    curated_path, f"{iso}.offices.{title}", 'expected ["body name", "leader" | "official"]'
                )
            offices[title_key(title)] = Office(spec[0], spec[1], iso, title in national)
        capital = info.get("capital")
        if capital and info.get("capital_entry", True) and normalise(capital) != normalise(name):
            stands_for = info.get("capital_stands_for")
            capitals.append(
                GazEntry(
                    name=capital,
                    type="City",
                    country=iso,
                    aliases=tuple(
                        _str_list(info.get("capital_aliases"), curated_path, f"{iso}.capital_aliases")
                    ),
                    role="capital",
                    of=stands_for,
                    seat_of=None if stands_for else iso,
                )
            )
    return countries + capitals, demonyms, titles, offices


def _listed_entries(path: Path, countries: dict[str, str]) -> list[dict]:
    """Validated entry dicts of one curated list file."""
    data = _read_json(path)
    rows = data.get("entries")
    if not isinstance(rows, list):
        raise _bad(path, "entries", "expected a list")
    out = []
    for i, row in enumerate(rows):
        where = f"entry {i} ({row.get('name') if isinstance(row, dict) else row!r})"
        if not isinstance(row, dict):
            raise _bad(path, where, "expected an object")
        unknown = set(row) - _ENTRY_KEYS
        if unknown:
            raise _bad(path, where, f"unknown keys {sorted(unknown)}")
        if not isinstance(row.get("name"), str) or not row["name"].strip():
            raise _bad(path, where, "missing name")
        if row.get("type") not in ENTRY_TYPES:
            raise _bad(path, where, f"type must be one of {', '.join(ENTRY_TYPES)}")
        for key in ("country", "seat_of"):
            if row.get(key) is not None and row[key] not in countries:
                raise _bad(path, where, f"{key} {row[key]!r} is not a country code")
        role = row.get("role")
        if role is not None and role not in _ROLES.get(row["type"], set()):
            raise _bad(path, where, f"role {role!r} is not allowed for {row['type']}")
        _str_list(row.get("aliases"), path, where)
        out.append(row)
    return out


def build_gazetteer(folder: Path | None = None) -> Gazetteer:
    """Read and validate the data files of a gazetteer folder (uncached).

    folder (Path | None): defaults to `kg/data/gazetteer/`.
    RETURNS (Gazetteer): the gazetteer; bad data raises ConfigError naming the file.
    """
    folder = Path(folder) if folder is not None else data_file("gazetteer")
    geo, demonyms, titles, offices = _country_entries(folder)
    country_names = {e.country: e.name for e in geo if e.type == "Country"}
    rows: list[tuple[Path, dict]] = []
    bloc_adjectives: dict[str, str] = {}
    for file_name in DATA_FILES:
        path = folder / file_name
        rows += [(path, row) for row in _listed_entries(path, country_names)]
        extra = _read_json(path).get("bloc_adjectives", {})
        if not isinstance(extra, dict):
            raise _bad(path, "bloc_adjectives", "expected an object")
        bloc_adjectives.update(extra)
    names = {e.name for e in geo} | {row["name"] for _, row in rows}
    entries = list(geo)
    for path, row in rows:
        of = row.get("of")
        if of is not None:
            of = country_names.get(of, of)
            if of not in names:
                raise _bad(path, row["name"], f"'of' names no entry: {row['of']!r}")
        entries.append(
            GazEntry(
                name=row["name"],
                type=row["type"],
                country=row.get("country"),
                aliases=tuple(a for a in dict.fromkeys(row.get("aliases", [])) if a != row["name"]),
                role=row.get("role"),
                of=of,
                seat_of=row.get("seat_of"),
            )
        )
    for word, name in bloc_adjectives.items():
        if name not in names:
            raise ConfigError(f"{folder}: bloc adjective {word!r} names no entry: {name!r}")
    for title, office in offices.items():
        if office.body not in names:
            raise ConfigError(f"{folder}: office {title!r} names no entry: {office.body!r}")
    return Gazetteer(
        entries, demonyms=demonyms, bloc_adjectives=bloc_adjectives, titles=titles, offices=offices
    )


@cache
def load_gazetteer() -> Gazetteer:
    """The package gazetteer, loaded once per process."""
    return build_gazetteer()

"""Load the predicate lexicon (`ontology/lexicon.tsv`): trigger lemmas -> ontology properties."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from ..errors import ConfigError
from ..resources import ontology_file
from ..vocab import GEO
from ..wordsets import load_word_sets

__all__ = ["Frame", "Lexicon", "ObjectKind", "load_lexicon", "parse_lexicon", "KINDS"]


class ObjectKind(StrEnum):
    """What a frame's object must be (the lexicon's `kind` column)."""

    ACTOR = "actor"
    PLACE = "place"
    ITEM = "item"
    THING = "thing"  # a policy, an item or an agreement
    TARGET = "target"  # an actor or a thing
    ORG = "org"
    VICTIM = "victim"  # an actor or a place: what is attacked, struck or hurt


KINDS = frozenset(ObjectKind)
SLOTS = frozenset(
    {
        "dobj",
        "dative",
        "xcomp",
        "purpose",
        "dobj>prep",
        "dobj>to",
        "dobj>place",
        "cond",
        "accountable",
        "ccomp>subj",
        "ccomp>must",
        "for>subj",
    }
)
FLAGS = frozenset({"open", "reverse", "itemobj", "abroad", "person", "together"})


@dataclass(frozen=True, slots=True)
class Frame:
    """One lexicon entry: a trigger, the property it yields and where its object is found."""

    pos: str
    lemma: str
    predicate: str
    slots: tuple[str, ...]
    kind: ObjectKind
    confidence: float
    open_item: bool = False
    reverse: bool = False
    item_object: bool = False
    abroad: bool = False
    person: bool = False  # only a person's act ("Blinken is in Beijing", not "troops are in Syria")
    together: bool = False  # the one met is there too ("met Erdogan in Sochi": Erdogan visits Sochi)
    themes: tuple[str, ...] = ()  # names in WordSets.themes (kg/data/wordsets.toml) the object must belong to
    requires: tuple[tuple[str, str], ...] = ()
    excludes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Frames indexed by part of speech and lemma."""

    verbs: dict[str, tuple[Frame, ...]]
    nouns: dict[str, tuple[Frame, ...]]


def _parse_line(line: str, where: str, themes: Collection[str]) -> Frame:
    cols = line.rstrip("\n").split("\t")
    if len(cols) != 7:
        raise ConfigError(f"{where}: expected 7 tab-separated columns, got {len(cols)}")
    pos, lemma, predicate, slots, kind, conf, flags = cols
    if pos not in {"verb", "noun"}:
        raise ConfigError(f"{where}: pos must be verb or noun, not '{pos}'")
    if kind not in KINDS:
        raise ConfigError(f"{where}: kind must be one of {sorted(str(k) for k in KINDS)}, not '{kind}'")
    try:
        GEO[predicate]
    except (AttributeError, KeyError) as err:
        raise ConfigError(f"{where}: '{predicate}' is not a property of the ontology") from err
    slot_list = () if slots == "-" else tuple(slots.split(","))
    for slot in slot_list:
        if slot not in SLOTS and not re.fullmatch(r"prep:[a-z]+", slot):
            raise ConfigError(f"{where}: unknown slot '{slot}'")
    flag_set = set() if flags == "-" else set(flags.split(","))
    for flag in flag_set:
        theme = flag.removeprefix("theme:") if flag.startswith("theme:") else None
        if theme is not None and theme not in themes:
            raise ConfigError(f"{where}: unknown theme '{theme}' (one of {', '.join(sorted(themes))})")
        if (
            theme is None
            and flag not in FLAGS
            and not re.fullmatch(r"(requires|excludes):[a-z]+:([a-z]+|\*)", flag)
        ):
            raise ConfigError(f"{where}: unknown flag '{flag}'")
    requires = tuple(
        tuple(f.split(":", 2)[1:])
        for f in sorted(flag_set)
        if f.startswith("requires:")  # type: ignore[misc]
    )
    excludes = tuple(
        tuple(f.split(":", 2)[1:])
        for f in sorted(flag_set)
        if f.startswith("excludes:")  # type: ignore[misc]
    )
    return Frame(
        pos=pos,
        lemma=lemma,
        predicate=predicate,
        slots=slot_list,
        kind=ObjectKind(kind),
        confidence=float(conf),
        open_item="open" in flag_set,
        reverse="reverse" in flag_set,
        item_object="itemobj" in flag_set,
        abroad="abroad" in flag_set,
        person="person" in flag_set,
        together="together" in flag_set,
        themes=tuple(sorted(f.removeprefix("theme:") for f in flag_set if f.startswith("theme:"))),
        requires=requires,
        excludes=excludes,
    )


def parse_lexicon(text: str, *, source: str = "lexicon", themes: Collection[str] | None = None) -> Lexicon:
    """Parse lexicon TSV text into a Lexicon; comment lines start with '#'.

    themes (Collection[str] | None): the theme names a `theme:<name>` flag may give (default: the
        themes of the shipped word sets).
    """
    themes = load_word_sets().themes if themes is None else themes
    verbs: dict[str, list[Frame]] = {}
    nouns: dict[str, list[Frame]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        frame = _parse_line(line, f"{source}:{n}", themes)
        (verbs if frame.pos == "verb" else nouns).setdefault(frame.lemma, []).append(frame)
    return Lexicon(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
    )


@cache
def load_lexicon(path: str | None = None) -> Lexicon:
    """Load and cache the lexicon shipped in `ontology/lexicon.tsv` (or another file)."""
    file = Path(path) if path else ontology_file("lexicon.tsv")
    return parse_lexicon(file.read_text(encoding="utf-8"), source=str(file))

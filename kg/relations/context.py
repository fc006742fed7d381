"""The extraction context: everything the rules read besides the article, built once and passed to them.

>>> ctx = default_context()
>>> "visit" in ctx.lexicon.verbs and "troop" in ctx.words.group_nouns
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..gazetteer import Gazetteer, load_gazetteer
from ..wordsets import WordSets, load_word_sets
from .lexicon import Lexicon, load_lexicon

__all__ = ["ExtractionContext", "build_context", "default_context"]


@dataclass(frozen=True, slots=True, eq=False)
class ExtractionContext:
    """What the rules read besides the article.

    gazetteer (Gazetteer): names, countries and their seats.
    lexicon (Lexicon): trigger lemmas -> ontology properties (`ontology/lexicon.tsv`).
    words (WordSets): the closed word lists (`kg/data/wordsets.toml`).
    """

    gazetteer: Gazetteer
    lexicon: Lexicon
    words: WordSets


def build_context(
    *, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None, words: WordSets | None = None
) -> ExtractionContext:
    """An ExtractionContext of the given parts, the shipped ones for those left out."""
    return ExtractionContext(
        gazetteer=gazetteer or load_gazetteer(),
        lexicon=lexicon or load_lexicon(),
        words=words or load_word_sets(),
    )


@cache
def default_context() -> ExtractionContext:
    """The context of the shipped gazetteer, lexicon and word sets (built once per process)."""
    return build_context()

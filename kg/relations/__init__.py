"""Relation extraction: the predicate lexicon and the dependency rules.

`extract_article(doc, article)` resolves an article's mentions and returns its relations. The rules read
an `ExtractionContext` (gazetteer, lexicon, word sets) built once: `default_context()`.
"""

from __future__ import annotations

from .context import ExtractionContext, build_context, default_context
from .extract import extract_article, extract_relations, modality
from .lexicon import Frame, Lexicon, load_lexicon

__all__ = [
    "extract_article",
    "extract_relations",
    "modality",
    "ExtractionContext",
    "build_context",
    "default_context",
    "Frame",
    "Lexicon",
    "load_lexicon",
]

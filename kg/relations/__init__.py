"""Relation extraction: the predicate lexicon and the dependency rules.

`extract_article(doc, article)` resolves an article's mentions and returns its relations.
"""

from __future__ import annotations

from .extract import extract_article, extract_relations, modality
from .lexicon import Frame, Lexicon, load_lexicon

__all__ = ["extract_article", "extract_relations", "modality", "Frame", "Lexicon", "load_lexicon"]

""":mod:`kg.relations.component`: kg's extraction as a spaCy pipeline component.

`kg_relations` (registered with `Language.factory`) resolves a parsed Doc's mentions, runs the
rules, scores candidate pairs with the trained relation model and combines the two as its
`source` setting says ("rules", "model" or "both"); it sets `doc._.kg_result` (an
`ArticleResult`). The article a Doc comes from travels in `doc.user_data["kg_article"]`.

The model is built from the config through spaCy's registry, by versioned names:

    [components.kg_relations.model]
    @architectures = "kg.RelationLinear.v1"
    path = null            # the model shipped with kg

>>> SOURCES
('rules', 'model', 'both')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from ..errors import ConfigError
from ..nlp import new_pipeline
from ..records import ASSERTED, Article, ArticleResult, Relation
from ..resolve import resolve_doc
from ..settings import SOURCES
from .context import ExtractionContext, default_context
from .extract import extract_relations, modality
from .features import doc_features
from .model import (
    ARCHITECTURE,
    LinearRelationModel,
    combine,
    load_model,
    model_relations,
    score_candidates,
)

__all__ = [
    "SOURCES",
    "COMPONENT",
    "RelationExtractor",
    "extract_doc",
    "article_of",
    "extraction_pipeline",
    "make_article_doc",
]

COMPONENT = "kg_relations"
ARTICLE_KEY = "kg_article"
NO_MODEL = "kg.NoRelationModel.v1"

if not Doc.has_extension("kg_result"):
    Doc.set_extension("kg_result", default=None)


@registry.architectures(ARCHITECTURE)
def linear_relation_model(path: str | None = None) -> LinearRelationModel:
    """The linear relation model in folder `path` (the one shipped with kg when None)."""
    return load_model(path)


@registry.architectures(NO_MODEL)
def no_relation_model() -> None:
    """No relation model: the rules alone extract (source "rules")."""
    return None


def article_of(doc: Doc) -> Article:
    """The article a Doc was made from (an anonymous one when it was not set)."""
    art = doc.user_data.get(ARTICLE_KEY)
    return art if isinstance(art, Article) else Article(id="", text=doc.text)


def extract_doc(
    doc: Doc,
    article: Article,
    *,
    source: str = "both",
    model: LinearRelationModel | None = None,
    keep_hedged: bool = False,
    min_confidence: float = 0.0,
    context: ExtractionContext | None = None,
) -> ArticleResult:
    """Resolve and extract one parsed article with the rules, the model or both.

    source (str): "rules", "model" or "both" (rules the model does not veto, plus its own triples).
    context (ExtractionContext | None): gazetteer, lexicon and word sets (default: the shipped ones).
    RETURNS (ArticleResult): asserted relations (all, flagged by modality, with keep_hedged).
    """
    if source not in SOURCES:
        raise ConfigError(f"unknown source '{source}'; choose one of: {', '.join(SOURCES)}")
    ctx = context or default_context()
    res = resolve_doc(doc, article, gazetteer=ctx.gazetteer, words=ctx.words)
    rules: list[Relation] = (
        list(extract_relations(doc, article, res, context=ctx)) if source != "model" else []
    )
    rels = rules
    if source != "rules":
        if model is None:
            raise ConfigError("the relation model is needed for source 'model' or 'both'")
        cands, feats, dense = doc_features(doc, res, ctx.lexicon)
        scored = score_candidates(model, cands, feats, dense)
        limits = model.thresholds if source == "both" else model.model_thresholds
        thresholds = dict(zip(model.labels, limits, strict=True))
        learned = model_relations(doc, article, scored, thresholds, lambda tok: modality(tok, ctx))
        rels = combine(doc, rules, learned, scored, model.veto) if source == "both" else learned
    kept = [r for r in rels if (keep_hedged or r.modality == ASSERTED) and r.confidence >= min_confidence]
    kept.sort(key=lambda r: (r.evidence.start, r.subject.name, r.predicate, r.object.name, r.rule))
    return ArticleResult(article, res.entities, tuple(kept))


@dataclass
class RelationExtractor:
    """The `kg_relations` component: sets `doc._.kg_result` from the article in the Doc's user data."""

    source: str
    model: LinearRelationModel | None
    keep_hedged: bool = False
    min_confidence: float = 0.0

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_result = extract_doc(
            doc,
            article_of(doc),
            source=self.source,
            model=self.model,
            keep_hedged=self.keep_hedged,
            min_confidence=self.min_confidence,
        )
        return doc


@Language.factory(
    COMPONENT,
    assigns=["doc._.kg_result"],
    requires=["doc.ents", "token.dep", "token.lemma"],
    default_config={
        "source": "both",
        "model": {"@architectures": ARCHITECTURE, "path": None},
        "keep_hedged": False,
        "min_confidence": 0.0,
    },
)
def make_relation_extractor(
    nlp: Language,
    name: str,
    source: str,
    model: LinearRelationModel | None,
    keep_hedged: bool,
    min_confidence: float,
) -> RelationExtractor:
    """Build the `kg_relations` component (the model is resolved from the config's registry name)."""
    if source not in SOURCES:
        raise ConfigError(f"unknown source '{source}'; choose one of: {', '.join(SOURCES)}")
    return RelationExtractor(source, model if source != "rules" else None, keep_hedged, min_confidence)


def extraction_pipeline(
    spacy_model: str,
    *,
    source: str = "both",
    model_path: str | None = None,
    keep_hedged: bool = False,
    min_confidence: float = 0.0,
) -> Language:
    """A spaCy pipeline (kg's components included) ending in `kg_relations` with these settings."""
    return _extraction_pipeline(spacy_model, source, model_path, keep_hedged, min_confidence)


@cache
def _extraction_pipeline(
    spacy_model: str, source: str, model_path: str | None, keep_hedged: bool, min_confidence: float
) -> Language:
    nlp = new_pipeline(spacy_model)
    config = {
        "source": source,
        "model": {"@architectures": ARCHITECTURE, "path": model_path}
        if source != "rules"
        else {"@architectures": NO_MODEL},
        "keep_hedged": keep_hedged,
        "min_confidence": min_confidence,
    }
    nlp.add_pipe(COMPONENT, last=True, config=config)
    return nlp


def make_article_doc(nlp: Language, article: Article) -> Doc:
    """A tokenised Doc of the article's text that carries the article to `kg_relations`."""
    doc = nlp.make_doc(article.text)
    doc.user_data[ARTICLE_KEY] = article
    return doc

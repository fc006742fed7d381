"""Turn annotated articles into training examples: candidates, their features and their labels.

A candidate (an ordered entity pair in one sentence) is a positive example of relation p when a
gold triple (s, p, o) names the pair (alternatives and symmetric order included) and one of its
evidence spans overlaps the sentence. A gold triple of the pair stated in another sentence, and an
alternative predicate, make p neither positive nor negative for the candidate: the annotators
record each triple once per article, so a second statement of it is not a counter-example.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..annotations import GoldTriple
from ..nlp import load_pipeline
from ..ontology import symmetric
from ..records import ASSERTED, Article, Relation
from ..relations.candidates import Candidate, allowed_labels
from ..relations.context import default_context
from ..relations.extract import extract_relations, modality
from ..relations.features import doc_features
from ..resolve import resolve_doc

__all__ = ["Example", "ArticleExamples", "label_candidate", "prepare"]


@dataclass(frozen=True, slots=True)
class Example:
    """One candidate of an annotated article: features, labels and what a triple from it would be."""

    article: str
    sent: int  # token index where the candidate's sentence starts
    evidence_start: int  # character offset of that sentence
    subject: str
    object: str
    subject_type: str
    object_type: str
    features: tuple[str, ...]
    dense: np.ndarray
    allowed: tuple[str, ...]
    positive: frozenset[str]
    ignore: frozenset[str]
    modality: str


@dataclass(frozen=True, slots=True)
class ArticleExamples:
    """An annotated article's examples, the rule triples kg draws from it and its gold."""

    article: str
    examples: tuple[Example, ...]
    rules: tuple[tuple[str, str, str, int], ...]  # asserted (subject, predicate, object, sentence token)
    gold: tuple[GoldTriple, ...]


def _overlaps(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def label_candidate(
    a: str, b: str, start: int, end: int, gold: Sequence[GoldTriple], canon: Callable[[str], str]
) -> tuple[frozenset[str], frozenset[str]]:
    """(positive labels, ignored labels) of the pair (a, b) in the sentence [start, end)."""
    ca, cb = canon(a), canon(b)
    sym = symmetric()
    pos: set[str] = set()
    ign: set[str] = set()
    for g in gold:
        subj = {canon(x) for x in (g.s, *g.alt_s)}
        obj = {canon(x) for x in (g.o, *g.alt_o)}
        forward = ca in subj and cb in obj
        backward = cb in subj and ca in obj
        here = _overlaps(g.evidence, start, end)
        for lab in (g.p, *g.alt_p):
            if not (forward or (lab in sym and backward)):
                continue
            (pos if here and lab == g.p else ign).add(lab)
    return frozenset(pos), frozenset(ign - pos)


def _sentence_of(doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.sent.start if span is not None else -1


def _examples(doc, article: Article, cands: list[Candidate], feats, dense, gold, canon, ctx) -> list[Example]:
    out = []
    for c, f, v in zip(cands, feats, dense, strict=True):
        sent = doc[c.sent_start : c.sent_end]
        pos, ign = label_candidate(
            c.a.entity.name, c.b.entity.name, sent.start_char, sent.end_char, gold, canon
        )
        out.append(
            Example(
                article=article.id,
                sent=c.sent_start,
                evidence_start=sent.start_char,
                subject=c.a.entity.name,
                object=c.b.entity.name,
                subject_type=c.a.entity.type,
                object_type=c.b.entity.type,
                features=tuple(f),
                dense=v.astype(np.float16),
                allowed=allowed_labels(c.a.entity.type, c.b.entity.type),
                positive=pos,
                ignore=ign,
                modality=str(modality(doc[c.lca], ctx)),
            )
        )
    return out


def prepare(
    articles: Sequence[Article],
    gold: dict[str, list[GoldTriple]],
    canon: Callable[[str], str],
    *,
    model: str,
    batch_size: int = 32,
    progress: Callable[[int], None] | None = None,
) -> list[ArticleExamples]:
    """Parse, resolve and featurise annotated articles (in the given order)."""
    nlp = load_pipeline(model)
    ctx = default_context()
    out = []
    pairs = ((a.text, a) for a in articles)
    for doc, art in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        res = resolve_doc(doc, art, gazetteer=ctx.gazetteer, words=ctx.words)
        cands, feats, dense = doc_features(doc, res, ctx.lexicon)
        g = gold.get(art.id, [])
        rules: list[Relation] = [
            r for r in extract_relations(doc, art, res, context=ctx) if r.modality == ASSERTED
        ]
        out.append(
            ArticleExamples(
                article=art.id,
                examples=tuple(_examples(doc, art, cands, feats, dense, g, canon, ctx)),
                rules=tuple(
                    (r.subject.name, r.predicate, r.object.name, _sentence_of(doc, r.evidence.start))
                    for r in rules
                ),
                gold=tuple(g),
            )
        )
        if progress:
            progress(1)
    return out

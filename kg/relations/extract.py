""":mod:`kg.relations.extract`: relations between resolved entities, by rules over the dependency parse.

Rules (each names itself in `Relation.rule`):
- `kg.rules.verb.v1`: active clauses, with subjects inherited through control, coordination,
  adjunct and relative clauses; `kg.rules.passive.v1`: passive clauses with a *by*-agent
  (`kg.relations.verbs`).
- `kg.rules.noun.v1`: nominalisations (*Putin's visit to Pyongyang*, *sanctions imposed by X*,
  *support from X towards Y*, *tensions between X and Y*), also as objects of light verbs
  (*impose sanctions on*, *made a visit to*) (`kg.relations.nouns`).
- `kg.rules.label.v1`: labels (*called Wolff a "total loser"*: criticizes) (`kg.relations.labels`).
- `kg.rules.tone.v1`: hostile reported evaluations (*"Trump's claims are hogwash," Brennan wrote*)
  (`kg.relations.tone`).
- `kg.rules.title.v1`: titles and appositions (leaderOf, officialOf);
  `kg.rules.member.v1`: *NATO ally Turkey*, *a member of*; `kg.rules.place.v1`: datelines,
  *Pyongyang's guest house*, *Helsinki, Finland* (`kg.relations.structure`).
Negated, speculative and conditional statements are kept with modality `negated`/`hedged`
(`kg.relations.modality`). The rules read the gazetteer, the lexicon and the word sets from an
`ExtractionContext` (`kg.relations.context`), built once and passed to them.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy import symbols
from spacy.attrs import POS
from spacy.tokens import Doc, Span, Token

from ..gazetteer import Gazetteer
from ..ontology import state_level, symmetric
from ..records import Article, ArticleResult, Entity, EntityClass, Evidence, Modality, Relation
from ..resolve import MentionKind, Resolution, resolve_doc
from .context import ExtractionContext, build_context, default_context
from .frames import RuleTriple
from .labels import label_triples
from .lexicon import Lexicon
from .modality import modality
from .nouns import noun_triples
from .structure import STRUCTURAL_RULES, dateline_triples, member_triples, place_triples, role_triples
from .tone import tone_triples
from .verbs import verb_triples

__all__ = ["extract_relations", "extract_article", "modality"]

_VERB_POS = frozenset({"VERB", "AUX"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
# the parts of speech a rule starts at, as the ids of the Doc's POS array
_TRIGGER_POS_IDS = frozenset(getattr(symbols, p) for p in _VERB_POS | _NOUN_POS)


def _rule_triples(
    doc: Doc, article: Article, res: Resolution, ctx: ExtractionContext
) -> Iterator[RuleTriple]:
    """Every triple every rule finds in a resolved article, in document order per rule family."""
    lex = ctx.lexicon
    pos = doc.to_array(POS).tolist() if len(doc) else []
    for tok in (doc[i] for i, p in enumerate(pos) if p in _TRIGGER_POS_IDS):
        lemma = tok.lemma_.lower()
        if tok.pos_ in _VERB_POS and lemma in lex.verbs:
            yield from verb_triples(tok, lex.verbs[lemma], res, ctx)
        if tok.pos_ in _VERB_POS:
            yield from label_triples(tok, res, ctx)
            yield from tone_triples(tok, res, ctx)
        elif tok.pos_ in _NOUN_POS and lemma in lex.nouns and _trigger_free(res, tok):
            yield from noun_triples(tok, lex.nouns[lemma], res, ctx)
    yield from role_triples(res)
    yield from member_triples(doc, res, ctx)
    yield from place_triples(doc, res, ctx)
    yield from dateline_triples(doc, article, ctx)


def _trigger_free(res: Resolution, tok: Token) -> bool:
    """A noun can trigger a relation unless it names an actor ("sanctions" is both thing and event)."""
    m = res.at(tok)
    return m is None or m.kind == MentionKind.THING


def _state_level(c: RuleTriple, ctx: ExtractionContext) -> RuleTriple:
    """Relations between states: a leader or official on one side and a country on the other
    stand for their country ("Putin's efforts to strengthen ties with North Korea")."""
    if c.predicate not in state_level():
        return c
    s, o = c.subject, c.object
    person, country = EntityClass.PERSON, EntityClass.COUNTRY
    if s.type == person and o.type == person and s.country and o.country and s.country != o.country:
        return RuleTriple(
            _country_of_person(s, ctx),
            c.predicate,
            _country_of_person(o, ctx),
            c.trigger,
            c.rule,
            c.confidence,
        )
    if s.type == person and s.country and o.type == country and o.country != s.country:
        s = _country_of_person(s, ctx)
    if o.type == person and o.country and s.type == country and s.country != o.country:
        o = _country_of_person(o, ctx)
    return RuleTriple(s, c.predicate, o, c.trigger, c.rule, c.confidence)


def _country_of_person(p: Entity, ctx: ExtractionContext) -> Entity:
    entry = ctx.gazetteer.country(p.country or "")
    return Entity(entry.name, EntityClass.COUNTRY, entry.country) if entry else p


def _evidence(doc: Doc, article: Article, tok_i: int) -> Evidence:
    sent: Span = doc[tok_i].sent
    text = sent.text
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    return Evidence(article.id, body, sent.start_char + lead, sent.start_char + lead + len(body))


def _canonical(c: RuleTriple) -> RuleTriple:
    """Symmetric triples are stored one way round: subject name before object name."""
    if c.predicate in symmetric() and c.object.name < c.subject.name:
        return RuleTriple(c.object, c.predicate, c.subject, c.trigger, c.rule, c.confidence)
    return c


def extract_relations(
    doc: Doc,
    article: Article,
    res: Resolution,
    *,
    lexicon: Lexicon | None = None,
    gazetteer: Gazetteer | None = None,
    context: ExtractionContext | None = None,
) -> Iterator[Relation]:
    """Yield every relation found in a resolved article, each with evidence and modality.

    context (ExtractionContext | None): what the rules read (default: the shipped gazetteer, lexicon and
        word sets; `lexicon` and `gazetteer` replace those parts of it).
    """
    if context is None:
        context = (
            default_context()
            if lexicon is None and gazetteer is None
            else build_context(lexicon=lexicon, gazetteer=gazetteer)
        )
    seen: set[tuple[str, str, str, int]] = set()
    for triple in _rule_triples(doc, article, res, context):
        cand = _canonical(_state_level(triple, context))
        if cand.subject == cand.object or cand.subject.name == cand.object.name:
            continue
        ev = _evidence(doc, article, cand.trigger)
        key = (cand.subject.name, cand.predicate, cand.object.name, ev.start)
        if key in seen:
            continue
        seen.add(key)
        mod = Modality.ASSERTED if cand.rule in STRUCTURAL_RULES else modality(doc[cand.trigger], context)
        yield Relation(
            cand.subject, cand.predicate, cand.object, ev, round(min(cand.confidence, 1.0), 3), cand.rule, mod
        )


def extract_article(
    doc: Doc,
    article: Article,
    *,
    keep_hedged: bool = False,
    min_confidence: float = 0.0,
    context: ExtractionContext | None = None,
) -> ArticleResult:
    """Resolve and extract one parsed article into an ArticleResult (asserted relations by default)."""
    ctx = context or default_context()
    res = resolve_doc(doc, article, gazetteer=ctx.gazetteer, words=ctx.words)
    rels = [
        r
        for r in extract_relations(doc, article, res, context=ctx)
        if (keep_hedged or r.modality == Modality.ASSERTED) and r.confidence >= min_confidence
    ]
    rels.sort(key=lambda r: (r.evidence.start, r.subject.name, r.predicate, r.object.name))
    return ArticleResult(article, res.entities, tuple(rels))

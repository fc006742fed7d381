"""Frozen records that flow between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Article",
    "Entity",
    "EntityClass",
    "Evidence",
    "Modality",
    "Relation",
    "Skipped",
    "ASSERTED",
    "NEGATED",
    "HEDGED",
]


class Modality(StrEnum):
    """Whether a statement is asserted, negated or hedged (speculative, advisory, conditional).

    >>> Modality.HEDGED == "hedged"
    True
    """

    ASSERTED = "asserted"
    NEGATED = "negated"
    HEDGED = "hedged"


ASSERTED = Modality.ASSERTED
NEGATED = Modality.NEGATED
HEDGED = Modality.HEDGED


class EntityClass(StrEnum):
    """The ontology class of an entity (`geo:` local names; tests check them against the ontology)."""

    ACTOR = "Actor"
    COUNTRY = "Country"
    PERSON = "Person"
    ORGANIZATION = "Organization"
    BLOC = "Bloc"
    PLACE = "Place"
    CITY = "City"
    REGION = "Region"
    FACILITY = "Facility"
    ITEM = "Item"
    POLICY = "Policy"
    AGREEMENT = "Agreement"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from disk.

    id (str): file stem or the JSONL `id`.
    text (str): normalised body; the headline is the first paragraph; paragraphs are
        separated by a blank line, so headlines and sub-headings are sentences of their own.
    """

    id: str
    text: str
    title: str = ""
    source: str = ""
    date: str = ""
    url: str = ""
    place: str = ""  # dateline place, e.g. "SEOUL, South Korea"
    agency: str = ""  # dateline agency, e.g. "AP"
    path: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved entity: canonical name, ontology class (an EntityClass value) and ISO alpha-3 country."""

    name: str
    type: str
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a relation was read: the sentence and its character span in the article."""

    article: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Relation:
    """One extracted triple with its provenance."""

    subject: Entity
    predicate: str
    object: Entity
    evidence: Evidence
    confidence: float
    rule: str
    modality: str = Modality.ASSERTED

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Identity of the triple within its article."""
        return (self.evidence.article, self.subject.name, self.predicate, self.object.name)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or record that could not be read, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What the pipeline extracted from one article."""

    article: Article
    entities: tuple[Entity, ...] = field(default_factory=tuple)
    relations: tuple[Relation, ...] = field(default_factory=tuple)


__all__ += ["ArticleResult"]

"""The records resolution produces: mentions, roles and the Resolution of an article."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from spacy.tokens import Token

from ..ontology import class_members
from ..records import Entity, EntityClass

__all__ = ["MentionKind", "RoleKind", "Mention", "Role", "Resolution", "ACTOR_TYPES", "PLACE_TYPES"]

# classes of the entities that act (Actor itself is abstract: no entity has it), and of places
ACTOR_TYPES = class_members(EntityClass.ACTOR) - {EntityClass.ACTOR}
PLACE_TYPES = class_members(EntityClass.PLACE)


class MentionKind(StrEnum):
    """How a mention refers: by name, by a "-led" adjective, by a group noun with a demonym, by a
    pronoun, by a description, or as a thing relations deal in."""

    NAME = "name"  # "Vladimir Putin", "Pyongyang"
    LED = "led"  # "U.S.-led", "American-led"
    NOMINAL = "nominal"  # "Russian forces", "the Hamas movement"
    PRONOUN = "pronoun"  # "he", "it", "they"
    DESCRIPTION = "description"  # "both countries", "the reclusive nation", "the Iraqi president"
    THING = "thing"  # "munitions", "sanctions"


class RoleKind(StrEnum):
    """What a title or apposition says a person is of a country or an organisation."""

    LEADER = "leader"
    OFFICIAL = "official"
    MEMBER = "member"  # of a party: "Republican Sen. John McCain"


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of tokens that refers to one or more entities.

    start/end (int): token span [start, end) in the Doc.
    entities (tuple[Entity, ...]): what it refers to (several for collectives).
    kind (MentionKind): how it refers.
    seat (Entity | None): for capitals and seats of government, the country they stand for.
    """

    start: int
    end: int
    entities: tuple[Entity, ...]
    kind: MentionKind
    confidence: float = 1.0
    seat: Entity | None = None


@dataclass(frozen=True, slots=True)
class Role:
    """A title or apposition stating that a person leads, serves or belongs to a country or organisation."""

    person: Entity
    role: RoleKind
    of: Entity
    start: int  # token span of the evidence
    end: int


@dataclass(frozen=True, slots=True)
class Resolution:
    """What `resolve_doc` found: mentions by token index, roles, all entities in order, and the
    indices of the tokens inside quotation marks (None when not computed)."""

    mentions: dict[int, Mention]
    roles: tuple[Role, ...]
    entities: tuple[Entity, ...]
    quoted: frozenset[int] | None = None

    def at(self, tok: Token) -> Mention | None:
        """Return the mention covering a token, if any."""
        return self.mentions.get(tok.i)

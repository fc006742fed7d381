"""Entity resolution: from spaCy entities, noun phrases and pronouns to canonical entities.

`resolve_doc(doc, article)` walks an article once, in reading order, and returns a
`Resolution`: for every token that belongs to a mention, the mention and its entities.
It covers gazetteer names and aliases, within-article alias chains (*Putin* -> Vladimir
Putin), titles stripped and turned into roles (*North Korean leader Kim Jong Un*), demonym
+ group nouns (*Russian forces* -> Russia), capitals and seats of government (kept as places,
with the country they stand for when they act), pronouns and descriptions (*he*, *both
countries*, *the reclusive nation*), and the common nouns relations deal in (*munitions*).

Modules: `mentions` (the records), `discourse` (the state of the walk), `names`, `titles`,
`nominals`, `pronouns`, `datelines`, and `resolver` (the walk itself).
"""

from __future__ import annotations

from .datelines import dateline_end, doc_text
from .discourse import quoted_tokens
from .mentions import ACTOR_TYPES, PLACE_TYPES, Mention, MentionKind, Resolution, Role, RoleKind
from .resolver import resolve_doc
from .titles import named_holder

__all__ = [
    "ACTOR_TYPES",
    "PLACE_TYPES",
    "Mention",
    "MentionKind",
    "Resolution",
    "Role",
    "RoleKind",
    "dateline_end",
    "doc_text",
    "named_holder",
    "quoted_tokens",
    "resolve_doc",
]

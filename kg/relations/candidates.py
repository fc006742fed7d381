""":mod:`kg.relations.candidates`: the pairs of resolved mentions a relation model scores.

A candidate is an ordered pair of entities mentioned in one sentence (a pronoun counts through
its antecedent, a capital standing for its country counts as the country too). When an entity is
mentioned more than once in the sentence, the pair of mentions closest in the dependency tree
represents it. Only pairs that some ontology relation allows (by the classes of its domain and
range) are candidates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np
from spacy.attrs import HEAD
from spacy.tokens import Doc, Span, Token

from ..ontology import predicates
from ..records import Entity
from ..resolve import Mention, Resolution

__all__ = [
    "MentionRef",
    "Candidate",
    "candidates",
    "head_indices",
    "dependency_path",
    "allowed_labels",
    "SEAT",
]

SEAT = "seat"  # mention kind of a capital or seat of government standing for its country
_MAX_PATH = 12  # longer dependency paths are not candidates (different clauses, loosely linked)


@dataclass(frozen=True, slots=True)
class MentionRef:
    """One mention of one entity: token span, head token and how it refers."""

    start: int
    end: int
    head: int
    entity: Entity
    kind: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """An ordered pair of entity mentions in one sentence.

    a / b (MentionRef): the would-be subject and object.
    sent_start / sent_end (int): the sentence's token span.
    up / down (tuple[int, ...]): token indices from a's head up to (excluding) the lowest common
        ancestor, and from b's head up to it.
    lca (int): the lowest common ancestor of the two heads.
    """

    a: MentionRef
    b: MentionRef
    sent_start: int
    sent_end: int
    up: tuple[int, ...]
    lca: int
    down: tuple[int, ...]

    @property
    def path_length(self) -> int:
        return len(self.up) + len(self.down)


@cache
def allowed_labels(subject_type: str, object_type: str) -> tuple[str, ...]:
    """Relations whose domain admits the subject class and whose range admits the object class."""
    return tuple(
        p.name
        for p in predicates().values()
        if subject_type in p.subject_classes and object_type in p.object_classes
    )


def dependency_path(a: Token, b: Token) -> tuple[tuple[int, ...], int, tuple[int, ...]]:
    """(a's side, lowest common ancestor, b's side) of the dependency path between two tokens.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["Russia", "attacked", "Ukraine"],
    ...           heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"])
    >>> dependency_path(doc[0], doc[2])
    ((0,), 1, (2,))
    """
    heads = head_indices(a.doc)
    return _path(_ancestors(heads, a.i), heads, b.i)


def _ancestors(heads: list[int], i: int) -> tuple[list[int], dict[int, int]]:
    """A token and its ancestors up to the root (at most 64), with each one's place in that list."""
    chain = [i]
    cur = i
    while heads[cur] != cur and len(chain) < 64:
        cur = heads[cur]
        chain.append(cur)
    return chain, {t: k for k, t in enumerate(chain)}


def _path(
    up: tuple[list[int], dict[int, int]], heads: list[int], b: int
) -> tuple[tuple[int, ...], int, tuple[int, ...]]:
    """The dependency path from the token whose ancestors are `up` to token b (see dependency_path)."""
    ancestors, pos = up
    down: list[int] = []
    cur = b
    while cur not in pos and len(down) < 64:
        down.append(cur)
        if heads[cur] == cur:
            break
        cur = heads[cur]
    if cur not in pos:  # not in one tree (should not happen within a sentence)
        return tuple(ancestors), -1, tuple(down)
    return tuple(ancestors[: pos[cur]]), cur, tuple(down)


def _head(doc: Doc, m: Mention) -> int:
    return doc[m.start : m.end].root.i


def sentence_mentions(doc: Doc, sent: Span, res: Resolution) -> list[MentionRef]:
    """Every (mention, entity) in a sentence, seats of government also as their country."""
    seen: set[tuple[int, int]] = set()
    out: list[MentionRef] = []
    for i in range(sent.start, sent.end):
        m = res.mentions.get(i)
        if m is None or (m.start, m.end) in seen:
            continue
        seen.add((m.start, m.end))
        head = _head(doc, m)
        for ent in m.entities:
            out.append(MentionRef(m.start, m.end, head, ent, str(m.kind)))
        if m.seat is not None and m.seat not in m.entities:
            out.append(MentionRef(m.start, m.end, head, m.seat, SEAT))
    return out


def _pair(
    sent: Span, a: MentionRef, b: MentionRef, up: tuple[list[int], dict[int, int]], heads: list[int]
) -> Candidate | None:
    path_up, lca, down = _path(up, heads, b.head)
    if lca < 0:
        return None
    return Candidate(a, b, sent.start, sent.end, path_up, lca, down)


def head_indices(doc: Doc) -> list[int]:
    """Each token's head as a token index (a root is its own head), read from the Doc's array.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["Russia", "attacked", "Ukraine"],
    ...           heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"])
    >>> head_indices(doc)
    [1, 1, 1]
    """
    if not len(doc):
        return []
    # HEAD is stored relative to the token, as an unsigned integer: read it back signed
    rel = doc.to_array([HEAD]).astype(np.int64).ravel()
    return (rel + np.arange(len(doc))).tolist()


def candidates(doc: Doc, res: Resolution) -> Iterator[Candidate]:
    """Yield one candidate per sentence and ordered pair of distinct entities the ontology allows."""
    if not res.mentions:
        return
    heads = head_indices(doc)
    for sent in doc.sents:
        refs = sentence_mentions(doc, sent, res)
        if len(refs) < 2:
            continue
        best: dict[tuple[str, str], Candidate] = {}
        ups: dict[int, tuple[list[int], dict[int, int]]] = {}
        for a in refs:
            for b in refs:
                if a.entity.name == b.entity.name or not allowed_labels(a.entity.type, b.entity.type):
                    continue
                if a.head not in ups:
                    ups[a.head] = _ancestors(heads, a.head)
                cand = _pair(sent, a, b, ups[a.head], heads)
                if cand is None or cand.path_length > _MAX_PATH:
                    continue
                key = (a.entity.name, b.entity.name)
                cur = best.get(key)
                if cur is None or (cand.path_length, cand.a.start, cand.b.start) < (
                    cur.path_length,
                    cur.a.start,
                    cur.b.start,
                ):
                    best[key] = cand
        yield from (best[k] for k in sorted(best))

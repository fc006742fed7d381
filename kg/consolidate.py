""":mod:`kg.consolidate`: one real-world person, one entity across the articles of a build.

Within an article the resolver already folds "Romney" into "Mitt Romney"; across articles the same
person can still appear as "Mitt Romney" in one and "Romney" in another, or as "Steven Mnuchin" and
"Steve Mnuchin". `consolidate(results)` renames such variants to one name, decided from the whole
batch at once (so the output does not depend on article order or worker count):

- full names that share a surname are one person when their first names agree (equal, one a
  prefix of the other, or a common short form: Steve/Steven, Bill/William) and any middle names
  agree; the most frequent form names the group, then the shortest (news writes "Jim Inhofe" more
  often than "James M. Inhofe", and "Eric Holder" more often than "Eric Holder Jr."), then alphabetical;
- a surname alone joins the group of that surname only when there is exactly one such group, its
  name is in at least two articles, and no person of the batch has that word as a first name
  ("Hunter" stays apart when the batch knows a Hunter Biden).

>>> from kg.records import Entity
>>> plan = person_names(["Mitt Romney", "Mitt Romney", "Romney", "Steve Mnuchin", "Steven Mnuchin"])
>>> plan["Romney"], plan["Steven Mnuchin"]
('Mitt Romney', 'Steve Mnuchin')
>>> person_names(["George W. Bush", "George H. W. Bush", "Bush"])
{}
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from .firstnames import SHORT_FORMS, same_first
from .records import ArticleResult, Entity, EntityClass, Relation

__all__ = ["consolidate", "person_names", "SHORT_FORMS"]

_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


@lru_cache(maxsize=65536)
def _parts(name: str) -> tuple[str, tuple[str, ...], str] | None:
    """(first, middles, surname) in lower case, or None for a name of one word."""
    words = [w for w in name.split() if w.lower() not in _SUFFIXES]
    if len(words) < 2:
        return None
    return words[0].lower(), tuple(w.lower().strip(".") for w in words[1:-1]), words[-1].lower()


def _compatible(x: str, y: str) -> bool:
    px, py = _parts(x), _parts(y)
    if px is None or py is None or px[2] != py[2]:
        return False
    return same_first(px[0], py[0]) and (not px[1] or not py[1] or px[1] == py[1])


def person_names(names: Iterable[str]) -> dict[str, str]:
    """The renaming plan of a batch's person names (one entry per name seen, the form that wins it);
    names that keep their form are left out."""
    counts = Counter(names)
    ordered = sorted(counts, key=lambda n: (-counts[n], len(n), n))
    groups: list[list[str]] = []
    by_surname: dict[str, list[list[str]]] = {}
    for name in ordered:
        parts = _parts(name)
        if parts is None:
            continue
        same = by_surname.setdefault(parts[2], [])
        home = next((g for g in same if all(_compatible(name, m) for m in g)), None)
        if home is None:
            groups.append([name])
            same.append(groups[-1])
        else:
            home.append(name)
    plan = {m: g[0] for g in groups for m in g if m != g[0]}
    first_names = {p[0] for g in groups for m in g if (p := _parts(m)) is not None}
    for name in ordered:
        key = name.lower()
        home = by_surname.get(key, [])
        anchored = len(home) == 1 and sum(counts[m] for m in home[0]) >= 2
        if _parts(name) is None and anchored and key not in first_names:
            plan[name] = home[0][0]
    return plan


def _rename(ent: Entity, plan: dict[str, str], countries: dict[str, str | None]) -> Entity:
    if ent.type != EntityClass.PERSON or ent.name not in plan:
        return ent
    name = plan[ent.name]
    return Entity(name, ent.type, countries.get(name) or ent.country)


def consolidate(results: Sequence[ArticleResult]) -> list[ArticleResult]:
    """Rename person variants across articles to one name each (see the module docstring)."""
    persons = [
        e.name
        for res in results
        for e in dict.fromkeys([*res.entities, *(x for r in res.relations for x in (r.subject, r.object))])
        if e.type == EntityClass.PERSON and not re.search(r"\d", e.name)
    ]
    plan = person_names(persons)
    if not plan:
        return list(results)
    countries: dict[str, str | None] = {}
    for res in results:
        for e in res.entities:
            if e.type == EntityClass.PERSON and e.country and e.name not in plan:
                countries.setdefault(e.name, e.country)

    def rel(r: Relation) -> Relation:
        return replace(
            r, subject=_rename(r.subject, plan, countries), object=_rename(r.object, plan, countries)
        )

    out = []
    for res in results:
        entities = tuple(dict.fromkeys(_rename(e, plan, countries) for e in res.entities))
        relations = tuple(r for r in (rel(r) for r in res.relations) if r.subject.name != r.object.name)
        out.append(ArticleResult(res.article, entities, relations))
    return out

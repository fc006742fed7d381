""":mod:`kg.query.named`: the analyst queries shipped in `kg/queries/*.rq`, and their parameters.

A query file starts with `# name:`, `# description:` and `# param: NAME description` lines; a
parameter is a `VALUES ?param_NAME { UNDEF }` slot that `bind_params` fills with a literal. A
`predicate` parameter must name a relation of the ontology: a near miss gets a suggestion
(`visit` -> `visits`) instead of an empty result.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import ConfigError
from ..ontology import predicates

__all__ = ["NamedQuery", "named_queries", "named_query", "bind_params", "check_predicate"]

_QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """An analyst query shipped in `kg/queries/NAME.rq`.

    params (tuple[tuple[str, str], ...]): (name, description) of each `--param`; the query text
        holds `VALUES ?param_NAME { UNDEF }`, which `bind_params` fills with a literal.
    """

    name: str
    description: str
    text: str
    path: Path
    params: tuple[tuple[str, str], ...] = ()


_HEADER_RE = re.compile(r"^#\s*(name|description|param):\s*(.*)$")
_PARAM_SLOT = r"VALUES\s+\?param_{name}\s*\{{\s*UNDEF\s*\}}"


def _parse_named(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER_RE.match(line)
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "param":
            name, _, desc = value.partition(" ")
            params.append((name, desc.strip()))
        else:
            fields[key] = (fields.get(key, "") + " " + value).strip()
    return NamedQuery(
        name=fields.get("name", path.stem),
        description=fields.get("description", ""),
        text=text,
        path=path,
        params=tuple(params),
    )


def named_queries() -> dict[str, NamedQuery]:
    """Return the analyst queries shipped in kg/queries/, by name, sorted."""
    found = (_parse_named(p) for p in sorted(_QUERIES_DIR.glob("*.rq")))
    return {q.name: q for q in sorted(found, key=lambda q: q.name)}


def named_query(name: str) -> NamedQuery:
    """Return one named query or raise ConfigError listing the names."""
    queries = named_queries()
    if name not in queries:
        hint = difflib.get_close_matches(name, list(queries), n=1)
        maybe = f"did you mean '{hint[0]}'? " if hint else ""
        raise ConfigError(f"unknown named query '{name}'; {maybe}choose one of: {', '.join(queries)}")
    return queries[name]


def bind_params(sparql: str, params: Mapping[str, str]) -> str:
    """Fill `VALUES ?param_NAME { UNDEF }` slots with string literals, escaped as N-Triples.

    >>> bind_params('SELECT * { VALUES ?param_subject { UNDEF } }', {"subject": 'Kim "Jong" Un'})
    'SELECT * { VALUES ?param_subject { "Kim \\\\"Jong\\\\" Un" } }'
    """
    text = sparql
    slots = sorted(set(re.findall(r"VALUES\s+\?param_(\w+)\s*\{\s*UNDEF\s*\}", sparql)))
    for name, value in params.items():
        if name not in slots:
            allowed = ", ".join(slots) or "none"
            raise ConfigError(f"unknown query parameter '{name}'; this query takes: {allowed}")
        if name == "predicate":
            check_predicate(value)
        literal = str(ox.Literal(value))
        pattern = re.compile(_PARAM_SLOT.format(name=re.escape(name)))
        text = pattern.sub(lambda _m, n=name, lit=literal: f"VALUES ?param_{n} {{ {lit} }}", text)
    return text


def check_predicate(value: str) -> str:
    """Return `value` if it names a relation of the ontology (any case), else raise with a suggestion.

    >>> check_predicate("MeetsWith")
    'MeetsWith'
    >>> check_predicate("visit")
    Traceback (most recent call last):
    ...
    kg.errors.ConfigError: unknown predicate 'visit'; did you mean 'visits'? ...
    """
    names = sorted(predicates())
    if value.lower() in {n.lower() for n in names}:
        return value
    by_lower = {n.lower(): n for n in names}
    hint = difflib.get_close_matches(value.lower(), list(by_lower), n=1, cutoff=0.6)
    maybe = f"did you mean '{by_lower[hint[0]]}'? " if hint else ""
    raise ConfigError(f"unknown predicate '{value}'; {maybe}the predicates are: {', '.join(names)}")

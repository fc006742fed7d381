""":mod:`kg.validate.index`: the data graph as dictionaries, and its RDF terms as plain values."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF
from rdflib.term import Node

from ..errors import KgError
from ..resources import ontology_file
from ..vocab import XSD

__all__ = ["Lit", "Term", "DataIndex"]

_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)
_NUMERIC = {
    str(XSD.integer): re.compile(r"^[+-]?\d+$"),
    str(XSD.decimal): re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)$"),
}


# --------------------------------------------------------------------------- terms and the data index


class Lit(NamedTuple):
    """A literal: lexical form, datatype IRI, language tag ('' if none)."""

    value: str
    datatype: str
    language: str = ""


Term = str | Lit  # an IRI, a blank node ("_:id") or a literal


def _is_iri(term: Term) -> bool:
    return isinstance(term, str) and not term.startswith("_:")


def _text(term: Term) -> str:
    """The string a result shows: an IRI, `_:id` or a literal's lexical form."""
    return term.value if isinstance(term, Lit) else term


def _from_rdflib(term: Node) -> Term:
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype else (_LANG_STRING if term.language else _XSD_STRING)
        return Lit(str(term), datatype, term.language or "")
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _from_ox(term: object) -> Term:
    if isinstance(term, ox.Literal):
        return Lit(term.value, term.datatype.value, term.language or "")
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value  # type: ignore[attr-defined]


def _to_ox(term: Term):
    if isinstance(term, Lit):
        if term.language:
            return ox.Literal(term.value, language=term.language)
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype))
    if term.startswith("_:"):
        return ox.BlankNode(term[2:])
    return ox.NamedNode(term)


class DataIndex:
    """The data graph as dictionaries: objects by (subject, predicate), subjects by predicate, and so on.

    Built from an rdflib Graph (`from_graph`), a pyoxigraph store (`from_store`) or a file (`read`).
    """

    def __init__(self, triples: Iterable[tuple[Term, Term, Term]]) -> None:
        self.sp: dict[Term, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        self.po: dict[str, dict[Term, list[Term]]] = defaultdict(lambda: defaultdict(list))
        self.triples: list[tuple[Term, str, Term]] = []
        for s, p, o in triples:
            self.sp[s][p].append(o)  # type: ignore[index]
            self.po[p][o].append(s)  # type: ignore[index]
            self.triples.append((s, p, o))  # type: ignore[arg-type]
        self._store: ox.Store | None = None
        self._with_ontology = False

    @classmethod
    def from_graph(cls, g: Graph) -> DataIndex:
        """Index an rdflib graph."""
        return cls((_from_rdflib(s), str(p), _from_rdflib(o)) for s, p, o in g)

    def without(self, g_triples: Iterable[tuple[Node, Node, Node]]) -> DataIndex:
        """The index of the same data less some rdflib triples (cheaper than indexing the rest again)."""
        gone = {(_from_rdflib(s), str(p), _from_rdflib(o)) for s, p, o in g_triples}
        return DataIndex(t for t in self.triples if t not in gone)

    @classmethod
    def from_store(cls, store: ox.Store) -> DataIndex:
        """Index the default graph of a pyoxigraph store (the store is kept for SPARQL constraints)."""
        quads = store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        index = cls((_from_ox(q.subject), q.predicate.value, _from_ox(q.object)) for q in quads)
        index._store = store
        return index

    @classmethod
    def read(cls, path: str | Path) -> DataIndex:
        """Parse an RDF file (format by suffix, Turtle by default) with pyoxigraph and index it.

        RAISES KgError: one line naming the file when it cannot be parsed.
        """
        path = Path(path)
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) or ox.RdfFormat.TURTLE
        store = ox.Store()
        try:
            store.load(path=str(path), format=fmt)
        except (SyntaxError, ValueError, OSError) as err:
            raise KgError(f"{path}: cannot parse the graph: {' '.join(str(err).split())[:300]}") from None
        return cls.from_store(store)

    def objects(self, s: Term, p: str) -> list[Term]:
        """Distinct objects of (s, p)."""
        found = self.sp.get(s)
        return list(dict.fromkeys(found.get(p, ()))) if found else []

    def subjects(self, p: str, o: Term | None = None) -> list[Term]:
        """Distinct subjects of p (with object o)."""
        found = self.po.get(p)
        if not found:
            return []
        if o is not None:
            return list(dict.fromkeys(found.get(o, ())))
        return list(dict.fromkeys(s for subjects in found.values() for s in subjects))

    def value(self, s: Term, p: str) -> Term | None:
        found = self.objects(s, p)
        return found[0] if found else None

    def store(self) -> ox.Store:
        """The data and the ontology in one pyoxigraph store (as pyshacl's `ont_graph` mixes them)."""
        if self._store is None:
            self._store = ox.Store()
            self._store.extend(ox.Quad(_to_ox(s), ox.NamedNode(p), _to_ox(o)) for s, p, o in self.triples)
        if not self._with_ontology:
            self._store.load(path=str(ontology_file("geopolitics.ttl")), format=ox.RdfFormat.TURTLE)
            self._with_ontology = True
        return self._store

"""Check a kg graph against its SHACL shapes, fast, and split off what does not conform.

The shapes are `ontology/shapes.ttl` (domain and range of every relation, labels and types,
statement provenance, article metadata) plus one shape made here from the ontology: every asserted
relation triple has at least one rdf:Statement with its evidence (`PROVENANCE_SHAPE`); a triple
whose reverse has evidence counts when its predicate is symmetric or has an owl:inverseOf, so a
graph after `kg build --infer` still conforms.

The shapes are compiled once into checks that run over an index of the data graph: the SHACL Core
constraints the shapes use (sh:class following rdfs:subClassOf in the geo ontology, sh:or, sh:in,
sh:nodeKind, sh:datatype, sh:pattern, sh:minCount, sh:maxCount, sh:minInclusive, sh:maxInclusive,
sh:lessThanOrEquals, sh:qualifiedValueShape) in Python, and SPARQL-based constraints (sh:sparql)
as one query each over a pyoxigraph store. The findings are pyshacl's (run with the ontology as
`ont_graph`, no inference; `pyshacl_violations` runs it for comparison), in seconds instead of
minutes: a constraint the compiler does not know raises instead of being skipped.

Each violation carries the evidence sentences of the offending triple(s), so a reviewer sees which
sentence produced the bad triple. `split_graph` moves non-conforming triples, with the statements
that describe them, into a review graph; `kg build` does this on every build.
"""

from __future__ import annotations

from .index import DataIndex
from .report import (
    ValidationReport,
    Violation,
    format_violation,
    pyshacl_violations,
    validate_file,
    validate_graph,
    validate_index,
)
from .shapes import PROVENANCE_SHAPE, shapes_graph
from .split import Split, split_conforming, split_graph

__all__ = [
    "PROVENANCE_SHAPE",
    "Violation",
    "ValidationReport",
    "Split",
    "DataIndex",
    "shapes_graph",
    "validate_graph",
    "validate_file",
    "validate_index",
    "pyshacl_violations",
    "split_graph",
    "split_conforming",
    "format_violation",
]

""":mod:`kg.query.rank`: networkx PageRank over the entity graph, added to a query result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..errors import ConfigError
from .engine import QueryResult

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["pagerank_scores", "add_pagerank"]

_XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def pagerank_scores(g: Graph) -> dict[str, float]:
    """Return {entity IRI: PageRank} over the entity graph of `kg.convert.to_networkx`."""
    import networkx as nx

    from ..convert import to_networkx

    multi = to_networkx(g)
    simple = nx.DiGraph()
    simple.add_nodes_from(multi.nodes)
    for s, o in multi.edges():
        weight = simple.get_edge_data(s, o, {"weight": 0})["weight"]
        simple.add_edge(s, o, weight=weight + 1)
    if simple.number_of_nodes() == 0:
        return {}
    return nx.pagerank(simple, weight="weight")


def add_pagerank(result: QueryResult, scores: Mapping[str, float], *, column: str = "entity") -> QueryResult:
    """Return `result` with a `pagerank` column looked up by the IRI in `column`."""
    if result.kind != "select" or column not in result.variables:
        raise ConfigError(f"PageRank needs a SELECT result with an ?{column} column")
    index = result.variables.index(column)
    decimal = ox.NamedNode(_XSD_DECIMAL)
    rows = []
    for row in result.rows:
        term = row[index]
        score = scores.get(term.value) if isinstance(term, ox.NamedNode) else None
        rows.append((*row, None if score is None else ox.Literal(f"{score:.6f}", datatype=decimal)))
    return replace(result, variables=(*result.variables, "pagerank"), rows=tuple(rows))

"""SPARQL over the kg graph with pyoxigraph, in four parts:

- `kg.query.store`: load a graph file into memory or open/persist an on-disk store;
- `kg.query.engine`: run a query with a deadline, one-line syntax errors (`kg.query.syntax`);
- `kg.query.named`: the analyst queries in `kg/queries/*.rq` and their parameters;
- `kg.query.formats`: results as a table, CSV, TSV, SPARQL JSON/XML, or RDF for CONSTRUCT;
- `kg.query.rank`: networkx PageRank added to a result.

The store holds the data graph in its default graph and the geo ontology in the named graph
`ONTOLOGY_GRAPH`; the named queries `matrix` and `central` read `geo:eventFamily` from there.

>>> store = load_store(None, None, ontology=False)
>>> run_query(store, "ASK { ?s ?p ?o }").boolean
False
"""

from __future__ import annotations

from ..errors import QueryError
from .engine import (
    QUERY_PREFIXES,
    QueryResult,
    QuerySyntaxError,
    QueryTimeout,
    UpdateRefused,
    is_update,
    run_query,
)
from .formats import GRAPH_FORMATS, RESULT_FORMATS, format_result
from .named import NamedQuery, bind_params, check_predicate, named_queries, named_query
from .rank import add_pagerank, pagerank_scores
from .store import (
    DEFAULT_GRAPH,
    DEFAULT_STORE,
    ONTOLOGY_GRAPH,
    default_source,
    load_store,
    store_to_rdflib,
    write_store,
)

__all__ = [
    "ONTOLOGY_GRAPH",
    "DEFAULT_GRAPH",
    "DEFAULT_STORE",
    "QUERY_PREFIXES",
    "RESULT_FORMATS",
    "GRAPH_FORMATS",
    "QueryResult",
    "NamedQuery",
    "QueryError",
    "QuerySyntaxError",
    "QueryTimeout",
    "UpdateRefused",
    "default_source",
    "load_store",
    "write_store",
    "run_query",
    "format_result",
    "is_update",
    "named_queries",
    "named_query",
    "bind_params",
    "check_predicate",
    "store_to_rdflib",
    "pagerank_scores",
    "add_pagerank",
]

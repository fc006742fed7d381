""":mod:`kg.query.store`: pyoxigraph stores of the kg graph, in memory or on disk.

The store holds the data graph in its **default graph** and the geo ontology in the named graph
`ONTOLOGY_GRAPH` (`<https://w3id.org/geokg/ontology>`), so queries count only data triples unless
they ask for the ontology with `GRAPH <https://w3id.org/geokg/ontology> { ... }`.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..atomic import atomic_dir
from ..errors import ConfigError, Errors, KgError, MissingInputError
from ..resources import ontology_file

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "ONTOLOGY_GRAPH",
    "DEFAULT_GRAPH",
    "DEFAULT_STORE",
    "default_source",
    "load_store",
    "write_store",
    "store_to_rdflib",
    "one_line",
]

ONTOLOGY_GRAPH = "https://w3id.org/geokg/ontology"
DEFAULT_GRAPH = Path("output/graph.ttl")
DEFAULT_STORE = Path("output/store")


def one_line(text: str, *, limit: int = 300) -> str:
    """Collapse whitespace and cut long text, for one-line messages."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _rdf_format(path: Path) -> ox.RdfFormat:
    suffix = path.suffix.lstrip(".").lower()
    fmt = ox.RdfFormat.from_extension(suffix) if suffix else None
    if fmt is None:
        allowed = ", ".join(sorted({"ttl", "nt", "nq", "trig", "rdf", "xml", "jsonld", "n3"}))
        raise ConfigError(f"{path}: unknown RDF file suffix '{path.suffix}'; use one of: {allowed}")
    return fmt


def _load_ontology(store: ox.Store) -> None:
    """Load the geo ontology into the named graph `ONTOLOGY_GRAPH`."""
    store.load(
        path=str(ontology_file("geopolitics.ttl")),
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode(ONTOLOGY_GRAPH),
    )


def default_source() -> tuple[Path | None, Path | None]:
    """Pick output/store when it is at least as new as output/graph.ttl, else the Turtle file."""
    if DEFAULT_STORE.is_dir() and (
        not DEFAULT_GRAPH.is_file() or DEFAULT_STORE.stat().st_mtime >= DEFAULT_GRAPH.stat().st_mtime
    ):
        return None, DEFAULT_STORE
    return DEFAULT_GRAPH, None


def load_store(
    graph: Path | str | None = None,
    store: Path | str | None = None,
    *,
    ontology: bool = True,
    default: bool = False,
) -> ox.Store:
    """Return a pyoxigraph Store for a graph file (in memory) or a persisted store (read-only).

    graph (Path | None): an RDF file (Turtle or any format by suffix), loaded into memory.
    store (Path | None): a folder written by `write_store`, opened read-only.
    ontology (bool): with `graph`, also load the geo ontology into the named graph `ONTOLOGY_GRAPH`.
    default (bool): when both are None, use output/store or output/graph.ttl; else an empty store.
    RETURNS (ox.Store): the store to query.
    """
    if graph is not None and store is not None:
        raise ConfigError("pass either --graph or --store, not both")
    if graph is None and store is None and default:
        graph, store = default_source()
    if store is not None:
        path = Path(store)
        if not path.is_dir():
            raise MissingInputError(path, what="store folder", hint=Errors.E006)
        try:
            return ox.Store.read_only(str(path))
        except OSError as err:
            raise KgError(f"{path}: cannot open the store: {one_line(str(err))}") from None
    result = ox.Store()
    if graph is not None:
        path = Path(graph)
        if not path.is_file():
            raise MissingInputError(path, what="graph file", hint=Errors.E006)
        try:
            result.load(path=str(path), format=_rdf_format(path))
        except (SyntaxError, ValueError, OSError) as err:
            raise KgError(f"{path}: cannot parse the graph: {one_line(str(err))}") from None
    if ontology and graph is not None:
        _load_ontology(result)
    return result


def write_store(source: Path | str | Graph, store_dir: Path | str) -> Path:
    """Persist a graph as an on-disk store with the ontology, replacing `store_dir` in one swap.

    The store is built in a temporary folder beside `store_dir` and swapped into place
    (`kg.atomic.atomic_dir`), so a reader sees the old store or the new one, never a half-written one.

    source (Path | Graph): a graph file (format by suffix) or an rdflib Graph.
    store_dir (Path): the store folder to create or replace, e.g. output/store.
    RETURNS (Path): `store_dir`.
    """
    with atomic_dir(store_dir) as tmp:
        store = ox.Store(str(tmp))
        if isinstance(source, str | Path):
            path = Path(source)
            if not path.is_file():
                raise MissingInputError(path, what="graph file", hint=Errors.E006)
            try:
                store.bulk_load(path=str(path), format=_rdf_format(path))
            except (SyntaxError, ValueError) as err:
                raise KgError(f"{path}: cannot parse the graph: {one_line(str(err))}") from None
        else:
            data = source.serialize(format="nt", encoding="utf-8")
            store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES)
        _load_ontology(store)
        store.flush()
        store.optimize()
        del store
        gc.collect()  # close RocksDB before the folder moves
    return Path(store_dir)


def store_to_rdflib(store: ox.Store) -> Graph:
    """Return the default graph of a store as an rdflib Graph (for networkx conversion)."""
    from rdflib import Graph

    from ..vocab import bind

    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    g = Graph()
    bind(g)
    g.parse(data=data, format="nt")
    return g

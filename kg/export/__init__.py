"""Exports of the kg graph to RDF files, graph tools and graph databases.

Formats are registered by name as "module:function" and imported on first use (the rdflib
plugin style), so `kg export --format turtle` never imports networkx or the CSV writer.
Every writer has the signature `write(g: Graph, path, **options) -> Path`.

>>> resolve_format("ttl"), default_name("neo4j")
('turtle', 'neo4j')
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from ..errors import ConfigError, Errors, InputError, MissingInputError

__all__ = [
    "FORMATS",
    "ALIASES",
    "FOLDER_FORMATS",
    "Format",
    "register",
    "formats",
    "resolve_format",
    "get_writer",
    "default_name",
    "export_graph",
    "ExportResult",
    "read_graph_file",
    "export_file",
    "GRAPH_FORMATS",
]


@dataclass(frozen=True, slots=True)
class Format:
    """A registered export format: its writer target and its default file name."""

    target: str  # "module:function"
    filename: str  # default output name (a folder name for folder formats)
    description: str


FORMATS: dict[str, Format] = {
    "turtle": Format("kg.export.rdf:write_turtle", "graph.ttl", "RDF Turtle"),
    "ntriples": Format("kg.export.rdf:write_ntriples", "graph.nt", "RDF N-Triples (sorted lines)"),
    "nquads": Format("kg.export.rdf:write_nquads", "graph.nq", "RDF N-Quads, one named graph per article"),
    "trig": Format("kg.export.rdf:write_trig", "graph.trig", "RDF TriG, one named graph per article"),
    "jsonld": Format(
        "kg.export.rdf:write_jsonld", "graph.jsonld", "compact JSON-LD, @context from the ontology"
    ),
    "rdfxml": Format("kg.export.rdf:write_rdfxml", "graph.rdf", "RDF/XML"),
    "graphml": Format("kg.export.graphml:write_graphml", "graph.graphml", "GraphML (yEd, Cytoscape, Gephi)"),
    "gexf": Format("kg.export.graphml:write_gexf", "graph.gexf", "GEXF 1.2 (Gephi)"),
    "json": Format("kg.export.nodelink:write_node_link", "graph.json", "node-link JSON (D3)"),
    "neo4j": Format("kg.export.neo4j:write_neo4j", "neo4j", "folder of CSVs for neo4j-admin database import"),
    "cypher": Format(
        "kg.export.cypher:write_cypher", "graph.cypher", "idempotent Cypher script (UNWIND/MERGE)"
    ),
}
ALIASES: dict[str, str] = {
    "ttl": "turtle",
    "nt": "ntriples",
    "nq": "nquads",
    "json-ld": "jsonld",
    "xml": "rdfxml",
    "rdf": "rdfxml",
    "node-link": "json",
    "d3": "json",
    "neo4j-csv": "neo4j",
    "cql": "cypher",
}
FOLDER_FORMATS = frozenset({"neo4j"})


def register(name: str, target: str, *, filename: str, description: str = "") -> None:
    """Register (or replace) an export format; `target` is "module:function"."""
    if ":" not in target:
        raise ConfigError(f"export target must be 'module:function', not '{target}'")
    FORMATS[name] = Format(target, filename, description)


def formats() -> tuple[str, ...]:
    """Return the registered format names, sorted."""
    return tuple(sorted(FORMATS))


def resolve_format(name: str) -> str:
    """Return the canonical format name for a name or alias (case-insensitive)."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key not in FORMATS:
        raise ConfigError(Errors.E002.format(value=name, allowed=", ".join(formats())))
    return key


def get_writer(name: str) -> Callable[..., Path]:
    """Import and return the writer of a format (imported on first use)."""
    module_name, func = FORMATS[resolve_format(name)].target.split(":", 1)
    return getattr(importlib.import_module(module_name), func)


def default_name(name: str) -> str:
    """Return the default output file (or folder) name of a format."""
    return FORMATS[resolve_format(name)].filename


def export_graph(g: Graph, fmt: str, out: str | Path, **options: object) -> Path:
    """Write `g` in format `fmt` to `out` and return the written path.

    g (Graph): a kg graph.
    fmt (str): a format name or alias (see `formats()`).
    out (str | Path): the output file, or folder for folder formats.
    options: passed to the writer (e.g. `batch_size` for cypher).
    RETURNS (Path): the written file or folder.
    """
    return get_writer(fmt)(g, Path(out), **options)


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What `export_file` wrote: the format, the path and how much."""

    format: str
    path: Path
    triples: int
    nodes: int | None = None
    relationships: int | None = None


def read_graph_file(path: str | Path) -> Graph:
    """Read a graph file (Turtle, or any RDF format by suffix; TriG and N-Quads as the union
    of their graphs, see `kg.graph.read_graph`); errors become one-line KgErrors naming the file."""
    from ..graph import read_graph

    path = Path(path)
    if not path.is_file():
        raise MissingInputError(path, what="graph file", hint=Errors.E006)
    try:
        return read_graph(path)
    except Exception as err:  # noqa: BLE001 - any parser error becomes one line naming the file
        text = str(err).strip()
        reason = text.splitlines()[0] if text else type(err).__name__
        raise InputError(str(path), f"cannot read RDF: {reason}") from err


GRAPH_FORMATS = frozenset({"graphml", "gexf", "json", "neo4j", "cypher"})


def export_file(
    graph: str | Path,
    fmt: str,
    *,
    out: str | Path | None = None,
    batch_size: int | None = None,
    all_entities: bool = False,
) -> ExportResult:
    """Read a graph file and export it; the plain function behind `kg export`.

    graph (str | Path): the graph file.
    fmt (str): a format name or alias.
    out (str | Path | None): output path; default `default_name(fmt)` beside the graph.
    batch_size (int | None): rows per UNWIND statement (cypher only).
    all_entities (bool): graph formats also keep the entities in no relation (default: only
        entities that take part in a relation).
    RETURNS (ExportResult): format, path, triples, and nodes/relationships for graph formats.
    """
    name = resolve_format(fmt)
    g = read_graph_file(graph)
    target = Path(out) if out is not None else Path(graph).parent / default_name(name)
    options: dict[str, object] = {}
    if batch_size is not None:
        if name != "cypher":
            raise ConfigError("--batch-size applies to --format cypher only")
        options["batch_size"] = batch_size
    if all_entities:
        if name not in GRAPH_FORMATS:
            raise ConfigError(f"--all-entities applies to {', '.join(sorted(GRAPH_FORMATS))} only")
        options["all_entities"] = True
    path = export_graph(g, name, target, **options)
    nodes = relationships = None
    if name in GRAPH_FORMATS:
        from ._model import property_graph

        pg = property_graph(g, all_entities=all_entities)
        nodes, relationships = len(pg.nodes), len(pg.edges)
    return ExportResult(name, path, len(g), nodes, relationships)

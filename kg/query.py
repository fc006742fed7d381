"""SPARQL over the kg graph with pyoxigraph: load or persist a store, run queries, format results.

The store holds the data graph in its **default graph** and the geo ontology in the named graph
`ONTOLOGY_GRAPH` (`<https://w3id.org/geokg/ontology>`), so queries count only data triples unless
they ask for the ontology with `GRAPH <https://w3id.org/geokg/ontology> { ... }` (the named
queries `matrix` and `central` read `geo:eventFamily` that way).

Timeouts: pyoxigraph has no per-query timeout, but it releases the GIL while it evaluates, so
`run_query` evaluates in a daemon worker thread and gives up at the deadline (`QueryTimeout`).
The abandoned thread runs on until its query ends; a CLI process exits anyway, and the server
(`kg.serve`) runs queries in worker processes that it kills at the deadline instead.

>>> store = load_store(None, None, ontology=False)
>>> run_query(store, "ASK { ?s ?p ?o }").boolean
False
"""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from .errors import ConfigError, Errors, KgError, QueryError
from .resources import ontology_file
from .vocab import PREFIXES

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "ONTOLOGY_GRAPH",
    "DEFAULT_GRAPH",
    "DEFAULT_STORE",
    "RESULT_FORMATS",
    "GRAPH_FORMATS",
    "QueryResult",
    "NamedQuery",
    "QuerySyntaxError",
    "QueryTimeout",
    "UpdateRefused",
    "load_store",
    "write_store",
    "run_query",
    "format_result",
    "is_update",
    "named_queries",
    "named_query",
    "bind_params",
    "store_to_rdflib",
    "pagerank_scores",
    "add_pagerank",
]

ONTOLOGY_GRAPH = "https://w3id.org/geokg/ontology"
DEFAULT_GRAPH = Path("output/graph.ttl")
DEFAULT_STORE = Path("output/store")
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_PREFIXES = {name: str(ns) for name, ns in PREFIXES.items()}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
_QUERIES_DIR = Path(__file__).resolve().parent / "queries"
_CHECK_EVERY = 512  # rows between deadline checks while collecting results


class QuerySyntaxError(QueryError):
    """The text is not a SPARQL 1.1 query; the message gives line and column."""


class QueryTimeout(QueryError):
    """The query did not finish before its deadline."""

    exit_code = 1


class UpdateRefused(QueryError):
    """A SPARQL Update was sent to a read-only store or endpoint."""


@dataclass(frozen=True, slots=True)
class QueryResult:
    """The complete result of one query.

    kind (str): "select", "ask" or "graph" (CONSTRUCT / DESCRIBE).
    variables (tuple[str, ...]): SELECT variables, in projection order.
    rows (tuple[tuple[Term | None, ...], ...]): SELECT solutions; None is an unbound value.
    boolean (bool | None): the ASK answer.
    triples (tuple[ox.Triple, ...]): CONSTRUCT / DESCRIBE triples.
    truncated (bool): True when rows or triples were cut at the result cap.
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[object, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)


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


# --------------------------------------------------------------------------- stores


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


def _default_source() -> tuple[Path | None, Path | None]:
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
        graph, store = _default_source()
    if store is not None:
        path = Path(store)
        if not path.is_dir():
            raise KgError(f"store folder not found: {path}; run 'kg build' first or pass --graph")
        try:
            return ox.Store.read_only(str(path))
        except OSError as err:
            raise KgError(f"{path}: cannot open the store: {_one_line(str(err))}") from None
    result = ox.Store()
    if graph is not None:
        path = Path(graph)
        if not path.is_file():
            raise KgError(Errors.E005.format(path=path))
        try:
            result.load(path=str(path), format=_rdf_format(path))
        except (SyntaxError, ValueError, OSError) as err:
            raise KgError(f"{path}: cannot parse the graph: {_one_line(str(err))}") from None
    if ontology and graph is not None:
        _load_ontology(result)
    return result


def write_store(source: Path | str | Graph, store_dir: Path | str) -> Path:
    """Persist a graph as an on-disk store with the ontology, replacing `store_dir` in one swap.

    The store is built in a temporary folder beside `store_dir` and renamed into place, so a
    reader sees the old store or the new one, never a half-written one.

    source (Path | Graph): a graph file (format by suffix) or an rdflib Graph.
    store_dir (Path): the store folder to create or replace, e.g. output/store.
    RETURNS (Path): `store_dir`.
    """
    target = Path(store_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        store = ox.Store(str(tmp))
        if isinstance(source, str | Path):
            path = Path(source)
            if not path.is_file():
                raise KgError(Errors.E005.format(path=path))
            try:
                store.bulk_load(path=str(path), format=_rdf_format(path))
            except (SyntaxError, ValueError) as err:
                raise KgError(f"{path}: cannot parse the graph: {_one_line(str(err))}") from None
        else:
            data = source.serialize(format="nt", encoding="utf-8")
            store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES)
        _load_ontology(store)
        store.flush()
        store.optimize()
        del store
        gc.collect()  # close RocksDB before the folder moves
        _swap_dirs(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _swap_dirs(new: Path, target: Path) -> None:
    """Move `new` to `target`; an existing `target` is renamed aside first, then removed."""
    if not target.exists():
        os.replace(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------- queries

_UPDATE_RE = re.compile(
    r"^(?:\s+|#[^\n]*(?:\n|$)|PREFIX\s+[\w.\-]*:\s*<[^>]*>|BASE\s*<[^>]*>)*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)
_POSITION_RE = re.compile(r"^error at (\d+):(\d+):\s*")


def is_update(text: str) -> bool:
    """Return True if `text` reads as a SPARQL Update operation (after its prologue).

    >>> is_update("PREFIX geo: <https://w3id.org/geokg/ontology#> INSERT DATA { <a> <b> <c> }")
    True
    >>> is_update("SELECT * WHERE { ?s ?p ?o }")
    False
    """
    return _UPDATE_RE.match(text) is not None


def _one_line(text: str, *, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _syntax_error(err: SyntaxError) -> QuerySyntaxError:
    message = str(err)
    match = _POSITION_RE.match(message)
    if match:
        where = f"line {match.group(1)}, column {match.group(2)}"
        message = f"malformed SPARQL query at {where}: {message[match.end() :]}"
    else:
        message = f"malformed SPARQL query: {message}"
    return QuerySyntaxError(_one_line(message, limit=200))


def _collect(results: object, *, limit: int | None, deadline: float | None) -> QueryResult:
    """Drain a pyoxigraph result into a QueryResult, stopping at `limit` rows or the deadline."""
    if isinstance(results, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(results))
    items: list = []
    truncated = False
    for item in results:  # type: ignore[union-attr]
        if limit is not None and len(items) >= limit:
            truncated = True
            break
        items.append(item)
        if deadline is not None and len(items) % _CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise QueryTimeout("query timed out while reading its results")
    if isinstance(results, ox.QuerySolutions):
        names = tuple(v.value for v in results.variables)
        rows = tuple(tuple(sol[i] for i in range(len(names))) for sol in items)
        return QueryResult(kind="select", variables=names, rows=rows, truncated=truncated)
    return QueryResult(kind="graph", triples=tuple(items), truncated=truncated)


def _evaluate(store: ox.Store, text: str, *, limit: int | None, deadline: float | None) -> QueryResult:
    try:
        results = store.query(text, prefixes=_PREFIXES)
        return _collect(results, limit=limit, deadline=deadline)
    except SyntaxError as err:
        if is_update(text):
            raise UpdateRefused("SPARQL Update is not allowed: the store is read-only") from None
        raise _syntax_error(err) from None
    except QueryError:
        raise
    except (OSError, RuntimeError, ValueError) as err:
        raise QueryError(f"query failed: {_one_line(str(err))}") from None


def run_query(
    store: ox.Store,
    sparql: str,
    *,
    timeout: float | None = None,
    limit: int | None = None,
    params: Mapping[str, str] | None = None,
) -> QueryResult:
    """Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE) and return its full result.

    The kg prefixes (geo:, ent:, art:, stmt:, rdf:, rdfs:, owl:, xsd:, dcterms:, prov:) are
    predeclared. Updates raise `UpdateRefused`, bad syntax `QuerySyntaxError` (one line with
    line and column), a query past `timeout` seconds `QueryTimeout`.

    store (ox.Store): from `load_store`.
    sparql (str): the query text.
    timeout (float | None): seconds before giving up; None waits for ever.
    limit (int | None): keep at most this many rows or triples (`truncated` is then set).
    params (Mapping[str, str]): values for `VALUES ?param_NAME { UNDEF }` slots, see `bind_params`.
    RETURNS (QueryResult): the materialised result.
    """
    text = bind_params(sparql, params) if params else sparql
    if timeout is None:
        return _evaluate(store, text, limit=limit, deadline=None)
    deadline = time.monotonic() + timeout
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["result"] = _evaluate(store, text, limit=limit, deadline=deadline)
        except BaseException as err:  # noqa: BLE001 - handed back to the caller's thread
            box["error"] = err

    worker = threading.Thread(target=work, name="kg-sparql", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeout(f"query timed out after {timeout:g} s")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["result"]  # type: ignore[return-value]


# --------------------------------------------------------------------------- named queries

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
        raise ConfigError(f"unknown named query '{name}'; choose one of: {', '.join(queries)}")
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
        literal = str(ox.Literal(value))
        pattern = re.compile(_PARAM_SLOT.format(name=re.escape(name)))
        text = pattern.sub(lambda _m, n=name, lit=literal: f"VALUES ?param_{n} {{ {lit} }}", text)
    return text


# --------------------------------------------------------------------------- PageRank


def store_to_rdflib(store: ox.Store) -> Graph:
    """Return the default graph of a store as an rdflib Graph (for networkx conversion)."""
    from rdflib import Graph

    from .vocab import bind

    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    g = Graph()
    bind(g)
    g.parse(data=data, format="nt")
    return g


def pagerank_scores(g: Graph) -> dict[str, float]:
    """Return {entity IRI: PageRank} over the entity graph of `kg.convert.to_networkx`."""
    import networkx as nx

    from .convert import to_networkx

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


# --------------------------------------------------------------------------- formatting


def _term_json(term: object) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _term_json(term.subject),
                "predicate": _term_json(term.predicate),
                "object": _term_json(term.object),
            },
        }
    raise TypeError(f"unexpected RDF term {term!r}")


def _format_json(result: QueryResult) -> bytes:
    if result.kind == "ask":
        doc: dict[str, object] = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [
            {
                name: _term_json(term)
                for name, term in zip(result.variables, row, strict=True)
                if term is not None
            }
            for row in result.rows
        ]
        doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _term_xml(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        parts = (("subject", term.subject), ("predicate", term.predicate), ("object", term.object))
        return "<triple>" + "".join(f"<{n}>{_term_xml(t)}</{n}>" for n, t in parts) + "</triple>"
    raise TypeError(f"unexpected RDF term {term!r}")


def _format_xml(result: QueryResult) -> bytes:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
    ]
    if result.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>"]
    else:
        out.append(
            "<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head>"
        )
        out.append("<results>")
        for row in result.rows:
            cells = (
                f"<binding name={quoteattr(name)}>{_term_xml(term)}</binding>"
                for name, term in zip(result.variables, row, strict=True)
                if term is not None
            )
            out.append("<result>" + "".join(cells) + "</result>")
        out.append("</results>")
    out.append("</sparql>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _plain(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value  # type: ignore[attr-defined]


def _format_csv(result: QueryResult) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
    else:
        writer.writerow(result.variables)
        writer.writerows([_plain(t) for t in row] for row in result.rows)
    return buf.getvalue().encode("utf-8")


def _format_tsv(result: QueryResult) -> bytes:
    if result.kind == "ask":
        return f"?boolean\n{'true' if result.boolean else 'false'}\n".encode()
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _short(term: object) -> str:
    """Display form for tables: prefixed IRIs, plain literal values, one line."""
    if isinstance(term, ox.NamedNode):
        best = ""
        for prefix, ns in _PREFIXES.items():
            if term.value.startswith(ns) and len(ns) > len(_PREFIXES.get(best, "")):
                best = prefix
        return f"{best}:{term.value[len(_PREFIXES[best]) :]}" if best else term.value
    return " ".join(_plain(term).split())


def _format_table(result: QueryResult) -> bytes:
    if result.kind == "ask":
        return b"true\n" if result.boolean else b"false\n"
    header = list(result.variables)
    body = [[_short(t) for t in row] for row in result.rows]
    widths = [max([len(h), *(len(r[i]) for r in body)]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(header), line(["-" * w for w in widths]), *(line(r) for r in body)]
    out.append(f"({len(body)} row{'s' if len(body) != 1 else ''}{', truncated' if result.truncated else ''})")
    return ("\n".join(out) + "\n").encode("utf-8")


_FORMATTERS = {
    "table": _format_table,
    "csv": _format_csv,
    "tsv": _format_tsv,
    "json": _format_json,
    "xml": _format_xml,
}


def _used_prefixes(triples: list[ox.Triple]) -> dict[str, str]:
    iris = {t.value for triple in triples for t in triple if isinstance(t, ox.NamedNode)}
    iris |= {t.datatype.value for triple in triples for t in triple if isinstance(t, ox.Literal)}
    return {name: ns for name, ns in _PREFIXES.items() if any(iri.startswith(ns) for iri in iris)}


def format_result(result: QueryResult, fmt: str = "table", *, graph_format: str = "turtle") -> bytes:
    """Serialise a result: SELECT/ASK in `fmt`, CONSTRUCT/DESCRIBE in `graph_format` (Turtle).

    result (QueryResult): from `run_query`.
    fmt (str): one of RESULT_FORMATS; "json" and "xml" are the SPARQL 1.1 Query Results formats.
    graph_format (str): one of GRAPH_FORMATS, for CONSTRUCT / DESCRIBE results.
    RETURNS (bytes): UTF-8 text, deterministic for a given result.
    """
    if result.kind == "graph":
        if graph_format not in GRAPH_FORMATS:
            raise ConfigError(Errors.E002.format(value=graph_format, allowed=", ".join(GRAPH_FORMATS)))
        triples = sorted(result.triples, key=str)
        data = ox.serialize(triples, format=GRAPH_FORMATS[graph_format], prefixes=_used_prefixes(triples))
        return data or b""
    if fmt not in _FORMATTERS:
        raise ConfigError(Errors.E002.format(value=fmt, allowed=", ".join(RESULT_FORMATS)))
    return _FORMATTERS[fmt](result)

""":mod:`kg.query.formats`: serialise query results.

SELECT and ASK results as a text table, CSV, TSV, or the SPARQL 1.1 Query Results JSON and XML
formats; CONSTRUCT and DESCRIBE results as Turtle, N-Triples, RDF/XML or JSON-LD.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..errors import ConfigError, Errors
from .engine import QUERY_PREFIXES, QueryResult

__all__ = ["RESULT_FORMATS", "GRAPH_FORMATS", "format_result"]

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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
        for prefix, ns in QUERY_PREFIXES.items():
            if term.value.startswith(ns) and len(ns) > len(QUERY_PREFIXES.get(best, "")):
                best = prefix
        return f"{best}:{term.value[len(QUERY_PREFIXES[best]) :]}" if best else term.value
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
    return {name: ns for name, ns in QUERY_PREFIXES.items() if any(iri.startswith(ns) for iri in iris)}


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

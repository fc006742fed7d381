"""kg.query: stores, SPARQL results and formats, named queries (exact rows), and the `kg query` CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from typer.testing import CliRunner

from kg.errors import ConfigError, KgError
from kg.graph import write_turtle
from kg.query import (
    ONTOLOGY_GRAPH,
    QuerySyntaxError,
    QueryTimeout,
    UpdateRefused,
    bind_params,
    format_result,
    load_store,
    named_queries,
    named_query,
    run_query,
    write_store,
)
from kg.resources import ontology_file

from . import _graphs as RG

EXPECTED = {
    "suppliers": [
        ("North Korea", "munitions", "Russia", "1"),
        ("Russia", "oil", None, "1"),
        ("United States", None, "Ukraine", "1"),
    ],
    "condemnations": [
        ("United States", "condemns", "North Korea", "2"),
        ("Antony Blinken", "criticizes", "Russia", "1"),
        ("Russia", "opposes", "sanctions", "1"),
    ],
    "leaders": [
        ("", "leader", "Jens Stoltenberg", "NATO", "1"),
        ("Russia", "leader", "Vladimir Putin", "Russia", "1"),
        ("United States", "official", "Antony Blinken", "United States", "1"),
    ],
    "matrix": [
        ("Russia", "Ukraine", "1", "2", "3"),
        ("United States", "North Korea", "0", "2", "2"),
        ("United States", "Russia", "0", "2", "2"),
        ("United States", "Ukraine", "2", "0", "2"),
        ("North Korea", "Russia", "1", "0", "1"),
        ("Russia", "North Korea", "1", "0", "1"),
    ],
    "pressure": [
        ("Russia", "coerces", "Ukraine", "1"),
        ("United States", "demands", "Russia", "1"),
    ],
    "relief": [
        ("Russia", "easesPressureOn", "Ukraine", "1"),
        ("United States", "aids", "Ukraine", "1"),
    ],
}


def _values(result) -> list[tuple]:
    return [tuple(None if t is None else t.value for t in row) for row in result.rows]


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("query") / "graph.ttl"
    write_turtle(RG.make_graph(), path)
    return path


@pytest.fixture(scope="module")
def store(graph_file):
    return load_store(graph_file)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_query_named_query_rows(store, name):
    assert _values(run_query(store, named_query(name).text, timeout=30)) == EXPECTED[name]


def test_query_central_degrees(store):
    result = run_query(store, named_query("central").text)
    rows = {r[1]: r[2:] for r in _values(result)}
    assert result.variables == ("entity", "actor", "degree", "out", "in", "partners")
    assert _values(result)[0][1] == "Russia"
    assert rows["Russia"] == ("9", "5", "4", "7")
    assert rows["North Korea"] == ("3", "2", "1", "3")
    assert rows["Kim Jong Un"] == ("1", "0", "1", "1")
    assert len(rows) == 12


def test_query_evidence_rows_and_params(store):
    text = named_query("evidence").text
    assert len(run_query(store, text).rows) == sum(len(t) for *_, t in RG.SENTENCES)
    rows = _values(run_query(store, text, params={"subject": "united"}))
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in rows] == [
        ("United States", "aids", "Ukraine", "a5", "The United States sent humanitarian aid to Ukraine."),
        ("United States", "condemns", "North Korea", "a1", "The United States condemned North Korea."),
        ("United States", "condemns", "North Korea", "a2", "Washington again condemned Pyongyang."),
        ("United States", "demands", "Russia", "a5", "Washington urged Moscow to free them."),
        ("United States", "suppliesTo", "Ukraine", "a2", "Ukraine buys arms from the United States."),
    ]
    rows = _values(run_query(store, text, params={"subject": "PUTIN", "predicate": "meetswith"}))
    expected = ("Vladimir Putin", "meetsWith", "Kim Jong Un", "a1", "Putin met Kim in Pyongyang.", "0.8")
    assert rows == [expected]


def test_query_params_are_literals_not_sparql(store):
    text = named_query("evidence").text
    hostile = 'x" } } SELECT * WHERE { ?s ?p ?o } #'
    assert run_query(store, text, params={"subject": hostile}).rows == ()
    assert '"x\\" } }' in bind_params(text, {"subject": hostile})
    with pytest.raises(ConfigError, match="this query takes: object, predicate, subject"):
        bind_params(text, {"country": "x"})


def test_query_named_queries_ship_with_header():
    queries = named_queries()
    assert set(queries) == {
        *("suppliers", "condemnations", "leaders", "evidence", "matrix", "central", "pressure", "relief")
    }
    for q in queries.values():
        assert q.description and q.path.parent.name == "queries"
    assert [name for name, _ in queries["evidence"].params] == ["subject", "predicate", "object"]
    with pytest.raises(ConfigError, match="choose one of: central"):
        named_query("nope")


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_query_named_queries_agree_with_rdflib(graph_file, store):
    ds = Dataset()
    ds.parse(graph_file, format="turtle")
    ds.graph(URIRef(ONTOLOGY_GRAPH)).parse(ontology_file("geopolitics.ttl"), format="turtle")
    for q in named_queries().values():
        ours = [tuple(None if t is None else t.value for t in row) for row in run_query(store, q.text).rows]
        theirs = [tuple(None if t is None else str(t) for t in row) for row in ds.query(q.text)]
        if q.name == "evidence":  # pyoxigraph prints xsd:decimal canonically (0.8, not 0.800)
            ours, theirs = [r[:-1] for r in ours], [r[:-1] for r in theirs]
        assert ours == theirs, q.name


def test_query_malformed_is_one_line_with_position(store):
    with pytest.raises(QuerySyntaxError) as info:
        run_query(store, "SELECT ?s WHERE {\n  ?s ?p \n}")
    message = str(info.value)
    assert message.startswith("malformed SPARQL query at line 3, column")
    assert "\n" not in message and info.value.exit_code == 2


def test_query_update_refused(store):
    with pytest.raises(UpdateRefused):
        run_query(store, "PREFIX x: <http://x/>\nINSERT DATA { x:a x:b x:c }")
    assert len(run_query(store, "SELECT * WHERE { ?s ?p ?o }").rows) > 0


def test_query_timeout(store):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(QueryTimeout, match="timed out after 0.05 s"):
        run_query(store, slow, timeout=0.05)


def test_query_limit_truncates(store):
    result = run_query(store, "SELECT ?s WHERE { ?s ?p ?o }", limit=3)
    assert len(result.rows) == 3 and result.truncated


@pytest.mark.parametrize(
    "fmt,parse_as",
    [
        ("json", ox.QueryResultsFormat.JSON),
        ("xml", ox.QueryResultsFormat.XML),
        ("tsv", ox.QueryResultsFormat.TSV),
    ],
)
def test_query_result_formats_round_trip(store, fmt, parse_as):
    result = run_query(store, named_query("evidence").text)
    data = format_result(result, fmt)
    parsed = ox.parse_query_results(data, format=parse_as)
    assert [v.value for v in parsed.variables] == list(result.variables)
    back = [tuple(None if sol[v] is None else sol[v].value for v in result.variables) for sol in parsed]
    assert back == _values(result)
    assert format_result(result, fmt) == data  # deterministic


def test_query_csv_is_plain_values(store):
    result = run_query(store, named_query("evidence").text)
    rows = list(csv.reader(io.StringIO(format_result(result, "csv").decode("utf-8"), newline="")))
    assert rows[0] == list(result.variables)
    assert [tuple(r) for r in rows[1:]] == [tuple(v or "" for v in row) for row in _values(result)]


def test_query_ask_and_json_shape(store):
    result = run_query(store, "ASK { ?s geo:meetsWith ?o }")
    assert result.kind == "ask" and result.boolean is True
    assert json.loads(format_result(result, "json")) == {"head": {}, "boolean": True}
    assert bool(ox.parse_query_results(format_result(result, "xml"), format=ox.QueryResultsFormat.XML))


def test_query_construct_gives_turtle(store):
    result = run_query(store, "CONSTRUCT { ?s geo:meetsWith ?o } WHERE { ?s geo:meetsWith ?o }")
    g = Graph().parse(data=format_result(result, "json").decode(), format="turtle")
    assert len(g) == 1
    describe = run_query(store, "DESCRIBE ent:kim-jong-un")
    assert describe.kind == "graph" and b'"Kim Jong Un"' in format_result(describe)


def test_query_store_holds_ontology_in_named_graph(store):
    in_default = run_query(store, "ASK { geo:meetsWith ?p ?o }").boolean
    ask = f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ geo:meetsWith a owl:SymmetricProperty }} }}"
    in_named = run_query(store, ask)
    assert in_default is False and in_named.boolean is True


def test_query_write_store_replaces_in_one_swap(tmp_path, graph_file):
    target = tmp_path / "store"
    write_store(graph_file, target)
    first = load_store(store=target)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a rdf:Statement }"
    assert _values(run_query(first, count)) == [("17",)]
    del first
    extra = (("a9", 0, "Kim met Putin.", [("kim", "meetsWith", "putin")]),)
    write_store(RG.make_graph(extra), target)
    assert _values(run_query(load_store(store=target), count)) == [("18",)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_query_missing_inputs_fail_in_one_line(tmp_path):
    with pytest.raises(KgError, match="graph file not found"):
        load_store(tmp_path / "none.ttl")
    with pytest.raises(KgError, match="store folder not found"):
        load_store(store=tmp_path / "nostore")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(KgError, match="bad.ttl: cannot parse the graph"):
        load_store(bad)


# --------------------------------------------------------------------------- CLI


def _cli(*args: str):
    import kg.cli.query  # noqa: F401  (registers the commands; with one only, typer drops its name)
    import kg.cli.serve  # noqa: F401
    import kg.cli.validate  # noqa: F401
    from kg.cli._app import app

    return CliRunner().invoke(app, list(args))


def test_query_cli_named_with_param(graph_file):
    args = ("--named", "evidence", "-p", "predicate=condemns", "-f", "csv")
    out = _cli("query", "--graph", str(graph_file), *args)
    assert out.exit_code == 0, out.output
    lines = out.stdout.strip().splitlines()
    assert lines[0] == "subject,predicate,object,article,sentence,confidence"
    assert len(lines) == 3


def test_query_cli_list_and_file(graph_file, tmp_path):
    out = _cli("query", "--list")
    assert out.exit_code == 0 and "suppliers:" in out.stdout and "--param subject=" in out.stdout
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?n WHERE { ?c geo:isoCode ?n } ORDER BY ?n", encoding="utf-8")
    out = _cli("query", str(rq), "--graph", str(graph_file), "--format", "tsv")
    assert out.exit_code == 0
    assert out.stdout.splitlines() == ["?n", '"PRK"', '"RUS"', '"UKR"', '"USA"']


def test_query_cli_malformed_exits_2(graph_file):
    out = _cli("query", "SELECT * WHERE { ?s ?p }", "--graph", str(graph_file))
    assert out.exit_code == 2
    assert out.stderr.startswith("kg: error: malformed SPARQL query at line 1, column")
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.output


def test_query_cli_missing_graph_and_bad_format(tmp_path):
    out = _cli("query", "ASK {}", "--graph", str(tmp_path / "none.ttl"))
    assert out.exit_code == 2 and "graph file not found" in out.stderr
    out = _cli("query", "ASK {}", "--graph", str(tmp_path / "none.ttl"), "--format", "yaml")
    assert out.exit_code == 2 and "unknown format 'yaml'" in out.stderr


def test_query_cli_central_pagerank(graph_file):
    out = _cli("query", "--graph", str(graph_file), "--named", "central", "--pagerank", "-f", "json")
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert doc["head"]["vars"][-1] == "pagerank"
    scores = {b["actor"]["value"]: float(b["pagerank"]["value"]) for b in doc["results"]["bindings"]}
    # Ukraine is attacked, coerced, aided and supplied: the most incoming relations, the highest rank
    assert max(scores, key=scores.get) == "Ukraine"


# --------------------------------------------------------------------------- the real sample graph


def test_query_sample_graph_named_queries_run(sample_graph_path, sample_graph):
    from rdflib.namespace import RDF

    from kg.convert import predicate_info
    from kg.vocab import GEO

    store = load_store(sample_graph_path)
    results = {name: run_query(store, q.text, timeout=60) for name, q in named_queries().items()}
    statements = len(set(sample_graph.subjects(RDF.type, RDF.Statement)))
    assert statements > 0
    assert len(results["evidence"].rows) == statements
    relation_triples = [t for t in sample_graph if t[1] in {GEO[p] for p in predicate_info()}]
    degree = sum(int(row[2].value) for row in results["central"].rows)
    assert degree <= 2 * len(relation_triples) and len(results["central"].rows) > 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SELEC * WHERE { ?s ?p ?o }", "line 1, column 1: unexpected 'SELEC'; did you mean SELECT?"),
        ("SELECT * WHER { ?s ?p ?o }", "unexpected 'WHER'; did you mean WHERE?"),
        ("SELECT ?s WHERE { ?s ?p ?o } LIMT 3", "unexpected 'LIMT'; did you mean LIMIT?"),
        ("SELECT * {\n ?s ?p ?o FILTR(?o) }", "line 2, column 11: unexpected 'FILTR'; did you mean FILTER?"),
        (
            "SELECT * WHERE { ?s foo:bar ?o }",
            "line 1, column 21: unknown prefix 'foo:'; declare it with PREFIX foo: <...> (predeclared: art,",
        ),
        ("SELECT * WHERE { ?s ?p ?o } ORDER ?s", "unexpected end of query after '?s'; expected BY"),
    ],
)
def test_query_syntax_errors_name_the_token_and_suggest(store, text, expected):
    with pytest.raises(QuerySyntaxError) as info:
        run_query(store, text)
    message = str(info.value)
    assert message.startswith("malformed SPARQL query at line") and expected in message, message
    assert "\n" not in message and "Prefix not found" not in message and "[" not in message.split(":")[0]


def test_query_named_predicate_param_suggests_the_ontology_name(graph_file):
    out = _cli("query", "--graph", str(graph_file), "--named", "evidence", "-p", "predicate=visit")
    assert out.exit_code == 2
    assert out.stderr.startswith("kg: error: unknown predicate 'visit'; did you mean 'visits'?")
    ok = _cli("query", "--graph", str(graph_file), "--named", "evidence", "-p", "predicate=MEETSWITH")
    assert ok.exit_code == 0, ok.output

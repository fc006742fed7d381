"""`kg export` through the CLI, plus an end-to-end check on the graph built from the sample articles."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import (
    _app,
    _commands,  # noqa: F401  (registers every command, `kg export` included)
)
from kg.export import FOLDER_FORMATS, default_name, export_file, formats, read_graph_file
from kg.export._model import property_graph
from kg.graph import write_turtle

from ._graphs import rdf_graph


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    return write_turtle(rdf_graph(), tmp_path_factory.mktemp("graph") / "graph.ttl")


@pytest.mark.parametrize("fmt", formats())
def test_cli_export_writes_every_format(graph_file, tmp_path, fmt):
    out = tmp_path / default_name(fmt)
    result = CliRunner().invoke(
        _app.app, ["export", "--format", fmt, "--graph", str(graph_file), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    assert out.is_dir() if fmt in FOLDER_FORMATS else out.stat().st_size > 0
    if fmt == "neo4j":
        assert "neo4j-admin database import full" in result.output


def test_cli_export_default_out_is_beside_the_graph(graph_file):
    result = export_file(graph_file, "nt")
    assert result.path == graph_file.parent / "graph.nt"
    assert result.format == "ntriples" and result.triples == len(rdf_graph())


def test_cli_export_errors_are_one_line(graph_file, tmp_path):
    runner = CliRunner()
    bad_format = runner.invoke(_app.app, ["export", "--format", "png", "--graph", str(graph_file)])
    assert bad_format.exit_code == 2 and "unknown format 'png'" in bad_format.output
    missing = runner.invoke(_app.app, ["export", "--format", "turtle", "--graph", str(tmp_path / "no.ttl")])
    assert missing.exit_code == 2 and "graph file not found" in missing.output
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle <<<", encoding="utf-8")
    unreadable = runner.invoke(_app.app, ["export", "--format", "json", "--graph", str(broken)])
    assert unreadable.exit_code == 1 and str(broken) in unreadable.output
    wrong_option = runner.invoke(
        _app.app, ["export", "-f", "turtle", "-g", str(graph_file), "--batch-size", "5"]
    )
    assert wrong_option.exit_code == 2 and "cypher only" in wrong_option.output
    for result in (bad_format, missing, unreadable, wrong_option):
        assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_cli_export_sample_graph_round_trips(sample_graph_path, tmp_path):
    """End to end on the real pipeline output: every RDF format re-imports isomorphic, graph counts agree."""
    g = read_graph_file(sample_graph_path)
    assert len(g) > 0
    for fmt in ("ntriples", "nquads", "trig", "jsonld", "rdfxml"):
        back = read_graph_file(export_file(sample_graph_path, fmt, out=tmp_path / default_name(fmt)).path)
        assert isomorphic(back, g), fmt
    pg = property_graph(g)
    data = json.loads(export_file(sample_graph_path, "json", out=tmp_path / "graph.json").path.read_text())
    assert (len(data["nodes"]), len(data["links"])) == (len(pg.nodes), len(pg.edges))
    assert isinstance(g, Graph)


def test_cli_export_all_entities(graph_file, tmp_path):
    """Graph formats keep only entities in a relation; --all-entities adds the ones only mentioned."""
    runner = CliRunner()
    default = tmp_path / "default.json"
    full = tmp_path / "full.json"
    args = ["export", "-f", "json", "-g", str(graph_file)]
    assert runner.invoke(_app.app, [*args, "-o", str(default)]).exit_code == 0
    assert runner.invoke(_app.app, [*args, "-o", str(full), "--all-entities"]).exit_code == 0
    nodes = {n["label"] for n in json.loads(default.read_text(encoding="utf-8"))["nodes"]}
    every = {n["label"] for n in json.loads(full.read_text(encoding="utf-8"))["nodes"]}
    assert "Klow" not in nodes and "Klow" in every and nodes < every
    rdf = runner.invoke(_app.app, ["export", "-f", "turtle", "-g", str(graph_file), "--all-entities"])
    assert rdf.exit_code == 2 and "--all-entities applies to" in rdf.output

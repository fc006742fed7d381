"""`kg viz` on the command line: views, output paths and one-line errors."""

from __future__ import annotations

import os
import stat

import pytest
from typer.testing import CliRunner

import kg.cli.viz as viz_cmd
from kg.cli._app import app
from kg.graph import write_turtle

from ._graphs import XSS_ARTICLE, rdf_graph

runner = CliRunner()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("viz-cli") / "graph.ttl"
    write_turtle(rdf_graph(), path)
    return path


def _run(*args: str):
    # Typer runs a lone command without its name; with the other commands registered it needs it.
    prefix = ["viz"] if len(app.registered_commands) > 1 else []
    return runner.invoke(app, [*prefix, *args])


def test_cli_viz_default_writes_entities_beside_the_graph(graph_file):
    result = _run("--graph", str(graph_file))
    assert result.exit_code == 0, result.output
    out = graph_file.parent / "graph.html"
    assert out.is_file() and "entities view: 10 nodes, 11 edges" in result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "args",
    [
        ("--view", "article", "--article", XSS_ARTICLE),
        ("--view", f"article:{XSS_ARTICLE}"),
        ("--view", "article", XSS_ARTICLE),
    ],
)
def test_cli_viz_article_view_spellings(graph_file, tmp_path, args):
    out = tmp_path / "a.html"
    result = _run(*args, "--graph", str(graph_file), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "article view: 4 nodes, 3 edges" in result.output
    assert out.is_file()


def test_cli_viz_countries_and_plain_function_agree(graph_file, tmp_path):
    result = _run("--view", "countries", "--graph", str(graph_file), "--out", str(tmp_path / "c.html"))
    assert result.exit_code == 0, result.output
    data = viz_cmd.viz(graph_file, view="countries", out=tmp_path / "d.html")
    assert data["nodes"] == 4 and data["edges"] == 5  # France→Germany and France—Germany
    assert (tmp_path / "c.html").read_bytes() == (tmp_path / "d.html").read_bytes()
    assert viz_cmd.viz(graph_file, view="countries")["path"] == str(graph_file.parent / "countries.html")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--view", "map"), 2, "unknown view 'map'"),
        (("--view", "article"), 2, "needs an article id"),
        (("--view", "article", "--article", "nope"), 2, "no article with id 'nope'"),
        (("--view", "countries", "x1"), 2, "only goes with --view article"),
    ],
)
def test_cli_viz_usage_errors_are_one_line(graph_file, args, code, message):
    result = _run(*args, "--graph", str(graph_file))
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_viz_missing_or_broken_graph_is_one_line(tmp_path):
    missing = _run("--graph", str(tmp_path / "none.ttl"))
    assert missing.exit_code == 2 and "graph file not found" in missing.output  # a usage error
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix : <x> . :a :b", encoding="utf-8")
    result = _run("--graph", str(broken))
    assert result.exit_code == 1
    assert str(broken) in result.output and "cannot read RDF" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "graph.html").exists()


def test_cli_viz_view_files_get_normal_permissions(graph_file, tmp_path):
    old = os.umask(0o022)
    try:
        result = _run("--view", "countries", "--graph", str(graph_file), "--out", str(tmp_path / "c.html"))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((tmp_path / "c.html").stat().st_mode) == 0o644

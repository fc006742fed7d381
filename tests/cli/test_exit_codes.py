"""One exit-code policy for every command: 0 done, 1 nothing built or a run-time failure, 2 usage error
(any missing input file included), each a single line on stderr, never a raw `[Errno 2]`."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import _commands  # noqa: F401  (registers commands)
from kg.cli._app import app
from kg.graph import write_turtle

from ..query import _graphs as RG

ROOT = Path(__file__).resolve().parents[2]
KG = [sys.executable, "-m", "kg"]
runner = CliRunner()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    return write_turtle(RG.make_graph(), tmp_path_factory.mktemp("exit") / "graph.ttl")


def _one_line_error(result, code: int, *needles: str) -> None:
    err = result.stderr
    assert result.exit_code == code, result.output
    assert err.startswith("kg: error: ") and len(err.strip().splitlines()) == 1, err
    assert "Errno" not in err and "Traceback" not in err
    for needle in needles:
        assert needle in err, err


def test_exit_codes_stated_in_help_and_readme():
    text = runner.invoke(app, ["--help"]).stdout
    for part in ("Exit codes", "0 when", "1 when nothing could be built", "2 for a", "does not exist"):
        assert part in " ".join(text.split()), text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Exit codes (every command)" in readme


def test_exit_codes_version():
    from kg import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"kg {__version__}"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{__version__}"' in pyproject


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["build", "/nonexistent/articles", "-q"], "article path not found: /nonexistent/articles"),
        (["build", "data", "/nonexistent/more", "-q"], "article path not found: /nonexistent/more"),
        (["extract", "/nonexistent/articles"], "article path not found"),
        (["eval", "data", "--gold", "/nonexistent/g.jsonl"], "gold file not found: /nonexistent/g.jsonl"),
        (["eval", "--gold", "eval/data.gold.jsonl", "/nonexistent/a"], "article path not found"),
        (["eval", "--gold", "eval/data.gold.jsonl", "--pred", "/nonexistent/p.jsonl"], "predictions file"),
        (["eval", "--gold", "eval/data.gold.jsonl", "--aliases", "/nonexistent/a.json"], "alias file"),
        (["query", "ASK {}", "--graph", "/nonexistent/g.ttl"], "graph file not found"),
        (["query", "ASK {}", "--store", "/nonexistent/store"], "store folder not found"),
        (["query", "/nonexistent/q.rq"], "query file not found: /nonexistent/q.rq"),
        (["validate", "--graph", "/nonexistent/g.ttl"], "graph file not found"),
        (["export", "-f", "json", "--graph", "/nonexistent/g.ttl"], "graph file not found"),
        (["push", "sparql", "http://127.0.0.1:9/s", "--graph", "/nonexistent/g.ttl"], "graph file not found"),
        (["push", "bolt", "bolt://127.0.0.1:9", "--graph", "/nonexistent/g.ttl"], "graph file not found"),
    ],
)
def test_exit_codes_missing_input_is_2(args, needle, monkeypatch):
    monkeypatch.chdir(ROOT)
    _one_line_error(runner.invoke(app, args), 2, needle)


def test_exit_codes_viz_missing_graph_is_2():
    _one_line_error(runner.invoke(app, ["viz", "--graph", "/nonexistent/g.ttl"]), 2, "graph file not found")


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "data", "--format", "xml"],
        ["build", "data", "--min-confidence", "2"],
        ["build", "data", "--workers", "0"],
        ["query", "SELEC * WHERE { ?s ?p ?o }", "--graph", "GRAPH"],
        ["query", "--named", "evidence", "-p", "predicate=visit", "--graph", "GRAPH"],
        ["export", "-f", "png", "--graph", "GRAPH"],
        ["serve", "--graph", "GRAPH", "--port", "70000"],
        ["push", "bolt", "bolt://127.0.0.1:9", "--graph", "GRAPH", "--dialect", "oracle"],
    ],
)
def test_exit_codes_usage_error_is_2(args, graph_file, monkeypatch):
    monkeypatch.chdir(ROOT)
    _one_line_error(runner.invoke(app, [str(graph_file) if a == "GRAPH" else a for a in args]), 2)


def test_exit_codes_runtime_failures_are_1(tmp_path, graph_file):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    nothing = runner.invoke(app, ["build", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o"), "-q"])
    assert nothing.exit_code == 1 and "no articles could be read" in nothing.stderr
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix x: <http://x/> .\nx:a x:b", encoding="utf-8")
    _one_line_error(runner.invoke(app, ["validate", "--graph", str(broken)]), 1, "cannot parse the graph")
    unreadable = runner.invoke(app, ["export", "-f", "json", "--graph", str(broken)])
    _one_line_error(unreadable, 1, "cannot read RDF")
    refused = runner.invoke(app, ["push", "sparql", "http://127.0.0.1:9/store", "--graph", str(graph_file)])
    _one_line_error(refused, 1, "http://127.0.0.1:9/store")


def test_exit_codes_empty_folder_builds_nothing_and_leaves_nothing(tmp_path):
    """Nothing to read: exit 1, and no OUT/.cache (or OUT) left behind."""
    (tmp_path / "in").mkdir()
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(tmp_path / "in"), "--out", str(out), "-q"])
    assert result.exit_code == 1 and "no articles could be read" in result.stderr
    assert not out.exists()


def test_exit_codes_serve_missing_graph_says_nothing_else(tmp_path):
    proc = subprocess.run(
        [*KG, "serve", "--graph", str(tmp_path / "none.ttl"), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"kg: error: graph file not found: {tmp_path / 'none.ttl'}"]


@pytest.mark.server
def test_exit_codes_serve_busy_port_is_one_line_and_1(graph_file):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        proc = subprocess.run(
            [*KG, "serve", "--graph", str(graph_file), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"kg: error: cannot listen on 127.0.0.1:{port}: "), lines
    assert "in use" in lines[0] and "SPARQL endpoint at" not in proc.stderr


@pytest.mark.server
def test_exit_codes_serve_announces_only_when_ready(graph_file):
    """The URL is printed after the port is bound and the workers answer: a request right away works."""
    import httpx

    proc = subprocess.Popen(
        [*KG, "serve", "--graph", str(graph_file), "--port", "0", "--workers", "1"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stderr.readline()
        assert line.startswith("kg: SPARQL endpoint at http://127.0.0.1:"), line
        url = line.split(" at ", 1)[1].split()[0]
        reply = httpx.get(url, params={"query": "ASK { ?s ?p ?o }"}, timeout=10, trust_env=False)
        assert reply.status_code == 200 and reply.json()["boolean"] is True
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

"""`kg build --executor dask --scheduler ADDRESS` against a cluster started the way the README says.

A `dask scheduler` and a `dask worker` run as separate processes on 127.0.0.1, like the machines of a
real cluster; the build's Turtle must equal the one-process build byte for byte.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import _commands  # noqa: F401  (registers commands)
from kg.cli._app import app

from ._corpus import corpus_articles, write_corpus

pytest.importorskip("distributed")

N_ARTICLES = 12


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"dask scheduler exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


def _dask(*args: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [shutil.which("dask") or "dask", *args], stdout=log.open("w"), stderr=subprocess.STDOUT
    )


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and one single-threaded worker process on loopback; yields the scheduler address."""
    if not shutil.which("dask"):
        pytest.skip("the dask command is not installed")
    logs = tmp_path_factory.mktemp("dask-logs")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = _dask(
        "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard", log=logs / "scheduler.log"
    )
    procs = [scheduler]
    try:
        _wait_for_port(port, scheduler)
        procs.append(
            _dask(
                "worker",
                address,
                "--host",
                "127.0.0.1",
                "--nworkers",
                "1",
                "--nthreads",
                "1",
                "--no-dashboard",
                log=logs / "worker.log",
            )
        )
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


def test_dask_cli_build_on_a_separate_cluster_equals_one_process(cluster, tmp_path, nlp):
    data = tmp_path / "in"
    write_corpus(data / "news.jsonl", corpus_articles(N_ARTICLES))
    runner = CliRunner()
    common = ["build", str(data), "--no-cache", "-q"]
    local = runner.invoke(app, [*common, "--out", str(tmp_path / "local")])
    assert local.exit_code == 0, local.output
    remote = runner.invoke(
        app, [*common, "--out", str(tmp_path / "dask"), "--executor", "dask", "--scheduler", cluster]
    )
    assert remote.exit_code == 0, remote.output
    turtle = (tmp_path / "dask" / "graph.ttl").read_bytes()
    assert turtle == (tmp_path / "local" / "graph.ttl").read_bytes()
    assert b"geo:" in turtle or b"geokg" in turtle


def test_dask_cli_unreachable_scheduler_is_one_line(tmp_path):
    data = tmp_path / "in"
    write_corpus(data / "news.jsonl", corpus_articles(2))
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = CliRunner().invoke(
        app, ["build", str(data), "--out", str(tmp_path / "o"), "--executor", "dask", "--scheduler", address]
    )
    assert result.exit_code != 0
    assert "cannot reach the Dask scheduler" in result.output
    assert "Traceback" not in result.output

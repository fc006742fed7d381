""":mod:`kg.serve.pool`: query worker processes over one read-only store, with a per-query deadline.

Queries run in a small pool of worker processes that open the store read-only. A query still
running at the deadline has its worker killed (so it stops using a CPU) and replaced; the client
gets 503 with a one-line message. While every worker is busy a request waits up to the timeout,
then gets 503 too.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import threading
from pathlib import Path

from ..errors import KgError
from ..query import load_store
from .protocol import TEXT, Reply, ServeSettings, answer

__all__ = ["QueryPool"]


def _worker_main(conn, store_dir: str) -> None:
    """Worker process: open the store read-only, then answer (sparql, accept, format, cap) messages."""
    try:
        store = load_store(store=store_dir)
    except KgError as err:
        conn.send(("error", str(err)))
        return
    conn.send(("ready", ""))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        sparql, accept, requested, max_rows = message
        try:
            reply = answer(store, sparql, accept, requested, max_rows)
        except Exception as err:  # noqa: BLE001 - one failed query must not end the worker
            reply = Reply(500, TEXT, f"query failed: {type(err).__name__}: {err}\n".encode())
        conn.send(reply)


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, ctx, store_dir: Path, *, start_timeout: float = 60.0) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, str(store_dir)), daemon=True)
        self.process.start()
        child.close()
        try:
            if not self.conn.poll(start_timeout):
                raise EOFError
            status, message = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise KgError(f"{store_dir}: query worker did not start") from None
        if status != "ready":
            self.kill()
            raise KgError(message)

    def kill(self) -> None:
        """Stop the process at once."""
        with contextlib.suppress(Exception):
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def close(self) -> None:
        """Ask the process to exit, then make sure it did."""
        with contextlib.suppress(Exception):
            self.conn.send(None)
        self.process.join(2)
        if self.process.is_alive():
            self.kill()


class QueryPool:
    """Worker processes over one read-only store, with a per-query deadline."""

    def __init__(self, store_dir: Path, *, settings: ServeSettings | None = None) -> None:
        self.store_dir = Path(store_dir)
        self.settings = settings = settings or ServeSettings()
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, settings.workers)):
            self._add(_Worker(self._ctx, self.store_dir))

    def _add(self, worker: _Worker) -> None:
        with self._lock:
            if self._closed:
                worker.close()
                return
            self._all.append(worker)
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker now (it stops using a CPU) and start its replacement in the background."""
        worker.kill()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)

        def respawn() -> None:
            with contextlib.suppress(KgError):
                self._add(_Worker(self._ctx, self.store_dir))

        threading.Thread(target=respawn, name="kg-sparql-respawn", daemon=True).start()

    def execute(self, sparql: str, *, accept: str = "", requested: str = "") -> Reply:
        """Run a query on a free worker; 503 when none frees up or the query passes the timeout."""
        timeout = self.settings.timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return Reply(503, TEXT, b"server busy: no query worker became free in time\n")
        try:
            worker.conn.send((sparql, accept, requested, self.settings.max_rows))
            if worker.conn.poll(timeout):
                reply = worker.conn.recv()
            else:
                reply = Reply(503, TEXT, f"query timed out after {timeout:g} s\n".encode())
                self._replace(worker)
                return reply
        except (EOFError, OSError):
            self._replace(worker)
            return Reply(500, TEXT, b"query worker failed; it has been restarted\n")
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers, self._all = self._all, []
        for worker in workers:
            worker.close()

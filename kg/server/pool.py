"""Worker processes that run visitors' queries, each killed (and later replaced) at its deadline.

Neither Oxigraph nor rdflib can cancel a running query, so a query runs in a worker process and the
worker is killed when the time limit passes. Workers are kept between queries (forking and opening
the store for every query costs ~50 ms; a query on this graph takes a few). A worker on an on-disk
store reopens its read-only handle when the store's state changes; a worker holding a copy of an
in-memory store is replaced when that store changes.
"""

from __future__ import annotations

import contextlib
import faulthandler
import multiprocessing as mp
import queue
import threading
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from kg.server.execute import Outcome, QueryFailed, QueryTimeout, evaluate, limit_memory
from kg.sparql import guard


def _serve(conn: Any, location: str | None, memory_store: Any, memory_mb: int | None) -> None:
    """The worker loop: receive (text, limit), send (status, Outcome or message)."""
    faulthandler.disable()  # a query killed at the memory limit aborts: no Python traceback for that
    limit_memory(memory_mb)
    if memory_store is not None:
        store = memory_store
    else:
        from kg.store import DiskStore

        store = DiskStore(location or ".kg")
    seen = store.state()
    while True:
        try:
            text, limit = conn.recv()
        except (EOFError, OSError):
            return
        if memory_store is None and store.state() != seen:
            store.close()  # reopened read-only on next use: sees the new build
            seen = store.state()
        try:
            conn.send(("ok", evaluate(store, text, limit)))
        except SyntaxError as exc:
            conn.send(("syntax", f"malformed SPARQL: {str(exc).splitlines()[0]}"))
        except MemoryError:
            conn.send(("failed", f"query stopped: it needed more than the {memory_mb} MB memory limit"))
            return
        except Exception as exc:  # noqa: BLE001 - one line to the parent
            first = str(exc).splitlines()[0] if str(exc) else ""
            conn.send(("failed", f"query failed: {type(exc).__name__}: {first}"))


class Worker:
    def __init__(self, store: Any, memory_mb: int | None, fork_lock: AbstractContextManager[Any] | None):
        from kg.store import MemoryStore

        ctx = mp.get_context("fork")
        self.conn, child = ctx.Pipe(duplex=True)
        memory = store if isinstance(store, MemoryStore) else None
        location = None if memory is not None else store.location
        self.state = store.state()
        self.proc = ctx.Process(target=_serve, args=(child, location, memory, memory_mb), daemon=True)
        with fork_lock or nullcontext():  # closed before any other fork, so only this worker holds the child end
            self.proc.start()
            child.close()

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
            self.proc.join(2)
        with contextlib.suppress(Exception):
            self.conn.close()


class WorkerPool:
    """At most as many workers as callers run at once (the caller bounds concurrency)."""

    def __init__(self, store: Any, *, memory_mb: int | None = 2048,
                 fork_lock: AbstractContextManager[Any] | None = None):
        from kg.store import MemoryStore

        self.store = store
        self.memory_mb = memory_mb
        self.fork_lock = fork_lock
        self._copies = isinstance(store, MemoryStore)
        self._idle: queue.LifoQueue[Worker] = queue.LifoQueue()
        self._closed = threading.Event()

    def _take(self) -> Worker:
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return Worker(self.store, self.memory_mb, self.fork_lock)
            if worker.proc.is_alive() and not (self._copies and worker.state != self.store.state()):
                return worker
            worker.kill()

    def run(self, text: str, *, timeout: float, limit: int) -> Outcome:
        """Guard `text` and run it in a worker; QueryTimeout after `timeout` seconds (blocking)."""
        guard(text)
        worker: Worker | None = self._take()
        assert worker is not None
        try:
            worker.conn.send((text, limit))
            if not worker.conn.poll(timeout):
                worker.kill()
                worker = None
                raise QueryTimeout(f"query stopped at the {timeout:g} s time limit")
            status, payload = worker.conn.recv()
        except (EOFError, OSError):
            if worker is not None:
                worker.kill()
                worker = None
            raise QueryFailed("query failed: the query process ended without an answer (memory limit?)") from None
        finally:
            if worker is not None:
                if self._closed.is_set():
                    worker.kill()
                else:
                    self._idle.put(worker)
        if status == "syntax":
            from kg.errors import QueryError

            raise QueryError(payload)
        if status != "ok":
            raise QueryFailed(payload)
        return payload  # type: ignore[no-any-return]

    def close(self) -> None:
        self._closed.set()
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                return

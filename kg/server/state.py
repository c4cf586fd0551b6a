"""The one graph a server answers from, and how its work is scheduled.

Trusted in-process reads (pages, API) run in the thread pool one at a time under `lock`, which is
also held while a user query's child process is forked, so no thread is inside the store at fork
time. User queries run in worker processes (`kg.server.pool`), at most `max_concurrent` at once;
a request that cannot get a slot within the time limit is told the server is busy.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

from kg.api import KnowledgeGraph
from kg.errors import DealgraphError, QueryError
from kg.remote import RemoteTimeout
from kg.server.execute import Outcome, QueryTimeout, evaluate
from kg.server.pool import WorkerPool
from kg.server.settings import Settings
from kg.sparql import guard

T = TypeVar("T")


class ServerBusy(DealgraphError):
    """Every query slot stayed taken for the whole time limit."""


class ServerState:
    def __init__(self, kg: KnowledgeGraph, settings: Settings):
        self.kg = kg
        self.settings = settings
        self.lock = threading.Lock()
        self._slots: asyncio.Semaphore | None = None
        self._seen_state: str | None = None
        from kg.store import DiskStore, MemoryStore

        embedded = isinstance(kg.store, DiskStore | MemoryStore)
        self.pool = WorkerPool(kg.store, memory_mb=settings.memory_mb, fork_lock=self.lock) if embedded else None
        if not embedded and hasattr(kg.store, "timeout"):  # a remote store: its requests end at our limit
            kg.store.timeout = settings.timeout

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()

    def _run(self, text: str) -> Outcome:
        s = self.settings
        if self.pool is not None:
            return self.pool.run(text, timeout=s.timeout, limit=s.max_rows)
        guard(text)  # a remote store: its server enforces its own time limit
        try:
            return evaluate(self.kg.store, text, s.max_rows)
        except RemoteTimeout:
            raise QueryTimeout(f"query stopped at the {s.timeout:g} s time limit") from None
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {str(exc).splitlines()[0]}") from None

    def _refresh(self) -> None:
        """Drop cached read handles when another process has changed the store."""
        state = self.kg.store.state()
        if self._seen_state is not None and state != self._seen_state:
            self.kg.store.close()  # an on-disk store reopens its read-only handle on next use
        self._seen_state = state

    async def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a trusted read of the graph in the thread pool."""

        def locked() -> T:
            with self.lock:
                self._refresh()
                return fn(*args, **kwargs)

        return await run_in_threadpool(locked)

    async def user_query(self, text: str) -> Outcome:
        """Run a visitor's query with the time, row and memory limits."""
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.settings.max_concurrent)
        try:
            await asyncio.wait_for(self._slots.acquire(), timeout=self.settings.timeout)
        except TimeoutError:
            raise ServerBusy("server busy: every query slot is taken; try again shortly") from None
        try:
            return await run_in_threadpool(self._run, text)
        finally:
            self._slots.release()

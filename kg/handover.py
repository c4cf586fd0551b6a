"""What the next command reads after `kg build`, made from the build's records beside the bulk load.

The projection, the answer file, the name indexes and the article reader's names cost more to read
back out of the store than the whole build (term decoding in RocksDB: 120 s at 300k deals), while the
records the build has just checked hold the same facts; tests hold each equal to what the store
gives. They are written under the state the build's `replace` will give the store (`AtState`): if
the load fails they belong to a state that never comes, and the next command makes them again.

Where fork is safe they are made in a child process: the bulk loader keeps both cores of a small
machine busy (1.8 cores at 300k deals) and the mapping that feeds it is Python; a thread here would
take the GIL from that mapping and starve the loader (benchmarks/README.md, "Why dealgraph is
shaped..."). Elsewhere a thread does the same work.
"""

from __future__ import annotations

import contextlib
import os
import signal
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pyoxigraph as ox

from kg.loaders import gazetteer_cache
from kg.rdfmap import asset_iri, company_iri, target_iri
from kg.records import Dataset
from kg.resolve import Resolver


class AtState:
    """The store as it will be once a build's load is done: caches written through it are named with
    the state the build passes to `replace`. If the load fails they belong to a state that never comes."""

    def __init__(self, store: Any, state: str):
        self._store, self._state = store, state

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def state(self) -> str:
        return self._state


def record_names(ds: Dataset) -> dict[str, list[tuple[str, str, tuple[str, ...]]]]:
    """Every company, asset and target of a build as (IRI, label, other names), as the name index
    reads them from the store (rdfs:label, skos:altLabel, kg:code)."""
    return {
        "company": [(company_iri(c.id).value, c.name, (*c.aliases, c.id)) for c in ds.companies],
        "asset": [(asset_iri(a.id).value, a.name, (*a.aliases, a.id)) for a in ds.assets],
        "target": [(target_iri(t.symbol).value, t.symbol, tuple(t.aliases)) for t in ds.targets],
    }


def write_caches(store: AtState, dataset: Dataset, ontology: list[ox.Triple]) -> dict[str, Resolver]:
    from kg.network.from_records import project_dataset
    from kg.network.projection import remember

    remember(store, project_dataset(dataset, ontology))
    gazetteer_cache.remember(store, gazetteer_cache.from_dataset(dataset, ontology))
    return {kind: Resolver.from_names(kind, entries).remember(store)
            for kind, entries in record_names(dataset).items()}


FORK_DEALS = 5_000  # below this the caches take well under a second: a thread, and they stay in memory


def _in_child(store: AtState, dataset: Dataset) -> bool:
    """A child process only for a large build into a store with a cache folder (a memory store's
    caches live in this process), and only where fork is safe."""
    import multiprocessing
    import threading

    return (len(dataset.deals) >= FORK_DEALS and getattr(store, "root", None) is not None
            and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)  # a fork beside running threads can inherit their locks


class Handover:
    """Caches being written beside a build's load: `result()` waits for them and gives the name
    indexes made in this process (none when a child made them: the next lookup reads its files);
    `cancel()` stops a child whose load failed."""

    def __init__(self, store: AtState, dataset: Dataset, ontology: list[ox.Triple]):
        self.failed = False  # set by result() when the caches could not be written
        self._pid: int | None = None
        self._future: Future[dict[str, Resolver]] | None = None
        if _in_child(store, dataset):
            self._pid = os.fork()
            if self._pid == 0:  # the child writes the caches and leaves without the parent's cleanup
                code = 0
                try:
                    write_caches(store, dataset, ontology)
                except BaseException:  # noqa: BLE001 - a failure only means the next command makes them
                    code = 1
                os._exit(code)
            return
        side = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-handover")
        self._future = side.submit(write_caches, store, dataset, ontology)
        side.shutdown(wait=False)

    def result(self) -> dict[str, Resolver]:
        if self._future is not None:
            try:
                return self._future.result()
            except Exception:  # noqa: BLE001 - the store is built; the next command makes the caches
                self.failed = True
                return {}
        if self._pid:
            _, status = os.waitpid(self._pid, 0)  # a failed child leaves no cache for this state
            self.failed = os.waitstatus_to_exitcode(status) != 0
            self._pid = None
        return {}

    def cancel(self) -> None:
        if self._pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = None
        elif self._future is not None:
            with contextlib.suppress(Exception):
                self._future.result()

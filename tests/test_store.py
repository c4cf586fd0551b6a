"""One contract, run against the in-memory and the on-disk store."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import StoreBusyError
from kg.store import DiskStore

A = ox.NamedNode("https://example.org/a")
P = ox.NamedNode("https://example.org/p")


def triples(n: int) -> list[ox.Triple]:
    return [ox.Triple(A, P, ox.Literal(str(i))) for i in range(n)]


def test_add_and_count(store_factory):
    store = store_factory()
    assert store.count() == 0
    store.add(triples(3))
    assert store.count() == 3
    assert store.state() != "empty"


def test_failed_add_leaves_store_unchanged(store_factory):
    store = store_factory()
    store.add(triples(2))

    def broken():
        yield from triples(5)
        raise ValueError("half-way failure")

    with pytest.raises(ValueError):
        store.add(broken())
    assert store.count() == 2


def test_replace_swaps_everything(store_factory):
    store = store_factory()
    store.add(triples(4))
    store.replace(triples(1))
    assert store.count() == 1
    rows = list(store.query("SELECT ?o WHERE { ?s ?p ?o }"))
    assert [r["o"].value for r in rows] == ["0"]


def test_state_changes_on_every_write(store_factory):
    store = store_factory()
    store.add(triples(1))
    first = store.state()
    store.add([ox.Triple(A, P, ox.Literal("x"))])
    assert store.state() != first


def _hold(path: str, ready, release) -> None:
    store = DiskStore(path)
    with store.writing():
        ready.set()
        release.wait(10)


def test_second_writer_is_told_the_store_is_in_use(tmp_path: Path):
    ctx = mp.get_context("fork")
    ready, release = ctx.Event(), ctx.Event()
    proc = ctx.Process(target=_hold, args=(str(tmp_path / "s"), ready, release))
    proc.start()
    try:
        assert ready.wait(10)
        with pytest.raises(StoreBusyError, match=r"in use by process \d+"):
            DiskStore(tmp_path / "s").add(triples(1))
    finally:
        release.set()
        proc.join(10)
    DiskStore(tmp_path / "s").add(triples(1))  # free again


def test_disk_store_reopens_with_content(tmp_path: Path):
    store = DiskStore(tmp_path / "s")
    store.add(triples(3))
    store.close()
    assert DiskStore(tmp_path / "s").count() == 3


def test_interrupted_swap_is_recovered(tmp_path: Path):
    store = DiskStore(tmp_path / "s")
    store.add(triples(3))
    store.close()
    (tmp_path / "s" / "oxigraph").rename(tmp_path / "s" / "oxigraph.old")  # crash between the two renames
    assert DiskStore(tmp_path / "s").count() == 3


def test_chunked_bulk_load_keeps_blank_nodes_whole_and_every_triple():
    """Chunks of 3 triples; each blank node's triples straddle chunk boundaries, and the loader names
    blank nodes afresh per call, so a wrong hold-back would split one node into several."""
    from kg.store import bulk_load_triples

    q = ox.NamedNode("https://example.org/q")
    given: list[ox.Triple] = []
    for i in range(10):
        node = ox.BlankNode()
        given += [ox.Triple(A, P, ox.Literal(f"plain {i}")), ox.Triple(A, q, node),
                  ox.Triple(A, P, ox.Literal(f"between {i}")), ox.Triple(node, P, ox.Literal(f"blank {i}"))]
    store = ox.Store()
    bulk_load_triples(store, iter(given), chunk=3)
    assert len(store) == len(given)
    linked = store.query("SELECT ?v WHERE { <https://example.org/a> <https://example.org/q> ?b . "
                         "?b <https://example.org/p> ?v }")
    assert sorted(str(row["v"].value) for row in linked) == sorted(f"blank {i}" for i in range(10))
    assert len({str(row["b"]) for row in store.query("SELECT DISTINCT ?b WHERE { ?b ?p ?o FILTER isBlank(?b) }")}) == 10


def test_bulk_load_failing_source_propagates_after_the_loader_stops():
    from kg.store import bulk_load_triples

    def broken():
        yield from triples(7)
        raise ValueError("half-way failure")

    with pytest.raises(ValueError, match="half-way"):
        bulk_load_triples(ox.Store(), broken(), chunk=2)

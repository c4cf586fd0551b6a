"""The projection `kg build` hands over from its records must be the one the store's SELECTs give."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from kg import KnowledgeGraph
from kg.network.projection import _build, cached_projection
from kg.store import DiskStore, MemoryStore


def _same(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    edges_a = sorted((u, v, k, sorted(d.items())) for u, v, k, d in a.edges(keys=True, data=True))
    edges_b = sorted((u, v, k, sorted(d.items())) for u, v, k, d in b.edges(keys=True, data=True))
    assert len(edges_a) == len(edges_b)
    for x, y in zip(edges_a, edges_b, strict=True):
        assert x == y


def test_bundled_build_hands_over_the_store_projection() -> None:
    kg = KnowledgeGraph(MemoryStore())
    kg.build()
    handed = cached_projection(kg.store)
    assert handed is not None and handed.number_of_edges() > 500
    _same(handed, _build(kg.store))


@pytest.mark.parametrize("where", ["thread", "child process"])
def test_generated_market_build_hands_over_the_store_projection(tmp_path: Path, generate_market,
                                                                monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """A large build writes its caches in a child process (kg.handover): the files it leaves must be
    what this process would have made, and the store's SELECTs give."""
    from kg import handover
    from kg.network import projection
    from kg.resolve import Resolver

    monkeypatch.setattr(handover, "_in_child", lambda _store, _dataset: where == "child process")
    generate_market(300, 7, tmp_path / "data")
    kg = KnowledgeGraph(DiskStore(tmp_path / "store"))
    kg.build([tmp_path / "data"], bundled=False)
    assert (kg._resolvers == {}) == (where == "child process")  # the child's indexes are only on disk
    projection._MEMORY_CACHE.clear()
    handed = cached_projection(kg.store)  # from the pickle
    assert handed is not None
    _same(handed, _build(kg.store))
    for kind in ("company", "asset", "target"):
        assert Resolver.is_cached(kg.store, kind)
        assert Resolver.from_store(kg.store, kind).index == Resolver._query(kg.store, kind).index
    left = sorted(p.name.split("-")[0] for p in (kg.store.root / "cache").glob(f"*-{kg.store.state()}.*"))
    assert left == ["answers", "gazetteer", "names", "names", "names", "projection"]


def test_build_hands_over_the_store_name_indexes(tmp_path: Path) -> None:
    from kg.resolve import Resolver

    kg = KnowledgeGraph(DiskStore(tmp_path / "store"))
    kg.build()
    for kind in ("company", "asset", "target"):
        handed = Resolver.from_store(kg.store, kind)  # the pickle the build left
        fresh = Resolver._query(kg.store, kind)
        assert handed.labels == fresh.labels and handed.labels
        assert handed.index == fresh.index

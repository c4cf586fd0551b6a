"""The projection `kg build` hands over from its records must be the one the store's SELECTs give."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

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


def test_generated_market_build_hands_over_the_store_projection(tmp_path: Path, generate_market) -> None:
    generate_market(300, 7, tmp_path / "data")
    kg = KnowledgeGraph(DiskStore(tmp_path / "store"))
    kg.build([tmp_path / "data"], bundled=False)
    handed = cached_projection(kg.store)
    assert handed is not None
    _same(handed, _build(kg.store))


def test_build_hands_over_the_store_name_indexes(tmp_path: Path) -> None:
    from kg.resolve import Resolver

    kg = KnowledgeGraph(DiskStore(tmp_path / "store"))
    kg.build()
    for kind in ("company", "asset", "target"):
        handed = Resolver.from_store(kg.store, kind)  # the pickle the build left
        fresh = Resolver._query(kg.store, kind)
        assert handed.labels == fresh.labels and handed.labels
        assert handed.index == fresh.index

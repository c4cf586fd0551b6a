"""The article reader's names, left by `kg build` from its records, must be the store's own."""

from __future__ import annotations

from pathlib import Path

from kg import KnowledgeGraph
from kg.loaders import gazetteer_cache
from kg.store import DiskStore


def _assert_same(a: gazetteer_cache.Records, b: gazetteer_cache.Records) -> None:
    for mine, theirs in zip(a, b, strict=True):
        assert mine.keys() == theirs.keys()
        for iri in mine:
            assert mine[iri] == theirs[iri], iri


def test_bundled_build_leaves_the_store_names(tmp_path: Path) -> None:
    kg = KnowledgeGraph(DiskStore(tmp_path / "store"))
    kg.build()
    left = gazetteer_cache.cached(kg.store)
    assert left is not None and len(left[0]) > 100 and len(left[1]) > 100
    _assert_same(left, gazetteer_cache.read(kg.store))


def test_generated_market_build_leaves_the_store_names(tmp_path: Path, generate_market) -> None:
    generate_market(300, 11, tmp_path / "data")
    kg = KnowledgeGraph(DiskStore(tmp_path / "store"))
    kg.build([tmp_path / "data"], bundled=False)
    left = gazetteer_cache.cached(kg.store)
    assert left is not None
    _assert_same(left, gazetteer_cache.read(kg.store))

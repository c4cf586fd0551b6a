"""After `kg ingest` the projection and name indexes are carried over, not rebuilt: they must equal
what a full re-read of the store gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg import KnowledgeGraph
from kg.network import projection
from kg.resolve import Resolver

TEXTS = Path(__file__).resolve().parents[1] / "extract" / "texts"
ARTICLE = """Shanghai, May 4, 2024 -- China-based Zorvia Therapeutics said it granted Merck & Co.
exclusive rights to develop and commercialize ZRV-101, a Claudin 18.2 antibody-drug conjugate, outside Greater China.

Merck will pay Zorvia Therapeutics $60 million upfront and up to $900 million in milestones, plus tiered
royalties on net sales.
"""
DEALS_YAML = """
- id: incremental-test-deal
  licensor: kelun-biotech
  licensee: crescent-biopharma
  type: license
  announced: "2026-11-01"
  assets: [skb105]
  upfront_usd_m: 12.5
  sources: [https://example.org/news/incremental-test-deal]
"""
# the developer of SKB105 becomes a licensee of it: the asset's reader record loses its developer
DEVELOPER_LICENSES_YAML = """
- id: incremental-developer-licenses
  licensor: crescent-biopharma
  licensee: kelun-biotech
  type: license
  announced: "2026-11-02"
  assets: [skb105]
  sources: [https://example.org/news/incremental-developer-licenses]
"""
ALIAS_TTL = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/dealgraph/id/company/kelun-biotech> skos:altLabel "Kelun Incremental Alias" .
"""
VOCABULARY_TTL = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/dealgraph/ontology#ADC> skos:altLabel "conjugate (test)" .
"""


def _edges(graph: Any) -> list[tuple[str, str, str, list[tuple[str, Any]]]]:
    edges = graph.edges(keys=True, data=True)
    return sorted((u, v, k, sorted((a, repr(b)) for a, b in d.items())) for u, v, k, d in edges)


def _nodes(graph: Any) -> list[tuple[str, list[tuple[str, Any]]]]:
    return sorted((n, sorted((a, repr(b)) for a, b in d.items())) for n, d in graph.nodes(data=True))


@pytest.fixture
def kg(tmp_path: Path) -> KnowledgeGraph:
    graph = KnowledgeGraph.open(tmp_path / "store")
    graph.build()
    graph.partners("Kelun-Biotech")  # the name index in use, as in a session that asks before ingesting
    return graph


def _ingest(kg: KnowledgeGraph, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    kg.ingest([path])


def _assert_same_as_full_rebuild(kg: KnowledgeGraph) -> None:
    carried = projection.cached_projection(kg.store)
    assert carried is not None, "the projection was dropped instead of carried over"
    full = projection._build(kg.store)
    assert _nodes(carried) == _nodes(full)
    assert _edges(carried) == _edges(full)
    for kind in ("company", "asset", "target"):
        mine = kg._resolvers.get((kind, kg.store.state()))
        assert mine is not None, f"the {kind} name index was dropped"
        fresh = Resolver._query(kg.store, kind)
        assert mine.labels == fresh.labels
        assert mine.index == fresh.index
    from kg.loaders import gazetteer_cache

    carried_names = gazetteer_cache.cached(kg.store)
    assert carried_names is not None, "the article reader's names were dropped"
    assert carried_names == gazetteer_cache.read(kg.store)


@pytest.mark.parametrize("name, text", [
    ("article.txt", ARTICLE),
    ("deals.yaml", DEALS_YAML),
    ("alias.ttl", ALIAS_TTL),
    ("developer.yaml", DEVELOPER_LICENSES_YAML),
    ("legochem.txt", (TEXTS / "legochem-janssen-lcb84-license.txt").read_text(encoding="utf-8")),
    ("merck-seagen.txt", (TEXTS / "merck-seagen-two-deals-news.txt").read_text(encoding="utf-8")),
])
def test_ingest_carries_projection_and_names_over(kg: KnowledgeGraph, tmp_path: Path, name: str, text: str) -> None:
    before = kg.store.state()
    _ingest(kg, tmp_path, name, text)
    assert kg.store.state() != before
    _assert_same_as_full_rebuild(kg)


def test_two_ingests_in_a_row(kg: KnowledgeGraph, tmp_path: Path) -> None:
    _ingest(kg, tmp_path, "article.txt", ARTICLE)
    _ingest(kg, tmp_path, "deals.yaml", DEALS_YAML)
    _assert_same_as_full_rebuild(kg)


def test_vocabulary_change_drops_the_projection_for_a_full_rebuild(kg: KnowledgeGraph, tmp_path: Path) -> None:
    _ingest(kg, tmp_path, "vocabulary.ttl", VOCABULARY_TTL)
    assert projection.cached_projection(kg.store) is None  # not patched: rebuilt in full on next use
    rebuilt = kg.network()
    assert _edges(rebuilt) == _edges(projection._build(kg.store))

"""Named queries answered from the projection give the query's own rows (and fall back to it)."""

from __future__ import annotations

from typing import Any

import pytest

from kg import KnowledgeGraph
from kg.network import answers
from kg.network.projection import _MEMORY_CACHE
from kg.sparql import named_queries, run
from kg.store import MemoryStore


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    graph = KnowledgeGraph(MemoryStore())
    graph.build()
    return graph


def _sparql(kg: KnowledgeGraph, name: str, params: dict[str, str]) -> Any:
    return run(kg.store, named_queries()[name].text, kg.bind_params(name, params))


def _canon(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        r = dict(r)
        for key in ("assets", "sources"):
            if r.get(key):
                r[key] = sorted(r[key].split("|"))
        out.append(r)
    return out


@pytest.mark.parametrize("company", ["Kelun-Biotech", "Merck", "AstraZeneca", "Crescent Biopharma", "Pfizer"])
def test_partners_rows_are_the_querys(kg: KnowledgeGraph, company: str) -> None:
    params = {"company": company}
    fast = answers.from_projection(kg.store, "partners", kg.bind_params("partners", params))
    slow = _sparql(kg, "partners", params)
    assert fast is not None and fast.rows
    assert fast.variables == slow.variables
    assert _canon(fast.rows) == _canon(slow.rows)


@pytest.mark.parametrize("since", [None, "2020", "2024", "2031"])
def test_league_rows_are_the_querys(kg: KnowledgeGraph, since: str | None) -> None:
    params = {} if since is None else {"since": since}
    fast = answers.from_projection(kg.store, "league-table", kg.bind_params("league-table", params))
    slow = _sparql(kg, "league-table", params)
    assert fast is not None
    assert fast.variables == slow.variables
    assert fast.rows == slow.rows


def test_named_falls_back_to_sparql_without_a_cached_projection(kg: KnowledgeGraph) -> None:
    _MEMORY_CACHE.clear()
    assert answers.from_projection(kg.store, "league-table", kg.bind_params("league-table", {})) is None
    assert kg.named("league-table").rows  # answered by the query itself
    kg.network()  # builds and caches the projection again for the other tests


def test_odd_year_is_left_to_the_query(kg: KnowledgeGraph) -> None:
    assert answers.from_projection(kg.store, "league-table", kg.bind_params("league-table", {"since": "20x"})) is None

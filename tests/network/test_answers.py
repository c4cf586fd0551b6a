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


@pytest.fixture(params=["projection", "answer file"])
def answered(request: pytest.FixtureRequest, kg: KnowledgeGraph, disk_kg: KnowledgeGraph) -> tuple[Any, Any]:
    """(graph, answer function): the projection in memory, or the answer file a fresh process reads."""
    if request.param == "projection":
        kg.network()  # the projection cache holds one store's graph: the disk store's build replaced it
        return kg, answers.from_projection
    from kg import answer_cache

    return disk_kg, answer_cache.answer


@pytest.mark.parametrize("company", ["Kelun-Biotech", "Merck", "AstraZeneca", "Crescent Biopharma", "Pfizer"])
def test_partners_rows_are_the_querys(answered: tuple[Any, Any], company: str) -> None:
    graph, answer = answered
    params = {"company": company}
    fast = answer(graph.store, "partners", graph.bind_params("partners", params))
    slow = _sparql(graph, "partners", params)
    assert fast is not None and fast.rows
    assert fast.variables == slow.variables
    assert _canon(fast.rows) == _canon(slow.rows)


@pytest.mark.parametrize("since", [None, "2020", "2024", "2031"])
def test_league_rows_are_the_querys(answered: tuple[Any, Any], since: str | None) -> None:
    graph, answer = answered
    params = {} if since is None else {"since": since}
    fast = answer(graph.store, "league-table", graph.bind_params("league-table", params))
    slow = _sparql(graph, "league-table", params)
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


# -- the answer file beside an on-disk store (kg/answer_cache.py): what a fresh process reads --------
@pytest.fixture(scope="module")
def disk_kg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    from kg.store import DiskStore

    graph = KnowledgeGraph(DiskStore(tmp_path_factory.mktemp("answers") / "store"))
    graph.build()
    return graph


def test_answer_file_is_stale_after_a_write(disk_kg: KnowledgeGraph, tmp_path) -> None:
    import pyoxigraph as ox

    from kg import answer_cache

    bindings = disk_kg.bind_params("league-table", {})
    assert answer_cache.answer(disk_kg.store, "league-table", bindings) is not None
    disk_kg.store.add([ox.Triple(ox.NamedNode("https://example.org/x"), ox.NamedNode("https://example.org/p"),
                                 ox.Literal("y"))])
    assert answer_cache.answer(disk_kg.store, "league-table", bindings) is None  # keyed by the old state
    shown = [{k: v for k, v in r.items() if k != "since"} for r in _sparql(disk_kg, "league-table", {}).rows]
    assert disk_kg.named("league-table").rows == shown  # named() leaves the parameter column out

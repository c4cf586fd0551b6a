"""partners_within (array breadth-first search) against NetworkX's own shortest path lengths."""

from __future__ import annotations

import networkx as nx
import pytest

from kg import KnowledgeGraph
from kg.network.projection import partners_within
from kg.store import MemoryStore


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    kg = KnowledgeGraph(MemoryStore())
    kg.build()
    return kg.network()


def _reference(graph: nx.MultiDiGraph, company: str, depth: int) -> dict[str, int]:
    companies = nx.Graph()
    companies.add_edges_from((u, v) for u, v, kind in graph.edges(data="kind") if kind == "deal")
    if company not in companies:
        return {}
    found = nx.single_source_shortest_path_length(companies, company, cutoff=depth)
    del found[company]
    return found


@pytest.mark.parametrize("depth", [1, 2, 3, 6])
def test_same_companies_and_distances_as_networkx(graph: nx.MultiDiGraph, depth: int) -> None:
    busiest = sorted(graph.nodes, key=lambda n: (-graph.degree(n), n))[:5]
    loners = [n for n, kind in graph.nodes(data="kind") if kind == "company" and graph.degree(n) == 0][:2]
    for company in busiest + loners:
        assert partners_within(graph, company, depth) == _reference(graph, company, depth), company


def test_unknown_company_has_no_partners(graph: nx.MultiDiGraph) -> None:
    assert partners_within(graph, "https://w3id.org/dealgraph/id/company/no-such-company", 2) == {}

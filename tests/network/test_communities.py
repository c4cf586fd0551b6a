import json

import networkx as nx

from kg.network import communities
from kg.network.communities import Count


def test_two_cliques(two_cliques):
    found = communities(two_cliques, seed=42)
    assert [c.labels for c in found] == [("A1", "A2", "A3", "A4", "A5"), ("B1", "B2", "B3", "B4", "B5")]
    a, b = found
    assert (a.index, a.size, a.deals) == (1, 5, 10)  # the a1 -> b1 deal joins two communities
    assert a.central == tuple(Count(f"A{i}", 4) for i in range(1, 6))
    assert a.targets == (Count("TA", 10),) and b.targets == (Count("TB", 10),)
    assert a.modalities == (Count("ADC", 10),) and b.modalities == (Count("siRNA", 10),)
    assert a.countries == (Count("CN", 5),) and b.countries == (Count("US", 5),)


def test_same_seed_same_answer(deal_graph):
    assert communities(deal_graph, seed=7) == communities(deal_graph, seed=7)


def test_deal_graph_pinned(deal_graph):
    found = communities(deal_graph, seed=42)
    # Merck made three deals with the East cluster and one with the West: it goes East
    assert [c.labels for c in found] == [
        ("Crescent Biopharma", "Hansoh Pharma", "Hengrui", "Kelun-Biotech", "Merck & Co."),
        ("AstraZeneca", "BioNTech", "Daiichi Sankyo", "Duality Biologics"),
    ]
    east, west = found
    assert east.central[0] == Count("Kelun-Biotech", 4)
    assert east.deals == 8 and west.deals == 4
    # West: DS-X and DB-1303 hit ERBB2, Dato-DXd TACSTD2; BNT-X (a vaccine) has no target
    assert west.targets == (Count("ERBB2", 2), Count("TACSTD2", 1))
    assert west.modalities == (Count("ADC", 3), Count("vaccine", 1))
    assert west.value_usd_m == 6000.0 + 1670.0


def test_min_size_keeps_singletons(deal_graph):
    found = communities(deal_graph, min_size=1)
    assert found[-1].labels == ("Pfizer",) and found[-1].deals == 0


def test_resolution_splits_more(two_cliques):
    assert len(communities(two_cliques, resolution=10.0, min_size=1)) > 2


def test_empty():
    assert communities(nx.MultiDiGraph()) == []


def test_to_dict(deal_graph):
    data = [c.to_dict() for c in communities(deal_graph)]
    assert json.loads(json.dumps(data)) == data
    assert data[0]["central"][0] == {"name": "Kelun-Biotech", "count": 4}

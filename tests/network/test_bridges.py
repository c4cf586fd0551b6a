import json

import networkx as nx

from kg.network import bridges
from kg.network.bridges import cut_sizes
from kg.network.communities import Count

from .conftest import make_graph


def test_deal_graph_bridges(deal_graph):
    found = bridges(deal_graph)
    # Merck: 4 East | 4 West; Daiichi: Merck + East (5) | AZ, BioNTech, Duality (3);
    # Kelun and BioNTech each cut off one company (Crescent, Duality), Kelun has more betweenness
    assert [(b.label, b.cut_off, b.rank) for b in found] == [
        ("Merck & Co.", 4, 1),
        ("Daiichi Sankyo", 3, 2),
        ("Kelun-Biotech", 1, 3),
        ("BioNTech", 1, 4),
    ]
    assert found[2].betweenness > found[3].betweenness
    merck = found[0]
    assert merck.betweenness * 36 == 16.0 or abs(merck.betweenness * 36 - 16.0) < 1e-9
    west, east = merck.sides
    assert east.countries == (Count("CN", 3), Count("US", 1))
    assert (east.licensed_to_bridge, east.licensed_from_bridge) == (3, 0)  # Chinese licensors -> Merck
    assert west.countries == (Count("CN", 1), Count("DE", 1), Count("GB", 1), Count("JP", 1))
    assert (west.licensed_to_bridge, west.licensed_from_bridge) == (1, 0)
    assert east.companies[0] == "Kelun-Biotech"
    assert (
        merck.summary == "Merck & Co. (US) joins 4 companies [CN 1, DE 1, GB 1] and 4 companies [CN 3, US 1]"
    )


def test_top(deal_graph):
    assert [b.label for b in bridges(deal_graph, top=1)] == ["Merck & Co."]


def test_cliques_and_triangle(two_cliques):
    # a1 and b1 join the two cliques; without a1, A2..A5 (4) are cut off from B1..B5 (5)
    assert [(b.label, b.cut_off) for b in bridges(two_cliques)] == [("A1", 4), ("B1", 4)]
    triangle = make_graph(
        [("a", "A", "CN"), ("b", "B", "US"), ("c", "C", "US")],
        (),
        [
            dict(slug=s, licensor=x, licensee=y, assets=[])
            for s, x, y in [("1", "a", "b"), ("2", "b", "c"), ("3", "c", "a")]
        ],
    )
    assert bridges(triangle) == []


def test_cut_sizes_star_and_path():
    assert cut_sizes(nx.star_graph(4)) == {0: [1, 1, 1, 1]}
    H = nx.path_graph(6)
    H.add_edge(10, 11)  # a second component without articulation points
    assert dict(sorted(cut_sizes(H).items())) == {1: [4, 1], 2: [3, 2], 3: [3, 2], 4: [4, 1]}


def test_cut_sizes_agree_with_removal():
    H = nx.gnm_random_graph(60, 70, seed=5)
    for v, pieces in cut_sizes(H).items():
        without = H.copy()
        without.remove_node(v)
        expected = sorted((len(c) for c in nx.connected_components(without) if c & set(H[v])), reverse=True)
        assert pieces == expected, v


def test_to_dict(deal_graph):
    data = [b.to_dict() for b in bridges(deal_graph)]
    assert json.loads(json.dumps(data)) == data

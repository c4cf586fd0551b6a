import json
import random

import networkx as nx
import pytest

from kg.network import centrality
from kg.network.centrality import pagerank

from .conftest import make_graph


def test_degree_ties_by_label(deal_graph):
    scores = centrality(deal_graph, "degree", top=5)
    # Kelun has 4 partners of 9 possible; four companies have 3, ordered by label
    assert [(s.label, round(s.score * 9)) for s in scores] == [
        ("Kelun-Biotech", 4),
        ("BioNTech", 3),
        ("Daiichi Sankyo", 3),
        ("Hansoh Pharma", 3),
        ("Merck & Co.", 3),
    ]
    assert [s.rank for s in scores] == [1, 2, 3, 4, 5]


def test_betweenness_exact(deal_graph):
    scores = centrality(deal_graph, "betweenness", top=4)
    # normalised by the 36 pairs of the 9 other companies (10 with Pfizer): Merck sits between the
    # 4 East and the 4 West companies; Daiichi between {AZ, BioNTech, Duality} and {Merck + East};
    # Kelun on all 7 of Crescent's pairs and on half of each of Hengrui's 5 pairs with Merck and the
    # West; BioNTech on the 7 pairs of Duality with the companies beyond it.
    assert [(s.label, round(s.score * 36, 6)) for s in scores] == [
        ("Merck & Co.", 16.0),
        ("Daiichi Sankyo", 15.0),
        ("Kelun-Biotech", 9.5),
        ("BioNTech", 7.0),
    ]
    assert not scores[0].approximate and scores[0].sample is None


def test_betweenness_sampled_is_marked(deal_graph):
    scores = centrality(deal_graph, "betweenness", sample=5, seed=1)
    assert all(s.approximate and s.sample == 5 for s in scores)


def test_pagerank_and_eigenvector_rank_kelun_or_merck_first(deal_graph):
    for metric in ("pagerank", "eigenvector"):
        scores = centrality(deal_graph, metric, top=None)
        assert len(scores) == 10
        assert scores[0].label in {"Kelun-Biotech", "Merck & Co."}
        assert scores[-1].label == "Pfizer"
    total = sum(s.score for s in centrality(deal_graph, "pagerank", top=None))
    assert total == pytest.approx(1.0)


def test_kind_all_includes_assets_and_targets(deal_graph):
    scores = centrality(deal_graph, "degree", kind="all", top=None)
    assert {s.kind for s in scores} == {"company", "asset", "target"}
    assert len(scores) == deal_graph.number_of_nodes()


def test_bad_arguments(deal_graph):
    with pytest.raises(ValueError, match="metric"):
        centrality(deal_graph, "closeness")
    with pytest.raises(ValueError, match="kind"):
        centrality(deal_graph, kind="asset")
    with pytest.raises(ValueError, match="betweenness only"):
        centrality(deal_graph, "pagerank", sample=10)


def test_empty_graph():
    G = nx.MultiDiGraph()
    for metric in ("degree", "betweenness", "pagerank", "eigenvector"):
        assert centrality(G, metric) == []


def test_to_dict(deal_graph):
    data = [s.to_dict() for s in centrality(deal_graph, "betweenness")]
    assert json.loads(json.dumps(data)) == data


def random_deal_graph(n=300, m=700, seed=7):
    rng = random.Random(seed)
    companies = [(f"c{i}", f"Company {i:03d}", rng.choice(["CN", "US"])) for i in range(n)]
    deals = []
    for j in range(m):
        a, b = rng.sample(range(n), 2)
        deals.append(dict(slug=f"d{j}", licensor=f"c{a}", licensee=f"c{b}", assets=[]))
    return make_graph(companies, (), deals)


@pytest.fixture
def random_graph():
    pytest.importorskip("igraph")
    return random_deal_graph()


def test_igraph_matches_networkx_betweenness(random_graph):
    for sample in (None, 40):
        nx_scores = centrality(random_graph, "betweenness", top=None, sample=sample, backend="networkx")
        ig_scores = centrality(random_graph, "betweenness", top=None, sample=sample, backend="igraph")
        assert ig_scores[0].backend == "igraph" and nx_scores[0].backend == "networkx"
        assert [s.node for s in ig_scores] == [s.node for s in nx_scores]
        for a, b in zip(nx_scores, ig_scores, strict=True):
            assert a.score == pytest.approx(b.score, abs=1e-12)


def test_igraph_matches_networkx_pagerank(random_graph):
    nx_scores = centrality(random_graph, "pagerank", top=None, backend="networkx")
    ig_scores = {s.node: s.score for s in centrality(random_graph, "pagerank", top=None, backend="igraph")}
    for s in nx_scores:
        assert ig_scores[s.node] == pytest.approx(s.score, abs=1e-5)
    assert [s.node for s in nx_scores[:20]] == list(ig_scores)[:20]


def test_pagerank_fallback_matches_igraph():
    pytest.importorskip("igraph")
    from kg.network.centrality import _pagerank_python

    H = nx.gnm_random_graph(200, 500, seed=3)
    H.add_nodes_from(range(200, 210))  # dangling nodes
    for u, v in H.edges():
        H[u][v]["weight"] = 1 + (u + v) % 3
    ours = _pagerank_python(H, weight="weight", alpha=0.85, tol=1e-10)
    theirs = pagerank(H, weight="weight", backend="igraph")
    assert max(abs(ours[n] - theirs[n]) for n in H) < 1e-8


def test_auto_backend_small_graph_uses_networkx(deal_graph):
    assert centrality(deal_graph, "pagerank")[0].backend == "networkx"


def test_betweenness_sample_validation(deal_graph):
    with pytest.raises(ValueError, match="at least 2"):
        centrality(deal_graph, "betweenness", sample=1)
    # a sample as large as the graph is the exact computation
    scores = centrality(deal_graph, "betweenness", sample=50)
    assert not scores[0].approximate and scores[0].score * 36 == pytest.approx(16.0)


def test_igraph_matches_networkx_eigenvector(random_graph):
    nx_scores = centrality(random_graph, "eigenvector", top=None, backend="networkx")
    ig_scores = {s.node: s.score for s in centrality(random_graph, "eigenvector", top=None, backend="igraph")}
    for s in nx_scores:
        assert ig_scores[s.node] == pytest.approx(s.score, abs=1e-4)
    assert [s.node for s in nx_scores[:5]] == list(ig_scores)[:5]

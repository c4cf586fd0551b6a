import pytest

from kg.network import centrality, company_graph
from kg.network._common import deal_filter, resolve_node, shared_company_graph

from .conftest import company, iri


def test_company_graph(deal_graph):
    H = company_graph(deal_graph)
    assert H.number_of_nodes() == 10 and H.number_of_edges() == 11
    edge = H[company("kelun-biotech")][company("merck-co")]
    assert edge["weight"] == 2 and edge["value_usd_m"] == 1410.0 + 936.0
    assert edge["deals"] == [iri("deal", "kelun-merck-skb264"), iri("deal", "kelun-merck-skb315")]
    assert company_graph(deal_graph, since="2023-01-01").number_of_edges() == 7


def test_shared_company_graph_follows_state(deal_graph):
    assert shared_company_graph(deal_graph) is not shared_company_graph(deal_graph)  # no state: no cache
    deal_graph.graph["state"] = "s1"
    H = shared_company_graph(deal_graph)
    assert shared_company_graph(deal_graph) is H
    deal_graph.add_edge(company("pfizer"), company("merck-co"), key=iri("deal", "x"), kind="deal")
    deal_graph.graph["state"] = "s2"
    assert shared_company_graph(deal_graph) is not H
    scores = {s.label: s.score for s in centrality(deal_graph, "degree", top=None)}
    assert scores["Pfizer"] == pytest.approx(1 / 9)


def test_resolve_node(deal_graph):
    assert resolve_node(deal_graph, "KELUN-BIOTECH", "company") == company("kelun-biotech")
    with pytest.raises(KeyError, match="unknown target: 'Kelun'"):
        resolve_node(deal_graph, "Kelun", "target")


@pytest.mark.parametrize(
    ("announced", "since", "kept"),
    [
        ("2023-05-01", "2023-05-01", True),
        ("2023-04-30", "2023-05-01", False),
        ("2023-05", "2023-05-31", True),
        ("2023", "2023-12-31", True),
        ("2022", "2023-01-01", False),
        (None, "2000", False),
    ],
)
def test_deal_filter_dates(announced, since, kept):
    assert deal_filter(since)({"kind": "deal", "announced": announced}) is kept


def test_deal_filter_falls_back_to_year():
    assert deal_filter("2021-06")({"kind": "deal", "announced": None, "year": 2021})
    assert not deal_filter()({"kind": "develops"})

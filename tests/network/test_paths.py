import json

import pytest

from kg.network import deal_paths
from kg.network.paths import describe_deal

from .conftest import company, iri


def test_one_node_path_expanded_over_parallel_deals(deal_graph):
    paths = deal_paths(deal_graph, "Crescent Biopharma", "AstraZeneca")
    # one node path; two deals on Crescent-Kelun and two on Kelun-Merck: 4 chains of 4 deals
    assert len(paths) == 4
    assert {p.labels for p in paths} == {
        ("Crescent Biopharma", "Kelun-Biotech", "Merck & Co.", "Daiichi Sankyo", "AstraZeneca")
    }
    assert len({p.deals for p in paths}) == 4
    assert all(p.length == 4 for p in paths)
    first = paths[0]  # the most valuable deal of each hop first
    assert [s.text for s in first.steps] == [
        "Kelun-Biotech licensed SKB105 to Crescent Biopharma (2025, $80m upfront)",
        "Kelun-Biotech licensed SKB264 to Merck & Co. (2022, $47m upfront)",
        "Daiichi Sankyo licensed patritumab deruxtecan, ifinatamab deruxtecan to Merck & Co."
        " (2023, $4,000m upfront)",
        "Daiichi Sankyo licensed Dato-DXd to AstraZeneca (2020, $1,000m upfront)",
    ]
    step = first.steps[0]
    assert (step.source_label, step.target_label) == ("Crescent Biopharma", "Kelun-Biotech")
    assert (step.licensor, step.licensee) == (company("kelun-biotech"), company("crescent-biopharma"))


def test_two_node_paths(deal_graph):
    paths = deal_paths(deal_graph, "Hengrui", "Merck & Co.")
    # via Kelun (two deals to Merck) and via Hansoh (one)
    assert sorted(p.labels[1] for p in paths) == ["Hansoh Pharma", "Kelun-Biotech", "Kelun-Biotech"]
    assert len(paths) == 3


def test_cap(deal_graph):
    assert len(deal_paths(deal_graph, "Crescent Biopharma", "AstraZeneca", cap=3)) == 3
    with pytest.raises(ValueError):
        deal_paths(deal_graph, "Crescent Biopharma", "AstraZeneca", cap=0)


def test_no_path(deal_graph):
    assert deal_paths(deal_graph, "Pfizer", "Merck & Co.") == []


def test_errors(deal_graph):
    with pytest.raises(KeyError, match="Nowhere"):
        deal_paths(deal_graph, "Nowhere", "Merck & Co.")
    with pytest.raises(ValueError, match="same company"):
        deal_paths(deal_graph, "merck & co.", company("merck-co"))


def test_describe_deal_wording():
    assert describe_deal("A", "B", {"asset_labels": ["X"], "deal_type": "option", "year": 2021}) == (
        "A granted B an option on X (2021)"
    )
    assert (
        describe_deal("A", "B", {"asset_labels": [], "value_usd_m": 12.5})
        == "A licensed rights to B ($12.5m total)"
    )
    assert describe_deal("A", "B", {"asset_labels": ["X"]}) == "A licensed X to B"


def test_to_dict(deal_graph):
    data = deal_paths(deal_graph, "Hengrui", "Merck & Co.")[0].to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["deals"][0] in {iri("deal", "hengrui-kelun-hrs1167"), iri("deal", "hengrui-hansoh-hrs2261")}


def test_expansion_is_lazy():
    from .conftest import make_graph

    # 10 hops with 10 parallel deals each: 10**10 chains, of which only `cap` are built
    companies = [(f"c{i}", f"C{i}", None) for i in range(11)]
    deals = [
        dict(slug=f"d{i}-{j}", licensor=f"c{i}", licensee=f"c{i + 1}", assets=[])
        for i in range(10)
        for j in range(10)
    ]
    G = make_graph(companies, (), deals)
    paths = deal_paths(G, "C0", "C10", cap=5)
    assert len(paths) == 5 and all(p.length == 10 for p in paths)

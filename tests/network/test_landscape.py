import json

import pytest

from kg.network import target_landscape

from .conftest import iri


def test_tacstd2(deal_graph):
    land = target_landscape(deal_graph, "TACSTD2")
    assert (land.target, land.symbol) == (iri("target", "tacstd2"), "TACSTD2")
    assert [(a.label, a.modality, a.developers, a.licensees, a.value_usd_m) for a in land.assets] == [
        ("Dato-DXd", "ADC", ("Daiichi Sankyo",), ("AstraZeneca",), 6000.0),
        ("SKB264", "ADC", ("Kelun-Biotech",), ("Merck & Co.",), 1410.0),
    ]
    deal = land.assets[1].deals[0]
    assert (deal.licensor_label, deal.licensee_label, deal.upfront_usd_m) == (
        "Kelun-Biotech",
        "Merck & Co.",
        47.0,
    )
    assert (land.deals, land.value_usd_m) == (2, 7410.0)


def test_deals_sorted_by_value_and_unvalued_last(deal_graph):
    land = target_landscape(deal_graph, iri("target", "erbb2"))
    assert [a.label for a in land.assets] == ["DB-1303", "DS-X"]
    assert land.assets[1].deals[0].value_usd_m is None
    assert land.assets[1].deals[0].deal_type == "option"


def test_case_insensitive_and_modalities(deal_graph):
    land = target_landscape(deal_graph, "kras", modalities=["Small Molecule"])
    assert [a.label for a in land.assets] == ["HRS-2261", "SKB500"]
    assert target_landscape(deal_graph, "KRAS", modalities=["ADC"]).assets == ()


def test_target_without_deals(deal_graph):
    land = target_landscape(deal_graph, "VEGFA")
    assert [(a.label, a.deals) for a in land.assets][0][0] == "CR-001"
    assert land.assets[0].licensees == ("Kelun-Biotech",)


def test_unknown_target(deal_graph):
    with pytest.raises(KeyError, match="PD-1"):
        target_landscape(deal_graph, "PD-1")
    with pytest.raises(ValueError, match="not a target"):
        target_landscape(deal_graph, iri("company", "pfizer"))


def test_to_dict(deal_graph):
    data = target_landscape(deal_graph, "TACSTD2").to_dict()
    assert json.loads(json.dumps(data)) == data

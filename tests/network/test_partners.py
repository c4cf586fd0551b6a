import json

import pytest

from kg.network import partners

from .conftest import company, iri


def test_direct_partners_with_deals(deal_graph):
    found = partners(deal_graph, company("crescent-biopharma"))
    assert [p.label for p in found] == ["Kelun-Biotech"]
    kelun = found[0]
    assert (kelun.distance, kelun.country, kelun.value_usd_m) == (1, "CN", 80.0)
    by_deal = {d.deal: d for d in kelun.deals}
    skb105 = by_deal[iri("deal", "kelun-crescent-skb105")]
    assert (skb105.direction, skb105.assets, skb105.upfront_usd_m) == ("in", ("SKB105",), 80.0)
    assert (skb105.announced, skb105.territory) == ("2025-06-24", "WORLD")
    assert by_deal[iri("deal", "crescent-kelun-cr001")].direction == "out"
    assert kelun.via == (iri("deal", "kelun-crescent-skb105"),)  # the more valuable of the two


def test_direct_partners_ordered_by_value(deal_graph):
    found = partners(deal_graph, "Merck & Co.")
    # Daiichi 22,000; Kelun 1,410 + 936 = 2,346; Hansoh 2,000
    assert [(p.label, p.value_usd_m) for p in found] == [
        ("Daiichi Sankyo", 22000.0),
        ("Kelun-Biotech", 2346.0),
        ("Hansoh Pharma", 2000.0),
    ]
    kelun = found[1]
    assert [d.assets for d in kelun.deals] == [("SKB315",), ("SKB264",)]  # newest first
    assert {d.direction for d in kelun.deals} == {"in"}


def test_depth_two(deal_graph):
    found = partners(deal_graph, "Crescent Biopharma", depth=2)
    assert [(p.label, p.distance, p.value_usd_m) for p in found] == [
        ("Kelun-Biotech", 1, 80.0),
        ("Merck & Co.", 2, 80.0 + 1410.0),
        ("Hengrui", 2, 80.0 + 100.0),
        ("Hansoh Pharma", 2, 80.0),
    ]
    merck = found[1]
    assert merck.via == (iri("deal", "kelun-crescent-skb105"), iri("deal", "kelun-merck-skb264"))
    assert merck.chain == (
        "Crescent Biopharma",
        "SKB105 (2025)",
        "Kelun-Biotech",
        "SKB264 (2022)",
        "Merck & Co.",
    )
    assert merck.deals == ()


def test_depth_four_reaches_the_other_cluster(deal_graph):
    found = partners(deal_graph, "Crescent Biopharma", depth=4)
    assert [(p.label, p.distance) for p in found][4:] == [
        ("Daiichi Sankyo", 3),
        ("AstraZeneca", 4),
        ("BioNTech", 4),
    ]
    assert found[5].chain[-3:] == ("Daiichi Sankyo", "Dato-DXd (2020)", "AstraZeneca")
    assert "Pfizer" not in {p.label for p in found}


def test_since_filters_deals(deal_graph):
    found = partners(deal_graph, "Crescent Biopharma", depth=2, since="2023-01-01")
    # SKB264 (2022) and Kelun-Hansoh (2021) are dropped: Merck is reached through SKB315, Hansoh not at all
    assert [p.label for p in found] == ["Kelun-Biotech", "Merck & Co.", "Hengrui"]
    assert found[1].via[-1] == iri("deal", "kelun-merck-skb315")
    assert found[1].value_usd_m == 80.0 + 936.0


def test_since_keeps_month_precision_dates(deal_graph):
    # SKB315 is dated "2023-05" only: it may be on or after 2023-05-15, so it is kept
    found = partners(deal_graph, "Merck & Co.", since="2023-05-15")
    assert iri("deal", "kelun-merck-skb315") in {d.deal for p in found for d in p.deals}
    found = partners(deal_graph, "Merck & Co.", since="2023-06-01")
    assert iri("deal", "kelun-merck-skb315") not in {d.deal for p in found for d in p.deals}


def test_modalities(deal_graph):
    found = partners(deal_graph, "Kelun-Biotech", modalities=["Bispecific Antibody"])
    assert [p.label for p in found] == ["Crescent Biopharma"]
    assert [d.assets for d in found[0].deals] == [("CR-001",)]


def test_via_targets(deal_graph):
    found = partners(deal_graph, "Merck & Co.", via_targets=True)
    # Merck licensed SKB264 (TACSTD2); AstraZeneca licensed Dato-DXd, also against TACSTD2
    assert [p.label for p in found] == ["Daiichi Sankyo", "Kelun-Biotech", "Hansoh Pharma", "AstraZeneca"]
    assert found[-1].via == ("target:TACSTD2",)
    assert found[-1].chain == ("Merck & Co.", "target:TACSTD2", "AstraZeneca")
    assert found[-1].deals == ()


def test_via_targets_respects_modalities(deal_graph):
    found = partners(deal_graph, "Hengrui", via_targets=True, modalities=["small molecule"])
    # HRS-2261 and SKB500 both hit KRAS: Kelun is linked by target, Hansoh by the HRS-2261 deal
    assert [(p.label, p.via) for p in found] == [
        ("Hansoh Pharma", (iri("deal", "hengrui-hansoh-hrs2261"),)),
        ("Kelun-Biotech", ("target:KRAS",)),
    ]


def test_depth_limits(deal_graph):
    with pytest.raises(ValueError, match="max_depth"):
        partners(deal_graph, "Kelun-Biotech", depth=5)
    assert len(partners(deal_graph, "Kelun-Biotech", depth=5, max_depth=5)) == 8
    with pytest.raises(ValueError, match="positive"):
        partners(deal_graph, "Kelun-Biotech", depth=0)


def test_unknown_company(deal_graph):
    with pytest.raises(KeyError, match="Nowhere Pharma"):
        partners(deal_graph, "Nowhere Pharma")
    with pytest.raises(ValueError, match="not a company"):
        partners(deal_graph, iri("asset", "skb264"))


def test_company_without_deals(deal_graph):
    assert partners(deal_graph, "pfizer", depth=3) == []


def test_to_dict_is_json(deal_graph):
    data = [p.to_dict() for p in partners(deal_graph, "Kelun-Biotech", depth=2)]
    assert json.loads(json.dumps(data)) == data
    assert data[0]["deals"][0]["direction"] in ("in", "out")


def test_since_must_be_iso(deal_graph):
    with pytest.raises(ValueError, match="ISO date"):
        partners(deal_graph, "Kelun-Biotech", since="June 2023")

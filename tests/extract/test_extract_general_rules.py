"""General phrasings found in held-out press texts: each rule with a synthetic sentence."""

from __future__ import annotations

import pytest

from kg.extract import Gazetteer, extract
from kg.extract.money import classify, parse_amounts


def _kinds(text: str) -> list[tuple[str, float]]:
    amounts = parse_amounts(text)
    classify(text, amounts)
    return [(a.kind, a.usd_m) for a in amounts]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "Beta can earn a further $4.5bn in total if regulatory and commercial milestones are achieved",
            [("milestones", 4500)],
        ),
        (
            "Beta could receive up to $1bn tied to regulatory approvals and as much as $4bn linked to sales",
            [("milestones", 1000), ("milestones", 4000)],
        ),
        (
            "Beta can collect up to $1.36bn more as the programme passes development milestones",
            [("milestones", 1360)],
        ),
        ("Alpha pays $350m when the deal completes", [("payment", 350)]),
        ("$1bn upfront in a deal that could reach $6bn", [("upfront", 1000), ("total", 6000)]),
        ("Beta will receive two further milestone payments of $1bn each", [("milestones", 2000)]),
        (
            "up to $300m upon achievement of certain development, regulatory and commercial milestones",
            [("milestones", 300)],
        ),
        (
            "Beta could receive another $1.2bn should the drug hit regulatory and commercial targets",
            [("milestones", 1200)],
        ),
        ("Alpha paid $50m as development funding", [("other", 50)]),
        ("Beta is eligible for contingent payments of up to $400m", [("milestones", 400)]),
        ("Beta may receive success-based payments of up to $2bn", [("milestones", 2000)]),
        (
            "up to $500m in additional payments based on development and commercial achievements",
            [("milestones", 500)],
        ),
    ],
)
def test_contingent_totals_and_counted_payments(text: str, kinds: list[tuple[str, float]]) -> None:
    assert _kinds(text) == kinds


def test_licensed_rights_to_owners_drug() -> None:
    text = "Alpha Therapeutics has licensed global rights to Beta Pharmaceuticals' antibody AB-123 for $10m upfront."
    deal = extract(text, Gazetteer()).deals[0]
    assert (deal.licensor, deal.licensee) == ("Beta Pharmaceuticals", "Alpha Therapeutics")


def test_that_drug_refers_to_the_previous_asset() -> None:
    text = (
        "Alpha Therapeutics and Beta Biotech signed a pact on AB-123 for $10m upfront. It follows an earlier "
        "collaboration on CD-456. For that drug, Alpha Therapeutics paid Beta Biotech $50m upfront."
    )
    deals = extract(text, Gazetteer()).deals
    assert sorted(d.assets[0] for d in deals) == ["AB-123", "CD-456"]


def test_unknown_company_named_by_a_deal_verb() -> None:
    text = (
        "Alpha Therapeutics granted Zentora rights to AB-123 outside Asia in return for $263m in upfront "
        "license fees and a $150m equity investment in Alpha Therapeutics."
    )
    deal = extract(text, Gazetteer()).deals[0]
    assert (deal.licensor, deal.licensee) == ("Alpha Therapeutics", "Zentora")
    assert (deal.upfront_usd_m, deal.equity_usd_m) == (263, 150)


def test_short_form_of_a_name_in_the_text() -> None:
    text = "Alpha Pharma has granted Zentora an option on AB-123. Zentora will pay Alpha $100m upfront."
    deals = extract(text, Gazetteer()).deals
    assert len(deals) == 1 and deals[0].licensor == "Alpha Pharma"


def test_global_company_is_no_territory() -> None:
    text = (
        "Alpha Biotech, a global biotechnology company, grants Beta Pharma the rights to AB-123 in the "
        "United States, Canada, Mexico, Europe and Japan for $650m upfront."
    )
    deal = extract(text, Gazetteer()).deals[0]
    assert deal.territory is not None and deal.territory.include == ["US", "CA", "MX", "EUROPE", "JP"]


def test_licensor_issuing_shares_to_the_licensee_is_equity() -> None:
    text = (
        "Alpha Biotech grants Beta Pharma an exclusive license to AB-123 in Japan. Under the agreement, "
        "Alpha Biotech will issue new common shares worth approximately $7.2m to Beta Pharma. "
        "Alpha Biotech will receive an upfront payment of $4.9m from Beta Pharma, and the total value "
        "is expected to exceed $453m."
    )
    deals = extract(text, Gazetteer()).deals
    assert len(deals) == 1
    assert (deals[0].equity_usd_m, deals[0].upfront_usd_m, deals[0].total_usd_m) == (7.2, 4.9, 453)


def test_share_purchase_by_the_licensor_opens_no_deal() -> None:
    text = (
        "Beta Pharma licensed Alpha Biotech's AB-123 for the United States and Canada. Beta Pharma pays $150m "
        "upfront. Alpha Biotech also bought $50m of Beta Pharma shares."
    )
    deals = extract(text, Gazetteer()).deals
    assert len(deals) == 1 and deals[0].equity_usd_m is None


def test_milestone_breakdown_is_not_added_and_per_product_is_local() -> None:
    text = (
        "Alpha Biotech was promised up to $770m in milestones, made up of $90m for regulatory approvals, "
        "$530m for commercial performance and $150m tied to clinical superiority, plus royalties on net sales."
    )
    assert [k for k in _kinds(text)][:2] == [("milestones", 770), ("milestones", 90)]
    text = "a $25m upfront, development milestones for each product, and up to $710m in sales milestones"
    amounts = parse_amounts(text)
    classify(text, amounts)
    assert not amounts[1].per_unit


def test_worldwide_rights_with_a_later_exception() -> None:
    from kg.extract.territory import parse_territory

    t = parse_territory(
        "Beta took exclusive worldwide rights to AB-123, Alpha's anti-PD-1 antibody, except in Japan and Korea."
    )
    assert t is not None and (t.include, t.exclude) == (["WORLD"], ["JP", "KR"])


def test_the_rights_refer_to_the_asset_just_named() -> None:
    text = (
        "Alpha Pharma licensed AB-123 to Beta Biotech for $10m upfront. AB-123 is an oral DPP-4 inhibitor. "
        "Beta Biotech has held the Japanese rights since a 2006 licensing agreement with Gamma Therapeutics."
    )
    deals = extract(text, Gazetteer()).deals
    background = next(d for d in deals if "Gamma Therapeutics" in d.parties)
    assert background.assets == ["AB-123"]
    assert background.territory is not None and background.territory.include == ["JP"]


@pytest.mark.parametrize(
    "text",
    [
        "Zentora Therapeutics, Inc. has licensed rights to QB-512 from Qumeta Bio Co., Ltd. in Japan, where the drug "
        "is known as ZT-77. Zentora Therapeutics will pay $500m upfront.",
        "Harlow Pharma will acquire the rights to QB-512 from Qumeta Bio for $4bn upfront. QB-512 will be renamed "
        "ZT-77 after closing.",
    ],
)
def test_asset_aliases_are_one_asset(text: str) -> None:
    result = extract(text, Gazetteer())
    assert [a.name for a in result.assets] == ["QB-512"]
    assert result.deals[0].assets == ["QB-512"]


def test_product_name_with_its_generic_in_parentheses() -> None:
    text = (
        "Dalian Therapeutics has entered into an exclusive license agreement with NeuroKiln, Inc. for MusQT "
        "(xanomeline-trospium) in Greater China. Dalian Therapeutics will pay $35m upfront."
    )
    assert extract(text, Gazetteer()).deals[0].assets == ["MusQT"]


def test_a_list_shares_the_descriptor_after_it() -> None:
    text = (
        "Dalian Therapeutics licensed BTX-945 and BTX-701, two investigational EGFR inhibitors, from Borealis "
        "Medicines for $25m upfront."
    )
    assets = {a.name: (a.modality, a.targets) for a in extract(text, Gazetteer()).assets}
    assert assets == {"BTX-945": ("small molecule", ["EGFR"]), "BTX-701": ("small molecule", ["EGFR"])}


def test_hkex_defined_terms_and_signing_pair() -> None:
    text = (
        "Sino Grand Pharmaceutical Group announces that its subsidiary, Tianxin Pharmaceutical Co., Ltd. "
        '("Tianxin"), has entered into a license agreement (the "Agreement") with Wuhan Qirin Biopharma Co., Ltd. '
        '("Qirin Biopharma") for M-901, a bispecific antibody targeting epithelial cell adhesion molecule (EpCAM) '
        "and CD3, in mainland China. Under the Agreement, Tianxin will pay upfront and research and development "
        "milestone payments totalling approximately RMB315 million (approximately US$44.4 million), and sales "
        "milestone payments of up to RMB700 million (approximately US$98.6 million)."
    )
    result = extract(text, Gazetteer())
    assert [c.name for c in result.companies] == ["Tianxin Pharmaceutical", "Wuhan Qirin Biopharma"]
    deal = result.deals[0]
    assert (deal.licensor, deal.licensee) == ("Wuhan Qirin Biopharma", "Tianxin Pharmaceutical")
    assert (deal.upfront_usd_m, deal.milestones_usd_m) == (None, 98.6)
    assert result.assets[0].targets == ["EPCAM", "CD3E"]


def test_upfront_and_milestones_together_is_a_total_but_a_qualified_part_is_combined() -> None:
    assert _kinds("upfront and milestone payments totalling $500m") == [("total", 500)]
    assert _kinds("upfront and development milestone payments totalling $50m") == [("other", 50)]


@pytest.mark.parametrize(
    ("text", "licensee"),
    [
        (
            "INDIANAPOLIS -- Pexara (NASDAQ: PXRA) today announced that it has licensed ex-China rights to AB-123 "
            "from Innovent Biologics. Pexara will pay Innovent Biologics $200 million upfront.",
            "Pexara",
        ),
        (
            "Harwell and Company will pay Kelun Biotech $200 million upon signing for exclusive rights to AB-123.",
            "Harwell and Company",
        ),
    ],
)
def test_listed_and_and_company_names(text: str, licensee: str) -> None:
    deal = extract(text, Gazetteer()).deals[0]
    assert deal.licensee == licensee and deal.upfront_usd_m == 200


def test_technology_developed_by_is_not_the_drug_developer() -> None:
    text = (
        "Rivera Bio granted Caspian Therapeutics exclusive rights to RV-48, a HER2-directed ADC, for $200m "
        "upfront. RV-48 binds HER2 with higher affinity than trastuzumab; its linker is based on technology "
        "originally developed by Caspian Therapeutics."
    )
    result = extract(text, Gazetteer())
    assert [(a.name, a.developer) for a in result.assets] == [("RV-48", "Rivera Bio")]


def test_descriptors_in_neighbouring_sentences() -> None:
    text = (
        "Harbor Labs Inc. bought the rights to an antibody-drug conjugate (ADC) from Kestrel Biotech for $47m "
        "upfront. The deal covers KB-264 outside Greater China. KB-264 targets TROP2 and is in phase 2."
    )
    asset = extract(text, Gazetteer()).assets[0]
    assert (asset.name, asset.modality, asset.targets) == ("KB-264", "ADC", ["TACSTD2"])


def test_receiving_an_equity_investment_is_equity() -> None:
    assert _kinds("Velora will also receive a $10 million equity investment from Pinecrest Bio") == [
        ("equity", 10)
    ]
    assert _kinds("Hengrui will receive $50m in Hercules shares") == [("other", 50)]


def test_precise_figure_refines_a_rounded_headline() -> None:
    text = (
        "Korvex pays $80m upfront for Tianbo's ADC in $1.3bn deal\n\n"
        "Korvex Therapeutics has licensed global rights to TB-301 from Tianbo Biopharma for $80 million upfront. "
        "Tianbo Biopharma may also receive $25 million on dosing, bringing the total deal value to $1.33 billion."
    )
    deals = extract(text, Gazetteer()).deals
    assert len(deals) == 1 and deals[0].total_usd_m == 1330


def test_capitalised_headline_is_no_company_name() -> None:
    text = (
        "LICENSE AGREEMENT WITH VANTIS PHARMA\n\n"
        'The board of Hexin Biotech Limited (the "Company") announces that the Company entered into an exclusive '
        'license agreement (the "License Agreement") with Vantis Pharma AG ("Vantis"), pursuant to which the Company '
        "granted Vantis an exclusive license to HX-22 worldwide. Vantis shall pay to the Company an upfront "
        "payment of US$50 million."
    )
    result = extract(text, Gazetteer())
    assert [c.name for c in result.companies] == ["Hexin Biotech", "Vantis Pharma"]
    assert result.deals[0].upfront_usd_m == 50


def test_shortened_corporate_word_is_the_same_company() -> None:
    text = (
        "Daiko Pharma and Minami Bio sign licence for MB-771 in Japan\n\n"
        "Daiko Pharmaceutical Co., Ltd. has concluded a license agreement with Minami Bio K.K. under which Daiko "
        "acquires exclusive rights to MB-771 in Japan. Daiko will pay Minami Bio an upfront payment of $15m."
    )
    result = extract(text, Gazetteer())
    assert len(result.companies) == 2 and len(result.deals) == 1


@pytest.mark.parametrize(
    ("sentence", "licensor"),
    [
        (
            "Alpha Pharma entered into an agreement with Beta Biotech to in-license BB-101 for $20m upfront.",
            "Beta Biotech",
        ),
        (
            "Alpha Pharma signed a deal with Beta Biotech to out-license BB-101 for $20m upfront.",
            "Alpha Pharma",
        ),
    ],
)
def test_agreement_with_purpose_clause(sentence: str, licensor: str) -> None:
    assert extract(sentence, Gazetteer()).deals[0].licensor == licensor


def test_ex_country_rights() -> None:
    from kg.extract.territory import parse_territory

    t = parse_territory("Beta gets ex-US rights to the drug")
    assert t is not None and (t.include, t.exclude) == (["WORLD"], ["US"])


def test_partner_share_purchase_is_a_financing_and_commas_end_names() -> None:
    text = (
        "Orvia Therapeutics has licensed global rights to KS-220 from Kestrel Biotech for $60 million upfront. "
        "Separately, Halden Pharma, Kestrel Biotech's long-time partner in China, bought $40 million of "
        "Kestrel Biotech shares in a private placement."
    )
    result = extract(text, Gazetteer())
    assert [c.name for c in result.companies] == ["Orvia Therapeutics", "Kestrel Biotech"]
    assert len(result.deals) == 1 and result.deals[0].equity_usd_m is None


def test_pill_is_a_small_molecule() -> None:
    from kg.extract.mentions import modality_of

    assert modality_of("Corlan's schizophrenia pill") == "small molecule"


def test_former_company_name_is_the_same_company() -> None:
    text = (
        "Zymera Bio (formerly Helix Oncology) has granted Brightline Pharma exclusive rights to ZB-12 in Europe for "
        "$30 million upfront. Brightline Pharma will also pay Helix Oncology up to $200 million in milestones."
    )
    result = extract(text, Gazetteer())
    assert len(result.deals) == 1 and result.deals[0].milestones_usd_m == 200
    assert [c.name for c in result.companies] == ["Zymera Bio", "Brightline Pharma"]


def test_currency_amounts_are_not_asset_codes() -> None:
    from kg.extract.mentions import find_assets

    text = "Aerova will pay KRW 27 billion upfront and GBP 15 million later for HB-0805."
    assert [a.name for a in find_assets(text, Gazetteer())] == ["HB-0805"]


@pytest.mark.parametrize(
    ("text", "symbols"),
    [
        ("an acetyl-CoA carboxylase (ACC) inhibitor", ["ACACA", "ACACB"]),
        ("an M1/M4 muscarinic agonist", ["CHRM1", "CHRM4"]),
        ("a bispecific targeting epithelial cell adhesion molecule (EpCAM)", ["EPCAM"]),
        ("a dipeptidyl peptidase-4 (DPP-4) inhibitor", ["DPP4"]),
        ("a NaV1.8 blocker", ["SCN10A"]),
    ],
)
def test_target_names_and_families(text: str, symbols: list[str]) -> None:
    from kg.extract.mentions import find_targets

    assert find_targets(text, Gazetteer()) == symbols


def test_company_name_is_no_inn_asset() -> None:
    text = (
        "Halvorsen to buy Vireo Oncology for $2.1bn\n\nHalvorsen Pharma agreed to acquire Vireo Oncology Inc., "
        "the developer of VO-3344, a menin inhibitor, for approximately $2.1 billion in total."
    )
    assert [a.name for a in extract(text, Gazetteer()).assets] == ["VO-3344"]


@pytest.mark.parametrize(
    "text",
    [
        "Beta, the world's largest drugmaker, licensed rights in Japan",
        "worldwide sales of the drug reached $1bn; Beta takes the rights in Japan",
    ],
)
def test_world_as_a_descriptor_is_no_territory(text: str) -> None:
    from kg.extract.territory import parse_territory

    t = parse_territory(text)
    assert t is not None and t.include == ["JP"]


def test_where_a_drug_is_sold_is_no_territory() -> None:
    from kg.extract.territory import parse_territory

    assert (
        parse_territory("The antibody, sold in China as Aitan, carries rights to further indications") is None
    )


def test_subject_taking_rights_and_owner_of_a_drug_are_companies() -> None:
    text = (
        "Incyte took exclusive worldwide rights to SHR-1210, Hengrui's anti-PD-1 antibody, except in mainland "
        "China. Incyte paid $25m upfront."
    )
    deal = extract(text, Gazetteer()).deals[0]
    assert (deal.licensor, deal.licensee, deal.upfront_usd_m) == ("Hengrui", "Incyte", 25)


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "Beta will receive upfront and near-term payments totalling US$47 million and up to US$623 million "
            "in milestones",
            [("other", 47), ("milestones", 623)],
        ),
        (
            "Beta could receive up to $1.03 billion including the upfront and development, regulatory and "
            "commercial milestones",
            [("total", 1030)],
        ),
        ("Beta said it had received a $50 million milestone payment under an existing agreement", [("other", 50)]),
    ],
)
def test_combined_and_earlier_agreement_figures(text: str, kinds: list[tuple[str, float]]) -> None:
    assert _kinds(text) == kinds


def test_unit_of_a_listed_parent_is_the_parent() -> None:
    text = (
        "Norvale Bio is paying Tessaly Megalith, a unit of Hong Kong-listed Tessaly Pharmaceutical Group, "
        "$7.5 million upfront for the ADC QX-4410, with rights in the United States."
    )
    result = extract(text, Gazetteer())
    assert not any("Megalith" in c.name for c in result.companies)
    assert [(d.licensor, d.licensee) for d in result.deals] == [("Tessaly Pharmaceutical", "Norvale Bio")]


def test_known_unit_of_a_known_parent_is_the_parent() -> None:
    from kg.extract.gazetteer import CompanyRecord

    gaz = Gazetteer(
        [
            CompanyRecord("Tessaly Megalith", [], "CN"),
            CompanyRecord("Tessaly Pharmaceutical Group", ["Tessaly"], "CN"),
            CompanyRecord("Norvale Bio", [], "US"),
        ]
    )
    text = (
        "Norvale Bio is paying Tessaly Megalith, a unit of Hong Kong-listed Tessaly Pharmaceutical Group, "
        "$7.5 million upfront for the ADC QX-4410, with rights in the United States."
    )
    deals = extract(text, gaz).deals
    assert [(d.licensor, d.licensee) for d in deals] == [("Tessaly Pharmaceutical Group", "Norvale Bio")]


@pytest.mark.parametrize(
    ("text", "include", "exclude"),
    [
        (  # "with the exception of" after the rights phrase
            "Beta obtains exclusive worldwide rights to develop and sell the drug, with the exception of Korea.",
            ["WORLD"],
            ["KR"],
        ),
        (  # the name a company uses in some markets is no territory
            "Alpha, known as Gamma outside the US and Canada, gets rights to the drug worldwide excluding Japan.",
            ["WORLD"],
            ["JP"],
        ),
        ("Beta leads commercialization in all markets globally except Japan.", ["WORLD"], ["JP"]),
        (  # co-commercialization in the US, licensee alone elsewhere
            "The two will jointly commercialize it in the United States, while Beta handles commercialization "
            "outside the U.S.",
            ["WORLD"],
            [],
        ),
    ],
)
def test_territory_phrasings(text: str, include: list[str], exclude: list[str]) -> None:
    from kg.extract.territory import parse_territory

    territory = parse_territory(text)
    assert territory is not None
    assert (territory.include, territory.exclude) == (include, exclude)


def test_option_to_acquire_price_is_no_total() -> None:
    text = "Alpha will pay $140m upfront and obtains the exclusive right to acquire Beta for $1bn later on."
    assert _kinds(text) == [("upfront", 140), ("other", 1000)]


def test_handed_rights_to_names_the_licensee() -> None:
    from kg.extract.mentions import CompanyMention
    from kg.extract.roles import role_scores

    text = "Last year it handed a trio of obesity programmes, led by a dual agonist, to Beta Bio for $110m."
    start = text.index("Beta Bio")
    mention = CompanyMention(name="Beta Bio", start=start, end=start + len("Beta Bio"))
    assert role_scores(text, 0, len(text), [mention])["Beta Bio"] > 0


def test_co_commercialization_split_at_while_is_world() -> None:
    text = (
        "Norvale Bio will pay Tessaly Pharmaceutical $50 million upfront for QX-4410. "
        "Norvale Bio and Tessaly Pharmaceutical will jointly commercialize QX-4410 in the United States, "
        "while Norvale Bio will be responsible for commercialization outside the United States."
    )
    result = extract(text, Gazetteer())
    territory = result.deals[0].territory
    assert territory is not None and (territory.include, territory.exclude) == (["WORLD"], [])


def test_town_and_state_descriptor_names_the_latest_us_company() -> None:
    from kg.extract.extractor import _resolve_descriptors
    from kg.extract.mentions import CompanyMention

    text = "Norvale Bio, Inc. licensed QX-4410.\n\nThe Rahway, New Jersey company gets rights to it worldwide."
    norvale = CompanyMention(0, len("Norvale Bio, Inc."), "Norvale Bio", "US")
    resolved = _resolve_descriptors(text, [norvale], Gazetteer())
    assert [(c.name, text[c.start : c.end]) for c in resolved][1] == (
        "Norvale Bio",
        "The Rahway, New Jersey company",
    )


def test_rights_reverting_on_termination_are_no_deal() -> None:
    text = (
        "Tessaly Pharmaceutical said Norvale Bio will terminate their collaboration on QX-4410. "
        "After a notice period, all rights to QX-4410 outside Greater China will revert to "
        "Tessaly Pharmaceutical."
    )
    assert extract(text, Gazetteer()).deals == []


def test_share_price_is_noise() -> None:
    assert _kinds("Shares of Beta rose 7.3% to KRW 231,000 in Seoul trading.") == [("noise", 0.231 / 1350)]


def test_two_town_descriptors_name_two_companies() -> None:
    from kg.extract.extractor import _resolve_descriptors
    from kg.extract.mentions import CompanyMention

    text = "Alpha Corp has a deal with Beta Bio, the San Diego biotech, that gives the Indianapolis drugmaker rights."
    alpha = CompanyMention(0, 10, "Alpha Corp", "US")
    beta_start = text.index("Beta Bio")
    beta = CompanyMention(beta_start, beta_start + 8, "Beta Bio", "US")
    resolved = _resolve_descriptors(text, [alpha, beta], Gazetteer())
    named = {text[c.start : c.end]: c.name for c in resolved}
    assert named["the San Diego biotech"] == "Beta Bio"
    assert named["the Indianapolis drugmaker"] == "Alpha Corp"


def test_descriptor_stops_at_a_new_clause() -> None:
    text = (
        "Zentra Bio agreed to buy Quillon Therapeutics for $400m upfront to gain QT-101, an antibody against "
        "factor XI, while Harlan Pharma agreed to buy Vesper Bio's KRAS inhibitor VB-22 for $90m upfront."
    )
    assets = {a.name: a.modality for a in extract(text, Gazetteer()).assets}
    assert assets.get("QT-101") == "monoclonal antibody"


def test_terms_stated_before_the_parties() -> None:
    text = (
        "BOSTON, June 3, 2025 -- An upfront payment of $300 million, plus up to $450 million in milestone "
        "payments, will be paid under an agreement announced today. Under that agreement, Orlen Pharma will "
        "acquire Tamsin Biosciences and its antibody TB-301."
    )
    deals = extract(text, Gazetteer()).deals
    assert len(deals) == 1
    assert (deals[0].licensor, deals[0].licensee) == ("Tamsin Biosciences", "Orlen Pharma")
    assert (deals[0].upfront_usd_m, deals[0].milestones_usd_m) == (300, 450)


def test_anti_target_descriptor_is_not_an_asset_code() -> None:
    text = (
        "Orlen Pharma licensed TB-301, an Anti-CD38 monoclonal antibody, from Tamsin Biosciences for "
        "$120m upfront."
    )
    out = extract(text, Gazetteer())
    assert [a.name for a in out.assets] == ["TB-301"]
    assert out.deals[0].assets == ["TB-301"]


def test_microrna_target_is_its_hgnc_gene() -> None:
    text = (
        "Orlen Pharma licensed TB-301, an antisense oligonucleotide that blocks microRNA-21, from Tamsin "
        "Biosciences for $120m upfront."
    )
    assets = {a.name: a.targets for a in extract(text, Gazetteer()).assets}
    assert assets == {"TB-301": ["MIR21"]}


def test_counterparty_of_a_named_agreement_and_a_brand_in_capitals() -> None:
    """A partner with no corporate word ("an agreement with Vireo Orphan"), a product named in capitals,
    and a licensor that 'says the company will receive' the money."""
    text = (
        "Halvorsen Bio shares rose 9% on Tuesday after the company signed an exclusive licence agreement "
        "with Vireo Orphan for the commercialization of TALVERIX in Europe.\n\n"
        "Halvorsen Bio said the company will receive an upfront payment of $40 million and up to $210 "
        "million in regulatory and sales milestones, plus tiered royalties on sales."
    )
    out = extract(text, Gazetteer())
    assert len(out.deals) == 1
    deal = out.deals[0]
    assert (deal.licensor, deal.licensee) == ("Halvorsen Bio", "Vireo Orphan")
    assert deal.assets == ["TALVERIX"]
    assert (deal.upfront_usd_m, deal.milestones_usd_m, deal.royalties) == (40, 210, True)


def test_capital_words_after_rights_to_are_not_always_a_brand() -> None:
    text = "Orlen Pharma licensed rights to EUROPE and Japan for TB-301 from Tamsin Biosciences for $20m upfront."
    assert [a.name for a in extract(text, Gazetteer()).assets] == ["TB-301"]


def test_the_one_drug_of_a_one_deal_story_is_its_asset() -> None:
    text = (
        "Corvane Biotherapeutics has entered into an exclusive licensing agreement with Meridian Oncology "
        "to develop its ADC candidate outside Greater China.\n\n"
        "CVX-210, which targets HER2, is in a phase 1 study in China.\n\n"
        "Corvane Biotherapeutics will receive $30 million upfront and up to $600 million in milestones."
    )
    out = extract(text, Gazetteer())
    assert [d.assets for d in out.deals] == [["CVX-210"]]
    assert {a.name: a.targets for a in out.assets} == {"CVX-210": ["ERBB2"]}


def test_two_drugs_named_leave_the_asset_open() -> None:
    text = (
        "Corvane Biotherapeutics has entered into an exclusive licensing agreement with Meridian Oncology "
        "to develop its ADC candidate outside Greater China.\n\n"
        "CVX-210 and CVX-305 are both in phase 1 studies in China.\n\n"
        "Corvane Biotherapeutics will receive $30 million upfront."
    )
    assert [d.assets for d in extract(text, Gazetteer()).deals] == [[]]


def test_agreement_granting_it_rights_makes_the_partner_the_licensee() -> None:
    text = (
        "Tamsin Biosciences signed an agreement with privately held Orlen Pharma granting it an exclusive "
        "license to develop TB-301 in Europe. Orlen Pharma will pay $12 million upfront."
    )
    deal = extract(text, Gazetteer()).deals[0]
    assert (deal.licensor, deal.licensee) == ("Tamsin Biosciences", "Orlen Pharma")


def test_a_participle_after_the_partners_apposition_belongs_to_the_subject() -> None:
    text = (
        "Tamsin Biosciences announced a licensing agreement with Orlen Pharma, a leader in generic "
        "medicines, granting exclusive commercialisation rights for TB-301 in 42 European countries and "
        "Japan, with $8 million upfront."
    )
    deal = extract(text, Gazetteer()).deals[0]
    assert (deal.licensor, deal.licensee) == ("Tamsin Biosciences", "Orlen Pharma")
    assert deal.territory is not None and deal.territory.include == ["EUROPE", "JP"]


def test_certain_other_territories_are_not_the_world() -> None:
    from kg.extract.territory import parse_territory

    found = parse_territory("an exclusive license to develop the drug in Europe, Japan and certain other territories")
    assert found is not None and found.include == ["EUROPE", "JP"]


def test_grantee_of_a_license_is_a_company_and_a_camptothecin_is_a_small_molecule() -> None:
    text = (
        "Tamsin Biosciences granted an exclusive license to Orvik Health to sell its irinotecan liposome "
        "injection in the US. Tamsin Biosciences will get an upfront payment of $15 million."
    )
    out = extract(text, Gazetteer())
    assert (out.deals[0].licensor, out.deals[0].licensee) == ("Tamsin Biosciences", "Orvik Health")
    assert {a.name: a.modality for a in out.assets} == {"irinotecan": "small molecule"}


def test_the_reference_product_of_a_biosimilar_is_no_asset() -> None:
    text = "Tamsin Biosciences licensed its adalimumab biosimilar TB-77 to Orlen Pharma for $5 million upfront."
    assert [a.name for a in extract(text, Gazetteer()).assets] == ["TB-77"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The aggregate amount of upfront, development, regulatory and sales milestone payments to the licensor "
        "is up to $517.5 million.",
        "The total value of upfront payment, option fee and development milestones adds up to $517.5 million.",
    ],
)
def test_aggregate_of_upfront_and_milestones_is_the_total(sentence: str) -> None:
    assert _kinds(sentence) == [("total", 517.5)]


def test_an_affiliate_that_signs_is_its_parent() -> None:
    gaz = Gazetteer()
    text = (
        "Orlen Pharma has granted Vireo Labs the exclusive rights to TB-301 in Canada. Orlen Ridge "
        "Biologics, an affiliate of Orlen Pharma, will receive an upfront payment of $15 million."
    )
    deals = extract(text, gaz).deals
    assert [(d.licensor, d.licensee, d.upfront_usd_m) for d in deals] == [("Orlen Pharma", "Vireo Labs", 15)]


def test_a_roman_numeral_belongs_to_the_name_before_it() -> None:
    text = (
        "Tamsin Biosciences and Vireo Medicines II Limited have entered into an exclusive license agreement "
        "to develop TB-301 in Greater China. Tamsin Biosciences will receive an upfront payment of $65M."
    )
    out = extract(text, Gazetteer())
    assert [c.name for c in out.companies] == ["Tamsin Biosciences", "Vireo Medicines"]
    assert (out.deals[0].licensor, out.deals[0].licensee) == ("Tamsin Biosciences", "Vireo Medicines")


def test_milestones_of_other_kinds_in_a_later_sentence_add_up() -> None:
    text = (
        "Tamsin Biosciences licensed TB-301 to Orlen Pharma. Tamsin Biosciences will receive an upfront payment "
        "of $65M and an additional $60M based on FDA approval of TB-301.\n\n"
        "Tamsin Biosciences is eligible to receive development and sales milestone payments of up to $710M."
    )
    deal = extract(text, Gazetteer()).deals[0]
    assert (deal.upfront_usd_m, deal.milestones_usd_m) == (65, 770)


@pytest.mark.parametrize(
    ("drug", "modality"),
    [("zastaprazan", "small molecule"), ("mavacamten", "small molecule"), ("aflibercept", None)],
)
def test_inn_stems_beyond_oncology_name_drugs(drug: str, modality: str | None) -> None:
    text = f"Orlen Pharma licensed rights to {drug} from Tamsin Biosciences in a $127.5 million deal."
    out = extract(text, Gazetteer())
    assert out.deals[0].assets == [drug]
    assert {a.name: a.modality for a in out.assets}[drug] in (modality, "other" if modality is None else modality)


def test_handing_off_rights_to_a_cued_company_without_its_legal_form() -> None:
    text = (
        "Israeli biotech Vantor Ltd. will hand off the rights to its drug, zastaprazan, in Japan to Korea's "
        "Halden Biosciences Co. Ltd. via an out-licensing deal worth up to $280 million."
    )
    deal = extract(text, Gazetteer()).deals[0]
    assert (deal.licensor, deal.licensee) == ("Vantor", "Halden Biosciences")


def test_a_deal_worth_an_amount_to_gain_access_to_a_drug() -> None:
    text = (
        "Orlen Pharma signed an exclusive, worldwide license deal with Tamsin Biosciences Co. Ltd. worth up to "
        "€1.4 billion (US$1.5 billion) to gain access to the latter's inhibitor, TB-301."
    )
    deal = extract(text, Gazetteer()).deals[0]
    assert (deal.licensor, deal.licensee) == ("Tamsin Biosciences", "Orlen Pharma")


def test_tickers_on_several_exchanges_do_not_split_the_sentence() -> None:
    text = (
        "Tamsin Biosciences (TMSN; HK: 06160; SHA: 688235) out-licensed ex-China rights for its inhibitor to "
        "Orlen Pharma (ORLN) in a $2.8 billion deal."
    )
    deal = extract(text, Gazetteer()).deals[0]
    assert (deal.licensor, deal.licensee, deal.total_usd_m) == ("Tamsin Biosciences", "Orlen Pharma", 2800)
    assert deal.territory is not None and (deal.territory.include, deal.territory.exclude) == (["WORLD"], ["CN"])


def test_the_lead_sentence_keeps_the_roles_against_a_side_arrangement() -> None:
    text = (
        "Tamsin Biosciences out-licensed ex-China rights for its inhibitor to Orlen Pharma in a $900 million "
        "deal. As part of the agreement, Tamsin Biosciences will have rights to market three Orlen Pharma drugs "
        "in China."
    )
    deal = extract(text, Gazetteer()).deals[0]
    assert (deal.licensor, deal.licensee) == ("Tamsin Biosciences", "Orlen Pharma")


def test_source_of_in_licensed_china_rights_and_greater_china_refines_china() -> None:
    text = (
        "Shanghai Ji Rong Pharma in-licensed China rights to a heart failure treatment from Vantorix (VTX) in a "
        "$400 million pact. Ji Rong will own Greater China rights for the drug. Vantorix will also be eligible "
        "for up to $330 million in milestone payments plus royalties."
    )
    deal = extract(text, Gazetteer()).deals[0]
    assert (deal.licensor, deal.licensee) == ("Vantorix", "Shanghai Ji Rong Pharma")
    assert deal.territory is not None and deal.territory.include == ["GREATER_CHINA"]
    assert (deal.milestones_usd_m, deal.total_usd_m) == (330, 400)


def test_the_passive_names_the_receiver_first() -> None:
    text = (
        "Vantorix Therapeutics was granted exclusive worldwide rights to TB-301 by Tamsin Biosciences, which "
        "will receive $40 million upfront."
    )
    deal = extract(text, Gazetteer()).deals[0]
    assert (deal.licensor, deal.licensee) == ("Tamsin Biosciences", "Vantorix Therapeutics")


def test_decimal_points_and_dates_do_not_break_a_clause() -> None:
    text = (
        "Tamsin Biosciences said on Monday it had licensed TB-301, its CLDN18.2-targeted ADC, to Vantorix "
        "Therapeutics for $40 million upfront and up to $900 million in milestones."
    )
    deal = extract(text, Gazetteer()).deals[0]
    assert (deal.licensor, deal.licensee) == ("Tamsin Biosciences", "Vantorix Therapeutics")
    assert (deal.upfront_usd_m, deal.milestones_usd_m) == (40, 900)


@pytest.mark.parametrize(
    "text",
    [
        "In exchange for global rights to TB-301, Vantorix Therapeutics will hand Tamsin Biosciences $75 million "
        "upfront and up to $1.2 billion in milestones.",
        "Tamsin Biosciences is getting $75 million upfront from Vantorix Therapeutics in return for the rights to "
        "TB-301 in the US and Europe.",
    ],
)
def test_handing_over_and_getting_money_name_the_sides(text: str) -> None:
    deal = extract(text, Gazetteer()).deals[0]
    assert (deal.licensor, deal.licensee, deal.upfront_usd_m) == ("Tamsin Biosciences", "Vantorix Therapeutics", 75)


def test_getting_rights_is_still_the_licensees() -> None:
    text = "Vantorix Therapeutics gets exclusive rights to TB-301 from Tamsin Biosciences for $75 million upfront."
    deal = extract(text, Gazetteer()).deals[0]
    assert (deal.licensor, deal.licensee) == ("Tamsin Biosciences", "Vantorix Therapeutics")


def test_buying_a_company_is_an_acquisition() -> None:
    deal = extract("Vantorix Therapeutics is buying Tamsin Biosciences for $1.1 billion in cash, gaining TB-301.",
                   Gazetteer()).deals[0]
    assert (deal.licensor, deal.licensee, deal.deal_type, deal.total_usd_m) == (
        "Tamsin Biosciences", "Vantorix Therapeutics", "acquisition", 1100)


def test_the_company_a_press_release_defines_for_itself() -> None:
    text = (
        "SHANGHAI, Jan. 5, 2025 /PRNewswire/ -- Tamsin Biosciences (\"Tamsin\" or the \"Company\") today announced "
        "that it has entered into an exclusive license agreement with Vantorix Therapeutics (\"Vantorix\") for "
        "TB-301. Under the agreement, the Company will receive an upfront payment of US$50 million and is "
        "eligible for up to US$1.0 billion in milestones."
    )
    deal = extract(text, Gazetteer()).deals[0]
    assert (deal.licensor, deal.licensee) == ("Tamsin Biosciences", "Vantorix Therapeutics")
    assert (deal.upfront_usd_m, deal.milestones_usd_m) == (50, 1000)


def test_worldwide_rights_to_a_drug_outside_a_region() -> None:
    from kg.extract.territory import parse_territory

    found = parse_territory("for worldwide rights to TB-301 outside Greater China")
    assert found is not None and (found.include, found.exclude) == (["WORLD"], ["GREATER_CHINA"])
    kept = parse_territory("global rights to TB-301 outside oncology")
    assert kept is not None and (kept.include, kept.exclude) == (["WORLD"], [])

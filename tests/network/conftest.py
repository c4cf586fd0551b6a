"""Fixtures for the network tests: small deal graphs built by hand, following PROJECTION.md.

The main fixture, ``deal_graph``, has two clusters joined only through Merck & Co.::

    East: Crescent = Kelun-Biotech - Hengrui        (= : two deals)
                         |     \\      |
                         |      Hansoh Pharma
                         |     /
    bridge:            Merck & Co.
                         |
    West:           Daiichi Sankyo - AstraZeneca
                            \\          /
                             BioNTech - Duality Biologics

plus Pfizer, a company without deals. Expected answers in the tests were worked out by hand from this
picture (distances, betweenness as fractions of the 36 pairs of the 9 connected companies, ...).
"""

from __future__ import annotations

import networkx as nx
import pytest

ID = "https://w3id.org/dealgraph/id/"


def iri(kind: str, slug: str) -> str:
    return f"{ID}{kind}/{slug}"


def make_graph(companies, assets=(), deals=()) -> nx.MultiDiGraph:
    """Build a projected deal graph.

    companies: (slug, label, country); assets: (slug, label, modality, developer slug, [target symbols]);
    deals: dicts with slug, licensor, licensee, assets (slugs) and optionally announced, upfront,
    milestones, total, deal_type, territory.
    """
    G = nx.MultiDiGraph()
    for slug, label, country in companies:
        G.add_node(iri("company", slug), kind="company", label=label, country=country)
    for slug, label, modality, developer, symbols in assets:
        asset = iri("asset", slug)
        G.add_node(asset, kind="asset", label=label, modality=modality, phase=None)
        if developer:
            G.add_edge(iri("company", developer), asset, key="develops", kind="develops")
        for symbol in symbols:
            target = iri("target", symbol.lower())
            G.add_node(target, kind="target", label=symbol)
            G.add_edge(asset, target, key="targets", kind="targets")
    for d in deals:
        deal = iri("deal", d["slug"])
        licensor, licensee = iri("company", d["licensor"]), iri("company", d["licensee"])
        asset_iris = [iri("asset", a) for a in d["assets"]]
        upfront, milestones, total = d.get("upfront"), d.get("milestones"), d.get("total")
        stated = [x for x in (upfront, milestones) if x is not None]
        value = total if total is not None else (sum(stated) if stated else None)
        announced = d.get("announced")
        G.add_edge(
            licensor,
            licensee,
            key=deal,
            kind="deal",
            deal=deal,
            deal_type=d.get("deal_type", "license"),
            announced=announced,
            year=int(announced[:4]) if announced else None,
            assets=asset_iris,
            asset_labels=[G.nodes[a]["label"] for a in asset_iris],
            modalities=sorted({G.nodes[a]["modality"] for a in asset_iris if G.nodes[a]["modality"]}),
            upfront_usd_m=upfront,
            milestones_usd_m=milestones,
            total_usd_m=total,
            equity_usd_m=None,
            value_usd_m=value,
            territory=d.get("territory", "WORLD"),
            sources=[],
            partnership=None,
        )
        for a in asset_iris:
            G.add_edge(licensee, a, key="licenses", kind="licenses", deal=deal)
    return G


COMPANIES = [
    ("kelun-biotech", "Kelun-Biotech", "CN"),
    ("crescent-biopharma", "Crescent Biopharma", "US"),
    ("hengrui", "Hengrui", "CN"),
    ("hansoh-pharma", "Hansoh Pharma", "CN"),
    ("merck-co", "Merck & Co.", "US"),
    ("daiichi-sankyo", "Daiichi Sankyo", "JP"),
    ("astrazeneca", "AstraZeneca", "GB"),
    ("biontech", "BioNTech", "DE"),
    ("duality-biologics", "Duality Biologics", "CN"),
    ("pfizer", "Pfizer", "US"),
]

ASSETS = [
    ("skb105", "SKB105", "ADC", "kelun-biotech", ["ITGB6"]),
    ("cr-001", "CR-001", "bispecific antibody", "crescent-biopharma", ["PDCD1", "VEGFA"]),
    ("skb264", "SKB264", "ADC", "kelun-biotech", ["TACSTD2"]),
    ("skb315", "SKB315", "ADC", "kelun-biotech", ["CLDN18"]),
    ("hrs-1167", "HRS-1167", "radioligand", "hengrui", ["FOLH1"]),
    ("skb500", "SKB500", "small molecule", "kelun-biotech", ["KRAS"]),
    ("hrs-2261", "HRS-2261", "small molecule", "hengrui", ["KRAS"]),
    ("hs-10535", "HS-10535", "small molecule", "hansoh-pharma", ["GLP1R"]),
    ("patritumab-deruxtecan", "patritumab deruxtecan", "ADC", "daiichi-sankyo", ["ERBB3"]),
    ("ifinatamab-deruxtecan", "ifinatamab deruxtecan", "ADC", "daiichi-sankyo", ["CD276"]),
    ("dato-dxd", "Dato-DXd", "ADC", "daiichi-sankyo", ["TACSTD2"]),
    ("ds-x", "DS-X", "ADC", "daiichi-sankyo", ["ERBB2"]),
    ("bnt-x", "BNT-X", "vaccine", "biontech", []),
    ("db-1303", "DB-1303", "ADC", "duality-biologics", ["ERBB2"]),
]

DEALS = [
    # East cluster
    dict(slug="kelun-crescent-skb105", licensor="kelun-biotech", licensee="crescent-biopharma",
         assets=["skb105"], announced="2025-06-24", upfront=80.0),
    dict(slug="crescent-kelun-cr001", licensor="crescent-biopharma", licensee="kelun-biotech",
         assets=["cr-001"], announced="2025-06-24"),
    dict(slug="hengrui-kelun-hrs1167", licensor="hengrui", licensee="kelun-biotech",
         assets=["hrs-1167"], announced="2024-03-01", upfront=10.0, milestones=90.0),
    dict(slug="kelun-hansoh-skb500", licensor="kelun-biotech", licensee="hansoh-pharma",
         assets=["skb500"], announced="2021-01-15"),
    dict(slug="hengrui-hansoh-hrs2261", licensor="hengrui", licensee="hansoh-pharma",
         assets=["hrs-2261"], announced="2023-09-01", upfront=5.0, milestones=45.0),
    # the bridge: Merck & Co.
    dict(slug="kelun-merck-skb264", licensor="kelun-biotech", licensee="merck-co",
         assets=["skb264"], announced="2022-07-26", upfront=47.0, milestones=1363.0,
         territory="WORLD excl. GREATER_CHINA"),
    dict(slug="kelun-merck-skb315", licensor="kelun-biotech", licensee="merck-co",
         assets=["skb315"], announced="2023-05", upfront=35.0, milestones=901.0),
    dict(slug="hansoh-merck-hs10535", licensor="hansoh-pharma", licensee="merck-co",
         assets=["hs-10535"], announced="2024-12-18", upfront=112.0, total=2000.0),
    dict(slug="daiichi-merck-dxd", licensor="daiichi-sankyo", licensee="merck-co",
         assets=["patritumab-deruxtecan", "ifinatamab-deruxtecan"], announced="2023-10-19",
         upfront=4000.0, total=22000.0),
    # West cluster
    dict(slug="daiichi-az-datodxd", licensor="daiichi-sankyo", licensee="astrazeneca",
         assets=["dato-dxd"], announced="2020-07-27", upfront=1000.0, total=6000.0),
    dict(slug="biontech-az-bntx", licensor="biontech", licensee="astrazeneca",
         assets=["bnt-x"], announced="2022-02-01", deal_type="collaboration"),
    dict(slug="daiichi-biontech-dsx", licensor="daiichi-sankyo", licensee="biontech",
         assets=["ds-x"], announced="2021-05-01", deal_type="option"),
    dict(slug="duality-biontech-db1303", licensor="duality-biologics", licensee="biontech",
         assets=["db-1303"], announced="2023-04-03", upfront=170.0, milestones=1500.0),
]  # fmt: skip


@pytest.fixture
def deal_graph() -> nx.MultiDiGraph:
    return make_graph(COMPANIES, ASSETS, DEALS)


@pytest.fixture
def two_cliques() -> nx.MultiDiGraph:
    """Two groups of five companies, each dealing with all the others, joined by one deal (a1 -> b1)."""
    companies = [
        (f"{g}{i}", f"{g.upper()}{i}", "CN" if g == "a" else "US") for g in "ab" for i in range(1, 6)
    ]
    assets = [(f"x-{g}", f"X-{g}", "ADC" if g == "a" else "siRNA", None, [f"T{g.upper()}"]) for g in "ab"]
    deals = [
        dict(slug=f"{g}{i}-{g}{j}", licensor=f"{g}{i}", licensee=f"{g}{j}", assets=[f"x-{g}"])
        for g in "ab"
        for i in range(1, 6)
        for j in range(i + 1, 6)
    ]
    deals.append(dict(slug="a1-b1", licensor="a1", licensee="b1", assets=["x-a"]))
    return make_graph(companies, assets, deals)


def company(slug: str) -> str:
    return iri("company", slug)

"""A hand-built projected deal graph following PROJECTION.md (the Kelun-Biotech neighbourhood)."""

from __future__ import annotations

from typing import Any

import networkx as nx

ID = "https://w3id.org/dealgraph/id/"
XSS_IMG = "<img src=x onerror=window.__xss=1>"
XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_URL = "javascript:window.__xss=1"


def c(slug: str) -> str:
    return f"{ID}company/{slug}"


def a(slug: str) -> str:
    return f"{ID}asset/{slug}"


def t(slug: str) -> str:
    return f"{ID}target/{slug}"


def d(slug: str) -> str:
    return f"{ID}deal/{slug}"


def _deal(G: nx.MultiDiGraph, slug: str, licensor: str, licensee: str, assets: list[str], **kw: Any) -> None:
    announced = kw.pop("announced", None)
    up, ms, total = kw.pop("upfront", None), kw.pop("milestones", None), kw.pop("total", None)
    value = (
        total if total is not None else (sum(x for x in (up, ms) if x is not None) if (up or ms) else None)
    )
    attrs = dict(
        kind="deal",
        deal=d(slug),
        deal_type=kw.pop("deal_type", "license"),
        announced=announced,
        year=int(announced[:4]) if announced else None,
        assets=[a(x) for x in assets],
        asset_labels=[G.nodes[a(x)]["label"] for x in assets],
        modalities=sorted({G.nodes[a(x)]["modality"] for x in assets if G.nodes[a(x)]["modality"]}),
        upfront_usd_m=up,
        milestones_usd_m=ms,
        total_usd_m=total,
        equity_usd_m=None,
        value_usd_m=value,
        territory=kw.pop("territory", "WORLD"),
        sources=kw.pop("sources", [f"https://example.org/{slug}"]),
        partnership=kw.pop("partnership", None),
    )
    assert not kw, kw
    G.add_edge(c(licensor), c(licensee), key=d(slug), **attrs)
    for x in assets:
        G.add_edge(c(licensee), a(x), key="licenses", kind="licenses", deal=d(slug))


def kelun_graph(xss: bool = False) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    companies = {
        "kelun-biotech": ("Kelun-Biotech", "CN"),
        "merck-co": ("Merck & Co.", "US"),
        "crescent-biopharma": ("Crescent Biopharma", "US"),
        "harbour-biomed": ("Harbour BioMed", "CN"),
        "astrazeneca": ("AstraZeneca", "GB"),
        "lonely-co": ("Lonely Co", "DE"),
    }
    for slug, (label, country) in companies.items():
        G.add_node(c(slug), kind="company", label=label, country=country)
    assets = {
        "skb264": ("SKB264", "ADC", "Phase 3"),
        "skb315": ("SKB315", "ADC", "Phase 1"),
        "skb105": ("SKB105", "ADC", None),
        "cr-001": ("CR-001", "bispecific antibody", "Phase 1"),
        "hbm7022": ("HBM7022", "bispecific antibody", "Phase 1"),
        "orphan": ("Orphan-1", None, None),
    }
    for slug, (label, modality, phase) in assets.items():
        G.add_node(a(slug), kind="asset", label=label, modality=modality, phase=phase)
    for slug in ("TACSTD2", "CLDN18", "PDCD1", "VEGFA", "ITGB6"):
        G.add_node(t(slug.lower()), kind="target", label=slug)
    for comp, asset in [
        ("kelun-biotech", "skb264"),
        ("kelun-biotech", "skb315"),
        ("kelun-biotech", "skb105"),
        ("crescent-biopharma", "cr-001"),
        ("harbour-biomed", "hbm7022"),
        ("lonely-co", "orphan"),
    ]:
        G.add_edge(c(comp), a(asset), key="develops", kind="develops")
    for asset, target in [
        ("skb264", "tacstd2"),
        ("skb315", "cldn18"),
        ("skb105", "itgb6"),
        ("cr-001", "pdcd1"),
        ("cr-001", "vegfa"),
        ("hbm7022", "cldn18"),
    ]:
        G.add_edge(a(asset), t(target), key="targets", kind="targets")
    _deal(
        G,
        "kelun-merck-skb264",
        "kelun-biotech",
        "merck-co",
        ["skb264"],
        announced="2022-05-16",
        upfront=47,
        milestones=1363,
        total=1410,
        territory="WORLD excl. GREATER_CHINA",
    )
    _deal(
        G,
        "kelun-merck-skb315",
        "kelun-biotech",
        "merck-co",
        ["skb315"],
        announced="2022-07",
        upfront=35,
        milestones=901,
        total=936,
    )
    _deal(
        G,
        "kelun-crescent-skb105",
        "kelun-biotech",
        "crescent-biopharma",
        ["skb105"],
        announced="2025-12-04",
        upfront=80,
        milestones=1250,
        partnership=f"{ID}partnership/crescent-kelun-2025",
        territory="WORLD excl. GREATER_CHINA",
    )
    _deal(
        G,
        "crescent-kelun-cr001",
        "crescent-biopharma",
        "kelun-biotech",
        ["cr-001"],
        announced="2025-12-04",
        upfront=20,
        milestones=30,
        partnership=f"{ID}partnership/crescent-kelun-2025",
        territory="GREATER_CHINA",
    )
    _deal(
        G,
        "harbour-az-hbm7022",
        "harbour-biomed",
        "astrazeneca",
        ["hbm7022"],
        announced="2023-02",
        upfront=25,
        milestones=325,
    )
    if xss:
        G.nodes[c("harbour-biomed")]["label"] = XSS_IMG
        G.nodes[a("hbm7022")]["label"] = XSS_SCRIPT
        G.nodes[c("astrazeneca")]["label"] = 'Astra"Zeneca</script><script>window.__xss=1</script>'
        G.nodes[c("astrazeneca")]["country"] = XSS_IMG
        e = G.edges[c("harbour-biomed"), c("astrazeneca"), d("harbour-az-hbm7022")]
        e["sources"] = [
            XSS_URL,
            " javascript:window.__xss=1",
            "JaVaScRiPt:window.__xss=1",
            "data:text/html,<script>window.__xss=1</script>",
            "https://example.org/ok?a=<b>&c=href",
        ]
        e["territory"] = XSS_SCRIPT + ' href="javascript:window.__xss=1"'
        e["asset_labels"] = [XSS_SCRIPT]
        e["modalities"] = [XSS_IMG]
        G.nodes[a("hbm7022")]["modality"] = XSS_IMG
    return G

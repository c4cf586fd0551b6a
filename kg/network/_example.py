"""A tiny deal graph following ``PROJECTION.md``, used by the docstring examples of this package.

Kelun-Biotech (CN) licensed SKB105 to Crescent Biopharma (US) in 2025 ($80m upfront) and SKB264 to
Merck & Co. (US) in 2022 ($47m upfront); Crescent licensed CR-001 back to Kelun (2025). SKB264 and
SKB105 are ADCs against TACSTD2 (TROP2) and ITGB6; Gilead develops Trodelvy, also against TACSTD2.
"""

from __future__ import annotations

import networkx as nx

__all__ = ["example_graph"]

ID = "https://w3id.org/dealgraph/id/"


def example_graph() -> nx.MultiDiGraph:
    """The example graph described in the module docstring.

    Examples
    --------
    >>> G = example_graph()
    >>> sorted(d["label"] for _, d in G.nodes(data=True) if d["kind"] == "company")
    ['Crescent Biopharma', 'Gilead Sciences', 'Kelun-Biotech', 'Merck & Co.']
    """
    G = nx.MultiDiGraph()
    for slug, label, country in [
        ("kelun-biotech", "Kelun-Biotech", "CN"),
        ("crescent-biopharma", "Crescent Biopharma", "US"),
        ("merck-co", "Merck & Co.", "US"),
        ("gilead-sciences", "Gilead Sciences", "US"),
    ]:
        G.add_node(ID + "company/" + slug, kind="company", label=label, country=country)
    for slug, symbol in [("tacstd2", "TACSTD2"), ("itgb6", "ITGB6"), ("pdcd1", "PDCD1")]:
        G.add_node(ID + "target/" + slug, kind="target", label=symbol)
    for slug, label, modality, target, developer in [
        ("skb264", "SKB264", "ADC", "tacstd2", "kelun-biotech"),
        ("skb105", "SKB105", "ADC", "itgb6", "kelun-biotech"),
        ("cr-001", "CR-001", "bispecific antibody", "pdcd1", "crescent-biopharma"),
        ("trodelvy", "Trodelvy", "ADC", "tacstd2", "gilead-sciences"),
    ]:
        asset = ID + "asset/" + slug
        G.add_node(asset, kind="asset", label=label, modality=modality, phase=None)
        G.add_edge(asset, ID + "target/" + target, key="targets", kind="targets")
        G.add_edge(ID + "company/" + developer, asset, key="develops", kind="develops")
    for slug, licensor, licensee, asset, announced, upfront in [
        ("kelun-merck-skb264", "kelun-biotech", "merck-co", "skb264", "2022-07-26", 47.0),
        ("kelun-crescent-skb105", "kelun-biotech", "crescent-biopharma", "skb105", "2025-06-24", 80.0),
        ("crescent-kelun-cr001", "crescent-biopharma", "kelun-biotech", "cr-001", "2025-06-24", None),
    ]:
        deal = ID + "deal/" + slug
        G.add_edge(
            ID + "company/" + licensor,
            ID + "company/" + licensee,
            key=deal,
            kind="deal",
            deal=deal,
            deal_type="license",
            announced=announced,
            year=int(announced[:4]),
            assets=[ID + "asset/" + asset],
            asset_labels=[G.nodes[ID + "asset/" + asset]["label"]],
            modalities=[G.nodes[ID + "asset/" + asset]["modality"]],
            upfront_usd_m=upfront,
            milestones_usd_m=None,
            total_usd_m=None,
            equity_usd_m=None,
            value_usd_m=upfront,
            territory="WORLD excl. GREATER_CHINA",
            sources=[],
            partnership=None,
        )
        G.add_edge(
            ID + "company/" + licensee, ID + "asset/" + asset, key="licenses", kind="licenses", deal=deal
        )
    return G

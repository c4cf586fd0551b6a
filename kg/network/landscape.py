"""The landscape of one target: the assets hitting it, who develops and licenses them, and the deals."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from kg.network._common import DealSummary, JsonRecord, deal_summary, label_of, resolve_node

__all__ = ["LandscapeAsset", "TargetLandscape", "target_landscape"]


@dataclass(frozen=True)
class LandscapeAsset(JsonRecord):
    """An asset hitting the target, with its developers, licensees (labels) and deals (most valuable
    first); ``value_usd_m`` sums the stated values of its deals."""

    asset: str
    label: str
    modality: str | None
    phase: str | None
    developers: tuple[str, ...]
    licensees: tuple[str, ...]
    deals: tuple[DealSummary, ...]
    value_usd_m: float


@dataclass(frozen=True)
class TargetLandscape(JsonRecord):
    """A target (``symbol`` is its HGNC symbol) and the assets hitting it, most deal value first."""

    target: str
    symbol: str
    assets: tuple[LandscapeAsset, ...]
    deals: int
    value_usd_m: float


def _deals_by_asset(
    G: nx.MultiDiGraph, assets: set[str], holders: Iterable[str]
) -> dict[str, list[DealSummary]]:
    """The deals naming each of ``assets``, found among the deal edges of the companies holding them.

    Each holder's edges are scanned once for all the assets, so a hub company holding many of them
    costs its degree once.
    """
    found: dict[str, dict[str, DealSummary]] = {a: {} for a in assets}
    for company in holders:
        edges = [(company, v, k, d) for _, v, k, d in G.out_edges(company, keys=True, data=True)]
        edges += [(u, company, k, d) for u, _, k, d in G.in_edges(company, keys=True, data=True)]
        for u, v, key, data in edges:
            if data.get("kind") != "deal":
                continue
            for asset in data.get("assets") or ():
                if asset in found and key not in found[asset]:
                    found[asset][key] = deal_summary(G, u, v, key, data)
    result = {}
    for asset, deals in found.items():
        ordered = sorted(deals.values(), key=lambda d: (d.announced or "", d.deal), reverse=True)
        ordered.sort(key=lambda d: -(d.value_usd_m or 0.0))
        result[asset] = ordered
    return result


def target_landscape(
    G: nx.MultiDiGraph, symbol: str, *, modalities: Iterable[str] | None = None
) -> TargetLandscape:
    """The assets hitting a target, with modality, developers, licensees and deals.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected deal graph.
    symbol : str
        The target's HGNC symbol (its label, case-insensitive) or IRI.
    modalities : iterable of str, optional
        Keep only assets of these modalities (case-insensitive).

    Returns
    -------
    TargetLandscape
        Assets by the summed value of their deals (descending), then label.

    Raises
    ------
    KeyError
        If no target has that symbol or IRI.

    Examples
    --------
    >>> from kg.network._example import example_graph
    >>> land = target_landscape(example_graph(), "tacstd2")
    >>> [(a.label, a.developers, a.licensees, a.value_usd_m) for a in land.assets]
    [('SKB264', ('Kelun-Biotech',), ('Merck & Co.',), 47.0), ('Trodelvy', ('Gilead Sciences',), (), 0.0)]
    """
    target = resolve_node(G, symbol, "target")
    wanted = None if modalities is None else {m.casefold() for m in modalities}
    hits: dict[str, tuple[set[str], set[str]]] = {}
    for asset, _, data in G.in_edges(target, data=True):
        if data.get("kind") != "targets" or asset in hits:
            continue
        if wanted is not None and str(G.nodes[asset].get("modality") or "").casefold() not in wanted:
            continue
        developers, licensees = set(), set()
        for company, _, cdata in G.in_edges(asset, data=True):
            if cdata.get("kind") == "develops":
                developers.add(company)
            elif cdata.get("kind") == "licenses":
                licensees.add(company)
        hits[asset] = (developers, licensees)
    holders = sorted(set().union(*(d | li for d, li in hits.values())))
    deals_of = _deals_by_asset(G, set(hits), holders)
    assets = []
    for asset, (developers, licensees) in hits.items():
        node = G.nodes[asset]
        deals = deals_of[asset]
        assets.append(
            LandscapeAsset(
                asset=asset,
                label=label_of(G, asset),
                modality=node.get("modality"),
                phase=node.get("phase"),
                developers=tuple(sorted(label_of(G, c) for c in developers)),
                licensees=tuple(sorted(label_of(G, c) for c in licensees)),
                deals=tuple(deals),
                value_usd_m=sum((d.value_usd_m or 0.0 for d in deals), 0.0),
            )
        )
    assets.sort(key=lambda a: (-a.value_usd_m, a.label, a.asset))
    all_deals = {d.deal: d for a in assets for d in a.deals}
    return TargetLandscape(
        target=target,
        symbol=label_of(G, target),
        assets=tuple(assets),
        deals=len(all_deals),
        value_usd_m=sum((d.value_usd_m or 0.0 for d in all_deals.values()), 0.0),
    )

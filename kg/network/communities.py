"""Clusters of companies that deal mostly with each other (Louvain on the company deal graph)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from kg.network._common import JsonRecord, label_of, shared_company_graph

__all__ = ["Community", "Count", "communities", "count_top"]

TOP = 5


@dataclass(frozen=True)
class Count(JsonRecord):
    """A name and how often it was counted."""

    name: str
    count: int


def count_top(counter: Counter, top: int = TOP) -> tuple[Count, ...]:
    """The ``top`` most counted names of ``counter``, ties by name."""
    items = sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))
    return tuple(Count(str(name), n) for name, n in items[:top])


@dataclass(frozen=True)
class Community(JsonRecord):
    """One cluster of companies.

    Attributes
    ----------
    index : 1 for the largest community, 2 for the next, ...
    members, labels : the member IRIs and labels, by label.
    central : the 5 members with the most distinct partners inside the community.
    targets, modalities : the 5 most frequent targets (HGNC symbols) and modalities over the assets of
        the deals inside the community (each deal's asset counted once).
    countries : the members' countries.
    deals, value_usd_m : how many deals join two members, and their summed stated value.
    """

    index: int
    size: int
    members: tuple[str, ...]
    labels: tuple[str, ...]
    central: tuple[Count, ...]
    targets: tuple[Count, ...]
    modalities: tuple[Count, ...]
    countries: tuple[Count, ...]
    deals: int
    value_usd_m: float


def _describe(G: nx.MultiDiGraph, H: nx.Graph, members: Iterable[str]) -> dict:
    group = set(members)
    degree: Counter = Counter()
    targets: Counter = Counter()
    modalities: Counter = Counter()
    deals = 0
    value = 0.0
    for u in group:
        for v, edge in H[u].items():
            if v not in group:
                continue
            degree[label_of(G, u)] += 1
            if u > v:  # each pair once
                continue
            deals += edge["weight"]
            value += edge["value_usd_m"]
            for key in edge["deals"]:
                data = G.edges[u, v, key] if G.has_edge(u, v, key) else G.edges[v, u, key]
                for asset in data.get("assets") or ():
                    if asset not in G:
                        continue
                    if G.nodes[asset].get("modality"):
                        modalities[G.nodes[asset]["modality"]] += 1
                    for _, target, tdata in G.out_edges(asset, data=True):
                        if tdata.get("kind") == "targets":
                            targets[label_of(G, target)] += 1
    countries = Counter(G.nodes[u].get("country") or "unknown" for u in group)
    order = sorted(group, key=lambda n: (label_of(G, n), n))
    return {
        "size": len(group),
        "members": tuple(order),
        "labels": tuple(label_of(G, n) for n in order),
        "central": count_top(degree),
        "targets": count_top(targets),
        "modalities": count_top(modalities),
        "countries": count_top(countries, top=len(countries)),
        "deals": deals,
        "value_usd_m": value,
    }


def communities(
    G: nx.MultiDiGraph, *, seed: int = 42, resolution: float = 1.0, min_size: int = 2
) -> list[Community]:
    """Louvain communities of the undirected company graph, weighted by the number of deals per pair.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected deal graph.
    seed : int
        Seed of :func:`networkx.community.louvain_communities` (same graph and seed, same answer).
    resolution : float
        Above 1 favours smaller communities, below 1 larger ones.
    min_size : int
        Smallest community returned (the default drops companies without deals).

    Returns
    -------
    list of Community
        Largest first (ties: more deals first, then by first label).

    Examples
    --------
    >>> from kg.network._example import example_graph
    >>> [c.labels for c in communities(example_graph())]
    [('Crescent Biopharma', 'Kelun-Biotech', 'Merck & Co.')]
    """
    H = shared_company_graph(G)
    found = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    described = [_describe(G, H, members) for members in found if len(members) >= min_size]
    described.sort(key=lambda c: (-c["size"], -c["deals"], c["labels"]))
    return [Community(index=i, **c) for i, c in enumerate(described, 1)]

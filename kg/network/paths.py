"""Shortest chains of deals between two companies, each step told in words."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.network._common import (
    JsonRecord,
    deal_data,
    format_usd_m,
    label_of,
    resolve_node,
    shared_company_graph,
)

__all__ = ["DealPath", "PathStep", "deal_paths", "describe_deal"]

_VERBS = {
    "option": "granted {licensee} an option on {assets}",
    "acquisition": "sold {assets} to {licensee}",
    "collaboration": "partnered with {licensee} on {assets}",
    "co-development": "co-developed {assets} with {licensee}",
    "platform": "licensed its platform for {assets} to {licensee}",
}
_DEFAULT_VERB = "licensed {assets} to {licensee}"


@dataclass(frozen=True)
class PathStep(JsonRecord):
    """One deal of a chain: from ``source`` to ``target`` in the chain's order (IRIs and labels)."""

    source: str
    target: str
    source_label: str
    target_label: str
    deal: str
    licensor: str
    licensee: str
    year: int | None
    upfront_usd_m: float | None
    value_usd_m: float | None
    text: str


@dataclass(frozen=True)
class DealPath(JsonRecord):
    """A shortest chain of deals from ``companies[0]`` to ``companies[-1]``.

    ``companies``/``labels`` list the companies in order; ``deals`` the deal IRIs between them, one per
    step; ``steps`` explain each deal in words.
    """

    companies: tuple[str, ...]
    labels: tuple[str, ...]
    deals: tuple[str, ...]
    steps: tuple[PathStep, ...]

    @property
    def length(self) -> int:
        """Number of deals in the chain."""
        return len(self.deals)


def describe_deal(licensor: str, licensee: str, data: Mapping[str, Any]) -> str:
    """One sentence for a deal, licensor first.

    Examples
    --------
    >>> describe_deal("Kelun-Biotech", "Merck & Co.", {"asset_labels": ["SKB264"], "year": 2022,
    ...     "upfront_usd_m": 47.0, "deal_type": "license"})
    'Kelun-Biotech licensed SKB264 to Merck & Co. (2022, $47m upfront)'
    >>> describe_deal("A", "B", {"asset_labels": ["X", "Y"], "total_usd_m": 1500.0})
    'A licensed X, Y to B ($1,500m total)'
    """
    assets = ", ".join(data.get("asset_labels") or ()) or "rights"
    verb = _VERBS.get(str(data.get("deal_type") or ""), _DEFAULT_VERB)
    text = f"{licensor} " + verb.format(assets=assets, licensee=licensee)
    notes = []
    if data.get("year"):
        notes.append(str(data["year"]))
    if data.get("upfront_usd_m") is not None:
        notes.append(f"{format_usd_m(data['upfront_usd_m'])} upfront")
    else:
        total = data.get("total_usd_m")
        if total is None:
            total = data.get("value_usd_m")
        if total is not None:
            notes.append(f"{format_usd_m(total)} total")
    return f"{text} ({', '.join(notes)})" if notes else text


def _step(G: nx.MultiDiGraph, u: str, v: str, key: str) -> PathStep:
    licensor, licensee, data = deal_data(G, u, v, key)
    return PathStep(
        source=u,
        target=v,
        source_label=label_of(G, u),
        target_label=label_of(G, v),
        deal=data.get("deal") or key,
        licensor=licensor,
        licensee=licensee,
        year=data.get("year"),
        upfront_usd_m=data.get("upfront_usd_m"),
        value_usd_m=data.get("value_usd_m"),
        text=describe_deal(label_of(G, licensor), label_of(G, licensee), data),
    )


def _rank(G: nx.MultiDiGraph, u: str, v: str, key: str) -> tuple[float, str]:
    # Parallel deals: the most valuable first, then by IRI.
    return -(deal_data(G, u, v, key)[2].get("value_usd_m") or 0.0), key


def _chains(G: nx.MultiDiGraph, H: nx.Graph, a: str, b: str) -> Iterator[DealPath]:
    """Every shortest chain, node paths first expanded lazily over parallel deals."""
    for nodes in nx.all_shortest_paths(H, a, b):
        hops = list(itertools.pairwise(nodes))
        choices = [sorted(H.edges[u, v]["deals"], key=functools.partial(_rank, G, u, v)) for u, v in hops]
        for keys in itertools.product(*choices):
            steps = tuple(_step(G, u, v, k) for (u, v), k in zip(hops, keys, strict=True))
            yield DealPath(
                companies=tuple(nodes),
                labels=tuple(label_of(G, n) for n in nodes),
                deals=tuple(s.deal for s in steps),
                steps=steps,
            )


def deal_paths(G: nx.MultiDiGraph, a: str, b: str, *, cap: int = 20) -> list[DealPath]:
    """All shortest chains of deals between companies ``a`` and ``b``, at most ``cap`` of them.

    Deals are followed in either direction. Parallel deals between the same two companies give
    distinct chains. Node paths come from :func:`networkx.all_shortest_paths` on the simple
    company graph and are expanded over parallel deals lazily, so the work stops at ``cap`` chains.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected deal graph.
    a, b : str
        Company IRIs or labels.
    cap : int
        Most chains returned.

    Returns
    -------
    list of DealPath
        Empty when no chain of deals joins them.

    Raises
    ------
    KeyError
        If ``a`` or ``b`` is not a node of ``G``.
    ValueError
        If ``a`` and ``b`` are the same company or ``cap`` is below 1.

    Examples
    --------
    >>> from kg.network._example import example_graph
    >>> G = example_graph()
    >>> paths = deal_paths(G, "Crescent Biopharma", "Merck & Co.")
    >>> len(paths), paths[0].labels
    (2, ('Crescent Biopharma', 'Kelun-Biotech', 'Merck & Co.'))
    >>> for step in paths[0].steps:
    ...     print(step.text)
    Kelun-Biotech licensed SKB105 to Crescent Biopharma (2025, $80m upfront)
    Kelun-Biotech licensed SKB264 to Merck & Co. (2022, $47m upfront)
    >>> deal_paths(G, "Merck & Co.", "Gilead Sciences")
    []
    """
    if cap < 1:
        raise ValueError(f"cap must be at least 1, not {cap!r}")
    a = resolve_node(G, a, "company")
    b = resolve_node(G, b, "company")
    if a == b:
        raise ValueError(f"both ends are the same company: {a!r}")
    H = shared_company_graph(G)
    try:
        return list(itertools.islice(_chains(G, H, a, b), cap))
    except nx.NetworkXNoPath:
        return []

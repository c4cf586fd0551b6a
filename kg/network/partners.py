"""Partners of a company: who it made deals with, and who it reaches through chains of deals."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import networkx as nx

from kg.network._common import (
    DealSummary,
    JsonRecord,
    deal_filter,
    deal_label,
    deal_summary,
    iter_deals,
    label_of,
    resolve_node,
)

__all__ = ["Partner", "partners"]

TARGET_LINK = "target:"


@dataclass(frozen=True)
class Partner(JsonRecord):
    """A company reached from the queried one.

    Attributes
    ----------
    company, label, country : the partner's IRI, display name and ISO country code.
    distance : number of links (deals, or shared targets with ``via_targets``) in the shortest chain.
    value_usd_m : for a direct partner the summed stated value of its deals with the company; further
        out, the summed value of the deals along ``via``.
    deals : the direct deals (distance 1 only), newest first, each with ``direction``.
    via : one shortest chain as deal IRIs (or ``"target:SYMBOL"`` for shared-target links), chosen to
        carry the most stated deal value.
    chain : the same chain as labels: ``[company, deal, company, ..., partner]``.
    """

    company: str
    label: str
    country: str | None
    distance: int
    value_usd_m: float
    deals: tuple[DealSummary, ...]
    via: tuple[str, ...]
    chain: tuple[str, ...]


def _targets_of(G: nx.MultiDiGraph, company: str, wanted: set[str] | None) -> Iterator[str]:
    """The targets hit by the assets ``company`` develops or licenses (of the wanted modalities)."""
    for _, asset, data in G.out_edges(company, data=True):
        if data.get("kind") in ("develops", "licenses") and _modality_ok(G, asset, wanted):
            for _, target, tdata in G.out_edges(asset, data=True):
                if tdata.get("kind") == "targets":
                    yield target


def _holders(G: nx.MultiDiGraph, target: str, wanted: set[str] | None) -> list[str]:
    """The companies developing or licensing an asset (of the wanted modalities) that hits ``target``."""
    holders: set[str] = set()
    for asset, _, data in G.in_edges(target, data=True):
        if data.get("kind") == "targets" and _modality_ok(G, asset, wanted):
            holders.update(
                c
                for c, _, cdata in G.in_edges(asset, data=True)
                if cdata.get("kind") in ("develops", "licenses")
            )
    return sorted(holders)


def _offer(best: dict, v: str, score: float, order: tuple[str, str], link: tuple[str, str, str]) -> None:
    """Keep for ``v`` the link carrying the most value (ties: the smaller ``order``)."""
    old = best.get(v)
    if old is None or score > old[0] or (score == old[0] and order < old[1]):
        best[v] = (score, order, link)


def _modality_ok(G: nx.MultiDiGraph, asset: str, wanted: set[str] | None) -> bool:
    return wanted is None or str(G.nodes[asset].get("modality") or "").casefold() in wanted


def partners(
    G: nx.MultiDiGraph,
    company: str,
    *,
    depth: int = 1,
    since: str | None = None,
    modalities: Iterable[str] | None = None,
    via_targets: bool = False,
    max_depth: int = 4,
) -> list[Partner]:
    """The companies linked to ``company`` by deals, directly (``depth=1``) or through chains of deals.

    Deal edges are followed in both directions (licensor and licensee alike). The search is a
    breadth-first search bounded by ``depth``: it touches only the neighbourhood it returns.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected deal graph (``PROJECTION.md``).
    company : str
        A company IRI or label (case-insensitive).
    depth : int
        How many links away to look (1 = direct partners).
    since : str, optional
        ISO date: follow only deals announced on or after it.
    modalities : iterable of str, optional
        Follow only deals involving assets of these modalities (and, with ``via_targets``, only assets
        of these modalities).
    via_targets : bool
        Also link companies whose assets (developed or licensed) hit the same target.
    max_depth : int
        Largest ``depth`` accepted.

    Returns
    -------
    list of Partner
        Ordered by distance, then value (descending), then label.

    Raises
    ------
    KeyError
        If ``company`` is neither a node nor a company label of ``G``.
    ValueError
        If ``depth`` is below 1 or above ``max_depth``, ``since`` is not an ISO date, or ``company``
        is the IRI of an asset or target.

    Examples
    --------
    >>> from kg.network._example import example_graph
    >>> G = example_graph()
    >>> [(p.label, p.distance, p.value_usd_m) for p in partners(G, "Crescent Biopharma", depth=2)]
    [('Kelun-Biotech', 1, 80.0), ('Merck & Co.', 2, 127.0)]
    >>> [(d.direction, d.assets) for d in partners(G, "Crescent Biopharma")[0].deals]
    [('out', ('CR-001',)), ('in', ('SKB105',))]
    >>> partners(G, "Merck & Co.", depth=2)[1].chain
    ('Merck & Co.', 'SKB264 (2022)', 'Kelun-Biotech', 'SKB105 (2025)', 'Crescent Biopharma')
    >>> [p.label for p in partners(G, "Merck & Co.", via_targets=True)]
    ['Kelun-Biotech', 'Gilead Sciences']
    """
    if not isinstance(depth, int) or depth < 1:
        raise ValueError(f"depth must be a positive integer, not {depth!r}")
    if depth > max_depth:
        raise ValueError(
            f"depth {depth} is above max_depth {max_depth}: chains that long reach most of the graph; "
            "pass a larger max_depth to allow it"
        )
    start = resolve_node(G, company, "company")
    keep = deal_filter(since, modalities)
    wanted = None if modalities is None else {m.casefold() for m in modalities}

    # value[v]: the most deal value carried by a shortest chain start -> v; parent[v]: its last link.
    # Each layer offers every unseen neighbour its best link; a shared target is expanded once, from the
    # best company of the layer that reaches it, so hub targets cost their size once, not per company.
    value: dict[str, float] = {start: 0.0}
    distance: dict[str, int] = {start: 0}
    parent: dict[str, tuple[str, str, str]] = {}
    expanded: set[str] = set()
    frontier = [start]
    for level in range(1, depth + 1):
        best: dict[str, tuple[float, tuple[str, str], tuple[str, str, str]]] = {}
        via_target: dict[str, tuple[float, str, str]] = {}
        for u in frontier:
            u_label = label_of(G, u)
            for v, key, data, _ in iter_deals(G, u, keep):
                if v not in distance and G.nodes[v].get("kind") == "company":
                    link_value = float(data.get("value_usd_m") or 0.0)
                    _offer(best, v, value[u] + link_value, (u_label, key), (u, key, deal_label(key, data)))
            if via_targets:
                for target in _targets_of(G, u, wanted):
                    old_t = via_target.get(target)
                    if target not in expanded and (
                        old_t is None or (-value[u], u_label) < (-old_t[0], old_t[1])
                    ):
                        via_target[target] = (value[u], u_label, u)
        for target, (score, u_label, u) in via_target.items():
            expanded.add(target)
            link = TARGET_LINK + label_of(G, target)
            for v in _holders(G, target, wanted):
                if v not in distance:
                    _offer(best, v, score, (u_label, link), (u, link, link))
        for v, (score, _, step) in best.items():
            distance[v], value[v], parent[v] = level, score, step
        frontier = sorted(best, key=lambda n: (label_of(G, n), n))
        if not frontier:
            break

    direct: dict[str, list[DealSummary]] = {}
    for other, key, data, direction in iter_deals(G, start, keep):
        licensor, licensee = (start, other) if direction == "out" else (other, start)
        direct.setdefault(other, []).append(deal_summary(G, licensor, licensee, key, data, direction))

    result = []
    for v, dist in distance.items():
        if v == start:
            continue
        via: list[str] = []
        chain: list[str] = [label_of(G, v)]
        node = v
        while node != start:
            node, link, text = parent[node]
            via.append(link)
            chain += [text, label_of(G, node)]
        deals: tuple[DealSummary, ...] = ()
        total = value[v]
        if dist == 1:
            found = direct.get(v, [])
            found.sort(key=lambda d: d.deal)
            found.sort(key=lambda d: d.announced or "", reverse=True)
            deals = tuple(found)
            total = sum((d.value_usd_m or 0.0 for d in deals), 0.0)
        result.append(
            Partner(
                company=v,
                label=label_of(G, v),
                country=G.nodes[v].get("country"),
                distance=dist,
                value_usd_m=total,
                deals=deals,
                via=tuple(reversed(via)),
                chain=tuple(reversed(chain)),
            )
        )
    result.sort(key=lambda p: (p.distance, -p.value_usd_m, p.label, p.company))
    return result

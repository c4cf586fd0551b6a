"""Pick the part of the projected deal graph a page shows (see PROJECTION.md for the graph's shape).

Every function returns a new ``networkx.MultiDiGraph`` (the input is never modified) with the same
node and edge attributes as the input, plus ``deal_value_usd_m`` on companies (the summed
``value_usd_m`` of all the company's deals in the *whole* graph) and ``graph["focus"]`` /
``graph["note"]`` where they apply.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

EdgeRef = tuple[str, str, Any]

__all__ = [
    "ViewError",
    "ego_view",
    "target_view",
    "deal_view",
    "partnership_view",
    "all_view",
    "find_node",
    "make_view",
]


class ViewError(LookupError):
    """The company, target or deal asked for is not in the graph."""


def find_node(G: nx.MultiDiGraph, key: str, kind: str | None = None) -> str:
    """Return the node keyed ``key`` (an IRI), else the one whose label matches it case-insensitively."""
    if key in G and (kind is None or G.nodes[key].get("kind") == kind):
        return key
    wanted = key.strip().casefold()
    hits = sorted(
        n
        for n, d in G.nodes(data=True)
        if (kind is None or d.get("kind") == kind) and str(d.get("label", "")).casefold() == wanted
    )
    if not hits:
        raise ViewError(f"no {kind or 'node'} {key!r} in the graph")
    return hits[0]


def _deal_edges(G: nx.MultiDiGraph) -> Iterable[tuple[str, str, Any, dict[str, Any]]]:
    for u, v, k, d in G.edges(keys=True, data=True):
        if d.get("kind") == "deal":
            yield u, v, k, d


def _company_values(G: nx.MultiDiGraph, companies: Iterable[str]) -> dict[str, float]:
    values: dict[str, float] = {}
    for c in companies:
        total = 0.0
        for edges in (G.out_edges(c, data="value_usd_m"), G.in_edges(c, data="value_usd_m")):
            for _u, _v, val in edges:
                if val:
                    total += float(val)
        values[c] = total
    return values


def _build(G: nx.MultiDiGraph, nodes: Iterable[str], edges: Iterable[EdgeRef]) -> nx.MultiDiGraph:
    """A new graph with ``nodes`` and ``edges`` (u, v, key) copied from G, endpoints added as needed."""
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    wanted = set(nodes)
    edge_list = sorted(set(edges), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for u, v, _k in edge_list:
        wanted.add(u)
        wanted.add(v)
    for n in sorted(wanted):
        H.add_node(n, **G.nodes[n])
    for u, v, k in edge_list:
        H.add_edge(u, v, key=k, **G.edges[u, v, k])
    companies = [n for n, d in H.nodes(data=True) if d.get("kind") == "company"]
    for c, val in _company_values(G, companies).items():
        H.nodes[c]["deal_value_usd_m"] = val
    return H


def _asset_context(G: nx.MultiDiGraph, assets: set[str], companies: set[str]) -> list[EdgeRef]:
    """develops/licenses edges from ``companies`` to ``assets`` and the assets' targets edges."""
    out: list[EdgeRef] = []
    for a in assets:
        for u, _v, k, d in G.in_edges(a, keys=True, data=True):
            if u in companies and d.get("kind") in ("develops", "licenses"):
                out.append((u, a, k))
        for _u, t, k, d in G.out_edges(a, keys=True, data=True):
            if d.get("kind") == "targets":
                out.append((a, t, k))
    return out


def ego_view(G: nx.MultiDiGraph, company_iri: str, depth: int = 1) -> nx.MultiDiGraph:
    """A company, the companies within ``depth`` deals of it, the deals among them, assets and targets."""
    if depth < 0:
        raise ValueError("depth must be >= 0")
    center = find_node(G, company_iri, "company")
    seen = {center}
    frontier = {center}
    for _ in range(depth):
        nxt: set[str] = set()
        for c in frontier:
            for nb in list(G.successors(c)) + list(G.predecessors(c)):
                if nb in seen or G.nodes[nb].get("kind") != "company":
                    continue
                if any(d.get("kind") == "deal" for d in G.get_edge_data(c, nb, default={}).values()) or any(
                    d.get("kind") == "deal" for d in G.get_edge_data(nb, c, default={}).values()
                ):
                    nxt.add(nb)
        seen |= nxt
        frontier = nxt
    edges: list[EdgeRef] = []
    assets: set[str] = set()
    for c in seen:
        for _u, v, k, d in G.out_edges(c, keys=True, data=True):
            if d.get("kind") == "deal" and v in seen:
                edges.append((c, v, k))
                assets.update(a for a in d.get("assets") or () if a in G)
    for _u, v, d in G.out_edges(center, data=True):
        if d.get("kind") in ("develops", "licenses"):
            assets.add(v)
    edges += _asset_context(G, assets, seen)
    H = _build(G, seen | assets, edges)
    H.graph["focus"] = center
    return H


def target_view(G: nx.MultiDiGraph, symbol: str) -> nx.MultiDiGraph:
    """A target, the assets aimed at it, their developers and licensees, and the deals for those assets."""
    target = find_node(G, symbol, "target")
    assets = {u for u, _v, d in G.in_edges(target, data=True) if d.get("kind") == "targets"}
    companies: set[str] = set()
    for a in assets:
        companies.update(
            u for u, _v, d in G.in_edges(a, data=True) if d.get("kind") in ("develops", "licenses")
        )
    edges: list[EdgeRef] = []
    for u, v, k, d in _deal_edges(G):
        if assets.intersection(d.get("assets") or ()):
            edges.append((u, v, k))
            companies.update((u, v))
    edges += _asset_context(G, assets, companies)
    H = _build(G, {target} | assets | companies, edges)
    H.graph["focus"] = target
    return H


def _deals_view(G: nx.MultiDiGraph, deal_edges: list[EdgeRef], focus: str) -> nx.MultiDiGraph:
    companies: set[str] = set()
    assets: set[str] = set()
    for u, v, k in deal_edges:
        companies.update((u, v))
        assets.update(a for a in G.edges[u, v, k].get("assets") or () if a in G)
    edges = list(deal_edges) + _asset_context(G, assets, companies)
    H = _build(G, companies | assets, edges)
    H.graph["focus"] = focus
    return H


def deal_view(G: nx.MultiDiGraph, deal_iri: str) -> nx.MultiDiGraph:
    """A deal (with the other deals of its partnership, if any): the parties, the assets and their targets."""
    found = [(u, v, k) for u, v, k, _d in _deal_edges(G) if k == deal_iri or _d.get("deal") == deal_iri]
    if not found:
        raise ViewError(f"no deal {deal_iri!r} in the graph")
    partnership = G.edges[found[0]].get("partnership")
    if partnership:
        found = [(u, v, k) for u, v, k, d in _deal_edges(G) if d.get("partnership") == partnership]
    return _deals_view(G, found, deal_iri)


def partnership_view(G: nx.MultiDiGraph, partnership_iri: str) -> nx.MultiDiGraph:
    """All the deals of one partnership (e.g. both directions of a cross-licence)."""
    found = [(u, v, k) for u, v, k, d in _deal_edges(G) if d.get("partnership") == partnership_iri]
    if not found:
        raise ViewError(f"no partnership {partnership_iri!r} in the graph")
    return _deals_view(G, found, partnership_iri)


def all_view(G: nx.MultiDiGraph, max_nodes: int = 5000) -> nx.MultiDiGraph:
    """The whole graph; above ``max_nodes`` only the highest-degree nodes (ties by IRI), noted in the page."""
    if max_nodes < 1:
        raise ValueError("max_nodes must be >= 1")
    deg = dict(G.degree())
    # targets no asset hits are vocabulary, not part of the deal network: leave them out
    nodes = [x for x in G.nodes if deg[x] > 0 or G.nodes[x].get("kind") != "target"]
    n = len(nodes)
    keep = nodes if n <= max_nodes else sorted(nodes, key=lambda x: (-deg[x], str(x)))[:max_nodes]
    keep_set = set(keep)
    edges = [(u, v, k) for u, v, k in G.edges(keys=True) if u in keep_set and v in keep_set]
    H = _build(G, keep_set, edges)
    if n > max_nodes:
        H.graph["note"] = (
            f"Showing the {max_nodes:,} most connected of {n:,} nodes "
            f"({H.number_of_edges():,} of {G.number_of_edges():,} edges)."
        )
    return H


def make_view(
    G: nx.MultiDiGraph,
    *,
    company: str | None = None,
    depth: int = 1,
    target: str | None = None,
    deal: str | None = None,
    all_nodes: bool = False,
    max_nodes: int = 5000,
) -> tuple[nx.MultiDiGraph, str]:
    """The subgraph and a page title for exactly one of company / target / deal / all_nodes (``kg view``)."""
    chosen = [x for x in (company, target, deal) if x is not None] + ([True] if all_nodes else [])
    if len(chosen) != 1:
        raise ValueError("give exactly one of company, target, deal or all_nodes")
    if company is not None:
        H = ego_view(G, company, depth)
        label = G.nodes[H.graph["focus"]].get("label") or company
        return H, f"{label}: deals within {depth} step{'s' if depth != 1 else ''}"
    if target is not None:
        H = target_view(G, target)
        return H, f"{G.nodes[H.graph['focus']].get('label') or target}: assets, developers and deals"
    if deal is not None:
        H = deal_view(G, deal)
        parties = sorted(
            {
                str(G.nodes[x].get("label") or x)
                for u, v, k in H.edges(data="kind")
                if k == "deal"
                for x in (u, v)
            }
        )
        return H, "Deal: " + " / ".join(parties)
    return all_view(G, max_nodes), "All deals"

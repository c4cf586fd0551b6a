"""Bridge companies: those whose removal splits the deal network (articulation points)."""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass

import networkx as nx

from kg.network._common import JsonRecord, iter_deals, label_of, shared_company_graph
from kg.network.centrality import Backend, betweenness, choose_backend, sample_size
from kg.network.communities import Count, count_top

__all__ = ["Bridge", "Side", "bridges", "cut_sizes"]


@dataclass(frozen=True)
class Side(JsonRecord):
    """One of the groups of companies a bridge holds together.

    ``countries``: the side's countries (most frequent first); ``companies``: up to 5 of its best
    connected members; ``licensed_to_bridge``/``licensed_from_bridge``: deals in which a member of the
    side is the licensor and the bridge the licensee, and the other way round.
    """

    size: int
    countries: tuple[Count, ...]
    companies: tuple[str, ...]
    licensed_to_bridge: int
    licensed_from_bridge: int


@dataclass(frozen=True)
class Bridge(JsonRecord):
    """A company whose removal splits its cluster into ``len(sides)`` parts.

    ``cut_off`` is the number of companies outside the largest remaining part; ``betweenness`` is its
    normalised betweenness in the company graph (``approximate`` when sampled).
    """

    company: str
    label: str
    country: str | None
    rank: int
    cut_off: int
    betweenness: float
    approximate: bool
    sides: tuple[Side, ...]
    summary: str


def cut_sizes(H: nx.Graph) -> dict[str, list[int]]:
    """For each articulation point of ``H``, the sizes of the parts (largest first) its component
    falls into without it.

    Linear time: a walk over the block-cut tree of :func:`networkx.biconnected_components`.

    Examples
    --------
    >>> sorted(cut_sizes(nx.path_graph(4)).items())
    [(1, [2, 1]), (2, [2, 1])]
    """
    cuts = set(nx.articulation_points(H))
    if not cuts:
        return {}
    T = nx.Graph()
    for i, block in enumerate(nx.biconnected_components(H)):
        T.add_node(("block", i), weight=sum(1 for n in block if n not in cuts))
        T.add_edges_from((("block", i), ("cut", n)) for n in block if n in cuts)
    for n in cuts:
        T.nodes["cut", n]["weight"] = 1
    result: dict[str, list[int]] = {}
    for part in nx.connected_components(T):
        root = min(part, key=repr)
        parent = nx.dfs_predecessors(T, root)
        order = list(nx.dfs_preorder_nodes(T, root))
        below = {t: T.nodes[t]["weight"] for t in order}
        for t in reversed(order):
            if t in parent:
                below[parent[t]] += below[t]
        total = below[root]
        for t in order:
            if t[0] != "cut":
                continue
            pieces = [below[c] for c in T[t] if parent.get(c) == t]
            if t != root:
                pieces.append(total - below[t])
            result[t[1]] = sorted(pieces, reverse=True)
    return result


def _sides(G: nx.MultiDiGraph, H: nx.Graph, v: str) -> list[Side]:
    """The parts ``H`` falls into without ``v``."""
    to_bridge: Counter = Counter()
    from_bridge: Counter = Counter()
    for other, _, _, direction in iter_deals(G, v):
        (from_bridge if direction == "out" else to_bridge)[other] += 1
    parts, seen = [], {v}
    for start in sorted(H[v], key=lambda n: (label_of(G, n), n)):
        if start in seen:
            continue
        part, stack = {start}, [start]
        while stack:  # breadth of the part, never entering v
            for w in H.adj[stack.pop()]:
                if w not in seen and w not in part:
                    part.add(w)
                    stack.append(w)
        seen |= part
        parts.append(part)
    sides = []
    for part in parts:
        best = heapq.nsmallest(5, part, key=lambda n: (-H.degree(n), label_of(G, n), n))
        sides.append(
            Side(
                size=len(part),
                countries=count_top(Counter(G.nodes[n].get("country") or "unknown" for n in part), top=10),
                companies=tuple(label_of(G, n) for n in best),
                licensed_to_bridge=sum(to_bridge[n] for n in part),
                licensed_from_bridge=sum(from_bridge[n] for n in part),
            )
        )
    sides.sort(key=lambda s: -s.size)
    return sides


def _summary(label: str, country: str | None, sides: list[Side]) -> str:
    parts = []
    for side in sides:
        countries = ", ".join(f"{c.name} {c.count}" for c in side.countries[:3])
        noun = "company" if side.size == 1 else "companies"
        parts.append(f"{side.size} {noun} [{countries}]")
    where = f" ({country})" if country else ""
    return f"{label}{where} joins " + " and ".join(parts)


def bridges(
    G: nx.MultiDiGraph,
    *,
    top: int | None = 10,
    sample: int | None = None,
    seed: int = 42,
    backend: Backend = "auto",
) -> list[Bridge]:
    """Companies whose removal splits deal clusters, most companies cut off first.

    The articulation points of the company deal graph, ranked by how many companies would be cut off
    (the sizes of the parts other than the largest once the company is removed), then by betweenness,
    then by label. Each comes with the parts it joins and their countries, e.g. Chinese licensors on
    one side and US licensees on the other.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected deal graph.
    top : int or None
        How many bridges to return (``None``: all; the sides of each are computed in linear time, so
        keep it small on large graphs).
    sample, seed, backend
        Betweenness options, as in :func:`kg.network.centrality.centrality`.

    Examples
    --------
    >>> from kg.network._example import example_graph
    >>> [b] = bridges(example_graph())
    >>> b.label, b.cut_off, b.summary
    ('Kelun-Biotech', 1, 'Kelun-Biotech (CN) joins 1 company [US 1] and 1 company [US 1]')
    """
    H = shared_company_graph(G)
    cuts = cut_sizes(H)
    if not cuts:
        return []
    k = sample_size(len(H), sample)
    between = betweenness(H, k=k, seed=seed, backend=choose_backend(H, backend))
    cut_off = {v: sum(p) - max(p) for v, p in cuts.items()}
    order = sorted(cuts, key=lambda v: (-cut_off[v], -round(between[v], 12), label_of(G, v), v))
    if top is not None:
        order = order[:top]
    result = []
    for rank, v in enumerate(order, 1):
        sides = _sides(G, H, v)
        country = G.nodes[v].get("country")
        result.append(
            Bridge(
                company=v,
                label=label_of(G, v),
                country=country,
                rank=rank,
                cut_off=cut_off[v],
                betweenness=between[v],
                approximate=k is not None,
                sides=tuple(sides),
                summary=_summary(label_of(G, v), country, sides),
            )
        )
    return result

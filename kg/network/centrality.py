"""Centrality of companies (or of every node) in the deal graph: degree, betweenness, PageRank, eigenvector.

NetworkX functions are called normally, so a NetworkX backend configured by the user takes over. When
no backend is configured and the graph is large, betweenness and PageRank run on igraph if it is
installed (``pip install dealgraph[fast]``), and so does eigenvector centrality: the same numbers
(to the convergence tolerance), 10 to 50 times faster.
"""

from __future__ import annotations

import importlib.util
import math
import random
import warnings
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from kg.network._common import JsonRecord, shared_company_graph

__all__ = [
    "IGRAPH_MIN_NODES",
    "SAMPLE_ABOVE",
    "SAMPLE_SIZE",
    "Score",
    "betweenness",
    "centrality",
    "choose_backend",
    "eigenvector",
    "pagerank",
    "rank_scores",
    "sample_size",
    "undirected_graph",
]

Metric = Literal["degree", "betweenness", "pagerank", "eigenvector"]
Backend = Literal["auto", "networkx", "igraph"]

#: From this many nodes up, ``backend="auto"`` uses igraph (when installed) for betweenness and PageRank.
IGRAPH_MIN_NODES = 2_000
#: From this many nodes up, betweenness is estimated from ``SAMPLE_SIZE`` sampled sources by default.
SAMPLE_ABOVE = 5_000
SAMPLE_SIZE = 200
# igraph counts each unordered (source, target) pair once in subset betweenness;
# NetworkX counts ordered pairs.
SUBSET_FACTOR = 2.0
_METRICS = ("degree", "betweenness", "pagerank", "eigenvector")


@dataclass(frozen=True)
class Score(JsonRecord):
    """One node's centrality.

    ``rank`` starts at 1; ``approximate`` is true when betweenness was estimated from ``sample``
    sampled sources; ``backend`` says which library computed it.
    """

    node: str
    label: str
    kind: str | None
    metric: str
    score: float
    rank: int
    approximate: bool = False
    sample: int | None = None
    backend: str = "networkx"


def undirected_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """Every node and edge of ``G`` as a simple undirected graph (``label`` and ``kind`` kept)."""
    H = nx.Graph()
    H.add_nodes_from(
        (n, {"label": d.get("label") or n, "kind": d.get("kind")}) for n, d in G.nodes(data=True)
    )
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return H


def _igraph_available() -> bool:
    return importlib.util.find_spec("igraph") is not None


def choose_backend(H: nx.Graph, backend: Backend) -> str:
    if backend == "networkx":
        return "networkx"
    if backend == "igraph":
        if not _igraph_available():
            raise ImportError("backend='igraph' needs igraph: pip install igraph")
        return "igraph"
    if backend != "auto":
        raise ValueError(f"backend must be 'auto', 'networkx' or 'igraph', not {backend!r}")
    # A NetworkX backend chosen by the user takes precedence over our own shortcut.
    if nx.config.backend_priority.algos:
        return "networkx"
    return "igraph" if len(H) >= IGRAPH_MIN_NODES and _igraph_available() else "networkx"


def _to_igraph(H: nx.Graph, weight: str | None):
    import igraph as ig

    nodes = list(H)
    index = {n: i for i, n in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in H.edges()], directed=False)
    if weight is not None:
        g.es["weight"] = [float(d.get(weight, 1.0)) for _, _, d in H.edges(data=True)]
    return g, nodes


def sample_size(n: int, sample: int | None) -> int | None:
    """The number of sampled sources betweenness uses on ``n`` nodes (``None``: exact)."""
    if sample is None:
        sample = SAMPLE_SIZE if n >= SAMPLE_ABOVE else None
    if sample is not None and sample < 2:
        raise ValueError(f"sample must be at least 2 sources, not {sample!r}")
    return None if sample is None or sample >= n else sample


def betweenness(H: nx.Graph, *, k: int | None, seed: int, backend: str) -> dict:
    """Normalised betweenness of the undirected graph ``H``, from ``k`` sampled sources (``None``: all).

    Both backends sample the same sources (``random.Random(seed).sample(list(H), k)``, as NetworkX
    does) and scale as :func:`networkx.betweenness_centrality` with ``normalized=True``.
    """
    if backend != "igraph":
        return nx.betweenness_centrality(H, k=k, normalized=True, seed=seed)
    n = len(H)
    if n < 3:
        return dict.fromkeys(H, 0.0)
    g, nodes = _to_igraph(H, None)
    if k is None:
        raw = g.betweenness(directed=False)
        # igraph counts unordered pairs; NetworkX normalises ordered pairs by (n-1)(n-2).
        return {node: 2.0 * b / ((n - 1) * (n - 2)) for node, b in zip(nodes, raw, strict=True)}
    sources = random.Random(seed).sample(nodes, k)
    index = {node: i for i, node in enumerate(nodes)}
    raw = g.betweenness(directed=False, sources=[index[s] for s in sources])
    sampled = set(sources)
    result = {}
    for node, b in zip(nodes, raw, strict=True):
        pairs = (k - 1 if node in sampled else k) * (n - 2)
        result[node] = SUBSET_FACTOR * b / pairs if pairs else 0.0
    return result


def pagerank(H: nx.Graph, *, weight: str | None, backend: str, alpha: float = 0.85) -> dict:
    """PageRank of the undirected graph ``H`` (dangling mass spread uniformly, as NetworkX does)."""
    if len(H) == 0:
        return {}
    if backend == "igraph":
        g, nodes = _to_igraph(H, weight)
        values = g.pagerank(directed=False, damping=alpha, weights="weight" if weight else None)
        return dict(zip(nodes, values, strict=True))
    try:
        return nx.pagerank(H, alpha=alpha, weight=weight)
    except ImportError:  # NetworkX's PageRank needs SciPy; the power iteration below does not.
        return _pagerank_python(H, weight=weight, alpha=alpha)


def eigenvector(H: nx.Graph, *, weight: str | None, backend: str) -> dict:
    """Eigenvector centrality of ``H``, scaled to unit Euclidean norm as NetworkX does."""
    if len(H) == 0:
        return {}
    if backend != "igraph":
        return nx.eigenvector_centrality(H, max_iter=1000, weight=weight)
    g, nodes = _to_igraph(H, weight)
    with warnings.catch_warnings():
        # igraph warns on disconnected graphs; like NetworkX it returns the principal eigenvector.
        warnings.simplefilter("ignore", RuntimeWarning)
        values = g.eigenvector_centrality(weights="weight" if weight else None)
    norm = math.sqrt(sum(x * x for x in values)) or 1.0
    return {node: x / norm for node, x in zip(nodes, values, strict=True)}


def _pagerank_python(H: nx.Graph, *, weight: str | None, alpha: float, tol: float = 1e-6) -> dict:
    n = len(H)
    strength = {u: sum(d.get(weight, 1.0) if weight else 1.0 for d in H[u].values()) for u in H}
    dangling = [u for u, s in strength.items() if s == 0]
    x = dict.fromkeys(H, 1.0 / n)
    for _ in range(1000):
        last = x
        x = dict.fromkeys(H, (1.0 - alpha) / n + alpha * sum(last[u] for u in dangling) / n)
        for u in H:
            if strength[u]:
                share = alpha * last[u] / strength[u]
                for v, d in H[u].items():
                    x[v] += share * (d.get(weight, 1.0) if weight else 1.0)
        if sum(abs(x[u] - last[u]) for u in H) < n * tol:
            return x
    raise nx.PowerIterationFailedConvergence(1000)


def centrality(
    G: nx.MultiDiGraph,
    metric: Metric = "degree",
    *,
    kind: Literal["company", "all"] = "company",
    top: int | None = 10,
    sample: int | None = None,
    seed: int = 42,
    backend: Backend = "auto",
) -> list[Score]:
    """The ``top`` most central nodes by ``metric``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The projected deal graph.
    metric : {"degree", "betweenness", "pagerank", "eigenvector"}
        Degree counts distinct partners (normalised by n - 1); betweenness counts shortest chains
        of deals through a node (hops, normalised); PageRank and eigenvector weigh partners by the
        number of deals with them.
    kind : {"company", "all"}
        ``"company"``: the undirected company-company deal graph (see ``company_graph``);
        ``"all"``: every node and edge of ``G`` (companies, assets, targets), unweighted.
    top : int or None
        How many to return (``None``: all).
    sample : int, optional
        Betweenness only: the number of sampled sources. Default: exact below 5,000 nodes, 200 above.
    seed : int
        Seed of the source sampling.
    backend : {"auto", "networkx", "igraph"}
        Library for betweenness, PageRank and eigenvector centrality. ``"auto"``: igraph from 2,000
        nodes up when installed and no NetworkX backend is configured.

    Returns
    -------
    list of Score
        By score (descending), ties by label then IRI.

    Examples
    --------
    >>> from kg.network._example import example_graph
    >>> G = example_graph()
    >>> [(s.label, s.score) for s in centrality(G, "betweenness", top=2)]
    [('Kelun-Biotech', 0.3333333333333333), ('Crescent Biopharma', 0.0)]
    >>> [(s.label, round(s.score, 3)) for s in centrality(G, "degree", top=2)]
    [('Kelun-Biotech', 0.667), ('Crescent Biopharma', 0.333)]
    """
    if metric not in _METRICS:
        raise ValueError(f"metric must be one of {', '.join(_METRICS)}, not {metric!r}")
    if kind not in ("company", "all"):
        raise ValueError(f"kind must be 'company' or 'all', not {kind!r}")
    if sample is not None and metric != "betweenness":
        raise ValueError("sample applies to betweenness only")
    if kind == "company":
        H = shared_company_graph(G)
        weight: str | None = "weight"
    else:
        H = undirected_graph(G)
        weight = None
    used = "networkx"
    k = None
    if metric == "degree":
        values = nx.degree_centrality(H) if len(H) > 1 else dict.fromkeys(H, 0.0)
    elif metric == "betweenness":
        used = choose_backend(H, backend)
        k = sample_size(len(H), sample)
        values = betweenness(H, k=k, seed=seed, backend=used)
    elif metric == "pagerank":
        used = choose_backend(H, backend)
        values = pagerank(H, weight=weight, backend=used)
    else:
        used = choose_backend(H, backend)
        values = eigenvector(H, weight=weight, backend=used)
    return rank_scores(G, values, metric=metric, top=top, approximate=k is not None, sample=k, backend=used)


def rank_scores(
    G: nx.MultiDiGraph,
    values: dict,
    *,
    metric: str,
    top: int | None,
    approximate: bool = False,
    sample: int | None = None,
    backend: str = "networkx",
) -> list[Score]:
    """Sort ``values`` (score descending, then label, then IRI) into ``Score`` records."""
    order = sorted(values, key=lambda n: (-round(values[n], 12), G.nodes[n].get("label") or n, n))
    if top is not None:
        order = order[:top]
    return [
        Score(
            node=n,
            label=G.nodes[n].get("label") or n,
            kind=G.nodes[n].get("kind"),
            metric=metric,
            score=float(values[n]),
            rank=i,
            approximate=approximate,
            sample=sample,
            backend=backend,
        )
        for i, n in enumerate(order, 1)
    ]

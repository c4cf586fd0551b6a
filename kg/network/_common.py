"""Shared pieces of the network layer: node lookup, deal filters, the company graph, deal records.

Everything here works on the typed ``MultiDiGraph`` described in ``PROJECTION.md``: nodes keyed by
IRI with ``kind`` and ``label``; company -> company edges of ``kind="deal"`` keyed by the deal IRI.
"""

from __future__ import annotations

import dataclasses
import re
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

__all__ = [
    "DealFilter",
    "DealSummary",
    "JsonRecord",
    "company_graph",
    "deal_data",
    "deal_filter",
    "deal_label",
    "deal_summary",
    "format_usd_m",
    "iter_deals",
    "label_of",
    "resolve_node",
    "shared_company_graph",
]


class JsonRecord:
    """Mixin for frozen result dataclasses: ``to_dict()`` gives a JSON-ready dict (tuples become lists)."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]


def _jsonable(value: Any) -> Any:
    if isinstance(value, JsonRecord):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class DealSummary(JsonRecord):
    """One deal as shown to a user.

    ``direction`` is set only when the deal is seen from one company (``partners``): ``"out"`` when
    that company is the licensor, ``"in"`` when it is the licensee.
    """

    deal: str
    licensor: str
    licensee: str
    licensor_label: str
    licensee_label: str
    deal_type: str | None
    assets: tuple[str, ...]
    modalities: tuple[str, ...]
    announced: str | None
    year: int | None
    upfront_usd_m: float | None
    milestones_usd_m: float | None
    value_usd_m: float | None
    territory: str | None
    direction: str | None = None


def label_of(G: nx.MultiDiGraph, node: str) -> str:
    """The display label of ``node`` (its IRI when it has none)."""
    return G.nodes[node].get("label") or node


def resolve_node(G: nx.MultiDiGraph, name: str, kind: str) -> str:
    """The node of the given ``kind`` named by ``name``: an IRI in ``G`` or a label (case-insensitive).

    Raises ``KeyError`` naming ``name`` when nothing matches and ``ValueError`` when the IRI is a node
    of another kind.
    """
    if name in G:
        found = G.nodes[name].get("kind")
        if found != kind:
            raise ValueError(f"{name!r} is a {found or 'node without kind'}, not a {kind}")
        return name
    wanted = name.casefold()
    matches = sorted(
        n
        for n, d in G.nodes(data=True)
        if d.get("kind") == kind and str(d.get("label", "")).casefold() == wanted
    )
    if not matches:
        raise KeyError(f"unknown {kind}: {name!r}")
    return matches[0]


def _date_ok(data: Mapping[str, Any], since: str) -> bool:
    announced = data.get("announced")
    if not announced:
        year = data.get("year")
        announced = str(year) if year else None
    if not announced:
        return False
    # A deal known only to the month (or year) is kept when that month could be on or after ``since``.
    return str(announced) >= since[: len(str(announced))]


DealFilter = Callable[[Mapping[str, Any]], bool]
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def deal_filter(since: str | None = None, modalities: Iterable[str] | None = None) -> DealFilter:
    """A predicate on deal-edge data: announced on/after ``since`` and involving one of ``modalities``.

    ``since`` is an ISO date ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD'); deals with no date are dropped when it
    is given. ``modalities`` are compared case-insensitively with the deal's ``modalities``.
    """
    if since is not None and (not isinstance(since, str) or not _ISO_DATE.fullmatch(since)):
        raise ValueError(f"since must be an ISO date ('YYYY-MM-DD', 'YYYY-MM' or 'YYYY'), not {since!r}")
    wanted = None if modalities is None else {m.casefold() for m in modalities}

    def keep(data: Mapping[str, Any]) -> bool:
        if data.get("kind") != "deal":
            return False
        if since is not None and not _date_ok(data, since):
            return False
        # no modality asked (the common case): no per-edge set; 1.5 s of a hub's two-hop at 300k deals
        return wanted is None or any(str(m).casefold() in wanted for m in data.get("modalities") or ())

    return keep


def iter_deals(
    G: nx.MultiDiGraph, company: str, keep: DealFilter | None = None
) -> Iterator[tuple[str, str, dict[str, Any], str]]:
    """Yield ``(other, deal_iri, data, direction)`` for each deal edge of ``company`` passing ``keep``."""
    keep = keep or deal_filter()
    for _, other, key, data in G.out_edges(company, keys=True, data=True):
        if keep(data):
            yield other, key, data, "out"
    for other, _, key, data in G.in_edges(company, keys=True, data=True):
        if keep(data):
            yield other, key, data, "in"


def deal_summary(
    G: nx.MultiDiGraph,
    licensor: str,
    licensee: str,
    key: str,
    data: Mapping[str, Any],
    direction: str | None = None,
) -> DealSummary:
    """A :class:`DealSummary` of the deal edge ``licensor -> licensee`` keyed ``key``."""
    return DealSummary(
        deal=data.get("deal") or key,
        licensor=licensor,
        licensee=licensee,
        licensor_label=label_of(G, licensor),
        licensee_label=label_of(G, licensee),
        deal_type=data.get("deal_type"),
        assets=tuple(data.get("asset_labels") or ()),
        modalities=tuple(data.get("modalities") or ()),
        announced=data.get("announced"),
        year=data.get("year"),
        upfront_usd_m=data.get("upfront_usd_m"),
        milestones_usd_m=data.get("milestones_usd_m"),
        value_usd_m=data.get("value_usd_m"),
        territory=data.get("territory"),
        direction=direction,
    )


def company_graph(
    G: nx.MultiDiGraph, *, since: str | None = None, modalities: Iterable[str] | None = None
) -> nx.Graph:
    """The undirected company-company deal graph: one edge per pair of companies that made deals.

    Every company of ``G`` is a node (with its ``label`` and ``country``); each edge has ``weight`` (the
    number of deals between the pair), ``deals`` (their IRIs, sorted) and ``value_usd_m`` (their summed
    stated value). Linear in the size of ``G``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="company", label="A")
    >>> G.add_node("b", kind="company", label="B")
    >>> G.add_edge("a", "b", key="d1", kind="deal", value_usd_m=10.0)
    'd1'
    >>> G.add_edge("b", "a", key="d2", kind="deal", value_usd_m=None)
    'd2'
    >>> H = company_graph(G)
    >>> H["a"]["b"]["weight"], H["a"]["b"]["deals"], H["a"]["b"]["value_usd_m"]
    (2, ['d1', 'd2'], 10.0)
    """
    keep = deal_filter(since, modalities)
    H = nx.Graph()
    H.add_nodes_from(
        (n, {"label": d.get("label") or n, "country": d.get("country")})
        for n, d in G.nodes(data=True)
        if d.get("kind") == "company"
    )
    for u, v, key, data in G.edges(keys=True, data=True):
        if u == v or not keep(data) or u not in H or v not in H:
            continue
        value = data.get("value_usd_m") or 0.0
        if H.has_edge(u, v):
            edge = H[u][v]
            edge["weight"] += 1
            edge["deals"].append(key)
            edge["value_usd_m"] += value
        else:
            H.add_edge(u, v, weight=1, deals=[key], value_usd_m=value)
    for _, _, edge in H.edges(data=True):
        edge["deals"].sort()
    return H


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def shared_company_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """:func:`company_graph` of ``G``, built once per ``G.graph["state"]`` when the projection sets it.

    The projection is cached per store state; a ``state`` token in ``G.graph`` (any hashable value that
    changes whenever the graph does) lets every algorithm share one company graph. Without it the
    graph is built anew. Callers must not modify the result.
    """
    state = G.graph.get("state")
    if state is None:
        return company_graph(G)
    cached = _CACHE.get(G)
    if cached is None or cached[0] != state:
        cached = (state, company_graph(G))
        _CACHE[G] = cached
    return cached[1]


def deal_data(G: nx.MultiDiGraph, u: str, v: str, key: str) -> tuple[str, str, dict[str, Any]]:
    """``(licensor, licensee, data)`` of the deal ``key`` between ``u`` and ``v`` in either direction."""
    if G.has_edge(u, v, key):
        return u, v, G.edges[u, v, key]
    return v, u, G.edges[v, u, key]


def format_usd_m(value: float) -> str:
    """``47.0 -> '$47m'``, ``1250.5 -> '$1,250.5m'``."""
    if float(value).is_integer():
        return f"${int(value):,}m"
    return f"${value:,.1f}m"


def deal_label(key: str, data: Mapping[str, Any]) -> str:
    """A short name for a deal: its assets and year, e.g. ``'SKB264 (2022)'``."""
    assets = ", ".join(data.get("asset_labels") or ()) or key.rstrip("/").rsplit("/", 1)[-1]
    year = data.get("year")
    return f"{assets} ({year})" if year else assets

"""Project the store onto a typed NetworkX MultiDiGraph with a few SELECTs (see PROJECTION.md).

Converting every triple (rdflib_to_networkx_*) makes a node of every literal: 1.3M nodes for a
world-scale graph. Only the relations analysts ask about are projected: company -deal-> company,
company -develops/licenses-> asset, asset -targets-> target. The result is cached per store state,
in memory and (for an on-disk store) as a pickle beside the database, so repeated commands on an
unchanged store do not rebuild it; any write changes the state and so invalidates the cache.
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg import answer_cache
from kg.answer_cache import add_to_league, deal_amounts, finish_league, order_partner_rows
from kg.gcpause import gc_paused
from kg.sparql import ALL_ROWS, run, to_python, with_prologue
from kg.store import write_cache

__all__ = ["project", "remember", "deal_value", "partner_rows", "company_partners", "partners_within", "league_rows"]

_MEMORY_CACHE: dict[tuple[str, str], nx.MultiDiGraph] = {}
_ADJACENCY: dict[int, tuple[nx.MultiDiGraph, dict[str, frozenset[str]]]] = {}
_CSR: dict[int, tuple[nx.MultiDiGraph, tuple[list[str], dict[str, int], Any, Any]]] = {}
CACHE_VERSION = "2"

NODES = """
SELECT ?s ?kind ?label ?country ?modality ?phase WHERE {
  { ?s a kg:Company ; rdfs:label ?label . BIND("company" AS ?kind)
    OPTIONAL { ?s kg:country/kg:code ?country } }
  UNION
  { ?s a kg:Asset ; rdfs:label ?label . BIND("asset" AS ?kind)
    OPTIONAL { ?s kg:modality/skos:prefLabel ?modality }
    OPTIONAL { ?s kg:phase/skos:prefLabel ?phase } }
  UNION
  { ?s a kg:Target ; kg:hgncSymbol ?label . BIND("target" AS ?kind) }
}
"""

DEAL_CORE = """
SELECT ?deal ?licensor ?licensee WHERE { ?deal a kg:Deal ; kg:licensor ?licensor ; kg:licensee ?licensee }
"""

# One flat query for every attribute of every deal, joined in Python: a single SELECT with ten
# OPTIONALs and a GROUP BY took 11 s at 30k deals, this one a fraction of it (benchmarks/README.md).
DEAL_FIELDS = """
SELECT ?deal ?field ?v WHERE {
  { ?deal a ?cls . ?cls rdfs:subClassOf kg:Deal ; kg:code ?v . BIND("type" AS ?field) }
  UNION { ?deal kg:announced ?v . BIND("announced" AS ?field) }
  UNION { ?deal kg:upfront/kg:usdMillions ?v . BIND("up" AS ?field) }
  UNION { ?deal kg:milestones/kg:usdMillions ?v . BIND("ms" AS ?field) }
  UNION { ?deal kg:totalValue/kg:usdMillions ?v . BIND("total" AS ?field) }
  UNION { ?deal kg:equity/kg:usdMillions ?v . BIND("eq" AS ?field) }
  UNION { ?deal kg:territory/rdfs:label ?v . BIND("territory" AS ?field) }
  UNION { ?deal kg:partOf ?v . BIND("partnership" AS ?field) }
  UNION { ?deal kg:royalties ?v . BIND("royalties" AS ?field) }
  UNION { ?deal kg:asset ?v . BIND("assets" AS ?field) }
  UNION { ?deal kg:source/kg:url ?v . BIND("sources" AS ?field) }
}
"""
_MULTI = ("assets", "sources")

LINKS = """
SELECT ?s ?kind ?o ?deal WHERE {
  { ?s kg:develops ?o . BIND("develops" AS ?kind) }
  UNION { ?deal kg:licensee ?s ; kg:asset ?o . BIND("licenses" AS ?kind) }
  UNION { ?s kg:targets ?o . BIND("targets" AS ?kind) }
}
"""


def deal_value(upfront: float | None, milestones: float | None, total: float | None,
               equity: float | None) -> float | None:
    """The stated total, else the sum of what is stated, else None (never a guess)."""
    if total is not None:
        return float(total)
    parts = [v for v in (upfront, equity, milestones) if v is not None]
    return float(sum(parts)) if parts else None


def deal_edge(deal: str, r: dict[str, Any], labels: dict[str, Any], modalities: dict[str, Any]) -> dict[str, Any]:
    """The attributes of a deal edge from its DEAL_FIELDS values, with its assets' labels and modalities."""
    assets = sorted(r.get("assets") or ())
    announced = r.get("announced")
    return {
        "kind": "deal", "deal": deal, "deal_type": r.get("type"),
        "announced": str(announced) if announced else None,
        "year": int(str(announced)[:4]) if announced else None,
        "assets": assets,
        "asset_labels": [labels.get(a, a) for a in assets],
        "modalities": sorted({m for a in assets if (m := modalities.get(a))}),
        "upfront_usd_m": r.get("up"), "milestones_usd_m": r.get("ms"), "total_usd_m": r.get("total"),
        "equity_usd_m": r.get("eq"),
        "value_usd_m": deal_value(r.get("up"), r.get("ms"), r.get("total"), r.get("eq")),
        "territory": r.get("territory"),
        "sources": sorted(r.get("sources") or ()),
        "partnership": r.get("partnership"),
        "royalties": r.get("royalties"),
    }


def add_nodes(graph: nx.MultiDiGraph, store: Any, query: str = NODES) -> None:
    """Add (or update) the nodes `query` (NODES, or NODES narrowed to some IRIs) finds."""
    for r in run(store, query, limit=ALL_ROWS).rows:
        attrs: dict[str, Any] = {"kind": r["kind"], "label": r["label"]}
        if r["kind"] == "company":
            attrs["country"] = r.get("country")
        elif r["kind"] == "asset":
            attrs["modality"] = r.get("modality")
            attrs["phase"] = r.get("phase")
        graph.add_node(r["s"], **attrs)


def deal_fields(store: Any, query: str = DEAL_FIELDS) -> dict[str, dict[str, Any]]:
    """Deal IRI -> its DEAL_FIELDS values (assets and sources as sets)."""
    fields: dict[str, dict[str, Any]] = {}
    for solution in store.query(with_prologue(query)):
        field, value = solution["field"].value, to_python(solution["v"])
        entry = fields.setdefault(solution["deal"].value, {})
        if field in _MULTI:
            entry.setdefault(field, set()).add(str(value))
        else:
            entry[field] = value
    return fields


def _build(store: Any) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    add_nodes(graph, store)
    labels = {n: d["label"] for n, d in graph.nodes(data=True)}
    modalities = {n: d.get("modality") for n, d in graph.nodes(data=True) if d["kind"] == "asset"}
    fields = deal_fields(store)
    empty: dict[str, Any] = {}
    for solution in store.query(with_prologue(DEAL_CORE)):
        deal = solution["deal"].value
        graph.add_edge(solution["licensor"].value, solution["licensee"].value, key=deal,
                       **deal_edge(deal, fields.get(deal, empty), labels, modalities))
    for r in run(store, LINKS, limit=ALL_ROWS).rows:
        if r["s"] in graph and r["o"] in graph:
            if r["kind"] == "licenses":
                graph.add_edge(r["s"], r["o"], key=f"licenses {r['deal']}", kind="licenses", deal=r["deal"])
            else:
                graph.add_edge(r["s"], r["o"], key=r["kind"], kind=r["kind"])
    graph.graph["state"] = store.state()
    return graph


def _unpickle(data: bytes) -> nx.MultiDiGraph:
    """Load the cached graph with the cyclic GC paused: unpickling 100k edge dicts otherwise triggers
    collections over and over (0.9 s against 0.27 s at 30k deals)."""
    with gc_paused():
        return pickle.loads(data)  # noqa: S301 - our own cache file, in our store folder


def _cache_file(store: Any) -> Path | None:
    root = getattr(store, "root", None)
    return Path(root) / "cache" / f"projection-v{CACHE_VERSION}-{store.state()}.pickle" if root else None


def cached_projection(store: Any) -> nx.MultiDiGraph | None:
    """The projection of the store's current state if it is already built (memory or disk), else None."""
    key = (getattr(store, "location", ""), store.state())
    if key in _MEMORY_CACHE:
        return _MEMORY_CACHE[key]
    path = _cache_file(store)
    if path is not None and path.exists():
        return project(store)
    return None


def project(store: Any, *, use_cache: bool = True) -> nx.MultiDiGraph:
    """The typed deal graph of `store`, from cache when the store has not changed since."""
    key = (getattr(store, "location", ""), store.state())
    if use_cache and key in _MEMORY_CACHE:
        return _MEMORY_CACHE[key]
    path = _cache_file(store)
    if use_cache and path is not None and path.exists():
        with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError):
            graph = _unpickle(path.read_bytes())
            _MEMORY_CACHE.clear()
            _MEMORY_CACHE[key] = graph
            return graph
    return remember(store, _build(store))


def remember(store: Any, graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Keep `graph` as the projection of the store's current state (memory, and a pickle beside an
    on-disk store): `kg build` hands over the graph it made from its records this way."""
    graph.graph["state"] = store.state()
    _MEMORY_CACHE.clear()
    _MEMORY_CACHE[(getattr(store, "location", ""), graph.graph["state"])] = graph
    path = _cache_file(store)
    if path is not None:
        write_cache(path, graph, "projection-*.pickle")
        write_answers(store, graph)
    return graph


# -- answers from the projection (no SPARQL: what `kg partners` needs, from the cached graph) ---------
def company_partners(graph: nx.MultiDiGraph) -> dict[str, frozenset[str]]:
    """Company -> the companies it has a deal with (either direction), made once per projection."""
    cached = _ADJACENCY.get(id(graph))
    if cached is not None and cached[0] is graph:
        return cached[1]
    adjacency: dict[str, set[str]] = {}
    for u, v, kind in graph.edges(data="kind"):
        if kind == "deal":
            adjacency.setdefault(u, set()).add(v)
            adjacency.setdefault(v, set()).add(u)
    frozen = {k: frozenset(v) for k, v in adjacency.items()}
    _ADJACENCY.clear()
    _ADJACENCY[id(graph)] = (graph, frozen)
    return frozen


def _company_csr(graph: nx.MultiDiGraph) -> tuple[list[str], dict[str, int], Any, Any]:
    """The company adjacency as compressed rows (names, index, indptr, indices), made once per projection."""
    import numpy as np

    cached = _CSR.get(id(graph))
    if cached is not None and cached[0] is graph:
        return cached[1]
    adjacency = company_partners(graph)
    names = sorted(adjacency)
    index = {name: i for i, name in enumerate(names)}
    lengths = np.fromiter((len(adjacency[name]) for name in names), dtype=np.int64, count=len(names))
    indptr = np.zeros(len(names) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    indices = np.fromiter((index[p] for name in names for p in adjacency[name]), dtype=np.int64,
                          count=int(indptr[-1]))
    made = (names, index, indptr, indices)
    _CSR.clear()
    _CSR[id(graph)] = (graph, made)
    return made


def partners_within(graph: nx.MultiDiGraph, company: str, depth: int = 2) -> dict[str, int]:
    """Every company within `depth` deals of `company` (its IRI), with its distance in deals.

    Breadth-first over the company adjacency as arrays: a hub's second ring at 300k deals touches
    half a million adjacency entries, which Python sets walked in 28 ms and numpy gathers in a few."""
    import numpy as np

    names, index, indptr, indices = _company_csr(graph)
    start = index.get(company)
    if start is None:
        return {}
    distance = np.full(len(names), -1, dtype=np.int64)
    distance[start] = 0
    frontier = np.array([start], dtype=np.int64)
    for step in range(1, depth + 1):
        starts, lengths = indptr[frontier], indptr[frontier + 1] - indptr[frontier]
        total = int(lengths.sum())
        if total == 0:
            break
        # positions of every frontier row's entries: each row's start, repeated, plus a running count
        first = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        reached = np.zeros(len(names), dtype=bool)
        reached[indices[first + np.arange(total)]] = True
        frontier = np.flatnonzero(reached & (distance < 0))
        distance[frontier] = step
    found = np.flatnonzero(distance > 0)
    return dict(zip([names[i] for i in found], distance[found].tolist(), strict=True))


def partner_rows(graph: nx.MultiDiGraph, company: str) -> list[dict[str, Any]]:
    """The rows of kg/queries/partners.rq for `company` (its IRI), read from the projection's deal edges."""
    rows: list[dict[str, Any]] = []
    nodes = graph.nodes
    for edges, direction in ((graph.succ, "out"), (graph.pred, "in")):
        for partner, by_key in edges[company].items():
            info = nodes[partner]
            if info.get("kind") != "company":
                continue
            for deal, e in by_key.items():
                if e.get("kind") != "deal":
                    continue
                rows.append({
                    "company": company, "partner": partner, "partnerName": info["label"],
                    "partnerCountry": info.get("country"), "deal": deal, "dealId": deal.rsplit("/", 1)[-1],
                    "type": e.get("deal_type"), "direction": direction, "announced": e.get("announced"),
                    "upfront": e.get("upfront_usd_m"), "milestones": e.get("milestones_usd_m"),
                    "total": e.get("total_usd_m"), "equity": e.get("equity_usd_m"), "territory": e.get("territory"),
                    # an empty GROUP_CONCAT comes back unbound from Oxigraph: None, not ""
                    "royalties": e.get("royalties"), "assets": "|".join(e.get("asset_labels") or []) or None,
                    "sources": "|".join(e.get("sources") or []) or None,
                })
    return order_partner_rows(rows)


def league_rows(graph: nx.MultiDiGraph, since: int | None = None) -> list[dict[str, Any]]:
    """The rows of kg/queries/league-table.rq, summed from the projection's deal edges."""
    table: dict[str, dict[str, Any]] = {}
    for licensee, name, year, up, value in _league_deals(graph):
        if since is None or (year is not None and year >= since):
            add_to_league(table, since, licensee, name, 1, up, value)
    return finish_league(table)


def _league_deals(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, int | None, float, float]]:
    """(licensee, its name, year, upfront, deal value) of every deal whose licensee is a company."""
    nodes = graph.nodes
    for _u, licensee, e in graph.edges(data=True):
        if e.get("kind") != "deal":
            continue
        info = nodes[licensee]
        if info.get("kind") == "company":
            yield (licensee, info["label"], e.get("year"), *deal_amounts(e))


def write_answers(store: Any, graph: nx.MultiDiGraph) -> None:
    """Leave the companies, their deals with each other and the league sums per licensee and year in
    the store's answer file (kg/answer_cache.py), so a fresh process answers `partners` and
    `league-table` without loading the graph. The fields are partner_rows' own, taken once per deal."""
    nodes = graph.nodes
    companies = [(node, info["label"], info.get("country")) for node, info in nodes(data=True)
                 if info.get("kind") == "company"]
    deals: list[tuple[Any, ...]] = []
    ends: list[tuple[str, str, str, str]] = []
    sums: dict[tuple[str, int | None], list[Any]] = {}  # as _league_deals counts them, in the same pass
    for licensor, licensee, deal, e in graph.edges(keys=True, data=True):
        if e.get("kind") != "deal" or nodes[licensee].get("kind") != "company":
            continue
        up, value = deal_amounts(e)
        entry = sums.setdefault((licensee, e.get("year")), [nodes[licensee]["label"], 0, 0, 0])
        entry[1] += 1
        entry[2] += up
        entry[3] += value
        if nodes[licensor].get("kind") != "company":
            continue
        deals.append((deal, deal.rsplit("/", 1)[-1], e.get("deal_type"), e.get("announced"), e.get("upfront_usd_m"),
                      e.get("milestones_usd_m"), e.get("total_usd_m"), e.get("equity_usd_m"), e.get("territory"),
                      e.get("royalties"), "|".join(e.get("asset_labels") or []) or None,
                      "|".join(e.get("sources") or []) or None))
        ends += ((licensor, licensee, deal, "out"), (licensee, licensor, deal, "in"))
    answer_cache.write(store, companies, deals, ends,
                       ((c, name, year, n, up, value) for (c, year), (name, n, up, value) in sums.items()))

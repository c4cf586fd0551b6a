"""Bring the cached projection up to date after triples are added, re-reading only what they touch.

Why: after `kg ingest` of one press release the store has a new state, and re-projecting all of it
costs as much as the first projection (8.5 s at 30k deals, 265 s at 300k, most of it decoding terms
out of RocksDB), so the analyst's next `kg partners` would wait for it. An ingest only adds triples:
the projection of the new state is the old one plus the nodes and deals those triples mention,
read back with the projection's own queries restricted to them. Anything else the triples touch
(the ontology, a vocabulary term, a source's URL) can reach any number of deals; then this gives
up and the projection is rebuilt in full. tests/network/test_incremental.py holds the result equal
to a full rebuild.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.namespaces import ID_BASE, KG
from kg.network import projection
from kg.sparql import ALL_ROWS, restricted, run, with_prologue

_DEALS = f"{ID_BASE}deal/"
_NODES = {f"{ID_BASE}company/", f"{ID_BASE}asset/", f"{ID_BASE}target/"}
_SOURCES = f"{ID_BASE}source/"
_SOURCE_URL = str(KG.url)
# past this share of the graph a full rebuild is as quick and simpler
MAX_SHARE = 0.2

NODE_LINKS = """
SELECT ?s ?kind ?o WHERE {
  { ?s kg:develops ?o . BIND("develops" AS ?kind) } UNION { ?s kg:targets ?o . BIND("targets" AS ?kind) }
  UNION { ?x kg:develops ?s . BIND("developed" AS ?kind) BIND(?x AS ?o) }
  UNION { ?x kg:targets ?s . BIND("targeted" AS ?kind) BIND(?x AS ?o) }
}
"""
CITING = "SELECT ?deal WHERE { ?deal kg:source ?src }"
DEAL_LICENSES = "SELECT ?deal ?s ?o WHERE { ?deal kg:licensee ?s ; kg:asset ?o }"


def touched(triples: Iterable[ox.Triple]) -> tuple[set[str], set[str], set[str]] | None:
    """(node IRIs, deal IRIs, source IRIs given a URL) whose projection the added triples can
    change, or None when they reach further (a class, a vocabulary term) and only a full rebuild is
    right. A deal cites a source by its URL, so a source's URL reaches every deal citing it."""
    nodes: set[str] = set()
    deals: set[str] = set()
    sources: set[str] = set()
    for t in triples:
        s = t.subject
        if not isinstance(s, ox.NamedNode):
            continue  # the blank nodes of evidence selectors: not projected
        value = s.value
        if value.startswith(_DEALS):  # the deal, or one of its parts (<deal>/upfront, <deal>/territory, ...)
            slug = value[len(_DEALS):].split("/", 1)[0]
            deals.add(_DEALS + slug)
        elif value[: value.find("/", len(ID_BASE)) + 1] in _NODES:
            nodes.add(value)
        elif value.startswith(_SOURCES):
            if t.predicate.value == _SOURCE_URL:
                sources.add(value)
        else:
            return None
    return nodes, deals, sources


def update(store: Any, graph: nx.MultiDiGraph, triples: Iterable[ox.Triple]) -> nx.MultiDiGraph | None:
    """`graph` (the projection before `triples` were added to `store`) brought up to the store's
    current state, in place; None when the change needs a full rebuild."""
    found = touched(triples)
    if found is None:
        return None
    nodes, deals, sources = found
    if sources:
        deals |= {r["deal"] for r in run(store, restricted(CITING, "src", sources), limit=ALL_ROWS).rows}
    if len(nodes) + len(deals) > MAX_SHARE * max(1, graph.number_of_nodes()):
        return None
    if nodes:
        projection.add_nodes(graph, store, restricted(projection.NODES, "s", nodes))
        assets = {n for n in nodes if graph.nodes.get(n, {}).get("kind") == "asset"}
        if assets:  # a deal edge carries its assets' labels and modalities
            deals |= {key for _u, _v, key, a in graph.edges(keys=True, data="assets") if a and assets & set(a)}
        for r in run(store, restricted(NODE_LINKS, "s", nodes), limit=ALL_ROWS).rows:
            source, target = (r["s"], r["o"]) if r["kind"] in ("develops", "targets") else (r["o"], r["s"])
            kind = {"developed": "develops", "targeted": "targets"}.get(r["kind"], r["kind"])
            if source in graph and target in graph:
                graph.add_edge(source, target, key=kind, kind=kind)
    if deals:
        _update_deals(store, graph, deals)
    graph.graph["state"] = store.state()
    return graph


def _update_deals(store: Any, graph: nx.MultiDiGraph, deals: set[str]) -> None:
    fields = projection.deal_fields(store, restricted(projection.DEAL_FIELDS, "deal", deals))
    nodes = graph.nodes
    assets = {a for entry in fields.values() for a in entry.get("assets", ()) if a in nodes}
    labels = {a: nodes[a]["label"] for a in assets if "label" in nodes[a]}
    modalities = {a: nodes[a].get("modality") for a in assets}
    for solution in store.query(with_prologue(restricted(projection.DEAL_CORE, "deal", deals))):
        deal = solution["deal"].value
        graph.add_edge(solution["licensor"].value, solution["licensee"].value, key=deal,
                       **projection.deal_edge(deal, fields.get(deal, {}), labels, modalities))
    for r in run(store, restricted(DEAL_LICENSES, "deal", deals), limit=ALL_ROWS).rows:
        if r["s"] in graph and r["o"] in graph:
            graph.add_edge(r["s"], r["o"], key=f"licenses {r['deal']}", kind="licenses", deal=r["deal"])

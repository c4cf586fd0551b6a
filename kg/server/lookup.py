"""What the pages show, read from the graph with trusted queries and bound values (no HTML here)."""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from kg.api import KnowledgeGraph
from kg.errors import UnknownNameError
from kg.names import normalise
from kg.namespaces import ID_BASE
from kg.sparql import run

SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,199}")
KINDS = ("company", "asset", "target")

COUNTS = """
SELECT (COUNT(DISTINCT ?d) AS ?deals) (COUNT(DISTINCT ?c) AS ?companies) (COUNT(DISTINCT ?a) AS ?assets)
       (COUNT(DISTINCT ?t) AS ?targets)
WHERE { { ?d a kg:Deal } UNION { ?c a kg:Company } UNION { ?a a kg:Asset } UNION { ?t a kg:Target } }
"""
ASSET = """
SELECT ?asset ?label ?modality ?phase WHERE {
  ?asset a kg:Asset ; rdfs:label ?label .
  OPTIONAL { ?asset kg:modality/skos:prefLabel ?modality } OPTIONAL { ?asset kg:phase/skos:prefLabel ?phase }
}"""
ASSET_LINKS = """
SELECT ?asset ?rel ?value ?name WHERE {
  { ?asset skos:altLabel ?value . BIND("alias" AS ?rel) }
  UNION { ?asset kg:targets/kg:hgncSymbol ?value . BIND("target" AS ?rel) }
  UNION { ?value kg:develops ?asset ; rdfs:label ?name . BIND("developer" AS ?rel) }
} ORDER BY ?rel ?value"""
ASSET_DEALS = """
SELECT ?asset ?deal ?dealId ?announced ?licensor ?licensorName ?licensee ?licenseeName ?upfront ?milestones
       ?total WHERE {
  ?deal kg:asset ?asset ; kg:code ?dealId ; kg:licensor ?licensor ; kg:licensee ?licensee .
  ?licensor rdfs:label ?licensorName . ?licensee rdfs:label ?licenseeName .
  OPTIONAL { ?deal kg:announced ?announced }
  OPTIONAL { ?deal kg:upfront/kg:usdMillions ?upfront }
  OPTIONAL { ?deal kg:milestones/kg:usdMillions ?milestones }
  OPTIONAL { ?deal kg:totalValue/kg:usdMillions ?total }
} ORDER BY DESC(?announced) ?dealId"""
TARGET = """
SELECT ?target ?symbol ?hgnc ?alias WHERE {
  ?target kg:hgncSymbol ?symbol . OPTIONAL { ?target kg:hgncId ?hgnc } OPTIONAL { ?target skos:altLabel ?alias }
}"""
DEAL_PARTIES = """
SELECT ?deal ?licensor ?licensorName ?licensee ?licenseeName WHERE {
  ?deal kg:licensor ?licensor ; kg:licensee ?licensee .
  ?licensor rdfs:label ?licensorName . ?licensee rdfs:label ?licenseeName .
} LIMIT 1"""
DEAL_ASSETS = "SELECT ?deal ?asset ?name WHERE { ?deal kg:asset ?asset . ?asset rdfs:label ?name } ORDER BY ?name"
TERMS = ("type", "announced", "upfront", "milestones", "total", "equity", "territory", "territoryText", "royalties",
         "status", "rights", "partnership")


class NotFound(Exception):
    def __init__(self, message: str, suggestions: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.suggestions = suggestions or []


def entity(kg: KnowledgeGraph, kind: str, key: str) -> str:
    """The IRI of /{kind}/{key}: the id slug (or symbol), else any name of it."""
    resolver = kg.resolver(kind)
    if SLUG.fullmatch(key):
        iri = f"{ID_BASE}{kind}/{key}"
        if iri in resolver.labels:
            return iri
    try:
        return kg.resolve(kind, key)
    except UnknownNameError as exc:
        by_label = {label: iri for iri, label in resolver.labels.items()}
        raise NotFound(str(exc), [(by_label[s], s) for s in exc.suggestions if s in by_label]) from None


def counts(kg: KnowledgeGraph) -> dict[str, Any]:
    return run(kg.store, COUNTS).rows[0]


def search(kg: KnowledgeGraph, text: str, limit: int = 50) -> dict[str, list[tuple[str, str]]]:
    """Companies, assets and targets any of whose names contains `text` (normalised)."""
    key = normalise(text)
    found: dict[str, list[tuple[str, str]]] = {}
    for kind in KINDS:
        resolver = kg.resolver(kind)
        iris = {iri for name, hits in resolver.index.items() if key and key in name for iri in hits}
        found[kind] = sorted(((iri, resolver.label(iri)) for iri in iris), key=lambda h: h[1].lower())[:limit]
    return found


def company(kg: KnowledgeGraph, iri: str) -> dict[str, Any]:
    return kg.partners(iri)


def asset(kg: KnowledgeGraph, iri: str) -> dict[str, Any]:
    bound = {"asset": ox.NamedNode(iri)}
    base = run(kg.store, ASSET, bound).rows
    info: dict[str, Any] = {"modality": None, "phase": None, **(base[0] if base else {}),
                            "aliases": [], "targets": [], "developers": []}
    for r in run(kg.store, ASSET_LINKS, bound).rows:
        if r["rel"] == "alias":
            info["aliases"].append(r["value"])
        elif r["rel"] == "target":
            info["targets"].append(r["value"])
        else:
            info["developers"].append((r["value"], r["name"]))
    return {"info": info, "deals": run(kg.store, ASSET_DEALS, bound).rows}


def target(kg: KnowledgeGraph, iri: str) -> dict[str, Any]:
    rows = run(kg.store, TARGET, {"target": ox.NamedNode(iri)}).rows
    info = {"symbol": rows[0]["symbol"] if rows else iri.rsplit("/", 1)[-1], "hgnc": rows[0]["hgnc"] if rows else None,
            "aliases": sorted({r["alias"] for r in rows if r.get("alias")})}
    return {"info": info, "rows": kg.named_rows("deals-by-target", {"target": ox.NamedNode(iri)})}


def deal(kg: KnowledgeGraph, iri: str) -> dict[str, Any] | None:
    bound = {"deal": ox.NamedNode(iri)}
    parties = run(kg.store, DEAL_PARTIES, bound).rows
    if not parties:
        return None
    rows = kg.named_rows("deal", bound)
    row = rows[0] if rows else {}
    terms = [(k, row[k]) for k in TERMS if row.get(k) not in (None, "")]
    return {"parties": parties[0], "terms": terms,
            "assets": [(r["asset"], r["name"]) for r in run(kg.store, DEAL_ASSETS, bound).rows],
            "sources": sorted(s for s in (row.get("sources") or "").split("|") if s),
            "evidence": kg.named_rows("deal-evidence", bound), "dealId": row.get("dealId") or iri}

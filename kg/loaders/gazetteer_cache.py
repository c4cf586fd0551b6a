"""The graph's names for the article reader, kept per store state beside an on-disk store.

Why: reading an article needs every company, asset and target name in the graph (the gazetteer).
Reading them out of the store took 12 s at 30k deals for each `kg ingest`, longer than the rest of
the ingest together. `kg build` leaves them from its records; an ingest carries them over to the
new state by re-reading only the entities its triples touched (the same restricted reads as the
projection's, kg/network/incremental.py). tests/loaders/test_gazetteer_cache.py holds both equal to
a full read of the store.
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.gcpause import gc_paused
from kg.namespaces import ID_BASE

VERSION = "1"
# the rows of the store, by IRI: (companies, assets, targets), each {iri: record}
Records = tuple[dict[str, Any], dict[str, Any], dict[str, Any]]

COMPANIES = """
SELECT ?c ?code ?name ?country (GROUP_CONCAT(DISTINCT ?alias; separator="\\u001f") AS ?aliases) WHERE {
  ?c a kg:Company ; rdfs:label ?name ; kg:code ?code .
  OPTIONAL { ?c kg:country/kg:code ?country } OPTIONAL { ?c skos:altLabel ?alias }
} GROUP BY ?c ?code ?name ?country
"""
ASSETS = """
SELECT ?a ?code ?name ?modality ?developer
       (GROUP_CONCAT(DISTINCT ?alias; separator="\\u001f") AS ?aliases)
       (GROUP_CONCAT(DISTINCT ?symbol; separator="\\u001f") AS ?targets) WHERE {
  ?a a kg:Asset ; rdfs:label ?name ; kg:code ?code .
  OPTIONAL { ?a kg:modality/skos:prefLabel ?modality } OPTIONAL { ?a skos:altLabel ?alias }
  OPTIONAL { ?a kg:targets/kg:hgncSymbol ?symbol }
  OPTIONAL { ?dev kg:develops ?a ; rdfs:label ?developer . FILTER NOT EXISTS { ?d kg:licensee ?dev ; kg:asset ?a } }
} GROUP BY ?a ?code ?name ?modality ?developer
"""
TARGETS = """
SELECT ?t ?symbol (GROUP_CONCAT(DISTINCT ?alias; separator="\\u001f") AS ?aliases) WHERE {
  ?t a kg:Target ; kg:hgncSymbol ?symbol . OPTIONAL { ?t skos:altLabel ?alias }
} GROUP BY ?t ?symbol
"""


def _split(value: Any) -> list[str]:
    return sorted(v for v in str(value or "").split("\x1f") if v)


def _restricted(query: str, variable: str, iris: Iterable[str] | None) -> str:
    from kg.sparql import restricted

    return query if iris is None else restricted(query, variable, iris)


def read(store: Any, only: Iterable[str] | None = None) -> Records:
    """The store's names (of the entities `only`, when given) as gazetteer records by IRI."""
    from kg.extract import AssetRecord, CompanyRecord, TargetRecord
    from kg.sparql import ALL_ROWS, run

    chosen = None if only is None else set(only)

    def pick(kind: str) -> list[str] | None:
        return None if chosen is None else [i for i in chosen if i.startswith(f"{ID_BASE}{kind}/")]

    companies: dict[str, Any] = {}
    assets: dict[str, Any] = {}
    targets: dict[str, Any] = {}
    wanted = {kind: pick(kind) for kind in ("company", "asset", "target")}
    if wanted["company"] is None or wanted["company"]:
        for r in run(store, _restricted(COMPANIES, "c", wanted["company"]), limit=ALL_ROWS).rows:
            companies[r["c"]] = CompanyRecord(name=r["name"], aliases=_split(r.get("aliases")),
                                              country=r.get("country"), id=r["code"])
    if wanted["asset"] is None or wanted["asset"]:
        rows = run(store, _restricted(ASSETS, "a", wanted["asset"]), limit=ALL_ROWS).rows
        for r in sorted(rows, key=lambda r: (r["a"], r.get("developer") or "")):  # one developer, the same each time
            if r["a"] not in assets:
                assets[r["a"]] = AssetRecord(name=r["name"], aliases=_split(r.get("aliases")),
                                             modality=r.get("modality"), targets=_split(r.get("targets")),
                                             developer=r.get("developer"), id=r["code"])
    if wanted["target"] is None or wanted["target"]:
        for r in run(store, _restricted(TARGETS, "t", wanted["target"]), limit=ALL_ROWS).rows:
            targets[r["t"]] = TargetRecord(symbol=r["symbol"], aliases=_split(r.get("aliases")))
    return companies, assets, targets


def _file(store: Any, state: str | None = None) -> Path | None:
    root = getattr(store, "root", None)
    return Path(root) / "cache" / f"gazetteer-v{VERSION}-{state or store.state()}.pickle" if root else None


def cached(store: Any) -> Records | None:
    path = _file(store)
    if path is None or not path.exists():
        return None
    # a large index is many small objects (kg.gcpause)
    with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError), gc_paused():
        return pickle.loads(path.read_bytes())  # noqa: S301 - our own cache, in our store folder
    return None


def remember(store: Any, records: Records) -> Records:
    from kg.store import write_cache

    path = _file(store)
    if path is not None:
        write_cache(path, records, "gazetteer-v*.pickle")
    return records


def records(store: Any) -> Records:
    """The store's names for its current state: from the cache, else read (and cached)."""
    found = cached(store)
    return found if found is not None else remember(store, read(store))


def carry_over(store: Any, before: Records, touched: Iterable[str]) -> Records:
    """`before` (the names of the state before an ingest) with the touched entities read again."""
    fresh = read(store, touched)
    for old, new in zip(before, fresh, strict=True):
        old.update(new)
    return remember(store, before)


def from_dataset(ds: Any, ontology: Iterable[Any]) -> Records:
    """The records `read` gives for a store built from exactly `ontology` and `ds` (what `kg build`
    leaves, so the first ingest after a build need not read every name back)."""
    from kg.extract import AssetRecord, CompanyRecord, TargetRecord
    from kg.network.from_records import _vocabulary
    from kg.rdfmap import MODALITY_TERMS, asset_iri, company_iri, target_iri

    labels, _codes = _vocabulary(ontology)
    regions = {r.code for r in ds.regions} | _country_codes()
    names = {c.id: c.name for c in ds.companies}
    companies = {company_iri(c.id).value: CompanyRecord(name=c.name, aliases=sorted(set(c.aliases)),
                                                        country=c.country if c.country in regions else None, id=c.id)
                 for c in ds.companies}
    symbols = {t.symbol for t in ds.targets}
    licensees: dict[str, set[str]] = {}
    for d in ds.deals:
        for aid in d.assets:
            licensees.setdefault(aid, set()).add(d.licensee)
    assets = {}
    for a in ds.assets:
        developer = a.developer if a.developer in names and a.developer not in licensees.get(a.id, ()) else None
        assets[asset_iri(a.id).value] = AssetRecord(
            name=a.name, aliases=sorted(set(a.aliases)),
            modality=labels.get(str(MODALITY_TERMS[a.modality])) if a.modality else None,
            targets=sorted({s for s in a.targets if s in symbols}),
            developer=names[developer] if developer else None, id=a.id)
    targets = {target_iri(t.symbol).value: TargetRecord(symbol=t.symbol, aliases=sorted(set(t.aliases)))
               for t in ds.targets}
    return companies, assets, targets


def _country_codes() -> set[str]:
    import pycountry

    return {c.alpha_2 for c in pycountry.countries} | {"XK"}

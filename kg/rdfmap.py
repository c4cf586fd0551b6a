"""Typed records into RDF triples, using only ontology terms from `kg.namespaces.KG`.

IRIs are stable (derived from ids, URLs and field names, never random), so loading the same
records twice yields the same triples and nothing is added twice.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

import pycountry
from pyoxigraph import BlankNode, Literal, NamedNode, Triple
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.namespaces import DCTERMS, ID_BASE, KG, OA
from kg.records import Asset, Company, Dataset, Deal, Evidence, Region, Source, Target

MODALITY_TERMS = {
    "ADC": KG.ADC,
    "bispecific antibody": KG.BispecificAntibody,
    "monoclonal antibody": KG.MonoclonalAntibody,
    "small molecule": KG.SmallMolecule,
    "cell therapy": KG.CellTherapy,
    "gene therapy": KG.GeneTherapy,
    "siRNA": KG.siRNA,
    "radioligand": KG.Radioligand,
    "vaccine": KG.Vaccine,
    "other": KG.OtherModality,
}
PHASE_TERMS = {
    "preclinical": KG.Preclinical,
    "phase 1": KG.Phase1,
    "phase 2": KG.Phase2,
    "phase 3": KG.Phase3,
    "filed": KG.Filed,
    "approved": KG.Approved,
}
RIGHT_TERMS = {
    "research": KG.Research,
    "develop": KG.Develop,
    "manufacture": KG.Manufacture,
    "commercialize": KG.Commercialize,
}
DEAL_CLASSES = {
    "license": KG.License,
    "option": KG.Option,
    "collaboration": KG.Collaboration,
    "co-development": KG.CoDevelopment,
    "acquisition": KG.Acquisition,
    "platform": KG.PlatformDeal,
}
# deal types after which the licensee develops the asset itself (kg:develops)
DEVELOPING_DEAL_TYPES = frozenset({"acquisition", "co-development"})
MONEY_PROPERTIES = {
    "upfront_usd_m": KG.upfront,
    "equity_usd_m": KG.equity,
    "milestones_usd_m": KG.milestones,
    "development_milestones_usd_m": KG.developmentMilestones,
    "regulatory_milestones_usd_m": KG.regulatoryMilestones,
    "sales_milestones_usd_m": KG.salesMilestones,
    "total_usd_m": KG.totalValue,
}
ORIGINAL_KEYS = {"upfront_usd_m": "upfront", "equity_usd_m": "equity", "milestones_usd_m": "milestones",
                 "total_usd_m": "total"}


def n(term: str) -> NamedNode:
    return NamedNode(str(term))


def iri(kind: str, slug: str) -> NamedNode:
    return NamedNode(f"{ID_BASE}{kind}/{slug}")


@functools.lru_cache(maxsize=1 << 18)  # entities recur in every deal that names them
def company_iri(cid: str) -> NamedNode:
    return iri("company", cid)


@functools.lru_cache(maxsize=1 << 18)  # entities recur in every deal that names them
def asset_iri(aid: str) -> NamedNode:
    return iri("asset", aid)


@functools.lru_cache(maxsize=1 << 18)  # entities recur in every deal that names them
def target_iri(symbol: str) -> NamedNode:
    return iri("target", symbol)


@functools.lru_cache(maxsize=1 << 18)  # entities recur in every deal that names them
def region_iri(code: str) -> NamedNode:
    return iri("region", code)


def deal_iri(did: str) -> NamedNode:
    return iri("deal", did)


@functools.lru_cache(maxsize=1 << 16)  # one hash per source, not per deal that cites it
def source_iri(url: str) -> NamedNode:
    return iri("source", hashlib.sha256(url.encode()).hexdigest()[:20])


TYPE, LABEL, COMMENT = n(RDF.type), n(RDFS.label), n(RDFS.comment)
ALT = n(SKOS.altLabel)


class _Terms:
    """The NamedNodes of a namespace's terms, each made once: rdflib's namespace lookup and a new
    NamedNode cost ~3 us a triple, a third of the mapping's time at 300k deals (benchmarks/README.md)."""

    def __init__(self, namespace: Any):
        self._namespace = namespace

    def __getattr__(self, name: str) -> NamedNode:
        node = NamedNode(str(getattr(self._namespace, name)))  # unknown terms still raise AttributeError
        setattr(self, name, node)
        return node


_KG, _OA, _XSD, _PROV, _DCTERMS = _Terms(KG), _Terms(OA), _Terms(XSD), _Terms(PROV), _Terms(DCTERMS)
_MODALITY_NODES = {k: n(v) for k, v in MODALITY_TERMS.items()}
_PHASE_NODES = {k: n(v) for k, v in PHASE_TERMS.items()}
_RIGHT_NODES = {k: n(v) for k, v in RIGHT_TERMS.items()}
_DEAL_CLASS_NODES = {k: n(v) for k, v in DEAL_CLASSES.items()}
_MONEY_NODES = {k: n(v) for k, v in MONEY_PROPERTIES.items()}


def _text(value: str) -> Literal:
    return Literal(value)


def _decimal(value: float) -> Literal:
    text = f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return Literal(text if "." in text else f"{text}.0", datatype=_XSD.decimal)


def _date(value: str) -> Literal:
    return Literal(value, datatype=_XSD.date if len(value) == 10 else _XSD.gYearMonth)


def country_triples() -> Iterator[Triple]:
    """Every ISO 3166-1 country as a Region, so territories can be computed in SPARQL."""
    for country in pycountry.countries:
        node = region_iri(country.alpha_2)
        yield Triple(node, TYPE, _KG.Region)
        yield Triple(node, _KG.code, _text(country.alpha_2))
        yield Triple(node, LABEL, _text(getattr(country, "common_name", None) or country.name))
    yield Triple(region_iri("XK"), TYPE, _KG.Region)
    yield Triple(region_iri("XK"), _KG.code, _text("XK"))
    yield Triple(region_iri("XK"), LABEL, _text("Kosovo"))


def region_triples(r: Region) -> Iterator[Triple]:
    node = region_iri(r.code)
    yield Triple(node, TYPE, _KG.Region)
    yield Triple(node, _KG.code, _text(r.code))
    yield Triple(node, LABEL, _text(r.name))
    for alias in r.aliases:
        yield Triple(node, ALT, _text(alias))
    for member in r.members:
        yield Triple(node, _KG.memberCountry, region_iri(member))


def target_triples(t: Target) -> Iterator[Triple]:
    node = target_iri(t.symbol)
    yield Triple(node, TYPE, _KG.Target)
    yield Triple(node, LABEL, _text(t.symbol))
    yield Triple(node, _KG.hgncSymbol, _text(t.symbol))
    if t.hgnc:
        yield Triple(node, _KG.hgncId, _text(t.hgnc))
    if t.name:
        yield Triple(node, COMMENT, _text(t.name))
    for alias in t.aliases:
        yield Triple(node, ALT, _text(alias))


def company_triples(c: Company) -> Iterator[Triple]:
    node = company_iri(c.id)
    yield Triple(node, TYPE, _KG.Company)
    yield Triple(node, LABEL, _text(c.name))
    yield Triple(node, _KG.code, _text(c.id))
    for alias in c.aliases:
        yield Triple(node, ALT, _text(alias))
    if c.country:
        yield Triple(node, _KG.country, region_iri(c.country))
    if c.parent:
        yield Triple(node, _KG.subsidiaryOf, company_iri(c.parent))
    if c.acquired_by:
        yield Triple(company_iri(c.acquired_by), _KG.acquired, node)
    for ticker in c.tickers:
        yield Triple(node, _KG.ticker, _text(ticker))
    if c.wikidata:
        yield Triple(node, _KG.wikidata, _text(c.wikidata))


def asset_triples(a: Asset) -> Iterator[Triple]:
    node = asset_iri(a.id)
    yield Triple(node, TYPE, _KG.Asset)
    yield Triple(node, LABEL, _text(a.name))
    yield Triple(node, _KG.code, _text(a.id))
    for alias in a.aliases:
        yield Triple(node, ALT, _text(alias))
    if a.modality:
        yield Triple(node, _KG.modality, _MODALITY_NODES[a.modality])
    if a.phase:
        yield Triple(node, _KG.phase, _PHASE_NODES[a.phase])
    for symbol in a.targets:
        yield Triple(node, _KG.targets, target_iri(symbol))
    if a.developer:
        yield Triple(company_iri(a.developer), _KG.develops, node)


def source_triples(s: Source) -> Iterator[Triple]:
    node = source_iri(s.url)
    yield Triple(node, TYPE, _KG.SourceDocument)
    yield Triple(node, _KG.url, Literal(s.url, datatype=_XSD.anyURI))
    host = urlsplit(s.url).hostname if s.url.startswith(("http://", "https://")) else None
    publisher = s.publisher or (host.removeprefix("www.") if host else None)
    if publisher:
        yield Triple(node, _KG.publisher, _text(publisher))
    if s.title:
        yield Triple(node, _DCTERMS.title, _text(s.title))
    if s.date:
        yield Triple(node, _DCTERMS.date, _date(s.date) if len(s.date) in (7, 10) else _text(s.date))
    if s.content_hash:
        yield Triple(node, _KG.contentHash, _text(s.content_hash))


def evidence_triples(deal: NamedNode, index: int, ev: Evidence, source: NamedNode) -> Iterator[Triple]:
    """One Web Annotation per fact; its IRI names the source and span, so two sources never collide."""
    del index  # kept for callers; the IRI no longer depends on the order
    key = hashlib.sha256(f"{source.value} {ev.field} {ev.start} {ev.end}".encode()).hexdigest()[:16]
    node = NamedNode(f"{deal.value}/evidence/{key}")
    target, position, quote = BlankNode(), BlankNode(), BlankNode()
    yield Triple(deal, _KG.evidence, node)
    yield Triple(node, TYPE, _KG.Evidence)
    yield Triple(node, _KG.field, _text(ev.field))
    yield Triple(node, _OA.hasTarget, target)
    yield Triple(target, _OA.hasSource, source)
    yield Triple(target, _OA.hasSelector, position)
    yield Triple(position, TYPE, _OA.TextPositionSelector)
    yield Triple(position, _OA.start, Literal(str(ev.start), datatype=_XSD.nonNegativeInteger))
    yield Triple(position, _OA.end, Literal(str(ev.end), datatype=_XSD.nonNegativeInteger))
    yield Triple(target, _OA.hasSelector, quote)
    yield Triple(quote, TYPE, _OA.TextQuoteSelector)
    yield Triple(quote, _OA.exact, _text(ev.quote))


def deal_triples(d: Deal, *, developers: dict[str, str | None] | None = None) -> Iterator[Triple]:
    node = deal_iri(d.id)
    licensor, licensee = company_iri(d.licensor), company_iri(d.licensee)
    yield Triple(node, TYPE, _KG.Deal)
    yield Triple(node, TYPE, _DEAL_CLASS_NODES[d.type])
    yield Triple(node, _KG.code, _text(d.id))
    yield Triple(node, _KG.licensor, licensor)
    yield Triple(node, _KG.licensee, licensee)
    # derived, so that simple graph questions need no n-ary join
    yield Triple(licensor, _KG.partnerOf, licensee)
    yield Triple(licensee, _KG.partnerOf, licensor)
    for aid in d.assets:
        yield Triple(node, _KG.asset, asset_iri(aid))
        yield Triple(licensee, _KG.licenses, asset_iri(aid))
        if d.type in DEVELOPING_DEAL_TYPES:
            yield Triple(licensee, _KG.develops, asset_iri(aid))
    if d.announced:
        yield Triple(node, _KG.announced, _date(d.announced))
        yield Triple(node, _KG.year, Literal(d.announced[:4], datatype=_XSD.integer))
    if d.assets_note:
        yield Triple(node, _KG.assetsNote, _text(d.assets_note))
    if d.partnership:
        part = iri("partnership", d.partnership)
        yield Triple(part, TYPE, _KG.Partnership)
        yield Triple(part, LABEL, _text(d.partnership))
        yield Triple(node, _KG.partOf, part)
    if d.territory:
        terr = NamedNode(f"{node.value}/territory")
        yield Triple(node, _KG.territory, terr)
        yield Triple(terr, TYPE, _KG.Territory)
        yield Triple(terr, LABEL, _text(d.territory.describe()))
        for code in d.territory.include:
            yield Triple(terr, _KG.includes, region_iri(code))
        for code in d.territory.exclude:
            yield Triple(terr, _KG.excludes, region_iri(code))
    if d.territory_text:
        yield Triple(node, _KG.territoryText, _text(d.territory_text))
    for right in d.rights:
        yield Triple(node, _KG.grantsRight, _RIGHT_NODES[right])
    for key, usd in d.money.items():
        amount = NamedNode(f"{node.value}/{key.removesuffix('_usd_m').replace('_', '-')}")
        yield Triple(node, _MONEY_NODES[key], amount)
        yield Triple(amount, TYPE, _KG.MonetaryAmount)
        yield Triple(amount, _KG.usdMillions, _decimal(usd))
        original = d.original_m.get(ORIGINAL_KEYS.get(key, "")) if d.currency else None
        yield Triple(amount, _KG.currency, _text(d.currency if d.currency and original is not None else "USD"))
        yield Triple(amount, _KG.amount, _decimal(original if original is not None else usd))
    if d.royalties:
        yield Triple(node, _KG.royalties, _text(d.royalties))
    yield Triple(node, _KG.status, _text(d.status or "active"))
    if d.notes:
        yield Triple(node, COMMENT, _text(d.notes))
    # the first source carries the evidence (provenance_triples); each source is written once
    for s in d.sources[1:]:
        yield from source_triples(s)
        yield Triple(node, _KG.source, source_iri(s.url))
        yield Triple(node, _PROV.wasDerivedFrom, source_iri(s.url))
    if d.sources:
        yield from provenance_triples(node, d.sources[0], d.evidence)


def provenance_triples(deal: NamedNode, source: Source, evidence: Iterable[Evidence]) -> Iterator[Triple]:
    """Link a deal to a source document and the spans its facts were read from (also for a deal
    already in the graph that a new article confirms)."""
    yield from source_triples(source)
    yield Triple(deal, _KG.source, source_iri(source.url))
    yield Triple(deal, _PROV.wasDerivedFrom, source_iri(source.url))
    for i, ev in enumerate(evidence):
        yield from evidence_triples(deal, i, ev, source_iri(source.url))


def dataset_triples(ds: Dataset, *, with_countries: bool = False) -> Iterator[Triple]:
    """All triples of a dataset, countries first when asked (a fresh build needs them once)."""
    if with_countries:
        yield from country_triples()
    groups: Iterable[Iterator[Triple]] = (
        *(region_triples(r) for r in ds.regions),
        *(target_triples(t) for t in ds.targets),
        *(company_triples(c) for c in ds.companies),
        *(asset_triples(a) for a in ds.assets),
        *(deal_triples(d) for d in ds.deals),
    )
    for group in groups:
        yield from group

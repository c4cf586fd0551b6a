"""Typed records into RDF triples, using only ontology terms from `kg.namespaces.KG`.

IRIs are stable (derived from ids, URLs and field names, never random), so loading the same
records twice yields the same triples and nothing is added twice.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

import pycountry
from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, parse
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


# -- N-Triples terms ------------------------------------------------------------------------------
# The mapping writes N-Triples lines, the one form both consumers take: the build hands them to
# Oxigraph's bulk loader as text, and `dataset_triples` parses them into pyoxigraph Triples for
# ingest. Making a pyoxigraph Triple for every statement and printing it again cost ~2.6 us a triple
# (3.3 s of a 30k-deal build); formatting the line directly costs a fraction of that. Every IRI is
# made through a NamedNode once (entities through the cached builders above, a deal once per deal,
# suffixes fixed), so the text is valid without the loader checking it again.
def _ref(node: NamedNode) -> str:
    return f"<{node.value}>"


@functools.lru_cache(maxsize=1 << 18)  # entities recur in every deal that names them
def _node(kind: str, slug: str) -> str:
    """The reference of a company, asset, target, region or partnership, its IRI checked once."""
    return _ref(iri(kind, slug))


@functools.lru_cache(maxsize=1 << 16)
def _source(url: str) -> str:
    return _ref(source_iri(url))


class _Refs:
    """A namespace's terms as N-Triples IRI references, each made (and checked) once."""

    def __init__(self, namespace: Any):
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        ref = _ref(NamedNode(str(getattr(self._namespace, name))))  # unknown terms still raise AttributeError
        setattr(self, name, ref)
        return ref


_KG, _OA, _XSD, _PROV, _DCTERMS = _Refs(KG), _Refs(OA), _Refs(XSD), _Refs(PROV), _Refs(DCTERMS)
TYPE, LABEL, COMMENT, ALT = (_ref(n(term)) for term in (RDF.type, RDFS.label, RDFS.comment, SKOS.altLabel))
_MODALITY_REFS = {k: _ref(n(v)) for k, v in MODALITY_TERMS.items()}
_PHASE_REFS = {k: _ref(n(v)) for k, v in PHASE_TERMS.items()}
_RIGHT_REFS = {k: _ref(n(v)) for k, v in RIGHT_TERMS.items()}
_DEAL_CLASS_REFS = {k: _ref(n(v)) for k, v in DEAL_CLASSES.items()}
_MONEY_REFS = {k: _ref(n(v)) for k, v in MONEY_PROPERTIES.items()}

# N-Triples string escapes: quote, backslash and control characters; everything else goes as UTF-8
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
_ESCAPES = {i: f"\\u{i:04X}" for i in (*range(0x20), 0x7F)} | {
    ord('"'): '\\"', ord("\\"): "\\\\", ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}


def _text(value: str) -> str:
    if _NEEDS_ESCAPE.search(value) is None:
        return f'"{value}"'
    return f'"{value.translate(_ESCAPES)}"'


def _typed(value: str, datatype: str) -> str:
    return f"{_text(value)}^^{datatype}"


def _decimal_text(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return text if "." in text else f"{text}.0"


def _decimal(value: float) -> Literal:
    """The stored kg:usdMillions literal (the projection reads amounts back through this)."""
    return Literal(_decimal_text(value), datatype=NamedNode(str(XSD.decimal)))


def _date(value: str) -> str:
    return _typed(value, _XSD.date if len(value) == 10 else _XSD.gYearMonth)


def country_lines() -> Iterator[str]:
    """Every ISO 3166-1 country as a Region, so territories can be computed in SPARQL."""
    names = [(c.alpha_2, getattr(c, "common_name", None) or c.name) for c in pycountry.countries]
    for code, name in (*names, ("XK", "Kosovo")):
        node = _node('region', code)
        yield f"{node} {TYPE} {_KG.Region} .\n"
        yield f"{node} {_KG.code} {_text(code)} .\n"
        yield f"{node} {LABEL} {_text(name)} .\n"


def region_lines(r: Region) -> Iterator[str]:
    node = _node('region', r.code)
    yield f"{node} {TYPE} {_KG.Region} .\n"
    yield f"{node} {_KG.code} {_text(r.code)} .\n"
    yield f"{node} {LABEL} {_text(r.name)} .\n"
    for alias in r.aliases:
        yield f"{node} {ALT} {_text(alias)} .\n"
    for member in r.members:
        yield f"{node} {_KG.memberCountry} {_node('region', member)} .\n"


def target_lines(t: Target) -> Iterator[str]:
    node = _node('target', t.symbol)
    yield f"{node} {TYPE} {_KG.Target} .\n"
    yield f"{node} {LABEL} {_text(t.symbol)} .\n"
    yield f"{node} {_KG.hgncSymbol} {_text(t.symbol)} .\n"
    if t.hgnc:
        yield f"{node} {_KG.hgncId} {_text(t.hgnc)} .\n"
    if t.name:
        yield f"{node} {COMMENT} {_text(t.name)} .\n"
    for alias in t.aliases:
        yield f"{node} {ALT} {_text(alias)} .\n"


def company_lines(c: Company) -> Iterator[str]:
    node = _node('company', c.id)
    yield f"{node} {TYPE} {_KG.Company} .\n"
    yield f"{node} {LABEL} {_text(c.name)} .\n"
    yield f"{node} {_KG.code} {_text(c.id)} .\n"
    for alias in c.aliases:
        yield f"{node} {ALT} {_text(alias)} .\n"
    if c.country:
        yield f"{node} {_KG.country} {_node('region', c.country)} .\n"
    if c.parent:
        yield f"{node} {_KG.subsidiaryOf} {_node('company', c.parent)} .\n"
    if c.acquired_by:
        yield f"{_node('company', c.acquired_by)} {_KG.acquired} {node} .\n"
    for ticker in c.tickers:
        yield f"{node} {_KG.ticker} {_text(ticker)} .\n"
    if c.wikidata:
        yield f"{node} {_KG.wikidata} {_text(c.wikidata)} .\n"


def asset_lines(a: Asset) -> Iterator[str]:
    node = _node('asset', a.id)
    yield f"{node} {TYPE} {_KG.Asset} .\n"
    yield f"{node} {LABEL} {_text(a.name)} .\n"
    yield f"{node} {_KG.code} {_text(a.id)} .\n"
    for alias in a.aliases:
        yield f"{node} {ALT} {_text(alias)} .\n"
    if a.modality:
        yield f"{node} {_KG.modality} {_MODALITY_REFS[a.modality]} .\n"
    if a.phase:
        yield f"{node} {_KG.phase} {_PHASE_REFS[a.phase]} .\n"
    for symbol in a.targets:
        yield f"{node} {_KG.targets} {_node('target', symbol)} .\n"
    if a.developer:
        yield f"{_node('company', a.developer)} {_KG.develops} {node} .\n"


def source_lines(s: Source) -> Iterator[str]:
    node = _source(s.url)
    yield f"{node} {TYPE} {_KG.SourceDocument} .\n"
    yield f"{node} {_KG.url} {_typed(s.url, _XSD.anyURI)} .\n"
    host = urlsplit(s.url).hostname if s.url.startswith(("http://", "https://")) else None
    publisher = s.publisher or (host.removeprefix("www.") if host else None)
    if publisher:
        yield f"{node} {_KG.publisher} {_text(publisher)} .\n"
    if s.title:
        yield f"{node} {_DCTERMS.title} {_text(s.title)} .\n"
    if s.date:
        yield f"{node} {_DCTERMS.date} {_date(s.date) if len(s.date) in (7, 10) else _text(s.date)} .\n"
    if s.content_hash:
        yield f"{node} {_KG.contentHash} {_text(s.content_hash)} .\n"


def evidence_lines(deal: str, ev: Evidence, source: str) -> Iterator[str]:
    """One Web Annotation per fact; its IRI names the source and span, so two sources never collide.

    Its selectors are blank nodes labelled from the annotation's IRI: unique across a build (so the
    bulk loader may take any chunk boundary between records), and the same annotation written twice
    is one annotation."""
    key = hashlib.sha256(f"{source[1:-1]} {ev.field} {ev.start} {ev.end}".encode()).hexdigest()[:16]
    node = f"{deal[:-1]}/evidence/{key}>"
    label = hashlib.sha256(node.encode()).hexdigest()[:24]
    target, position, quote = f"_:e{label}t", f"_:e{label}p", f"_:e{label}q"
    yield f"{deal} {_KG.evidence} {node} .\n"
    yield f"{node} {TYPE} {_KG.Evidence} .\n"
    yield f"{node} {_KG.field} {_text(ev.field)} .\n"
    yield f"{node} {_OA.hasTarget} {target} .\n"
    yield f"{target} {_OA.hasSource} {source} .\n"
    yield f"{target} {_OA.hasSelector} {position} .\n"
    yield f"{position} {TYPE} {_OA.TextPositionSelector} .\n"
    yield f"{position} {_OA.start} {_typed(str(ev.start), _XSD.nonNegativeInteger)} .\n"
    yield f"{position} {_OA.end} {_typed(str(ev.end), _XSD.nonNegativeInteger)} .\n"
    yield f"{target} {_OA.hasSelector} {quote} .\n"
    yield f"{quote} {TYPE} {_OA.TextQuoteSelector} .\n"
    yield f"{quote} {_OA.exact} {_text(ev.quote)} .\n"


def deal_lines(d: Deal) -> Iterator[str]:
    base = deal_iri(d.id).value
    node = f"<{base}>"
    licensor, licensee = _node('company', d.licensor), _node('company', d.licensee)
    yield f"{node} {TYPE} {_KG.Deal} .\n"
    yield f"{node} {TYPE} {_DEAL_CLASS_REFS[d.type]} .\n"
    yield f"{node} {_KG.code} {_text(d.id)} .\n"
    yield f"{node} {_KG.licensor} {licensor} .\n"
    yield f"{node} {_KG.licensee} {licensee} .\n"
    # derived, so that simple graph questions need no n-ary join
    yield f"{licensor} {_KG.partnerOf} {licensee} .\n"
    yield f"{licensee} {_KG.partnerOf} {licensor} .\n"
    developing = d.type in DEVELOPING_DEAL_TYPES
    for aid in d.assets:
        asset = _node('asset', aid)
        yield f"{node} {_KG.asset} {asset} .\n"
        yield f"{licensee} {_KG.licenses} {asset} .\n"
        if developing:
            yield f"{licensee} {_KG.develops} {asset} .\n"
    if d.announced:
        yield f"{node} {_KG.announced} {_date(d.announced)} .\n"
        yield f"{node} {_KG.year} {_typed(d.announced[:4], _XSD.integer)} .\n"
    if d.assets_note:
        yield f"{node} {_KG.assetsNote} {_text(d.assets_note)} .\n"
    if d.partnership:
        part = _node('partnership', d.partnership)
        yield f"{part} {TYPE} {_KG.Partnership} .\n"
        yield f"{part} {LABEL} {_text(d.partnership)} .\n"
        yield f"{node} {_KG.partOf} {part} .\n"
    if d.territory:
        terr = f"<{base}/territory>"
        yield f"{node} {_KG.territory} {terr} .\n"
        yield f"{terr} {TYPE} {_KG.Territory} .\n"
        yield f"{terr} {LABEL} {_text(d.territory.describe())} .\n"
        for code in d.territory.include:
            yield f"{terr} {_KG.includes} {_node('region', code)} .\n"
        for code in d.territory.exclude:
            yield f"{terr} {_KG.excludes} {_node('region', code)} .\n"
    if d.territory_text:
        yield f"{node} {_KG.territoryText} {_text(d.territory_text)} .\n"
    for right in d.rights:
        yield f"{node} {_KG.grantsRight} {_RIGHT_REFS[right]} .\n"
    for key, usd in d.money.items():
        amount = f"<{base}/{key.removesuffix('_usd_m').replace('_', '-')}>"
        original = d.original_m.get(ORIGINAL_KEYS.get(key, "")) if d.currency else None
        yield f"{node} {_MONEY_REFS[key]} {amount} .\n"
        yield f"{amount} {TYPE} {_KG.MonetaryAmount} .\n"
        yield f"{amount} {_KG.usdMillions} {_typed(_decimal_text(usd), _XSD.decimal)} .\n"
        currency = d.currency if d.currency and original is not None else "USD"
        yield f"{amount} {_KG.currency} {_text(currency)} .\n"
        value = original if original is not None else usd
        yield f"{amount} {_KG.amount} {_typed(_decimal_text(value), _XSD.decimal)} .\n"
    if d.royalties:
        yield f"{node} {_KG.royalties} {_text(d.royalties)} .\n"
    yield f"{node} {_KG.status} {_text(d.status or 'active')} .\n"
    if d.notes:
        yield f"{node} {COMMENT} {_text(d.notes)} .\n"
    # the first source carries the evidence (provenance_lines); each source is written once
    for s in d.sources[1:]:
        yield from source_lines(s)
        yield f"{node} {_KG.source} {_source(s.url)} .\n"
        yield f"{node} {_PROV.wasDerivedFrom} {_source(s.url)} .\n"
    if d.sources:
        yield from provenance_lines(node, d.sources[0], d.evidence)


def provenance_lines(deal: str, source: Source, evidence: Iterable[Evidence]) -> Iterator[str]:
    """Link a deal to a source document and the spans its facts were read from (also for a deal
    already in the graph that a new article confirms)."""
    yield from source_lines(source)
    ref = _source(source.url)
    yield f"{deal} {_KG.source} {ref} .\n"
    yield f"{deal} {_PROV.wasDerivedFrom} {ref} .\n"
    for ev in evidence:
        yield from evidence_lines(deal, ev, ref)


def _record_lines(ds: Dataset, with_countries: bool) -> Iterator[Iterator[str]]:
    """The dataset's lines, a record at a time (every blank node stays inside its record's lines)."""
    if with_countries:
        yield country_lines()
    yield from (region_lines(r) for r in ds.regions)
    yield from (target_lines(t) for t in ds.targets)
    yield from (company_lines(c) for c in ds.companies)
    yield from (asset_lines(a) for a in ds.assets)
    yield from (deal_lines(d) for d in ds.deals)


CHUNK_LINES = 100_000


def dataset_ntriples(ds: Dataset, *, with_countries: bool = False, chunk: int = CHUNK_LINES) -> Iterator[bytes]:
    """The dataset as N-Triples documents of about `chunk` lines each, cut only between records; their
    blank node labels are unique across documents (see `kg.store.bulk_load_ntriples`)."""
    lines: list[str] = []
    for record in _record_lines(ds, with_countries):
        lines += record
        if len(lines) >= chunk:
            yield "".join(lines).encode()
            lines = []
    if lines:
        yield "".join(lines).encode()


def parse_ntriples(text: bytes) -> Iterator[Triple]:
    return (quad.triple for quad in parse(text, format=RdfFormat.N_TRIPLES))


def dataset_triples(ds: Dataset, *, with_countries: bool = False) -> Iterator[Triple]:
    """All triples of a dataset, countries first when asked (a fresh build needs them once)."""
    for text in dataset_ntriples(ds, with_countries=with_countries):
        yield from parse_ntriples(text)


def provenance_triples(deal: NamedNode, source: Source, evidence: Iterable[Evidence]) -> Iterator[Triple]:
    return parse_ntriples("".join(provenance_lines(_ref(deal), source, evidence)).encode())

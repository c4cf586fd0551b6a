"""News articles and press releases into deals, every fact traced to the text it was read from.

The extractor (kg.extract) reads the text against a gazetteer of the graph's own names; this
module turns its result into the common records with provenance: a SourceDocument (file URI,
title, date where the text gives one, content hash) and, for each deal, one Evidence span per
field (W3C Web Annotation text position and quote selectors, see kg.rdfmap). Deal ids derive from
the text's hash, so ingesting the same text again adds nothing twice.
"""

from __future__ import annotations

import hashlib
import re
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.names import slugify
from kg.records import MODALITIES, Asset, Company, Dataset, Deal, Evidence, Source, Target, Territory

if TYPE_CHECKING:
    from kg.api import KnowledgeGraph
    from kg.checks import Known
    from kg.extract import Extraction, Gazetteer

MAX_TEXT_BYTES = 5 * 1024 * 1024
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_PATTERNS = (
    re.compile(r"\b(20\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b"),
    re.compile(rf"\b({_MONTHS})\.? (\d{{1,2}}), (20\d\d)\b"),
    re.compile(rf"\b(\d{{1,2}}) ({_MONTHS}) (20\d\d)\b"),
)


def read_text(name: str | Path) -> str:
    """A text file (or '-' for stdin) as UTF-8; one-line InputError for missing, huge, binary or non-UTF-8 input."""
    label = str(name)
    if label == "-":
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    else:
        path = Path(name)
        if not path.exists():
            raise InputError(f"{label}: no such file")
        if path.is_dir():
            raise InputError(f"{label}: is a folder, not a text file")
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_TEXT_BYTES + 1)
        except OSError as exc:
            raise InputError(f"{label}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"{label}: over the {MAX_TEXT_BYTES // (1024 * 1024)} MB limit for an article")
    if b"\x00" in data:
        raise InputError(f"{label}: binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{label}: not UTF-8 text (byte {exc.start})") from None


def text_date(text: str) -> str | None:
    """The first full date in the opening of the text, as YYYY-MM-DD (a dateline), else None."""
    head = text[:1500]
    months = {m: i for i, m in enumerate(_MONTHS.split("|"), 1)}
    found: list[tuple[int, str]] = []
    for pattern in _DATE_PATTERNS:
        m = pattern.search(head)
        if not m:
            continue
        g = m.groups()
        if g[0].isdigit() and len(g[0]) == 4:
            iso = f"{g[0]}-{g[1]}-{g[2]}"
        elif g[0] in months:
            iso = f"{g[2]}-{months[g[0]]:02d}-{int(g[1]):02d}"
        else:
            iso = f"{g[2]}-{months[g[1]]:02d}-{int(g[0]):02d}"
        found.append((m.start(), iso))
    return min(found)[1] if found else None


def title_of(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:300]
    return None


# -- gazetteer from the graph ---------------------------------------------------------------------
def gazetteer_from_store(store: Any) -> Gazetteer:
    """The graph's own names (cached per store state, kg/loaders/gazetteer_cache.py) plus the
    bundled data's, so an empty or partial graph still recognises the market."""
    from kg.extract import Gazetteer
    from kg.loaders import gazetteer_cache

    by_iri = gazetteer_cache.records(store)
    companies = sorted(by_iri[0].values(), key=lambda c: c.id or c.name)
    assets = {a.id: a for a in sorted(by_iri[1].values(), key=lambda a: a.id or a.name)}
    targets = sorted(by_iri[2].values(), key=lambda t: t.symbol)
    bundled = _bundled_records()
    have = {c.id for c in companies}
    companies += [c for c in bundled[0] if c.id not in have]
    for a in bundled[1]:
        assets.setdefault(a.id or a.name, a)
    have_targets = {t.symbol for t in targets}
    targets += [t for t in bundled[2] if t.symbol not in have_targets]
    return Gazetteer(companies=companies, assets=list(assets.values()), targets=targets)


@cache
def _bundled_records() -> tuple[list[Any], list[Any], list[Any]]:
    gaz = _bundled_gazetteer()
    return list(gaz.companies), list(gaz.assets), list(gaz.targets)


@cache
def _bundled_gazetteer() -> Gazetteer:
    from kg.extract import Gazetteer
    from kg.resources import data_dir

    return Gazetteer.from_data_dir(data_dir())


def gazetteer_for(store_location: str | None) -> Gazetteer:
    """The graph's names when a store exists (so ingested companies count), else the bundled data's."""
    import os

    from kg.store import DB, DiskStore, open_store

    location = store_location or os.environ.get("KG_STORE") or ".kg"
    if location.startswith(("http://", "https://")) or location == ":memory:":
        store = open_store(location)
        return gazetteer_from_store(store) if not store.is_empty() else _bundled_gazetteer()
    # look before opening: extract never creates a store folder in the working directory
    if (Path(location).expanduser() / DB / "CURRENT").exists():
        return gazetteer_from_store(DiskStore(location))
    return _bundled_gazetteer()


def extract_file(name: str, *, store_location: str | None = None) -> Extraction:
    from kg.extract import extract

    text = read_text(name)
    return extract(text, gazetteer_for(store_location), source=name)


# -- records for the store -------------------------------------------------------------------------
def _deal_id(licensor: str, licensee: str, assets: list[str], digest: str, index: int) -> str:
    subject = assets[0] if assets else "deal"
    return slugify(f"{licensor}-{licensee}-{subject}")[:80] + f"-{digest[:8]}{index}"


def to_dataset(extraction: Extraction, text: str, source_uri: str, known: Known, kg: KnowledgeGraph) -> Dataset:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    date = text_date(text)
    source = Source(url=source_uri, title=title_of(text), date=date, content_hash=digest)
    ds = Dataset()
    company_ids: dict[str, str] = {}
    for c in extraction.companies:
        company_ids[c.name] = _company_id(kg, c.name)
        if company_ids[c.name] not in known.companies:
            ds.companies.append(Company(id=company_ids[c.name], name=c.name, country=c.country))
    asset_ids: dict[str, str] = {}
    for a in extraction.assets:
        aid = _asset_id(kg, a.name)
        if aid is None:
            if a.modality not in MODALITIES:
                continue  # an asset whose modality the text does not give is named in the deal's note only
            aid = slugify(a.name)
            developer = company_ids.get(a.developer or "")
            ds.assets.append(Asset(id=aid, name=a.name, modality=a.modality, targets=tuple(a.targets),
                                   developer=developer))
            for symbol in a.targets:
                if symbol not in known.targets and symbol not in {t.symbol for t in ds.targets}:
                    ds.targets.append(Target(symbol=symbol))
        asset_ids[a.name] = aid
    for i, d in enumerate(extraction.deals):
        licensor, licensee = d.licensor, d.licensee
        if d.parties and len(d.parties) == 2:
            if licensee and not licensor:
                licensor = next(p for p in d.parties if p != licensee)
            elif licensor and not licensee:
                licensee = next(p for p in d.parties if p != licensor)
        if not licensor or not licensee:
            continue  # a deal whose direction the text does not give cannot be stored as rights
        for name in (licensor, licensee):
            if name not in company_ids:
                company_ids[name] = _company_id(kg, name)
                if company_ids[name] not in known.companies:
                    ds.companies.append(Company(id=company_ids[name], name=name))
        stored = [asset_ids[a] for a in d.assets if a in asset_ids]
        unnamed = [a for a in d.assets if a not in asset_ids]
        money = {k: float(v) for k in ("upfront_usd_m", "milestones_usd_m", "total_usd_m", "equity_usd_m")
                 if (v := getattr(d, k)) is not None}
        currency = None
        original: dict[str, float] = {}
        for key, om in d.original_money.items():
            currency = om.currency
            original[key.removesuffix("_usd_m")] = float(om.amount_m)
        evidence = [Evidence(field=f, start=s, end=e, quote=text[s:e]) for f, (s, e) in sorted(d.evidence_for.items())]
        evidence += [Evidence(field="deal", start=s, end=e, quote=text[s:e]) for s, e in d.evidence]
        territory = (Territory(include=tuple(d.territory.include), exclude=tuple(d.territory.exclude))
                     if d.territory and d.territory.include else None)
        ds.deals.append(Deal(
            id=_deal_id(company_ids[licensor], company_ids[licensee], stored, digest, i),
            licensor=company_ids[licensor], licensee=company_ids[licensee],
            type=d.deal_type if d.deal_type in ("license", "option", "collaboration", "co-development",
                                                "acquisition", "platform") else "license",
            announced=date, assets=tuple(stored),
            assets_note=("named in the text: " + ", ".join(unnamed)) if unnamed else None,
            territory=territory, money=money, currency=currency if original else None, original_m=original,
            royalties="yes" if d.royalties else None, sources=(source,), evidence=tuple(evidence),
        ))
    return ds


def _company_id(kg: KnowledgeGraph, name: str) -> str:
    from kg.errors import DealgraphError

    try:
        return kg.resolve("company", name).rsplit("/", 1)[-1]
    except DealgraphError:
        return slugify(name)


def _asset_id(kg: KnowledgeGraph, name: str) -> str | None:
    from kg.errors import DealgraphError

    try:
        return kg.resolve("asset", name).rsplit("/", 1)[-1]
    except DealgraphError:
        return None


def already_ingested(kg: KnowledgeGraph, digest: str) -> bool:
    import pyoxigraph as ox

    from kg.sparql import run

    rows = run(kg.store, "SELECT ?hash ?d WHERE { ?d kg:contentHash ?hash } LIMIT 1", {"hash": ox.Literal(digest)})
    return bool(rows.rows)


def load_article(kg: KnowledgeGraph, path: Path, known: Known) -> Dataset:
    from kg.extract import extract

    text = read_text(path)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if already_ingested(kg, digest):
        return Dataset()
    extraction = extract(text, gazetteer_from_store(kg.store), source=str(path))
    return to_dataset(extraction, text, Path(path).resolve().as_uri(), known, kg)

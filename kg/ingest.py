"""Turn files of any supported kind into one checked batch of triples for the store.

All files are read and checked before anything is written, so a bad file among many leaves the
store as it was. Records already in the store (same deal id, entity id or source text) are skipped,
so ingesting the same file twice adds nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.checks import check_dataset
from kg.errors import InputError, UnknownNameError, ValidationError
from kg.loaders.curated import load_file
from kg.loaders.rdf import is_rdf, read_rdf
from kg.loaders.tables import load_csv
from kg.rdfmap import dataset_triples
from kg.records import Dataset, Deal

if TYPE_CHECKING:
    from kg.api import KnowledgeGraph

TEXT_SUFFIXES = {".txt", ".text", ".md"}


@dataclass
class Batch:
    triples: list[ox.Triple] = field(default_factory=list)
    deals_added: list[str] = field(default_factory=list)
    matched: list[dict[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    extra: list[ox.Triple] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"files": self.files, "deals_added": self.deals_added, "matched": self.matched,
                "skipped": self.skipped, "triples": len(self.triples)}


def expand(paths: list[Path]) -> list[Path]:
    """Files as given, folders as their supported files (sorted)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and kind_of(p) is not None)
        elif path.exists():
            out.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return out


def kind_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".csv":
        return "csv"
    if is_rdf(path):
        return "rdf"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return None


def _resolve_refs(kg: KnowledgeGraph, ds: Dataset, known_companies: set[str], known_assets: set[str]) -> Dataset:
    """Let users' files name companies and assets by name as well as by id."""
    local_companies = {c.id for c in ds.companies} | known_companies
    local_assets = {a.id for a in ds.assets} | known_assets

    def ref_id(kind: str, local: set[str], ref: str) -> str:
        if ref in local:
            return ref
        try:
            return kg.resolve(kind, ref).rsplit("/", 1)[-1]
        except UnknownNameError:
            return ref  # reported by the dataset check with the deal's id

    def company(ref: str) -> str:
        return ref_id("company", local_companies, ref)

    def asset(ref: str) -> str:
        return ref_id("asset", local_assets, ref)

    deals: list[Deal] = [replace(d, licensor=company(d.licensor), licensee=company(d.licensee),
                                 assets=tuple(asset(a) for a in d.assets)) for d in ds.deals]
    ds.deals = deals
    return ds


def prepare(kg: KnowledgeGraph, paths: list[Path], *, progress: Callable[[Path], None] | None = None) -> Batch:
    batch = Batch()
    known = kg.known()
    structured = Dataset()
    rdf_triples: list[ox.Triple] = []
    for path in expand(paths):
        kind = kind_of(path)
        batch.files.append(str(path))
        if kind == "yaml":
            structured.extend(load_file(path))
        elif kind == "csv":
            structured.extend(load_csv(path))
        elif kind == "rdf":
            rdf_triples += read_rdf(path)
        elif kind == "text":
            from kg.loaders.article import load_article

            article = load_article(kg, path, known)
            article.deals = _match_known_deals(kg, article.deals, batch)
            structured.extend(article)
        else:
            raise InputError(f"{path}: unsupported file type {path.suffix or '(none)'}; "
                             "use .yaml, .csv, .ttl/.nt/.jsonld/.rdf or .txt")
        if progress:
            progress(path)

    # skip what the store already has
    for group, ids in (("companies", known.companies), ("assets", known.assets), ("targets", known.targets),
                       ("regions", known.regions)):
        records = getattr(structured, group)
        key = "symbol" if group == "targets" else "code" if group == "regions" else "id"
        kept, seen = [], set(ids)
        for record in records:  # also drop a second copy of a new entity named by two files of the batch
            if getattr(record, key) not in seen:
                seen.add(getattr(record, key))
                kept.append(record)
        setattr(structured, group, kept)
    fresh = []
    for deal in structured.deals:
        if deal.id in known.deals:
            batch.skipped.append(deal.id)
        else:
            fresh.append(deal)
    structured.deals = fresh
    structured = _resolve_refs(kg, structured, known.companies, known.assets)
    check_dataset(structured, known)
    batch.deals_added = [d.id for d in structured.deals]
    batch.triples = list(dataset_triples(structured)) + rdf_triples + batch.extra
    if batch.triples:
        _validate_against_store(kg, batch.triples)
    return batch


_SAME_PARTIES = """
SELECT ?licensor ?licensee ?deal ?code ?year (GROUP_CONCAT(STR(?asset); separator=" ") AS ?assets) WHERE {
  ?deal kg:licensor ?licensor ; kg:licensee ?licensee ; kg:code ?code .
  OPTIONAL { ?deal kg:year ?year } OPTIONAL { ?deal kg:asset ?asset }
} GROUP BY ?licensor ?licensee ?deal ?code ?year
"""


def _match_known_deals(kg: KnowledgeGraph, deals: list[Deal], batch: Batch) -> list[Deal]:
    """Deals of an article that the graph already holds gain the article as a source, not a twin.

    A known deal has the same licensor and licensee and shares an asset; where neither names an
    asset, the announcement year must agree (when the text gives a date).
    """
    from kg.rdfmap import asset_iri, company_iri, provenance_triples
    from kg.sparql import run

    fresh = []
    for deal in deals:
        rows = run(kg.store, _SAME_PARTIES, {"licensor": company_iri(deal.licensor),
                                             "licensee": company_iri(deal.licensee)}).rows
        wanted = {asset_iri(a).value for a in deal.assets}
        hit = None
        for row in rows:
            held = set((row.get("assets") or "").split())
            year = str(row.get("year") or "")
            if wanted and held & wanted:
                hit = row
                break
            if not wanted and not held and (not deal.announced or not year or deal.announced.startswith(year)):
                hit = row
        if hit is None:
            fresh.append(deal)
            continue
        batch.matched.append({"deal": hit["code"], "source": deal.sources[0].url if deal.sources else ""})
        if deal.sources:
            batch.extra += list(provenance_triples(ox.NamedNode(hit["deal"]), deal.sources[0], deal.evidence))
    return fresh


_AROUND = """CONSTRUCT { ?s ?p ?o . ?o a ?t . ?x kg:partOf ?s }
WHERE { { ?s ?p ?o OPTIONAL { ?o a ?t } } UNION { ?x kg:partOf ?s } }"""
_CLASSES = "CONSTRUCT { ?o a ?t } WHERE { ?o a ?t }"


def _validate_against_store(kg: KnowledgeGraph, triples: list[ox.Triple]) -> None:
    """SHACL-check the graph as it would be after the load; report what the new triples break.

    Only the new triples' subjects can gain a violation, and every shape (ontology/shapes.ttl)
    looks one step from its focus node: its own triples, the classes of their values, and deals'
    kg:partOf links into a partnership. So the check runs on that neighbourhood (the ontology, the
    subjects' stored and new triples, the classes of every value) instead of the whole store, which
    took four minutes at 30k deals for one press release."""
    from kg.sparql import restricted
    from kg.validate import validate_ntriples

    subjects = {t.subject for t in triples if isinstance(t.subject, ox.NamedNode)}
    values = {t.object for t in triples if isinstance(t.object, ox.NamedNode)}
    parts: list[bytes] = [ox.serialize(_ontology(), format=ox.RdfFormat.N_TRIPLES) or b""]
    chosen = sorted(subjects, key=str)
    for start in range(0, len(chosen), 2000):
        parts.append(_construct(kg, restricted(_AROUND, "s", (s.value for s in chosen[start:start + 2000]))))
    others = sorted(values - subjects, key=str)
    for start in range(0, len(others), 2000):
        parts.append(_construct(kg, restricted(_CLASSES, "o", (o.value for o in others[start:start + 2000]))))
    parts.append(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
    report = validate_ntriples(b"\n".join(parts))
    focus = {s.value for s in subjects}
    broken = [v for v in report.violations if v.focus in focus]
    if broken:
        more = f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""
        raise ValidationError(f"data breaks the shapes: {broken[0]}{more}")


def _ontology() -> list[ox.Triple]:
    from kg.api import _ontology_triples

    return _ontology_triples()


def _construct(kg: KnowledgeGraph, query: str) -> bytes:
    from kg.sparql import with_prologue

    found = kg.store.query(with_prologue(query))
    return ox.serialize(list(found), format=ox.RdfFormat.N_TRIPLES) or b""

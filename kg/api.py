"""`KnowledgeGraph`: the few verbs everything else (CLI, server, notebooks) is built on.

    >>> from kg import KnowledgeGraph
    >>> kg = KnowledgeGraph.open(":memory:")
    >>> kg.ensure_built()
    >>> [p["name"] for p in kg.partners("Crescent Biopharma")["partners"]]
    ['Kelun-Biotech']
"""

from __future__ import annotations

import hashlib
import itertools
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import answer_cache
from kg.checks import Known, check_dataset
from kg.errors import InputError, QueryError
from kg.gcpause import gc_paused
from kg.handover import AtState, Handover
from kg.loaders import gazetteer_cache
from kg.loaders.curated import load_data_dir
from kg.namespaces import ID_BASE, KG
from kg.rdfmap import dataset_ntriples
from kg.records import Dataset
from kg.resolve import Resolver
from kg.resources import data_dir, ontology_file
from kg.sparql import Rows, named_queries, run, run_user_query, text_for
from kg.store import NTriples, TripleStore, open_store, triple_documents

EXPORT_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdf": ox.RdfFormat.RDF_XML,
}


def _ontology_triples() -> list[ox.Triple]:
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=str(ontology_file()),
                                                                            format=ox.RdfFormat.TURTLE)]


PROGRESS_EVERY = 1_000_000  # triples between two "loading" messages of a build


def _counted(documents: Iterable[bytes], progress: Callable[[str], None]) -> Iterator[bytes]:
    """The documents as they go to the store, telling `progress` every PROGRESS_EVERY lines."""
    lines = told = 0
    for text in documents:
        yield text
        lines += text.count(b"\n")
        if lines - told >= PROGRESS_EVERY:
            told = lines
            progress(f"loading: {lines:,} triples so far")


def graph_documents(dataset: Dataset, ontology: list[ox.Triple]) -> Iterator[bytes]:
    """What a build loads, as N-Triples documents: the ontology, every country, then the records."""
    return itertools.chain(triple_documents(ontology), dataset_ntriples(dataset, with_countries=True))


def add_bundled_vocabularies(dataset: Dataset) -> None:
    """Add the bundled regions and targets that `dataset` does not define itself."""
    vocab = load_data_dir(data_dir(), kinds=("regions", "targets"))
    have_regions, have_targets = {r.code for r in dataset.regions}, {t.symbol for t in dataset.targets}
    dataset.regions += [r for r in vocab.regions if r.code not in have_regions]
    dataset.targets += [t for t in vocab.targets if t.symbol not in have_targets]


class KnowledgeGraph:
    """A deal graph in a store, with the verbs load, ingest, query, partners, validate, export."""

    def __init__(self, store: TripleStore):
        self.store = store
        self._resolvers: dict[tuple[str, str], Resolver] = {}

    @classmethod
    def open(cls, location: str | Path | None = None) -> KnowledgeGraph:
        return cls(open_store(location))

    def close(self) -> None:
        self.store.close()

    # -- loading --------------------------------------------------------------------------
    def build(self, extra_dirs: Sequence[Path] = (), *, bundled: bool = True,
              progress: Callable[[str], None] | None = None) -> Dataset:
        """Replace the graph with the bundled data plus `extra_dirs`, checked as a whole first.
        `progress` hears each stage of a long build (`kg build` prints them once a build takes a while)."""
        with gc_paused():  # the records and caches are hundreds of thousands of objects, all kept
            return self._build(extra_dirs, bundled=bundled, progress=progress or (lambda _message: None))

    def _build(self, extra_dirs: Sequence[Path], *, bundled: bool, progress: Callable[[str], None]) -> Dataset:
        progress("reading the data folders")
        dataset = load_data_dir(data_dir()) if bundled else Dataset()
        for folder in extra_dirs:
            dataset.extend(load_data_dir(Path(folder)))
        if not bundled:  # a graph without the bundled deals still knows the vocabularies
            add_bundled_vocabularies(dataset)
        dataset.drop_exact_repeats()  # a folder may carry its own copy of the bundled regions and targets
        progress(f"checking {len(dataset.deals):,} deals, {len(dataset.companies):,} companies and "
                 f"{len(dataset.assets):,} assets")
        check_dataset(dataset)
        ontology = _ontology_triples()
        # what the next command reads, made from the records beside the bulk load (kg.handover)
        future = uuid.uuid4().hex
        caches = Handover(AtState(self.store, future), dataset, ontology)
        try:
            # streamed: the store bulk-loads N-Triples documents as they are written
            self.store.replace(NTriples(_counted(graph_documents(dataset, ontology), progress)), state=future)
        except BaseException:
            caches.cancel()
            raise
        progress("writing the caches the next command reads")
        self._resolvers = {(kind, self.store.state()): r for kind, r in caches.result().items()}
        if caches.failed:
            progress("the caches could not be written; the next command makes them from the store (slower)")
        return dataset

    def ensure_built(self) -> None:
        """Load the bundled data on first use, so a fresh install answers at once."""
        if self.store.is_empty():
            self.build()

    def known(self) -> Known:
        rows = run(self.store, "SELECT ?cls ?code WHERE { ?s a ?cls ; kg:code ?code }").rows
        known = Known()
        by_class = {str(KG.Company): known.companies, str(KG.Asset): known.assets, str(KG.Deal): known.deals,
                    str(KG.Region): known.regions}
        for row in rows:
            bucket = by_class.get(row["cls"])
            if bucket is not None:
                bucket.add(str(row["code"]))
        known.targets = {str(r["s"]) for r in run(self.store, "SELECT ?s WHERE { ?t kg:hgncSymbol ?s }").rows}
        return known

    def ingest(self, paths: Iterable[Path], *, progress: Callable[[Path], None] | None = None) -> dict[str, Any]:
        """Add deals from YAML, RDF or article text files, all or nothing; returns what was added."""
        from kg.ingest import prepare

        self.ensure_built()
        batch = prepare(self, list(paths), progress=progress)
        if batch.triples:
            before = self._caches_before_write()
            self.store.add(batch.triples)
            self._resolvers.clear()
            self._carry_caches_over(before, batch.triples)
        return batch.summary()

    def _caches_before_write(self) -> tuple[Any, dict[str, Resolver], Any]:
        """The projection and name indexes of the current state, where they are already cached (a
        write makes them stale; `_carry_caches_over` brings them up to date instead of dropping them)."""
        from kg.network.projection import cached_projection

        state = self.store.state()
        resolvers = {kind: resolver for (kind, at), resolver in self._resolvers.items() if at == state}
        for kind in ("company", "asset", "target"):
            if kind not in resolvers and Resolver.is_cached(self.store, kind):
                resolvers[kind] = Resolver.from_store(self.store, kind)
        return cached_projection(self.store), resolvers, gazetteer_cache.cached(self.store)

    def _carry_caches_over(self, before: tuple[Any, dict[str, Resolver], Any], triples: list[ox.Triple]) -> None:
        """Update the cached projection and name indexes with what `triples` touched (kg ingest at
        300k deals: seconds instead of the minutes a full re-read takes)."""
        from kg.network.incremental import touched, update
        from kg.network.projection import remember

        graph, resolvers, names = before
        found = touched(triples)
        if found is None:
            return
        if names is not None:  # an asset's record also names its developer: its deals and develops links count
            mentioned = {t.object.value for t in triples if isinstance(t.object, ox.NamedNode)
                         and t.object.value.startswith(ID_BASE)}
            gazetteer_cache.carry_over(self.store, names, found[0] | mentioned)
        if graph is not None and (updated := update(self.store, graph, triples)) is not None:
            remember(self.store, updated)
        state = self.store.state()
        for kind, resolver in resolvers.items():
            prefix = f"{ID_BASE}{kind}/"
            self._resolvers[(kind, state)] = resolver.add_from_store(
                self.store, [iri for iri in found[0] if iri.startswith(prefix)]).remember(self.store)

    # -- names ------------------------------------------------------------------------------
    def resolver(self, kind: str) -> Resolver:
        key = (kind, self.store.state())
        if key not in self._resolvers:
            self._resolvers = {k: v for k, v in self._resolvers.items() if k[1] == key[1]}
            self._resolvers[key] = Resolver.from_store(self.store, kind)
        return self._resolvers[key]

    def resolve(self, kind: str, name: str) -> str:
        return self.resolver(kind).resolve(name)

    def label(self, iri: str) -> str:
        for kind in ("company", "asset", "target"):
            label = self.resolver(kind).labels.get(iri)
            if label:
                return label
        return iri

    # -- queries ----------------------------------------------------------------------------
    def bind_params(self, name: str, params: dict[str, str]) -> dict[str, Any]:
        """Turn `--param k=v` strings into bound terms, resolving names to IRIs."""
        query = named_queries()[name]
        declared = {p.name: p for p in query.params}
        unknown = sorted(set(params) - set(declared))
        if unknown:
            raise QueryError(f"query {name!r} has no parameter {', '.join(unknown)}; "
                             f"it takes: {', '.join(declared) or 'none'}")
        bindings: dict[str, Any] = {}
        for p in query.params:
            if p.name not in params:
                if not p.optional:
                    raise QueryError(f"query {name!r} needs --param {p.name}=... ({p.doc})")
                if p.kind == "string":
                    # "" means "not given": Oxigraph's substitutions make BOUND() false, so the
                    # queries test for the empty string instead of for an unbound variable
                    bindings[p.name] = ox.Literal("")
                continue
            value = params[p.name]
            if p.kind in ("company", "asset", "target"):
                bindings[p.name] = ox.NamedNode(self.resolve(p.kind, value))
            elif p.kind == "region":
                code = value.strip().upper()
                if not re.fullmatch(r"[A-Z][A-Z_]{1,31}", code):
                    raise QueryError(f"parameter {p.name} must be a region code such as CN or WORLD, not {value!r}")
                bindings[p.name] = ox.NamedNode(f"https://w3id.org/dealgraph/id/region/{code}")
            elif p.kind == "iri":
                if not value.startswith(("https://", "http://")):
                    raise QueryError(f"parameter {p.name} must be an IRI, not {value!r}")
                try:
                    bindings[p.name] = ox.NamedNode(value)
                except ValueError:
                    raise QueryError(f"parameter {p.name}: {value!r} is not a valid IRI") from None
            else:
                bindings[p.name] = ox.Literal(value)
        return bindings

    def named(self, name: str, params: dict[str, str] | None = None) -> Rows:
        queries = named_queries()
        if name not in queries:
            raise QueryError(f"no named query {name!r}; known: {', '.join(queries)}")
        self.ensure_built()
        bindings = self.bind_params(name, params or {})
        rows = answer_cache.answer(self.store, name, bindings)  # a fresh process: no graph to load
        if rows is None:
            from kg.network.answers import from_projection

            rows = from_projection(self.store, name, bindings)
        if rows is None:
            rows = run(self.store, text_for(queries[name], self.store), bindings)
        # parameters are projected only because Oxigraph's substitutions need them: leave them out
        hidden = {p.name for p in queries[name].params}
        rows.variables = [v for v in rows.variables if v not in hidden]
        rows.rows = [{k: v for k, v in r.items() if k not in hidden} for r in rows.rows]
        return rows

    def query(self, text: str, params: dict[str, str] | None = None, *, timeout: float = 30.0,
              limit: int = 100_000) -> Rows:
        """A user's SPARQL: guarded, parameters bound as literals (or IRIs for <...> values)."""
        self.ensure_built()
        bindings: dict[str, Any] = {}
        for key, value in (params or {}).items():
            if value.startswith("<") and value.endswith(">"):
                try:
                    bindings[key] = ox.NamedNode(value[1:-1])
                except ValueError:
                    raise QueryError(f"parameter {key}: {value!r} is not a valid IRI") from None
            else:
                bindings[key] = ox.Literal(value)
        return run_user_query(self.store, text, bindings, timeout=timeout, limit=limit)

    # -- answers ----------------------------------------------------------------------------
    def partners(self, company: str) -> dict[str, Any]:
        """Direct partners of `company` with the deals behind each (the `kg partners` JSON)."""
        self.ensure_built()
        iri = self.resolve("company", company)
        rows = answer_cache.partner_rows(self.store, iri)  # the same rows, cheapest source first
        if rows is None:
            from kg.network.projection import cached_projection, partner_rows

            graph = cached_projection(self.store)
            if graph is not None and iri in graph:
                rows = partner_rows(graph, iri)
            else:
                rows = self.named_rows("partners", {"company": ox.NamedNode(iri)})
        partners: dict[str, dict[str, Any]] = {}
        for r in rows:
            p = partners.setdefault(r["partner"], {"name": r["partnerName"], "iri": r["partner"],
                                                   "country": r.get("partnerCountry"), "deals": []})
            p["deals"].append({
                "iri": r["deal"],
                "id": r["dealId"],
                "type": r.get("type"),
                "assets": sorted(a for a in (r.get("assets") or "").split("|") if a),
                "direction": r["direction"],
                "announced": r.get("announced"),
                "upfront_usd_m": r.get("upfront"),
                "milestones_usd_m": r.get("milestones"),
                "total_usd_m": r.get("total"),
                "equity_usd_m": r.get("equity"),
                "territory": r.get("territory"),
                "royalties": r.get("royalties"),
                "sources": sorted(s for s in (r.get("sources") or "").split("|") if s),
            })
        ordered = sorted(partners.values(), key=lambda p: (-max(_value(d) for d in p["deals"]), p["name"]))
        return {"company": {"name": self.label(iri), "iri": iri}, "partners": ordered}

    def named_rows(self, name: str, bindings: dict[str, Any]) -> list[dict[str, Any]]:
        return run(self.store, text_for(named_queries()[name], self.store), bindings).rows

    # -- checks and output ----------------------------------------------------------------------
    def validate(self):  # noqa: ANN201 - kg.validate.Report, imported lazily (pySHACL is heavy)
        from kg.validate import validate_ntriples

        self.ensure_built()
        return validate_ntriples(self.store.dump(ox.RdfFormat.N_TRIPLES))

    def export(self, fmt: str, path: Path) -> Path:
        """Write the graph to `path` atomically (temporary file, fsync, rename)."""
        from kg.export import write_export

        self.ensure_built()
        return write_export(self, fmt, path)

    def content_hash(self) -> str:
        """SHA-256 of the sorted N-Triples: equal for equal graphs, whatever the load order."""
        lines = sorted(self.store.dump(ox.RdfFormat.N_TRIPLES).splitlines())
        return hashlib.sha256(b"\n".join(lines)).hexdigest()

    def network(self, *, use_cache: bool = True):  # noqa: ANN201 - networkx.MultiDiGraph
        from kg.network.projection import project

        self.ensure_built()
        return project(self.store, use_cache=use_cache)


def _value(deal: dict[str, Any]) -> float:
    if deal.get("total_usd_m") is not None:
        return float(deal["total_usd_m"])
    return float(sum(deal.get(k) or 0 for k in ("upfront_usd_m", "milestones_usd_m", "equity_usd_m")))


def check_format(fmt: str) -> ox.RdfFormat:
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}, graphml, csv")
    return EXPORT_FORMATS[fmt]


__all__ = ["KnowledgeGraph", "check_format"]

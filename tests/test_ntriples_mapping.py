"""kg.rdfmap writes N-Triples text itself (the build loads it without a second check): any string
must come back unchanged and never break out of its literal, and chunk boundaries must not split
the blank nodes of an evidence annotation."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from kg import KnowledgeGraph
from kg.api import add_bundled_vocabularies
from kg.loaders.article import load_article
from kg.loaders.curated import load_data_dir
from kg.rdfmap import company_iri, dataset_ntriples, dataset_triples
from kg.records import Company, Dataset, Deal, Evidence, Source
from kg.resources import data_dir
from kg.store import MemoryStore, NTriples

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
HOSTILE = [
    'Evil" . <https://x.example/s> <https://x.example/p> "injected',
    "back\\slash \\u0041 and \\n escapes written out",
    "line\nbreak\rcarriage\ttab\x00nul\x1funit\x7fdel",
    "Ünïcödé 中文 العربية 🧬 \u2028 \u2029 \ufeff",
    "",
]


def _dataset(name: str, quote: str) -> Dataset:
    url = "https://example.org/news/1"
    deal = Deal(id="d-1", licensor="co-a", licensee="co-b", sources=(Source(url=url, title=name),),
                evidence=(Evidence(field="licensor", quote=quote, start=0, end=len(quote)),), notes=name)
    return Dataset(companies=[Company(id="co-a", name=name, aliases=(quote,)), Company(id="co-b", name="B")],
                   deals=[deal])


def _loaded(ds: Dataset, chunk: int = 100_000) -> ox.Store:
    store = MemoryStore()
    store.replace(NTriples(dataset_ntriples(ds, chunk=chunk)))
    return store.raw


@given(st.text(), st.text())
@settings(max_examples=200, deadline=None)
def test_any_text_round_trips_through_the_written_ntriples(name: str, quote: str) -> None:
    ds = _dataset(name, quote)
    parsed = list(dataset_triples(ds))
    labels = {t.object.value for t in parsed if t.subject == company_iri("co-a") and t.predicate == LABEL}
    assert labels == {name}
    assert quote in {t.object.value for t in parsed if isinstance(t.object, ox.Literal)}
    # nothing broke out of a literal: every subject is one the mapping writes
    assert all(isinstance(t.subject, ox.BlankNode) or t.subject.value.startswith("https://w3id.org/dealgraph/id/")
               for t in parsed)


def test_hostile_strings_load_unchanged_and_inject_nothing() -> None:
    for text in HOSTILE:
        ds = _dataset(text, text)
        store = _loaded(ds)
        assert len(store) == len(list(dataset_triples(ds)))
        rows = store.query("SELECT ?l WHERE { <https://w3id.org/dealgraph/id/company/co-a> "
                           "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")
        assert [row["l"].value for row in rows] == [text]
        assert not list(store.quads_for_pattern(ox.NamedNode("https://x.example/s"), None, None))


def _graph(store: ox.Store) -> Graph:
    return Graph().parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()),
                         format="nt")


def test_chunk_boundaries_between_records_keep_evidence_whole(kg_memory: KnowledgeGraph) -> None:
    """Deals read from articles carry evidence (three blank nodes each): one record per document must
    give the same graph as one document for everything."""
    ds = load_data_dir(data_dir())
    add_bundled_vocabularies(ds)
    known = kg_memory.known()
    for path in sorted((SHARED / "eval" / "dev").glob("*.txt")) + sorted((SHARED / "eval" / "seed").glob("*.txt")):
        ds.extend(load_article(kg_memory, path, known))
    evidence = sum(len(d.evidence) for d in ds.deals if d.sources)
    assert evidence > 50
    small, whole = _loaded(ds, chunk=1), _loaded(ds, chunk=10**9)
    assert len(small) == len(whole)
    blanks = small.query("SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { ?b ?p ?o FILTER isBlank(?b) }")
    assert int(next(iter(blanks))["n"].value) == 3 * evidence
    assert isomorphic(_graph(small), _graph(whole))


def test_the_same_annotation_written_twice_is_stored_once() -> None:
    """Selectors are labelled from the annotation's IRI, so a repeated record adds nothing."""
    ds = _dataset("A", "quoted")
    once = len(_loaded(ds))
    ds.deals.append(ds.deals[0])
    assert len(_loaded(ds)) == once

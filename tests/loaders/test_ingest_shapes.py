"""Ingest checks the shapes on the new triples' neighbourhood, not the whole store: it must find
exactly what a check of the whole graph finds for those subjects, and refuse with exit 2."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import KnowledgeGraph
from kg.errors import ValidationError
from kg.ingest import _validate_against_store
from kg.validate import validate_ntriples

DEAL = "https://w3id.org/dealgraph/id/deal/hengrui-tg-btk-program"
KG = "https://w3id.org/dealgraph/ontology#"
SECOND_LICENSOR = f"<{DEAL}> <{KG}licensor> <https://w3id.org/dealgraph/id/company/merck-co> .\n"
ASSET_AS_LICENSEE = f"""<https://example.org/deal/odd> a <{KG}Deal> ;
    <{KG}licensor> <https://w3id.org/dealgraph/id/company/merck-co> ;
    <{KG}licensee> <https://w3id.org/dealgraph/id/asset/skb105> ;
    <{KG}source> <https://w3id.org/dealgraph/id/source/nowhere> .
"""
HARMLESS = "<https://w3id.org/dealgraph/id/company/merck-co> <http://www.w3.org/2004/02/skos/core#altLabel> \"MSD\" .\n"


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    graph = KnowledgeGraph.open(tmp_path_factory.mktemp("shapes") / "store")
    graph.build()
    return graph


def _whole_graph_violations(kg: KnowledgeGraph, triples: list[ox.Triple]) -> list[str]:
    data = kg.store.dump(ox.RdfFormat.N_TRIPLES) + b"\n" + (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
    subjects = {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
    return [str(v) for v in validate_ntriples(data).violations if v.focus in subjects]


@pytest.mark.parametrize("text", [SECOND_LICENSOR, ASSET_AS_LICENSEE])
def test_neighbourhood_finds_what_the_whole_graph_check_finds(kg: KnowledgeGraph, text: str) -> None:
    triples = list(ox.parse(text.encode(), format=ox.RdfFormat.TURTLE))
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in triples]
    expected = _whole_graph_violations(kg, triples)
    assert expected, "the fixture must break a shape"
    with pytest.raises(ValidationError) as caught:
        _validate_against_store(kg, triples)
    assert str(caught.value).startswith(f"data breaks the shapes: {expected[0]}")
    count = len(expected)
    assert (f"(and {count - 1} more)" in str(caught.value)) == (count > 1)


def test_harmless_triples_pass(kg: KnowledgeGraph) -> None:
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(HARMLESS.encode(),
                                                                              format=ox.RdfFormat.TURTLE)]
    assert _whole_graph_violations(kg, triples) == []
    _validate_against_store(kg, triples)


def test_cli_refuses_a_shape_breaking_file_and_keeps_the_store(run_cli, tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run_cli(["build"], store=store)[0] == 0
    before = KnowledgeGraph.open(store)
    digest = before.content_hash()
    before.close()
    bad = tmp_path / "bad.ttl"
    bad.write_text(SECOND_LICENSOR, encoding="utf-8")
    code, _out, err = run_cli(["ingest", bad], store=store)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "breaks the shapes" in err and "licensor" in err
    after = KnowledgeGraph.open(store)
    assert after.content_hash() == digest
    after.close()

import time

import pytest

from kg.errors import QueryError
from kg.sparql import guard


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * WHERE { service <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "LOAD <http://127.0.0.1:9/x>",
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "CLEAR ALL",
])
def test_guard_refuses_network_files_and_updates(query):
    with pytest.raises(QueryError):
        guard(query)


@pytest.mark.parametrize("query", [
    'SELECT ?service WHERE { ?service rdfs:label "SERVICE FROM LOAD" }',
    "SELECT * WHERE { ?s <http://example.org/service> ?o } # SERVICE in a comment",
    "SELECT ?from WHERE { ?from ex:load ?x }",
])
def test_guard_allows_the_words_in_names_strings_and_comments(query):
    assert guard(query) == query


def test_user_query_deadline_stops_a_cross_product(kg_memory):
    start = time.monotonic()
    with pytest.raises(QueryError, match="time limit"):
        kg_memory.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=1.0)
    assert time.monotonic() - start < 5


def test_malformed_query_is_one_clear_error(kg_memory):
    with pytest.raises(QueryError, match="malformed SPARQL"):
        kg_memory.query("SELECT ?s WHERE { ?s ?p }")


def test_injection_in_a_name_parameter_finds_nothing(kg_memory):
    from kg.errors import UnknownNameError

    with pytest.raises(UnknownNameError):
        kg_memory.named("partners", {"company": 'x" } UNION { ?s ?p ?o } #'})


def test_named_queries_have_headers_and_run(kg_memory):
    from kg.sparql import named_queries

    for name, q in named_queries().items():
        assert q.title != name, f"{name}.rq has no '# title:' header"
    assert kg_memory.named("league-table").rows
    rows = kg_memory.named("rights-in-region", {"asset": "SKB105", "country": "JP"}).rows
    assert [r["holderName"] for r in rows] == ["Crescent Biopharma"]
    assert kg_memory.named("rights-in-region", {"asset": "SKB105", "country": "CN"}).rows == []
    rows = kg_memory.named("deals-by-target", {"target": "PD-1"}).rows
    assert "CR-001" in {r["assetName"] for r in rows}


def test_optional_parameters_filter_when_given_and_not_when_absent(kg_memory):
    everything = kg_memory.named("upfront-by-year").rows
    chinese_adcs = kg_memory.named("upfront-by-year", {"licensorCountry": "CN", "modality": "ADC"}).rows
    assert sum(r["deals"] for r in chinese_adcs) < sum(r["deals"] for r in everything)
    assert chinese_adcs and "licensorCountry" not in chinese_adcs[0]
    since = kg_memory.named("league-table", {"since": "2025"}).rows
    assert sum(r["deals"] for r in since) < sum(r["deals"] for r in kg_memory.named("league-table").rows)

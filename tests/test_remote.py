"""RemoteStore against a real `oxigraph serve`: the same answers as the embedded store."""

from __future__ import annotations

import json
import socket

import pyoxigraph as ox
import pytest

from kg.errors import DealgraphError, QueryError
from kg.remote import RemoteStore, RemoteStoreError, endpoints, with_values


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_endpoints_from_base_or_query_url():
    assert endpoints("http://h:1") == ("http://h:1/query", "http://h:1/update", "http://h:1/store")
    assert endpoints("http://h:1/query") == endpoints("http://h:1/") == endpoints("http://h:1")
    assert endpoints("http://h:1/kg/sparql")[:2] == ("http://h:1/kg/sparql", "http://h:1/kg/sparql")
    with pytest.raises(RemoteStoreError):
        endpoints("ftp://h/")


def test_values_go_first_in_the_where_group():
    q = 'CONSTRUCT { ?s ?p "{" } WHERE { ?s ?p ?o } # {'
    out = with_values(q, {ox.Variable("s"): ox.NamedNode("http://x/a")})
    assert " ".join(out.split()).startswith('CONSTRUCT { ?s ?p "{" } WHERE { VALUES (?s) { (<http://x/a>) } ?s ?p ?o }')
    nasty = ox.Literal('"} } DROP ALL #\n')
    out = with_values("SELECT * { ?s ?p ?o }", {ox.Variable("o"): nasty})
    assert str(nasty) in out and "\n" not in str(nasty)


def test_unreachable_server_is_one_clear_error():
    store = RemoteStore(f"http://127.0.0.1:{free_port()}", timeout=2)
    with pytest.raises(RemoteStoreError, match="cannot reach SPARQL server"):
        store.count()
    assert issubclass(RemoteStoreError, DealgraphError)


def test_store_contract(oxigraph_url):
    store = RemoteStore(oxigraph_url + "/query", timeout=10)
    assert store.count() == 0
    empty = store.state()
    a, p = ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p")
    lit = ox.Literal('tab\t"quote"\nline', language="en")
    store.add([ox.Triple(a, p, lit), ox.Triple(a, p, ox.Literal("1", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")))])
    assert store.count() == 2 and store.state() != empty
    rows = list(store.query("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o", {ox.Variable("s"): a}))
    assert {r["o"] for r in rows} == {lit, ox.Literal("1", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))}
    assert bool(store.query("ASK { ?s ?p ?o }"))
    assert len(list(store.query("CONSTRUCT WHERE { ?s ?p ?o }"))) == 2
    dumped = store.dump(ox.RdfFormat.N_TRIPLES)
    assert len(dumped.splitlines()) == 2 and b"urn:dealgraph" not in dumped
    before = store.state()
    store.replace([ox.Triple(a, p, a)])
    assert store.count() == 1 and store.state() != before
    with pytest.raises(QueryError, match="malformed SPARQL"):
        store.query("SELECT ?s WHERE { ?s ?p }")


def test_cli_build_and_partners_match_embedded(oxigraph_url, run_cli, tmp_path):
    code, out, err = run_cli(["build"], store=oxigraph_url)
    assert code == 0, err
    assert out.startswith(f"built {oxigraph_url}")
    code, remote, err = run_cli(["partners", "Kelun-Biotech", "--format", "json"], store=oxigraph_url)
    assert code == 0, err
    code, local, err = run_cli(["partners", "Kelun-Biotech", "--format", "json"], store=tmp_path / "local")
    assert code == 0, err
    assert json.loads(remote) == json.loads(local)
    assert json.loads(remote)["partners"]


def test_named_query_with_parameters_matches(oxigraph_url, kg_memory):
    from kg import KnowledgeGraph

    remote = KnowledgeGraph.open(oxigraph_url)
    remote.build()
    params = {"asset": "SKB105", "country": "JP"}
    assert remote.named("rights-in-region", params).rows == kg_memory.named("rights-in-region", params).rows
    assert remote.content_hash() == kg_memory.content_hash()


def test_cli_error_when_server_down(run_cli):
    code, out, err = run_cli(["partners", "Kelun-Biotech"], store=f"http://127.0.0.1:{free_port()}")
    assert code == 2 and out == ""
    assert err.startswith("kg: error: cannot reach SPARQL server") and err.count("\n") == 1


def test_named_queries_reach_a_remote_server_as_standard_sparql(oxigraph_url, kg_memory, monkeypatch):
    """Oxigraph's LATERAL (deals-by-target) is dropped for a remote server: the rows stay the same."""
    from kg import KnowledgeGraph
    from kg.sparql import standard_sparql

    sent: list[str] = []
    original = RemoteStore.query

    def spy(self, sparql, substitutions=None):
        sent.append(sparql)
        return original(self, sparql, substitutions)

    monkeypatch.setattr(RemoteStore, "query", spy)
    remote = KnowledgeGraph.open(oxigraph_url)
    remote.build()
    sent.clear()
    params = {"target": "PD-1"}
    assert remote.named("deals-by-target", params).rows == kg_memory.named("deals-by-target", params).rows
    asked = [s for s in sent if "kg:targets" in s]
    assert asked and all(standard_sparql(s) == s for s in asked)

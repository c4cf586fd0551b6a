"""A real uvicorn server on loopback: standard SPARQL clients, refusals, time limit under concurrency."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest

from kg.sparql import to_python

PREFIXES = ("PREFIX kg: <https://w3id.org/dealgraph/ontology#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
QUERIES = [
    PREFIXES + "SELECT ?c ?name WHERE { ?c a kg:Company ; rdfs:label ?name } ORDER BY ?name",
    PREFIXES + """SELECT ?id ?up ?date WHERE { ?d a kg:Deal ; kg:code ?id .
        OPTIONAL { ?d kg:upfront/kg:usdMillions ?up } OPTIONAL { ?d kg:announced ?date } } ORDER BY ?id""",
    PREFIXES + "SELECT (COUNT(*) AS ?n) (SUM(?u) AS ?total) WHERE { ?d kg:upfront/kg:usdMillions ?u }",
]
PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def from_json_term(b: dict[str, Any]) -> Any:
    if b["type"] == "uri":
        return ox.NamedNode(b["value"])
    if b["type"] == "bnode":
        return ox.BlankNode(b["value"])
    if "xml:lang" in b:
        return ox.Literal(b["value"], language=b["xml:lang"])
    return ox.Literal(b["value"], datatype=ox.NamedNode(b["datatype"]) if "datatype" in b else None)


def from_rdflib_term(t: Any) -> Any:
    from rdflib import BNode, Literal, URIRef

    if t is None:
        return None
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    assert isinstance(t, Literal)
    if t.language:
        return ox.Literal(str(t), language=t.language)
    return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)) if t.datatype else None)


def expected(server, query: str) -> list[dict[str, Any]]:
    return server.kg.query(query).rows


@pytest.mark.parametrize("query", QUERIES)
def test_sparqlwrapper_gets_the_same_rows(live_server, query):
    SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
    sw = SPARQLWrapper.SPARQLWrapper(f"{live_server.url}/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(SPARQLWrapper.JSON)
    data = sw.query().convert()
    variables = data["head"]["vars"]
    rows = [{v: to_python(from_json_term(b[v])) if v in b else None for v in variables}
            for b in data["results"]["bindings"]]
    assert rows == expected(live_server, query)


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("query", QUERIES)
def test_rdflib_sparqlstore_gets_the_same_rows(live_server, query, method):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(f"{live_server.url}/sparql", method=method, returnFormat="xml"))
    result = graph.query(query)
    variables = [str(v) for v in result.vars]
    rows = [{v: to_python(from_rdflib_term(row[v])) for v in variables} for row in result]
    assert rows == expected(live_server, query)


def test_rdflib_sparqlstore_construct(live_server):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(f"{live_server.url}/sparql"))
    out = graph.query(PREFIXES + "CONSTRUCT { ?c rdfs:label ?n } WHERE { ?c a kg:Company ; rdfs:label ?n }")
    assert len(out.graph) == len(expected(live_server, QUERIES[0]))


def test_update_refused(live_server):
    SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
    sw = SPARQLWrapper.SPARQLWrapper(f"{live_server.url}/sparql")
    sw.setMethod(SPARQLWrapper.POST)
    sw.setQuery("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }")
    with pytest.raises(Exception) as info:
        sw.query()
    assert "403" in str(info.value)
    r = httpx.post(f"{live_server.url}/sparql", data={"update": "DROP ALL"})
    assert r.status_code == 403


def test_service_refused(live_server):
    r = httpx.get(f"{live_server.url}/sparql",
                  params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    assert r.status_code == 400 and "SERVICE" in r.text


def test_foreign_host_refused(live_server):
    r = httpx.get(f"{live_server.url}/sparql", params={"query": "ASK {}"},
                  headers={"Host": f"rebind.evil.example:{live_server.port}"})
    assert r.status_code == 400
    assert httpx.get(f"http://localhost:{live_server.port}/sparql", params={"query": "ASK {}"}).status_code == 200


def test_timeout_while_a_simple_query_still_answers(live_server):
    results: dict[str, Any] = {}

    def slow() -> None:
        start = time.monotonic()
        r = httpx.get(f"{live_server.url}/sparql", params={"query": PATHOLOGICAL}, timeout=30)
        results["slow"] = (r.status_code, r.text, time.monotonic() - start)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)  # the cross product is running now
    simple = []
    for _ in range(5):
        start = time.monotonic()
        r = httpx.get(f"{live_server.url}/sparql", params={"query": PREFIXES + "ASK { ?d a kg:Deal }"}, timeout=30)
        simple.append((r.status_code, time.monotonic() - start))
    page = httpx.get(f"{live_server.url}/company/kelun-biotech", timeout=30)
    thread.join(30)
    status, text, elapsed = results["slow"]
    assert status == 503 and "time limit" in text
    assert elapsed < live_server.settings.timeout + 2
    assert all(code == 200 and took < 1.5 for code, took in simple), simple
    assert page.status_code == 200


def test_kg_serve_command(tmp_path: Path, free_port):
    """`kg serve` as a user runs it: builds on first use, serves, stops the cross product at --timeout."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    cmd = [sys.executable, "-m", "kg.cli", "--store", str(tmp_path / "store"), "serve", "--port", str(free_port),
           "--timeout", "2"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{free_port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, "kg serve did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["boolean"] is True
        start = time.monotonic()
        r = httpx.get(f"{url}/sparql", params={"query": PATHOLOGICAL}, timeout=30)
        assert r.status_code == 503 and time.monotonic() - start < 4
        assert httpx.get(f"{url}/company/kelun-biotech").status_code == 200
    finally:
        proc.terminate()
        proc.wait(15)


def test_remote_store_reads_from_kg_serve(live_server):
    """`kg --store http://.../sparql partners X` against our own endpoint: the same answer."""
    from kg import KnowledgeGraph

    remote = KnowledgeGraph.open(f"{live_server.url}/sparql")
    assert remote.store.count() == live_server.kg.store.count()
    assert remote.partners("Kelun-Biotech") == live_server.kg.partners("Kelun-Biotech")
    params = {"asset": "SKB105", "country": "JP"}
    assert remote.named("rights-in-region", params).rows == live_server.kg.named("rights-in-region", params).rows


def test_kg_serve_over_a_remote_store(oxigraph_url, serve_in_thread):
    """kg serve in front of an Oxigraph server: same pages and answers; a slow query is cut at the limit."""
    from kg import KnowledgeGraph

    remote = KnowledgeGraph.open(oxigraph_url)
    remote.build()
    with serve_in_thread(remote, timeout=2.0) as server:
        r = httpx.get(f"{server.url}/api/partners", params={"company": "Kelun-Biotech"}, timeout=10)
        assert r.status_code == 200 and r.json()["partners"]
        assert httpx.get(f"{server.url}/company/kelun-biotech", timeout=10).status_code == 200
        start = time.monotonic()
        r = httpx.get(f"{server.url}/sparql", params={"query": PATHOLOGICAL}, timeout=30)
        assert r.status_code == 503 and time.monotonic() - start < 4
        r = httpx.get(f"{server.url}/sparql", params={"query": "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"})
        assert r.status_code == 400

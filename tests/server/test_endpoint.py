"""/sparql with the TestClient: protocol forms, content negotiation, refusals, limits."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

DEALS = "SELECT ?d ?id WHERE { ?d a kg:Deal ; kg:code ?id } ORDER BY ?id"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def bindings(response) -> list[dict]:
    return response.json()["results"]["bindings"]


def test_get_post_form_and_direct_post_agree(client):
    by_get = client.get("/sparql", params={"query": DEALS})
    by_form = client.post("/sparql", data={"query": DEALS})
    by_body = client.post("/sparql", content=DEALS, headers={"Content-Type": "application/sparql-query"})
    for r in (by_get, by_form, by_body):
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert bindings(by_get) == bindings(by_form) == bindings(by_body)
    assert len(bindings(by_get)) >= 40


def test_typed_literals_survive(client):
    r = client.get("/sparql", params={"query": 'SELECT ?n ?l WHERE { BIND(42 AS ?n) BIND("x"@en AS ?l) }'})
    row = bindings(r)[0]
    assert row["n"] == {"type": "literal", "value": "42", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert row["l"] == {"type": "literal", "value": "x", "xml:lang": "en"}


@pytest.mark.parametrize(("accept", "ctype"), [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "application/sparql-results+json"),
    ("text/turtle;q=0.2, text/csv;q=0.9", "text/csv"),
])
def test_select_content_negotiation(client, accept, ctype):
    r = client.get("/sparql", params={"query": DEALS}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(ctype)
    if ctype == "text/csv":
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert rows[0].keys() == {"d", "id"} and len(rows) == len(bindings(client.get("/sparql",
                                                                                     params={"query": DEALS})))
    if "xml" in ctype:
        assert ox.parse_query_results(r.content, format=ox.QueryResultsFormat.XML).variables


def test_ask(client):
    r = client.get("/sparql", params={"query": "ASK { ?d a kg:Deal }"})
    assert r.json()["boolean"] is True
    r = client.get("/sparql", params={"query": "ASK { ?d a kg:Deal }"},
                   headers={"Accept": "application/sparql-results+xml"})
    assert b"<boolean>true</boolean>" in r.content


CONSTRUCT = "CONSTRUCT { ?c rdfs:label ?n } WHERE { ?c a kg:Company ; rdfs:label ?n }"


@pytest.mark.parametrize(("accept", "ctype", "fmt"), [
    (None, "text/turtle", ox.RdfFormat.TURTLE),
    ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
])
def test_construct_formats(client, settings, accept, ctype, fmt):
    headers = {"Accept": accept} if accept else {}
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers=headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith(ctype)
    triples = list(ox.parse(r.content, format=fmt))
    assert 40 < len(triples) <= settings.max_rows


def test_describe(client):
    r = client.get("/sparql", params={"query": "DESCRIBE <https://w3id.org/dealgraph/id/company/kelun-biotech>"},
                   headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and b"Kelun-Biotech" in r.content


def test_not_acceptable(client):
    r = client.get("/sparql", params={"query": DEALS}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/csv"})
    assert r.status_code == 406


def test_format_parameter(client):
    r = client.get("/sparql", params={"query": DEALS, "format": "tsv"})
    assert r.headers["content-type"].startswith("text/tab-separated-values")


def test_row_cap_reported(client, settings):
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 200
    assert r.headers["X-Dealgraph-Truncated"] == "true"
    assert len(bindings(r)) == settings.max_rows
    assert r.json()["x-dealgraph"] == {"truncated": True, "max_rows": settings.max_rows}
    r = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "text/plain"})
    assert r.headers["X-Dealgraph-Truncated"] == "true" and len(r.content.splitlines()) == settings.max_rows
    small = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"})
    assert small.headers["X-Dealgraph-Truncated"] == "false" and small.json()["x-dealgraph"]["truncated"] is False


@pytest.mark.parametrize("update", ["INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }",
                                    "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL", "DROP DEFAULT"])
def test_updates_refused_403(client, update, xss_kg):
    before = xss_kg.store.count()
    assert client.post("/sparql", data={"update": update}).status_code == 403
    assert client.post("/sparql", content=update,
                       headers={"Content-Type": "application/sparql-update"}).status_code == 403
    assert client.get("/sparql", params={"query": update}).status_code == 403
    assert client.post("/sparql", data={"update": update},
                       headers={"Authorization": "Bearer wrong-token-wrong-token"}).status_code == 403
    assert xss_kg.store.count() == before


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://example.com/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
])
def test_network_and_files_refused_400(client, query):
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 400 and "refused" in r.text


def test_graph_uri_parameters_refused(client):
    r = client.get("/sparql", params={"query": DEALS, "default-graph-uri": "http://example.com/"})
    assert r.status_code == 400


@pytest.mark.parametrize("query", ["SELECT ?s WHERE { ?s ?p }", "SELEC * {}", ""])
def test_malformed_400(client, query):
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 400
    assert r.text.count("\n") == 1


def test_missing_or_double_query_400(client):
    assert client.get("/sparql").status_code == 400
    browser = client.get("/sparql", headers={"Accept": "text/html,*/*"}, follow_redirects=False)
    assert browser.status_code == 303 and browser.headers["location"] == "/query"
    assert client.get("/sparql?query=ASK{}&query=ASK{}").status_code == 400


def test_oversized_413(client, settings):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (settings.max_body + 10)
    assert client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"}).status_code == 413
    long_query = "ASK {} #" + "x" * 100_001
    assert client.post("/sparql", data={"query": long_query}).status_code == 413

    def chunks():  # no Content-Length: the body is counted as it arrives
        for _ in range(settings.max_body // 1000 + 2):
            yield b"#" + b"x" * 999

    r = client.post("/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413


def test_unsupported_media_type(client):
    r = client.post("/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert r.status_code == 415


def test_timeout_stops_the_query(client, settings):
    import time

    start = time.monotonic()
    r = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})
    assert r.status_code == 503 and "time limit" in r.text
    assert time.monotonic() - start < settings.timeout + 3


def test_foreign_host_refused(client):
    for host in ("evil.example:8000", "127.0.0.1:9999", "localhost.evil.example:8000"):
        r = client.get("/sparql", params={"query": DEALS}, headers={"Host": host})
        assert r.status_code == 400
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200


def test_no_cors_by_default(client):
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    r = client.options("/sparql", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in r.headers


def test_cors_when_asked(xss_kg):
    from starlette.testclient import TestClient

    from kg.server.app import create_app
    from kg.server.settings import Settings

    app = create_app(xss_kg, Settings(port=8000, cors_origin="https://ok.example"))
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        ok = c.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://ok.example"})
        assert ok.headers["access-control-allow-origin"] == "https://ok.example"
        bad = c.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in bad.headers


@pytest.mark.parametrize("kind", ["disk", "memory"])
def test_update_with_token(tmp_path, kind):
    from starlette.testclient import TestClient

    from kg import KnowledgeGraph
    from kg.server.app import create_app
    from kg.server.settings import Settings

    kg = KnowledgeGraph.open(tmp_path / "store" if kind == "disk" else ":memory:")
    kg.build()
    token = "s3cret-token-0123456789"
    app = create_app(kg, Settings(port=8000, update_token=token))
    auth = {"Authorization": f"Bearer {token}"}
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        before = kg.store.count()
        r = c.post("/sparql", data={"update": "INSERT DATA { <http://x/a> rdfs:label \"new\" }"}, headers=auth)
        assert r.status_code == 204
        assert kg.store.count() == before + 1
        ask = c.get("/sparql", params={"query": 'ASK { <http://x/a> rdfs:label "new" }'})
        assert ask.json()["boolean"] is True
        r = c.post("/sparql", data={"update": "LOAD <http://127.0.0.1:1/x.ttl>"}, headers=auth)
        assert r.status_code == 400 and kg.store.count() == before + 1
        r = c.post("/sparql", data={"update": "INSERT DATA { <http://x/a> "}, headers=auth)
        assert r.status_code == 400 and kg.store.count() == before + 1
    kg.close()


def test_results_json_is_valid_for_clients(client):
    r = client.get("/sparql", params={"query": DEALS})
    parsed = ox.parse_query_results(r.content, format=ox.QueryResultsFormat.JSON)
    assert [v.value for v in parsed.variables] == ["d", "id"]
    assert len(list(parsed)) == len(bindings(r)) > 0  # a streaming parser reads to the end
    assert list(json.loads(r.content))[0] == "x-dealgraph"
    assert json.loads(r.content)["head"]["vars"] == ["d", "id"]


def test_sees_writes_by_another_process(tmp_path):
    """A server on a folder answers from the latest build, pages and /sparql alike."""
    from starlette.testclient import TestClient

    from kg import KnowledgeGraph
    from kg.namespaces import ID_BASE, KG
    from kg.server.app import create_app
    from kg.server.settings import Settings

    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.build()
    with TestClient(create_app(kg, Settings(port=8000)), base_url="http://127.0.0.1:8000") as c:
        ask = {"query": 'ASK { ?c rdfs:label "Renamed Biotech" }'}
        assert c.get("/sparql", params=ask).json()["boolean"] is False
        assert c.get("/company/kelun-biotech").status_code == 200
        other = KnowledgeGraph.open(tmp_path / "store")  # as `kg ingest` in another process would
        iri = ox.NamedNode(f"{ID_BASE}company/renamed-biotech")
        other.store.add([ox.Triple(iri, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                   ox.NamedNode(str(KG.Company))),
                         ox.Triple(iri, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                                   ox.Literal("Renamed Biotech"))])
        other.close()
        assert c.get("/sparql", params=ask).json()["boolean"] is True
        assert c.get("/company/renamed-biotech").status_code == 200
    kg.close()


def test_serve_command_is_registered(run_cli):
    code, out, _ = run_cli(["serve", "--help"])
    assert code == 0
    for option in ("--host", "--port", "--timeout", "--max-rows", "--allow-update-token", "--cors-origin"):
        assert option in out
    code, _, err = run_cli(["serve", "--allow-update-token", "short"], store=":memory:")
    assert code == 2 and "at least 16 characters" in err


def test_memory_hungry_query_is_stopped(tmp_path):
    """A query that would sort 33M rows dies at the worker's memory limit; the next query still answers."""
    from starlette.testclient import TestClient

    from kg import KnowledgeGraph
    from kg.server.app import create_app
    from kg.server.settings import Settings

    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.build()
    with TestClient(create_app(kg, Settings(port=8000, timeout=30, memory_mb=1024)),
                    base_url="http://127.0.0.1:8000") as c:
        r = c.get("/sparql", params={"query": "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"})
        assert r.status_code == 500 and "memory" in r.text
        assert c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
    kg.close()

"""No query, load or export reaches the network or reads a local file (the recorder must see 0 requests).

Every spelling of SERVICE is run through `kg query` and `KnowledgeGraph.query`, on the memory and the
disk store; LOAD / FROM / FROM NAMED likewise. JSON-LD remote contexts and RDF/XML entities go through
`kg ingest` and `KnowledgeGraph.ingest`. `test_recorder_sees_a_leak_when_the_guard_is_gone` is the
positive control: with the guard removed, the same harness does see the request.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import KnowledgeGraph
from kg.errors import DealgraphError, QueryError
from security.conftest import Recorder, one_line_error

REGRESSIONS = Path(__file__).parent / "regressions"

# {u} is the recorder's URL. Each is a query that would send a request if it ran.
SERVICE_QUERIES = {
    "plain": "SELECT * WHERE { SERVICE <{u}> { ?s ?p ?o } }",
    "lowercase": "select * where { service <{u}> { ?s ?p ?o } }",
    "mixed-case": "SELECT * WHERE { sErViCe <{u}> { ?s ?p ?o } }",
    "escaped-S": "SELECT * WHERE { \\u0053ERVICE <{u}> { ?s ?p ?o } }",
    "escaped-long": "SELECT * WHERE { \\U00000053\\u0045RVICE <{u}> { ?s ?p ?o } }",
    "silent": "SELECT * WHERE { SERVICE SILENT <{u}> { ?s ?p ?o } }",
    "nested-groups": "SELECT * WHERE { { { ?a ?b ?c } { SERVICE <{u}> { ?s ?p ?o } } } }",
    "subquery": "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <{u}> { ?s ?p ?o } } } }",
    "optional": "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE <{u}> { ?s ?p ?o } } } LIMIT 1",
    "minus": "SELECT * WHERE { ?a ?b ?c MINUS { SERVICE <{u}> { ?a ?p ?o } } } LIMIT 1",
    "exists": "SELECT * WHERE { ?a ?b ?c FILTER EXISTS { SERVICE <{u}> { ?a ?p ?o } } } LIMIT 1",
    "not-exists": "SELECT * WHERE { ?a ?b ?c FILTER NOT EXISTS { SERVICE <{u}> { ?a ?p ?o } } } LIMIT 1",
    "union": "SELECT * WHERE { { ?a ?b ?c } UNION { SERVICE <{u}> { ?s ?p ?o } } } LIMIT 1",
    "ask": "ASK { SERVICE <{u}> { ?s ?p ?o } }",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{u}> { ?s ?p ?o } }",
    "variable": "SELECT * WHERE { VALUES ?svc { <{u}> } SERVICE ?svc { ?s ?p ?o } }",
    "comment-between": "SELECT * WHERE { SERVICE # note\n <{u}> { ?s ?p ?o } }",
    "prefixed-iri": "PREFIX r: <{u}> SELECT * WHERE { SERVICE r:x { ?s ?p ?o } }",
    # found by this suite: each passed the old guard and reached the recorder (see regressions/)
    "glued-prefixed-name": "PREFIX : <{u}> SELECT * WHERE { SERVICE:x { ?s ?p ?o } }",
    "escaped-backslash-string": 'SELECT * WHERE { BIND("\\u005c" AS ?x) SERVICE <{u}> { ?s ?p ?o } BIND("y" AS ?y) }',
    "cr-ends-comment": "SELECT * WHERE { # c\rSERVICE <{u}> { ?s ?p ?o } \n}",
    "long-string-escape": "SELECT * WHERE { BIND('''\\'''' AS ?x) SERVICE <{u}> { ?s ?p ?o } BIND('x' AS ?y) }",
    "less-than-looks-like-iri": "PREFIX : <{u}> SELECT * WHERE { FILTER(?a<?b)SERVICE:#>\n{ ?s ?p ?o } }",
}
FILE_QUERIES = {
    "from": "SELECT * FROM <{u}> WHERE { ?s ?p ?o }",
    "from-named": "SELECT * FROM NAMED <{u}> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "from-file": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "load": "LOAD <{u}>",
    "load-silent-into": "LOAD SILENT <{u}> INTO GRAPH <http://example.org/g>",
    "load-file": "LOAD <file:///etc/passwd>",
    "insert-service": "INSERT { ?s ?p ?o } WHERE { SERVICE <{u}> { ?s ?p ?o } }",
}
ALL_QUERIES = {**SERVICE_QUERIES, **FILE_QUERIES}


def _q(template: str, rec: Recorder) -> str:
    return template.replace("{u}", rec.url)


@pytest.fixture(params=["memory", "disk"])
def api_kg(request: pytest.FixtureRequest, kg_memory: KnowledgeGraph, disk_kg: KnowledgeGraph) -> KnowledgeGraph:
    return kg_memory if request.param == "memory" else disk_kg


@pytest.mark.parametrize("name", sorted(ALL_QUERIES))
def test_api_query_refused_and_silent(name: str, api_kg: KnowledgeGraph, recorder: Recorder) -> None:
    with pytest.raises(QueryError, match="refused"):
        api_kg.query(_q(ALL_QUERIES[name], recorder), timeout=10)
    assert recorder.hits == 0, recorder.requests


@pytest.mark.parametrize("name", sorted(ALL_QUERIES))
def test_cli_query_refused_and_silent_disk(name: str, run_cli, built_template: Path, recorder: Recorder) -> None:
    code, out, err = run_cli(["query", _q(ALL_QUERIES[name], recorder), "--timeout", "10"], store=built_template)
    one_line_error(code, err)
    assert "refused" in err and out == ""
    assert recorder.hits == 0, recorder.requests


@pytest.mark.parametrize("name", ["plain", "escaped-S", "glued-prefixed-name", "long-string-escape",
                                  "less-than-looks-like-iri", "from-file", "load"])
def test_cli_query_refused_and_silent_memory(name: str, run_cli, recorder: Recorder) -> None:
    code, out, err = run_cli(["query", _q(ALL_QUERIES[name], recorder)], store=":memory:")
    one_line_error(code, err)
    assert recorder.hits == 0, recorder.requests


def test_cli_query_file_refused(run_cli, built_template: Path, recorder: Recorder, tmp_path: Path) -> None:
    rq = tmp_path / "leak.rq"
    rq.write_text(_q(SERVICE_QUERIES["subquery"], recorder), encoding="utf-8")
    code, _, err = run_cli(["query", str(rq)], store=built_template)
    one_line_error(code, err)
    assert recorder.hits == 0


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("service-*.rq")), ids=lambda p: p.stem)
def test_regression_queries_refused(path: Path, disk_kg: KnowledgeGraph, recorder: Recorder) -> None:
    with pytest.raises(QueryError, match="refused"):
        disk_kg.query(path.read_text(encoding="utf-8").replace("{u}", recorder.url), timeout=10)
    assert recorder.hits == 0


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:service ?o } LIMIT 1",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o = 'SERVICE <http://x/> {}') } LIMIT 1",
    "SELECT * WHERE { ?s ?p <http://example.org/web-service> } LIMIT 1",
    "SELECT ?from WHERE { ?from ?p ?o } LIMIT 1  # SERVICE in a comment",
])
def test_harmless_mentions_still_run(query: str, disk_kg: KnowledgeGraph) -> None:
    disk_kg.query(query, timeout=10)


def test_recorder_sees_a_leak_when_the_guard_is_gone(monkeypatch: pytest.MonkeyPatch, kg_memory: KnowledgeGraph,
                                                      recorder: Recorder) -> None:
    """Positive control: the harness does notice a request, so the zeros above mean something."""
    import kg.sparql

    monkeypatch.setattr(kg.sparql, "guard", lambda text: text)
    with pytest.raises(DealgraphError):
        kg_memory.query(_q(SERVICE_QUERIES["plain"], recorder), timeout=10)
    assert recorder.hits >= 1


# -- loads: JSON-LD contexts and RDF/XML entities -----------------------------------------------
def _jsonld(rec: Recorder) -> dict[str, object]:
    u = rec.url
    doc = {"@id": "http://example.org/a", "p": "x"}
    return {
        "string-context": {"@context": u, **doc},
        "file-context": {"@context": "file:///etc/passwd", **doc},
        "array-of-contexts": {"@context": [{"p": "http://example.org/p"}, u], **doc},
        "nested-scoped-context": {"@context": {"p": {"@id": "http://example.org/p", "@context": u}},
                                  "@id": "http://example.org/a", "p": {"q": 1}},
        "import": {"@context": {"@version": 1.1, "@import": u, "p": "http://example.org/p"}, **doc},
        "context-in-graph": {"@graph": [{"@context": u, **doc}]},
        "relative-context": {"@context": "ctx.jsonld", **doc},
    }


JSONLD_CASES = ["string-context", "file-context", "array-of-contexts", "nested-scoped-context", "import",
                "context-in-graph", "relative-context", "escaped-key"]


def _jsonld_bytes(name: str, rec: Recorder) -> bytes:
    if name == "escaped-key":  # "\u0040context" is "@context" to a JSON parser, not to a regex
        return b'{"\\u0040context": "' + rec.url.encode() + b'", "@id": "http://example.org/a"}'
    return json.dumps(_jsonld(rec)[name]).encode()


@pytest.mark.parametrize("name", JSONLD_CASES)
def test_cli_ingest_jsonld_remote_context(name: str, run_cli, built_store: Path, recorder: Recorder,
                                          tmp_path: Path) -> None:
    path = tmp_path / f"{name}.jsonld"
    path.write_bytes(_jsonld_bytes(name, recorder))
    code, _, err = run_cli(["ingest", str(path)], store=built_store)
    one_line_error(code, err)
    assert "remote @context" in err  # our check, not the parser's own refusal
    assert recorder.hits == 0


@pytest.mark.parametrize("name", ["array-of-contexts", "import", "escaped-key"])
def test_api_ingest_jsonld_remote_context_memory(name: str, recorder: Recorder, tmp_path: Path) -> None:
    kg = KnowledgeGraph.open(":memory:")
    kg.build()
    before = kg.content_hash()
    path = tmp_path / f"{name}.jsonld"
    path.write_bytes(_jsonld_bytes(name, recorder))
    with pytest.raises(DealgraphError, match="remote @context"):
        kg.ingest([path])
    assert kg.content_hash() == before and recorder.hits == 0


RDFXML_HEAD = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://example.org/">'
               '<rdf:Description rdf:about="http://example.org/a"><e:p>{body}</e:p></rdf:Description></rdf:RDF>')


def _rdfxml(name: str, u: str) -> str:
    decl = '<?xml version="1.0"?>\n'
    return decl + {
        "external-entity": f'<!DOCTYPE r [<!ENTITY x SYSTEM "{u}x">]>' + RDFXML_HEAD.format(body="&x;"),
        "file-entity": '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + RDFXML_HEAD.format(body="&x;"),
        "parameter-entity": f'<!DOCTYPE r [<!ENTITY % p SYSTEM "{u}p"> %p;]>' + RDFXML_HEAD.format(body="x"),
        "external-dtd": f'<!DOCTYPE rdf:RDF SYSTEM "{u}dtd">' + RDFXML_HEAD.format(body="x"),
        "public-dtd": f'<!DOCTYPE rdf:RDF PUBLIC "-//X//Y" "{u}dtd">' + RDFXML_HEAD.format(body="x"),
        "internal-entity": '<!DOCTYPE r [<!ENTITY x "y">]>' + RDFXML_HEAD.format(body="&x;"),
    }[name]


@pytest.mark.parametrize("name", ["external-entity", "file-entity", "parameter-entity", "external-dtd",
                                  "public-dtd", "internal-entity"])
def test_cli_ingest_rdfxml_doctype_refused(name: str, run_cli, built_store: Path, recorder: Recorder,
                                           tmp_path: Path) -> None:
    path = tmp_path / f"{name}.rdf"
    path.write_text(_rdfxml(name, recorder.url), encoding="utf-8")
    code, out, err = run_cli(["ingest", str(path)], store=built_store)
    one_line_error(code, err)
    assert "DOCTYPE" in err and "root:" not in out + err
    assert recorder.hits == 0


def test_api_ingest_rdfxml_entity_memory(recorder: Recorder, tmp_path: Path) -> None:
    kg = KnowledgeGraph.open(":memory:")
    kg.build()
    path = tmp_path / "e.rdf"
    path.write_text(_rdfxml("external-entity", recorder.url), encoding="utf-8")
    with pytest.raises(DealgraphError, match="DOCTYPE"):
        kg.ingest([path])
    assert recorder.hits == 0


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "rdf", "csv", "graphml"])
def test_export_sends_nothing(fmt: str, run_cli, built_template: Path, recorder: Recorder, tmp_path: Path) -> None:
    code, _, err = run_cli(["export", "--format", fmt, "-o", str(tmp_path / f"out.{fmt}")], store=built_template)
    assert code == 0, err
    assert recorder.hits == 0

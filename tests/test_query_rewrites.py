"""Rewritten named queries return exactly the rows (and row order) of the queries they replaced.

The references are the original texts, which were slow on large graphs (upfront-by-year ran its modality
EXISTS as a cross product per deal; deals-by-target evaluated every deal of the store). Rows are compared
as lists: ORDER BY ties and GROUP_CONCAT follow the engine's evaluation order, which must not change.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg import KnowledgeGraph
from kg.sparql import named_queries, run
from kg.store import DiskStore, MemoryStore

UPFRONT_BY_YEAR = """\
# title: Upfront paid by licensees of one country group to licensors of another, by year and modality
# param: licensorCountry string optional licensor country code (e.g. CN); default any
# param: modality string optional modality label (e.g. ADC); default any
SELECT ?licensorCountry ?modality ?year (COUNT(DISTINCT ?deal) AS ?deals) (SUM(?u) AS ?upfront)
       (GROUP_CONCAT(DISTINCT ?licenseeName; separator="|") AS ?licensees)
WHERE {
  ?deal kg:licensor ?licensor ; kg:licensee ?licensee ; kg:year ?year ; kg:upfront/kg:usdMillions ?u .
  ?licensor kg:country/kg:code ?lc .
  ?licensee kg:country/kg:code ?ec ; rdfs:label ?licenseeName .
  FILTER(?licensorCountry = "" || ?lc = ?licensorCountry)
  FILTER(?licensorCountry = "" || ?ec != ?licensorCountry)
  FILTER(?modality = "" || EXISTS { ?deal kg:asset/kg:modality/skos:prefLabel ?modality })
}
GROUP BY ?licensorCountry ?modality ?year
ORDER BY ?year
"""

DEALS_BY_TARGET = """\
# title: Deals for assets that hit a target (who else develops or licensed it, at what price)
# param: target target the molecular target (HGNC symbol or common name)
# bindings: inline (the planner sees the bound values; see kg/store.py)
SELECT ?target ?asset ?assetName ?modality ?developerName ?deal ?dealId ?announced ?licensorName ?licenseeName
       ?upfront ?milestones ?total
WHERE {
  ?asset kg:targets ?target ; rdfs:label ?assetName .
  OPTIONAL { ?asset kg:modality/skos:prefLabel ?modality }
  OPTIONAL { ?developer kg:develops ?asset . ?developer rdfs:label ?developerName }
  OPTIONAL {
    ?deal kg:asset ?asset ; kg:code ?dealId ;
          kg:licensor/rdfs:label ?licensorName ; kg:licensee/rdfs:label ?licenseeName .
    OPTIONAL { ?deal kg:announced ?announced }
    OPTIONAL { ?deal kg:upfront/kg:usdMillions ?upfront }
    OPTIONAL { ?deal kg:milestones/kg:usdMillions ?milestones }
    OPTIONAL { ?deal kg:totalValue/kg:usdMillions ?total }
  }
}
ORDER BY ?assetName DESC(?announced)
"""

COUNTRIES = ["", "CN", "US", "JP", "ZZ"]
MODALITIES = ["", "ADC", "siRNA", "no such modality"]


@pytest.fixture(scope="module")
def market_data(tmp_path_factory: pytest.TempPathFactory, generate_market) -> Path:
    """A generated market: multi-asset deals, co-developers and ORDER BY ties the bundled data lacks."""
    out = tmp_path_factory.mktemp("market") / "data"
    generate_market(1500, 11, out)
    return out


@pytest.fixture(scope="module")
def markets(market_data: Path) -> dict[str, KnowledgeGraph]:
    # both backends: their scans return matches in different orders (insertion vs index order)
    out = {}
    for name, store in (("memory", MemoryStore()), ("disk", DiskStore(market_data.parent / "store"))):
        out[name] = KnowledgeGraph(store)
        out[name].build([market_data], bundled=False)
    return out


@pytest.fixture(params=["bundled", "generated-memory", "generated-disk"])
def graph(request: pytest.FixtureRequest, kg_memory: KnowledgeGraph,
          markets: dict[str, KnowledgeGraph]) -> KnowledgeGraph:
    return kg_memory if request.param == "bundled" else markets[request.param.split("-")[1]]


def _rows(kg: KnowledgeGraph, text: str, bindings: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    rows = run(kg.store, text, bindings, limit=sys.maxsize)
    return rows.variables, rows.rows


def _header(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(("# title:", "# param:", "# bindings:"))]


def test_rewrites_keep_the_parsed_header() -> None:
    for name, old in (("upfront-by-year", UPFRONT_BY_YEAR), ("deals-by-target", DEALS_BY_TARGET)):
        assert _header(named_queries()[name].text) == _header(old)


@pytest.mark.parametrize("country", COUNTRIES)
@pytest.mark.parametrize("modality", MODALITIES)
def test_upfront_by_year_matches_the_original(graph: KnowledgeGraph, country: str, modality: str) -> None:
    params = {k: v for k, v in (("licensorCountry", country), ("modality", modality)) if v}
    bindings = graph.bind_params("upfront-by-year", params)
    new = _rows(graph, named_queries()["upfront-by-year"].text, bindings)
    assert new == _rows(graph, UPFRONT_BY_YEAR, bindings)
    if country in ("", "CN", "US") and modality in ("", "ADC"):
        assert new[1], "the comparison should see rows"


def _targets(kg: KnowledgeGraph) -> list[str]:
    """The targets with most deal rows, a few with no deals, and an IRI that is no target."""
    query = """SELECT ?t (COUNT(?d) AS ?n)
               WHERE { ?t a kg:Target OPTIONAL { ?a kg:targets ?t OPTIONAL { ?d kg:asset ?a } } }
               GROUP BY ?t ORDER BY DESC(?n) ?t"""
    rows = run(kg.store, query, limit=sys.maxsize).rows
    no_deals = [r["t"] for r in rows if r["n"] == 0]
    assert len(rows) > 10 and no_deals
    return [r["t"] for r in rows[:8]] + no_deals[:3] + ["https://w3id.org/dealgraph/id/target/NO-SUCH-TARGET"]


def test_deals_by_target_matches_the_original(graph: KnowledgeGraph) -> None:
    text = named_queries()["deals-by-target"].text
    seen = 0
    for target in _targets(graph):
        bindings = {"target": ox.NamedNode(target)}
        new = _rows(graph, text, bindings)
        assert new == _rows(graph, DEALS_BY_TARGET, bindings), target
        seen += len(new[1])
    assert seen > 20


def test_deals_by_target_by_name(kg_memory: KnowledgeGraph) -> None:
    rows = kg_memory.named("deals-by-target", {"target": "PD-1"}).rows
    bindings = kg_memory.bind_params("deals-by-target", {"target": "PD-1"})
    assert [{k: v for k, v in r.items() if k != "target"} for r in _rows(kg_memory, DEALS_BY_TARGET, bindings)[1]] \
        == rows


def test_standard_form_drops_only_the_keyword() -> None:
    from kg.sparql import standard_sparql

    rest = '{ ?s ?p "LATERAL {" } # lateral in a comment\n <urn:LATERAL> ?q ?o }'
    assert standard_sparql(f"SELECT * WHERE {{ LATERAL {rest}") == f"SELECT * WHERE {{  {rest}"


@pytest.mark.parametrize("name", [n for n, q in named_queries().items() if "LATERAL" in q.text])
def test_standard_sparql_form_gives_the_same_rows(graph: KnowledgeGraph, name: str) -> None:
    """What a third-party SPARQL server (`--store http://...`) is sent: LATERAL dropped, same rows."""
    from kg.sparql import standard_sparql

    text = named_queries()[name].text
    body = [line for line in standard_sparql(text).splitlines() if not line.startswith("#")]
    assert body and not any("LATERAL" in line.upper() for line in body)
    seen = 0
    for target in _targets(graph):
        bindings = {"target": ox.NamedNode(target)}
        new = _rows(graph, standard_sparql(text), bindings)
        assert new == _rows(graph, text, bindings), target
        seen += len(new[1])
    assert seen > 20

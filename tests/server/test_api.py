"""The JSON API mirrors the CLI; OpenAPI describes it."""

from __future__ import annotations

import importlib.util

import pytest


def has(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def test_partners_depth_1_is_the_cli_answer(client, xss_kg):
    r = client.get("/api/partners", params={"company": "Kelun"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.json() == xss_kg.partners("Kelun-Biotech")


def test_partners_unknown_404_with_suggestions(client):
    r = client.get("/api/partners", params={"company": "Kelun Biotek"})
    assert r.status_code == 404
    assert "Kelun-Biotech" in r.json()["suggestions"]


@pytest.mark.parametrize("params", [{}, {"company": ""}, {"company": "Kelun", "depth": "x"},
                                    {"company": "Kelun", "depth": "0"}, {"company": "Kelun", "depth": "99"},
                                    {"company": "x" * 400}])
def test_partners_bad_parameters_400(client, params):
    r = client.get("/api/partners", params=params)
    assert r.status_code == 400 and r.json()["error"]


@pytest.mark.skipif(has("kg.network.paths"), reason="kg.network is installed")
def test_network_answers_501_without_kg_network(client):
    for path, params in (("/api/path", {"a": "Crescent Biopharma", "b": "MSD"}), ("/api/central", {}),
                         ("/api/partners", {"company": "Kelun", "depth": "2"})):
        r = client.get(path, params=params)
        assert r.status_code == 501 and "not available" in r.json()["error"]


@pytest.mark.skipif(not has("kg.network.paths"), reason="kg.network is not installed")
def test_network_answers_with_kg_network(client):
    r = client.get("/api/path", params={"a": "Crescent Biopharma", "b": "MSD"})
    assert r.status_code == 200, r.text
    assert r.json()["paths"] and r.json()["b"]["name"] == "Merck & Co."
    r = client.get("/api/central", params={"metric": "betweenness", "top": "3"})
    assert r.status_code == 200 and len(r.json()["scores"]) == 3
    r = client.get("/api/partners", params={"company": "Crescent Biopharma", "depth": "2"})
    assert r.status_code == 200 and r.json()["partners"]


def test_central_bad_metric_400(client):
    r = client.get("/api/central", params={"metric": "nonsense"})
    assert r.status_code == 400 and "metric" in r.json()["error"]


def test_openapi_documents_the_api(client):
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert {"/sparql", "/api/partners", "/api/path", "/api/central"} <= set(doc["paths"])
    names = {p["name"] for p in doc["paths"]["/api/partners"]["get"]["parameters"]}
    assert names == {"company", "depth"}

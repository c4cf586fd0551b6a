"""The network commands on the bundled data, through the CLI."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from kg import KnowledgeGraph

    path = tmp_path_factory.mktemp("net") / "store"
    kg = KnowledgeGraph.open(path)
    kg.build()
    kg.close()
    return path


def test_partners_depth_2_reaches_merck_through_kelun(run_cli, store):
    code, out, err = run_cli(["partners", "Crescent Biopharma", "--depth", "2", "--format", "json"], store=store)
    assert code == 0, err
    answer = json.loads(out)
    by_name = {p["name"]: p for p in answer["partners"]}
    assert by_name["Kelun-Biotech"]["distance"] == 1
    assert {d["direction"] for d in by_name["Kelun-Biotech"]["deals"]} == {"in", "out"}
    merck = by_name["Merck & Co."]
    assert merck["distance"] == 2 and len(merck["via"]) == 2
    assert merck["chain"][0] == "Crescent Biopharma" and merck["chain"][2] == "Kelun-Biotech"
    distances = [p["distance"] for p in answer["partners"]]
    assert distances == sorted(distances)


def test_path_explains_the_chain(run_cli, store):
    code, out, err = run_cli(["path", "Crescent Biopharma", "Merck & Co."], store=store)
    assert code == 0, err
    assert "Crescent Biopharma -> Kelun-Biotech -> Merck & Co." in out
    assert "Kelun-Biotech licensed SKB105 to Crescent Biopharma (2025, $80m upfront)" in out


def test_depth_over_the_cap_is_exit_2(run_cli, store):
    code, _, err = run_cli(["partners", "Kelun", "--depth", "50"], store=store)
    assert code == 2 and "out of range" in err


def test_unknown_company_in_path_is_exit_2(run_cli, store):
    code, _, err = run_cli(["path", "Nobody Pharma", "Merck & Co."], store=store)
    assert code == 2 and "unknown company" in err


@pytest.mark.parametrize("metric", ["degree", "betweenness", "pagerank", "eigenvector"])
def test_central_is_stable(run_cli, store, metric):
    first = run_cli(["central", "--metric", metric, "--top", "10", "--format", "json"], store=store)
    second = run_cli(["central", "--metric", metric, "--top", "10", "--format", "json"], store=store)
    assert first[0] == 0 and first[1] == second[1]
    assert len(json.loads(first[1])) == 10


def test_communities_bridges_and_target(run_cli, store):
    code, out, _ = run_cli(["communities", "--format", "json"], store=store)
    assert code == 0 and json.loads(out)
    code, out, _ = run_cli(["bridges", "--format", "json"], store=store)
    assert code == 0 and isinstance(json.loads(out), list)
    code, out, _ = run_cli(["target", "PD-1", "--format", "json"], store=store)
    assert code == 0
    assert "CR-001" in {a["label"] for a in json.loads(out)["assets"]}

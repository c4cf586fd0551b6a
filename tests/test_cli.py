"""The `kg` command's contracts: JSON shapes, exit codes, one-line errors, store left intact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def store(tmp_path: Path, run_cli) -> Path:
    path = tmp_path / "kgstore"
    code, out, err = run_cli(["build"], store=path)
    assert code == 0, err
    return path


def test_partners_json(run_cli, store):
    code, out, _ = run_cli(["partners", "Kelun-Biotech", "--format", "json"], store=store)
    assert code == 0
    answer = json.loads(out)
    assert answer["company"]["name"] == "Kelun-Biotech"
    assert {"Crescent Biopharma", "Merck & Co."} <= {p["name"] for p in answer["partners"]}


def test_partners_of_msd_answers_for_merck(run_cli, store):
    code, out, _ = run_cli(["partners", "MSD", "--format", "json"], store=store)
    assert code == 0 and json.loads(out)["company"]["name"] == "Merck & Co."


def test_partners_table_mentions_the_deals(run_cli, store):
    code, out, _ = run_cli(["partners", "Kelun-Biotech"], store=store)
    assert code == 0
    assert "SKB105" in out and "$80m" in out and "$1.25bn" in out and "CR-001" in out


def test_unknown_company_exit_2_with_suggestions(run_cli, store):
    code, out, err = run_cli(["partners", "Kelun Biotek"], store=store)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Kelun-Biotech" in err


def test_first_use_builds_the_bundled_data(run_cli, tmp_path):
    code, out, err = run_cli(["partners", "Crescent Biopharma", "--format", "json"], store=tmp_path / "fresh")
    assert code == 0, err
    assert json.loads(out)["partners"][0]["name"] == "Kelun-Biotech"


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_named_query_formats(run_cli, store, fmt):
    code, out, err = run_cli(["query", "partners", "--param", "company=Kelun", "--format", fmt], store=store)
    assert code == 0, err
    assert "Crescent Biopharma" in out


def test_inline_query_and_rq_file(run_cli, store, tmp_path):
    code, out, _ = run_cli(["query", "SELECT (COUNT(*) AS ?n) WHERE { ?d a kg:Deal }", "--format", "json"],
                           store=store)
    assert code == 0 and json.loads(out)["rows"][0]["n"] >= 3
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?name WHERE { ?c a kg:Company ; rdfs:label ?name } ORDER BY ?name LIMIT 2")
    code, out, _ = run_cli(["query", str(rq), "--format", "csv"], store=store)
    assert code == 0 and out.startswith("name\n")


@pytest.mark.parametrize("query", ["SELECT ?s WHERE { ?s ?p }",
                                   "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
                                   "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"])
def test_bad_queries_exit_2_in_one_line(run_cli, store, query):
    code, out, err = run_cli(["query", query], store=store)
    assert code == 2 and err.startswith("kg: error:") and err.count("\n") == 1


def test_validate_passes_on_bundled_data(run_cli, store):
    code, out, err = run_cli(["validate"], store=store)
    assert code == 0, out + err
    assert out.startswith("conforms")


def test_deal_without_licensee_fails_validation_naming_it(run_cli, store, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("""@prefix kg: <https://w3id.org/dealgraph/ontology#> .
<https://w3id.org/dealgraph/id/deal/broken> a kg:Deal ;
  kg:licensor <https://w3id.org/dealgraph/id/company/kelun-biotech> .
""")
    before = run_cli(["export", "--format", "nt", "-o", tmp_path / "before.nt"], store=store)
    assert before[0] == 0
    code, out, err = run_cli(["ingest", bad], store=store)
    assert code == 2
    assert "deal/broken" in err and "licensee" in err
    run_cli(["export", "--format", "nt", "-o", tmp_path / "after.nt"], store=store)
    assert (tmp_path / "before.nt").read_bytes() == (tmp_path / "after.nt").read_bytes()


def test_malformed_yaml_names_file_and_line(run_cli, store, tmp_path):
    bad = tmp_path / "deals.yaml"
    bad.write_text("- id: x\n  licensor: [unclosed\n")
    code, _, err = run_cli(["ingest", bad], store=store)
    assert code == 2 and f"{bad}:" in err and err.count("\n") == 1


def test_ingest_yaml_deal_by_names_then_again_adds_nothing(run_cli, store, tmp_path):
    deal = tmp_path / "deal.yaml"
    deal.write_text("""- id: test-kelun-msd-2099
  announced: '2024-01-02'
  type: license
  licensor: Kelun
  licensee: MSD
  upfront_usd_m: 1
  sources: [https://example.org/press-release]
""")
    code, out, err = run_cli(["ingest", deal], store=store)
    assert code == 0, err
    assert "test-kelun-msd-2099" in out
    code, out, err = run_cli(["ingest", deal, "--format", "json"], store=store)
    assert code == 0 and json.loads(out)["deals_added"] == []


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "csv", "graphml"])
def test_export_formats(run_cli, store, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    code, _, err = run_cli(["export", "--format", fmt, "-o", target], store=store)
    assert code == 0, err
    assert target.stat().st_size > 100
    assert not list(tmp_path.glob(".out.*.tmp"))


def test_export_to_missing_folder_is_a_clear_error(run_cli, store, tmp_path):
    code, _, err = run_cli(["export", "--format", "ttl", "-o", tmp_path / "nope" / "x.ttl"], store=store)
    assert code == 2 and "does not exist" in err

"""Queries: injection through names and parameters, deadlines that stop, row caps. Output: CSV formula
cells neutralised, YAML only through the safe loader."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg import KnowledgeGraph
from kg.errors import QueryError
from kg.export import rows_to_csv, safe_cell
from security.conftest import one_line_error

ROOT = Path(__file__).resolve().parents[2]
INJECTIONS = [
    'x" } UNION { ?s ?p ?o } #',
    "x' } UNION { ?s ?p ?o } #",
    "<http://evil>",
    "<https://w3id.org/dealgraph/id/company/kelun-biotech>",
    "Kelun\n} UNION { ?s ?p ?o }",
    "Kelun\r\nSERVICE <http://127.0.0.1:9/> {}",
    "?company",
    "*",
    "\\u0022 } UNION { ?s ?p ?o }",
    "https://w3id.org/dealgraph/id/company/merck-co> } UNION { ?s ?p ?o } #",
]


@pytest.mark.parametrize("name", INJECTIONS)
def test_partners_injection_is_an_unknown_name(name: str, run_cli, built_template: Path) -> None:
    code, out, err = run_cli(["partners", name, "--format", "json"], store=built_template)
    if code == 0:  # only acceptable answer: a company that exists, found by its name, with its own deals
        answer = json.loads(out)
        assert answer["company"]["name"] in ("Kelun-Biotech",), answer["company"]
    else:
        one_line_error(code, err)
        assert "unknown company" in err and out == ""


@pytest.mark.parametrize("name", INJECTIONS[:5])
def test_named_query_parameter_injection(name: str, run_cli, built_template: Path) -> None:
    code, out, err = run_cli(["query", "partners", "--param", f"company={name}"], store=built_template)
    assert code == 2 and out == "" and "unknown company" in err, (code, out, err)


@pytest.mark.parametrize("value", ["CN> } UNION { ?s ?p ?o } #", "C N", "<http://evil>", "CN\n} UNION {"])
def test_region_parameter_injection(value: str, run_cli, built_template: Path) -> None:
    code, out, err = run_cli(["query", "rights-in-region", "--param", "asset=SKB105", "--param", f"country={value}"],
                             store=built_template)
    one_line_error(code, err)


def test_inline_query_parameters_are_bound_values(run_cli, built_template: Path) -> None:
    value = INJECTIONS[0]
    code, out, err = run_cli(["query", "SELECT ?v WHERE {}", "--param", f"v={value}",
                              "--format", "json"], store=built_template)
    assert code == 0, err
    assert json.loads(out)["rows"] == [{"v": value}]


@pytest.mark.parametrize("value", ["<a b>", "<http://x/\n>", "<>>"])
def test_invalid_iri_parameter_is_a_user_error(value: str, run_cli, built_template: Path) -> None:
    code, _, err = run_cli(["query", "SELECT ?v WHERE {}", "--param", f"v={value}"],
                           store=built_template)
    one_line_error(code, err)


CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_cli_timeout_really_stops_the_query(built_template: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "--store", str(built_template), "query", CROSS,
                           "--timeout", "1"], capture_output=True, text=True, timeout=30, env=env)
    elapsed = time.monotonic() - start
    assert proc.returncode == 2 and "time limit" in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr
    assert elapsed < 8, elapsed


def test_api_timeout_memory_store(kg_memory: KnowledgeGraph) -> None:
    import multiprocessing

    start = time.monotonic()
    with pytest.raises(QueryError, match="time limit"):
        kg_memory.query(CROSS, timeout=0.5)
    assert time.monotonic() - start < 5
    assert not multiprocessing.active_children()  # the query process was killed and reaped


@pytest.mark.parametrize("timeout", ["0", "-1", "nan", "inf"])
def test_bad_timeouts_refused(timeout: str, run_cli, built_template: Path) -> None:
    code, _, err = run_cli(["query", "ASK {}", "--timeout", timeout], store=built_template)
    one_line_error(code, err)


def test_limit_caps_rows(run_cli, built_template: Path) -> None:
    code, out, err = run_cli(["query", "SELECT ?s WHERE { ?s ?p ?o }", "--limit", "5", "--format", "json"],
                             store=built_template)
    assert code == 0, err
    answer = json.loads(out)
    assert len(answer["rows"]) == 5 and answer["truncated"] is True


def test_limit_is_applied_in_the_query_process(monkeypatch: pytest.MonkeyPatch, kg_memory: KnowledgeGraph) -> None:
    """The child sends at most `limit` rows: a cross product with a small limit comes back small and fast."""
    rows = kg_memory.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", limit=3, timeout=20)
    assert len(rows.rows) == 3 and rows.truncated


def test_negative_limit_refused(run_cli, built_template: Path) -> None:
    code, _, err = run_cli(["query", "ASK {}", "--limit", "-1"], store=built_template)
    one_line_error(code, err)


# -- output ------------------------------------------------------------------------------------
DANGEROUS = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "\t-1", "\r1", "-inf", "=HYPERLINK(\"http://x\")",
             "-1_0", " -1"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_safe_cell_neutralises(value: str) -> None:
    assert safe_cell(value).startswith("'") or value[:1] not in "=+-@\t\r"


@pytest.mark.parametrize("value", ["-5", "+3.5", "-1e3", "12", "Kelun-Biotech", ""])
def test_safe_cell_keeps_numbers_and_text(value: str) -> None:
    assert safe_cell(value) == value


def test_query_csv_neutralises_formula_cells(run_cli, built_template: Path) -> None:
    values = " ".join(json.dumps(v) for v in DANGEROUS[:7])
    code, out, err = run_cli(["query", f"SELECT ?x WHERE {{ VALUES ?x {{ {values} }} }}", "--format", "csv"],
                             store=built_template)
    assert code == 0, err
    cells = [row[0] for row in csv.reader(io.StringIO(out, newline=""))][1:]
    assert len(cells) == 7 and all(c.startswith("'") for c in cells), cells


def test_export_csv_neutralises_formula_names(run_cli, built_store: Path, tmp_path: Path) -> None:
    deal = tmp_path / "evil.yaml"
    deal.write_text("""companies:
- id: evil-co
  name: "=HYPERLINK(\\"http://evil\\",\\"x\\")"
deals:
- id: evil-deal
  type: license
  licensor: evil-co
  licensee: kelun-biotech
  sources: [https://example.org/news]
  notes: "@SUM(1)"
""", encoding="utf-8")
    code, _, err = run_cli(["ingest", str(deal)], store=built_store)
    assert code == 0, err
    out = tmp_path / "deals.csv"
    code, _, err = run_cli(["export", "--format", "csv", "-o", str(out)], store=built_store)
    assert code == 0, err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    evil = [r for r in rows if r["id"] == "evil-deal"]
    assert evil and evil[0]["licensor"].startswith("'=HYPERLINK")
    for row in rows:
        assert not any(v[:1] in ("=", "+", "@", "\t", "\r") for v in row.values() if v), row


def test_rows_to_csv_every_cell() -> None:
    text = rows_to_csv(["a", "b"], [{"a": "=1", "b": "-2"}, {"a": "+x", "b": "@y"}])
    assert text.splitlines()[1:] == ["'=1,-2", "'+x,'@y"]


def test_yaml_python_tag_refused_and_runs_nothing(run_cli, built_store: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f'deals: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    evil2 = tmp_path / "evil2.yaml"
    evil2.write_text(f'- !!python/object/new:subprocess.check_call [["touch", "{marker}"]]\n', encoding="utf-8")
    for path in (evil, evil2):
        code, _, err = run_cli(["ingest", str(path)], store=built_store)
        one_line_error(code, err)
    assert not marker.exists()


def test_yaml_reader_uses_a_safe_loader() -> None:
    import yaml

    from kg.loaders.yamlsafe import LineLoader

    assert issubclass(LineLoader, yaml.SafeLoader | yaml.CSafeLoader)
    assert not issubclass(LineLoader, yaml.UnsafeLoader | yaml.FullLoader)


def test_error_message_with_newlines_is_one_line(run_cli, built_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.yaml"
    path.write_text("deals: [", encoding="utf-8")
    code, _, err = run_cli(["ingest", str(path)], store=built_store)
    one_line_error(code, err)

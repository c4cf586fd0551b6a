"""Article text into the graph: deals with provenance, no twins, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import KnowledgeGraph

SEED = Path(__file__).resolve().parents[1] / "extract" / "texts"
ARTICLE = """Shanghai, May 4, 2024 -- China-based Zorvia Therapeutics said it granted Halcyon Pharma Inc.
exclusive rights to develop and commercialize ZRV-101, a Claudin 18.2 antibody-drug conjugate, outside Greater China.

Halcyon Pharma will pay Zorvia Therapeutics $60 million upfront and up to $900 million in milestones, plus tiered
royalties on net sales.
"""


@pytest.fixture
def empty_store(tmp_path: Path) -> Path:
    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.build(bundled=False)
    kg.close()
    return tmp_path / "store"


def write(tmp_path: Path, text: str, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_article_deal_reaches_the_graph_with_evidence(run_cli, empty_store, tmp_path):
    article = write(tmp_path, ARTICLE)
    code, out, err = run_cli(["ingest", article], store=empty_store)
    assert code == 0, err
    code, out, _ = run_cli(["partners", "Zorvia Therapeutics", "--format", "json"], store=empty_store)
    answer = json.loads(out)
    deal = answer["partners"][0]["deals"][0]
    assert answer["partners"][0]["name"].startswith("Halcyon Pharma")
    assert (deal["direction"], deal["upfront_usd_m"], deal["milestones_usd_m"]) == ("out", 60, 900)
    assert deal["announced"] == "2024-05-04"
    code, out, _ = run_cli(["query", "deal-evidence", "--format", "json"], store=empty_store)
    rows = json.loads(out)["rows"]
    upfront = [r for r in rows if r["field"] == "upfront_usd_m"]
    assert upfront and "$60 million upfront" in upfront[0]["quote"]
    assert ARTICLE[upfront[0]["start"]:upfront[0]["end"]] == upfront[0]["quote"]
    assert run_cli(["validate"], store=empty_store)[0] == 0


def test_ingesting_the_same_text_twice_adds_nothing(run_cli, empty_store, tmp_path):
    article = write(tmp_path, ARTICLE)
    assert run_cli(["ingest", article], store=empty_store)[0] == 0
    kg = KnowledgeGraph.open(empty_store)
    before = kg.content_hash()
    kg.close()
    code, out, _ = run_cli(["ingest", article, "--format", "json"], store=empty_store)
    assert code == 0 and json.loads(out)["deals_added"] == []
    kg = KnowledgeGraph.open(empty_store)
    assert kg.content_hash() == before


def test_a_known_deal_gains_the_article_as_a_source(run_cli, tmp_path):
    store = tmp_path / "full"
    text = ("Kelun-Biotech licensed SKB105 to Crescent Biopharma, which will pay $80m upfront and up to $1.25bn "
            "in milestones for rights outside Greater China.\n")
    article = write(tmp_path, text)
    code, out, err = run_cli(["ingest", article, "--format", "json"], store=store)
    assert code == 0, err
    summary = json.loads(out)
    assert summary["deals_added"] == []
    assert summary["matched"][0]["deal"] == "kelun-crescent-skb105"
    code, out, _ = run_cli(["partners", "Crescent Biopharma", "--format", "json"], store=store)
    deals = json.loads(out)["partners"][0]["deals"]
    skb105 = next(d for d in deals if d["assets"] == ["SKB105"])
    assert any(s.startswith("file://") for s in skb105["sources"])


@pytest.mark.parametrize("content,message", [(b"\x00\x01\x02binary", "binary"), (b"caf\xe9 au lait", "UTF-8")])
def test_bad_text_is_one_line_exit_2(run_cli, empty_store, tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, _, err = run_cli(["ingest", path], store=empty_store)
    assert code == 2 and message in err and err.count("\n") == 1
    code, _, err = run_cli(["extract", path], store=empty_store)
    assert code == 2 and message in err


def test_empty_text_gives_no_deal(run_cli, tmp_path):
    path = write(tmp_path, "")
    code, out, _ = run_cli(["extract", path, "--format", "json"], store=tmp_path / "nostore")
    assert code == 0 and json.loads(out)["deals"] == []
    assert not (tmp_path / "nostore").exists()  # extract never creates a store


def test_extract_json_contract_on_the_seed(run_cli, tmp_path):
    seed = Path(__file__).resolve().parents[3] / "shared" / "eval" / "seed" / "crescent-kelun.txt"
    if not seed.exists():
        pytest.skip("shared/eval not beside the project")
    code, out, _ = run_cli(["extract", seed, "--format", "json"], store=tmp_path / "nostore")
    result = json.loads(out)
    assert set(result) >= {"source", "companies", "assets", "deals"}
    pairs = {(d.get("licensor"), d.get("licensee")) for d in result["deals"]}
    assert ("Kelun-Biotech", "Crescent Biopharma") in pairs and ("Crescent Biopharma", "Kelun-Biotech") in pairs


def test_folder_ingest(run_cli, empty_store, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    write(folder, ARTICLE, "a.txt")
    write(folder, ARTICLE.replace("Zorvia", "Quillon").replace("ZRV-101", "QLN-7"), "b.txt")
    code, out, err = run_cli(["ingest", folder], store=empty_store)
    assert code == 0, err
    assert "added 2 deal(s)" in out

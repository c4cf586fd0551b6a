"""`kg view` through the CLI on the bundled data."""

from __future__ import annotations

import re

import pytest


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from kg import KnowledgeGraph

    path = tmp_path_factory.mktemp("views") / "store"
    kg = KnowledgeGraph.open(path)
    kg.build()
    kg.close()
    return path


@pytest.mark.parametrize("args", [["--company", "Kelun"], ["--company", "MSD", "--depth", "2"], ["--target", "PD-1"],
                                  ["--deal", "kelun-crescent-skb105"], ["--all"],
                                  ["--partnership", "crescent-kelun-2025"]])
def test_view_writes_a_self_contained_page(run_cli, store, tmp_path, args):
    out = tmp_path / "v.html"
    code, stdout, err = run_cli(["view", *args, "-o", out], store=store)
    assert code == 0, err
    html = out.read_text()
    assert re.search(r"<script[^>]+src=", html) is None
    assert re.search(r"<link[^>]+href=\"?https?:", html) is None
    assert "wrote" in stdout


def test_view_needs_exactly_one_selection(run_cli, store, tmp_path):
    code, _, err = run_cli(["view", "--company", "Kelun", "--all", "-o", tmp_path / "v.html"], store=store)
    assert code == 2 and "exactly one" in err


def test_view_of_unknown_company_suggests_names(run_cli, store, tmp_path):
    code, _, err = run_cli(["view", "--company", "Kelun Biotek", "-o", tmp_path / "v.html"], store=store)
    assert code == 2 and "Kelun-Biotech" in err

"""Unit tests for kg.views: selection, escaping, opaque ids, self-containedness, determinism."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from views_fixtures import ID, XSS_IMG, XSS_SCRIPT, XSS_URL, a, c, d, kelun_graph, t

from kg.views import (
    ViewError,
    all_view,
    deal_view,
    ego_view,
    make_view,
    partnership_view,
    render,
    show,
    target_view,
    to_html,
)
from kg.views.layout import force_layout
from kg.views.page import json_for_script, page_data


def page_json(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="dg-data">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))


# ---------- selection ----------


def test_ego_view_depth_1():
    G = kelun_graph()
    H = ego_view(G, c("kelun-biotech"))
    companies = {n for n, k in H.nodes(data="kind") if k == "company"}
    assert companies == {c("kelun-biotech"), c("merck-co"), c("crescent-biopharma")}
    assert {a("skb264"), a("skb315"), a("skb105"), a("cr-001")} <= set(H)
    assert t("tacstd2") in H and t("pdcd1") in H
    deals = {k for _u, _v, k, kind in H.edges(keys=True, data="kind") if kind == "deal"}
    assert deals == {d("kelun-merck-skb264"), d("kelun-merck-skb315"), d("kelun-crescent-skb105"),
                     d("crescent-kelun-cr001")}  # fmt: skip
    assert H.graph["focus"] == c("kelun-biotech")
    assert H.nodes[c("kelun-biotech")]["deal_value_usd_m"] == pytest.approx(1410 + 936 + 1330 + 50)
    assert c("astrazeneca") not in H and c("lonely-co") not in H


def test_ego_view_by_label_and_depth():
    G = kelun_graph()
    assert set(ego_view(G, "kelun-BIOTECH", depth=0)) >= {c("kelun-biotech")}
    assert c("merck-co") not in ego_view(G, "Kelun-Biotech", depth=0)
    assert set(ego_view(G, "Harbour BioMed", depth=2)) >= {c("astrazeneca"), a("hbm7022"), t("cldn18")}


def test_target_view():
    G = kelun_graph()
    H = target_view(G, "cldn18")
    assert {a("skb315"), a("hbm7022")} <= set(H)
    assert {c("kelun-biotech"), c("merck-co"), c("harbour-biomed"), c("astrazeneca")} <= set(H)
    deals = {k for _u, _v, k, kind in H.edges(keys=True, data="kind") if kind == "deal"}
    assert deals == {d("kelun-merck-skb315"), d("harbour-az-hbm7022")}
    assert a("skb264") not in H and c("crescent-biopharma") not in H


def test_deal_and_partnership_view():
    G = kelun_graph()
    H = deal_view(G, d("kelun-crescent-skb105"))
    deals = {k for _u, _v, k, kind in H.edges(keys=True, data="kind") if kind == "deal"}
    assert deals == {d("kelun-crescent-skb105"), d("crescent-kelun-cr001")}  # the whole partnership
    assert {a("skb105"), a("cr-001"), t("itgb6"), t("pdcd1"), t("vegfa")} <= set(H)
    assert c("merck-co") not in H
    P = partnership_view(G, f"{ID}partnership/crescent-kelun-2025")
    assert set(P) == set(H)
    single = deal_view(G, d("kelun-merck-skb264"))
    assert {n for n, k in single.nodes(data="kind") if k == "company"} == {c("kelun-biotech"), c("merck-co")}


def test_all_view_cap_and_note():
    G = kelun_graph()
    assert set(all_view(G)) == set(G) and "note" not in all_view(G).graph
    H = all_view(G, max_nodes=5)
    assert H.number_of_nodes() == 5
    assert c("kelun-biotech") in H  # highest degree
    assert "5 most connected of 17 nodes" in H.graph["note"]
    assert "5 most connected of 17" in to_html(H, title="x")


def test_unknown_things_raise_and_input_untouched():
    G = kelun_graph()
    before = nx.to_dict_of_dicts(G)
    with pytest.raises(ViewError):
        ego_view(G, "Nobody Inc")
    with pytest.raises(ViewError):
        target_view(G, "NOPE1")
    with pytest.raises(ViewError):
        deal_view(G, d("nope"))
    ego_view(G, c("kelun-biotech"), depth=2)
    assert nx.to_dict_of_dicts(G) == before
    assert "deal_value_usd_m" not in G.nodes[c("kelun-biotech")]


# ---------- the page ----------


def test_xss_payloads_are_escaped():
    G = kelun_graph(xss=True)
    html = to_html(all_view(G), title=XSS_SCRIPT + XSS_IMG)
    assert "<img src=x" not in html
    assert "<script>window.__xss" not in html
    assert html.count("</script>") == 3  # data block, vis-network, our script
    assert "<title>&lt;script&gt;window.__xss=1&lt;/script&gt;&lt;img src=x" in html
    data = page_json(html)  # round-trips exactly
    labels = {n["label"] for n in data["nodes"]}
    assert XSS_IMG in labels and XSS_SCRIPT in labels
    deal = next(e for e in data["edges"] if XSS_URL in e.get("sources", []))
    assert deal["sources"][0] == XSS_URL


def test_json_for_script_escapes_markup():
    out = str(json_for_script({"x": "</script><!-- & \u2028"}))
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out
    assert json.loads(out) == {"x": "</script><!-- & \u2028"}


def test_opaque_ids():
    html = to_html(all_view(kelun_graph()), title="t")
    data = page_json(html)
    assert all(re.fullmatch(r"n\d+", n["id"]) for n in data["nodes"])
    assert all(re.fullmatch(r"e\d+", e["id"]) for e in data["edges"])
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
    assert data["focus"] is None
    assert page_json(to_html(ego_view(kelun_graph(), "Kelun-Biotech"), title="t"))["focus"] in ids


def test_self_contained_no_outside_urls():
    html = to_html(all_view(kelun_graph()), title="t")
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    for m in re.finditer(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I):
        pytest.fail(f"outside reference in page: {html[m.start() : m.start() + 80]}")
    assert "@import" not in html and "sourceMappingURL" not in html
    assert "bootstrap" not in html.lower() and "fonts.googleapis" not in html
    assert "default-src &#39;none&#39;" in html  # CSP (attribute-escaped quotes)


def test_styles_sizes_and_widths():
    data = page_data(all_view(kelun_graph()), title="t")
    by_label = {n["label"]: n for n in data["nodes"]}
    assert (
        by_label["Kelun-Biotech"]["size"] > by_label["Harbour BioMed"]["size"] > by_label["Lonely Co"]["size"]
    )
    assert data["options"]["groups"]["asset"]["shape"] == "diamond"
    assert data["options"]["groups"]["target"]["shape"] == "triangle"
    deals = {e["lines"][0]: e for e in data["edges"] if e["kind"] == "deal"}
    big, small = deals["Kelun-Biotech \u2192 Merck & Co."], deals["Crescent Biopharma \u2192 Kelun-Biotech"]
    assert big["width"] > small["width"]
    assert "Upfront: $20M" in small["lines"] and "Territory: GREATER_CHINA" in small["lines"]
    assert data["years"] == [2022, 2025] and "ADC" in data["modalities"] and "CN" in data["countries"]
    assert data["options"]["physics"]["enabled"] is True  # small graph
    assert data["options"]["edges"]["smooth"] is False


def test_deterministic_page_and_layout(tmp_path):
    G = kelun_graph()
    assert to_html(all_view(G), title="t") == to_html(all_view(G), title="t")
    nodes = list(range(400))
    edges = [(i, (i * 7 + 3) % 400) for i in range(400)]
    assert force_layout(nodes, edges) == force_layout(nodes, edges)
    assert force_layout(nodes, edges) != force_layout(nodes, edges, seed=8)
    p = render(all_view(G), tmp_path / "sub" / "v.html", title="t")
    assert p.exists() and p.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_big_graph_layout_is_spread_and_physics_off():
    from views_bench import random_deal_graph

    G = random_deal_graph(1500)
    data = page_data(all_view(G), title="t")
    assert data["options"]["physics"] == {"enabled": False}
    xy = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(xy) == len(data["nodes"])  # no two nodes on one spot


def test_show_returns_iframe():
    out = show(all_view(kelun_graph(xss=True)), title="<b>t</b>")
    text = out.data if hasattr(out, "data") else out
    assert text.startswith("<iframe srcdoc=") and "sandbox=" in text
    assert "<script>window.__xss" not in text and "<img src=x" not in text


def test_make_view_for_the_cli():
    G = kelun_graph()
    H, title = make_view(G, company="Kelun-Biotech", depth=1)
    assert title == "Kelun-Biotech: deals within 1 step" and c("merck-co") in H
    H, title = make_view(G, target="PDCD1")
    assert title.startswith("PDCD1") and a("cr-001") in H
    H, title = make_view(G, deal=d("kelun-merck-skb264"))
    assert title == "Deal: Kelun-Biotech / Merck & Co."
    H, title = make_view(G, all_nodes=True, max_nodes=3)
    assert H.number_of_nodes() == 3 and title == "All deals"
    with pytest.raises(ValueError):
        make_view(G, company="Kelun-Biotech", target="PDCD1")
    with pytest.raises(ValueError):
        make_view(G)

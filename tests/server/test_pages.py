"""HTML pages: status codes, content, escaping of hostile names, no outside resources."""

from __future__ import annotations

import re

import pytest

PAGES = ["/", "/?q=kelun", "/company/kelun-biotech", "/asset/skb105", "/target/ITGB6",
         "/deal/kelun-crescent-skb105", "/query", "/company/xss-pharma", "/deal/kelun-xss-pharma-2024",
         "/?q=pharma", "/query?name=partners&param.company=xss-pharma"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_and_load_nothing_from_outside(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    html = r.text
    assert "<script" not in html.lower()
    assert not re.search(r"""\b(src|action)=["']?(https?:)?//""", html)
    assert all('href="/' in tag for tag in re.findall(r"<link[^>]*>", html))


def test_hostile_company_name_is_escaped(client, hostile):
    for path in ("/company/xss-pharma", "/?q=pharma", "/company/kelun-biotech", "/asset/skb105",
                 "/deal/kelun-xss-pharma-2024", "/query?name=partners&param.company=Kelun"):
        html = client.get(path).text
        assert hostile["name"] not in html
        assert "<img src=x" not in html and "<svg" not in html
        assert "&lt;script&gt;alert(" in html or "&lt;img src=x" in html, path


def test_escaped_in_query_results_and_search_echo(client):
    r = client.get("/query", params={"query": 'SELECT ?x WHERE { BIND("<b onmouseover=alert(1)>hi</b>" AS ?x) }'})
    assert r.status_code == 200
    assert "<b onmouseover" not in r.text and "&lt;b onmouseover=alert(1)&gt;" in r.text
    r = client.get("/", params={"q": '"><script>alert(1)</script>'})
    assert "<script>alert(1)" not in r.text and "&#34;&gt;&lt;script&gt;" in r.text


def test_only_http_sources_become_links(client, hostile):
    html, js_url = client.get("/company/kelun-biotech").text, hostile["js_url"]
    assert 'href="https://example.com/xss-source"' in html
    assert f'href="{js_url}"' not in html and "href=\"javascript:" not in html.lower()
    assert js_url in html  # shown as text


def test_company_page_has_partners_table(client):
    html = client.get("/company/kelun-biotech").text
    for text in ("Crescent Biopharma", "Merck &amp; Co.", "SKB105", "$80m", "$1.25bn", "licensed out", "2025-12-04"):
        assert text in html
    assert 'href="/deal/kelun-crescent-skb105"' in html and 'href="/company/crescent-biopharma"' in html


def test_names_redirect_to_the_canonical_page(client):
    r = client.get("/company/Kelun-Biotech", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/company/kelun-biotech"
    r = client.get("/company/MSD", follow_redirects=False)
    assert r.headers["location"] == "/company/merck-co"
    r = client.get("/target/TROP2", follow_redirects=False)
    assert r.headers["location"] == "/target/TACSTD2"


@pytest.mark.parametrize("path", ["/company/kelun-biotek", "/asset/nope-123", "/target/NOPE1", "/deal/nope",
                                  "/deal/..%2F..%2Fetc", "/nowhere"])
def test_unknown_is_404(client, path):
    r = client.get(path, follow_redirects=False)
    assert r.status_code == 404


def test_unknown_company_suggests(client):
    r = client.get("/company/kelun-biotek")
    assert 'href="/company/kelun-biotech"' in r.text


def test_query_page_lists_named_queries(client):
    html = client.get("/query").text
    for name in ("partners", "rights-in-region", "upfront-by-year", "deals-by-target"):
        assert f'id="{name}"' in html
    r = client.get("/query", params={"name": "rights-in-region", "param.asset": "SKB105", "param.country": "JP"})
    assert r.status_code == 200 and "Crescent Biopharma" in r.text


def test_query_page_reports_errors(client):
    r = client.get("/query", params={"query": "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"})
    assert r.status_code == 400 and "SERVICE" in r.text
    r = client.get("/query", params={"name": "partners", "param.company": "Nobody Inc"})
    assert r.status_code == 400 and "unknown company" in r.text


def test_style_is_local(client):
    r = client.get("/style.css")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/css")
    assert "url(" not in r.text and "@import" not in r.text

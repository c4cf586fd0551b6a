"""The pages in headless Chromium: hostile names show as text, no script runs, no CSP violation."""

from __future__ import annotations

import os
import shutil

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def xss_server(xss_kg, serve_in_thread):
    with serve_in_thread(xss_kg, timeout=2.0) as server:
        yield server


def visit(browser, url: str) -> tuple[object, list[str], list[str]]:
    page = browser.new_page()
    console: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, console, dialogs


@pytest.mark.parametrize("path", ["/company/xss-pharma", "/company/kelun-biotech", "/?q=pharma",
                                  "/deal/kelun-xss-pharma-2024", "/query?name=partners&param.company=Kelun"])
def test_hostile_names_are_text(browser, xss_server, hostile, path):
    page, console, dialogs = visit(browser, xss_server.url + path)
    assert dialogs == []
    assert not [m for m in console if "Content Security Policy" in m or "Refused" in m], console
    if path == "/company/xss-pharma":
        assert page.inner_text("h1") == hostile["name"]
    page.close()


def test_company_page_in_a_browser(browser, xss_server):
    page, console, _ = visit(browser, xss_server.url + "/company/kelun-biotech")
    rows = page.locator("table tbody tr").count()
    assert rows >= 3
    assert page.locator("a[href='/company/crescent-biopharma']").count() >= 1
    assert not [m for m in console if m.startswith("error")], console
    page.close()


def test_search_form(browser, xss_server):
    page, _, _ = visit(browser, xss_server.url + "/")
    page.fill("input[name=q]", "kelun")
    page.press("input[name=q]", "Enter")
    page.wait_for_load_state("networkidle")
    assert page.locator("a[href='/company/kelun-biotech']").count() == 1
    page.close()


def test_company_view_frame_runs_when_views_installed(browser, xss_server):
    from kg.server.pages import views_available

    if not views_available():
        pytest.skip("kg.views is not installed")
    page, console, _ = visit(browser, xss_server.url + "/company/kelun-biotech")
    page.wait_for_timeout(1500)
    frames = [f for f in page.frames if f.url.endswith("/company/kelun-biotech/view")]
    assert frames and frames[0].locator("canvas").count() >= 1
    assert not [m for m in console if m.startswith("error")], console
    page.close()

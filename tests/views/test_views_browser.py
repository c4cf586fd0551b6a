"""Browser tests: the pages in headless Chromium (/usr/bin/chromium) through Playwright.

Skipped when Chromium or Playwright is missing, unless KG_BROWSER_REQUIRED=1 (then they fail).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from views_fixtures import XSS_IMG, XSS_SCRIPT, kelun_graph

from kg.views import all_view, ego_view, render

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path(os.environ.get("KG_SCREENSHOTS", "/tmp/kg-view-screenshots"))


def _unavailable(reason: str) -> None:
    if os.environ.get("KG_BROWSER_REQUIRED") == "1":
        pytest.fail(f"browser tests required (KG_BROWSER_REQUIRED=1) but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A loaded view with everything it asked for and logged."""

    def __init__(self, browser: Any, path: Path, *, bypass_csp: bool = False) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 850}, bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on(
            "console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.wait("window.dealgraphDrawn === true")

    def wait(self, expr: str, timeout: float = 30.0) -> None:
        # page.wait_for_function evaluates a string, which the page's CSP forbids; poll instead
        deadline = time.monotonic() + timeout
        while not self.page.evaluate(expr):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expr}")
            time.sleep(0.02)

    def js(self, expr: str) -> Any:
        return self.page.evaluate(expr)

    def node_dom_positions(self) -> dict[str, tuple[float, float]]:
        return self.js(
            """(() => { const net = window.dealgraphView.network, out = {};
                const pos = net.getPositions();
                for (const id in pos) { const p = net.canvasToDOM(pos[id]); out[id] = [p.x, p.y]; }
                return out; })()"""
        )

    def graph_box(self) -> dict[str, float]:
        return self.page.locator("#dg-graph").bounding_box()

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def kelun_page(browser: Any, tmp_path: Path) -> Iterator[Page]:
    path = render(ego_view(kelun_graph(), "Kelun-Biotech"), tmp_path / "kelun.html", title="Kelun-Biotech")
    pg = Page(browser, path)
    yield pg
    pg.close()


def test_draws_all_nodes_offline_without_errors(kelun_page: Page) -> None:
    G = ego_view(kelun_graph(), "Kelun-Biotech")
    assert kelun_page.js("window.dealgraphView.nodes.length") == G.number_of_nodes()
    assert kelun_page.js("window.dealgraphView.edges.length") == G.number_of_edges()
    assert kelun_page.requests == [kelun_page.url]
    assert kelun_page.errors == []
    # the focus company is selected and described in the side panel
    assert kelun_page.js("document.getElementById('dg-panel-hint').hidden") is True
    assert "Kelun-Biotech" in kelun_page.js("document.querySelector('#dg-panel h3').textContent")
    SHOTS.mkdir(parents=True, exist_ok=True)
    kelun_page.page.screenshot(path=str(SHOTS / "kelun.png"))


def test_search_focuses_a_node(kelun_page: Page) -> None:
    kelun_page.page.fill("#dg-search", "merck")
    assert kelun_page.page.locator("#dg-matches li").count() == 1
    kelun_page.page.press("#dg-search", "Enter")
    assert kelun_page.js("window.dealgraphView.network.getSelectedNodes().length") == 1
    assert kelun_page.js("document.querySelector('#dg-panel h3').textContent") == "Merck & Co."
    links = kelun_page.js("[...document.querySelectorAll('#dg-panel a')].map(a => a.href)")
    assert "https://example.org/kelun-merck-skb264" in links


def test_filters_hide_and_restore(kelun_page: Page) -> None:
    total = kelun_page.js("window.dealgraphView.nodes.length")
    kelun_page.page.select_option("#dg-modality", "bispecific antibody")
    labels = kelun_page.js("window.dealgraphView.nodes.get().map(n => n.label)")
    assert "CR-001" in labels and "SKB264" not in labels and "Merck & Co." not in labels
    kelun_page.page.select_option("#dg-modality", "")
    kelun_page.page.fill("#dg-year-from", "2025")
    kelun_page.page.dispatch_event("#dg-year-from", "change")
    labels = kelun_page.js("window.dealgraphView.nodes.get().map(n => n.label)")
    assert "Crescent Biopharma" in labels and "Merck & Co." not in labels
    kelun_page.page.select_option("#dg-country", "US")
    assert kelun_page.js("window.dealgraphView.edges.get().length") > 0
    kelun_page.page.click("#dg-reset")
    assert kelun_page.js("window.dealgraphView.nodes.length") == total
    assert kelun_page.errors == []


def _poke_everything(pg: Page) -> None:
    """Hover and click every node and edge midpoint, so tooltips and the side panel render all data."""
    box = pg.graph_box()
    pos = pg.node_dom_positions()
    tips = []
    for x, y in pos.values():
        if 0 < x < box["width"] and 0 < y < box["height"]:
            pg.page.mouse.move(box["x"] + x, box["y"] + y)
            pg.page.wait_for_timeout(200)  # tooltip delay
            tips.append(pg.js("(document.querySelector('div.vis-tooltip') || {}).textContent || ''"))
            pg.page.mouse.click(box["x"] + x, box["y"] + y)
    assert any(XSS_IMG in tip for tip in tips), tips  # the payload was shown, as text
    for e in pg.js("window.dealgraphView.edges.get().map(e => [e.from, e.to])"):
        (x1, y1), (x2, y2) = pos[e[0]], pos[e[1]]
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        pg.page.mouse.move(box["x"] + mx, box["y"] + my)
        pg.page.wait_for_timeout(140)
        pg.page.mouse.click(box["x"] + mx, box["y"] + my)
    # and through the page's own API, whatever the geometry
    pg.js("window.dealgraphView.allNodes.getIds().forEach(id => window.dealgraphView.focusNode(id))")


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "without-csp"])
def test_xss_payloads_do_not_run(browser: Any, tmp_path: Path, bypass_csp: bool) -> None:
    path = render(all_view(kelun_graph(xss=True)), tmp_path / "xss.html", title=XSS_SCRIPT + XSS_IMG)
    pg = Page(browser, path, bypass_csp=bypass_csp)
    try:
        assert pg.js("window.__xss") is None
        assert pg.js("document.title") == XSS_SCRIPT + XSS_IMG
        assert pg.js("document.querySelectorAll('img').length") == 0
        assert pg.js("document.querySelectorAll('script').length") == 3
        _poke_everything(pg)
        # the deal with the hostile sources, in the panel
        pg.page.fill("#dg-search", "Harbour")
        pg.page.fill("#dg-search", XSS_IMG[:8])
        pg.page.press("#dg-search", "Enter")
        panel = pg.js("document.getElementById('dg-panel-body').textContent")
        assert "javascript:window.__xss=1" in panel  # shown as text...
        hrefs = pg.js("[...document.querySelectorAll('a')].map(a => a.href)")
        assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs)  # ...never as a link
        assert pg.js("window.__xss") is None
        assert pg.js("document.querySelectorAll('img').length") == 0
        SHOTS.mkdir(parents=True, exist_ok=True)
        pg.page.screenshot(path=str(SHOTS / f"xss-{'nocsp' if bypass_csp else 'csp'}.png"))
        assert pg.requests == [pg.url]
        assert pg.errors == []
    finally:
        pg.close()


def test_big_graph_draws_fast_with_physics_off(browser: Any, tmp_path: Path) -> None:
    from views_bench import random_deal_graph

    G = random_deal_graph(2000)
    view = all_view(G)
    drawn = [n for n in G if G.degree(n) > 0 or G.nodes[n]["kind"] != "target"]
    assert view.number_of_nodes() == len(drawn)  # unlinked targets are left out of the whole-graph view
    path = render(view, tmp_path / "big.html", title="2,000 nodes")
    pg = Page(browser, path)
    try:
        assert pg.js("window.dealgraphView.nodes.length") == len(drawn)
        assert pg.js("window.dealgraphView.network.physics.physicsEnabled") is False
        assert pg.js("window.dealgraphDrawnAt") < 10_000
        assert pg.requests == [pg.url] and pg.errors == []
    finally:
        pg.close()


def test_notebook_iframe_draws(browser: Any, tmp_path: Path) -> None:
    from kg.views import show

    out = show(all_view(kelun_graph(xss=True)), title="notebook")
    frame_html = out.data if hasattr(out, "data") else out
    path = tmp_path / "notebook.html"
    path.write_text(f"<!DOCTYPE html><html><body>{frame_html}</body></html>", encoding="utf-8")
    ctx = browser.new_context()
    page = ctx.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(path.as_uri())
        deadline = time.monotonic() + 30
        frame = None
        while time.monotonic() < deadline:
            frame = next((f for f in page.frames if f != page.main_frame), None)
            if frame is not None and frame.evaluate("window.dealgraphDrawn === true"):
                break
            time.sleep(0.05)
        assert frame is not None
        assert frame.evaluate("window.dealgraphView.nodes.length") == kelun_graph().number_of_nodes()
        assert frame.evaluate("window.__xss") is None and page.evaluate("window.__xss") is None
        assert [r for r in requests if not r.startswith("about:")] == [path.as_uri()]
    finally:
        ctx.close()

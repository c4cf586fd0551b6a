"""Benchmark the HTML views on random typed deal graphs (not a test).

    python benchmarks/bench_views.py [--sizes 100 1000 5000] [--no-browser] [--out DIR]

For each size (median of --repeat runs): Python time to build the page (selection + layout + HTML),
HTML size, and time from navigation to vis-network's first "afterDrawing" event in headless Chromium.
Targets: 5,000 nodes generated in <= 10 s and first drawn in <= 2 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.views import all_view, render  # noqa: E402

ID = "https://w3id.org/dealgraph/id/"
MODALITIES = ["ADC", "bispecific antibody", "monoclonal antibody", "small molecule", "cell therapy", "siRNA"]
COUNTRIES = ["CN", "US", "GB", "DE", "JP", "CH", "KR", "FR"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def random_deal_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """About n nodes (40% companies, 45% assets, 15% targets) and ~1.2 deals per company, hub-heavy."""
    rnd = random.Random(seed)
    G = nx.MultiDiGraph()
    nc, nt = max(2, int(n * 0.40)), max(1, int(n * 0.15))
    na = max(1, n - nc - nt)
    comps = [f"{ID}company/c{i}" for i in range(nc)]
    assets = [f"{ID}asset/a{i}" for i in range(na)]
    targets = [f"{ID}target/t{i}" for i in range(nt)]
    for i, x in enumerate(comps):
        G.add_node(x, kind="company", label=f"Company {i}", country=rnd.choice(COUNTRIES))
    for i, x in enumerate(targets):
        G.add_node(x, kind="target", label=f"GENE{i}")
    weights = [1.0 / (i + 1) ** 0.8 for i in range(nc)]  # a few big companies
    developer = {}
    for i, x in enumerate(assets):
        G.add_node(x, kind="asset", label=f"AST-{i}", modality=rnd.choice(MODALITIES), phase="Phase 1")
        dev = rnd.choices(comps, weights)[0]
        developer[x] = dev
        G.add_edge(dev, x, key="develops", kind="develops")
        for tg in rnd.sample(targets, rnd.choice((1, 1, 2))):
            G.add_edge(x, tg, key="targets", kind="targets")
    for k in range(int(nc * 1.2)):
        asset = rnd.choice(assets)
        licensor = developer[asset]
        licensee = rnd.choices(comps, weights)[0]
        if licensee == licensor:
            continue
        year = rnd.randint(2015, 2025)
        up, ms = round(rnd.uniform(5, 300), 1), round(rnd.uniform(50, 3000), 1)
        deal = f"{ID}deal/d{k}"
        G.add_edge(
            licensor, licensee, key=deal, kind="deal", deal=deal, deal_type="license",
            announced=f"{year}-0{rnd.randint(1, 9)}", year=year, assets=[asset],
            asset_labels=[G.nodes[asset]["label"]], modalities=[G.nodes[asset]["modality"]],
            upfront_usd_m=up, milestones_usd_m=ms, total_usd_m=None, equity_usd_m=None,
            value_usd_m=up + ms, territory="WORLD excl. GREATER_CHINA",
            sources=[f"https://example.org/news/{k}"], partnership=None,
        )  # fmt: skip
        G.add_edge(licensee, asset, key="licenses", kind="licenses", deal=deal)
    return G


def first_draw_seconds(path: Path) -> tuple[float, int, int]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        outside: list[str] = []
        page.on("request", lambda r: outside.append(r.url) if r.url != path.as_uri() else None)
        page.goto(path.as_uri(), wait_until="commit")
        deadline = time.monotonic() + 120
        while not page.evaluate("window.dealgraphDrawn === true"):  # CSP forbids wait_for_function's eval
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path} not drawn in 120 s")
            time.sleep(0.02)
        drawn_ms = page.evaluate("window.dealgraphDrawnAt")  # ms since navigation start
        count = page.evaluate("window.dealgraphView.nodes.length")
        browser.close()
    return drawn_ms / 1000.0, count, len(outside)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--repeat", type=int, default=3, help="runs per size; the median is reported")
    ap.add_argument("--out", type=Path, default=Path(tempfile.mkdtemp(prefix="bench-views-")))
    args = ap.parse_args()
    print(
        f"{'nodes':>6} {'edges':>6} {'python s':>9} {'html MB':>8} "
        f"{'first draw s':>13} {'drawn':>6} {'outside':>7}"
    )
    for n in args.sizes:
        G = random_deal_graph(n)
        py_runs, draw_runs = [], []
        drawn = outside = "-"
        for _ in range(max(1, args.repeat)):
            t0 = time.perf_counter()
            path = render(all_view(G), args.out / f"bench-{n}.html", title=f"benchmark {n}")
            py_runs.append(time.perf_counter() - t0)
            if not args.no_browser and Path(CHROMIUM).exists():
                secs, count, nout = first_draw_seconds(path)
                draw_runs.append(secs)
                drawn, outside = str(count), str(nout)
        py_s = statistics.median(py_runs)
        draw = f"{statistics.median(draw_runs):.2f}" if draw_runs else "-"
        size_mb = path.stat().st_size / 1e6
        print(
            f"{G.number_of_nodes():>6} {G.number_of_edges():>6} {py_s:>9.2f} {size_mb:>8.2f} "
            f"{draw:>13} {drawn:>6} {outside:>7}"
        )
    print(f"pages in {args.out}")


if __name__ == "__main__":
    main()

"""World-scale benchmarks: dealgraph against rdflib, raw Oxigraph and plain NetworkX, measured in one run.

    python benchmarks/run.py --scale S|M|L [--seed 1] [--timeout SECONDS]

Every measured piece runs in its own child process (fresh imports, its own peak RSS read from
`ru_maxrss`); a piece that passes its time limit is killed and reported as "> T s", one that passes
the memory cap as "> N GB". Results go to benchmarks/.work/<scale>/results.json and into the
<scale> section of benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCALES = {"S": 1_000, "M": 30_000, "L": 300_000}
# per-scale caps (seconds) for one baseline piece; the rdflib load gets the `load` cap
CAPS = {"S": {"load": 300, "query": 120, "algo": 300},
        "M": {"load": 600, "query": 300, "algo": 600},
        "L": {"load": 900, "query": 240, "algo": 200}}
MEMORY_CAP_GB = 14.0
BETWEENNESS_SAMPLES = 200
SEED = 42
HUB_TWO_HOP = """
SELECT DISTINCT ?c ?p WHERE {
  { ?c kg:partnerOf ?p } UNION { ?c kg:partnerOf ?x . ?x kg:partnerOf ?p }
  FILTER(?p != ?c)
}
"""


def now() -> float:
    return time.perf_counter()


def peak_rss_mb() -> float:
    """The piece's peak RSS plus its largest child's (the build's parse workers and its cache writer
    are children): an upper bound on what the two held at once."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (own + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


class Timeout(Exception):
    pass


def timed(fn: Callable[[], Any], limit: float | None = None) -> tuple[float | None, Any]:
    """(seconds, result), or (None, None) when `limit` passes (SIGALRM: works for pure-Python rdflib)."""

    def alarm(_signum: int, _frame: Any) -> None:
        raise Timeout

    if limit:
        signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
    start = now()
    try:
        result = fn()
        return now() - start, result
    except Timeout:
        return None, None
    finally:
        if limit:
            signal.setitimer(signal.ITIMER_REAL, 0)


def best_of(fn: Callable[[], Any], n: int = 3) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(n):
        start = now()
        result = fn()
        times.append(now() - start)
    return min(times), result


# ---------------------------------------------------------------------------------------------
# pieces: each runs in a child process and returns a JSON-able dict
# ---------------------------------------------------------------------------------------------
def piece_build(work: Path, _args: argparse.Namespace) -> dict[str, Any]:
    from kg import KnowledgeGraph
    from kg.store import DiskStore

    store_dir = work / "store"
    shutil.rmtree(store_dir, ignore_errors=True)
    kg = KnowledgeGraph(DiskStore(store_dir))
    start = now()
    dataset = kg.build([work / "data"], bundled=False)
    seconds = now() - start
    return {"seconds": seconds, "rss_mb": peak_rss_mb(), "triples": kg.store.count(), "deals": len(dataset.deals),
            "companies": len(dataset.companies), "assets": len(dataset.assets)}


def piece_dump(work: Path, _args: argparse.Namespace) -> dict[str, Any]:
    """The same graph as N-Triples (input of the baselines) and the hub / tail companies.

    Written from the records through the build's own mapping (kg.rdfmap), each triple once: the same
    triples the store holds (tests/network/test_projection_from_records.py holds records and store
    equal), without decoding 12M terms back out of RocksDB (265 s at L)."""

    from kg.api import _ontology_triples, add_bundled_vocabularies, graph_documents
    from kg.loaders.curated import load_data_dir
    from kg.rdfmap import asset_iri, company_iri, deal_iri

    dataset = load_data_dir(work / "data")
    add_bundled_vocabularies(dataset)  # as the build does
    documents = graph_documents(dataset, _ontology_triples())
    lines = dict.fromkeys(line for text in documents for line in text.decode().splitlines(keepends=True))
    with (work / "graph.nt").open("w", encoding="utf-8") as out:
        out.writelines(lines)
    del lines
    count: dict[str, int] = {}
    for d in dataset.deals:
        for c in (d.licensor, d.licensee):
            count[c] = count.get(c, 0) + 1
    names = {c.id: c.name for c in dataset.companies}
    ranked = sorted(count, key=lambda c: (-count[c], company_iri(c).value))
    hub = ranked[0]
    tail = [c for c in ranked if count[c] == count[ranked[-1]]]
    pick = random.Random(SEED).choice(tail)
    hub_deals = [d for d in dataset.deals if d.licensee == hub]
    asset = min(asset_iri(a).value for d in hub_deals for a in d.assets)
    deal = min(deal_iri(d.id).value for d in hub_deals)
    per_target: dict[str, int] = {}
    for a in dataset.assets:
        for t in a.targets:
            per_target[t] = per_target.get(t, 0) + 1
    target = min(per_target, key=lambda t: (-per_target[t], t))
    return {"hub": {"iri": company_iri(hub).value, "name": names[hub], "deals": count[hub]},
            "tail": {"iri": company_iri(pick).value, "name": names[pick], "deals": count[pick]},
            "asset": asset, "deal": deal, "target": target, "nt_bytes": (work / "graph.nt").stat().st_size}


def piece_oxigraph_load(work: Path, _args: argparse.Namespace) -> dict[str, Any]:
    import pyoxigraph as ox

    folder = work / "raw-oxigraph"
    shutil.rmtree(folder, ignore_errors=True)
    start = now()
    store = ox.Store(str(folder))
    store.bulk_load(path=str(work / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    seconds = now() - start
    return {"seconds": seconds, "rss_mb": peak_rss_mb(), "triples": len(store)}


def _params(meta: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {
        "company-deals": {"company": meta["hub"]["iri"]},
        "deal": {"deal": meta["deal"]},
        "deal-evidence": {},
        "deals-by-target": {"target": meta["target"]},
        "league-table": {},
        "partners": {"company": meta["hub"]["iri"]},
        "rights-in-region": {"asset": meta["asset"], "country": "JP"},
        "upfront-by-year": {"licensorCountry": "CN", "modality": "ADC"},
    }


def piece_queries(work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Each named query, `kg partners` depth 1 (and 2), raw Oxigraph two-hop, on the built store."""
    import pyoxigraph as ox

    from kg import KnowledgeGraph
    from kg.sparql import named_queries, run, with_prologue
    from kg.store import DiskStore

    meta = json.loads((work / "meta.json").read_text())
    kg = KnowledgeGraph(DiskStore(work / "store"))
    repeats = 1 if args.scale == "L" else 3
    out: dict[str, Any] = {"named": {}, "repeats": repeats}
    # first calls in this fresh process, as a user's next command after `kg build` runs them: the league
    # table loads the projection the build left, the partners call then loads the company name index
    out["league_first_seconds"], _ = timed(lambda: kg.named("league-table"))
    out["partners_hub_first_seconds"], _ = timed(lambda: kg.partners(meta["hub"]["iri"]))
    start = now()
    kg.resolver("company")
    out["resolver_seconds"] = now() - start
    for name in named_queries():
        params = _params(meta).get(name, {})
        seconds, rows = best_of(lambda n=name, p=params: kg.named(n, p), repeats)  # type: ignore[misc]
        out["named"][name] = {"seconds": seconds, "rows": len(rows.rows), "truncated": rows.truncated}
    for who in ("hub", "tail"):
        seconds, answer = best_of(lambda w=who: kg.partners(meta[w]["iri"]), repeats)  # type: ignore[misc]
        out[f"partners_{who}"] = {"seconds": seconds, "partners": len(answer["partners"])}
    spec = importlib.util.find_spec("kg.network.partners")
    if spec is not None and str(spec.origin or "").startswith(str(ROOT)):  # depth 2, where the module exists
        module = importlib.import_module("kg.network.partners")
        graph = kg.network()  # kg partners --depth 2 walks the projection the build left
        for who in ("hub", "tail"):
            seconds, _ = best_of(lambda w=who: module.partners(graph, meta[w]["iri"], depth=2))  # type: ignore[misc]
            out[f"partners2_{who}"] = {"seconds": seconds}
    raw = ox.Store.read_only(str(work / "store" / "oxigraph"))
    text = with_prologue(HUB_TWO_HOP)
    for who in ("hub", "tail"):
        # the IRI as VALUES, which Oxigraph plans with (substitutions are applied after planning)
        query = text.replace("WHERE {", f"WHERE {{ VALUES ?c {{ <{meta[who]['iri']}> }}", 1)
        seconds, found = best_of(lambda q=query: {s["p"].value for s in raw.query(q)})  # type: ignore[misc, union-attr]
        out[f"two_hop_sparql_{who}"] = {"seconds": seconds, "companies": len(found)}
        (work / f"two-hop-{who}.json").write_text(json.dumps(sorted(found)))
    league = named_queries()["league-table"].text
    if args.scale != "L":  # a detail only; at L it is the same 2-3 minutes as the SPARQL answer below
        seconds, result = best_of(lambda: list(raw.query(with_prologue(league))), repeats)  # type: ignore[arg-type]
        out["league_raw_oxigraph"] = {"seconds": seconds, "rows": len(result)}
    # the same answers through SPARQL only (no projection): the reference rows the projection is held to
    bindings = kg.bind_params("league-table", {})
    seconds, league_rows = best_of(lambda: run(kg.store, league, bindings, limit=sys.maxsize).rows, repeats)
    out["league_sparql"] = {"seconds": seconds, "rows": len(league_rows)}
    (work / "league.json").write_text(json.dumps(league_rows, default=str))
    seconds, partners_rows = best_of(
        lambda: kg.named_rows("partners", {"company": ox.NamedNode(meta["hub"]["iri"])}), repeats)
    out["partners_hub_sparql"] = {"seconds": seconds, "rows": len(partners_rows)}
    (work / "partners-hub.json").write_text(json.dumps(partners_rows, default=str))
    out["rss_mb"] = peak_rss_mb()
    return out


def piece_projection_store(work: Path, _args: argparse.Namespace) -> dict[str, Any]:
    """The projection read back out of the store, no cache: what a command pays after a write that
    is neither a build nor an ingest (a SPARQL UPDATE through `kg serve`)."""
    from kg.network import projection
    from kg.store import DiskStore

    start = now()
    graph = projection._build(DiskStore(work / "store"))
    return {"seconds": now() - start, "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
            "rss_mb": peak_rss_mb()}


def piece_projection(work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """The answers read from the projection the build left, checked against the SPARQL answers."""
    from kg.network import projection
    from kg.store import DiskStore

    meta = json.loads((work / "meta.json").read_text())
    store = DiskStore(work / "store")
    start = now()
    graph = projection.project(store)  # the build's cache (a cold read-back is piece projection-store)
    out: dict[str, Any] = {"load_seconds": now() - start, "nodes": graph.number_of_nodes(),
                           "edges": graph.number_of_edges()}
    out["memory_cached_seconds"], _ = best_of(lambda: projection.project(store), 5)
    start = now()
    projection._company_csr(graph)  # the company adjacency, as sets and as arrays
    out["adjacency_seconds"] = now() - start
    for who in ("hub", "tail"):
        iri = meta[who]["iri"]
        out[f"partners_{who}_seconds"], _ = best_of(lambda i=iri: projection.partner_rows(graph, i))  # type: ignore[misc]
        out[f"two_hop_{who}_seconds"], found = best_of(
            lambda i=iri: projection.partners_within(graph, i, 2))  # type: ignore[misc]
        if (work / f"two-hop-{who}.json").exists():  # written by the queries piece (absent when it was cut)
            expected = set(json.loads((work / f"two-hop-{who}.json").read_text()))
            out[f"two_hop_{who}_same"] = set(found) == expected
    ours = projection.partner_rows(graph, meta["hub"]["iri"])
    theirs = json.loads((work / "partners-hub.json").read_text()) if (work / "partners-hub.json").exists() else None

    def canon(rows: list[dict[str, Any]]) -> list[str]:
        def one(r: dict[str, Any]) -> str:
            r = dict(r)
            for key in ("assets", "sources"):
                r[key] = "|".join(sorted((r.get(key) or "").split("|")))
            return json.dumps({k: (None if v in ("", None) else v) for k, v in sorted(r.items())}, default=str)

        return sorted(one(r) for r in rows)

    out["partners_same"] = canon(ours) == canon(theirs) if theirs is not None else "not checked"
    out["league_seconds"], league = best_of(lambda: projection.league_rows(graph))
    expected_league = json.loads((work / "league.json").read_text()) if (work / "league.json").exists() else None
    out["league_same"] = "not checked" if expected_league is None else len(league) == len(expected_league) and all(
        a["company"] == b["company"] and a["deals"] == b["deals"]
        and abs(a["upfront"] - b["upfront"]) <= 1e-6 * max(1, abs(b["upfront"]))
        and abs(a["dealValue"] - b["dealValue"]) <= 1e-6 * max(1, abs(b["dealValue"]))
        for a, b in zip(league, expected_league or [], strict=False))
    out["rss_mb"] = peak_rss_mb()
    return out


def piece_projection_records(work: Path, _args: argparse.Namespace) -> dict[str, Any]:
    """The cold projection as `kg build` makes it: from the records it has just parsed and checked."""
    from kg.api import _ontology_triples
    from kg.loaders.curated import load_data_dir
    from kg.network.from_records import project_dataset

    dataset = load_data_dir(work / "data")
    ontology = _ontology_triples()
    seconds, graph = best_of(lambda: project_dataset(dataset, ontology), 1 if _args.scale == "L" else 3)
    return {"seconds": seconds, "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
            "rss_mb": peak_rss_mb()}


def piece_projection_cached(work: Path, _args: argparse.Namespace) -> dict[str, Any]:
    """A fresh process reading the projection cache from disk (what every `kg` command pays)."""
    from kg.network import projection
    from kg.store import DiskStore

    store = DiskStore(work / "store")
    start = now()
    graph = projection.project(store)
    return {"seconds": now() - start, "nodes": graph.number_of_nodes(), "rss_mb": peak_rss_mb()}


def piece_rdflib(work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """rdflib's in-memory Graph: load, the same three queries, and rdflib_to_networkx_multidigraph."""
    import rdflib
    from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

    from kg.sparql import named_queries, with_prologue

    caps = CAPS[args.scale]
    meta = json.loads((work / "meta.json").read_text())
    graph = rdflib.Graph()
    out: dict[str, Any] = {}
    out["load_seconds"], _ = timed(lambda: graph.parse(str(work / "graph.nt"), format="nt"), caps["load"])
    out["load_rss_mb"] = peak_rss_mb()
    if out["load_seconds"] is None:
        return out
    out["triples"] = len(graph)
    hub = rdflib.URIRef(meta["hub"]["iri"])
    # rdflib raises NotBoundError on GROUP_CONCAT over a group where ?assetName is unbound (a deal with
    # undisclosed assets); COALESCE adds an empty name that the answer drops anyway
    partners = with_prologue(named_queries()["partners"].text.replace(
        "GROUP_CONCAT(DISTINCT ?assetName;", 'GROUP_CONCAT(DISTINCT COALESCE(?assetName, "");'))
    out["partners_hub_seconds"], _ = timed(lambda: list(graph.query(partners, initBindings={"company": hub})),
                                           caps["query"])
    out["two_hop_hub_seconds"], _ = timed(lambda: list(graph.query(with_prologue(HUB_TWO_HOP),
                                                                    initBindings={"c": hub})), caps["query"])
    league = with_prologue(named_queries()["league-table"].text)
    out["league_seconds"], _ = timed(lambda: list(graph.query(league)), caps["query"])
    out["projection_seconds"], _ = timed(lambda: rdflib_to_networkx_multidigraph(graph), caps["query"])
    out["rss_mb"] = peak_rss_mb()
    return out


def _simple_graph(work: Path) -> Any:
    import networkx as nx

    from kg.network import projection
    from kg.store import DiskStore

    return nx.Graph(projection.project(DiskStore(work / "store")))


def piece_nx_algorithms(work: Path, args: argparse.Namespace) -> dict[str, Any]:
    import networkx as nx

    graph = _simple_graph(work)
    caps = CAPS[args.scale]
    k = min(BETWEENNESS_SAMPLES, graph.number_of_nodes())
    out: dict[str, Any] = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(), "k": k,
                           "cap_seconds": caps["algo"]}
    pagerank: Callable[[Any], dict[Any, float]] = nx.pagerank
    out["pagerank_impl"] = "nx.pagerank (scipy)"
    if importlib.util.find_spec("scipy") is None:  # nx.pagerank needs scipy: networkx's own pure-Python one
        from networkx.algorithms.link_analysis import pagerank_alg

        pagerank = pagerank_alg._pagerank_python
        out["pagerank_impl"] = "networkx _pagerank_python (no scipy)"
    out["pagerank_seconds"], pr = timed(lambda: pagerank(graph), caps["algo"])
    out["betweenness_seconds"], bc = timed(lambda: nx.betweenness_centrality(graph, k=k, seed=SEED), caps["algo"])
    out["pagerank_top"] = sorted(pr, key=lambda n: (-pr[n], n))[:20] if pr else None
    out["betweenness_top"] = sorted(bc, key=lambda n: (-bc[n], n))[:20] if bc else None
    out["rss_mb"] = peak_rss_mb()
    return out


def piece_igraph_algorithms(work: Path, args: argparse.Namespace) -> dict[str, Any]:
    import igraph as ig

    graph = _simple_graph(work)
    k = min(BETWEENNESS_SAMPLES, graph.number_of_nodes())
    sources = random.Random(SEED).sample(list(graph), k)  # the sources networkx samples with seed=SEED
    warm = ig.Graph(n=3, edges=[(0, 1), (1, 2)])  # first calls load ARPACK and friends: not the graph's cost
    warm.pagerank(directed=False)
    warm.betweenness(directed=False, sources=[0])
    start = now()
    names = list(graph)
    index = {n: i for i, n in enumerate(names)}
    g = ig.Graph(n=len(names), edges=[(index[u], index[v]) for u, v in graph.edges()], directed=False)
    out: dict[str, Any] = {"convert_seconds": now() - start}
    out["pagerank_seconds"], pr = timed(lambda: g.pagerank(directed=False))
    out["betweenness_seconds"], bc = timed(lambda: g.betweenness(directed=False,
                                                                  sources=[index[s] for s in sources]))
    out["pagerank_top"] = [names[i] for i in sorted(range(len(names)), key=lambda i: (-pr[i], names[i]))[:20]]
    out["betweenness_top"] = [names[i] for i in sorted(range(len(names)), key=lambda i: (-bc[i], names[i]))[:20]]
    out["rss_mb"] = peak_rss_mb()
    return out


def piece_optional(work: Path, _args: argparse.Namespace) -> dict[str, Any]:
    """View generation and extraction throughput, where those modules exist in this checkout."""
    out: dict[str, Any] = {}
    for module in ("kg.views", "kg.extract", "kg.network.partners"):
        try:
            spec = importlib.util.find_spec(module)
        except ImportError:
            spec = None
        # only this checkout's modules (an editable install elsewhere can resolve kg.* to another tree)
        out[module] = spec is not None and str(spec.origin or "").startswith(str(ROOT))
    if out["kg.views"]:
        try:
            from kg import KnowledgeGraph
            from kg.store import DiskStore

            views = importlib.import_module("kg.views")
            meta = json.loads((work / "meta.json").read_text())
            kg = KnowledgeGraph(DiskStore(work / "store"))
            render = getattr(views, "company_view", None) or getattr(views, "render_company", None)
            if render is not None:
                start = now()
                render(kg, meta["hub"]["iri"], work / "hub.html")
                out["view_hub_seconds"] = now() - start
        except Exception as exc:  # a module of another branch: report, do not fail the run
            out["view_error"] = f"{type(exc).__name__}: {exc}"
    if out["kg.extract"]:
        try:
            extract = importlib.import_module("kg.extract")
            fn = getattr(extract, "extract", None) or getattr(extract, "extract_deals", None)
            text = (ROOT / "tests" / "fixtures" / "article.txt")
            if fn is not None and text.exists():
                body = text.read_text(encoding="utf-8")
                start, n = now(), 0
                while now() - start < 5:
                    fn(body)
                    n += 1
                out["extract_articles_per_second"] = n / (now() - start)
        except Exception as exc:
            out["extract_error"] = f"{type(exc).__name__}: {exc}"
    return out


PIECES: dict[str, Callable[[Path, argparse.Namespace], dict[str, Any]]] = {
    "build": piece_build, "dump": piece_dump, "oxigraph-load": piece_oxigraph_load, "queries": piece_queries,
    "projection": piece_projection, "projection-records": piece_projection_records,
    "projection-store": piece_projection_store,
    "projection-cached": piece_projection_cached, "rdflib": piece_rdflib,
    "nx-algorithms": piece_nx_algorithms, "igraph-algorithms": piece_igraph_algorithms, "optional": piece_optional,
}


# ---------------------------------------------------------------------------------------------
# the parent: run pieces in children, watch time and memory, report
# ---------------------------------------------------------------------------------------------
def run_child(piece: str, work: Path, args: argparse.Namespace, limit: float) -> dict[str, Any]:
    import psutil

    cmd = [sys.executable, str(Path(__file__).resolve()), "--scale", args.scale, "--piece", piece,
           "--work", str(work)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result_file = work / f"piece-{piece}.json"
    result_file.unlink(missing_ok=True)
    start = now()
    proc = subprocess.Popen(cmd, env=env)
    watched = psutil.Process(proc.pid)
    peak = 0.0
    status = "ok"
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, watched.memory_info().rss / 2**30)
        if peak > MEMORY_CAP_GB:
            status = f"> {MEMORY_CAP_GB:.0f} GB"
        elif now() - start > limit:
            status = f"> {limit:.0f} s"
        if status != "ok":
            proc.kill()
            proc.wait()
            break
        time.sleep(0.2)
    elapsed = now() - start
    print(f"  {piece}: {status} in {elapsed:.1f} s", file=sys.stderr, flush=True)
    if status == "ok" and proc.returncode == 0 and result_file.exists():
        return {**json.loads(result_file.read_text()), "status": "ok", "wall_seconds": elapsed}
    if status == "ok":
        status = f"failed (exit {proc.returncode})"
    return {"status": status, "wall_seconds": elapsed}


def fmt_s(value: float | None, status: str | None = None) -> str:
    if value is None:
        return status or "n/a"
    if value < 0.001:
        return f"{value * 1e6:.0f} us"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def report(results: dict[str, Any]) -> list[tuple[str, str, str, str, str, str]]:
    """Rows: figure, ours, baseline, ratio, target, met?"""
    rows: list[tuple[str, str, str, str, str, str]] = []

    def add(figure: str, ours: float | None, base: float | None, base_label: str | None, target: float | None,
            higher_is_better: bool = True, unit: str = "s", ours_label: str | None = None) -> None:
        if unit == "s":
            o, b = fmt_s(ours, ours_label), fmt_s(base, base_label)
        else:
            o = f"{ours:.0f} MB" if ours is not None else (ours_label or "n/a")
            b = f"{base:.0f} MB" if base is not None else (base_label or "n/a")
        ratio_text, met = "n/a", "?"
        if ours is not None and ours > 0:
            if base is not None:
                ratio = base / ours if higher_is_better else ours / base
                ratio_text = f"{ratio:.1f}x" if higher_is_better else f"{ratio:.2f}x"
                if target is not None:
                    met = "yes" if (ratio >= target if higher_is_better else ratio <= target) else "NO"
            elif base_label and base_label.startswith(">") and base_label.split()[2] in ("s", "GB"):
                # baseline cut at its limit: the limit is a bound on the baseline
                cut = float(base_label.split()[1])
                if unit == "s":
                    ratio_text = f"> {cut / ours:.1f}x"
                    met = "yes" if target is not None and cut / ours >= target else "?"
                else:
                    ratio_text = f"< {ours / (cut * 1024):.2f}x"
                    met = "yes" if target is not None and ours / (cut * 1024) <= target else "?"
        tgt = "" if target is None else (f">= {target:g}x" if higher_is_better else f"<= {target:g}x")
        rows.append((figure, o, b, ratio_text, tgt, met if target is not None else ""))

    build, raw, rd = results.get("build", {}), results.get("oxigraph-load", {}), results.get("rdflib", {})
    q, pj, pc = results.get("queries", {}), results.get("projection", {}), results.get("projection-cached", {})
    nxa, iga = results.get("nx-algorithms", {}), results.get("igraph-algorithms", {})
    rd_status = rd.get("status") if rd.get("status") != "ok" else None
    load_label = (f"> {CAPS[results['scale']]['load']} s" if rd.get("load_seconds") is None else None)
    mem_label = None
    if rd_status and rd_status.endswith("GB"):  # killed at the memory cap while loading
        load_label = f"> {rd.get('wall_seconds', 0):.0f} s (killed at {MEMORY_CAP_GB:.0f} GB)"
        mem_label = f"> {MEMORY_CAP_GB:.0f} GB"
    elif rd_status:
        load_label = rd_status
    q_cap = f"> {CAPS[results['scale']]['query']} s"

    def rdq(key: str) -> str | None:
        if rd.get("load_seconds") is None:
            return "not run (rdflib load cut)"
        return q_cap if rd.get(key) is None else None

    b_s = build.get("seconds")
    add("build from source files vs raw Oxigraph bulk_load (floor)", raw.get("seconds"), b_s, None, 1 / 1.5,
        ours_label=None)
    rows[-1] = ("build: ours / raw Oxigraph bulk_load of the same N-Triples", fmt_s(b_s), fmt_s(raw.get("seconds")),
                f"{b_s / raw['seconds']:.2f}x" if b_s and raw.get("seconds") else "n/a", "<= 1.5x",
                ("yes" if b_s / raw["seconds"] <= 1.5 else "NO") if b_s and raw.get("seconds") else "?")
    add("build vs rdflib Graph.parse (N-Triples)", b_s, rd.get("load_seconds"), load_label, 5)
    add("hub partners: kg.partners, first call after kg build (fresh process) vs rdflib",
        q.get("partners_hub_first_seconds"), rd.get("partners_hub_seconds"), rdq("partners_hub_seconds"), 40)
    add("hub partners: kg.partners, later calls vs rdflib", q.get("partners_hub", {}).get("seconds"),
        rd.get("partners_hub_seconds"), rdq("partners_hub_seconds"), 40)
    add("hub partners: partners.rq through Oxigraph SPARQL only vs rdflib",
        q.get("partners_hub_sparql", {}).get("seconds"), rd.get("partners_hub_seconds"),
        rdq("partners_hub_seconds"), None)
    add("two-hop partners (hub): projection vs raw Oxigraph SPARQL", pj.get("two_hop_hub_seconds"),
        q.get("two_hop_sparql_hub", {}).get("seconds"), None, 20)
    add("two-hop partners (hub): projection vs rdflib", pj.get("two_hop_hub_seconds"),
        rd.get("two_hop_hub_seconds"), rdq("two_hop_hub_seconds"), None)
    add("league table: kg query league-table, first call after kg build (fresh process) vs rdflib",
        q.get("league_first_seconds"), rd.get("league_seconds"), rdq("league_seconds"), 100)
    add("league table: kg query league-table, later calls vs rdflib",
        q.get("named", {}).get("league-table", {}).get("seconds"), rd.get("league_seconds"),
        rdq("league_seconds"), 100)
    add("league table: league-table.rq through Oxigraph SPARQL only vs rdflib",
        q.get("league_sparql", {}).get("seconds"), rd.get("league_seconds"), rdq("league_seconds"), None)
    add("projection cold, from the records (as kg build makes it) vs rdflib_to_networkx_multidigraph",
        results.get("projection-records", {}).get("seconds"), rd.get("projection_seconds"),
        rdq("projection_seconds"), 8)
    add("projection cold, read back out of the store (after a SPARQL UPDATE) vs rdflib_to_networkx",
        results.get("projection-store", {}).get("seconds"), rd.get("projection_seconds"), rdq("projection_seconds"),
        None, ours_label=results.get("projection-store", {}).get("status"))
    add("projection cached (fresh process, disk cache) vs rdflib_to_networkx", pc.get("seconds"),
        rd.get("projection_seconds"), rdq("projection_seconds"), 40)
    add("projection cached (in memory) vs rdflib_to_networkx", pj.get("memory_cached_seconds"),
        rd.get("projection_seconds"), rdq("projection_seconds"), 40)
    if iga.get("pagerank_seconds") is not None:
        ig_pr = iga["pagerank_seconds"] + iga.get("convert_seconds", 0)
        ig_bc = iga["betweenness_seconds"] + iga.get("convert_seconds", 0)
        add("PageRank: igraph (incl. conversion) vs networkx", ig_pr, nxa.get("pagerank_seconds"),
            f"> {nxa.get('cap_seconds', CAPS[results['scale']]['algo'])} s" if nxa.get("pagerank_seconds") is None
            else None, 2)
        add(f"betweenness, {nxa.get('k', '?')} sampled sources: igraph vs networkx", ig_bc,
            nxa.get("betweenness_seconds"),
            f"> {nxa.get('cap_seconds', CAPS[results['scale']]['algo'])} s" if nxa.get("betweenness_seconds") is None
            else None, 15)
    add("peak RSS: build vs rdflib load", build.get("rss_mb"), rd.get("load_rss_mb"), mem_label or load_label, 0.5,
        higher_is_better=False, unit="MB")
    return rows


def markdown(results: dict[str, Any], rows: list[tuple[str, str, str, str, str, str]], command: str) -> str:
    q, pj, meta = results.get("queries", {}), results.get("projection", {}), results.get("meta", {})
    b, nxa, iga = results.get("build", {}), results.get("nx-algorithms", {}), results.get("igraph-algorithms", {})
    lines = [f"### Scale {results['scale']}: {results['deals']:,} deals, {b.get('triples', 0):,} triples",
             "", f"`{command}` ({results['date']}, {results['machine']})", "",
             "| figure | ours | baseline | ratio | target | met? |", "|---|---|---|---|---|---|"]
    lines += [f"| {' | '.join(r)} |" for r in rows]
    lines += ["", "Details:", ""]
    if meta:
        lines.append(f"- hub: {meta['hub']['name']} ({meta['hub']['deals']} deals), tail: {meta['tail']['name']} "
                     f"({meta['tail']['deals']} deal(s)); projection: {pj.get('nodes', '?'):,} nodes, "
                     f"{pj.get('edges', '?'):,} edges")
    if q.get("named"):
        lines.append(f"- named queries (best of {q.get('repeats', 3)}, through `KnowledgeGraph.named`): " + ", ".join(
            f"{k} {fmt_s(v['seconds'])} ({v['rows']} rows)" for k, v in q["named"].items()))
        lines.append(f"- `kg partners` depth 1 (KnowledgeGraph.partners, from the projection the build left): hub "
                     f"{fmt_s(q['partners_hub']['seconds'])}, tail {fmt_s(q['partners_tail']['seconds'])}; "
                     f"company name index (left by the build; in memory after the first call) "
                     f"{fmt_s(q.get('resolver_seconds'))}; first calls in a fresh process: league table "
                     f"{fmt_s(q.get('league_first_seconds'))}, "
                     f"hub partners {fmt_s(q.get('partners_hub_first_seconds'))}")
        depth2 = "; ".join(f"{k} {fmt_s(v['seconds'])}" for k, v in q.items() if k.startswith("partners2_"))
        lines.append("- `kg partners --depth 2`: " + (depth2 or "kg.network.partners is not in this checkout; "
                                                       "two-hop measured on the projection (partners_within)"))
        lines.append(f"- raw Oxigraph two-hop SPARQL: hub {fmt_s(q['two_hop_sparql_hub']['seconds'])} "
                     f"({q['two_hop_sparql_hub']['companies']} companies), tail "
                     f"{fmt_s(q['two_hop_sparql_tail']['seconds'])}; raw Oxigraph league table "
                     f"{fmt_s(q.get('league_raw_oxigraph', {}).get('seconds'))}")
    if pj.get("status") == "ok":
        lines.append(f"- projection the build left, loaded in a fresh process: {fmt_s(pj.get('load_seconds'))}; "
                     f"made from the records alone: {fmt_s(results.get('projection-records', {}).get('seconds'))}; "
                     f"read back out of the store: {fmt_s(results.get('projection-store', {}).get('seconds'))}")
        lines.append(f"- projection answers: hub partners {fmt_s(pj['partners_hub_seconds'])}, tail "
                     f"{fmt_s(pj['partners_tail_seconds'])}, hub two-hop {fmt_s(pj['two_hop_hub_seconds'])}, tail "
                     f"{fmt_s(pj['two_hop_tail_seconds'])} (company adjacency made once per projection: "
                     f"{fmt_s(pj['adjacency_seconds'])}); same rows as partners.rq: {pj['partners_same']}; "
                     f"same two-hop sets as SPARQL: {pj.get('two_hop_hub_same', 'not checked')}/"
                     f"{pj.get('two_hop_tail_same', 'not checked')}; league table "
                     f"{fmt_s(pj['league_seconds'])}, same rows as league-table.rq: {pj['league_same']}")
    if iga.get("pagerank_top") and nxa.get("pagerank_top"):
        lines.append(f"- top 20 agree (igraph vs networkx): PageRank {_overlap(iga, nxa, 'pagerank_top')}/20, "
                     f"betweenness {_overlap(iga, nxa, 'betweenness_top')}/20; igraph conversion "
                     f"{fmt_s(iga.get('convert_seconds'))}, PageRank {fmt_s(iga.get('pagerank_seconds'))}, "
                     f"betweenness {fmt_s(iga.get('betweenness_seconds'))} on {nxa.get('nodes', 0):,} nodes / "
                     f"{nxa.get('edges', 0):,} edges (undirected simple graph of the projection)")
    opt = results.get("optional", {})
    if opt:
        missing = [m for m in ("kg.views", "kg.extract") if not opt.get(m)]
        if missing:
            lines.append(f"- not measured (module not in this checkout): {', '.join(missing)}")
        for key in ("view_hub_seconds", "extract_articles_per_second", "view_error", "extract_error"):
            if key in opt:
                lines.append(f"- {key}: {opt[key]}")
    peaks = ", ".join(f"{k} {v['rss_mb']:.0f} MB" for k, v in results.items()
                      if isinstance(v, dict) and isinstance(v.get("rss_mb"), float))
    lines.append(f"- peak RSS per piece: {peaks}")
    statuses = [f"{k}: {v['status']}" for k, v in results.items() if isinstance(v, dict) and
                v.get("status") not in (None, "ok")]
    if statuses:
        lines.append(f"- cut: {'; '.join(statuses)}")
    return "\n".join(lines) + "\n"


def _overlap(a: dict[str, Any], b: dict[str, Any], key: str) -> int | str:
    if not a.get(key) or not b.get(key):
        return "n/a (cut)"
    return len(set(a[key]) & set(b[key]))


def write_readme(scale: str, text: str) -> None:
    path = ROOT / "benchmarks" / "README.md"
    body = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n<!-- results -->\n"
    start, end = f"<!-- scale {scale} -->", f"<!-- /scale {scale} -->"
    block = f"{start}\n{text}{end}\n"
    if start in body:
        before, rest = body.split(start, 1)
        body = before + block + rest.split(end, 1)[1].lstrip("\n")
    else:
        body = body.rstrip("\n") + "\n\n" + block
    path.write_text(body, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="S")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--piece", choices=PIECES, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--skip", default="", help="comma-separated pieces to leave out (e.g. rdflib)")
    parser.add_argument("--only", default="", help="comma-separated pieces to run again; the others are read "
                                                   "from the last results.json of this scale")
    parser.add_argument("--regenerate", action="store_true", help="write the data folder again")
    parser.add_argument("--report-only", action="store_true", help="print the table of the last results.json")
    args = parser.parse_args(argv)
    if args.piece:  # child
        result = PIECES[args.piece](args.work, args)
        (args.work / f"piece-{args.piece}.json").write_text(json.dumps(result, default=str))
        return 0

    import platform

    work = ROOT / "benchmarks" / ".work" / args.scale
    if args.report_only:
        saved = json.loads((work / "results.json").read_text())
        text = markdown(saved, report(saved), f"make bench SCALE={args.scale}  (python benchmarks/run.py --scale "
                                                f"{args.scale})")
        print(text)
        write_readme(args.scale, text)
        return 0
    work.mkdir(parents=True, exist_ok=True)
    deals = SCALES[args.scale]
    caps = CAPS[args.scale]
    results: dict[str, Any] = {"scale": args.scale, "deals": deals, "date": time.strftime("%Y-%m-%d"),
                               "machine": f"{os.cpu_count()} cores, Python {platform.python_version()}"}
    if args.regenerate or not (work / "data" / "deals").is_dir():
        spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        start = now()
        results["generated"] = module.generate(deals, args.seed, work / "data")
        print(f"[{args.scale}] generated {results['generated']} in {now() - start:.1f} s", file=sys.stderr)
    skip = set(filter(None, args.skip.split(",")))
    if args.only:
        previous = json.loads((work / "results.json").read_text())
        only = set(args.only.split(","))
        skip = {p for p in PIECES if p not in only}
        results.update({k: v for k, v in previous.items() if k not in only and k not in ("date",)})
    order = ["build", "dump", "oxigraph-load", "queries", "projection", "projection-records", "projection-store",
             "projection-cached",
             "optional",
             "igraph-algorithms", "nx-algorithms", "rdflib"]
    limits = {"build": 1800, "dump": 1800, "oxigraph-load": 1800, "queries": 1800, "projection": 1800,
              "projection-records": 1200, "projection-cached": 600,
              "projection-store": 150 if args.scale == "L" else 1800, "optional": 600, "igraph-algorithms": 1800,
              "nx-algorithms": 2 * caps["algo"] + 600, "rdflib": caps["load"] + 4 * caps["query"] + 300}
    for piece in order:
        if piece in skip:
            continue
        print(f"[{args.scale}] {piece}", file=sys.stderr, flush=True)
        results[piece] = run_child(piece, work, args, limits[piece])
        if piece == "dump" and results[piece].get("status") == "ok":
            (work / "meta.json").write_text(json.dumps(results[piece]))
            results["meta"] = results[piece]
        (work / "results.json").write_text(json.dumps(results, indent=1, default=str))
    rows = report(results)
    command = f"make bench SCALE={args.scale}  (python benchmarks/run.py --scale {args.scale})"
    text = markdown(results, rows, command)
    print(text)
    write_readme(args.scale, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

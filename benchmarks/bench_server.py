"""Load benchmark of `kg serve` on loopback: throughput, p50/p99 latency and errors (not a test).

    python benchmarks/bench_server.py                       # starts kg serve on a temporary store
    python benchmarks/bench_server.py --clients 20 --duration 15
    python benchmarks/bench_server.py --url http://127.0.0.1:8000   # a server already running

Each client loops over the named queries (parameters bound as VALUES) sent to /sparql; one extra
request sends a cross-product query that the server must cut at its --timeout. Bounded: at most
50 clients for at most 60 s, and only against 127.0.0.1 / localhost.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.namespaces import ID_BASE  # noqa: E402
from kg.remote import with_values  # noqa: E402
from kg.sparql import named_queries  # noqa: E402

MAX_CLIENTS, MAX_DURATION = 50, 60.0
PATHOLOGICAL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SAMPLE = {  # a value for every parameter kind of the bundled named queries
    "company": ox.NamedNode(f"{ID_BASE}company/kelun-biotech"),
    "asset": ox.NamedNode(f"{ID_BASE}asset/skb105"),
    "target": ox.NamedNode(f"{ID_BASE}target/TACSTD2"),
    "region": ox.NamedNode(f"{ID_BASE}region/JP"),
    "iri": ox.NamedNode(f"{ID_BASE}deal/kelun-crescent-skb105"),
}


def workload() -> dict[str, str]:
    """Named query -> SPARQL text with sample values bound (optional string parameters left unbound)."""
    out = {}
    for name, q in named_queries().items():
        values = {ox.Variable(p.name): SAMPLE[p.kind] for p in q.params if p.kind in SAMPLE}
        out[name] = with_values(q.text, values)
    return out


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(store: str, port: int, timeout: float) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "kg.cli", "--store", store, "serve", "--port", str(port), "--timeout", str(timeout)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


async def wait_ready(client: Any, url: str, proc: subprocess.Popen[bytes] | None) -> None:
    import httpx

    deadline = time.monotonic() + 90
    while True:
        try:
            if (await client.get(f"{url}/sparql", params={"query": "ASK {}"})).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"kg serve exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        if time.monotonic() > deadline:
            raise SystemExit("kg serve did not start within 90 s")
        await asyncio.sleep(0.2)


async def run(url: str, clients: int, duration: float, proc: subprocess.Popen[bytes] | None,
              with_pathological: bool = True) -> dict[str, Any]:
    import httpx

    queries = list(workload().items())
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: Counter[str] = Counter()
    limits = httpx.Limits(max_connections=clients + 2, max_keepalive_connections=clients + 2)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        await wait_ready(client, url, proc)
        deadline = time.monotonic() + duration

        async def worker(offset: int) -> None:
            i = offset
            while time.monotonic() < deadline:
                name, text = queries[i % len(queries)]
                i += 1
                start = time.perf_counter()
                try:
                    r = await client.post(f"{url}/sparql", data={"query": text},
                                          headers={"Accept": "application/sparql-results+json"})
                    status = str(r.status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                elapsed = time.perf_counter() - start
                if status == "200":
                    latencies[name].append(elapsed)
                else:
                    errors[f"{name}: {status}"] += 1

        async def pathological() -> dict[str, Any] | None:
            if not with_pathological:
                return None
            await asyncio.sleep(min(1.0, duration / 4))
            start = time.perf_counter()
            r = await client.get(f"{url}/sparql", params={"query": PATHOLOGICAL})
            return {"status": r.status_code, "seconds": round(time.perf_counter() - start, 3),
                    "message": r.text.strip()[:120]}

        started = time.perf_counter()
        *_, cut = await asyncio.gather(*(worker(k) for k in range(clients)), pathological())
        wall = time.perf_counter() - started
    every = [x for values in latencies.values() for x in values]
    return {
        "clients": clients, "seconds": round(wall, 2), "requests": len(every) + sum(errors.values()),
        "throughput_per_s": round(len(every) / wall, 1),
        "p50_ms": round(percentile(every, 50) * 1000, 1), "p99_ms": round(percentile(every, 99) * 1000, 1),
        "errors": dict(errors),
        "per_query": {name: {"n": len(v), "p50_ms": round(statistics.median(v) * 1000, 1),
                             "p99_ms": round(percentile(v, 99) * 1000, 1)} for name, v in sorted(latencies.items())},
        "pathological": cut,
    }


def check_loopback(url: str) -> str:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"refusing to load-test {host!r}: loopback only")
    return url.rstrip("/")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50, help=f"concurrent clients (at most {MAX_CLIENTS})")
    parser.add_argument("--duration", type=float, default=30.0, help=f"seconds (at most {MAX_DURATION:g})")
    parser.add_argument("--timeout", type=float, default=2.0, help="the server's query time limit (started here)")
    parser.add_argument("--store", default=None, help="store for the server started here (default: a temp folder)")
    parser.add_argument("--url", default=None, help="benchmark this running loopback server instead")
    parser.add_argument("--no-pathological", action="store_true", help="leave out the cross-product query")
    args = parser.parse_args(argv)
    clients = max(1, min(MAX_CLIENTS, args.clients))
    duration = max(1.0, min(MAX_DURATION, args.duration))
    proc = None
    with tempfile.TemporaryDirectory(prefix="kgbench-") as tmp:
        if args.url:
            url = check_loopback(args.url)
        else:
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            proc = start_server(args.store or str(Path(tmp) / "store"), port, args.timeout)
        try:
            report = asyncio.run(run(url, clients, duration, proc, not args.no_pathological))
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait(20)
    import json

    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

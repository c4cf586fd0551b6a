"""Testing guide.

- `kg_memory`: a KnowledgeGraph built from the bundled data in an in-memory store (fast).
- `store_factory` is parametrised over both backends, so contract tests run against each.
- `run_cli(args, store=...)` runs the `kg` command in-process and returns (exit code, stdout, stderr).
- `generate_market(deals, seed, folder)`: benchmarks/generate.py's synthetic market in the curated format.
- `oxigraph_url`: a fresh `oxigraph serve` (pip install oxigraph) on a free loopback port, for kg.remote.
Paths are relative to this file; nothing depends on the working directory.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from kg import KnowledgeGraph
from kg.store import DiskStore, MemoryStore

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


@pytest.fixture(scope="session")
def kg_memory() -> KnowledgeGraph:
    kg = KnowledgeGraph(MemoryStore())
    kg.build()
    return kg


@pytest.fixture(scope="session")
def generate_market() -> Callable[[int, int, Path], object]:
    """benchmarks/generate.py's `generate`, loaded by path (benchmarks/ is not a package)."""
    import importlib.util

    path = HERE.parent / "benchmarks" / "generate.py"
    if not path.exists():
        pytest.skip("benchmarks/ not in this tree")
    spec = importlib.util.spec_from_file_location("bench_generate", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


@pytest.fixture(params=["memory", "disk"])
def store_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], object]:
    def make() -> object:
        return MemoryStore() if request.param == "memory" else DiskStore(tmp_path / "store")

    return make


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., tuple[int, str, str]]:
    from kg.cli import main

    def run(args: list[str], store: str | Path | None = None, stdin: str | None = None) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        argv = (["--store", str(store)] if store is not None else []) + [str(a) for a in args]
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = 0
        with redirect_stdout(out), redirect_stderr(err):
            try:
                main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        return code, out.getvalue(), err.getvalue()

    return run


# -- a real Oxigraph server, for kg.remote ------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@pytest.fixture
def oxigraph_url(tmp_path: Path) -> Iterator[str]:
    """A fresh `oxigraph serve` on a free loopback port (skipped without the binary unless KG_SERVER_REQUIRED=1)."""
    binary = oxigraph_binary()
    if binary is None:
        if os.environ.get("KG_SERVER_REQUIRED") == "1":
            pytest.fail("the oxigraph server binary is missing (pip install oxigraph)")
        pytest.skip("the oxigraph server binary is missing (pip install oxigraph)")
    port = _free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "oxi"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail("oxigraph serve did not start")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)

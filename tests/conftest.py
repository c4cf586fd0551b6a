"""Testing guide.

- `kg_memory`: a KnowledgeGraph built from the bundled data in an in-memory store (fast).
- `store_factory` is parametrised over both backends, so contract tests run against each.
- `run_cli(args, store=...)` runs the `kg` command in-process and returns (exit code, stdout, stderr).
Paths are relative to this file; nothing depends on the working directory.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
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

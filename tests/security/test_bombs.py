"""Bombs: entity expansion, huge files and deep nesting fail fast, in bounded memory, with exit 2.

Each runs `python -m kg.cli ingest` in a child process so time and peak memory (ru_maxrss) can be
measured; the store must keep its content hash.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from security.conftest import content_hash

ROOT = Path(__file__).resolve().parents[2]
RDF_NS = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://example.org/"'


def _ingest_child(store: Path, path: Path, timeout: float = 60) -> tuple[int, str, float, int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "--store", str(store), "ingest", str(path)],
                          capture_output=True, text=True, timeout=timeout, env=env)
    elapsed = time.monotonic() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return proc.returncode, proc.stderr, elapsed, max(peak_kb, before)


def billion_laughs(levels: int = 10) -> str:
    ents = ['<!ENTITY a0 "lol">'] + [f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, levels)]
    return (f'<?xml version="1.0"?>\n<!DOCTYPE r [{"".join(ents)}]>\n<rdf:RDF {RDF_NS}>'
            f'<rdf:Description rdf:about="http://example.org/a"><e:p>&a{levels - 1};</e:p></rdf:Description></rdf:RDF>')


def yaml_laughs(levels: int = 12) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


N = 100_000
CASES = {
    "billion-laughs.rdf": lambda: billion_laughs().encode(),
    "billion-laughs-utf16.rdf": lambda: billion_laughs().replace('"1.0"?', '"1.0" encoding="UTF-16"?').encode("utf-16"),
    "yaml-laughs.yaml": lambda: yaml_laughs().encode(),
    "yaml-laughs-deal.yaml": lambda: (yaml_laughs() + "deals: *a11\n").encode(),
    "deep-flow.yaml": lambda: b"[" * N + b"]" * N,
    "deep-block.yaml": lambda: b"".join(b"  " * i + b"- \n" for i in range(3000)),
    "deep-mapping.yaml": lambda: b"{a: " * N + b"1" + b"}" * N,
    "deep-array.jsonld": lambda: b'{"@id": "http://example.org/a", "http://example.org/p": ' + b"[" * N + b"1"
                                 + b"]" * N + b"}",
    "deep-object.jsonld": lambda: b'{"@id": "http://example.org/a", "http://example.org/p": ' * N + b"1" + b"}" * N,
    "deep-context.jsonld": lambda: b'{"@context": ' * N + b"{}" + b"}" * N,
    "deep.rdf": lambda: (f"<rdf:RDF {RDF_NS}>".encode() + b"<rdf:Description><e:p>" * N
                         + b"</e:p></rdf:Description>" * N + b"</rdf:RDF>"),
    "deep-invalid.ttl": lambda: b"<http://example.org/a> <http://example.org/p> " + b"[ <http://example.org/q> " * N
                                + b"nope" + b" ]" * N + b" .",
    "long-line.nt": lambda: b"<http://example.org/a> <http://example.org/p> \"" + b"x" * 20_000_000 + b"\" oops",
    "csv-huge-cell.csv": lambda: b"id,notes\nx,\"" + b"y" * 2_000_000 + b"\"\n",
}


QUICK = {"billion-laughs.rdf", "yaml-laughs-deal.yaml", "deep-flow.yaml", "deep-object.jsonld", "deep.rdf"}


@pytest.mark.parametrize("name", [n if n in QUICK else pytest.param(n, marks=pytest.mark.slow) for n in sorted(CASES)])
def test_bomb_fails_fast_in_bounded_memory(name: str, built_store: Path, tmp_path: Path) -> None:
    before = content_hash(built_store)
    path = tmp_path / name
    path.write_bytes(CASES[name]())
    code, err, elapsed, peak_kb = _ingest_child(built_store, path)
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert elapsed < 20, f"{elapsed:.1f} s"
    assert peak_kb < 1_000_000, f"{peak_kb} KB"
    assert content_hash(built_store) == before


@pytest.mark.parametrize("suffix, limit", [(".ttl", "MAX_RDF_BYTES"),
                                           pytest.param(".yaml", "MAX_YAML_BYTES", marks=pytest.mark.slow),
                                           pytest.param(".csv", "MAX_CSV_BYTES", marks=pytest.mark.slow),
                                           pytest.param(".jsonld", "MAX_RDF_BYTES", marks=pytest.mark.slow)])
def test_huge_file_refused_before_reading(suffix: str, limit: str, built_store: Path, tmp_path: Path) -> None:
    """A sparse file one byte over the cap: refused by size, never read into memory."""
    import kg.loaders.rdf
    import kg.loaders.tables
    import kg.loaders.yamlsafe

    cap = next(getattr(m, limit) for m in (kg.loaders.rdf, kg.loaders.tables, kg.loaders.yamlsafe) if hasattr(m, limit))
    path = tmp_path / f"huge{suffix}"
    with open(path, "wb") as handle:
        handle.truncate(cap + 1)
    code, err, elapsed, peak_kb = _ingest_child(built_store, path)
    assert code == 2 and "limit" in err, err
    assert elapsed < 20 and peak_kb < 400_000, (elapsed, peak_kb)


@pytest.mark.slow
@pytest.mark.parametrize("levels", [9, 10])
def test_billion_laughs_big(levels: int, built_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "bomb.rdf"
    path.write_text(billion_laughs(levels), encoding="utf-8")
    code, err, elapsed, peak_kb = _ingest_child(built_store, path)
    assert code == 2 and elapsed < 20 and peak_kb < 1_000_000, (err, elapsed, peak_kb)

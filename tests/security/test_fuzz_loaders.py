"""Property-based fuzzing of every loader through `kg ingest FILE` (in-process, disk store in tmp_path).

Property: an input either loads (exit 0) or fails with exit 2 and exactly one stderr line, no
traceback, and the store's content hash unchanged. Inputs are valid seed files with random edits
(inserts of bytes and of tokens that matter to each syntax, deletions, duplications, truncations),
plus raw bytes and raw text; YAML also gets random structures with the real keys.

    KG_FUZZ_EXAMPLES=100 pytest tests/security/test_fuzz_loaders.py            # normal run
    KG_FUZZ_EXAMPLES=10000 pytest -m slow tests/security -k fuzz               # the big run
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.loaders.curated import KEYS
from security.conftest import FUZZ_EXAMPLES, content_hash, one_line_error

KG = "https://w3id.org/dealgraph/ontology#"
SEEDS: dict[str, bytes] = {
    ".yaml": b"""companies:
- id: fuzz-co
  name: Fuzz Co
  country: US
deals:
- id: fuzz-deal
  announced: '2025-01-02'
  type: license
  licensor: Kelun-Biotech
  licensee: fuzz-co
  territory: {include: [WORLD], exclude: [GREATER_CHINA]}
  upfront_usd_m: 10
  sources: [https://example.org/news]
""",
    ".csv": b"id,announced,type,licensor,licensee,assets,territory,upfront_usd_m,sources\n"
            b"fuzz-csv,2025-01-02,license,Kelun-Biotech,Merck,SKB264,WORLD -GREATER_CHINA,\"1,200\","
            b"https://example.org/a;https://example.org/b\n",
    ".ttl": b"@prefix kg: <" + KG.encode() + b"> .\n@prefix ex: <http://example.org/> .\n"
            b"ex:a a kg:Note ; ex:p \"x\"@en , 1.5e3 , [ ex:q ( 1 2 ) ] .\n",
    ".nt": b"<http://example.org/a> <http://example.org/p> \"x\\u00e9\" .\n"
           b"_:b <http://example.org/q> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n",
    ".jsonld": json.dumps({"@context": {"ex": "http://example.org/", "p": {"@id": "ex:p", "@type": "@id"}},
                          "@id": "ex:a", "p": ["ex:b", {"@id": "ex:c", "ex:q": [1, "two", {"@value": "3"}]}]}).encode(),
    ".rdf": b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            b'xmlns:ex="http://example.org/"><rdf:Description rdf:about="http://example.org/a">'
            b'<ex:p xml:lang="en">x</ex:p><ex:q rdf:parseType="Resource"><ex:r>1</ex:r></ex:q>'
            b"</rdf:Description></rdf:RDF>\n",
}
TOKENS = [b'"', b"'", b"<", b">", b"{", b"}", b"[", b"]", b"(", b")", b"\\", b"\\u", b"\x00", b"\xff\xfe", b"\n",
          b"\r", b"\t", b"&", b"&x;", b"<!DOCTYPE r [<!ENTITY x 'y'>]>", b'"@context": "http://127.0.0.1:9/"',
          b"@prefix", b"@base <file:///etc/> .", b"^^", b"@", b":", b"- ", b"*a", b"&a ",
          b"!!python/object/apply:os.system", b"!!binary", b"? ", b"---", b"...", b"%YAML 1.1\n",
          b"=cmd|' /C calc'!A0", b",", b";", b"\xc3\xa9",
          b"\xf0\x9f\x92\x8a", b"\xed\xa0\x80", b"1e999999", b"-0", b"9" * 40, b"_:",
          b"rdf:parseType=\"Collection\"", b"xml:base=\"..\"",
          b"@graph", b"@reverse", b"@list", b"@nest", b"\"@value\": null"]


@st.composite
def mutated(draw: Any, seed: bytes, max_edits: int, max_insert: int) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, max_edits))):
        op = draw(st.sampled_from(["insert", "token", "delete", "duplicate", "truncate", "flip"]))
        pos = draw(st.integers(0, len(data)))
        if op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=max_insert))
        elif op == "token":
            data[pos:pos] = draw(st.sampled_from(TOKENS)) * draw(st.integers(1, 3))
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 16))]
        elif op == "duplicate":
            end = min(len(data), pos + draw(st.integers(1, 64)))
            data[pos:pos] = data[pos:end] * draw(st.integers(1, 4))
        elif op == "truncate":
            del data[pos:]
        elif data and pos < len(data):
            data[pos] = draw(st.integers(0, 255))
    return bytes(data)


_yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
                          st.sampled_from(["WORLD", "license", "2025-01-01", "https://example.org/x", "kelun-biotech"]))
_yaml_values = st.recursive(_yaml_scalars, lambda inner: st.lists(inner, max_size=4)
                            | st.dictionaries(st.sampled_from(sorted(set(KEYS["deals"]) | {"include", "exclude"}))
                                              | st.text(max_size=5), inner, max_size=5), max_leaves=20)
_yaml_docs = st.one_of(
    st.lists(st.dictionaries(st.sampled_from(KEYS["deals"]), _yaml_values, max_size=8), max_size=3),
    st.dictionaries(st.sampled_from(["companies", "assets", "deals", "targets", "regions", "x"]),
                    st.lists(st.dictionaries(st.sampled_from(sorted({k for v in KEYS.values() for k in v})),
                                             _yaml_values, max_size=6), max_size=3), max_size=3),
    _yaml_values,
).map(lambda doc: yaml.safe_dump(doc, allow_unicode=True).encode("utf-8"))


def inputs(suffix: str, big: bool) -> st.SearchStrategy[bytes]:
    seed = SEEDS[suffix]
    max_edits, max_insert, raw = (40, 4096, 65536) if big else (6, 16, 300)
    options = [mutated(seed, max_edits, max_insert), st.binary(max_size=raw),
               st.text(max_size=raw).map(lambda t: t.encode("utf-8", "surrogatepass"))]
    if suffix == ".yaml":
        options.append(_yaml_docs)
    return st.one_of(*options)


LOADERS = [".yaml", ".csv", ".ttl", ".nt", ".jsonld", ".rdf"]
_SETTINGS = {"deadline": None, "suppress_health_check": list(HealthCheck), "derandomize": False}


def _fingerprint(store: Path) -> list[tuple[str, int, int]]:
    """Every database file's name, size and mtime: if none changed, neither did the content."""
    return sorted((str(p.relative_to(store)), p.stat().st_size, p.stat().st_mtime_ns)
                  for p in store.rglob("*") if p.is_file() and not p.name.startswith("LOG") and p.name != "lock")


def _fuzz(run_cli, store: Path, suffix: str, big: bool) -> dict[str, int]:
    stats = {"examples": 0, "loaded": 0, "refused": 0, "hashed": 0}
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    state: dict[str, Any] = {"hash": content_hash(store), "files": _fingerprint(store)}

    @settings(max_examples=FUZZ_EXAMPLES, **_SETTINGS)
    @given(data=inputs(suffix, big))
    def check(data: bytes) -> None:
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        code, _, err = run_cli(["ingest", str(path)], store=store)
        stats["examples"] += 1
        if code == 0:
            stats["loaded"] += 1
            state["hash"], state["files"] = content_hash(store), _fingerprint(store)
            return
        stats["refused"] += 1
        try:
            one_line_error(code, err)
            if _fingerprint(store) != state["files"]:  # files touched: the content hash must still agree
                stats["hashed"] += 1
                assert content_hash(store) == state["hash"], "a failed ingest changed the store"
        except AssertionError:
            keep = Path(__file__).parent / "regressions" / f"found-{abs(hash(data)) % 10**8}{suffix}"
            keep.write_bytes(data)  # kept for the regression test below
            raise

    try:
        check()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return stats


@pytest.mark.parametrize("suffix", LOADERS)
def test_fuzz_ingest(suffix: str, run_cli, built_store: Path) -> None:
    stats = _fuzz(run_cli, built_store, suffix, big=False)
    print(f"fuzz {suffix}: {stats}")


@pytest.mark.slow
@pytest.mark.parametrize("suffix", LOADERS)
def test_fuzz_ingest_big(suffix: str, run_cli, built_store: Path) -> None:
    stats = _fuzz(run_cli, built_store, suffix, big=True)
    print(f"fuzz {suffix}: {stats}")


@pytest.mark.skipif(importlib.util.find_spec("kg.loaders.article") is None, reason="no article text loader here")
def test_fuzz_article_text(run_cli, built_store: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    before = content_hash(built_store)
    stats = {"examples": 0, "loaded": 0, "refused": 0}

    @settings(max_examples=FUZZ_EXAMPLES, **_SETTINGS)
    @given(text=st.text(max_size=2000))
    def check(text: str) -> None:
        nonlocal before
        path = folder / "article.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        code, _, err = run_cli(["ingest", str(path)], store=built_store)
        stats["examples"] += 1
        if code == 0:
            stats["loaded"] += 1
            before = content_hash(built_store)
            return
        stats["refused"] += 1
        one_line_error(code, err)
        assert content_hash(built_store) == before

    try:
        check()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"fuzz .txt: {stats}")


def test_text_without_article_loader_is_a_user_error(run_cli, built_store: Path, tmp_path: Path) -> None:
    if importlib.util.find_spec("kg.loaders.article") is not None:
        pytest.skip("this tree reads article text")
    path = tmp_path / "a.txt"
    path.write_text("Kelun licensed SKB264 to Merck for $47m upfront.", encoding="utf-8")
    code, _, err = run_cli(["ingest", str(path)], store=built_store)
    one_line_error(code, err)


REGRESSION_FILES = sorted(p for p in (Path(__file__).parent / "regressions").iterdir()
                          if p.suffix in SEEDS or p.suffix == ".txt")


@pytest.mark.parametrize("path", REGRESSION_FILES, ids=lambda p: p.name)
def test_regression_inputs(path: Path, run_cli, built_store: Path, tmp_path: Path) -> None:
    before = content_hash(built_store)
    copy = tmp_path / path.name
    copy.write_bytes(path.read_bytes())
    code, _, err = run_cli(["ingest", str(copy)], store=built_store)
    if code != 0:
        one_line_error(code, err)
        assert content_hash(built_store) == before

"""The benchmark generator writes a data folder that the real loaders accept (no timings here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from kg import KnowledgeGraph
from kg.loaders.curated import load_data_dir
from kg.store import MemoryStore

GENERATOR = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"


def _generate(n: int, seed: int, out: Path) -> dict[str, int]:
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate(n, seed, out)


def test_generated_deals_build_through_the_loader(tmp_path: Path) -> None:
    counts = _generate(50, 7, tmp_path / "data")
    assert counts["deals"] == 50
    assert sorted(p.suffix for p in (tmp_path / "data" / "deals").iterdir()) == [".csv"]
    dataset = load_data_dir(tmp_path / "data")
    assert len(dataset.deals) == 50 and len(dataset.companies) == counts["companies"]
    kg = KnowledgeGraph(MemoryStore())
    kg.build([tmp_path / "data"], bundled=False)
    hub = max(dataset.companies, key=lambda c: sum(c.id in (d.licensor, d.licensee) for d in dataset.deals))
    answer = kg.partners(hub.name)
    assert answer["partners"] and all(p["deals"] for p in answer["partners"])
    assert any(a.targets for a in dataset.assets)


def test_generator_is_deterministic(tmp_path: Path) -> None:
    _generate(30, 3, tmp_path / "a")
    _generate(30, 3, tmp_path / "b")
    for path in sorted((tmp_path / "a").rglob("*.*")):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()

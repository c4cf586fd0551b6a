"""Re-export the benchmark's random graph generator for tests."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "bench_views", Path(__file__).resolve().parents[2] / "benchmarks" / "bench_views.py"
)
assert _spec and _spec.loader
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)
random_deal_graph = _mod.random_deal_graph

"""Extraction throughput: articles per second through `kg.extract.extract` (target >= 50/s).

Reads every .txt under the given folders (default: the eval kit's seed and dev texts and the
project's own test texts), extracts each REPEAT times with one gazetteer, and prints the rate.
Run: `python benchmarks/bench_extract.py [FOLDER ...] [--repeat N]`.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [ROOT.parent / "shared" / "eval" / "seed", ROOT.parent / "shared" / "eval" / "dev",
           ROOT / "tests" / "extract" / "texts"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    from kg.extract import extract
    from kg.extract.gazetteer import default_gazetteer

    texts = [p.read_text(encoding="utf-8") for f in (args.folders or DEFAULT) if f.is_dir()
             for p in sorted(f.glob("*.txt"))]
    if not texts:
        raise SystemExit("no .txt files found")
    start = time.perf_counter()
    gazetteer = default_gazetteer()
    setup = time.perf_counter() - start
    extract(texts[0], gazetteer)  # warm the compiled patterns
    start = time.perf_counter()
    deals = 0
    for _ in range(args.repeat):
        for text in texts:
            deals += len(extract(text, gazetteer).deals)
    elapsed = time.perf_counter() - start
    n = len(texts) * args.repeat
    chars = sum(len(t) for t in texts) / len(texts)
    print(f"{n} articles (avg {chars:,.0f} characters), {deals} deals, gazetteer {setup:.2f} s: "
          f"{n / elapsed:,.0f} articles/s (target >= 50)")


if __name__ == "__main__":
    main()

"""kill -9 at random moments during `kg build`, `kg ingest` and `kg export`, and a second writer.

After each kill the store must open and hold the old or the new content (content hashes), never a
mix; an export file must be whole (equal to a finished export) or absent. KG_KILLS sets the kills
per command in the slow run (default 17, about 50 in all); the normal run kills 5 times (build 2, ingest 2, export 1).

    pytest tests/faults                      # 2 kills per command
    KG_KILLS=17 pytest -m slow tests/faults  # ~50 kills
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg import KnowledgeGraph
from kg.store import DiskStore

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
SLOW_KILLS = int(os.environ.get("KG_KILLS", "17"))
EXTRA = """companies:
- id: fault-co
  name: Fault Co
  country: US
deals:
- id: fault-deal
  type: license
  licensor: kelun-biotech
  licensee: fault-co
  upfront_usd_m: 5
  sources: [https://example.org/fault]
"""


def kg_cmd(store: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", "--store", str(store), *args]


def run(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(kg_cmd(store, *args), capture_output=True, text=True, env=ENV, timeout=120)


def content_hash(store: Path) -> str:
    kg = KnowledgeGraph(DiskStore(store))
    try:
        return kg.content_hash()
    finally:
        kg.close()


def run_and_kill(store: Path, args: list[str], delay: float) -> int | None:
    """Start `kg ARGS`, SIGKILL it after `delay` seconds; its exit code if it finished first."""
    proc = subprocess.Popen(kg_cmd(store, *args), env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return None


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Reference stores and hashes: built (bundled data) and built+ingested, and full run times."""
    base = tmp_path_factory.mktemp("faults")
    extra = base / "extra.yaml"
    extra.write_text(EXTRA, encoding="utf-8")
    built = base / "built"
    t0 = time.monotonic()
    assert run(built, "build").returncode == 0
    t_build = time.monotonic() - t0
    ingested = base / "ingested"
    shutil.copytree(built, ingested)
    t0 = time.monotonic()
    proc = run(ingested, "ingest", str(extra))
    assert proc.returncode == 0, proc.stderr
    t_ingest = time.monotonic() - t0
    export = base / "full.ttl"
    t0 = time.monotonic()
    assert run(built, "export", "--format", "ttl", "-o", str(export)).returncode == 0
    t_export = time.monotonic() - t0
    return {"base": base, "extra": extra, "built": built, "ingested": ingested, "export": export.read_bytes(),
            "h_built": content_hash(built), "h_ingested": content_hash(ingested),
            "t": {"build": t_build, "ingest": t_ingest, "export": t_export}}


def _kills(command: str, n: int, states: dict[str, object], tmp_path: Path, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    t = states["t"][command]  # type: ignore[index]
    outcome = {"killed": 0, "finished": 0, "old": 0, "new": 0}
    for i in range(n):
        store = tmp_path / f"s{i}"
        if command == "build":  # old: built + ingested; new: a fresh build of the bundled data
            shutil.copytree(states["ingested"], store)  # type: ignore[arg-type]
            old, new, args = states["h_ingested"], states["h_built"], ["build"]
        elif command == "ingest":
            shutil.copytree(states["built"], store)  # type: ignore[arg-type]
            old, new, args = states["h_built"], states["h_ingested"], ["ingest", str(states["extra"])]
        else:
            shutil.copytree(states["built"], store)  # type: ignore[arg-type]
            target = tmp_path / f"out{i}.ttl"
            old = new = states["h_built"]
            args = ["export", "--format", "ttl", "-o", str(target)]
        code = run_and_kill(store, args, rng.uniform(0.05, t * 1.1))
        outcome["finished" if code is not None else "killed"] += 1
        got = content_hash(store)
        assert got in (old, new), f"kill {i} of {command}: the store holds neither the old nor the new graph"
        outcome["old" if got == old else "new"] += 1
        if command == "export":
            assert not target.exists() or target.read_bytes() == states["export"], "a partial export file"
        if i == 0 or n > 2:  # the store is writable again: the lock died with the process
            assert run(store, "ingest", str(states["extra"])).returncode == 0
        shutil.rmtree(store)
    return outcome


@pytest.mark.parametrize("command", ["build", "ingest", "export"])
def test_kill_leaves_old_or_new(command: str, states: dict[str, object], tmp_path: Path) -> None:
    _kills(command, 1 if command == "export" else 2, states, tmp_path, seed=len(command))


@pytest.mark.slow
@pytest.mark.parametrize("command", ["build", "ingest", "export"])
def test_kill_loop(command: str, states: dict[str, object], tmp_path: Path) -> None:
    outcome = _kills(command, SLOW_KILLS, states, tmp_path, seed=int(os.environ.get("KG_KILL_SEED", "7")))
    print(f"kill -9 {command}: {outcome}")


def test_second_writer_is_told_who_holds_the_store(states: dict[str, object], tmp_path: Path) -> None:
    store = tmp_path / "s"
    shutil.copytree(states["built"], store)  # type: ignore[arg-type]
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom kg.store import DiskStore\ns = DiskStore(sys.argv[1])\n"
         "with s.writing():\n    print('locked', flush=True)\n    time.sleep(60)\n", str(store)],
        env=ENV, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        before = content_hash(store)
        for args in (["ingest", str(states["extra"])], ["build"]):
            proc = run(store, *args)
            assert proc.returncode == 2, proc.stderr
            assert proc.stderr.count("\n") == 1 and f"is in use by process {holder.pid}" in proc.stderr
        assert content_hash(store) == before
    finally:
        holder.kill()
        holder.wait()

"""A long build tells its stages, and a cache writer that fails costs speed, never the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import KnowledgeGraph
from kg.store import DiskStore


def test_build_reports_each_stage(tmp_path: Path, generate_market, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg import api

    monkeypatch.setattr(api, "PROGRESS_EVERY", 2_000)  # a small market still reports its loading
    generate_market(300, 3, tmp_path / "data")
    heard: list[str] = []
    KnowledgeGraph(DiskStore(tmp_path / "store")).build([tmp_path / "data"], bundled=False, progress=heard.append)
    assert heard[0] == "reading the data folders"
    assert heard[1].startswith("checking 300 deals")
    loading = [m for m in heard if m.startswith("loading: ")]
    assert loading and all(m.endswith(" triples so far") for m in loading)
    assert heard[-1] == "writing the caches the next command reads"


@pytest.mark.parametrize("in_child", [True, False], ids=["child process", "thread"])
def test_a_failed_cache_writer_is_reported_and_the_build_stands(tmp_path: Path, generate_market, in_child: bool,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from kg import handover

    def broken(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(handover, "_in_child", lambda _store, _dataset: in_child)
    monkeypatch.setattr(handover, "write_caches", broken)
    generate_market(300, 3, tmp_path / "data")
    heard: list[str] = []
    kg = KnowledgeGraph(DiskStore(tmp_path / "store"))
    dataset = kg.build([tmp_path / "data"], bundled=False, progress=heard.append)
    assert heard[-1].startswith("the caches could not be written")
    assert not list((kg.store.root / "cache").glob(f"projection-*{kg.store.state()}*"))
    # the store is whole, and the next question is answered from it
    hub = max(dataset.companies, key=lambda c: sum(c.id in (d.licensor, d.licensee) for d in dataset.deals))
    assert kg.partners(hub.name)["partners"]


def test_cli_stages_start_only_after_the_quiet_time(capsys: pytest.CaptureFixture[str]) -> None:
    from kg.cli import _LongRunStages

    _LongRunStages(quiet=3600)("checking 10 deals")
    _LongRunStages(quiet=0)("loading: 2,000 triples so far")
    assert capsys.readouterr().err == "kg: loading: 2,000 triples so far\n"


def test_caches_are_written_in_a_child_only_for_large_builds_into_disk_stores(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from kg import handover
    from kg.records import Dataset, Deal
    from kg.store import MemoryStore

    big = Dataset(deals=[Deal(id=f"d{i}", licensor="a", licensee="b") for i in range(handover.FORK_DEALS)])
    small = Dataset(deals=big.deals[:10])
    disk = handover.AtState(DiskStore(tmp_path / "s"), "next")
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert handover._in_child(disk, big)
    assert not handover._in_child(disk, small)
    assert not handover._in_child(handover.AtState(MemoryStore(), "next"), big)  # its caches live in this process
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert not handover._in_child(disk, big)  # never fork beside running threads

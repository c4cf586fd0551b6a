"""The curated data: canonical form, complete sourcing, one name per company, no duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.canonical import format_folder
from kg.checks import check_dataset
from kg.errors import InputError
from kg.loaders.curated import load_data_dir, load_file
from kg.names import normalise
from kg.resources import data_dir

DATA = data_dir()


@pytest.fixture(scope="module")
def dataset():
    return load_data_dir(DATA)


def test_data_is_in_canonical_form():
    assert format_folder(DATA, write=False) == [], "run `kg data fmt` to rewrite these files"


def test_dataset_is_consistent(dataset):
    check_dataset(dataset)


def test_every_deal_has_a_source(dataset):
    assert all(d.sources for d in dataset.deals)
    assert all(s.url.startswith(("https://", "http://")) for d in dataset.deals for s in d.sources)


def test_every_asset_has_a_modality(dataset):
    assert all(a.modality for a in dataset.assets)


def test_no_company_name_resolves_to_two_companies(dataset):
    seen: dict[str, str] = {}
    for c in dataset.companies:
        for name in (c.name, *c.aliases):
            key = normalise(name)
            assert seen.setdefault(key, c.id) == c.id, f"{name!r}: {seen[key]} and {c.id}"


def test_reference_deals_are_all_present(dataset):
    import yaml

    reference = Path(__file__).resolve().parents[2] / "shared" / "reference" / "deals.yaml"
    if not reference.exists():
        pytest.skip("shared/reference not beside the project")
    ids = {d.id for d in dataset.deals}
    by_id = {d.id: d for d in dataset.deals}
    for ref in yaml.safe_load(reference.read_text()):
        assert ref["id"] in ids
        ours = by_id[ref["id"]]
        for key in ("upfront_usd_m", "milestones_usd_m", "total_usd_m", "equity_usd_m"):
            assert ours.money.get(key) == (float(ref[key]) if ref[key] is not None else None), (ref["id"], key)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deals.yaml"
    path.write_text(text)
    return path


def test_deal_without_source_is_rejected(tmp_path):
    path = _write(tmp_path, "- id: x\n  licensor: a\n  licensee: b\n  type: license\n")
    with pytest.raises(InputError, match=r"deals.yaml:1: deal is missing 'sources'"):
        load_file(path)


def test_duplicate_deal_is_rejected(dataset):
    from dataclasses import replace

    copy = replace(dataset.deals[0], id="another-id")
    broken = load_data_dir(DATA)
    broken.deals.append(copy)
    with pytest.raises(InputError, match="duplicates deal"):
        check_dataset(broken)


def test_target_must_be_an_hgnc_symbol(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("- symbol: pd-1\n")
    with pytest.raises(InputError, match="invalid value 'pd-1'"):
        load_file(path, "targets")


def test_ambiguous_company_alias_is_rejected():
    broken = load_data_dir(DATA)
    from dataclasses import replace

    kgaa = next(c for c in broken.companies if c.id == "merck-kgaa")
    broken.companies[broken.companies.index(kgaa)] = replace(kgaa, aliases=(*kgaa.aliases, "MSD"))
    with pytest.raises(InputError, match="several companies"):
        check_dataset(broken)


def test_unquoted_yaml_date_is_read_as_the_date_written(tmp_path):
    path = tmp_path / "deals.yaml"
    path.write_text("- {id: d1, licensor: a, licensee: b, announced: 2024-05-04, sources: [https://example.org/x]}\n")
    assert load_file(path, "deals").deals[0].announced == "2024-05-04"
    path.write_text("- {id: d1, licensor: a, licensee: b, announced: 2024-05-04 10:00:00, sources: [https://e.org/x]}\n")
    with pytest.raises(InputError, match="announced"):
        load_file(path, "deals")


def test_parallel_read_gives_the_same_records_and_the_first_error(tmp_path, monkeypatch):
    """A large folder is read by worker processes; the records, their order and the error must be
    those of a one-by-one read."""
    from kg.loaders import curated

    monkeypatch.setattr(curated, "PARALLEL_BYTES", 0)  # the bundled folder is small: force the workers
    if curated._workers([(data_dir() / "regions.yaml", "regions")] * 2) < 2:
        pytest.skip("one core, or no fork on this platform: files are read one by one")
    assert load_data_dir(data_dir()) == curated.Dataset(**_sequential(data_dir(), monkeypatch))
    folder = tmp_path / "data"
    (folder / "deals").mkdir(parents=True)
    (folder / "deals" / "a.yaml").write_text("- id: x\n  licensor: a\n  licensee: b\n")  # no source
    (folder / "deals" / "b.yaml").write_text("- [not, a, mapping\n")
    with pytest.raises(InputError, match=r"a.yaml:1: deal is missing 'sources'"):
        load_data_dir(folder)


def _sequential(root, monkeypatch):
    from kg.loaders import curated

    monkeypatch.setattr(curated, "PARALLEL_BYTES", 1 << 62)
    found = load_data_dir(root)
    monkeypatch.setattr(curated, "PARALLEL_BYTES", 0)
    return {name: getattr(found, name) for name in ("regions", "targets", "companies", "assets", "deals")}


def test_a_folder_may_repeat_the_bundled_vocabularies_but_not_contradict_them(tmp_path, run_cli):
    """`kg build --data DIR` where DIR carries a copy of the bundled regions: the copy is the same
    record and is dropped; a region that differs under the same code is still an error (exit 2)."""
    import shutil

    from kg.resources import data_dir

    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(data_dir() / "regions.yaml", folder / "regions.yaml")
    code, out, err = run_cli(["build", "--data", str(folder)], store=tmp_path / "s")
    assert code == 0, err
    text = (folder / "regions.yaml").read_text(encoding="utf-8")
    changed = text.replace("name: Worldwide", "name: The whole world", 1)
    assert changed != text
    (folder / "regions.yaml").write_text(changed, encoding="utf-8")
    code, out, err = run_cli(["build", "--data", str(folder)], store=tmp_path / "s")
    assert code == 2 and err.count("\n") == 1 and "duplicate region id 'WORLD'" in err

"""Curated YAML data (data/ and users' own files) into typed records, checked field by field.

The format is described in data/README.md. Every problem is reported as `file:line: what is wrong`
before anything reaches the store.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

import pycountry

from kg.errors import InputError
from kg.loaders.yamlsafe import LINE_KEY, read_yaml
from kg.records import (
    DEAL_TYPES,
    MODALITIES,
    MONEY_FIELDS,
    PHASES,
    RIGHTS,
    ROYALTIES,
    STATUSES,
    Asset,
    Company,
    Dataset,
    Deal,
    Region,
    Source,
    Target,
    Territory,
)

KINDS = ("regions", "targets", "companies", "assets", "deals")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,127}$")
DATE = re.compile(r"^(19|20)\d\d-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")
HGNC_SYMBOL = re.compile(r"^[A-Z0-9][A-Za-z0-9-]{0,19}$")
HGNC_ID = re.compile(r"^HGNC:\d{1,6}$")
QID = re.compile(r"^Q\d{1,12}$")
URL = re.compile(r"^https?://[^\s<>\"']{3,2000}$")
CURRENCY = re.compile(r"^[A-Z]{3}$")

KEYS: dict[str, tuple[str, ...]] = {
    "regions": ("code", "name", "aliases", "members"),
    "targets": ("symbol", "hgnc", "name", "aliases"),
    "companies": ("id", "name", "aliases", "country", "parent", "acquired_by", "tickers", "wikidata"),
    "assets": ("id", "name", "aliases", "modality", "targets", "developer", "phase"),
    "deals": (
        "id",
        "announced",
        "type",
        "licensor",
        "licensee",
        "assets",
        "assets_note",
        "partnership",
        "territory",
        "territory_text",
        "rights",
        *MONEY_FIELDS,
        "currency",
        "original_m",
        "royalties",
        "status",
        "sources",
        "notes",
    ),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "regions": ("code", "name"),
    "targets": ("symbol",),
    "companies": ("id", "name"),
    "assets": ("id", "name", "modality"),
    "deals": ("id", "licensor", "licensee", "type", "sources"),
}


def is_country(code: str) -> bool:
    return code == "XK" or pycountry.countries.get(alpha_2=code) is not None


class _Entry:
    """One YAML mapping with the file and line it came from, for error messages."""

    def __init__(self, path: Path, kind: str, raw: Any, index: int):
        if not isinstance(raw, dict):
            raise InputError(f"{path}: entry {index + 1} of {kind} is not a mapping")
        self.path, self.kind, self.raw = path, kind, raw
        self.line = raw.get(LINE_KEY, "?")
        unknown = sorted(str(k) for k in raw if k not in KEYS[kind] and k != LINE_KEY)
        if unknown:
            self.fail(f"unknown key(s) {', '.join(unknown)} for {kind[:-1]}")
        for key in REQUIRED[kind]:
            if raw.get(key) in (None, "", []) and not (kind == "deals" and key == "type"):
                self.fail(f"{kind[:-1]} is missing {key!r}")

    def fail(self, message: str) -> NoReturn:
        raise InputError(f"{self.path}:{self.line}: {message}")

    def text(self, key: str, pattern: re.Pattern[str] | None = None, required: bool = False) -> str | None:
        value = self.raw.get(key)
        if value is None:
            if required:
                self.fail(f"missing {key!r}")
            return None
        if isinstance(value, datetime.date):  # YAML reads an unquoted 2024-05-04 as a date
            value = value.isoformat()
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(f"{key!r} must be text, not {type(value).__name__}")
        text = str(value).strip()
        if len(text) > 2000:
            self.fail(f"{key!r} is longer than 2000 characters")
        if pattern is not None and not pattern.match(text):
            self.fail(f"{key!r} has an invalid value {text!r}")
        return text

    def strs(self, key: str, pattern: re.Pattern[str] | None = None) -> tuple[str, ...]:
        value = self.raw.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(f"{key!r} must be a list")
        out = []
        for item in value:
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                self.fail(f"{key!r} holds a {type(item).__name__}, not text")
            text = str(item).strip()
            if pattern is not None and not pattern.match(text):
                self.fail(f"{key!r} has an invalid value {text!r}")
            out.append(text)
        return tuple(out)

    def choice(self, key: str, allowed: Iterable[str]) -> str | None:
        value = self.text(key)
        if value is not None and value not in allowed:
            self.fail(f"{key!r} is {value!r}, not one of: {', '.join(allowed)}")
        return value

    def number(self, key: str) -> float | None:
        value = self.raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(f"{key!r} must be a number (USD millions), not {value!r}")
        if not 0 <= value < 10_000_000:
            self.fail(f"{key!r} is out of range: {value!r}")
        return float(value)


def _region(e: _Entry) -> Region:
    members = e.strs("members")
    for code in members:
        if not is_country(code):
            e.fail(f"member {code!r} is not an ISO 3166-1 alpha-2 country code")
    return Region(code=e.text("code", re.compile(r"^[A-Z][A-Z_]{1,31}$")) or "", name=e.text("name") or "",
                  aliases=e.strs("aliases"), members=members)


def _target(e: _Entry) -> Target:
    return Target(symbol=e.text("symbol", HGNC_SYMBOL) or "", hgnc=e.text("hgnc", HGNC_ID), name=e.text("name"),
                  aliases=e.strs("aliases"))


def _company(e: _Entry) -> Company:
    country = e.text("country")
    if country is not None and not is_country(country):
        e.fail(f"country {country!r} is not an ISO 3166-1 alpha-2 code")
    return Company(
        id=e.text("id", SLUG) or "",
        name=e.text("name") or "",
        aliases=e.strs("aliases"),
        country=country,
        parent=e.text("parent", SLUG),
        acquired_by=e.text("acquired_by", SLUG),
        tickers=e.strs("tickers"),
        wikidata=e.text("wikidata", QID),
    )


def _asset(e: _Entry) -> Asset:
    return Asset(
        id=e.text("id", SLUG) or "",
        name=e.text("name") or "",
        aliases=e.strs("aliases"),
        modality=e.choice("modality", MODALITIES),
        targets=e.strs("targets", HGNC_SYMBOL),
        developer=e.text("developer", SLUG),
        phase=e.choice("phase", PHASES),
    )


def _territory(e: _Entry) -> Territory | None:
    raw = e.raw.get("territory")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        e.fail("'territory' must be a mapping with 'include' and optional 'exclude'")
    extra = sorted(str(k) for k in raw if k not in ("include", "exclude", LINE_KEY))
    if extra:
        e.fail(f"'territory' has unknown key(s) {', '.join(extra)}")
    parts = {}
    for key in ("include", "exclude"):
        value = raw.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            e.fail(f"'territory.{key}' must be a list of region codes")
        parts[key] = tuple(v.strip() for v in value)
    if not parts["include"]:
        e.fail("'territory.include' is empty")
    return Territory(include=parts["include"], exclude=parts["exclude"])


def _rights(e: _Entry) -> tuple[str, ...]:
    rights = e.strs("rights")
    for right in rights:
        if right not in RIGHTS:
            e.fail(f"right {right!r} is not one of {', '.join(RIGHTS)}")
    return rights


def _deal(e: _Entry) -> Deal:
    money = {key: v for key in MONEY_FIELDS if (v := e.number(key)) is not None}
    original: dict[str, float] = {}
    raw_original = e.raw.get("original_m")
    if raw_original is not None:
        if not isinstance(raw_original, dict):
            e.fail("'original_m' must be a mapping such as {upfront: 160, total: 1400}")
        for key, value in raw_original.items():
            if key == LINE_KEY:
                continue
            if not isinstance(key, str) or not re.match(r"^[a-z][a-z_]{0,40}$", key):
                e.fail(f"'original_m' has an invalid key {key!r}")
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                e.fail(f"'original_m.{key}' must be a non-negative number")
            original[key] = float(value)
    currency = e.text("currency", CURRENCY)
    if original and not currency:
        e.fail("'original_m' needs 'currency'")
    sources = e.strs("sources")
    for url in sources:
        if not URL.match(url):
            e.fail(f"source {url!r} is not an http(s) URL")
    if not sources:
        e.fail("deal has no source URL")
    return Deal(
        id=e.text("id", SLUG) or "",
        licensor=e.text("licensor", required=True) or "",
        licensee=e.text("licensee", required=True) or "",
        type=e.choice("type", DEAL_TYPES) or "license",
        announced=e.text("announced", DATE),
        assets=e.strs("assets"),
        assets_note=e.text("assets_note"),
        partnership=e.text("partnership", SLUG),
        territory=_territory(e),
        territory_text=e.text("territory_text"),
        rights=_rights(e),
        money=money,
        currency=currency,
        original_m=original,
        royalties=e.choice("royalties", ROYALTIES),
        status=e.choice("status", STATUSES),
        sources=tuple(Source(url=u) for u in sources),
        notes=e.text("notes"),
    )


PARSERS = {"regions": _region, "targets": _target, "companies": _company, "assets": _asset, "deals": _deal}


def parse_entries(path: Path, kind: str, raw: Any) -> list[Any]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InputError(f"{path}: expected a list of {kind}, found {type(raw).__name__}")
    return [PARSERS[kind](_Entry(path, kind, item, i)) for i, item in enumerate(raw)]


def load_file(path: Path, kind: str | None = None) -> Dataset:
    """One YAML file: a list of `kind` records, or a mapping of kinds to lists (a user's file)."""
    raw = read_yaml(path)
    dataset = Dataset()
    if kind is None:
        if isinstance(raw, list):
            kind = "deals"
        elif isinstance(raw, dict):
            unknown = sorted(str(k) for k in raw if k not in KINDS and k != LINE_KEY)
            if unknown:
                raise InputError(f"{path}: unknown section(s) {', '.join(unknown)}; expected {', '.join(KINDS)}")
            for section in KINDS:
                getattr(dataset, section).extend(parse_entries(path, section, raw.get(section)))
            return dataset
        else:
            raise InputError(f"{path}: expected a list of deals or a mapping of {', '.join(KINDS)}")
    getattr(dataset, kind).extend(parse_entries(path, kind, raw))
    return dataset


def load_data_dir(root: Path, kinds: Iterable[str] = KINDS) -> Dataset:
    """The curated folder: regions.yaml, targets[/], companies/, assets/, deals/ (YAML, and CSV for
    deals); `kinds` picks some of them (a build without the bundled deals still wants their vocabularies)."""
    if not root.is_dir():
        raise InputError(f"{root}: data folder not found")
    jobs: list[tuple[Path, str]] = []
    for kind in (k for k in KINDS if k in set(kinds)):
        files = sorted((root / kind).glob("*.yaml")) if (root / kind).is_dir() else []
        single = root / f"{kind}.yaml"
        if single.is_file():
            files.insert(0, single)
        jobs += [(path, kind) for path in files]
        if kind == "deals" and (root / kind).is_dir():
            jobs += [(path, "deals") for path in sorted((root / kind).glob("*.csv"))]
    dataset = Dataset()
    for part in _read_all(jobs):
        dataset.extend(part)
    return dataset


PARALLEL_BYTES = 4 << 20  # below this, starting worker processes costs more than it saves


def _read_one(job: tuple[Path, str]) -> Dataset:
    path, kind = job
    if path.suffix == ".csv":
        from kg.loaders.tables import load_csv  # tables imports this module

        return load_csv(path)
    return load_file(path, kind)


def _read_all(jobs: list[tuple[Path, str]]) -> list[Dataset]:
    """Each file's records, in order. A large folder is read by worker processes, one file each:
    parsing and checking records is pure Python, so a second core halves it (a 30k-deal folder:
    companies and assets YAML beside the deals CSV). The first failing file, in order, raises, as
    when read one by one."""
    workers = _workers(jobs)
    if workers < 2:
        return [_read_one(job) for job in jobs]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_read_one, jobs))


def _workers(jobs: list[tuple[Path, str]]) -> int:
    import multiprocessing
    import os
    import threading

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # spawning fresh interpreters costs more than the files take to read
    if threading.active_count() > 1:
        return 1  # a fork beside running threads can inherit locks they hold
    try:
        size = sum(path.stat().st_size for path, _kind in jobs)
    except OSError:
        return 1  # the loader names the unreadable file
    return min(len(jobs), os.cpu_count() or 1) if size >= PARALLEL_BYTES else 1

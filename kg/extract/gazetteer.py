"""The names the extractor knows: companies, assets (drug programmes) and targets.

Built from plain records (tests, other callers) or from the curated YAML data folder, so that the
extractor resolves "MSD" to Merck & Co. and "BNT327" to the programme the graph calls PM8002.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from kg.extract.target_names import TARGET_NAMES


def company_key(name: str) -> str:
    """Case- and punctuation-insensitive key: 'Merck & Co.' and 'MERCK & CO' both give 'merck co'."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def asset_key(name: str) -> str:
    """Code names match with or without hyphens and spaces: SKB-105 == SKB105 == skb 105."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def target_key(name: str) -> str:
    return re.sub(r"[^a-z0-9.()α-ω]", "", name.lower())


@dataclass
class CompanyRecord:
    name: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    id: str | None = None


@dataclass
class AssetRecord:
    name: str
    aliases: list[str] = field(default_factory=list)
    modality: str | None = None
    targets: list[str] = field(default_factory=list)
    developer: str | None = None  # company canonical name
    id: str | None = None


@dataclass
class TargetRecord:
    symbol: str
    aliases: list[str] = field(default_factory=list)
    name: str | None = None
    hgnc: str | None = None


class Gazetteer:
    """Lookup tables over known names; built once and shared by every extraction."""

    def __init__(
        self,
        companies: list[CompanyRecord] | None = None,
        assets: list[AssetRecord] | None = None,
        targets: list[TargetRecord] | None = None,
    ) -> None:
        self.companies = list(companies or [])
        self.assets = list(assets or [])
        builtin = [TargetRecord(symbol, list(names)) for symbol, names in TARGET_NAMES.items()]
        self.targets = builtin + list(targets or [])
        # company alias key -> record; the canonical name wins over another company's alias
        self.company_by_key: dict[str, CompanyRecord] = {}
        for record in self.companies:
            for alias in record.aliases:
                self.company_by_key.setdefault(company_key(alias), record)
        for record in self.companies:
            self.company_by_key[company_key(record.name)] = record
        self.company_spellings: dict[str, str] = {}  # key -> one original spelling (for case checks)
        for record in self.companies:
            for spelling in [record.name, *record.aliases]:
                self.company_spellings.setdefault(company_key(spelling), spelling)
        self.company_first_tokens = {k.split()[0] for k in self.company_by_key if k}
        self.company_max_tokens = max((len(k.split()) for k in self.company_by_key), default=1)
        self.asset_by_key: dict[str, AssetRecord] = {}
        for record in self.assets:
            for alias in [record.name, *record.aliases]:
                self.asset_by_key.setdefault(asset_key(alias), record)
        self.target_by_key: dict[str, str] = {}
        for record in self.targets:  # data targets come last and override the built-in table
            for alias in [record.symbol, *record.aliases]:
                self.target_by_key[target_key(alias)] = record.symbol
        self.target_symbols = {r.symbol for r in self.targets}
        self._asset_regex: re.Pattern[str] | None = None
        self._target_regex: re.Pattern[str] | None = None

    def company(self, name: str) -> CompanyRecord | None:
        return self.company_by_key.get(company_key(name))

    def asset(self, name: str) -> AssetRecord | None:
        return self.asset_by_key.get(asset_key(name))

    def target_symbol(self, name: str) -> str | None:
        return self.target_by_key.get(target_key(name))

    def is_target_name(self, name: str) -> bool:
        return target_key(name) in self.target_by_key or name.upper() in self.target_symbols

    @property
    def asset_regex(self) -> re.Pattern[str]:
        """Every known asset spelling, longest first, with a hyphen or space optional between letters and
        digits (SKB105 = SKB-105); to be run over lower-cased text."""
        if self._asset_regex is None:
            spellings = {
                s.lower() for r in self.assets for s in [r.name, *r.aliases] if len(asset_key(s)) >= 3
            }
            parts = []
            for s in sorted(spellings, key=len, reverse=True):
                pieces = [re.escape(p) for p in re.findall(r"[a-z]+|\d+|[^a-z\d\s-]+", s)]
                parts.append(r"[-\s]?".join(pieces))
            body = "|".join(parts) or r"(?!x)x"
            # matched against lower-cased text without IGNORECASE: several times faster on long inputs
            self._asset_regex = re.compile(rf"(?<![\w-])(?:{body})(?![\w]|-\d)")
        return self._asset_regex

    @property
    def target_regex(self) -> re.Pattern[str]:
        """Target names as written in text; 'PD-L1xVEGF' and 'PD-1 × VEGF' split into two names."""
        if self._target_regex is None:
            spellings = {s for r in self.targets for s in [r.symbol, *r.aliases] if len(s) >= 2}
            parts = []
            for s in sorted(spellings, key=len, reverse=True):
                pieces = [re.escape(p) for p in re.split(r"[-\s]+", s) if p]
                parts.append(r"[-\s]?".join(pieces))
            body = "|".join(parts)
            self._target_regex = re.compile(
                rf"(?:(?<![A-Za-z0-9])|(?<=[0-9A-Z)]x))(?:{body})(?=$|[^A-Za-z0-9]|x[A-Z])"
            )
        return self._target_regex

    @classmethod
    def from_data_dir(cls, path: str | Path) -> Gazetteer:
        """Read companies/*.yaml, assets/*.yaml, targets/*.yaml and targets.yaml (safe_load only)."""
        root = Path(path)

        def records(pattern: str) -> list[dict[str, Any]]:
            out: list[dict[str, Any]] = []
            for file in sorted(root.glob(pattern)):
                loaded = yaml.safe_load(file.read_text(encoding="utf-8")) or []
                out.extend(item for item in loaded if isinstance(item, dict))
            return out

        company_rows = records("companies/*.yaml")
        names_by_id = {row.get("id"): row.get("name") for row in company_rows}
        companies = [
            CompanyRecord(
                str(r["name"]), [str(a) for a in r.get("aliases") or []], r.get("country"), r.get("id")
            )
            for r in company_rows
            if r.get("name")
        ]
        assets = [
            AssetRecord(
                str(r["name"]),
                [str(a) for a in r.get("aliases") or []],
                r.get("modality"),
                [str(t) for t in r.get("targets") or []],
                names_by_id.get(r.get("developer"), r.get("developer")),
                r.get("id"),
            )
            for r in records("assets/*.yaml")
            if r.get("name")
        ]
        targets = [
            TargetRecord(
                str(r["symbol"]), [str(a) for a in r.get("aliases") or []], r.get("name"), r.get("hgnc")
            )
            for r in records("targets/*.yaml") + records("targets.yaml")
            if r.get("symbol")
        ]
        return cls(companies, assets, targets)


def default_data_dir() -> Path | None:
    """The source tree's data/ folder, or the copy an installed wheel carries under kg/resources/."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "data", here / "resources" / "data"):
        if (candidate / "companies").is_dir():
            return candidate
    return None


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    folder = default_data_dir()
    return Gazetteer.from_data_dir(folder) if folder else Gazetteer()

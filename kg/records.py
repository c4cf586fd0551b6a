"""Typed records that every loader yields and the RDF mapping consumes.

Loaders of different sources (curated YAML, article text, CSV) agree on these records, so that
one mapping turns them into triples and one set of checks applies to all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

MODALITIES = (
    "ADC",
    "bispecific antibody",
    "monoclonal antibody",
    "small molecule",
    "cell therapy",
    "gene therapy",
    "siRNA",
    "radioligand",
    "vaccine",
    "other",
)
PHASES = ("preclinical", "phase 1", "phase 2", "phase 3", "filed", "approved")
DEAL_TYPES = ("license", "option", "collaboration", "co-development", "acquisition", "platform")
RIGHTS = ("research", "develop", "manufacture", "commercialize")
ROYALTIES = ("tiered", "yes")
STATUSES = ("active", "terminated")
MONEY_FIELDS = (
    "upfront_usd_m",
    "equity_usd_m",
    "milestones_usd_m",
    "development_milestones_usd_m",
    "regulatory_milestones_usd_m",
    "sales_milestones_usd_m",
    "total_usd_m",
)


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class Target:
    symbol: str
    hgnc: str | None = None
    name: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Company:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    parent: str | None = None
    acquired_by: str | None = None
    tickers: tuple[str, ...] = ()
    wikidata: str | None = None


@dataclass(frozen=True)
class Asset:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    modality: str | None = None
    targets: tuple[str, ...] = ()
    developer: str | None = None
    phase: str | None = None


@dataclass(frozen=True)
class Territory:
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def describe(self) -> str:
        text = ", ".join(self.include)
        return f"{text} excl. {', '.join(self.exclude)}" if self.exclude else text


@dataclass(frozen=True)
class Evidence:
    """A span of a source text that supports one field of a deal (or the whole deal: field "deal")."""

    field: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Source:
    url: str
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    content_hash: str | None = None


@dataclass(frozen=True)
class Deal:
    id: str
    licensor: str
    licensee: str
    type: str = "license"
    announced: str | None = None
    assets: tuple[str, ...] = ()
    assets_note: str | None = None
    partnership: str | None = None
    territory: Territory | None = None
    territory_text: str | None = None
    rights: tuple[str, ...] = ()
    money: dict[str, float] = field(default_factory=dict)
    currency: str | None = None
    original_m: dict[str, float] = field(default_factory=dict)
    royalties: str | None = None
    status: str | None = None
    sources: tuple[Source, ...] = ()
    notes: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass
class Dataset:
    """Everything one load adds: checked as a whole before anything reaches the store."""

    regions: list[Region] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    deals: list[Deal] = field(default_factory=list)

    def extend(self, other: Dataset) -> None:
        self.regions += other.regions
        self.targets += other.targets
        self.companies += other.companies
        self.assets += other.assets
        self.deals += other.deals

    def drop_exact_repeats(self) -> None:
        """Forget a record that repeats an earlier one field for field (a data folder that carries a copy
        of the bundled regions or targets); two different records with one id stay, for the checks to name."""
        self.regions = _first_of_each(self.regions, lambda r: r.code)
        self.targets = _first_of_each(self.targets, lambda t: t.symbol)
        self.companies = _first_of_each(self.companies, lambda c: c.id)
        self.assets = _first_of_each(self.assets, lambda a: a.id)
        self.deals = _first_of_each(self.deals, lambda d: d.id)


def _first_of_each(records: list[Any], key: Callable[[Any], str]) -> list[Any]:
    first: dict[str, Any] = {}
    kept = []
    for record in records:
        seen = first.setdefault(key(record), record)
        if seen is record or seen != record:
            kept.append(record)
    return kept

"""Typed records the extractor returns, and their JSON form (the eval kit's output contract).

Every deal keeps, besides the contract fields, where each figure was read (`evidence_for`) and the
original currency of non-USD money (`original_money`), so that the store can record per-fact
provenance without re-reading the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MONEY_FIELDS = ("upfront_usd_m", "milestones_usd_m", "total_usd_m", "equity_usd_m")


def _number(value: float | None) -> float | int | None:
    """Whole numbers print as ints (80, not 80.0) so the JSON reads like the expected files."""
    if value is None:
        return None
    value = round(value, 3)
    return int(value) if value == int(value) else value


@dataclass
class Territory:
    """What the licensee receives, as region codes (WORLD, GREATER_CHINA, EUROPE or ISO alpha-2)."""

    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, list[str]]:
        return {"include": list(self.include), "exclude": list(self.exclude)}


@dataclass
class Company:
    name: str
    country: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country}


@dataclass
class Asset:
    name: str
    modality: str | None = None
    targets: list[str] = field(default_factory=list)
    developer: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "modality": self.modality,
            "targets": list(self.targets),
            "developer": self.developer,
        }


@dataclass
class OriginalMoney:
    """A figure as the text stated it, before conversion to US$ millions."""

    currency: str
    amount_m: float
    rate_source: str  # "text": the text gave the US$ figure; "text-rate": converted at the rate the text
    # states; "table": converted at kg.extract.money.USD_RATES


@dataclass
class Deal:
    licensor: str | None = None
    licensee: str | None = None
    parties: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    deal_type: str = "license"
    territory: Territory | None = None
    upfront_usd_m: float | None = None
    milestones_usd_m: float | None = None
    total_usd_m: float | None = None
    equity_usd_m: float | None = None
    royalties: bool | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)
    evidence_for: dict[str, tuple[int, int]] = field(default_factory=dict)
    original_money: dict[str, OriginalMoney] = field(default_factory=dict)

    def has_terms(self) -> bool:
        """The dev README's rule: a deal counts only with a payment, milestone/total figure or territory."""
        return any(getattr(self, f) is not None for f in MONEY_FIELDS) or self.territory is not None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.licensor and self.licensee:
            out["licensor"] = self.licensor
            out["licensee"] = self.licensee
        else:
            out["parties"] = list(self.parties)
            if self.licensor:
                out["licensor"] = self.licensor
            if self.licensee:
                out["licensee"] = self.licensee
        out["assets"] = list(self.assets)
        out["deal_type"] = self.deal_type
        if self.territory is not None:
            out["territory"] = self.territory.to_json()
        for name in MONEY_FIELDS:
            out[name] = _number(getattr(self, name))
        out["royalties"] = self.royalties
        out["evidence"] = [{"start": s, "end": e} for s, e in sorted(set(self.evidence))]
        return out


@dataclass
class Extraction:
    source: str
    companies: list[Company] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    deals: list[Deal] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "companies": [c.to_json() for c in self.companies],
            "assets": [a.to_json() for a in self.assets],
            "deals": [d.to_json() for d in self.deals],
        }

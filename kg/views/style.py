"""How each kind of node and edge looks, and the plain-text tooltips."""

from __future__ import annotations

import math
from typing import Any

NODE_STYLE: dict[str, dict[str, Any]] = {
    "company": {"shape": "dot", "color": "#3a6fb0", "border": "#23466f", "label": "Company"},
    "asset": {"shape": "diamond", "color": "#e8892b", "border": "#9c5513", "label": "Asset (drug program)"},
    "target": {"shape": "triangle", "color": "#3c9a5f", "border": "#24613b", "label": "Target (gene)"},
}
OTHER_NODE = {"shape": "square", "color": "#999999", "border": "#666666", "label": "Other"}

EDGE_STYLE: dict[str, dict[str, Any]] = {
    "deal": {"color": "#555f6d", "dashes": False, "label": "Deal (licensor \u2192 licensee)"},
    "develops": {"color": "#b7c3d0", "dashes": False, "label": "Develops"},
    "licenses": {"color": "#d59bd0", "dashes": True, "label": "Licenses (rights from a deal)"},
    "targets": {"color": "#9fd3b0", "dashes": [2, 4], "label": "Targets"},
}
OTHER_EDGE = {"color": "#cccccc", "dashes": False, "label": "Other"}

COMPANY_MIN, COMPANY_MAX = 10.0, 42.0
DEAL_MIN_WIDTH, DEAL_MAX_WIDTH = 1.0, 7.0


def scaled(value: float | None, vmax: float, lo: float, hi: float) -> float:
    """``lo`` for no value, growing with the square root of value/vmax up to ``hi``."""
    if not value or value <= 0 or vmax <= 0:
        return lo
    return round(lo + (hi - lo) * math.sqrt(min(value, vmax) / vmax), 2)


def money(value: Any) -> str:
    if value is None:
        return "not disclosed"
    v = float(value)
    if v >= 1000:
        return f"${v / 1000:,.2f}B".replace(".00B", "B")
    return f"${v:,.1f}M".replace(".0M", "M")


def deal_lines(d: dict[str, Any], licensor: str, licensee: str) -> list[str]:
    lines = [f"{licensor} \u2192 {licensee}"]
    kind = str(d.get("deal_type") or "deal")
    lines.append(f"{kind.capitalize()}, announced {d.get('announced') or 'date unknown'}")
    labels = d.get("asset_labels") or []
    if labels:
        lines.append("Assets: " + ", ".join(str(x) for x in labels))
    if d.get("modalities"):
        lines.append("Modality: " + ", ".join(str(x) for x in d["modalities"]))
    lines.append(f"Upfront: {money(d.get('upfront_usd_m'))}")
    if d.get("equity_usd_m") is not None:
        lines.append(f"Equity: {money(d.get('equity_usd_m'))}")
    lines.append(f"Milestones: {money(d.get('milestones_usd_m'))}")
    if d.get("total_usd_m") is not None:
        lines.append(f"Total: {money(d.get('total_usd_m'))}")
    if d.get("territory"):
        lines.append(f"Territory: {d['territory']}")
    for src in d.get("sources") or []:
        lines.append(f"Source: {src}")
    return lines


def node_lines(d: dict[str, Any], deals: int) -> list[str]:
    kind = str(d.get("kind") or "node")
    lines = [str(d.get("label") or "?"), kind.capitalize()]
    if kind == "company":
        if d.get("country"):
            lines.append(f"Country: {d['country']}")
        lines.append(f"Deals: {deals}")
        if d.get("deal_value_usd_m"):
            lines.append(f"Deal value (all deals): {money(d['deal_value_usd_m'])}")
    elif kind == "asset":
        lines.append(f"Modality: {d.get('modality') or 'unknown'}")
        if d.get("phase"):
            lines.append(f"Phase: {d['phase']}")
    return lines

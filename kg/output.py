"""Printing results as aligned tables, CSV or JSON: the only place that formats for humans."""

from __future__ import annotations

import json
from typing import Any

from kg.export import rows_to_csv

FORMATS = ("table", "csv", "json")


def money(value: Any) -> str:
    if value is None:
        return "-"
    number = float(value)
    if number >= 1000:
        return f"${number / 1000:,.3f}".rstrip("0").rstrip(".") + "bn"
    return f"${number:,.2f}".rstrip("0").rstrip(".") + "m"


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ", ".join(cell(v) for v in value)
    return " ".join(str(value).split())


def table(variables: list[str], rows: list[dict[str, Any]], *, max_width: int = 60) -> str:
    if not rows:
        return "(no results)"
    texts = [[cell(r.get(v))[:max_width] for v in variables] for r in rows]
    widths = [max(len(v), *(len(t[i]) for t in texts)) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(t.ljust(w) for t, w in zip(row, widths, strict=True)).rstrip() for row in texts]
    return "\n".join(lines)


def render_rows(variables: list[str], rows: list[dict[str, Any]], fmt: str, *, truncated: bool = False) -> str:
    if fmt == "json":
        return json.dumps({"variables": variables, "rows": rows, "truncated": truncated}, indent=2,
                          ensure_ascii=False)
    if fmt == "csv":
        return rows_to_csv(variables, rows).rstrip("\n")
    text = table(variables, rows)
    if truncated:
        text += f"\n(showing the first {len(rows)} rows; the result was cut at the row limit)"
    return text


def dumps(obj: Any) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False)


def partners_table(answer: dict[str, Any]) -> str:
    company = answer["company"]["name"]
    partners = answer["partners"]
    if not partners:
        return f"{company} has no recorded deals."
    lines = [f"{company}: {len(partners)} partner{'s' if len(partners) != 1 else ''}"]
    for p in partners:
        country = f" ({p['country']})" if p.get("country") else ""
        extra = ""
        if p.get("distance", 1) > 1:
            extra = f"  [distance {p['distance']}: {' -> '.join(p.get('chain', []))}]"
        lines.append(f"\n{p['name']}{country}{extra}")
        for d in p.get("deals", []):
            arrow = "licensed to" if d["direction"] == "out" else "licensed from"
            assets = ", ".join(d["assets"]) or "undisclosed assets"
            terms = [f"upfront {money(d.get('upfront_usd_m'))}", f"milestones {money(d.get('milestones_usd_m'))}"]
            if d.get("total_usd_m") is not None:
                terms.append(f"total {money(d['total_usd_m'])}")
            lines.append(f"  {d.get('announced') or 'undated':<10}  {arrow:<13} {assets}: {', '.join(terms)}"
                         f"; territory {d.get('territory') or 'not stated'}")
    return "\n".join(lines)

"""Deals stated in text tables ("| Licensor | Licensee | Asset | Upfront | Total |"): the column headers say
what each cell is, which prose cues cannot."""

from __future__ import annotations

import re
from dataclasses import dataclass

ROW = re.compile(r"^\s*\|?(?P<body>[^\n]*\|[^\n]*\|[^\n]*?)\|?\s*$")
SEPARATOR = re.compile(r"^[\s|:\-–]+$")
COLUMN_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"licen[cs]or|seller|originator|out-?licen", re.I), "licensor"),
    (re.compile(r"licen[cs]ee|buyer|acquirer|in-?licen", re.I), "licensee"),
    (re.compile(r"up-?\s?front", re.I), "upfront_usd_m"),
    (re.compile(r"milestone", re.I), "milestones_usd_m"),
    (re.compile(r"total|deal value|value|worth", re.I), "total_usd_m"),
    (re.compile(r"equity", re.I), "equity_usd_m"),
    (re.compile(r"territor|region|market|rights", re.I), "territory"),
    (re.compile(r"asset|drug|programme|program|candidate|product|molecule", re.I), "asset"),
    (re.compile(r"compan|partner|parties|deal\b|licensing pair", re.I), "parties"),
]


@dataclass
class TableRow:
    start: int
    end: int
    cells: list[tuple[int, int, str]]  # (start, end, column kind) in text offsets


def table_rows(text: str) -> list[TableRow]:
    """Rows of pipe tables whose header names at least one deal column; header and rule lines excluded."""
    rows: list[TableRow] = []
    header: list[str] | None = None
    offset = 0
    for line in text.split("\n"):
        m = ROW.match(line) if line.count("|") >= 2 else None
        if m is None:
            header = None
        elif SEPARATOR.match(line):
            pass
        elif header is None:
            cells = [c.strip() for c in m.group("body").split("|")]
            kinds = [next((k for p, k in COLUMN_KINDS if p.search(c)), "") for c in cells]
            header = kinds if any(k and k != "asset" for k in kinds) else None
        else:
            cells: list[tuple[int, int, str]] = []
            pos = offset + m.start("body")
            for i, cell in enumerate(m.group("body").split("|")):
                if i < len(header) and header[i]:
                    cells.append((pos, pos + len(cell), header[i]))
                pos += len(cell) + 1
            rows.append(TableRow(offset, offset + len(line), cells))
        offset += len(line) + 1
    return rows

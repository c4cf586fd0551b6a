"""Deals from CSV tables: one row a deal, columns named as the YAML keys of data/README.md.

List-valued columns (assets, rights, sources) separate items with ";"; territory is written as
"WORLD -GREATER_CHINA" (a minus marks an excluded region). Rows go through the same checks as YAML.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.loaders.curated import KEYS, LINE_KEY, parse_entries
from kg.records import MONEY_FIELDS, Dataset

LIST_COLUMNS = {"assets", "rights", "sources"}
MAX_CSV_BYTES = 100 * 1024 * 1024


def _cell(column: str, value: str) -> Any:
    value = value.strip()
    if value == "":
        return None
    if column in LIST_COLUMNS:
        return [v.strip() for v in value.split(";") if v.strip()]
    if column in MONEY_FIELDS:
        try:
            return float(value.replace(",", ""))
        except ValueError:
            return value  # the record check names the column and the bad value
    if column == "territory":
        parts = value.split()
        return {"include": [p for p in parts if not p.startswith("-")],
                "exclude": [p[1:] for p in parts if p.startswith("-")]}
    return value


def load_csv(path: Path) -> Dataset:
    try:
        if path.stat().st_size > MAX_CSV_BYTES:
            raise InputError(f"{path}: over the {MAX_CSV_BYTES} byte limit for CSV")
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        columns = reader.fieldnames or []
        unknown = [c for c in columns if c not in KEYS["deals"]]
        if unknown:
            raise InputError(f"{path}:1: unknown column(s) {', '.join(map(str, unknown))}")
        rows = []
        for row in reader:
            if None in row:
                raise InputError(f"{path}:{reader.line_num}: more cells than columns")
            entry = {k: v for k, raw in row.items() if (v := _cell(k, raw or "")) is not None}
            entry[LINE_KEY] = reader.line_num
            rows.append(entry)
    except csv.Error as exc:
        raise InputError(f"{path}: malformed CSV ({exc})") from None
    dataset = Dataset()
    dataset.deals.extend(parse_entries(path, "deals", rows))
    return dataset

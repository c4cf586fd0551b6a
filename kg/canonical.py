"""Canonical form of curated YAML: keys in the documented order, empty values dropped.

`kg data fmt` writes it and a test fails when a file in data/ is not in it, so diffs stay small
and reviewable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kg.loaders.curated import KEYS, KINDS
from kg.loaders.yamlsafe import read_yaml, strip_lines


class _Dumper(yaml.SafeDumper):
    pass


def _flow_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    short = all(isinstance(v, str | int | float) for v in data) and sum(len(str(v)) + 2 for v in data) < 80
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=short and bool(data))


_Dumper.add_representer(list, _flow_list)


def canonical_entry(kind: str, entry: dict[str, Any]) -> dict[str, Any]:
    order = {k: i for i, k in enumerate(KEYS[kind])}
    out = {}
    for key in sorted(entry, key=lambda k: order.get(k, len(order))):
        value = entry[key]
        if value is None or value == [] or value == {} or value == "":
            continue
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if v not in (None, [], "")} or None
            if value is None:
                continue
        out[key] = value
    return out


def canonical_text(kind: str, entries: list[dict[str, Any]]) -> str:
    body = [canonical_entry(kind, e) for e in entries]
    return yaml.dump(body, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)


def kind_of_file(root: Path, path: Path) -> str | None:
    rel = path.relative_to(root)
    name = rel.parts[0].removesuffix(".yaml")
    return name if name in KINDS else None


def format_folder(root: Path, *, write: bool = True) -> list[Path]:
    """Files under `root` not in canonical form (rewritten when `write`)."""
    changed = []
    for path in sorted(root.rglob("*.yaml")):
        kind = kind_of_file(root, path)
        if kind is None:
            continue
        raw = strip_lines(read_yaml(path)) or []
        header = "".join(line + "\n" for line in path.read_text(encoding="utf-8").splitlines()
                         if line.startswith("#"))
        header = header if path.read_text(encoding="utf-8").startswith("#") else ""
        text = header + canonical_text(kind, raw)
        if path.read_text(encoding="utf-8") != text:
            changed.append(path)
            if write:
                path.write_text(text, encoding="utf-8")
    return changed

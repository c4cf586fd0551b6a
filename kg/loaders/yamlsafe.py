"""A safe YAML reader that remembers where each mapping started, for one-line error messages.

Only the safe constructors are used (never `yaml.load` with the full loader, which runs code).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LINE_KEY = "__line__"
MAX_YAML_BYTES = 50 * 1024 * 1024


class LineLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that stores each mapping's 1-based line under `__line__`."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


def read_yaml(path: Path) -> Any:
    """Parse a YAML file safely; any problem becomes an InputError naming the file and line."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if size > MAX_YAML_BYTES:
        raise InputError(f"{path}: file is {size} bytes, over the {MAX_YAML_BYTES} byte limit for YAML")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        return yaml.load(text, Loader=LineLoader)  # noqa: S506 - LineLoader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}" if mark else ""
        raise InputError(f"{path}{where}: malformed YAML ({exc.problem or exc.context})") from None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as exc:
        raise InputError(f"{path}: malformed YAML ({type(exc).__name__}: {exc})") from None


def strip_lines(value: Any) -> Any:
    """The same structure without the `__line__` bookkeeping keys."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != LINE_KEY}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value

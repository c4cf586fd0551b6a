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


_STR, _SEQ, _MAP, _MERGE = (f"tag:yaml.org,2002:{t}" for t in ("str", "seq", "map", "merge"))


class LineLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that stores each mapping's 1-based line under `__line__`.

    Plain strings, lists and mappings (nearly every node of a data file) are built directly; PyYAML's
    generic constructor spends most of a large file's time in per-node bookkeeping (an assets file of
    12k entries: 1.3 s of 3.3 s). Every other node (numbers, dates, merge keys, explicit tags) goes
    through the safe constructors as before. An alias gives back the object its anchor made.
    """

    def construct_document(self, node: yaml.Node) -> Any:
        made: dict[int, Any] = {}
        try:
            return self._build(node, made)
        finally:
            self.constructed_objects = {}
            self.recursive_objects = {}

    def _build(self, node: yaml.Node, made: dict[int, Any]) -> Any:
        key = id(node)
        if key in made:
            return made[key]
        tag = node.tag
        if tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value
        if tag == _SEQ and isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            made[key] = items
            items.extend(self._build(child, made) for child in node.value)
            return items
        if tag == _MAP and isinstance(node, yaml.MappingNode) and not any(k.tag == _MERGE for k, _v in node.value):
            mapping: dict[Any, Any] = {}
            made[key] = mapping
            for key_node, value_node in node.value:
                name = self._build(key_node, made)
                try:
                    hash(name)
                except TypeError:
                    raise yaml.constructor.ConstructorError("while constructing a mapping", node.start_mark,
                                                            "found unhashable key", key_node.start_mark) from None
                mapping[name] = self._build(value_node, made)
            mapping[LINE_KEY] = node.start_mark.line + 1
            return mapping
        value = self.construct_object(node, deep=True)
        made[key] = value
        return value

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

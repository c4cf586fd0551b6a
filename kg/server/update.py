"""SPARQL updates for a token holder (`kg serve --allow-update-token`), all or nothing.

An embedded store is changed only through the TripleStore protocol: the update runs on a copy of the
graph and the result replaces the store in one `replace` (atomic on disk). A remote store runs it
as one request. SERVICE, LOAD and USING are refused even with the token.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.sparql import MAX_QUERY_CHARS, with_prologue

_STRIP = re.compile(
    r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|<[^<>\s]*>|#[^\n]*",
    re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_REFUSED = re.compile(r"(?<![\w:?$])(SERVICE|LOAD|USING)(?![\w:])", re.IGNORECASE)


def guard_update(text: str) -> str:
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"update is {len(text)} characters, over the {MAX_QUERY_CHARS} limit")
    unescaped = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    match = _REFUSED.search(_STRIP.sub(" ", unescaped))
    if match:
        raise QueryError(f"update refused: {match.group(1).upper()} would reach the network, files or other graphs")
    return text


def apply_update(store: Any, text: str) -> None:
    guard_update(text)
    sparql = with_prologue(text)
    if hasattr(store, "update") and callable(store.update):  # kg.remote.RemoteStore
        store.update(sparql)
        return
    copy = ox.Store()
    copy.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                     for t in ox.parse(store.dump(ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES))
    try:
        copy.update(sparql)
    except SyntaxError as exc:
        raise QueryError(f"malformed SPARQL update: {str(exc).splitlines()[0]}") from None
    store.replace(ox.Triple(q.subject, q.predicate, q.object) for q in copy.quads_for_pattern(None, None, None,
                                                                                             ox.DefaultGraph()))

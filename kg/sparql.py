"""Running SPARQL safely: named queries, bound parameters, no network or files, a real deadline.

Neither Oxigraph nor rdflib refuses `SERVICE` (both fetch any URL) or has a query timeout, so user
queries are checked before they run (`guard`) and run in a child process that is killed at the
deadline (`run_user_query`). Values always go in as bound terms (Oxigraph substitutions), never by
pasting text into the query.
"""

from __future__ import annotations

import multiprocessing as mp
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.namespaces import SPARQL_PROLOGUE
from kg.resources import queries_dir
from kg.store import SPARQL_SKIP

DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 24 * 3600.0
DEFAULT_ROW_LIMIT = 100_000
MAX_QUERY_CHARS = 100_000

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# IRIREF exactly as the SPARQL grammar has it: anything else starting with "<" is an operator
_IRIREF = re.compile(r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>")
_FORBIDDEN = re.compile(
    r"(?<![\w:?$])(SERVICE|LOAD|FROM|INSERT|DELETE|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)(?![\w:])",
    re.IGNORECASE,
)
_SERVICE = re.compile(r"SERVICE", re.IGNORECASE)
# "service" is harmless only inside a variable name (?xservice) or a prefixed name's local part (ex:service)
_HARMLESS_BEFORE = re.compile(r"(?:[?$]|:)\w*\Z")
_IRI_WORD = frozenset("<abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/#-")
_REASONS = {
    "SERVICE": "SERVICE would send a request to another server",
    "LOAD": "LOAD would read a file or URL",
    "FROM": "FROM / FROM NAMED would read another graph, file or URL",
}

ALL_ROWS = sys.maxsize  # internal readers (projection, caches) need every row, not a user query's cut


def values(variable: str, iris: Iterable[str]) -> str:
    """A VALUES block binding `variable` to each IRI (pyoxigraph-checked IRIs: no `>` or spaces)."""
    return f"VALUES ?{variable} {{ {' '.join(f'<{i}>' for i in sorted(iris))} }}"


def restricted(query: str, variable: str, iris: Iterable[str]) -> str:
    """`query` with `variable` bound to `iris` at the top of its WHERE, where Oxigraph's planner sees it."""
    return query.replace("WHERE {", f"WHERE {{ {values(variable, iris)}", 1)


def skeleton(text: str, iris: list[str] | None = None) -> str:
    """The query with strings, IRIs and comments blanked out, lexed as the SPARQL grammar does.

    Strings may hold escapes (also long strings), comments end at LF or CR, and "<" starts an IRI
    only when an IRIREF follows; a lexer that disagreed with the engine would let a keyword hide.
    What looks like an IRI may still be `?a<?b)SERVICE...>` (two comparisons), so the blanked
    IRIs are appended to `iris` for a second look.
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            while i < n and text[i] not in "\n\r":
                i += 1
            out.append(" ")
        elif c in "'\"":
            long = text.startswith(c * 3, i)
            i += 3 if long else 1
            while i < n:
                if text[i] == "\\":
                    i += 2
                elif long and text.startswith(c * 3, i):
                    i += 3
                    break
                elif not long and text[i] == c:
                    i += 1
                    break
                elif not long and text[i] in "\n\r":
                    break
                else:
                    i += 1
            out.append(" ")
        elif c == "<" and (m := _IRIREF.match(text, i)):
            if iris is not None:
                iris.append(m.group())
            i = m.end()
            out.append(" ")
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _check(skel: str, iris: list[str]) -> None:
    for m in _SERVICE.finditer(skel):
        if not _HARMLESS_BEFORE.search(skel, 0, m.start()):
            raise QueryError(f"query refused: {_REASONS['SERVICE']} (SERVICE)")
    for iri in iris:  # in a real IRI "service" follows a letter, digit, / # - or : (..../service)
        for m in _SERVICE.finditer(iri):
            if not (iri[m.start() - 1] in _IRI_WORD or _HARMLESS_BEFORE.search(iri, 0, m.start())):
                raise QueryError(f"query refused: {_REASONS['SERVICE']} (SERVICE)")
    match = _FORBIDDEN.search(skel)
    if match:
        word = match.group(1).upper()
        reason = _REASONS.get(word, "updates are not allowed here (the store is changed only by kg build/ingest)")
        raise QueryError(f"query refused: {reason} ({word})")


def guard(text: str) -> str:
    """Refuse queries that would reach the network or files, or change the store.

    The text is checked as written and with \\u escapes decoded (SPARQL 1.1 decodes them before
    parsing; Oxigraph only inside strings and IRIs), so a keyword hidden by either reading is found.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query is {len(text)} characters, over the {MAX_QUERY_CHARS} limit")
    unescaped = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
    for version in (text, unescaped):
        iris: list[str] = []
        _check(skeleton(version, iris), iris)
    return text


def with_prologue(text: str) -> str:
    """Our prefixes, unless the query declares its own of the same name."""
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([\w-]*):", text, re.IGNORECASE)}
    lines = [line for line in SPARQL_PROLOGUE.splitlines() if line.split()[1][:-1].lower() not in declared]
    return "\n".join(lines) + "\n" + text


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # company, asset, target, region, string, integer, decimal, date, iri
    doc: str
    optional: bool = False


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    text: str
    params: tuple[Param, ...] = ()
    path: Path | None = None


def parse_named_query(path: Path) -> NamedQuery:
    """Read a .rq file and its comment header (`# title:`, `# param: name kind [optional] doc`)."""
    text = path.read_text(encoding="utf-8")
    title, params = path.stem, []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        body = line.lstrip("#").strip()
        if body.lower().startswith("title:"):
            title = body.split(":", 1)[1].strip()
        elif body.lower().startswith("param:"):
            words = body.split(":", 1)[1].split()
            optional = len(words) > 2 and words[2] == "optional"
            params.append(Param(words[0], words[1], " ".join(words[3 if optional else 2 :]), optional))
    return NamedQuery(path.stem, title, text, tuple(params), path)


# LATERAL is Oxigraph's (SEP-0006), not SPARQL 1.1. A named query uses it only where it changes the
# plan, not the rows (tests/test_query_rewrites.py holds each such query to its standard form), so a
# store that is not Oxigraph's own gets the query with the keyword dropped.
_LATERAL = re.compile(rf"(?P<skip>{SPARQL_SKIP})|\bLATERAL\b", re.IGNORECASE | re.DOTALL)


def standard_sparql(text: str) -> str:
    """`text` without Oxigraph's LATERAL keyword (strings, IRIs and comments left as they are)."""
    return _LATERAL.sub(lambda m: m.group(0) if m.group("skip") else "", text)


def text_for(query: NamedQuery, store: object) -> str:
    """The named query as `store` should get it: the embedded Oxigraph stores take its extensions,
    any other SPARQL server (`--store http://...`) standard SPARQL 1.1."""
    from kg.store import DiskStore, MemoryStore

    return query.text if isinstance(store, DiskStore | MemoryStore) else standard_sparql(query.text)


@cache
def named_queries() -> dict[str, NamedQuery]:
    return {p.stem: parse_named_query(p) for p in sorted(queries_dir().glob("*.rq"))}


# -- results --------------------------------------------------------------------------------
_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#integer": int,
    "http://www.w3.org/2001/XMLSchema#int": int,
    "http://www.w3.org/2001/XMLSchema#long": int,
    "http://www.w3.org/2001/XMLSchema#nonNegativeInteger": int,
    "http://www.w3.org/2001/XMLSchema#decimal": float,
    "http://www.w3.org/2001/XMLSchema#double": float,
    "http://www.w3.org/2001/XMLSchema#float": float,
}


def to_python(term: Any) -> Any:
    """A result term as a plain value: IRIs and strings as str, numbers as int/float."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        if dt in _NUMERIC:
            try:
                value = _NUMERIC[dt](term.value)
                return int(value) if isinstance(value, float) and value.is_integer() else value
            except ValueError:
                return term.value
        if dt == "http://www.w3.org/2001/XMLSchema#boolean":
            return term.value == "true"
        return term.value
    return str(term)


@dataclass
class Rows:
    """A SELECT result: the variables and one dict per row of plain Python values."""

    variables: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False
    boolean: bool | None = None


class TripleList(list):  # type: ignore[type-arg]
    """CONSTRUCT output parsed back from a child process."""


def collect(result: Any, limit: int = DEFAULT_ROW_LIMIT) -> Rows:
    if isinstance(result, ox.QueryBoolean):
        return Rows(["result"], [{"result": bool(result)}], boolean=bool(result))
    if isinstance(result, ox.QueryTriples | TripleList):
        out = Rows(["subject", "predicate", "object"])
        for i, t in enumerate(result):
            if i >= limit:
                out.truncated = True
                break
            out.rows.append({"subject": to_python(t.subject), "predicate": to_python(t.predicate),
                             "object": to_python(t.object)})
        return out
    variables = [v.value for v in result.variables]
    out = Rows(variables)
    for i, solution in enumerate(result):
        if i >= limit:
            out.truncated = True
            break
        out.rows.append({v: to_python(solution[v]) for v in variables})
    return out


def run(store: Any, text: str, bindings: dict[str, Any] | None = None, *, limit: int = DEFAULT_ROW_LIMIT) -> Rows:
    """Run a trusted query (a named one) in this process, with `bindings` as bound terms."""
    substitutions = {ox.Variable(k): v for k, v in (bindings or {}).items()} or None
    try:
        result = store.query(with_prologue(text), substitutions)
    except SyntaxError as exc:
        raise QueryError(f"malformed SPARQL: {str(exc).splitlines()[0]}") from None
    return collect(result, limit)


# -- user queries with a deadline -------------------------------------------------------------
def _child(conn: Any, store_location: str | None, text: str, bindings: dict[str, Any] | None,
           memory_store: Any, limit: int) -> None:
    try:
        if memory_store is not None:
            store = memory_store
        else:
            from kg.store import DiskStore

            store = DiskStore(store_location or ".kg")  # a fresh read-only handle, never the parent's
        substitutions = {ox.Variable(k): v for k, v in (bindings or {}).items()} or None
        result = store.query(with_prologue(text), substitutions)
        conn.send(("rows", collect(result, limit)))  # cut at the row limit here: bounded memory and pipe
    except SyntaxError as exc:
        conn.send(("error", f"malformed SPARQL: {str(exc).splitlines()[0]}"))
    except Exception as exc:  # noqa: BLE001 - reported to the parent as one line
        conn.send(("error", f"query failed: {type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def run_user_query(store: Any, text: str, bindings: dict[str, Any] | None = None, *,
                   timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_ROW_LIMIT) -> Rows:
    """Run an untrusted query: guarded, in a child process killed at `timeout` seconds."""
    guard(text)
    if not (0 < timeout <= MAX_TIMEOUT):  # also refuses NaN
        raise QueryError(f"--timeout must be more than 0 and at most {MAX_TIMEOUT:g} seconds, not {timeout:g}")
    if limit < 0:
        raise QueryError(f"--limit must be 0 or more, not {limit}")
    from kg.store import DiskStore, MemoryStore

    if not isinstance(store, DiskStore | MemoryStore):  # a remote store enforces its own limits
        return run(store, text, bindings, limit=limit)
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    memory = store if isinstance(store, MemoryStore) else None
    location = None if memory is not None else store.location
    proc = ctx.Process(target=_child, args=(child, location, text, bindings, memory, limit), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise QueryError(f"query stopped at the {timeout:g} s time limit")
        kind, payload = parent.recv()
    except EOFError:
        raise QueryError("query failed: the query process ended without an answer") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(1)
        parent.close()
    if kind == "error":
        raise QueryError(payload)
    rows: Rows = payload
    return rows

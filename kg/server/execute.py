"""Running a visitor's SPARQL: guarded, row-capped, in a child process killed at the deadline.

This is `kg.sparql.run_user_query` with the result kept as RDF terms (typed literals, language
tags, blank nodes), so the endpoint can answer in any SPARQL results or RDF format. The child sends
at most `limit` rows, already cut, so a huge result never crosses the pipe.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing as mp
import resource
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.sparql import guard, with_prologue

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class QueryTimeout(QueryError):
    """The query ran past its time limit and was stopped."""


class QueryFailed(QueryError):
    """The query was well formed but failed while running (out of memory, engine error)."""


@dataclass(frozen=True)
class Outcome:
    """A result as bytes: `solutions` (SPARQL JSON), `boolean` (SPARQL JSON) or `triples` (N-Triples)."""

    kind: str
    payload: bytes
    truncated: bool = False
    rows: int = 0


def term_json(term: Any) -> dict[str, Any]:
    """One RDF term in the SPARQL 1.1 Query Results JSON form."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    return {"type": "literal", "value": str(term)}


def evaluate(store: Any, text: str, limit: int) -> Outcome:
    """Run `text` on `store` and keep at most `limit` rows (or triples)."""
    result = store.query(with_prologue(text))
    if isinstance(result, ox.QueryBoolean):
        return Outcome("boolean", json.dumps({"head": {}, "boolean": bool(result)}).encode())
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = []
        for solution in itertools.islice(result, limit + 1):
            rows.append({v: term_json(solution[v]) for v in variables if solution[v] is not None})
        truncated = len(rows) > limit
        rows = rows[:limit]
        body = {"head": {"vars": variables}, "results": {"bindings": rows}}
        return Outcome("solutions", json.dumps(body, ensure_ascii=False).encode(), truncated, len(rows))
    triples = [ox.Triple(t.subject, t.predicate, t.object) for t in itertools.islice(result, limit + 1)]
    truncated = len(triples) > limit
    triples = triples[:limit]
    return Outcome("triples", ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", truncated, len(triples))


def _limit_memory(megabytes: int | None) -> None:
    if megabytes:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def _child(conn: Any, location: str | None, memory_store: Any, text: str, limit: int,
           memory_mb: int | None) -> None:
    try:
        _limit_memory(memory_mb)
        if memory_store is not None:
            store = memory_store
        else:
            from kg.store import DiskStore

            store = DiskStore(location)  # a fresh read-only handle: sees the latest build
        conn.send(("ok", evaluate(store, text, limit)))
    except SyntaxError as exc:
        conn.send(("syntax", f"malformed SPARQL: {str(exc).splitlines()[0]}"))
    except MemoryError:
        conn.send(("failed", f"query stopped: it needed more than the {memory_mb} MB memory limit"))
    except Exception as exc:  # noqa: BLE001 - one line to the parent
        conn.send(("failed", f"query failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"))
    finally:
        conn.close()


def run_query(store: Any, text: str, *, timeout: float, limit: int, memory_mb: int | None = 2048,
              fork_lock: AbstractContextManager[Any] | None = None) -> Outcome:
    """Guard `text`, then run it in a child process killed after `timeout` seconds (blocking).

    `fork_lock` is held while forking, so that no other thread is inside the store at that moment.
    """
    guard(text)
    from kg.store import DiskStore, MemoryStore

    if not isinstance(store, DiskStore | MemoryStore):  # a remote server enforces its own limits
        try:
            return evaluate(store, text, limit)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {str(exc).splitlines()[0]}") from None
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    memory = store if isinstance(store, MemoryStore) else None
    location = None if memory is not None else store.location
    proc = ctx.Process(target=_child, args=(child, location, memory, text, limit, memory_mb), daemon=True)
    with fork_lock or nullcontext():
        proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise QueryTimeout(f"query stopped at the {timeout:g} s time limit")
        status, payload = parent.recv()
    except EOFError:
        raise QueryFailed("query failed: the query process ended without an answer (memory limit?)") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(1)
        parent.close()
    if status == "syntax":
        raise QueryError(payload)
    if status != "ok":
        raise QueryFailed(payload)
    return payload  # type: ignore[no-any-return]

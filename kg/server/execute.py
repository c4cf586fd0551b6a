"""Evaluating a visitor's SPARQL into bytes: row-capped, with the result kept as RDF terms.

Like `kg.sparql.run_user_query`, but typed literals, language tags and blank nodes are kept, so the
endpoint can answer in any SPARQL results or RDF format. At most `limit` rows are kept, so a huge
result never crosses the pipe from the worker process (`kg.server.pool`).
"""

from __future__ import annotations

import itertools
import json
import resource
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.sparql import with_prologue

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


def _note(truncated: bool, limit: int) -> dict[str, Any]:
    """Our note on the row limit; first, because streaming parsers (Oxigraph) stop reading after the bindings."""
    return {"x-dealgraph": {"truncated": truncated, "max_rows": limit}}


def evaluate(store: Any, text: str, limit: int) -> Outcome:
    """Run `text` on `store` and keep at most `limit` rows (or triples)."""
    result = store.query(with_prologue(text))
    if isinstance(result, ox.QueryBoolean):
        return Outcome("boolean", json.dumps({**_note(False, limit), "head": {}, "boolean": bool(result)}).encode())
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows = []
        for solution in itertools.islice(result, limit + 1):
            rows.append({v: term_json(solution[v]) for v in variables if solution[v] is not None})
        truncated = len(rows) > limit
        rows = rows[:limit]
        body = {**_note(truncated, limit), "head": {"vars": variables}, "results": {"bindings": rows}}
        return Outcome("solutions", json.dumps(body, ensure_ascii=False).encode(), truncated, len(rows))
    triples = [ox.Triple(t.subject, t.predicate, t.object) for t in itertools.islice(result, limit + 1)]
    truncated = len(triples) > limit
    triples = triples[:limit]
    return Outcome("triples", ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", truncated, len(triples))


def limit_memory(megabytes: int | None) -> None:
    """Cap this (worker) process's heap, so one query cannot exhaust the machine."""
    if megabytes:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))

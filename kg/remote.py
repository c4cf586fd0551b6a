"""A store on a SPARQL 1.1 server (Protocol for queries and updates, Graph Store Protocol for data).

`RemoteStore("http://127.0.0.1:7878")` (or its `/query` URL) talks to an `oxigraph serve` server:
queries go to `/query`, data to `/store?default`, and the state marker to a named graph of its own
(`urn:dealgraph:meta`), so the default graph holds only the deal graph. Any other endpoint URL (such
as `kg serve`'s `/sparql`) is used as given for queries, which is all a read-only server allows;
writes need the Graph Store endpoint (`store_url=`).

Results come back as the same pyoxigraph objects the embedded stores return. Bound values
(substitutions) are sent as a `VALUES` block at the top of the query's `WHERE` group, written from
the pyoxigraph terms' own N-Triples form, never from user text. Only the standard library is used;
every request has a timeout, and an unreachable server is one `RemoteStoreError` line.
"""

from __future__ import annotations

import hashlib
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kg.errors import DealgraphError, QueryError
from kg.store import Graph, NTriples

META_GRAPH = "urn:dealgraph:meta"
STATE_NODE = "urn:dealgraph:state"
STATE_PRED = "urn:dealgraph:token"
DEFAULT_TIMEOUT = 30.0
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
_SKELETON = re.compile(
    r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|<[^<>\s]*>|#[^\n]*",
    re.DOTALL,
)
_WHERE = re.compile(r"(?<![\w:?$])WHERE(?![\w:])", re.IGNORECASE)
_PARSERS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


class RemoteStoreError(DealgraphError):
    """The SPARQL server cannot be reached, timed out or answered with an error."""


class RemoteTimeout(RemoteStoreError):
    """The SPARQL server did not answer within the timeout."""


def endpoints(url: str) -> tuple[str, str, str]:
    """(query, update, store) URLs: Oxigraph's from its base or `/query` URL, else `url` for both SPARQL ops."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RemoteStoreError(f"{url!r} is not an http(s) URL of a SPARQL server")
    path = parts.path.rstrip("/")
    oxigraph = not path or path.endswith("/query")
    if path.endswith("/query"):
        path = path[: -len("/query")]
    base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    if oxigraph:
        return f"{base}/query", f"{base}/update", f"{base}/store"
    endpoint = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
    return endpoint, endpoint, f"{base.rsplit('/', 1)[0]}/store"


def values_block(substitutions: dict[Any, Any]) -> str:
    """`VALUES (?a ?b) { (<x> "y") }` from pyoxigraph variables and terms (their N-Triples form)."""
    names, terms = [], []
    for var, term in substitutions.items():
        name = var.value if isinstance(var, ox.Variable) else str(var).lstrip("?$")
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"invalid variable name {name!r}")
        if not isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode):
            raise QueryError(f"cannot bind ?{name} to {type(term).__name__}")
        if isinstance(term, ox.BlankNode):
            raise QueryError(f"cannot send a blank node for ?{name} to a remote store")
        names.append(f"?{name}")
        terms.append(str(term))
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"


def with_values(sparql: str, substitutions: dict[Any, Any] | None) -> str:
    """The query with the bound values as a VALUES block first in its WHERE group."""
    if not substitutions:
        return sparql
    block = values_block(substitutions)
    skeleton = _SKELETON.sub(lambda m: " " * len(m.group(0)), sparql)  # same offsets, no strings/IRIs
    where = _WHERE.search(skeleton)
    start = skeleton.find("{", where.end() if where else 0)
    if start < 0:
        return f"{sparql}\nWHERE {{ {block} }}" if where is None else sparql
    return f"{sparql[: start + 1]} {block} {sparql[start + 1 :]}"


class RemoteStore:
    """The TripleStore protocol over HTTP (SPARQL 1.1 Protocol and Graph Store Protocol)."""

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT, query_url: str | None = None,
                 update_url: str | None = None, store_url: str | None = None):
        q, u, s = endpoints(url)
        self.location = url
        self.query_url, self.update_url, self.store_url = query_url or q, update_url or u, store_url or s
        self.timeout = timeout

    # -- HTTP --------------------------------------------------------------------------------------
    def _request(self, method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None,
                 *, ok_missing: bool = False) -> tuple[str, bytes]:
        req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 - http(s) checked
                return resp.headers.get("Content-Type", ""), resp.read()
        except urllib.error.HTTPError as exc:
            if ok_missing and exc.code == 404:
                return "", b""
            detail = exc.read(2000).decode("utf-8", "replace").strip().splitlines()
            message = detail[0] if detail else exc.reason
            if exc.code == 400 and url == self.query_url:
                raise QueryError(f"malformed SPARQL: {message}") from None
            raise RemoteStoreError(f"SPARQL server {self.location} answered {exc.code}: {message}") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise RemoteTimeout(f"SPARQL server {self.location} did not answer within {self.timeout:g} s") from None
            raise RemoteStoreError(f"cannot reach SPARQL server {self.location}: {exc.reason}") from None
        except TimeoutError:
            raise RemoteTimeout(f"SPARQL server {self.location} did not answer within {self.timeout:g} s") from None
        except OSError as exc:
            raise RemoteStoreError(f"SPARQL server {self.location}: {exc}") from None

    def _store_url(self, graph: str | None = None) -> str:
        query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
        return f"{self.store_url}?{query}"

    # -- the TripleStore protocol ---------------------------------------------------------------------
    def query(self, sparql: str, substitutions: dict[str, Any] | None = None) -> Any:
        body = urllib.parse.urlencode({"query": with_values(sparql, substitutions)}).encode()
        ctype, payload = self._request("POST", self.query_url, body, {
            "Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT})
        media = ctype.split(";")[0].strip().lower()
        try:
            if media in _PARSERS:
                return ox.parse_query_results(payload, format=_PARSERS[media])
            fmt = ox.RdfFormat.from_media_type(media) if media else None
            if fmt is None:
                raise RemoteStoreError(f"SPARQL server {self.location} answered with unknown type {media!r}")
            from kg.sparql import TripleList

            return TripleList(ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(payload, format=fmt))
        except SyntaxError as exc:
            raise RemoteStoreError(f"SPARQL server {self.location} sent unreadable results: {exc}") from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL update on the server (one request: one transaction on Oxigraph)."""
        self._request("POST", self.update_url, sparql.encode("utf-8"),
                      {"Content-Type": "application/sparql-update"})
        self._bump_state()

    def _send(self, method: str, graph: Graph) -> None:
        if isinstance(graph, NTriples):  # blank node labels are unique across its documents
            body = b"".join(graph.chunks)
        else:
            body = ox.serialize([ox.Triple(t.subject, t.predicate, t.object) for t in graph],
                                format=ox.RdfFormat.N_TRIPLES) or b""
        self._request(method, self._store_url(), body, {"Content-Type": "application/n-triples"})
        self._bump_state()

    def add(self, triples: Iterable[ox.Triple]) -> None:
        """One POST of N-Triples to the default graph: the server loads all of it or none."""
        self._send("POST", triples)

    def replace(self, graph: Graph, *, state: str | None = None) -> None:
        """One PUT of the whole graph as N-Triples to the default graph (the server's state is its
        own: `state` is not used)."""
        del state
        self._send("PUT", graph)

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        _, payload = self._request("GET", self._store_url(), headers={"Accept": fmt.media_type}, ok_missing=True)
        return payload

    def is_empty(self) -> bool:
        return not bool(self.query("ASK { ?s ?p ?o }"))

    def count(self) -> int:
        result = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        row = next(iter(result), None)
        return int(row["n"].value) if row is not None and row["n"] is not None else 0

    def _bump_state(self) -> None:
        body = f"<{STATE_NODE}> <{STATE_PRED}> \"{uuid.uuid4().hex}\" .\n".encode()
        self._request("PUT", self._store_url(META_GRAPH), body, {"Content-Type": "application/n-triples"})

    def state(self) -> str:
        """Changes with every write: a hash of the triple count and the server-side marker."""
        marker = self.query(f"SELECT ?t WHERE {{ GRAPH <{META_GRAPH}> {{ <{STATE_NODE}> <{STATE_PRED}> ?t }} }}")
        tokens = sorted(row["t"].value for row in marker)
        return hashlib.sha256(f"{self.count()}|{'|'.join(tokens)}".encode()).hexdigest()[:32]

    def close(self) -> None:
        pass

    def __repr__(self) -> str:
        return f"RemoteStore({self.location!r})"

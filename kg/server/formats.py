"""Content negotiation and serialisation of query results for the SPARQL endpoint."""

from __future__ import annotations

import pyoxigraph as ox

from kg.namespaces import PREFIXES
from kg.server.execute import Outcome

# media type -> (short name, pyoxigraph format or None for our own JSON)
RESULT_TYPES: dict[str, tuple[str, ox.QueryResultsFormat | None]] = {
    "application/sparql-results+json": ("json", None),
    "application/json": ("json", None),
    "application/sparql-results+xml": ("xml", ox.QueryResultsFormat.XML),
    "application/xml": ("xml", ox.QueryResultsFormat.XML),
    "text/xml": ("xml", ox.QueryResultsFormat.XML),
    "text/csv": ("csv", ox.QueryResultsFormat.CSV),
    "text/tab-separated-values": ("tsv", ox.QueryResultsFormat.TSV),
}
GRAPH_TYPES: dict[str, tuple[str, ox.RdfFormat]] = {
    "text/turtle": ("ttl", ox.RdfFormat.TURTLE),
    "application/n-triples": ("nt", ox.RdfFormat.N_TRIPLES),
    "text/plain": ("nt", ox.RdfFormat.N_TRIPLES),
    "application/ld+json": ("jsonld", ox.RdfFormat.JSON_LD),
    "application/rdf+xml": ("rdf", ox.RdfFormat.RDF_XML),
}
CANONICAL = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "ttl": "text/turtle", "nt": "application/n-triples",
    "jsonld": "application/ld+json", "rdf": "application/rdf+xml",
}


class NotAcceptable(Exception):
    """No format the client accepts fits this kind of result."""


def parse_accept(header: str) -> list[tuple[str, float]]:
    """Media ranges of an Accept header, best first (stable for equal q)."""
    ranges: list[tuple[str, float, int]] = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((media, q, i))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(m, q) for m, q, _ in ranges]


def choose(kind: str, accept: str | None, fmt: str | None = None) -> str:
    """The short name of the format to answer in: `fmt` (a ?format= name) first, then Accept."""
    table = RESULT_TYPES if kind in ("solutions", "boolean") else GRAPH_TYPES
    names = {name for name, _ in table.values()}
    default = "json" if table is RESULT_TYPES else "ttl"
    if fmt:
        if fmt in names:
            return fmt
        raise NotAcceptable(f"format {fmt!r} does not fit this result; choose one of {', '.join(sorted(names))}")
    if not accept:
        return default
    for media, _q in parse_accept(accept):
        if media in table:
            return table[media][0]
        if media in ("*/*", "application/*", "text/*"):
            return default
    raise NotAcceptable(f"none of the accepted types ({accept}) fits this result; "
                        f"available: {', '.join(CANONICAL[n] for n in sorted(names))}")


def render(outcome: Outcome, name: str) -> tuple[bytes, str]:
    """(body, content type) of `outcome` in format `name`."""
    ctype = CANONICAL[name]
    if outcome.kind == "triples":
        rdf_format = GRAPH_TYPES[ctype][1]
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in ox.parse(outcome.payload, format=ox.RdfFormat.N_TRIPLES)]
        prefixes = PREFIXES if rdf_format is ox.RdfFormat.TURTLE else None
        body = ox.serialize(triples, format=rdf_format, prefixes=prefixes) or b""
    elif name == "json":
        body = outcome.payload  # already SPARQL JSON, with our row-limit note first
    else:
        results_format = RESULT_TYPES[ctype][1]
        parsed = ox.parse_query_results(outcome.payload, format=ox.QueryResultsFormat.JSON)
        body = parsed.serialize(format=results_format) or b""
    charset = "; charset=utf-8" if ctype.startswith("text/") or "json" in ctype or "xml" in ctype else ""
    return body, ctype + charset

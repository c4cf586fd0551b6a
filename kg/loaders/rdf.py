"""RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) into triples, safely.

Oxigraph's parsers are used (10x faster than rdflib's) and never fetch anything. Before parsing,
size is capped and RDF/XML with a DOCTYPE is refused, since entity declarations are how "billion
laughs" bombs and external-entity file reads get in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError

MAX_RDF_BYTES = 512 * 1024 * 1024
FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_JSONLD_REMOTE = re.compile(rb'"@context"\s*:\s*"(https?|file):', re.IGNORECASE)


def is_rdf(path: Path) -> bool:
    return path.suffix.lower() in FORMATS


def read_rdf(path: Path) -> list[ox.Triple]:
    """All triples of an RDF file (quads lose their graph); InputError with line on bad input."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown RDF file extension {path.suffix!r}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return parse_rdf_bytes(data, fmt, str(path))


def parse_rdf_bytes(data: bytes, fmt: ox.RdfFormat, name: str) -> list[ox.Triple]:
    if len(data) > MAX_RDF_BYTES:
        raise InputError(f"{name}: {len(data)} bytes is over the {MAX_RDF_BYTES} byte limit")
    if fmt == ox.RdfFormat.RDF_XML and _DOCTYPE.search(data):
        raise InputError(f"{name}: RDF/XML with a DOCTYPE or ENTITY declaration is refused (entity expansion)")
    if fmt == ox.RdfFormat.JSON_LD and _JSONLD_REMOTE.search(data):
        raise InputError(f"{name}: JSON-LD with a remote @context is refused (it would be fetched)")
    try:
        quads = ox.parse(data, format=fmt, base_iri="https://w3id.org/dealgraph/id/import/")
        return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    except SyntaxError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "syntax error"
        loc = getattr(exc, "lineno", None)
        where = f":{loc}" if loc else ""
        raise InputError(f"{name}{where}: malformed {fmt.name}: {first}") from None
    except (ValueError, OSError, RecursionError, MemoryError) as exc:
        raise InputError(f"{name}: malformed {fmt.name}: {exc}") from None

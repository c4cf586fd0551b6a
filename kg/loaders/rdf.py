"""RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) into triples, safely.

Oxigraph's parsers are used (10x faster than rdflib's) and never fetch anything. Before parsing,
size is capped and RDF/XML with a DOCTYPE is refused, since entity declarations are how "billion
laughs" bombs and external-entity file reads get in. RDF/XML nesting is capped (Oxigraph's parser
is quadratic in depth), and JSON-LD naming any context by reference (a string in `@context`, also
nested, in arrays or behind `@import`) is refused before Oxigraph sees it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from xml.parsers import expat

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
MAX_XML_DEPTH = 1000
MAX_JSON_DEPTH = 1000


def _remote_context(node: Any) -> bool:
    """True when a JSON-LD document refers to a context by IRI anywhere (iteratively, no recursion)."""
    stack = [(node, False)]
    while stack:
        value, in_context = stack.pop()
        if isinstance(value, str):
            if in_context:
                return True
        elif isinstance(value, list):
            stack.extend((v, in_context) for v in value)
        elif isinstance(value, dict):
            for key, v in value.items():
                if key in ("@context", "@import"):
                    stack.append((v, True))
                else:
                    stack.append((v, False))
    return False


def _check_jsonld(data: bytes, name: str) -> None:
    depth = 0
    for byte in re.sub(rb'"(?:[^"\\]|\\.)*"', b"", data):  # nesting without recursion
        if byte in b"[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise InputError(f"{name}: JSON-LD nested deeper than {MAX_JSON_DEPTH} levels")
        elif byte in b"]}":
            depth -= 1
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise InputError(f"{name}: malformed JSON-LD: {str(exc).splitlines()[0] if str(exc) else exc}") from None
    if _remote_context(document):
        raise InputError(f"{name}: JSON-LD with a remote @context or @import is refused (it would be fetched)")


def _check_xml_depth(data: bytes, name: str) -> None:
    parser = expat.ParserCreate()
    depth = 0

    def start(_tag: str, _attrs: Any) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_XML_DEPTH:
            raise InputError(f"{name}: RDF/XML nested deeper than {MAX_XML_DEPTH} elements")

    def end(_tag: str) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise InputError(f"{name}:{exc.lineno}: malformed RDF_XML: {expat.ErrorString(exc.code)}") from None


def is_rdf(path: Path) -> bool:
    return path.suffix.lower() in FORMATS


def read_rdf(path: Path) -> list[ox.Triple]:
    """All triples of an RDF file (quads lose their graph); InputError with line on bad input."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown RDF file extension {path.suffix!r}")
    try:
        size = path.stat().st_size
        if size > MAX_RDF_BYTES:  # before reading: a huge file must not be loaded into memory first
            raise InputError(f"{path}: {size} bytes is over the {MAX_RDF_BYTES} byte limit")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return parse_rdf_bytes(data, fmt, str(path))


def parse_rdf_bytes(data: bytes, fmt: ox.RdfFormat, name: str) -> list[ox.Triple]:
    if len(data) > MAX_RDF_BYTES:
        raise InputError(f"{name}: {len(data)} bytes is over the {MAX_RDF_BYTES} byte limit")
    if fmt == ox.RdfFormat.RDF_XML and _DOCTYPE.search(data):
        raise InputError(f"{name}: RDF/XML with a DOCTYPE or ENTITY declaration is refused (entity expansion)")
    if fmt == ox.RdfFormat.RDF_XML:
        _check_xml_depth(data, name)
    if fmt == ox.RdfFormat.JSON_LD:
        _check_jsonld(data, name)
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

"""SHACL validation of the graph against ontology/shapes.ttl, with pySHACL."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import SH

from kg.resources import shapes_file


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus}: {self.path}: {self.message}"


@dataclass(frozen=True)
class Report:
    conforms: bool
    violations: tuple[Violation, ...]


def validate_ntriples(data: bytes) -> Report:
    """Validate a graph given as N-Triples (how the store hands it over)."""
    import pyshacl  # heavy: imported only when validating

    graph = Graph()
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    shapes = Graph().parse(shapes_file(), format="turtle")
    conforms, results, _text = pyshacl.validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    violations = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        violations.append(Violation(str(focus), str(path) if path is not None else "", str(message or "violation")))
    violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return Report(bool(conforms), tuple(violations))


def validate_triples(triples: list[ox.Triple]) -> Report:
    return validate_ntriples(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")

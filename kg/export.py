"""Exports of the whole graph: RDF serialisations, GraphML of the projection, CSV of the deals.

Files are written to a temporary file in the same folder, fsynced and renamed, so a crash leaves
the old file or the new one, never a truncated file. CSV cells that a spreadsheet would run as a
formula (starting with = + - @ or a control character) are prefixed with a quote.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError

if TYPE_CHECKING:
    from kg.api import KnowledgeGraph

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _is_number(text: str) -> bool:
    """A plain decimal number (float() would also take "\\t-1", "-inf", "1_0" and " -1 ")."""
    return _PLAIN_NUMBER.fullmatch(text) is not None


def atomic_write(path: Path, data: bytes) -> Path:
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return path


def rows_to_csv(variables: list[str], rows: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)  # a bare CR would split the row
    writer.writerow(variables)
    for row in rows:
        cells = [safe_cell(row.get(v)) for v in variables]
        (quoted if any("\r" in c for c in cells) else writer).writerow(cells)
    return buffer.getvalue()


DEALS_CSV = """
SELECT ?id ?announced ?type ?licensor ?licensee ?assets ?upfront_usd_m ?milestones_usd_m ?total_usd_m
       ?equity_usd_m ?territory ?royalties ?sources
WHERE {
  { SELECT ?deal (GROUP_CONCAT(DISTINCT ?a; separator=";") AS ?assets)
                 (GROUP_CONCAT(DISTINCT STR(?u); separator=";") AS ?sources)
    WHERE { ?deal a kg:Deal . OPTIONAL { ?deal kg:asset/rdfs:label ?a } OPTIONAL { ?deal kg:source/kg:url ?u } }
    GROUP BY ?deal }
  ?deal kg:code ?id ; kg:licensor/rdfs:label ?licensor ; kg:licensee/rdfs:label ?licensee .
  OPTIONAL { ?deal a ?c . ?c rdfs:subClassOf kg:Deal ; kg:code ?type }
  OPTIONAL { ?deal kg:announced ?announced }
  OPTIONAL { ?deal kg:upfront/kg:usdMillions ?upfront_usd_m }
  OPTIONAL { ?deal kg:milestones/kg:usdMillions ?milestones_usd_m }
  OPTIONAL { ?deal kg:totalValue/kg:usdMillions ?total_usd_m }
  OPTIONAL { ?deal kg:equity/kg:usdMillions ?equity_usd_m }
  OPTIONAL { ?deal kg:territory/rdfs:label ?territory }
  OPTIONAL { ?deal kg:royalties ?royalties }
}
ORDER BY ?announced ?id
"""


def write_export(kg: KnowledgeGraph, fmt: str, path: Path) -> Path:
    from kg.api import check_format
    from kg.sparql import run

    if fmt == "csv":
        rows = run(kg.store, DEALS_CSV)
        return atomic_write(path, rows_to_csv(rows.variables, rows.rows).encode("utf-8"))
    if fmt == "graphml":
        import networkx as nx

        graph = kg.network()
        flat = nx.MultiDiGraph()
        for node, attrs in graph.nodes(data=True):
            flat.add_node(node, **{k: _graphml_value(v) for k, v in attrs.items() if v is not None})
        for u, v, key, attrs in graph.edges(keys=True, data=True):
            flat.add_edge(u, v, key=key, **{k: _graphml_value(val) for k, val in attrs.items() if val is not None})
        buffer = io.BytesIO()
        nx.write_graphml(flat, buffer)
        return atomic_write(path, buffer.getvalue())
    rdf_format = check_format(fmt)
    return atomic_write(path, kg.store.dump(rdf_format))


def _graphml_value(value: object) -> object:
    if isinstance(value, list | tuple | set):
        return "|".join(str(v) for v in value)
    return value

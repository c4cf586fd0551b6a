"""Where the ontology, bundled data and named queries live, installed or in the source tree.

The wheel ships ontology/ and data/ under kg/resources/ (see setup.py); an editable install or a
source checkout finds them at the top of the repository instead.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    """The folder `name` ("ontology" or "data"), from the installed package or the source tree."""
    for candidate in (PACKAGE / "resources" / name, PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"dealgraph resource folder {name!r} is missing from the installation")


def ontology_file() -> Path:
    return resource_dir("ontology") / "kg.ttl"


def shapes_file() -> Path:
    return resource_dir("ontology") / "shapes.ttl"


def data_dir() -> Path:
    return resource_dir("data")


def queries_dir() -> Path:
    return PACKAGE / "queries"

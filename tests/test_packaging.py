"""The wheel carries the ontology, the bundled data and the named queries (no source tree needed)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_resources(tmp_path: Path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("dealgraph-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "kg/resources/ontology/kg.ttl" in names
    assert "kg/resources/ontology/shapes.ttl" in names
    assert "kg/resources/data/deals/reference.yaml" in names
    assert "kg/queries/partners.rq" in names
    assert "kg/py.typed" in names

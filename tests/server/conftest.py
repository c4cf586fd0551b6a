"""Server fixtures.

- `xss_kg`: the bundled graph plus a company whose name, alias and deal source are XSS payloads.
- `client`: a Starlette TestClient on `xss_kg` (Host 127.0.0.1:8000, timeout 2 s, 50-row cap).
- `live_server`: a real uvicorn server in a background thread on a free loopback port.
"""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import KnowledgeGraph
from kg.namespaces import ID_BASE, KG
from kg.store import MemoryStore

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's TestClient on httpx 0.28 (imported once, here)
    import starlette.testclient  # noqa: F401

XSS_NAME = '<script>alert("x")</script> & <img src=x onerror=alert(1)> Pharma'
XSS_COMPANY = f"""
- id: xss-pharma
  name: '{XSS_NAME}'
  aliases: ['"><svg onload=alert(2)>']
  country: US
"""
JS_URL = "javascript:alert(4)//"
XSS_DEAL = """
- id: kelun-xss-pharma-2024
  announced: '2024-01-02'
  type: license
  licensor: kelun-biotech
  licensee: xss-pharma
  assets: [skb105]
  territory:
    include: [JP]
  upfront_usd_m: 1
  sources:
  - https://example.com/xss-source
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(name="free_port")
def free_port_fixture() -> int:
    return free_port()


@pytest.fixture(scope="session")
def hostile() -> dict[str, str]:
    """The payloads `xss_kg` holds: a company name and a javascript: source URL."""
    return {"name": XSS_NAME, "js_url": JS_URL}


@pytest.fixture(scope="session")
def xss_kg(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    extra = tmp_path_factory.mktemp("xssdata")
    (extra / "companies").mkdir()
    (extra / "deals").mkdir()
    (extra / "companies" / "xss.yaml").write_text(XSS_COMPANY)
    (extra / "deals" / "xss.yaml").write_text(XSS_DEAL)
    kg = KnowledgeGraph(MemoryStore())
    kg.build([extra])
    deal, src = ox.NamedNode(f"{ID_BASE}deal/kelun-xss-pharma-2024"), ox.NamedNode(f"{ID_BASE}source/js")
    kg.store.add([ox.Triple(deal, ox.NamedNode(str(KG.source)), src),
                  ox.Triple(src, ox.NamedNode(str(KG.url)), ox.Literal(JS_URL))])
    return kg


@pytest.fixture(scope="session")
def settings():
    from kg.server.settings import Settings

    return Settings(port=8000, timeout=2.0, max_rows=50, update_token="t" * 20)


@pytest.fixture(scope="session")
def client(xss_kg, settings):
    from starlette.testclient import TestClient

    from kg.server.app import create_app

    with TestClient(create_app(xss_kg, settings), base_url="http://127.0.0.1:8000") as c:
        yield c


class LiveServer:
    def __init__(self, kg: KnowledgeGraph, **options: object):
        import uvicorn

        from kg.server.app import create_app
        from kg.server.settings import Settings

        self.kg = kg
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.settings = Settings(port=self.port, **options)  # type: ignore[arg-type]
        config = uvicorn.Config(create_app(kg, self.settings), host="127.0.0.1", port=self.port, log_level="error")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="session")
def serve_in_thread() -> type[LiveServer]:
    """`with serve_in_thread(kg, timeout=2.0) as server:` runs a real server on a free loopback port."""
    return LiveServer


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A real server on an on-disk store (built from the bundled data), timeout 2 s."""
    kg = KnowledgeGraph.open(Path(tmp_path_factory.mktemp("livestore")) / "kg")
    kg.build()
    with LiveServer(kg, timeout=2.0, max_rows=10_000) as server:
        yield server
    kg.close()

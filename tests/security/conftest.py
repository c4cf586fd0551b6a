"""Fixtures for the security suite.

- `recorder`: an HTTP server on 127.0.0.1 (free port, own thread) that counts every connection it
  accepts and every request it reads; a test passes only when it saw none.
- `built_store`: a disk store with the bundled data, built once per session and copied per test.
- `FUZZ_EXAMPLES`: hypothesis examples per loader (env KG_FUZZ_EXAMPLES, default 100).
"""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kg import KnowledgeGraph

FUZZ_EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "100"))


class Recorder:
    """Counts what reaches 127.0.0.1:port; `url` is where a leaking query or file would point."""

    def __init__(self) -> None:
        self.connections = 0
        self.requests: list[str] = []
        recorder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _any(self) -> None:
                recorder.requests.append(f"{self.command} {self.path}")
                body = b'{"@context": {"p": "http://example.org/p"}}'
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_HEAD = _any

            def log_message(self, *args: Any) -> None:
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def verify_request(self, request: Any, client_address: Any) -> bool:
                recorder.connections += 1
                return True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def hits(self) -> int:
        return max(self.connections, len(self.requests))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    rec = Recorder()
    try:
        yield rec
    finally:
        rec.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "store"
    kg = KnowledgeGraph.open(path)
    kg.build()
    kg.close()
    return path


@pytest.fixture
def built_store(built_template: Path, tmp_path: Path) -> Path:
    """A private copy of a built disk store (tests may write to it)."""
    path = tmp_path / "store"
    shutil.copytree(built_template, path)
    return path


@pytest.fixture(scope="session")
def disk_kg(built_template: Path) -> Iterator[KnowledgeGraph]:
    """A read-only handle on the shared built disk store (queries only)."""
    kg = KnowledgeGraph.open(built_template)
    yield kg
    kg.close()


def content_hash(store: Path) -> str:
    kg = KnowledgeGraph.open(store)
    try:
        return kg.content_hash()
    finally:
        kg.close()


def one_line_error(code: int, err: str) -> None:
    """The CLI's contract for a user's error: exit 2, one line on stderr, no traceback."""
    assert code == 2, f"exit {code}: {err!r}"
    assert err.count("\n") == 1 and err.endswith("\n"), repr(err)
    assert err.startswith("kg: error:"), repr(err)
    assert "Traceback" not in err


RunCli = Callable[..., tuple[int, str, str]]

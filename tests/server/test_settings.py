"""Which Host headers a server accepts (DNS rebinding protection)."""

from __future__ import annotations

import pytest

from kg.server.settings import Settings


@pytest.mark.parametrize(("host", "ok"), [
    ("127.0.0.1:8000", True), ("localhost:8000", True), ("LOCALHOST:8000", True), ("[::1]:8000", True),
    ("127.0.0.1:8001", False), ("127.0.0.1", False), ("evil.example:8000", False), ("localhost.evil:8000", False),
    ("", False), (None, False), ("[::1]x:8000", False), ("127.0.0.1:8000:1", False), ("10.0.0.2:8000", False),
])
def test_loopback_server(host, ok):
    assert Settings(port=8000).host_allowed(host) is ok


@pytest.mark.parametrize(("host", "ok"), [
    ("10.1.2.3", True), ("localhost", True), ("kg.example.org", True), ("KG.example.org", True),
    ("evil.example", False), ("kg.example.org:8080", False),
])
def test_all_interfaces_with_a_public_name(host, ok):
    settings = Settings(host="0.0.0.0", port=80, allowed_hosts=("kg.example.org",))
    assert settings.host_allowed(host) is ok


def test_named_host_does_not_accept_localhost_names():
    settings = Settings(host="kg.internal", port=9000)
    assert settings.host_allowed("kg.internal:9000")
    assert not settings.host_allowed("localhost:9000")

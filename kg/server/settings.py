"""What `kg serve` was started with."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    timeout: float = 10.0
    max_rows: int = 10_000
    update_token: str | None = None
    cors_origin: str | None = None
    max_body: int = 512 * 1024
    max_concurrent: int = field(default_factory=lambda: max(4, min(16, 2 * (os.cpu_count() or 2))))
    memory_mb: int | None = 2048
    allowed_hosts: tuple[str, ...] = ()

    def host_allowed(self, header: str | None) -> bool:
        """Is `header` (the request's Host) this server? Refuses other names (DNS rebinding)."""
        value = (header or "").strip().lower()
        if value.startswith("["):  # an IPv6 literal, maybe with a port
            end = value.find("]")
            host, rest = value[: end + 1], value[end + 1 :]
            if end < 0 or (rest and not rest.startswith(":")):
                return False
            port = rest[1:]
        else:
            host, _, port = value.partition(":")
        if not host or int(port if port.isdigit() else ("80" if port == "" else "-1")) != self.port:
            return False
        names = {self.host.lower(), *(h.lower() for h in self.allowed_hosts)}
        if self._loopback_served():
            names.update(LOOPBACK_NAMES)
        return host in names or (self._wildcard_bind() and _is_ip_literal(host))

    def _loopback_served(self) -> bool:
        return self.host.lower() in LOOPBACK_NAMES or self._wildcard_bind() or _is_loopback(self.host)

    def _wildcard_bind(self) -> bool:
        return self.host in ("0.0.0.0", "::", "[::]")


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"

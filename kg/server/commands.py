"""`kg serve`: registered by kg.cli; Starlette and uvicorn are imported only when it runs."""

from __future__ import annotations

from typing import Any

import click

from kg.errors import InputError


def register(cli: click.Group) -> None:
    cli.add_command(serve)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True,
              help="Seconds before a SPARQL query is stopped.")
@click.option("--max-rows", type=click.IntRange(1, 10_000_000), default=10_000, show_default=True,
              help="Most rows (or triples) a query returns.")
@click.option("--allow-update-token", "token", default=None, envvar="KG_UPDATE_TOKEN",
              help="Accept SPARQL updates that carry 'Authorization: Bearer TOKEN' (default: refuse all).")
@click.option("--cors-origin", default=None, help="Allow this origin to call the endpoint from a browser.")
@click.option("--memory-limit", "memory_mb", type=click.IntRange(0, 1_000_000), default=2048, show_default=True,
              help="MB of memory a query process may use (0: no limit).")
@click.option("--allowed-host", "allowed_hosts", multiple=True,
              help="Extra Host header name to accept (e.g. the public name behind a proxy).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, timeout: float, max_rows: int, token: str | None,
          cors_origin: str | None, memory_mb: int, allowed_hosts: tuple[str, ...]) -> None:
    """Read-only SPARQL 1.1 endpoint, HTML pages and a JSON API over the store."""
    try:
        import uvicorn

        from kg.server.app import create_app
        from kg.server.settings import Settings
    except ImportError as exc:
        raise InputError(f"kg serve needs the serve extra (pip install 'dealgraph[serve]'): {exc}") from None
    from kg.api import KnowledgeGraph

    if token is not None and len(token) < 16:
        raise InputError("--allow-update-token must be at least 16 characters")
    kg: Any = ctx.obj.get("kg") or KnowledgeGraph.open(ctx.obj.get("store"))
    kg.ensure_built()
    settings = Settings(host=host, port=port, timeout=timeout, max_rows=max_rows, update_token=token,
                        cors_origin=cors_origin, memory_mb=memory_mb or None, allowed_hosts=allowed_hosts)
    click.echo(f"serving {kg.store.location} on http://{host}:{port}/ (SPARQL at /sparql); Ctrl-C stops", err=True)
    try:
        uvicorn.run(create_app(kg, settings), host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)
    finally:
        kg.close()

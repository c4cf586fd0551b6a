"""`kg extract`: print the deals an article states (contract: shared/eval/README.md)."""

from __future__ import annotations

import json
import sys

import click


def register(cli: click.Group) -> None:
    @cli.command("extract")
    @click.argument("file")
    @click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
    @click.pass_context
    def extract_command(ctx: click.Context, file: str, fmt: str) -> None:
        """Read a news article or press release (FILE, or - for stdin) and print its deals."""
        from kg.extract.cli import table
        from kg.loaders.article import extract_file

        result = extract_file(file, store_location=ctx.obj.get("store"))
        payload = result.to_json()
        if fmt == "json":
            click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        else:
            click.echo(table(payload))
        sys.stdout.flush()

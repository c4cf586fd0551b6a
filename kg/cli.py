"""The `kg` command: parses arguments, calls the library, prints. No logic lives here.

Every error a user can cause ends in one line on stderr and exit status 2; set KG_DEBUG=1 to see
tracebacks of unexpected errors.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from pathlib import Path
from typing import Any

import click

from kg.errors import DealgraphError, InputError, QueryError
from kg.output import FORMATS, dumps, partners_table, render_rows

STORE_HELP = "Store folder, ':memory:' or a SPARQL endpoint URL (default: $KG_STORE or ./.kg)."


def _open(ctx: click.Context) -> Any:
    from kg.api import KnowledgeGraph

    if "kg" not in ctx.obj:
        ctx.obj["kg"] = KnowledgeGraph.open(ctx.obj.get("store"))
        ctx.call_on_close(ctx.obj["kg"].close)
    return ctx.obj["kg"]


def _params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for item in values:
        if "=" not in item:
            raise InputError(f"--param {item!r} is not of the form name=value")
        key, value = item.split("=", 1)
        params[key.strip()] = value
    return params


format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                             help="Output format.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", envvar="KG_STORE", default=None, help=STORE_HELP)
@click.version_option(package_name="dealgraph")
@click.pass_context
def cli(ctx: click.Context, store: str | None) -> None:
    """dealgraph: a knowledge graph of biopharma licensing deals."""
    ctx.ensure_object(dict)
    ctx.obj["store"] = store


@cli.command()
@click.option("--data", "data_dirs", multiple=True, type=click.Path(path_type=Path),
              help="Extra data folder(s) in the curated format, loaded with the bundled data.")
@click.option("--no-bundled", is_flag=True, help="Load only the given --data folders.")
@click.pass_context
def build(ctx: click.Context, data_dirs: tuple[Path, ...], no_bundled: bool) -> None:
    """Load the bundled data (and --data folders) into the store, replacing what was there."""
    kg = _open(ctx)
    dataset = kg.build(data_dirs, bundled=not no_bundled, progress=_LongRunStages())
    click.echo(f"built {kg.store.location}: {len(dataset.deals)} deals, {len(dataset.companies)} companies, "
               f"{len(dataset.assets)} assets, {len(dataset.targets)} targets; {kg.store.count()} triples")


class _LongRunStages:
    """A long command's stages on stderr ("kg: checking 300,000 deals ..."), from the first stage that
    starts after `quiet` seconds: a quick build says nothing beyond its result. No timer thread: a build
    forks its cache writer only from a single-threaded process."""

    def __init__(self, quiet: float = 1.5):
        import time

        self._clock = time.monotonic
        self._start, self._quiet = self._clock(), quiet

    def __call__(self, message: str) -> None:
        if self._clock() - self._start >= self._quiet:
            click.echo(f"kg: {message}", err=True)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@format_option
@click.pass_context
def ingest(ctx: click.Context, files: tuple[Path, ...], fmt: str) -> None:
    """Add deals from YAML, CSV, RDF or article text (.txt) files or folders, all or nothing."""
    from kg.ingest import expand

    kg = _open(ctx)
    paths = expand(list(files))
    with click.progressbar(length=len(paths), label="reading", file=sys.stderr,
                           show_pos=True) if len(paths) > 1 else _nullbar() as bar:
        summary = kg.ingest(paths, progress=lambda _p: bar.update(1))
    if fmt == "json":
        click.echo(dumps(summary))
    else:
        click.echo(f"added {len(summary['deals_added'])} deal(s) ({summary['triples']} triples) "
                   f"from {len(summary['files'])} file(s)"
                   + (f"; already present: {', '.join(summary['skipped'])}" if summary["skipped"] else ""))
        for deal in summary["deals_added"]:
            click.echo(f"  + {deal}")
        for hit in summary.get("matched", []):
            click.echo(f"  = {hit['deal']} (already in the graph; this text added as a source)")


class _nullbar:
    def __enter__(self) -> _nullbar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        return None


@cli.command()
@click.argument("query")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a query parameter.")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds before the query is stopped.")
@click.option("--limit", type=int, default=100_000, show_default=True, help="Maximum rows returned.")
@format_option
@click.pass_context
def query(ctx: click.Context, query: str, params: tuple[str, ...], timeout: float, limit: int, fmt: str) -> None:
    """Run SPARQL: inline text, a .rq file, or the NAME of a named query (see `kg queries`)."""
    from kg.sparql import guard, named_queries

    kg = _open(ctx)
    values = _params(params)
    if query in named_queries():
        rows = kg.named(query, values)
    else:
        path = Path(query)
        if query.endswith(".rq") or (len(query) < 4096 and "\n" not in query and path.is_file()):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"{query}: cannot read query file ({exc})") from None
        elif guard(query) and not any(w in query.upper() for w in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
            raise QueryError(f"{query!r} is not a named query, a .rq file or SPARQL text; "
                             f"named queries: {', '.join(named_queries())}")
        else:
            text = query
        rows = kg.query(text, values, timeout=timeout, limit=limit)
    click.echo(render_rows(rows.variables, rows.rows, fmt, truncated=rows.truncated))


@cli.command()
def queries() -> None:
    """List the named queries and their parameters."""
    from kg.sparql import named_queries

    for q in named_queries().values():
        params = " ".join(f"{p.name}={p.kind}{'?' if p.optional else ''}" for p in q.params)
        click.echo(f"{q.name:<20} {q.title}" + (f"\n{'':<20}   params: {params}" if params else ""))


@cli.command()
@click.argument("company")
@click.option("--depth", type=int, default=1, show_default=True, help="1: direct partners; 2+: chains of deals.")
@click.option("--since", default=None, help="Only follow deals announced on or after this date (YYYY[-MM[-DD]]).")
@click.option("--modality", "modalities", multiple=True, help="Only follow deals for assets of this modality.")
@click.option("--via-targets", is_flag=True, help="Also link companies whose assets hit the same target.")
@format_option
@click.pass_context
def partners(ctx: click.Context, company: str, depth: int, since: str | None, modalities: tuple[str, ...],
             via_targets: bool, fmt: str) -> None:
    """Who has COMPANY partnered with, through which deals (names resolve through aliases)."""
    kg = _open(ctx)
    if depth == 1 and not since and not modalities and not via_targets:
        answer = kg.partners(company)
    else:
        from kg.network.commands import partners_answer

        answer = partners_answer(kg, company, depth=depth, since=since, modalities=modalities,
                                 via_targets=via_targets)
    if fmt == "json":
        click.echo(dumps(answer))
    elif fmt == "csv":
        rows = [{"partner": p["name"], "distance": p.get("distance", 1), **d} for p in answer["partners"]
                for d in p.get("deals", [])]
        variables = ["partner", "distance", "id", "direction", "assets", "announced", "upfront_usd_m",
                     "milestones_usd_m", "total_usd_m", "territory", "iri"]
        click.echo(render_rows(variables, rows, "csv"))
    else:
        click.echo(partners_table(answer))


@cli.command()
@format_option
@click.pass_context
def validate(ctx: click.Context, fmt: str) -> None:
    """Check the graph against the SHACL shapes; exit 1 when it does not conform."""
    kg = _open(ctx)
    report = kg.validate()
    if fmt == "json":
        click.echo(dumps({"conforms": report.conforms, "violations": [v.__dict__ for v in report.violations]}))
    else:
        if report.conforms:
            click.echo(f"conforms: {kg.store.count()} triples checked against the shapes")
        for v in report.violations:
            click.echo(f"violation: {v}")
    if not report.conforms:
        ctx.exit(1)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld", "rdf", "graphml", "csv"]),
              default="ttl", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="File to write.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path) -> None:
    """Write the whole graph as Turtle, N-Triples, JSON-LD, RDF/XML, GraphML or CSV (deals)."""
    kg = _open(ctx)
    path = kg.export(fmt, output)
    click.echo(f"wrote {path} ({path.stat().st_size} bytes)")


@cli.group()
def data() -> None:
    """Work on curated data files."""


@data.command("fmt")
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Only report files not in canonical form (exit 1).")
def data_fmt(folder: Path | None, check: bool) -> None:
    """Rewrite curated YAML files in canonical form."""
    from kg.canonical import format_folder
    from kg.resources import data_dir

    changed = format_folder(folder or data_dir(), write=not check)
    for path in changed:
        click.echo(f"{'not canonical' if check else 'rewrote'}: {path}")
    if check and changed:
        sys.exit(1)


def _register_optional() -> None:
    """Commands whose modules are added by other parts of the package."""
    from importlib import import_module

    for module in ("kg.network.commands", "kg.views.commands", "kg.extract.commands", "kg.server.commands",
                   "kg.stats"):
        try:
            mod = import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name and module.startswith(exc.name):
                continue
            raise
        mod.register(cli)


_register_optional()


def _one_line(message: str) -> str:
    """Messages quote file names and parser text: keep them on one line whatever those hold."""
    return " ".join(message.splitlines()) or "(no message)"


def main(argv: list[str] | None = None) -> None:
    if argv is None:  # the `kg` command itself, not a caller in the same process
        # the process is about to end: its last cyclic collection would walk every object a command
        # loaded (4.7 s of a 13 s `kg partners --depth 2` on a 300k-deal projection) to free memory
        # the exit frees anyway; frozen objects are left to the exit. Callers of main(argv) keep theirs.
        atexit.register(gc.freeze)
    try:
        cli.main(args=argv, prog_name="kg", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("kg: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        click.echo(f"kg: error: {_one_line(exc.format_message())}", err=True)
        sys.exit(2)
    except DealgraphError as exc:
        click.echo(f"kg: error: {_one_line(str(exc))}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("kg: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback on request
        if os.environ.get("KG_DEBUG"):
            raise
        click.echo(f"kg: internal error: {type(exc).__name__}: {_one_line(str(exc))} (set KG_DEBUG=1 for details)",
                   err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()

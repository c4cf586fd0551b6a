"""CLI commands over the projected graph: partners at depth, path, central, communities, bridges, target.

Names are resolved through the store's resolver (aliases, closest names on a miss) before the
algorithms see them; the algorithms' ValueErrors become one-line input errors.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import click

from kg.errors import InputError
from kg.output import dumps, money, table

if TYPE_CHECKING:
    from kg.api import KnowledgeGraph

MAX_DEPTH = 4


def _checked(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except ValueError as exc:
        raise InputError(str(exc)) from None


def partners_answer(kg: KnowledgeGraph, company: str, *, depth: int = 1, since: str | None = None,
                    modalities: Iterable[str] = (), via_targets: bool = False) -> dict[str, Any]:
    """The `kg partners` JSON, extended with `distance`, `via` and `chain` for every partner."""
    from kg.network.partners import partners

    if depth < 1 or depth > MAX_DEPTH:
        raise InputError(f"--depth {depth} is out of range: use 1 to {MAX_DEPTH}")
    iri = kg.resolve("company", company)
    graph = kg.network()
    found = _checked(lambda: partners(graph, iri, depth=depth, since=since, modalities=list(modalities) or None,
                                      via_targets=via_targets, max_depth=MAX_DEPTH))
    direct = {p["iri"]: p for p in kg.partners(iri)["partners"]}
    out = []
    for p in found:
        record: dict[str, Any] = {"name": p.label, "iri": p.company, "country": p.country, "distance": p.distance,
                                  "via": list(p.via), "chain": list(p.chain), "value_usd_m": p.value_usd_m}
        if p.distance == 1:
            kept = {d.deal for d in p.deals}
            deals = direct.get(p.company, {}).get("deals", [])
            record["deals"] = [d for d in deals if d["iri"] in kept]
        else:
            record["deals"] = []
        out.append(record)
    return {"company": {"name": kg.label(iri), "iri": iri}, "partners": out}


def _emit(fmt: str, records: list[Any], columns: list[str], rows: Callable[[Any], dict[str, Any]],
          empty: str) -> None:
    if fmt == "json":
        click.echo(dumps([r.to_dict() for r in records]))
    elif not records:
        click.echo(empty)
    else:
        click.echo(table(columns, [rows(r) for r in records], max_width=90))


fmt_option = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                          show_default=True)


def register(cli: click.Group) -> None:
    from kg.cli import _open

    @cli.command("path")
    @click.argument("source")
    @click.argument("target")
    @click.option("--cap", type=click.IntRange(1, 200), default=20, show_default=True,
                  help="Most chains to list.")
    @fmt_option
    @click.pass_context
    def path_command(ctx: click.Context, source: str, target: str, cap: int, fmt: str) -> None:
        """The shortest chains of deals between two companies, each step in words."""
        from kg.network.paths import deal_paths

        kg = _open(ctx)
        a, b = kg.resolve("company", source), kg.resolve("company", target)
        found = _checked(lambda: deal_paths(kg.network(), a, b, cap=cap))
        if fmt == "json":
            click.echo(dumps({"source": {"name": kg.label(a), "iri": a}, "target": {"name": kg.label(b), "iri": b},
                              "paths": [p.to_dict() for p in found]}))
            return
        if not found:
            click.echo(f"No chain of deals connects {kg.label(a)} and {kg.label(b)}.")
            return
        steps = found[0].length
        click.echo(f"{len(found)} shortest chain{'s' if len(found) != 1 else ''} of {steps} deal"
                   f"{'s' if steps != 1 else ''} between {kg.label(a)} and {kg.label(b)}:")
        for i, p in enumerate(found, 1):
            click.echo(f"\n{i}. " + " -> ".join(p.labels))
            for step in p.steps:
                click.echo(f"   - {step.text}")

    @cli.command("central")
    @click.option("--metric", type=click.Choice(["degree", "betweenness", "pagerank", "eigenvector"]),
                  default="degree", show_default=True)
    @click.option("--kind", type=click.Choice(["company", "all"]), default="company", show_default=True)
    @click.option("--top", type=click.IntRange(1, 10_000), default=10, show_default=True)
    @click.option("--sample", type=click.IntRange(1, 100_000), default=None,
                  help="Betweenness from this many sampled sources (approximate).")
    @fmt_option
    @click.pass_context
    def central_command(ctx: click.Context, metric: str, kind: str, top: int, sample: int | None, fmt: str) -> None:
        """Who sits at the centre of the deal network."""
        from kg.network.centrality import centrality

        kg = _open(ctx)
        scores = _checked(lambda: centrality(kg.network(), metric, kind=kind, top=top, sample=sample))  # type: ignore[arg-type]
        _emit(fmt, scores, ["rank", "name", "score", "note"],
              lambda s: {"rank": s.rank, "name": s.label, "score": round(s.score, 6),
                         "note": f"approximate ({s.sample} sources)" if s.approximate else ""},
              "No companies with deals.")

    @cli.command("communities")
    @click.option("--resolution", type=float, default=1.0, show_default=True)
    @click.option("--min-size", type=click.IntRange(1, 10_000), default=2, show_default=True)
    @fmt_option
    @click.pass_context
    def communities_command(ctx: click.Context, resolution: float, min_size: int, fmt: str) -> None:
        """Clusters of companies that deal mostly with each other (Louvain), with their focus."""
        from kg.network.communities import communities

        kg = _open(ctx)
        found = _checked(lambda: communities(kg.network(), resolution=resolution, min_size=min_size))
        _emit(fmt, found, ["#", "size", "central companies", "targets", "modalities"],
              lambda c: {"#": c.index, "size": c.size, "central companies": ", ".join(x.name for x in c.central),
                         "targets": ", ".join(x.name for x in c.targets),
                         "modalities": ", ".join(x.name for x in c.modalities)},
              "No communities.")

    @cli.command("bridges")
    @click.option("--top", type=click.IntRange(1, 10_000), default=10, show_default=True)
    @fmt_option
    @click.pass_context
    def bridges_command(ctx: click.Context, top: int, fmt: str) -> None:
        """Companies whose removal would split the deal network, and what they connect."""
        from kg.network.bridges import bridges

        kg = _open(ctx)
        found = _checked(lambda: bridges(kg.network(), top=top))
        _emit(fmt, found, ["rank", "company", "cut off", "connects"],
              lambda b: {"rank": b.rank, "company": b.label, "cut off": b.cut_off, "connects": b.summary},
              "No company bridges separate clusters.")

    @cli.command("target")
    @click.argument("symbol")
    @click.option("--modality", "modalities", multiple=True, help="Only assets of this modality.")
    @fmt_option
    @click.pass_context
    def target_command(ctx: click.Context, symbol: str, modalities: tuple[str, ...], fmt: str) -> None:
        """The landscape of a target: assets, developers, licensees and deal values."""
        from kg.network.landscape import target_landscape

        kg = _open(ctx)
        iri = kg.resolve("target", symbol)
        land = _checked(lambda: target_landscape(kg.network(), iri, modalities=list(modalities) or None))
        if fmt == "json":
            click.echo(dumps(land.to_dict()))
            return
        click.echo(f"{land.symbol}: {len(land.assets)} asset(s), {land.deals} deal(s), "
                   f"stated deal value {money(land.value_usd_m)}")
        click.echo(table(["asset", "modality", "phase", "developers", "licensees", "deal value"],
                         [{"asset": a.label, "modality": a.modality, "phase": a.phase,
                           "developers": ", ".join(a.developers), "licensees": ", ".join(a.licensees),
                           "deal value": money(a.value_usd_m)} for a in land.assets], max_width=50))

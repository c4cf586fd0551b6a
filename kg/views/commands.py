"""`kg view`: write an interactive, offline HTML view of part of the graph."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import click

from kg.errors import InputError


def register(cli: click.Group) -> None:
    from kg.cli import _open

    @cli.command("view")
    @click.option("--company", default=None, help="Ego network of this company.")
    @click.option("--depth", type=click.IntRange(1, 3), default=1, show_default=True)
    @click.option("--target", default=None, help="Landscape of this target (HGNC symbol or common name).")
    @click.option("--deal", default=None, help="One deal (its id or IRI) with its partnership.")
    @click.option("--partnership", default=None, help="The deals agreed together in a partnership (id or IRI).")
    @click.option("--all", "all_nodes", is_flag=True, help="The whole graph (highest-degree nodes above --max-nodes).")
    @click.option("--max-nodes", type=click.IntRange(10, 20_000), default=5000, show_default=True)
    @click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="HTML file to write.")
    @click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
    @click.pass_context
    def view_command(ctx: click.Context, company: str | None, depth: int, target: str | None, deal: str | None,
                     partnership: str | None, all_nodes: bool, max_nodes: int, output: Path,
                     open_browser: bool) -> None:
        """Draw a company's deal neighbourhood, a target's landscape, a deal, or everything."""
        from kg.export import atomic_write
        from kg.views import ViewError, make_view, partnership_view, to_html

        chosen = [x for x in (company, target, deal, partnership) if x] + (["all"] if all_nodes else [])
        if len(chosen) != 1:
            raise InputError("choose exactly one of --company, --target, --deal, --partnership or --all")
        kg = _open(ctx)
        graph = kg.network()
        company_iri = kg.resolve("company", company) if company else None
        target_symbol = kg.label(kg.resolve("target", target)) if target else None
        deal_iri = None
        if deal:
            deal_iri = deal if deal.startswith("https://") else f"https://w3id.org/dealgraph/id/deal/{deal.strip()}"
        try:
            if partnership:
                iri = partnership if partnership.startswith("https://") else \
                    f"https://w3id.org/dealgraph/id/partnership/{partnership.strip()}"
                sub, title = partnership_view(graph, iri), f"Partnership {iri.rsplit('/', 1)[-1]}"
            else:
                sub, title = make_view(graph, company=company_iri, depth=depth, target=target_symbol, deal=deal_iri,
                                       all_nodes=all_nodes, max_nodes=max_nodes)
        except ViewError as exc:
            raise InputError(str(exc).strip("'\"")) from None
        output.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(output, to_html(sub, title=title).encode("utf-8"))
        click.echo(f"wrote {output} ({sub.number_of_nodes()} nodes, {sub.number_of_edges()} edges)")
        if open_browser:
            webbrowser.open(output.resolve().as_uri())

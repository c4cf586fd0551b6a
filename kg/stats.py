"""Coverage of the graph: counts, and deals by year, modality and licensor country (`kg stats`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from kg.sparql import run

if TYPE_CHECKING:
    from kg.api import KnowledgeGraph

COUNTS = """
SELECT (COUNT(DISTINCT ?d) AS ?deals) (COUNT(DISTINCT ?c) AS ?companies) (COUNT(DISTINCT ?a) AS ?assets)
       (COUNT(DISTINCT ?t) AS ?targets) WHERE {
  { ?d a kg:Deal } UNION { ?c a kg:Company } UNION { ?a a kg:Asset } UNION { ?t a kg:Target }
}
"""
SHARES = """
SELECT (COUNT(DISTINCT ?d) AS ?deals)
       (COUNT(DISTINCT ?src) AS ?withSource) (COUNT(DISTINCT ?up) AS ?withUpfront)
       (COUNT(DISTINCT ?ms) AS ?withMilestones) (COUNT(DISTINCT ?ter) AS ?withTerritory)
WHERE {
  ?d a kg:Deal .
  OPTIONAL { ?d kg:source ?s . BIND(?d AS ?src) }
  OPTIONAL { ?d kg:upfront ?u . BIND(?d AS ?up) }
  OPTIONAL { ?d kg:milestones ?m . BIND(?d AS ?ms) }
  OPTIONAL { ?d kg:territory ?t . BIND(?d AS ?ter) }
}
"""
BY_YEAR = """
SELECT ?year (COUNT(DISTINCT ?d) AS ?deals) (SUM(?u) AS ?upfront) WHERE {
  ?d a kg:Deal . OPTIONAL { ?d kg:year ?y } OPTIONAL { ?d kg:upfront/kg:usdMillions ?u0 }
  BIND(COALESCE(STR(?y), "unknown") AS ?year) BIND(COALESCE(?u0, 0) AS ?u)
} GROUP BY ?year ORDER BY ?year
"""
BY_MODALITY = """
SELECT ?modality (COUNT(DISTINCT ?d) AS ?deals) WHERE {
  ?d a kg:Deal . OPTIONAL { ?d kg:asset/kg:modality/skos:prefLabel ?m }
  BIND(COALESCE(?m, "undisclosed") AS ?modality)
} GROUP BY ?modality ORDER BY DESC(?deals) ?modality
"""
BY_COUNTRY = """
SELECT ?country (COUNT(DISTINCT ?d) AS ?deals) WHERE {
  ?d kg:licensor ?c . OPTIONAL { ?c kg:country/kg:code ?cc } BIND(COALESCE(?cc, "unknown") AS ?country)
} GROUP BY ?country ORDER BY DESC(?deals) ?country
"""


def stats(kg: KnowledgeGraph) -> dict[str, Any]:
    kg.ensure_built()
    counts = run(kg.store, COUNTS).rows[0]
    shares = run(kg.store, SHARES).rows[0]
    total = shares["deals"] or 1
    return {
        "counts": counts,
        "share": {k.removeprefix("with").lower(): round(shares[k] / total, 3)
                  for k in ("withSource", "withUpfront", "withMilestones", "withTerritory")},
        "by_year": run(kg.store, BY_YEAR).rows,
        "by_modality": run(kg.store, BY_MODALITY).rows,
        "by_licensor_country": run(kg.store, BY_COUNTRY).rows,
    }


def stats_markdown(s: dict[str, Any]) -> str:
    c = s["counts"]
    lines = [f"**{c['deals']} deals, {c['companies']} companies, {c['assets']} assets, {c['targets']} targets.** "
             + "Share of deals with: " + ", ".join(f"{k} {v:.0%}" for k, v in s["share"].items()) + ".", ""]
    for title, key, col in (("Deals per year", "by_year", "year"), ("Deals per modality", "by_modality", "modality"),
                            ("Deals per licensor country", "by_licensor_country", "country")):
        lines += [f"| {title.split(' per ')[1]} | deals |" + (" upfront (USD m) |" if key == "by_year" else ""),
                  "|---|---|" + ("---|" if key == "by_year" else "")]
        for row in s[key]:
            extra = f" {row['upfront']:,.0f} |" if key == "by_year" else ""
            lines.append(f"| {row[col]} | {row['deals']} |{extra}")
        lines.append("")
    return "\n".join(lines)


def register(cli: click.Group) -> None:
    @cli.command("stats")
    @click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
                  show_default=True)
    @click.pass_context
    def stats_command(ctx: click.Context, fmt: str) -> None:
        """Coverage: deals per year, modality and licensor country; share of deals with each term."""
        from kg.cli import _open
        from kg.output import dumps, table

        s = stats(_open(ctx))
        if fmt == "json":
            click.echo(dumps(s))
        elif fmt == "markdown":
            click.echo(stats_markdown(s))
        else:
            c = s["counts"]
            click.echo(f"{c['deals']} deals, {c['companies']} companies, {c['assets']} assets, {c['targets']} targets")
            click.echo("share of deals with: " + ", ".join(f"{k} {v:.0%}" for k, v in s["share"].items()))
            for key, cols in (("by_year", ["year", "deals", "upfront"]), ("by_modality", ["modality", "deals"]),
                              ("by_licensor_country", ["country", "deals"])):
                click.echo("\n" + table(cols, s[key]))

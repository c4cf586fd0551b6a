"""The two answers analysts ask for most, `partners` and `league-table`, kept per store state in a
small SQLite file beside an on-disk store.

Why: every `kg` command is a fresh process. After `kg build` the projection is cached, but a user's
first `kg partners X` would still import NetworkX and unpickle the whole graph (0.35 s at 30k deals,
seconds at 300k) to read a few hundred rows, and SPARQL costs more (each term decoded out of RocksDB).
A keyed lookup in SQLite reads only those rows. The file is written from the projection whenever the
projection is remembered, so it always says what the projection says (tests/network/test_answers.py
holds both to the SPARQL rows); it is keyed by the store state, so a write makes it stale at once.

This module imports neither NetworkX nor the projection: that is the point of it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.sparql import Rows

VERSION = "1"
# columns without a declared type keep each value's own type (an int stays an int, None stays NULL)
_SCHEMA = """
CREATE TABLE companies (iri TEXT PRIMARY KEY, name, country);
CREATE TABLE deals (iri TEXT PRIMARY KEY, id, type, announced, upfront, milestones, total, equity, territory,
                    royalties, assets, sources);
CREATE TABLE ends (company TEXT NOT NULL, partner TEXT NOT NULL, deal TEXT NOT NULL, direction TEXT NOT NULL);
CREATE TABLE league (company TEXT NOT NULL, name TEXT NOT NULL, year INTEGER, deals INTEGER NOT NULL,
                     upfront REAL NOT NULL, value REAL NOT NULL);
"""
_INDEXES = "CREATE INDEX ends_by_company ON ends (company);"
_PARTNERS = """
SELECT e.partner, c.name, c.country, e.direction, d.iri, d.id, d.type, d.announced, d.upfront, d.milestones,
       d.total, d.equity, d.territory, d.royalties, d.assets, d.sources
FROM ends e JOIN companies c ON c.iri = e.partner JOIN deals d ON d.iri = e.deal
WHERE e.company = ?
"""


PARTNERS_VARIABLES = ["company", "partner", "partnerName", "partnerCountry", "deal", "dealId", "type", "direction",
                      "announced", "upfront", "milestones", "total", "equity", "territory", "royalties", "assets",
                      "sources"]
LEAGUE_VARIABLES = ["since", "company", "name", "deals", "upfront", "dealValue"]


def company_bound(bindings: dict[str, Any]) -> str | None:
    """The IRI bound to partners.rq's `company`, or None when it is not an IRI."""
    company = bindings.get("company")
    return company.value if isinstance(company, ox.NamedNode) else None


def since_bound(bindings: dict[str, Any]) -> tuple[bool, int | None]:
    """(usable, year) for league-table.rq's `since`: an odd value is left to the query's own
    xsd:integer cast, which stays authoritative."""
    since = bindings.get("since")
    text = since.value if isinstance(since, ox.Literal) else ""
    if text and not text.isdigit():
        return False, None
    return True, int(text) if text else None


def answer(store: Any, name: str, bindings: dict[str, Any]) -> Rows | None:
    """The rows of named query `name` from the answer file, or None when it cannot answer."""
    if name == "partners":
        company = company_bound(bindings)
        rows = None if company is None else partner_rows(store, company)
        return None if rows is None else Rows(list(PARTNERS_VARIABLES), rows)
    if name == "league-table":
        usable, since = since_bound(bindings)
        rows = league_rows(store, since) if usable else None
        return None if rows is None else Rows(list(LEAGUE_VARIABLES), rows)
    return None


def cache_file(store: Any) -> Path | None:
    root = getattr(store, "root", None)
    return Path(root) / "cache" / f"answers-v{VERSION}-{store.state()}.sqlite" if root else None


# -- the league table's arithmetic, shared with the projection's own answer -------------------------
def deal_amounts(edge: dict[str, Any]) -> tuple[float, float]:
    """(upfront, deal value) of one deal edge as league-table.rq counts them: the total when stated,
    else upfront + equity + milestones; a missing amount counts as 0."""
    up = edge.get("upfront_usd_m") or 0
    total = edge.get("total_usd_m")
    value = total if total is not None else up + (edge.get("equity_usd_m") or 0) + (edge.get("milestones_usd_m") or 0)
    return up, value


def add_to_league(table: dict[str, dict[str, Any]], since: int | None, company: str, name: str, deals: int,
                  upfront: float, value: float) -> None:
    """Count `deals` deals worth `upfront` / `value` for licensee `company` in a league table being summed."""
    row = table.setdefault(company, {"since": "" if since is None else str(since), "company": company, "name": name,
                                     "deals": 0, "upfront": 0, "dealValue": 0})
    row["deals"] += deals
    row["upfront"] += upfront
    row["dealValue"] += value


def finish_league(table: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows summed per licensee, rounded and ordered as kg/queries/league-table.rq gives them."""
    for row in table.values():  # as kg.sparql.to_python gives SPARQL's exact decimal sums: integral as int
        for key in ("upfront", "dealValue"):
            row[key] = round(row[key], 6)  # float sums drift in the last bit; amounts have <= 6 decimals
            if float(row[key]).is_integer():
                row[key] = int(row[key])
    rows = sorted(table.values(), key=lambda r: r["name"])
    rows.sort(key=lambda r: (-r["upfront"], -r["dealValue"]))
    return rows


# -- writing ------------------------------------------------------------------------------------------
def write(store: Any, companies: Iterable[tuple[str, str, str | None]], deals: Iterable[tuple[Any, ...]],
          ends: Iterable[tuple[str, str, str, str]], league: Iterable[tuple[str, str, int | None, int, float, float]],
          ) -> None:
    """Write the answer file for the store's current state. `companies`: (iri, name, country); `deals`:
    one tuple per deal between two companies, in the deals table's column order; `ends`: (company,
    partner, deal, "out" | "in") for both ends of each; `league`: sums per licensee and year. Best
    effort, atomic (temporary file, rename); stale files of earlier states are removed first."""
    path = cache_file(store)
    if path is None:
        return
    with contextlib.suppress(OSError, sqlite3.Error):
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("answers-v*.sqlite"):
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".sqlite")
        os.close(fd)
        try:
            db = sqlite3.connect(tmp)
            try:
                db.execute("PRAGMA journal_mode = OFF")
                db.execute("PRAGMA synchronous = OFF")
                db.executescript(_SCHEMA)
                db.executemany("INSERT INTO companies VALUES (?, ?, ?)", companies)
                db.executemany("INSERT INTO deals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", deals)
                db.executemany("INSERT INTO ends VALUES (?, ?, ?, ?)", ends)
                db.executemany("INSERT INTO league VALUES (?, ?, ?, ?, ?, ?)", league)
                db.executescript(_INDEXES)
                db.commit()
            finally:
                db.close()
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def order_partner_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """partners.rq's ORDER BY: partner name, then newest first, then deal id."""
    rows.sort(key=lambda r: r["dealId"])
    rows.sort(key=lambda r: r["announced"] or "", reverse=True)
    rows.sort(key=lambda r: r["partnerName"])
    return rows


# -- reading ------------------------------------------------------------------------------------------
def _open(store: Any) -> sqlite3.Connection | None:
    path = cache_file(store)
    if path is None or not path.exists():
        return None
    try:
        return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None


def partner_rows(store: Any, company: str) -> list[dict[str, Any]] | None:
    """The rows of partners.rq for `company` (its IRI) from the answer file, or None when there is no
    file for the store's current state or the company is not in it."""
    db = _open(store)
    if db is None:
        return None
    try:
        if db.execute("SELECT 1 FROM companies WHERE iri = ?", (company,)).fetchone() is None:
            return None
        found = db.execute(_PARTNERS, (company,)).fetchall()
    except sqlite3.Error:
        return None
    finally:
        db.close()
    rows = [{"company": company, "partner": partner, "partnerName": name, "partnerCountry": country, "deal": deal,
             "dealId": did, "type": kind, "direction": direction, "announced": announced, "upfront": up,
             "milestones": milestones, "total": total, "equity": equity, "territory": territory,
             "royalties": royalties, "assets": assets, "sources": sources}
            for (partner, name, country, direction, deal, did, kind, announced, up, milestones, total, equity,
                 territory, royalties, assets, sources) in found]
    return order_partner_rows(rows)


def league_rows(store: Any, since: int | None = None) -> list[dict[str, Any]] | None:
    """The rows of league-table.rq from the answer file's sums per licensee and year, or None."""
    db = _open(store)
    if db is None:
        return None
    where, args = ("WHERE year >= ?", (since,)) if since is not None else ("", ())
    try:
        found = db.execute(f"SELECT company, name, deals, upfront, value FROM league {where}", args).fetchall()  # noqa: S608 - fixed text
    except sqlite3.Error:
        return None
    finally:
        db.close()
    table: dict[str, dict[str, Any]] = {}
    for company, name, deals, upfront, value in found:
        add_to_league(table, since, company, name, deals, upfront, value)
    return finish_league(table)

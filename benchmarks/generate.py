"""A synthetic but realistic deal market, written in dealgraph's own input format.

    python benchmarks/generate.py --deals 30000 --seed 1 --out benchmarks/.work/M/data

The market is skewed as the real one is: a few big pharmas license in hundreds of assets while a
long tail of biotechs appears in one or two deals (Zipf-like weights on both sides). Companies have
aliases and countries; assets have a modality, a phase and one or two real HGNC targets (from
data/targets/core.yaml); deal types, territories, rights, royalties, amounts and dates are drawn from
the curated deals in data/deals/*.yaml (amounts re-sampled with log-normal jitter).

Output (a data folder that `kg build --data DIR` and `load_data_dir` read through the real loaders)::

    DIR/regions.yaml            copied from data/
    DIR/targets/core.yaml       copied from data/targets/
    DIR/companies/synthetic-NNN.yaml
    DIR/assets/synthetic-NNN.yaml
    DIR/deals/synthetic-NNN.csv  one row a deal (kg/loaders/tables.py format), 50,000 rows a file

Deals are written as CSV because at 300k deals YAML parsing dominates the build (see
benchmarks/README.md); the CSV rows go through the same record checks as YAML deals.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import itertools
import json
import math
import random
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
sys.path.insert(0, str(ROOT))

from kg.names import normalise  # noqa: E402
from kg.records import MONEY_FIELDS  # noqa: E402

CHUNK_DEALS = 50_000
CHUNK_ENTITIES = 40_000
SYLLABLES = tuple(c + v for c in "bcdfgklmnprstvz" for v in "aeiou")
SUFFIXES = ("Therapeutics", "Biotherapeutics", "Biosciences", "Pharma", "Biopharma", "Biologics", "Oncology",
            "Medicines", "Bio", "Genomics")
PHARMA_SUFFIXES = ("Pharmaceuticals", "Pharma", "Healthcare", "Laboratories")
LEGAL = ("Inc.", "Co., Ltd.", "AG", "plc", "SA", "Corp.", "GmbH", "KK")
# headquarters: pharmas mostly West/Japan; biotechs: the China-West licensing market
PHARMA_COUNTRIES = {"US": 40, "CH": 10, "GB": 10, "DE": 8, "FR": 6, "JP": 12, "DK": 4, "IE": 3, "BE": 2, "CN": 5}
BIOTECH_COUNTRIES = {"CN": 38, "US": 36, "KR": 5, "GB": 4, "DE": 3, "JP": 3, "FR": 2, "CH": 2, "CA": 2, "NL": 1,
                     "AU": 1, "IL": 1, "DK": 1, "SG": 1}
MODALITY_WEIGHTS = {"ADC": 20, "bispecific antibody": 8, "monoclonal antibody": 6, "small molecule": 10,
                    "cell therapy": 3, "gene therapy": 2, "siRNA": 7, "radioligand": 2, "vaccine": 1, "other": 6}
PHASE_WEIGHTS = {"preclinical": 10, "phase 1": 20, "phase 2": 15, "phase 3": 5, "filed": 1, "approved": 5}
PUBLISHERS = ("www.fiercebiotech.com", "www.biospace.com", "www.prnewswire.com", "www.businesswire.com",
              "www.reuters.com", "endpts.com", "www.globenewswire.com", "www.hkexnews.hk", "www.sec.gov")


class Weighted:
    """Draw items by weight in O(log n)."""

    def __init__(self, items: list[Any], weights: list[float]):
        self.items = items
        self.cum = list(itertools.accumulate(weights))

    def __call__(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


def zipf(n: int, s: float) -> list[float]:
    return [1.0 / (i + 1) ** s for i in range(n)]


def _core(i: int, rng: random.Random) -> str:
    """A unique pronounceable name core for index i (bijective base-len(SYLLABLES), 3+ syllables)."""
    parts, k = [], i + len(SYLLABLES) ** 2  # at least three syllables
    while k:
        k, r = divmod(k, len(SYLLABLES))
        parts.append(SYLLABLES[r])
    return "".join(parts).capitalize()


def _yaml_scalar(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _real_deals() -> list[dict[str, Any]]:
    deals: list[dict[str, Any]] = []
    for path in sorted((DATA / "deals").glob("*.yaml")):
        deals.extend(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    return deals


def generate(n_deals: int, seed: int, out: Path) -> dict[str, int]:
    rng = random.Random(seed)
    real = _real_deals()
    targets = [t["symbol"] for t in yaml.safe_load((DATA / "targets" / "core.yaml").read_text(encoding="utf-8"))]

    if out.exists():
        shutil.rmtree(out)
    for sub in ("companies", "assets", "deals", "targets"):
        (out / sub).mkdir(parents=True)
    shutil.copy(DATA / "regions.yaml", out / "regions.yaml")
    shutil.copy(DATA / "targets" / "core.yaml", out / "targets" / "core.yaml")

    # -- companies: a few pharmas, a long tail of biotechs ---------------------------------
    n_companies = max(60, n_deals // 10)
    n_pharma = max(8, n_companies // 150)
    pharma_country = Weighted(list(PHARMA_COUNTRIES), list(PHARMA_COUNTRIES.values()))
    biotech_country = Weighted(list(BIOTECH_COUNTRIES), list(BIOTECH_COUNTRIES.values()))
    companies: list[dict[str, Any]] = []
    taken: set[str] = set()
    for i in range(n_companies):
        core = _core(i, rng)
        pharma = i < n_pharma
        name = f"{core} {rng.choice(PHARMA_SUFFIXES if pharma else SUFFIXES)}"
        aliases = [f"{name} {rng.choice(LEGAL)}"]
        if rng.random() < 0.4:
            aliases.append(core)
        if rng.random() < 0.2:
            aliases.append(f"{core[:3].upper()}-{i}")
        keep = []
        for alias in aliases:
            key = normalise(alias)
            if key not in taken and key != normalise(name):
                keep.append(alias)
                taken.add(key)
        taken.add(normalise(name))
        companies.append({"id": f"co-{i}-{core.lower()}", "name": name, "aliases": keep,
                          "country": (pharma_country if pharma else biotech_country)(rng), "pharma": pharma})
    ids = [c["id"] for c in companies]

    # -- assets: developed mostly by biotechs, developer weights skewed -----------------------
    n_assets = max(40, int(n_deals * 0.4))
    developer = Weighted(ids, zipf(n_companies, 0.7))
    modality = Weighted(list(MODALITY_WEIGHTS), list(MODALITY_WEIGHTS.values()))
    phase = Weighted(list(PHASE_WEIGHTS), list(PHASE_WEIGHTS.values()))
    rng.shuffle(targets)
    target = Weighted(targets, zipf(len(targets), 0.9))  # a few popular targets recur (as PD-1, HER2 do)
    assets: list[dict[str, Any]] = []
    by_developer: dict[str, list[str]] = {}
    for i in range(n_assets):
        dev = developer(rng)
        prefix = "".join(ch for ch in dev.split("-", 2)[2][:3].upper() if ch.isalpha()) or "AX"
        tset = [target(rng)]
        if rng.random() < 0.25:
            second = target(rng)
            if second != tset[0]:
                tset.append(second)
        aid = f"as-{i}"
        assets.append({"id": aid, "name": f"{prefix}{i}", "aliases": [f"{prefix}-{i}"], "modality": modality(rng),
                       "targets": tset, "developer": dev, "phase": phase(rng)})
        by_developer.setdefault(dev, []).append(aid)
    asset_ids = [a["id"] for a in assets]

    # -- deals -----------------------------------------------------------------------------
    pharma_ids = [c["id"] for c in companies if c["pharma"]]
    biotech_ids = [c["id"] for c in companies if not c["pharma"]]
    licensee_pharma = Weighted(pharma_ids, zipf(len(pharma_ids), 0.6))
    licensee_biotech = Weighted(biotech_ids, zipf(len(biotech_ids), 1.0))
    licensor = Weighted(biotech_ids, zipf(len(biotech_ids), 0.8))
    upfronts = [float(d["upfront_usd_m"]) for d in real if d.get("upfront_usd_m")]
    milestones = [float(d["milestones_usd_m"]) for d in real if d.get("milestones_usd_m")]
    equities = [float(d["equity_usd_m"]) for d in real if d.get("equity_usd_m")]
    years = [int(str(d["announced"])[:4]) for d in real if d.get("announced")]

    def amount(pool: list[float]) -> float:
        value = rng.choice(pool) * math.exp(rng.gauss(0, 0.6))
        return max(0.5, round(value * 2) / 2)

    deal_count = 0
    seen_keys: set[tuple[Any, ...]] = set()
    columns = ("id", "announced", "type", "licensor", "licensee", "assets", "assets_note", "partnership",
               "territory", "territory_text", "rights", *MONEY_FIELDS, "royalties", "status", "sources")
    handle = None
    writer: Any = None
    for i in range(n_deals):
        if i % CHUNK_DEALS == 0:
            if handle is not None:
                handle.close()
            handle = (out / "deals" / f"synthetic-{i // CHUNK_DEALS:03d}.csv").open("w", encoding="utf-8",
                                                                                   newline="")
            writer = csv.writer(handle)
            writer.writerow(columns)
        template = rng.choice(real)
        lor = licensor(rng)
        lee = licensee_pharma(rng) if rng.random() < 0.6 else licensee_biotech(rng)
        while lee == lor:
            lee = licensee_biotech(rng)
        n_assets_deal = len(template.get("assets") or [])
        own = by_developer.get(lor) or []
        chosen: list[str] = []
        for _ in range(n_assets_deal):
            pick = rng.choice(own) if own and rng.random() < 0.8 else rng.choice(asset_ids)
            if pick not in chosen:
                chosen.append(pick)
        while True:  # the loader rejects the same parties, assets and date twice
            year, month = rng.choice(years), rng.randint(1, 12)
            announced = (f"{year}-{month:02d}" if rng.random() < 0.1
                         else f"{year}-{month:02d}-{rng.randint(1, 28):02d}")
            seen = (lor, lee, tuple(sorted(chosen)), announced)
            if seen not in seen_keys:
                seen_keys.add(seen)
                break
        terr = template.get("territory")
        territory = ""
        if terr:
            territory = " ".join([*terr["include"], *(f"-{c}" for c in terr.get("exclude") or [])])
        row: dict[str, Any] = {
            "id": f"deal-{i}",
            "announced": announced,
            "type": template.get("type") or "license",
            "licensor": lor,
            "licensee": lee,
            "assets": ";".join(chosen),
            "assets_note": "" if chosen else f"undisclosed programmes ({i})",
            "partnership": f"partnership-{i}" if rng.random() < 0.02 else "",
            "territory": territory,
            "territory_text": template.get("territory_text") or "",
            "rights": ";".join(template.get("rights") or []),
            "royalties": template.get("royalties") or "",
            "status": "terminated" if rng.random() < 0.03 else "",
        }
        if template.get("upfront_usd_m"):
            row["upfront_usd_m"] = amount(upfronts)
        if template.get("milestones_usd_m"):
            row["milestones_usd_m"] = amount(milestones)
        if template.get("equity_usd_m"):
            row["equity_usd_m"] = amount(equities)
        if template.get("total_usd_m") and row.get("upfront_usd_m") and row.get("milestones_usd_m"):
            row["total_usd_m"] = row["upfront_usd_m"] + row["milestones_usd_m"]
        n_sources = 1 if rng.random() < 0.55 else (2 if rng.random() < 0.75 else 3)
        row["sources"] = ";".join(f"https://{rng.choice(PUBLISHERS)}/news/{i}-{k}" for k in range(n_sources))
        writer.writerow([_csv_value(row.get(c)) for c in columns])
        deal_count += 1
    if handle is not None:
        handle.close()

    _write_yaml(out / "companies", companies, ("id", "name", "aliases", "country"))
    _write_yaml(out / "assets", assets, ("id", "name", "aliases", "modality", "targets", "developer", "phase"))
    return {"deals": deal_count, "companies": n_companies, "pharmas": n_pharma, "assets": n_assets}


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return str(value)


def _write_yaml(folder: Path, records: list[dict[str, Any]], keys: tuple[str, ...]) -> None:
    """Canonical-looking YAML written directly (PyYAML's emitter is slow at 100k records)."""
    for start in range(0, len(records), CHUNK_ENTITIES):
        lines: list[str] = []
        for rec in records[start:start + CHUNK_ENTITIES]:
            first = True
            for key in keys:
                value = rec.get(key)
                if value in (None, "", []):
                    continue
                text = ("[" + ", ".join(_yaml_scalar(v) for v in value) + "]" if isinstance(value, list)
                        else _yaml_scalar(str(value)))
                lines.append(f"{'- ' if first else '  '}{key}: {text}")
                first = False
        (folder / f"synthetic-{start // CHUNK_ENTITIES:03d}.yaml").write_text("\n".join(lines) + "\n",
                                                                               encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="data folder to write (default benchmarks/.work/N)")
    args = parser.parse_args(argv)
    out = args.out or ROOT / "benchmarks" / ".work" / f"gen-{args.deals}" / "data"
    counts = generate(args.deals, args.seed, out)
    print(json.dumps({"out": str(out), **counts}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

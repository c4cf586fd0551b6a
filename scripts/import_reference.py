"""One-off conversion of ../shared/reference/deals.yaml into the project's curated format.

Kept so that the provenance of data/*/reference.yaml is reproducible: the reference file is the
verified source; this script only reshapes it (entity ids, merged assets, split money fields).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def main(reference: Path) -> None:
    deals = yaml.safe_load(reference.read_text())
    companies: dict[str, dict] = {}
    assets: dict[str, dict] = {}
    alias_to_asset: dict[str, str] = {}
    out_deals = []

    def company(name: str, aliases: list[str], country: str | None) -> str:
        cid = slug(name)
        entry = companies.setdefault(cid, {"id": cid, "name": name, "aliases": [], "country": country})
        for a in aliases:
            if a not in entry["aliases"] and a != name:
                entry["aliases"].append(a)
        return cid

    for d in deals:
        licensor = company(d["licensor"], d["licensor_aliases"], d.get("licensor_country"))
        licensee = company(d["licensee"], d["licensee_aliases"], d.get("licensee_country"))
        asset_ids = []
        undisclosed = []
        for a in d["assets"]:
            if "undisclosed" in a["name"] or "(discovery)" in a["name"] or "programmes" in a["name"]:
                undisclosed.append(a["name"])
                continue
            keys = [slug(a["name"])] + [slug(n) for n in a["other_names"]]
            aid = next((alias_to_asset[k] for k in keys if k in alias_to_asset), None)
            if aid is None:
                aid = slug(a["name"])
                assets[aid] = {
                    "id": aid,
                    "name": a["name"],
                    "aliases": [],
                    "modality": a["modality"],
                    "targets": list(a["targets"]),
                    # the licensor develops the asset at signing, except when rights are handed back
                    "developer": licensee if "return" in d["id"] else licensor,
                    "phase": a["phase_at_signing"],
                }
            entry = assets[aid]
            for n in [a["name"], *a["other_names"]]:
                if n != entry["name"] and n not in entry["aliases"]:
                    entry["aliases"].append(n)
            for k in keys:
                alias_to_asset[k] = aid
            asset_ids.append(aid)
        deal = {
            "id": d["id"],
            "announced": str(d["announced"]),
            "type": d["deal_type"],
            "licensor": licensor,
            "licensee": licensee,
            "assets": asset_ids,
        }
        if undisclosed:
            deal["assets_note"] = "; ".join(undisclosed)
        if d.get("territory_codes"):
            deal["territory"] = {k: v for k, v in d["territory_codes"].items() if v}
        if d.get("territory_licensee"):
            deal["territory_text"] = d["territory_licensee"]
        if d.get("rights"):
            deal["rights"] = d["rights"]
        for key in ("upfront_usd_m", "equity_usd_m", "milestones_usd_m", "total_usd_m"):
            if d.get(key) is not None:
                deal[key] = d[key]
        if d.get("currency_original"):
            deal["currency"] = d["currency_original"]
            deal["original_m"] = d["original_amounts_m"]
        if d.get("royalties"):
            deal["royalties"] = d["royalties"]
        deal["sources"] = d["sources"]
        if d.get("notes"):
            deal["notes"] = " ".join(d["notes"].split())
        out_deals.append(deal)

    data = ROOT / "data"
    (data / "companies").mkdir(parents=True, exist_ok=True)
    (data / "assets").mkdir(parents=True, exist_ok=True)
    (data / "deals").mkdir(parents=True, exist_ok=True)
    dump = lambda obj, path: path.write_text(yaml.safe_dump(obj, sort_keys=False, allow_unicode=True, width=100))  # noqa: E731
    for entry in [*companies.values(), *assets.values()]:
        for key in [k for k, v in entry.items() if v in (None, [], "")]:
            del entry[key]
    dump(list(companies.values()), data / "companies" / "reference.yaml")
    dump(list(assets.values()), data / "assets" / "reference.yaml")
    dump(out_deals, data / "deals" / "reference.yaml")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference" / "deals.yaml")

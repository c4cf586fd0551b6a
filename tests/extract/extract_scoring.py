"""A small re-implementation of the eval kit's matching rules (shared/eval/score.py), so that the
extractor's own tests do not depend on the shared folder."""

from __future__ import annotations

import re

SUFFIXES = {
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "co",
    "corp",
    "corporation",
    "plc",
    "llc",
    "lp",
    "ag",
    "sa",
    "se",
    "nv",
    "bv",
    "gmbh",
    "the",
}
REGIONS = {"GREATER_CHINA": {"CN", "HK", "MO", "TW"}}
MONEY = ("upfront_usd_m", "milestones_usd_m", "total_usd_m", "equity_usd_m")


def company_key(name: str) -> str:
    return " ".join(w for w in re.sub(r"[^a-z0-9]+", " ", name.lower()).split() if w not in SUFFIXES)


def asset_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _names(entities: list[dict], key):
    ids = {}
    for e in entities:
        for spelling in [e["name"], *e.get("aliases", [])]:
            ids[key(spelling)] = key(e["name"])
    return lambda n: None if not n else ids.get(key(n), "?" + key(n))


def _territory(value):
    if not value:
        return None

    def expand(codes):
        out = set()
        for c in codes or []:
            out |= REGIONS.get(c.upper(), {c.upper()})
        return frozenset(out)

    return expand(value.get("include")), expand(value.get("exclude"))


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 0.005 * max(abs(float(b)), 1e-9)


def score(predicted: dict, expected: dict) -> dict:
    """Counts (tp, fp, fn) for deals, companies and assets, and right/total for fields, plus misses."""
    company = _names(expected.get("companies", []), company_key)
    asset = _names(expected.get("assets", []), asset_key)
    want_c = {company(c["name"]) for c in expected.get("companies", [])}
    got_c = {company(c["name"]) for c in predicted.get("companies", [])}
    want_a = {asset(a["name"]): a for a in expected.get("assets", [])}
    got_a = {asset(a["name"]): a for a in predicted.get("assets", [])}
    right = total = 0
    misses = []
    for key, w in want_a.items():
        g = got_a.get(key, {})
        checks = {
            "modality": (g.get("modality") or "").lower() == (w.get("modality") or "").lower(),
            "targets": {t.upper() for t in g.get("targets") or []}
            == {t.upper() for t in w.get("targets") or []},
        }
        if "developer" in w:
            checks["developer"] = company(g.get("developer")) == company(w["developer"])
        for f, ok in checks.items():
            total, right = total + 1, right + ok
            if not ok:
                misses.append(f"asset {w['name']}: {f}")
    pool = list(predicted.get("deals", []))
    tp = 0
    for w in expected.get("deals", []):
        names = w.get("parties") or [w.get("licensor"), w.get("licensee")]
        parties = frozenset(company(n) for n in names if n)
        want_set = {asset(a) for a in w.get("assets", [])}
        match = None
        for g in pool:
            g_names = g.get("parties") or [g.get("licensor"), g.get("licensee")]
            if frozenset(company(n) for n in g_names if n) == parties and (
                not want_set or want_set & {asset(a) for a in g.get("assets") or []}
            ):
                match = g
                break
        if match is not None:
            pool.remove(match)
            tp += 1
        g = match or {}
        checks = {r: company(g.get(r)) == company(w[r]) for r in ("licensor", "licensee") if r in w}
        checks["assets"] = {asset(a) for a in g.get("assets") or []} == want_set
        checks.update({m: _close(g.get(m), w[m]) for m in MONEY if m in w})
        if "royalties" in w:
            checks["royalties"] = g.get("royalties") == w["royalties"]
        if "territory" in w:
            checks["territory"] = _territory(g.get("territory")) == _territory(w["territory"])
        for f, ok in checks.items():
            total, right = total + 1, right + ok
            if not ok:
                misses.append(f"deal {sorted(p for p in parties if p)}: {f}")
    return {
        "deals": (tp, len(pool), len(expected.get("deals", [])) - tp),
        "companies": (len(got_c & want_c), len(got_c - want_c), len(want_c - got_c)),
        "assets": (
            len(set(got_a) & set(want_a)),
            len(set(got_a) - set(want_a)),
            len(set(want_a) - set(got_a)),
        ),
        "fields": (right, total),
        "misses": misses,
    }


def f1(tp: int, fp: int, fn: int) -> float:
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0

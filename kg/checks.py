"""Whole-dataset checks that no single record can make: ids, references, ambiguity, duplicates.

They run before a load touches the store, so a dataset that fails leaves the store unchanged.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.errors import InputError
from kg.loaders.curated import is_country
from kg.names import normalise
from kg.records import Dataset


@dataclass
class Known:
    """Ids already in the store that a dataset may refer to without defining them."""

    regions: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    companies: set[str] = field(default_factory=set)
    assets: set[str] = field(default_factory=set)
    deals: set[str] = field(default_factory=set)


def _unique(kind: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise InputError(f"duplicate {kind} id {i!r}")
        seen.add(i)


def check_dataset(ds: Dataset, known: Known | None = None) -> None:
    """Raise InputError on the first inconsistency; the message names the record at fault."""
    known = known or Known()
    _unique("region", [r.code for r in ds.regions])
    _unique("target", [t.symbol for t in ds.targets])
    _unique("company", [c.id for c in ds.companies])
    _unique("asset", [a.id for a in ds.assets])
    _unique("deal", [d.id for d in ds.deals])

    regions = known.regions | {r.code for r in ds.regions}
    targets = known.targets | {t.symbol for t in ds.targets}
    companies = known.companies | {c.id for c in ds.companies}
    assets = known.assets | {a.id for a in ds.assets}

    for c in ds.companies:
        for ref in (c.parent, c.acquired_by):
            if ref and ref not in companies:
                raise InputError(f"company {c.id!r} refers to unknown company {ref!r}")
    for a in ds.assets:
        if a.developer and a.developer not in companies:
            raise InputError(f"asset {a.id!r} has unknown developer {a.developer!r}")
        for t in a.targets:
            if t not in targets:
                raise InputError(f"asset {a.id!r} has target {t!r}, which is not in the targets table")
        if not a.modality:
            raise InputError(f"asset {a.id!r} has no modality")
    for d in ds.deals:
        for role, ref in (("licensor", d.licensor), ("licensee", d.licensee)):
            if ref not in companies:
                raise InputError(f"deal {d.id!r} has unknown {role} {ref!r}")
        if d.licensor == d.licensee:
            raise InputError(f"deal {d.id!r} has the same company as licensor and licensee")
        for ref in d.assets:
            if ref not in assets:
                raise InputError(f"deal {d.id!r} refers to unknown asset {ref!r}")
        if d.territory:
            for code in (*d.territory.include, *d.territory.exclude):
                if code not in regions and not is_country(code):
                    raise InputError(f"deal {d.id!r} has unknown region {code!r} in its territory")
        if not d.sources:
            raise InputError(f"deal {d.id!r} has no source")

    # one name -> one company
    owners: dict[str, set[str]] = defaultdict(set)
    for c in ds.companies:
        for name in (c.name, *c.aliases):
            owners[normalise(name)].add(c.id)
    for name_key, ids in owners.items():
        if len(ids) > 1:
            raise InputError(f"company name {name_key!r} resolves to several companies: {', '.join(sorted(ids))}")

    # the same deal twice: same parties, same assets, same date
    seen: dict[tuple, str] = {}
    for d in ds.deals:
        key = (d.licensor, d.licensee, tuple(sorted(d.assets)), d.announced, d.assets_note)
        if key in seen:
            raise InputError(f"deal {d.id!r} duplicates deal {seen[key]!r}")
        seen[key] = d.id

"""One IRI per real company, asset and target, from any of its names.

Names are matched case-, accent- and punctuation-insensitively against labels, aliases, ids and
(for targets) HGNC symbols. An unknown name fails with the closest known names; a name shared by
two entities fails as ambiguous rather than picking one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from kg.errors import AmbiguousNameError, UnknownNameError
from kg.gcpause import gc_paused
from kg.names import normalise
from kg.namespaces import ID_BASE

KIND_CLASSES = {"company": "Company", "asset": "Asset", "target": "Target", "region": "Region"}

_NAMES_QUERY = """
# bindings: inline (the planner sees the bound class; see kg/store.py)
SELECT ?cls ?s ?name ?main WHERE {
  { ?s a ?cls ; rdfs:label ?name . BIND(true AS ?main) }
  UNION { ?s a ?cls ; skos:altLabel ?name . BIND(false AS ?main) }
  UNION { ?s a ?cls ; kg:code ?name . BIND(false AS ?main) }
}
"""


@dataclass
class Resolver:
    """Name index of one kind of entity, built from the store."""

    kind: str
    index: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: object, kind: str) -> Resolver:
        """Built once per store state: pickled beside an on-disk store, so each command reuses it."""
        import pickle

        root = getattr(store, "root", None)
        path = None
        if root is not None:
            path = root / "cache" / f"names-{kind}-{store.state()}.pickle"  # type: ignore[attr-defined]
            if path.exists():
                try:
                    with gc_paused():  # a large index is many small objects (kg.gcpause)
                        return pickle.loads(path.read_bytes())  # noqa: S301 - our own cache, in our store folder
                except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
                    pass
        return cls._query(store, kind).remember(store)

    @staticmethod
    def is_cached(store: object, kind: str) -> bool:
        root = getattr(store, "root", None)
        return root is not None and (root / "cache" / f"names-{kind}-{store.state()}.pickle").exists()  # type: ignore[attr-defined]

    def remember(self, store: object) -> Resolver:
        """Keep this index as the one of the store's current state (a pickle beside an on-disk store)."""
        from kg.store import write_cache

        root = getattr(store, "root", None)
        if root is not None:
            path = root / "cache" / f"names-{self.kind}-{store.state()}.pickle"  # type: ignore[attr-defined]
            write_cache(path, self, f"names-{self.kind}-*.pickle")
        return self

    @classmethod
    def from_names(cls, kind: str, entries: Iterable[tuple[str, str, Iterable[str]]]) -> Resolver:
        """The index of (IRI, label, other names) entries: what `kg build` knows from its records, so
        the first command after a build need not read every name back out of the store."""
        resolver = cls(kind)
        for iri, label, others in entries:
            resolver._add(iri, label, main=True)
            for name in others:
                resolver._add(iri, name, main=False)
        return resolver

    def _add(self, iri: str, name: str, *, main: bool) -> None:
        self.index.setdefault(normalise(name), set()).add(iri)
        if main:
            self.labels[iri] = name

    @classmethod
    def _query(cls, store: object, kind: str) -> Resolver:
        import pyoxigraph as ox

        from kg.namespaces import KG
        from kg.sparql import run

        resolver = cls(kind)
        rows = run(store, _NAMES_QUERY, {"cls": ox.NamedNode(str(getattr(KG, KIND_CLASSES[kind])))})
        for row in rows.rows:
            resolver._add(row["s"], str(row["name"]), main=bool(row["main"]))
        return resolver

    def add_from_store(self, store: object, iris: Iterable[str]) -> Resolver:
        """Add the names the store holds for `iris` (the entities an ingest touched): the index of the
        new state without reading every name again (111 s at 300k deals)."""
        import pyoxigraph as ox

        from kg.namespaces import KG
        from kg.sparql import restricted, run

        chosen = list(iris)
        if not chosen:
            return self
        kind_class = ox.NamedNode(str(getattr(KG, KIND_CLASSES[self.kind])))
        rows = run(store, restricted(_NAMES_QUERY, "s", chosen), {"cls": kind_class})
        for row in rows.rows:
            self._add(row["s"], str(row["name"]), main=bool(row["main"]))
        return self

    def resolve(self, name: str) -> str:
        """The IRI of `name`; UnknownNameError with suggestions, or AmbiguousNameError."""
        text = name.strip()
        if text.startswith(ID_BASE) and text in self.labels:
            return text
        hits = self.index.get(normalise(text), set()) if text else set()
        if len(hits) == 1:
            return next(iter(hits))
        if len(hits) > 1:
            names = sorted(self.labels.get(h, h) for h in hits)
            raise AmbiguousNameError(f"{self.kind} name {name!r} matches several: {', '.join(names)}")
        raise UnknownNameError(self.kind, name, self.suggest(text))

    def suggest(self, name: str, limit: int = 5) -> list[str]:
        choices = {iri: label for iri, label in self.labels.items()}
        if not choices or not name:
            return []
        found = process.extract(name, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=50)
        return [label for label, _score, _iri in found]

    def label(self, iri: str) -> str:
        return self.labels.get(iri, iri)

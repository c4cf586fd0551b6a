"""The one place that knows how triples are stored: an Oxigraph store in memory or on disk.

Every write is all-or-nothing. `add` runs in one Oxigraph transaction; `replace` (a full build)
loads into a fresh database beside the old one and swaps the folders by rename, so a crash at any
moment leaves either the old or the new graph. Writers hold an exclusive `flock` on `<root>/lock`;
a second writer gets "store is in use by process N" instead of RocksDB's raw lock error. Readers
open the database read-only and never wait for a writer.

Layout of an on-disk store (default `./.kg`, or `--store PATH` / `KG_STORE`)::

    .kg/oxigraph/   the Oxigraph (RocksDB) database
    .kg/lock        held by the writing process, holds its PID
    .kg/state       a token that changes with every write (keys caches such as the projection)
    .kg/count       the triple count of the current state
    .kg/cache/      per-state caches, each named with the state it belongs to: the projection
                    (projection-*.pickle), the answer file (answers-*.sqlite), the name indexes
                    (names-*.pickle) and the article reader's names (gazetteer-*.pickle). A build
                    leaves them, an ingest carries them over, anything else makes them stale; all
                    can be deleted at any time and are rebuilt on first use.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import pyoxigraph as ox

from kg.errors import InputError, StoreBusyError

DB = "oxigraph"


@runtime_checkable
class TripleStore(Protocol):
    """What the rest of dealgraph needs from a store (embedded or remote)."""

    location: str

    def query(self, sparql: str, substitutions: dict[str, Any] | None = None) -> Any: ...

    def add(self, triples: Iterable[ox.Triple]) -> None: ...

    def replace(self, graph: Graph, *, state: str | None = None) -> None: ...

    def dump(self, fmt: ox.RdfFormat) -> bytes: ...

    def count(self) -> int: ...

    def is_empty(self) -> bool: ...

    def state(self) -> str: ...

    def close(self) -> None: ...


# Oxigraph applies `substitutions` to the results of a plan made without them: a bound ?company does
# not narrow the search (the partners of a one-deal company took 2.9 s at 30k deals, 5 ms with the
# value inlined). A query that says so (a line `# bindings: inline`, as partners.rq does) gets its bound
# values as a VALUES block at the start of the outer WHERE, where the planner sees them. It is opt-in:
# for queries that use the values only in FILTERs (rights-in-region, upfront-by-year) the VALUES join
# made plans 3-13x slower; a query where VALUES could change the meaning keeps `substitutions`.
INLINE_MARKER = "# bindings: inline"
SPARQL_SKIP = r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|<[^<>\s]*>|#[^\n]*"
_TOKENS = re.compile(rf"(?P<skip>{SPARQL_SKIP})|(?P<where>\bWHERE\s*\{{)|(?P<word>\b(?:SELECT|MINUS|SERVICE)\b)",
                     re.IGNORECASE | re.DOTALL)


def inline_substitutions(sparql: str, substitutions: dict[Any, Any] | None) -> tuple[str, dict[Any, Any] | None]:
    """(query, remaining substitutions): bound IRIs and literals as `VALUES` at the top of the outer WHERE."""
    if not substitutions or INLINE_MARKER not in sparql:
        return sparql, substitutions
    if not all(isinstance(v, ox.NamedNode | ox.Literal) for v in substitutions.values()):
        return sparql, substitutions
    where, selects = None, 0
    for match in _TOKENS.finditer(sparql):
        if match.group("where") and where is None:
            where = match.end()
        elif match.group("word"):
            if match.group("word").upper() != "SELECT" or selects:  # MINUS, SERVICE, a subquery
                return sparql, substitutions
            selects += 1
    if where is None:
        return sparql, substitutions
    names = " ".join(f"?{getattr(k, 'value', k)}" for k in substitutions)
    values = " ".join(str(v) for v in substitutions.values())
    return f"{sparql[:where]} VALUES ({names}) {{ ({values}) }}{sparql[where:]}", None


def _quads(triples: Iterable[ox.Triple]) -> Iterator[ox.Quad]:
    for t in triples:
        yield ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())


def write_cache(path: Path, value: object, stale: str) -> None:
    """Pickle `value` to `path` in a store's cache folder atomically (temporary file, rename), first
    removing the files matching `stale` there (the same cache of earlier store states). Best effort:
    a cache that cannot be written is rebuilt next time."""
    import pickle
    import tempfile

    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(stale):
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)


CHUNK_TRIPLES = 100_000


@dataclass(frozen=True)
class NTriples:
    """A graph as N-Triples documents, each a few MB: the form `replace` loads fastest.

    Blank node labels must be unique across the documents (a store may load each document on its
    own, naming blank nodes afresh each time), and every IRI must already be valid: the bulk loader
    takes the text without checking it again (kg.rdfmap writes it so)."""

    chunks: Iterable[bytes]


Graph = Iterable[ox.Triple] | NTriples


def triple_documents(triples: Iterable[ox.Triple], chunk: int = CHUNK_TRIPLES) -> Iterator[bytes]:
    """Triples as N-Triples documents of `chunk` lines. The loader names blank nodes afresh in each
    document, so every triple that mentions one is held back to the last document, together."""
    lines: list[str] = []
    with_blanks: list[str] = []
    blank = ox.BlankNode
    for t in triples:
        line = f"{t} .\n"
        if type(t.subject) is blank or type(t.object) is blank:
            with_blanks.append(line)
            continue
        lines.append(line)
        if len(lines) >= chunk:
            yield "".join(lines).encode()
            lines = []
    lines += with_blanks
    if lines:
        yield "".join(lines).encode()


def _documents(graph: Graph) -> Iterable[bytes]:
    return graph.chunks if isinstance(graph, NTriples) else triple_documents(graph)


def bulk_load_ntriples(store: ox.Store, chunks: Iterable[bytes]) -> None:
    """Load N-Triples documents into a fresh store with Oxigraph's bulk loader, on a second thread
    that loads one document while this one makes the next.

    Why this shape (benchmarks/README.md): `bulk_load` of `bytes` releases the GIL for the whole parse
    and index, so the caller's Python keeps running beside it; fed from a Python file object it takes
    the GIL for every read and crawls when another thread is busy. One document for the whole graph
    keeps all its text and the loader's sort buffers in memory at once (about 1 GB at 30k deals);
    documents of 100k triples bound that to a few hundred MB.
    """
    from concurrent.futures import Future, ThreadPoolExecutor

    def load(text: bytes) -> None:
        # lenient: the text was written from checked IRIs (kg.rdfmap, or pyoxigraph terms)
        store.bulk_load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph(), lenient=True)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-bulk-load") as loader:
        pending: Future[None] | None = None
        for text in chunks:
            if pending is not None:
                pending.result()
            pending = loader.submit(load, text)
        if pending is not None:
            pending.result()


def bulk_load_triples(store: ox.Store, triples: Iterable[ox.Triple], *, chunk: int = CHUNK_TRIPLES) -> None:
    """`bulk_load_ntriples` of pyoxigraph triples, `chunk` to a document."""
    bulk_load_ntriples(store, triple_documents(triples, chunk))


class MemoryStore:
    """An Oxigraph store in memory: for tests, notebooks and one-off commands."""

    def __init__(self) -> None:
        self.location = ":memory:"
        self._store = ox.Store()
        self._state = uuid.uuid4().hex
        self._count: tuple[str, int] | None = None

    def query(self, sparql: str, substitutions: dict[str, Any] | None = None) -> Any:
        text, bound = inline_substitutions(sparql, substitutions)
        return self._store.query(text, substitutions=bound, use_default_graph_as_union=False)

    def add(self, triples: Iterable[ox.Triple]) -> None:
        batch = list(_quads(triples))  # materialise first: a failing generator must not leave half
        self._store.extend(batch)
        self._state = uuid.uuid4().hex

    def replace(self, graph: Graph, *, state: str | None = None) -> None:
        fresh = ox.Store()
        bulk_load_ntriples(fresh, _documents(graph))
        self._store = fresh
        self._state = state or uuid.uuid4().hex

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        return self._store.dump(format=fmt, from_graph=ox.DefaultGraph()) or b""

    def is_empty(self) -> bool:
        return next(iter(self._store.quads_for_pattern(None, None, None)), None) is None

    def count(self) -> int:
        # Oxigraph's len() walks every quad (~1 s a million); every command asks once (ensure_built)
        if self._count is None or self._count[0] != self._state:
            self._count = (self._state, len(self._store))
        return self._count[1]

    def state(self) -> str:
        return self._state

    def close(self) -> None:
        pass

    @property
    def raw(self) -> ox.Store:
        return self._store


class DiskStore:
    """An Oxigraph store in a folder, safe against crashes and concurrent writers."""

    def __init__(self, root: Path | str):
        self.root = Path(root).expanduser().absolute()
        self.location = str(self.root)
        if self.root.exists() and not self.root.is_dir():
            raise InputError(f"{self.root}: store path exists and is not a folder")
        self._recover()
        self._reader: ox.Store | None = None
        self._writer: ox.Store | None = None
        self._lock_fd: int | None = None

    # -- crash recovery and locking -------------------------------------------------------
    def _recover(self) -> None:
        """Finish or undo a swap that a crash interrupted (see `replace`)."""
        db, old, new = self.root / DB, self.root / f"{DB}.old", self.root / f"{DB}.new"
        if not (old.exists() or new.exists()) or not self._try_lock():
            return  # nothing to do, or a live writer owns the folders (it finishes its own swap)
        try:
            if not db.exists() and old.exists():
                with contextlib.suppress(OSError):
                    old.rename(db)
            if db.exists():
                for leftover in (old, new):
                    if leftover.exists():
                        shutil.rmtree(leftover, ignore_errors=True)
        finally:
            self._unlock()

    def _try_lock(self) -> bool:
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._lock_fd = fd
        return True

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
                os.close(self._lock_fd)
            self._lock_fd = None

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the store exclusively for writing; re-entrant within one process."""
        if self._lock_fd is not None:
            yield
            return
        if not self._try_lock():
            holder = (self.root / "lock").read_text().strip() or "?"
            raise StoreBusyError(f"store {self.root} is in use by process {holder}; try again when it finishes")
        try:
            yield
        finally:
            if self._writer is not None:
                self._writer.flush()
                del self._writer
                self._writer = None
            self._unlock()

    def _open_writer(self) -> ox.Store:
        if self._writer is None:
            self._close_reader()
            (self.root / DB).mkdir(parents=True, exist_ok=True)
            self._writer = ox.Store(str(self.root / DB))
        return self._writer

    def _close_reader(self) -> None:
        if self._reader is not None:
            del self._reader
            self._reader = None

    def _bump_state(self, token: str | None = None) -> None:
        tmp = self.root / f"state.{os.getpid()}.tmp"
        tmp.write_text(token or uuid.uuid4().hex)
        os.replace(tmp, self.root / "state")

    # -- the interface --------------------------------------------------------------------
    def exists(self) -> bool:
        return (self.root / DB / "CURRENT").exists()

    def _db(self) -> ox.Store:
        if self._writer is not None:
            return self._writer
        if self._reader is None:
            if not self.exists():
                return ox.Store()  # nothing built yet: an empty graph, never a half-made folder
            self._reader = ox.Store.read_only(str(self.root / DB))
        return self._reader

    def query(self, sparql: str, substitutions: dict[str, Any] | None = None) -> Any:
        text, bound = inline_substitutions(sparql, substitutions)
        return self._db().query(text, substitutions=bound)

    def add(self, triples: Iterable[ox.Triple]) -> None:
        batch = list(_quads(triples))
        with self.writing():
            self._open_writer().extend(batch)  # one transaction: all or nothing
            self._writer.flush()  # type: ignore[union-attr]
            self._bump_state()

    def replace(self, graph: Graph, *, state: str | None = None) -> None:
        """Build a new database beside the old one, then swap the folders. `state`, when given, is the
        token the new graph gets: caches for it can be written while the load runs (KnowledgeGraph.build)."""
        with self.writing():
            new, db, old = self.root / f"{DB}.new", self.root / DB, self.root / f"{DB}.old"
            shutil.rmtree(new, ignore_errors=True)
            new.mkdir(parents=True)
            fresh = ox.Store(str(new))
            bulk_load_ntriples(fresh, _documents(graph))
            fresh.flush()
            del fresh
            self._close_reader()
            if self._writer is not None:
                del self._writer
                self._writer = None
            if db.exists():
                db.rename(old)
            new.rename(db)
            shutil.rmtree(old, ignore_errors=True)
            self._bump_state(state)

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        return self._db().dump(format=fmt, from_graph=ox.DefaultGraph()) or b""

    def is_empty(self) -> bool:
        """Whether the store holds no triple: one step of a scan, where count() walks them all."""
        return not self.exists() or next(iter(self._db().quads_for_pattern(None, None, None)), None) is None

    def count(self) -> int:
        """The number of triples, kept beside the database per store state: Oxigraph's len() walks every
        quad (2.5 s at 30k deals) and every command asks once (KnowledgeGraph.ensure_built)."""
        if not self.exists():
            return len(self._db())
        state = self.state()
        cache = self.root / "count"
        with contextlib.suppress(OSError, ValueError):
            saved_state, saved = cache.read_text().split()
            if saved_state == state and state != "empty":
                return int(saved)
        count = len(self._db())
        if state != "empty" and self.state() == state:
            with contextlib.suppress(OSError):
                tmp = self.root / f"count.{os.getpid()}.tmp"
                tmp.write_text(f"{state} {count}")
                os.replace(tmp, cache)
        return count

    def state(self) -> str:
        try:
            return (self.root / "state").read_text().strip()
        except OSError:
            return "empty"

    def close(self) -> None:
        self._close_reader()
        if self._writer is not None:
            self._writer.flush()
            del self._writer
            self._writer = None
        self._unlock()


def open_store(location: str | Path | None = None) -> TripleStore:
    """The store at `location`: ":memory:", an http(s) SPARQL endpoint, or a folder (default ./.kg)."""
    location = str(location or os.environ.get("KG_STORE") or ".kg")
    if location == ":memory:":
        return MemoryStore()
    if location.startswith(("http://", "https://")):
        try:
            from kg.remote import RemoteStore  # optional: only when asked for
        except ModuleNotFoundError:
            raise InputError(f"{location}: remote SPARQL stores are not available in this installation") from None

        return RemoteStore(location)
    return DiskStore(location)

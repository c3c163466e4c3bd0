"""The store's SQLite file: its schema, one connection per thread, transactions, the change stamp
readers cache on, and the one helper for ``IN (...)`` queries over many keys.

SQLite holds everything but the chunk vectors: articles (the ledger), sentence offsets and
vectors (with each article's headline and lead vectors at negative indices, ``index.heads``),
chunks, the journal, the articles still waiting for their vectors (``pending``), ``meta`` (schema
version, embedder, where the vectors live, the write generation) and both FTS5 word indexes
(declared in ``index.lexical.fts``, given to ``open``).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from .errors import StoreError

SCHEMA_VERSION = 1
FILE = "meta.sqlite"
BATCH = 500  # keys per IN (...): well under SQLite's 999 bound parameters of older builds

# The ledger, the same 13 columns in SQLite and in a shared PostgreSQL (``index.postgres``)
ARTICLES_TABLE = """CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, url TEXT NOT NULL, source TEXT NOT NULL,
    published TEXT, published_day INTEGER, authors TEXT NOT NULL, content_hash TEXT NOT NULL,
    origin TEXT NOT NULL, text TEXT NOT NULL, n_sentences INTEGER NOT NULL,
    n_chunks INTEGER NOT NULL, ingested_at {real} NOT NULL);"""

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
""" + ARTICLES_TABLE.format(real="REAL") + """
CREATE INDEX IF NOT EXISTS articles_origin ON articles(origin);
CREATE TABLE IF NOT EXISTS sentences (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sentence_vecs (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, vec BLOB NOT NULL,
    PRIMARY KEY (article_id, idx)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sentence_vecs_heads ON sentence_vecs(idx) WHERE idx < 0;
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, article_id TEXT NOT NULL,
    first INTEGER NOT NULL, last INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE TABLE IF NOT EXISTS journal (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, chunk_ids TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pending (article_id TEXT PRIMARY KEY, chunks INTEGER NOT NULL) WITHOUT ROWID;
"""
# ``pending``: the articles searchable by their words only (stage 1 of an ingest done, their vectors
# not yet added). An article is absent, in ``pending`` (words only) or complete: never half of a stage.
# A store made before two-stage ingest has the table empty: every article in it is complete.

BUMP_GENERATION = ("INSERT INTO meta VALUES ('generation', '1') "
                   "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")

T = TypeVar("T")


def marks(n: int) -> str:
    """``?,?,?`` for ``n`` parameters."""
    return ",".join("?" * n)


def check_embedder(where: Path, stored_name: str, stored_dim: int, name: str, dim: int | None) -> None:
    """A store answers only with the model it was built with."""
    if stored_name != name or stored_dim != dim:
        raise StoreError(f"store {where} was built with embedder {stored_name} ({stored_dim} dims), "
                         f"not {name} ({dim} dims): use another --store or the same model")


class Database:
    """The SQLite file of one store folder. Readers never block the writer (WAL)."""

    def __init__(self, folder: Path):
        self.file = folder / FILE
        self._local = threading.local()
        self._commits = 0

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.file, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=OFF")
            self._local.conn = conn
        return conn

    def execute(self, sql: str, args: Sequence = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, args)

    def scalar(self, sql: str, args: Sequence = ()):
        row = self.conn.execute(sql, args).fetchone()
        return row[0] if row else None

    @contextlib.contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``): committed whole or rolled back whole."""
        db = self.conn
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            # also when COMMIT itself failed (disk full): never leave a transaction holding the lock
            with contextlib.suppress(sqlite3.Error):
                if db.in_transaction:
                    db.execute("ROLLBACK")
            raise
        self._commits += 1

    def rows_in(self, sql: str, keys: Sequence, before: Sequence = (), after: Sequence = ()) -> Iterator[tuple]:
        """Rows of ``sql`` (with ``{marks}`` where the ``IN`` list goes) for every key, ``BATCH`` keys
        per query; ``before``/``after``: the other parameters, around the keys."""
        keys = list(keys)
        for i in range(0, len(keys), BATCH):
            part = keys[i : i + BATCH]
            yield from self.conn.execute(sql.format(marks=marks(len(part))), [*before, *part, *after])

    def stamp(self) -> tuple[int, int]:
        """Changes whenever the database may have changed: commits by other connections
        (``PRAGMA data_version``) or by this object."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0], self._commits

    def cached(self, name: str, compute: Callable[[], T], key=None) -> T:
        """``compute()`` once per change of the database (and of ``key``), per thread."""
        stamp = (self.stamp(), key)
        hit = getattr(self._local, name, None)
        if hit is None or hit[0] != stamp:
            hit = (stamp, compute())
            setattr(self._local, name, hit)
        return hit[1]

    def generation(self) -> int:
        """The store's write generation: every write bumps it in its own transaction (the in-memory
        word index is built for one generation and never used for another)."""
        return self.cached("generation", lambda: int(self.scalar("SELECT value FROM meta WHERE key = 'generation'") or 0))

    def open(self, embedder_name: str | None, dim: int | None, vectors: str, more_schema: str = "") -> tuple[str, int]:
        """Create or check the schema (``SCHEMA`` and ``more_schema``) and ``meta``; returns the
        store's (embedder, dim). ``vectors``: where this process keeps the vectors
        ("embedded:<collection>" / "server:<collection>")."""
        where = self.file.parent
        try:
            self.conn.executescript(SCHEMA + more_schema)
            rows = dict(self.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.file} is not a usable store database: {e}") from e
        if not rows:
            if embedder_name is None or dim is None:
                raise StoreError(f"{where} is not a store yet: ingest some articles first")
            rows = {"schema_version": str(SCHEMA_VERSION), "embedder": embedder_name, "dim": str(dim)}
            with self.tx() as db:
                db.executemany("INSERT OR IGNORE INTO meta VALUES (?, ?)", list(rows.items()))
        if int(rows["schema_version"]) != SCHEMA_VERSION:
            raise StoreError(f"store {where} has schema {rows['schema_version']}, this version reads {SCHEMA_VERSION}")
        if embedder_name is not None:
            check_embedder(where, rows["embedder"], int(rows["dim"]), embedder_name, dim)
        if "vectors" not in rows:
            with self.tx() as db:
                db.execute("INSERT OR IGNORE INTO meta VALUES ('vectors', ?)", (vectors,))
        elif rows["vectors"] != vectors:
            def say(v):
                base, _, shared = v.partition("+")
                return base.replace(":", " Chroma, collection ", 1) + (" and its records in PostgreSQL (QA_DATABASE_URL)"
                                                                         if shared else "")
            raise StoreError(f"store {where} keeps its vectors {say(rows['vectors'])}, not {say(vectors)}: open it "
                             "the same way (QA_CHROMA_URL / --chroma-url, QA_DATABASE_URL / --database-url), or move it with qa "
                               "export / qa import")
        return rows["embedder"], int(rows["dim"])

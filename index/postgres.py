"""The shared database of a store served by workers on several machines: PostgreSQL holds
everything that is not a vector (the ledger, sentence offsets and vectors, chunks, the articles
waiting for their vectors, the journal, the generation), the write lease, and a change log.

Each worker keeps a local mirror of it in its own store folder (the same SQLite file a one-machine
store has, with its FTS5 word indexes and their in-memory copy): ``sync`` applies to the mirror
every article changed since the generation the mirror reflects, in one local transaction, before
the worker answers. So word search runs on the same FTS5 tokenizer and BM25 as everywhere else
(rankings identical to the embedded store's), and no worker answers from an older state than
PostgreSQL's at the moment of the question (one indexed query per question when nothing changed).

Writes: one writer per store at a time, by a lease (a row with an expiry, renewed by the holder
every few seconds; a dead writer's lease expires and the next writer replays its journal). Every
write transaction re-checks the lease inside PostgreSQL, so a writer that lost it (stalled past the
expiry) cannot commit. The journal protocol is the one-machine store's (``index.journal``) with
Chroma and PostgreSQL as its two sides.

Tables live in one PostgreSQL schema per store (``qa_<collection>``): several stores can share
a database.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence

from .articles import Chunk, Sentence
from .database import ARTICLES_TABLE, BUMP_GENERATION, SCHEMA_VERSION, Database, check_embedder
from .errors import StoreError, StoreLockedError, UnavailableError
from .rows import delete_rows, write_rows

log = logging.getLogger(__name__)

LEASE_S = 30.0  # a writer renews every LEASE_S / 3; a dead one's lease is free LEASE_S after its last renewal
SYNC_PAGE = 500  # articles read from PostgreSQL at a time when a mirror catches up
LEASE_WAIT_S = 5.0  # a writer waits this long for the lease before it is refused

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
""" + ARTICLES_TABLE.format(real="DOUBLE PRECISION") + """
CREATE TABLE IF NOT EXISTS sentences (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx));
CREATE TABLE IF NOT EXISTS sentence_vecs (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, vec BYTEA NOT NULL, PRIMARY KEY (article_id, idx));
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE TABLE IF NOT EXISTS pending (article_id TEXT PRIMARY KEY, chunks INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS journal (id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, chunk_ids TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS changes (generation BIGINT NOT NULL, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS changes_generation ON changes(generation);
CREATE TABLE IF NOT EXISTS lease (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at TIMESTAMPTZ NOT NULL);
"""


def schema_name(collection: str) -> str:
    """The PostgreSQL schema of a store: ``qa_`` and its collection name, lower-case, [a-z0-9_] only."""
    return "qa_" + re.sub(r"[^a-z0-9_]", "_", collection.lower())[:50]


def redact(url: str) -> str:
    """A database URL without its password, for messages."""
    return re.sub(r"(//[^:/@]+:)[^@]*@", r"\1***@", url)


class SharedDatabase:
    """A connection pool to one store's schema in PostgreSQL, and what runs in it: a ``RowWriter``
    (``index.rows``) for the store's write path, the lease, and ``sync_into`` for a worker's mirror."""

    def __init__(self, url: str, collection: str, pool_size: int = 4, lease_s: float = LEASE_S):
        try:
            from psycopg_pool import ConnectionPool
        except ImportError as e:  # pragma: no cover - the extra is part of the dependencies
            raise StoreError("a PostgreSQL database needs psycopg and psycopg-pool (pip install 'psycopg[binary]' psycopg-pool)") from e
        self.url = url
        self.schema = schema_name(collection)
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.lease_s = lease_s
        self.pool = ConnectionPool(url, min_size=1, max_size=pool_size, open=False, timeout=10,
                                   kwargs={"autocommit": True, "connect_timeout": 10})
        try:
            self.pool.open(wait=True, timeout=30)
            with self.pool.connection() as conn:
                conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
            with self.tx() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self.schema,))  # one creator at a time
                cur.execute(SCHEMA)
        except Exception as e:
            self.pool.close()
            raise StoreError(f"cannot use the database {redact(url)}: {type(e).__name__}: {str(e)[:300]}") from e
        self._leases: dict[str, tuple[threading.Thread, threading.Event]] = {}  # held: renewer, its stop
        self._sync_lock = threading.Lock()

    @classmethod
    def for_store(cls, url: str, chroma, lease_s: float) -> SharedDatabase:
        """The shared database of the store whose vectors ``chroma`` (``index.vectors.ChromaSettings``)
        names: its collection is the store's name here too."""
        if chroma.url is None:
            raise StoreError("a shared database (QA_DATABASE_URL) needs the vectors on a Chroma server too "
                             "(QA_CHROMA_URL): workers on other machines cannot read this folder")
        return cls(url, chroma.collection, lease_s=lease_s)

    def close(self) -> None:
        for name in list(self._leases):
            self._give_back(name)
        self.pool.close()

    @contextlib.contextmanager
    def tx(self) -> Iterator:
        """A cursor inside one transaction in this store's schema: committed whole or not at all."""
        with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            cur.execute(f'SET LOCAL search_path TO "{self.schema}"')
            yield cur

    def read(self, sql: str, args: Sequence = ()) -> list[tuple]:
        with self.tx() as cur:
            cur.execute(sql, args)
            return cur.fetchall()

    # ------------------------------------------------------------------ meta and generation

    def meta(self) -> dict[str, str]:
        return dict(self.read("SELECT key, value FROM meta"))

    def embedder(self, name: str | None, dim: int | None, where) -> tuple[str, int]:
        """The store's embedder and dimension: set by its first writer (``name``, ``dim``), checked
        against them afterwards as a folder's are."""
        meta = self.meta()
        if not meta:
            if name is None or dim is None:
                raise StoreError(f"the shared database has no store in schema {self.schema} yet: ingest some articles first")
            with self.tx() as cur:
                cur.executemany("INSERT INTO meta VALUES (%s, %s) ON CONFLICT (key) DO NOTHING",
                                [("schema_version", str(SCHEMA_VERSION)), ("embedder", name), ("dim", str(dim))])
            meta = self.meta()
        if name is not None:
            check_embedder(where, meta["embedder"], int(meta["dim"]), name, dim)
        return meta["embedder"], int(meta["dim"])

    def generation(self) -> int:
        rows = self.read("SELECT value FROM meta WHERE key = 'generation'")
        return int(rows[0][0]) if rows else 0

    @staticmethod
    def bump(cur, article_ids: Iterable[str], words_changed: bool = True) -> int:
        """In a write's transaction: the next generation, and which articles it changed (the
        mirrors copy them; a change of vectors only is applied there without a new word index)."""
        cur.execute("INSERT INTO meta VALUES ('generation', '1') ON CONFLICT (key) DO UPDATE "
                    "SET value = (meta.value::bigint + 1)::text RETURNING value")
        gen = int(cur.fetchone()[0])
        ids = sorted(set(article_ids))
        if ids:
            cur.executemany("INSERT INTO changes VALUES (%s, %s)", [(gen, a) for a in ids])
        return gen

    # ------------------------------------------------------------------ the lease

    def acquire(self, wait_s: float = LEASE_WAIT_S) -> None:
        """Take the store's write lease, waiting up to ``wait_s`` for its holder (another worker's
        stage 2 holds it a moment per batch), else ``StoreLockedError`` naming the holder; renewed in
        the background until ``release``."""
        deadline = time.monotonic() + wait_s
        while True:
            holder, left = self._take("writer")
            if holder is None:
                return
            if time.monotonic() >= deadline:
                raise StoreLockedError(f"the store is being written by {holder} (its lease runs {left:.0f} s more "
                                       "unless renewed); try again when it is done")
            time.sleep(0.1)

    def release(self) -> None:
        self._give_back("writer")

    @contextlib.contextmanager
    def embedding_turn(self) -> Iterator[bool]:
        """Stage 2's own lease: True while this process is the one embedding the store (on any
        machine), False at once if another is: embedding the same articles twice only wastes cores."""
        holder, _ = self._take("embedder")
        try:
            yield holder is None
        finally:
            if holder is None:
                self._give_back("embedder")

    def _take(self, name: str) -> tuple[str | None, float]:
        """Take lease ``name`` (renewed in the background from then on): (None, 0) when taken, else
        (its holder, seconds left)."""
        ttl = self.lease_s
        with self.tx() as cur:
            cur.execute("INSERT INTO lease VALUES (%s, %s, now() + make_interval(secs => %s)) "
                        "ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at "
                        "WHERE lease.expires_at < now() OR lease.holder = EXCLUDED.holder RETURNING holder",
                        (name, self.holder, ttl))
            if cur.fetchone() is None:
                cur.execute("SELECT holder, GREATEST(0, EXTRACT(EPOCH FROM expires_at - now())) FROM lease WHERE name = %s",
                            (name,))
                holder, left = cur.fetchone() or ("another worker", 0)
                return holder, float(left)
        stop = threading.Event()
        thread = threading.Thread(target=self._renew, args=(name, stop), name=f"qa-lease-{name}", daemon=True)
        self._leases[name] = (thread, stop)
        thread.start()
        return None, 0.0

    def _renew(self, name: str, stop: threading.Event) -> None:
        while not stop.wait(self.lease_s / 3):
            try:
                with self.tx() as cur:
                    cur.execute("UPDATE lease SET expires_at = now() + make_interval(secs => %s) "
                                "WHERE name = %s AND holder = %s", (self.lease_s, name, self.holder))
            except Exception as e:  # noqa: BLE001 - the next write's fence check fails if the lease is lost
                log.warning("could not renew the %s lease: %s", name, e)

    def _give_back(self, name: str) -> None:
        held = self._leases.pop(name, None)
        if held is None:
            return
        thread, stop = held
        stop.set()
        thread.join(timeout=5)
        with contextlib.suppress(Exception), self.tx() as cur:
            cur.execute("DELETE FROM lease WHERE name = %s AND holder = %s", (name, self.holder))

    def fence(self, cur) -> None:
        """In a write's transaction: this process still holds the lease (locks the row until commit)."""
        cur.execute("SELECT 1 FROM lease WHERE name = 'writer' AND holder = %s AND expires_at > now() FOR UPDATE",
                    (self.holder,))
        if cur.fetchone() is None:
            raise StoreError("this process lost the store's write lease (it stalled past the expiry and another "
                             "writer may have taken over); nothing was written: try again")

    # ------------------------------------------------------------------ an article's rows

    @staticmethod
    def delete_rows(cur, article_ids: Iterable[str]) -> list[str]:
        """Delete articles' rows; returns their chunk ids."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return []
        cur.execute("SELECT id FROM chunks WHERE article_id = ANY(%s)", (ids,))
        old = [r[0] for r in cur.fetchall()]
        for table in ("chunks", "sentences", "sentence_vecs", "pending"):
            cur.execute(f"DELETE FROM {table} WHERE article_id = ANY(%s)", (ids,))
        cur.execute("DELETE FROM articles WHERE id = ANY(%s)", (ids,))
        return old

    @staticmethod
    def insert_rows(cur, row: tuple, sentences: Sequence[Sentence], chunks: Sequence[Chunk],
                    pending: int | None, vecs: dict[int, bytes]) -> None:
        """An article's rows, as ``index.rows.write_rows`` writes them locally (``row``: the 13
        ``articles`` columns; ``pending``: its chunk count when words-only; ``vecs``: sentence vectors)."""
        aid = row[0]
        cur.execute("INSERT INTO articles VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", row)
        cur.executemany("INSERT INTO sentences VALUES (%s, %s, %s, %s)", [(aid, s.index, s.start, s.end) for s in sentences])
        cur.executemany("INSERT INTO chunks VALUES (%s, %s, %s, %s, %s)",
                        [(c.id, aid, c.first_sentence, c.last_sentence, c.text) for c in chunks])
        if pending is not None:
            cur.execute("INSERT INTO pending VALUES (%s, %s)", (aid, pending))
        SharedDatabase.insert_sentence_vectors(cur, aid, vecs)

    @staticmethod
    def insert_sentence_vectors(cur, aid: str, vecs: dict[int, bytes]) -> None:
        cur.executemany("INSERT INTO sentence_vecs VALUES (%s, %s, %s)", [(aid, i, blob) for i, blob in vecs.items()])

    @staticmethod
    def complete_rows(cur, article_id: str, vecs: dict[int, bytes]) -> None:
        SharedDatabase.insert_sentence_vectors(cur, article_id, vecs)
        cur.execute("DELETE FROM pending WHERE article_id = %s", (article_id,))

    # ------------------------------------------------------------------ a worker's mirror

    def sync_into(self, db: Database) -> int:
        """Copy into the mirror ``db`` every article changed here since the generation it reflects,
        in one local transaction, reading ``SYNC_PAGE`` articles at a time from one snapshot (a new
        worker's first copy never holds the whole store in memory); returns how many. An article
        whose words did not change (stage 2 added its vectors) gets only its sentence vectors and
        leaves ``pending``: the mirror's word index stays current. ``UnavailableError`` when the
        database cannot be read."""
        import psycopg

        with self._sync_lock:
            mine = int(db.scalar("SELECT value FROM meta WHERE key = 'shared_generation'") or 0)
            try:
                with self.snapshot(mine) as (now, ids, read):
                    if now == mine:
                        return 0
                    if now < mine:  # the shared store was emptied and made again: copy it whole
                        ids = sorted(set(ids) | {r[0] for r in db.execute("SELECT id FROM articles")})
                    with db.tx() as tx:
                        got = tx.execute("SELECT value FROM meta WHERE key = 'shared_generation'").fetchone()
                        if int(got[0] if got else 0) != mine:
                            return 0  # another process sharing this folder copied it meanwhile
                        words = False
                        for i in range(0, len(ids), SYNC_PAGE):
                            words |= _apply(tx, read(ids[i:i + SYNC_PAGE]))
                        tx.execute("INSERT INTO meta VALUES ('shared_generation', ?) "
                                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(now),))
                        if words:
                            tx.execute(BUMP_GENERATION)
            except psycopg.Error as e:  # also the pool's timeout: say it in plain words
                raise UnavailableError(f"cannot read the shared database {redact(self.url)}: "
                                       f"{type(e).__name__}: {str(e)[:300]}") from e
            return len(ids)

    @contextlib.contextmanager
    def snapshot(self, generation: int) -> Iterator[tuple[int, list[str], Callable[[list[str]], dict]]]:
        """Inside one consistent snapshot: (the current generation, the ids of the articles changed
        after ``generation`` (every article if it is 0 or ahead of the current one), ``read(ids)`` ->
        {id: its rows, or None if deleted}). Rows: (article row, sentences, chunks, pending chunk
        count or None, {idx: sentence vector bytes})."""
        with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cur.execute(f'SET LOCAL search_path TO "{self.schema}"')
            cur.execute("SELECT value FROM meta WHERE key = 'generation'")
            got = cur.fetchone()
            now = int(got[0]) if got else 0
            if now == generation:
                yield now, [], dict
                return
            if generation == 0 or generation > now:
                cur.execute("SELECT id FROM articles ORDER BY id")
            else:
                cur.execute("SELECT DISTINCT article_id FROM changes WHERE generation > %s ORDER BY article_id", (generation,))
            ids = [r[0] for r in cur.fetchall()]

            def read(page: list[str]) -> dict[str, tuple | None]:
                cur.execute("SELECT * FROM articles WHERE id = ANY(%s)", (page,))
                arts = {r[0]: r for r in cur.fetchall()}
                cur.execute('SELECT article_id, idx, start, "end" FROM sentences WHERE article_id = ANY(%s) '
                            "ORDER BY article_id, idx", (page,))
                sents: dict[str, list[Sentence]] = {}
                for aid, i, st, e in cur.fetchall():
                    sents.setdefault(aid, []).append(Sentence(aid, i, st, e))
                cur.execute("SELECT id, article_id, first, last, text FROM chunks WHERE article_id = ANY(%s) "
                            "ORDER BY article_id, first", (page,))
                chunks: dict[str, list[Chunk]] = {}
                for cid, aid, f, la, t in cur.fetchall():
                    chunks.setdefault(aid, []).append(Chunk(cid, aid, f, la, t))
                cur.execute("SELECT article_id, chunks FROM pending WHERE article_id = ANY(%s)", (page,))
                pend = dict(cur.fetchall())
                cur.execute("SELECT article_id, idx, vec FROM sentence_vecs WHERE article_id = ANY(%s)", (page,))
                vecs: dict[str, dict[int, bytes]] = {}
                for aid, i, v in cur.fetchall():
                    vecs.setdefault(aid, {})[i] = bytes(v)
                out: dict[str, tuple | None] = dict.fromkeys(page)
                for aid, row in arts.items():
                    out[aid] = (row, sents.get(aid, []), chunks.get(aid, []), pend.get(aid), vecs.get(aid, {}))
                return out

            yield now, ids, read


def _apply(tx, changed: dict[str, tuple | None]) -> bool:
    """Apply changed articles to a mirror (inside its transaction); True if any words changed."""
    words = False
    for aid, rows in changed.items():
        had = tx.execute("SELECT content_hash, n_chunks FROM articles WHERE id = ?", (aid,)).fetchone()
        if rows is not None and had is not None and tuple(had) == (rows[0][7], rows[0][11]):
            _row, _sentences, _chunks, pending, vecs = rows  # the same words: its vectors only
            tx.execute("DELETE FROM sentence_vecs WHERE article_id = ?", (aid,))
            tx.executemany("INSERT INTO sentence_vecs (article_id, idx, vec) VALUES (?, ?, ?)",
                           [(aid, i, v) for i, v in vecs.items()])
            if pending is None:
                tx.execute("DELETE FROM pending WHERE article_id = ?", (aid,))
            continue
        words = True
        delete_rows(tx, [aid])
        if rows is not None:
            row, sentences, chunks, pending, vecs = rows
            write_rows(tx, tuple(row), sentences, chunks, pending, vecs)
    return words

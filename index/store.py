"""The store: Chroma for chunk vectors, SQLite beside it for articles, sentences, the lexical
(FTS5/BM25) index, the ledger and a journal that makes every write all-or-nothing.

Crash safety: new chunks get ids that include the article's content version, so they never
collide with the committed ones. A write first journals the ids it is about to add to Chroma,
adds them, then commits all SQLite rows (articles = the ledger) in one transaction that also turns
the journal entry into "old ids to remove"; the old ids are then removed from Chroma. Whatever
moment a process dies at, replaying the journal on the next open (deleting the ids it lists from
Chroma) leaves each article either fully at its old version, fully at its new one, or absent.

One writer at a time: ``writing()`` takes an exclusive, non-blocking lock on ``write.lock``.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from . import lexical
from .chunking import embed_text
from .errors import NotFoundError, StoreError, StoreLockedError
from .models import Article, Chunk, Sentence
from .text import FTS_TOKENIZER, content_hash, stem, stopwords

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
COLLECTION = "qa_chunks"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, url TEXT NOT NULL, source TEXT NOT NULL,
    published TEXT, published_day INTEGER, authors TEXT NOT NULL, content_hash TEXT NOT NULL,
    origin TEXT NOT NULL, text TEXT NOT NULL, n_sentences INTEGER NOT NULL,
    n_chunks INTEGER NOT NULL, ingested_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS articles_origin ON articles(origin);
CREATE TABLE IF NOT EXISTS sentences (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sentence_vecs (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, vec BLOB NOT NULL,
    PRIMARY KEY (article_id, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, article_id TEXT NOT NULL,
    first INTEGER NOT NULL, last INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_article ON chunks(article_id);
CREATE VIRTUAL TABLE IF NOT EXISTS chunk_fts USING fts5(
    title, body, tokenize = '{tok}');
CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5(
    article_id UNINDEXED, title, body, tokenize = '{tok}');
CREATE VIRTUAL TABLE IF NOT EXISTS chunk_vocab USING fts5vocab(chunk_fts, 'row');
CREATE TABLE IF NOT EXISTS article_fts_rows (
    article_id TEXT PRIMARY KEY, fts_rowid INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS journal (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, chunk_ids TEXT NOT NULL);
""".replace("{tok}", FTS_TOKENIZER)  # the stemmer in index.text uses the same tokenizer


@dataclass(frozen=True)
class StoredArticle:
    """An article as the store holds it, with its ledger fields."""

    article: Article
    n_sentences: int
    n_chunks: int
    ingested_at: float


@dataclass(frozen=True)
class PreparedArticle:
    """An article ready to write: its sentences, chunks, one embedding per chunk and, optionally,
    one contextual embedding per sentence."""

    article: Article
    sentences: Sequence[Sentence]
    chunks: Sequence[Chunk]
    embeddings: np.ndarray
    sentence_vectors: np.ndarray | None = None


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval: published date range (inclusive), sources, article ids.

    ``as_of``: answer as of that date: nothing published later is used, and recent articles are
    preferred (news questions are mostly about "this week").
    """

    since: date | None = None
    until: date | None = None
    sources: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    as_of: date | None = None

    @property
    def latest(self) -> date | None:
        return min((d for d in (self.until, self.as_of) if d), default=None)

    @classmethod
    def from_dict(cls, d: dict) -> Filters:
        """From JSON-ish input: ``since``/``until`` as ISO dates, ``sources``/``article_ids`` lists."""
        from .errors import QAError

        unknown = set(d) - {"since", "until", "sources", "source", "article_ids", "as_of"}
        if unknown:
            raise QAError(f"unknown filter field(s): {', '.join(sorted(unknown))}")

        def day(key):
            v = d.get(key)
            if v in (None, ""):
                return None
            if isinstance(v, date):
                return v
            if not isinstance(v, str):
                raise QAError(f"filter '{key}' must be a date string (YYYY-MM-DD), not {type(v).__name__}")
            try:
                return date.fromisoformat(v.strip()[:10])
            except ValueError:
                raise QAError(f"filter '{key}' must be a date (YYYY-MM-DD), not {v[:40]!r}") from None

        def strings(key):
            v = d.get(key)
            if v in (None, ""):
                return ()
            if isinstance(v, str):
                return (v,)
            if not isinstance(v, (list, tuple)) or not all(isinstance(x, str) for x in v):
                raise QAError(f"filter '{key}' must be a list of strings")
            return tuple(v)

        f = cls(since=day("since"), until=day("until"), sources=strings("sources") + strings("source"),
                article_ids=strings("article_ids"), as_of=day("as_of"))
        if f.since and f.until and f.since > f.until:
            raise QAError(f"filter 'since' ({f.since}) is after 'until' ({f.until}): no article can match")
        return f

    def is_empty(self) -> bool:
        return not (self.since or self.until or self.sources or self.article_ids or self.as_of)

    def matches(self, meta: dict) -> bool:
        """The same test as ``chroma_where``, on one chunk's metadata."""
        day = meta.get("published_day")
        if self.since and (day is None or day < day_number(self.since)):
            return False
        if self.latest and (day is None or day > day_number(self.latest)):
            return False
        if self.sources and meta.get("source") not in self.sources:
            return False
        return not (self.article_ids and meta.get("article_id") not in self.article_ids)

    def chroma_where(self) -> dict | None:
        clauses: list[dict] = []
        if self.since:
            clauses.append({"published_day": {"$gte": day_number(self.since)}})
        if self.latest:
            clauses.append({"published_day": {"$lte": day_number(self.latest)}})
        if self.sources:
            clauses.append({"source": {"$in": list(self.sources)}})
        if self.article_ids:
            clauses.append({"article_id": {"$in": list(self.article_ids)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def sql(self, alias: str = "a") -> tuple[str, list]:
        parts, args = [], []
        if self.since:
            parts.append(f"{alias}.published_day >= ?")
            args.append(day_number(self.since))
        if self.latest:
            parts.append(f"{alias}.published_day <= ?")
            args.append(day_number(self.latest))
        if self.sources:
            parts.append(f"{alias}.source IN ({','.join('?' * len(self.sources))})")
            args.extend(self.sources)
        if self.article_ids:
            parts.append(f"{alias}.id IN ({','.join('?' * len(self.article_ids))})")
            args.extend(self.article_ids)
        return (" AND ".join(parts) or "1"), args


def day_number(d: date) -> int:
    """A date as the number Chroma filters on: 2024-03-26 -> 20240326."""
    return d.year * 10000 + d.month * 100 + d.day


_FTS_TOKEN = re.compile(r"\w+", re.UNICODE)


def query_words(text: str, max_terms: int = 64) -> list[str]:
    """The distinct non-stopword words of free text, lower-cased, in order."""
    seen: dict[str, None] = {}
    stop = stopwords()
    for tok in _FTS_TOKEN.findall(text.lower()):
        if tok not in seen and tok not in stop:
            seen[tok] = None
    return list(seen)[:max_terms]


def fts_query(words: Sequence[str]) -> str:
    """A safe FTS5 OR-query of words (each quoted: no FTS syntax gets through)."""
    return " OR ".join('"' + w.replace('"', "") + '"' for w in words if w.replace('"', ""))


def _try_lock(path: Path) -> int:
    """Take the exclusive writer lock of a store folder or raise ``StoreLockedError`` at once."""
    fd = os.open(path / "write.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = ""
        with contextlib.suppress(OSError):
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip()
        os.close(fd)
        who = f" (process {holder})" if holder else ""
        raise StoreLockedError(f"store {path} is being written by another process{who}; try again when it is done") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode(), 0)
    return fd


def ensure_writable(path: str | os.PathLike) -> None:
    """Fail fast, before any heavy work, if another process is writing the store at ``path``."""
    path = Path(path)
    if not (path / "write.lock").exists():
        return
    fd = _try_lock(path)
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


def write_failure(path: Path, e: BaseException) -> str:
    """A plain message for a failed store write; names the likely cause when it is space."""
    text = f"{type(e).__name__}: {e}"
    errno_ = getattr(e, "errno", None)
    space = errno_ in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or any(
        k in text.lower() for k in ("disk i/o", "disk is full", "no space", "file too large", "database or disk"))
    cause = "the disk is full or a file size limit was reached" if space else "the write failed"
    return (f"could not write the store {path}: {cause} ({text[:300]}). The store keeps its last consistent "
            "state; free space and run the ingest again (stored articles are skipped).")


@dataclass(frozen=True)
class ChromaSettings:
    """Where the chunk vectors live: embedded in the store folder (``url`` None, the default) or on
    a Chroma server (``chroma run``; ``url`` like ``http://127.0.0.1:8000``), with optional auth
    headers, tenant and database. Several app processes can share one server."""

    url: str | None = None
    collection: str = COLLECTION
    headers: tuple[tuple[str, str], ...] = ()
    tenant: str | None = None
    database: str | None = None

    @classmethod
    def from_env(cls, **overrides) -> ChromaSettings:
        """``QA_CHROMA_URL``, ``QA_CHROMA_COLLECTION``, ``QA_CHROMA_HEADERS`` ("Name: value; Name2:
        value2"), ``QA_CHROMA_TENANT``, ``QA_CHROMA_DATABASE``; then explicit overrides."""
        env = os.environ
        headers = []
        for part in (env.get("QA_CHROMA_HEADERS") or "").split(";"):
            if part.strip():
                name, sep, value = part.partition(":")
                if not sep or not name.strip():
                    raise StoreError("QA_CHROMA_HEADERS must look like 'Name: value; Name2: value2'")
                headers.append((name.strip(), value.strip()))
        values = {"url": env.get("QA_CHROMA_URL") or None, "collection": env.get("QA_CHROMA_COLLECTION") or COLLECTION,
                  "headers": tuple(headers), "tenant": env.get("QA_CHROMA_TENANT") or None,
                  "database": env.get("QA_CHROMA_DATABASE") or None}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def where(self) -> str:
        return f"{self.url} (collection {self.collection})" if self.url else "the store folder"


def memory_bm25_from_env() -> bool:
    """``QA_MEMORY_BM25``: BM25 from the in-memory copy (default) or, set to 0/false/off, FTS5 alone."""
    return os.environ.get("QA_MEMORY_BM25", "1").strip().lower() not in ("0", "false", "no", "off")


CHROMA_READ_TIMEOUT_S = float(os.environ.get("QA_CHROMA_TIMEOUT", "10"))
_BUMP_GENERATION = ("INSERT INTO meta VALUES ('generation', '1') "
                    "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")
_CHROMA_READS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="qa-chroma")


class Store:
    """Articles, sentences and chunks of one store folder; Chroma holds the chunk vectors."""

    def __init__(self, path: str | os.PathLike, *, embedder_name: str | None = None, dim: int | None = None,
                 chroma: ChromaSettings | None = None, memory_bm25: bool | None = None):
        """Open (or create) a store. Without an embedder name, the store's own is used (reads only).
        ``chroma``: where the vectors live (default: embedded in the folder). ``memory_bm25``: search
        words in an in-memory copy of the FTS5 indexes (``index.lexical``; default on, env
        ``QA_MEMORY_BM25=0`` turns it off); FTS5 answers whenever that copy is not current."""
        self.path = Path(path)
        self.chroma = chroma or ChromaSettings.from_env()
        self.memory_bm25 = memory_bm25_from_env() if memory_bm25 is None else memory_bm25
        self._lexical: lexical.LexicalIndex | None = None
        self._lexical_building = threading.Lock()
        if embedder_name is None and not (self.path / "meta.sqlite").exists():
            raise StoreError(f"{self.path} is not a store yet: ingest some articles first")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create store folder {self.path}: {e.strerror or e}") from e
        self._local = threading.local()
        self._lock_fd: int | None = None
        self._lock_depth = 0
        self._write_mutex = threading.RLock()
        self._commits = 0
        self._vectors_down: str | None = None
        self._init_sqlite(embedder_name, dim)
        self._collection = self._open_chroma()

    # ------------------------------------------------------------------ plumbing

    @property
    def db(self) -> sqlite3.Connection:
        """One SQLite connection per thread (readers never block the writer: WAL)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path / "meta.sqlite", timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=OFF")
            self._local.conn = conn
        return conn

    def _init_sqlite(self, embedder_name: str | None, dim: int | None) -> None:
        try:
            self.db.executescript(_SCHEMA)
            rows = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path / 'meta.sqlite'} is not a usable store database: {e}") from e
        if not rows:
            if embedder_name is None or dim is None:
                raise StoreError(f"{self.path} is not a store yet: ingest some articles first")
            with self._tx() as db:
                db.executemany("INSERT OR IGNORE INTO meta VALUES (?, ?)", [
                    ("schema_version", str(SCHEMA_VERSION)), ("embedder", embedder_name), ("dim", str(dim)),
                ])
            rows = {"schema_version": str(SCHEMA_VERSION), "embedder": embedder_name, "dim": str(dim)}
        if int(rows["schema_version"]) != SCHEMA_VERSION:
            raise StoreError(f"store {self.path} has schema {rows['schema_version']}, this version reads {SCHEMA_VERSION}")
        if embedder_name is not None and (rows["embedder"] != embedder_name or int(rows["dim"]) != dim):
            raise StoreError(
                f"store {self.path} was built with embedder {rows['embedder']} ({rows['dim']} dims), "
                f"not {embedder_name} ({dim} dims): use another --store or the same model"
            )
        self.embedder_name = rows["embedder"]
        self.dim = int(rows["dim"])
        backend = "server" if self.chroma.url else "embedded"
        if "vectors" not in rows:
            with self._tx() as db:
                db.execute("INSERT OR IGNORE INTO meta VALUES ('vectors', ?)", (f"{backend}:{self.chroma.collection}",))
        elif rows["vectors"] != f"{backend}:{self.chroma.collection}":
            raise StoreError(f"store {self.path} keeps its vectors {rows['vectors'].replace(':', ' Chroma, collection ')}, "
                             f"not {backend} Chroma, collection {self.chroma.collection}: open it the same way "
                             "(QA_CHROMA_URL / --chroma-url), or move it with qa export / qa import")

    def _open_chroma(self):
        os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
        import chromadb
        from chromadb.config import Settings

        cs = self.chroma
        settings = Settings(anonymized_telemetry=False, allow_reset=False)
        try:
            if cs.url:
                parts = urlsplit(cs.url)
                if parts.scheme not in ("http", "https") or not parts.hostname:
                    raise StoreError(f"the Chroma server URL must look like http://host:port, not {cs.url!r}")
                extra = {k: v for k, v in (("tenant", cs.tenant), ("database", cs.database)) if v}
                client = chromadb.HttpClient(host=parts.hostname, port=parts.port or (443 if parts.scheme == "https" else 8000),
                                             ssl=parts.scheme == "https", headers=dict(cs.headers), settings=settings, **extra)
            else:
                client = chromadb.PersistentClient(path=str(self.path / "chroma"), settings=settings)
            self._max_batch = int(client.get_max_batch_size())
            return client.get_or_create_collection(
                cs.collection, embedding_function=None, metadata={"hnsw:space": "cosine"},
            )
        except StoreError:
            raise
        except Exception as e:  # chromadb raises many kinds; name where it is
            where = cs.url if cs.url else self.path / "chroma"
            raise StoreError(f"cannot open the Chroma index at {where}: {e}") from e

    @contextlib.contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        db = self.db
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

    # ------------------------------------------------------------------ writer lock

    def repair(self) -> None:
        """Finish or undo any write a crash interrupted (replays the journal under the writer lock);
        rebuild the article word index if any article is missing from it."""
        with self.writing():
            if self._unmapped_articles(self.db):
                with self._tx() as db:
                    self._rebuild_article_fts(db)

    _UNMAPPED = ("SELECT COUNT(*) FROM articles a LEFT JOIN article_fts_rows m ON m.article_id = a.id "
                 "LEFT JOIN article_fts f ON f.rowid = m.fts_rowid WHERE f.article_id IS NULL OR f.article_id != a.id")

    def _unmapped_articles(self, db: sqlite3.Connection) -> int:
        return db.execute(self._UNMAPPED).fetchone()[0]

    @staticmethod
    def _rebuild_article_fts(db: sqlite3.Connection) -> None:
        db.execute("DELETE FROM article_fts")
        db.execute("DELETE FROM article_fts_rows")
        db.execute("INSERT INTO article_fts (rowid, article_id, title, body) SELECT rowid, id, title, text FROM articles")
        db.execute("INSERT INTO article_fts_rows SELECT id, rowid FROM articles")
        db.execute(_BUMP_GENERATION)

    @contextlib.contextmanager
    def writing(self) -> Iterator[Store]:
        """Hold the store's single-writer lock; fails at once if another process holds it.

        On taking the lock, any write interrupted by a crash is completed or undone first.
        """
        with self._write_mutex:
            if self._lock_depth == 0:
                self._lock_fd = _try_lock(self.path)
                try:
                    self.recover()
                except BaseException:
                    self._release_lock()
                    raise
            self._lock_depth += 1
            try:
                yield self
            finally:
                self._lock_depth -= 1
                if self._lock_depth == 0:
                    self._release_lock()

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._lock_fd, 0)
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def _require_lock(self) -> None:
        if self._lock_fd is None:
            raise StoreError("write outside Store.writing(): take the writer lock first")

    def recover(self) -> int:
        """Replay the journal: remove from Chroma every chunk id an unfinished write listed.

        Also rebuilds the article-level lexical index if it is out of step (e.g. an older store).
        """
        n_arts = self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        if self.db.execute("SELECT COUNT(*) FROM article_fts").fetchone()[0] != n_arts:
            with self._tx() as db:
                self._rebuild_article_fts(db)
        elif self.db.execute("SELECT COUNT(*) FROM article_fts_rows").fetchone()[0] != n_arts:  # older stores
            with self._tx() as db:
                db.execute("DELETE FROM article_fts_rows")
                db.execute("INSERT INTO article_fts_rows SELECT article_id, rowid FROM article_fts")
        rows = self.db.execute("SELECT id, chunk_ids FROM journal ORDER BY id").fetchall()
        for jid, ids_json in rows:
            ids = json.loads(ids_json)
            for i in range(0, len(ids), self._max_batch):
                self._collection.delete(ids=ids[i : i + self._max_batch])
            with self._tx() as db:
                db.execute("DELETE FROM journal WHERE id = ?", (jid,))
        return len(rows)

    # ------------------------------------------------------------------ writes

    def write(self, prepared: Sequence[PreparedArticle], replaces: Iterable[str] = ()) -> None:
        """Add or replace the given articles (and delete ``replaces``) as one all-or-nothing step.

        A failed write (disk full, file size limit, I/O error) raises ``StoreError`` and leaves the
        store at its last consistent state: the journal undoes the partial step at the next write."""
        if self._vectors_down:
            raise StoreError(self._vectors_down)
        try:
            self._write(prepared, replaces)
        except StoreError:
            raise
        except Exception as e:  # chromadb and sqlite3 raise many kinds; say what happened, in plain words
            # After a failed write, embedded Chroma's client was seen to block forever (holding the
            # GIL) on its next call: this store object stops using it; answers come from the lexical
            # index until the process restarts (and the next writer replays the journal).
            self._vectors_down = ("the vector index is unavailable after a failed write in this process; "
                                  "answers use the lexical index until the app or command is restarted")
            raise StoreError(write_failure(self.path, e)) from e

    def _write(self, prepared: Sequence[PreparedArticle], replaces: Iterable[str] = ()) -> None:
        self._require_lock()
        prepared = list(prepared)
        new_ids = [c.id for p in prepared for c in p.chunks]
        committed = set(self.chunks_by_id(new_ids))  # never roll back a vector a committed row uses
        with self._tx() as db:
            cur = db.execute("INSERT INTO journal (kind, chunk_ids) VALUES ('rollback', ?)",
                             (json.dumps([i for i in new_ids if i not in committed]),))
            jid = cur.lastrowid
        self._chroma_upsert(prepared)
        gone = {p.article.id for p in prepared} | set(replaces)
        with self._tx() as db:
            old_ids = self._delete_rows(db, gone)
            for p in prepared:
                self._insert_rows(db, p)
            db.execute("UPDATE journal SET kind = 'cleanup', chunk_ids = ? WHERE id = ?",
                       (json.dumps(sorted(set(old_ids) - set(new_ids))), jid))
            db.execute(_BUMP_GENERATION)
        self._finish(jid)

    def delete(self, article_ids: Iterable[str]) -> list[str]:
        """Delete articles everywhere; returns the ids that were present."""
        self._require_lock()
        ids = list(dict.fromkeys(article_ids))
        present = [i for i in ids if self.has_article(i)]
        if not present:
            return []
        with self._tx() as db:
            old_ids = self._delete_rows(db, present)
            db.execute(_BUMP_GENERATION)
            jid = db.execute("INSERT INTO journal (kind, chunk_ids) VALUES ('cleanup', ?)", (json.dumps(old_ids),)).lastrowid
        self._finish(jid)
        return present

    def _finish(self, jid: int) -> None:
        (ids_json,) = self.db.execute("SELECT chunk_ids FROM journal WHERE id = ?", (jid,)).fetchone()
        ids = json.loads(ids_json)
        for i in range(0, len(ids), self._max_batch):
            self._collection.delete(ids=ids[i : i + self._max_batch])
        with self._tx() as db:
            db.execute("DELETE FROM journal WHERE id = ?", (jid,))

    @staticmethod
    def _vector_meta(article_id: str, first: int, last: int, title: str, url: str, source: str,
                     published: date | None) -> dict:
        """What Chroma keeps beside a chunk's vector (what its ``where`` filters read)."""
        meta = {"article_id": article_id, "first": first, "last": last, "title": title, "url": url, "source": source}
        if published:
            meta["published_day"] = day_number(published)
        return meta

    def _chroma_upsert(self, prepared: Sequence[PreparedArticle]) -> None:
        ids, embs, docs, metas = [], [], [], []
        for p in prepared:
            a = p.article
            if len(p.chunks) != len(p.embeddings):
                raise StoreError(f"{a.id}: {len(p.chunks)} chunks but {len(p.embeddings)} embeddings")
            for c, e in zip(p.chunks, p.embeddings, strict=True):
                ids.append(c.id)
                embs.append(e)
                docs.append(c.text)
                metas.append(self._vector_meta(a.id, c.first_sentence, c.last_sentence, a.title, a.url, a.source, a.published))
        self._upsert_vectors(ids, embs, docs, metas)

    def restore_vectors(self, embed: Callable[[list[str]], np.ndarray], batch: int = 256) -> int:
        """Embed again every stored chunk that has no vector in Chroma (a lost or deleted vector
        index) from the text SQLite holds; returns how many were restored. Takes the writer lock."""
        with self.writing():
            missing = sorted({r[0] for r in self.db.execute("SELECT id FROM chunks")} - self.chroma_ids())
            for i in range(0, len(missing), batch):
                part = missing[i : i + batch]
                marks = ",".join("?" * len(part))
                rows = self.db.execute(
                    f"SELECT c.id, c.article_id, c.first, c.last, c.text, a.title, a.url, a.source, a.published "
                    f"FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({marks})", part).fetchall()
                vectors = embed([embed_text(r[5], r[4]) for r in rows])
                metas = [self._vector_meta(r[1], r[2], r[3], r[5], r[6], r[7], date.fromisoformat(r[8]) if r[8] else None)
                         for r in rows]
                self._upsert_vectors([r[0] for r in rows], list(vectors), [r[4] for r in rows], metas)
            return len(missing)

    def _upsert_vectors(self, ids: list, embs: list, docs: list, metas: list) -> None:
        for i in range(0, len(ids), self._max_batch):
            j = i + self._max_batch
            self._collection.upsert(ids=ids[i:j], embeddings=np.asarray(embs[i:j]), documents=docs[i:j], metadatas=metas[i:j])

    @staticmethod
    def _delete_rows(db: sqlite3.Connection, article_ids: Iterable[str]) -> list[str]:
        old: list[str] = []
        for aid in article_ids:
            rows = db.execute("SELECT rowid, id FROM chunks WHERE article_id = ?", (aid,)).fetchall()
            old.extend(r[1] for r in rows)
            db.executemany("DELETE FROM chunk_fts WHERE rowid = ?", [(r[0],) for r in rows])
            db.execute("DELETE FROM chunks WHERE article_id = ?", (aid,))
            db.execute("DELETE FROM sentences WHERE article_id = ?", (aid,))
            db.execute("DELETE FROM sentence_vecs WHERE article_id = ?", (aid,))
            # by rowid: article_fts cannot index its article_id column (a scan per article made
            # every write slower as the store grew)
            for (fts_rowid,) in db.execute("SELECT fts_rowid FROM article_fts_rows WHERE article_id = ?", (aid,)).fetchall():
                db.execute("DELETE FROM article_fts WHERE rowid = ?", (fts_rowid,))
            db.execute("DELETE FROM article_fts_rows WHERE article_id = ?", (aid,))
            db.execute("DELETE FROM articles WHERE id = ?", (aid,))
        return old

    @staticmethod
    def _insert_rows(db: sqlite3.Connection, p: PreparedArticle) -> None:
        a = p.article
        db.executemany('INSERT INTO sentences (article_id, idx, start, "end") VALUES (?, ?, ?, ?)',
                       [(a.id, s.index, s.start, s.end) for s in p.sentences])
        if p.sentence_vectors is not None:
            vecs = np.asarray(p.sentence_vectors, dtype=np.float16)
            db.executemany("INSERT INTO sentence_vecs (article_id, idx, vec) VALUES (?, ?, ?)",
                           [(a.id, s.index, vecs[s.index].tobytes()) for s in p.sentences])
        for c in p.chunks:
            rowid = db.execute("INSERT INTO chunks (id, article_id, first, last, text) VALUES (?, ?, ?, ?, ?)",
                               (c.id, a.id, c.first_sentence, c.last_sentence, c.text)).lastrowid
            db.execute("INSERT INTO chunk_fts (rowid, title, body) VALUES (?, ?, ?)", (rowid, a.title, c.text))
        fts_rowid = db.execute("INSERT INTO article_fts (article_id, title, body) VALUES (?, ?, ?)",
                               (a.id, a.title, a.text)).lastrowid
        db.execute("INSERT INTO article_fts_rows VALUES (?, ?)", (a.id, fts_rowid))
        db.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.id, a.title, a.url, a.source, a.published.isoformat() if a.published else None,
             day_number(a.published) if a.published else None, json.dumps(list(a.authors)),
             a.content_hash, a.origin, a.text, len(p.sentences), len(p.chunks), time.time()),
        )

    # ------------------------------------------------------------------ reads

    def content_hash_of(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def has_article(self, article_id: str) -> bool:
        return self.content_hash_of(article_id) is not None

    def ids_from_origin(self, origin: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles WHERE origin = ?", (origin,))]

    @staticmethod
    def _row_to_stored(row) -> StoredArticle:
        (aid, title, url, source, published, _day, authors, chash, origin, text, n_s, n_c, at) = row
        art = Article(id=aid, title=title, text=text, url=url, source=source,
                      published=date.fromisoformat(published) if published else None,
                      authors=tuple(json.loads(authors)), content_hash=chash, origin=origin)
        return StoredArticle(art, n_s, n_c, at)

    def get_article(self, article_id: str) -> StoredArticle:
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r} in store {self.path}")
        return self._row_to_stored(row)

    def list_articles(self, limit: int | None = None, offset: int = 0) -> list[StoredArticle]:
        sql = "SELECT * FROM articles ORDER BY published_day DESC, title LIMIT ? OFFSET ?"
        return [self._row_to_stored(r) for r in self.db.execute(sql, (limit if limit is not None else -1, offset))]

    def sentences(self, article_id: str, indices: Iterable[int] | None = None) -> list[Sentence]:
        """An article's sentences in order; only those at ``indices`` when given."""
        if indices is None:
            rows = self.db.execute('SELECT idx, start, "end" FROM sentences WHERE article_id = ? ORDER BY idx', (article_id,))
            return [Sentence(article_id, i, s, e) for i, s, e in rows]
        out: list[Sentence] = []
        wanted = sorted(set(indices))
        for i in range(0, len(wanted), 500):
            part = wanted[i : i + 500]
            rows = self.db.execute(f'SELECT idx, start, "end" FROM sentences WHERE article_id = ? AND idx IN '
                                   f'({",".join("?" * len(part))}) ORDER BY idx', (article_id, *part))
            out.extend(Sentence(article_id, i, s, e) for i, s, e in rows)
        return out

    def published_dates(self, article_ids: Sequence[str]) -> dict[str, date | None]:
        ids = list(dict.fromkeys(article_ids))
        out: dict[str, date | None] = {}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            for aid, pub in self.db.execute(f"SELECT id, published FROM articles WHERE id IN ({','.join('?' * len(part))})", part):
                out[aid] = date.fromisoformat(pub) if pub else None
        return out

    def sentence_vectors(self, keys: Sequence[tuple[str, int]]) -> dict[tuple[str, int], np.ndarray]:
        """Stored contextual sentence embeddings for (article id, sentence index) keys."""
        out: dict[tuple[str, int], np.ndarray] = {}
        by_article: dict[str, list[int]] = {}
        for aid, idx in keys:
            by_article.setdefault(aid, []).append(idx)
        for aid, idxs in by_article.items():
            q = f"SELECT idx, vec FROM sentence_vecs WHERE article_id = ? AND idx IN ({','.join('?' * len(idxs))})"
            for idx, blob in self.db.execute(q, [aid, *idxs]):
                out[(aid, idx)] = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
        return out

    def chunks_by_id(self, chunk_ids: Sequence[str]) -> dict[str, Chunk]:
        out: dict[str, Chunk] = {}
        for i in range(0, len(chunk_ids), 500):
            part = list(chunk_ids[i : i + 500])
            q = f"SELECT id, article_id, first, last, text FROM chunks WHERE id IN ({','.join('?' * len(part))})"
            for cid, aid, f, la, t in self.db.execute(q, part):
                out[cid] = Chunk(cid, aid, f, la, t)
        return out

    def counts(self) -> dict[str, int]:
        db = self.db
        return {
            "articles": db.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
            "sentences": db.execute("SELECT COUNT(*) FROM sentences").fetchone()[0],
            "chunks": db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0],
            "vectors": self._chroma_read(self._collection.count) if not self._vectors_down else -1,
            "pending_journal": db.execute("SELECT COUNT(*) FROM journal").fetchone()[0],
        }

    def sources(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT source FROM articles WHERE source != '' ORDER BY source")]

    # ------------------------------------------------------------------ search

    def _chroma_read(self, fn, *args, **kwargs):
        """A read from Chroma that cannot hang the caller: after a failed write (disk full) Chroma's
        client was seen to block forever. Past ``CHROMA_READ_TIMEOUT_S`` the vector index is marked
        unavailable for this store object (reopen to recover) and ``StoreError`` is raised, so
        callers can answer from the lexical index instead."""
        if self._vectors_down:
            raise StoreError(self._vectors_down)
        future = _CHROMA_READS.submit(fn, *args, **kwargs)
        try:
            return future.result(timeout=CHROMA_READ_TIMEOUT_S)
        except FutureTimeout:
            self._vectors_down = (f"the vector index at {self.chroma.where} stopped answering "
                                  f"(no reply in {CHROMA_READ_TIMEOUT_S:.0f} s); restart to recover")
            raise StoreError(self._vectors_down) from None

    def dense_search(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) best first.

        With filters, the nearest ``4 k`` (then ``16 k``) are fetched unfiltered and filtered here
        first (Chroma's filtered search is ~10x slower); only if too few pass is Chroma asked to filter.
        """
        return self._chroma_read(self._dense_search, vector, k, filters)

    def _dense_search(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        # the chunk count comes from SQLite (cached per change): Chroma's count() costs a round trip
        # (~4 ms embedded, more on a server); committed rows never outnumber the stored vectors
        n = self.chunk_count()
        if n == 0:
            return []
        if filters is not None and not filters.is_empty():
            for fetch in (4 * k, 16 * k):  # unfiltered nearest, filtered here: Chroma's own filter is far slower
                res = self._collection.query(query_embeddings=[np.asarray(vector, dtype=np.float32)],
                                             n_results=min(fetch, n), include=["distances"])
                passing = self.chunks_passing(res["ids"][0], filters)
                hits = [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)
                        if cid in passing]
                if len(hits) >= k or fetch >= n:
                    return hits[:k]
        res = self._collection.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=min(k, n),
            where=filters.chroma_where() if filters else None, include=["distances"],
        )
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)]

    def chunks_passing(self, chunk_ids: Sequence[str], filters: Filters) -> set[str]:
        """Which of ``chunk_ids`` belong to articles that pass ``filters`` (one SQLite query)."""
        where, args = filters.sql("a")
        ids = list(dict.fromkeys(chunk_ids))
        out: set[str] = set()
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            out.update(r[0] for r in self.db.execute(
                f"SELECT c.id FROM chunks c JOIN articles a ON a.id = c.article_id "
                f"WHERE c.id IN ({','.join('?' * len(part))}) AND {where}", [*part, *args]))
        return out

    def lexical_search(self, text: str, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """(chunk id, BM25 score, higher is better) best first (title weighs 2x): from the in-memory
        index when it is current, else from SQLite FTS5 (the same ranking)."""
        index = self.lexical_index()
        if index is not None:
            hits = index.search_chunks(self._query_terms(text), k, filters, self._filter_rowids(filters))
            ids = self._ids_of_rowids("SELECT rowid, id FROM chunks", [r for r, _ in hits])
            return [(ids[r], s) for r, s in hits if r in ids]
        return self._bm25(text, k, filters, "SELECT c.id, {score} FROM chunk_fts JOIN chunks c ON c.rowid = chunk_fts.rowid",
                          "chunk_fts", "bm25(chunk_fts, 2.0, 1.0)", "c.article_id")

    def article_lexical_search(self, text: str, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """(article id, BM25 over title + whole text) best first."""
        index = self.lexical_index()
        if index is not None:
            hits = index.search_articles(self._query_terms(text), k, filters, self._filter_rowids(filters))
            ids = self._ids_of_rowids("SELECT rowid, article_id FROM article_fts", [r for r, _ in hits])
            return [(ids[r], s) for r, s in hits if r in ids]
        return self._bm25(text, k, filters, "SELECT article_fts.article_id, {score} FROM article_fts",
                          "article_fts", "bm25(article_fts, 0.0, 2.0, 1.0)", "article_fts.article_id")

    def selective_words(self, text: str, max_share: float = 0.04, keep_rarest: int = 3) -> list[str]:
        """Query words without the very common ones (in over ``max_share`` of the chunks): they add
        almost nothing to BM25 but make SQLite score most of the index. The rarest few always stay."""
        key = (text, max_share, keep_rarest, self._generation())
        memo = getattr(self._local, "selective", None)
        if memo is not None and memo[0] == key:
            return memo[1]
        words = query_words(text)
        if len(words) > keep_rarest:
            stems = {w: stem(w) for w in words}
            dfs, n = self.term_doc_freqs(list(stems.values()))
            by_rarity = sorted(words, key=lambda w: dfs.get(stems[w], 0))
            keep = set(by_rarity[:keep_rarest]) | {w for w in words if dfs.get(stems[w], 0) <= max_share * n}
            words = [w for w in words if w in keep]
        self._local.selective = (key, words)
        return words

    def _ids_of_rowids(self, select: str, rowids: list[int]) -> dict[int, str]:
        out: dict[int, str] = {}
        for i in range(0, len(rowids), 500):
            part = rowids[i : i + 500]
            out.update(self.db.execute(f"{select} WHERE rowid IN ({','.join('?' * len(part))})", part).fetchall())
        return out

    def _filter_rowids(self, filters: Filters | None) -> list[int]:
        """The article_fts rowids of a filter's ``article_ids`` (what the in-memory index filters on)."""
        if filters is None or not filters.article_ids:
            return []
        out: dict[str, int] = {}
        ids = list(dict.fromkeys(filters.article_ids))
        for table, key, col in (("article_fts_rows", "article_id", "fts_rowid"), ("article_fts", "article_id", "rowid")):
            missing = [i for i in ids if i not in out]  # second pass: a store no writer has opened since
            for i in range(0, len(missing), 500):
                part = missing[i : i + 500]
                out.update(self.db.execute(f"SELECT {key}, {col} FROM {table} WHERE {key} IN ({','.join('?' * len(part))})", part))
            if len(out) == len(ids):
                break
        return list(out.values())

    def _query_terms(self, text: str) -> list[str]:
        """The FTS5 terms of the words ``_bm25`` would query, one per word (as FTS5 counts them)."""
        return [stem(w) for w in self.selective_words(text)]

    # ------------------------------------------------------------------ in-memory BM25

    def stored_generation(self) -> int:
        """The store's write generation (every write bumps it), read once per database change."""
        gen = self._generation()
        cached = getattr(self._local, "stored_generation", None)
        if cached is None or cached[0] != gen:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
            cached = (gen, int(row[0]) if row else 0)
            self._local.stored_generation = cached
        return cached[1]

    def lexical_index(self, wait: bool = False) -> lexical.LexicalIndex | None:
        """The in-memory BM25 index if it is current, else None (and one is built in the
        background; ``wait=True`` builds it now). Never an index of another generation."""
        if not self.memory_bm25:
            return None
        want = self.stored_generation()
        index = self._lexical
        if index is not None and index.generation == want:
            return index
        folder = self.path / "lexical"
        try:
            index = lexical.load(folder, want)
        except (OSError, ValueError, EOFError) as e:
            log.warning("in-memory BM25 of generation %s unreadable (%s); rebuilding it", want, e)
            shutil.rmtree(folder / str(want), ignore_errors=True)
            index = None
        if index is not None:
            self._lexical = index
            return index
        if wait:
            self._build_lexical()
            index = self._lexical
            return index if index is not None and index.generation == want else None
        if not self._lexical_building.locked():
            threading.Thread(target=self._build_lexical, name="qa-bm25-build", daemon=True).start()
        return None

    def _build_lexical(self) -> None:
        if not self._lexical_building.acquire(blocking=False):
            with self._lexical_building:  # another thread is building: wait for it
                return
        conn = None
        try:
            conn = sqlite3.connect(f"file:{self.path / 'meta.sqlite'}?mode=ro", uri=True, timeout=30)
            conn.execute("BEGIN")  # one snapshot: the generation and every table read below
            row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
            generation = int(row[0]) if row else 0
            t0 = time.perf_counter()
            index = lexical.build(conn, generation)
            conn.execute("COMMIT")
            self._lexical = index
            log.info("in-memory BM25 for generation %s: %s chunks in %.1f s", generation, len(index.chunk_rowids),
                     time.perf_counter() - t0)
            try:
                lexical.save(index, self.path / "lexical")
                lexical.prune(self.path / "lexical", keep=generation)
            except OSError as e:  # a read-only store folder: keep it in memory only
                log.warning("could not save the in-memory BM25 index under %s: %s", self.path / "lexical", e)
        except Exception:  # a cache: whatever went wrong, FTS5 keeps answering
            log.exception("in-memory BM25 not built; FTS5 answers")
        finally:
            if conn is not None:
                conn.close()
            self._lexical_building.release()

    def _bm25(self, text: str, k: int, filters: Filters | None, select: str, table: str, rank: str,
              article_col: str) -> list[tuple[str, float]]:
        query = fts_query(self.selective_words(text))
        if not query:
            return []
        where, args = (filters or Filters()).sql("a")
        join = f" JOIN articles a ON a.id = {article_col}" if where != "1" else ""
        sql = f"{select.format(score='-' + rank)}{join} WHERE {table} MATCH ? AND {where} ORDER BY {rank} LIMIT ?"
        try:
            return [(i, float(score)) for i, score in self.db.execute(sql, [query, *args, k])]
        except sqlite3.OperationalError as e:
            raise StoreError(f"lexical search failed: {e}") from e

    def _generation(self) -> tuple[int, int]:
        """Changes whenever the database may have changed: commits by other connections
        (``PRAGMA data_version``) or by this store object."""
        return self.db.execute("PRAGMA data_version").fetchone()[0], self._commits

    def chunk_count(self) -> int:
        """Number of chunks, counted once per database change."""
        gen = self._generation()
        cached = getattr(self._local, "chunk_count", None)
        if cached is None or cached[0] != gen:
            cached = (gen, self.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])
            self._local.chunk_count = cached
        return cached[1]

    def term_doc_freqs(self, terms: Sequence[str]) -> tuple[dict[str, int], int]:
        """How many chunks hold each (FTS5-stemmed) term, and the number of chunks."""
        terms = list(dict.fromkeys(terms))
        index = self._lexical
        if index is not None and index.generation == self.stored_generation():
            dfs = {t: index.chunks.doc_freq(t) for t in terms}
            return {t: df for t, df in dfs.items() if df}, index.chunks.n_docs
        n = self.chunk_count()
        if not terms:
            return {}, n
        q = f"SELECT term, doc FROM chunk_vocab WHERE term IN ({','.join('?' * len(terms))})"
        return dict(self.db.execute(q, terms).fetchall()), n

    def articles_by_id(self, article_ids: Sequence[str]) -> dict[str, StoredArticle]:
        out: dict[str, StoredArticle] = {}
        ids = list(dict.fromkeys(article_ids))
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            for row in self.db.execute(f"SELECT * FROM articles WHERE id IN ({','.join('?' * len(part))})", part):
                out[row[0]] = self._row_to_stored(row)
        return out

    # ------------------------------------------------------------------ verification

    def chroma_ids(self) -> set[str]:
        ids: set[str] = set()
        offset, page = 0, 5000
        while True:
            res = self._collection.get(include=[], limit=page, offset=offset)
            ids.update(res["ids"])
            if len(res["ids"]) < page:
                return ids
            offset += page

    def _verify_article(self, db, aid: str, text: str, chash: str, n_s: int, n_c: int,
                        sql_chunks: dict[str, str]) -> list[str]:
        problems = []
        if content_hash(text) != chash:
            problems.append(f"article {aid}: text does not match its content hash")
        sents = self.sentences(aid)
        if len(sents) != n_s or [s.index for s in sents] != list(range(len(sents))):
            problems.append(f"article {aid}: sentence rows do not match the ledger ({len(sents)} vs {n_s})")
        prev_end = 0
        for s in sents:
            if not (prev_end <= s.start < s.end <= len(text)) or text[s.start : s.end] != text[s.start : s.end].strip():
                problems.append(f"article {aid}: sentence {s.index} has bad offsets {s.start}-{s.end}")
                break
            prev_end = s.end
        rows = db.execute("SELECT id, first, last, text FROM chunks WHERE article_id = ?", (aid,)).fetchall()
        if len(rows) != n_c:
            problems.append(f"article {aid}: {len(rows)} chunks stored, ledger says {n_c}")
        for cid, first, last, ctext in rows:
            sql_chunks[cid] = aid
            if not (0 <= first <= last < len(sents)) or ctext != text[sents[first].start : sents[last].end]:
                problems.append(f"article {aid}: chunk {cid} does not match the article text")
        return problems

    def verify(self) -> list[str]:
        """Check DESIGN.md invariants 1, 3 and 4; returns a list of problems (empty when clean)."""
        problems: list[str] = []
        db = self.db
        pending = db.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
        if pending:
            problems.append(f"{pending} interrupted write(s) not yet recovered (open the store as a writer to repair)")
        sql_chunks: dict[str, str] = {}
        for aid, _title, text, chash, n_s, n_c in db.execute(
            "SELECT id, title, text, content_hash, n_sentences, n_chunks FROM articles"
        ):
            if not (isinstance(aid, str) and isinstance(text, str) and isinstance(chash, str)
                    and isinstance(n_s, int) and isinstance(n_c, int)):
                problems.append(f"article {aid!r}: its ledger row is damaged (a field of the wrong type)")
                continue
            try:
                problems += self._verify_article(db, aid, text, chash, n_s, n_c, sql_chunks)
            except (TypeError, ValueError, IndexError) as e:  # a damaged row of another table
                problems.append(f"article {aid}: its sentence or chunk rows are damaged ({type(e).__name__})")
        orphans = db.execute("SELECT COUNT(*) FROM chunks WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} chunk rows belong to no article")
        n_vec_rows = db.execute("SELECT COUNT(*) FROM sentence_vecs WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
        if n_vec_rows:
            problems.append(f"{n_vec_rows} sentence vectors belong to no article")
        orphan_sents = db.execute("SELECT COUNT(*) FROM sentences WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
        if orphan_sents:
            problems.append(f"{orphan_sents} sentence rows belong to no article")
        n_afts = db.execute("SELECT COUNT(*) FROM article_fts").fetchone()[0]
        n_arts = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        if n_afts != n_arts:
            problems.append(f"article lexical index has {n_afts} entries for {n_arts} articles (repair rebuilds it)")
        else:
            unmapped = self._unmapped_articles(db)
            if unmapped:
                problems.append(f"{unmapped} articles have no row of the article lexical index (repair rebuilds it)")
        n_fts = db.execute("SELECT COUNT(*) FROM chunk_fts").fetchone()[0]
        n_rows = db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        if n_fts != n_rows:
            problems.append(f"lexical index has {n_fts} entries for {n_rows} chunks")
        in_chroma = self.chroma_ids()
        missing = set(sql_chunks) - in_chroma
        extra = in_chroma - set(sql_chunks)
        if missing:
            problems.append(f"{len(missing)} chunks have no vector in Chroma, e.g. {sorted(missing)[0]}")
        if extra:
            problems.append(f"{len(extra)} vectors in Chroma belong to no indexed article, e.g. {sorted(extra)[0]}")
        return problems

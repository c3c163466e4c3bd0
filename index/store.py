"""The store: one folder (or a folder and a Chroma server, or those and a PostgreSQL) holding
articles, their sentences and chunks, the chunk vectors and two word indexes. ``Store`` is a small
facade over parts with one concern each: ``index.database`` (the SQLite file), ``index.journal``
(the single writer, the journal that makes every write all-or-nothing), ``index.vectors`` (the chunk
vectors in Chroma), ``index.dense`` (search by meaning: chunk vectors, headlines and leads),
``index.lexical`` (word search: FTS5 and its in-memory copy), ``index.rows``
(the objects, the SQL of an article's rows, ``RowWriter``), ``index.postgres`` (with
``database_url``: the records in PostgreSQL, the folder this worker's mirror of them, the lease),
``index.verify`` (invariants checked, lost vectors restored).

A write, in order (the journal's docstring says why it is crash-safe): journal the new vector ids,
add the vectors, commit every row in one transaction (the folder's SQLite, or PostgreSQL and then
the mirror), remove the old vectors. Two stages: an article written without embeddings is
searchable by its words at once and listed in ``pending``; ``complete`` later adds its vectors the
same way. A crash between the two leaves it words-only, its half-added vectors rolled back.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path

import numpy as np

from . import verify as _verify
from .articles import Chunk, Sentence
from .database import BUMP_GENERATION, Database
from .dense import DenseSearch
from .errors import NotFoundError, StoreError
from .filters import Filters
from .heads import HAVE_LEADS_SQL, LEADS_COUNT_SQL, MISSING_HEADS_SQL
from .journal import (
    Journal,
    SharedJournal,
    WriterLock,
    embedding_turn,
    ensure_writable,
    write_failure,
)
from .lexical import MemoryIndex, WordSearch, fts
from .postgres import LEASE_S, SharedDatabase
from .rows import (
    LocalRows,
    PreparedArticle,
    RowWriter,
    StoredArticle,
    row_parts,
    sentence_vector_blobs,
    stored_article,
)
from .vectors import ChromaSettings, Vectors

__all__ = ["Store", "StoredArticle", "PreparedArticle", "ChromaSettings", "Filters", "ensure_writable"]


class Store:
    """Articles, sentences and chunks of one store folder; Chroma holds the chunk vectors."""

    def __init__(self, path: str | os.PathLike, *, embedder_name: str | None = None, dim: int | None = None,
                 chroma: ChromaSettings | None = None, memory_bm25: bool = True, database_url: str | None = None,
                 lease_s: float = LEASE_S):
        """Open (or create) a store. Without an embedder name, the store's own is used (reads only).
        ``chroma``: where the vectors live (default: embedded in the folder). ``memory_bm25``: search
        words in an in-memory copy of the FTS5 indexes (FTS5 answers whenever it is not current).
        ``database_url``: everything but the vectors in PostgreSQL, shared by workers on several
        machines (needs a Chroma server); the folder then holds this worker's mirror of it. ``lease_s``:
        how long a dead writer's lease blocks the next writer there."""
        self.path = Path(path)
        self.chroma = chroma or ChromaSettings()
        self.shared = SharedDatabase.for_store(database_url, self.chroma, lease_s) if database_url else None
        if self.shared is not None:
            embedder_name, dim = self.shared.embedder(embedder_name, dim, self.path)
        elif embedder_name is None and not (self.path / "meta.sqlite").exists():
            raise StoreError(f"{self.path} is not a store yet: ingest some articles first")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create store folder {self.path}: {e.strerror or e}") from e
        self.db = Database(self.path)
        self.embedder_name, self.dim = self.db.open(embedder_name, dim, self.chroma.kind + ("+postgres" if self.shared else ""),
                                                    fts.FTS_SCHEMA)
        self.vectors = Vectors(self.chroma, self.path)
        self.meaning = DenseSearch(self.db, self.vectors, self.dim)
        self.words = WordSearch(self.db, self.path / "lexical", memory_bm25)
        # where a write's rows go, and its journal: the folder's SQLite, or the shared database
        self.writer: RowWriter = self.shared if self.shared is not None else LocalRows(self.db)
        self.journal = SharedJournal(self.shared, self.vectors.delete) if self.shared else Journal(self.db, self.vectors.delete)
        self._lock = WriterLock(self.path, self.replay_journal, lease=self.shared)
        self.sync()

    def sync(self) -> int:
        """With a shared database: copy what changed there since this mirror's generation into it
        (one indexed query when nothing did); returns how many articles. Without one: nothing."""
        return self.shared.sync_into(self.db) if self.shared is not None else 0

    @contextlib.contextmanager
    def embedding_turn(self) -> Iterator[bool]:
        """True while this process is the one running stage 2 for the store (across machines too, with
        a shared database), False at once if another is."""
        with embedding_turn(self.path) as mine, (
                self.shared.embedding_turn() if mine and self.shared else contextlib.nullcontext(mine)) as ours:
            yield ours

    # ------------------------------------------------------------------ the writer

    @contextlib.contextmanager
    def write_lock(self) -> Iterator[Store]:
        """Hold the store's one-writer lock (else ``StoreLockedError``); taking it recovers a crashed write."""
        with self._lock.held():
            yield self

    def replay_journal(self) -> int:
        """Finish or undo every interrupted write, the article word index brought in step; returns how many."""
        fts.bring_in_step(self.db, BUMP_GENERATION)
        replayed = self.journal.replay()
        self.sync()  # with a shared database: the mirror as the last writer left it
        return replayed

    def repair(self) -> None:
        """Finish or undo any interrupted write; rebuild the article word index if it misses an article."""
        with self.write_lock():
            fts.bring_in_step(self.db, BUMP_GENERATION, only_unmapped=True)

    def restore_vectors(self, embed: Callable[[list[str]], np.ndarray], batch: int = 256) -> int:
        """Embed again every stored chunk that has no vector; returns how many. Takes the writer lock."""
        with self.write_lock():
            return _verify.restore_vectors(self.db, self.vectors, embed, batch)

    def verify(self) -> list[str]:
        """Check DESIGN.md invariants 1, 3 and 4; returns a list of problems (empty when clean)."""
        self.sync()
        return _verify.problems(self.db, self.vectors, self.journal.pending() if self.shared else None)

    def write(self, prepared: Sequence[PreparedArticle], replaces: Iterable[str] = ()) -> None:
        """Add or replace the given articles (and delete ``replaces``) as one all-or-nothing step.

        A failed write (disk full, file size limit, I/O error) raises ``StoreError`` and leaves the
        store at its last consistent state: the journal undoes the partial step at the next write."""
        with self._writing():
            self._write(list(prepared), replaces)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """A write's failures in plain words. After a failed write, embedded Chroma's client was seen
        to block forever (holding the GIL) on its next call: this store object stops using it; answers
        come from the word index until the process restarts (and the next writer replays the journal)."""
        if self.vectors.down:
            raise StoreError(self.vectors.down)
        try:
            yield
        except StoreError:
            raise
        except Exception as e:  # chromadb, sqlite3 and psycopg raise many kinds; say what happened
            self.vectors.down = ("the vector index is unavailable after a failed write in this process; "
                                 "answers use the lexical index until the app or command is restarted")
            raise StoreError(write_failure(self.path, e)) from e

    def _write(self, prepared: list[PreparedArticle], replaces: Iterable[str]) -> None:
        self._lock.require()
        self.sync()  # with a shared database: the mirror as the lease holder left it, before reading from it
        new_ids = [c.id for p in prepared if p.embeddings is not None for c in p.chunks]
        entry = self._add_vectors(prepared, new_ids)
        gone = {p.article.id for p in prepared} | set(replaces)
        with self.writer.tx() as tx:
            self.writer.fence(tx)
            old_ids = self.writer.delete_rows(tx, gone)
            for p in prepared:
                self.writer.insert_rows(tx, *row_parts(p))
            self.journal.commit(tx, entry, sorted(set(old_ids) - set(new_ids)))
            self.writer.bump(tx, gone)
        self.sync()
        self.journal.finish(entry)

    def _add_vectors(self, prepared: Sequence[PreparedArticle], new_ids: list[str]) -> int:
        """Journal ``new_ids`` (those no committed row uses yet), then add the prepared articles'
        vectors; returns the journal entry the caller's transaction commits."""
        committed = set(self.chunks_by_id(new_ids)) - self.pending_chunk_ids(new_ids)
        entry = self.journal.begin([i for i in new_ids if i not in committed])  # never roll back a vector in use
        self.vectors.add(prepared)
        return entry

    def complete(self, prepared: Sequence[PreparedArticle]) -> list[str]:
        """Stage 2: add the vectors of words-only articles (``prepared`` built from what is stored,
        with embeddings), or only the headline and lead vectors of ``missing_heads`` articles
        (``embeddings`` None, ``head_vectors`` given). An article changed or deleted since it was read
        is left alone. Returns the ids completed. Needs the writer lock; all of the given articles
        complete, or none."""
        self._lock.require()
        self.sync()
        ids = [p.article.id for p in prepared]
        waiting = dict(self.db.rows_in("SELECT p.article_id, a.content_hash FROM pending p JOIN articles a "
                                       "ON a.id = p.article_id WHERE p.article_id IN ({marks})", ids))
        have_leads = {r[0] for r in self.db.rows_in(HAVE_LEADS_SQL, ids)}
        todo, heads = [], []
        for p in prepared:
            a = p.article
            if (p.embeddings is None and p.head_vectors and a.id not in have_leads and a.id not in waiting
                    and self.content_hash_of(a.id) == a.content_hash):
                heads.append(p)
            elif (p.embeddings is not None and waiting.get(a.id) == a.content_hash
                  and [c.id for c in p.chunks] == [c.id for c in self.chunks_of(a.id)]):  # else another version's
                todo.append(p)
        if not todo and not heads:
            return []
        with self._writing():
            entry = self._add_vectors(todo, [c.id for p in todo for c in p.chunks])
            with self.writer.tx() as tx:
                self.writer.fence(tx)
                for p in todo + heads:
                    self.writer.complete_rows(tx, p.article.id, sentence_vector_blobs(p))
                self.journal.commit(tx, entry, [])
                self.writer.bump(tx, [p.article.id for p in todo + heads], words_changed=False)
            self.sync()
            self.journal.finish(entry)
        return [p.article.id for p in todo + heads]

    def missing_heads(self, limit: int) -> list[str]:
        """Complete articles without headline and lead vectors (stored before ``index.heads``), oldest
        first. Counted first, once per change (the app's worker asks every few seconds)."""
        if self.db.cached("leads", lambda: self.db.scalar(LEADS_COUNT_SQL)) >= self.coverage()["embedded"]:
            return []
        return [r[0] for r in self.db.execute(MISSING_HEADS_SQL, (limit,))]

    def pending(self, limit: int | None = None) -> list[tuple[str, int]]:
        """Words-only articles (id, chunks), oldest first: what stage 2 still has to embed."""
        sql = ("SELECT p.article_id, p.chunks FROM pending p JOIN articles a ON a.id = p.article_id "
               "ORDER BY a.ingested_at, p.article_id LIMIT ?")
        return [(aid, n) for aid, n in self.db.execute(sql, (limit if limit is not None else -1,))]

    def words_only(self, article_ids: Sequence[str]) -> set[str]:
        """Which of ``article_ids`` are searchable by their words only (stage 2 to come)."""
        if not self.db.cached("any_pending", lambda: bool(self.db.scalar("SELECT 1 FROM pending LIMIT 1"))):
            return set()
        return {r[0] for r in self.db.rows_in("SELECT article_id FROM pending WHERE article_id IN ({marks})",
                                              list(article_ids))}

    def pending_chunk_ids(self, chunk_ids: Sequence[str]) -> set[str]:
        """Which of ``chunk_ids`` belong to words-only articles."""
        sql = "SELECT c.id FROM chunks c JOIN pending p ON p.article_id = c.article_id WHERE c.id IN ({marks})"
        return {r[0] for r in self.db.rows_in(sql, list(chunk_ids))}

    def coverage(self) -> dict[str, int]:
        """How much of the store meaning search covers: ``{"articles": n, "embedded": m}`` (the
        others are searchable by their words only, until stage 2 reaches them)."""
        def read() -> dict[str, int]:
            n = self.db.scalar("SELECT COUNT(*) FROM articles")
            waiting = self.db.scalar("SELECT COUNT(*) FROM pending")
            return {"articles": n, "embedded": n - waiting}
        return self.db.cached("coverage", read)

    def delete(self, article_ids: Iterable[str]) -> list[str]:
        """Delete articles everywhere; returns the ids that were present."""
        self._lock.require()
        self.sync()
        present = [i for i in dict.fromkeys(article_ids) if self.has_article(i)]
        if not present:
            return []
        with self.writer.tx() as tx:
            self.writer.fence(tx)
            old_ids = self.writer.delete_rows(tx, present)
            entry = self.journal.cleanup(tx, old_ids)
            self.writer.bump(tx, present)
        self.sync()
        self.journal.finish(entry)
        return present

    # ------------------------------------------------------------------ reads

    def content_hash_of(self, article_id: str) -> str | None:
        return self.db.scalar("SELECT content_hash FROM articles WHERE id = ?", (article_id,))

    def has_article(self, article_id: str) -> bool:
        return self.content_hash_of(article_id) is not None

    def ids_from_origin(self, origin: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles WHERE origin = ?", (origin,))]

    def get_article(self, article_id: str) -> StoredArticle:
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r} in store {self.path}")
        return stored_article(row)

    def articles_by_id(self, article_ids: Sequence[str]) -> dict[str, StoredArticle]:
        rows = self.db.rows_in("SELECT * FROM articles WHERE id IN ({marks})", list(dict.fromkeys(article_ids)))
        return {row[0]: stored_article(row) for row in rows}

    def list_articles(self, limit: int | None = None, offset: int = 0) -> list[StoredArticle]:
        """Newest first (then by title)."""
        sql = "SELECT * FROM articles ORDER BY published_day DESC, title LIMIT ? OFFSET ?"
        return [stored_article(r) for r in self.db.execute(sql, (limit if limit is not None else -1, offset))]

    def newest_articles(self, limit: int, filters: Filters | None = None) -> list[StoredArticle]:
        """The ``limit`` newest articles passing ``filters`` (by date, the undated last; the latest added first of a day)."""
        where, args = filters.sql("a") if filters is not None else ("1", [])
        sql = f"SELECT * FROM articles a WHERE {where} ORDER BY a.published_day IS NULL, a.published_day DESC, a.ingested_at DESC"
        return [stored_article(r) for r in self.db.execute(sql + ", a.id LIMIT ?", (*args, limit))]

    def published_dates(self, article_ids: Sequence[str]) -> dict[str, date | None]:
        rows = self.db.rows_in("SELECT id, published FROM articles WHERE id IN ({marks})", list(dict.fromkeys(article_ids)))
        return {aid: date.fromisoformat(pub) if pub else None for aid, pub in rows}

    def sentences(self, article_id: str, indices: Iterable[int] | None = None) -> list[Sentence]:
        """An article's sentences in order; only those at ``indices`` when given."""
        if indices is None:
            rows = self.db.execute('SELECT idx, start, "end" FROM sentences WHERE article_id = ? ORDER BY idx', (article_id,))
        else:
            rows = sorted(self.db.rows_in('SELECT idx, start, "end" FROM sentences WHERE article_id = ? AND idx IN ({marks})',
                                          sorted(set(indices)), before=(article_id,)))
        return [Sentence(article_id, i, s, e) for i, s, e in rows]

    def sentence_vectors(self, keys: Sequence[tuple[str, int]]) -> dict[tuple[str, int], np.ndarray]:
        """Stored contextual sentence embeddings for (article id, sentence index) keys."""
        by_article: dict[str, list[int]] = {}
        for aid, idx in keys:
            by_article.setdefault(aid, []).append(idx)
        return {(aid, idx): np.frombuffer(blob, dtype=np.float16).astype(np.float32) for aid, idxs in by_article.items()
                for idx, blob in self.db.rows_in("SELECT idx, vec FROM sentence_vecs WHERE article_id = ? AND idx IN ({marks})",
                                                 idxs, before=(aid,))}

    def chunks_by_id(self, chunk_ids: Sequence[str]) -> dict[str, Chunk]:
        rows = self.db.rows_in("SELECT id, article_id, first, last, text FROM chunks WHERE id IN ({marks})", chunk_ids)
        return {cid: Chunk(cid, aid, f, la, t) for cid, aid, f, la, t in rows}

    def chunks_of(self, article_id: str) -> list[Chunk]:
        """An article's chunks in order."""
        rows = self.db.execute("SELECT id, first, last, text FROM chunks WHERE article_id = ? ORDER BY first", (article_id,))
        return [Chunk(cid, article_id, first, last, text) for cid, first, last, text in rows]

    def chunk_vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of ``chunk_ids`` (absent ones left out)."""
        return {i: np.asarray(v["embedding"]) for i, v in self.vectors.stored(chunk_ids).items()}

    def counts(self) -> dict[str, int]:
        count = self.db.scalar
        return {
            **self.coverage(),
            "sentences": count("SELECT COUNT(*) FROM sentences"),
            "chunks": count("SELECT COUNT(*) FROM chunks"),
            "vectors": self.vectors.count() if not self.vectors.down else -1,
            "pending_journal": self.journal.pending(),
        }

    def sources(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT source FROM articles WHERE source != '' ORDER BY source")]

    def chunk_count(self) -> int:
        """Number of chunks, counted once per database change."""
        return self.db.cached("chunk_count", lambda: self.db.scalar("SELECT COUNT(*) FROM chunks"))

    def embedded_chunk_count(self) -> int:
        """Number of chunks with a vector (those of complete articles), counted once per change."""
        return self.meaning.embedded_chunk_count()

    def stored_generation(self) -> int:
        """The store's write generation (every write bumps it)."""
        return self.db.generation()

    def chroma_ids(self) -> set[str]:
        return self.vectors.ids()

    # ------------------------------------------------------------------ search

    def dense_search(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) best first (``index.dense``)."""
        return self.meaning.chunks(vector, k, filters)

    def head_search(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> dict[int, list[tuple[str, float]]]:
        """For the headline and the lead (``index.heads``): (article id, cosine) of the ``k`` nearest
        articles passing ``filters``, best first."""
        return self.meaning.heads(vector, k, filters)

    def lexical_search(self, text: str, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """(chunk id, BM25 score, higher is better) best first (title weighs 2x)."""
        return self.words.chunks(text, k, filters)

    def article_lexical_search(self, text: str, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """(article id, BM25 over title + whole text) best first."""
        return self.words.articles(text, k, filters)

    def selective_words(self, text: str, max_share: float = 0.04, keep_rarest: int = 3) -> list[str]:
        return self.words.selective_words(text, max_share, keep_rarest)

    def term_doc_freqs(self, terms: Sequence[str]) -> tuple[dict[str, int], int]:
        return self.words.doc_freqs(terms)

    def term_vocabulary(self) -> dict[str, int]:
        """Every (stemmed) term of the word index and how many chunks hold it."""
        return self.words.vocabulary()

    def lexical_index(self, wait: bool = False) -> MemoryIndex | None:
        """The in-memory word index if it is current (``wait=True``: build it now if not)."""
        return self.words.memory_index(wait)

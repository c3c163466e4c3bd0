"""Word search (BM25) over a store's chunks and articles.

``WordSearch`` is the one object the store asks: per question it answers from the in-memory copy
(``memory``) when that copy is of the store's current write generation, else from SQLite FTS5
(``fts``), which ranks the same; it maps the row numbers either returns to chunk and article ids.
A copy of a newer generation is built in the background (or loaded from ``<store>/lexical/``).
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from ..database import Database
from ..filters import Filters
from ..text import stem
from . import fts, memory
from .fts import query_words
from .memory import MemoryIndex

__all__ = ["WordSearch", "MemoryIndex", "query_words"]

log = logging.getLogger(__name__)


VOCABULARY_FROM_SQL = 5_000  # chunks: below, the vocabulary is read from SQLite while the in-memory index is built


class WordSearch:
    """BM25 search of one store's SQLite file; ``use_memory=False``: FTS5 alone."""

    def __init__(self, db: Database, folder: Path, use_memory: bool = True):
        self.db = db
        self.folder = folder  # where saved in-memory copies live: <store>/lexical/<generation>/
        self.use_memory = use_memory
        self._index: MemoryIndex | None = None
        self._vocabulary: tuple[int, dict[str, int]] | None = None  # (generation, terms): ``vocabulary``
        self._building = threading.Lock()

    # ---------------------------------------------------------------- search

    def chunks(self, text: str, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """(chunk id, BM25, higher is better) best first; the title weighs 2x."""
        return self._search("chunks", text, k, filters)

    def articles(self, text: str, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """(article id, BM25 over title + whole text) best first."""
        return self._search("articles", text, k, filters)

    _ROW_IDS = {"chunks": "SELECT rowid, id FROM chunks", "articles": "SELECT rowid, article_id FROM article_fts"}

    def _search(self, kind: str, text: str, k: int, filters: Filters | None) -> list[tuple[str, float]]:
        index = self.memory_index()
        if index is None:
            return fts.search(self.db.conn, kind, self.selective_words(text), k, filters)
        search = index.search_chunks if kind == "chunks" else index.search_articles
        hits = search(self.terms(text), k, filters, self._filter_rowids(filters))
        ids = self._ids_of_rowids(self._ROW_IDS[kind], [r for r, _ in hits])
        return [(ids[r], s) for r, s in hits if r in ids]

    def selective_words(self, text: str, max_share: float = 0.04, keep_rarest: int = 3) -> list[str]:
        """Query words without the very common ones (in over ``max_share`` of the chunks): they add
        almost nothing to BM25 but make SQLite score most of the index. The rarest few always stay."""
        def compute() -> list[str]:
            words = query_words(text)
            if len(words) > keep_rarest:
                stems = {w: stem(w) for w in words}
                dfs, n = self.doc_freqs(list(stems.values()))
                by_rarity = sorted(words, key=lambda w: dfs.get(stems[w], 0))
                keep = set(by_rarity[:keep_rarest]) | {w for w in words if dfs.get(stems[w], 0) <= max_share * n}
                words = [w for w in words if w in keep]
            return words

        return self.db.cached("selective_words", compute, key=(text, max_share, keep_rarest))

    def terms(self, text: str) -> list[str]:
        """The FTS5 terms of the words FTS5 would be asked for, one per word (as FTS5 counts them)."""
        return [stem(w) for w in self.selective_words(text)]

    def vocabulary(self) -> dict[str, int]:
        """The terms of the chunk index with the number of chunks holding each: the words the store spells (a word
        typed otherwise is read as one of them, ``qa.spelling``). Read from the in-memory index, once per change of
        the store, for every thread; while that index is being built for a change, the terms read before it. With
        none read yet, from SQLite's FTS5 vocabulary in a store of at most ``VOCABULARY_FROM_SQL`` chunks (a
        person's folder; that took 1.2 s on the news store's 44,569 terms), else none."""
        index = self.memory_index() or self._index  # (loaded from its file when saved, else built behind)
        known = self._vocabulary
        if index is not None and (known is None or known[0] != index.generation):
            postings = index.chunks
            known = (index.generation, {t: int(postings.indptr[i + 1] - postings.indptr[i]) for t, i in postings.terms.items()})
        elif known is None and self.db.scalar("SELECT COUNT(*) FROM chunks") <= VOCABULARY_FROM_SQL:
            known = (-1, dict(self.db.conn.execute("SELECT term, doc FROM chunk_vocab")))  # (-1: read again with the index)
        self._vocabulary = known
        return known[1] if known is not None else {}

    def doc_freqs(self, terms: Sequence[str]) -> tuple[dict[str, int], int]:
        """How many chunks hold each (stemmed) term, and the number of chunks."""
        terms = list(dict.fromkeys(terms))
        index = self._index
        if index is not None and index.generation == self.db.generation():
            dfs = {t: index.chunks.doc_freq(t) for t in terms}
            return {t: df for t, df in dfs.items() if df}, index.chunks.n_docs
        return fts.doc_freqs(self.db.conn, terms), self.db.cached("chunk_count", lambda: self.db.scalar("SELECT COUNT(*) FROM chunks"))

    def _ids_of_rowids(self, select: str, rowids: list[int]) -> dict[int, str]:
        return dict(self.db.rows_in(select + " WHERE rowid IN ({marks})", rowids))

    def _filter_rowids(self, filters: Filters | None) -> list[int]:
        """The article_fts rowids of a filter's ``article_ids`` (what the in-memory index filters on)."""
        if filters is None or not filters.article_ids:
            return []
        out: dict[str, int] = {}
        ids = list(dict.fromkeys(filters.article_ids))
        for table, key, col in (("article_fts_rows", "article_id", "fts_rowid"), ("article_fts", "article_id", "rowid")):
            missing = [i for i in ids if i not in out]  # second pass: a store no writer has opened since
            out.update(self.db.rows_in(f"SELECT {key}, {col} FROM {table} WHERE {key} IN ({{marks}})", missing))
            if len(out) == len(ids):
                break
        return list(out.values())

    # ---------------------------------------------------------------- the in-memory copy

    def memory_index(self, wait: bool = False) -> MemoryIndex | None:
        """The in-memory index if it is of the current generation, else None (and one is built in
        the background; ``wait=True`` builds it now). Never an index of another generation."""
        if not self.use_memory:
            return None
        want = self.db.generation()
        index = self._index
        if index is not None and index.generation == want:
            return index
        try:
            index = memory.load(self.folder, want)
        except (OSError, ValueError, EOFError) as e:
            log.warning("in-memory BM25 of generation %s unreadable (%s); rebuilding it", want, e)
            shutil.rmtree(self.folder / str(want), ignore_errors=True)
            index = None
        if index is not None:
            self._index = index
            return index
        if wait:
            self._build()
            index = self._index
            return index if index is not None and index.generation == want else None
        if not self._building.locked():
            threading.Thread(target=self._build, name="qa-bm25-build", daemon=True).start()
        return None

    def _build(self) -> None:
        if not self._building.acquire(blocking=False):
            with self._building:  # another thread is building: wait for it
                return
        conn = None
        try:
            conn = sqlite3.connect(f"file:{self.db.file}?mode=ro", uri=True, timeout=30)
            conn.execute("BEGIN")  # one snapshot: the generation and every table read below
            row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
            generation = int(row[0]) if row else 0
            t0 = time.perf_counter()
            index = memory.build(conn, generation)
            conn.execute("COMMIT")
            self._index = index
            log.info("in-memory BM25 for generation %s: %s chunks in %.1f s", generation, len(index.chunk_rowids),
                     time.perf_counter() - t0)
            try:
                memory.save(index, self.folder)
                memory.prune(self.folder, keep=generation)
            except OSError as e:  # a read-only store folder: keep it in memory only
                log.warning("could not save the in-memory BM25 index under %s: %s", self.folder, e)
        except Exception:  # a cache: whatever went wrong, FTS5 keeps answering
            log.exception("in-memory BM25 not built; FTS5 answers")
        finally:
            if conn is not None:
                conn.close()
            self._building.release()

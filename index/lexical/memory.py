"""Word search in memory: the store's FTS5 indexes as sparse matrices, searched with numpy.

SQLite FTS5 scores every row that holds any query word, which costs ~10-20 ms per question on a few
tens of thousands of chunks and grows with the store. This module reads the very same terms out of
the FTS5 indexes (``fts5vocab`` instance tables, so tokenizing and stemming cannot differ) and
precomputes each (term, document) BM25 weight with FTS5's own formula and column weights; a query
is then one slice-and-add per word. Results equal ``bm25()``'s ranking (tested side by side).

An index is built for one *generation* of the store (a counter every write bumps in the same
transaction), saved under ``<store>/lexical/<generation>/`` as ``.npy`` files that every process
memory-maps (workers share the pages), and never used for another generation: the store answers
from FTS5 while a newer one is built in the background.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..filters import Filters
from .fts import ARTICLE_WEIGHTS, CHUNK_WEIGHTS

K1, B = 1.2, 0.75  # FTS5's bm25() constants
_BLOCK = 4_000_000  # instance rows read per step while building (bounds the builder's memory)


@dataclass(frozen=True)
class Postings:
    """One BM25 matrix, term-major: the postings of term ``i`` are ``[indptr[i], indptr[i+1])``."""

    terms: dict[str, int]
    indptr: np.ndarray  # int64, len(terms) + 1
    docs: np.ndarray  # int32 document numbers
    weights: np.ndarray  # float32 BM25 weight of (term, doc)
    n_docs: int

    def doc_freq(self, term: str) -> int:
        i = self.terms.get(term)
        return 0 if i is None else int(self.indptr[i + 1] - self.indptr[i])

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 of every document for the query terms (a term given twice counts twice, as in FTS5)."""
        out = np.zeros(self.n_docs, dtype=np.float32)
        for t in terms:
            i = self.terms.get(t)
            if i is not None:
                lo, hi = int(self.indptr[i]), int(self.indptr[i + 1])
                out[self.docs[lo:hi]] += self.weights[lo:hi]  # a term lists each document once
        return out


def top(scores: np.ndarray, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
    """The ``k`` best documents with a positive score, best first (ties: lower number first)."""
    if mask is not None:
        scores = np.where(mask, scores, 0.0)
    hits = np.flatnonzero(scores > 0)
    if len(hits) > k:
        hits = hits[np.argpartition(-scores[hits], k - 1)[:k]]
    order = np.lexsort((hits, -scores[hits]))
    return [(int(hits[i]), float(scores[hits[i]])) for i in order]


@dataclass(frozen=True)
class MemoryIndex:
    """Chunk and article BM25 for one store generation, with what filters need per document.

    Documents are numbered in rowid order; results are rowids (of ``chunks`` and ``article_fts``),
    which the store turns into ids for the few it returns (no per-document strings in memory)."""

    generation: int
    chunks: Postings
    chunk_rowids: np.ndarray  # int64, ascending
    chunk_article: np.ndarray  # int32: the article (number) of each chunk
    articles: Postings
    article_rowids: np.ndarray  # int64 article_fts rowids, ascending
    article_day: np.ndarray  # int32 published_day, -1 when unknown
    article_source: np.ndarray  # int32 number into ``sources``
    sources: list[str]

    def article_mask(self, filters: Filters | None, article_rowids: Sequence[int] = ()) -> np.ndarray | None:
        """Which articles pass ``filters`` (its ``article_ids`` given as their ``article_fts``
        rowids in ``article_rowids``); None: all."""
        if filters is None:
            return None
        return filters.mask(self.article_day, self.article_source, self.sources, self.article_rowids, article_rowids)

    def search_chunks(self, terms: Sequence[str], k: int, filters: Filters | None = None,
                      article_rowids: Sequence[int] = ()) -> list[tuple[int, float]]:
        """(chunk rowid, BM25) best first."""
        mask = self.article_mask(filters, article_rowids)
        hits = top(self.chunks.scores(terms), k, None if mask is None else mask[self.chunk_article])
        return [(int(self.chunk_rowids[i]), s) for i, s in hits]

    def search_articles(self, terms: Sequence[str], k: int, filters: Filters | None = None,
                        article_rowids: Sequence[int] = ()) -> list[tuple[int, float]]:
        """(article_fts rowid, BM25) best first."""
        hits = top(self.articles.scores(terms), k, self.article_mask(filters, article_rowids))
        return [(int(self.article_rowids[i]), s) for i, s in hits]


# ---------------------------------------------------------------------------------------- building


def _postings(db: sqlite3.Connection, table: str, rowids: np.ndarray, weights: dict[str, float]) -> Postings:
    """BM25 weights of one FTS5 table, read from its instance vocabulary in term order."""
    inst, rows = f"temp.{table}_instances", f"temp.{table}_rows"
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {inst} USING fts5vocab(main, {table}, instance)")
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {rows} USING fts5vocab(main, {table}, row)")
    vocab = db.execute(f"SELECT term, cnt FROM {rows}").fetchall()  # index order = instance order
    terms = [t for t, _ in vocab]
    counts = np.fromiter((c for _, c in vocab), dtype=np.int64, count=len(vocab))
    n = len(rowids)
    col_names = list(weights)
    col_weight = np.array([weights[c] for c in col_names], dtype=np.float32)
    doc_len = np.zeros(n, dtype=np.int64)
    # pass 1 (streamed in blocks ending on term boundaries): per (term, doc) weighted tf; doc lengths
    term_of, doc_of, tf_of = [], [], []
    cur = db.execute(f"SELECT doc, CASE col {' '.join(f'WHEN {c!r} THEN {i}' for i, c in enumerate(col_names))} "
                     f"ELSE 0 END FROM {inst}")
    t0 = 0
    while t0 < len(terms):
        t1, size = t0, 0
        while t1 < len(terms) and (size == 0 or size + counts[t1] <= _BLOCK):
            size += int(counts[t1])
            t1 += 1
        block = np.array(cur.fetchmany(size), dtype=np.int64).reshape(-1, 2)
        if len(block) != size:
            raise sqlite3.DatabaseError(f"{table}: the index changed while it was read")
        docs = np.searchsorted(rowids, block[:, 0])
        if len(docs) and (docs.max(initial=0) >= n or np.any(rowids[np.minimum(docs, n - 1)] != block[:, 0])):
            raise sqlite3.DatabaseError(f"{table}: an indexed row has no stored record")
        np.add.at(doc_len, docs, 1)
        term = np.repeat(np.arange(t0, t1, dtype=np.int32), counts[t0:t1])
        key = term.astype(np.int64) * n + docs
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        term_of.append(term[starts])
        doc_of.append(docs[starts].astype(np.int32))
        tf_of.append(np.add.reduceat(col_weight[block[:, 1]], starts) if len(starts) else np.zeros(0, np.float32))
        del block, term, key
        t0 = t1
    term_arr = np.concatenate(term_of) if term_of else np.zeros(0, dtype=np.int32)
    docs = np.concatenate(doc_of) if doc_of else np.zeros(0, dtype=np.int32)
    tf = np.concatenate(tf_of) if tf_of else np.zeros(0, dtype=np.float32)
    del term_of, doc_of, tf_of
    # pass 2: FTS5's bm25(): idf from the documents holding the term, doc length over all columns
    df = np.bincount(term_arr, minlength=len(terms)).astype(np.float64)
    idf = np.log((n - df + 0.5) / (df + 0.5))
    idf[idf <= 0] = 1e-6
    avgdl = doc_len.sum() / n if doc_len.sum() else 1.0  # no tokens: nothing to score
    norm = (K1 * (1 - B + B * doc_len / avgdl)).astype(np.float32)
    w = idf.astype(np.float32)[term_arr] * tf * np.float32(K1 + 1) / (tf + norm[docs])
    indptr = np.zeros(len(terms) + 1, dtype=np.int64)
    np.cumsum(df.astype(np.int64), out=indptr[1:])
    return Postings({t: i for i, t in enumerate(terms)}, indptr, docs, w.astype(np.float32, copy=False), n)


def build(db: sqlite3.Connection, generation: int) -> MemoryIndex:
    """Read both FTS5 indexes into a ``MemoryIndex``; call inside a read transaction of ``db``
    so every table is read at ``generation``."""
    art_rows = db.execute("SELECT f.rowid, a.id, a.published_day, a.source FROM article_fts f "
                          "JOIN articles a ON a.id = f.article_id ORDER BY f.rowid").fetchall()
    sources = sorted({r[3] for r in art_rows})
    source_no = {s: i for i, s in enumerate(sources)}
    article_no = {r[1]: i for i, r in enumerate(art_rows)}
    chunk_rowids, chunk_article = [], []
    for rowid, aid in db.execute("SELECT rowid, article_id FROM chunks ORDER BY rowid"):
        chunk_rowids.append(rowid)
        chunk_article.append(article_no.get(aid, -1))
    del article_no
    chunk_rowids = np.array(chunk_rowids, dtype=np.int64)
    art_rowids = np.array([r[0] for r in art_rows], dtype=np.int64)
    return MemoryIndex(
        generation=generation,
        chunks=_postings(db, "chunk_fts", chunk_rowids, CHUNK_WEIGHTS),
        chunk_rowids=chunk_rowids,
        chunk_article=np.array(chunk_article, dtype=np.int32),
        articles=_postings(db, "article_fts", art_rowids, ARTICLE_WEIGHTS),
        article_rowids=art_rowids,
        article_day=np.array([r[2] if r[2] is not None else -1 for r in art_rows], dtype=np.int32),
        article_source=np.array([source_no[r[3]] for r in art_rows], dtype=np.int32),
        sources=sources,
    )


# ---------------------------------------------------------------------------------------- files

_ARRAYS = ("chunk_indptr", "chunk_docs", "chunk_weights", "chunk_rowids", "chunk_article",
           "article_indptr", "article_docs", "article_weights", "article_rowids", "article_day", "article_source")
_LISTS = ("chunk_terms", "article_terms", "sources")


def save(index: MemoryIndex, folder: Path) -> Path:
    """Write ``index`` to ``folder/<generation>`` atomically (a finished folder is never rewritten)."""
    final = folder / str(index.generation)
    if final.exists():
        return final
    tmp = folder / f".{index.generation}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    arrays = {"chunk_indptr": index.chunks.indptr, "chunk_docs": index.chunks.docs,
              "chunk_weights": index.chunks.weights, "chunk_rowids": index.chunk_rowids,
              "chunk_article": index.chunk_article, "article_indptr": index.articles.indptr,
              "article_docs": index.articles.docs, "article_weights": index.articles.weights,
              "article_rowids": index.article_rowids, "article_day": index.article_day,
              "article_source": index.article_source}
    for name, arr in arrays.items():
        np.save(tmp / f"{name}.npy", arr)
    lists = {"chunk_terms": list(index.chunks.terms), "article_terms": list(index.articles.terms),
             "sources": index.sources}
    for name, items in lists.items():
        (tmp / f"{name}.txt").write_text("\n".join(items), encoding="utf-8")
    (tmp / "complete").write_text(str(time.time()))
    try:
        os.rename(tmp, final)
    except OSError:  # another process finished the same generation first
        shutil.rmtree(tmp, ignore_errors=True)
    return final


def load(folder: Path, generation: int) -> MemoryIndex | None:
    """The saved index of ``generation``, memory-mapped; None if there is none (or it is incomplete)."""
    path = folder / str(generation)
    if not (path / "complete").exists():
        return None
    a = {n: np.load(path / f"{n}.npy", mmap_mode="r") for n in _ARRAYS}
    lists = {}
    for n in _LISTS:
        text = (path / f"{n}.txt").read_text(encoding="utf-8")
        lists[n] = text.split("\n") if text else []
    n_chunks, n_articles = len(a["chunk_rowids"]), len(a["article_rowids"])
    if len(a["chunk_article"]) != n_chunks or len(a["article_day"]) != n_articles:
        raise ValueError(f"{path}: arrays of different lengths")
    return MemoryIndex(
        generation=generation,
        chunks=Postings({t: i for i, t in enumerate(lists["chunk_terms"])}, a["chunk_indptr"], a["chunk_docs"],
                        a["chunk_weights"], n_chunks),
        chunk_rowids=a["chunk_rowids"], chunk_article=a["chunk_article"],
        articles=Postings({t: i for i, t in enumerate(lists["article_terms"])}, a["article_indptr"],
                          a["article_docs"], a["article_weights"], n_articles),
        article_rowids=a["article_rowids"], article_day=a["article_day"], article_source=a["article_source"],
        sources=lists["sources"],
    )


def prune(folder: Path, keep: int) -> None:
    """Remove saved generations older than ``keep`` (a newer one, saved meanwhile by another
    process, stays) and leftovers of interrupted builds (an hour old)."""
    if not folder.is_dir():
        return
    for p in folder.iterdir():
        stale_tmp = p.name.endswith(".tmp") and time.time() - p.stat().st_mtime > 3600
        if stale_tmp or (p.name.isdigit() and int(p.name) < keep):
            with contextlib.suppress(OSError):
                shutil.rmtree(p)

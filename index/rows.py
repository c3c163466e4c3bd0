"""The store's rows: the objects it reads and writes (``StoredArticle``, ``PreparedArticle``), the
SQL that writes an article's rows or deletes them inside the caller's transaction, and
``RowWriter``: where a write's rows go, the store folder's SQLite (``LocalRows``) or a shared
PostgreSQL (``index.postgres.SharedRows``), behind one interface the store's write path uses."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

import numpy as np

from .articles import Article, Chunk, Sentence
from .database import BUMP_GENERATION, Database
from .filters import day_number
from .lexical import fts


@dataclass(frozen=True)
class StoredArticle:
    """An article as the store holds it, with its ledger fields."""

    article: Article
    n_sentences: int
    n_chunks: int
    ingested_at: float

    def to_dict(self) -> dict:
        """The article-list row every interface shows (``qa list --json``, ``GET /api/articles``)."""
        a = self.article
        return {"id": a.id, "title": a.title, "published": a.published.isoformat() if a.published else None,
                "source": a.source, "url": a.url, "sentences": self.n_sentences, "chunks": self.n_chunks}


@dataclass(frozen=True)
class PreparedArticle:
    """An article ready to write: its sentences, chunks, one embedding per chunk and, optionally,
    one contextual embedding per sentence (``len(chunks) == len(embeddings)``) and its headline's and
    lead's own embeddings (``index.heads``: {HEADLINE: ..., LEAD: ...}). ``embeddings`` None: written
    searchable by its words only (stage 1), its vectors added by ``Store.complete``."""

    article: Article
    sentences: Sequence[Sentence]
    chunks: Sequence[Chunk]
    embeddings: np.ndarray | None
    sentence_vectors: np.ndarray | None = None
    head_vectors: dict[int, np.ndarray] | None = None


def stored_article(row) -> StoredArticle:
    (aid, title, url, source, published, _day, authors, chash, origin, text, n_s, n_c, at) = row
    art = Article(id=aid, title=title, text=text, url=url, source=source,
                  published=date.fromisoformat(published) if published else None,
                  authors=tuple(json.loads(authors)), content_hash=chash, origin=origin)
    return StoredArticle(art, n_s, n_c, at)



def delete_rows(db: sqlite3.Connection, article_ids: Iterable[str]) -> list[str]:
    """Delete articles' rows (inside the caller's transaction); returns their chunk ids."""
    old: list[str] = []
    for aid in article_ids:
        rows = db.execute("SELECT rowid, id FROM chunks WHERE article_id = ?", (aid,)).fetchall()
        old.extend(r[1] for r in rows)
        fts.remove(db, aid, [r[0] for r in rows])
        for table in ("chunks", "sentences", "sentence_vecs", "pending"):
            db.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
        db.execute("DELETE FROM articles WHERE id = ?", (aid,))
    return old


def sentence_vector_blobs(p: PreparedArticle) -> dict[int, bytes]:
    """The article's vectors kept beside its sentences, as stored: float16 bytes per sentence index,
    and its headline's and lead's at ``index.heads.HEADLINE`` and ``LEAD`` (negative indices)."""
    out = {}
    if p.sentence_vectors is not None:
        vecs = np.asarray(p.sentence_vectors, dtype=np.float16)
        out = {s.index: vecs[s.index].tobytes() for s in p.sentences}
    for idx, vec in (p.head_vectors or {}).items():
        out[idx] = np.asarray(vec, dtype=np.float16).tobytes()
    return out


def article_row(p: PreparedArticle) -> tuple:
    """The ``articles`` row of a prepared article (the same 13 columns in SQLite and PostgreSQL)."""
    a = p.article
    return (a.id, a.title, a.url, a.source, a.published.isoformat() if a.published else None,
            day_number(a.published) if a.published else None, json.dumps(list(a.authors)),
            a.content_hash, a.origin, a.text, len(p.sentences), len(p.chunks), time.time())


def row_parts(p: PreparedArticle) -> tuple:
    """What ``write_rows`` takes for a prepared article: words-only (in ``pending``) without embeddings."""
    return (article_row(p), p.sentences, p.chunks, len(p.chunks) if p.embeddings is None else None,
            sentence_vector_blobs(p) if p.embeddings is not None else {})


def write_rows(db: sqlite3.Connection, row: tuple, sentences: Sequence[Sentence], chunks: Sequence[Chunk],
               pending: int | None, vecs: dict[int, bytes]) -> None:
    """An article's rows and both word indexes' entries: ``row`` as in ``articles``, ``pending`` its
    chunk count when it is words-only, ``vecs`` its stored sentence vectors (also how a worker's
    mirror copies an article from the shared database)."""
    aid, title, text = row[0], row[1], row[9]
    db.executemany('INSERT INTO sentences (article_id, idx, start, "end") VALUES (?, ?, ?, ?)',
                   [(aid, s.index, s.start, s.end) for s in sentences])
    if pending is not None:
        db.execute("INSERT INTO pending (article_id, chunks) VALUES (?, ?)", (aid, pending))
    db.executemany("INSERT INTO sentence_vecs (article_id, idx, vec) VALUES (?, ?, ?)",
                   [(aid, i, blob) for i, blob in vecs.items()])
    for c in chunks:
        rowid = db.execute("INSERT INTO chunks (id, article_id, first, last, text) VALUES (?, ?, ?, ?, ?)",
                           (c.id, aid, c.first_sentence, c.last_sentence, c.text)).lastrowid
        fts.add_chunk(db, rowid, title, c.text)
    fts.add_article(db, aid, title, text)
    db.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)


class RowWriter(Protocol):
    """Where a write's rows go. Every method but ``tx`` runs inside the transaction ``tx`` yields;
    ``Store`` calls them in the journal protocol's order (``index.journal``)."""

    def tx(self) -> contextlib.AbstractContextManager[Any]: ...

    def fence(self, tx: Any) -> None:
        """Refuse the write if this process is no longer the store's one writer."""

    def delete_rows(self, tx: Any, article_ids: Iterable[str]) -> list[str]:
        """Delete articles' rows; returns their chunk ids."""

    def insert_rows(self, tx: Any, row: tuple, sentences: Sequence[Sentence], chunks: Sequence[Chunk],
                    pending: int | None, vecs: dict[int, bytes]) -> None:
        """An article's rows (``row_parts`` of a prepared article)."""

    def complete_rows(self, tx: Any, article_id: str, vecs: dict[int, bytes]) -> None:
        """Stage 2 done for a words-only article: its sentence vectors stored, off ``pending``."""

    def bump(self, tx: Any, article_ids: Iterable[str], words_changed: bool = True) -> None:
        """The next write generation, changing these articles (``words_changed`` False: only their
        vectors were added, the word indexes are as they were)."""


class LocalRows:
    """The rows in the store folder's SQLite file (the one-machine deployments)."""

    def __init__(self, db: Database):
        self.db = db

    @contextlib.contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        with self.db.tx() as db:
            yield db

    def fence(self, tx: sqlite3.Connection) -> None:
        """The folder's lock is the fence: nothing to check in the transaction."""

    def delete_rows(self, tx: sqlite3.Connection, article_ids: Iterable[str]) -> list[str]:
        return delete_rows(tx, article_ids)

    def insert_rows(self, tx: sqlite3.Connection, row: tuple, sentences: Sequence[Sentence], chunks: Sequence[Chunk],
                    pending: int | None, vecs: dict[int, bytes]) -> None:
        write_rows(tx, row, sentences, chunks, pending, vecs)

    def complete_rows(self, tx: sqlite3.Connection, article_id: str, vecs: dict[int, bytes]) -> None:
        tx.executemany("INSERT INTO sentence_vecs (article_id, idx, vec) VALUES (?, ?, ?)",
                       [(article_id, i, blob) for i, blob in vecs.items()])
        tx.execute("DELETE FROM pending WHERE article_id = ?", (article_id,))

    def bump(self, tx: sqlite3.Connection, article_ids: Iterable[str], words_changed: bool = True) -> None:
        if words_changed:  # the in-memory word index is built per generation: only words make a new one
            tx.execute(BUMP_GENERATION)

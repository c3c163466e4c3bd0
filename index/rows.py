"""The store's rows: the objects it reads and writes (``StoredArticle``, ``PreparedArticle``) and
the SQL that writes an article's rows or deletes them, inside the caller's transaction."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from .articles import Article, Chunk, Sentence
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
    one contextual embedding per sentence (``len(chunks) == len(embeddings)``). ``embeddings``
    None: written searchable by its words only (stage 1), its vectors added by ``Store.complete``."""

    article: Article
    sentences: Sequence[Sentence]
    chunks: Sequence[Chunk]
    embeddings: np.ndarray | None
    sentence_vectors: np.ndarray | None = None


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


def insert_sentence_vectors(db: sqlite3.Connection, p: PreparedArticle) -> None:
    if p.sentence_vectors is not None:
        vecs = np.asarray(p.sentence_vectors, dtype=np.float16)
        db.executemany("INSERT INTO sentence_vecs (article_id, idx, vec) VALUES (?, ?, ?)",
                       [(p.article.id, s.index, vecs[s.index].tobytes()) for s in p.sentences])


def insert_rows(db: sqlite3.Connection, p: PreparedArticle) -> None:
    a = p.article
    db.executemany('INSERT INTO sentences (article_id, idx, start, "end") VALUES (?, ?, ?, ?)',
                   [(a.id, s.index, s.start, s.end) for s in p.sentences])
    if p.embeddings is None:
        db.execute("INSERT INTO pending (article_id, chunks) VALUES (?, ?)", (a.id, len(p.chunks)))
    else:
        insert_sentence_vectors(db, p)
    for c in p.chunks:
        rowid = db.execute("INSERT INTO chunks (id, article_id, first, last, text) VALUES (?, ?, ?, ?, ?)",
                           (c.id, a.id, c.first_sentence, c.last_sentence, c.text)).lastrowid
        fts.add_chunk(db, rowid, a.title, c.text)
    fts.add_article(db, a.id, a.title, a.text)
    db.execute(
        "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (a.id, a.title, a.url, a.source, a.published.isoformat() if a.published else None,
         day_number(a.published) if a.published else None, json.dumps(list(a.authors)),
         a.content_hash, a.origin, a.text, len(p.sentences), len(p.chunks), time.time()),
    )

"""Word search in SQLite FTS5: the two word indexes' tables, their BM25 column weights (declared
here, once: the in-memory copy reads them from here), how their rows are written with an article,
and the FTS5 query that answers whenever the in-memory copy is not current."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from ..errors import StoreError
from ..filters import Filters
from ..text import FTS_TOKENIZER, stopwords

# BM25 column weights: a title word counts twice a body word (article_id is stored, not searched)
CHUNK_WEIGHTS = {"title": 2.0, "body": 1.0}
ARTICLE_WEIGHTS = {"article_id": 0.0, "title": 2.0, "body": 1.0}

FTS_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS chunk_fts USING fts5(
    title, body, tokenize = '{tok}');
CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5(
    article_id UNINDEXED, title, body, tokenize = '{tok}');
CREATE VIRTUAL TABLE IF NOT EXISTS chunk_vocab USING fts5vocab(chunk_fts, 'row');
CREATE TABLE IF NOT EXISTS article_fts_rows (
    article_id TEXT PRIMARY KEY, fts_rowid INTEGER NOT NULL) WITHOUT ROWID;
""".replace("{tok}", FTS_TOKENIZER)  # the stemmer in index.text uses the same tokenizer


def rank(table: str, weights: dict[str, float]) -> str:
    """FTS5's ``bm25()`` call with ``weights`` (lower is better, as FTS5 orders it)."""
    return f"bm25({table}, {', '.join(str(w) for w in weights.values())})"


_TOKEN = re.compile(r"\w+", re.UNICODE)


def query_words(text: str, max_terms: int = 64) -> list[str]:
    """The distinct non-stopword words of free text, lower-cased, in order."""
    seen: dict[str, None] = {}
    stop = stopwords()
    for tok in _TOKEN.findall(text.lower()):
        if tok not in seen and tok not in stop:
            seen[tok] = None
    return list(seen)[:max_terms]


def fts_query(words: Sequence[str]) -> str:
    """A safe FTS5 OR-query of words (each quoted: no FTS syntax gets through)."""
    return " OR ".join('"' + w.replace('"', "") + '"' for w in words if w.replace('"', ""))


# ---------------------------------------------------------------------------------------- rows


def add_chunk(db: sqlite3.Connection, chunk_rowid: int, title: str, text: str) -> None:
    db.execute("INSERT INTO chunk_fts (rowid, title, body) VALUES (?, ?, ?)", (chunk_rowid, title, text))


def add_article(db: sqlite3.Connection, article_id: str, title: str, text: str) -> None:
    rowid = db.execute("INSERT INTO article_fts (article_id, title, body) VALUES (?, ?, ?)",
                       (article_id, title, text)).lastrowid
    db.execute("INSERT INTO article_fts_rows VALUES (?, ?)", (article_id, rowid))


def remove(db: sqlite3.Connection, article_id: str, chunk_rowids: Sequence[int]) -> None:
    """Remove an article's rows from both word indexes."""
    db.executemany("DELETE FROM chunk_fts WHERE rowid = ?", [(r,) for r in chunk_rowids])
    # by rowid: article_fts cannot index its article_id column (a scan per article made every write
    # slower as the store grew)
    for (fts_rowid,) in db.execute("SELECT fts_rowid FROM article_fts_rows WHERE article_id = ?", (article_id,)).fetchall():
        db.execute("DELETE FROM article_fts WHERE rowid = ?", (fts_rowid,))
    db.execute("DELETE FROM article_fts_rows WHERE article_id = ?", (article_id,))


_UNMAPPED = ("SELECT COUNT(*) FROM articles a LEFT JOIN article_fts_rows m ON m.article_id = a.id "
             "LEFT JOIN article_fts f ON f.rowid = m.fts_rowid WHERE f.article_id IS NULL OR f.article_id != a.id")


def unmapped_articles(db: sqlite3.Connection) -> int:
    """Articles with no (or a wrong) row in the article word index."""
    return db.execute(_UNMAPPED).fetchone()[0]


def rebuild_article_index(db: sqlite3.Connection) -> None:
    """Write the article word index again from ``articles`` (inside the caller's transaction)."""
    db.execute("DELETE FROM article_fts")
    db.execute("DELETE FROM article_fts_rows")
    db.execute("INSERT INTO article_fts (rowid, article_id, title, body) SELECT rowid, id, title, text FROM articles")
    db.execute("INSERT INTO article_fts_rows SELECT id, rowid FROM articles")


def needs_rebuild(db: sqlite3.Connection) -> str | None:
    """"all": the article word index is out of step with ``articles``; "map": only its rowid map
    is (stores written before the map existed); None: in step."""
    n_arts = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    if db.execute("SELECT COUNT(*) FROM article_fts").fetchone()[0] != n_arts:
        return "all"
    if db.execute("SELECT COUNT(*) FROM article_fts_rows").fetchone()[0] != n_arts:
        return "map"
    return None


def rebuild_map(db: sqlite3.Connection) -> None:
    db.execute("DELETE FROM article_fts_rows")
    db.execute("INSERT INTO article_fts_rows SELECT article_id, rowid FROM article_fts")


def bring_in_step(database, bump: str, only_unmapped: bool = False) -> None:
    """Rebuild the article word index if it is out of step with ``articles`` (an older store, a
    damaged one), in one transaction of ``database`` (``index.database.Database``) that also runs
    ``bump`` (the new generation) when the index changed; ``only_unmapped``: only if an article is
    missing from it (``qa verify --repair``)."""
    if only_unmapped:
        state = "all" if unmapped_articles(database.conn) else None
    else:
        state = needs_rebuild(database.conn)
    if state:
        with database.tx() as db:
            if state == "all":
                rebuild_article_index(db)
                db.execute(bump)
            else:
                rebuild_map(db)


def problems(db: sqlite3.Connection) -> list[str]:
    """What ``qa verify`` reports about the word indexes."""
    out = []
    n_afts = db.execute("SELECT COUNT(*) FROM article_fts").fetchone()[0]
    n_arts = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    if n_afts != n_arts:
        out.append(f"article lexical index has {n_afts} entries for {n_arts} articles (repair rebuilds it)")
    else:
        unmapped = unmapped_articles(db)
        if unmapped:
            out.append(f"{unmapped} articles have no row of the article lexical index (repair rebuilds it)")
    n_fts = db.execute("SELECT COUNT(*) FROM chunk_fts").fetchone()[0]
    n_rows = db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
    if n_fts != n_rows:
        out.append(f"lexical index has {n_fts} entries for {n_rows} chunks")
    return out


# ---------------------------------------------------------------------------------------- search

_SEARCH = {
    "chunks": ("SELECT c.id, {score} FROM chunk_fts JOIN chunks c ON c.rowid = chunk_fts.rowid",
               "chunk_fts", rank("chunk_fts", CHUNK_WEIGHTS), "c.article_id"),
    "articles": ("SELECT article_fts.article_id, {score} FROM article_fts",
                 "article_fts", rank("article_fts", ARTICLE_WEIGHTS), "article_fts.article_id"),
}


def search(db: sqlite3.Connection, kind: str, words: Sequence[str], k: int,
           filters: Filters | None) -> list[tuple[str, float]]:
    """(chunk or article id, BM25, higher is better) best first, from FTS5; ``kind``: "chunks" or
    "articles"."""
    query = fts_query(words)
    if not query:
        return []
    select, table, order, article_col = _SEARCH[kind]
    where, args = (filters or Filters()).sql("a")
    join = f" JOIN articles a ON a.id = {article_col}" if where != "1" else ""
    sql = f"{select.format(score='-' + order)}{join} WHERE {table} MATCH ? AND {where} ORDER BY {order} LIMIT ?"
    try:
        return [(i, float(score)) for i, score in db.execute(sql, [query, *args, k])]
    except sqlite3.OperationalError as e:
        raise StoreError(f"lexical search failed: {e}") from e


def doc_freqs(db: sqlite3.Connection, terms: Sequence[str]) -> dict[str, int]:
    """How many chunks hold each (stemmed) term, from FTS5's vocabulary (terms absent: left out)."""
    if not terms:
        return {}
    return dict(db.execute(f"SELECT term, doc FROM chunk_vocab WHERE term IN ({','.join('?' * len(terms))})",
                           list(terms)).fetchall())

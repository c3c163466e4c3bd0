"""``qa verify`` and ``qa verify --repair``: the store's invariants checked (DESIGN.md 1, 3, 4), and
lost chunk vectors embedded again from the text SQLite keeps."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np

from .chunking import embed_text
from .database import Database
from .lexical import fts
from .text import content_hash
from .vectors import Vectors, vector_meta


def _article_problems(db: Database, aid: str, text: str, chash: str, n_s: int, n_c: int,
                      sql_chunks: dict[str, str]) -> list[str]:
    problems = []
    if content_hash(text) != chash:
        problems.append(f"article {aid}: text does not match its content hash")
    sents = db.execute('SELECT idx, start, "end" FROM sentences WHERE article_id = ? ORDER BY idx', (aid,)).fetchall()
    if len(sents) != n_s or [s[0] for s in sents] != list(range(len(sents))):
        problems.append(f"article {aid}: sentence rows do not match the ledger ({len(sents)} vs {n_s})")
    prev_end = 0
    for idx, start, end in sents:
        if not (prev_end <= start < end <= len(text)) or text[start:end] != text[start:end].strip():
            problems.append(f"article {aid}: sentence {idx} has bad offsets {start}-{end}")
            break
        prev_end = end
    rows = db.execute("SELECT id, first, last, text FROM chunks WHERE article_id = ?", (aid,)).fetchall()
    if len(rows) != n_c:
        problems.append(f"article {aid}: {len(rows)} chunks stored, ledger says {n_c}")
    for cid, first, last, ctext in rows:
        sql_chunks[cid] = aid
        if not (0 <= first <= last < len(sents)) or ctext != text[sents[first][1] : sents[last][2]]:
            problems.append(f"article {aid}: chunk {cid} does not match the article text")
    return problems


def _orphans(db: Database) -> list[str]:
    out = []
    for table, what in (("chunks", "chunk rows"), ("sentence_vecs", "sentence vectors"), ("sentences", "sentence rows"),
                        ("pending", "words-only marks")):
        n = db.scalar(f"SELECT COUNT(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
        if n:
            out.append(f"{n} {what} belong to no article")
    return out


def problems(db: Database, vectors: Vectors, journal_entries: int | None = None) -> list[str]:
    """Every broken invariant, in words (empty when the store is clean). ``journal_entries``: the
    journal's entries when it is not in ``db`` (a shared database's)."""
    out: list[str] = []
    pending = db.scalar("SELECT COUNT(*) FROM journal") if journal_entries is None else journal_entries
    if pending:
        out.append(f"{pending} interrupted write(s) not yet recovered (open the store as a writer to repair)")
    sql_chunks: dict[str, str] = {}
    for aid, text, chash, n_s, n_c in db.execute("SELECT id, text, content_hash, n_sentences, n_chunks FROM articles"):
        if not (isinstance(aid, str) and isinstance(text, str) and isinstance(chash, str)
                and isinstance(n_s, int) and isinstance(n_c, int)):
            out.append(f"article {aid!r}: its ledger row is damaged (a field of the wrong type)")
            continue
        try:
            out += _article_problems(db, aid, text, chash, n_s, n_c, sql_chunks)
        except (TypeError, ValueError, IndexError) as e:  # a damaged row of another table
            out.append(f"article {aid}: its sentence or chunk rows are damaged ({type(e).__name__})")
    out += _orphans(db)
    out += fts.problems(db.conn)
    waiting = {r[0] for r in db.execute("SELECT article_id FROM pending")}
    in_chroma = vectors.ids()
    # words-only articles (stage 2 still to come) have no vectors yet, and must have none
    missing = {c for c, aid in sql_chunks.items() if aid not in waiting} - in_chroma
    extra = in_chroma - set(sql_chunks)
    early = {c for c, aid in sql_chunks.items() if aid in waiting} & in_chroma
    if early and not pending:
        out.append(f"{len(early)} vectors belong to articles not yet embedded, e.g. {sorted(early)[0]}")
    if missing:
        out.append(f"{len(missing)} chunks have no vector in Chroma, e.g. {sorted(missing)[0]}")
    if extra:
        out.append(f"{len(extra)} vectors in Chroma belong to no indexed article, e.g. {sorted(extra)[0]}")
    return out


def restore_vectors(db: Database, vectors: Vectors, embed: Callable[[list[str]], np.ndarray], batch: int = 256) -> int:
    """Embed again every stored chunk that has no vector (a lost or deleted vector index) from the
    text SQLite holds; returns how many were restored. The caller holds the writer lock."""
    missing = sorted({r[0] for r in db.execute("SELECT id FROM chunks WHERE article_id NOT IN (SELECT article_id FROM pending)")}
                     - vectors.ids())  # words-only articles get theirs from stage 2 (qa embed)
    for i in range(0, len(missing), batch):
        rows = list(db.rows_in(
            "SELECT c.id, c.article_id, c.first, c.last, c.text, a.title, a.url, a.source, a.published "
            "FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({marks})", missing[i : i + batch]))
        embedded = embed([embed_text(r[5], r[4]) for r in rows])
        metas = [vector_meta(r[1], r[2], r[3], r[5], r[6], r[7], date.fromisoformat(r[8]) if r[8] else None) for r in rows]
        vectors.upsert([r[0] for r in rows], list(embedded), [r[4] for r in rows], metas)
    return len(missing)

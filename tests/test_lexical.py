"""The in-memory BM25 index (index.lexical): FTS5's ranking exactly, and never a stale answer."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.database import SCHEMA
from index.filters import Filters
from index.lexical import fts, memory
from index.store import Store
from index.text import stem

CHUNK_RANK = fts.rank("chunk_fts", fts.CHUNK_WEIGHTS)  # the weights are declared once, in index.lexical.fts
ARTICLE_RANK = fts.rank("article_fts", fts.ARTICLE_WEIGHTS)
CHUNK_SQL = (f"SELECT c.id, -{CHUNK_RANK} FROM chunk_fts JOIN chunks c ON c.rowid = chunk_fts.rowid "
             f"JOIN articles a ON a.id = c.article_id WHERE chunk_fts MATCH ? AND {{where}} ORDER BY {CHUNK_RANK}")
ARTICLE_SQL = (f"SELECT article_fts.article_id, -{ARTICLE_RANK} FROM article_fts "
               f"JOIN articles a ON a.id = article_fts.article_id WHERE article_fts MATCH ? AND {{where}} "
               f"ORDER BY {ARTICLE_RANK}")


def fts5(db, sql: str, words: list[str], filters: Filters | None = None) -> dict[str, float]:
    where, args = (filters or Filters()).sql("a")
    query = " OR ".join(f'"{w}"' for w in words)
    return {i: s for i, s in db.execute(sql.format(where=where), [query, *args])}


def same_ranking(got: list[tuple[str, float]], want: dict[str, float]) -> None:
    """Same documents with the same scores (float32 vs double), best first."""
    assert {i for i, _ in got} == set(want)
    for i, s in got:
        assert s == pytest.approx(want[i], rel=1e-4, abs=1e-5)
    scores = [s for _, s in got]
    assert scores == sorted(scores, reverse=True)


def bare_db(articles: list[tuple[str, str, list[str], int | None, str]]) -> sqlite3.Connection:
    """The store's schema with rows written the way ``Store`` writes them (no Chroma needed)."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(SCHEMA + fts.FTS_SCHEMA)
    for aid, title, chunks, day, source in articles:
        for n, text in enumerate(chunks):
            rowid = db.execute("INSERT INTO chunks (id, article_id, first, last, text) VALUES (?, ?, ?, ?, ?)",
                               (f"{aid}#{n}", aid, n, n, text)).lastrowid
            db.execute("INSERT INTO chunk_fts (rowid, title, body) VALUES (?, ?, ?)", (rowid, title, text))
        db.execute("INSERT INTO article_fts (article_id, title, body) VALUES (?, ?, ?)", (aid, title, " ".join(chunks)))
        db.execute("INSERT INTO articles VALUES (?, ?, '', ?, NULL, ?, '[]', '', '', ?, 1, ?, 0)",
                   (aid, title, source, day, " ".join(chunks), len(chunks)))
    return db


VOCAB = ["rover", "lake", "mars", "bread", "prize", "village", "crater", "radar", "water", "loaf", "the", "a"]
texts = st.lists(st.sampled_from(VOCAB), min_size=0, max_size=30).map(" ".join)
corpus = st.lists(st.tuples(texts, st.lists(texts, min_size=1, max_size=4), st.sampled_from([None, 20240101, 20240301]),
                            st.sampled_from(["cnn", "bbc"])), min_size=1, max_size=12)


@given(corpus, st.lists(st.sampled_from(VOCAB), min_size=1, max_size=5),
       st.sampled_from([None, Filters(until=date(2024, 2, 1)), Filters(sources=("bbc",)),
                        Filters(since=date(2024, 2, 1), sources=("cnn",))]))
def test_memory_bm25_equals_fts5_on_any_corpus(docs, words, filters):
    """Property: for any small corpus, query (repeated words included) and filter, the in-memory
    index returns exactly FTS5 bm25()'s documents and scores, chunks and articles."""
    db = bare_db([(f"a{i}", title, chunks, day, src) for i, (title, chunks, day, src) in enumerate(docs)])
    db.execute("BEGIN")
    index = memory.build(db, generation=7)
    db.execute("COMMIT")
    assert index.generation == 7
    terms = [stem(w) for w in words]  # one term per query word, as FTS5 counts them
    chunk_id = dict(db.execute("SELECT rowid, id FROM chunks"))
    article_id = dict(db.execute("SELECT rowid, article_id FROM article_fts"))
    same_ranking([(chunk_id[r], s) for r, s in index.search_chunks(terms, 1000, filters)], fts5(db, CHUNK_SQL, words, filters))
    same_ranking([(article_id[r], s) for r, s in index.search_articles(terms, 1000, filters)],
                 fts5(db, ARTICLE_SQL, words, filters))


def test_top_k_breaks_ties_by_document_order():
    import numpy as np

    scores = np.array([0.0, 2.0, 5.0, 2.0, 5.0, 1.0], dtype=np.float32)
    assert memory.top(scores, 3) == [(2, 5.0), (4, 5.0), (1, 2.0)]
    assert memory.top(scores, 10, mask=np.array([1, 1, 0, 1, 1, 0], dtype=bool)) == [(4, 5.0), (1, 2.0), (3, 2.0)]


QUESTIONS = ["Which rover found a lake?", "Who won the bread prize?", "radar sediment Jezero", "loaves a day"]


def test_store_search_is_the_same_with_and_without_the_memory_index(assistant, news_dir):
    """Through a real store: every question ranks the same chunks and articles both ways, also filtered."""
    assistant.ingest([news_dir])
    store = assistant.store
    index = store.lexical_index(wait=True)
    assert index is not None and index.generation == store.stored_generation() > 0
    plain = Store(store.path, memory_bm25=False)
    some = Filters(article_ids=(store.list_articles()[0].article.id,))
    for q in QUESTIONS:
        for f in (None, Filters(sources=("nowhere",)), Filters(until=date(2000, 1, 1)), some):
            want = dict(plain.lexical_search(q, 50, f))
            same_ranking(store.lexical_search(q, 50, f), want)
            same_ranking(store.article_lexical_search(q, 50, f), dict(plain.article_lexical_search(q, 50, f)))
        assert plain.lexical_search(q, 50)  # the questions do match something


def test_the_vocabulary_is_the_same_from_the_memory_index_and_from_sqlite(assistant, news_dir):
    """The store's terms and their chunk counts (``WordSearch.vocabulary``, read by ``qa.spelling``) are the same read
    from the in-memory index as from FTS5's vocabulary table (a small store without the index)."""
    assistant.ingest([news_dir])
    store = assistant.store
    assert store.lexical_index(wait=True) is not None
    plain = Store(store.path, memory_bm25=False)
    vocabulary = store.term_vocabulary()
    assert vocabulary == plain.term_vocabulary() and vocabulary
    assert all(df == store.term_doc_freqs([t])[0][t] for t, df in list(vocabulary.items())[:50])


def test_a_write_by_another_process_is_never_answered_from_the_old_index(assistant, news_dir, tmp_path):
    """Worker A holds a current in-memory index; another process adds and then deletes an article:
    A's very next search sees each change (FTS5 until the new generation's index exists)."""
    assistant.ingest([news_dir])
    store = assistant.store
    old = store.lexical_index(wait=True)
    assert old is not None and not store.lexical_search("walrus", 10)
    extra = tmp_path / "walrus.txt"
    extra.write_text("Walrus seen in harbour\n\nA walrus climbed onto a fishing boat in the harbour on Sunday.\n",
                     encoding="utf-8")
    code = ("import sys; from qa import Assistant; qa = Assistant.open(store=sys.argv[1]); "
            "r = qa.ingest([sys.argv[2]]); assert r.added, r")
    subprocess.run([sys.executable, "-c", code, str(store.path), str(extra)], check=True, timeout=300)
    hits = store.lexical_search("walrus", 10)
    assert hits and all("walrus" in store.chunks_by_id([c])[c].text.lower() for c, _ in hits)
    new = store.lexical_index(wait=True)
    assert new is not None and new.generation > old.generation
    rowid = dict(store.db.execute("SELECT id, rowid FROM chunks"))
    assert [r for r, _ in new.search_chunks([stem("walrus")], 10)] == [rowid[c] for c, _ in hits]
    aid = store.chunks_by_id([hits[0][0]])[hits[0][0]].article_id
    code = "import sys; from index.store import Store; s = Store(sys.argv[1]);\nwith s.write_lock(): s.delete([sys.argv[2]])"
    subprocess.run([sys.executable, "-c", code, str(store.path), aid], check=True, timeout=120)
    assert store.lexical_search("walrus", 10) == []
    assert store.article_lexical_search("walrus", 10) == []


def test_saved_index_is_shared_by_a_new_process(assistant, news_dir):
    """The index is saved per generation; a new process maps it instead of rebuilding, and ranks
    the same; older generations are removed."""
    assistant.ingest([news_dir])
    store = assistant.store
    index = store.lexical_index(wait=True)
    saved = sorted(p.name for p in (store.path / "lexical").iterdir())
    assert saved == [str(index.generation)]
    code = ("import sys, json; from index.store import Store; s = Store(sys.argv[1]); "
            "i = s.lexical_index(); print(json.dumps([i is not None, s.lexical_search(sys.argv[2], 10)]))")
    out = subprocess.run([sys.executable, "-c", code, str(store.path), QUESTIONS[0]], check=True, timeout=120,
                         capture_output=True, text=True).stdout
    import json

    loaded, hits = json.loads(out.strip().splitlines()[-1])
    assert loaded is True  # mapped from disk: no build in that process
    same_ranking([tuple(h) for h in hits], dict(store.lexical_search(QUESTIONS[0], 10)))


def test_broken_saved_index_is_rebuilt_not_trusted(assistant, news_dir):
    assistant.ingest([news_dir])
    store = assistant.store
    index = store.lexical_index(wait=True)
    folder = store.path / "lexical" / str(index.generation)
    (folder / "chunk_docs.npy").write_bytes(b"not numpy")
    fresh = Store(store.path)
    rebuilt = fresh.lexical_index(wait=True)
    assert rebuilt is not None
    same_ranking(fresh.lexical_search(QUESTIONS[1], 10), dict(Store(store.path, memory_bm25=False).lexical_search(QUESTIONS[1], 10)))


def test_store_from_before_the_article_row_map_is_read_and_repaired(assistant, news_dir):
    """A store written before ``article_fts_rows`` existed: readers still filter by article id, verify
    names the gap, and the first writer (or repair) fills the map."""
    assistant.ingest([news_dir])
    store = assistant.store
    aid = store.list_articles()[0].article.id
    with store.write_lock():
        store.db.execute("DELETE FROM article_fts_rows")
    reader = Store(store.path)
    assert reader.lexical_index(wait=True) is not None
    only = Filters(article_ids=(aid,))
    hits = reader.article_lexical_search("rover lake bread prize", 10, only)
    assert [a for a, _ in hits] == [aid]
    assert any("no row of the article lexical index" in p for p in reader.verify())
    Store(store.path).repair()
    assert reader.verify() == []
    assert [a for a, _ in reader.article_lexical_search("rover lake bread prize", 10, only)] == [aid]


def test_prune_keeps_newer_generations_and_fresh_builds(tmp_path):
    """A slow build of an old generation must not delete a newer one another process saved."""
    import os
    import time

    for name in ("3", "5", "7", ".6.123.tmp", ".2.99.tmp"):
        (tmp_path / name).mkdir()
    old = time.time() - 7200
    os.utime(tmp_path / ".2.99.tmp", (old, old))
    memory.prune(tmp_path, keep=5)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".6.123.tmp", "5", "7"]

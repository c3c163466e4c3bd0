"""A store written before the house was rebuilt (schema version 1, as the single-file
``index/store.py`` of f7ccf29 wrote it) opens, answers and passes ``qa verify`` with this code.

The old store is written here without any of today's store code: the version-1 schema and row
layout below are a frozen copy of what that release wrote (SQLite through ``sqlite3``, vectors
through ``chromadb`` directly), with the real bundled model for the vectors. Two layouts: the one
f7ccf29 wrote, and the oldest v1 stores' (no ``article_fts_rows`` map, no ``vectors`` in ``meta``),
which verify reported and repair fixed then as now."""

from __future__ import annotations

import json
import sqlite3
import time

import chromadb
import pytest
from chromadb.config import Settings

from index.chunking import ChunkConfig, chunk_id, embed_text
from index.loaders import load_paths
from index.text import split_sentences

V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, url TEXT NOT NULL, source TEXT NOT NULL,
    published TEXT, published_day INTEGER, authors TEXT NOT NULL, content_hash TEXT NOT NULL,
    origin TEXT NOT NULL, text TEXT NOT NULL, n_sentences INTEGER NOT NULL,
    n_chunks INTEGER NOT NULL, ingested_at REAL NOT NULL);
CREATE INDEX articles_origin ON articles(origin);
CREATE TABLE sentences (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)) WITHOUT ROWID;
CREATE TABLE sentence_vecs (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, vec BLOB NOT NULL,
    PRIMARY KEY (article_id, idx)) WITHOUT ROWID;
CREATE TABLE chunks (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, article_id TEXT NOT NULL,
    first INTEGER NOT NULL, last INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX chunks_article ON chunks(article_id);
CREATE VIRTUAL TABLE chunk_fts USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE article_fts USING fts5(article_id UNINDEXED, title, body, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE chunk_vocab USING fts5vocab(chunk_fts, 'row');
CREATE TABLE journal (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, chunk_ids TEXT NOT NULL);
"""
ROW_MAP = "CREATE TABLE article_fts_rows (article_id TEXT PRIMARY KEY, fts_rowid INTEGER NOT NULL) WITHOUT ROWID;"


def write_v1_store(folder, articles, embedder, oldest: bool) -> None:
    folder.mkdir(parents=True)
    db = sqlite3.connect(folder / "meta.sqlite", isolation_level=None)
    db.executescript(V1_SCHEMA + ("" if oldest else ROW_MAP))
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("schema_version", "1"), ("embedder", embedder.name),
                                                       ("dim", str(embedder.dim)), ("generation", "1"),
                                                       *([] if oldest else [("vectors", "embedded:qa_chunks")])])
    client = chromadb.PersistentClient(path=str(folder / "chroma"), settings=Settings(anonymized_telemetry=False))
    coll = client.get_or_create_collection("qa_chunks", embedding_function=None, metadata={"hnsw:space": "cosine"})
    for a in articles:
        sents = split_sentences(a.text, a.id)
        cfg = ChunkConfig(max_sentences=8, overlap=1, max_tokens=embedder.max_tokens)
        spans = [(i, min(i + cfg.max_sentences, len(sents)) - 1) for i in range(0, len(sents), cfg.max_sentences - cfg.overlap)]
        spans = [s for j, s in enumerate(spans) if j == 0 or s[1] > spans[j - 1][1]]
        db.execute("BEGIN")
        db.executemany('INSERT INTO sentences VALUES (?, ?, ?, ?)', [(a.id, s.index, s.start, s.end) for s in sents])
        ids, texts, metas = [], [], []
        for first, last in spans:
            cid, text = chunk_id(a, first, last), a.text[sents[first].start : sents[last].end]
            rowid = db.execute("INSERT INTO chunks (id, article_id, first, last, text) VALUES (?, ?, ?, ?, ?)",
                               (cid, a.id, first, last, text)).lastrowid
            db.execute("INSERT INTO chunk_fts (rowid, title, body) VALUES (?, ?, ?)", (rowid, a.title, text))
            ids.append(cid)
            texts.append(text)
            metas.append({"article_id": a.id, "first": first, "last": last, "title": a.title, "url": a.url,
                          "source": a.source})
        fts_rowid = db.execute("INSERT INTO article_fts (article_id, title, body) VALUES (?, ?, ?)",
                               (a.id, a.title, a.text)).lastrowid
        if not oldest:
            db.execute("INSERT INTO article_fts_rows VALUES (?, ?)", (a.id, fts_rowid))
        db.execute("INSERT INTO articles VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?)",
                   (a.id, a.title, a.url, a.source, json.dumps(list(a.authors)), a.content_hash, a.origin, a.text,
                    len(sents), len(spans), time.time()))
        db.execute("COMMIT")
        coll.upsert(ids=ids, embeddings=embedder.embed([embed_text(a.title, t) for t in texts]), documents=texts,
                    metadatas=metas)
    db.close()


@pytest.mark.parametrize("oldest", [False, True], ids=["as-f7ccf29-wrote-it", "oldest-v1"])
def test_a_version_1_store_opens_answers_and_verifies(tmp_path, embedder, news_dir, oldest):
    from qa import Assistant, Config

    articles = [a for a in load_paths([news_dir])]
    write_v1_store(tmp_path / "old", articles, embedder, oldest)
    assistant = Assistant(Config(store=tmp_path / "old"), embedder=embedder)
    assert assistant.stats()["articles"] == len(articles)
    answer = assistant.ask("What did the Perseverance rover find in Jezero Crater?")
    assert not answer.abstained and any("ancient lake" in c.text for c in answer.citations)
    for c in answer.citations:
        assert assistant.article(c.article_id).article.text[c.start : c.end] == c.text
    if oldest:  # as before the change: verify names the missing map, repair writes it
        assert assistant.verify() == [f"{len(articles)} articles have no row of the article lexical index (repair rebuilds it)"]
        assert assistant.repair() == {"vectors": 0}
    assert assistant.verify() == []
    # the first writer fills what v1 stores lack (the article row map, where the vectors live)
    report = assistant.ingest([news_dir])
    assert len(report.unchanged) == len(articles) and not report.failed
    assert assistant.verify() == []
    assert assistant.store.db.scalar("SELECT value FROM meta WHERE key = 'vectors'") == "embedded:qa_chunks"
    assert assistant.store.db.scalar("SELECT COUNT(*) FROM article_fts_rows") == len(articles)
    # ... and stage 2 embeds the headline and lead of every article stored before index.heads existed
    assert assistant.store.missing_heads(-1) == []
    assert assistant.store.db.scalar("SELECT COUNT(*) FROM sentence_vecs WHERE idx = -2") == len(articles)

"""Incremental, all-or-nothing ingestion into real Chroma with the real bundled model."""

import json

import pytest

from index.articles import Article
from index.chunking import SPECIAL_TOKENS, embed_text
from index.errors import NotFoundError


def chunk_rows(store):
    return store.db.execute("SELECT id, article_id, text FROM chunks").fetchall()


def test_ingest_twice_changes_nothing(assistant, news_dir):
    first = assistant.ingest([news_dir])
    assert len(first.added) == 2 and not first.failed and first.chunks_embedded > 0
    before = (assistant.store.counts(), sorted(assistant.store.chroma_ids()))
    second = assistant.ingest([news_dir])
    assert second.added == () and second.updated == () and len(second.unchanged) == 2
    assert second.chunks_embedded == 0
    assert (assistant.store.counts(), sorted(assistant.store.chroma_ids())) == before
    assert assistant.verify() == []


def test_changed_file_replaces_all_old_chunks(assistant, news_dir):
    assistant.ingest([news_dir])
    old = {a.article.id for a in assistant.articles()}
    (news_dir / "bakery.txt").write_text("Village bakery closes\n\nThe bakery in Little Hadham closed on Friday after 100 years.", encoding="utf-8")
    report = assistant.ingest([news_dir])
    assert len(report.added) == 1 and len(report.unchanged) == 1
    ids = {a.article.id for a in assistant.articles()}
    assert len(ids) == 2 and len(ids - old) == 1
    texts = " ".join(t for _, _, t in chunk_rows(assistant.store))
    assert "sourdough" not in texts and "closed on Friday" in texts
    assert assistant.verify() == []


def test_changed_article_with_same_id_is_updated(assistant):
    a1 = Article(id="x/1", title="T", text="Old text about ships.", content_hash="h1")
    a2 = Article(id="x/1", title="T", text="New text about trains. It runs daily.", content_hash="h2")
    assistant.ingest_articles([a1])
    report = assistant.ingest_articles([a2])
    assert report.updated == ("x/1",)
    assert assistant.store.get_article("x/1").article.text == a2.text
    rows = chunk_rows(assistant.store)
    assert all("ships" not in t for _, _, t in rows) and any("trains" in t for _, _, t in rows)
    assert len(assistant.store.chroma_ids()) == len(rows)
    assert assistant.verify() == []


def test_delete_removes_article_everywhere(assistant, news_dir):
    assistant.ingest([news_dir])
    target = next(a.article.id for a in assistant.articles() if "bakery" in a.article.title.lower())
    assert assistant.delete([target, "no-such-id"]) == [target]
    s = assistant.store
    assert not s.has_article(target)
    assert not [r for r in chunk_rows(s) if r[1] == target]
    assert not [i for i in s.chroma_ids() if i.startswith(target)]
    assert s.db.execute("SELECT COUNT(*) FROM sentences WHERE article_id = ?", (target,)).fetchone()[0] == 0
    assert s.lexical_search("sourdough bakery", 10) == []
    with pytest.raises(NotFoundError):
        s.get_article(target)
    assert assistant.verify() == []


def test_bad_files_fail_alone_and_lose_nothing(assistant, news_dir, tmp_path):
    assistant.ingest([news_dir])
    before = assistant.store.counts()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (bad / "good.txt").write_text("A good one\n\nThe harbour reopened on Sunday.", encoding="utf-8")
    report = assistant.ingest([bad, tmp_path / "missing.txt"])
    assert len(report.added) == 1
    assert sorted(f.source.rsplit("/", 1)[-1] for f in report.failed) == ["bin.txt", "empty.txt", "missing.txt"]
    after = assistant.store.counts()
    assert after["articles"] == before["articles"] + 1
    assert assistant.verify() == []


def test_chunks_never_split_sentences_and_fit_the_model(assistant, embedder, tmp_path):
    long_para = " ".join(f"Sentence number {i} tells of the harbour, the ships and the {i} sailors who came home." for i in range(60))
    (tmp_path / "long.txt").write_text("A very long headline about harbours\n\n" + long_para, encoding="utf-8")
    assistant.ingest([tmp_path / "long.txt"])
    s = assistant.store
    (stored,) = s.list_articles()
    sents = s.sentences(stored.article.id)
    bounds = {(x.start, x.end) for x in sents}
    rows = s.db.execute("SELECT first, last, text FROM chunks").fetchall()
    assert len(rows) > 3
    covered = set()
    for first, last, text in rows:
        assert (sents[first].start, sents[last].end) in {(sents[first].start, sents[last].end)}
        assert text == stored.article.text[sents[first].start : sents[last].end]
        assert any(b[0] == sents[first].start for b in bounds) and any(b[1] == sents[last].end for b in bounds)
        n_tokens = embedder.count_tokens([embed_text(stored.article.title, text)])[0] + SPECIAL_TOKENS
        assert n_tokens <= embedder.max_tokens
        covered.update(range(first, last + 1))
    assert covered == set(range(len(sents)))  # every sentence is in some chunk


def test_chunk_metadata_in_chroma(assistant):
    from datetime import date

    a = Article(id="m/1", title="Meta", text="Alpha beta gamma.", url="https://m.example/1", source="wire",
                published=date(2024, 3, 26), content_hash="c")
    assistant.ingest_articles([a])
    got = assistant.store.vectors.all_stored(include=["metadatas", "documents"])
    assert list(got) == [c.id for c in assistant.store.chunks_of("m/1")]
    meta = next(iter(got.values()))["metadata"]
    assert meta == {"article_id": "m/1", "first": 0, "last": 0, "title": "Meta", "url": "https://m.example/1",
                    "source": "wire", "published_day": 20240326}
    assert [v["document"] for v in got.values()] == ["Alpha beta gamma."]


def test_seed_article_cli_roundtrip(tmp_path, seed_path, capsys):
    from qa.cli import main

    store = str(tmp_path / "S")
    assert main(["ingest", str(seed_path), "--store", store, "--json", "-q"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["counts"]["added"] == 1 and first["counts"]["chunks_embedded"] > 0
    assert main(["ingest", str(seed_path), "--store", store, "--json", "-q"]) == 0
    second = json.loads(capsys.readouterr().out)
    assert second["counts"] == {"added": 0, "updated": 0, "unchanged": 1, "failed": 0, "chunks_added": 0, "chunks_embedded": 0}
    assert main(["verify", "--store", store, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    assert main(["list", "--store", store, "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert set(row) == {"id", "title", "published", "source", "url", "sentences", "chunks"}
    assert main(["delete", row["id"], "--store", store, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"deleted": [row["id"]], "not_found": []}
    assert main(["stats", "--store", store, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 0 and stats["chunks"] == 0 and stats["vectors"] == 0
    assert main(["ingest", str(tmp_path / "nope.txt"), "--store", store, "--json", "-q"]) == 1
    assert json.loads(capsys.readouterr().out)["failed"][0]["reason"] == "no such file or folder"


def test_sentence_vectors_stored_for_every_sentence(assistant, news_dir):
    import numpy as np

    assistant.ingest([news_dir])
    s = assistant.store
    for stored in s.list_articles():
        sents = s.sentences(stored.article.id)
        vecs = s.sentence_vectors([(stored.article.id, x.index) for x in sents])
        assert len(vecs) == len(sents) == stored.n_sentences
        assert all(abs(np.linalg.norm(v) - 1.0) < 1e-2 for v in vecs.values())


def test_chunk_count_follows_writes_from_any_connection(assistant, news_dir, tmp_path):
    """The cached chunk count (BM25 statistics) changes with every write, also another process's."""
    import subprocess
    import sys

    store = assistant.store
    assistant.ingest([news_dir])
    before = store.chunk_count()
    assert before == store.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
    extra = tmp_path / "extra.txt"
    extra.write_text("A brand new headline\n\nA first sentence about tides. A second one about boats.\n", encoding="utf-8")
    assistant.ingest([extra])
    assert store.chunk_count() > before
    # another process deletes it; this process sees the new count without reopening
    other = [a.article.id for a in assistant.articles() if a.article.title == "A brand new headline"]
    code = ("import sys; from index.store import Store; s = Store(sys.argv[1]);\n"
            "with s.write_lock(): s.delete([sys.argv[2]])")
    subprocess.run([sys.executable, "-c", code, str(store.path), other[0]], check=True, timeout=120)
    assert store.chunk_count() == before


def test_query_stemmer_is_the_index_tokenizer(assistant, news_dir):
    """IDF is read from the FTS5 vocabulary: every word of a stored chunk, stemmed the way questions
    are, is a term of that vocabulary."""
    import re

    from index.text import stem

    assistant.ingest([news_dir])
    vocab = {t for (t,) in assistant.store.db.execute("SELECT term FROM chunk_vocab")}
    words = {w for (text,) in assistant.store.db.execute("SELECT text FROM chunks") for w in re.findall(r"[^\W_]+", text.lower())}
    assert words and all(stem(w) in vocab for w in words), sorted(w for w in words if stem(w) not in vocab)[:10]

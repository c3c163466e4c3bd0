"""Two-stage ingest (issue 17): words first, meaning behind. Every article is absent, words-only or
complete; stage 2 resumes where it stopped without embedding a chunk twice; a changed article goes
back to words-only and its old vectors never answer. Real model, real Chroma, real processes."""

import json
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from index.heads import HEADLINE, HEADS_COUNT_SQL
from index.store import Store
from qa.assistant import Assistant
from qa.config import Config
from tests.conftest import REPO


class Counting:
    """The real embedder, counting the texts it embeds (same interface; nothing replaced): chunks
    (embedded with their sentence spans) in ``texts``, anything else (questions, an article's
    headline and lead) in ``others``."""

    def __init__(self, inner):
        self.inner = inner
        self.name, self.dim, self.max_tokens = inner.name, inner.dim, inner.max_tokens
        self.texts = 0
        self.others = 0

    def embed(self, texts):
        self.others += len(texts)
        return self.inner.embed(texts)

    def embed_spans(self, texts, spans):
        self.texts += len(texts)
        return self.inner.embed_spans(texts, spans)

    def count_tokens(self, texts):
        return self.inner.count_tokens(texts)


def _corpus(path, n: int = 24, version: int = 1):
    rng = random.Random(n)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            words = " ".join(rng.choice(["harbour", "council", "vote", "storm", "budget", "school", "river"]) for _ in range(12))
            tag = "revised" if version == 2 and i % 2 == 0 else "original"
            body = " ".join(f"Story {i} paragraph {j} says {words} {tag}." for j in range(10))
            f.write(json.dumps({"id": f"art-{i}", "title": f"Story {i}", "text": body}) + "\n")
    return path


def _states(store: Store) -> dict[str, str]:
    """Each article's state, checked whole: 'words' (no vector for any chunk, no sentence vectors)
    or 'complete' (a vector for every chunk and every sentence); anything else fails the test."""
    in_chroma = store.chroma_ids()
    waiting = {aid for aid, _ in store.pending()}
    out = {}
    for stored in store.list_articles():
        aid = stored.article.id
        ids = {c.id for c in store.chunks_of(aid)}
        assert len(ids) == stored.n_chunks, aid
        n_vecs = len(store.sentence_vectors([(aid, i) for i in range(stored.n_sentences)]))
        if aid in waiting:
            assert not ids & in_chroma and n_vecs == 0, f"{aid}: words-only but has vectors"
            out[aid] = "words"
        else:
            assert ids <= in_chroma and n_vecs == stored.n_sentences, f"{aid}: complete but vectors missing"
            out[aid] = "complete"
    return out


def test_words_only_then_embed(tmp_path, embedder, seed_path):
    """Stage 1 alone makes the article answerable from its words, with the coverage in the answer;
    `embed` completes it; verify is clean in both states; nothing is embedded twice."""
    counting = Counting(embedder)
    qa = Assistant(Config.from_env(store=tmp_path / "s"), embedder=counting)
    report = qa.ingest([seed_path], words_only=True)
    assert report.added and report.chunks_embedded == 0 and counting.texts == 0
    assert qa.coverage() == {"articles": 1, "embedded": 0}
    assert qa.verify() == []
    assert qa.stats()["vectors"] == 0
    ans = qa.ask("Who is Nasser Kanaani?")
    assert not ans.abstained and "Kanaani" in ans.citations[0].text, ans.text
    assert ans.coverage == {"articles": 1, "embedded": 0}
    art = qa.article(ans.citations[0].article_id).article
    assert all(art.text[c.start : c.end] == c.text for c in ans.citations)
    chunks = qa.stats()["chunks"]
    counting.texts = counting.others = 0  # the question's own embeddings (query, the words-only chunks read) not counted
    assert qa.embed() == chunks == counting.texts
    assert counting.others == 2 == qa.store.db.scalar(HEADS_COUNT_SQL)  # its headline and lead, on their own
    assert qa.coverage() == {"articles": 1, "embedded": 1}
    assert qa.verify() == [] and qa.stats()["vectors"] == chunks
    assert qa.embed() == 0 and counting.texts == chunks and counting.others == 2  # nothing left, nothing embedded again
    again = qa.ask("Who is Nasser Kanaani?")
    assert not again.abstained and again.coverage == {"articles": 1, "embedded": 1}
    assert _states(qa.store) == {art.id: "complete"}


def test_embed_resumes_without_embedding_twice(tmp_path, embedder):
    """Stage 2 stopped after a few batches: the next run embeds exactly the chunks not yet done."""
    corpus = _corpus(tmp_path / "c.jsonl")
    counting = Counting(embedder)
    qa = Assistant(Config.from_env(store=tmp_path / "s"), embedder=counting)
    qa.ingest([corpus], words_only=True)
    total = qa.stats()["chunks"]
    stop = threading.Event()
    seen = []

    def progress(p):
        seen.append(p)
        if p.articles_embedded >= 5:
            stop.set()

    first = qa.embed(progress, stop, batch_chunks=4)
    assert seen[-1].stage == "meaning" and seen[-1].articles_to_embed == 24
    assert 0 < first < total and counting.texts == first
    states = _states(qa.store)
    assert 5 <= sum(s == "complete" for s in states.values()) < 24
    second = qa.embed(batch_chunks=64)
    assert first + second == total == counting.texts  # each chunk embedded once
    assert set(_states(qa.store).values()) == {"complete"} and qa.verify() == []


def test_changed_article_goes_back_to_words_only(tmp_path, embedder):
    """A complete article whose text changed is written words-only: its old vectors are removed at
    once (they never answer for the new text); stage 2 then embeds the new version only."""
    qa = Assistant(Config.from_env(store=tmp_path / "s"), embedder=embedder)
    qa.ingest([_corpus(tmp_path / "v1.jsonl", 6)])
    old = {c.id for c in qa.store.chunks_of("art-0")}
    assert old <= qa.store.chroma_ids()
    qa.ingest([_corpus(tmp_path / "v2.jsonl", 6, version=2)], words_only=True)
    states = _states(qa.store)
    assert states == {f"art-{i}": "words" if i % 2 == 0 else "complete" for i in range(6)}
    assert not old & qa.store.chroma_ids()  # the old version's vectors are gone
    assert qa.verify() == []
    ans = qa.ask("What does story 0 paragraph 3 say?")
    assert all("original" not in c.text for c in ans.citations if c.article_id == "art-0")
    qa.embed()
    assert set(_states(qa.store).values()) == {"complete"} and qa.verify() == []


def test_stale_vectors_are_refused(tmp_path, embedder):
    """Vectors computed for a version that changed before they were written are dropped."""
    from index.ingest import embed_articles

    qa = Assistant(Config.from_env(store=tmp_path / "s"), embedder=embedder)
    qa.ingest([_corpus(tmp_path / "v1.jsonl", 2)], words_only=True)
    store = qa.store
    a = store.get_article("art-0").article
    stale = embed_articles(embedder, [(a, store.sentences(a.id), store.chunks_of(a.id))])
    qa.ingest([_corpus(tmp_path / "v2.jsonl", 2, version=2)], words_only=True)  # art-0 changes
    with store.write_lock():
        assert store.complete(stale) == []
    assert _states(store)["art-0"] == "words" and qa.verify() == []


def test_export_import_keeps_words_only(tmp_path, embedder):
    qa = Assistant(Config.from_env(store=tmp_path / "a"), embedder=embedder)
    qa.ingest([_corpus(tmp_path / "c.jsonl", 4)], words_only=True)
    assert qa.export(tmp_path / "x.gz") == 4
    other = Assistant(Config.from_env(store=tmp_path / "b"), embedder=embedder)
    n, problems = other.import_file(tmp_path / "x.gz")
    assert n == 4 and problems == []
    assert other.coverage() == {"articles": 4, "embedded": 0}
    assert other.embed() == other.stats()["chunks"]
    assert other.verify() == []


CHILD = r"""
import sys
from qa.assistant import Assistant
from qa.config import Config
store, corpus = sys.argv[1:3]
qa = Assistant(Config.from_env(store=store))
qa.ingest([corpus], words_only=True, batch_chunks=6)
print("words", flush=True)
qa.embed(batch_chunks=6)
print("done", flush=True)
"""


@pytest.mark.slow
def test_sigkill_in_either_stage(tmp_path, embedder):
    """kill -9 at random moments of both stages (several seeds): every article is absent,
    words-only or complete; the store verifies clean; the re-run embeds exactly the chunks of the
    words-only articles (counted), once."""
    corpus = _corpus(tmp_path / "c.jsonl", 30)
    env_store = tmp_path / "timing"
    t0 = time.monotonic()
    subprocess.run([sys.executable, "-c", CHILD, str(env_store), str(corpus)], cwd=REPO, check=True, timeout=600,
                   capture_output=True)
    whole = time.monotonic() - t0
    rng = random.Random(17)
    stages = set()
    for seed in range(8):
        store = tmp_path / f"s{seed}"  # a folder per run: Chroma caches its client per path in a process
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(store), str(corpus)], cwd=REPO,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        time.sleep(rng.uniform(0.3, 1.0) * whole)
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate(timeout=60)
        if "done" in out:
            continue
        stages.add("meaning" if "words" in out else "words")
        if not (store / "meta.sqlite").exists():
            continue
        s = Store(store)
        s.repair()  # what the next writer does first: replay the journal
        assert s.verify() == []
        states = _states(s)
        assert set(states) <= {f"art-{i}" for i in range(30)}
        with sqlite3.connect(store / "meta.sqlite") as db:
            waiting_chunks = db.execute("SELECT COALESCE(SUM(chunks), 0) FROM pending").fetchone()[0]
        counting = Counting(embedder)
        qa = Assistant(Config.from_env(store=store), embedder=counting)
        assert qa.embed() == waiting_chunks == counting.texts
        assert set(_states(qa.store).values()) <= {"complete"} and qa.verify() == []
    assert stages == {"words", "meaning"}, f"kills landed only in {stages}: widen the window"


def test_cli_words_only_and_embed(tmp_path, seed_path):
    store = str(tmp_path / "s")

    def qa_cli(*args):
        out = subprocess.run([sys.executable, "-m", "qa", *args, "--store", store, "--json"], cwd=REPO,
                             capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    first = qa_cli("ingest", str(seed_path), "--words-only")
    assert first["coverage"] == {"articles": 1, "embedded": 0} and first["counts"]["chunks_embedded"] == 0
    checked = qa_cli("verify")
    assert checked["ok"] and checked["embedded"] == 0 and checked["vectors"] == 0
    done = qa_cli("embed")
    assert done["coverage"] == {"articles": 1, "embedded": 1} and done["chunks_embedded"] == checked["chunks"]
    assert qa_cli("verify")["vectors"] == checked["chunks"]
    answer = qa_cli("ask", "Who is Nasser Kanaani?")
    assert answer["coverage"] == {"articles": 1, "embedded": 1} and not answer["abstained"]


def test_readers_see_words_then_meaning(tmp_path, embedder):
    """Retrieval fuses whatever is embedded: the dense side finds nothing of a words-only article
    and finds it once stage 2 is done; the word side finds it throughout."""
    qa = Assistant(Config.from_env(store=tmp_path / "s"), embedder=embedder)
    qa.ingest([_corpus(tmp_path / "c.jsonl", 3)], words_only=True)
    q = embedder.embed(["story 1 harbour council"])[0]
    assert qa.store.dense_search(q, 5) == []
    assert qa.store.lexical_search("harbour council", 5)
    qa.embed()
    hits = qa.store.dense_search(np.asarray(q), 5)
    assert len(hits) == min(5, qa.stats()["chunks"])
    assert set(qa.store.chunks_by_id([c for c, _ in hits])) == {c for c, _ in hits}


def test_one_process_embeds_a_store_at_a_time(tmp_path, embedder):
    """While another process (here: another holder of the embedding turn) embeds the store, `embed`
    returns at once having embedded nothing, and readers answer throughout."""
    from index.journal import embedding_turn

    qa = Assistant(Config.from_env(store=tmp_path / "s"), embedder=embedder)
    qa.ingest([_corpus(tmp_path / "c.jsonl", 3)], words_only=True)
    with embedding_turn(qa.store.path) as mine:
        assert mine
        t0 = time.monotonic()
        assert qa.embed() == 0 and time.monotonic() - t0 < 5
        assert qa.coverage() == {"articles": 3, "embedded": 0}
        assert qa.ask("What does story 2 say about the harbour?").citations  # readers never wait
    assert qa.embed() == qa.stats()["chunks"]


def test_the_app_s_worker_embeds_the_headlines_and_leads_an_older_store_lacks(tmp_path, embedder):
    """A store written before index.heads (every article complete, no headline or lead vectors):
    the background worker the app starts gives them theirs, once, and nothing else changes."""
    corpus = _corpus(tmp_path / "c.jsonl", n=6)
    qa = Assistant(Config.from_env(store=tmp_path / "s"), embedder=embedder)
    qa.ingest([corpus])
    with sqlite3.connect(tmp_path / "s" / "meta.sqlite") as db:
        db.execute("DELETE FROM sentence_vecs WHERE idx < 0")  # as such a store was written
    counting = Counting(embedder)
    app = Assistant(Config.from_env(store=tmp_path / "s"), embedder=counting)
    assert len(app.store.missing_heads(-1)) == 6 and app.coverage() == {"articles": 6, "embedded": 6}
    app.embed_behind()
    deadline = time.monotonic() + 120
    while app.store.missing_heads(-1) and time.monotonic() < deadline:
        time.sleep(0.2)
    app.stop_embedding()
    assert app.store.missing_heads(-1) == [] and app.store.db.scalar(HEADS_COUNT_SQL) == 12
    assert counting.texts == 0 and counting.others == 12  # no chunk embedded again
    hits = app.store.head_search(embedder.embed(["Story 4"])[0], 1)
    assert [a for a, _ in hits[HEADLINE]] == ["art-4"]  # its title is "Story 4"
    assert set(_states(app.store).values()) == {"complete"} and app.verify() == []

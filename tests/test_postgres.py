"""Beyond one machine: app workers that share no disk, on one real Chroma server (`chroma run`) and
one real PostgreSQL (Debian's, started in a temporary folder). Each worker has its own store
folder (its mirror); everything they share goes through the two servers."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid

import httpx
import psycopg
import pytest

from index.errors import StoreError, StoreLockedError
from index.loaders import build_article
from index.store import Store
from index.vectors import ChromaSettings
from qa import Assistant, Config
from tests.conftest import run_app

FERRY = ("Ferry strike ends\n\nThe island ferry crews ended their strike on Wednesday after a pay deal. "
         "Sailings to Marrow Island resume on Thursday morning.")
FERRY_Q = "When do sailings to Marrow Island resume?"


@pytest.fixture()
def shared(chroma_server, postgres_url) -> dict:
    """The settings every worker of one shared store uses (a collection and schema of its own)."""
    return {"chroma": ChromaSettings(url=chroma_server, collection=f"w{uuid.uuid4().hex[:10]}"),
            "database_url": postgres_url}


def _env(shared: dict, lease_s: float = 30) -> dict:
    return {"QA_CHROMA_URL": shared["chroma"].url, "QA_CHROMA_COLLECTION": shared["chroma"].collection,
            "QA_DATABASE_URL": shared["database_url"], "QA_LEASE_S": str(lease_s)}


def _harbours(n: int, version: str = "first") -> list:
    return [build_article(text=f"Harbour report {i}\n\n" + " ".join(
        f"Harbour {i} reopened on day {d} after repairs ({version} report); {3 * i + d} boats came back." for d in range(12)),
        title=f"Harbour report {i}", explicit_id=f"harbour-{i}") for i in range(n)]


def _ask(url: str, question: str) -> dict:
    r = httpx.post(url + "/api/ask", json={"question": question}, timeout=120)
    assert r.status_code == 200, r.text
    return r.json()


def _whole_or_absent(store: Store) -> None:
    """Every stored article has all its sentences and chunks, and a vector for every chunk unless it
    is words-only (then none); ``verify`` is clean."""
    assert store.verify() == []
    vectors = store.chroma_ids()
    waiting = {aid for aid, _ in store.pending()}
    for s in store.list_articles():
        a = s.article
        sentences, chunks = store.sentences(a.id), store.chunks_of(a.id)
        assert len(sentences) == s.n_sentences and len(chunks) == s.n_chunks > 0, a.id
        assert all(a.text[x.start:x.end].strip() for x in sentences)
        have = {c.id for c in chunks} & vectors
        assert have == (set() if a.id in waiting else {c.id for c in chunks}), a.id


@pytest.mark.slow
def test_two_workers_share_no_disk(tmp_path, shared):
    """Worker 1 and worker 2 in separate folders: an upload through 1 is cited by 2's next answer; a
    delete through 2 is gone from 1's next answer."""
    env = _env(shared)
    with run_app(tmp_path / "one", tmp_path / "one.log", env) as one, run_app(tmp_path / "two", tmp_path / "two.log", env) as two:
        assert _ask(two, FERRY_Q)["abstained"]
        r = httpx.post(one + "/api/articles", files={"file": ("ferry.txt", FERRY.encode())}, timeout=120)
        assert r.status_code == 200 and r.json()["counts"]["added"] == 1, r.text
        answer = _ask(two, FERRY_Q)  # searchable by its words at once, on the other machine too
        assert not answer["abstained"] and any("Thursday" in c["text"] for c in answer["citations"]), answer
        aid = answer["citations"][0]["article_id"]
        text = httpx.get(f"{two}/api/articles/{aid}", timeout=30).json()["text"]
        assert all(text[c["start"]:c["end"]] == c["text"] for c in answer["citations"])
        deadline = time.time() + 120
        while not httpx.get(two + "/api/embedding", timeout=30).json()["complete"]:  # worker 1 embeds it
            assert time.time() < deadline, "stage 2 did not finish"
            time.sleep(0.5)
        assert not _ask(two, FERRY_Q)["abstained"]

        assert httpx.delete(f"{two}/api/articles/{aid}", timeout=60).status_code == 200
        after = _ask(one, FERRY_Q)
        assert all(c["article_id"] != aid for c in after["citations"]), after
        assert httpx.get(one + "/api/articles", timeout=30).json()["total"] == 0
    assert not (tmp_path / "one" / "chroma").exists() and not (tmp_path / "two" / "chroma").exists()


@pytest.mark.slow
@pytest.mark.parametrize(("stage", "seed"), [(1, 1), (2, 2), (2, 3)])
def test_kill_9_of_the_writing_worker_leaves_every_article_whole_or_absent(tmp_path, shared, stage, seed):
    """A worker killed (SIGKILL) at a random moment of a 40-article upload (stage 1 or stage 2):
    for the other worker and for a fresh one, each article is absent, words-only or complete;
    once the dead writer's lease expires, the next writer recovers and the rest is embedded."""
    env = _env(shared, lease_s=2)
    records = [{"id": f"harbour-{i}", "title": f"Harbour report {i}", "text": f"Harbour report {i}\n\n" + " ".join(
        f"Harbour {i} reopened on day {d} after repairs; {3 * i + d} boats came back." for d in range(90))} for i in range(40)]
    # 90 sentences each: on an idle machine stage 2 of 30-sentence articles was over within 3.8 s, before
    # the kill (the test needs the kill to land while the upload is still being embedded)
    with run_app(tmp_path / "two", tmp_path / "two.log", env) as two:
        with run_app(tmp_path / "one", tmp_path / "one.log", env) as one:
            proc_pid = int(httpx.get(one + "/api/health", timeout=30).json().get("pid", 0)) or None
            assert proc_pid, "the app reports its pid in /api/health"
            rng = random.Random(seed)
            post = subprocess.Popen([sys.executable, "-c", (  # the upload on stdin: too long for an argument
                "import httpx, json, sys; httpx.post(sys.argv[1] + '/api/articles', json=json.load(sys.stdin), timeout=300)"),
                one], stdin=subprocess.PIPE, text=True)
            post.stdin.write(json.dumps({"articles": records}))
            post.stdin.close()
            if stage == 1:  # any moment from the request on (the first ingest also imports NLTK: ~5 s)
                rng_wait = rng.uniform(0.3, 6.0)
            else:  # once worker 2 sees the articles by their words: while worker 1 embeds them
                deadline = time.time() + 120
                while httpx.get(two + "/api/embedding", timeout=30).json()["articles"] < 40:
                    assert time.time() < deadline, "stage 1 never finished"
                    time.sleep(0.1)
                rng_wait = rng.uniform(0.2, 4.0)
            time.sleep(rng_wait)
            os.kill(proc_pid, signal.SIGKILL)
            post.wait(timeout=60)
        fresh = Store(tmp_path / "fresh", **shared)
        _whole_or_absent_after_recovery(fresh)
        stored = {s.article.id for s in fresh.list_articles()}
        coverage = fresh.coverage()
        print(f"killed in stage {stage} after {rng_wait:.2f} s: {coverage}")
        assert coverage["embedded"] < 40  # killed while the upload was still in progress
        if stage == 2:
            assert coverage["articles"] == 40
        seen_by_two = {a["id"] for a in httpx.get(two + "/api/articles", timeout=30).json()["articles"]}
        assert seen_by_two == stored
        # the upload again through worker 2: the rest goes in, nothing twice, all embedded
        r = httpx.post(two + "/api/articles?wait=true", json={"articles": records}, timeout=600)
        assert r.status_code == 200, r.text
        assert set(r.json()["unchanged"]) == stored and r.json()["embedding"]["complete"]
        _whole_or_absent(fresh)
        assert fresh.coverage() == {"articles": 40, "embedded": 40}


def _whole_or_absent_after_recovery(store: Store) -> None:
    """The dead writer's lease expires; taking the write lock replays its journal (its
    uncommitted vectors removed); then every article is whole or absent."""
    deadline = time.time() + 30
    while True:
        try:
            with store.write_lock():
                break
        except StoreLockedError:
            assert time.time() < deadline, "the dead writer's lease never expired"
            time.sleep(0.5)
    _whole_or_absent(store)


def test_one_writer_by_lease_and_a_stale_writer_cannot_commit(tmp_path, embedder, shared):
    """The write lease: a second writer is refused naming the first; a lease whose holder died
    expires; a writer that lost its lease (stalled past the expiry) commits nothing."""
    first = Assistant(Config.from_env(store=tmp_path / "a", **shared, lease_s=2), embedder=embedder)
    first.ingest_articles(_harbours(2))
    second = Store(tmp_path / "b", **shared, lease_s=2)
    schema = first.store.shared.schema

    def holder() -> str | None:
        with psycopg.connect(shared["database_url"], autocommit=True) as conn:
            row = conn.execute(f'SELECT holder FROM "{schema}".lease WHERE expires_at > now()').fetchone()
            return row[0] if row else None

    with first.store.write_lock():
        assert holder() == first.store.shared.holder
        with pytest.raises(StoreLockedError, match=first.store.shared.holder), second.write_lock():
            raise AssertionError("two writers at once")
    assert holder() is None  # released with the lock
    with second.write_lock():  # the next writer takes it at once
        assert holder() == second.shared.holder
    import threading

    held = threading.Event()

    def hold_briefly():
        with first.store.write_lock():
            held.set()
            time.sleep(1.0)

    briefly = threading.Thread(target=hold_briefly)
    briefly.start()
    held.wait(10)
    t0 = time.monotonic()
    with second.write_lock():  # a lease held a moment (another worker's stage-2 batch) is waited for
        assert time.monotonic() - t0 < 4.5
    briefly.join()

    with psycopg.connect(shared["database_url"], autocommit=True) as conn:  # a writer that died holding it
        conn.execute(f'INSERT INTO "{schema}".lease VALUES (\'writer\', \'dead-host:1:x\', now() + interval \'7 seconds\') '
                     "ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at")
    with pytest.raises(StoreLockedError, match="dead-host"), second.write_lock():
        raise AssertionError("took a live lease")
    with second.write_lock():  # expired (after the refusal's 5 s wait, within the next's)
        assert holder() == second.shared.holder

    before = first.store.counts()
    with first.store.write_lock():
        with psycopg.connect(shared["database_url"], autocommit=True) as conn:  # stalled: another took over
            conn.execute(f"UPDATE \"{schema}\".lease SET holder = 'other-host:2:y'")
        with pytest.raises(StoreError, match="lost the store's write lease"):
            first.store.delete(["harbour-1"])
        with psycopg.connect(shared["database_url"], autocommit=True) as conn:
            conn.execute(f"DELETE FROM \"{schema}\".lease")
    assert second.counts()["articles"] == before["articles"] == 2  # nothing was deleted


def test_export_and_import_between_all_three_deployments(tmp_path, embedder, shared, monkeypatch):
    """qa export / qa import: embedded -> PostgreSQL deployment -> embedded, nothing embedded again,
    the same articles, vectors and answers everywhere (the last worker copies the store two articles
    at a time, as a large store is copied in pages)."""
    def cli(*args, env=None):
        r = subprocess.run([sys.executable, "-m", "qa", *args, "--json"], capture_output=True, text=True, timeout=300,
                           env={**os.environ, **(env or {})})
        assert r.returncode == 0, r.stderr[-2000:]
        return json.loads(r.stdout)

    src = Assistant(Config.from_env(store=tmp_path / "src"), embedder=embedder)
    src.ingest_articles(_harbours(5))
    remote = {"QA_CHROMA_URL": shared["chroma"].url, "QA_CHROMA_COLLECTION": shared["chroma"].collection,
              "QA_DATABASE_URL": shared["database_url"]}
    assert cli("export", str(tmp_path / "a.gz"), "--store", str(tmp_path / "src"))["exported"] == 5
    out = cli("import", str(tmp_path / "a.gz"), "--store", str(tmp_path / "worker"), env=remote)
    assert out["imported"] == 5 and out["problems"] == []
    assert cli("export", str(tmp_path / "b.gz"), "--store", str(tmp_path / "another-worker"), env=remote)["exported"] == 5
    assert cli("import", str(tmp_path / "b.gz"), "--store", str(tmp_path / "back"))["problems"] == []
    back = Assistant(Config.from_env(store=tmp_path / "back"), embedder=embedder)
    monkeypatch.setattr("index.postgres.SYNC_PAGE", 2)
    middle = Assistant(Config.from_env(store=tmp_path / "third-worker", **shared), embedder=embedder)
    assert back.store.counts() == src.store.counts() == middle.store.counts()
    assert set(back.store.chroma_ids()) == set(src.store.chroma_ids()) == set(middle.store.chroma_ids())
    q = "How many boats came back to harbour 3 on day 4?"
    assert [c.text for c in back.ask(q).citations] == [c.text for c in src.ask(q).citations] == [
        c.text for c in middle.ask(q).citations]


def test_database_down_is_a_503_not_a_stale_answer(tmp_path, embedder, chroma_server):
    """With PostgreSQL gone, a worker does not answer from its mirror (which may be behind): the
    question fails with a clear, retryable error."""
    from index.errors import UnavailableError
    from tests.conftest import postgres_server

    with postgres_server() as url:
        qa = Assistant(Config.from_env(store=tmp_path / "w", chroma=ChromaSettings(url=chroma_server, collection="down"),
                                       database_url=url), embedder=embedder)
        qa.ingest_articles(_harbours(1))
        assert not qa.ask("How many boats came back to harbour 0 on day 3?").abstained
    with pytest.raises(UnavailableError, match="cannot read the shared database") as e:
        qa.ask("How many boats came back to harbour 0 on day 3?")
    assert e.value.status == 503 and "qa@" in str(e.value)


def test_one_worker_embeds_a_shared_store_at_a_time(tmp_path, embedder, shared):
    """Stage 2 has its own lease: a worker on another machine (another folder) finds the turn
    taken and leaves the words-only articles to the one embedding them, instead of embedding them
    a second time."""
    first = Assistant(Config.from_env(store=tmp_path / "a", **shared), embedder=embedder)
    first.ingest_articles(_harbours(3), words_only=True)
    second = Assistant(Config.from_env(store=tmp_path / "b", **shared), embedder=embedder)
    with first.store.embedding_turn() as mine:
        assert mine
        assert second.embed() == 0  # returns at once: the turn is taken elsewhere
        assert second.store.coverage() == {"articles": 3, "embedded": 0}
    assert second.embed() > 0 and second.store.coverage() == {"articles": 3, "embedded": 3}
    _whole_or_absent(first.store)

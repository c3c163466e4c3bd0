"""Invariants 4 and 5 with real processes: SIGKILL during ingestion, and two writers."""

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from index.errors import StoreLockedError
from index.store import Store

CHILD = r"""
import json, sys
from index.ingest import Ingestor
from qa.assistant import Assistant
from qa.config import Config
store, v1, v2 = sys.argv[1:4]
qa = Assistant(Config.from_env(store=store))
ing = Ingestor(qa.store, qa.embedder, qa.config.chunking(qa.embedder.max_tokens), batch_chunks=3)
if v1 != "-":
    ing.ingest_paths([v1])
print("ready", flush=True)
ing.ingest_paths([v2])
print("done", flush=True)
"""


def _corpus(path, version: int, n: int = 24):
    rng = random.Random(n)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            changed = version == 2 and i % 2 == 0
            words = " ".join(rng.choice(["harbour", "council", "vote", "storm", "budget", "school", "river"]) for _ in range(12))
            body = " ".join(f"Story {i} paragraph {j} says {words} {'revised' if changed else 'original'}." for j in range(10))
            if version == 2 or i < n - 4:  # v2 adds four new articles
                f.write(json.dumps({"id": f"art-{i}", "title": f"Story {i}", "text": body}) + "\n")
    return path


def _hashes(store):
    db = sqlite3.connect(store / "meta.sqlite")
    try:
        return dict(db.execute("SELECT id, content_hash FROM articles"))
    finally:
        db.close()


def _expected_hashes(path):
    from index.loaders import load_file

    return {a.id: a.content_hash for a in load_file(path)}


def _verify_cli(store):
    out = subprocess.run([sys.executable, "-m", "qa", "verify", "--repair", "--json", "--store", str(store)],
                         capture_output=True, text=True, timeout=300)
    return out.returncode, json.loads(out.stdout) if out.stdout.strip() else out.stderr


def _verify_in_process(store):
    """Open as a writer (replays the journal, as the next ingest would), then check invariants."""
    s = Store(store)
    s.repair()
    return s.verify()


@pytest.mark.slow
def test_sigkill_during_ingest_leaves_articles_whole(tmp_path, embedder):
    """kill -9 at 20 random moments of an ingest that updates and adds articles: every article is at
    its old version, its new one, or absent; the store verifies clean; a re-run completes."""
    import shutil

    from qa.assistant import Assistant
    from qa.config import Config

    v1 = _corpus(tmp_path / "v1.jsonl", 1)
    v2 = _corpus(tmp_path / "v2.jsonl", 2)
    h1, h2 = _expected_hashes(v1), _expected_hashes(v2)
    base = tmp_path / "base"
    Assistant(Config.from_env(store=base), embedder=embedder).ingest([v1])
    killed_mid_write = 0
    for seed in range(20):
        rng = random.Random(seed)
        store = tmp_path / f"store{seed}"
        shutil.copytree(base, store)
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(store), "-", str(v2)],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 2.5))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        killed_mid_write += "done" not in child.stdout.read()
        assert _verify_in_process(store) == [], seed
        for aid, h in _hashes(store).items():
            assert h in (h1.get(aid), h2.get(aid)), (seed, aid)
        assert set(h1) <= set(_hashes(store))  # v1 articles were complete before the kill
    assert killed_mid_write >= 12, "the kills should mostly land during the v2 ingest"
    # after a crash, running the same ingest again completes it; the CLI agrees the store is sound
    done = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "store0"), "-", str(v2)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and "done" in done.stdout, done.stderr[-2000:]
    assert _hashes(tmp_path / "store0") == h2
    code, result = _verify_cli(tmp_path / "store0")
    assert code == 0 and result["ok"] and result["chunks"] == result["vectors"] > 0


HOLD = r"""
import sys, time
from index.store import Store
s = Store(sys.argv[1], embedder_name="test-embedder", dim=4)
with s.write_lock():
    print("locked", flush=True)
    time.sleep(60)
"""


def test_second_writer_fails_fast(tmp_path):
    store = tmp_path / "S"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(store)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        s = Store(store, embedder_name="test-embedder", dim=4)
        t0 = time.perf_counter()
        with pytest.raises(StoreLockedError, match="another process"), s.write_lock():
            pytest.fail("the writer lock was granted while another process held it")
        assert time.perf_counter() - t0 < 1.0
        # the CLI refuses before loading any model, with its own exit code
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "qa", "ingest", str(tmp_path), "--store", str(store), "-q"],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 3 and "being written by another process" in out.stderr
        assert f"process {holder.pid}" in out.stderr
    finally:
        holder.kill()
        holder.wait()
    # once the holder is gone (even killed), the lock is free again and the store intact
    with s.write_lock():
        assert s.verify() == []

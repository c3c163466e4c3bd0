"""A server-mode store grown to a million chunks: insert rate, ask latency, memory and disk.

    python -m bench.scale --source /tmp/RT --questions ../shared/eval/realtimeqa/dev.jsonl \
        --work /tmp/scale --sizes 10000,100000,1000000 [--database-url postgresql://qa@127.0.0.1:5432/qa]

With ``--database-url`` the same growth runs twice in one run, side by side: records in the store
folder's SQLite, then in PostgreSQL (the shared-database deployment, whose figures add a new
worker's start: copying the store into its mirror, then building its BM25 copy).

Synthetic but realistic: every synthetic article is a copy of a real stored article (its real text,
sentence offsets, chunks and contextual sentence vectors) under a new id, and each chunk vector is
the real one perturbed with Gaussian noise (cosine about 0.93 to the original) and renormalised, so
the index holds a million distinct vectors shaped like real ones. Written through ``Store.write`` (the
normal crash-safe path: journal, Chroma upsert, SQLite rows with the FTS5 indexes) to a Chroma
server started here (``chroma run``). At each size: insert rate so far, ask p50/p95 over the dev
questions through the Python API, Chroma server and client RSS, disk per part; at the end, ask
p95 with 4 concurrent clients through 2 app workers (app.py processes sharing the server).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import httpx
import numpy as np
import psutil

from index.articles import Chunk
from index.store import PreparedArticle, Store
from index.transfer import stored_parts
from index.vectors import ChromaSettings

REPO = Path(__file__).resolve().parent.parent


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, timeout=2).status_code == 200:
                return
        if proc.poll() is not None:
            raise SystemExit(f"{proc.args[0]} exited")
        time.sleep(0.5)
    raise SystemExit(f"{url} not ready")


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))], 1)


def load_templates(source: Path) -> list[PreparedArticle]:
    """Every article of the source store with its chunks, vectors and sentence vectors."""
    src = Store(source)
    return [stored_parts(src, stored.article) for stored in src.list_articles()]


def synthetic(t: PreparedArticle, k: int, rng: np.random.Generator, sigma: float) -> PreparedArticle:
    """Copy ``k`` of a template article: a new id, the same text, perturbed chunk vectors."""
    aid = f"{t.article.id}~{k}"
    article = replace(t.article, id=aid, origin="")
    chunks = [Chunk(aid + c.id[len(t.article.id):], aid, c.first_sentence, c.last_sentence, c.text) for c in t.chunks]
    sentences = [replace(s, article_id=aid) for s in t.sentences]
    emb = t.embeddings + rng.normal(0.0, sigma, t.embeddings.shape).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    return PreparedArticle(article, sentences, chunks, emb, t.sentence_vectors)


def ask_latency(store_path: Path, chroma: ChromaSettings, questions: list[str], database_url: str | None = None) -> dict:
    """Ask latency with the in-memory BM25 (built first, its build time reported) and, side by side
    in the same run, with FTS5 alone."""
    from qa import Assistant, Config

    qa = Assistant(Config.from_env(store=store_path, chroma=chroma, memory_bm25=True, database_url=database_url))
    t0 = time.perf_counter()
    index = qa.store.lexical_index(wait=True)  # mapped if saved, else built here
    build_s = round(time.perf_counter() - t0, 1)
    memory = _ask_timed(qa, questions)
    rss = round(psutil.Process().memory_info().rss / 2**20)
    fts5 = _ask_timed(Assistant(Config.from_env(store=store_path, chroma=chroma, memory_bm25=False,
                                                database_url=database_url)), questions)
    return {**memory, "bm25_index_s": build_s if index is not None else None, "client_rss_mb": rss,
            "fts5_only": {k: v for k, v in fts5.items() if k != "stage_p95_ms"}}


def new_worker(work: Path, chroma: ChromaSettings, database_url: str) -> dict:
    """A new worker on the shared database (an empty folder): the time to copy the store into its
    mirror, then to build its in-memory BM25 copy."""
    folder = work / f"new-worker-{time.monotonic_ns()}"
    t0 = time.perf_counter()
    store = Store(folder, chroma=chroma, database_url=database_url)  # opening it copies the whole store
    mirror_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    store.lexical_index(wait=True)
    out = {"new_worker_mirror_s": round(mirror_s, 1), "new_worker_bm25_s": round(time.perf_counter() - t0, 1)}
    shutil.rmtree(folder, ignore_errors=True)
    return out


def measure(work: Path, chroma: ChromaSettings, questions: list[str], server: subprocess.Popen,
            database_url: str | None = None) -> dict:
    """Ask latency (both word-search modes), Chroma server RSS and disk use of the store in ``work``;
    with a shared database, a new worker's start too."""
    extra = new_worker(work, chroma, database_url) if database_url else {}
    return {**ask_latency(work / "store", chroma, questions, database_url), **extra,
            "server_rss_mb": round(psutil.Process(server.pid).memory_info().rss / 2**20),
            "disk_chroma_mb": round(_du(work / "chroma") / 2**20), "disk_sqlite_mb": round(_du(work / "store") / 2**20)}


def _ask_timed(qa, questions: list[str]) -> dict:
    for q in questions:  # warm up: the same page cache for both modes, whichever runs first
        qa.ask(q)
    lat, stages = [], {}
    for q in questions:
        t0 = time.perf_counter()
        answer = qa.ask(q)
        lat.append((time.perf_counter() - t0) * 1000)
        for stage, ms in answer.timings_ms.items():
            stages.setdefault(stage, []).append(ms)
    return {"ask_p50_ms": _pct(lat, 50), "ask_p95_ms": _pct(lat, 95), "ask_mean_ms": round(statistics.mean(lat), 1),
            "stage_p50_ms": {k: _pct(v, 50) for k, v in stages.items()},
            "stage_p95_ms": {k: _pct(v, 95) for k, v in stages.items()}}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", required=True, help="a built store whose articles are the templates")
    ap.add_argument("--questions", required=True)
    ap.add_argument("--work", required=True, help="scratch folder (emptied)")
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--sigma", type=float, default=0.02, help="noise per dimension on unit vectors")
    ap.add_argument("--batch", type=int, default=200, help="articles per write")
    ap.add_argument("--questions-per-size", type=int, default=60)
    ap.add_argument("--database-url", help="also grow the same store with its records in this PostgreSQL "
                    "(the shared-database deployment), after the SQLite one, in the same run")
    ap.add_argument("--no-concurrent", action="store_true", help="skip the 2-worker concurrency measurement")
    ap.add_argument("--measure-only", action="store_true",
                    help="keep the store already in --work (grown by an earlier run) and only measure it again")
    args = ap.parse_args(argv)
    sizes = sorted(int(x) for x in args.sizes.split(","))
    work = Path(args.work)
    if not args.measure_only:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    questions = [json.loads(x)["question"] for x in Path(args.questions).read_text(encoding="utf-8").splitlines() if x.strip()]
    questions = questions[: args.questions_per_size]
    templates = [] if args.measure_only else load_templates(Path(args.source))
    print(f"{len(templates)} template articles, {sum(len(t.chunks) for t in templates)} chunks", file=sys.stderr)

    if args.measure_only:
        _measure_only(work, questions, args.database_url, not args.no_concurrent)
        return
    deployments = [("sqlite", None)] + ([("postgres", args.database_url)] if args.database_url else [])
    results = {name: grow(work / name if args.database_url else work, templates, sizes, args, questions, db, name)
               for name, db in deployments}
    for name, rows in results.items():
        print(f"\n{name}:")
        print("| chunks | insert (chunks/s) | ask p50 | ask p95 | FTS5 only: p50 / p95 | BM25 index build | new worker: mirror / BM25 "
              "| Chroma server RSS | client RSS | disk Chroma | disk SQLite |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for r in rows:
            if "chunks" not in r:
                continue
            fresh = f"{r['new_worker_mirror_s']} s / {r['new_worker_bm25_s']} s" if "new_worker_mirror_s" in r else "—"
            print(f"| {r['chunks']:,} | {r['insert_chunks_per_s']:,} | {r['ask_p50_ms']} ms | {r['ask_p95_ms']} ms | "
                  f"{r['fts5_only']['ask_p50_ms']} / {r['fts5_only']['ask_p95_ms']} ms | {r['bm25_index_s']} s | {fresh} | "
                  f"{r['server_rss_mb']:,} MB | {r['client_rss_mb']:,} MB | {r['disk_chroma_mb']:,} MB | {r['disk_sqlite_mb']:,} MB |")
        for r in rows:
            if "concurrent" in r:
                print("4 clients through 2 app workers:", r["concurrent"])


def _chroma_server(path: Path) -> tuple[subprocess.Popen, str]:
    port = _port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(Path(sys.executable).parent / "chroma"), "run", "--path", str(path),
                               "--host", "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait(url + "/api/v2/heartbeat", server)
    return server, url


def _measure_only(work: Path, questions: list[str], database_url: str | None = None, concurrent: bool = True) -> None:
    """Measure again the store(s) an earlier run grew (with ``database_url``: both deployments, the
    SQLite one in work/sqlite and the PostgreSQL one in work/postgres, one after the other)."""
    places = [(work / "sqlite", None), (work / "postgres", database_url)] if database_url else [(work, None)]
    for place, db in places:
        server, url = _chroma_server(place / "chroma")
        try:
            chroma = ChromaSettings(url=url, collection="scale")
            n = Store(place / "store", chroma=chroma, database_url=db).chunk_count()
            row = {"deployment": "postgres" if db else "sqlite", "chunks": n, **measure(place, chroma, questions, server, db)}
            print(json.dumps(row), flush=True)
            if concurrent and db is None:
                print(json.dumps({"concurrent": concurrent_workers(place / "store", url, questions)}), flush=True)
        finally:
            server.terminate()
            server.wait(60)


def grow(work: Path, templates: list, sizes: list[int], args, questions: list[str], database_url: str | None,
         name: str) -> list[dict]:
    """Grow one deployment's store to each size through ``Store.write``, measuring at each."""
    work.mkdir(parents=True, exist_ok=True)
    server, url = _chroma_server(work / "chroma")
    rows = []
    try:
        chroma = ChromaSettings(url=url, collection="scale")
        store = Store(work / "store", embedder_name=Store(Path(args.source)).embedder_name,
                      dim=templates[0].embeddings.shape[1], chroma=chroma, database_url=database_url)
        rng = np.random.default_rng(0)
        order = random.Random(0)
        n_chunks, k, t_insert = 0, 0, 0.0
        for target in sizes:
            with store.write_lock():
                while n_chunks < target:
                    batch = []
                    while n_chunks < target and len(batch) < args.batch:
                        t = templates[order.randrange(len(templates))]
                        batch.append(synthetic(t, k, rng, args.sigma))
                        k += 1
                        n_chunks += len(t.chunks)
                    t0 = time.perf_counter()
                    store.write(batch)
                    t_insert += time.perf_counter() - t0
            row = {"deployment": name, "chunks": n_chunks, "articles": k, "insert_s": round(t_insert, 1),
                   "insert_chunks_per_s": round(n_chunks / t_insert), **measure(work, chroma, questions, server, database_url)}
            rows.append(row)
            print(json.dumps(row), flush=True)
        if not args.no_concurrent and database_url is None:
            rows.append({"concurrent": concurrent_workers(work / "store", url, questions)})
            print(json.dumps(rows[-1]), flush=True)
    finally:
        server.terminate()
        server.wait(60)
    return rows


def concurrent_workers(store: Path, chroma_url: str, questions: list[str]) -> dict:
    """Ask p50/p95 with 4 concurrent clients spread over 2 app processes on the same server."""
    procs, urls = [], []
    env = {**os.environ, "QA_CHROMA_URL": chroma_url, "QA_CHROMA_COLLECTION": "scale", "HF_HUB_OFFLINE": "1",
           "GRADIO_ANALYTICS_ENABLED": "False", "QA_STORE": str(store)}
    try:
        for _ in range(2):
            port = _port()
            procs.append(subprocess.Popen([sys.executable, str(REPO / "app.py"), "--port", str(port)], env=env,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO))
            urls.append(f"http://127.0.0.1:{port}")
        for u, p in zip(urls, procs, strict=True):
            _wait(u + "/api/health", p)
            httpx.post(u + "/api/ask", json={"question": questions[0]}, timeout=120)

        def one(i: int) -> float:
            t0 = time.perf_counter()
            r = httpx.post(urls[i % 2] + "/api/ask", json={"question": questions[i % len(questions)]}, timeout=120)
            r.raise_for_status()
            return (time.perf_counter() - t0) * 1000

        with ThreadPoolExecutor(4) as pool:
            lat = list(pool.map(one, range(2 * len(questions))))
        return {"requests": len(lat), "p50_ms": _pct(lat, 50), "p95_ms": _pct(lat, 95)}
    finally:
        for p in procs:
            p.terminate()
            p.wait(30)


if __name__ == "__main__":
    main()

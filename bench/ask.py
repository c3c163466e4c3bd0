"""Ask latency on a built store: p50/p95/p99 over the dev questions, one client and 4 concurrent
clients, through the Python API and the HTTP API; cold start to first answer; serving RSS.

    python -m bench.ask --store /tmp/RT --questions ../shared/eval/realtimeqa/dev.jsonl [--http]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def pct(xs, p):
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))], 1) if xs else None


def summary(lat):
    return {"n": len(lat), "p50_ms": pct(lat, 50), "p95_ms": pct(lat, 95), "p99_ms": pct(lat, 99)}


def run_clients(fn, questions, clients):
    lat = []

    def one(q):
        t0 = time.perf_counter()
        fn(q)
        return (time.perf_counter() - t0) * 1000

    with ThreadPoolExecutor(clients) as pool:
        t0 = time.perf_counter()
        lat = list(pool.map(one, questions))
        wall = time.perf_counter() - t0
    return {**summary(lat), "clients": clients, "throughput_qps": round(len(questions) / wall, 1)}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", required=True)
    ap.add_argument("--questions", required=True)
    ap.add_argument("--http", action="store_true", help="also measure through the HTTP API (starts app.py)")
    ap.add_argument("--backend", default="onnx")
    args = ap.parse_args(argv)
    with open(args.questions, encoding="utf-8") as f:
        questions = [json.loads(x)["question"] for x in f if x.strip()]
    out = {}
    # cold start: a new process, existing store, to the first answer
    code = ("import time,sys; t=time.perf_counter(); from qa import Assistant; "
            f"qa=Assistant.open(store={args.store!r}, embed_backend={args.backend!r}); a=qa.ask(sys.argv[1]); "
            "print(round(time.perf_counter()-t,2))")
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", code, questions[0]], capture_output=True, text=True, check=True)
    out["cold_start_s"] = {"in_process": float(r.stdout.strip().splitlines()[-1]), "with_interpreter": round(time.perf_counter() - t0, 2)}

    from qa import Assistant

    qa = Assistant.open(store=args.store, embed_backend=args.backend)
    t0 = time.perf_counter()
    qa.store.lexical_index(wait=True)  # mapped from STORE/lexical (or built once, timed here)
    out["bm25_index_ready_s"] = round(time.perf_counter() - t0, 2)
    for q in questions:  # one warm-up pass: every mode below then reads from the same page cache
        qa.ask(q)
    out["python_1_client"] = run_clients(qa.ask, questions, 1)
    out["python_4_clients"] = run_clients(qa.ask, questions, 4)
    fts5 = Assistant.open(store=args.store, embed_backend=args.backend, memory_bm25=False)
    out["python_1_client_fts5_only"] = run_clients(fts5.ask, questions, 1)
    stages = {}
    for q in questions[:50]:
        for k, v in qa.ask(q).timings_ms.items():
            stages.setdefault(k, []).append(v)
    out["stage_p50_ms"] = {k: pct(v, 50) for k, v in stages.items()}
    out["peak_rss_mb_python"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    if args.http:
        import httpx
        import psutil

        port = free_port()
        env = {**os.environ, "QA_STORE": args.store, "QA_EMBED_BACKEND": args.backend}
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve().parent.parent / "app.py"), "--port", str(port)],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(240):
                try:
                    if httpx.get(url + "/api/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.5)
            client = httpx.Client(timeout=60)

            def ask_http(q):
                r = client.post(url + "/api/ask", json={"question": q})
                r.raise_for_status()

            ask_http(questions[0])
            out["http_1_client"] = run_clients(ask_http, questions, 1)
            out["http_4_clients"] = run_clients(ask_http, questions, 4)
            out["serving_rss_mb_http"] = round(psutil.Process(proc.pid).memory_info().rss / 2**20)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()

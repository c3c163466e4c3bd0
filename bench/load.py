"""Load on the HTTP API: N concurrent clients asking for a fixed time.

    python -m bench.load --store /tmp/RT --questions ../shared/eval/realtimeqa/dev.jsonl --clients 10,50 --seconds 30
    python -m bench.load ... --stream            # POST /api/ask/stream (NDJSON) instead

Starts the app (app.py) on a free loopback port with the given store (or uses --url), then, for each
client count, runs that many threads that each ask question after question (POST /api/ask) for the
given time. Prints throughput, latency p50/p95/p99 of answered requests, and errors by kind
(HTTP status or exception). The app's queue bounds the work: beyond QA_CONCURRENCY + QA_QUEUE
waiting requests it answers 503 "busy" at once.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def _ask(http: httpx.Client, url: str, q: str, stream: bool) -> str | None:
    """One question; None when answered, else the kind of failure. A stream counts as answered
    only when its last line is the answer event."""
    if not stream:
        r = http.post(url + "/api/ask", json={"question": q})
        return None if r.status_code == 200 else f"HTTP {r.status_code}"
    with http.stream("POST", url + "/api/ask/stream", json={"question": q}) as r:
        if r.status_code != 200:
            r.read()
            return f"HTTP {r.status_code}"
        lines = [ln for ln in r.iter_lines() if ln.strip()]
    last = json.loads(lines[-1]) if lines else {}
    return None if last.get("event") == "answer" else f"stream ended with {last.get('event', 'nothing')}"


def run(url: str, questions: list[str], clients: int, seconds: float, seed: int = 0, stream: bool = False) -> dict:
    latencies: list[float] = []
    errors: collections.Counter = collections.Counter()
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    start = threading.Barrier(clients)

    def client(k: int) -> None:
        rng = random.Random(seed * 1000 + k)
        with httpx.Client(timeout=120) as http:
            start.wait()
            while time.monotonic() < stop:
                q = rng.choice(questions)
                t0 = time.perf_counter()
                try:
                    kind = _ask(http, url, q, stream)
                except httpx.HTTPError as e:
                    kind = type(e).__name__
                dt = (time.perf_counter() - t0) * 1000
                with lock:
                    if kind is None:
                        latencies.append(dt)
                    else:
                        errors[kind] += 1
                if kind == "HTTP 503":
                    time.sleep(0.05)  # told busy: back off a little, as a real client would

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - t0
    return {"clients": clients, "mode": "stream" if stream else "plain", "seconds": round(wall, 1), "answered": len(latencies),
            "throughput_qps": round(len(latencies) / wall, 1),
            "p50_ms": round(_pct(latencies, 50), 1), "p95_ms": round(_pct(latencies, 95), 1),
            "p99_ms": round(_pct(latencies, 99), 1),
            "mean_ms": round(statistics.mean(latencies), 1) if latencies else None,
            "errors": dict(errors)}


@contextlib.contextmanager
def app(store: str, env: dict):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, str(REPO / "app.py"), "--port", str(port), "--store", store],
                            env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    try:
        deadline = time.time() + 180
        while time.time() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                    break
            if proc.poll() is not None:
                raise SystemExit("the app exited before serving")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(30)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", help="store to serve (starts app.py); or --url")
    ap.add_argument("--url", help="an app already running")
    ap.add_argument("--questions", required=True, help="JSONL with a 'question' field")
    ap.add_argument("--clients", default="10,50")
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--stream", action="store_true", help="ask through /api/ask/stream")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    lines = Path(args.questions).read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line)["question"] for line in lines if line.strip()]
    rows = []
    with contextlib.ExitStack() as stack:
        url = args.url or stack.enter_context(app(args.store, {"HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}))
        httpx.post(url + "/api/ask", json={"question": questions[0]}, timeout=120)  # warm up
        for n in (int(x) for x in args.clients.split(",")):
            rows.append(run(url, questions, n, args.seconds, stream=args.stream))
        rows[-1]["health_after"] = httpx.get(url + "/api/health", timeout=5).json()  # still serving, nothing held
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    print("| mode | clients | answered | throughput | p50 | p95 | p99 | errors |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        errs = ", ".join(f"{k}: {v}" for k, v in r["errors"].items()) or "none"
        print(f"| {r['mode']} | {r['clients']} | {r['answered']} in {r['seconds']} s | {r['throughput_qps']} q/s | "
              f"{r['p50_ms']} ms | {r['p95_ms']} ms | {r['p99_ms']} ms | {errs} |")
    print(f"after the run: {rows[-1]['health_after'].get('questions_in_progress')} questions in progress")


if __name__ == "__main__":
    main()

"""Conversations scored on their last turn, through the Python API and the HTTP API side by side
(internal; the dialogues are ours, bench/dialogues.jsonl, the answers come from the dev files).

    python -m bench.dialogues --rt-store /tmp/RT --squad-store /tmp/SQ \\
        --rt ../shared/eval/realtimeqa/dev.jsonl --squad ../shared/eval/squad2/dev.jsonl [--lower]

Each store must hold its corpus already (``qa eval --corpus … --store …`` builds it). The HTTP API
is the real app (app.py) on a free loopback port, asked with the same history a chat sends.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import httpx

from bench import add_dev_sets
from qa.assistant import Assistant
from qa.config import Config
from qa.dialogues import evaluate_dialogues, read_dialogues, summarize_dialogues
from qa.evaluate import read_questions

REPO = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def app_server(store: str):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "QA_STORE": store, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    proc = subprocess.Popen([sys.executable, str(REPO / "app.py"), "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(360):
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                    break
            time.sleep(0.5)
        else:
            raise SystemExit("the app did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main(argv=None):
    ap = argparse.ArgumentParser()
    add_dev_sets(ap)
    ap.add_argument("--dialogues", type=Path, default=REPO / "bench" / "dialogues.jsonl")
    ap.add_argument("--show", action="store_true", help="print each dialogue's last-turn query and result")
    ap.add_argument("--lower", action="store_true",
                    help="each turn typed in lower case, as a chat is typed (names too: \"what did adele say?\")")
    args = ap.parse_args(argv)
    rows = {}
    for name, store, qfile in (("RealTimeQA", args.rt_store, args.rt), ("SQuAD 2.0", args.squad_store, args.squad)):
        dialogues = read_dialogues(args.dialogues, read_questions(qfile))
        if args.lower:
            dialogues = [replace(d, turns=tuple(t.lower() for t in d.turns)) for d in dialogues]
        assistant = Assistant(Config.from_env(store=store))

        def ask_python(q, h, f, a=assistant):
            return a.ask(q, history=h, filters=f).to_dict()

        python = evaluate_dialogues(ask_python, dialogues)
        with app_server(store) as url, httpx.Client(base_url=url, timeout=120) as http:
            def ask_http(q, h, f):
                r = http.post("/api/ask", json={"question": q, "history": h, **({"filters": f} if f else {})})
                r.raise_for_status()
                return r.json()
            over_http = evaluate_dialogues(ask_http, dialogues)
            dated = any(d.as_of for d in dialogues)  # asked as of the question's date too, as `qa eval` asks
            rows[name] = {"python": summarize_dialogues(python), "http": summarize_dialogues(over_http)}
            if dated:
                rows[name] |= {"python_as_of": summarize_dialogues(evaluate_dialogues(ask_python, dialogues, True)),
                               "http_as_of": summarize_dialogues(evaluate_dialogues(ask_http, dialogues, True))}
        if args.show:
            for d, r in zip(dialogues, python, strict=True):
                print(("ok " if r.right else "MISS"), ("alone-ok" if r.standalone_right else "alone-miss"), d.turns[-1][:60], "->", r.query)
    print(json.dumps(rows, indent=2))
    print("\n| corpus | dialogues | last turn right (Python API) | last turn right (HTTP API) | first cited sentence "
          "right | mean cited | abstained | the standalone question right |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in rows.items():
        for when, (p, h) in (("", (r["python"], r["http"])),
                             (", as of the question's date", (r.get("python_as_of"), r.get("http_as_of")))):
            if p is None:
                continue
            print(f"| {name}{when} | {p['dialogues']} | {p['last_turn_right']:.3f} | {h['last_turn_right']:.3f} | "
                  f"{p['last_turn_first_right']:.3f} | {p['last_turn_mean_cited']:.2f} | "
                  f"{p['last_turn_abstained']:.3f} | {p['standalone_right']:.3f} |")

if __name__ == "__main__":
    main()

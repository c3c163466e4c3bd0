"""The demo article alone in a store, asked as a person asks it (internal): bench/demo.jsonl through
``Assistant.ask`` (no date), with what a reader sees — the answer in the first cited sentence, in any,
abstentions, sentences cited — and the questions it does not answer abstained (the figures of
``bench.folders``, for the demo article).

    python -m bench.demo ../shared/eval/seed/haniyeh-tehran.txt [--show]

The demo article is the one a person meets first; its questions are our own (bench/demo.jsonl: the
people it names, the issue's examples, questions tried in the chat).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from bench.folders import read_as_asked, summarize
from qa.assistant import Assistant
from qa.config import Config
from qa.evaluate import read_questions

__all__ = ["main", "summarize"]


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("article", type=Path, help="the demo article (../shared/eval/seed/haniyeh-tehran.txt)")
    ap.add_argument("--questions", type=Path, default=Path("bench/demo.jsonl"))
    ap.add_argument("--show", action="store_true", help="each question: F first, A in a later sentence, - abstained, x wrong")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        qa = Assistant(Config.from_env(store=Path(tmp) / "store"))
        qa.ingest([args.article])
        rows = [read_as_asked(qa, q) for q in read_questions(args.questions)]
    if args.show:
        for r in rows:
            mark = "-" if r["abstained"] else "F" if r["first"] else "A" if r["any"] else "x"
            print(mark if not r["impossible"] else ("ok" if r["abstained"] else "ANSWERED"), r["cited"], r["confidence"],
                  r["question"])
    print(json.dumps(summarize(rows), indent=2))


if __name__ == "__main__":
    main()

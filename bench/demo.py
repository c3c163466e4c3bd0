"""The demo article alone in a store, asked as a person asks it (internal): bench/demo.jsonl through
``Assistant.ask`` (no date), with what a reader sees — the answer in the first cited sentence, in any,
abstentions, sentences cited — and the questions it does not answer abstained.

    python -m bench.demo ../shared/eval/seed/haniyeh-tehran.txt [--show]

The demo article is the one a person meets first; its questions are our own (bench/demo.jsonl: the
people it names, the issue's examples, questions tried in the chat).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from qa.assistant import Assistant
from qa.config import Config
from qa.evaluate import answer_in, read_questions


def ask_all(qa: Assistant, questions: list[dict]) -> list[dict]:
    """Each question asked alone: abstained, the answer in the first cited sentence, in any, cited."""
    out = []
    for q in questions:
        ans = qa.ask(q["question"])
        cited = sorted(ans.citations, key=lambda c: c.n)
        answers = list(q.get("answer_text") or [])
        out.append({"question": q["question"], "impossible": bool(q.get("is_impossible")), "abstained": ans.abstained,
                    "first": bool(answers) and not ans.abstained and bool(cited) and answer_in([cited[0].text], answers),
                    "any": bool(answers) and not ans.abstained and answer_in([c.text for c in cited], answers),
                    "cited": len(cited), "confidence": round(ans.confidence, 3)})
    return out


def summarize(rows: list[dict]) -> dict:
    answerable = [r for r in rows if not r["impossible"]]
    impossible = [r for r in rows if r["impossible"]]
    n = len(answerable) or 1
    return {"answerable": len(answerable),
            "answer_in_first_citation": round(sum(r["first"] for r in answerable) / n, 3),
            "answer_in_citations": round(sum(r["any"] for r in answerable) / n, 3),
            "answerable_abstained": round(sum(r["abstained"] for r in answerable) / n, 3),
            "mean_cited_sentences": round(sum(r["cited"] for r in answerable if not r["abstained"])
                                          / (sum(1 for r in answerable if not r["abstained"]) or 1), 2),
            "unanswerable": len(impossible),
            "unanswerable_abstained": round(sum(r["abstained"] for r in impossible) / (len(impossible) or 1), 3)}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("article", type=Path, help="the demo article (../shared/eval/seed/haniyeh-tehran.txt)")
    ap.add_argument("--questions", type=Path, default=Path("bench/demo.jsonl"))
    ap.add_argument("--show", action="store_true", help="each question: F first, A in a later sentence, - abstained, x wrong")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        qa = Assistant(Config.from_env(store=Path(tmp) / "store"))
        qa.ingest([args.article])
        rows = ask_all(qa, read_questions(args.questions))
    if args.show:
        for r in rows:
            mark = "-" if r["abstained"] else "F" if r["first"] else "A" if r["any"] else "x"
            print(mark if not r["impossible"] else ("ok" if r["abstained"] else "ANSWERED"), r["cited"], r["confidence"],
                  r["question"])
    print(json.dumps(summarize(rows), indent=2))


if __name__ == "__main__":
    main()

"""Chunk size / overlap measured on a RealTimeQA dev subset (all gold articles + N distractors),
side by side in one run: Hits@1/5 and answer-in-citations for each setting.

    python -m bench.chunking --corpus ../shared/eval/realtimeqa/corpus.jsonl \
        --questions ../shared/eval/realtimeqa/dev.jsonl --distractors 400
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from pathlib import Path

from qa.assistant import Assistant, load_embedder
from qa.config import Config
from qa.evaluate import ensure_corpus, evaluate, read_questions, summarize

SETTINGS = [(4, 1), (6, 1), (8, 1), (8, 0), (12, 2)]


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--questions", required=True)
    ap.add_argument("--distractors", type=int, default=400)
    ap.add_argument("--backend", default="onnx")
    ap.add_argument("--settings", default=",".join(f"{a}:{b}" for a, b in SETTINGS),
                    help="max_sentences:overlap pairs, comma separated")
    args = ap.parse_args(argv)
    qs = read_questions(Path(args.questions))
    gold = {g for q in qs for g in q.get("gold_doc_ids") or []}
    with open(args.corpus, encoding="utf-8") as f:
        lines = f.readlines()
    golds = [ln for ln in lines if json.loads(ln)["doc_id"] in gold]
    others = [ln for ln in lines if json.loads(ln)["doc_id"] not in gold]
    random.Random(0).shuffle(others)
    tmp = Path(tempfile.mkdtemp(prefix="bench-chunking-"))
    subset = tmp / "subset.jsonl"
    subset.write_text("".join(golds + others[: args.distractors]), encoding="utf-8")
    embedder = load_embedder(None, args.backend)
    print(f"subset: {len(golds)} gold + {args.distractors} distractor articles")
    for max_sentences, overlap in (tuple(map(int, x.split(":"))) for x in args.settings.split(",")):
        cfg = Config.from_env(store=tmp / f"s{max_sentences}-{overlap}", chunk_sentences=max_sentences, chunk_overlap=overlap)
        qa = Assistant(cfg, embedder=embedder)
        report = ensure_corpus(qa, subset)
        s = summarize(evaluate(qa, qs), qa.answer_config.abstain_below)
        print(json.dumps({"max_sentences": max_sentences, "overlap": overlap, "chunks": qa.store.counts()["chunks"],
                          "ingest_s": round(report.elapsed_s, 1), **{k: s[k] for k in (
                              "hits@1", "hits@5", "mrr@10", "answer_in_citations", "answer_in_citations_no_abstention")}}))


if __name__ == "__main__":
    main()

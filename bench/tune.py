"""Tuning harness on the dev questions (internal): caches each question's dense and BM25 lists
once, then sweeps fusion and aggregation settings in memory.

    python -m bench.tune --store /tmp/RT --questions ../shared/eval/realtimeqa/dev.jsonl
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from qa.assistant import Assistant
from qa.config import Config
from qa.evaluate import read_questions
from qa.retrieval import aggregate_articles, rrf


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--questions", required=True)
    ap.add_argument("--k", type=int, default=100)
    args = ap.parse_args(argv)
    qa = Assistant(Config.from_env(store=args.store))
    qs = [q for q in read_questions(Path(args.questions)) if not q.get("is_impossible")]
    store = qa.store
    cache = []
    for q in qs:
        vec = qa.embedder.embed([q["question"]])[0]
        dense = store.dense_search(vec, args.k)
        lex = store.lexical_search(q["question"], args.k)
        ids = [c for c, _ in dense] + [c for c, _ in lex]
        art = {cid: c.article_id for cid, c in store.chunks_by_id(list(dict.fromkeys(ids))).items()}
        cache.append((set(q["gold_doc_ids"]), dense, lex, art))

    def score(w_dense, w_lex, k, decay, depth):
        h1 = h5 = 0
        for gold, dense, lex, art in cache:
            fused = rrf([([c for c, _ in dense[:depth]], w_dense), ([c for c, _ in lex[:depth]], w_lex)], k)
            arts = aggregate_articles([(art[c], s) for c, s in fused.items() if c in art], decay)
            ranked = [a for a, _ in arts[:5]]
            h1 += bool(ranked[:1] and ranked[0] in gold)
            h5 += any(a in gold for a in ranked)
        return h1 / len(cache), h5 / len(cache)

    rows = []
    for w_lex, k, decay, depth in itertools.product([0.5, 0.75, 1.0, 1.5, 2.0], [10, 30, 60], [0.0, 0.3, 0.5, 0.8, 1.0], [20, 40, 100]):
        h1, h5 = score(1.0, w_lex, k, decay, depth)
        rows.append((h1 + h5, h1, h5, w_lex, k, decay, depth))
    rows.sort(reverse=True)
    for r in rows[:15]:
        print(json.dumps({"hits@1": round(r[1], 3), "hits@5": round(r[2], 3), "w_lex": r[3], "rrf_k": r[4], "decay": r[5], "depth": r[6]}))
    # dense only / lexical only for reference
    print("dense only", score(1.0, 0.0, 60, 0.0, 100), "lexical only", score(0.0, 1.0, 60, 0.0, 100))


if __name__ == "__main__":
    main()

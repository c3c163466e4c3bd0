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
from qa.retrieval import RetrievalConfig, fuse_articles, rrf


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
        alex = [a for a, _ in store.article_lexical_search(q["question"], 50)]
        ids = [c for c, _ in dense] + [c for c, _ in lex]
        art = {cid: c.article_id for cid, c in store.chunks_by_id(list(dict.fromkeys(ids))).items()}
        cache.append((set(q["gold_doc_ids"]), dense, lex, alex, art))

    def score(cfg, depth):
        h1 = h5 = 0
        for gold, dense, lex, alex, art in cache:
            d_ids, l_ids = [c for c, _ in dense[:depth]], [c for c, _ in lex[:depth]]
            fused = rrf([(d_ids, cfg.w_dense), (l_ids, cfg.w_lexical)], cfg.rrf_k)
            ranked = [a for a, _ in fuse_articles(d_ids, l_ids, alex[: cfg.k_articles], art, fused, cfg)[:5]]
            h1 += bool(ranked[:1] and ranked[0] in gold)
            h5 += any(a in gold for a in ranked)
        return h1 / len(cache), h5 / len(cache)

    rows = []
    grid = itertools.product([0.5, 1.0, 2.0], [0.0, 0.5, 1.0, 2.0], [0.0, 0.5, 1.0, 2.0], [10, 30, 60], [10, 20, 50],
                             [0.0, 1.0], [20, 40])
    for a_lex, a_art, a_dense, k, k_art, a_chunks, depth in grid:
        cfg = RetrievalConfig(a_dense=a_dense, a_lexical=a_lex, a_article=a_art, rrf_k=k, k_articles=k_art, a_chunks=a_chunks)
        h1, h5 = score(cfg, depth)
        rows.append((h1 + h5, h1, h5, a_dense, a_lex, a_art, k, k_art, a_chunks, depth))
    rows.sort(reverse=True)
    for r in rows[:20]:
        print(json.dumps({"hits@1": round(r[1], 3), "hits@5": round(r[2], 3), "a_dense": r[3], "a_lexical": r[4],
                          "a_article": r[5], "rrf_k": r[6], "k_articles": r[7], "a_chunks": r[8], "depth": r[9]}))
    for name, cfg in [("dense only", RetrievalConfig(a_lexical=0, a_article=0)), ("chunk bm25 only", RetrievalConfig(a_dense=0, a_article=0)),
                      ("article bm25 only", RetrievalConfig(a_dense=0, a_lexical=0)), ("defaults", RetrievalConfig())]:
        print(name, score(cfg, 40))


def tune_answers(argv=None):
    """Sweep the sentence pool and scoring weights: answer-in-citations with at most 3 cited sentences.

    ``python -m bench.tune answers --store S --questions Q.jsonl [--grid small|full]``
    """
    from dataclasses import replace

    from qa.evaluate import answer_in, answerable, question_filters
    from qa.extractive import ExtractiveAnswerer

    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--questions", required=True)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--grid", default="", help='JSON: {"w_lead": [0.2, 0.4], ...} (AnswerConfig fields; pool fields too)')
    args = ap.parse_args(argv)
    qa = Assistant(Config.from_env(store=args.store))
    qs = [q for q in read_questions(Path(args.questions)) if answerable(q)]
    retrievals = [(q, qa.retriever().retrieve(q["question"], question_filters(q, True))) for q in qs]
    base = qa.answer_config
    grid = {"max_chunks": [12, 20], "lead_articles": [0, 1, 3], "lead_sentences": [4, 8], "typed_novelty": [False],
            "w_chunk": [0.0, 0.35], "w_article": [0.5, 1.0], "w_dense": [0.0, 0.25], "w_novel": [0.1, 0.3],
            "w_lead": [0.0, 0.2, 0.4], "w_asks": [0.0, 1.0], "keep_ratio": [0.6, 0.7]}
    grid.update(json.loads(args.grid) if args.grid else {})
    pool_keys = ["max_chunks", "lead_articles", "lead_sentences", "typed_novelty"]  # these change the candidates
    weight_keys = [k for k in grid if k not in pool_keys]
    rows = []
    for pool_values in itertools.product(*(grid[k] for k in pool_keys)):
        pool = dict(zip(pool_keys, pool_values, strict=True))
        ans = ExtractiveAnswerer(qa.store, qa.embedder, replace(base, **pool))
        cands_of = [(q, ans.ranker.candidates(q["question"], r)) for q, r in retrievals]
        for values in itertools.product(*(grid[k] for k in weight_keys)):
            weights = dict(zip(weight_keys, values, strict=True))
            ans = ExtractiveAnswerer(qa.store, qa.embedder, replace(base, **pool, **weights))
            hit = n_cited = 0
            for q, cands in cands_of:
                chosen = ans.select(ans.ranker.rank(cands))
                n_cited += len(chosen)
                hit += answer_in([c.text for c in chosen], q["answer_text"])
            rows.append((hit / len(qs), n_cited / len(qs), {**pool, **weights}))
    rows.sort(key=lambda r: (-r[0], r[1]))
    for r in rows[: args.top]:
        print(json.dumps({"answer_in_citations": round(r[0], 3), "mean_cited": round(r[1], 2), **r[2]}))
    current = next((r for r in rows if all(getattr(base, k) == v for k, v in r[2].items())), None)
    if current:
        print("current defaults:", json.dumps({"answer_in_citations": round(current[0], 3), "mean_cited": round(current[1], 2)}))


def _nth_chunk_score(cands, n):
    scores = sorted({round(c.chunk, 9) for c in cands}, reverse=True)
    return scores[min(n, len(scores)) - 1] - 1e-9 if scores else 0.0


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["answers"]:
        tune_answers(sys.argv[2:])
    else:
        main()

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
    """Sweep sentence-scoring weights: answer-in-citations with at most 3 cited sentences."""
    from dataclasses import replace

    from qa.answering import ExtractiveAnswerer
    from qa.evaluate import answer_in

    ap = argparse.ArgumentParser()
    ap.add_argument("--store", required=True)
    ap.add_argument("--questions", required=True)
    args = ap.parse_args(argv)
    qa = Assistant(Config.from_env(store=args.store))
    qs = [q for q in read_questions(Path(args.questions)) if q.get("answer_text") and q.get("answer_string_in_gold_doc", True) and not q.get("is_impossible")]
    base = ExtractiveAnswerer(qa.store, qa.embedder, replace(qa.answer_config, max_chunks=24))
    cache = []
    from qa.evaluate import question_filters

    for q in qs:
        r = qa.retriever().retrieve(q["question"], question_filters(q, True))
        cache.append((q, base.candidates(q["question"], r)))
    grid = itertools.product([1.0], [0.0, 0.35], [0.5, 1.0, 1.5], [0.0, 0.25], [12, 16, 24], [0.6, 0.7], [0.1])
    rows = []
    for wl, wc, wa, wd, mc, keep, wn in grid:
        cfg = replace(qa.answer_config, w_lexical=wl, w_chunk=wc, w_article=wa, w_dense=wd, max_chunks=mc, keep_ratio=keep, w_novel=wn)
        ans = ExtractiveAnswerer(qa.store, qa.embedder, cfg)
        hit = n_cited = 0
        for q, cands in cache:
            allowed = {c for c in cands if True}
            rescored = sorted((ans._score(c) for c in allowed), key=lambda c: -c.score)
            # restrict to sentences of the top `mc` chunks by chunk score rank
            chosen = ans.select([c for c in rescored if c.chunk >= _nth_chunk_score(cands, mc)])
            n_cited += len(chosen)
            hit += answer_in([c.text for c in chosen], q["answer_text"])
        rows.append((hit / len(cache), n_cited / len(cache), wl, wc, wa, wd, mc, keep, wn))
    rows.sort(key=lambda r: (-r[0], r[1]))
    for r in rows[:15]:
        print(json.dumps({"answer_in_citations": round(r[0], 3), "mean_cited": round(r[1], 2), "w_lexical": r[2], "w_chunk": r[3],
                          "w_article": r[4], "w_dense": r[5], "max_chunks": r[6], "keep_ratio": r[7], "w_novel": r[8]}))


def _nth_chunk_score(cands, n):
    scores = sorted({round(c.chunk, 9) for c in cands}, reverse=True)
    return scores[min(n, len(scores)) - 1] - 1e-9 if scores else 0.0


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["answers"]:
        tune_answers(sys.argv[2:])
    else:
        main()

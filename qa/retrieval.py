"""Hybrid retrieval: dense (Chroma) + lexical (SQLite FTS5 BM25) chunk lists, fused, and
aggregated to articles."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from index.embedder import Embedder
from index.models import Chunk
from index.store import Filters, Store


@dataclass(frozen=True)
class ScoredChunk:
    chunk: Chunk
    score: float  # fused
    dense: float = 0.0  # cosine similarity (0 when not in the dense list)
    lexical: float = 0.0  # BM25 (0 when not in the lexical list)


@dataclass(frozen=True)
class Retrieval:
    """Ranked chunks and articles for one query."""

    query: str
    query_vector: np.ndarray
    chunks: list[ScoredChunk]
    articles: list[tuple[str, float]]
    timings_ms: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RetrievalConfig:
    k_dense: int = 40
    k_lexical: int = 40
    rrf_k: float = 60.0
    w_dense: float = 1.0
    w_lexical: float = 1.0
    article_decay: float = 0.5  # article score = best chunk + decay * second + decay^2 * third ...


def rrf(ranked_lists: list[tuple[list[str], float]], k: float) -> dict[str, float]:
    """Weighted reciprocal rank fusion of ranked id lists: sum of weight / (k + rank)."""
    scores: dict[str, float] = defaultdict(float)
    for ids, weight in ranked_lists:
        for rank, cid in enumerate(ids, start=1):
            scores[cid] += weight / (k + rank)
    return scores


def aggregate_articles(chunk_scores: list[tuple[str, float]], decay: float) -> list[tuple[str, float]]:
    """Article score from its chunks' scores (best first): s1 + decay*s2 + decay^2*s3 ..."""
    per: dict[str, list[float]] = defaultdict(list)
    for aid, s in chunk_scores:
        per[aid].append(s)
    out = []
    for aid, scores in per.items():
        scores.sort(reverse=True)
        out.append((aid, sum(s * decay**i for i, s in enumerate(scores))))
    out.sort(key=lambda x: -x[1])
    return out


class HybridRetriever:
    """Dense + BM25 over the same chunks, fused by weighted RRF."""

    def __init__(self, store: Store, embedder: Embedder, config: RetrievalConfig | None = None):
        self.store = store
        self.embedder = embedder
        self.config = config or RetrievalConfig()

    def retrieve(self, query: str, filters: Filters | None = None, k: int | None = None) -> Retrieval:
        cfg = self.config
        t = {}
        t0 = time.perf_counter()
        qvec = self.embedder.embed([query])[0]
        t["embed"] = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        dense = self.store.dense_search(qvec, cfg.k_dense, filters)
        t["dense"] = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        lexical = self.store.lexical_search(query, cfg.k_lexical, filters)
        t["lexical"] = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        fused = rrf([([c for c, _ in dense], cfg.w_dense), ([c for c, _ in lexical], cfg.w_lexical)], cfg.rrf_k)
        ranked = sorted(fused.items(), key=lambda x: -x[1])
        if k:
            ranked = ranked[:k]
        chunks = self.store.chunks_by_id([c for c, _ in ranked])
        d, lx = dict(dense), dict(lexical)
        scored = [ScoredChunk(chunks[c], s, d.get(c, 0.0), lx.get(c, 0.0)) for c, s in ranked if c in chunks]
        articles = aggregate_articles([(sc.chunk.article_id, sc.score) for sc in scored], cfg.article_decay)
        t["fuse"] = (time.perf_counter() - t0) * 1000
        return Retrieval(query, qvec, scored, articles, t)

"""Hybrid retrieval: dense (Chroma) + lexical (SQLite FTS5 BM25) chunk lists, fused, and
aggregated to articles."""

from __future__ import annotations

import logging
import math
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from index.articles import Chunk
from index.embedder import Embedder
from index.errors import StoreError
from index.filters import Filters
from index.heads import HEADLINE, LEAD
from index.store import Store

from .answer import Passage
from .digest import story_of, story_starts
from .exact_numbers import exact_numbers, writes_numbers
from .furniture import paragraph_at, says_something
from .scoring import is_headline

log = logging.getLogger(__name__)

_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="qa-lexical")


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
    """Chosen by measurement on RealTimeQA dev (bench/tune.py, bench/NOTES.md)."""

    k_dense: int = 40
    k_lexical: int = 40
    k_articles: int = 20
    rrf_k: float = 10.0
    w_dense: float = 1.0  # chunk lists, fused for the chunk ranking
    w_lexical: float = 1.0
    a_dense: float = 2.0  # article lists, fused for the article ranking
    a_lexical: float = 1.0
    a_article: float = 2.0  # BM25 over whole articles
    article_decay: float = 0.5  # chunk evidence summed per article: best + decay * second + ...
    a_chunks: float = 1.0  # weight of that chunk sum in the article score
    # articles ranked by their headline's and their lead's own vectors (index.heads), two more lists
    # of the article fusion: RealTimeQA dev Hits@1 without the date 0.588 -> 0.605, with it 0.706 (the
    # same), SQuAD 0.827 -> 0.840. Replayed over headline weights 0-1, lead 0.25-1 and 5-10 articles,
    # Hits@1 without the date stays in 0.605-0.647; heavier weights rank better but move the answers'
    # sentences more (RealTimeQA first cited 0.714 -> 0.692 at 0.5 / 1; bench/NOTES.md "Session 16")
    a_headline: float = 0.5
    a_lead: float = 0.5
    k_heads: int = 10
    recency_tau_days: float = 14.0  # with an as-of date: score * (1 + w * exp(-age / tau))
    recency_weight: float = 2.0
    # without an as-of date (the chat): prefer the latest of the stories about the question, dated
    # relative to the newest of the top ``latest_among`` articles (RealTimeQA dev Hits@1/5 without
    # the date 0.529/0.807 -> 0.588/0.849; a plateau from 90 to 730 days and weights 0.5 to 2, so not a
    # knife-edge fit; relative to the newest stored article instead: at most 0.58/0.82; bench/NOTES.md)
    latest_among: int = 10
    latest_tau_days: float = 365.0
    latest_weight: float = 1.0
    # a number the question writes that few articles do ("200,000 pickup trucks", "2.9 million"): the
    # word indexes split it ("200", "000") and lose it. Of the first ``number_among`` articles, one
    # writing the question's numbers gains ``number_weight`` times the share it writes: RealTimeQA dev
    # Hits@5 without the date 0.840 -> 0.849 (Nissan's "more than 200,000 pickup trucks" 6th -> 3rd),
    # the same at weights 0.25-1 and with the date, SQuAD the same (session 20)
    number_among: int = 20
    number_weight: float = 0.5


def recency_boost(scores: list[tuple[str, float]], published: dict[str, date | None], as_of: date,
                  tau_days: float, weight: float) -> list[tuple[str, float]]:
    """Prefer articles published shortly before ``as_of`` (undated ones get no boost)."""
    out = []
    for aid, s in scores:
        p = published.get(aid)
        boost = weight * math.exp(-max((as_of - p).days, 0) / tau_days) if p else 0.0
        out.append((aid, s * (1.0 + boost)))
    return sorted(out, key=lambda x: -x[1])


def first_rank_articles(chunk_ids: list[str], article_of: dict[str, str]) -> list[str]:
    """Articles in the order their first chunk appears in a ranked chunk list."""
    return list(dict.fromkeys(article_of[c] for c in chunk_ids if c in article_of))


def fuse_articles(dense_ids: list[str], lexical_ids: list[str], article_ids: list[str], article_of: dict[str, str],
                  fused_chunks: dict[str, float], cfg: RetrievalConfig,
                  heads: dict[int, list[str]] | None = None) -> list[tuple[str, float]]:
    """Article ranking: weighted RRF of the dense, chunk-BM25 and article-BM25 lists, and of the
    articles nearest by headline and by lead (``heads``, keyed ``HEADLINE`` / ``LEAD``), plus the chunk sum."""
    heads = heads or {}
    scores = rrf([(first_rank_articles(dense_ids, article_of), cfg.a_dense),
                  (first_rank_articles(lexical_ids, article_of), cfg.a_lexical),
                  (article_ids, cfg.a_article),
                  (heads.get(HEADLINE, []), cfg.a_headline), (heads.get(LEAD, []), cfg.a_lead)], cfg.rrf_k)
    if cfg.a_chunks:
        for aid, s in aggregate_articles([(article_of[c], s) for c, s in fused_chunks.items() if c in article_of], cfg.article_decay):
            scores[aid] = scores.get(aid, 0.0) + cfg.a_chunks * s
    return sorted(scores.items(), key=lambda x: -x[1])


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

        def lexical_lists() -> tuple[list[tuple[str, float]], list[str], float]:
            t0 = time.perf_counter()
            lexical = self.store.lexical_search(query, cfg.k_lexical, filters)
            art_lex = [a for a, _ in self.store.article_lexical_search(query, cfg.k_articles, filters)] if cfg.a_article else []
            return lexical, art_lex, (time.perf_counter() - t0) * 1000

        # the lexical side (SQLite) runs on another core while the query is embedded and searched
        pending = _POOL.submit(lexical_lists)
        t0 = time.perf_counter()
        qvec = self.embedder.embed([query])[0]
        t["embed"] = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        try:
            dense = self.store.dense_search(qvec, cfg.k_dense, filters)
        except StoreError as e:  # the vector index is down: answer from the lexical side alone
            log.warning("dense search unavailable: %s", e)
            dense = []
        t["dense"] = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        heads = {}
        if cfg.a_headline or cfg.a_lead:
            heads = {kind: [a for a, _ in hits] for kind, hits in self.store.head_search(qvec, cfg.k_heads, filters).items()}
        t["heads"] = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        lexical, art_lex, t["lexical"] = pending.result()
        t["lexical_wait"] = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        fused = rrf([([c for c, _ in dense], cfg.w_dense), ([c for c, _ in lexical], cfg.w_lexical)], cfg.rrf_k)
        ranked = sorted(fused.items(), key=lambda x: -x[1])
        chunks = self.store.chunks_by_id([c for c, _ in ranked])
        article_of = {cid: c.article_id for cid, c in chunks.items()}
        articles = fuse_articles([c for c, _ in dense], [c for c, _ in lexical], art_lex, article_of, fused, cfg, heads)
        articles = self.numbers_written(query, articles)
        if filters is not None and filters.as_of and cfg.recency_weight:
            published = self.store.published_dates([a for a, _ in articles])
            articles = recency_boost(articles, published, filters.as_of, cfg.recency_tau_days, cfg.recency_weight)
        elif cfg.latest_weight and articles:
            published = self.store.published_dates([a for a, _ in articles])
            latest = max((published[a] for a, _ in articles[: cfg.latest_among] if published.get(a)), default=None)
            if latest:
                articles = recency_boost(articles, published, latest, cfg.latest_tau_days, cfg.latest_weight)
        if k:
            ranked = ranked[:k]
        d, lx = dict(dense), dict(lexical)
        scored = [ScoredChunk(chunks[c], s, d.get(c, 0.0), lx.get(c, 0.0)) for c, s in ranked if c in chunks]
        t["fuse"] = (time.perf_counter() - t0) * 1000
        return Retrieval(query, qvec, scored, articles, t)


    def numbers_written(self, query: str, articles: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """The articles, those of the first ``number_among`` that write the query's distinctive numbers
        (``exact_numbers``) raised by ``number_weight`` times the share they write."""
        cfg = self.config
        numbers = exact_numbers(query)
        if not numbers or not cfg.number_weight or not articles:
            return articles
        stored = self.store.articles_by_id([a for a, _ in articles[: cfg.number_among]])
        scored = [(a, s * (1.0 + cfg.number_weight * writes_numbers(
                      f"{stored[a].article.title}\n{stored[a].article.text}", numbers)) if a in stored else s)
                  for a, s in articles]
        return sorted(scored, key=lambda x: -x[1])


def passages(store: Store, scored: list[ScoredChunk], max_chars: int | None = None,
             one_per_article: bool = False, n: int | None = None) -> list[Passage]:
    """Retrieved chunks as ``Passage``s with their offsets in the article (``text`` is exactly
    ``article.text[start:end]``). ``max_chars``: keep only the chunk's first sentences that fit (at
    least one), so a shortened passage still ends at a sentence end; ``one_per_article``: the best
    chunk of each article only; ``n``: at most this many."""
    picked, seen = [], set()
    for sc in scored:
        if one_per_article and sc.chunk.article_id in seen:
            continue
        seen.add(sc.chunk.article_id)
        picked.append(sc)
        if n is not None and len(picked) >= n:
            break
    arts = store.articles_by_id(list(dict.fromkeys(sc.chunk.article_id for sc in picked)))
    out = []
    for sc in picked:
        c = sc.chunk
        if c.article_id not in arts:  # deleted since the search
            continue
        a = arts[c.article_id].article
        sents = store.sentences(c.article_id, range(c.first_sentence, c.last_sentence + 1))
        if not sents:
            continue
        if max_chars is not None:
            # a shortened passage opens on a sentence that says something (its headline is shown with it), not on
            # the page's furniture: the related reading under "The articles don't say." opened "Sign up for our Local
            # Matters newsletter. Get the stories …" (the story's first paragraph; session 30)
            # (none saying anything, none is shown: "Why is the ad too loud?" showed a page's form about its ads as related
            # reading, "Video player was slow to load content …"; in Chromium, session 35)
            said = next((i for i, s in enumerate(sents) if not is_headline(a.text[s.start:s.end], a.title or "")
                         and says_something(a.text[s.start:s.end], paragraph_at(a.text, s.start, s.end))), None)
            if said is None:
                continue
            sents = sents[said:]
        # (and a digest's passage ends with the story it opens in: the related reading under "The articles don't say."
        # of a "5 things to know" ran on into "5. Zoo" and its red panda; in Chromium, session 34)
        if starts := story_starts(a.text):
            opens = story_of(sents[0].start, starts)
            sents = [s for s in sents if story_of(s.start, starts) == opens]
        start, end = sents[0].start, sents[-1].end
        if max_chars is not None:
            fit = [s for s in sents if s.end - start <= max_chars]
            end = (fit[-1] if fit else sents[0]).end
        out.append(Passage(a.id, a.title, a.url, a.published, a.text[start:end], sc.score, start, end, c.id))
    return out

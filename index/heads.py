"""Each article's headline and lead, embedded on their own: a small dense index of whole articles.

A news question is usually written from a story's headline or its first sentence ("Which two
airlines announced plans to merge this week?" beside "Spirit and Frontier Airlines plan to merge").
A chunk's vector holds the headline too, but diluted by up to 256 word pieces of body text, and a
sentence's stored vector is read in its chunk's context. So stage 2 also embeds the headline and
the lead alone, and retrieval ranks articles by them as two more lists of its fusion (RealTimeQA
dev without the date: Hits@1 0.588 -> 0.605, SQuAD 0.827 -> 0.840; bench/NOTES.md "Session 16").

The two vectors are kept beside the sentence vectors, at sentence indices ``HEADLINE`` (-1) and
``LEAD`` (-2): they are written, mirrored, exported and deleted with an article's other vectors, in
the same transaction. An article without a title has no headline vector. Stores written before
this have none: stage 2 adds them (``Store.missing_heads``), and until then those articles are
ranked by the other lists only.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .articles import Article, Sentence
from .filters import Filters

HEADLINE = -1
LEAD = -2
KINDS = {HEADLINE: "headline", LEAD: "lead"}
LEAD_MIN_CHARS = 40  # the lead runs to the end of the first sentence ending this far in ("(CNN)" alone is no lead)
LEAD_MAX_CHARS = 300  # ... and at most this long (cut at a space)

# the partial index ``sentence_vecs_heads`` (index.database) keeps both cheap on a large store
HEADS_COUNT_SQL = "SELECT COUNT(*) FROM sentence_vecs WHERE idx < 0"
LEADS_COUNT_SQL = f"SELECT COUNT(*) FROM sentence_vecs WHERE idx = {LEAD}"  # every complete article has one
HAVE_LEADS_SQL = f"SELECT article_id FROM sentence_vecs WHERE idx = {LEAD} AND article_id IN ({{marks}})"
MISSING_HEADS_SQL = ("SELECT a.id FROM articles a WHERE a.id NOT IN (SELECT article_id FROM pending) AND NOT EXISTS "
                     f"(SELECT 1 FROM sentence_vecs s WHERE s.article_id = a.id AND s.idx = {LEAD}) "
                     "ORDER BY a.ingested_at, a.id LIMIT ?")


def lead_text(article: Article, sentences: Sequence[Sentence]) -> str:
    """The article's opening: from its start to the end of the first sentence that ends at least
    ``LEAD_MIN_CHARS`` in, at most ``LEAD_MAX_CHARS`` (cut at a space)."""
    if not sentences:
        return ""
    end = next((s.end for s in sentences if s.end >= LEAD_MIN_CHARS), sentences[-1].end)
    text = article.text[:end].strip()
    if len(text) > LEAD_MAX_CHARS:
        cut = text.rfind(" ", 0, LEAD_MAX_CHARS)
        text = text[: cut if cut > 0 else LEAD_MAX_CHARS]
    return text


def head_texts(article: Article, sentences: Sequence[Sentence]) -> dict[int, str]:
    """What is embedded for an article: {HEADLINE: its title (if any), LEAD: its opening}."""
    out = {}
    if article.title.strip():
        out[HEADLINE] = article.title.strip()
    lead = lead_text(article, sentences)
    if lead:
        out[LEAD] = lead
    return out


@dataclass(frozen=True)
class HeadList:
    """One kind's vectors (normalised), with what filters need per row."""

    article_ids: list[str]
    vectors: np.ndarray  # (n, dim) float32: stored as float16, widened once when read (a search then
    # costs one matrix-vector product, ~0.2 ms for 2,400 articles here; widening per question took 1.5 ms)
    day: np.ndarray  # int32 published_day, -1 when unknown
    source: np.ndarray  # int32 into ``HeadIndex.sources``

    def nearest(self, vector: np.ndarray, k: int, mask: np.ndarray | None) -> list[tuple[str, float]]:
        n = len(self.article_ids)
        if n == 0 or k <= 0:
            return []
        sims = self.vectors @ np.asarray(vector, dtype=np.float32)
        if mask is not None:
            sims[~mask] = -np.inf
        k = min(k, n)
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.argsort(-sims[top], kind="stable")]
        return [(self.article_ids[i], float(sims[i])) for i in top if np.isfinite(sims[i])]


@dataclass(frozen=True)
class HeadIndex:
    """The headline and lead vectors of every complete article, for one state of the store."""

    key: tuple
    lists: dict[int, HeadList]
    sources: list[str]

    def search(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> dict[int, list[tuple[str, float]]]:
        """For each kind (``HEADLINE``, ``LEAD``): (article id, cosine) of the ``k`` nearest that
        pass ``filters``, best first."""
        out = {}
        for kind, hl in self.lists.items():
            mask = None
            if filters is not None and not filters.is_empty():
                chosen = set(filters.article_ids or ())
                wanted = [i for i, a in enumerate(hl.article_ids) if a in chosen] if chosen else []
                mask = filters.mask(hl.day, hl.source, self.sources, np.arange(len(hl.article_ids)), wanted)
            out[kind] = hl.nearest(vector, k, mask)
        return out


def read_heads(conn, key: tuple, dim: int) -> HeadIndex:
    """Every stored headline and lead vector (through the partial index ``sentence_vecs_heads``)."""
    sources: dict[str, int] = {}
    rows: dict[int, tuple[list, list, list, list]] = {kind: ([], [], [], []) for kind in KINDS}
    sql = ("SELECT s.idx, s.article_id, s.vec, a.published_day, a.source FROM sentence_vecs s "
           "JOIN articles a ON a.id = s.article_id WHERE s.idx < 0")  # by (idx, article id): the partial index's order
    for idx, aid, blob, day, source in conn.execute(sql):
        if idx not in rows or len(blob) != 2 * dim:
            continue
        ids, vecs, days, srcs = rows[idx]
        ids.append(aid)
        vecs.append(np.frombuffer(blob, dtype=np.float16))
        days.append(-1 if day is None else day)
        srcs.append(sources.setdefault(source, len(sources)))
    lists = {kind: HeadList(ids, np.stack(vecs).astype(np.float32) if vecs else np.zeros((0, dim), np.float32),
                            np.asarray(days, np.int32), np.asarray(srcs, np.int32))
             for kind, (ids, vecs, days, srcs) in rows.items()}
    return HeadIndex(key, lists, list(sources))


class Heads:
    """The store's ``HeadIndex``, read again when the store changed (one copy per process)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._index: HeadIndex | None = None

    def current(self, key: tuple, read) -> HeadIndex:
        """The index for ``key`` (the store's state); ``read(key)`` builds it when it is stale."""
        with self._lock:
            if self._index is None or self._index.key != key:
                self._index = read(key)
            return self._index

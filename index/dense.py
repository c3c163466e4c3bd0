"""Search by meaning: the chunk vectors (Chroma) under filters, and the articles' headline and lead
vectors (``index.heads``). The store's counterpart of ``index.lexical.WordSearch``."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .database import Database
from .filters import Filters
from .heads import HEADS_COUNT_SQL, Heads, read_heads
from .vectors import Vectors


class DenseSearch:
    """Nearest chunks and nearest articles by headline and lead, for one store."""

    def __init__(self, db: Database, vectors: Vectors, dim: int):
        self.db = db
        self.vectors = vectors
        self.dim = dim
        self._heads = Heads()

    def embedded_chunk_count(self) -> int:
        """Number of chunks with a vector (those of complete articles), counted once per change."""
        return self.db.cached("embedded_chunk_count", lambda: self.db.scalar(
            "SELECT (SELECT COUNT(*) FROM chunks) - COALESCE((SELECT SUM(chunks) FROM pending), 0)"))

    def chunks(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) best first.

        With filters, the nearest ``4 k`` (then ``16 k``) are fetched unfiltered and filtered here
        first (Chroma's filtered search is ~10x slower); only if too few pass is Chroma asked to filter.
        """
        return self.vectors.read(self._chunks, vector, k, filters)

    def _chunks(self, vector: np.ndarray, k: int, filters: Filters | None) -> list[tuple[str, float]]:
        # the chunk count comes from SQLite (cached per change): Chroma's count() costs a round trip
        # (~4 ms embedded, more on a server); complete articles' rows never outnumber the stored vectors
        n = self.embedded_chunk_count()
        if n == 0:
            return []
        if filters is not None and not filters.is_empty():
            for fetch in (4 * k, 16 * k):
                hits = self.vectors.nearest(vector, min(fetch, n))
                passing = self.chunks_passing([cid for cid, _ in hits], filters)
                hits = [h for h in hits if h[0] in passing]
                if len(hits) >= k or fetch >= n:
                    return hits[:k]
        return self.vectors.nearest(vector, min(k, n), filters.chroma_where() if filters else None)

    def chunks_passing(self, chunk_ids: Sequence[str], filters: Filters) -> set[str]:
        """Which of ``chunk_ids`` belong to articles that pass ``filters``."""
        where, args = filters.sql("a")
        sql = f"SELECT c.id FROM chunks c JOIN articles a ON a.id = c.article_id WHERE c.id IN ({{marks}}) AND {where}"
        return {r[0] for r in self.db.rows_in(sql, list(dict.fromkeys(chunk_ids)), after=args)}

    def heads(self, vector: np.ndarray, k: int, filters: Filters | None = None) -> dict[int, list[tuple[str, float]]]:
        """For the headline and the lead: (article id, cosine) of the ``k`` nearest articles passing
        ``filters``, best first. The vectors are held in memory (3 KB an article) and read again after
        any change of the store."""
        key = self.db.cached("heads_key", lambda: (self.db.generation(), self.db.scalar(HEADS_COUNT_SQL)))
        return self._heads.current(key, lambda key: read_heads(self.db.conn, key, self.dim)).search(vector, k, filters)

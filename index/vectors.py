"""The chunk vectors, in Chroma: embedded in the store folder or on a Chroma server.

A thin facade over one collection: write (upsert, delete in the client's batch size), read (nearest,
ids, count, stored vectors) and one guard on every read: after a failed write the embedded client
was seen to block forever, so a read that takes longer than ``read_timeout`` marks the vectors
unavailable for this process, and the store answers from its word index instead.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from .errors import StoreError
from .filters import day_number

COLLECTION = "qa_chunks"
_READS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="qa-chroma")


@dataclass(frozen=True)
class ChromaSettings:
    """Where the chunk vectors live: embedded in the store folder (``url`` None, the default) or on
    a Chroma server (``chroma run``; ``url`` like ``http://127.0.0.1:8000``), with optional auth
    headers, tenant and database. Several app processes can share one server. ``read_timeout``:
    seconds a read may take before the vectors count as unavailable."""

    url: str | None = None
    collection: str = COLLECTION
    headers: tuple[tuple[str, str], ...] = ()
    tenant: str | None = None
    database: str | None = None
    read_timeout: float = 10.0

    @property
    def where(self) -> str:
        return f"{self.url} (collection {self.collection})" if self.url else "the store folder"

    @property
    def kind(self) -> str:
        """What the store's ``meta`` records: "embedded:<collection>" or "server:<collection>"."""
        return f"{'server' if self.url else 'embedded'}:{self.collection}"


def vector_meta(article_id: str, first: int, last: int, title: str, url: str, source: str,
                published: date | None) -> dict:
    """What Chroma keeps beside a chunk's vector (what ``Filters.chroma_where`` reads)."""
    meta = {"article_id": article_id, "first": first, "last": last, "title": title, "url": url, "source": source}
    if published:
        meta["published_day"] = day_number(published)
    return meta


class Vectors:
    """One Chroma collection of chunk vectors (cosine space)."""

    def __init__(self, settings: ChromaSettings, folder: Path):
        self.settings = settings
        self.down: str | None = None  # why the vectors are unavailable in this process, if they are
        os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
        import chromadb
        from chromadb.config import Settings

        cs = settings
        chroma_settings = Settings(anonymized_telemetry=False, allow_reset=False)
        try:
            if cs.url:
                parts = urlsplit(cs.url)
                if parts.scheme not in ("http", "https") or not parts.hostname:
                    raise StoreError(f"the Chroma server URL must look like http://host:port, not {cs.url!r}")
                extra = {k: v for k, v in (("tenant", cs.tenant), ("database", cs.database)) if v}
                client = chromadb.HttpClient(host=parts.hostname, port=parts.port or (443 if parts.scheme == "https" else 8000),
                                             ssl=parts.scheme == "https", headers=dict(cs.headers),
                                             settings=chroma_settings, **extra)
            else:
                client = chromadb.PersistentClient(path=str(folder / "chroma"), settings=chroma_settings)
            self.batch = int(client.get_max_batch_size())
            self._collection = client.get_or_create_collection(
                cs.collection, embedding_function=None, metadata={"hnsw:space": "cosine"},
            )
        except StoreError:
            raise
        except Exception as e:  # chromadb raises many kinds; name where it is
            where = cs.url if cs.url else folder / "chroma"
            raise StoreError(f"cannot open the Chroma index at {where}: {e}") from e

    # ---------------------------------------------------------------- writes

    def add(self, prepared) -> None:
        """Upsert the chunk vectors of prepared articles (``index.rows.PreparedArticle``; those
        without embeddings are words-only and have none), with their metadata."""
        ids, vecs, texts, metas = [], [], [], []
        for p in prepared:
            a = p.article
            if p.embeddings is None:
                continue
            if len(p.chunks) != len(p.embeddings):
                raise StoreError(f"{a.id}: {len(p.chunks)} chunks but {len(p.embeddings)} embeddings")
            for c, e in zip(p.chunks, p.embeddings, strict=True):
                ids.append(c.id)
                vecs.append(e)
                texts.append(c.text)
                metas.append(vector_meta(a.id, c.first_sentence, c.last_sentence, a.title, a.url, a.source, a.published))
        if ids:
            self.upsert(ids, vecs, texts, metas)

    def upsert(self, ids: Sequence[str], vectors: Sequence, texts: Sequence[str], metas: Sequence[dict]) -> None:
        for i in range(0, len(ids), self.batch):
            j = i + self.batch
            self._collection.upsert(ids=list(ids[i:j]), embeddings=np.asarray(vectors[i:j]),
                                    documents=list(texts[i:j]), metadatas=list(metas[i:j]))

    def delete(self, ids: Sequence[str]) -> None:
        for i in range(0, len(ids), self.batch):
            self._collection.delete(ids=list(ids[i : i + self.batch]))

    # ---------------------------------------------------------------- reads

    def read(self, fn, *args, **kwargs):
        """Run a read that cannot hang the caller: past ``read_timeout`` the vectors are marked
        unavailable for this process (restart to recover) and ``StoreError`` is raised."""
        if self.down:
            raise StoreError(self.down)
        future = _READS.submit(fn, *args, **kwargs)
        try:
            return future.result(timeout=self.settings.read_timeout)
        except FutureTimeout:
            self.down = (f"the vector index at {self.settings.where} stopped answering "
                         f"(no reply in {self.settings.read_timeout:.0f} s); restart to recover")
            raise StoreError(self.down) from None

    def nearest(self, vector: np.ndarray, n: int, where: dict | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the ``n`` nearest, best first (call through ``read``)."""
        res = self._collection.query(query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=n,
                                     where=where, include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)]

    def count(self) -> int:
        return self.read(self._collection.count)

    def ids(self, where: dict | None = None) -> set[str]:
        """Every id in the collection (only those whose metadata match ``where``, when given)."""
        out: set[str] = set()
        offset, page = 0, 5000
        while True:
            res = self._collection.get(include=[], limit=page, offset=offset, where=where)
            out.update(res["ids"])
            if len(res["ids"]) < page:
                return out
            offset += page

    def stored(self, ids: Sequence[str], include: Sequence[str] = ("embeddings",)) -> dict[str, dict]:
        """What the collection holds for ``ids``: {id: {"embedding": ..., "metadata": ..., "document": ...}}
        (only the parts in ``include``: "embeddings", "metadatas", "documents"); absent ids left out."""
        got = self._collection.get(ids=list(ids), include=list(include))
        out: dict[str, dict] = {i: {} for i in got["ids"]}
        for part in include:
            for i, value in zip(got["ids"], got[part], strict=True):
                out[i][part[:-1]] = value
        return out

    def all_stored(self, include: Sequence[str] = ("metadatas",)) -> dict[str, dict]:
        """``stored`` for every id (for tests and tools; reads the whole collection)."""
        ids = sorted(self.ids())
        return self.stored(ids, include) if ids else {}

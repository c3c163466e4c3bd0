"""The public Python API: ``Assistant`` opens a store, ingests articles and answers questions."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from pathlib import Path

from index.embedder import Embedder, SentenceTransformerEmbedder
from index.ingest import Ingestor, ProgressFn
from index.models import Article, IngestReport, LoadFailure
from index.store import StoredArticle, Store

from .config import Config, offline_environment


@functools.lru_cache(maxsize=4)
def load_embedder(model: str | None) -> SentenceTransformerEmbedder:
    """Heavy models are loaded once per process and shared."""
    return SentenceTransformerEmbedder(model)


class Assistant:
    """Grounded Q&A over one store of articles.

    >>> qa = Assistant.open(store="my-store")            # doctest: +SKIP
    >>> qa.ingest(["articles/"])                          # doctest: +SKIP
    >>> print(qa.ask("Who visited Tehran?").text)         # doctest: +SKIP
    """

    def __init__(self, config: Config, embedder: Embedder | None = None):
        offline_environment()
        self.config = config
        self._embedder = embedder
        self._store: Store | None = None

    @classmethod
    def open(cls, store: str | os.PathLike | None = None, **settings) -> Assistant:
        """Open (or create) the store at ``store`` (default: ``$QA_STORE`` or the user data folder)."""
        return cls(Config.from_env(store=store, **settings))

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder(self.config.model)
        return self._embedder

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.config.store, embedder_name=self.embedder.name, dim=self.embedder.dim)
        return self._store

    def _ingestor(self) -> Ingestor:
        return Ingestor(self.store, self.embedder, self.config.chunking(self.embedder.max_tokens), self.config.loader())

    def ingest(self, paths: Iterable[str | os.PathLike], progress: ProgressFn | None = None) -> IngestReport:
        """Ingest files and folders; unchanged articles are skipped, bad files reported."""
        return self._ingestor().ingest_paths([Path(p) for p in paths], progress)

    def ingest_articles(self, items: Iterable[Article | LoadFailure], progress: ProgressFn | None = None) -> IngestReport:
        """Ingest already-loaded articles (e.g. from ``index.loaders.build_article``)."""
        return self._ingestor().ingest(items, progress)

    def delete(self, article_ids: Iterable[str]) -> list[str]:
        """Delete articles from every index; returns those that were present."""
        with self.store.writing():
            return self.store.delete(article_ids)

    def articles(self, limit: int | None = None, offset: int = 0) -> list[StoredArticle]:
        return self.store.list_articles(limit, offset)

    def stats(self) -> dict:
        return {"store": str(self.config.store), "embedder": self.store.embedder_name, **self.store.counts()}

    def verify(self) -> list[str]:
        """Problems with the store's invariants (empty list: all good)."""
        return self.store.verify()

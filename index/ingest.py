"""Ingestion: load -> split -> chunk -> embed -> store, in batches, incremental and crash-safe."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

import numpy as np

from .articles import Article, IngestReport, LoadFailure
from .chunking import ChunkConfig, embed_text, make_chunks
from .embedder import Embedder
from .errors import InputError, StoreError
from .loaders import LoaderConfig, load_paths
from .store import PreparedArticle, Store
from .text import content_hash, split_sentences


@dataclass(frozen=True)
class Progress:
    """Where an ingest run is: shown by the CLI's progress bar and the app."""

    articles_seen: int
    articles_written: int
    chunks_written: int
    failed: int
    elapsed_s: float


ProgressFn = Callable[[Progress], None]


class Ingestor:
    """Turns articles into stored, searchable chunks. Needs the store's writer lock."""

    def __init__(self, store: Store, embedder: Embedder, chunking: ChunkConfig | None = None,
                 loader: LoaderConfig | None = None, batch_chunks: int = 512):
        self.store = store
        self.embedder = embedder
        self.chunking = chunking or ChunkConfig(max_tokens=embedder.max_tokens)
        self.loader = loader or LoaderConfig()
        self.batch_chunks = batch_chunks

    def ingest_paths(self, paths: Iterable[str | os.PathLike], progress: ProgressFn | None = None) -> IngestReport:
        """Ingest files and folders (recursively); bad files are reported, the rest goes in."""
        return self.ingest(load_paths(paths, self.loader), progress)

    def prepare(self, article: Article) -> tuple[list, list]:
        """Sentences and chunks of one article (no embedding yet)."""
        sentences = split_sentences(article.text, article.id)
        if not sentences:
            raise InputError(article.origin or article.id, "no sentences found in the text")
        counts = self.embedder.count_tokens([article.text[s.start : s.end] for s in sentences])
        title_tokens = self.embedder.count_tokens([article.title])[0] if article.title else 0
        chunks = make_chunks(article, sentences, counts, self.chunking, title_tokens)
        return sentences, chunks

    def ingest(self, items: Iterable[Article | LoadFailure], progress: ProgressFn | None = None) -> IngestReport:
        """Ingest loaded articles; unchanged ones are skipped without embedding anything."""
        t0 = time.perf_counter()
        added, updated, unchanged, failed = [], [], [], []
        seen: dict[str, str] = {}
        batch: list[tuple[Article, list, list]] = []
        replaces: set[str] = set()
        stats = {"seen": 0, "written": 0, "chunks": 0, "embedded": 0}

        def report() -> None:
            if progress:
                progress(Progress(stats["seen"], stats["written"], stats["chunks"], len(failed), time.perf_counter() - t0))

        def flush() -> None:
            if not batch:
                return
            texts, spans = [], []
            for a, sentences, chunks in batch:
                shift = len(a.title) + 1 if a.title else 0
                for c in chunks:
                    base = sentences[c.first_sentence].start
                    texts.append(embed_text(a.title, c.text))
                    spans.append([(shift + s.start - base, shift + s.end - base)
                                  for s in sentences[c.first_sentence : c.last_sentence + 1]])
            embed_spans = getattr(self.embedder, "embed_spans", None)
            if embed_spans is not None:
                vectors, span_vectors = embed_spans(texts, spans)
            else:
                vectors, span_vectors = self.embedder.embed(texts), None
            prepared, pos = [], 0
            for a, sentences, chunks in batch:
                sent_vecs = None
                if span_vectors is not None:
                    # a sentence in two overlapping chunks: the mean of its two contextual vectors
                    acc = np.zeros((len(sentences), vectors.shape[1]), dtype=np.float32)
                    for k, c in enumerate(chunks):
                        acc[c.first_sentence : c.last_sentence + 1] += span_vectors[pos + k]
                    sent_vecs = acc / np.maximum(np.linalg.norm(acc, axis=1, keepdims=True), 1e-9)
                prepared.append(PreparedArticle(a, sentences, chunks, vectors[pos : pos + len(chunks)], sent_vecs))
                pos += len(chunks)
            try:
                self.store.write(prepared, replaces=replaces - {a.id for a, _, _ in batch})  # lock held below
            except StoreError as e:
                raise StoreError(f"{e} Written before the failure: {stats['written']} of the articles in this run.") from e
            stats["written"] += len(batch)
            stats["chunks"] += len(texts)
            stats["embedded"] += len(texts)
            batch.clear()
            replaces.clear()
            report()

        with self.store.write_lock():
            for item in items:
                stats["seen"] += 1
                if isinstance(item, LoadFailure):
                    failed.append(item)
                    report()
                    continue
                article = item
                if len(article.text) > self.loader.max_text_chars:  # every way in: files, records, pastes
                    failed.append(LoadFailure(article.origin or article.id, f"text is {len(article.text):,} characters, "
                                              f"over the limit of {self.loader.max_text_chars:,}"))
                    report()
                    continue
                if article.content_hash != content_hash(article.text):  # hand-built articles
                    article = replace(article, content_hash=content_hash(article.text))
                if article.id in seen:
                    if seen[article.id] != article.content_hash:
                        failed.append(LoadFailure(article.origin or article.id,
                                                  f"duplicate article id {article.id!r} with different text in this input (first one kept)"))
                    continue
                seen[article.id] = article.content_hash
                stored_hash = self.store.content_hash_of(article.id)
                if stored_hash == article.content_hash:
                    unchanged.append(article.id)
                    continue
                try:
                    sentences, chunks = self.prepare(article)
                except InputError as e:
                    failed.append(LoadFailure(e.source, e.reason))
                    continue
                if article.id.startswith("sha256:") and article.origin:
                    # a file without a URL whose text changed: its previous version is replaced
                    replaces.update(i for i in self.store.ids_from_origin(article.origin) if i != article.id)
                (updated if stored_hash else added).append(article.id)
                batch.append((article, sentences, chunks))
                if sum(len(c) for _, _, c in batch) >= self.batch_chunks:
                    flush()
            flush()
        report()
        return IngestReport(
            added=tuple(added), updated=tuple(updated), unchanged=tuple(unchanged), failed=tuple(failed),
            chunks_added=stats["chunks"], chunks_embedded=stats["embedded"],
            elapsed_s=time.perf_counter() - t0,
        )

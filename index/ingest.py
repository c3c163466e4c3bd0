"""Ingestion in two stages. Stage 1 (seconds): load -> split -> chunk -> store the text, sentences,
chunks and both word indexes; the article is answerable from its words. Stage 2 (behind): embed
the chunks and sentences of the words-only articles and add them to the vectors. Incremental and
crash-safe: each article is absent, words-only or complete (``index.store``)."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np

from .articles import Article, Chunk, IngestReport, LoadFailure, Sentence
from .chunking import ChunkConfig, embed_text, make_chunks
from .embedder import Embedder
from .errors import InputError, StoreError
from .heads import head_texts
from .loaders import LoaderConfig, load_paths
from .store import PreparedArticle, Store
from .text import content_hash, split_sentences

PREPARE_AHEAD = 16  # articles split and counted ahead of the one being written
HEADS_BATCH = 256  # articles whose headline and lead are embedded at a time when a store lacks them


@dataclass(frozen=True)
class Progress:
    """Where an ingest run is: shown by the CLI's two progress bars and the app. ``stage``:
    "words" (stage 1: articles made searchable by their words) or "meaning" (stage 2: embedded)."""

    articles_seen: int
    articles_written: int
    chunks_written: int
    failed: int
    elapsed_s: float
    stage: str = "words"
    articles_embedded: int = 0  # stage 2: articles completed in this run ...
    articles_to_embed: int = 0  # ... of this many words-only articles it found
    chunks_embedded: int = 0


ProgressFn = Callable[[Progress], None]


def embed_heads(embedder: Embedder, parts: Sequence[tuple[Article, Sequence[Sentence]]]) -> list[dict[int, np.ndarray]]:
    """Each article's headline and lead embedded on their own (``index.heads``): about 1/20 of the
    word pieces of its chunks."""
    texts = [head_texts(a, sentences) for a, sentences in parts]
    flat = [t for heads in texts for t in heads.values()]
    vecs = embedder.embed(flat) if flat else np.zeros((0, embedder.dim), np.float32)
    out, pos = [], 0
    for heads in texts:
        out.append({idx: vecs[pos + k] for k, idx in enumerate(heads)})
        pos += len(heads)
    return out


def embed_articles(embedder: Embedder, parts: list[tuple[Article, list[Sentence], list[Chunk]]]) -> list[PreparedArticle]:
    """Stage 2's work: each article's chunk vectors, (when the embedder reads spans) one contextual
    vector per sentence, the mean over the chunks holding it, and its headline's and lead's vectors."""
    texts, spans = [], []
    for a, sentences, chunks in parts:
        shift = len(a.title) + 1 if a.title else 0
        for c in chunks:
            base = sentences[c.first_sentence].start
            texts.append(embed_text(a.title, c.text))
            spans.append([(shift + s.start - base, shift + s.end - base)
                          for s in sentences[c.first_sentence : c.last_sentence + 1]])
    embed_spans = getattr(embedder, "embed_spans", None)
    if embed_spans is not None:
        vectors, span_vectors = embed_spans(texts, spans)
    else:
        vectors, span_vectors = embedder.embed(texts), None
    heads = embed_heads(embedder, [(a, sentences) for a, sentences, _ in parts])
    prepared, pos = [], 0
    for (a, sentences, chunks), head in zip(parts, heads, strict=True):
        sent_vecs = None
        if span_vectors is not None:
            # a sentence in two overlapping chunks: the mean of its two contextual vectors
            acc = np.zeros((len(sentences), vectors.shape[1]), dtype=np.float32)
            for k, c in enumerate(chunks):
                acc[c.first_sentence : c.last_sentence + 1] += span_vectors[pos + k]
            sent_vecs = acc / np.maximum(np.linalg.norm(acc, axis=1, keepdims=True), 1e-9)
        prepared.append(PreparedArticle(a, sentences, chunks, vectors[pos : pos + len(chunks)], sent_vecs, head))
        pos += len(chunks)
    return prepared


class Ingestor:
    """Turns articles into stored, searchable chunks: stage 1 under the store's writer lock, stage 2
    embedding outside it (the lock is taken only to add each batch's vectors)."""

    def __init__(self, store: Store, embedder: Embedder, chunking: ChunkConfig | None = None,
                 loader: LoaderConfig | None = None, batch_chunks: int = 512):
        self.store = store
        self.embedder = embedder
        self.chunking = chunking or ChunkConfig(max_tokens=embedder.max_tokens)
        self.loader = loader or LoaderConfig()
        self.batch_chunks = batch_chunks

    def ingest_paths(self, paths: Iterable[str | os.PathLike], progress: ProgressFn | None = None,
                     words_only: bool = False) -> IngestReport:
        """Ingest files and folders (recursively); bad files are reported, the rest goes in."""
        return self.ingest(load_paths(paths, self.loader), progress, words_only)

    def prepare(self, article: Article) -> tuple[list, list]:
        """Sentences and chunks of one article (no embedding yet)."""
        sentences = split_sentences(article.text, article.id)
        if not sentences:
            raise InputError(article.origin or article.id, "no sentences found in the text")
        counts = self.embedder.count_tokens([article.text[s.start : s.end] for s in sentences])
        title_tokens = self.embedder.count_tokens([article.title])[0] if article.title else 0
        chunks = make_chunks(article, sentences, counts, self.chunking, title_tokens)
        return sentences, chunks

    def ingest(self, items: Iterable[Article | LoadFailure], progress: ProgressFn | None = None,
               words_only: bool = False) -> IngestReport:
        """Ingest loaded articles: stage 1 for all of them, then (unless ``words_only``) stage 2 for
        every words-only article of the store. Unchanged articles are skipped."""
        t0 = time.perf_counter()
        added, updated, unchanged, failed = [], [], [], []
        seen: dict[str, str] = {}
        batch: list[PreparedArticle] = []
        replaces: set[str] = set()
        stats = {"seen": 0, "written": 0, "chunks": 0}

        def report() -> None:
            if progress:
                progress(Progress(stats["seen"], stats["written"], stats["chunks"], len(failed), time.perf_counter() - t0))

        def flush() -> None:
            if not batch:
                return
            try:
                self.store.write(batch, replaces=replaces - {p.article.id for p in batch})  # lock held below
            except StoreError as e:
                raise StoreError(f"{e} Written before the failure: {stats['written']} of the articles in this run.") from e
            stats["written"] += len(batch)
            stats["chunks"] += sum(len(p.chunks) for p in batch)
            batch.clear()
            replaces.clear()
            report()

        def settle(in_flight: int) -> None:
            """Take the prepared articles in input order until at most ``in_flight`` are pending."""
            while len(window) > in_flight:
                article, stored_hash, job = window.popleft()
                try:
                    sentences, chunks = job.result()
                except InputError as e:
                    failed.append(LoadFailure(e.source, e.reason))
                    continue
                if article.id.startswith("sha256:") and article.origin:
                    # a file without a URL whose text changed: its previous version is replaced
                    replaces.update(i for i in self.store.ids_from_origin(article.origin) if i != article.id)
                (updated if stored_hash else added).append(article.id)
                batch.append(PreparedArticle(article, sentences, chunks, None))
                if sum(len(p.chunks) for p in batch) >= self.batch_chunks:
                    flush()

        # two threads prepare articles while this one writes: the sentence splitter holds the GIL,
        # the tokenizer (counting word pieces) and SQLite release it, so the three overlap (stage 1
        # of 600 RealTimeQA articles: 22.5 s in one thread; bench/NOTES.md "Session 7")
        window: deque = deque()
        with self.store.write_lock(), ThreadPoolExecutor(2, thread_name_prefix="qa-prepare") as pool:
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
                window.append((article, stored_hash, pool.submit(self.prepare, article)))
                settle(PREPARE_AHEAD)
            settle(0)
            flush()
        report()
        words_s = time.perf_counter() - t0
        embedded = 0
        if not words_only:
            def relay(p: Progress) -> None:
                if progress:
                    progress(replace(p, articles_seen=stats["seen"], articles_written=stats["written"],
                                     chunks_written=stats["chunks"], failed=len(failed), elapsed_s=time.perf_counter() - t0))
            embedded = self.embed(relay)
        return IngestReport(
            added=tuple(added), updated=tuple(updated), unchanged=tuple(unchanged), failed=tuple(failed),
            chunks_added=stats["chunks"], chunks_embedded=embedded,
            elapsed_s=time.perf_counter() - t0,
            extra={"words_s": round(words_s, 3), **self.store.coverage()},
        )

    def embed(self, progress: ProgressFn | None = None, stop: threading.Event | None = None,
              background: bool = False) -> int:
        """Stage 2: embed the words-only articles, oldest first, ``batch_chunks`` at a time, until
        none is left (or ``stop`` is set); returns the chunks embedded. Articles written meanwhile are
        picked up too. Returns 0 at once if another process is embedding this store. ``background``:
        the model's forward passes yield to everyone else's (questions asked meanwhile)."""
        behind = getattr(self.embedder, "background", None)
        with behind() if background and behind else contextlib.nullcontext():
            return self._embed(progress, stop)

    def _embed(self, progress: ProgressFn | None, stop: threading.Event | None) -> int:
        t0 = time.perf_counter()
        done = {"articles": 0, "chunks": 0}
        with self.store.embedding_turn() as mine:
            if not mine:
                return 0
            todo = len(self.store.pending())

            def report() -> None:
                if progress:
                    progress(Progress(0, 0, 0, 0, time.perf_counter() - t0, "meaning", done["articles"],
                                      max(todo, done["articles"]), done["chunks"]))
            report()
            stalled = 0
            while not (stop and stop.is_set()):
                picked, n = [], 0
                for aid, chunks in self.store.pending(limit=max(8, self.batch_chunks)):
                    if picked and n + chunks > self.batch_chunks:
                        break
                    picked.append(aid)
                    n += chunks
                if picked:
                    stored = self.store.articles_by_id(picked)
                    parts = [(stored[a].article, self.store.sentences(a), self.store.chunks_of(a)) for a in picked if a in stored]
                    prepared = embed_articles(self.embedder, parts)
                else:  # articles stored before headline and lead vectors existed (index.heads) get theirs
                    picked = self.store.missing_heads(HEADS_BATCH)
                    if not picked:
                        break
                    stored = self.store.articles_by_id(picked)
                    parts = [(stored[a].article, self.store.sentences(a)) for a in picked if a in stored]
                    prepared = [PreparedArticle(a, s, [], None, None, h)
                                for (a, s), h in zip(parts, embed_heads(self.embedder, parts), strict=True)]
                with self.store.write_lock():
                    completed = set(self.store.complete(prepared))
                stalled = 0 if completed else stalled + 1
                if stalled >= 3:  # each read changed under us three times running: leave them for the next run
                    break
                done["articles"] += sum(1 for p in prepared if p.article.id in completed and p.embeddings is not None)
                done["chunks"] += sum(len(p.chunks) for p in prepared if p.article.id in completed)
                todo = max(todo, done["articles"] + len(self.store.pending()))
                report()
        return done["chunks"]

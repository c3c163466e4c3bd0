"""A whole store in one portable file (gzipped JSON lines): articles, sentence offsets, chunks and
their embeddings, so a store built embedded can move to a Chroma server (or another machine)
without embedding anything again. Import writes through the store's normal crash-safe path."""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path

import numpy as np

from .articles import Article, Chunk, Sentence
from .errors import InputError, StoreError
from .heads import KINDS
from .store import PreparedArticle, Store

FORMAT = "article-qa-export"
VERSION = 1


def _b64(a: np.ndarray, dtype) -> str:
    return base64.b64encode(np.ascontiguousarray(a, dtype=dtype).tobytes()).decode("ascii")


def _unb64(s: str, dtype, shape) -> np.ndarray:
    return np.frombuffer(base64.b64decode(s), dtype=dtype).reshape(shape).astype(np.float32)


def stored_parts(store: Store, a: Article) -> PreparedArticle:
    """An article as stored, with its sentences, chunks, chunk vectors (from Chroma) and sentence
    vectors: what it would take to write it again elsewhere."""
    sentences = store.sentences(a.id)
    chunks = store.chunks_of(a.id)
    if store.pending_chunk_ids([c.id for c in chunks]):  # words only: written elsewhere the same way
        return PreparedArticle(a, sentences, chunks, None, None)
    by_id = store.chunk_vectors([c.id for c in chunks])
    if set(by_id) != {c.id for c in chunks}:
        raise StoreError(f"{a.id}: vectors missing in Chroma; run qa verify --repair first")
    vecs = store.sentence_vectors([(a.id, s.index) for s in sentences] + [(a.id, kind) for kind in KINDS])
    sv = np.stack([vecs[(a.id, s.index)] for s in sentences]) if all((a.id, s.index) in vecs for s in sentences) and sentences else None
    heads = {kind: vecs[(a.id, kind)] for kind in KINDS if (a.id, kind) in vecs}
    return PreparedArticle(a, sentences, chunks, np.stack([by_id[c.id] for c in chunks]), sv, heads or None)


def export_store(store: Store, path: Path, progress: Callable[[int], None] | None = None) -> int:
    """Write every article of ``store`` to ``path``; returns the number of articles."""
    n = 0
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"format": FORMAT, "version": VERSION, "embedder": store.embedder_name, "dim": store.dim}) + "\n")
        for stored in store.list_articles():
            a = stored.article
            parts = stored_parts(store, a)
            sentences, chunks = parts.sentences, parts.chunks
            record = {
                "article": {**asdict(a), "published": a.published.isoformat() if a.published else None,
                            "authors": list(a.authors)},
                "sentences": [[s.start, s.end] for s in sentences],
                "chunks": [{"id": c.id, "first": c.first_sentence, "last": c.last_sentence, "text": c.text} for c in chunks],
                "embeddings": _b64(parts.embeddings, np.float32) if parts.embeddings is not None else None,
                "sentence_vectors": _b64(parts.sentence_vectors, np.float16) if parts.sentence_vectors is not None else None,
                "head_vectors": {str(k): _b64(v, np.float16) for k, v in (parts.head_vectors or {}).items()},
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
            if progress:
                progress(n)
    return n


def read_export(path: Path) -> tuple[dict, Iterator[PreparedArticle]]:
    """The export's header and its articles, checked as they are read."""
    try:
        f = gzip.open(path, "rt", encoding="utf-8")  # noqa: SIM115 - closed by the article iterator
        header = json.loads(f.readline())
    except (OSError, json.JSONDecodeError, EOFError) as e:
        raise InputError(str(path), f"not an article-qa export: {e}") from e
    if header.get("format") != FORMAT or header.get("version") != VERSION:
        f.close()
        raise InputError(str(path), f"not an article-qa export (format {header.get('format')!r}, version {header.get('version')!r})")
    dim = int(header["dim"])

    def articles() -> Iterator[PreparedArticle]:
        with f:
            for lineno, line in enumerate(f, 2):
                try:
                    r = json.loads(line)
                    a = r["article"]
                    article = Article(**{**a, "published": date.fromisoformat(a["published"]) if a["published"] else None,
                                         "authors": tuple(a["authors"])})
                    sentences = [Sentence(article.id, i, s, e) for i, (s, e) in enumerate(r["sentences"])]
                    chunks = [Chunk(c["id"], article.id, c["first"], c["last"], c["text"]) for c in r["chunks"]]
                    emb = _unb64(r["embeddings"], np.float32, (len(chunks), dim)) if r["embeddings"] is not None else None
                    sv = _unb64(r["sentence_vectors"], np.float16, (len(sentences), dim)) if r.get("sentence_vectors") else None
                    # an export made before index.heads has none: stage 2 adds them after the import
                    heads = {int(k): _unb64(v, np.float16, (dim,)) for k, v in (r.get("head_vectors") or {}).items()
                             if int(k) in KINDS}
                except (KeyError, TypeError, ValueError, json.JSONDecodeError) as e:
                    raise InputError(f"{path}:{lineno}", f"bad export record: {e}") from e
                if any(article.text[s.start : s.end] != article.text[s.start : s.end].strip() or s.end <= s.start
                       for s in sentences):
                    raise InputError(f"{path}:{lineno}", f"{article.id}: sentence offsets do not fit its text")
                yield PreparedArticle(article, sentences, chunks, emb, sv, heads if emb is not None and heads else None)

    return header, articles()


def import_store(store: Store, path: Path, progress: Callable[[int], None] | None = None, batch: int = 64) -> int:
    """Add every article of the export at ``path`` to ``store`` (same embedder); returns the count.
    Articles already stored with the same content are replaced by the same content (idempotent)."""
    header, articles = read_export(path)
    if header["embedder"] != store.embedder_name or int(header["dim"]) != store.dim:
        raise StoreError(f"{path} was made with embedder {header['embedder']} ({header['dim']} dims); "
                         f"this store uses {store.embedder_name} ({store.dim} dims)")
    n, pending = 0, []
    with store.write_lock():
        for p in articles:
            if store.content_hash_of(p.article.id) == p.article.content_hash:
                n += 1
                continue
            pending.append(p)
            if len(pending) >= batch:
                store.write(pending)
                n += len(pending)
                pending = []
                if progress:
                    progress(n)
        if pending:
            store.write(pending)
            n += len(pending)
    if progress:
        progress(n)
    return n

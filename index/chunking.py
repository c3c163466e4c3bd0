"""Grouping sentences into chunks that never split a sentence and fit the embedding model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .articles import Article, Chunk, Sentence

SPECIAL_TOKENS = 2  # [CLS] and [SEP] around every input


@dataclass(frozen=True)
class ChunkConfig:
    """Chunk size and overlap in sentences, with a hard cap in model word pieces."""

    max_sentences: int = 8
    overlap: int = 1
    max_tokens: int = 256  # the model's max_seq_length; the cap includes the title prefix

    def __post_init__(self):
        if self.max_sentences < 1:
            raise ValueError("max_sentences must be at least 1")
        if not 0 <= self.overlap < self.max_sentences:
            raise ValueError("overlap must be between 0 and max_sentences - 1")


def chunk_id(article: Article, first: int, last: int) -> str:
    """Derived from the article id, its content version and the sentence range.

    The content version keeps a changed article's new chunks apart from its old ones, so a crash
    between writing them and switching over never mixes the two.
    """
    return f"{article.id}#{article.content_hash[:10]}:{first}-{last}"


def embed_text(title: str, text: str) -> str:
    """What the model sees for a chunk: the article title, then the chunk's sentences."""
    return f"{title}\n{text}" if title else text


def make_chunks(
    article: Article, sentences: Sequence[Sentence], token_counts: Sequence[int],
    config: ChunkConfig, title_tokens: int = 0,
) -> list[Chunk]:
    """Greedy sentence-aligned chunks of at most ``max_sentences`` and the token budget.

    A single sentence longer than the budget becomes a chunk on its own (the model truncates it;
    the lexical index still holds all of it).
    """
    budget = config.max_tokens - SPECIAL_TOKENS - (title_tokens + 1 if title_tokens else 0)
    chunks: list[Chunk] = []
    n = len(sentences)
    i = 0
    while i < n:
        j, used = i, token_counts[i]
        while j + 1 < n and j + 1 - i < config.max_sentences and used + token_counts[j + 1] <= budget:
            j += 1
            used += token_counts[j]
        text = article.text[sentences[i].start : sentences[j].end]
        chunks.append(Chunk(chunk_id(article, i, j), article.id, i, j, text))
        if j + 1 >= n:
            break
        i = max(i + 1, j + 1 - config.overlap)
    return chunks

"""Fast fakes behind the library's own interfaces, for the fast test tier (``make test-fast``).

``WordHashEmbedder`` satisfies ``index.embedder.Embedder``: each text's content terms (the same
stemmed terms the answer scorer uses) hashed into a small unit vector, so texts that share words
are close. Deterministic, no model, microseconds a text. It stands in for MiniLM only in tests of
store, retrieval and answer-composition logic; every test that claims to check meaning search or
answer quality uses the real bundled model."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from qa.scoring import terms, words


class WordHashEmbedder:
    name = "test-word-hash"
    dim = 64
    max_tokens = 256

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for t in terms(text) or words(text):
                h = int.from_bytes(hashlib.blake2b(t.encode("utf-8"), digest_size=4).digest(), "little")
                out[row, h % self.dim] += 1.0 if h & 1 << 31 else -1.0
            norm = float(np.linalg.norm(out[row]))
            out[row] = out[row] / norm if norm else np.eye(1, self.dim, 0, dtype=np.float32)[0]
        return out

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(words(t)) for t in texts]

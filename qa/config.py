"""One configuration object, built at the edge (CLI flags, environment, app settings)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from index.chunking import ChunkConfig
from index.loaders import DEFAULT_MAX_FILE_BYTES, DEFAULT_PARSE_SECONDS, FieldMap, LoaderConfig
from index.store import ChromaSettings, memory_bm25_from_env

from .llm import LLMSettings


def default_store() -> Path:
    """``$QA_STORE``, else ``$XDG_DATA_HOME/article-qa/store`` (``~/.local/share/...``)."""
    if os.environ.get("QA_STORE"):
        return Path(os.environ["QA_STORE"]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "article-qa" / "store"


def offline_environment() -> None:
    """Nothing reaches the network at run time: no hub downloads, no analytics, no telemetry."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"environment variable {name} must be a whole number, not {value!r}") from None


@dataclass(frozen=True)
class Config:
    """Everything the assistant can be told. Build with ``Config.from_env(**overrides)``."""

    store: Path = field(default_factory=default_store)
    model: str | None = None  # a sentence-transformers path/name; None = the bundled MiniLM
    embed_backend: str = "onnx"  # "torch", "onnx" (same vectors, faster) or "onnx-int8"
    chunk_sentences: int = 8
    chunk_overlap: int = 1
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    parse_seconds: float = DEFAULT_PARSE_SECONDS  # HTML/PDF parsing time per file (a child process, killed at the limit)
    fields: FieldMap = FieldMap()
    max_question_chars: int = 2000
    top_k: int = 3  # cited sentences at most
    llm: LLMSettings = LLMSettings()  # no backend: extractive answers
    chroma: ChromaSettings = ChromaSettings()  # embedded in the store folder, or a Chroma server
    memory_bm25: bool = True  # word search from an in-memory copy of the FTS5 index (QA_MEMORY_BM25=0: off)

    @classmethod
    def from_env(cls, **overrides) -> Config:
        """Defaults, then ``QA_*`` environment variables, then explicit overrides (None = unset)."""
        cfg = cls(
            model=os.environ.get("QA_MODEL") or None,
            embed_backend=os.environ.get("QA_EMBED_BACKEND") or cls.embed_backend,
            chunk_sentences=_env_int("QA_CHUNK_SENTENCES", cls.chunk_sentences),
            chunk_overlap=_env_int("QA_CHUNK_OVERLAP", cls.chunk_overlap),
            max_file_bytes=_env_int("QA_MAX_FILE_MB", DEFAULT_MAX_FILE_BYTES // 2**20) * 2**20,
            parse_seconds=_env_int("QA_PARSE_SECONDS", int(DEFAULT_PARSE_SECONDS)),
            llm=LLMSettings.from_env(),
            chroma=ChromaSettings.from_env(),
            memory_bm25=memory_bm25_from_env(),
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        if "store" in given:
            given["store"] = Path(given["store"]).expanduser()
        return replace(cfg, **given)

    def loader(self) -> LoaderConfig:
        return LoaderConfig(max_file_bytes=self.max_file_bytes, fields=self.fields, parse_seconds=self.parse_seconds)

    def chunking(self, max_tokens: int) -> ChunkConfig:
        return ChunkConfig(max_sentences=self.chunk_sentences, overlap=self.chunk_overlap, max_tokens=max_tokens)

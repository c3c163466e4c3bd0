"""One settings object for the whole app, built at the edge (the CLI, ``app.py``, a test) and
passed down: no library constructor reads the environment.

``VARIABLES`` lists every ``QA_*`` environment variable once: its name, where it goes, how it is
read and what it means. ``Config.from_env`` reads the environment only through it, and the README's
settings table is checked against it (``tests/test_config.py``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from index.chunking import ChunkConfig
from index.embedder import BACKENDS as EMBED_BACKENDS
from index.errors import InputError
from index.loaders import DEFAULT_MAX_FILE_BYTES, DEFAULT_PARSE_SECONDS, FieldMap, LoaderConfig
from index.vectors import COLLECTION, ChromaSettings

from .llm import LLMSettings


def default_store(env: Mapping[str, str] | None = None) -> Path:
    """``$QA_STORE``, else ``$XDG_DATA_HOME/article-qa/store`` (``~/.local/share/...``)."""
    env = os.environ if env is None else env
    if env.get("QA_STORE"):
        return Path(env["QA_STORE"]).expanduser()
    base = env.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "article-qa" / "store"


def default_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$XDG_CACHE_HOME/article-qa`` (``~/.cache/article-qa``): exported ONNX models."""
    env = os.environ if env is None else env
    return Path(env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")) / "article-qa"


def offline_environment() -> None:
    """Nothing reaches the network at run time: no hub downloads, no analytics, no telemetry."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


# ---------------------------------------------------------------------------------------- readers


def _number(kind: type) -> Callable[[str, str], object]:
    def read(name: str, value: str):
        try:
            return kind(value)
        except ValueError:
            what = "a whole number" if kind is int else "a number"
            raise InputError(name, f"must be {what}, not {value!r}") from None
    return read


def _text(name: str, value: str) -> str:  # noqa: ARG001
    return value


def _flag(name: str, value: str) -> bool:
    v = value.strip().lower()
    if v in ("1", "true", "yes", "on"):
        return True
    if v in ("0", "false", "no", "off"):
        return False
    raise InputError(name, f"must be 1 or 0 (on or off), not {value!r}")


def _list(name: str, value: str) -> tuple[str, ...]:  # noqa: ARG001
    return tuple(x.strip() for x in value.split(",") if x.strip())


def _auth(name: str, value: str) -> tuple[str, str]:
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise InputError(name, "must look like user:password")
    return user, password


def _headers(name: str, value: str) -> tuple[tuple[str, str], ...]:
    headers = []
    for part in value.split(";"):
        if part.strip():
            key, sep, v = part.partition(":")
            if not sep or not key.strip():
                raise InputError(name, "must look like 'Name: value; Name2: value2'")
            headers.append((key.strip(), v.strip()))
    return tuple(headers)


def _megabytes(name: str, value: str) -> int:
    return _number(int)(name, value) * 2**20


@dataclass(frozen=True)
class Variable:
    """One ``QA_*`` environment variable: where its value goes (``field``, or ``llm.x`` / ``chroma.x``)."""

    name: str
    field: str
    read: Callable[[str, str], object]
    doc: str


VARIABLES: tuple[Variable, ...] = (
    Variable("QA_STORE", "store", lambda n, v: Path(v).expanduser(), "store folder (default ~/.local/share/article-qa/store)"),
    Variable("QA_MODEL", "model", _text, "a sentence-transformers model path (default: the bundled MiniLM)"),
    Variable("QA_EMBED_BACKEND", "embed_backend", _text, "onnx (default), torch or onnx-int8"),
    Variable("QA_CHUNK_SENTENCES", "chunk_sentences", _number(int), "sentences per chunk (8)"),
    Variable("QA_CHUNK_OVERLAP", "chunk_overlap", _number(int), "sentences shared by neighbouring chunks (1)"),
    Variable("QA_MAX_FILE_MB", "max_file_bytes", _megabytes, "largest file read (32)"),
    Variable("QA_PARSE_SECONDS", "parse_seconds", _number(float), "time one HTML or PDF file may take to read (20)"),
    Variable("QA_MEMORY_BM25", "memory_bm25", _flag, "word search from an in-memory copy of the FTS5 index (1); 0: FTS5 alone"),
    Variable("QA_HOST", "host", _text, "address the app listens on (127.0.0.1)"),
    Variable("QA_PORT", "port", _number(int), "port (7860)"),
    Variable("QA_AUTH", "auth", _auth, "user:password: a login for the UI, HTTP Basic for the API"),
    Variable("QA_ALLOWED_HOSTS", "allowed_hosts", _list, "host names besides loopback the app answers to, comma-separated; * for any"),
    Variable("QA_CORS_ORIGINS", "cors_origins", _list, "browser origins allowed to call the API, comma-separated (none)"),
    Variable("QA_MAX_UPLOAD_MB", "max_upload_mb", _number(int), "largest request or pasted text (20)"),
    Variable("QA_CONCURRENCY", "concurrency", _number(int), "answers computed at once (4)"),
    Variable("QA_QUEUE", "queue", _number(int), "questions waiting beyond that before 'busy' (16)"),
    Variable("QA_CHROMA_URL", "chroma.url", _text, "vectors on a Chroma server, e.g. http://127.0.0.1:8000 (default: in the store folder)"),
    Variable("QA_CHROMA_COLLECTION", "chroma.collection", _text, f"the collection on it ({COLLECTION})"),
    Variable("QA_CHROMA_HEADERS", "chroma.headers", _headers, "headers for the server, 'Name: value; Name2: value2'"),
    Variable("QA_CHROMA_TENANT", "chroma.tenant", _text, "the server's tenant"),
    Variable("QA_CHROMA_DATABASE", "chroma.database", _text, "the server's database"),
    Variable("QA_CHROMA_TIMEOUT", "chroma.read_timeout", _number(float), "seconds a vector read may take before answers use words alone (10)"),
    Variable("QA_DATABASE_URL", "database_url", _text, "everything but the vectors in PostgreSQL, shared by workers on "
             "several machines, e.g. postgresql://qa@db/qa (needs QA_CHROMA_URL; default: the store folder's SQLite)"),
    Variable("QA_LEASE_S", "lease_s", _number(float), "with QA_DATABASE_URL: seconds a dead writer's lease blocks the next writer (30)"),
    Variable("QA_LLM", "llm.backend", _text, "openai-like, ollama, llama-cpp or none (default: extractive answers)"),
    Variable("QA_LLM_URL", "llm.url", _text, "the LLM server, e.g. http://127.0.0.1:8080/v1"),
    Variable("QA_LLM_MODEL", "llm.model", _text, "the model name on that server"),
    Variable("QA_LLM_PATH", "llm.path", _text, "a GGUF file run in process (llama-cpp)"),
    Variable("QA_LLM_API_KEY", "llm.api_key", _text, "the server's key (or OPENAI_API_KEY), never on the command line"),
    Variable("QA_LLM_GRAMMAR", "llm.grammar", _flag, "1: a GBNF grammar makes every sentence end with ids (llama.cpp servers)"),
    Variable("QA_LLM_MAX_TOKENS", "llm.max_tokens", _number(int), "longest LLM answer (256 tokens)"),
    Variable("QA_LLM_TIMEOUT", "llm.timeout_s", _number(float), "seconds an LLM answer may take (120)"),
)


def read_env(env: Mapping[str, str] | None = None) -> dict[str, dict[str, object]]:
    """The set ``QA_*`` variables, read: {"": {field: value}, "llm": {...}, "chroma": {...}}.
    A bad value raises ``InputError`` naming the variable."""
    env = os.environ if env is None else env
    out: dict[str, dict[str, object]] = {"": {}, "llm": {}, "chroma": {}}
    for var in VARIABLES:
        value = env.get(var.name)
        if value is None or value.strip() == "":
            continue
        group, _, name = var.field.rpartition(".")
        out[group][name] = var.read(var.name, value.strip())
    if "api_key" not in out["llm"] and env.get("OPENAI_API_KEY"):
        out["llm"]["api_key"] = env["OPENAI_API_KEY"]
    return out


@dataclass(frozen=True)
class Config:
    """Everything the assistant and the app can be told. Build with ``Config.from_env(**overrides)``
    (defaults, then ``QA_*`` variables, then explicit overrides) or directly."""

    store: Path = field(default_factory=default_store)
    model: str | None = None  # a sentence-transformers path/name; None = the bundled MiniLM
    embed_backend: str = "onnx"  # "torch", "onnx" (same vectors, faster) or "onnx-int8"
    cache_dir: Path = field(default_factory=default_cache_dir)  # exported ONNX models
    chunk_sentences: int = 8
    chunk_overlap: int = 1
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    parse_seconds: float = DEFAULT_PARSE_SECONDS  # HTML/PDF parsing time per file (a child process, killed at the limit)
    fields: FieldMap = FieldMap()
    max_question_chars: int = 2000
    top_k: int = 3  # cited sentences at most
    llm: LLMSettings = LLMSettings()  # no backend: extractive answers
    chroma: ChromaSettings = ChromaSettings()  # embedded in the store folder, or a Chroma server
    memory_bm25: bool = True  # word search from an in-memory copy of the FTS5 index
    database_url: str | None = field(default=None, repr=False)  # PostgreSQL (may hold a password)
    lease_s: float = 30.0  # with a shared database: how long a dead writer's lease blocks the next
    # the app process (app.py)
    host: str = "127.0.0.1"
    port: int = 7860
    auth: tuple[str, str] | None = field(default=None, repr=False)
    allowed_hosts: tuple[str, ...] = ()
    cors_origins: tuple[str, ...] = ()
    max_upload_mb: int = 20
    concurrency: int = 4
    queue: int = 16

    def __post_init__(self):
        """Settings that cannot work are refused here, naming the variable (not deep in a library)."""
        checks = (
            ("QA_CHUNK_SENTENCES", self.chunk_sentences >= 1, "must be at least 1"),
            ("QA_CHUNK_OVERLAP", 0 <= self.chunk_overlap < max(self.chunk_sentences, 1), "must be 0 or more and under QA_CHUNK_SENTENCES"),
            ("QA_EMBED_BACKEND", self.embed_backend in EMBED_BACKENDS, f"must be one of {', '.join(EMBED_BACKENDS)}"),
            ("QA_CONCURRENCY", self.concurrency >= 1, "must be at least 1"),
            ("QA_QUEUE", self.queue >= 0, "must be 0 or more"),
            ("QA_MAX_UPLOAD_MB", self.max_upload_mb >= 1, "must be at least 1"),
            ("QA_PORT", 0 <= self.port <= 65535, "must be a port number"),
            ("QA_LEASE_S", self.lease_s >= 1, "must be at least 1 second"),
        )
        for name, ok, what in checks:
            if not ok:
                raise InputError(name, what)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides) -> Config:
        """Defaults, then ``QA_*`` variables (of ``env``, default ``os.environ``), then explicit
        overrides (None = unset; ``llm``/``chroma`` overrides replace the whole group)."""
        values = read_env(env)
        top = values[""]
        top["store"] = top.get("store") or default_store(env)
        top["cache_dir"] = default_cache_dir(env)
        if "llm" not in overrides or overrides["llm"] is None:
            top["llm"] = llm_settings(values["llm"])
        if "chroma" not in overrides or overrides["chroma"] is None:
            top["chroma"] = ChromaSettings(**values["chroma"])
        given = {k: v for k, v in overrides.items() if v is not None}
        if "store" in given:
            given["store"] = Path(given["store"]).expanduser()
        return cls(**{**top, **given})

    def loader(self) -> LoaderConfig:
        return LoaderConfig(max_file_bytes=self.max_file_bytes, fields=self.fields, parse_seconds=self.parse_seconds)

    def chunking(self, max_tokens: int) -> ChunkConfig:
        return ChunkConfig(max_sentences=self.chunk_sentences, overlap=self.chunk_overlap, max_tokens=max_tokens)


def llm_settings(values: dict, **overrides) -> LLMSettings:
    """LLM settings from read values, then overrides (None = unset); "none" means no LLM. Checked."""
    values = {**values, **{k: v for k, v in overrides.items() if v is not None}}
    if values.get("backend") in ("", "none", "extractive"):
        values["backend"] = None
    settings = LLMSettings(**values)
    settings.check()
    return settings


def env_llm_settings(**overrides) -> LLMSettings:
    """The ``QA_LLM*`` variables, then the flags (the CLI's and ``app.py``'s edge)."""
    return llm_settings(read_env()["llm"], **overrides)


def env_chroma_settings(**overrides) -> ChromaSettings:
    """The ``QA_CHROMA_*`` variables, then the flags."""
    return replace(ChromaSettings(**read_env()["chroma"]), **{k: v for k, v in overrides.items() if v is not None})


def settings_table() -> str:
    """The README's settings table, made from ``VARIABLES``."""
    rows = ["| variable | meaning (default) |", "|---|---|"]
    rows += [f"| `{v.name}` | {v.doc.replace('|', '/')} |" for v in VARIABLES]
    return "\n".join(rows)


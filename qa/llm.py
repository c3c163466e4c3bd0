"""LLM backends through LlamaIndex's integrations, chosen by settings. Optional: with no LLM
configured the assistant answers extractively and none of these packages is imported."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from index.errors import QAError

BACKENDS = ("openai-like", "ollama", "llama-cpp")


class LLMError(QAError):
    """The LLM is misconfigured, missing or failed to answer."""


@dataclass(frozen=True)
class LLMSettings:
    """Which LLM to use. ``backend`` None means extractive answers only.

    - ``openai-like``: any OpenAI-compatible server (vLLM, llama.cpp's server, LM Studio, a hosted
      API): ``url`` (e.g. ``http://127.0.0.1:8080/v1``), ``model``; the key in ``api_key``.
    - ``ollama``: ``url`` (default ``http://127.0.0.1:11434``), ``model``.
    - ``llama-cpp``: a local GGUF file at ``path``, run in process (needs llama-cpp-python).
    """

    backend: str | None = None
    url: str | None = None
    model: str | None = None
    path: str | None = None
    api_key: str | None = field(default=None, repr=False)
    temperature: float = 0.0
    max_tokens: int = 256
    context_window: int = 4096
    timeout_s: float = 120.0
    extra: dict = field(default_factory=dict)  # passed to the backend as request options
    grammar: bool = False  # openai-like llama.cpp servers: constrain output so sentences end with ids

    @property
    def enabled(self) -> bool:
        return self.backend is not None

    @property
    def name(self) -> str:
        """The answer ``mode``: backend and model, e.g. ``openai-like:gemma-3-270m``."""
        model = self.model or (os.path.basename(self.path) if self.path else "")
        return f"{self.backend}:{model}" if model else str(self.backend)

    def check(self) -> None:
        if self.backend is None:
            return
        if self.backend not in BACKENDS:
            raise LLMError(f"unknown LLM backend {self.backend!r}: choose one of {', '.join(BACKENDS)} (or none)")
        if self.backend == "openai-like" and not self.url:
            raise LLMError("the openai-like backend needs a server URL (--llm-url / QA_LLM_URL)")
        if self.backend in ("openai-like", "ollama") and not self.model:
            raise LLMError(f"the {self.backend} backend needs a model name (--llm-model / QA_LLM_MODEL)")
        if self.grammar and self.backend != "openai-like":
            raise LLMError("--llm-grammar needs the openai-like backend on a llama.cpp server (GBNF grammars)")
        if self.backend == "llama-cpp" and not (self.path and os.path.isfile(self.path)):
            raise LLMError(f"the llama-cpp backend needs a GGUF file (--llm-path / QA_LLM_PATH); {self.path!r} is not one")


def build_llm(settings: LLMSettings):
    """A LlamaIndex ``LLM`` for the settings (imports the integration only now)."""
    settings.check()
    try:
        if settings.backend == "openai-like":
            from llama_index.llms.openai_like import OpenAILike

            return OpenAILike(
                model=settings.model, api_base=settings.url, api_key=settings.api_key or "not-needed",
                is_chat_model=True, context_window=settings.context_window, max_tokens=settings.max_tokens,
                temperature=settings.temperature, timeout=settings.timeout_s, max_retries=1,
                additional_kwargs={"extra_body": settings.extra} if settings.extra else {},
            )
        if settings.backend == "ollama":
            from llama_index.llms.ollama import Ollama

            return Ollama(model=settings.model, base_url=settings.url or "http://127.0.0.1:11434",
                          temperature=settings.temperature, request_timeout=settings.timeout_s,
                          context_window=settings.context_window, additional_kwargs={"num_predict": settings.max_tokens, **settings.extra})
        if settings.backend == "llama-cpp":
            from llama_index.llms.llama_cpp import LlamaCPP

            return LlamaCPP(model_path=settings.path, temperature=settings.temperature, max_new_tokens=settings.max_tokens,
                            context_window=settings.context_window, generate_kwargs=dict(settings.extra),
                            model_kwargs={"n_threads": os.cpu_count() or 2}, verbose=False)
    except ImportError as e:
        extra = {"openai-like": "llama-index-llms-openai-like", "ollama": "llama-index-llms-ollama",
                 "llama-cpp": "llama-index-llms-llama-cpp llama-cpp-python"}[settings.backend]
        raise LLMError(f"the {settings.backend} backend is not installed: pip install 'article-qa[llm]' ({extra})") from e
    raise LLMError("no LLM backend configured")

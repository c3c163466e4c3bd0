"""Command-line flags shared by the ``qa`` command and the app launcher (``app.py``, ``qa serve``)."""

from __future__ import annotations

import argparse

from .config import env_llm_settings


def llm_flags(args):
    """LLM settings: environment first (QA_LLM...), then the flags."""
    return env_llm_settings(backend=args.llm, url=args.llm_url, model=args.llm_model, path=args.llm_path,
                            grammar=True if args.llm_grammar else None)


def add_llm_flags(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("LLM answers (optional; default: extractive, no model)")
    g.add_argument("--llm", choices=["none", "openai-like", "ollama", "llama-cpp"], help="LLM backend (env QA_LLM)")
    g.add_argument("--llm-url", help="server URL, e.g. http://127.0.0.1:8080/v1 (env QA_LLM_URL); key from QA_LLM_API_KEY")
    g.add_argument("--llm-model", help="model name on that server (env QA_LLM_MODEL)")
    g.add_argument("--llm-path", help="GGUF file for --llm llama-cpp (env QA_LLM_PATH)")
    g.add_argument("--llm-grammar", action="store_true",
                   help="llama.cpp servers: a grammar makes every sentence end with ids (env QA_LLM_GRAMMAR=1)")

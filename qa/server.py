"""The app process: the HTTP API and the Gradio UI on one FastAPI server, configured from env."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .config import Config, offline_environment


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """``QA_AUTH=user:password`` turns on a login for the UI and HTTP Basic auth for the API."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ValueError("QA_AUTH must look like user:password")
    return user, password


def create_app(config: Config, *, auth: tuple[str, str] | None = None, max_upload_mb: int = 20,
               ask_limit: int = 4, ask_queue: int = 16, assistant=None):
    """FastAPI app with /api/* and the Gradio UI mounted at /."""
    import gradio as gr

    from .api import create_api
    from .assistant import Assistant
    from .web import CSS, build_ui

    qa = assistant or Assistant(config)
    qa.store  # noqa: B018 - open the store (and load the model) before serving
    max_bytes = max_upload_mb * 2**20
    api = create_api(qa, upload_dir=Path(config.store) / "uploads", max_upload_bytes=max_bytes,
                     ask_limit=ask_limit, ask_queue=ask_queue, auth=auth)
    ui = build_ui(qa, max_upload_bytes=max_bytes)
    ui.queue(default_concurrency_limit=ask_limit, max_size=ask_limit + ask_queue)
    return gr.mount_gradio_app(api, ui, path="/", auth=auth, max_file_size=max_bytes, css=CSS,
                               show_error=True, footer_links=["api"], ssr_mode=False, mcp_server=False)


def main(argv: list[str] | None = None) -> int:
    offline_environment()
    ap = argparse.ArgumentParser(prog="app.py", description="Start the Article Q&A app (chat UI + HTTP API).")
    ap.add_argument("--store", help="store folder (default: $QA_STORE or ~/.local/share/article-qa/store)")
    ap.add_argument("--host", default=os.environ.get("QA_HOST", "127.0.0.1"))
    ap.add_argument("--port", type=int, default=int(os.environ.get("QA_PORT", "7860")))
    ap.add_argument("--ingest", nargs="*", default=[], help="files or folders to ingest before serving")
    ap.add_argument("--max-upload-mb", type=int, default=int(os.environ.get("QA_MAX_UPLOAD_MB", "20")))
    ap.add_argument("--concurrency", type=int, default=int(os.environ.get("QA_CONCURRENCY", "4")))
    ap.add_argument("--queue", type=int, default=int(os.environ.get("QA_QUEUE", "16")))
    from index.errors import QAError

    from .cli import _add_llm_flags, _llm_settings

    ap.add_argument("--chroma-url", help="vectors on a Chroma server shared by several app processes (env QA_CHROMA_URL)")
    _add_llm_flags(ap)
    args = ap.parse_args(argv)
    try:
        from index.store import ChromaSettings

        config = Config.from_env(store=args.store, llm=_llm_settings(args), chroma=ChromaSettings.from_env(url=args.chroma_url))
        auth = parse_auth(os.environ.get("QA_AUTH"))
    except (ValueError, QAError) as e:
        print(f"app: {e}", file=sys.stderr)
        return 2
    from .assistant import Assistant

    qa = Assistant(config)
    if args.ingest:
        from tqdm import tqdm

        bar = tqdm(desc="ingest", unit=" articles", file=sys.stderr)
        report = qa.ingest(args.ingest, lambda p: bar.update(p.articles_seen - bar.n))
        bar.close()
        c = report.to_dict()["counts"]
        print(f"ingested: added {c['added']}, updated {c['updated']}, unchanged {c['unchanged']}, failed {c['failed']}", file=sys.stderr)
        for f in report.failed:
            print(f"  failed: {f.source}: {f.reason}", file=sys.stderr)
    app = create_app(config, auth=auth, max_upload_mb=args.max_upload_mb, ask_limit=args.concurrency,
                     ask_queue=args.queue, assistant=qa)
    import uvicorn

    print(f"Article Q&A on http://{args.host}:{args.port}  (API docs: /docs, store: {config.store})", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0

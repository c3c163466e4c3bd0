"""The app process: the HTTP API and the Gradio UI on one FastAPI server, configured from env."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .config import Config, offline_environment
from .guard import Guard, GuardSettings, credentials_match


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """``QA_AUTH=user:password`` turns on a login for the UI and HTTP Basic auth for the API."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ValueError("QA_AUTH must look like user:password")
    return user, password


def guard_settings(auth: tuple[str, str] | None, max_body_bytes: int, host: str = "") -> GuardSettings:
    """Hosts the app answers to: loopback, ``QA_HOST`` (unless it is a wildcard address) and the
    comma-separated ``QA_ALLOWED_HOSTS``; browser origins that may call it: ``QA_CORS_ORIGINS``."""
    hosts = {h.strip().lower() for h in os.environ.get("QA_ALLOWED_HOSTS", "").split(",") if h.strip()}
    host = (host or os.environ.get("QA_HOST", "")).strip().lower()
    if host and host not in ("0.0.0.0", "::"):
        hosts.add(host)
    origins = tuple(o.strip() for o in os.environ.get("QA_CORS_ORIGINS", "").split(",") if o.strip())
    return GuardSettings(hosts=frozenset(hosts), cors_origins=origins, auth=auth, max_body_bytes=max_body_bytes)


def create_app(config: Config, *, auth: tuple[str, str] | None = None, max_upload_mb: int = 20,
               ask_limit: int = 4, ask_queue: int = 16, assistant=None, host: str = ""):
    """The whole app as one ASGI callable: ``Guard`` in front of FastAPI (/api/*, /docs) with the
    Gradio UI mounted at /."""
    import gradio as gr
    from fastapi.middleware.cors import CORSMiddleware
    from starlette.routing import Mount

    from .api import create_api
    from .assistant import Assistant
    from .reader import add_reader
    from .web import CSS, JS, build_ui

    qa = assistant or Assistant(config)
    qa.store  # noqa: B018 - open the store (and load the model) before serving
    max_bytes = max_upload_mb * 2**20
    settings = guard_settings(auth, max_bytes, host)
    api = create_api(qa, upload_dir=Path(config.store) / "uploads", max_upload_bytes=max_bytes,
                     ask_limit=ask_limit, ask_queue=ask_queue)
    add_reader(api, qa)
    # CORS only for configured origins (none by default); with this in place Gradio adds none of its own
    api.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_credentials=True,
                       allow_methods=["GET", "POST", "DELETE"], allow_headers=["Authorization", "Content-Type"])
    ui = build_ui(qa, max_upload_bytes=max_bytes)
    ui.queue(default_concurrency_limit=ask_limit, max_size=ask_limit + ask_queue)
    login = (lambda user, password: credentials_match(auth, user, password)) if auth else None
    app = gr.mount_gradio_app(api, ui, path="/", auth=login, max_file_size=max_bytes, css=CSS,
                              show_error=False, footer_links=["api"], ssr_mode=False, mcp_server=False, js=JS)
    # Mounted, Gradio never counts as launched and skips its own "was this file uploaded?" check
    # (and downloads URLs given as paths): the one file input checks itself (qa.web.uploads_only).
    gradio_app = next(r.app for r in app.routes if isinstance(r, Mount) and hasattr(r.app, "tokens"))

    def session_user(scope) -> str | None:
        """The user of a Gradio login session (its cookie), so a logged-in browser can read /docs."""
        cookies = {}
        for k, v in scope.get("headers", ()):
            if k == b"cookie":
                for part in v.decode("latin-1").split(";"):
                    name, _, value = part.strip().partition("=")
                    cookies[name] = value
        token = cookies.get(f"access-token-{gradio_app.cookie_id}") or cookies.get(f"access-token-unsecure-{gradio_app.cookie_id}")
        return gradio_app.tokens.get(token) if token else None

    return Guard(app, settings, session_user)


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
                     ask_queue=args.queue, assistant=qa, host=args.host)
    import uvicorn

    print(f"Article Q&A on http://{args.host}:{args.port}  (API docs: /docs, store: {config.store})", file=sys.stderr)
    # a stream still open at SIGTERM gets a few seconds, then the server stops regardless
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", timeout_graceful_shutdown=5)
    return 0

"""The app process: the HTTP API and the Gradio UI on one FastAPI server, configured by one ``Config``."""

from __future__ import annotations

import argparse
import atexit
import sys
from dataclasses import replace
from pathlib import Path

from .config import Config, offline_environment
from .guard import Guard, GuardSettings, credentials_match


def guard_settings(config: Config, max_body_bytes: int) -> GuardSettings:
    """Hosts the app answers to: loopback, ``config.host`` (unless it is a wildcard address) and
    ``config.allowed_hosts``; browser origins that may call it: ``config.cors_origins``."""
    hosts = {h.lower() for h in config.allowed_hosts}
    host = config.host.strip().lower()
    if host and host not in ("0.0.0.0", "::"):
        hosts.add(host)
    return GuardSettings(hosts=frozenset(hosts), cors_origins=config.cors_origins, auth=config.auth,
                         max_body_bytes=max_body_bytes)


def create_app(config: Config, assistant=None):
    """The whole app as one ASGI callable: ``Guard`` in front of FastAPI (/api/*, /docs, the
    OpenAI-compatible /v1/*, MCP at /mcp) with the Gradio UI mounted at /. Everything it is told comes from ``config``."""
    import gradio as gr
    from fastapi.middleware.cors import CORSMiddleware
    from starlette.routing import Mount

    from .api import create_api
    from .assistant import Assistant
    from .mcp_server import mount_mcp
    from .openai_compat import add_openai_routes
    from .reader import add_reader
    from .web import CSS, JS, build_ui

    assistant = assistant or Assistant(config)
    assistant.warm_up()  # open the store and load the model before serving
    assistant.embed_behind()  # stage 2 of whatever is words-only (an upload cut short, qa ingest --words-only)
    max_bytes = config.max_upload_mb * 2**20
    ask_limit, auth = config.concurrency, config.auth
    settings = guard_settings(config, max_bytes)
    api = create_api(assistant, upload_dir=Path(config.store) / "uploads", max_upload_bytes=max_bytes,
                     ask_limit=ask_limit, ask_queue=config.queue)
    add_reader(api, assistant)
    add_openai_routes(api, assistant)
    mount_mcp(api, assistant, api.state.admission.run)
    # at exit the embedding thread finishes the batch in hand (written whole or not at all) and stops
    atexit.register(assistant.stop_embedding, 10)
    # CORS only for configured origins (none by default); with this in place Gradio adds none of its own
    api.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_credentials=True,
                       allow_methods=["GET", "POST", "DELETE"], allow_headers=["Authorization", "Content-Type"])
    ui = build_ui(assistant, max_upload_bytes=max_bytes)
    ui.queue(default_concurrency_limit=ask_limit, max_size=ask_limit + config.queue)
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


def main(argv: list[str] | None = None, prog: str = "app.py") -> int:
    offline_environment()
    from index.errors import QAError

    from .config import env_chroma_settings
    from .flags import add_llm_flags, llm_flags

    try:
        env = Config.from_env()
    except QAError as e:
        print(f"{prog}: {e}", file=sys.stderr)
        return 2
    ap = argparse.ArgumentParser(prog=prog, description="Start the Article Q&A app (chat UI, HTTP API, "
                                 "OpenAI-compatible /v1, MCP at /mcp).")
    ap.add_argument("--store", help="store folder (default: $QA_STORE or ~/.local/share/article-qa/store)")
    ap.add_argument("--host", default=env.host)
    ap.add_argument("--port", type=int, default=env.port)
    ap.add_argument("--ingest", nargs="*", default=[], help="files or folders to ingest before serving")
    ap.add_argument("--max-upload-mb", type=int, default=env.max_upload_mb)
    ap.add_argument("--concurrency", type=int, default=env.concurrency)
    ap.add_argument("--queue", type=int, default=env.queue)
    ap.add_argument("--chroma-url", help="vectors on a Chroma server shared by several app processes (env QA_CHROMA_URL)")
    ap.add_argument("--database-url", help="records in PostgreSQL, for app workers on several machines (env QA_DATABASE_URL)")
    add_llm_flags(ap)
    args = ap.parse_args(argv)
    try:
        config = replace(env, store=Path(args.store).expanduser() if args.store else env.store, host=args.host,
                         port=args.port, max_upload_mb=args.max_upload_mb, concurrency=args.concurrency,
                         queue=args.queue, llm=llm_flags(args), chroma=env_chroma_settings(url=args.chroma_url),
                         database_url=args.database_url or env.database_url)
    except QAError as e:
        print(f"{prog}: {e}", file=sys.stderr)
        return 2
    from .assistant import Assistant

    assistant = Assistant(config)
    if args.ingest:
        from tqdm import tqdm

        bar = tqdm(desc="ingest", unit=" articles", file=sys.stderr)
        report = assistant.ingest(args.ingest, lambda p: bar.update(p.articles_seen - bar.n))
        bar.close()
        print(f"ingested: {report.summary()}", file=sys.stderr)
        for f in report.failed:
            print(f"  failed: {f.source}: {f.reason}", file=sys.stderr)
    app = create_app(config, assistant=assistant)
    import uvicorn

    print(f"Article Q&A on http://{config.host}:{config.port}  (API docs: /docs, store: {config.store})", file=sys.stderr)
    # a stream still open at SIGTERM gets a few seconds, then the server stops regardless
    uvicorn.run(app, host=config.host, port=config.port, log_level="warning", timeout_graceful_shutdown=5)
    return 0

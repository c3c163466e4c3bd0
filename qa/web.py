"""The Gradio chat UI: a thin layer over ``Assistant`` (no retrieval or answering logic here)."""

from __future__ import annotations

import contextlib
import html
import json
import time
from pathlib import Path

import gradio as gr

from index.errors import QAError
from index.loaders import SUPPORTED_SUFFIXES, build_article, parse_json_collection
from index.models import LoadFailure

from .api import load_upload
from .assistant import Assistant
from .followup import content_text
from .models import Answer
from .render import render_answer

CSS = """
.qa-answer { font-size: 1.05em; line-height: 1.5; }
.qa-answer sup { color: #1d4ed8; font-weight: 600; }
.qa-abstained { border-left: 4px solid #d97706; padding: 4px 10px; background: #fffbeb; color: #78350f; }
.qa-sources, .qa-related { margin-top: 10px; font-size: 0.92em; }
.qa-citation blockquote { margin: 4px 0 10px 0; padding: 4px 10px; border-left: 3px solid #94a3b8; color: #334155; }
.qa-citation mark { background: #fde68a; color: #111827; padding: 0 2px; }
.qa-draft { color: #6b7280; font-style: italic; }
.qa-mode, .qa-dropped { margin-top: 6px; color: #6b7280; font-size: 0.88em; }
"""

EXAMPLES = ["Who is the spokesman of Iran's foreign ministry?", "What did he call the resolution?"]


def _filters(since: str, until: str, sources: list[str] | None, as_of: str = "") -> dict | None:
    f = {"since": (since or "").strip() or None, "until": (until or "").strip() or None, "sources": sources or [],
         "as_of": (as_of or "").strip() or None}
    return f if any(f.values()) else None


def _history_for_library(history: list[dict]) -> list[dict]:
    """The chat's turns as the library wants them: the user's own words (unescaped), answers blank.
    Gradio 6 hands each message's ``content`` over as a list of parts; ``content_text`` reads both."""
    return [{"role": m["role"], "content": html.unescape(content_text(m.get("content"))) if m["role"] == "user" else ""}
            for m in history if isinstance(m, dict) and m.get("role") in ("user", "assistant")]


_ONLY_UPLOADS = "Only files uploaded from this page can be added."


def _is_uploaded(path: str, root: Path) -> bool:
    if not isinstance(path, str) or "://" in path or path.startswith("//"):
        return False
    resolved = Path(path).resolve()
    return resolved.is_relative_to(root) and resolved.is_file()


def uploads_only(component: gr.File) -> gr.File:
    """Make a ``gr.File`` take only files the client uploaded. Gradio copies an event's file inputs
    into its cache before any handler runs, downloading a ``path`` that is a URL and copying any
    server path when the app is mounted (its own check runs only after ``launch()``); the copy
    step refuses both here, so nothing is read or fetched. (Set on the instance: a subclass would
    make Gradio write a .pyi stub beside this module at import.)"""
    original = component.async_move_resource_to_block_cache
    root = Path(gr.utils.get_upload_folder()).resolve()

    async def checked(url_or_file_path):
        if url_or_file_path is not None and not _is_uploaded(str(url_or_file_path), root):
            raise gr.Error(_ONLY_UPLOADS, print_exception=False)
        return await original(url_or_file_path)

    component.async_move_resource_to_block_cache = checked
    return component


def uploaded_files(files, upload_root: Path | None = None) -> list[tuple[Path, str]]:
    """(path, client's file name) for each file the client uploaded through Gradio. The event runs
    with ``preprocess=False``, so nothing is copied or downloaded before this check: a ``path``
    outside Gradio's upload folder (a server file, a URL) is refused, never read or fetched."""
    root = (upload_root or Path(gr.utils.get_upload_folder())).resolve()
    out = []
    for f in files or []:
        raw = f.get("path") if isinstance(f, dict) else getattr(f, "path", f)
        name = (f.get("orig_name") if isinstance(f, dict) else None) or Path(str(raw or "")).name
        if not _is_uploaded(raw, root):
            raise gr.Error(_ONLY_UPLOADS, print_exception=False)
        out.append((Path(raw).resolve(), str(name)))
    return out


def build_ui(qa: Assistant, *, max_upload_bytes: int) -> gr.Blocks:
    def article_texts(answer) -> dict[str, str]:
        arts = qa.store.articles_by_id([c.article_id for c in answer.citations])
        return {aid: s.article.text for aid, s in arts.items()}

    def respond(message: str, history: list[dict], since: str, until: str, sources: list[str], as_of: str = ""):
        history = list(history or [])
        question = (message or "").strip()
        history.append({"role": "user", "content": html.escape(question)})
        filters = _filters(since, until, sources, as_of)
        history.append({"role": "assistant", "content": '<span class="qa-draft">…</span>'})
        yield history, ""
        segments, citations, draft, last = [], (), "", 0.0
        try:
            for event in qa.ask_stream(question, history=_history_for_library(history[:-2]), filters=filters):
                if event.kind == "answer":
                    answer = event.answer
                    history[-1] = {"role": "assistant", "content": render_answer(answer, article_texts(answer))}
                    yield history, ""
                    return
                if event.kind == "token":
                    draft += event.text
                elif event.kind == "segment":
                    segments.append(event.segment)
                    citations, draft = event.citations, ""
                elif event.kind == "dropped":
                    draft = ""
                now = time.monotonic()
                if event.kind != "token" or now - last > 0.1:  # tokens: at most ~10 updates a second
                    last = now
                    mode = qa.config.llm.name if qa.config.llm.enabled else "extractive"
                    partial = Answer(question, "", tuple(segments), tuple(citations), False, mode=mode)
                    history[-1] = {"role": "assistant", "content": render_answer(partial, article_texts(partial), draft.strip())}
                    yield history, ""
        except QAError as e:
            history[-1] = {"role": "assistant", "content": f'<div class="qa-abstained"><b>⚠ {html.escape(str(e))}</b></div>'}
            yield history, ""

    def ask(question: str, history_json: str = "[]", filters_json: str = "{}") -> dict:
        """JSON API for gradio_client: the same Answer schema as POST /api/ask. User errors come back
        as their message (never a traceback in the log); anything else as a generic error."""
        try:
            history = json.loads(history_json or "[]")
            filters = json.loads(filters_json or "{}") or None
        except (ValueError, RecursionError):
            raise gr.Error("history_json and filters_json must be JSON", print_exception=False) from None
        if not isinstance(history, list) or not (filters is None or isinstance(filters, dict)):
            raise gr.Error("history_json must be a JSON list and filters_json a JSON object", print_exception=False)
        try:
            return qa.ask(question, history=history, filters=filters).to_dict()
        except QAError as e:
            raise gr.Error(str(e), print_exception=False) from None

    def list_articles():
        rows = [[s.article.id, s.article.title, s.article.published.isoformat() if s.article.published else "",
                 s.article.source, s.n_chunks] for s in qa.articles(limit=5000)]
        return gr.update(value=rows), gr.update(choices=qa.store.sources()), gr.update(choices=[r[0] for r in rows])

    def _report(report) -> str:
        c = report.to_dict()["counts"]
        lines = [f"Added {c['added']}, updated {c['updated']}, unchanged {c['unchanged']}, failed {c['failed']} "
                 f"({c['chunks_embedded']} chunks embedded in {report.elapsed_s:.1f} s)."]
        lines += [f"✗ {f.source}: {f.reason}" for f in report.failed]
        return "\n".join(lines)  # shown in a plain-text box: never Markdown or HTML

    def upload(files, progress=gr.Progress()):  # noqa: B008
        if not files:
            return "Choose one or more files first.", *list_articles()
        chosen = uploaded_files(files)
        try:
            items = []
            for path, name in chosen:
                if path.stat().st_size > max_upload_bytes:
                    items.append(LoadFailure(name, f"file is over the limit of {max_upload_bytes:,} bytes"))
                    continue
                items.extend(load_upload(path, name, qa.config.loader()))
            progress(0, desc="ingesting")
            report = qa.ingest_articles(items, lambda p: progress((p.articles_seen, len(items)), desc="ingesting"))
        finally:
            for path, _ in chosen:  # the upload's copy goes once it is in (or refused)
                path.unlink(missing_ok=True)
                with contextlib.suppress(OSError):
                    path.parent.rmdir()
        return _report(report), *list_articles()

    def paste(text: str, title: str, progress=gr.Progress()):  # noqa: B008
        text = text or ""
        if not text.strip():
            return "Paste an article's text (or JSONL, one article per line) first.", *list_articles()
        if len(text.encode("utf-8", "surrogatepass")) > max_upload_bytes:
            return (f"The pasted text is over the limit of {max_upload_bytes:,} bytes; add it as a file "
                    "or split it."), *list_articles()
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if lines and all(ln.lstrip().startswith("{") for ln in lines):
            items = list(parse_json_collection(text, Path("pasted.jsonl"), qa.config.fields))
        else:
            try:
                items = [build_article(text=text, title=title or "", source="pasted", origin=f"pasted:{title or 'text'}")]
            except QAError as e:
                return str(e), *list_articles()
        report = qa.ingest_articles(items, lambda p: progress((p.articles_seen, len(items)), desc="ingesting"))
        return _report(report), *list_articles()

    def delete(article_id: str):
        if not article_id:
            return "Pick an article to delete.", *list_articles()
        gone = qa.delete([article_id])
        msg = f"Deleted {article_id}." if gone else f"No article {article_id} (already deleted?)."
        return msg, *list_articles()

    with gr.Blocks(title="Article Q&A", analytics_enabled=False) as ui:
        gr.Markdown("## Article Q&A\nAsk about your articles. Every answer shows the exact sentences it rests on; "
                    "when the articles don't say, it tells you so.")
        with gr.Tab("Chat"):
            # no Markdown and no LaTeX: article text is data ($$\\phantom{..}$$ must not hide words)
            chat = gr.Chatbot(label="Answers", height=560, sanitize_html=True, render_markdown=False,
                              latex_delimiters=[], elem_id="qa-chat", buttons=["copy"])
            with gr.Row():
                box = gr.Textbox(placeholder="Ask a question about your articles…", show_label=False, scale=8,
                                 elem_id="qa-question", max_length=qa.config.max_question_chars)
                send = gr.Button("Ask", variant="primary", scale=1, elem_id="qa-send")
            with gr.Accordion("Filters", open=False), gr.Row():
                since = gr.Textbox(label="Published since (YYYY-MM-DD)", elem_id="qa-since")
                until = gr.Textbox(label="Published until (YYYY-MM-DD)", elem_id="qa-until")
                sources = gr.Dropdown(label="Sources", multiselect=True, choices=[], elem_id="qa-sources")
                as_of = gr.Textbox(label="As of (YYYY-MM-DD): prefer news from just before", elem_id="qa-as-of")
            clear = gr.Button("New conversation", size="sm")
        with gr.Tab("Articles"):
            with gr.Row():
                with gr.Column():
                    files = uploads_only(gr.File(label=f"Upload ({', '.join(sorted(SUPPORTED_SUFFIXES))})",
                                                 file_count="multiple", file_types=sorted(SUPPORTED_SUFFIXES),
                                                 elem_id="qa-upload"))
                    up = gr.Button("Add files", elem_id="qa-add-files")
                with gr.Column():
                    title = gr.Textbox(label="Title (for pasted text)")
                    pasted = gr.Textbox(label="Paste an article, or JSONL (one article per line)", lines=6,
                                        elem_id="qa-paste", max_length=max_upload_bytes)
                    add = gr.Button("Add pasted text", elem_id="qa-add-text")
            # plain text: ids, file names and reasons come from input and must never render as Markdown
            status = gr.Textbox(label="Status", interactive=False, elem_id="qa-status", lines=1, max_lines=12)
            table = gr.Dataframe(headers=["id", "title", "published", "source", "chunks"], interactive=False,
                                 label="Articles", elem_id="qa-articles")
            with gr.Row():
                pick = gr.Dropdown(label="Article to delete", choices=[], elem_id="qa-delete-id")
                rm = gr.Button("Delete", variant="stop", elem_id="qa-delete")

        inputs = [box, chat, since, until, sources, as_of]
        box.submit(respond, inputs, [chat, box], api_name=False, concurrency_limit=4)
        send.click(respond, inputs, [chat, box], api_name=False, concurrency_limit=4)
        clear.click(lambda: ([], ""), None, [chat, box], api_name=False)
        outs = [status, table, sources, pick]
        up.click(upload, [files], outs, api_name="upload", concurrency_limit=1, preprocess=False)
        add.click(paste, [pasted, title], outs, api_name="paste", concurrency_limit=1)
        rm.click(delete, [pick], outs, api_name="delete", concurrency_limit=1)
        ui.load(list_articles, None, [table, sources, pick], api_name=False)
        gr.api(ask, api_name="ask", concurrency_limit=4)
    return ui

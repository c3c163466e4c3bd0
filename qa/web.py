"""The Gradio chat UI: a thin layer over ``Assistant`` (no retrieval or answering logic here).

Text from input (article text, titles, ids, file names, reasons) reaches the page only as escaped
HTML (``qa.render``) or in plain-text boxes; the chat renders neither Markdown nor LaTeX."""

from __future__ import annotations

import contextlib
import html
import json
import re
import time
import uuid
from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote

import gradio as gr

from index.errors import QAError
from index.loaders import SUPPORTED_SUFFIXES, build_article, parse_json_collection
from index.models import LoadFailure

from .api import load_upload
from .assistant import Assistant
from .followup import content_text
from .models import Answer
from .render import escape_text, render_answer, render_scope
from .transcript import answer_markdown, conversation_markdown

CSS = """
.qa-answer { font-size: 1.05em; line-height: 1.5; }
.qa-ref { color: var(--link-text-color, #1d4ed8); font-weight: 600; text-decoration: none; font-size: 0.85em;
          vertical-align: super; }
.qa-abstained { border-left: 4px solid #d97706; padding: 4px 10px; background: color-mix(in srgb, #f59e0b 12%, transparent); }
.qa-sources, .qa-related { margin-top: 10px; font-size: 0.92em; }
.qa-citation blockquote { margin: 4px 0 10px 0; padding: 4px 10px; border-left: 3px solid #94a3b8;
                          color: var(--body-text-color); }
.qa-citation mark { background: #fde68a; color: #111827; padding: 0 2px; scroll-margin: 80px; }
.qa-citation mark:target { outline: 2px solid #d97706; }
.qa-scope, .qa-draft, .qa-mode, .qa-dropped { color: var(--body-text-color-subdued); }
.qa-draft { font-style: italic; }
.qa-mode, .qa-dropped, .qa-scope { margin-top: 6px; font-size: 0.88em; }
.qa-read { font-size: 0.85em; margin-left: 6px; }
#qa-chat { min-height: 320px; }
@media (max-width: 600px) {  /* a phone or a narrow window: the answer takes the width */
  #qa-chat .message-row { margin-left: 0 !important; margin-right: 0 !important; }
  #qa-chat .bot-row { max-width: 100% !important; width: 100% !important; }
  #qa-chat .message-wrap, #qa-chat .bubble-wrap { padding-left: 0 !important; padding-right: 0 !important;
                                                   margin-left: 0 !important; margin-right: 0 !important; }
  #qa-chat .bot.message, #qa-chat .user.message { padding: 6px !important; }
  #qa-chat .bot-row .flex-wrap, #qa-chat .bot-row .message { width: 100% !important; max-width: 100% !important; }
  #qa-chat .avatar-container { display: none !important; }
  .gradio-container { padding-left: 6px !important; padding-right: 6px !important; }
}
"""

# The chat's copy button copies a message's HTML; each answer carries its plain-text form in a
# hidden element, and the clipboard gets that instead (text with [n] markers and the sources).
JS = """
() => {
  const clip = navigator.clipboard;
  if (!clip || clip.__qa) return;
  const write = clip.writeText.bind(clip);
  clip.writeText = (text) => {
    if (typeof text === "string" && text.includes("qa-copy")) {
      const doc = new DOMParser().parseFromString(text, "text/html");
      const copy = doc.querySelector(".qa-copy");
      if (copy) return write(copy.textContent);
    }
    return write(text);
  };
  clip.__qa = true;
}
"""

EMPTY_NOTICE = ("<div class='qa-empty'><b>No articles yet.</b> Open the <b>Articles</b> tab to upload files "
                "(.txt, .md, .html, .pdf, .json, .jsonl) or paste text; then ask here.</div>")


def _day(value) -> str | None:
    """A picked date (gr.DateTime gives a timestamp or a string) as YYYY-MM-DD."""
    if value in (None, ""):
        return None
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value).date().isoformat()
    return str(value).strip()[:10] or None


def _filters(since, until, sources: list[str] | None, as_of="", article_ids: list[str] | None = None) -> dict | None:
    f = {"since": _day(since), "until": _day(until), "sources": list(sources or []), "as_of": _day(as_of),
         "article_ids": list(article_ids or [])}
    return f if any(f.values()) else None


def scope_text(filters: dict | None, titles: dict[str, str] | None = None) -> str:
    """What a question was limited to, in words ("" when it was not)."""
    if not filters:
        return ""
    parts = []
    if filters.get("since") or filters.get("until"):
        parts.append(f"published {filters.get('since') or '…'} to {filters.get('until') or '…'}")
    if filters.get("sources"):
        parts.append("sources: " + ", ".join(filters["sources"]))
    if filters.get("article_ids"):
        names = [(titles or {}).get(i) or i for i in filters["article_ids"]]
        parts.append(f"{len(names)} chosen article{'s' if len(names) != 1 else ''}: " + "; ".join(names[:5])
                     + (" …" if len(names) > 5 else ""))
    if filters.get("as_of"):
        parts.append(f"as of {filters['as_of']}")
    return " · ".join(parts)


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
    """(path, client's file name) for each file the client uploaded through Gradio; anything else
    is refused (the second of two checks: ``uploads_only`` ran before Gradio copied anything)."""
    root = (upload_root or Path(gr.utils.get_upload_folder())).resolve()
    out = []
    for f in files or []:
        raw = f.get("path") if isinstance(f, dict) else getattr(f, "path", f)
        name = (f.get("orig_name") if isinstance(f, dict) else None) or Path(str(raw or "")).name
        if not _is_uploaded(raw, root):
            raise gr.Error(_ONLY_UPLOADS, print_exception=False)
        out.append((Path(raw).resolve(), str(name)))
    return out


def read_url(article_id: str, start: int, end: int) -> str:
    """The article reader's address with one sentence highlighted (``qa.reader``)."""
    return f"/read/{quote(article_id, safe='')}?start={start}&end={end}#hl"


def short_title(title: str) -> str:
    """A headline without its site suffix: "Gas prices jump | CNN Business" -> "Gas prices jump"."""
    m = re.match(r"^(.*\S)\s+[|\-–—]\s+([^|\-–—]+)$", title)
    return m.group(1) if m and len(m.group(2).split()) <= 3 else title


def _sort_key(s) -> tuple:
    when = s.article.published or date.fromtimestamp(s.ingested_at)
    return (when, s.ingested_at)


def _label(s) -> str:
    when = s.article.published.isoformat() if s.article.published else "undated"
    return f"{s.article.title or s.article.id} · {when}"


def build_ui(qa: Assistant, *, max_upload_bytes: int) -> gr.Blocks:
    def article_texts(answer) -> dict[str, str]:
        arts = qa.store.articles_by_id([c.article_id for c in answer.citations])
        return {aid: s.article.text for aid, s in arts.items()}

    def titles_of(ids: list[str]) -> dict[str, str]:
        return {aid: s.article.title or aid for aid, s in qa.store.articles_by_id(list(ids)).items()}

    def render(answer: Answer, message_id: str, filters: dict | None, draft: str = "") -> str:
        return render_answer(answer, article_texts(answer), draft, message_id=message_id,
                             scope=scope_text(filters, titles_of((filters or {}).get("article_ids", []))),
                             copy_text=answer_markdown(answer.to_dict()) if not draft else "",
                             read_url=lambda c: read_url(c.article_id, c.start, c.end))

    def respond(message: str, history: list[dict], turns: list, since, until, sources: list[str], chosen: list[str]):
        history = list(history or [])
        turns = list(turns or [])
        question = (message or "").strip()
        if not question:
            yield history, "", turns
            return
        history.append({"role": "user", "content": html.escape(question)})
        history.append({"role": "assistant", "content": '<span class="qa-draft">…</span>'})
        yield history, "", turns
        mid = "a" + uuid.uuid4().hex[:8]
        segments, citations, draft, last = [], (), "", 0.0
        try:
            filters = _filters(since, until, sources, article_ids=chosen)
            if not qa.articles(limit=1):  # one row read, not the counts (Chroma's count is a round trip)
                history[-1] = {"role": "assistant", "content": EMPTY_NOTICE}
                yield history, "", turns
                return
            for event in qa.ask_stream(question, history=_history_for_library(history[:-2]), filters=filters):
                if event.kind == "answer":
                    answer = event.answer
                    history[-1] = {"role": "assistant", "content": render(answer, mid, filters)}
                    turns.append({"question": question, "answer": answer.to_dict()})
                    yield history, "", turns
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
                    history[-1] = {"role": "assistant", "content": render(partial, mid, filters, draft.strip() or " ")}
                    yield history, "", turns
        except QAError as e:
            history[-1] = {"role": "assistant", "content": f'<div class="qa-abstained"><b>⚠ {escape_text(str(e))}</b></div>'}
            yield history, "", turns

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

    # ------------------------------------------------------------------ conversations

    def _title(turns: list) -> str:
        return (turns[0]["question"][:60] if turns else "New conversation")

    def archive(turns: list, saved: list) -> list:
        """The open conversation put first among the earlier ones (at most 30 kept)."""
        saved = list(saved or [])
        if turns:
            saved.insert(0, {"id": uuid.uuid4().hex[:10], "title": _title(turns), "turns": turns})
        return saved[:30]

    def choices_of(saved: list):
        return gr.update(choices=[(c["title"], c["id"]) for c in saved or []], value=None)

    def history_of(turns: list) -> list[dict]:
        """A kept conversation as the chat shows it, each answer rendered again."""
        history = []
        for t in turns or []:
            history.append({"role": "user", "content": html.escape(t["question"])})
            try:
                content = render(Answer.from_dict(t["answer"]), "a" + uuid.uuid4().hex[:8], None)
            except (KeyError, TypeError, ValueError):
                content = "(this answer could not be shown again)"
            history.append({"role": "assistant", "content": content})
        return history

    def save_and_new(turns: list, saved: list):
        saved = archive(turns, saved)
        return [], "", [], saved, choices_of(saved)

    def reopen(conv_id: str, turns: list, saved: list):
        conv = next((c for c in saved or [] if c["id"] == conv_id), None)
        if conv is None:
            return gr.update(), gr.update(), saved, gr.update()
        saved = [c for c in archive(turns, saved) if c["id"] != conv_id]  # the open one is kept, not lost
        return history_of(conv["turns"]), conv["turns"], saved, choices_of(saved)

    def restore(turns: list, saved: list):
        """On page load: the conversation open before the reload, and the list of earlier ones."""
        return history_of(turns), choices_of(saved)

    def export(turns: list) -> str | None:
        if not turns:
            raise gr.Error("Nothing to export yet: ask a question first.", print_exception=False)
        path = Path(qa.config.store) / "exports"
        path.mkdir(parents=True, exist_ok=True)
        out = path / f"conversation-{datetime.now():%Y%m%d-%H%M%S}.md"
        out.write_text(conversation_markdown(turns, _title(turns)), encoding="utf-8")
        return str(out)

    # ------------------------------------------------------------------ articles

    def list_articles(query: str = ""):
        stored = sorted(qa.articles(limit=5000), key=_sort_key, reverse=True)
        q = (query or "").strip().lower()
        shown = [s for s in stored if not q or q in (s.article.title or "").lower() or q in s.article.source.lower()
                 or q in s.article.id.lower()]
        rows = [[s.article.title or "(untitled)", s.article.published.isoformat() if s.article.published else "",
                 s.article.source, s.n_chunks, s.article.id] for s in shown]
        choices = [(_label(s), s.article.id) for s in stored]
        n = len(stored)
        count = f"{n} article{'s' if n != 1 else ''}" + (f" · {len(shown)} shown" if q else "")
        return (gr.update(value=rows), gr.update(choices=qa.store.sources()), gr.update(choices=choices),
                gr.update(choices=choices), gr.update(choices=choices), count, notice())

    def notice() -> str:
        return EMPTY_NOTICE if not qa.articles(limit=1) else ""

    def _report(report) -> str:
        c = report.to_dict()["counts"]
        lines = [f"Added {c['added']}, updated {c['updated']}, unchanged {c['unchanged']}, failed {c['failed']} "
                 f"({c['chunks_embedded']} chunks embedded in {report.elapsed_s:.1f} s)."]
        lines += [f"✗ {f.source}: {f.reason}" for f in report.failed]
        return "\n".join(lines)  # shown in a plain-text box: never Markdown or HTML

    def _progress(progress, total: int):
        t0 = time.monotonic()

        def on(p):
            rate = p.articles_written / max(time.monotonic() - t0, 1e-6)
            left = (total - p.articles_written) / rate if rate > 0 else 0
            progress((p.articles_written, max(total, 1)), desc=f"{p.articles_written} of {total} articles, {p.chunks_written} chunks"
                     + (f", {rate:.1f}/s, about {left:.0f} s left" if p.articles_written else ""))
        return on

    def upload(files, progress=gr.Progress()):  # noqa: B008
        if not files:
            return "Choose one or more files first.", gr.update(), "", *list_articles()
        chosen = uploaded_files(files)
        try:
            items = []
            for path, name in chosen:
                if path.stat().st_size > max_upload_bytes:
                    items.append(LoadFailure(name, f"file is over the limit of {max_upload_bytes:,} bytes"))
                    continue
                items.extend(load_upload(path, name, qa.config.loader()))
            total = sum(1 for i in items if not isinstance(i, LoadFailure))
            progress((0, max(total, 1)), desc=f"0 of {total} articles")
            # small steps: the bar moves every few articles, not once per 512 chunks
            report = qa.ingest_articles(items, _progress(progress, total), batch_chunks=32)
        finally:
            for path, _ in chosen:  # the upload's copy goes once it is in (or refused)
                path.unlink(missing_ok=True)
                with contextlib.suppress(OSError):
                    path.parent.rmdir()
        return _report(report), None, "", *list_articles()

    def paste(text: str, title: str, progress=gr.Progress()):  # noqa: B008
        text = text or ""
        if not text.strip():
            return "Paste an article's text (or JSONL, one article per line) first.", gr.update(), "", *list_articles()
        if len(text.encode("utf-8", "surrogatepass")) > max_upload_bytes:
            return (f"The pasted text is over the limit of {max_upload_bytes:,} bytes; add it as a file "
                    "or split it."), gr.update(), "", *list_articles()
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if lines and all(ln.lstrip().startswith("{") for ln in lines):
            items = list(parse_json_collection(text, Path("pasted.jsonl"), qa.config.fields))
        else:
            try:
                items = [build_article(text=text, title=title or "", origin=f"pasted:{title or 'text'}")]
            except QAError as e:
                return str(e), gr.update(), "", *list_articles()
        total = sum(1 for i in items if not isinstance(i, LoadFailure))
        report = qa.ingest_articles(items, _progress(progress, total), batch_chunks=32)
        return _report(report), "", "", *list_articles()

    def confirm_delete(ids: list[str]):
        ids = [i for i in (ids or []) if isinstance(i, str)]
        if not ids:
            return "Pick one or more articles to delete.", gr.update(visible=False)
        names = titles_of(ids)
        gone = [i for i in ids if i not in names]
        msg = f"Delete {len(names)} article{'s' if len(names) != 1 else ''}: " + "; ".join(names.values())
        if gone:
            msg += f" ({len(gone)} already gone)"
        return msg + "?", gr.update(visible=bool(names))

    def delete(ids: list[str]):
        ids = [i for i in (ids or []) if isinstance(i, str)]
        names = titles_of(ids)
        gone = qa.delete(ids) if ids else []
        msg = (f"Deleted {len(gone)}: " + "; ".join(names.get(i, i) for i in gone) + "."
               if gone else "Nothing to delete: already deleted (by another tab or the command line?).")
        return msg, gr.update(visible=False), gr.update(value=[]), "", *list_articles()

    def read(article_id: str) -> str:
        if not article_id or not isinstance(article_id, str):
            return ""
        arts = qa.store.articles_by_id([article_id])
        if article_id not in arts:
            return "<p><i>That article is no longer stored.</i></p>"
        a = arts[article_id].article
        paras = "".join(f"<p>{escape_text(p)}</p>" for p in a.text.split("\n\n"))
        when = a.published.isoformat() if a.published else "undated"
        return (f"<div class='qa-reader'><h3>{escape_text(a.title or a.id)}</h3><p><small>{escape_text(when)} · "
                f"{escape_text(a.source or 'no source')}</small></p>{paras}</div>")

    def poll(query: str, seen):
        """The list follows changes made elsewhere (the CLI, another tab or worker): each page keeps
        the store generation it last showed, and reloads the list when the store's has moved on."""
        g = qa.store.stored_generation()
        if g == seen:
            return (*(gr.update(),) * 7, seen)
        return (*list_articles(query), g)

    def examples():
        stored = sorted(qa.articles(limit=200), key=_sort_key, reverse=True)[:3]
        qs = [f"What happened: {short_title(s.article.title)}?" for s in stored if s.article.title]
        return [gr.update(value=q, visible=True) for q in qs] + [gr.update(visible=False)] * (3 - len(qs))

    with gr.Blocks(title="Article Q&A", analytics_enabled=False) as ui:
        gr.HTML("<h2 style='margin:0;font-family:system-ui,-apple-system,\"Segoe UI\",sans-serif'>Article Q&amp;A</h2><p style='margin:4px 0 0'>Ask about your articles. "
                "Every answer shows the exact sentences it rests on; when the articles don't say, it tells you so.</p>")
        turns = gr.BrowserState([], storage_key="qa-turns")
        saved = gr.BrowserState([], storage_key="qa-saved")
        with gr.Tab("Chat"):
            empty = gr.HTML(elem_id="qa-notice")
            with gr.Row(elem_id="qa-examples"):
                ex = [gr.Button(visible=False, size="sm", elem_classes="qa-example") for _ in range(3)]
            # no Markdown and no LaTeX: article text is data ($$\\phantom{..}$$ must not hide words)
            chat = gr.Chatbot(label="Answers", sanitize_html=True, render_markdown=False, latex_delimiters=[],
                              elem_id="qa-chat", buttons=["copy"], autoscroll=True, height="60vh",
                              placeholder="Ask about your articles below. Every answer shows the sentences it "
                                          "rests on; click a [n] to see its source.")
            with gr.Row():
                box = gr.Textbox(placeholder="Ask a question about your articles…", show_label=False, scale=8,
                                 elem_id="qa-question", max_length=qa.config.max_question_chars)
                send = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="qa-send")
            scope = gr.HTML(elem_id="qa-active-scope")
            with gr.Accordion("Limit questions to…", open=False):
                with gr.Row():
                    since = gr.DateTime(label="Published since", include_time=False, type="string", elem_id="qa-since")
                    until = gr.DateTime(label="Published until", include_time=False, type="string", elem_id="qa-until")
                with gr.Row():
                    sources = gr.Dropdown(label="Sources", multiselect=True, choices=[], allow_custom_value=True,
                                          elem_id="qa-sources")
                    chosen = gr.Dropdown(label="Only these articles", multiselect=True, choices=[],
                                         allow_custom_value=True, elem_id="qa-chosen")
                clear_scope = gr.Button("Clear limits", size="sm")
            with gr.Row():
                new = gr.Button("New conversation", size="sm", elem_id="qa-new")
                earlier = gr.Dropdown(label="Earlier conversations", choices=[], allow_custom_value=True,
                                      elem_id="qa-earlier", scale=2)
                save = gr.DownloadButton("Export as Markdown", size="sm", elem_id="qa-export")
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
            with gr.Row():
                query = gr.Textbox(label="Search titles and sources", elem_id="qa-search", scale=3)
                count = gr.Textbox(label="Stored", interactive=False, elem_id="qa-count", scale=1)
            table = gr.Dataframe(headers=["title", "published", "source", "chunks", "id"], interactive=False,
                                 label="Articles (newest first; click a column to sort)", elem_id="qa-articles",
                                 wrap=True)
            with gr.Row():
                reading = gr.Dropdown(label="Read an article", choices=[], allow_custom_value=True, elem_id="qa-read")
                pick = gr.Dropdown(label="Articles to delete", choices=[], multiselect=True, allow_custom_value=True,
                                   elem_id="qa-delete-id")
                rm = gr.Button("Delete…", variant="stop", elem_id="qa-delete")
            with gr.Row(visible=False) as confirm_row:
                yes = gr.Button("Yes, delete", variant="stop", elem_id="qa-delete-yes")
                no = gr.Button("Cancel", elem_id="qa-delete-no")
            viewer = gr.HTML(elem_id="qa-reader")
            timer = gr.Timer(5)
            seen_generation = gr.State(None)

        listing = [table, sources, pick, reading, chosen, count, empty]
        inputs = [box, chat, turns, since, until, sources, chosen]
        box.submit(respond, inputs, [chat, box, turns], api_name=False, concurrency_limit=4)
        send.click(respond, inputs, [chat, box, turns], api_name=False, concurrency_limit=4)
        for b in ex:
            b.click(lambda q: q, b, box, api_name=False).then(respond, inputs, [chat, box, turns], api_name=False)
        new.click(save_and_new, [turns, saved], [chat, box, turns, saved, earlier], api_name=False)
        earlier.input(reopen, [earlier, turns, saved], [chat, turns, saved, earlier], api_name=False)
        save.click(export, turns, save, api_name=False)

        def show_scope(s, u, src, ids):
            try:
                f = _filters(s, u, src, article_ids=ids)
            except QAError as e:
                return render_scope(str(e))
            return render_scope(scope_text(f, titles_of((f or {}).get("article_ids", []))))

        for c in (since, until, sources, chosen):
            c.change(show_scope, [since, until, sources, chosen], scope, api_name=False)
        clear_scope.click(lambda: (None, None, [], []), None, [since, until, sources, chosen], api_name=False)

        up.click(upload, [files], [status, files, query, *listing], api_name="upload", concurrency_limit=1,
                 preprocess=False)
        add.click(paste, [pasted, title], [status, pasted, query, *listing], api_name="paste", concurrency_limit=1)
        rm.click(confirm_delete, pick, [status, confirm_row], api_name=False)
        yes.click(delete, [pick], [status, confirm_row, pick, query, *listing], api_name="delete", concurrency_limit=1)
        no.click(lambda: ("Nothing deleted.", gr.update(visible=False)), None, [status, confirm_row], api_name=False)
        query.change(list_articles, query, listing, api_name=False)
        reading.input(read, reading, viewer, api_name=False)
        timer.tick(poll, [query, seen_generation], [*listing, seen_generation], api_name=False, show_progress="hidden")
        ui.load(list_articles, None, listing, api_name=False).then(examples, None, ex, api_name=False)
        ui.load(restore, [turns, saved], [chat, earlier], api_name=False)
        gr.api(ask, api_name="ask", concurrency_limit=4)
    return ui

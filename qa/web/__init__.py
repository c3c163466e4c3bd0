"""The Gradio chat UI: a thin layer over ``Assistant`` (no retrieval or answering logic here).
This module lays the page out and wires events; ``chat`` and ``library`` hold the handlers.

Text from input (article text, titles, ids, file names, reasons) reaches the page only as escaped
HTML (``qa.render``) or in plain-text boxes; the chat renders neither Markdown nor LaTeX."""

from __future__ import annotations

import gradio as gr

from index.errors import QAError

from ..assistant import Assistant
from ..render import render_scope
from ..uploads import SUPPORTED_SUFFIXES
from .chat import chat_handlers
from .files import uploaded_files, uploads_only
from .library import library_handlers
from .style import CSS, EMPTY_NOTICE, JS
from .text import _filters, read_url, scope_text, short_title

__all__ = ["CSS", "JS", "EMPTY_NOTICE", "build_ui", "read_url", "scope_text", "short_title", "uploaded_files",
           "uploads_only"]


def build_ui(assistant: Assistant, *, max_upload_bytes: int) -> gr.Blocks:
    talk = chat_handlers(assistant)
    lib = library_handlers(assistant, max_upload_bytes, talk.titles_of)
    titles_of = talk.titles_of

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
                              elem_id="qa-chat", buttons=["copy"], autoscroll=False, height="60vh",
                              placeholder="Ask about your articles below. Every answer shows the sentences it "
                                          "rests on; click a [n] to see its source.")
            with gr.Row():
                box = gr.Textbox(placeholder="Ask a question about your articles…", show_label=False, scale=8,
                                 elem_id="qa-question", max_length=assistant.config.max_question_chars)
                send = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="qa-send")
            scope = gr.HTML(elem_id="qa-active-scope")
            meaning = gr.HTML(elem_id="qa-meaning")  # "12 of 30 articles searchable by meaning" while stage 2 runs
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
            meaning_lib = gr.HTML(elem_id="qa-meaning-articles")
            with gr.Row():
                query = gr.Textbox(label="Search titles and sources", elem_id="qa-search", scale=3)
                count = gr.Textbox(label="Stored", interactive=False, elem_id="qa-count", scale=1)
            # each column wide enough for its header: with no dates or sources (a folder of files) "published" and "source"
            # shrank to one letter a line ("p u b l i s h e d"; Chromium, session 29)
            table = gr.Dataframe(headers=["title", "published", "source", "chunks", "id"], interactive=False,
                                 label="Articles (newest first; click a column to sort)", elem_id="qa-articles",
                                 wrap=True, column_widths=["300px", "110px", "110px", "80px", "170px"])
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
            meaning_timer = gr.Timer(2)
            seen_generation = gr.State(None)

        listing = [table, sources, pick, reading, chosen, count, empty]
        inputs = [box, chat, turns, since, until, sources, chosen]
        box.submit(talk.respond, inputs, [chat, box, turns], api_name=False, concurrency_limit=4)
        send.click(talk.respond, inputs, [chat, box, turns], api_name=False, concurrency_limit=4)
        for b in ex:
            b.click(lambda q: q, b, box, api_name=False).then(talk.respond, inputs, [chat, box, turns], api_name=False)
        new.click(talk.save_and_new, [turns, saved], [chat, box, turns, saved, earlier], api_name=False)
        earlier.input(talk.reopen, [earlier, turns, saved], [chat, turns, saved, earlier], api_name=False)
        save.click(talk.export, turns, save, api_name=False)

        def show_scope(s, u, src, ids):
            try:
                f = _filters(s, u, src, article_ids=ids)
            except QAError as e:
                return render_scope(str(e))
            return render_scope(scope_text(f, titles_of((f or {}).get("article_ids", []))))

        for c in (since, until, sources, chosen):
            c.change(show_scope, [since, until, sources, chosen], scope, api_name=False)
        clear_scope.click(lambda: (None, None, [], []), None, [since, until, sources, chosen], api_name=False)

        up.click(lib.upload, [files], [status, files, query, *listing], api_name="upload", concurrency_limit=1,
                 preprocess=False)
        add.click(lib.paste, [pasted, title], [status, pasted, query, *listing], api_name="paste", concurrency_limit=1)
        rm.click(lib.confirm_delete, pick, [status, confirm_row], api_name=False)
        yes.click(lib.delete, [pick], [status, confirm_row, pick, query, *listing], api_name="delete", concurrency_limit=1)
        no.click(lambda: ("Nothing deleted.", gr.update(visible=False)), None, [status, confirm_row], api_name=False)
        query.change(lib.list_articles, query, listing, api_name=False)
        reading.input(lib.read, reading, viewer, api_name=False)
        timer.tick(lib.poll, [query, seen_generation], [*listing, seen_generation], api_name=False, show_progress="hidden")
        meaning_timer.tick(lib.meaning, None, [meaning, meaning_lib], api_name=False, show_progress="hidden")
        ui.load(lib.list_articles, None, listing, api_name=False).then(lib.examples, None, ex, api_name=False)
        ui.load(talk.restore, [turns, saved], [chat, earlier], api_name=False)
        gr.api(talk.ask, api_name="ask", concurrency_limit=4)
    return ui

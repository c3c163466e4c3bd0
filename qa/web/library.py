"""The articles tab's handlers: the list (newest first, searchable, following changes made
elsewhere), uploads and pasted text with progress, delete with a confirmation, the reader, and the
example questions on the chat tab."""

from __future__ import annotations

import contextlib
import time
from types import SimpleNamespace

import gradio as gr

from index.articles import LoadFailure
from index.errors import QAError

from ..assistant import Assistant
from ..render import escape_text
from .files import uploaded_files
from .style import EMPTY_NOTICE
from .text import _label, _sort_key, suggested_question


def library_handlers(assistant: Assistant, max_upload_bytes: int, titles_of) -> SimpleNamespace:
    """The articles tab's event handlers, bound to ``qa``."""

    def list_articles(query: str = ""):
        stored = sorted(assistant.articles(limit=5000), key=_sort_key, reverse=True)
        q = (query or "").strip().lower()
        shown = [s for s in stored if not q or q in (s.article.title or "").lower() or q in s.article.source.lower()
                 or q in s.article.id.lower()]
        rows = [[s.article.title or "(untitled)", s.article.published.isoformat() if s.article.published else "",
                 s.article.source, s.n_chunks, s.article.id] for s in shown]
        choices = [(_label(s), s.article.id) for s in stored]
        n = len(stored)
        count = f"{n} article{'s' if n != 1 else ''}" + (f" · {len(shown)} shown" if q else "")
        return (gr.update(value=rows), gr.update(choices=assistant.sources()), gr.update(choices=choices),
                gr.update(choices=choices), gr.update(choices=choices), count, notice())

    def notice() -> str:
        return EMPTY_NOTICE if not assistant.articles(limit=1) else ""

    def _report(report) -> str:
        lines = [f"{report.summary().capitalize()} in {report.elapsed_s:.1f} s: searchable by their words now."]
        if report.added or report.updated:
            lines.append("Meaning search is added behind; you can ask at once (progress under the question box).")
        lines += [f"✗ {f.source}: {f.reason}" for f in report.failed]
        return "\n".join(lines)  # shown in a plain-text box: never Markdown or HTML

    def _ingest(items, progress, total):
        """Stage 1 here (the person waits seconds), stage 2 in the background thread."""
        return assistant.ingest_articles_behind(items, _progress(progress, total), batch_chunks=32)

    def meaning() -> tuple[str, str]:
        """How far meaning search covers the store, read once: the chat tab's line (empty once all
        is searchable by meaning) and the Articles tab's (then "All N articles searchable by meaning.")."""
        status = assistant.embedding_status() if assistant.has_store else None
        if status is None or not status.articles:
            return "", ""
        line = status.sentence() + (f" Stopped: {status.error}" if status.error else "")
        html = f"<p class='qa-meaning'>{escape_text(line)}</p>"
        return ("" if status.complete else html), html

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
                items.extend(assistant.load_upload(path, name))
            total = sum(1 for i in items if not isinstance(i, LoadFailure))
            progress((0, max(total, 1)), desc=f"0 of {total} articles")
            # small steps: the bar moves every few articles, not once per 512 chunks
            report = _ingest(items, progress, total)
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
        try:
            items = assistant.articles_from_text(text, title or "")
        except QAError as e:
            return str(e), gr.update(), "", *list_articles()
        total = sum(1 for i in items if not isinstance(i, LoadFailure))
        report = _ingest(items, progress, total)
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
        gone = assistant.delete(ids) if ids else []
        msg = (f"Deleted {len(gone)}: " + "; ".join(names.get(i, i) for i in gone) + "."
               if gone else "Nothing to delete: already deleted (by another tab or the command line?).")
        return msg, gr.update(visible=False), gr.update(value=[]), "", *list_articles()

    def read(article_id: str) -> str:
        if not article_id or not isinstance(article_id, str):
            return ""
        arts = assistant.articles_by_id([article_id])
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
        g = assistant.generation()
        if g == seen:
            return (*(gr.update(),) * 7, seen)
        return (*list_articles(query), g)

    def examples():
        stored = sorted(assistant.articles(limit=200), key=_sort_key, reverse=True)[:3]
        qs = [suggested_question(s.article.title) for s in stored if s.article.title]
        return [gr.update(value=q, visible=True) for q in qs] + [gr.update(visible=False)] * (3 - len(qs))

    return SimpleNamespace(list_articles=list_articles, notice=notice, upload=upload, paste=paste,
                           confirm_delete=confirm_delete, delete=delete, read=read, poll=poll, examples=examples,
                           meaning=meaning)

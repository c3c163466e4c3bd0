"""The chat tab's handlers: asking (streamed into the chat), the JSON ``ask`` endpoint for
gradio_client, and conversations (kept in the browser, reopened, exported as Markdown)."""

from __future__ import annotations

import html
import json
import time
import uuid
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import gradio as gr

from index.errors import QAError

from ..answer import Answer
from ..assistant import Assistant
from ..render import escape_text, render_answer
from ..transcript import answer_markdown, conversation_markdown
from .style import EMPTY_NOTICE
from .text import _filters, _history_for_library, read_url, scope_text


def chat_handlers(assistant: Assistant) -> SimpleNamespace:
    """The chat's event handlers, bound to ``qa``."""
    def article_texts(answer) -> dict[str, str]:
        arts = assistant.articles_by_id([c.article_id for c in answer.citations])
        return {aid: s.article.text for aid, s in arts.items()}

    def titles_of(ids: list[str]) -> dict[str, str]:
        return {aid: s.article.title or aid for aid, s in assistant.articles_by_id(list(ids)).items()}

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
            if not assistant.articles(limit=1):  # one row read, not the counts (Chroma's count is a round trip)
                history[-1] = {"role": "assistant", "content": EMPTY_NOTICE}
                yield history, "", turns
                return
            for event in assistant.ask_stream(question, history=_history_for_library(history[:-2], turns), filters=filters):
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
                    mode = assistant.config.llm.name if assistant.config.llm.enabled else "extractive"
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
            return assistant.ask(question, history=history, filters=filters).to_dict()
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
        path = Path(assistant.config.store) / "exports"
        path.mkdir(parents=True, exist_ok=True)
        out = path / f"conversation-{datetime.now():%Y%m%d-%H%M%S}.md"
        out.write_text(conversation_markdown(turns, _title(turns)), encoding="utf-8")
        return str(out)

    return SimpleNamespace(titles_of=titles_of, render=render, respond=respond, ask=ask, archive=archive,
                           choices_of=choices_of, history_of=history_of, save_and_new=save_and_new,
                           reopen=reopen, restore=restore, export=export)

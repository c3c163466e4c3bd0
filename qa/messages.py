"""A conversation's message as a client sends it (pure): its text, from a string or a list of parts, and the articles an
answer cited. Read where a turn is made of it (``followup.Turn.coerce``), by the web chat and the OpenAI-style endpoint."""

from __future__ import annotations

from index.errors import InputError


def cited_articles(citations) -> tuple[str, ...]:
    """The distinct article ids of an answer's citations, in order (``[{"article_id": ...}, ...]``)."""
    if citations is None:
        return ()
    if not isinstance(citations, (list, tuple)) or not all(
            isinstance(c, dict) and isinstance(c.get("article_id"), str) for c in citations):
        raise InputError("history", "a turn's 'citations' must be a list of objects with an 'article_id'")
    return tuple(dict.fromkeys(c["article_id"] for c in citations))


def content_text(content) -> str:
    """A message's text: a string, or the text parts of a list of parts (Gradio 6 and the OpenAI
    format: ``[{"type": "text", "text": ...}]``); files and images carry no text."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        content = [content]
    if isinstance(content, (list, tuple)):
        return " ".join(p["text"] for p in content
                        if isinstance(p, dict) and p.get("type", "text") == "text" and isinstance(p.get("text"), str))
    raise InputError("history", f"a turn's content must be text or a list of parts, not {type(content).__name__}")

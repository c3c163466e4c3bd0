"""Answers and conversations as plain text (Markdown): what "Copy" puts on the clipboard and what
"Export" writes. Built from the Answer JSON (``Answer.to_dict()``), so a conversation kept in the
browser can be exported without asking the server again. Pure functions, no I/O."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def md_escape(text: str) -> str:
    """Text from articles and people, made inert in Markdown (shown as typed by any viewer)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))


def source_line(c: dict) -> str:
    """``[n] Title (2024-03-26) https://…`` then the cited sentence, quoted."""
    when = c.get("published") or "undated"
    url = f" <{c['url']}>" if str(c.get("url") or "").startswith(("http://", "https://")) else ""
    title = md_escape(c.get("title") or c.get("article_id") or "")
    return f"[{c['n']}] {title} ({when}){url}\n    > {md_escape(c.get('text', ''))}"


def answer_markdown(answer: dict) -> str:
    """One answer: its sentences with their own ``[n]`` markers, then the numbered sources."""
    if answer.get("abstained"):
        return md_escape(answer.get("answer") or "The articles don't say.")
    body = " ".join(f"{md_escape(s['text'])} " + "".join(f"[{n}]" for n in s.get("citations", ()))
                    for s in answer.get("segments", ()))
    if not body.strip():
        body = md_escape(answer.get("answer", ""))
    lines = [body.strip()]
    if answer.get("citations"):
        lines += ["", "Sources:"] + [source_line(c) for c in answer["citations"]]
    return "\n".join(lines)


def conversation_markdown(turns: list[dict], title: str = "Conversation") -> str:
    """A whole conversation: ``turns`` are ``{"question": str, "answer": Answer JSON}``."""
    out = [f"# {md_escape(title)}", ""]
    for i, t in enumerate(turns, 1):
        out += [f"## {i}. {md_escape(t.get('question', ''))}", "", answer_markdown(t.get("answer") or {}), ""]
    return "\n".join(out).rstrip() + "\n"

"""Follow-up questions made self-contained before retrieval (extractive mode: deterministic)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.errors import InputError

from .scoring import stopwords, words

_REFERRING = frozenset(
    ["he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "theirs", "this", "that", "these", "those", "there", "then", "the", "former", "latter", "same", "such", "one", "ones"]
)


@dataclass(frozen=True)
class Turn:
    role: str  # "user" or "assistant"
    content: str

    @classmethod
    def coerce(cls, item) -> Turn:
        if isinstance(item, Turn):
            return item
        if isinstance(item, dict) and isinstance(item.get("role"), str):
            return cls(item["role"], content_text(item.get("content")))
        if isinstance(item, (list, tuple)) and len(item) == 2:  # (user, assistant) pairs
            return cls("user", content_text(item[0]))
        raise InputError("history", "each turn must be an object with 'role' and 'content'")


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


def _subject(text: str, limit: int = 12) -> str:
    """Content words of a previous question (its subject), in order."""
    stop = stopwords()
    kept = [w for w in re.findall(r"[\w'’-]+", text) if w.lower() not in stop and w.lower() not in _REFERRING]
    return " ".join(kept[:limit])


def refers_back(question: str) -> bool:
    """Does the question lean on an earlier turn (a pronoun, or almost no content words)?"""
    toks = words(question)
    return any(t in _REFERRING for t in toks) or len([t for t in toks if t not in stopwords()]) <= 2


def condense(question: str, history: list[Turn]) -> str:
    """The question, with the previous user question's subject carried over when it refers back.

    "What did he call the resolution?" after "Who is the spokesman of Iran's foreign ministry?"
    becomes "What did he call the resolution? spokesman Iran's foreign ministry".
    """
    previous = [t.content for t in history if t.role == "user" and t.content.strip()]
    if not previous or not refers_back(question):
        return question
    return f"{question} {_subject(previous[-1])}".strip()

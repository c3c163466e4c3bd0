"""What the chat page says, as pure functions: picked dates and limits, the scope line, titles,
labels, the reader's address, and the chat history as the library reads it."""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from urllib.parse import quote

from ..messages import content_text


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


def _history_for_library(history: list[dict], turns: list[dict] | None = None) -> list[dict]:
    """The chat's turns as the library wants them: the user's own words (unescaped), and each answer
    as its plain text with its citations, read from the kept ``turns`` (the chat shows it as HTML), so
    a follow-up is read in the articles the answer came from. An answer not among the kept turns (an
    error, a notice) is blank. Gradio 6 hands each message's ``content`` over as a list of parts;
    ``content_text`` reads both."""
    answers = {t["question"]: t["answer"] for t in turns or ()
               if isinstance(t, dict) and isinstance(t.get("answer"), dict) and isinstance(t.get("question"), str)}
    out, asked = [], None
    for m in history:
        if not isinstance(m, dict) or m.get("role") not in ("user", "assistant"):
            continue
        if m["role"] == "user":
            asked = html.unescape(content_text(m.get("content")))
            out.append({"role": "user", "content": asked})
            continue
        answer = answers.get(asked) if asked is not None else None
        if isinstance(answer, dict) and isinstance(answer.get("answer"), str):
            cited = [c for c in answer.get("citations") or () if isinstance(c, dict) and isinstance(c.get("article_id"), str)]
            out.append({"role": "assistant", "content": answer["answer"], "citations": cited})
        else:
            out.append({"role": "assistant", "content": ""})
        asked = None
    return out


def read_url(article_id: str, start: int, end: int) -> str:
    """The article reader's address with one sentence highlighted (``qa.reader``)."""
    return f"/read/{quote(article_id, safe='')}?start={start}&end={end}#hl"


def short_title(title: str) -> str:
    """A headline without its site suffix: "Gas prices jump | CNN Business" -> "Gas prices jump"."""
    m = re.match(r"^(.*\S)\s+[|\-–—]\s+([^|\-–—]+)$", title)
    return m.group(1) if m and len(m.group(2).split()) <= 3 else title


def suggested_question(title: str) -> str:
    """The question offered for a newest article ("What happened: Gas prices jump?"), its headline's closing marks and
    cut-off dots left out: "What happened: America celebrated together at 200. We won't at 250.?" and "… Tom Brady
    officially announces ...?" were offered on RealTimeQA's store (session 31)."""
    return f"What happened: {short_title(title).rstrip(' .!?…:;,')}?"


def _sort_key(s) -> tuple:
    when = s.article.published or date.fromtimestamp(s.ingested_at)
    return (when, s.ingested_at)


def _label(s) -> str:
    when = s.article.published.isoformat() if s.article.published else "undated"
    return f"{s.article.title or s.article.id} · {when}"

"""HTML for answers and their sources. Article text is data: every piece of it is HTML-escaped
(the chat renders HTML, not Markdown), bidi overrides are dropped, and the only link rendered is
the cited article's own http(s) URL."""

from __future__ import annotations

import html
import unicodedata
from urllib.parse import urlsplit

from index.text import paragraph_spans

from .models import Answer, Citation

# bidirectional controls that could reorder the page's own text around an article quote
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"), None)


def escape_text(text: str) -> str:
    """Article text made inert: bidi overrides dropped, HTML escaped."""
    return html.escape(unicodedata.normalize("NFC", text).translate(_BIDI), quote=True)


def safe_url(url: str) -> str | None:
    """The URL if it is a plain http(s) link, else None (javascript:, data:, relative… are dropped)."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme in ("http", "https") and parts.netloc:
        return parts.geturl()
    return None


def paragraph_with_mark(text: str, start: int, end: int, limit: int = 900) -> str:
    """The paragraph around ``text[start:end]``, escaped, with the sentence in ``<mark>``."""
    p_start, p_end = next(((a, b) for a, b in paragraph_spans(text) if a <= start and end <= b), (start, end))
    before, after = text[p_start:start], text[end:p_end]
    room = max(0, limit - (end - start)) // 2
    if len(before) > room:
        before = "… " + before[-room:].split(" ", 1)[-1]
    if len(after) > room:
        after = after[:room].rsplit(" ", 1)[0] + " …"
    return f"{escape_text(before)}<mark>{escape_text(text[start:end])}</mark>{escape_text(after)}"


def _source_line(title: str, published, url: str, article_id: str) -> str:
    name = escape_text(title or article_id)
    when = published.isoformat() if published else "undated"
    link = safe_url(url)
    head = f'<a href="{html.escape(link, quote=True)}" target="_blank" rel="noopener noreferrer nofollow">{name}</a>' if link else f"<b>{name}</b>"
    return f"{head} <small>· {escape_text(when)}</small>"


def render_answer(answer: Answer, article_texts: dict[str, str], draft: str = "") -> str:
    """The chat message for an answer: text with [n] markers, then each source in its paragraph.
    ``draft``: LLM text still being written (shown muted, unchecked, after the checked sentences)."""
    if answer.abstained:
        parts = [f'<div class="qa-abstained"><b>⚠ {escape_text(answer.text)}</b></div>']
        if answer.related:
            parts.append('<div class="qa-related"><p><i>Related reading — not an answer:</i></p><ul>')
            for p in answer.related:
                parts.append(f"<li>{_source_line(p.title, p.published, p.url, p.article_id)}<br>{escape_text(p.text)}</li>")
            parts.append("</ul></div>")
        return "\n".join(parts)
    body = " ".join(
        f"{escape_text(seg.text)} " + "".join(f"<sup>[{n}]</sup>" for n in seg.citations) for seg in answer.segments
    )
    if draft:
        body += f' <span class="qa-draft" title="being written; not yet checked">{escape_text(draft)} …</span>'
    mode = "" if answer.mode == "extractive" else (
        f'<div class="qa-mode"><small>Written by {escape_text(answer.mode)}; every sentence checked '
        "against the sentences it cites.</small></div>")
    parts = [f'<div class="qa-answer">{body}</div>', mode]
    if answer.citations:
        parts.append('<div class="qa-sources"><p><b>Sources</b></p>')
        for c in answer.citations:
            parts.append(render_citation(c, article_texts.get(c.article_id, c.text if c.start == 0 else "")))
        parts.append("</div>")
    parts.append(render_dropped(answer))
    return "\n".join(p for p in parts if p)


def render_dropped(answer: Answer) -> str:
    """What an LLM wrote that the support check left out, shown apart and never as an answer."""
    if not answer.dropped:
        return ""
    items = "".join(
        "<li>" + (f"<s>{escape_text(d.text)}</s> — " if d.text else "") + f"<i>{escape_text(d.reason)}</i></li>"
        for d in answer.dropped)
    n = sum(1 for d in answer.dropped if d.text)
    label = f"Left out: {n} generated sentence{'s' if n != 1 else ''} the cited articles do not support" if n else "Note"
    return f'<details class="qa-dropped"><summary>{label}</summary><ul>{items}</ul></details>'


def render_citation(c: Citation, article_text: str) -> str:
    if article_text and article_text[c.start : c.end] == c.text:
        context = paragraph_with_mark(article_text, c.start, c.end)
    else:
        context = f"<mark>{escape_text(c.text)}</mark>"
    return (f'<div class="qa-citation"><b>[{c.n}]</b> {_source_line(c.title, c.published, c.url, c.article_id)}'
            f'<blockquote>{context}</blockquote></div>')

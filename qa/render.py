"""HTML for answers and their sources. Article text is data: every piece of it is HTML-escaped
(the chat renders HTML, not Markdown), bidi overrides are dropped, and the only link rendered is
the cited article's own http(s) URL."""

from __future__ import annotations

import html
import unicodedata
from urllib.parse import urlsplit

from index.text import paragraph_spans

from .answer import Answer, Citation
from .answer_kinds import asks_for_overview
from .scoring import is_headline
from .small_talk import REPLIES

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
    return paragraph_with_marks(text, [(start, end, "")], limit)


def _source_line(title: str, published, url: str, article_id: str) -> str:
    name = escape_text(title or article_id)
    when = published.isoformat() if published else "undated"
    link = safe_url(url)
    head = f'<a href="{html.escape(link, quote=True)}" target="_blank" rel="noopener noreferrer nofollow">{name}</a>' if link else f"<b>{name}</b>"
    return f"{head} <small>· {escape_text(when)}</small>"


def _marker(c: Citation, message_id: str) -> str:
    """``[n]``: a link to its source in this message; hovering shows the sentence."""
    tip = escape_text(c.text if len(c.text) <= 300 else c.text[:297] + "…")
    return f'<a class="qa-ref" href="#{message_id}-{c.n}" title="{tip}">[{c.n}]</a>'


def render_scope(scope: str) -> str:
    return f'<div class="qa-scope"><small>🔎 Limited to: {escape_text(scope)}</small></div>' if scope else ""


def _without_headline(text: str, title: str) -> str:
    """A passage shown under its article's headline, without the headline again when the article's
    text starts with it (``scoring.is_headline``)."""
    first, sep, rest = text.partition("\n")
    return rest.strip() if sep and rest.strip() and is_headline(first, title) else text


def render_answer(answer: Answer, article_texts: dict[str, str], draft: str = "", message_id: str = "qa",
                  scope: str = "", copy_text: str = "", read_url=None) -> str:
    """The chat message for an answer: text with [n] markers (links to their sources), the scope
    the question was limited to, then each source in its paragraph (one paragraph shown once, each
    of its cited sentences marked), and a plain-text copy for the clipboard.
    ``draft``: LLM text still being written (shown muted, unchecked, after the checked sentences).
    ``read_url(citation)``: where the whole article can be read with that sentence highlighted."""
    copy = f'<div class="qa-copy" hidden>{escape_text(copy_text)}</div>' if copy_text else ""
    if answer.abstained and answer.text in REPLIES:  # a reply to small talk ("hi", "thanks"): no warning, it asked nothing
        return "\n".join(p for p in (f'<div class="qa-answer">{escape_text(answer.text)}</div>', copy) if p)
    if answer.abstained:
        parts = [f'<div class="qa-abstained"><b>⚠ {escape_text(answer.text)}</b></div>', render_scope(scope)]
        if answer.related:
            parts.append('<div class="qa-related"><p><i>Related reading — not an answer:</i></p><ul>')
            for p in answer.related:
                parts.append(f"<li>{_source_line(p.title, p.published, p.url, p.article_id)}<br>"
                             f"{escape_text(_without_headline(p.text, p.title))}</li>")
            parts.append("</ul></div>")
        parts.append(copy)
        return "\n".join(p for p in parts if p)
    by_n = {c.n: c for c in answer.citations}
    said = [f"{escape_text(seg.text)} " + "".join(_marker(by_n[n], message_id) if n in by_n else f"<sup>[{n}]</sup>"
                                                  for n in seg.citations)
            for seg in answer.segments]
    # the news asked for, story by story: one item each, read at a glance (the three stories' first sentences ran on
    # as one paragraph, a reader could not tell where one story ended; Chromium, session 28)
    if len(said) > 1 and asks_for_overview(answer.question):
        body = '<ul class="qa-stories">' + "".join(f"<li>{s}</li>" for s in said) + "</ul>"
    else:
        body = " ".join(said)
    if draft:
        body += f' <span class="qa-draft" title="being written; not yet checked">{escape_text(draft)} …</span>'
    mode = "" if answer.mode == "extractive" else (
        f'<div class="qa-mode"><small>Written by {escape_text(answer.mode)}; every sentence checked '
        "against the sentences it cites.</small></div>")
    parts = [f'<div class="qa-answer">{body}</div>', render_scope(scope), mode]
    if answer.citations:
        parts.append('<div class="qa-sources"><p><b>Sources</b></p>')
        for group in citation_groups(answer.citations, article_texts):
            parts.append(render_group(group, article_texts, message_id, read_url))
        parts.append("</div>")
    parts.append(render_dropped(answer))
    parts.append(copy)
    return "\n".join(p for p in parts if p)


def citation_groups(citations, article_texts: dict[str, str]) -> list[list[Citation]]:
    """Citations that fall in one paragraph of one article, together (in citation order)."""
    groups: dict[tuple, list[Citation]] = {}
    for c in citations:
        text = article_texts.get(c.article_id, "")
        span = None
        if text and text[c.start : c.end] == c.text:
            span = next(((a, b) for a, b in paragraph_spans(text) if a <= c.start and c.end <= b), None)
        groups.setdefault((c.article_id, span) if span else (c.article_id, c.n), []).append(c)
    return list(groups.values())


def render_group(group: list[Citation], article_texts: dict[str, str], message_id: str, read_url=None) -> str:
    first = group[0]
    text = article_texts.get(first.article_id, "")
    labels = " ".join(f"<b>[{c.n}]</b>" for c in group)
    if text and all(text[c.start : c.end] == c.text for c in group):
        context = paragraph_with_marks(text, [(c.start, c.end, f"{message_id}-{c.n}") for c in group])
    else:
        context = " … ".join(f'<mark id="{message_id}-{c.n}">{escape_text(c.text)}</mark>' for c in group)
    read = ""
    if read_url is not None:
        read = (f' <a class="qa-read" href="{html.escape(read_url(first), quote=True)}" target="_blank" '
                'rel="noopener">Read the article ↗</a>')
    return (f'<div class="qa-citation">{labels} {_source_line(first.title, first.published, first.url, first.article_id)}'
            f"{read}<blockquote>{context}</blockquote></div>")


def paragraph_with_marks(text: str, spans: list[tuple[int, int, str]], limit: int = 900) -> str:
    """The paragraph around the given sentences, escaped, each sentence in its own ``<mark id>``."""
    spans = sorted(spans)
    lo, hi = spans[0][0], spans[-1][1]
    p_start, p_end = next(((a, b) for a, b in paragraph_spans(text) if a <= lo and hi <= b), (lo, hi))
    before, after = text[p_start:lo], text[hi:p_end]
    room = max(0, limit - (hi - lo)) // 2
    if len(before) > room:
        before = "… " + before[-room:].split(" ", 1)[-1]
    if len(after) > room:
        after = after[:room].rsplit(" ", 1)[0] + " …"
    out, pos = [escape_text(before)], lo
    for start, end, mark_id in spans:
        out.append(escape_text(text[pos:start]))
        attr = f' id="{mark_id}"' if mark_id else ""
        out.append(f"<mark{attr}>{escape_text(text[start:end])}</mark>")
        pos = end
    out.append(escape_text(after))
    return "".join(out)


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

"""The article reader: one stored article as a page of its own, one sentence highlighted and
scrolled to (``/read/{id}?start=&end=#hl``), opened from a citation's "Read the article" link.
Article text is escaped; the page runs no script at all (its Content-Security-Policy says so)."""

from __future__ import annotations

from fastapi import FastAPI, Query
from fastapi.responses import HTMLResponse

from index.errors import NotFoundError
from index.text import paragraph_spans

from .render import escape_text, safe_url

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"

STYLE = """
body { font: 17px/1.6 system-ui, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em;
       color: #1f2937; background: #fff; }
mark { background: #fde68a; color: #111827; padding: 0 2px; scroll-margin: 40vh; }
small, .meta { color: #4b5563; }
a { color: #1d4ed8; }
@media (prefers-color-scheme: dark) {
  body { color: #e5e7eb; background: #0b0f19; }
  small, .meta { color: #cbd5e1; }
  a { color: #93c5fd; }
}
"""


def article_page(article, start: int | None, end: int | None) -> str:
    text = article.text
    ok = start is not None and end is not None and 0 <= start < end <= len(text)
    paras = []
    for a, b in paragraph_spans(text):
        if ok and a <= start and end <= b:
            paras.append(f"<p>{escape_text(text[a:start])}<mark id=\"hl\">{escape_text(text[start:end])}</mark>"
                         f"{escape_text(text[end:b])}</p>")
        else:
            paras.append(f"<p>{escape_text(text[a:b])}</p>")
    when = article.published.isoformat() if article.published else "undated"
    link = safe_url(article.url)
    source = escape_text(article.source or "")
    origin = f' · <a href="{escape_text(link)}" rel="noopener noreferrer nofollow">{source or "original"}</a>' if link else (
        f" · {source}" if source else "")
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape_text(article.title or article.id)}</title><style>{STYLE}</style></head><body>"
            f"<h1>{escape_text(article.title or article.id)}</h1><p class=\"meta\">{escape_text(when)}{origin}</p>"
            f"{''.join(paras)}</body></html>")


def add_reader(app: FastAPI, assistant) -> None:
    @app.get("/read/{article_id:path}", include_in_schema=False)
    async def read(article_id: str, start: int | None = Query(None, ge=0), end: int | None = Query(None, ge=0)):
        found = assistant.articles_by_id([article_id])
        if article_id not in found:
            raise NotFoundError(f"no article with id {article_id!r}")
        return HTMLResponse(article_page(found[article_id].article, start, end),
                            headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"})

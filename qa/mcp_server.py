"""The assistant as an MCP server (the official ``mcp`` SDK): four tools for desktop chat clients and
IDE agents, over stdio (``qa mcp --store S``) or streamable HTTP mounted in the app at ``/mcp``
(behind the app's guard: the same hosts, origins and login as the HTTP API).

Each tool returns text a model reads (the answer with its [n] markers and Sources list, numbered
passages, an article with the asked sentences pointed out) and the same data as structured content
(the /api schemas), so a client can show exact citations. The work runs in a worker thread: a
question never blocks the server's event loop; over HTTP it takes a place in the app's admission
like any other question."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Annotated, Any

import anyio
from mcp.server.fastmcp import FastMCP
from mcp.server.streamable_http import TransportSecuritySettings
from mcp.types import CallToolResult, TextContent, ToolAnnotations
from pydantic import Field

from index.errors import InputError, NotFoundError

from .assistant import Assistant

INSTRUCTIONS = (
    "Answers questions from a fixed collection of articles (news first), citing the exact sentences "
    "each answer rests on, and says so when the articles do not answer. Use `ask` for a question you "
    "want answered; `search` to read the best passages yourself; `list_articles` to see what is "
    "stored; `get_article` to read one article, with the sentences a citation points to."
)
READ_ONLY = ToolAnnotations(readOnlyHint=True, destructiveHint=False, idempotentHint=True, openWorldHint=False)
MAX_LIST = 500

Since = Annotated[str | None, Field(description="only articles published on or after this date (YYYY-MM-DD)")]
Until = Annotated[str | None, Field(description="only articles published on or before this date (YYYY-MM-DD)")]
Sources = Annotated[list[str] | None, Field(description="only articles from these sources")]
ArticleIds = Annotated[list[str] | None, Field(description="only these articles (ids from list_articles)")]


def _filters(since: str | None, until: str | None, sources: list[str] | None, article_ids: list[str] | None) -> dict:
    return {k: v for k, v in (("since", since), ("until", until), ("sources", sources), ("article_ids", article_ids)) if v}


def _result(text: str, data: dict) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=text)], structuredContent=data)


def build_mcp(assistant: Assistant, run: Callable[[Callable[[], Any]], Any] | None = None, *,
              streamable_http_path: str = "/mcp") -> FastMCP:
    """The MCP server with its tools. ``run(fn)``: how a tool's work is run (the app passes one that
    takes an admission permit); by default it simply calls ``fn``. Tools always run in a worker thread."""
    mcp = FastMCP(
        "article-qa", instructions=INSTRUCTIONS, log_level="WARNING",
        streamable_http_path=streamable_http_path, stateless_http=True, json_response=True,
        # host and origin are checked by the app's guard in front of /mcp (configured hosts, not only loopback)
        transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
    )
    call = run or (lambda fn: fn())

    async def in_thread(fn: Callable[[], Any]) -> Any:
        return await anyio.to_thread.run_sync(lambda: call(fn))

    @mcp.tool(annotations=READ_ONLY, description=(
        "Answer a question from the stored articles. Returns the answer's sentences, each with [n] markers, "
        "and a Sources list: for each n the article (title, date, url) and the exact cited sentence. When the "
        "articles do not answer, it says so (abstained: true) and lists related reading instead of guessing. "
        "For a follow-up (\"what did he say next?\") pass the earlier turns as history. Structured content: "
        "the full answer, citations with article_id, sentence_index and character offsets start/end."))
    async def ask(
        question: Annotated[str, Field(description="the question, in plain words")],
        history: Annotated[list[dict[str, str]] | None, Field(
            description='earlier turns of the conversation, oldest first: [{"role": "user"|"assistant", "content": "..."}]')] = None,
        since: Since = None, until: Until = None, sources: Sources = None, article_ids: ArticleIds = None,
    ) -> CallToolResult:
        flt = _filters(since, until, sources, article_ids)
        answer = await in_thread(lambda: assistant.ask(question, history=history, filters=flt or None))
        return _result(answer.to_text(), answer.to_dict())

    @mcp.tool(annotations=READ_ONLY, description=(
        "Find the passages of the stored articles closest to a query (meaning and words), best first, without "
        "composing an answer: use it to read the evidence yourself or to find which article covers a topic. "
        "Each passage has its article_id, title, date, score and character offsets start/end in the article. "
        "Passages are not checked answers; prefer `ask` for a question."))
    async def search(
        query: Annotated[str, Field(description="what to look for")],
        k: Annotated[int, Field(ge=1, le=50, description="how many passages")] = 5,
        since: Since = None, until: Until = None, sources: Sources = None, article_ids: ArticleIds = None,
    ) -> CallToolResult:
        flt = _filters(since, until, sources, article_ids)
        found = await in_thread(lambda: assistant.search(query, filters=flt or None, k=k))
        lines = [f"{len(found)} passage(s) for {query!r}:" if found else f"No passage found for {query!r}."]
        for i, p in enumerate(found, 1):
            when = p.published.isoformat() if p.published else "undated"
            lines += ["", f"[{i}] {p.title or p.article_id} ({when}) article_id={p.article_id} "
                      f"characters {p.start}-{p.end}, score {p.score:.3f}", p.text]
        return _result("\n".join(lines), {"query": query, "passages": [p.to_dict() for p in found]})

    @mcp.tool(annotations=READ_ONLY, description=(
        "List the stored articles, newest first: id, title, published date, source, url, number of sentences. "
        "Use it to see what the collection covers or to get an article_id for get_article or a filter."))
    async def list_articles(
        limit: Annotated[int, Field(ge=1, le=MAX_LIST, description="at most this many")] = 50,
        offset: Annotated[int, Field(ge=0, description="skip this many (paging)")] = 0,
    ) -> CallToolResult:
        rows, total = await in_thread(lambda: ([s.to_dict() for s in assistant.articles(limit, offset)],
                                               assistant.stats()["articles"] if assistant.has_store else 0))
        lines = [f"{total} article(s) stored; showing {len(rows)} from {offset}."]
        lines += [f"- {r['id']}: {r['title'] or '(untitled)'} ({r['published'] or 'undated'}; {r['source'] or 'no source'})"
                  for r in rows]
        return _result("\n".join(lines), {"articles": rows, "total": total, "offset": offset})

    @mcp.tool(annotations=READ_ONLY, description=(
        "Read one stored article in full. Give first_sentence (and last_sentence) to point out sentences, e.g. "
        "a citation's sentence_index from `ask`: they are returned with their exact text and character offsets."))
    async def get_article(
        article_id: Annotated[str, Field(description="the article's id (from ask, search or list_articles)")],
        first_sentence: Annotated[int | None, Field(ge=0, description="first sentence to highlight (0-based index)")] = None,
        last_sentence: Annotated[int | None, Field(ge=0, description="last sentence to highlight (default: first_sentence)")] = None,
    ) -> CallToolResult:
        def read():
            stored = assistant.article(article_id)
            a = stored.article
            data = {**stored.to_dict(), "text": a.text, "highlight": None}
            if first_sentence is not None:
                last = first_sentence if last_sentence is None else last_sentence
                if last < first_sentence:
                    raise InputError("last_sentence", f"must not be before first_sentence ({first_sentence})")
                if first_sentence >= stored.n_sentences:
                    raise NotFoundError(f"article {article_id!r} has {stored.n_sentences} sentences (0 to "
                                        f"{stored.n_sentences - 1}); there is no sentence {first_sentence}")
                sents = assistant.sentences(article_id, range(first_sentence, min(last, stored.n_sentences - 1) + 1))
                start, end = sents[0].start, sents[-1].end
                data["highlight"] = {"first_sentence": sents[0].index, "last_sentence": sents[-1].index,
                                     "start": start, "end": end, "text": a.text[start:end]}
            return data

        data = await in_thread(read)
        when = data["published"] or "undated"
        text = f"{data['title'] or data['id']} ({when}) {data['url'] or ''}".rstrip() + f"\narticle_id={data['id']}\n\n{data['text']}"
        if data["highlight"]:
            h = data["highlight"]
            text += (f"\n\nHighlighted: sentences {h['first_sentence']}-{h['last_sentence']} "
                     f"(characters {h['start']}-{h['end']}):\n{h['text']}")
        return _result(text, data)

    return mcp


def mount_mcp(app, assistant: Assistant, run: Callable[[Callable[[], Any]], Any]) -> None:
    """Streamable HTTP MCP at ``/mcp`` on ``app`` (a FastAPI app, before Gradio is mounted at /):
    stateless, JSON responses (no long-lived session to keep per client, so any app worker can take
    any request). Its session manager runs in the app's lifespan."""
    from starlette.routing import Route

    server = build_mcp(assistant, run)
    handler = next(r.endpoint for r in server.streamable_http_app().routes  # (also creates the session manager)
                   if getattr(r, "path", "") == "/mcp")
    app.router.routes.append(Route("/mcp", endpoint=handler, methods=["GET", "POST", "DELETE"], include_in_schema=False))
    outer = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(a):
        async with server.session_manager.run(), outer(a) as state:
            yield state

    app.router.lifespan_context = lifespan


def run_stdio(assistant: Assistant) -> None:
    """Serve the tools on stdin/stdout until the client closes them (``qa mcp``)."""
    build_mcp(assistant).run("stdio")

"""The HTTP API for other apps (FastAPI), served beside the Gradio UI by the same process."""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
import uuid
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from index.articles import LoadFailure
from index.errors import InputError, NotFoundError, QAError, TooLargeError

from .admission import Admission, Busy, Permit
from .assistant import Assistant
from .guard import RequestTooLarge
from .uploads import check_upload, safe_name

WAIT_FOR_MEANING_S = 600.0  # POST /api/articles?wait=true returns after this at the latest

log = logging.getLogger("qa.api")


class AskRequest(BaseModel):
    question: str = Field(..., description="the question")
    history: list[dict[str, Any]] | None = Field(None, description=(
        'earlier turns: [{"role": "user", "content": "..."}, {"role": "assistant", "content": "<the answer>", '
        '"citations": [<its citations>]}]; a follow-up is read first in the articles the last answer cited '
        '(its citations, else the sentences its text quotes)'))
    filters: dict[str, Any] | None = Field(None, description='{"since": "2024-03-01", "until": ..., "sources": [...], "article_ids": [...]}')


class ArticlesRequest(BaseModel):
    articles: list[dict[str, Any]] = Field(..., description="objects with text (required), title, url, published, authors, source, id")


def error_status(e: BaseException) -> int:
    """The HTTP status an error carries (``QAError.status``); 400 for input nested too deeply, 500
    for anything unexpected (a bare ``ValueError`` is a bug, not bad input)."""
    return 400 if isinstance(e, RecursionError) else getattr(e, "status", 500)


def error_response(request: Request, message: str, status: int, headers=None) -> JSONResponse:
    """An error in the shape its caller reads: ``{"error": message, "status": n}`` on /api, the
    OpenAI shape ``{"error": {"message", "type", "code"}}`` on the OpenAI-compatible /v1 routes."""
    if request.url.path.startswith("/v1/"):
        kind = ("invalid_request_error" if status < 500 else "server_error") if status != 404 else "not_found_error"
        body: dict = {"error": {"message": message, "type": kind, "code": status, "param": None}}
    else:
        body = {"error": message, "status": status}
    return JSONResponse(body, status_code=status, headers=headers)


def error_body(e: BaseException) -> dict:
    status = error_status(e)
    if isinstance(e, RecursionError):
        msg = "input nested too deeply"
    else:
        msg = str(e) if status != 500 else f"internal error: {type(e).__name__}"
    return {"error": msg, "status": status}


class PermitStreamingResponse(StreamingResponse):
    """A stream that gives back its admission permit when the response ends, however it ends:
    finished, failed, or the client gone before the first byte (a generator's ``finally`` would
    not run if iteration never started)."""

    def __init__(self, content, permit: Permit, **kwargs):
        super().__init__(content, **kwargs)
        self.permit = permit

    async def __call__(self, scope, receive, send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.permit.release()


def create_api(assistant: Assistant, *, upload_dir: Path, max_upload_bytes: int, ask_limit: int = 4, ask_queue: int = 16) -> FastAPI:
    """The FastAPI app: /api/ask, /api/articles, /api/health; OpenAPI docs at /docs. Host, origin,
    size and auth checks are ``qa.guard.Guard``'s, in front of this app."""
    app = FastAPI(title="Article Q&A", description="Grounded answers with the exact sentences they rest on.",
                  version="0.1.0", docs_url=None, redoc_url=None)
    add_offline_docs(app)
    admission = Admission(ask_limit, ask_queue)
    app.state.admission = admission
    write_lock = threading.Lock()
    upload_dir.mkdir(parents=True, exist_ok=True)

    async def _errors(request: Request, e: Exception):
        body = error_body(e)
        if body["status"] == 500:
            log.error("internal error on %s %s", request.method, request.url.path, exc_info=e)
        headers = {"Retry-After": "1"} if body["status"] == 503 else None
        return error_response(request, body["error"], body["status"], headers)

    # Expected errors get their own handlers: a handler for bare Exception runs in Starlette's
    # outermost middleware, which re-raises after answering (logged as a crash, and the keep-alive
    # connection is dropped under load). Only real bugs take that path.
    for kind in (QAError, RecursionError, RequestTooLarge):
        app.add_exception_handler(kind, _errors)
    app.add_exception_handler(Exception, _errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http_errors(request: Request, e: StarletteHTTPException):  # noqa: ARG001
        message = e.detail if isinstance(e.detail, str) else "request refused"
        return error_response(request, message, e.status_code, e.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, e: RequestValidationError):  # noqa: ARG001
        first = e.errors()[0] if e.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "body")
        return error_response(request, f"invalid request: {where or 'body'}: {first.get('msg', 'bad value')}", 400)

    def _answer(req: AskRequest, permit: Permit) -> dict:
        with permit:
            if not permit.compute():
                raise Busy("the request was given up before it was answered")
            return assistant.ask(req.question, history=req.history, filters=req.filters).to_dict()

    @app.post("/api/ask", summary="Answer a question with cited sentences, or abstain")
    async def ask(req: AskRequest) -> dict:
        assistant.check_question(req.question)  # 400 before any queueing or model call
        permit = admission.admit()  # 503 at once when full; never blocks the event loop
        return await run_in_threadpool(_answer, req, permit)

    @app.post("/api/ask/stream", summary="The same answer as a stream of events (NDJSON), for LLM mode",
              response_class=StreamingResponse)
    async def ask_stream(req: AskRequest):
        """One JSON object per line: ``{"event": "token", "text"}`` as the LLM writes,
        ``{"event": "segment", "segment", "citations"}`` for each sentence that passed the support
        check, ``{"event": "dropped", "text"}``, then ``{"event": "answer", "answer"}`` (the /api/ask
        schema) or ``{"event": "error", "error"}``. Extractive mode sends only the answer."""
        assistant.check_question(req.question)
        permit = admission.admit()  # 503 at once when full; released when the response ends

        def events():
            try:
                if not permit.compute():  # the client left while this waited for a slot
                    return
                for ev in assistant.ask_stream(req.question, history=req.history, filters=req.filters):
                    yield json.dumps(event_json(ev), ensure_ascii=False) + "\n"
            except Exception as e:  # noqa: BLE001 - the status line is sent already: report in the stream
                if error_status(e) == 500:
                    log.error("internal error in a stream", exc_info=e)
                yield json.dumps({"event": "error", **error_body(e)}) + "\n"

        try:
            return PermitStreamingResponse(events(), permit, media_type="application/x-ndjson")
        except BaseException:
            permit.release()
            raise

    @app.get("/api/articles", summary="List stored articles")
    async def list_articles(limit: Annotated[int, Query(ge=1, le=100_000)] = 1000,
                            offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> dict:
        rows = await run_in_threadpool(assistant.articles, limit, offset)
        return {"articles": [s.to_dict() for s in rows], "total": assistant.stats()["articles"]}

    def _ingest(items: list, wait: bool) -> dict:
        with write_lock:
            report = assistant.ingest_articles_behind(items)  # searchable by words now, by meaning behind
        if wait:
            deadline = time.monotonic() + WAIT_FOR_MEANING_S
            while not assistant.embedding_status().complete and time.monotonic() < deadline:
                time.sleep(0.2)
        return {**report.to_dict(), "embedding": assistant.embedding_status().to_dict()}

    def _ingest_files(saved: list[tuple[Path, str]], refused: list[LoadFailure], wait: bool) -> dict:
        items = [item for path, name in saved for item in assistant.load_upload(path, name)]
        return _ingest([*refused, *items], wait)

    def _ingest_records(records: list, wait: bool) -> dict:
        return _ingest(assistant.articles_from_records(records), wait)

    @app.post("/api/articles", summary="Add articles: multipart file upload(s) or a JSON body")
    async def add_articles(request: Request, wait: bool = False) -> dict:
        """Each file (or record) is ingested or listed under ``failed`` with its reason; one bad file
        never sinks the others. A single file that cannot be taken at all is a 400 (413 if too large).

        Returns once the articles are searchable by their words (stage 1); their vectors are added
        behind (``embedding`` in the reply; poll ``GET /api/embedding`` to follow). ``wait=true``:
        return only when the whole store is searchable by meaning (or after 10 minutes)."""
        ctype = request.headers.get("content-type", "")
        if ctype.startswith("multipart/form-data"):
            form = await request.form(max_part_size=max_upload_bytes)
            try:
                files = [v for _, v in form.multi_items() if hasattr(v, "filename")]
                if not files:
                    raise InputError("upload", "no file in the form (field name: file)")
                saved, refused, errors = [], [], []
                try:
                    for f in files:
                        try:
                            saved.append(await _save_upload(f, upload_dir, max_upload_bytes))
                        except InputError as e:
                            errors.append(e)
                            refused.append(LoadFailure(e.source, e.reason))
                    if errors and not saved:
                        raise errors[0]
                    return await run_in_threadpool(_ingest_files, saved, refused, wait)
                finally:
                    for p, _ in saved:
                        shutil.rmtree(p.parent, ignore_errors=True)
            finally:
                await form.close()
        body = await _read_limited(request, max_upload_bytes)
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as e:
            raise InputError("body", "expected JSON ({\"articles\": [...]}) or a multipart file upload") from e
        records = data.get("articles") if isinstance(data, dict) and "articles" in data else data
        if isinstance(records, dict):
            records = [records]
        if not isinstance(records, list) or not records:
            raise InputError("articles", "expected a non-empty list of article objects")
        return await run_in_threadpool(_ingest_records, records, wait)

    @app.get("/api/articles/{article_id:path}", summary="One stored article, with its text")
    async def get_article(article_id: str) -> dict:
        """The article-list row plus ``text``: citations' ``start``/``end`` are offsets into it."""
        stored = await run_in_threadpool(assistant.article, article_id)
        return {**stored.to_dict(), "text": stored.article.text}

    @app.delete("/api/articles/{article_id:path}", summary="Delete an article everywhere")
    async def delete_article(article_id: str) -> dict:
        def _delete():
            with write_lock:
                return assistant.delete([article_id])
        gone = await run_in_threadpool(_delete)
        if not gone:
            raise NotFoundError(f"no article with id {article_id!r}")
        return {"deleted": gone}

    @app.get("/api/health", summary="Liveness and store counts")
    async def health() -> dict:
        stats = await run_in_threadpool(assistant.stats)
        status = await run_in_threadpool(assistant.embedding_status)
        return {"status": "ok", "pid": os.getpid(), **stats, "questions_in_progress": admission.admitted,
                "searchable_by_meaning": status.sentence()}

    @app.get("/api/embedding", summary="How far the articles are searchable by meaning (the job to poll after an upload)")
    async def embedding() -> dict:
        """``articles`` stored, ``embedded`` of them searchable by meaning (all are searchable by
        their words), ``running``, ``rate_per_s``, ``eta_s``, ``error`` (why embedding stopped)."""
        status = await run_in_threadpool(assistant.embedding_status)
        return {**status.to_dict(), "message": status.sentence()}

    @app.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"],
                   include_in_schema=False)
    async def unknown(request: Request, rest: str):
        """Unknown API routes and wrong methods answer in the same shape as every other error."""
        path = "/api/" + rest
        allowed = sorted({m for r in app.routes if isinstance(r, APIRoute) and r.path_regex.match(path)
                          and r.endpoint is not unknown for m in r.methods})
        if allowed:
            raise StarletteHTTPException(405, f"{request.method} is not allowed on {path} (use {', '.join(allowed)})",
                                         headers={"Allow": ", ".join(allowed)})
        raise StarletteHTTPException(404, f"no API route {path} (see /docs)")

    return app


def add_offline_docs(app: FastAPI) -> None:
    """Swagger UI at /docs with its assets served by the app itself (the swagger-ui-bundle
    package), never from a CDN: the page works offline."""
    import swagger_ui_bundle
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles

    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs():
        return get_swagger_ui_html(openapi_url="/openapi.json", title="Article Q&A — API",
                                   swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/docs-assets/favicon-32x32.png")


def event_json(ev) -> dict:
    """One streamed event as JSON (the NDJSON lines of /api/ask/stream)."""
    if ev.kind == "token":
        return {"event": "token", "text": ev.text}
    if ev.kind == "segment":
        return {"event": "segment", "segment": ev.segment.to_dict(), "citations": [c.to_dict() for c in ev.citations]}
    if ev.kind == "dropped":
        return {"event": "dropped", "text": ev.text}
    return {"event": "answer", "answer": ev.answer.to_dict()}


async def _read_limited(request: Request, limit: int) -> bytes:
    chunks, total = [], 0
    async for part in request.stream():
        total += len(part)
        if total > limit:
            raise TooLargeError("upload", f"request is over the limit of {limit:,} bytes")
        chunks.append(part)
    return b"".join(chunks)


async def _save_upload(upload, upload_dir: Path, limit: int) -> tuple[Path, str]:
    """Store an upload in a generated folder inside ``upload_dir``; returns (path, safe name)."""
    original = safe_name(upload.filename or "")
    head = await upload.read(8192)
    suffix = check_upload(original, head)
    folder = upload_dir / uuid.uuid4().hex
    folder.mkdir(parents=True)
    dest = folder / f"upload{suffix}"
    total = len(head)
    with open(dest, "wb") as out:
        out.write(head)
        while True:
            block = await upload.read(1 << 20)
            if not block:
                break
            total += len(block)
            if total > limit:
                out.close()
                shutil.rmtree(folder, ignore_errors=True)
                raise TooLargeError(original, f"file is over the limit of {limit:,} bytes")
            out.write(block)
    return dest, original

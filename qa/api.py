"""The HTTP API for other apps (FastAPI), served beside the Gradio UI by the same process."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import threading
import unicodedata
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from index.errors import (
    InputError,
    NotFoundError,
    QAError,
    QuestionError,
    StoreLockedError,
    TooLargeError,
)
from index.loaders import (
    SUPPORTED_SUFFIXES,
    LoaderConfig,
    article_from_record,
    load_paths,
    sniff_binary,
)
from index.models import Article, LoadFailure

from .assistant import Assistant


class AskRequest(BaseModel):
    question: str = Field(..., description="the question")
    history: list[dict[str, Any]] | None = Field(None, description='earlier turns: [{"role": "user", "content": "..."}]')
    filters: dict[str, Any] | None = Field(None, description='{"since": "2024-03-01", "until": ..., "sources": [...], "article_ids": [...]}')


class ArticlesRequest(BaseModel):
    articles: list[dict[str, Any]] = Field(..., description="objects with text (required), title, url, published, authors, source, id")


class Busy(Exception):
    """Too many requests are already waiting."""


class Gate:
    """At most ``limit`` requests at work and ``queue`` waiting; beyond that, refuse at once."""

    def __init__(self, limit: int, queue: int):
        self._sem = threading.BoundedSemaphore(limit)
        self._lock = threading.Lock()
        self._waiting = 0
        self._max_waiting = limit + queue

    def __enter__(self):
        with self._lock:
            if self._waiting >= self._max_waiting:
                raise Busy(f"busy: {self._max_waiting} questions are already being answered or waiting; "
                           "try again in a moment")
            self._waiting += 1
        self._sem.acquire()
        return self

    def __exit__(self, *exc):
        self._sem.release()
        with self._lock:
            self._waiting -= 1


def error_status(e: Exception) -> int:
    if isinstance(e, TooLargeError):
        return 413
    if isinstance(e, StoreLockedError):
        return 409
    if isinstance(e, NotFoundError):
        return 404
    if isinstance(e, Busy):
        return 503
    if isinstance(e, (QuestionError, InputError, QAError, ValueError)):
        return 400
    return 500


_BASIC = HTTPBasic(auto_error=False)


def auth_dependency(auth: tuple[str, str] | None):
    """HTTP Basic auth for the API when ``QA_AUTH=user:password`` is set; no-op otherwise."""

    def check(credentials: Annotated[HTTPBasicCredentials | None, Depends(_BASIC)]) -> None:
        if auth is None:
            return
        ok = credentials is not None and secrets.compare_digest(credentials.username, auth[0]) and \
            secrets.compare_digest(credentials.password, auth[1])
        if not ok:
            raise HTTPException(401, "authentication required", headers={"WWW-Authenticate": "Basic"})

    return check


def create_api(qa: Assistant, *, upload_dir: Path, max_upload_bytes: int, ask_limit: int = 4, ask_queue: int = 16,
               auth: tuple[str, str] | None = None) -> FastAPI:
    """The FastAPI app: /api/ask, /api/articles, /api/health; OpenAPI docs at /docs."""
    app = FastAPI(title="Article Q&A", description="Grounded answers with the exact sentences they rest on.",
                  version="0.1.0", dependencies=[Depends(auth_dependency(auth))])
    gate = Gate(ask_limit, ask_queue)
    write_lock = threading.Lock()
    upload_dir.mkdir(parents=True, exist_ok=True)

    async def _errors(request: Request, e: Exception):  # noqa: ARG001
        status = error_status(e)
        msg = str(e) if status != 500 else f"internal error: {type(e).__name__}"
        headers = {"Retry-After": "1"} if status == 503 else None
        return JSONResponse({"error": msg, "status": status}, status_code=status, headers=headers)

    # Expected errors get their own handlers: a handler for bare Exception runs in Starlette's
    # outermost middleware, which re-raises after answering (logged as a crash, and the keep-alive
    # connection is dropped under load). Only real bugs take that path.
    for kind in (QAError, Busy, ValueError):
        app.add_exception_handler(kind, _errors)
    app.add_exception_handler(Exception, _errors)

    @app.exception_handler(HTTPException)
    async def _http_errors(request: Request, e: HTTPException):  # noqa: ARG001
        return JSONResponse({"error": e.detail, "status": e.status_code}, status_code=e.status_code, headers=e.headers)

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, e: RequestValidationError):  # noqa: ARG001
        first = e.errors()[0] if e.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "body")
        return JSONResponse({"error": f"invalid request: {where or 'body'}: {first.get('msg', 'bad value')}", "status": 400}, status_code=400)

    def _ask(req: AskRequest) -> dict:
        with gate:
            return qa.ask(req.question, history=req.history, filters=req.filters).to_dict()

    @app.post("/api/ask", summary="Answer a question with cited sentences, or abstain")
    async def ask(req: AskRequest) -> dict:
        qa.check_question(req.question)  # 400 before any queueing or model call
        return await run_in_threadpool(_ask, req)

    @app.post("/api/ask/stream", summary="The same answer as a stream of events (NDJSON), for LLM mode",
              response_class=StreamingResponse)
    async def ask_stream(req: AskRequest):
        """One JSON object per line: ``{"event": "token", "text"}`` as the LLM writes,
        ``{"event": "segment", "segment", "citations"}`` for each sentence that passed the support
        check, ``{"event": "dropped", "text"}``, then ``{"event": "answer", "answer"}`` (the /api/ask
        schema) or ``{"event": "error", "error"}``. Extractive mode sends only the answer."""
        qa.check_question(req.question)
        gate.__enter__()  # 503 at once when full; released when the stream ends

        def events():
            try:
                for ev in qa.ask_stream(req.question, history=req.history, filters=req.filters):
                    if ev.kind == "token":
                        out = {"event": "token", "text": ev.text}
                    elif ev.kind == "segment":
                        out = {"event": "segment", "segment": ev.segment.to_dict(), "citations": [c.to_dict() for c in ev.citations]}
                    elif ev.kind == "dropped":
                        out = {"event": "dropped", "text": ev.text}
                    else:
                        out = {"event": "answer", "answer": ev.answer.to_dict()}
                    yield json.dumps(out, ensure_ascii=False) + "\n"
            except Exception as e:  # noqa: BLE001 - the status line is sent already: report in the stream
                status = error_status(e)
                msg = str(e) if status != 500 else f"internal error: {type(e).__name__}"
                yield json.dumps({"event": "error", "error": msg, "status": status}) + "\n"
            finally:
                gate.__exit__(None, None, None)

        return StreamingResponse(events(), media_type="application/x-ndjson")

    def _article_row(s) -> dict:
        a = s.article
        return {"id": a.id, "title": a.title, "published": a.published.isoformat() if a.published else None,
                "source": a.source, "url": a.url, "sentences": s.n_sentences, "chunks": s.n_chunks}

    @app.get("/api/articles", summary="List stored articles")
    async def list_articles(limit: int = 1000, offset: int = 0) -> dict:
        rows = await run_in_threadpool(qa.articles, limit, offset)
        return {"articles": [_article_row(s) for s in rows], "total": qa.store.counts()["articles"]}

    def _ingest_files(saved: list[tuple[Path, str]]) -> dict:
        items = [item for path, name in saved for item in load_upload(path, name, qa.config.loader())]
        with write_lock:
            return qa.ingest_articles(items).to_dict()

    def _ingest_records(records: list[dict]) -> dict:
        items = []
        for i, rec in enumerate(records):
            try:
                items.append(article_from_record(rec, qa.config.fields, f"articles[{i}]"))
            except InputError as e:
                items.append(LoadFailure(e.source, e.reason))
        with write_lock:
            return qa.ingest_articles(items).to_dict()

    @app.post("/api/articles", summary="Add articles: multipart file upload(s) or a JSON body")
    async def add_articles(request: Request) -> dict:
        size = request.headers.get("content-length")
        if size and size.isdigit() and int(size) > max_upload_bytes:
            raise TooLargeError("upload", f"request is {int(size):,} bytes, over the limit of {max_upload_bytes:,}")
        ctype = request.headers.get("content-type", "")
        if ctype.startswith("multipart/form-data"):
            form = await request.form(max_part_size=max_upload_bytes)
            files = [v for _, v in form.multi_items() if hasattr(v, "filename")]
            if not files:
                raise InputError("upload", "no file in the form (field name: file)")
            saved = [await _save_upload(f, upload_dir, max_upload_bytes) for f in files]
            try:
                return await run_in_threadpool(_ingest_files, saved)
            finally:
                for p, _ in saved:
                    shutil.rmtree(p.parent, ignore_errors=True)
        body = await _read_limited(request, max_upload_bytes)
        try:
            import json

            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as e:
            raise InputError("body", "expected JSON ({\"articles\": [...]}) or a multipart file upload") from e
        records = data.get("articles") if isinstance(data, dict) and "articles" in data else data
        if isinstance(records, dict):
            records = [records]
        if not isinstance(records, list) or not records:
            raise InputError("articles", "expected a non-empty list of article objects")
        return await run_in_threadpool(_ingest_records, records)

    @app.delete("/api/articles/{article_id:path}", summary="Delete an article everywhere")
    async def delete_article(article_id: str) -> dict:
        def _delete():
            with write_lock:
                return qa.delete([article_id])
        gone = await run_in_threadpool(_delete)
        if not gone:
            raise NotFoundError(f"no article with id {article_id!r}")
        return {"deleted": gone}

    @app.get("/api/health", summary="Liveness and store counts")
    async def health() -> dict:
        counts = await run_in_threadpool(qa.store.counts)
        return {"status": "ok", "store": str(qa.config.store), "embedder": qa.store.embedder_name, **counts}

    return app


async def _read_limited(request: Request, limit: int) -> bytes:
    chunks, total = [], 0
    async for part in request.stream():
        total += len(part)
        if total > limit:
            raise TooLargeError("upload", f"request is over the limit of {limit:,} bytes")
        chunks.append(part)
    return b"".join(chunks)


def safe_name(filename: str) -> str:
    """A client's file name reduced to a harmless base name (never a path)."""
    base = os.path.basename((filename or "").replace("\\", "/"))
    base = unicodedata.normalize("NFKC", base)
    base = re.sub(r"[^\w.\- ]", "_", base).strip(" .") or "upload"
    stem, suffix = os.path.splitext(base)
    return stem[:80] + suffix[:10].lower()


def load_upload(path: Path, name: str, loader: LoaderConfig) -> list[Article | LoadFailure]:
    """Articles of an uploaded file stored at ``path``; identity, title fallback and error messages
    come from the client's file ``name``, never from where it was stored."""
    items: list[Article | LoadFailure] = []
    for item in load_paths([path], loader):
        if isinstance(item, LoadFailure):
            items.append(LoadFailure(name, item.reason))
        else:
            title = item.title if item.title != _stem_title(path) else _stem_title(Path(name))
            items.append(replace(item, origin=f"upload:{name}", title=title, source=item.source if item.url else "upload"))
    return items


def _stem_title(path: Path) -> str:
    return re.sub(r"[-_]+", " ", path.stem).strip().title()


async def _save_upload(upload, upload_dir: Path, limit: int) -> tuple[Path, str]:
    """Store an upload in a generated folder inside ``upload_dir``; returns (path, safe name)."""
    original = safe_name(upload.filename or "")
    suffix = Path(original).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(original or "upload", f"unsupported file type '{suffix or '(none)'}' (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
    head = await upload.read(8192)
    kind = sniff_binary(head) if suffix != ".pdf" else None
    if kind:
        raise InputError(original, f"not a text file: looks like {kind}")
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

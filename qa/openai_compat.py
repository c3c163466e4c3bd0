"""An OpenAI-compatible chat endpoint (``POST /v1/chat/completions``, ``GET /v1/models``), the way
chat front ends (Open WebUI, LibreChat) and scripts using the ``openai`` client talk to a backend.

The last user message is the question, the earlier user and assistant messages its history (a
follow-up is made self-contained from them, as in the chat). The reply's text is
``Answer.to_text()``: the answer with its ``[n]`` markers, then a "Sources:" list, so a client that
shows only text still shows where each sentence comes from; an abstention is an ordinary reply that
says the articles don't say. The checked ``Answer`` itself (the /api/ask schema: citations with
their exact offsets) travels in an extra top-level field, ``answer``, which OpenAI clients ignore and
ours read (``completion.answer`` with the ``openai`` package). Streamed (``stream: true``), each
sentence is sent once it passed the support check (never the LLM's unchecked tokens), and the last
chunk carries ``answer``."""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from index.errors import InputError, NotFoundError

from .admission import Busy, Permit
from .api import PermitStreamingResponse, error_body, error_status
from .assistant import Assistant
from .messages import content_text

MODEL_ID = "article-qa"
SOURCES_BREAK = ("\n\nSources:\n", "\n\nRelated reading (not an answer):\n")

log = logging.getLogger("qa.openai")


class ChatRequest(BaseModel):
    """The fields this endpoint reads; others an OpenAI client sends (temperature, max_tokens, ...)
    are accepted and ignored: the answer is the articles' sentences, not sampled text."""

    model_config = ConfigDict(extra="allow")
    model: str | None = Field(None, description=f'"{MODEL_ID}" (the only model; GET /v1/models)')
    messages: list[dict[str, Any]] = Field(..., description="the conversation; the last message is the user's question")
    stream: bool = Field(False, description="server-sent events, one chunk per checked sentence")


def question_and_history(messages: list[dict[str, Any]]) -> tuple[str, list[dict[str, str]]]:
    """The question (the last message, which must be the user's) and the earlier user/assistant
    turns as history. System and tool messages are not part of the conversation about the articles
    and are left out; an earlier reply of ours is kept without its Sources list."""
    if not messages:
        raise InputError("messages", "expected at least one message (the user's question)")
    for i, m in enumerate(messages):
        if not isinstance(m, dict) or not isinstance(m.get("role"), str):
            raise InputError(f"messages[{i}]", "each message must be an object with 'role' and 'content'")
    last = messages[-1]
    if last["role"] != "user":
        raise InputError(f"messages[{len(messages) - 1}]", f"the last message must be the user's question (it is role {last['role']!r})")
    question = content_text(last.get("content"))
    history = []
    for m in messages[:-1]:
        if m["role"] not in ("user", "assistant"):
            continue
        text = content_text(m.get("content"))
        if m["role"] == "assistant":
            for mark in SOURCES_BREAK:
                text = text.split(mark, 1)[0]
        history.append({"role": m["role"], "content": text})
    return question, history


def check_model(model: str | None) -> None:
    if model not in (None, "", MODEL_ID):
        raise NotFoundError(f"no model {model!r}: this server answers as {MODEL_ID!r} (GET /v1/models)")


def _completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


def _chunk(cid: str, created: int, delta: dict, finish: str | None = None, **extra) -> str:
    body = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": MODEL_ID,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"


def add_openai_routes(app: FastAPI, assistant: Assistant) -> None:
    """``/v1/models`` and ``/v1/chat/completions`` on ``app`` (``create_api``'s app: its admission
    limits these questions together with /api/ask's; its error handlers answer /v1 paths in the
    OpenAI error shape)."""
    admission = app.state.admission

    @app.get("/v1/models", summary="OpenAI-compatible: the one model, the grounded answerer", tags=["OpenAI-compatible"])
    async def models() -> dict:
        return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "article-qa"}]}

    def _answer(question: str, history: list, permit: Permit):
        with permit:
            if not permit.compute():
                raise Busy("the request was given up before it was answered")
            return assistant.ask(question, history=history)

    @app.post("/v1/chat/completions", summary="OpenAI-compatible chat: a grounded answer with its sources",
              tags=["OpenAI-compatible"])
    async def chat_completions(req: ChatRequest):
        check_model(req.model)
        question, history = question_and_history(req.messages)
        assistant.check_question(question)
        permit = admission.admit()  # 503 at once when full
        cid, created = _completion_id(), int(time.time())
        if not req.stream:
            answer = await run_in_threadpool(_answer, question, history, permit)
            return {"id": cid, "object": "chat.completion", "created": created, "model": MODEL_ID,
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": answer.to_text()},
                                 "finish_reason": "stop"}],
                    "answer": answer.to_dict()}

        def events():
            sent = ""
            try:
                if not permit.compute():
                    return
                yield _chunk(cid, created, {"role": "assistant", "content": ""})
                for ev in assistant.ask_stream(question, history=history):
                    if ev.kind == "segment" and ev.segment is not None:
                        piece = (" " if sent else "") + ev.segment.marked()
                        sent += piece
                        yield _chunk(cid, created, {"content": piece})
                    elif ev.kind == "answer" and ev.answer is not None:
                        full = ev.answer.to_text()
                        # the final text normally continues what was streamed (its Sources list);
                        # after a failed LLM the fallback answer follows what was sent
                        rest = full[len(sent):] if full.startswith(sent) else "\n\n" + full
                        yield _chunk(cid, created, {"content": rest})
                        yield _chunk(cid, created, {}, "stop", answer=ev.answer.to_dict())
            except Exception as e:  # noqa: BLE001 - the status line is sent already: report in the stream
                if error_status(e) == 500:
                    log.error("internal error in a /v1 stream", exc_info=e)
                body = error_body(e)
                yield f"data: {json.dumps({'error': {'message': body['error'], 'type': 'server_error', 'code': body['status']}})}\n\n"
            yield "data: [DONE]\n\n"

        try:
            return PermitStreamingResponse(events(), permit, media_type="text/event-stream",
                                           headers={"Cache-Control": "no-cache"})
        except BaseException:
            permit.release()
            raise

    @app.api_route("/v1/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"], include_in_schema=False)
    async def unknown(rest: str):
        raise NotFoundError(f"no route /v1/{rest}: this server offers GET /v1/models and POST /v1/chat/completions")

"""The assistant inside LlamaIndex apps: a retriever, a query engine and a chat engine whose answers
are the assistant's checked ``Answer``s, so a LlamaIndex app gets the support check and the
abstention, not only retrieval.

    from qa import Assistant
    from qa.llamaindex import ArticleChatEngine, ArticleQueryEngine, ArticleRetriever
    assistant = Assistant.open(store="my-store")
    response = ArticleQueryEngine(assistant=assistant).query("Who visited Tehran?")
    response.response             # the answer, with [n] markers ("The articles don't say." if they don't)
    response.source_nodes[0]      # the sentence cited as [1]: node.text is exactly
                                  # article.text[node.start_char_idx:node.end_char_idx], node.ref_doc_id the article
    chat = ArticleChatEngine(assistant)
    chat.chat("Who is Nasser Kanaani?"); chat.chat("What did he call the resolution?")  # follow-ups

Every node carries its article as ``ref_doc_id`` (the SOURCE relationship) and its character offsets
in the article (``start_char_idx``/``end_char_idx``), so LlamaIndex postprocessors and citation tools
can tell which article and which characters it is. With an LLM configured in the assistant's
settings the answers are written by it and checked, exactly as in the app.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Generator
from typing import Any

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.llms.types import ChatMessage, ChatResponse, MessageRole
from llama_index.core.base.response.schema import Response
from llama_index.core.chat_engine.types import (
    AgentChatResponse,
    BaseChatEngine,
    StreamingAgentChatResponse,
)
from llama_index.core.query_engine import CustomQueryEngine
from llama_index.core.schema import (
    NodeRelationship,
    NodeWithScore,
    QueryBundle,
    RelatedNodeInfo,
    TextNode,
)

from index.filters import Filters

from .answer import Answer, Citation, Passage
from .assistant import Assistant


def _published(d) -> str:
    return d.isoformat() if d else ""


def passage_node(p: Passage) -> NodeWithScore:
    """A retrieved passage as a node: its chunk id, its article as source, its offsets."""
    node = TextNode(id_=p.chunk_id, text=p.text, start_char_idx=p.start, end_char_idx=p.end,
                    metadata={"article_id": p.article_id, "title": p.title, "url": p.url, "published": _published(p.published)},
                    relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=p.article_id)})
    return NodeWithScore(node=node, score=p.score)


def citation_node(c: Citation) -> NodeWithScore:
    """A cited sentence as a node (id ``article_id#sentence_index``); ``metadata["n"]`` is its marker."""
    node = TextNode(id_=f"{c.article_id}#s{c.sentence_index}", text=c.text, start_char_idx=c.start, end_char_idx=c.end,
                    metadata={"n": c.n, "article_id": c.article_id, "title": c.title, "url": c.url,
                              "published": _published(c.published), "sentence_index": c.sentence_index},
                    relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=c.article_id)})
    return NodeWithScore(node=node, score=c.score)


def answer_metadata(answer: Answer) -> dict[str, Any]:
    """What a LlamaIndex response carries besides its text: ``abstained``, ``confidence`` and the whole
    answer in the /api/ask schema (``answer``)."""
    return {"abstained": answer.abstained, "confidence": answer.confidence, "answer": answer.to_dict()}


def answer_response(answer: Answer) -> Response:
    """``Response``: the answer text with [n] markers; source node i is the sentence cited as [i+1]."""
    return Response(response=answer.text, source_nodes=[citation_node(c) for c in answer.citations],
                    metadata=answer_metadata(answer))


class ArticleRetriever(BaseRetriever):
    """The assistant's retrieval (dense + BM25, fused) as a LlamaIndex retriever: passages of whole
    sentences, each a node with its article and offsets. For LlamaIndex users' own engines (which then
    skip the support check: ``ArticleQueryEngine`` keeps it)."""

    def __init__(self, assistant: Assistant, top_k: int = 10, filters: Filters | dict | None = None):
        super().__init__()
        self._assistant = assistant
        self._top_k = top_k
        self._filters = filters

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return [passage_node(p) for p in self._assistant.search(query_bundle.query_str, self._filters, k=self._top_k)]


class ArticleQueryEngine(CustomQueryEngine):
    """A query engine whose responses are the assistant's checked answers (``query``/``aquery``)."""

    assistant: Any
    filters: Any = None

    def custom_query(self, query_str: str) -> Response:
        return answer_response(self.assistant.ask(query_str, filters=self.filters))

    async def acustom_query(self, query_str: str) -> Response:
        return await asyncio.to_thread(self.custom_query, query_str)


def _turns(messages: list[ChatMessage]) -> list[dict[str, str]]:
    return [{"role": "user" if m.role == MessageRole.USER else "assistant", "content": m.content or ""}
            for m in messages if m.role in (MessageRole.USER, MessageRole.ASSISTANT)]


class ArticleChatEngine(BaseChatEngine):
    """A chat engine over the assistant: follow-ups are made self-contained from the conversation
    (as in the app's chat), each reply is a checked answer whose source nodes are its cited sentences,
    and ``stream_chat`` sends each sentence once it passed the support check."""

    def __init__(self, assistant: Assistant, filters: Filters | dict | None = None,
                 chat_history: list[ChatMessage] | None = None):
        self._assistant = assistant
        self._filters = filters
        self._history: list[ChatMessage] = list(chat_history or [])

    @property
    def chat_history(self) -> list[ChatMessage]:
        return list(self._history)

    def reset(self) -> None:
        self._history = []

    def _remember(self, message: str, answer: Answer) -> None:
        self._history += [ChatMessage(role=MessageRole.USER, content=message),
                          ChatMessage(role=MessageRole.ASSISTANT, content=answer.text)]

    def _history_for(self, chat_history: list[ChatMessage] | None) -> list[ChatMessage]:
        if chat_history is not None:
            self._history = list(chat_history)
        return self._history

    def chat(self, message: str, chat_history: list[ChatMessage] | None = None) -> AgentChatResponse:
        history = _turns(self._history_for(chat_history))
        answer = self._assistant.ask(message, history=history, filters=self._filters)
        self._remember(message, answer)
        return AgentChatResponse(response=answer.text, source_nodes=[citation_node(c) for c in answer.citations],
                                 metadata=answer_metadata(answer))

    def _pieces(self, message: str, history: list[dict[str, str]], done: StreamingAgentChatResponse
                ) -> Generator[ChatResponse, None, None]:
        """The answer's text as it passes the check: each checked sentence with its markers, then
        whatever of the final text was not sent (extractive mode: all of it at once)."""
        sent = ""
        for ev in self._assistant.ask_stream(message, history=history, filters=self._filters):
            if ev.kind == "segment" and ev.segment is not None:
                piece = (" " if sent else "") + ev.segment.marked()
            elif ev.kind == "answer" and ev.answer is not None:
                answer = ev.answer
                piece = answer.text[len(sent):] if answer.text.startswith(sent) else "\n\n" + answer.text
                done.source_nodes.extend(citation_node(c) for c in answer.citations)
                self._remember(message, answer)
            else:
                continue
            sent += piece
            if piece:
                yield ChatResponse(message=ChatMessage(role=MessageRole.ASSISTANT, content=sent), delta=piece)

    def stream_chat(self, message: str, chat_history: list[ChatMessage] | None = None) -> StreamingAgentChatResponse:
        """Iterate ``response.response_gen`` for the text; ``response.source_nodes`` is filled when
        the stream ends."""
        history = _turns(self._history_for(chat_history))
        response = StreamingAgentChatResponse(is_writing_to_memory=False)
        response.chat_stream = self._pieces(message, history, response)
        return response

    async def achat(self, message: str, chat_history: list[ChatMessage] | None = None) -> AgentChatResponse:
        return await asyncio.to_thread(self.chat, message, chat_history)

    async def astream_chat(self, message: str, chat_history: list[ChatMessage] | None = None
                           ) -> StreamingAgentChatResponse:
        """The answer is computed in a worker thread; its pieces then arrive on ``async_response_gen``."""
        history = _turns(self._history_for(chat_history))
        response = StreamingAgentChatResponse(is_writing_to_memory=False)
        pieces = await asyncio.to_thread(lambda: list(self._pieces(message, history, response)))

        async def replay() -> AsyncGenerator[ChatResponse, None]:
            for p in pieces:
                yield p

        response.achat_stream = replay()
        return response

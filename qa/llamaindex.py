"""The hybrid retriever as a LlamaIndex ``BaseRetriever``, for LlamaIndex users' own engines.

    from qa import Assistant
    from qa.llamaindex import ArticleRetriever
    retriever = ArticleRetriever(Assistant.open(store="my-store"))
    nodes = retriever.retrieve("Who visited Tehran?")
"""

from __future__ import annotations

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from index.filters import Filters

from .assistant import Assistant


class ArticleRetriever(BaseRetriever):
    """Chunks from dense + BM25 retrieval; node metadata carries article id, title, url, date."""

    def __init__(self, assistant: Assistant, top_k: int = 10, filters: Filters | None = None):
        super().__init__()
        self._assistant = assistant
        self._top_k = top_k
        self._filters = filters

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        retrieval = self._assistant.retriever().retrieve(query_bundle.query_str, self._filters, k=self._top_k)
        arts = self._assistant.articles_by_id([sc.chunk.article_id for sc in retrieval.chunks])
        nodes = []
        for sc in retrieval.chunks:
            a = arts[sc.chunk.article_id].article
            node = TextNode(
                id_=sc.chunk.id, text=sc.chunk.text,
                metadata={"article_id": a.id, "title": a.title, "url": a.url, "source": a.source,
                          "published": a.published.isoformat() if a.published else "",
                          "first_sentence": sc.chunk.first_sentence, "last_sentence": sc.chunk.last_sentence},
            )
            nodes.append(NodeWithScore(node=node, score=sc.score))
        return nodes

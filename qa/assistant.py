"""The public Python API: ``Assistant`` opens a store, ingests articles and answers questions."""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from index.articles import Article, IngestReport, LoadFailure, Sentence
from index.database import check_embedder
from index.embedder import Embedder, SentenceTransformerEmbedder
from index.errors import NotFoundError, QuestionError
from index.filters import Filters
from index.ingest import Ingestor, ProgressFn
from index.journal import ensure_writable
from index.store import Store, StoredArticle
from index.text import is_valid_unicode
from index.transfer import export_store, import_store, read_export

from . import uploads
from .answer import Answer, Passage
from .answer_kinds import asks_for_overview
from .citations import quoted_sentences
from .config import Config, offline_environment
from .conversation import ConversationSearch
from .evidence import Evidence
from .extractive import AnswerConfig, ExtractiveAnswerer
from .followup import Turn
from .generative import Event, LLMAnswerer, final_answer
from .llm import build_llm
from .more import asks_checked, asks_for_more, asks_what_next, story_asked, story_told
from .retrieval import HybridRetriever, Retrieval, RetrievalConfig, passages
from .small_talk import asked_part, small_talk, without_small_talk
from .worker import EmbeddingStatus, EmbeddingWorker


@functools.lru_cache(maxsize=4)
def load_embedder(model: str | None, backend: str = "onnx", cache_dir: Path | None = None) -> SentenceTransformerEmbedder:
    """Heavy models are loaded once per process and shared."""
    return SentenceTransformerEmbedder(model, backend=backend, cache_dir=cache_dir)


def as_filters(filters: Filters | dict | None) -> Filters | None:
    """Filters as given, or read from a dict (``InputError`` naming the field)."""
    return filters if isinstance(filters, Filters) or filters is None else Filters.from_dict(filters)


class Assistant:
    """Grounded Q&A over one store of articles.

    >>> qa = Assistant.open(store="my-store")            # doctest: +SKIP
    >>> qa.ingest(["articles/"])                          # doctest: +SKIP
    >>> print(qa.ask("Who visited Tehran?").text)         # doctest: +SKIP
    """

    def __init__(self, config: Config, embedder: Embedder | None = None,
                 retrieval: RetrievalConfig | None = None, answering: AnswerConfig | None = None):
        offline_environment()
        self.config = config
        self._embedder = embedder
        self._store: Store | None = None
        self._store_checked = False  # opened with (or checked against) this embedder
        self.retrieval_config = retrieval or RetrievalConfig()
        self.answer_config = answering or AnswerConfig(max_sentences=config.top_k)
        self._llm_answerer: LLMAnswerer | None = None
        self._worker: EmbeddingWorker | None = None  # stage 2 in the background (the app)
        self._found: dict = {}  # the articles answers sent as text cited (qa.answered.AnsweredArticles)

    @classmethod
    def open(cls, store: str | os.PathLike | None = None, **settings) -> Assistant:
        """Open (or create) the store at ``store`` (default: ``$QA_STORE`` or the user data folder)."""
        return cls(Config.from_env(store=store, **settings))

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = load_embedder(self.config.model, self.config.embed_backend, self.config.cache_dir)
        return self._embedder

    @property
    def store(self) -> Store:
        """The store, opened (or created) for this embedder: loads the model."""
        if self._store is None:
            self._store = self._open(embedder_name=self.embedder.name, dim=self.embedder.dim)
        elif not self._store_checked:
            check_embedder(self._store.path, self._store.embedder_name, self._store.dim, self.embedder.name, self.embedder.dim)
        self._store_checked = True
        return self._store

    def _open(self, **embedder) -> Store:
        """The configured store (``embedder_name``/``dim``: create or check it for that model)."""
        return Store(self.config.store, chroma=self.config.chroma, memory_bm25=self.config.memory_bm25,
                     database_url=self.config.database_url, lease_s=self.config.lease_s, **embedder)

    def warm_up(self) -> None:
        """Load the model and open (or create) the store now, not on the first question."""
        self.store  # noqa: B018

    @property
    def has_store(self) -> bool:
        """Whether the store exists yet (something was ingested into it; with a shared database: it
        is configured, and opening it says whether it exists)."""
        return (self._store is not None or self.config.database_url is not None
                or (Path(self.config.store) / "meta.sqlite").exists())

    def _reader(self) -> Store:
        """The store as it is, without loading the model (listing, stats, verify, delete, export);
        ``StoreError`` if there is none yet."""
        if self._store is None:
            self._store = self._open()
        else:
            self._store.sync()  # with a shared database: what other workers wrote since the last call
        return self._store

    def _ingestor(self, batch_chunks: int = 512) -> Ingestor:
        return Ingestor(self.store, self.embedder, self.config.chunking(self.embedder.max_tokens), self.config.loader(),
                        batch_chunks=batch_chunks)

    def ingest(self, paths: Iterable[str | os.PathLike], progress: ProgressFn | None = None,
               batch_chunks: int = 512, words_only: bool = False) -> IngestReport:
        """Ingest files and folders; unchanged articles are skipped, bad files reported.
        ``batch_chunks``: chunks written or embedded per step (progress is reported per step).
        Stage 1 makes every article searchable by its words; stage 2 (skipped with ``words_only``:
        ``embed`` or the app's worker does it later) adds the vectors."""
        return self._ingestor(batch_chunks).ingest_paths([Path(p) for p in paths], progress, words_only)

    def ingest_articles(self, items: Iterable[Article | LoadFailure], progress: ProgressFn | None = None,
                        batch_chunks: int = 512, words_only: bool = False) -> IngestReport:
        """Ingest already-loaded articles (e.g. from ``index.loaders.build_article``)."""
        return self._ingestor(batch_chunks).ingest(items, progress, words_only)

    def ingest_articles_behind(self, items: Iterable[Article | LoadFailure], progress: ProgressFn | None = None,
                               batch_chunks: int = 512) -> IngestReport:
        """Stage 1 now (returns when the articles are searchable by their words), stage 2 in this
        process's background thread (``embed_behind``): what the app's uploads do."""
        report = self.ingest_articles(items, progress, batch_chunks, words_only=True)
        self.embed_behind()
        return report

    def embed(self, progress: ProgressFn | None = None, stop: threading.Event | None = None,
              batch_chunks: int = 128, background: bool = False) -> int:
        """Stage 2: embed every words-only article (those ``ingest(words_only=True)`` left), until
        none is left or ``stop`` is set; returns the chunks embedded (0 at once if another process is
        embedding this store). ``background``: questions asked meanwhile go first to the model."""
        return self._ingestor(batch_chunks).embed(progress, stop, background)

    def embed_behind(self) -> None:
        """Run stage 2 in this process's background thread (started on first call; later calls wake
        it): the app's uploads return after stage 1 and call this."""
        if self._worker is None:
            # steps of 32 chunks (~1.5 s here): the figure people watch moves every step or two
            self._worker = EmbeddingWorker(functools.partial(self.embed, batch_chunks=32, background=True),
                                           self.coverage, heads_missing=lambda: self.has_store and bool(self._reader().missing_heads(1)))
        self._worker.nudge()

    def stop_embedding(self, timeout: float = 30.0) -> None:
        """Stop the background thread after the batch in hand (at shutdown)."""
        if self._worker is not None:
            self._worker.stop(timeout)

    def embedding_status(self) -> EmbeddingStatus:
        """How far meaning search covers the store, and whether this process is embedding now."""
        if self._worker is not None:
            return self._worker.status()
        cov = self.coverage()
        return EmbeddingStatus(cov["articles"], cov["embedded"], False)

    def coverage(self) -> dict[str, int]:
        """``{"articles": n, "embedded": m}``: m of the n stored articles are searchable by meaning
        (the rest by their words, until stage 2 reaches them)."""
        return self._reader().coverage() if self.has_store else {"articles": 0, "embedded": 0}

    def check_writable(self) -> None:
        """``StoreLockedError`` at once if another process is writing the store (before heavy work)."""
        ensure_writable(self.config.store)

    def prepare_word_search(self) -> None:
        """Build (and save) the in-memory word index now, so the next process maps it at start."""
        self.store.lexical_index(wait=True)

    def retriever(self) -> HybridRetriever:
        return HybridRetriever(self.store, self.embedder, self.retrieval_config)

    def check_question(self, question: str) -> str:
        """The question, stripped; ``QuestionError`` if empty, over the length limit or not text."""
        if not isinstance(question, str) or not question.strip():
            raise QuestionError("the question is empty")
        q = " ".join(question.split())
        if not is_valid_unicode(q):
            raise QuestionError("the question holds invalid Unicode (a lone surrogate); send it as UTF-8 text")
        if len(q) > self.config.max_question_chars:
            raise QuestionError(f"the question is {len(q):,} characters long; the limit is {self.config.max_question_chars:,}")
        return q

    @property
    def llm_answerer(self) -> LLMAnswerer | None:
        """The LLM answerer when an LLM is configured (built once), else None."""
        if self._llm_answerer is None and self.config.llm.enabled:
            self._llm_answerer = LLMAnswerer(self.store, self.embedder, build_llm(self.config.llm),
                                             self.config.llm.name, self.answer_config, grammar=self.config.llm.grammar)
        return self._llm_answerer

    def answerer(self, config: AnswerConfig | None = None) -> ExtractiveAnswerer | LLMAnswerer:
        """The answerer this assistant uses (LLM when configured), optionally with other answer
        settings (``qa eval`` never abstains, to record every confidence)."""
        cfg = config or self.answer_config
        llm = self.llm_answerer
        if llm is not None:
            return llm if cfg == self.answer_config else llm.with_config(cfg)
        return ExtractiveAnswerer(self.store, self.embedder, cfg)

    def ask(self, question: str, history: list | None = None, filters: Filters | dict | None = None) -> Answer:
        """Answer from the stored articles, citing their sentences, or abstain.

        ``history``: earlier turns, as ``Turn``s or ``{"role": "user"|"assistant", "content": str}``
        dicts (the chat format); a follow-up question is made self-contained from them.
        ``filters``: a ``Filters`` or a dict with ``since``, ``until`` (dates), ``sources``, ``article_ids``.
        With an LLM configured the answer is generated, each sentence checked against the sentences
        it cites (``Answer.dropped`` lists what was removed and why).
        """
        return final_answer(self.ask_stream(question, history, filters))

    def ask_stream(self, question: str, history: list | None = None,
                   filters: Filters | dict | None = None) -> Iterator[Event]:
        """Like ``ask``, as events: ``token`` (LLM text as it arrives), ``segment`` (a sentence that
        passed the support check, with its citations), then one ``answer``."""
        t0 = time.perf_counter()
        q = asked_part(self.check_question(question))  # ("thanks, what about …?" asks what follows)
        turns = without_small_talk([Turn.coerce(h) for h in history or []])
        flt = as_filters(filters)
        llm = self.llm_answerer
        self.store.sync()  # with a shared database: answer from its state now
        coverage = self.store.coverage()  # read before the search: what the search could see
        talk = small_talk(q)
        if talk is not None:  # "hi", "thanks": a line of its own, nothing searched (``qa.small_talk``)
            yield Event("answer", answer=Answer(q, talk, (), (), True, query=q, confidence=1.0, coverage=coverage,
                                               timings_ms={"total": (time.perf_counter() - t0) * 1000}))
            return
        # answered from the stories' own sentences, not by a search: "What's in the news?" (the newest articles' leads),
        # "Tell me more" (the story's next sentences; a search found the lead again), "What happens next?" (its
        # sentences about what is to come)
        told = self._overview(q, flt) if llm is None and asks_for_overview(q) else None
        if told is None and llm is None and turns and (asks_for_more(q) or asks_what_next(q) or story_asked(q) is not None):
            told = self._more(q, turns, flt)
        if told is None and llm is None and turns and asks_checked(q):
            told = self._again(q, turns, flt)
        if told is not None:
            told.timings_ms["total"] = (time.perf_counter() - t0) * 1000
            yield Event("answer", answer=replace(told, coverage=coverage))
            return
        query, retrieval, evidence = self._search(q, turns, llm, flt)
        if llm is None:
            answerer = self.answerer()
            answer = answerer.compose(q, evidence) if evidence else answerer.answer(q, retrieval, query)
            answer.timings_ms["total"] = (time.perf_counter() - t0) * 1000
            yield Event("answer", answer=replace(answer, coverage=coverage))
            return
        for event in llm.stream(q, retrieval, query):
            if event.kind == "answer" and event.answer is not None:
                event.answer.timings_ms["total"] = (time.perf_counter() - t0) * 1000
                event = replace(event, answer=replace(event.answer, coverage=coverage))
            yield event

    def search(self, query: str, filters: Filters | dict | None = None, k: int = 10) -> list[Passage]:
        """The ``k`` best passages for ``query`` (dense + BM25, fused), without composing an answer:
        for tools and frameworks that read the passages themselves (MCP ``search``, LlamaIndex).
        Each is exactly ``article.text[start:end]``; no support check, no abstention."""
        q = self.check_question(query)
        flt = as_filters(filters)
        if not self.has_store:
            return []
        self.store.sync()
        return passages(self.store, self.retriever().retrieve(q, flt, k=k).chunks)

    def _overview(self, question: str, filters: Filters | None) -> Answer | None:
        """What the articles in scope hold ("What's in the news?", ``answer_kinds.asks_for_overview``): the first
        sentence of each of the newest ``max_sentences`` (``Store.newest_articles``), of one article its first two, each
        cited; None when none is in scope. It got "The articles don't say." (session 27; of one article, session 30)."""
        stored = self.store.newest_articles(self.answer_config.max_sentences, filters) if self.has_store else []
        return self.answerer().overview(question, stored, query=question) if stored else None

    def _more(self, question: str, turns: list[Turn], filters: Filters | None) -> Answer | None:
        """More of the story the conversation was last answered from, or what happens next in it
        (``more.asks_what_next``); None when no answer quoted one, or nothing in it is to come."""
        conversation = self._conversation(None)
        told = story_told(turns, lambda t: conversation.answered.of_answer(t, filters), story_asked(question))
        if told is None:
            return None
        stored = self.store.articles_by_id([told[0]]).get(told[0])
        if stored is None:
            return None
        answerer = self.answerer()
        if asks_what_next(question):
            return answerer.ahead(question, stored, told[1], query=question)
        return answerer.more(question, stored, told[1], query=question)

    def _again(self, question: str, turns: list[Turn], filters: Filters | None) -> Answer | None:
        """What the last answer quoted, found in the articles it cited and shown again ("Are you sure?",
        ``more.asks_checked``); None when it quoted nothing."""
        last = next((t for t in reversed(turns) if t.role == "assistant"), None)
        quoted = quoted_sentences(last.content) if last is not None else []
        if not quoted:
            return None
        cited = self._conversation(None).answered.of_answer(last, filters)
        return self.answerer().again(question, list(self.store.articles_by_id(list(cited)).values()), quoted, query=question)

    def _search(self, question: str, turns: list[Turn], llm: LLMAnswerer | None, filters: Filters | None
                ) -> tuple[str, Retrieval, Evidence | None]:
        """The query, its retrieval, and its evidence when it was read already (``qa.conversation``)."""
        return self._conversation(llm).search(question, turns, filters)

    def _conversation(self, llm: LLMAnswerer | None) -> ConversationSearch:
        """How a question in a conversation is searched (``qa.conversation``), over this store."""
        return ConversationSearch(self.store, self.retriever(), self.answerer().ranker, llm, self._found)

    def delete(self, article_ids: Iterable[str]) -> list[str]:
        """Delete articles from every index; returns those that were present."""
        store = self._reader()
        with store.write_lock():
            return store.delete(article_ids)

    def articles(self, limit: int | None = None, offset: int = 0) -> list[StoredArticle]:
        """Stored articles, newest first."""
        return self._reader().list_articles(limit, offset) if self.has_store else []

    def article(self, article_id: str) -> StoredArticle:
        """One stored article (``NotFoundError`` if there is none with that id)."""
        found = self.articles_by_id([article_id])
        if article_id not in found:
            raise NotFoundError(f"no article with id {article_id!r}")
        return found[article_id]

    def sentences(self, article_id: str, indices: Iterable[int] | None = None) -> list[Sentence]:
        """An article's sentences (``article.text[start:end]`` each), in order; only those at
        ``indices`` when given."""
        return self._reader().sentences(article_id, indices) if self.has_store else []

    def articles_by_id(self, article_ids: Iterable[str]) -> dict[str, StoredArticle]:
        """The stored articles among ``article_ids`` (absent ids left out)."""
        return self._reader().articles_by_id(list(article_ids)) if self.has_store else {}

    def sources(self) -> list[str]:
        """The distinct sources of the stored articles, sorted."""
        return self._reader().sources() if self.has_store else []

    def generation(self) -> int:
        """A number every write to the store changes (an interface polls it to refresh its lists)."""
        return self._reader().stored_generation() if self.has_store else 0

    def stats(self) -> dict:
        """Where the store is, its embedder, and how many articles, sentences, chunks and vectors."""
        store = self._reader()
        return {"store": str(self.config.store), "embedder": store.embedder_name, **store.counts()}

    def export(self, path: str | os.PathLike) -> int:
        """Write every article, with its vectors, to one portable file; returns how many."""
        return export_store(self._reader(), Path(path))

    def import_file(self, path: str | os.PathLike) -> tuple[int, list[str]]:
        """Read an ``export`` file into this (new or compatible) store without embedding anything;
        returns (articles imported, problems ``verify`` finds afterwards)."""
        header, _ = read_export(Path(path))
        ensure_writable(self.config.store)
        self._store = self._open(embedder_name=header["embedder"], dim=int(header["dim"]))
        n = import_store(self._store, Path(path))
        return n, self._store.verify()

    # ------------------------------------------------------------------ what people hand in

    def load_upload(self, path: str | os.PathLike, name: str) -> list[Article | LoadFailure]:
        """Articles of an uploaded file stored at ``path`` and known to the client as ``name``."""
        return uploads.load_upload(Path(path), name, self.config.loader())

    def articles_from_records(self, records: list) -> list[Article | LoadFailure]:
        """JSON article records (``text`` required) as articles, a bad one as a failure naming it."""
        return uploads.articles_from_records(records, self.config.fields)

    def articles_from_text(self, text: str, title: str = "") -> list[Article | LoadFailure]:
        """Pasted text: JSON lines, or one article's plain text."""
        return uploads.articles_from_text(text, title, self.config.fields)

    def repair(self) -> dict[str, int]:
        """Finish or undo interrupted writes, rebuild the article word index if needed, and embed
        again every chunk whose vector is missing (a lost or deleted vector index). Returns what
        was restored: ``{"vectors": n}``."""
        self.store.repair()
        return {"vectors": self.store.restore_vectors(self.embedder.embed)}

    def verify(self) -> list[str]:
        """Problems with the store's invariants (empty list: all good)."""
        return self._reader().verify()

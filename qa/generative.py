"""LLM answers that are never trusted: the model sees numbered candidate sentences (the same
retrieval and sentence scoring as extractive mode), writes sentences that end with ids, and code
builds the citations from those ids and checks every sentence against what it cites."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import numpy as np

from index.embedder import Embedder
from index.store import Store

from .answer import Answer, Citation, Dropped, Segment
from .citations import Citations, marked_text
from .evidence import AnswerConfig, Candidate
from .extractive import ExtractiveAnswerer
from .grounding import (
    EXAMPLE_ANSWER,
    EXAMPLE_QUESTION,
    NOT_ANSWERED,
    REWRITE_PROMPT,
    SYSTEM_PROMPT,
    SupportConfig,
    build_prompt,
    cite_grammar,
    parse_claim,
    split_claims,
    strip_foreign_links,
    support,
)
from .llm import LLMError
from .retrieval import Retrieval
from .scoring import jaccard, terms


@dataclass(frozen=True)
class Event:
    """One step of a streamed answer: ``token`` (raw model text), ``segment`` (a checked sentence,
    with the citations so far), ``dropped`` (a sentence the check left out), ``answer`` (the final
    ``Answer``)."""

    kind: str
    text: str = ""
    segment: Segment | None = None
    citations: tuple[Citation, ...] = ()
    answer: Answer | None = None


def final_answer(events: Iterable[Event]) -> Answer:
    """The ``Answer`` a stream of events ends with (the stream is consumed)."""
    final = None
    for event in events:
        if event.kind == "answer":
            final = event.answer
    if final is None:
        raise RuntimeError("the answer stream ended without an answer")
    return final


class LLMAnswerer:
    """Cite-by-id generation with a support check on every generated sentence."""

    def __init__(self, store: Store, embedder: Embedder, llm, name: str, config: AnswerConfig | None = None,
                 support_config: SupportConfig | None = None, n_candidates: int = 8, grammar: bool = False):
        self.store = store
        self.embedder = embedder
        self.llm = llm
        self.name = name
        self.config = config or AnswerConfig()
        self.support_config = support_config or SupportConfig()
        self.n_candidates = n_candidates
        self.grammar = grammar
        self.fallback = ExtractiveAnswerer(store, embedder, self.config)  # composes from the same evidence
        self.ranker = self.fallback.ranker

    def with_config(self, config: AnswerConfig) -> LLMAnswerer:
        """The same answerer with other answer settings (``qa eval`` records confidence by never
        abstaining)."""
        return LLMAnswerer(self.store, self.embedder, self.llm, self.name, config, self.support_config,
                           self.n_candidates, self.grammar)

    def answer(self, question: str, retrieval: Retrieval, query: str = "") -> Answer:
        return final_answer(self.stream(question, retrieval, query))

    def numbered(self, cands: list[Candidate]) -> list[Candidate]:
        """The candidates shown to the model: the best ones, syndicated copies skipped."""
        out: list[Candidate] = []
        for c in cands:
            if len(out) >= self.n_candidates:
                break
            if any(jaccard(terms(c.text), terms(x.text)) >= self.config.duplicate_jaccard for x in out):
                continue
            out.append(c)
        return out

    def stream(self, question: str, retrieval: Retrieval, query: str = "") -> Iterator[Event]:
        t0 = time.perf_counter()
        query = query or question
        evidence = self.ranker.gather(query, retrieval)
        if evidence.weak:  # no model call: the same abstention as extractive
            yield Event("answer", answer=self.fallback.compose(question, evidence, t0))
            return
        shown = self.numbered(list(evidence.candidates))
        arts = evidence.articles
        from llama_index.core.llms import ChatMessage

        prompt = build_prompt(query, [(i, arts[c.article_id].article.title, c.text) for i, c in enumerate(shown, 1)])
        messages = [ChatMessage(role="system", content=SYSTEM_PROMPT),
                    ChatMessage(role="user", content=EXAMPLE_QUESTION), ChatMessage(role="assistant", content=EXAMPLE_ANSWER),
                    ChatMessage(role="user", content=prompt)]
        state = _State(shown, arts)
        buffer, raw = "", ""
        t_llm = time.perf_counter()
        first_token = None
        try:
            options = {"extra_body": {"grammar": cite_grammar(len(shown))}} if self.grammar else {}
            for chunk in self.llm.stream_chat(messages, **options):
                delta = chunk.delta or ""
                if not delta:
                    continue
                if first_token is None:
                    first_token = time.perf_counter()
                raw += delta
                buffer += delta
                yield Event("token", text=delta)
                parts = split_claims(buffer)
                # a boundary is trusted once a whole word follows it ("Dr. I" may still become "Dr. Ivan")
                if len(parts) > 1 and " " in parts[-1]:
                    for sentence in parts[:-1]:
                        yield from self._claim(sentence, state)
                    buffer = parts[-1]
            if buffer.strip():
                yield from self._claim(buffer, state)
        except Exception as e:  # noqa: BLE001 - any backend failure: answer extractively, say why
            ans = self.fallback.compose(question, evidence)
            reason = f"the LLM failed ({type(e).__name__}: {str(e)[:200]}); extractive answer given"
            yield Event("answer", answer=replace(ans, dropped=(Dropped("", (), reason),)))
            return
        timings = dict(retrieval.timings_ms)
        timings["llm"] = (time.perf_counter() - t_llm) * 1000
        if first_token is not None:
            timings["llm_first_token"] = (first_token - t_llm) * 1000
        if not state.segments:
            # nothing supported survived (or the model said the articles do not answer): fall back
            ans = self.fallback.compose(question, evidence)
            note = Dropped("", (), "the model said the articles do not answer" if state.refused
                           else "no generated sentence was supported; extractive answer given")
            timings.update({k: v for k, v in ans.timings_ms.items() if k not in timings})
            timings["answer"] = (time.perf_counter() - t0) * 1000
            yield Event("answer", answer=replace(ans, dropped=(*state.dropped, note), timings_ms=timings, raw=raw))
            return
        timings["answer"] = (time.perf_counter() - t0) * 1000
        text = marked_text(state.segments)
        yield Event("answer", answer=Answer(question, text, tuple(state.segments), tuple(state.citations), False,
                                            mode=self.name, query=query, timings_ms=timings, confidence=evidence.confidence,
                                            dropped=tuple(state.dropped), raw=raw))

    def _claim(self, sentence: str, state: _State) -> Iterator[Event]:
        before = len(state.dropped)
        yield from self._check(sentence, state)
        if len(state.dropped) > before:
            yield Event("dropped", text=state.dropped[-1].text)

    def _check(self, sentence: str, state: _State) -> Iterator[Event]:
        claim = parse_claim(sentence)
        if NOT_ANSWERED.lower() in claim.text.lower():
            state.refused = True
            return
        known = [i for i in claim.ids if 1 <= i <= len(state.shown)]
        unknown = [i for i in claim.ids if i not in known]
        allowed = [state.arts[state.shown[i - 1].article_id].article.url for i in known]
        text = strip_foreign_links(claim.text, allowed)
        if not text.strip(" .,;:!?-–—\"'“”‘’"):
            state.dropped.append(Dropped("", claim.ids, "a sentence with nothing left after removing markup and links"))
            return
        if not claim.ids:
            state.dropped.append(Dropped(text, (), "cites no sentence id"))
            return
        if not known:
            state.dropped.append(Dropped(text, claim.ids, f"cites unknown ids {unknown}"))
            return
        cited = [state.shown[i - 1] for i in known]
        vecs = self.embedder.embed([text, *[c.text for c in cited]])
        sim = float(np.max(vecs[1:] @ vecs[0]))
        verdict = support(text, [c.text for c in cited], sim, self.support_config)
        if not verdict.supported:
            state.dropped.append(Dropped(text, claim.ids, verdict.reason))
            return
        if any(jaccard(terms(text), terms(s.text)) >= 0.9 for s in state.segments):
            return  # the model repeated itself
        markers = tuple(state.cite(c) for c in cited)
        seg = Segment(text, markers, True)
        state.segments.append(seg)
        yield Event("segment", segment=seg, citations=tuple(state.citations))

    # ------------------------------------------------------------------ follow-ups

    def rewrite(self, question: str, history_text: str) -> str | None:
        """The follow-up made self-contained by the model, or None when its rewrite is unusable."""
        from llama_index.core.llms import ChatMessage

        prompt = REWRITE_PROMPT.format(history=history_text[-2000:], question=question)
        try:
            out = self.llm.chat([ChatMessage(role="user", content=prompt)]).message.content or ""
        except Exception as e:  # noqa: BLE001
            raise LLMError(f"the LLM failed to rewrite the question: {e}") from e
        return accept_rewrite(question, out, history_text)


def accept_rewrite(question: str, rewritten: str, history_text: str) -> str | None:
    """A model's rewrite is used only if it is one short line that keeps the question's own content
    words and adds at least one from the conversation (else: the deterministic carry-over)."""
    line = " ".join(rewritten.strip().split("\n")[0].split()).strip("\"'“”")
    if not line or len(line) > max(300, 3 * len(question)):
        return None
    q_terms, r_terms, h_terms = set(terms(question)), set(terms(line)), set(terms(history_text))
    if q_terms and len(q_terms & r_terms) < 0.5 * len(q_terms):
        return None
    if not ((r_terms - q_terms) & h_terms):
        return None
    return line


class _State:
    """What a streamed LLM answer has built so far."""

    def __init__(self, shown: list[Candidate], arts: dict):
        self.shown = shown
        self.arts = arts
        self.segments: list[Segment] = []
        self._citations = Citations(arts)
        self.citations: list[Citation] = self._citations.list
        self.dropped: list[Dropped] = []
        self.refused = False

    def cite(self, c: Candidate) -> int:
        return self._citations.cite(c)


__all__ = ["Event", "LLMAnswerer", "accept_rewrite", "final_answer"]

"""Extractive answers: score the sentences of the retrieved chunks, pick the few that answer,
compose an ``Answer`` with [n] markers, or abstain when the evidence is weak."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import numpy as np

from index.embedder import Embedder
from index.store import Store

from .models import Answer, Citation, Passage, Segment
from .retrieval import Retrieval
from .scoring import idf, jaccard, stopwords, terms, words


@dataclass(frozen=True)
class Candidate:
    """A sentence of a retrieved article with its features and score."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    lexical: float
    chunk: float
    article: float
    dense: float
    score: float
    novel: float = 0.0  # names or numbers the question does not contain (an answer adds something)


@dataclass(frozen=True)
class AnswerConfig:
    """Weights chosen on RealTimeQA dev with bench/tune.py (see bench/NOTES.md)."""

    max_chunks: int = 12  # sentences are drawn from this many top chunks
    max_sentences: int = 3  # cited sentences at most
    w_lexical: float = 1.0
    w_chunk: float = 0.35
    w_article: float = 0.5
    w_dense: float = 0.25
    w_novel: float = 0.1
    dense_candidates: int = 16  # sentences re-scored with the embedding model (0 = none)
    keep_ratio: float = 0.7  # a further sentence must score at least this share of the best
    abstain_below: float = 0.42  # confidence under this: abstain (calibrated in bench/NOTES.md)
    duplicate_jaccard: float = 0.8


NO_ANSWER = "The articles don't say."


class ExtractiveAnswerer:
    """Answers with the articles' own sentences; abstains instead of guessing."""

    def __init__(self, store: Store, embedder: Embedder, config: AnswerConfig | None = None):
        self.store = store
        self.embedder = embedder
        self.config = config or AnswerConfig()

    # -------------------------------------------------------------- candidates and scores

    def candidates(self, question: str, retrieval: Retrieval) -> list[Candidate]:
        cfg = self.config
        top = retrieval.chunks[: cfg.max_chunks]
        if not top:
            return []
        arts = self.store.articles_by_id([sc.chunk.article_id for sc in top])
        art_scores = dict(retrieval.articles)
        best_art = max(art_scores.values()) if art_scores else 1.0
        best_chunk = top[0].score or 1.0
        q_terms = list(dict.fromkeys(terms(question)))
        q_words = {w.lower() for w in _NAME_OR_NUMBER.findall(question)} | set(words(question))
        dfs, n = self.store.term_doc_freqs(q_terms)
        q_weights = {t: idf(dfs.get(t, 0), n) for t in q_terms}
        total = sum(q_weights.values()) or 1.0
        seen: dict[tuple[str, int], Candidate] = {}
        sentence_cache: dict[str, list] = {}
        for sc in top:
            c = sc.chunk
            stored = arts.get(c.article_id)
            if stored is None:
                continue
            text = stored.article.text
            sents = sentence_cache.setdefault(c.article_id, self.store.sentences(c.article_id))
            for s in sents[c.first_sentence : c.last_sentence + 1]:
                key = (c.article_id, s.index)
                chunk_score = sc.score / best_chunk
                if key in seen and seen[key].chunk >= chunk_score:
                    continue
                stext = text[s.start : s.end]
                s_terms = set(terms(stext))
                lexical = sum(w for t, w in q_weights.items() if t in s_terms) / total
                art = art_scores.get(c.article_id, 0.0) / best_art
                novel = novelty(stext, q_words)
                seen[key] = Candidate(c.article_id, s.index, s.start, s.end, stext, lexical, chunk_score, art, 0.0, 0.0, novel)
        qvec = np.asarray(retrieval.query_vector, dtype=np.float32)
        stored = self.store.sentence_vectors(list(seen)) if cfg.dense_candidates else {}
        if stored:
            cands = [self._score(Candidate(**{**c.__dict__, "dense": float(stored[k] @ qvec)}) if k in stored else c)
                     for k, c in seen.items()]
        else:
            cands = [self._score(c) for c in seen.values()]
        cands.sort(key=lambda c: -c.score)
        if cfg.dense_candidates and cands and not stored:
            head = cands[: cfg.dense_candidates]
            vecs = self.embedder.embed([c.text for c in head])
            sims = vecs @ np.asarray(retrieval.query_vector)
            head = [self._score(Candidate(**{**c.__dict__, "dense": float(s)})) for c, s in zip(head, sims, strict=True)]
            cands = sorted(head, key=lambda c: -c.score) + cands[cfg.dense_candidates :]
        return cands

    def _score(self, c: Candidate) -> Candidate:
        cfg = self.config
        score = (cfg.w_lexical * c.lexical + cfg.w_chunk * c.chunk + cfg.w_article * c.article + cfg.w_dense * c.dense
                 + cfg.w_novel * c.novel)
        return Candidate(**{**c.__dict__, "score": score})

    def confidence(self, cands: list[Candidate], retrieval: Retrieval) -> float:
        """How likely the articles answer the question: mostly how close the best passage is in
        meaning (chunk cosine), plus the best sentence's own closeness. Calibrated on RealTimeQA dev,
        off-topic questions and SQuAD 2.0 (bench/NOTES.md)."""
        if not cands:
            return 0.0
        best_chunk = max((sc.dense for sc in retrieval.chunks), default=0.0)
        return 0.5 * best_chunk + 0.5 * max(cands[0].dense, 0.0)

    # -------------------------------------------------------------- answer

    def select(self, cands: list[Candidate]) -> list[Candidate]:
        cfg = self.config
        if not cands:
            return []
        chosen = [cands[0]]
        for c in cands[1:]:
            if len(chosen) >= cfg.max_sentences:
                break
            if c.score < cfg.keep_ratio * cands[0].score:
                break
            c_words = terms(c.text)
            if any(jaccard(c_words, terms(x.text)) >= cfg.duplicate_jaccard for x in chosen):
                continue  # a syndicated copy of a sentence already chosen
            chosen.append(c)
        return chosen

    def answer(self, question: str, retrieval: Retrieval, query: str = "") -> Answer:
        t0 = time.perf_counter()
        cands = self.candidates(query or question, retrieval)
        conf = self.confidence(cands, retrieval)
        timings = dict(retrieval.timings_ms)
        if conf < self.config.abstain_below:
            related = self._related(retrieval)
            timings["answer"] = (time.perf_counter() - t0) * 1000
            return Answer(question, NO_ANSWER, (), (), True, related=tuple(related), query=query or question,
                          timings_ms=timings, confidence=conf)
        chosen = self.select(cands)
        arts = self.store.articles_by_id([c.article_id for c in chosen])
        # order: by article (in order of first appearance), then by position in the article
        first_pos = {}
        for i, c in enumerate(chosen):
            first_pos.setdefault(c.article_id, i)
        chosen.sort(key=lambda c: (first_pos[c.article_id], c.index))
        citations, segments = [], []
        group: list[Citation] = []
        for c in chosen:
            a = arts[c.article_id].article
            cit = Citation(len(citations) + 1, a.id, a.title, a.url, a.published, c.index, c.start, c.end, c.text, c.score)
            citations.append(cit)
            if group and (group[-1].article_id != cit.article_id or group[-1].sentence_index + 1 != cit.sentence_index):
                segments.append(_segment(group))
                group = []
            group.append(cit)
        if group:
            segments.append(_segment(group))
        text = " ".join(f"{s.text} {''.join(f'[{n}]' for n in s.citations)}" for s in segments)
        timings["answer"] = (time.perf_counter() - t0) * 1000
        return Answer(question, text, tuple(segments), tuple(citations), False, query=query or question,
                      timings_ms=timings, confidence=conf)

    def _related(self, retrieval: Retrieval, n: int = 3) -> list[Passage]:
        out, seen = [], set()
        arts = self.store.articles_by_id([sc.chunk.article_id for sc in retrieval.chunks[:10]])
        for sc in retrieval.chunks:
            if sc.chunk.article_id in seen or sc.chunk.article_id not in arts:
                continue
            seen.add(sc.chunk.article_id)
            a = arts[sc.chunk.article_id].article
            snippet = sc.chunk.text if len(sc.chunk.text) <= 400 else sc.chunk.text[:400].rsplit(" ", 1)[0] + " …"
            out.append(Passage(a.id, a.title, a.url, a.published, snippet, sc.score))
            if len(out) >= n:
                break
        return out


_NAME_OR_NUMBER = re.compile(r"(?<![\w])(?:[A-Z][\w'’.-]*\w|\d[\d,.]*)")


def novelty(sentence: str, question_words: set[str]) -> float:
    """1.0 when the sentence names something (a capitalised word after its first, or a number) that
    the question does not: answers add information, restatements of the question do not."""
    stop = stopwords()
    first = sentence.split(" ", 1)[0]
    return 1.0 if any(w.lower() not in question_words for w in _NAME_OR_NUMBER.findall(sentence)
                      if not (w == first and w.lower() in stop)) else 0.0


def _segment(group: list[Citation]) -> Segment:
    return Segment(" ".join(c.text for c in group), tuple(c.n for c in group))

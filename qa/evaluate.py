"""``qa eval``: retrieval and answer quality on RealTimeQA / SQuAD 2.0 style files."""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np

from index.errors import InputError
from index.filters import Filters
from index.loaders import LoaderConfig, load_file

from .assistant import Assistant

REPEAT_COSINE = 0.8  # two sentences this close in MiniLM's space restate one fact (checked by reading pairs)
_QUOTES = re.compile(r"[\"'“”‘’`]")


def norm_answer(text: str) -> str:
    """Case-insensitive, quotes ignored, whitespace folded (the eval README's rule)."""
    return " ".join(_QUOTES.sub("", text).lower().split())


def answer_in(texts: list[str], answers: list[str]) -> bool:
    hay = norm_answer(" ".join(texts))
    return any(norm_answer(a) and norm_answer(a) in hay for a in answers)


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    gold_rank: int | None  # 1-based article rank of the first gold article (None: not in top 10)
    answerable: bool  # has an answer string that the gold article contains
    impossible: bool
    confidence: float
    cited_answer: bool  # answer string in the cited sentences (before abstention)
    cited_gold: bool  # some citation from a gold article
    n_cited: int
    citations_valid: bool
    latency_ms: float
    generated: int = 0  # LLM mode: sentences the model wrote (with text)
    kept: int = 0  # LLM mode: of those, kept as supported
    from_llm: bool = False  # LLM mode: the answer is the model's (not the extractive fallback)
    first_answer: bool = False  # answer string in the first cited sentence (what a reader sees first)
    repeated: bool = False  # two cited sentences say the same thing (cosine >= REPEAT_COSINE)
    cited_off_gold: int = 0  # cited sentences from no gold article (questions with gold articles)


def read_questions(path: Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                q = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{path}:{lineno}", f"invalid JSON: {e.msg}") from e
            if "question" not in q:
                raise InputError(f"{path}:{lineno}", "missing field 'question'")
            out.append(q)
    return out


def question_filters(q: dict, use_as_of: bool) -> Filters | None:
    """Ask as of the question's own date when it has one (``question_date``, RealTimeQA)."""
    if use_as_of and q.get("question_date"):
        return Filters(as_of=date.fromisoformat(str(q["question_date"]).replace("/", "-")[:10]))
    return None


def answerable(q: dict) -> bool:
    """A question with an answer string that its gold article holds (not SQuAD's impossible ones)."""
    return bool(q.get("answer_text")) and not q.get("is_impossible") and bool(q.get("answer_string_in_gold_doc", True))


def evaluate(assistant: Assistant, questions: list[dict], progress: Callable[[int], None] | None = None,
             use_as_of: bool = True) -> list[QuestionResult]:
    """Ask every question (never abstaining, confidence recorded) and judge the result."""
    retriever = assistant.retriever()
    answerer = assistant.answerer(replace(assistant.answer_config, abstain_below=float("-inf")))
    results = []
    texts: dict[str, str] = {}
    for i, q in enumerate(questions):
        t0 = time.perf_counter()
        query = assistant.check_question(q["question"])
        r = retriever.retrieve(query, question_filters(q, use_as_of))
        ans = answerer.answer(query, r)
        latency = (time.perf_counter() - t0) * 1000
        gold = set(q.get("gold_doc_ids") or [])
        ranked = [aid for aid, _ in r.articles[:10]]
        rank = next((k + 1 for k, aid in enumerate(ranked) if aid in gold), None)
        answers = list(q.get("answer_text") or [])
        impossible = bool(q.get("is_impossible"))
        valid = True
        for c in ans.citations:
            if c.article_id not in texts:
                texts[c.article_id] = assistant.article(c.article_id).article.text
            valid &= texts[c.article_id][c.start : c.end] == c.text
        first = sorted(ans.citations, key=lambda c: c.n)[:1]
        repeated = False
        if len(ans.citations) > 1:
            vecs = assistant.embedder.embed([c.text for c in ans.citations])
            sims = vecs @ vecs.T
            repeated = bool((sims[np.triu_indices(len(vecs), 1)] >= REPEAT_COSINE).any())
        results.append(QuestionResult(
            str(q.get("question_id", i)), rank, answerable(q), impossible, ans.confidence,
            answer_in([c.text for c in ans.citations], answers) if answers else False,
            any(c.article_id in gold for c in ans.citations), len(ans.citations), valid, latency,
            (len(ans.segments) if ans.mode != "extractive" else 0) + sum(1 for d in ans.dropped if d.text),
            len(ans.segments) if ans.mode != "extractive" else 0, ans.mode != "extractive",
            answer_in([c.text for c in first], answers) if answers else False, repeated,
            sum(1 for c in ans.citations if c.article_id not in gold) if gold else 0,
        ))
        if progress:
            progress(i + 1)
    return results


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return 0.0
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def said(r: QuestionResult, threshold: float) -> bool:
    """Did the answer say something: confident enough, and citing a sentence (``summarize``)."""
    return r.confidence >= threshold and r.n_cited > 0


def summarize(results: list[QuestionResult], threshold: float) -> dict:
    """Metrics with the given abstention threshold applied to the recorded confidences. An answer citing nothing
    abstained whatever its confidence: the rules found no sentence saying what is asked ("The articles don't say."
    beside a confident story that never tells it, ``answer_first.First.unsaid``; counted as answered, with no
    sentence cited, until session 33)."""
    with_gold = [r for r in results if not r.impossible]
    n = len(with_gold) or 1
    hits = {k: sum(1 for r in with_gold if r.gold_rank and r.gold_rank <= k) / n for k in (1, 5, 10)}
    mrr = sum(1 / r.gold_rank for r in with_gold if r.gold_rank) / n
    answerable = [r for r in results if r.answerable]
    impossible = [r for r in results if r.impossible]
    kept = [r for r in results if said(r, threshold)]
    possible = [r for r in results if not r.impossible]
    return {
        "questions": len(results),
        "hits@1": round(hits[1], 4), "hits@5": round(hits[5], 4), "hits@10": round(hits[10], 4),
        "mrr@10": round(mrr, 4),
        "answerable": len(answerable),
        "answer_in_citations": round(sum(1 for r in answerable if r.cited_answer and said(r, threshold)) / (len(answerable) or 1), 4),
        "answer_in_citations_no_abstention": round(sum(1 for r in answerable if r.cited_answer) / (len(answerable) or 1), 4),
        "cites_gold_article": round(sum(1 for r in kept if r.cited_gold) / (len(kept) or 1), 4),
        "mean_cited_sentences": round(statistics.mean([r.n_cited for r in kept]) if kept else 0.0, 2),
        # what a reader sees: the first sentence, repeats, sentences from elsewhere
        "answer_in_first_citation": round(sum(1 for r in answerable if r.first_answer and said(r, threshold)) / (len(answerable) or 1), 4),
        "answers_with_repeated_pair": round(sum(1 for r in kept if r.repeated) / (len(kept) or 1), 4),
        "cited_from_no_gold_article": round(sum(r.cited_off_gold for r in kept if r.answerable)
                                            / (sum(r.n_cited for r in kept if r.answerable) or 1), 4),
        "abstain_rate_answerable": round(sum(1 for r in possible if not said(r, threshold)) / (len(possible) or 1), 4),
        "abstain_rate_impossible": round(sum(1 for r in impossible if not said(r, threshold)) / len(impossible), 4) if impossible else None,
        "citation_validity": round(sum(1 for r in results if r.citations_valid) / (len(results) or 1), 4),
        "latency_ms_p50": round(_pct([r.latency_ms for r in results], 50), 1),
        "latency_ms_p95": round(_pct([r.latency_ms for r in results], 95), 1),
        "abstain_threshold": threshold,
        **_llm_summary(results, threshold),
    }


def _llm_summary(results: list[QuestionResult], threshold: float) -> dict:
    """LLM mode: how much of what the model wrote survived the support check."""
    asked = [r for r in results if said(r, threshold)]
    generated = sum(r.generated for r in asked)
    if not generated and not any(r.from_llm for r in asked):
        return {}
    answerable = [r for r in asked if r.answerable]
    from_llm = [r for r in answerable if r.from_llm]
    return {"llm": {
        "generated_sentences": generated,
        "kept_as_supported": round(sum(r.kept for r in asked) / (generated or 1), 4),
        "answers_from_llm": round(sum(1 for r in asked if r.from_llm) / (len(asked) or 1), 4),
        "answer_in_citations_llm_answers": round(sum(1 for r in from_llm if r.cited_answer) / (len(from_llm) or 1), 4),
    }}


def tradeoff(results: list[QuestionResult], thresholds=(0.0, 0.2, 0.25, 0.28, 0.3, 0.35, 0.4, 0.5, 0.6)) -> list[dict]:
    rows = []
    for t in thresholds:
        s = summarize(results, t)
        rows.append({k: s[k] for k in ("abstain_threshold", "answer_in_citations", "abstain_rate_answerable", "abstain_rate_impossible")})
    return rows


def ensure_corpus(assistant: Assistant, corpus: Path, progress=None, words_only: bool = False):
    """Ingest the corpus into the store (unchanged articles are skipped quickly); ``words_only``:
    stage 1 only (measures answers from the words alone, as before stage 2 reaches them)."""
    items = load_file(corpus, LoaderConfig(max_file_bytes=2**31, fields=assistant.config.fields))
    return assistant.ingest_articles(items, progress, words_only=words_only)

"""The answer objects of DESIGN.md and their one JSON schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Citation:
    """One cited sentence: ``text`` is exactly ``article.text[start:end]`` of a stored article."""

    n: int
    article_id: str
    title: str
    url: str
    published: date | None
    sentence_index: int
    start: int
    end: int
    text: str
    score: float

    def to_dict(self) -> dict:
        return {
            "n": self.n, "article_id": self.article_id, "title": self.title, "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "sentence_index": self.sentence_index, "start": self.start, "end": self.end,
            "text": self.text, "score": round(float(self.score), 4),
        }


@dataclass(frozen=True)
class Segment:
    """One sentence of the answer and the citation markers it carries."""

    text: str
    citations: tuple[int, ...]
    supported: bool = True

    def marked(self) -> str:
        """The sentence followed by its markers: "Sentence. [1][2]" (how an answer's text is written)."""
        return f"{self.text} {''.join(f'[{n}]' for n in self.citations)}"

    def to_dict(self) -> dict:
        return {"text": self.text, "citations": list(self.citations), "supported": self.supported}


@dataclass(frozen=True)
class Passage:
    """A retrieved span of whole sentences of one stored article: ``text`` is exactly
    ``article.text[start:end]``. What ``Assistant.search`` returns, and the related reading offered
    with an abstention (never a citation). ``chunk_id``: the indexed chunk it comes from."""

    article_id: str
    title: str
    url: str
    published: date | None
    text: str
    score: float
    start: int = 0
    end: int = 0
    chunk_id: str = ""

    def to_dict(self) -> dict:
        return {"article_id": self.article_id, "title": self.title, "url": self.url,
                "published": self.published.isoformat() if self.published else None,
                "text": self.text, "score": round(float(self.score), 4), "start": self.start, "end": self.end,
                "chunk_id": self.chunk_id}


@dataclass(frozen=True)
class Dropped:
    """A generated sentence left out of an LLM answer, and why (or, with empty ``text``, a note on
    the whole answer, e.g. the fallback to extractive)."""

    text: str
    ids: tuple[int, ...]
    reason: str

    def to_dict(self) -> dict:
        return {"text": self.text, "ids": list(self.ids), "reason": self.reason}


@dataclass(frozen=True)
class Answer:
    """What every surface (Python, CLI ``--json``, HTTP, chat) returns for a question."""

    question: str
    text: str
    segments: tuple[Segment, ...]
    citations: tuple[Citation, ...]
    abstained: bool
    mode: str = "extractive"
    related: tuple[Passage, ...] = ()
    query: str = ""  # the self-contained query actually searched (after follow-up handling)
    timings_ms: dict = field(default_factory=dict)
    confidence: float = 0.0
    dropped: tuple[Dropped, ...] = ()  # LLM mode: generated sentences removed by the support check
    coverage: dict = field(default_factory=dict)  # {"articles": n, "embedded": m}: how much of the
    # store meaning search covered when the question was asked (the rest by their words only)
    raw: str = field(default="", repr=False)  # LLM mode: the model's own text (never shown as an answer)

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "mode": self.mode,
            "confidence": round(float(self.confidence), 4),
            "query": self.query,
            "segments": [s.to_dict() for s in self.segments],
            "citations": [c.to_dict() for c in self.citations],
            "related": [p.to_dict() for p in self.related],
            "dropped": [d.to_dict() for d in self.dropped],
            "timings_ms": {k: round(float(v), 2) for k, v in self.timings_ms.items()},
            "coverage": dict(self.coverage),
        }

    def to_text(self) -> str:
        """The answer as plain text for a terminal, a chat client or a model: the text with its
        [n] markers, then "Sources:" with each cited sentence under its article (an abstention:
        "Related reading (not an answer):" instead), then how many generated sentences an LLM answer
        left out, and its notes."""
        lines = [self.text, ""]
        if self.abstained:
            if self.related:
                lines.append("Related reading (not an answer):")
                for p in self.related:
                    when = p.published.isoformat() if p.published else "undated"
                    lines.append(f"- {p.title or p.article_id} ({when}) {p.url}".rstrip())
        elif self.citations:
            lines.append("Sources:")
            for c in self.citations:
                when = c.published.isoformat() if c.published else "undated"
                lines.append(f"[{c.n}] {c.title or c.article_id} ({when}) {c.url}".rstrip())
                lines.append(f"    \"{c.text}\"")
        # what the support check removed is never shown as text (a reader would take it for part of
        # the answer): only how many, and the notes on the whole answer; to_dict() lists them
        removed = sum(1 for d in self.dropped if d.text)
        if removed:
            lines.append(f"({removed} generated sentence{'s' if removed > 1 else ''} left out: not supported by the cited sentences)")
        lines += [f"(note: {d.reason})" for d in self.dropped if not d.text]
        return "\n".join(lines).rstrip()

    @classmethod
    def from_dict(cls, d: dict) -> Answer:
        """The inverse of ``to_dict`` (e.g. an answer kept in the browser, shown again after a
        reload). ``raw`` is not in the schema and comes back empty."""

        def day(v):
            return date.fromisoformat(v) if v else None

        return cls(
            question=d["question"], text=d["answer"], abstained=bool(d["abstained"]), mode=d.get("mode", "extractive"),
            confidence=float(d.get("confidence", 0.0)), query=d.get("query", ""),
            segments=tuple(Segment(s["text"], tuple(s["citations"]), s.get("supported", True)) for s in d.get("segments", ())),
            citations=tuple(Citation(c["n"], c["article_id"], c["title"], c["url"], day(c.get("published")),
                                     c["sentence_index"], c["start"], c["end"], c["text"], c.get("score", 0.0))
                            for c in d.get("citations", ())),
            related=tuple(Passage(p["article_id"], p["title"], p["url"], day(p.get("published")), p["text"],
                                  p.get("score", 0.0), p.get("start", 0), p.get("end", 0), p.get("chunk_id", ""))
                          for p in d.get("related", ())),
            dropped=tuple(Dropped(x["text"], tuple(x["ids"]), x["reason"]) for x in d.get("dropped", ())),
            timings_ms=dict(d.get("timings_ms", {})),
            coverage=dict(d.get("coverage", {})),
        )

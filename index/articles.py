"""The plain, frozen objects of DESIGN.md that flow from loading to storing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    """One article. ``text`` is canonical: every offset in the system points into it."""

    id: str
    title: str
    text: str
    url: str = ""
    source: str = ""
    published: date | None = None
    authors: tuple[str, ...] = ()
    content_hash: str = ""
    origin: str = ""  # where it was loaded from (file path, path#record); not part of identity


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: ``article.text[start:end]`` is exactly the sentence."""

    article_id: str
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Chunk:
    """Consecutive whole sentences of one article, sized to fit the embedding model."""

    id: str
    article_id: str
    first_sentence: int
    last_sentence: int
    text: str


@dataclass(frozen=True)
class LoadFailure:
    """A file or record that could not become an article, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class IngestReport:
    """What one ingest run did. ``to_dict`` is the stable ``--json`` schema."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    failed: tuple[LoadFailure, ...] = ()
    chunks_added: int = 0
    chunks_embedded: int = 0
    elapsed_s: float = 0.0
    extra: dict = field(default_factory=dict)

    def summary(self) -> str:
        """The one line every interface prints: "added 2, updated 0, unchanged 5, failed 1"."""
        return (f"added {len(self.added)}, updated {len(self.updated)}, unchanged {len(self.unchanged)}, "
                f"failed {len(self.failed)}")

    def to_dict(self) -> dict:
        return {
            "added": list(self.added),
            "updated": list(self.updated),
            "unchanged": list(self.unchanged),
            "failed": [{"source": f.source, "reason": f.reason} for f in self.failed],
            "counts": {
                "added": len(self.added),
                "updated": len(self.updated),
                "unchanged": len(self.unchanged),
                "failed": len(self.failed),
                "chunks_added": self.chunks_added,
                "chunks_embedded": self.chunks_embedded,
            },
            "elapsed_s": round(self.elapsed_s, 3),
        }

"""Citations and the ``[n]`` text, built in one place for both answerers: a ``Citations`` numbers
each cited sentence once, in the order it is first cited; ``marked_text`` writes an answer's text
with its markers, and ``quoted_sentences`` reads them back."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.store import StoredArticle

from .answer import Citation, Segment
from .evidence import Candidate


class Citations:
    """The citations of one answer so far: one number per (article, sentence)."""

    def __init__(self, articles: dict[str, StoredArticle]):
        self.articles = articles
        self.list: list[Citation] = []
        self._n: dict[tuple[str, int], int] = {}

    def cite(self, c: Candidate) -> int:
        """The number of the sentence ``c`` (a new one if it was not cited yet)."""
        key = (c.article_id, c.index)
        if key not in self._n:
            a = self.articles[c.article_id].article
            n = len(self.list) + 1
            self.list.append(Citation(n, a.id, a.title, a.url, a.published, c.index, c.start, c.end, c.text, c.score))
            self._n[key] = n
        return self._n[key]


def marked_text(segments: Sequence[Segment]) -> str:
    """An answer's text: each segment followed by its markers, "Sentence. [1][2] Next. [3]"."""
    return " ".join(s.marked() for s in segments)


def quoted_sentences(answer_text: str) -> list[str]:
    """The passages an extractive answer quotes (``marked_text`` read back): its text between citation
    markers ("… Thursday. [1] The deal … [2][3]"), each at least 20 characters. A generated answer
    quotes nothing verbatim; its article is then not known from its text."""
    parts = re.split(r"(?:\s*\[\d+\])+", answer_text)
    if len(parts) < 2:  # no marker: an abstention, or text not written by this engine
        return []
    return [p.strip() for p in parts[:-1] if len(p.strip()) >= 20]

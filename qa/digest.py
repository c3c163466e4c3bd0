"""A digest: an article of several stories, each under a numbered heading of its own paragraph ("5 things to know for
Dec. 2: …" with "1. Trump", "2. Rail strike", …; a list of "The 10 Senate seats most likely to flip"). A follow-up read
in one is read in the stories of it the last answer quoted (``qa.conversation``), and a passage shown of it ends with
the story it opens in (``qa.retrieval.passages``). Pure: the texts decide."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from typing import Protocol, TypeVar


class Placed(Protocol):
    """A sentence of an article and where it starts (``evidence.Candidate``; not read from there: evidence reads
    retrieval, which reads this module)."""

    article_id: str
    start: int


C = TypeVar("C", bound=Placed)

# a heading: a paragraph of its own of at most six words, no sentence's end ("2. Rail strike", "BREAKFAST BROWSE")
_HEADING = re.compile(r"(?:\A|\n[ \t]*\n)[ \t]*((?:\d{1,2}\.\s+)?[A-Z][^\n.!?;,\"“”]{0,48}?)[ \t]*(?=\n[ \t]*\n|\Z)")
_NUMBERED = re.compile(r"\d{1,2}\.\s")
# a digest numbers three headings at least (an article's subheadings are not numbered: "Limited international aid"
# in a story of Afghanistan's earthquake; a guide's "Best diet for diabetes" parts are of one story)
NUMBERED_HEADINGS = 3


def story_starts(text: str) -> list[int]:
    """Where the stories of a digest begin (each heading's offset, in order); [] for an article of one story."""
    heads = [(m.start(1), m.group(1)) for m in _HEADING.finditer(text) if len(m.group(1).split()) <= 6]
    if sum(bool(_NUMBERED.match(h)) for _, h in heads) < NUMBERED_HEADINGS:
        return []
    return [start for start, _ in heads]


def story_of(offset: int, starts: list[int]) -> int:
    """The story of a digest (its place among ``story_starts``) the text at ``offset`` is in."""
    return bisect.bisect_right(starts, offset)


def in_stories_told(cands: Iterable[C], texts: Mapping[str, str], quoted: list[str]) -> tuple[C, ...]:
    """The candidates, those of a digest (``texts``: each article's text) only of a story of it a ``quoted`` sentence
    (of the last answer) is in: "Who stopped it?" after "What is happening with the rail strike?", answered from "5
    things to know for Dec. 2", cited "… the government stopped taking applications …" of its student loans (0.77;
    RealTimeQA's store, session 34). A digest none of them is in keeps all its candidates."""
    told: dict[str, tuple[list[int], set[int]]] = {}  # a digest's story starts, and the stories quoted
    for article, text in texts.items():
        starts = story_starts(text)
        found = [i for q in quoted if (i := text.find(q)) >= 0]
        if starts and found:
            told[article] = starts, {story_of(i, starts) for i in found}
    return tuple(c for c in cands if c.article_id not in told
                 or story_of(c.start, told[c.article_id][0]) in told[c.article_id][1])

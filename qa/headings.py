"""An article's own questions: an explainer asks a reader's question as a heading ("When is National Trick or Treat
Day?") and answers it in the paragraph under it ("The last Saturday of October."). Asked the same, the sentence opening
that paragraph is the answer (pure; read where the answer's first sentence is chosen, ``answer_first``). 303 of
RealTimeQA's 2,418 articles ask 921 such headings (session 40).

"when is it?" after "national trick or treat day" cited "If a U.S. president was so moved to change the date of
Halloween, it would require … setting the date to be the last Saturday of October.", a sentence of what might be; the
answer under the story's own "When is National Trick or Treat Day?" was the 44th candidate (few words: a low score).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .asked import sentences_of
from .evidence import Candidate
from .scoring import question_terms

# a paragraph asking a question, as a heading asks it: a question word or a verb first, a question mark last, one line
_HEADING = re.compile(r"^(?:what|what[’']s|when|where|who|whom|whose|why|which|how|is|are|was|were|do|does|did|can|could"
                      r"|will|would|should)\b[^\n]{0,120}\?$", re.IGNORECASE)
_MOST_WORDS = 15
# the question word, and how's next one ("How many" asks other than "How long")
_ASKING = re.compile(r"^\W*(how\s+\w+|\w+)", re.IGNORECASE)
# of the heading's words, the share a question asks it with (and two at least): "How did Russia invade?" does not ask
# "How did Russia invade Ukraine?" (2 of 3), "when is it? national Trick Treat Day" asks "When is National Trick or Treat
# Day?" (all)
_SHARE = 0.75


def heading_over(text: str, start: int) -> str | None:
    """The question heading right over the sentence starting at ``start``: the paragraph before the one the sentence
    opens, when it asks a question in fifteen words at most; else None."""
    end = start  # (read back from the sentence, not a copy of all before it: ~100 candidates a question)
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if "\n" not in text[end:start]:
        return None  # not the first sentence of its paragraph
    heading = text[text.rfind("\n", 0, end) + 1 : end].strip()
    return heading if _HEADING.match(heading) and len(heading.split()) <= _MOST_WORDS else None


def _asking(question: str) -> str:
    m = _ASKING.match(sentences_of(question)[0])
    return " ".join(m.group(1).lower().replace("’", "'").replace("what's", "what").split()) if m else ""


def asks_as_heading(question: str, heading: str) -> bool:
    """Does the question ask what the heading asks: the same question word (and how's next word), and three in four of
    the heading's content terms, two at least, among the question's (with the subject a follow-up is searched with)?"""
    asked, headed = set(question_terms(question)), set(question_terms(heading))
    shared = asked & headed
    return (_asking(question) == _asking(heading) != "" and len(shared) >= 2
            and len(shared) >= _SHARE * len(headed))


def under_asked_headings(question: str, cands: Iterable[Candidate], texts: Mapping[str, str]) -> frozenset[tuple[str, int]]:
    """The candidates (article and sentence index) opening the paragraph under a heading of their article that asks what
    the question asks (``texts``: each article's text by its id)."""
    return frozenset((c.article_id, c.index) for c in cands if c.article_id in texts
                     and (heading := heading_over(texts[c.article_id], c.start)) is not None
                     and asks_as_heading(question, heading))

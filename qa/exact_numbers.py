"""The numbers a question writes that tell one story from another ("200,000", "2.9", "the third goal"), and whether a
text writes them (pure: read by the retrieval, ``qa.retrieval``, and where the answer's first sentence is chosen)."""

from __future__ import annotations

import re

# a number that tells one story from another: three digits or more, or written with a comma or a point
# ("200,000", "2.9", "620"); "19" of "Covid-19" and "20" of "20-for-1" are everywhere
_EXACT_NUMBER = re.compile(r"\d[\d,.]*\d")


# an ordinal past the first, as a word ("the third goal"; "first" is in most stories, "second" is a time too)
_ORDINAL = re.compile(r"\b(?:third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b", re.IGNORECASE)


def exact_numbers(question: str, ordinal: bool = False) -> list[str]:
    """The question's distinctive numbers as written ("Which automaker recalled more than 200,000 pickup
    trucks?" -> ["200,000"]); ``ordinal``: and its ordinals past the second, lower-cased ("Who scored the third goal?"
    -> ["third"]: it cited "Striker Leon Obi scored twice, …", not "Midfielder Sam Tully added the third …"; a folder
    of our own, session 36)."""
    found = [n for n in _EXACT_NUMBER.findall(question) if "," in n or "." in n or len(n) >= 3]
    return list(dict.fromkeys(found + ([o.lower() for o in _ORDINAL.findall(question)] if ordinal else [])))


def writes_numbers(text: str, numbers: list[str]) -> float:
    """The share of ``numbers`` the text writes as they are (not inside a longer number; an ordinal as a word)."""
    if not numbers:
        return 0.0
    return sum(1 for n in numbers if re.search(rf"\b{n}\b" if n.isalpha() else rf"(?<![\d.,]){re.escape(n)}(?!\d|[.,]\d)",
                                               text, re.IGNORECASE)) / len(numbers)

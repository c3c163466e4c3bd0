"""What tells two things apart ("What is the difference between a crocodile and an alligator?"): a sentence naming
both with a word of contrast ("… unlike …", "… than …", "… whereas …"), or two sentences in a row each naming one and
not the other ("The ones that accept government funds are called 'aided' schools. The private 'un-aided' schools are
fully funded by private parties."; SQuAD 2.0 dev). A sentence naming both and setting nothing apart does not answer:
"We know alligators and crocodiles do that." (0.96, an off-topic question in the news store; session 33). Pure: the
question and the sentences' terms alone decide."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .scoring import terms

_ASKS = [re.compile(p, re.IGNORECASE) for p in (
    r"\bdifferences?\s+between\s+(?P<a>.+?)\s+and\s+(?P<b>[^?]+)",
    r"\bhow\s+(?:is|are|was|were|does|do|did)\s+(?P<a>.+?)\s+(?:different|differ|distinguished)\s+from\s+(?P<b>[^?]+)",
    r"\b(?:what|how)\s+(?:sets|set|makes|make)\s+(?P<a>.+?)\s+(?:different|apart)\s+from\s+(?P<b>[^?]+)",
    r"\bwhat\s+(?:distinguishes|separates)\s+(?P<a>.+?)\s+from\s+(?P<b>[^?]+)",
)]
_CONTRAST = re.compile(r"\b(?:than|unlike|while|whilst|whereas|differ\w*|distinguish\w*|compared|contrast\w*|but|"
                       r"instead|rather|however|opposed)\b", re.IGNORECASE)


def sides_asked(question: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The terms of the two things a question asks the difference between; None for any other question (or one
    whose two sides have no terms of their own, "the difference between them")."""
    for pattern in _ASKS:
        m = pattern.search(question)
        if m:
            a, b = frozenset(terms(m.group("a"))), frozenset(terms(m.group("b")))
            return (a, b) if a and b and a != b else None
    return None


def told_apart(sides: tuple[frozenset[str], frozenset[str]], story: Sequence[tuple[int, str]],
               held: Callable[[str], set[str]]) -> list[int]:
    """The places (sentence indices) of ``story``'s sentences (place, text) that tell the two ``sides`` apart: one
    naming both with a word of contrast first, then each of two sentences in a row naming one side and not what the
    other side has of its own. Empty: the story does not tell them apart. ``held``: a text's terms."""
    a, b = sides
    own_a, own_b = a - b, b - a
    found = {i: held(text) for i, text in story}
    texts = dict(story)

    def only(t: set[str], side: frozenset[str], other_own: frozenset[str]) -> bool:
        return side <= t and not (other_own and other_own <= t)

    contrasting = [i for i, t in found.items() if a <= t and b <= t and _CONTRAST.search(texts[i])]
    in_turn = [i for i, t in found.items() for j in (i - 1, i + 1) if j in found
               and (only(t, a, own_b) and only(found[j], b, own_a) or only(t, b, own_a) and only(found[j], a, own_b))]
    return list(dict.fromkeys(contrasting + sorted(in_turn)))

"""The subject a question names and what it asks of it (pure): its own terms beyond the names (``focus_terms``), and,
asked about a named subject as a whole ("Tell me about the earthquake in Turkey", "What happened to Club Q?"), whether
the story answering names it (``topic_unnamed``). Read where the answer's first sentence is chosen (``answer_first``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .asked import LIGHT_VERBS, asked_kind
from .confidence import question_names
from .scoring import asked_act, question_terms, terms, when_asked_terms

# a story named before a colon, the question after it ("Now the Helix rocket: when is the next attempt?")
_AFTER_TOPIC = re.compile(r"^\W*[^:?]{1,60}:\s*(\S[^:]*\?)\s*$")


def focus_terms(question: str) -> set[str]:
    """The terms of a question that names something, other than its names, the kind a "which …" asks for
    and the words saying when it is asked ("What were Crumb & Co.'s sales?" -> {"sale"}); empty for a
    question that names nothing."""
    names = set(question_names(question))
    if not names:
        return set()
    # a story named before a colon, the question after it: "Now the Helix rocket: when is the next attempt?" asks
    # for "next attempt" (the lead's "… the Helix heavy rocket was called off …" held "rocket", and came first;
    # session 23)
    asked = _AFTER_TOPIC.match(question)
    asking = asked.group(1) if asked else question
    # what a story's doer did, asked with the verb last, is its news, not a sentence naming the act: "What did the Bank
    # of Norvalia decide?" cited "Economists … had expected the decision, …" before the lead's "The Bank of Norvalia
    # kept its main interest rate at 4.25% …" (session 24)
    did = asked_act(asking)
    acts = set(terms(did)) if did else set()
    return set(question_terms(asking)) - names - {asked_kind(question)} - when_asked_terms(question) - LIGHT_VERBS - acts


# "Tell me about …", "What happened to …?", "What's going on with …?", "What's the latest on …?" (the subject after it)
_TOPIC = re.compile(
    r"^\W*(?:(?:so|and|ok(?:ay)?)\W+)?(?:(?:please\s+|can\s+you\s+|could\s+you\s+)?tell\s+me\s+(?:more\s+)?about"
    r"|what(?:['’]?s|\s+is|\s+was)?\s+(?:going\s+on|happening|happened)\s+(?:with|to|at|in)"
    r"|what(?:['’]?s|\s+is)\s+the\s+(?:latest|news|story)\s+(?:on|about|with))\s+(.+)$", re.IGNORECASE)


def topic_names(question: str) -> set[str]:
    """The terms of the names the subject of such a question holds ("Tell me about the earthquake in Turkey": Turkey's,
    "Tell me about the Chinese balloon": Chinese's); empty for other questions, or a subject naming nothing ("Tell me
    about the big car recall")."""
    m = _TOPIC.match(question.strip())
    return set(question_names(f"about {m.group(1)}")) if m else set()


def topic_unnamed(question: str, story: Sequence[tuple[int, str]], held: Callable[[str], set[str]]) -> bool:
    """Asked about a named subject (``topic_names``), do the story's lead (its headline and first sentence: places 0
    and 1 of ``story``, the sentences read of it, best first, with their places) and its best sentence (the one
    answering) leave a name of it unsaid? Then the articles do not say: "Tell me about the earthquake in Turkey"
    cited Afghanistan's earthquake (0.40), its story naming Turkey only for the aid it sent; "Tell me about the Chinese
    balloon" a weather service's "silvery objects" over Sioux Falls (0.39), RealTimeQA's store holding neither
    (session 34). ``held``: a text's terms."""
    names = topic_names(question)
    if not names:
        return False
    said = set().union(*(held(text) for n, (i, text) in enumerate(story) if i <= 1 or n == 0))
    return not names <= said

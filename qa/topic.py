"""The subject a question names and what it asks of it (pure: the question alone decides): its own terms beyond the
names (``focus_terms``), read where the answer's first sentence is chosen (``answer_first``)."""

from __future__ import annotations

import re

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

"""Whom someone replaces: whether a question asks it, and whether a sentence tells it (pure; read where the answer's first
sentence is chosen, ``answer_first``). Asked who replaces someone, the successor is a doer (``asked.doer_terms``)."""

from __future__ import annotations

import re

from .asked import sentences_of

# "who is he replacing?", "Who did she replace?", "who does he succeed?", "who was in the job before her?"
_ASKS_PREDECESSOR = re.compile(r"^\W*who(?:m)?\s+(?:is|was|will|are|were|did|does|do|has|had)\s+(?:[\w'’.-]+\s+){1,4}?"
                               r"(?:replac(?:e|es|ed|ing)|succeed(?:s|ed|ing)?|tak(?:e|es|ing)\s+over\s+from|took\s+over\s+from)"
                               r"\W*$|^\W*who\s+(?:had|held|ran|led)\s+(?:the|that|this)\s+(?:job|post|role|seat)\s+before\b",
                               re.IGNORECASE)
# a sentence naming whom someone replaces: "Leech takes over from Joe Ellis, who stepped down …", "She replaces Karen
# Whitley, …", "… succeeding Mark Hale", "… in place of …", "… his predecessor, …"
_GIVES_PREDECESSOR = re.compile(r"\b(?:takes?|took|taking|taken)\s+over\s+from\b|\b(?:replaces|replaced|replacing|succeeds|"
                                r"succeeded|succeeding)\s+(?:[a-z]+\s+){0,3}[A-Z]|\bin\s+place\s+of\b|\bpredecessors?\b|"
                                r"\b(?:stepped|steps|stepping)\s+down\b")


def asks_predecessor(question: str) -> bool:
    """Does the question ask whom someone replaces ("who is he replacing?", "Who did she succeed?")?"""
    return bool(_ASKS_PREDECESSOR.match(sentences_of(question)[0]))


def gives_predecessor(sentence: str) -> bool:
    """Does the sentence name whom someone replaces ("Leech takes over from Joe Ellis, who stepped down …")?"""
    return bool(_GIVES_PREDECESSOR.search(sentence))

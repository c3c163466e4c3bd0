"""What happens to a thing: whether a question asks it, and whether a sentence tells it (pure; read where the answer's
first sentence is chosen, ``answer_first``)."""

from __future__ import annotations

import re

from .asked import sentences_of
from .scoring import terms

# what happens to a thing (the words to the question's end: "What happened to Orbital Foods' former boss?" asks of the
# boss, not of Orbital Foods) is told by a sentence of which it is the subject: "what happens to the stadium" after "what
# happened in hartfield" cited "The recall campaign was launched … after Ashby approved a contract for a new sports
# stadium …", not "The stadium, which was due to cost $95 million, is now on hold …" (a folder of our own, session 36)
_ASKS_FATE = re.compile(r"^\W*what(?:'s|’s|\s+is|\s+was|\s+will|\s+has)?\s+(?:happen(?:s|ed|ing)?|become\s+of)\s+"
                        r"(?:to|with)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?([\w'’-]+(?:\s+[\w'’-]+){0,4})\W*$", re.IGNORECASE)
# the words a sentence's subject is read in: "The stadium, which …", "Author Salman Rushdie is …"
SUBJECT_WORDS = 4


def fate_asked(question: str) -> frozenset[str]:
    """The terms of the thing the question asks what happens to ("What happens to the stadium?" -> {"stadium"}); empty
    when it asks no such thing."""
    found = _ASKS_FATE.match(sentences_of(question)[0])
    return frozenset(terms(found.group(1))) if found else frozenset()


def tells_fate(sentence: str, thing: frozenset[str]) -> bool:
    """Is the thing (``fate_asked``, terms) the sentence's subject: all its terms in the sentence's first words?"""
    return bool(thing) and thing <= set(terms(" ".join(sentence.split()[:SUBJECT_WORDS])))

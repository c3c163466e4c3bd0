"""A person's age, or a thing's: what a question asking how old asks, and the forms an age is written in (pure; read by
``qa.numbers``, moved from there in session 38)."""

from __future__ import annotations

import re

# a person's age is written "38-year-old", "aged 61", "61 years old" or "Keel, 61, …": not "… sentenced … to
# six years in prison" ("How old is he?" after "Why was Keel jailed?" cited that; session 21)
PERSON_AGE_ASKED = re.compile(r"\bhow old (?:is|was|are|were) (?:he|she|they|(?-i:[A-Z][\w'’.-]*))\b", re.IGNORECASE)
# (and "She was 88.", as an obituary says it: "How old was she?" of a pianist who died cited the lead alone; session 24)
# (and "at the age of 96", "who was 91", "Reddick was 79.": "how old was she?" after "queen elizabeth died" cited "…
# before he died April 9, 2021, at 99 years old." of Prince Philip, not "… Queen Elizabeth II dies at the age of 96, …";
# RealTimeQA's store, session 38)
PERSON_AGE = re.compile(r"\b\d{1,3}-year-old\b|\b\d{1,3} years? old\b|\baged \d{1,3}\b|(?<=\w), \d{1,3},"
                        r"|\bat (?:the )?age of \d{1,3}\b|\bwho (?:was|is) \d{1,3}\b"
                        r"|\b(?:he|she|(?-i:[A-Z][a-z'’-]+)) (?:was|is) \d{1,3}\s*[.;]", re.IGNORECASE)
# (asked of "they", things may be meant, whose age is a time ago: "how old are they?" of dinosaur tracks cited "And
# Buddhist statues believed to be 600 years old were found …" of their story, not its lead's "Dinosaur tracks from around
# 113 million years ago …"; RealTimeQA's store, session 38)
THEIR_AGE_ASKED = re.compile(r"\bhow old (?:are|were) they\b", re.IGNORECASE)
AGE_OR_TIME_AGO = re.compile(rf"{PERSON_AGE.pattern}|\b\d[\d,.]*(?:\s+(?:million|billion|thousand))?\s+years?\s+ago\b",
                             re.IGNORECASE)


def age_unit(question: str) -> re.Pattern | None:
    """What the age a question asks for is written with: a time ago too when asked of "they", a person's age when asked
    of "he", "she" or a name; None for other questions."""
    return AGE_OR_TIME_AGO if THEIR_AGE_ASKED.search(question) else PERSON_AGE if PERSON_AGE_ASKED.search(question) else None


_SHE, _HE = re.compile(r"\b(?:she|her|hers)\b", re.IGNORECASE), re.compile(r"\b(?:he|him|his)\b", re.IGNORECASE)
_AGE_OF = re.compile(r"\bhow old (?:is|was) (she|he)\b", re.IGNORECASE)  # (not "how old was her husband?": his)


def of_another(sentence: str, question: str) -> bool:
    """Asked how old "she" is, does the sentence speak of "he" only (or the other way round)? Its age is another's: "The
    queen was married to Prince Philip for more than 70 years before he died …, at 99 years old." (session 38)."""
    asked = _AGE_OF.search(question)
    ask, other = ((_SHE, _HE) if asked.group(1).lower() == "she" else (_HE, _SHE)) if asked else (None, None)
    return asked is not None and not ask.search(sentence) and bool(other.search(sentence))

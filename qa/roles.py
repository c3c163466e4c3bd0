"""Who holds a role (pure): the role a "Who is the <role>?" question asks about, and whether a sentence names someone
at it. The evidence puts that sentence first and reads it as answering (``SentenceRanker.gather``)."""

from __future__ import annotations

import re

from .scoring import FULL_NAME, TOKEN, terms

# "Who is the engineer?" asks for the one holding a role, named beside its word: "… said council engineer Priya
# Nandakumar." (it abstained at 0.14 beside a footbridge's lead, "… while engineers replace corroded steel cables …",
# which holds the word and names no one; the web chat, session 30)
# (and "who's", and of one named: "who is westbury's manager" cited the league's lead and then "Manager Claire Haddad, …";
# a folder of our own, session 36)
_WHO_ROLE = re.compile(r"^\W*who(?:'s|’s|\s+(?:is|was|are|were|will\s+be))\s+(?:the|their|its|his|her|our|your"
                       r"|[\w'’-]+['’]s)\s+"
                       r"(?:[\w'’-]+\s+){0,3}?([a-z][\w'’-]*)(?:\s+(?:of|at|for|in|on)\s+[^?]+)?\W*$", re.IGNORECASE)
_NAME_THEN = re.compile(rf"{FULL_NAME.pattern},\s+(?:(?:the|a|an|its|their|his|her)\s+)?(?:[\w'’.-]+\s+){{0,2}}$")


def role_asked(question: str) -> str | None:
    """The term of the role a "Who is the <role>?" question asks the holder of ("Who is the council engineer?" ->
    the term of "engineer"), or None."""
    m = _WHO_ROLE.match(question.strip())
    found = terms(m.group(1)) if m else []
    return found[0] if found else None


def names_role(sentence: str, role: str) -> bool:
    """Does the sentence name someone at the role: its word and a full name right after it ("council engineer Priya
    Nandakumar"), or a full name, a comma and the role ("Priya Nandakumar, the council's engineer")?"""
    for m in TOKEN.finditer(sentence):
        if role in terms(m.group(0)) and (FULL_NAME.match(sentence[m.end():].lstrip(" ,"))
                                          or _NAME_THEN.search(sentence[:m.start()])):
            return True
    return False


def role_first(question: str, cands: list) -> tuple[list, bool]:
    """The candidates (``evidence.Candidate``, best first), asked who holds a role, the sentence of the best one's
    story naming someone at it first ("Who is the engineer?": "… said council engineer Priya Nandakumar.", not the
    lead's "… engineers replace …"); and whether one was put first."""
    role = role_asked(question)
    named = next((c for c in cands if role and cands[0].article_id == c.article_id and names_role(c.text, role)), None)
    return ([named, *(c for c in cands if c is not named)], True) if named is not None else (cands, False)

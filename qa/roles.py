"""Who holds a role (pure): the role a "Who is the <role>?" question asks about, and whether a sentence names someone
at it. The evidence puts that sentence first and reads it as answering (``SentenceRanker.gather``)."""

from __future__ import annotations

import re

from .asked import LEADERS
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
    return bool(_before_role(sentence, role))


def _before_role(sentence: str, role: str) -> list[str]:
    """The words before each place the sentence names someone at the role (``names_role``; not one who was: "… former
    prime minister Giuseppe Conte's …" for "Who is the new prime minister of Italy?", which the role's word then put
    before "Brothers of Italy leader Giorgia Meloni has claimed victory …"; RealTimeQA's store, session 37)."""
    return [sentence[:m.start()] for m in TOKEN.finditer(sentence)
            if role in terms(m.group(0)) and not _FORMER.search(sentence[:m.start()])
            and (FULL_NAME.match(sentence[m.end():].lstrip(" ,")) or _NAME_THEN.search(sentence[:m.start()]))]


_FORMER = re.compile(r"\b(?:former|ex|previous|outgoing|late)[\s-]+(?:[\w'’-]+\s+)?$", re.IGNORECASE)


# of those at the head, the story's own ("Its chief executive, Daniel Roe, …", not "Council leader Moira Fenwick …" of a
# ferry company) and, asked who is in charge now, the acting one ("Deputy mayor Rosa Delgado will serve as acting mayor
# …", not the lead's "… removed Mayor Glen Ashby …")
_ITS = re.compile(r"\b(?:its|their)\s+(?:[\w'’-]+\s+)?$", re.IGNORECASE)
_ACTING = re.compile(r"\b(?:acting|interim|new|caretaker)\s+(?:[\w'’-]+\s+)?$", re.IGNORECASE)
_NOW = re.compile(r"\bnow\b", re.IGNORECASE)


def _rank(sentence: str, roles: frozenset[str], question: str) -> int:
    """How well the sentence names one at a role asked of (lower is better; 3: it names none): acting (anyone named), when
    asked who is in charge now; the story's own ("its", "their") of those at the head (``LEADERS``); another."""
    if _NOW.search(question) and FULL_NAME.search(sentence) and any(
            set(terms(m.group(0))) & roles and _ACTING.search(sentence[:m.start()]) for m in TOKEN.finditer(sentence)):
        return 0  # ("Deputy mayor Rosa Delgado will serve as acting mayor …")
    # (the story's own only of those at the head: a role asked by its word is that one, "Their manager, Mark Pryce" no
    # answer to "who is westbury's manager")
    before = [b for r in roles for b in _before_role(sentence, r)]
    return min((1 if roles == LEADERS and _ITS.search(b) else 2 for b in before), default=3)


def names_head(sentence: str, question: str) -> bool:
    """Asked who is in charge of a thing, who runs it (``LEADERS``), does the sentence name one at its head? (Asked
    "Who is the <role>?", the headline's news may still come first: "Who is the new prime minister of Italy?" is answered
    by "Brothers of Italy leader Giorgia Meloni has claimed victory …", not by "… the collapse of Prime Minister Mario
    Draghi's …".)"""
    return roles_asked(question) == LEADERS and _rank(sentence, LEADERS, question) < 3


# who is in charge, who runs or leads it, asks for one at the head of it: "who's in charge of it" after questions about a
# ferry company cited its lead, not "Its chief executive, Daniel Roe, apologised …" (a folder of our own, session 37)
_ASKS_HEAD = re.compile(r"^\W*who(?:'s|’s|\s+(?:is|was|are|were|will\s+be))?\s+(?:now\s+)?(?:in\s+charge|runs|ran|running"
                        r"|leads|led|leading|heads|headed|heading)\b", re.IGNORECASE)


def roles_asked(question: str) -> frozenset[str]:
    """The terms of the roles a question asks the holder of: the role of "Who is the <role>?" (``role_asked``), those at
    the head of a thing for "Who is in charge?", "Who runs it?" (``LEADERS``); empty for other questions."""
    role = role_asked(question)
    return frozenset([role]) if role else LEADERS if _ASKS_HEAD.match(question.strip()) else frozenset()


def role_first(question: str, cands: list) -> tuple[list, bool]:
    """The candidates (``evidence.Candidate``, best first), asked who holds a role, the sentence of the best one's
    story naming someone at it first ("Who is the engineer?": "… said council engineer Priya Nandakumar.", not the
    lead's "… engineers replace …"; ``roles_asked``); and whether one was put first."""
    roles = roles_asked(question)
    ranked = [(_rank(c.text, roles, question), i) for i, c in enumerate(cands) if roles and cands[0].article_id == c.article_id]
    best = min((r for r in ranked if r[0] < 3), default=None)
    named = cands[best[1]] if best is not None else None
    return ([named, *(c for c in cands if c is not named)], True) if named is not None else (cands, False)

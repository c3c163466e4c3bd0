"""What kind of thing a "which …" question asks for, and sentences that only refer to it by that kind
(pure functions, read by the sentence ranker, ``qa.evidence``).

"Which slang term was selected as Oxford's word of the year?" asks for a term; a sentence saying
"… the slang term refers to a type of behaviour …" holds most of the question's words and is about
the answer, but does not name it: the one that does says "goblin mode". News refers to a thing it
has named by its kind ("the company", "the social media platform"), so such a sentence is ranked a
little lower (bench/NOTES.md, session 13).
"""

from __future__ import annotations

import re

from index.text import stem, stopwords

# the words after "which" up to the verb: "Which controversial social media platform is …"
_WHICH = re.compile(r"\bwhich\s+((?:[\w'’-]+[\s?,]+){1,4})", re.IGNORECASE)
_AUXILIARY = frozenset(["is", "are", "was", "were", "do", "does", "did", "will", "would", "can", "could", "has",
                        "have", "had", "should", "may", "might", "must", "be", "been"])
_TOKEN = re.compile(r"[\w'’-]+")
_REFERRING = frozenset(["the", "this", "that", "its", "their"])


def asked_kind(question: str) -> str | None:
    """The stemmed head noun after "which" ("Which US city had …" -> "citi"; "which controversial
    social media platform?" -> "platform"), or None. Names are skipped ("US"); the phrase ends at an
    auxiliary, a stopword or a word in -ed or -ly (the verb: "Which airline announced …"). A verb in
    the present is taken for the head ("Which company plans …" -> "plan"): then only a sentence saying
    "the plan" ranks a little lower."""
    m = _WHICH.search(question)
    if not m:
        return None
    head = None
    for w in m.group(1).split():
        w = w.strip("?,")
        low = w.lower()
        if not w or low in _AUXILIARY or low.endswith(("ed", "ly")) or (low in stopwords() and low != "us"):
            break
        if not w[0].isupper():
            head = low
    return stem(head) if head else None


def refers_by_kind(sentence: str, kind: str | None) -> bool:
    """Does the sentence name the asked-for kind after "the", "this", "that", "its" or "their", with
    at most two lower-case words between ("the company", "the slang term")? A capitalised word
    between makes it a name ("the Pacific Ocean" answers "Into which ocean …?")."""
    if not kind:
        return False
    toks = _TOKEN.findall(sentence)
    for i, t in enumerate(toks):
        if t.lower() not in _REFERRING:
            continue
        for w in toks[i + 1 : i + 4]:
            if w[0].isupper():
                break
            if stem(w.lower()) == kind:
                return True
    return False

"""Requests for more of the story a conversation was just told (pure): "Tell me more", "What happens next?", "Tell me
more about the second one". They are answered from the story's own sentences, not by a search
(``Assistant._more``, ``ExtractiveAnswerer.more`` and ``ahead``)."""

from __future__ import annotations

import re
from collections.abc import Callable

from .citations import quoted_sentences
from .scoring import flat

# a request for more of the story the conversation is about: "Tell me more", "What else?", "Go on"
_MORE = re.compile(r"^\W*(?:(?:please|ok(?:ay)?|so|and)\W+)?(?:(?:can|could|would) you\s+)?"
                   r"(?:(?:tell|give|show)\s+(?:me|us)\s+more(?:\s+(?:about\s+(?:it|this|that|him|her|them)|details?))?"
                   r"|more(?:\s+details?)?|what\s+else(?:\s+(?:is there|does (?:it|the article|the story) say|happened))?"
                   r"|anything\s+else|go\s+on|keep\s+going|continue|and\s+then)(?:\W+please)?\W*$", re.IGNORECASE)


STORY_TOLD = "That is all the article says about it."  # the answer to a request for more when none is left
NOTHING_AHEAD = "The article does not say what happens next."  # ... and to what happens next when none of it is to come

# a question about what comes next in the story just told: "What happens next?" after "Tell me about the Blue Line"
# abstained (0.24: searched with "Blue Line", its one word "next" beside "Work on a second line … is due to start next
# spring."; session 26; "whats next", typed so in Chromium, was searched)
_WHAT_NEXT = re.compile(r"^\W*(?:(?:so|and|ok(?:ay)?)\W+)?(?:what(?:['’]?s|\s+is)\s+next|what\s+(?:happens|will\s+happen"
                        r"|comes)\s+(?:next|now)|what\s+now)(?:\s+for\s+(?:it|them|him|her|this|that))?\W*$", re.IGNORECASE)


def asks_for_more(question: str) -> bool:
    """Does the question ask for more of the story just told ("Tell me more", "What else?", "Go on")?
    Searched for, it found the lead again (session 21); it is answered by the article's next
    sentences (``story_told``, ``ExtractiveAnswerer.more``)."""
    return bool(_MORE.match(question))


# a story of the last answer named by its place: "Tell me more about the second one" after "What's in the news?"
# abstained (the news is a list of stories; Chromium, session 28)
_NTH_STORY = re.compile(r"^\W*(?:(?:ok(?:ay)?|so|and|please)\W+)?(?:(?:can|could|would)\s+you\s+)?(?:(?:tell|give|show)\s+"
                        r"(?:me|us)\s+)?(?:more\s+)?(?:(?:about|on)\s+)?the\s+(first|1st|second|2nd|third|3rd|last)"
                        r"(?:\s+(?:one|story|article|item))?(?:\W+please)?\W*$", re.IGNORECASE)
_PLACES = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "last": -1}


def story_asked(question: str) -> int | None:
    """The place among the last answer's stories that a request for more names ("Tell me more about the second
    one" -> 1, "the last story" -> -1), else None."""
    m = _NTH_STORY.match(question)
    return _PLACES[m.group(1).lower()] if m else None


def asks_what_next(question: str) -> bool:
    """Does the question ask what happens next in the story just told ("What happens next?", "What's next?", "What
    now?")? It is answered by that story's sentences about what is to come (``ExtractiveAnswerer.ahead``)."""
    return bool(_WHAT_NEXT.match(question))


# a question asking for another than the one just told: "Where else did it strike?" after "What killed so many people
# in Naples in 1656?" cited Naples's sentence again (0.43; SQuAD 2.0's store, whose paragraph goes on with Spain,
# Seville, Sweden …; session 29)
_ELSE = re.compile(r"\b(?:where|who|whom|what|which|when|how)\s+else\b"
                   r"|\b(?:anyone|anybody|anything|anywhere|someone|somebody|something|somewhere)\s+else\b", re.IGNORECASE)


# "are you sure?", "is that true?": what the last answer quoted is shown again, the words the articles say ("are you sure?"
# after "any news about pandas?" said the articles don't say; a folder of our own, session 37)
_CHECKED = re.compile(r"^\W*(?:are\s+you\s+sure|(?:is|was)\s+(?:that|this|it)\s+(?:true|right|correct|so)|really"
                      r"|how\s+do\s+you\s+know(?:\s+(?:that|this))?|says\s+who|(?:what(?:'s|’s|\s+is)\s+)?(?:the|your)\s+source)"
                      r"\W*$", re.IGNORECASE)


def asks_checked(question: str) -> bool:
    """Does the question ask whether what was just said is so ("Are you sure?", "Is that true?", "Source?")?"""
    return bool(_CHECKED.match(question))


def asks_else(question: str) -> bool:
    """Does the question ask for another than what the last answer said ("Where else did it strike?", "Who else was
    hurt?")? A bare "What else?" is a request for more (``asks_for_more``)."""
    return bool(_ELSE.search(question)) and not asks_for_more(question)


def story_told(turns: list, answered_articles: Callable[..., tuple[str, ...]], place: int | None = None
               ) -> tuple[str, set[str]] | None:
    """For a request for more (``asks_for_more``, ``asks_what_next``): the article the last answer cited first and every
    sentence the conversation's answers quoted (whitespace made single); None when no answer quoted one. ``turns``:
    ``followup.Turn`` (which reads this module); ``answered_articles``: the articles an answer (a turn) cited
    (``AnsweredArticles.of_answer``). ``place`` (``story_asked``): the article at that place among those the
    last answer citing several cited ("Tell me more about the first one" after the news and a question about its second
    story)."""
    said = [(t, quoted_sentences(t.content)) for t in turns if t.role == "assistant"]
    # the last answer, or after "That is all the article says about it." (or "The article does not say what happens
    # next.") the one before it: an answer that quoted nothing (the articles don't say) leaves no story to go on with
    last, quotes = next(((t, q) for t, q in reversed(said) if t.content.strip() not in (STORY_TOLD, NOTHING_AHEAD)),
                        (None, []))
    answered: tuple[str, ...] = ()
    if place is not None:  # the stories of the last answer citing several
        listed = (answered_articles(t) for t, qs in reversed(said) if qs)
        answered = next((a for a in listed if len(a) > 1), ())
    if not answered and last is not None and quotes:
        answered = answered_articles(last)
    quoted = {flat(q) for _, qs in said for q in qs}
    place = place or 0
    return (answered[place], quoted) if -len(answered) <= place < len(answered) and quoted else None

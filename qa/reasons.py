"""Why: whether a question asks why, whether a sentence gives a reason, and which sentence answers first asked why
(pure; read where the answer's first sentence is chosen, ``answer_first``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .asked import held_terms
from .evidence import Candidate
from .scoring import question_terms

# asked why, the sentence that gives a reason answers: "Why are drivers striking?" cited "It would be the
# second strike this year; …" (its words, "drivers" and "strike") before the lead's "… will walk out for three
# days … after talks over pay broke down" (session 22). "Why …?", "… a palindrome date. Why?"
# ("What caused the wildfire?" asks why too: it cited the lead, not "The cause of the fire is under
# investigation."; session 23)
# (and what someone died of: "What did she die of?" of a pianist cited the lead, not "Her son, Daniel Mendel, said the
# cause was heart failure."; session 24)
_DIED_OF_ASKED = re.compile(r"\bwhat\s+(?:did|does)\s+[\w'’. -]+?\s+die\s+(?:of|from)\b|\bwhat\s+killed\b", re.IGNORECASE)
_WHY = re.compile(r"(?:^|[.?!]\s+)\W*(?:why\b|what\s+(?:caused|causes|led\s+to|is\s+the\s+cause|was\s+the\s+cause)\b"
                  rf"|{_DIED_OF_ASKED.pattern})", re.IGNORECASE)
# (not "due to" before a verb, which is a plan: "The stadium, which was due to cost $95 million, is now on hold …" gave
# none, and "why was the mayor removed?" cited it before "The recall campaign was launched … after Ashby approved a
# contract …"; a folder of our own, session 36)
# (and "for" a doing: "… fined … Streamly … for sending the personal data of European users …" answers "Why was
# Streamly fined?", which cited "It is the largest fine ever imposed …" first; session 23)
# (and an aim: "Why is it cheaper?" after "What did Lumo unveil?" cited the lead, not "… the lower price was aimed at
# winning back customers in Europe …"; session 24; a doing aimed at, not a thing: "… a favorite taunt aimed at the
# company …" gives none; session 36)
_REASON = re.compile(r"\b(?:because|due to(?!\s+(?:be|cost|start|begin|open|close|end|finish|take|arrive|launch|return"
                     r"|run|appear|meet|vote|expire|resume|reopen|stay|last|go|come|make|hold|visit|travel|leave|sign"
                     r"|publish|announce|report|decide|rule|complete|undergo|retire|step|play|face|receive|give|become"
                     r"|lift|fly|land|sail|air|hit|debut|premiere|speak|testify)\b)"
                     r"|owing to|as a result|after|amid|following|in order to|so that|in protest"
                     r"|aimed at \w+ing|in a bid to|in an effort to|seeking to|hoping to"
                     # (not a thing or a time in -ing: "… for new customers and a month later for existing ones.")
                     r"|for (?:\w+ly )?(?!(?:existing|incoming|upcoming|ongoing|remaining|coming|morning|evening"
                     r"|nothing|something|anything|everything|building|housing|parking|clothing|wedding|meeting)\b)\w{3,}ing"
                     r"|citing|blam(?:e|es|ed|ing)|reasons?|caused by|causes? of|cause (?:was|is)|led to|thanks to|for fear|meaning|to (?:avoid|keep|protect"
                     r"|prevent|stop|protest|reduce|meet|cut|make|help|ensure|save|pay|fund|end))\b", re.IGNORECASE)


def asks_why(question: str) -> bool:
    """Does the question ask why ("Why …?", "… Why?")?"""
    return bool(_WHY.search(question))


# (and "as" before what happened, as news leads write a reason: "… were cancelled at Amsterdam's Schiphol airport on
# Tuesday as thick fog cut visibility …" gave none, and "Why were flights cancelled at Schiphol?" cited "Under EU rules,
# airlines do not have to pay compensation for cancellations caused by weather." first; "… kept its main interest rate
# … as inflation slowed …"; not "such as", "as well as", "as many as" …; session 24)
_NOT_IN_CAUSE = r"(?!(?:well|much|many|long|soon|far|of|part|if|though|a|an|is|was|are|were|be|been|has|have|had|he|she|it" \
                r"|they|we|you|until|when|where|who|which|that|expected|planned|called|named|known|used|needed)\b)"
_AS_REASON = re.compile(rf"(?<!such )(?<!same )(?<!just )(?<!well )\bas\s+(?:(?:the|its|their)\s+)?{_NOT_IN_CAUSE}[a-z][\w'’-]*"
                        rf"(?:\s+{_NOT_IN_CAUSE}[a-z][\w'’-]*){{0,3}}?\s+(?:(?!called\b|named\b|used\b|expected\b)[a-z]{{3,}}ed"
                        r"|fell|rose|grew|cut|hit|sank|shrank|struck|spread|warms|rises|falls|grows|slows|soars|climbs|drops)\b")


# asked what one died of, a death of or from a thing gives it: "Hesseman died Saturday afternoon from complications
# related to colon surgery, …" answers "what did he die of?", which cited the actor's lead (RealTimeQA's store, session
# 38); only then (``_DIED_OF_ASKED``: "Two farm workers died of heatstroke …" is no reason a heatwave happens)
_DIED_OF = re.compile(r"\b(?:died|dies)\s+(?:[a-z]+\s+){0,3}?(?:of|from)\s+[a-z]+", re.IGNORECASE)


def gives_reason(sentence: str, question: str = "") -> bool:
    """Does the sentence give a reason ("because", "after", "amid", "due to", "to avoid", "as prices rose" …; what one died
    of, when the ``question`` asks it)?"""
    return bool(_REASON.search(sentence) or _AS_REASON.search(sentence)
                or _DIED_OF_ASKED.search(question) and _DIED_OF.search(sentence))


def restates(sentence: str, question: str, forms: dict[str, frozenset[str]]) -> bool:
    """Is each reason the sentence gives the thing asked about itself, its clause holding every word the question asks
    why of? "why was it grounded?" after "rwanda deportation flight" cited "… the country is “not deterred” after the UK
    deportation flight to Rwanda was grounded.", not "The inaugural flight … was stopped … after an intervention by the
    European Court of Human Rights (ECHR)." (RealTimeQA's store, session 39)."""
    asking = set(question_terms(question.split("?", 1)[0]))
    clauses = [re.split(r"[,.;:!?]", sentence[m.start():], maxsplit=1)[0]
               for pattern in (_REASON, _AS_REASON) for m in pattern.finditer(sentence)]
    return bool(asking) and bool(clauses) and all(asking <= held_terms(clause, forms) for clause in clauses)


def reason_first(question: str, top: Candidate, window: Iterable[Candidate], forms: dict[str, frozenset[str]],
                 about: Callable[[Candidate], bool], own: frozenset[str] = frozenset()) -> Candidate:
    """Asked why, the sentence to put first (``top``, the best, when it gives a reason): one of its story in ``window``
    giving one and holding a word of the question, however far behind ("Why are drivers striking?": "… will walk out for
    three days … after talks over pay broke down …", 0.30 to 0.45 behind "It would be the second strike this year;
    drivers walked out for one day in March.", which holds both its words; session 22); none holding one, one about the
    question ("why are they striking" after "are the buses running tomorrow" cited "… 80% of its services would be
    cancelled on strike days …", not the lead's "Train drivers … will walk out for three days … after talks over pay broke
    down, …", which writes no "strike"; session 27). Before both, when the best sentence holds the question's own words
    (``own``: a follow-up's, or those of a question naming something), the reason its story gives right after it: "Why?"
    after "What about revenue?" of a company's results cited "Shares in Brightwave fell 7 percent … after the
    announcement." (its name), not "The company blamed weak demand …", which follows "Revenue slipped 6 percent …"
    (session 32)."""
    if gives_reason(top.text, question) and not restates(top.text, question, forms):
        return top
    story = [c for c in window if c.article_id == top.article_id]
    asked = set(question_terms(question))
    after = top.index + 1 if own & held_terms(top.text, forms) else None
    # (and last, any of its story giving one: "why was the mayor removed?" cited the lead alone, its "The recall campaign
    # was launched in January after Ashby approved a contract …" at a cosine of 0.39; a folder of our own, session 36)
    return next((c for keep in (lambda c: c.index == after and about(c), lambda c: bool(asked & held_terms(c.text, forms)),
                                about, lambda c: True) for c in story if gives_reason(c.text, question) and keep(c)), top)

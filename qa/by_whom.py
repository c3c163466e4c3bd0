"""By whom a thing was done: whether a sentence names the doer of the verb a "who …?" question asks about (pure; read
where the answer's first sentence is chosen, ``answer_first``). "Who will build it?" is answered by "The line will be
built by a consortium led by … Ferrovial Urbano …", not by the lead's "… voted … to build a tram line" (session 20);
what the question asks the doer of is ``asked.asked_doing``."""

from __future__ import annotations

import re

from .asked import DOERS, LEADERS, agent_terms
from .numbers import MONTHS, WEEKDAYS
from .other_forms import OTHER_FORMS
from .scoring import TOKEN, terms

# (a name: not a day's, "… was attacked with a hammer … by a male assailant early Friday morning, …" names no one; "who
# attacked him?" after "paul pelosi was attacked at home" cited it again; RealTimeQA's store, session 36)
# ("May" left out: "… by May Wong" names her)
_NOT_A_DAY = rf"(?!(?:{'|'.join(d for d in WEEKDAYS + MONTHS if d != 'May')})\b)"
_BY_NAME = re.compile(rf"^[^.;]{{0,60}}?\bby\s+(?:(?:the|a|an|its|his|her|their|[a-z][\w'’-]*)\s+){{0,6}}?{_NOT_A_DAY}[A-Z]")

# or a name just before the verb: "… the British Heart Foundation, which funded part of the research" for
# "Who funded the study?" (it abstained, the lead first; session 22); not a sentence's first word alone
# (a name in quotes, and what it is said to be between commas: "Favorite \"CODA,\" about a deaf fishing family and their
# hearing daughter, won best picture …" for "Who won the Oscar for best picture?", which cited "Will Smith and Jessica
# Chastain took home the top acting prizes and Jane Campion won for best director …" first; session 35)
# (a name: capitalised words, not a sentence's first word alone)
_NAME = r"(?:(?<=\s)[\"“]?[A-Z][\w'’.&-]*|^[\"“]?[A-Z][\w'’.&-]*(?=\s+[A-Z]))(?:\s+[A-Z][\w'’.&-]*)*"
_NAME_BEFORE = re.compile(_NAME + r"(?:(?:,[\"”]|[\"”]?,)\s+[^,.;\"“”]{1,80},)?"
                          r",?\s+(?:(?:which|who|that)\s+)?(?:(?:has|have|had)\s+)?$")

# or a name that issued the thing the verb names: "The US Drug Enforcement Administration released a warning in August
# …" for "who is warning about it?" after "rainbow fentanyl", which cited "While he and his colleagues are aware of
# rainbow fentanyl warnings, he hasn’t heard …" (RealTimeQA's store, session 40)
_NAME_ISSUED = re.compile(_NAME + r"\s+(?:(?:has|have|had)\s+)?(?:issued|released|gave|sent|made|filed|published|put\s+out)\s+"
                          r"(?:a|an|the|its|his|her|their)\s+(?:[a-z][\w'’-]*\s+)?$")

# (or those who did it and their names: "Headliners included the bands Northern Arcs and The Velvet Hours." for "Who
# headlined the Lakeside festival?", which cited the lead; session 25)
_AGENT = re.compile(r"(?:er|or)s?$", re.IGNORECASE)
# a thing done at a place that did it: "A malaria vaccine developed at the University of Lusaka …" (session 37)
_AT_NAME = re.compile(r"^\s+at\s+(?:the\s+)?[A-Z]")
_BECOMES = re.compile(r"[A-Z][\w'’-]+\s+(?:will\s+(?:serve|act|take\s+over)\s+as|(?:was|has\s+been|is|will\s+be)\s+"
                      r"(?:named|appointed)(?:\s+as)?|becomes|became|will\s+become)\s+(?:the\s+|an?\s+)?$")
_NAME_AFTER = re.compile(r"^,?\s+(?:(?:include[sd]?|including|were|are|was|is)\s+)?(?:(?:the|a|an)\s+)?"
                         rf"(?:[a-z0-9][\w'’-]*\s+){{0,2}}?{_NOT_A_DAY}[A-Z]")


def says_by_whom(sentence: str, doing: str | None) -> bool:
    """Does the sentence write the verb and then "by" a name ("… built by … Ferrovial Urbano",
    "… founded in 1987 by brothers Alan and Tom Hartley"), or a name and then the verb ("… the British
    Heart Foundation, which funded …"), or, for leading, a leader's title before a name ("Chief executive
    Tom Reyes told reporters …" for "Who runs the company?", which cited the launch's lead; session 23), or a name
    issuing the verb's noun ("The US Drug Enforcement Administration released a warning …" for "Who warned …?")?"""
    if not doing:
        return False
    agents = agent_terms(doing)
    done = {doing} | OTHER_FORMS.get(doing, frozenset())  # (in another word: "developed at the University of Lusaka")
    for m in TOKEN.finditer(sentence):
        held, before, after = terms(m.group(0)), sentence[:m.start()], sentence[m.end():]
        if done & set(held) and (_BY_NAME.search(after) or _NAME_BEFORE.search(before) or _AT_NAME.search(after)
                                 or _NAME_ISSUED.search(before)
                                 or (_AGENT.search(m.group(0)) and _NAME_AFTER.search(after))):
            return True
        if agents & set(held) and (_NAME_AFTER.search(after) or _BECOMES.search(before)):  # one who does it, named:
            return True  # "Conductor Helena Marsh …", "… Rosa Delgado will serve as acting mayor …"
    return DOERS.get(doing) is LEADERS and titles_name(sentence)


def titles_name(sentence: str) -> bool:
    """Does the sentence write a leader's title and a name right after it ("Chief executive Tom Reyes",
    "… North America president, Daniel Okafor")?"""
    toks = [m.group(0) for m in TOKEN.finditer(sentence)]
    return any(set(terms(t)) & LEADERS and any(w[0].isupper() and not set(terms(w)) & LEADERS for w in toks[i + 1 : i + 3])
               for i, t in enumerate(toks))

"""What a yes-or-no question asks about ("Were passwords stolen?" -> the passwords; "Can I get a refund?" -> a refund):
the thing a sentence of the story must name to answer it (``answer_first``). Pure: the question alone decides."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .asked import sentences_of
from .scoring import TOKEN, terms
from .verbforms import BASE_FORM

# asked whether something is so, the sentence about that thing answers: "Were passwords stolen?" after "What happened
# at PulseTrack?" cited the lead ("… hackers had stolen the names, email addresses …"), not "Passwords and payment
# details were not taken, …" (session 24). The thing is the words between "is", "are", "was" or "were" and the
# question's last word or a verb's past participle ("Is the frog endangered?" -> "the frog", "Were passwords stolen at
# PulseTrack?" -> "passwords"; not "it", "anyone": ``scoring.terms`` drops them)
_BE = frozenset(["is", "are", "was", "were"])
_DO, _GET = frozenset(["did", "does", "do"]), frozenset(["get", "got", "gets"])
_ANYONE = frozenset(["anyone", "anybody", "someone", "somebody", "everyone", "everybody", "people"])
# past participles the irregular forms (``verbforms.BASE_FORM``) leave out or share with the base form
_PARTICIPLES = frozenset(["born", "seen", "done", "hit", "hurt", "shut", "cut", "won"])


def participle(word: str) -> bool:
    """Is the word a verb's past participle ("stolen", "arrested"; as far as its form tells)?"""
    w = word.lower()
    return w.endswith("ed") or w in BASE_FORM or w in _PARTICIPLES


# and whether one gets a thing, the thing: "my flight from amsterdam was cancelled. can i get compensation?" cited the
# fog's lead, not "Under EU rules, airlines do not have to pay compensation for cancellations caused by weather."
# (session 27): one or two words after "get", "receive" or "claim" ("Can I get a refund?" -> {"refund"}), also after
# what the asker tells first ("my flight was cancelled, can i get compensation?"), not in a question asking what,
# how much … ("How much did he get paid?")
_GETS = re.compile(r"\b(?:can|could|will|would|should|may|do|does|did)\s+[\w'’-]+\s+(?:get|receive|claim)\s+"
                   r"(?:(?:a|an|the|my|our|their|his|her|any|some)\s+)?([\w'’-]+(?:\s+[\w'’-]+)?)", re.IGNORECASE)
_ASKING_WHAT = re.compile(r"^\W*(?:what|who|whom|whose|which|when|where|why|how)\b", re.IGNORECASE)


# and whether there is a thing, the thing: "Is there a vaccine for chikungunya?" -> {"vaccin"} (session 31); or any,
# and whether any were made: "Were there any arrests?", "Have police made any arrests?" of a museum's theft cited its
# lead (session 32). Not a word that names whatever the story tells ("was there any trouble?" asks of the tram's story,
# which writes "late"; "any news", "any problems")
_VAGUE = r"(?:news|updates?|word|trouble|problems?|issues?|changes?|progress|developments?|information|details?|more)"
_THING = (rf"(?!{_VAGUE}\b)((?:[\w'’-]+\s+)?[\w'’-]+?)"
          r"(?=\s+(?:for|of|in|on|at|to|about|against|with|from|after|near|this|today|yet|now|so\s+far)\b|\W*$)")
_THERE = re.compile(r"^\W*(?:(?:is|are|was|were)\s+there|(?:has|have)\s+there\s+been)\s+"
                    r"(?:(?:still|now|already|currently|yet)\s+)?"
                    rf"(?:(?:a|an)\s+|any\s+(?=[\w'’-]+s\b)){_THING}"
                    rf"|^\W*(?:have|has|had|did)\s+(?:[\w'’-]+\s+){{1,3}}?(?:made|make)\s+any\s+{_THING}", re.IGNORECASE)


def asking_sentence(question: str) -> str:
    """The sentence of the question that asks: its first ending in "?" ("my flight was cancelled. can i get
    compensation?"; a follow-up searched with its subject after it asks in its first), else its first."""
    parts = sentences_of(question)
    return next((p for p in parts if p.rstrip().endswith("?")), parts[0])


def whether_of(question: str) -> set[str]:
    """The terms of the thing a yes-or-no question with "is", "are", "was" or "were" (or "did … get") asks about: one to
    three words, ended by a verb's participle or by the question's last word ("Were passwords stolen?" -> {"password"});
    of anyone, what is said of them ("Did anyone get hurt?" -> {"hurt"}); whether one gets a thing, the thing ("Can I
    get a refund?" -> {"refund"}); whether there is a thing, the thing (``there_is``); empty for other questions."""
    asking = asking_sentence(question)
    gets = None if _ASKING_WHAT.match(asking) else _GETS.search(asking)
    got = set(terms(gets.group(1))) if gets else set()
    return _whether_of(asking) or got or there_is(question)


def there_is(question: str) -> set[str]:
    """The terms of the thing a question asks whether there is or was made ("Is there a vaccine for it?" -> {"vaccin"},
    "Were there any arrests?", "Have police made any arrests?" -> {"arrest"}; not "was there any trouble?", which asks
    of the story told whatever it calls it)."""
    there = _THERE.match(asking_sentence(question))
    return set(terms(there.group(1) or there.group(2))) if there else set()


def _whether_of(asking: str) -> set[str]:
    said = TOKEN.findall(asking)
    if not said or said[0].lower() not in _BE | _DO:
        return set()
    rest = said[1:]
    if said[0].lower() in _DO:  # "Did anyone get hurt in the derailment?": its "get" is its "was"
        got = next((i for i in range(1, min(4, len(rest))) if rest[i].lower() in _GET), None)
        if got is None:
            return set()
        rest = rest[:got] + rest[got + 1:]
    end = next((i for i in range(1, min(4, len(rest))) if participle(rest[i]) or i == len(rest) - 1), None)
    if not end:
        return set()
    # of anyone, what is said of them: "Was anyone hurt?" -> {"hurt"} ("did anyone get hurt in the derailment" cited the
    # derailment's lead, not "No one was hurt."; session 25)
    if all(w.lower() in _ANYONE for w in rest[:end]):
        return set(terms(rest[end]))
    return set(terms(" ".join(rest[:end])))



# and where, named after it: in the sentence naming the thing, or in its story's lead ("Was there an earthquake in
# Turkey?" cited Afghanistan's earthquake, its story naming Turkey for the aid it sent; RealTimeQA's store, 0.36;
# "Is there a strike at Eastfield Airport?": "Baggage handlers at Eastfield Airport will walk out …" and "About 400
# workers … will strike …"; session 33)
_THERE_WHERE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?((?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*)*)", re.IGNORECASE)


def there_where(question: str) -> set[str]:
    """The terms of the place named after the thing a question asks whether there is ("Was there an earthquake in
    Turkey?" -> {"turkey"}); empty for a question naming none, or asking no such thing (``there_is``)."""
    asking = asking_sentence(question)
    where = _THERE_WHERE.search(asking) if _THERE.match(asking) else None
    return set(terms(where.group(1))) if where else set()


_PRONOUNS = frozenset(["he", "she", "it", "they"]) | _ANYONE


def act_asked(question: str) -> set[str]:
    """The terms of the act a question of three words asks whether someone did or suffered ("Was he arrested?" ->
    {"arrest"}, "Has she resigned?", "Was anyone hurt?", "Did anyone get hurt?"); empty for other questions."""
    said = [w.lower() for w in TOKEN.findall(asking_sentence(question))]
    if said[:1] in (["did"], ["do"], ["does"]) and len(said) == 4 and said[2] in _GET:
        said = said[:2] + said[3:]
    if len(said) != 3 or said[0] not in _BE | _DO | {"has", "have", "had"} or said[1] not in _PRONOUNS:
        return set()
    return set(terms(said[2])) if participle(said[2]) else set()


def thing_unnamed(question: str, story: Sequence[tuple[int, str]], held: Callable[[str], set[str]]) -> bool:
    """Asked whether there is a thing (``there_is``) or whether one was done (``act_asked``), does no sentence of ``story`` (place, text) read
    name it (and the place named after it, there or in the story's lead: ``there_where``)? Then the articles do not
    say: "Was he arrested?" after "What happened to Corvale Bank?" cited the bank's lead (0.46), its story naming no
    arrest (session 33). ``held``: a text's terms."""
    thing, where = there_is(question) or act_asked(question), there_where(question)
    if not thing:
        return False
    lead = set().union(*(held(text) for i, text in story if i <= 1))  # (its headline, its first sentence)
    return not any(thing & t and where <= t | lead for t in (held(text) for _, text in story))

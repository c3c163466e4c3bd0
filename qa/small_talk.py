"""Messages that ask nothing of the articles: a greeting, thanks, an acknowledgement, what the assistant is (pure: the
message alone decides).

Searched as questions they were answered from the articles: "thanks" after "who was arrested in lisbon" was read as a
follow-up ("thanks? arrested lisbon") and the arrest's lead was cited again; "hi" got "The articles don't say." with
three articles at random as related reading (session 27). Each is answered by a line of its own that cites nothing
(an abstention: no sentence of the articles is the answer; the chat shows it plainly, ``render``), and a conversation
is read past them (``without_small_talk``, ``Assistant.ask``): "how much is it worth?" after "thanks" is still about the
painting, and a question opening with small talk asks what follows it (``asked_part``), a filler after what it asks
about left out ("the tryptophan thing").
"""

from __future__ import annotations

import re
from dataclasses import replace

GREETING = "Hello. Ask me a question about the articles: each answer quotes the sentences it rests on."
THANKS = "You're welcome."
NOTED = "Ask me anything else about the articles."
# asked what it is or does: "who are you?", "what can you do" got "The articles don't say." (session 37)
ABOUT = ("I answer questions about the articles in this store. Each answer quotes the sentences it rests on, with their "
         "sources; when the articles don't say, I tell you so.")
REPLIES = frozenset([GREETING, THANKS, NOTED, ABOUT])

_BY = r"(?:\s+(?:there|all|everyone|again|so much|very much|a lot|a bunch|you|for (?:that|this|the (?:answer|help))))*"
_GREETING = re.compile(rf"^\W*(?:hi|hello|hey|hiya|howdy|greetings|good\s+(?:morning|afternoon|evening)){_BY}\W*$",
                       re.IGNORECASE)
_THANKS = re.compile(rf"^\W*(?:(?:ok(?:ay)?|great|perfect|cool|nice|brilliant)\W+)?(?:thanks|thank\s+you|thx|ty|cheers"
                     rf"|much\s+appreciated){_BY}\W*$", re.IGNORECASE)
_ACK = (r"(?:ok(?:ay)?|k|great|perfect|cool|nice|brilliant|got\s+it|i\s+see|understood|alright|all\s+right|makes\s+sense"
        r"|interesting|wow|then|thanks)")
_NOTED = re.compile(rf"^\W*(?!then\b){_ACK}(?:\W+{_ACK})*\W*$", re.IGNORECASE)  # ("then?" alone may ask what came next)
_ABOUT = re.compile(r"^\W*(?:who|what)\s+(?:are|r)\s+(?:you|u)|^\W*what\s+(?:can|do)\s+(?:you|u)\s+do"
                    r"|^\W*how\s+do\s+(?:you|u)\s+work|^\W*help(?:\s+me)?\W*$", re.IGNORECASE)
_ABOUT_END = re.compile(r"(?:you|u|do|work|help|me)\W*$", re.IGNORECASE)  # (not "what can you do about the whale?")


def small_talk(message: str) -> str | None:
    """The reply to a message that asks nothing ("hi", "thanks!", "ok, great"), or None for anything else ("ok, what
    about the whale?" asks about the whale; "thanks to whom?" asks too)."""
    if _GREETING.match(message):
        return GREETING
    if _THANKS.match(message):
        return THANKS
    if _NOTED.match(message):
        return NOTED
    if _ABOUT.match(message) and _ABOUT_END.search(message):
        return ABOUT
    return None


# a message opening with small talk and then asking ("thanks, what about the whale?" was searched with the subject
# before it, "arrested lisbon", and cited the arrest's lead beside the whale's)
_OPENING = re.compile(r"^(.{1,40}?[,.!;:]+)\s+(?=\S)")


# a filler after what is asked about: "tell me about the tryptophan thing" abstained (0.24) where "tell me about
# tryptophan" answered (0.37), the word counted missing from the story and pulling the search away (session 36); not
# a thing said to be one of a kind ("the same thing", "the only thing", "the right thing")
_WORD = (r"(?!(?:the|a|an|this|that|these|those|whole|same|only|first|last|next|right|wrong|real|best|worst|other|main"
         r"|big|good|bad|important|one|new|old|very|little|kind|sort)\b)[\w'’-]+")
_FILLER = re.compile(rf"\b(the|this|that)\s+({_WORD}(?:\s+{_WORD}){{0,2}}?)\s+(?:thing|stuff)\b", re.IGNORECASE)


# and "back to" before a subject and its question: "back to the panda: when can people visit?" abstained (0.30), "back"
# counted a word the story lacks, where "the panda: when can people visit?" answered (0.71; a folder of our own, session
# 37)
_BACK_TO = re.compile(r"^\W*(?:(?:and|ok|okay|so|now)[\s,]+)?(?:going\s+|coming\s+)?back\s+to\s+(?=[^?:,]{1,40}[:,]\s*\S)",
                      re.IGNORECASE)


# a subject put first, then a question saying "she", "it" … of it: the subject is what the pronoun means ("and the booker
# winner, how old is she?" after questions about a volcano was searched with the volcano and abstained; "how old is the
# booker winner?" answered; session 37)
_NOT_VERB = r"(?!(?:is|are|was|were|be|been|being|has|have|had|said|says)\b)[\w'’-]+"
_FRONTED = re.compile(rf"^\W*(?:(?:and|so|now|what\s+about|how\s+about|as\s+for)\s+)?(the\s+{_NOT_VERB}(?:\s+{_NOT_VERB}){{0,3}}?)"
                      r"\s*[,:]\s+((?:what|who|whom|whose|when|where|why|how|which|is|are|was|were|did|does|do|has|have|had|can"
                      r"|will|would|could|should)\b.*)$", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:(he|she|it|they|him|them)|(his|its|their))\b", re.IGNORECASE)  # (a possessive: 2)


def fronted(message: str) -> str:
    """The question with the subject it puts first read for the first "he", "she", "it", "they" … it says ("the booker
    winner, how old is she?" -> "how old is the booker winner?", "the phone: what is its price?" -> "what is the phone's
    price?"); the message itself when it puts none first or says no pronoun of it."""
    m = _FRONTED.match(message)
    if m is None or not _PRONOUN.search(m.group(2)):
        return message
    subject = m.group(1)
    return _PRONOUN.sub(lambda p: subject if p.group(1) else f"{subject}'s", m.group(2), count=1)


def asked_part(message: str) -> str:
    """The message without the small talk it opens with ("thanks, what about the whale?" -> "what about the whale?",
    "Hi! Great, thanks. Who won?" -> "Who won?"), without "back to" before the subject it returns to ("back to the panda:
    …" -> "the panda: …"), the subject it puts first read for its pronoun (``fronted``) and without a filler after what it
    asks about ("the tryptophan thing" -> "the tryptophan"); the message itself when it opens otherwise, or is small
    talk alone."""
    rest = message
    while (m := _OPENING.match(rest)) and small_talk(m.group(1)) is not None:
        rest = rest[m.end():]
    rest = fronted(_BACK_TO.sub("", rest))
    return _FILLER.sub(r"\1 \2", rest) if " thing" in rest or " stuff" in rest else rest


def without_small_talk(turns: list) -> list:
    """A conversation's turns (``followup.Turn``s) without its small talk and the replies to it, and each question
    without the small talk it opens with: what the conversation is about, and the story it was last answered from, are
    read past them ("how much is it worth?" after "thanks" is still about the painting; "Tell me more" goes on with the
    story before it)."""
    return [replace(t, content=asked_part(t.content)) if t.role == "user" else t for t in turns
            if not (t.role == "user" and small_talk(t.content) is not None
                    or t.role == "assistant" and t.content.strip() in REPLIES)]

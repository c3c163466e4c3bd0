"""What a word means: whether a question asks it, and whether a sentence tells it (pure; read where the answer's first
sentence is chosen, ``answer_first``)."""

from __future__ import annotations

import re

from .asked import sentences_of

# "What does youthquake mean?", "what does it mean?", "What is the meaning of …?", "what's the definition?", "what does
# NFT stand for?"
_ASKS_MEANING = re.compile(r"^\W*(?:what\s+(?:does|do|did)\s+(?:[\w'’&.-]+\s+){1,4}?(?:mean|stand\s+for)\b"
                           r"|what(?:'s|’s|\s+is|\s+was)\s+(?:the|its|their)\s+(?:meaning|definition)\b)", re.IGNORECASE)
# a sentence saying what a word means: "It's defined as "a significant cultural, …"", "The term refers to …", "NFT
# stands for …", "… which means …" (not "means of transport": the verb, after its subject); "It defines the term as …" ("what
# does it mean?" after "goblin mode" cited the lead again; RealTimeQA's store, session 40)
_GIVES_MEANING = re.compile(r"(?:\b(?:is|are|was|were)|['’]s)\s+defined\s+as\b|\b(?:define[sd]?\s+(?:it|them|the\s+(?:term|word|phrase))\s+as|"
                            r"refers?\s+to|stands?\s+for|is\s+short\s+for|(?:it|which|that|term|word|phrase)\s+means)\b",
                            re.IGNORECASE)


def asks_meaning(question: str) -> bool:
    """Does the question ask what a word means ("What does youthquake mean?", "what does it mean?")?"""
    return bool(_ASKS_MEANING.match(sentences_of(question)[0]))


def gives_meaning(sentence: str) -> bool:
    """Does the sentence tell what a word means ("It's defined as "a significant cultural, political, or social change
    …"")?"""
    return bool(_GIVES_MEANING.search(sentence))

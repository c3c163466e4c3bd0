"""What a thing is put to: whether a question asks it, and whether a sentence tells it (pure; read where the answer's first
sentence is chosen, ``answer_first``)."""

from __future__ import annotations

import re

from .asked import sentences_of

# what someone does with a thing, or spends it on: "what will she do with it" after "how much does she get" of a prize
# cited the lead, not "She said she would use part of the money to set up a writing school …"; "what did he spend it on"
# of a charity boss's theft "… said it had cut spending on two of its programmes …" before "Jonathan Hale, 54, used the
# money to pay for a villa …" (a folder of our own, sessions 36 and 37)
_ASKS_USE = re.compile(r"^\W*what\s+(?:will|would|did|does|do|has|have|had|is|are|was|were|could|should|can|might)\s+"
                       r"(?:[\w'’&.-]+\s+){1,4}?(?:do|doing|done|spend|spending|spent|use|using|used)\s+"
                       r"(?:(?:it|them|this|that|the\s+[\w'’-]+|the\s+money)\s+)?(?:with|on|for)\b", re.IGNORECASE)
# a verb of putting it to use, then what to: "used the money to pay for", "use part of the money to set up" (not "cut
# spending on two of its programmes", a cut)
_GIVES_USE = re.compile(r"\b(?:use|uses|used|using|spend|spends|spent|invest|invests|invested|put|puts)\s+"
                        r"(?:[\w'’£$€,.-]+\s+){0,5}?(?:to|on|for|into|towards?)\b", re.IGNORECASE)


def asks_use(question: str) -> bool:
    """Does the question ask what a thing is put to ("What will she do with it?", "What did he spend it on?")?"""
    return bool(_ASKS_USE.match(sentences_of(question)[0]))


def gives_use(sentence: str) -> bool:
    """Does the sentence tell what a thing is put to ("… used the money to pay for a villa …")?"""
    return bool(_GIVES_USE.search(sentence))

"""Words typed in lower case, read as the articles write them (pure). A person types "starliner", "adele", "kanaani";
the articles write "Starliner", "Adele", "Nasser Kanaani". A word is written as a name where it is capitalised inside a
sentence (not after its start, a full stop, a quote or a colon) and nowhere in lower case."""

from __future__ import annotations

import re

from .scoring import terms, words

# a word capitalised inside a sentence: after a word, a comma, a semicolon, a bracket or an apostrophe, or a title's
# abbreviation ("Rep. Madison Cawthorn": "why did he lose?" after "madison cawthorn primary" carried "madison" as typed;
# RealTimeQA's store, session 39)
# (the titles written short before a name, read here and where a sentence names who speaks: ``answer_kinds.speaker``)
TITLES = ("Dr", "Mr", "Mrs", "Ms", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt", "St", "Rev", "Pres", "Supt")
_INNER_CAPITAL = re.compile(r"(?:(?<=[\w,;)’'])|" + "|".join(rf"(?<=\b{t}\.)" for t in TITLES) + r")\s+([A-Z][\w'’-]*\w)")
# a word written capitalised anywhere
_CAPITAL = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
# a word written in lower case
LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*")


def written_as_names(text: str) -> dict[str, str]:
    """The words the text writes as names, each lower-cased and as written ({"adele": "Adele"})."""
    lower = set(LOWER_WORD.findall(text))
    return {w.lower(): w for w in _INNER_CAPITAL.findall(text) if w.lower() not in lower}


def other_words(name_words: set[str], sentence: str) -> set[str]:
    """The terms of a name the question writes in capitals (its words lower-cased: {"bill", "gates"} for "Bill Gates")
    that the sentence holds only as words written in lower case: there they are other words, and the sentence does not
    hold them ("who passed him?" after "bill gates richest" cited "… the language of the bill, … the newly passed law
    …" of a plastics law; RealTimeQA's store, session 39)."""
    if not name_words:
        return set()
    capital = {w.lower() for w in _CAPITAL.findall(sentence)}
    lowered = {w for w in set(LOWER_WORD.findall(sentence)) & name_words if w not in capital}
    if not lowered:
        return set()
    return set(terms(" ".join(lowered))) - set(terms(" ".join(w for w in words(sentence) if w not in lowered)))


def as_written(typed: str, text: str) -> str:
    """The typed words, each typed in lower case that the text writes as a name written so ("adele vegas residency"
    beside "… Adele said …, her Las Vegas residency …" -> "Adele Vegas residency")."""
    names = written_as_names(text)
    return LOWER_WORD.sub(lambda m: names.get(m.group(0), m.group(0)), typed) if names else typed

"""Words typed in lower case, read as the articles write them (pure). A person types "starliner", "adele", "kanaani";
the articles write "Starliner", "Adele", "Nasser Kanaani". A word is written as a name where it is capitalised inside a
sentence (not after its start, a full stop, a quote or a colon) and nowhere in lower case."""

from __future__ import annotations

import re

# a word capitalised inside a sentence: after a word, a comma, a semicolon, a bracket or an apostrophe
_INNER_CAPITAL = re.compile(r"(?<=[\w,;)’'])\s+([A-Z][\w'’-]*\w)")
# a word written in lower case
LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*")


def written_as_names(text: str) -> dict[str, str]:
    """The words the text writes as names, each lower-cased and as written ({"adele": "Adele"})."""
    lower = set(LOWER_WORD.findall(text))
    return {w.lower(): w for w in _INNER_CAPITAL.findall(text) if w.lower() not in lower}


def as_written(typed: str, text: str) -> str:
    """The typed words, each typed in lower case that the text writes as a name written so ("adele vegas residency"
    beside "… Adele said …, her Las Vegas residency …" -> "Adele Vegas residency")."""
    names = written_as_names(text)
    return LOWER_WORD.sub(lambda m: names.get(m.group(0), m.group(0)), typed) if names else typed

"""A word typed wrongly, read as the word of the store it is closest to.

"how much snow is forcast" abstained (0.24) beside "… issued an amber warning for heavy snow …", "who is fiona dally"
(0.14) beside "Health minister Fiona Daly resigned …": word search finds no "forcast", and the confidence reads the
question's words in the sentences (session 26). A word is read otherwise only when the store does not hold it, no
English dictionary knows it (the embedding model's word pieces, pyspellchecker's word list: "safe" is never read as
"sale" in a small folder that lacks it, nor "descale" as "de-escalate", "whetstone" as "Weston" or "yolk" as "YOLO", as
they were without the word list on the off-topic questions; "wale", "dally" are words too, and stay as typed), it is
written in lower case (a name the store lacks is no typo: "Who is Gilad Erdan?") and a term of the store is one slip
away (``edits``), of the same first letter. ``respelled`` is pure; ``dictionary_knows`` reads the word list."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence

from .scoring import TOKEN, stopwords, terms

MIN_LETTERS = 4  # shorter words have too many neighbours one edit away

_BUCKETS: dict[int, tuple[Mapping[str, int], dict[tuple[str, int], list[str]]]] = {}


def _buckets(vocabulary: Mapping[str, int]) -> dict[tuple[str, int], list[str]]:
    """The vocabulary's terms by (first letter, length), built once per vocabulary (the store's, per change)."""
    hit = _BUCKETS.get(id(vocabulary))
    if hit is not None and hit[0] is vocabulary:
        return hit[1]
    out: dict[tuple[str, int], list[str]] = {}
    for term in vocabulary:
        if term.isalpha():
            out.setdefault((term[0], len(term)), []).append(term)
    if len(_BUCKETS) >= 4:
        _BUCKETS.clear()
    _BUCKETS[id(vocabulary)] = (vocabulary, out)
    return out


# letters next to each other on a keyboard (QWERTY): one struck for the other is the likelier slip
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEAR = {c: {r2[k] for dr in (-1, 0, 1) if 0 <= i + dr < 3 for r2 in [_ROWS[i + dr]]
             for k in (j - 1, j, j + 1) if 0 <= k < len(r2) and r2[k] != c}
         for i, row in enumerate(_ROWS) for j, c in enumerate(row)}


def edits(typed: str, word: str, limit: float) -> float:
    """What it takes to type ``word`` as ``typed``: a letter left out or two swapped 0.8, a letter struck twice 0.8,
    one struck for a letter beside it 0.9, another letter added 0.9, any other letter 1.0 (the slips people make
    most cost least); more than ``limit`` once more is needed."""
    a, b = typed, word
    if abs(len(a) - len(b)) * 0.8 > limit:  # a letter more or less costs 0.8 at least
        return limit + 1
    prev2: list[float] = []
    prev = [0.8 * j for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        extra = 0.8 if (i > 1 and a[i - 1] == a[i - 2]) or (i < len(a) and a[i - 1] == a[i]) else 0.9
        cur = [prev[0] + extra] + [0.0] * len(b)
        for j in range(1, len(b) + 1):
            same = a[i - 1] == b[j - 1]
            swap = 0.0 if same else 0.9 if b[j - 1] in _NEAR.get(a[i - 1], ()) else 1.0
            cur[j] = min(prev[j] + extra, cur[j - 1] + 0.8, prev[j - 1] + swap)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 0.8)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def closest(term: str, vocabulary: Mapping[str, int]) -> str | None:
    """The store's term the typed ``term`` is likeliest a slip for (``edits``, one slip: two let "whetstone" be read
    as "Weston"), of its first letter; of two as likely, the more frequent. None when there is none."""
    buckets = _buckets(vocabulary)
    found = [(edits(term, t, 1.0), -vocabulary[t], t)
             for n in range(len(term) - 1, len(term) + 2) for t in buckets.get((term[0], n), ())]
    found = [f for f in found if f[0] <= 1.0]
    return min(found)[2] if found else None


# the words a question's form is written with, within its first three words: typed wrongly, a question is not read as
# asking how many, when or who ("how mnay stops does the blue line have" abstained, read as "how mani stops …"; session
# 26)
FORM_WORDS = frozenset("what when where which who whom whose why how many much long often old did does do is are was "
                       "were will would can could should has have had the".split())


def form_word(typed: str) -> str | None:
    """The word of a question's form (``FORM_WORDS``) the typed word is a slip for, a letter left out, two swapped or
    one doubled only ("mnay" -> "many", "wen" -> "when", "waht" -> "what"; a key beside or another letter would make
    most short words one); None when there is none, or two are as likely ("hwo": "how" or "who")."""
    found = sorted((edits(typed, w, 0.8), w) for w in FORM_WORDS if abs(len(w) - len(typed)) <= 1)
    found = [f for f in found if f[0] <= 0.8]
    return found[0][1] if found and (len(found) == 1 or found[1][0] > found[0][0]) else None


def nearest(typed: str, vocabulary: Mapping[str, int], neighbours: Callable[[str], Sequence[str]]) -> str | None:
    """What the typed word is read as: of the dictionary's words one slip from it (``neighbours``) whose term the store
    holds, the likeliest (``edits``, then the most frequent), as written ("assimilted" -> "assimilated", not the term
    "assimil"); else the store's term itself (``closest``: a name no dictionary knows, "dali" for "Daly"); None when
    neither is."""
    written = [(edits(typed, w, 1.0), -max(vocabulary.get(t, 0) for t in terms(w)), w) for w in neighbours(typed)
               if w[:1] == typed[:1] and len(terms(w)) == 1 and terms(w)[0] in vocabulary]
    written = [f for f in written if f[0] <= 1.0]
    if written:
        return min(written)[2]
    stems = terms(typed)
    return closest(stems[0], vocabulary) if len(stems) == 1 else None


def respelled(text: str, vocabulary: Mapping[str, int], known: Callable[[Sequence[str]], list[bool]],
              neighbours: Callable[[str], Sequence[str]] = lambda typed: ()) -> str:
    """The text with each word typed wrongly written as the store's term it is closest to ("how big was the wale" ->
    "how big was the whale"), and, within its first three words, as the word of the question's form it is a slip for
    (``form_word``: "wen did the tram open" -> "when did the tram open", a word of three letters whatever a dictionary
    says of it; not a stopword, "any news …" is not "many news …"; not "What dose …"); ``vocabulary``: the store's terms
    with how many chunks hold each; ``known``: which of some words a dictionary knows (they are no slips);
    ``neighbours``: the dictionary's words one edit from a word (``nearest``). The text as it is when nothing is read
    otherwise."""
    stop = stopwords()
    # each word as written (``scoring.TOKEN``: "what's", "Kestrel-4b" are no slips), in lower-case letters, and its place
    typed = [(k, m) for k, m in enumerate(TOKEN.finditer(text))
             if m.group(0).isascii() and m.group(0).isalpha() and m.group(0).islower()]
    form = {m.start(): (m, better) for k, m in typed if k < 3 and m.group(0) not in FORM_WORDS | stop
            and len(m.group(0)) >= 3 and (better := form_word(m.group(0)))}
    asked = [m for _, m in typed if m.start() not in form and len(m.group(0)) >= MIN_LETTERS
             and m.group(0) not in stop and not any(t in vocabulary for t in terms(m.group(0)))]
    read = asked + [m for m, _ in form.values()]
    unknown = {m.start() for m, k in zip(read, known([m.group(0) for m in read]) if read else [], strict=True) if not k}
    fixes = {m.start(): (m.end(), better) for m in asked if m.start() in unknown
             and (better := nearest(m.group(0), vocabulary, neighbours))}
    fixes.update({start: (m.end(), better) for start, (m, better) in form.items()
                  if start in unknown or len(m.group(0)) <= 3})
    out, end = [], 0
    for start in sorted(fixes):
        stop_at, better = fixes[start]
        out += [text[end:start], better]
        end = stop_at
    return "".join(out) + text[end:] if out else text


@functools.lru_cache(maxsize=1)
def _checker():
    from spellchecker import SpellChecker  # ~0.1 s, once

    return SpellChecker()


def dictionary_knows(words: Sequence[str]) -> list[bool]:
    """Which of the words an English word list knows (pyspellchecker's, in its wheel: nothing is downloaded)."""
    known = _checker().word_frequency
    return [w.lower() in known for w in words]


def dictionary_neighbours(typed: str) -> list[str]:
    """The words of the English word list one edit from the typed word (pyspellchecker's; ~0.5 ms)."""
    checker = _checker()
    return sorted(checker.known(checker.edit_distance_1(typed)))

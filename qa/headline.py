"""What an article's headline adds to a question (pure; read by the sentence ranker, ``qa.evidence``): a headline states
the news, and a question about the news restates most of it, so the names and numbers the headline adds are often what
the question asks for ("Amazon" for "Which company announced a 20-for-1 stock split?" under "Amazon stock split: …")."""

from __future__ import annotations

import re

from .scoring import NAME_OR_NUMBER, question_terms, said_words, terms

# a site's name after a headline ("… | CNN Business", "… - CNN") and an ellipsis where it was cut
_SITE = re.compile(r"\s+[|–—-]\s+[^|–—-]{1,40}$")
_CUT = re.compile(r"\s*(?:\.\.\.|…)$")


def headline_news(title: str, question: str, text: str | None = None) -> frozenset[str]:
    """The terms of the names and numbers an article's headline adds to the question: "What
    well-known company recently announced a 20-for-1 stock split?" against "Amazon stock split: Shares
    are about to get much, much cheaper" -> {"amazon"}. A headline states the news, and a question
    about the news restates most of it, so what the headline adds is often what the question asks for
    (the ranker favours the sentences that hold it). The site's name after the headline is not news.
    With the article's ``text``, a headline word the text writes in lower case is no name: a headline
    in title case ("Port Halden Picks Marisol Ortega As Its First Harbour Master") capitalises every
    word, and a sentence-case one its first ("Shares are about to …"), the text only the names."""
    title = _CUT.sub("", " ".join(title.split()))
    while (shorter := _SITE.sub("", title)) != title:
        title = shorter
    asked = said_words(question)
    added = [w for w in NAME_OR_NUMBER.findall(title) if w.lower() not in asked]
    if text is not None:
        added = [w for w in added if not _in_lower_case(w, text)]
    return frozenset(t for w in added for t in terms(w)) - set(question_terms(question))


def _in_lower_case(word: str, text: str) -> bool:
    """Does the text write the word in lower case, as a word of its own? (A substring test first: most
    names never appear in lower case, and reading all of an article's words took 0.3–0.6 ms.)"""
    low = word.lower()
    return word[0].isalpha() and low in text and re.search(rf"(?<![\w'’.-]){re.escape(low)}(?![\w'’-])", text) is not None

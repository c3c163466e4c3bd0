"""The articles an earlier answer of a conversation cited: the ids its turn carries, or, when a client sent its text
only (the OpenAI-compatible endpoint, a client that keeps no citations), those holding the sentences it quotes, found by
searching them and kept between questions."""

from __future__ import annotations

import contextlib
from dataclasses import replace

from index.filters import Filters
from index.store import Store, StoredArticle

from .citations import quoted_sentences
from .followup import Turn
from .retrieval import HybridRetriever
from .scoring import flat

# articles read for the sentences a previous answer quotes, searched by the answer's own text: on
# the dev dialogues' first answers this finds exactly the cited articles 49 times in 51 (once one of
# two, once one more that repeats the sentence); 50 ms p50 on the RealTimeQA store
QUOTED_ARTICLES = 5


# the answers of a conversation sent as text only (the OpenAI-compatible endpoint, a client that keeps no
# citations) read for the articles they cited, the last ones first: each a search by the sentences it quotes
# (~50 ms on the RealTimeQA store); the turns further back are read by their words alone
CITED_TURNS = 6
FOUND_KEPT = 512  # answers whose cited articles are kept (``AnsweredArticles.found``)


def cites(answer: Turn, stored: StoredArticle) -> bool:
    """Did the answer cite this article (its ids, else a sentence its text quotes)?"""
    if answer.article_ids:
        return stored.article.id in answer.article_ids
    text = flat(stored.article.text)
    return any(flat(q) in text for q in quoted_sentences(answer.content))


def first_quoted(quoted: list[str], stored: StoredArticle) -> int:
    """The place of the first of the quoted sentences the article holds (their number when it holds none)."""
    text = flat(stored.article.text)
    return next((i for i, q in enumerate(quoted) if flat(q) in text), len(quoted))


class AnsweredArticles:
    """The articles each answer of a conversation cited (``of_answer``), and the turns carrying them (``of_turns``)."""

    def __init__(self, store: Store, retriever: HybridRetriever, found: dict[tuple[str, str], tuple[str, ...]] | None = None):
        self.store = store
        self.retriever = retriever
        # the articles an answer sent as text cited, found once per (its text, the filters): a conversation sends
        # its earlier answers again with every question, and searching six of them again cost ~200 ms a question
        # (40 ms with their citations sent; the owner, Assistant, keeps it between questions)
        self.found = found if found is not None else {}

    def of_turns(self, turns: list[Turn], filters: Filters | None) -> list[Turn]:
        """The turns with the articles each answer cited, found by the sentences it quotes when the client sent
        its text only (``of_answer``; the last ``CITED_TURNS`` answers): what the conversation is about
        is read from them (``followup.context``). "How big is it?" after "What's the latest on the wildfire?",
        itself after three questions about a fine, was read as about the fine when the answers came as text
        (session 23)."""
        todo = [i for i, t in enumerate(turns)
                if t.role == "assistant" and not t.article_ids and quoted_sentences(t.content)][-CITED_TURNS:]
        if not todo:
            return turns
        out = list(turns)
        for i in todo:
            out[i] = replace(turns[i], article_ids=self.of_answer(turns[i], filters))
        return out

    def of_answer(self, answer: Turn, filters: Filters | None) -> tuple[str, ...]:
        """The articles an answer cited: the ids its turn carries, else the stored articles holding the
        sentences its text quotes (found by searching its text)."""
        if answer.article_ids:
            return answer.article_ids
        quoted = quoted_sentences(answer.content)
        if not quoted:
            return ()
        key = (answer.content, repr(filters))
        known = self.found.get(key)
        if known is not None:  # found before: those still stored (an article deleted since is left out)
            stored = self.store.articles_by_id(list(known))
            return tuple(a for a in known if a in stored)
        found = self.retriever.retrieve(" ".join(quoted), filters)
        ids = [a for a, _ in found.articles[:QUOTED_ARTICLES]]
        stored = self.store.articles_by_id(ids)
        # in the order the answer quoted them ("tell me more about the third one" after "what are the main stories?", sent
        # back as text, was told the second story: the order they were found in; session 37)
        cited = tuple(sorted((a for a in ids if a in stored and cites(answer, stored[a])),
                             key=lambda a: first_quoted(quoted, stored[a])))
        if len(self.found) >= FOUND_KEPT:
            # the oldest first; another request's question may be trimming it too (the app answers several at once)
            with contextlib.suppress(RuntimeError, StopIteration, KeyError):
                self.found.pop(next(iter(self.found)))
        self.found[key] = cited
        return cited

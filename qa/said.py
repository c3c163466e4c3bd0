"""Asked what someone said or how they reacted: which sentence answers first, and whether none of the story's words
are theirs (pure; read where the answer's first sentence is chosen, ``answer_first``; moved from there in session 38,
each rule's reason beside it)."""

from __future__ import annotations

from collections.abc import Callable

from .answer_kinds import asks_reaction, asks_what_said, quotes, said_by, tells_reaction
from .asked import held_terms
from .confidence import question_names
from .evidence import Candidate
from .named import REPORTS, SAYS, person_asked, said_by_person, speaks_unnamed
from .scoring import question_terms, terms


def said_first(question: str, top: Candidate, window: list[Candidate], cands: list[Candidate],
               forms: dict[str, frozenset[str]], others: Callable[[Candidate], list[Candidate]]
               ) -> tuple[Candidate, list[Candidate], bool]:
    """The sentence to put first (``top``, the best, with its ``window``) asked what someone said or how they reacted, its
    window (``others``: the window of a sentence put first), and whether the person asked of said none of it (the
    articles do not give their words). ``cands``: all candidates, best first; ``forms``: the forms a sentence may write
    the question's words in."""

    def put_first(keep: Callable[[Candidate], bool]) -> tuple[Candidate, list[Candidate]]:
        found = next((c for c in window if c.article_id == top.article_id and keep(c)), None)
        return (found, others(found)) if found is not None else (top, window)

    # asked what someone said (or how they reacted), the best sentence quotes no one (tells no reaction): one
    # of its story that does, naming them (or holding a word of the question), comes first, however far behind
    telling = quotes if asks_what_said(question) else (
        lambda s: tells_reaction(s, question)) if asks_reaction(question) else None
    # (a follow-up asking what "she" said, of the person the conversation named: a quote not naming her, nor right
    # after a sentence naming her, is someone else's: "What did she say?" after "Who complained?" (Lena Brandt)
    # cited Streamly's "… calling the fine \"unjustified and dangerous\" …"; session 23)
    person = pronoun_person = person_asked(question) if telling is quotes else set()
    # (and of the one the question names: "What did Iran say about the UN vote?" cited the Israeli ambassador's
    # words, which hold "UN", before "Iranian foreign ministry spokesman Nasser Kanaani called …"; "How did Israel
    # react?" then "Hamas welcomed … the Israeli troops' withdrawal …", Hamas's reaction)
    person = person or (set(terms(said_by(question))) if telling is not None else set())
    if telling is not None and (not telling(top.text) or (person and not said_by_person(top, person, cands, forms))):
        named = person or set(question_names(question)) or set(question_terms(question))
        def told(c: Candidate) -> bool:
            return telling(c.text) and bool(
                (said_by_person(c, person, cands, forms) if person else named & held_terms(c.text, forms))
                # or right after the best, which names them: "The store's owner, Margaret Lowe, thanked the public …" /
                # "\"The community …,\" she said." (and names no one else speaking: "What did the rental company say?"
                # cited "Campaign group Ride Free called the ban \"a sledgehammer\" …" before "The rental company Zipp, …,
                # said it would fit its fleet with sensors …"; session 32)
                or c.index == top.index + 1 and named & held_terms(top.text, forms) and speaks_unnamed(c.text))
        # (one saying it first, asked of "she" or of the question's words: "what did she say?" of Adele's postponed
        # residency cited "… following the release of Adele's fourth studio album, \"30,\" …", not "\"I'm so sorry, but my
        # show ain't ready,\" Adele said …"; session 38)
        found = put_first(lambda c: told(c) and bool(SAYS.search(c.text))) if telling is quotes and (
            pronoun_person or not person) else (top, window)
        top, window = found if found[0] is not top else put_first(told)
    # (and when none is theirs, their words are not in the articles: "what did he say?" after "who will replace her?"
    # cited her resignation letter's "… she said she had made \"an honest mistake\" …" as the new minister's; session 29)
    # (a sentence naming them as saying or writing it is theirs, quoted or not: "… chief executive Rosa Lindqvist wrote in
    # a memo to staff."; one only naming them is not: "She will be replaced by Tom Okoye, …")
    # (or their words reported: "what did she say" after "who won the booker" abstained (0.91) beside "She said she would
    # use part of the money to set up a writing school …", right after a sentence naming her; session 37)
    def theirs(c: Candidate) -> bool:  # (the person's words, quoted or reported)
        return ((telling(c.text) and said_by_person(c, person, cands, forms))
                or (bool(pronoun_person & held_terms(c.text, forms)) and bool(SAYS.search(c.text)))
                or (bool(REPORTS.search(c.text)) and said_by_person(c, person, cands, forms)))
    if telling is quotes and pronoun_person and not theirs(top):
        top, window = put_first(lambda c: bool(REPORTS.search(c.text)) and said_by_person(c, person, cands, forms))
    unsaid = telling is quotes and bool(pronoun_person) and not theirs(top)
    return top, window, unsaid

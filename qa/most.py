"""Which one is the most of something: asked, the best sentence names none of the kind asked for as such, one of its
story that does comes first (pure; read where the answer's first sentence is chosen, ``answer_first``; moved from there
in session 40, each rule's reason beside it)."""

from __future__ import annotations

from collections.abc import Callable

from .answer_kinds import asks_most, gives_most, superlatives
from .asked import held_terms, which_terms
from .confidence import question_names
from .evidence import Candidate
from .scoring import question_terms

PutFirst = Callable[..., tuple[Candidate, list[Candidate]]]


def most_first(question: str, top: Candidate, window: list[Candidate], cands: list[Candidate], own: frozenset[str] | set[str],
               forms: dict[str, frozenset[str]], put_first: PutFirst) -> tuple[Candidate, list[Candidate]]:
    """The sentence to put first and its window, asked which one is the most of something (``answer_kinds.asks_most``):
    ``top`` and ``window`` as they are when it gives the most, or none of its story does; ``put_first`` puts the first of
    the best sentence's story a test holds first, with its window (``answer_first``)."""
    # asked which one is the most of something, the best sentence names none of the kind asked for ("US city") as
    # such: one of its story that does, however far behind, comes first (``gives_most``; not the map's caption "…
    # cities … categorized … from best air quality … to worst …", which lacks "US"; nor, asked as of the report's
    # date, "India, Pakistan and Bangladesh were among the countries with the worst air pollution …")
    kinds = which_terms(question)
    if asks_most(question) and kinds:
        # (one writing the question's own superlative first: "Which town was cleanest in it?" cited "… Brackwater's
        # stretch of the River Lune remained the most polluted, …" before "By contrast, the River Arden at Millhaven
        # was rated the cleanest …", which does not say "town"; session 25)
        asked = superlatives(question)
        for keep in (lambda c: kinds <= held_terms(c.text, forms) and bool(asked & superlatives(c.text)),
                     lambda c: bool(asked & superlatives(c.text, after_the=True)),
                     lambda c: kinds <= held_terms(c.text, forms),
                     # (or the kind's words that are no name: "Which Eastmoor town …?" beside "Of the 40 towns …")
                     lambda c: kinds - set(question_names(question)) <= held_terms(c.text, forms)):
            if keep(top) and gives_most(top.text, question):
                break
            found, around = put_first(lambda c, keep=keep: keep(c) and gives_most(c.text, question), cands)
            if found is not top:
                top, window = found, around
                break
    elif asks_most(question, where_or_who=True) and not gives_most(top.text, question):
        # (asked where or who, no kind: one of its story holding a word of the question's own and a superlative)
        asked = own or set(question_terms(question))
        top, window = put_first(lambda c: gives_most(c.text, question) and bool(asked & held_terms(c.text, forms)))
    return top, window

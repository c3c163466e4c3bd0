"""Asked for a quantity (how many, how much, how long, when …), which sentence answers first when the best one holds
none (pure; read where the answer's first sentence is chosen, ``answer_first``; moved from there in session 36, each
rule's reason and measurement beside it)."""

from __future__ import annotations

from collections.abc import Iterable

from .asked import held_terms, searched_with_subject
from .evidence import AnswerConfig, Candidate
from .numbers import (
    adds_number,
    counts_asked,
    distinct_measure,
    expects_number,
    holds_measure,
    tells_date_ahead,
)
from .scoring import question_terms


def quantity_first(question: str, top: Candidate, window: Iterable[Candidate], own: frozenset[str] | set[str],
                   forms: dict[str, frozenset[str]], cfg: AnswerConfig) -> Candidate:
    """The sentence to put first for a question asking for a quantity (``numbers.expects_number``) when the best one
    (``top``) holds none (``numbers.holds_measure``): one of ``window`` (the candidates read after it, best first)
    holding one, close behind or of its story; ``top`` when none does or none is asked for. ``own``: the question's
    own terms (a follow-up's, not the subject carried with it); ``forms``: the forms a sentence may write them in."""
    # asked for a quantity, the best sentence holds none: a sentence about the question holding one,
    # close behind, comes first ("It's estimated that nearly 130 hostages have been held in Gaza …"
    # before "… in exchange for the Israeli hostages who have been kept in Gaza.")
    # ("How cold …?": one holding degrees, before one holding weeks: ``holds_measure``)
    if not expects_number(question):
        return top
    if holds_measure(top.text, question):  # (a time past is no answer asked when a thing will be, when its story tells
        # a date to come: "when will flights return to normal" after questions about a volcano cited "The eruption began
        # shortly after 11pm local time, …", not "Eurocontrol … expected disruption to last until at least Wednesday.";
        # session 37)
        ahead = [c for c in window if c.article_id == top.article_id and tells_date_ahead(c.text, question)]
        return ahead[0] if ahead and not tells_date_ahead(top.text, question) else top
    window = list(window)
    close = [c for c in window if cfg.about(c) and c.score >= top.score - cfg.number_first_within]
    if distinct_measure(question):  # a scoreline or an age of the same story, however far behind ("What
        # was the final score?": "… beating Castleford Rovers 5-4 on penalties after a 2-2 draw …"; "How old
        # is he?" after "Why was Keel jailed?": "A jury … found Keel, 61, guilty …")
        close += [c for c in window if c.article_id == top.article_id and c not in close]
    # or telling a date to come, asked when a thing will be, however far behind ("when can kids get it?" after "is there
    # a new malaria vaccine?" cited the lead, not "If approved, the first doses could be given in 2027."; a folder of our
    # own, session 36)
    close += [c for c in window if c.article_id == top.article_id and c not in close and tells_date_ahead(c.text, question)]
    # or holding a word of the question's own the best one lacks, however far behind ("When could he play
    # his first game?" after "Who did Harbour City sign?": "… could make his debut … on Saturday …", 0.59
    # behind the lead; session 22)
    lacked = own - held_terms(top.text, forms)
    close += [c for c in window if c.article_id == top.article_id and c not in close
              and lacked & held_terms(c.text, forms)]
    # or counting the very thing a "how many <noun>" asks, about the question, of another story, when the best one's counts
    # none ("how many trees are there?" after questions about the White House's holiday decorations cited a myth's "During
    # Benjamin Harrison's presidency in 1889, a Christmas tree was displayed …", its year a number, not "There are 77
    # Christmas trees throughout the White House …"; RealTimeQA's store, session 39. Of its own story, one far behind is
    # cited after it: ``ExtractiveAnswerer.select``)
    if not any(c.article_id == top.article_id and counts_asked(c.text, question) for c in window):
        close += [c for c in window if c not in close and cfg.about(c) and counts_asked(c.text, question)]
    # or of its story, asked with no word of its own ("how much?" after "student loan forgiveness" cited the lead, its
    # number a date, not "… eligible to receive cancellation of up to $10,000 …"; RealTimeQA's store, session 38)
    if not own and searched_with_subject(question):
        close += [c for c in window if c.article_id == top.article_id and c not in close]
    numbered = [c for c in close if holds_measure(c.text, question)] or (
        [] if adds_number(top.text, question) else [c for c in close if adds_number(c.text, question)])
    # (one holding a word of the question's own first: "how old were the kids" after "Was the driver arrested?"
    # cited "The driver, a 58-year-old man, …" before "The pupils, aged 11 to 13, …"; session 26)
    # (and then, a follow-up, one of the best sentence's story: "How big is it?" after "What is the Amazon rainforest?"
    # cited another article's "A study in 1999 found one square kilometer (247 acres) of Amazon rainforest …", not "This
    # basin encompasses 7,000,000 square kilometres …" of the story told; SQuAD's store, session 35)
    follow_up = searched_with_subject(question)
    numbered.sort(key=lambda c: (not tells_date_ahead(c.text, question), not own & held_terms(c.text, forms),
                                 follow_up and c.article_id != top.article_id))  # (a date to come first, when asked)
    # (another story's only when it holds the question's words the best one holds: "What is the debt ceiling?" cited
    # a student loan story's "… cancel at least $10,000 in student loan debt …", not "… raising the debt-ceiling.";
    # session 35)
    asked = own or set(question_terms(question))  # (a follow-up's own: not the subject carried with it)
    numbered = [c for c in numbered if c.article_id == top.article_id
                or asked & held_terms(top.text, forms) <= held_terms(c.text, forms)]
    return numbered[0] if numbered else top

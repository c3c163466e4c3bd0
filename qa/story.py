"""Which story a follow-up's evidence is about, read off the evidence alone (pure): the story of its best sentence,
whether it holds the question's words, and whether two readings of one question find one story
(``qa.conversation`` decides with these which reading of a follow-up to answer)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import replace

from index.store import StoredArticle

from .asked import asked_kind, held_terms, names_kind, stand_ins
from .citations import quoted_sentences
from .confidence import COEFFICIENTS, holds_loosely, log_odds, named_things, question_names
from .evidence import AnswerConfig, Evidence
from .extractive import NO_ANSWER
from .followup import Turn, asks_if_any, context, counts_unnamed, points_back, stands_alone
from .more import asks_else
from .named import names_written
from .numbers import asks_date, expects_number, score_terms
from .reasons import asks_why, gives_reason
from .scoring import PERSON_PRONOUN, flat, one_spelling, question_terms, terms, words
from .verbforms import LIGHT_VERBS, base_form
from .whether import participle

# how many sentences from one the conversation quoted the reason behind it is read (``reason_untold``)
REASON_NEAR = 3
# how much lower, in log-odds, the confidence in the answered articles may be than in all of them:
# on the dev dialogues whose best sentence came from another article, the answered article was
# right at -0.06 and -0.19 and wrong at -0.46 (bench/NOTES.md, session 17)
ANSWERED_LOG_ODDS = 0.25


def stays_in_answered(anywhere: Evidence, answered: Evidence, question: str = "", names: set[str] = frozenset()) -> bool:
    """Is the follow-up answered from the last answer's articles (``answered``) rather than from the
    best sentence of all (``anywhere``)? When they support it about as well: a person asking about
    "the deal" means the deal just read about. And when it asks which one of a kind and their best sentence names
    one, the best of all in a story not naming the conversation's subject (``names``, terms; a search of the store, so
    its caller reads them only for such a question): "Which city?" after "A big
    city told millions of people to boil their water." answered "The city of Houston … lifted the boil water notice …"
    (0.34) cited Jackson's "… a city-wide boil water order …" (0.43; session 35). (A story naming it may tell what came
    next: "Which airline is buying it?" after "What is going on with Spirit Airlines?", answered by Frontier's deal in
    February, cites JetBlue's of July first.)"""
    if answered.weak:
        return False
    kind = asked_kind(question)
    return (log_odds(answered.confidence) >= log_odds(anywhere.confidence) - ANSWERED_LOG_ODDS
            or (kind is not None and bool(answered.candidates) and names_kind(answered.candidates[0].text, kind, question)
                and not (names and anywhere.candidates
                         and writes_any(names, anywhere.articles[anywhere.candidates[0].article_id]))))


def tells_of(question: str, evidence: Evidence) -> bool:
    """May the question be read in the story of the evidence's best sentence (found with the
    conversation's subject carried)? When it points back ("Who runs it?"), or that story holds a word
    of the question's own and every name it writes. After "Which bakery chain is closing shops?",
    "What is photosynthesis?" and "What is the capital of France?" were answered with the bakery
    chain's lead: with the subject's words their confidence rose from 0.02 to 0.5 and more (session
    19; the story says "Pierce Capital", not "France"). A count that names nothing counts what the story
    does ("How many are affected?"); so does a question asking in few words whether there was any of something ("was
    there any trouble?"), and one of no words of its own ("How hot will it get?")."""
    # (nor does one of no words of its own: "How hot will it get?" after "Is there a heatwave?" abstained (0.24), asked
    # alone, the weather's "it" pointing at nothing; our folder of 42, session 30)
    if points_back(question) or counts_unnamed(question) or asks_if_any(question) or not question_terms(question):
        return True
    if not evidence.candidates:
        return False
    story = story_terms(question, evidence)
    return bool(set(question_terms(question)) & story) and set(question_names(question)) <= story


def story_terms(question: str, evidence: Evidence) -> set[str]:
    """The terms of the story of the evidence's best sentence, and the question's terms it writes in another
    form (``stand_ins``: "What did the CEO say?" after "Why did Lumina's shares jump?" is read in a story that
    writes "Chief executive Priya Raman said …"; session 22). Empty without candidates."""
    if not evidence.candidates:
        return set()
    text = evidence.articles[evidence.candidates[0].article_id].article.text
    # (a scoreline writes "score": "What was the score?" after "Who won the Super Bowl?" is answered by "… defeated the
    # Atlanta Falcons 34-28 …", not by another story's "Lionel Messi scores … 3-2 lead"; session 32)
    return held_terms(text, stand_ins(question)) | score_terms(text, question)


def holds_more(question: str, evidence: Evidence, than: Evidence) -> bool:
    """Does the best sentence of ``evidence`` hold more of the question's terms (in any form) than that of ``than``?"""
    own, forms = set(question_terms(question)), stand_ins(question)
    held = [len(own & held_terms(e.candidates[0].text, forms)) if e.candidates else 0 for e in (evidence, than)]
    return held[0] > held[1]


def story_holds(question: str, evidence: Evidence) -> set[str]:
    """The question's terms the story of the evidence's best sentence holds (in any form)."""
    return set(question_terms(question)) & story_terms(question, evidence)


def headlines(question: str, evidence: Evidence) -> bool:
    """Does the headline of the evidence's best sentence's story write a word of the question's own: what the question
    asks of is that story's news ("is the vaccine safe?" of "New malaria vaccine cuts infections …", not "What was the
    score?" of "Lightning edge Rangers in overtime", whose text writes "opened the scoring")?"""
    if not evidence.candidates:
        return False
    title = evidence.articles[evidence.candidates[0].article_id].article.title or ""
    return bool(set(question_terms(question)) & set(terms(title)))


def leaves_story(question: str, answered: Evidence, anywhere: Evidence) -> bool:
    """Is a follow-up about another story than the one just answered from? When that story holds none of
    its words and the best story of all holds some: "Back to the phone: how much is it?" and "And the
    striker's fee?" after questions about a robbery were answered from the robbery (session 22)."""
    return not story_holds(question, answered) and bool(story_holds(question, anywhere))


def same_story(as_asked: Evidence, with_subject: Evidence) -> bool:
    """Does the question as asked, answered, find the story the subject leads to? Then the subject
    adds nothing but its words, and they pull its lead first: "When will staff see the list of
    shops?" after "Who owns Crumb & Co.?" cited the chain's lead with the subject carried, and
    "Ellison said the list would be shared with staff first, next week." as asked (session 20)."""
    return (not as_asked.weak and bool(as_asked.candidates) and bool(with_subject.candidates)
            and as_asked.candidates[0].article_id == with_subject.candidates[0].article_id)


def read_beyond_told(question: str, evidence: Evidence, told: list[str], cfg: AnswerConfig) -> Evidence:
    """The evidence for a question asked after answers (``told``, their texts): one asking for another than they told
    ("Where else …?", ``more.asks_else``) without the sentences they quoted (``beyond_told``), one asking only why
    ("Why?", "why is that?") with a reason they did not quote first (``reason_untold``), "who said that?" with the
    sentence the last quoted first (``said_first``); else as it was."""
    if asks_else(question):
        return beyond_told(evidence, told, cfg)
    if _WHO_SAID_IT.match(question):
        return said_first(evidence, told)
    # (a "why" of no words of its own: "Why was that one stopped?" asks of what the answer told, "… was called off because
    # of strong winds", and is answered by it)
    return reason_untold(evidence, told) if asks_why(question) and not question_terms(question) else evidence


# "who said that?": the words the last answer quoted first are asked about ("who said that?" after "what did iran say about
# the un vote", answered "Iranian foreign ministry spokesman Nasser Kanaani called Monday's resolution … a \"positive
# step.\"", cited the demo article's lead; session 36)
_WHO_SAID_IT = re.compile(r"^\W*who\s+(?:said|says|wrote|writes|announced|claimed)\s+(?:that|this|it|so)\W*$", re.IGNORECASE)


def said_first(evidence: Evidence, told: list[str]) -> Evidence:
    """Asked who said what the last answer (``told``, the answers' texts, the last last) quoted first: the evidence of that
    sentence alone, which names who said it, when it is among the candidates; else as it was."""
    quoted = quoted_sentences(told[-1]) if told else []
    said = next((c for c in evidence.candidates if quoted and flat(c.text) == flat(quoted[0])), None)
    return replace(evidence, candidates=(said,)) if said is not None else evidence


def reason_untold(evidence: Evidence, told: Iterable[str]) -> Evidence:
    """Asked why after an answer, its best sentence one the conversation's answers quoted (``told``, their texts): the
    evidence of the sentences of its story giving a reason none of them quoted, near one quoted; else as it was. The
    reason asked for is the one behind what was told: "why?" after "what happened to the ferry company?" cited its lead
    again ("… stopped sailing on Tuesday after it went into administration."), not "Administrators … said the business
    had run out of cash after fuel costs doubled …" (a folder of our own, session 36)."""
    quoted = {flat(q) for answer in told for q in quoted_sentences(answer)}
    if not evidence.candidates or flat(evidence.candidates[0].text) not in quoted:
        return evidence
    best = evidence.candidates[0]
    story = [c for c in evidence.candidates if c.article_id == best.article_id]
    # (the one right after a sentence quoted first: "Why?" after "What about revenue?" of a company's results is answered
    # by "The company blamed weak demand …", which follows "Revenue slipped 6 percent …"; session 32)
    said = {c.index for c in story if flat(c.text) in quoted}
    # (and only one near a sentence quoted: news tells the cause beside what it caused; "why?" after "what did desantis
    # do to disney" cited the lead's "… payback after the tourism giant defied him …" and, 22 sentences on, "Indeed,
    # measures approved then led to the dismissal of a lawsuit …"; RealTimeQA's store)
    reasons = [c for c in story if flat(c.text) not in quoted and gives_reason(c.text)
               and any(abs(c.index - i) <= REASON_NEAR for i in said)]
    reason = next((c for c in reasons if c.index - 1 in said), reasons[0] if reasons else None)
    if reason is None:
        return evidence
    # (and only those: put after it, the lead holding the headline's news came first again, and then "The company had
    # carried about 310,000 passengers a year …" was cited after it)
    return replace(evidence, candidates=(reason, *(c for c in reasons if c is not reason)))


def beyond_told(evidence: Evidence, told: Iterable[str], cfg: AnswerConfig) -> Evidence:
    """The evidence without the sentences the conversation's answers (``told``, their texts) quoted, when its best
    remaining sentence is about the question (``AnswerConfig.about``) and names someone or somewhere none of them
    names; else as it was. For a question asking for another ("Where else did it strike?", ``more.asks_else``): the
    same sentence again reads as not heard."""
    quoted = {flat(q) for answer in told for q in quoted_sentences(answer)}
    kept = tuple(c for c in evidence.candidates if flat(c.text) not in quoted)
    if len(kept) == len(evidence.candidates) or not kept or not cfg.about(kept[0]):
        return evidence
    # and when it names someone or somewhere they did not: "who else ran?" after "who won the election" cited "She
    # will take office on January 2 …", not the lead's "… beating the incumbent, Pieter Hols, …" again (session 29)
    said = " ".join(quoted)
    if not any(n not in said for n in names_written(kept[0].text)):
        return evidence
    return replace(evidence, candidates=kept)


def of_unnamed_subject(question: str, query: str, turns: list[Turn], evidence: Evidence, cfg: AnswerConfig) -> Evidence:
    """The evidence for a follow-up read with the conversation's subject (``query``), scored as the confidence scores a
    question naming what no article found names (``confidence.Signals.unnamed``) when the subject carried is such a
    name, as a question of the conversation wrote it: "When did it collapse?" after "What happened to Silicon Valley
    Bank?" (RealTimeQA's store never names the bank; that question abstained) cited Greensill Capital's collapse at
    0.67 (session 32). (The names carried side by side after the question make no one name: ``name_phrases``.)"""
    signals = evidence.signals
    if query == question or signals is None or signals.unnamed:
        return evidence
    carried = set(words(one_spelling(query))) - set(words(one_spelling(question)))
    things = {thing for t in turns if t.role == "user" for thing in named_things(t.content) if set(thing) <= carried}
    found = [f"{s.article.title or ''}. {s.article.text}" for s in evidence.articles.values()]
    if not any(not any(holds_loosely(text, thing) for text in found) for thing in things):
        return evidence
    conf = 1.0 / (1.0 + math.exp(-(log_odds(evidence.confidence) + COEFFICIENTS["unnamed"])))
    return replace(evidence, confidence=conf, weak=conf < cfg.abstain_below, signals=replace(signals, unnamed=1.0))


def points_at_nothing(question: str, turns: list[Turn], evidence: Evidence, query: str = "") -> bool:
    """Does the follow-up point back ("Who were they?", "Where is it now?") in a conversation whose every answer said the
    articles don't say, at a thing its questions named that the story found does not write? Then it points at nothing the
    articles hold: "Who were they?" after "What happened with the Titan submersible?" and "How many people were on
    board?" (RealTimeQA's store never names it; both abstained) cited a school boards association's "… because I think
    people are just tired, …" (0.78; session 32). Not one saying enough to stand alone ("What country elected its
    first-ever leftist leader this week?", a dev dialogue's after two questions about Artemis I that abstained as of its
    date), nor one whose thing the articles hold ("How do you catch it?" after "Is there a vaccine for chikungunya?").
    Also when a follow-up about him or her leaves the subject (``leaves_subject``)."""
    told = [t.content for t in turns if t.role == "assistant"]
    names = {n for t in turns if t.role == "user" for n in question_names(t.content)}
    # (or its subject's own words, none of them: "Where was it shot down?" after "Tell me about the Chinese balloon"
    # (abstained) cited China's missiles near Taiwan (0.41), a story writing "Chinese" and no balloon; session 34)
    things = set(question_terms(context(turns))) - names
    if leaves_subject(question, query, evidence):
        return True
    if not (told and (names or things) and points_back(question) and not stands_alone(question)
            and all(NO_ANSWER in t and not quoted_sentences(t) for t in told)):
        return False
    if not evidence.candidates:
        return True
    written = written_terms(evidence.articles[evidence.candidates[0].article_id])  # (read once for both)
    return any(group and not group & written for group in (names, things))


def names_none(names: set[str], evidence: Evidence) -> bool:
    """Does the story the answer would be read from (the best sentence's) write none of ``names`` (terms)?"""
    return not writes_any(names, evidence.articles[evidence.candidates[0].article_id])


def writes_any(names: set[str], stored: StoredArticle) -> bool:
    """Does the article (its headline or text) write one of ``names`` (terms)?"""
    return bool(names & written_terms(stored))


def written_terms(stored: StoredArticle) -> set[str]:
    """The terms an article writes, its headline's and its text's."""
    return set(terms(f"{stored.article.title or ''}\n{stored.article.text}"))


# an act asked after "did he" (not one to come, which a story writes in other words: "When does she start?" beside "… will
# take up the post in March.")
_DID_ACT = re.compile(r"\bdid\s+(?:he|she|they)\s+([a-z]+)\b", re.IGNORECASE)


def leaves_subject(question: str, query: str, evidence: Evidence) -> bool:
    """Does a follow-up pointing back at a person ("Was he arrested?"; not "Back to the phone: how much is it?", its
    story named by its own words), searched with the conversation's subject (``query``), find a
    story that names nothing of the subject's names? Then what it points at is not in that story: "Was he arrested?"
    after "What happened to FTX?" (searched with "FTX") cited an Iranian protest's "… Mahsa Amini's arrest." (0.32;
    RealTimeQA's store; session 33)."""
    carried = query[len(question):] if query.startswith(question) else ""
    if not (carried.strip() and evidence.candidates and PERSON_PRONOUN.search(question) and not stands_alone(question)):
        return False
    # (nor one asking of an act its story never writes: "Where was he arrested?" after "What happened to Corvale Bank?"
    # cited the bank's lead, 0.48; not a count, nor what a thing of theirs is: "What was his name?", "What colour …?")
    # (an act: not a verb any story writes in its own words, "gone", "made", "got": "why did people want him gone?" after
    # "what happened in hartfield" abstained at 0.86 beside "The recall campaign was launched … after Ashby approved a
    # contract …"; a folder of our own, session 36)
    if (any(participle(w) and base_form(w.lower()) not in LIGHT_VERBS for w in words(question)[1:])
            and not expects_number(question) and not asked_kind(question) and not story_holds(question, evidence)):
        return True
    # (nor when an act asked after "did he" was done, its story never writing it in any form: "when did he die" after "who
    # was genghis khan" cited "… became Great Khan in 1206.", SQuAD's store never writing his death; session 37)
    acts = {base_form(a.lower()) for a in _DID_ACT.findall(question)} - LIGHT_VERBS if asks_date(question) else set()
    if acts:
        text = evidence.articles[evidence.candidates[0].article_id].article.text
        written = {base_form(w.lower()) for w in words(text)} | story_terms(question, evidence)
        if not all(a in written or set(terms(a)) & written for a in acts):
            return True
    names = set(question_names(f"Of {carried}"))  # (every capitalised word of it: the question's first is dropped)
    return bool(names) and names_none(names, evidence)


# a thing named with "the" that the answer before wrote: "How much is the deal worth?" after "Kroger Albertsons merger"
# (answered "… plans to buy Albertsons in a nearly $25 billion deal …") was asked alone and cited an NFL team's sale,
# "… the deal is worth $4.65 billion …" (RealTimeQA's store, session 38)
_THE_THING = re.compile(r"\bthe\s+([a-z][\w'’-]*)\b", re.IGNORECASE)


def points_at_told(question: str, told: Turn | None) -> bool:
    """Does the question name with "the" a thing the answer told (``told``: the last answer's turn) writes?"""
    said = set(terms(told.content)) if told is not None else set()
    return any(set(terms(m.group(1))) & said for m in _THE_THING.finditer(question.split("?", 1)[0]))

"""Pure scoring functions: query terms, IDF-weighted overlap, near-duplicate detection (whether a sentence says
something at all is ``qa.furniture``)."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping

from index.text import stem, stopwords

from .verbforms import BASE_FORM, base_form, forms_of

_WORD = re.compile(r"\w+", re.UNICODE)


NAME_OR_NUMBER = re.compile(r"(?<![\w])(?:[A-Z][\w'’.-]*\w|\d[\d,.]*)")  # "Spirit", "U.S.", "2,418"
# a person's name as an answer writes it: two capitalised words or more ("Marisol Ortega", "Theo Hernández": a
# name's accented letters are its own, "Theo Hern" was carried as the subject; session 23)
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
# (and a word with a capital inside, "O'Brien", "McDonald", "DeSantis": "What did he say?" after "Who leads the union?"
# was asked of "then-President James Hoffa", the answer's "Sean O'Brien" read as no name; session 29)
_NAME_WORD = rf"[{_UPPER}](?:[{_LOWER}'’-]+|(?=['’][{_UPPER}]))(?:['’]?[{_UPPER}][{_LOWER}'’-]+)*"
FULL_NAME = re.compile(rf"(?<![\w'’]){_NAME_WORD}(?:\s+{_NAME_WORD})+(?![\w])")


# a word as written, its apostrophes and hyphens kept ("Kestrel-4b", "Lyon's"): read where a word's case or form matters
TOKEN = re.compile(r"[\w'’-]+")


def flat(text: str) -> str:
    """The text with each run of white space one space (a sentence an answer quoted, compared with an article's)."""
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def said_words(text: str) -> set[str]:
    """The text's words and its names and numbers as written ("U.S.", "2,418"), in lower case: what a
    sentence or a headline adds to a question is what is not among the question's."""
    return {w.lower() for w in NAME_OR_NUMBER.findall(text)} | set(words(text))


# one name, several spellings: news writes "US", "U.S." and "the United States" for one country, and a
# question's "US" must meet an article's "United States" ("Which ally did the US vote upset?" / "The
# United States abstained from the UN vote, sparking a spat with its ally Israel."). Capitals only:
# the pronoun "us" is left as it is.
_SPELLINGS = {
    "US": r"\bU\.S\.(?:A\.)?(?!\w)|\bUSA\b|\bUnited States(?: of America)?\b",
    "UK": r"\bU\.K\.(?!\w)|\bUnited Kingdom\b|\b(?:Great )?Britain\b",
    "UN": r"\bU\.N\.(?!\w)|\bUnited Nations\b",
    "EU": r"\bE\.U\.(?!\w)|\bEuropean Union\b",
    "UAE": r"\bU\.A\.E\.(?!\w)|\bUnited Arab Emirates\b",
}
# one pass, tried only where a capital that can start a spelling stands (terms() reads every candidate
# sentence and the best one's whole article: a pass per name cost 1.5 ms of terms()' 2.5 ms on a
# 9,000-character text, this one 0.2 ms)
_SPELLING = re.compile("(?=[UBGE])(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _SPELLINGS.items()) + ")")


def one_spelling(text: str) -> str:
    """The text with each country or union that has several spellings in one of them ("U.S." and
    "United States" -> "US"; "United Kingdom", "U.K." and "Britain" -> "UK"; UN, EU, UAE)."""
    return _SPELLING.sub(lambda m: m.lastgroup, text)


# a round before the final is not the final: "Canada … reached the quarter-finals of the World Cup …" held
# "final" for "Who won the cup final?" above "Riverside United won the National Cup …" (Chromium, session 21).
# One term however written: "semi-final", "semifinal", "semi final"
_ROUND = re.compile(r"\b(semi|quarter)[-‐ ]?(finals?|finalists?)\b", re.IGNORECASE)


def terms(text: str) -> list[str]:
    """Content terms of a text (``one_spelling``): lower-cased words without stopwords, irregular
    verb forms as their base form ("held" -> "hold", ``qa.verbforms``), porter-stemmed; a semi-final or
    quarter-final is one term (``_ROUND``)."""
    text = _ROUND.sub(r"\1\2", one_spelling(text))
    stop = stopwords()
    # "won" is a term of its own (NLTK lists it, for "won't"; index.text.stopwords keeps it): "Who won
    # the 2022 World Cup?" held only "2022 world cup" against France's semi-final. Not read as "win":
    # that cost RealTimeQA dev one first sentence ("A single ticket … won the … Powerball drawing" above
    # the one naming the state)
    return [stem(base_form(w)) for w in words(text) if w not in stop and (len(w) > 1 or w.isdigit())]


# verbs that make a question a whole clause ("Who is the transport minister?", qa.followup) and end
# the noun phrase after "which" ("Which company did …", qa.asked)
AUXILIARY_VERBS = frozenset(["is", "are", "was", "were", "do", "does", "did", "will", "would", "can", "could", "has",
                             "have", "had", "should", "shall", "may", "might", "must"])


# "how much", "how long", ...: the word after "how" is the question's form, not its subject. As a
# term it is held against every sentence that answers ("How long has the war lasted?" / "nearly
# six-month war") and, in a small store that never uses it, it weighs like a rare name.
# each asks for a quantity, a measure, a length of time or a date (numbers.expects_number reads the same
# list): "How cold is the crater?" is answered by "… fall to minus 230 degrees Celsius", "How deep did
# the rover drill?" by "… from a depth of 80 centimetres"
HOW_FORM_WORDS = ("many", "much", "long", "old", "far", "big", "tall", "high", "fast", "often", "large", "soon",
                  "deep", "cold", "hot", "warm", "heavy", "wide", "low", "short", "small", "expensive", "strong")
_HOW_FORM = re.compile(rf"\bhow ({'|'.join(HOW_FORM_WORDS)})\b", re.IGNORECASE)


# "the name of …", "… leader's name?" ask who or what, as "how" does: "What is the opposition leader's
# name?" abstained at 0.04 beside "Opposition leader Tomas Berg said …" (no sentence writes "name")
_NAME_FORM = re.compile(r"\b(?:(?:first|full|last|official|real|new) )?name(?= of\b)"
                        r"|(?<=['’]s )(?:(?:first|full|last) )?name(?=\W*$)", re.IGNORECASE)


# a person pointed back at ("he", "her" …): read by the answer's first sentence and by a follow-up's subject
PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.IGNORECASE)


# a request opening the question asks for what follows: "Tell me about the new planet" abstained at 0.20 beside the
# planet's story, "tell" weighed as a word the story does not write (session 25)
# (and so does asking what is new with it: "What's new with the probe?" abstained at 0.22 in a folder of the probe's
# story alone, "new" weighed as a word of what is asked; session 30)
_REQUEST = re.compile(r"^\W*(?:(?:can|could|would|will)\s+you\s+)?(?:please\s+)?(?:tell|show|give)\s+me\b"
                      r"|^\W*what\s+do\s+you\s+know\b"
                      r"|^\W*what(?:['’]?s|\s+is)\s+(?:new|happening|going\s+on|the\s+latest(?:\s+news)?)\s+(?=(?:with|in|on|about|at)\b)"
                      r"|^\W*(?:any\s+)?(?:news|updates?)\s+(?=(?:on|about)\b)", re.IGNORECASE)


def is_request(question: str) -> bool:
    """Does a request open the question ("Tell me about …", "Can you tell me …", "What do you know about …")?"""
    return bool(_REQUEST.search(question))


# a subject typed alone, as a chat is typed ("larry bucshon", "mauna loa", "tiktok states ban"), asks for its story as
# "Tell me about …" does: "larry bucshon" cited "In 2008 Bucshon, then a … heart surgeon, considered challenging …"
# before the lead, "… Larry Bucshon’s announcement that he will not seek re-election …" (RealTimeQA's store, session 40)
_ASKS = re.compile(r"[?]|^\W*(?:who|whom|whose|what|when|where|why|which|how|is|are|was|were|do|does|did|has|have|had"
                   r"|can|could|will|would|should)\b", re.IGNORECASE)


def names_a_subject(question: str) -> bool:
    """Is the question a subject typed alone: six words at most, no question mark nor question word opening it?"""
    return not _ASKS.search(question) and 0 < len(words(question)) <= 6


# "in charge" asks who is at the head (``roles``), no charge: "who's in charge of it" after questions about a ferry
# company cited a phone's lead, "… can run for a week on a single charge." (a folder of our own, session 37)
_IN_CHARGE = re.compile(r"\bin\s+charge\b", re.IGNORECASE)


def without_how_form(question: str) -> str:
    """The question without the word that makes "how …" a question ("How much will tickets cost?"
    -> "How will tickets cost?"), without "name" where it asks for one ("What is the name of …?"), without "in charge"
    and without a request opening it ("Tell me about …" -> "about …")."""
    return _IN_CHARGE.sub("", _NAME_FORM.sub("", _HOW_FORM.sub("how", _REQUEST.sub("", question))))


# a story's doer asked what they did, the verb last: "What did the Bank of Norvalia decide?", "What did Quillon
# announce?" (the act asked is the story's news, not a word it must write)
_WHAT_DID = re.compile(r"^\W*what\s+(?:did|does|do|has|have|had|will|would)\s+([^?]*?)\s([a-z]+)\W*$", re.IGNORECASE)


def _what_did(question: str) -> re.Match | None:
    """"What did <someone> <verb>?", read up to its question mark (a conversation's subject carried after it is no part
    of it): the someone and the verb."""
    return _WHAT_DID.match(question.split("?", 1)[0] + "?")


def asked_act(question: str) -> str | None:
    """The verb a "What did <someone named> <verb>?" question ends with ("What did Quillon announce?" -> "announce"),
    else None."""
    m = _what_did(question)
    return m.group(2) if m and re.search(r"[A-Z]", m.group(1)) else None


# asked what someone did, a sentence saying they did not does not answer: "What did the sleep study find?" cited "The
# study did not find a link between sleep and results in English." alone, not the lead's "Teenagers who sleep fewer
# than seven hours a night score on average 9 percent lower in maths tests …" (session 32)
_NOT_THEN = re.compile(r"(?:\bnot|\bnever|n['’]t)\s+(\w+)(?:\s+(\w+))?", re.IGNORECASE)


def denies_act(sentence: str, question: str) -> bool:
    """Asked "What did <someone> <verb>?", does the sentence say they did not ("… did not find a link …")?"""
    m = _what_did(question)
    act = set(terms(m.group(2))) if m else set()
    return bool(act) and any(act & set(terms(" ".join(ws))) for ws in _NOT_THEN.findall(sentence))


# the words for any place are no question's terms (anyone, anything … are stopwords): no story need write them ("did
# prices go up anywhere" after "Are house prices going down?" was asked alone, its story not holding "anywhere", and
# cited a streaming service's price rise; "… the only region where prices rose …" answers it; session 27)
_ANY_PLACE = frozenset(terms("anywhere somewhere everywhere"))


# the verb asking how someone took it is no word an answer writes: "What did the jury think of the film?" abstained (0.13)
# beside "The jury … praised the film's \"patience and moral clarity\"", its "think" rare and missing; "How does the
# vice-chancellor feel about the rise?" after a question about scooters was read in their story, whose quote says "no
# longer feel safe" (session 32); nor whether they liked it ("did the jury like the film" abstained at 0.12)
# (the pattern of how someone took it, asked: its opening and who (group 2), then the verb; read here and by
# ``answer_kinds.asks_reaction``)
TAKEN_ASKED = (r"^(\W*(?:(?:how|what)\s+(?:did|does|do|has|have|had|will|would)|did|does|do)\s+([\w'’. -]+?)\s+)"
               r"(?:react|respond|reply|(?<!look )(?<!sound )like|love|enjoy|dislike|hate"
               r"|(?=(?:feel|think)\s+(?:about|of)\b|make\s+of\b)\w+)\b")
_TAKEN = re.compile(TAKEN_ASKED, re.IGNORECASE)


def question_terms(question: str) -> list[str]:
    """The content terms of a question (``terms``) without the word that makes "how …" a question, nor the words for
    any place ("anywhere"), nor the verb asking how someone took it ("react", "think of")."""
    return [t for t in terms(_TAKEN.sub(r"\1", without_how_form(question))) if t not in _ANY_PLACE]


def is_headline(text: str, title: str) -> bool:
    """Is the text the article's headline itself (spacing, case and a final full stop aside), or a sentence of two words
    or more the sentence splitter cut from it? A file's first line is its title and stays in its text: shown with every
    citation, it is neither evidence of its own nor worth showing twice. ("What are glitter pills?", cut from "What are
    glitter pills? Sparkling tablets drive new warnings", was cited first for "glitter pills" as if it were the lead;
    session 40.)"""
    def norm(t: str) -> str:
        return " ".join(t.split()).casefold().rstrip(".")
    said, head = norm(text), norm(title)
    return bool(head) and bool(said) and (said == head or len(said.split()) >= 2 and (
        head.startswith(said + " ") or head.endswith(" " + said)))


# when the question is asked, relative to the asker's today: "What country elected its first-ever
# leftist leader this week?" is answered by "Gustavo Petro will become Colombia's first leftist leader,
# after winning the country's presidential race on Sunday." (the as-of date and the preference for the
# latest story stand for "this week")
_WHEN_ASKED = re.compile(r"\b(?:(?:this|last|past|this past) (?:week|weekend|month)|recently|earlier this year)\b"
                         # and "the new …", "the latest …" (a story need not write "new": "Tell me about the new
                         # planet" beside "Astronomers have found a planet …"; session 25)
                         r"|(?<=\bthe )(?:new|newest|latest)\b", re.IGNORECASE)


def when_asked_terms(question: str) -> frozenset[str]:
    """The question's terms that only say when it is asked ("this week", "recently"): no evidence of
    whether an article answers it (a sentence that says "this week" may still be the news asked about)."""
    return frozenset(question_terms(question)) - frozenset(question_terms(_WHEN_ASKED.sub(" ", question)))


# a period counted back from now, its count written or one ("the past year", "the last 10 years")
_PERIOD = re.compile(r"\b(?:past|last|previous)\s+(?:(\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|"
                     r"several|few)\s+)?(day|week|month|year|decade)s?\b", re.IGNORECASE)


def periods(text: str) -> set[tuple[str, str]]:
    """The periods counted back from now the text names, each as (count, unit): "over the past year" -> {("1",
    "year")}, "the last 10 years" -> {("10", "year")}."""
    return {((m.group(1) or "1").lower(), m.group(2).lower()) for m in _PERIOD.finditer(text)}


def other_period_terms(asked: set[tuple[str, str]], sentence: str) -> frozenset[str]:
    """The terms of the question's periods (``asked``, its ``periods``, read once a question) a sentence names with
    another count only: "How much have food prices risen over the past year?" is not answered by "… risen 26.8 percent
    over the past 10 years, …" (its "years" holds no "year" the question asks; RealTimeQA as of its date, session 29)."""
    if not asked:
        return frozenset()
    said = periods(sentence)
    return frozenset(t for count, unit in asked
                     if (count, unit) not in said and any(u == unit for _, u in said) for t in terms(unit))


@functools.cache
def _stems_of_forms() -> dict[str, tuple[str, ...]]:
    return {stem(b): tuple(dict.fromkeys(stem(f) for f in forms_of(b))) for b in set(BASE_FORM.values())}


def indexed_forms(term: str) -> tuple[str, ...]:
    """The terms the word indexes hold for a term of ``terms``: the index stems words as written, so
    "hold" is there as "hold" and as "held" (its document frequency is read over both)."""
    return _stems_of_forms().get(term, (term,))


def idf(doc_freq: int, n_docs: int) -> float:
    """BM25-style inverse document frequency (never negative)."""
    return math.log(1.0 + (n_docs - doc_freq + 0.5) / (doc_freq + 0.5))


def weighted_coverage(query_terms: Mapping[str, float], text_terms: Iterable[str]) -> float:
    """Share of the query's IDF weight whose terms occur in the text (0..1)."""
    total = sum(query_terms.values())
    if total <= 0:
        return 0.0
    present = set(text_terms)
    return sum(w for t, w in query_terms.items() if t in present) / total


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def novelty(sentence: str, question_words: set[str], kind: str = "any") -> float:
    """1.0 when the sentence names something the question does not: a capitalised word after its
    first (``kind`` "name"), a number ("number") or either ("any"). Answers add information;
    restatements of the question do not."""
    stop = stopwords()
    first = sentence.split(" ", 1)[0]
    for w in NAME_OR_NUMBER.findall(sentence):
        if w.lower() in question_words or (w == first and w.lower() in stop):
            continue
        if kind == "any" or (kind == "number") == w[0].isdigit():
            return 1.0
    return 0.0


def term_pairs(text: str) -> set[tuple[str, str]]:
    """Each two of the text's terms one after the other (stopwords between them aside): "the world record of 2:00:35"
    -> {("world", "record"), ("record", "2")}: a phrase of a question held as a phrase."""
    ts = terms(text)
    return set(zip(ts, ts[1:], strict=False))

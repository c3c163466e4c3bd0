"""Follow-up questions made self-contained before retrieval (extractive mode: deterministic)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.errors import InputError

from .answer_kinds import asks_for_overview
from .cased import as_written
from .citations import quoted_sentences
from .confidence import START_ASKED, log_odds
from .messages import cited_articles, content_text
from .more import story_asked
from .named import (
    FILLER,
    NAME,
    answered_name,
    called_kind,
    pointed_person,
    story_named,
    tells_subject,
)
from .scoring import (
    AUXILIARY_VERBS,
    PERSON_PRONOUN,
    TOKEN,
    asked_act,
    question_terms,
    stopwords,
    without_how_form,
    words,
)
from .verbforms import BASE_FORM, PRESENT_FORMS

_REFERRING = frozenset(
    ["he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "theirs", "this", "that", "these", "those", "there", "then", "former", "latter", "same", "such", "one", "ones"]
)
# "the" may point back ("What did the state use to build the wall?") or not ("Which city had the worst
# air?"): such a question is asked both ways and the better-supported reading kept (Assistant)
_DEFINITE = frozenset(["the"])


@dataclass(frozen=True)
class Turn:
    """One message of a conversation. ``article_ids``: for an answer, the articles it cited when the
    client sends them back (the Answer JSON's ``citations``, each with its ``article_id``); a follow-up
    is read in those articles first (``qa.conversation``). Without them they are found from the
    sentences the answer's text quotes."""

    role: str  # "user" or "assistant"
    content: str
    article_ids: tuple[str, ...] = ()

    @classmethod
    def coerce(cls, item) -> Turn:
        if isinstance(item, Turn):
            return item
        if isinstance(item, dict) and isinstance(item.get("role"), str):
            return cls(item["role"], content_text(item.get("content")), cited_articles(item.get("citations")))
        if isinstance(item, (list, tuple)) and len(item) == 2:  # (user, assistant) pairs
            return cls("user", content_text(item[0]))
        raise InputError("history", "each turn must be an object with 'role' and 'content'")


def last_answer(turns: list[Turn]) -> Turn | None:
    """The conversation's last answer (the story told), or None."""
    return next((t for t in reversed(turns) if t.role == "assistant"), None)


def last_told(turns: list[Turn]) -> Turn | None:
    """The conversation's last answer that cited anything (its articles, or sentences its text quotes), else its last
    answer: one saying the articles don't say tells no story ("Where is he now?" after "What happened to FTX?" and "Who
    founded it?", which abstained, was not read in the story the first answer told; session 34)."""
    told = (t for t in reversed(turns) if t.role == "assistant" and (t.article_ids or quoted_sentences(t.content)))
    return next(told, None) or last_answer(turns)


def _subject(text: str, limit: int = 12) -> str:
    """Content words of a previous question (its subject), in order."""
    stop = stopwords()
    # (nor "take effect" of "When does the ban take effect?": "Is anyone challenging it?" after it abstained, searched with
    # "ban take effect"; session 33)
    kept = [w for w in TOKEN.findall(without_how_form(START_ASKED.sub(" ", text)))
            if w.lower() not in stop and w.lower() not in _REFERRING and w.lower() not in FILLER]
    # not the act a "What did Quillon announce?" asks about: its story need not write it ("What did she say?" after it
    # and "Who is the CEO?" abstained at 0.12, searched with "Quillon announce Rosa Lindqvist"; session 25)
    act = asked_act(text)
    if act in kept:
        kept.remove(act)
    return " ".join(kept[:limit])


_THEY = frozenset(["they", "them", "their", "theirs"])  # the one pronoun that may point at anyone


# "this" of a time is no reference: "what was the top movie this weekend" after "how many stops does the blue line
# have" was searched with "stops blue line" and abstained (in Chromium; session 26). (Not scoring's _WHEN_ASKED: that
# reads the words saying when a question is asked, "this week", "recently"; here any time "this" or "that" points at)
_THIS_TIME = re.compile(r"\b(?:this|that|these|those)\s+(?:week|weekend|month|year|morning|afternoon|evening|night|summer"
                        r"|winter|spring|autumn|season|time|day|days|weeks|months|years)\b", re.IGNORECASE)


# "there" that says something exists points nowhere: "Is there a measles outbreak?" after questions about a walking
# study was read as one more about it, and "how many kids are sick" after it searched with "walking study" (abstained;
# session 28); "What happened there?" points back
# ("How many people were there?" ends on it: the place asked about)
_THERE_IS = re.compile(r"\b(?:(?:is|are|was|were|will|has|have|had)\s+there(?=\s+\w)|there(?:['’]s|\s+(?:is|are|was|were|will"
                       r"|has|have|had))\b)", re.IGNORECASE)


# nor does the weather's "it": "how hot did it get in spain" after questions about a measles outbreak was read in the
# outbreak's story and cited its lead (session 28)
_WEATHER_IT = re.compile(r"\bhow\s+(?:hot|cold|warm|cool|wet|windy|dry|humid)\s+(?:is|was|will|did|does|has|had|could|would)"
                         r"\s+it\b|\bis\s+it\s+(?:raining|snowing|sunny|windy|hot|cold|warm)\b", re.IGNORECASE)


# and "the rest" or "the others" of what was just said: "Where does the rest go?" after "How much plastic is recycled in
# the US?" (RealTimeQA's store) was read alone and cited a virus story's "They kept it from going into the rest of China,
# …" (session 29); "the rest of Europe" names its own whole
_THE_REST = re.compile(r"\bthe\s+(?:rest|remainder|others)\b(?!\s+of\b)", re.IGNORECASE)


def points_back(question: str) -> bool:
    """Does the question say "he", "it", "their", "this", "the rest" … (not "this week", not "is there", not the
    weather's "it")?"""
    said = _WEATHER_IT.sub(" ", _THERE_IS.sub(" ", _THIS_TIME.sub(" ", question)))
    return any(t in _REFERRING for t in words(said)) or bool(_THE_REST.search(said))


# a count whose noun the conversation names: "How many are affected?" after "Why is Orvek recalling SUVs?"
# (the story does not say "affected": it abstained at 0.05, searched alone; session 23)
_COUNT_OF_IT = re.compile(r"^\W*how\s+many\s+(?:of\s+(?:them|those|these)\s+)?([\w'’]+)", re.IGNORECASE)


def counts_unnamed(question: str) -> bool:
    """Does the question count something it does not name ("How many are affected?", "How many were
    hurt?"): "how many" before a verb, and no name of its own?"""
    m = _COUNT_OF_IT.match(question)
    return bool(m and m.group(1).lower() in AUXILIARY_VERBS and not stands_alone(question))


# asked whether there was any of something, in few words, the story at hand is asked: "was there any trouble?" after
# questions about a tram line is about the tram (its story writes "delays", not "trouble"); not "Is there a measles
# outbreak?" (session 28)
_THERE_ANY = re.compile(r"^\W*(?:is|are|was|were|has|have|had|will)\s+there\s+(?:been\s+|be\s+)?any\b", re.IGNORECASE)


def asks_if_any(question: str) -> bool:
    """Does the question ask, in few words and naming nothing, whether there was any of something ("Were there any
    injuries?")?"""
    return bool(_THERE_ANY.match(question)) and refers_back(question) and not stands_alone(question)


def refers_back(question: str) -> bool:
    """Does the question lean on an earlier turn (a pronoun, or almost no content words)?"""
    return points_back(question) or len([t for t in words(question) if t not in stopwords()]) <= 2


def short_without_reference(question: str) -> bool:
    """Refers back only by being short: a whole question (a verb like "is", "does", "will") with no
    pronoun and at most two content words ("Who is the transport minister?", "When does work
    start?"). Usually a follow-up, sometimes a new question a sentence answers word for word; kept as
    asked when the articles answer it (Assistant._search). Without an auxiliary it is a fragment of
    the last one ("In which national park?", "Which team?") that needs the conversation."""
    return refers_back(question) and not points_back(question) and any(t in AUXILIARY_VERBS for t in words(question))


def verbless(question: str) -> bool:
    """Does the question ask how many, how much or which of no verb, a fragment of the conversation ("How many vehicles?",
    "Which city?"; not "What about the whale?", which may name a new subject)?"""
    return bool(_COUNT_OR_WHICH.match(question)) and not any(
        w in AUXILIARY_VERBS or w in BASE_FORM or w in PRESENT_FORMS or w.endswith("ed") or w in _VERB_PARTS
        for w in words(question))


# "won" (a stopword for "won't", no irregular form of verbforms') and a verb written short: "What's the latest on …?"
_VERB_PARTS = frozenset(["won", "s", "re", "ve", "ll", "m", "d"])
_COUNT_OR_WHICH = re.compile(r"^\W*(?:how\s+(?:many|much)|which|what\s+(?:kind|sort|type)\s+of)\b", re.IGNORECASE)


def may_refer_back(question: str) -> bool:
    """Could the question lean on an earlier turn, or not: "the …" alone, or a pronoun in a question
    that stands alone? (Asked both ways; the better-supported reading is kept.)"""
    if refers_back(question):
        return stands_alone(question)
    return any(t in _DEFINITE for t in words(question))




_WHO = re.compile(r"^\W*who\b", re.IGNORECASE)


def context(history: list[Turn], of_person: bool = True, pointing: bool = True,
            person: frozenset[str] = frozenset()) -> str:
    """What the conversation is about: the last user question that stood on its own, plus the names
    of the follow-ups after it ("Who was Vin Scully?" then "How old was he when he died?" then "Which
    team did he call games for?" is still about Vin Scully; the words "old" and "died" would pull
    the search towards his death), and the name that answered it when it asked who ("Who is the new
    harbour master?" then "Where is she from?" is about Marisol Ortega: "Marisol Ortega, a former ferry
    captain from Lisbon, …", not "The coastal town has chosen a harbour master …, the town council said
    on Thursday."). A question that only says "the …" is a follow-up unless its answer (when the turns
    carry their citations) cites none of the articles the last subject's answer cited: then it is the
    subject; a short whole question (no name, under six content words) is the subject unless its answer
    cites one of them. Not ``of_person`` (the question says "it", not "she"), the names that answered a
    follow-up's "Who …?" are left out: "What will it cost?" after "Who is the CEO?" about job cuts was searched
    with "Rosa Lindqvist" and abstained (session 25). Nor the name that answered "Who …?" asked of the ``person`` the
    question points at (``pointed_person``): "Who will replace her?" names someone else than "she" (session 27). Not
    ``pointing`` back ("he", "it" …), a question has no subject to carry when the articles did not answer the last one:
    "what happened to the whale" after "who wrote this" (the articles don't say) was searched with "wrote" (session
    26). A request for what the articles hold ("What's in the news?") has no subject, and is none."""
    root, names, answered = "", [], False
    root_articles: tuple[str, ...] = ()  # the articles the root's answer cited (when the client sent them)
    root_cited = False  # the root's answer cited a sentence (an abstention has no story to follow)
    ambiguous = ""  # a question that only says "the …", read as a follow-up until its answer says otherwise
    short = ""  # a short whole question, read as a new subject until its answer says otherwise
    asked = ""  # the follow-up just asked: a "Who …?" among them names whom "she" means next
    listed: list[str] = []  # the sentences of the last answer citing several articles, in order (the news: a story each)
    for t in history:
        if t.role == "assistant":
            quotes = quoted_sentences(t.content)
            listed = quotes if (len(set(t.article_ids)) if t.article_ids else len(quotes)) > 1 else listed
            if ambiguous and (not root_cited or root_articles and t.article_ids
                              and not set(t.article_ids) & set(root_articles)) and not tells_subject(t.content, root):
                # answered from other articles: it was a new subject ("Who is the new harbour master?"
                # after "How many hostages are in Gaza?"), and "Where is she from?" is about it; so
                # it is after a subject the articles did not answer ("Who won the cup final?" after
                # "What is the capital of France?": "their goalkeeper" is not France's)
                root, names, answered = ambiguous, [], False
            if short and not (t.article_ids and set(t.article_ids) & set(root_articles)):
                root, names, answered = short, [], False
            ambiguous = short = ""
            if root and not answered:
                names += answered_name(root, t.content)
                # (a story's name the answer's name holds is no name of its own: "who resigned" was carried as "Fiona Daly
                # Fiona Daly", the lead's "Fiona" and "Daly" after the answered "Fiona Daly")
                said = {w for n in names for w in words(n)}
                names += [n for n in story_named(root, t.content) if n not in names and not set(words(n)) <= said]
                names += [k for k in called_kind(root, t.content) if k not in names]  # ("The vaccine, called LM-22")
                answered, root_articles = True, t.article_ids
                root_cited = bool(t.article_ids) or bool(quoted_sentences(t.content))
            elif asked and of_person and not (person and pointed_person(asked) == person):
                # ("Who is the principal investigator?" then "What did she say?": Helena Kowalczyk)
                names += [n for n in answered_name(asked, t.content) if n not in names]
            asked = ""
            continue
        if t.role != "user" or not t.content.strip():
            continue  # a system message is no question
        # "Tell me more about the second one" is about that story, by the sentence of it the list quoted; "What's in
        # the news?" has no subject, and names none for what follows ("What did she say?" after "why did the minister
        # resign?" and "Who will replace her?" after it abstained in the chat: the minister's question was read as its
        # follow-up, its leads citing her story; session 27)
        nth = story_asked(t.content)
        story = listed[nth] if nth is not None and -len(listed) <= nth < len(listed) else None
        if story is not None or asks_for_overview(t.content):
            root, names, answered, root_articles, ambiguous, short, asked = story or "", [], False, (), "", "", ""
            continue
        if root and (refers_back(t.content) or may_refer_back(t.content)) and (
                not stands_alone(t.content) or points_at_it(t.content)):
            names += NAME.findall(" " + t.content.split(" ", 1)[1]) if " " in t.content else []
            # (short and pointing nowhere, it may name a new subject too: "What's the latest on the wildfire?" after
            # three questions about a fine was read as one more about the fine, and "How big is it?" after it was
            # searched with "Streamly fined Lena Brandt"; in the web chat, session 23)
            # ("they" alone may be anyone: "what dinosaur did they find" after questions about a snow warning was
            # answered from another story, and "Where will it be shown?" after it was searched with "snow forecast";
            # session 26)
            # (naming enough to stand alone, "it" points at the story told when its answer cites it: "Who runs the
            # company?" after "Which US city was worst in it?" about an air quality report was searched with "US city
            # worst" and cited a traffic ranking; Chromium, session 28)
            # (a question of no words of its own names no subject: "When will it end?" after "Which product is in short
            # supply?", "Is there a shortage of baby formula?" (answered from one of the first answer's articles) and
            # "Why?" (answered from another) was searched as "When will it end? Why?" and cited Labor Day's "unofficial
            # end of summer"; RealTimeQA's store, session 31)
            # (nor one of no verb, a fragment: "Why?" after "Which company recalled cars this week?" and "How many
            # vehicles?", answered from another week's recalls, was searched as "Why? vehicles" and abstained; session 35)
            ambiguous = "" if not question_terms(t.content) or verbless(t.content) or points_back(t.content) and not (
                stands_alone(t.content)) and not {w for w in words(t.content) if w in _REFERRING} <= _THEY else t.content
            # "the …" alone may be a new subject; asking who, its answer citing the subject's articles, it names whom "she"
            # means next ("what was her time?" after "who won the women's race?", a marathon's follow-up, was searched
            # with the men's winner; session 29)
            asked = t.content if refers_back(t.content) or (_WHO.match(t.content) and root_articles) else ""
        elif root and root_articles and not stands_alone(t.content):
            # a short whole question answered from the subject's articles was read with the subject
            # ("How many jobs will go?" after "Which bakery chain is closing shops?", qa.conversation):
            # "Who runs it?" after it is still about the bakery chain, not about jobs going
            short = t.content
        else:
            root, names, answered, root_articles = t.content, [], False, ()
    if not pointing and answered and not root_cited:
        return ""
    return " ".join([root, *names]).strip()


# "it" as the object, pointing back ("Which US city was worst in it?", "Who bought it?"), not a question's own "it"
# ("Is it true that …", "How long will it take …") or its "its" ("What country elected its first leftist leader?")
_IT_OBJECT = re.compile(r"\bit\s*(?:[?.!]|$|\b(?:from|for|with|in|on|at|to|about|by|after|before|over|off)\b)",
                        re.IGNORECASE)


def points_at_it(question: str) -> bool:
    """Does the question point back with "it" as its object, however much it names ("… worst in it?")?"""
    return bool(_IT_OBJECT.search(question))


def stands_alone(question: str) -> bool:
    """Says enough to be searched without the conversation: a name after its first word, or six
    content words ("What country elected its first-ever leftist leader this week?")."""
    stop = stopwords()
    rest = question.split(" ", 1)[1] if " " in question else ""
    return bool(NAME.search(" " + rest)) or len([t for t in words(question) if t not in stop]) >= 6


CARRY_LOG_ODDS = 1.0


def carries_subject(as_asked: float, with_subject: float) -> bool:
    """Is a question that could stand alone better read with the conversation's subject? Only when
    the subject raises the confidence's log-odds by ``CARRY_LOG_ODDS`` (2.7 times the odds). Read as
    log-odds, a gain counts more near the scale's ends than in its middle: on the dev dialogues the
    follow-ups asked both ways gain 1.13 and 1.49 (0.54 -> 0.78, 0.58 -> 0.86), the changes of subject
    at most 0.75 (0.31 -> 0.49); a margin of 0.25 on the probability, until session 16, kept the
    first follow-up as asked (bench/NOTES.md)."""
    return log_odds(with_subject) > log_odds(as_asked) + CARRY_LOG_ODDS


def condense(question: str, history: list[Turn], definite: bool = False) -> str:
    """The question, with the conversation's subject carried over when it refers back (also when it
    only says "the …" and ``definite``).

    "What did he call the resolution?" after "Who is the spokesman of Iran's foreign ministry?"
    becomes "What did he call the resolution? spokesman Iran's foreign ministry".
    """
    ambiguous = may_refer_back(question)
    if not ((refers_back(question) and not ambiguous) or (definite and ambiguous)):
        return question
    return subject_added(question, history)


def is_fragment(question: str) -> bool:
    """Is the question a fragment of the last one ("Until when?", "Where?"): no word of its own, no pronoun
    and no verb (``short_without_reference`` has one)? ("What about profit?" asks of the subject.)"""
    return (refers_back(question) and not points_back(question) and not short_without_reference(question)
            and not question_terms(question))


_IT = re.compile(r"\b(?:it|its)\b", re.IGNORECASE)


def points_at_thing(question: str) -> bool:
    """Does the question point back at a thing ("it", "its") and at no one ("he", "she" …)?"""
    return bool(_IT.search(question)) and not PERSON_PRONOUN.search(question)


def subject_added(question: str, history: list[Turn]) -> str:
    """The question with the conversation's subject after it (the question itself when there is none); a
    fragment goes on the last question too ("Until when?" after "Which schools are closed?", a follow-up of
    "Tell me about Hurricane Mara", was searched with "Hurricane Mara" alone and cited the storm's lead;
    session 22)."""
    ctx = context(history, of_person=not points_at_thing(question), pointing=points_back(question),
                  person=pointed_person(question))
    last = next((t.content for t in reversed(history) if t.role == "user" and t.content.strip()), "")
    if last and is_fragment(question) and not ctx.startswith(last) and _subject(last):  # the last question's words
        question = f"{question.rstrip(' ?')} {_subject(last)}?"  # are asked with it: "Until when schools closed?"
        # (none after "By how much?": "When?" was searched as "When ? Streamly expensive")
    if not ctx:
        return question
    # the question ends where the subject starts, typed without its question mark too: "what's the average price"
    # after "Are house prices falling?" was read as one question with the subject's words ("… price house prices
    # falling"), its own words not told apart (``asked.searched_with_subject``), and the lead came first (session 26)
    asked = question.rstrip()
    # (its words typed in lower case as the answers write them: "what did she say?" after "adele vegas residency" read no
    # "she" in "adele", and cited "Caesars Palace said …" for Adele's words; RealTimeQA's store, session 38)
    told = " ".join(t.content for t in history if t.role == "assistant")
    return f"{asked if asked.endswith(('?', '.', '!')) else asked + '?'} {as_written(_subject(ctx), told)}".strip()

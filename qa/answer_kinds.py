"""What kind of answer a question asks for beyond its words, and whether a sentence is one (pure): someone's words
("What did he say?"), a reaction ("How did Israel react?"), the gist of a story ("Summarize the hurricane story"), a
place, the most, advice (a reason: ``qa.reasons``). Read where the answer's first sentence is chosen
(``ExtractiveAnswerer``)."""

from __future__ import annotations

import re

from .asked import sentences_of
from .cased import TITLES
from .scoring import TAKEN_ASKED, novelty, said_words, terms
from .whether import asking_sentence

# a request for the gist of what is read, not a question about something in it
_SUMMARY = re.compile(
    r"^\W*(?:(?:please\s+|can you\s+|could you\s+)?(?:summari[sz]e|sum up|recap)\b"
    r"|(?:give me\s+|can you give me\s+)?an?\s+(?:summary|overview|gist)\b|(?:summary|overview|tl;?dr)\b"
    r"|what(?:'s|’s|\s+is|\s+are)?\s+(?:this|the|that|it|these)(?:\s+\w+){0,3}?\s+about\W*$"
    r"|what\s+does\s+(?:this|the|it)(?:\s+\w+)?\s+say\W*$|tell me about (?:this|the|it)(?:\s+(?:article|story))?\W*$"
    r"|what(?:'s|’s|\s+is)\s+the\s+(?:gist|news)\b|what\s+are\s+the\s+(?:main|key)\s+(?:points|facts)\b"
    r"|what(?:'s|’s|s|\s+is)\s+new\W*$)",
    re.IGNORECASE)
# the words of such a request that name no story: "Summarize the hurricane story" is about the hurricane
_TELLING = frozenset(terms("summarize summarise summary sum recap overview gist story stories article articles "
                           "piece report news main key points facts tell give please new latest"))


def asks_for_summary(question: str) -> bool:
    """Is it a request for the gist ("Summarize the article", "What is this story about?", "Give me
    a summary")? Answered with the lead when one article is read (``ExtractiveAnswerer``)."""
    return bool(_SUMMARY.search(question))


# a request for what the articles hold, naming no story: "what are the main stories", "what's in the news today" got "The
# articles don't say." with three articles at random, "What's new?" asked "Which article?" (session 27)
_OVERVIEW = re.compile(
    r"^\W*(?:(?:so|and|ok(?:ay)?)\W+)?(?:what(?:['’]?s|\s+is)\s+(?:new|in\s+the\s+(?:news|articles?)|the\s+(?:latest\s+)?news"
    r"|happening)(?:\s+(?:today|now|this\s+week))?"
    r"|what\s+(?:are|were)\s+the\s+(?:main|top|latest|biggest|big|key)\s+(?:stories|news|headlines)(?:\s+(?:today|now))?"
    r"|what\s+(?:stories|articles|news)\s+(?:are\s+there|do\s+you\s+have|have\s+you\s+got)"
    r"|what\s+(?:do\s+you\s+have|have\s+you\s+got)|any\s+news|(?:give\s+me\s+|show\s+me\s+)?the\s+(?:headlines|news))\W*$",
    re.IGNORECASE)


def asks_for_overview(question: str) -> bool:
    """Does the question ask what the articles hold, naming no story ("What's in the news?", "What are the main
    stories?", "What's new?")? Of many articles it is answered by the leads of the newest (``Assistant.ask``)."""
    return bool(_OVERVIEW.match(question))


def summary_topic(question: str) -> frozenset[str]:
    """The terms a request for the gist names its story by ("Summarize the hurricane story" -> {"hurrican"});
    empty when it names none ("Summarize the article")."""
    return frozenset(terms(question)) - _TELLING


# asked where, a sentence naming a place answers: "Where will it launch from?" after "Why was the Helix launch
# called off?" cited the lead ("… called off on Saturday … after engineers found a problem with a valve …"),
# not "The 98-metre rocket had been due to lift off … from the company's launch site at Baird Point in
# Queensland, Australia." (session 23). A place is a capitalised name after "in", "at", "near", "off" …
# (not a month or a weekday: ``numbers.without_dates``)
_WHERE = re.compile(r"(?:^|[.?!]\s+)\W*where\b", re.IGNORECASE)
_AT = r"in|at|near|off|outside|inside|across|across from|north of|south of|east of|west of"
_PLACE = re.compile(rf"\b(?:{_AT})\s+(?:the\s+)?(?-i:[A-Z][a-z])", re.IGNORECASE)
# asked where one comes from, a place after "from" answers too: "where did the mother come from" of a panda cub cited "The
# panda house will stay closed … so that mother and cub are not disturbed." before "… to mother Mei Lan, who arrived from
# China in 2019 …" (session 37)
_FROM = re.compile(rf"\b(?:{_AT}|from)\s+(?:the\s+)?(?-i:[A-Z][a-z])", re.IGNORECASE)
_ASKS_FROM = re.compile(r"\bfrom\W*$", re.IGNORECASE)


def asks_where(question: str) -> bool:
    """Does the question ask where ("Where …?", "… in Queensland. Where?")?"""
    return bool(_WHERE.search(question))


def gives_place(sentence: str, near: set[str] | None = None, question: str = "") -> bool:
    """Does the sentence name a place ("… at Baird Point in Queensland …", "near Port Lavaca"; after "from" too when the
    ``question`` asks where from)? ``sentence`` without its dates ("on Saturday", "in March" name no place). With
    ``near``: a place within six words after one of these terms ("Born in Vienna in 1937, …" for "Where was she born?";
    not "… died on Saturday at her home in Boston.")."""
    place = _FROM if _ASKS_FROM.search(asking_sentence(question)) else _PLACE
    if near is None:
        return bool(place.search(sentence))
    return any(near & set(terms(" ".join(sentence[: m.start()].split()[-6:]))) for m in place.finditer(sentence))


# asked what a thing is called, a sentence naming it answers: "What is it called?" after "What did scientists find
# in Brazil?" cited the lead ("… a new species of frog …"), not "Adults of the species, named Brachycephalus
# minimus, …" (nor "… cannot hear their own calls …", which holds the question's word; session 23)
# (and what they are also called, another name of theirs, written in lower case too: "what are they also called?" after
# "private schools" cited "… many of them have the name \"Public School\" appended …", not "Private schools, also known as
# independent schools, …"; SQuAD's passages, session 40)
_ASKS_NAME = re.compile(r"^\W*what(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+(?:it|its|the|this|that|their|his|her|they|these|those)"
                        r"\b[^?]*?\b(?:called|named|name)\W*$", re.IGNORECASE)
_NAMING = re.compile(r"\b(?:called|named|dubbed|known as|nicknamed)\s+(?:the\s+)?[\"“‘']?(?-i:[A-Z])"
                     r"|\balso\s+(?:called|known\s+as)\s+[\"“‘']?[a-z]", re.IGNORECASE)


# asked what a thing is, a sentence saying what it is answers: "What is monkeypox?" (RealTimeQA's store) cited "Testing for
# monkeypox, a crucial part of containing the growing outbreak, has gotten off to a sluggish start …" first, not
# "Monkeypox, a viral disease, occurs mostly in central and western Africa, …" (session 31)
_ASKS_WHAT_IS = re.compile(r"^\W*what(?:'s|’s|\s+is|\s+are|\s+was|\s+were)\s+(?:(?:the|a|an)\s+)?"
                           r"(?!(?:the|a|an|it|its|this|that|these|those|they|there|he|she|him|her|them|happening|going|new|next|"
                           r"news|latest|story|article|name)\b)((?:[\w'’.&-]+\s+){0,3}[\w'’.&-]+?)\s*\??\s*$", re.IGNORECASE)


# "Who is Joey Chestnut?" asks who someone named is (not "Who is the new harbour master?"): about him, not the contest its
# answer names (``named.answered_name``), a sentence saying who he is answers it ("Who is Ketanji Brown Jackson?" cited
# "… Dana Remus put in a call to Ketanji Brown Jackson …", not "Jackson, who is … a former Breyer clerk, …"; session 31)
_WHO_IS_NAMED = re.compile(r"^\W*who(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+"
                           r"(?!(?:the|a|an|their|its|his|her|our|this|that)\b)(?![^?]*['’]s\b)([^?]+?)\?*\s*$", re.IGNORECASE)


def named_asked(question: str) -> str:
    """The one a "Who is <someone named>?" question asks about ("Who is Joey Chestnut?" -> "Joey Chestnut"); "" for
    other questions ("Who is the new harbour master?", "Who won?")."""
    m = _WHO_IS_NAMED.match(question.strip())
    return m.group(1).strip() if m else ""


def thing_asked(question: str) -> str:
    """The thing a question asks what it is ("What is monkeypox?" -> "monkeypox", "What's the Inflation Reduction Act?"
    -> "Inflation Reduction Act"), or the one it asks who they are (``named_asked``); "" when it asks no such thing
    ("What is it called?", "What's happening?")."""
    asking = sentences_of(question)[0]
    m = _ASKS_WHAT_IS.match(asking)
    return m.group(1) if m else named_asked(asking)


def defines(sentence: str, thing: str) -> bool:
    """Does the sentence say what ``thing`` is: "Monkeypox, a viral disease, …", "The act is a …", "… Jynneos (a
    vaccine) is the …", "Paxlovid — an antiviral pill — …", "NFTs, or \"nonfungible tokens,\" are …"?"""
    said = thing.split()
    # (a name by its last word too: "Jackson, who is African American and a former Breyer clerk, …")
    written = r"\s+".join(re.escape(w) for w in said) + (
        f"|{re.escape(said[-1])}" if len(said) > 1 and all(w[0].isupper() for w in said) else "")
    written = f"(?:{written})"
    # (not the object of a preposition: "Testing for monkeypox, a crucial part of containing the growing outbreak, …")
    return any(not _PREPOSITION_BEFORE.search(sentence[: m.start()]) for m in re.finditer(
        rf"(?<![\w-]){written}(?:\s*\([^)]*\))?(?:,\s*(?:a|an|the|which|who|or)\b|\s+(?:is|are|was|were)\s+(?:a|an|the|one)\b"
        rf"|\s*[—–]\s*(?:a|an|the)\b)", sentence, re.IGNORECASE))


_PREPOSITION_BEFORE = re.compile(r"\b(?:for|of|to|from|with|about|against|on|in|into|by|at|as|like|than|over|under|"
                                 r"after|before|between|among|through|during|without|including|and|or)\s+(?:the\s+)?$",
                                 re.IGNORECASE)


# asked what colour, a sentence naming one answers: "What color was it?" after "What did Twitter do with its official
# check mark for government accounts?" cited the lead first, "… a new, gray verification badge …" second (RealTimeQA's
# dev dialogues, session 27)
_ASKS_COLOUR = re.compile(r"\b(?:what|which)\s+colou?rs?\b", re.IGNORECASE)
_COLOUR = re.compile(r"\b(?:gr[ae]y|red|blue|green|yellow|orange|purple|violet|pink|black|white|brown|gold|golden|silver"
                     r"|beige|maroon|navy|turquoise|teal|crimson|scarlet)(?:ish)?\b", re.IGNORECASE)


def asks_colour(question: str) -> bool:
    """Does the question ask what colour something is ("What color was it?", "Which colour …?")?"""
    return bool(_ASKS_COLOUR.search(sentences_of(question)[0]))


def gives_colour(sentence: str) -> bool:
    """Does the sentence name a colour ("… a new, gray verification badge …")?"""
    return bool(_COLOUR.search(sentence))


# how well a thing works is told by what it cuts or prevents, in percent, or how effective it is: "How effective is it?"
# of a vaccine cited "Side effects were mostly mild, …" ("effective" and "effects" are one term to the stemmer), not "In
# trials it cut the risk of severe illness in babies by 82% …" (session 33)
_ASKS_EFFECT = re.compile(r"^\W*(?:how\s+(?:effective|efficient|well\s+(?:does|did|do|will|would|can)\s+[\w\s'’-]{1,40}?"
                          r"\s+work)|(?:does|did|do|will)\s+[\w\s'’-]{1,40}?\s+(?:work|help)(?=\W*(?:\?|$)))", re.IGNORECASE)
_PERCENT = r"\d[\d.,]*\s*(?:%|percent|per\s+cent)"
_GIVES_EFFECT = re.compile(rf"\b(?:effective|efficacy|(?:cut|cuts|reduced?|reduces|reducing|lowered|lowers|prevented|prevents"
                           rf"|halved|protected|protects)\b[^.;]*?{_PERCENT}|{_PERCENT}\s+(?:effective|efficacy|fewer|less|lower"
                           rf"|reduction|drop|cut))", re.IGNORECASE)


def asks_effect(question: str) -> bool:
    """Does the question ask how well a thing works ("How effective is it?", "Does it work?")?"""
    return bool(_ASKS_EFFECT.match(question))


def gives_effect(sentence: str) -> bool:
    """Does the sentence tell how well a thing works: how effective it is, or what it cuts by how much?"""
    return bool(_GIVES_EFFECT.search(sentence))


def asks_name(question: str) -> bool:
    """Does the question ask what something is called ("What is it called?", "What's the new species named?",
    "What is its name?")?"""
    return bool(_ASKS_NAME.match(sentences_of(question)[0]))


def gives_name(sentence: str) -> bool:
    """Does the sentence name something as such ("… named Brachycephalus minimus", "… dubbed \"Pathfinder\"")?"""
    return bool(_NAMING.search(sentence))


# asked what someone said, a sentence quoting them answers: "What did he say?" after "Who did Harbour City
# sign?" cited the lead ("… have signed Italian striker Leo Marchetti …"), not "\"I have dreamed of playing in
# England since I was a boy,\" Marchetti said." (session 22)
# (not "What did the Court say the Commission had proven?": a clause after "say" asks what it found)
_WHAT_SAID = re.compile(r"^\W*what\s+(?:did|does|do|has|have|had|will|would)\s+([\w'’. -]+?)\s+(?:say|said|tell\s+\w+)"
                        r"(?:\s+(?:about|of|on|in|after|when|regarding|to)\b[^?]*)?\W*$", re.IGNORECASE)
_QUOTING = re.compile(r"[\"“”]")
# (a name in quotation marks quotes no one: "what did she say?" of Adele's postponed residency cited "Her Las Vegas
# residency, titled \"Weekends with Adele\" and announced in November, …", not "\"I'm so sorry, but my show ain't
# ready,\" Adele said …"; RealTimeQA's store, session 38)
_QUOTED_NAME = re.compile(r"\b(?:titled|entitled|called|named|dubbed|nicknamed|billed\s+as)\s+[\"“][^\"“”]{1,80}[\"”]",
                          re.IGNORECASE)


# and how someone reacted, a sentence telling what they said or did about it: "How did Israel react?" cited the
# demo article's lead and "… killed more than 32,000 Palestinians …", not "… the Israel Prime Minister's Office, in
# a statement, warned that the decision of the United States to abstain has harmed the war effort …" (session 22)
# (and what someone thinks of it: "What does Iran think of the UN resolution?" of the demo article cited the lead and
# "… the United States abstained …", not "… Nasser Kanaani called the resolution a \"positive step\" …"; whether they
# liked it: "did the jury like the film" abstained beside the jury's praise; session 32)
_HOW_REACTED = re.compile(TAKEN_ASKED, re.IGNORECASE)  # (who: group 2)
_REACTING = re.compile(r"[\"“”]|\b(?:said|says|warned|statement|slammed|called|dismissed|condemned|welcomed|critici[sz]ed"
                       r"|praised|rejected|responded|denounced|hailed|blasted|reacted)\b", re.IGNORECASE)


def asks_reaction(question: str) -> bool:
    """Does the question ask how someone reacted ("How did Israel react?", "How will they respond?", "What does Iran
    think of it?")?"""
    return bool(_HOW_REACTED.match(sentences_of(question)[0]))


# and a market reacts by its price: "How did the market react?" after "Tell me about the Orvek recall" cited the
# lead (its "… the National Highway Traffic Safety Administration said …" a reaction) before "Shares of Orvek
# fell 2.3% in Frankfurt on Friday." (session 23)
_MARKET = frozenset(terms("market markets investors shares stock stocks traders currency currencies"))
# (by so much: "Most of the cuts will fall in sales and marketing, …" is no price moving, and came before "Shares of
# Quillon rose 6% in early trading." for "How did investors react?", its "marketing" a form of "market"; session 24)
_MOVED = re.compile(r"\b(?:fell|fall|falls|rose|rise|rises|jumped|jumps|dropped|drops|slumped|slid|climbed|gained"
                    r"|tumbled|soared|surged|plunged|sank|rallied|lost|added)\s+(?:[\w'’-]+\s+){0,3}?[$£€]?\d",
                    re.IGNORECASE)


def tells_reaction(sentence: str, question: str = "") -> bool:
    """Does the sentence tell what someone said or did in reply (a quote, "said", "warned", "slammed" …), or,
    asked how a market reacted (``question``: "How did investors react?"), how its price moved ("… fell 2.3%")?"""
    if _MARKET & set(terms(sentences_of(question)[0] if question else "")):
        return bool(_MOVED.search(sentence))
    return bool(_REACTING.search(sentence))


def asks_what_said(question: str) -> bool:
    """Does the question ask what someone said ("What did he say?", "What did the minister say about …?";
    a follow-up's asking sentence, its subject's words after it)?"""
    return bool(_WHAT_SAID.match(sentences_of(question)[0]))


def said_by(question: str) -> str:
    """Whose words (or reaction) a what-said (how-reacted) question asks for, as it writes them ("What did Iran
    say about the vote?" -> "Iran", "How did Israel react?" -> "Israel", "What did she say?" -> "she"); ""
    for other questions."""
    first = sentences_of(question)[0]
    said, took = _WHAT_SAID.match(first), _HOW_REACTED.match(first)
    return said.group(1) if said else took.group(2) if took else ""


# where a sentence names who speaks: before its words (its first quotation mark, "that" or verb of saying: "In a
# statement on Monday, Hamas claimed that Israel \"did not respond …\"" is Hamas's, not Israel's), or after them
# ("…,\" said Kanaani.", "…,\" Marchetti said."; session 23), a title's or an initial's full stop in the name ("…,\"
# said Dr. Priya Natarajan, …" was read as said by "Dr", and "What did she say?" after "Who is Priya Natarajan?"
# cited the quote's next sentence before it; session 26)
_BEFORE_WORDS = re.compile(r"[\"“”]|\b(?:that|said|says|say|claimed|claims|warned|told|added|stated|called|insisted"
                           r"|argued|wrote|tweeted)\b")
_NAME_PART = rf"(?:\b(?:{'|'.join(TITLES)}|[A-Z])\.|[^.,;\"“”])"
_SAID_AFTER = re.compile(rf"[,.!?][\"”]\s+(?:(?:said|says|added|told)\s+({_NAME_PART}{{1,60}})"
                         rf"|({_NAME_PART}{{1,60}}?)\s+(?:said|says|added|told)\b)")


def speaker(sentence: str) -> str:
    """The part of a sentence that names who speaks in it ("In a statement on Monday, Hamas claimed that Israel
    \"…\"" -> "In a statement on Monday, Hamas "; "\"…,\" said Kanaani." -> " Kanaani"); "" or no name when it
    names no one ("\"…,\" she said." -> " she")."""
    cue = _BEFORE_WORDS.search(sentence)
    after = _SAID_AFTER.search(sentence)
    return (sentence[: cue.start()] if cue else sentence) + " " + ((after.group(1) or after.group(2)) if after else "")


def quotes(sentence: str) -> bool:
    """Does the sentence quote someone's words (quotation marks, not around a name: "titled \"Weekends with Adele\"")?"""
    return bool(_QUOTING.search(_QUOTED_NAME.sub(" ", sentence)))


# asked which one is the most of something, a sentence naming one as the most answers: "Which US city had the worst
# air quality last year, according to a new report by IQAir?" cited "In the United States, IQAir found air pollution
# exceeded WHO guidelines by 2 to 3 times in 2021.", not "Out of the more than 2,400 US cities analyzed, Los Angeles
# air remained the most polluted, …", 24th of the candidates (RealTimeQA dev and two dev dialogues; session 24). A
# superlative is "the most …", "the least …" or one of these words (not any word in -est: "interest", "protest")
_SUPERLATIVE_WORDS = (r"best|worst|biggest|largest|greatest|highest|lowest|smallest|fastest|slowest|oldest|youngest"
                      r"|longest|shortest|strongest|weakest|richest|poorest|hottest|coldest|warmest|cheapest|deepest"
                      r"|tallest|widest|cleanest|safest|driest|wettest|hardest|loudest|brightest|darkest|fewest"
                      r"|closest|nearest|farthest|furthest|quickest|rarest|densest|sharpest|steepest|toughest"
                      r"|\w{3,}iest")  # (not "priest")
_ASKS_MOST = re.compile(rf"^\W*which\b[^?]*\b(?:most|least|top|{_SUPERLATIVE_WORDS})\b", re.IGNORECASE)
# or where, or who: "where did they fall the most" after "Are house prices falling?" cited the lead, not "London saw
# the sharpest annual fall, …" (session 26)
_ASKS_MOST_ANY = re.compile(rf"^\W*(?:which|where|who)\b[^?]*\b(?:most|least|{_SUPERLATIVE_WORDS})\b", re.IGNORECASE)
_GIVES_MOST = re.compile(rf"\bthe\s+(?:most|least)\s+\w|\b(?:{_SUPERLATIVE_WORDS})\b"
                         r"|\btop(?:s|ped|ping)?\s+the\s+(?:list|ranking|chart)", re.IGNORECASE)
_SUPERLATIVE = re.compile(rf"\b(?:{_SUPERLATIVE_WORDS})\b", re.IGNORECASE)
# one of several that are the most is not the one: "Kelby and Fenmouth were also among the towns with the poorest
# water." came before "… Brackwater's stretch of the River Lune remained the most polluted, …" for "Which town was worst
# in it?" (session 25): a superlative a few words after "among" or "one of" in its clause
_ONE_OF = re.compile(r"\b(?:among|one\s+of)\s+(?:[^\s,;.]+\s+){0,5}?$", re.IGNORECASE)


def asks_most(question: str, where_or_who: bool = False) -> bool:
    """Does the question ask which one is the most of something ("Which US city had the worst air quality?",
    "Which team scored the most goals?"; ``where_or_who``: or where, or who, "Where did prices fall most?")?"""
    return any((_ASKS_MOST_ANY if where_or_who else _ASKS_MOST).match(s) for s in sentences_of(question))


def superlatives(text: str, after_the: bool = False) -> set[str]:
    """The superlative words the text writes, lower-case ("Which town was cleanest?" -> {"cleanest"}; "the most …"
    is not one); ``after_the``: only those written after "the" ("… was rated the cleanest …"; not a map's "… from best
    air quality … to worst")."""
    return {m.group(0).lower() for m in _SUPERLATIVE.finditer(text)
            if not after_the or re.search(r"\bthe\s+$", text[: m.start()], re.IGNORECASE)}


def gives_most(sentence: str, question: str) -> bool:
    """Does the sentence hold a superlative, not as one of several ("… among the towns with the poorest water"), and
    name something the question does not (``scoring.novelty``: "… Los Angeles air remained the most polluted …")?"""
    most = [m for m in _GIVES_MOST.finditer(sentence) if not _ONE_OF.search(sentence[: m.start()])]
    return bool(most) and bool(novelty(sentence, said_words(question), "name"))


# asked what someone should do, advice answers: "What should users do?" after "What happened at PulseTrack?" cited
# the lead, not "The company said it had reset every user's login session and urged users to watch for emails …"
# (session 24)
# (and on a condition: "what should I do if I see a stranded whale" cited the rescue's lead, not "The charity asked
# people to … keep dogs away from any stranded animal."; session 26)
_ASKS_ADVICE = re.compile(r"^\W*what\s+(?:should|can|could|must)\s+[^?]*?\bdo(?:\s+(?:if|when|about|now)\b[^?]*)?\W*$",
                          re.IGNORECASE)
_ADVICE = re.compile(r"\b(?:urged?|urges|urging|advised?|advises|advising|recommend(?:s|ed|ing)?|should|encouraged?"
                     r"|(?:told|asked|warned|called on)\s+(?:\w+\s+){1,3}?to)\b", re.IGNORECASE)


def asks_advice(question: str) -> bool:
    """Does the question ask what someone should do ("What should users do?", "What can drivers do?")?"""
    return bool(_ASKS_ADVICE.match(sentences_of(question)[0]))


def gives_advice(sentence: str) -> bool:
    """Does the sentence tell someone what to do ("… urged users to watch for …", "… should stay indoors")?"""
    return bool(_ADVICE.search(sentence))


# a story may say that what is asked is not known: "How many Fold phones does Nimbus expect to sell?" was
# answered, at 0.99, by "Nimbus sold 41 million phones last year, …", while the article says "The company did
# not say how many Fold units it expects to sell." (session 22)
_NOT_TOLD = re.compile(r"\b(?:did not|didn[’']t|does not|doesn[’']t|would not|wouldn[’']t|will not|won[’']t|has not|"
                       r"hasn[’']t|have not|haven[’']t|declined to|refused to|could not|couldn[’']t)\s+(?:yet\s+)?"
                       r"(?:say|disclose|reveal|give|specify|confirm|announce|release|comment)\b"
                       r"|\b(?:it is|it's|it’s|it was|it remains|remains|is still)\s+(?:not (?:yet )?known|unclear|unknown)\b"
                       r"|\b(?:is|was|are|were) not (?:yet )?known\b", re.IGNORECASE)


def says_not_told(sentence: str, question: str | None = None) -> bool:
    """Does the sentence say that something is not told or not known ("… did not say how many …", "It is
    unclear when …", "… declined to disclose …")? With ``question``: what it asks, by the same words ("How
    many …?": "… did not say how many …"; not "(LinkedIn does not disclose an estimate …)" for "Which
    platform …?")."""
    m = _NOT_TOLD.search(sentence)
    if m is None or question is None:
        return m is not None
    asked = _WH.search(sentences_of(question)[0])
    return bool(asked and re.search(rf"\b{asked.group(0)}\b", sentence[m.start():], re.IGNORECASE))


_WH = re.compile(r"\bhow (?:many|much|long|old|far)\b|\b(?:when|why|who|where|which|what)\b", re.IGNORECASE)


# what is to come, as a story tells it: planned or expected ("… is due to start next spring", "… plans to return next
# summer", "Analysts expect it to pass …"; not "… oversaw a plan to cut …"), then "will", then "would" (reported: "…
# said it would pay for …")
_PLANNED = re.compile(r"\b(?:(?:is|are) (?:due|set|expected|scheduled|forecast|likely) to|plans to|intends to"
                      r"|expects? (?:[\w'’-]+ ){0,3}?to|next (?:week|month|year|spring|summer|autumn|fall|winter|season))\b",
                      re.IGNORECASE)
_WILL = re.compile(r"\b(?:will|shall)\b|\w['’]ll\b", re.IGNORECASE)
_WOULD = re.compile(r"\bwould\b", re.IGNORECASE)


def tells_what_next(sentence: str) -> int | None:
    """How surely the sentence tells what is to come: 0 planned or expected, 1 "will", 2 "would"; None when it does
    not, or opens with someone's words ("\"… a line the city will use for the next hundred years,\" she said." is a
    view; "… said the school was \"shocked and heartbroken\" and that counsellors would be available …" tells)."""
    if sentence.lstrip()[:1] in "\"“‘'":
        return None
    return next((rank for rank, told in enumerate((_PLANNED, _WILL, _WOULD)) if told.search(sentence)), None)

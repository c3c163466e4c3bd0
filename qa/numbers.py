"""Numbers and dates: what a question asks for ("how many", "when") and whether a sentence holds it
(pure: read by the sentence ranker and the answer's selection)."""

from __future__ import annotations

import functools
import re

from .ages import AGE_OR_TIME_AGO, PERSON_AGE, age_unit, of_another
from .other_forms import KIND_NAMES
from .scoring import AUXILIARY_VERBS, HOW_FORM_WORDS, novelty, terms

# "when" asks for a date where it opens a sentence ("When did …?", "Since when …?"); inside one it joins
# a clause ("Who can enforce European Union law when member states provide lesser rights?")
_WHEN = r"(?:^|[.?!:]\s+|\b(?:since|until|by)\s+)when\b"
# money asked for by its name: "What were the company's sales?" is answered by "Sales rose 3 percent to
# 512 million pounds …", not by "The company's chief executive … said the closures would affect about 600
# jobs …" (first by its place and the word "company"; session 20)
_MONEY = (r"sales|revenues?|profits?|loss(?:es)?|costs?|prices?|budgets?|earnings|income|turnover|salar(?:y|ies)"
          r"|wages?|fares?|debts?|funds?|grants?|fines?|fees?|taxe?s?|bonus(?:es)?|prize money|ransom|compensation"
          r"|donations?|loans?|investments?")
_MONEY_ASKED = re.compile(
    # "What were the company's sales?", "How much is the fund?" (up to four words between, no "of", "to" …:
    # not "What is the name of the price cap?"; not a rate: "What is the tax rate?")
    rf"\b(?:what|how much) (?:is|are|was|were|will be) "
    rf"(?:(?!(?:of|to|for|in|on|at|by|with|from|about|name|kind|type)\b)[\w'’&.-]+\s+){{0,4}}"
    rf"(?:{_MONEY})\b(?!\s+(?:rates?|cuts?|hikes?|increases?|credits?|brackets?|policy|law|code))"
    # "How much will it cost?", "How much did Crumb & Co. lose?" (and what changed hands: "How much did he take?" of a
    # mayor jailed for bribery cited the lead's "… six years in prison …", not "… more than $410,000 in cash …"; session
    # 25)
    r"|\bhow much (?:[\w&.'’-]+ ){1,6}(?:cost|pay|earn|charge|spend|raise|lose|lost|make|made|take|took|steal|stole"
    r"|owe|receive|win|won|give|gave|donate|borrow|lend|invest|collect|save|fined"
    # (and a debt let go: "How much will be forgiven?" after "Biden announced student loan relief." cited "… expected to
    # provide debt relief to as many as 43 million borrowers." first, a count of people; session 34)
    r"|forgiven?|cancel(?:l?ed)?|written off|refund(?:ed)?"
    # (and what a thing is worth: "How much is it worth?" of a stolen brooch cited the lead's "A 2,000-year-old gold
    # brooch …", its number an age, not "… is insured for £400,000, …"; session 32)
    r"|worth|valued|insured)\b"
    # (and "What does it cost?": "What does its EPG cost?" of BSkyB cited "… discounts ranging from reduced price to free
    # EPG entries …" before "… access to BSkyB's EPG for a fee, ranging from £15–100,000."; SQuAD's store, session 35)
    r"|\bwhat (?:does|do|did|will|would|could|might) (?:[\w&.'’-]+ ){0,6}cost\b"
    # (and what a thing pointed at costs: "how much is it" after "tell me about orbit's new phone" cited "… expected to
    # sell two million of the phones …", not "… will cost 1,299 euros."; a folder of our own, session 36)
    r"|\bhow much (?:is|are|was|were) (?:it|they|that|this|one|each)(?=\W*(?:\?|$))"
    # (and what a thing named costs: "how much is the fold x" cited "The Fold X weighs 240 grams, …", not "… will cost
    # 1,299 euros."; not a change: "how much is the increase"; session 37)
    r"|\bhow much (?:is|are|was|were) (?:the|a|an) (?!(?:[\w'’-]+ ){0,2}(?:increase|rise|fall|drop|cut|change|growth|share"
    r"|percentage|rate|difference|gap)\b)(?:[\w'’-]+ ){0,3}[\w'’-]+(?=\W*(?:\?|$))"
    # (and what one gets: "how much does she get" after "who won the booker" cited the lead, not "Otieno, … receives
    # £50,000."; not "how much rain did they get"; a folder of our own, session 37)
    r"|\bhow much (?:does|do|did|will|would|can|could|should) (?:[\w&.'’-]+ ){1,3}(?:get|gets|got)\b", re.IGNORECASE)
# a match's score: "What was the score?" is answered by "… beating Castleford Rovers 5-4 on penalties after a
# 2-2 draw …", not by "… Okonkwo scored the winning kick." (session 21)
_SCORE_ASKED = re.compile(r"\b(?:what|how)(?:'s| was| is| were| did)? the (?:final |full-time |half-time )?score\b"
                          r"|\bby what score\b", re.IGNORECASE)
_QUANTITY = re.compile(rf"\bhow (?:{'|'.join(HOW_FORM_WORDS)})\b" r"|\bwhat (?:percentage|share|number|year|age|amount)\b"
                       rf"|{_WHEN}|\bin what year\b|{_MONEY_ASKED.pattern}|{_SCORE_ASKED.pattern}", re.IGNORECASE)


_NUMBER_WORDS = (r"none|zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
                 r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty"
                 r"|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?")
_NUMBER = re.compile(rf"\d[\d,.]*%?|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
# a date question ("When did …?", "What year …?") is answered by a date in words too: "The 1973 oil
# crisis began in October 1973 …" answers "When did it begin? 1973 oil crisis", whose 1973 is the
# question's. Not a quantity question: "Oxford Dictionaries said Monday …" does not say how many voted
# the names of the days and the months, written once (also read by ``asked`` and ``named``: a day names no one)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December")
_WEEKDAY = f"(?:{'|'.join(WEEKDAYS)})"
_DATE_WORD = re.compile(rf"\b(?:{'|'.join(MONTHS)}|{_WEEKDAY})\b")
# the day news was told is not the date asked about: "… the town council said on Thursday." does not
# say when the harbour master starts ("… will take up the post in March." does)
_SAID_ON = re.compile(rf"\b(?:said|says|announced|reported|told \w+)(?: on)? {_WEEKDAY}\b")
# a year in digits ("in 1987", "the 1990s", "2022-23"); other numbers are counts, not dates: "… more than
# 300 shops … close 40 of them …" does not say when the chain was founded (session 20)
_DATE_IN_DIGITS = re.compile(r"(?<![\d,.$£€])\b(?:1[5-9]\d\d|20\d\d)(?:s\b|\b)(?![,.]\d)"  # a time of day, a time ago
                   r"|\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d\d\b"
                   r"|\b\d+ (?:days?|weeks?|months?|years?|decades?) (?:ago|later|earlier)\b", re.IGNORECASE)
_DATE_QUESTION = re.compile(rf"{_WHEN}|\bwhat (?:year|day|date|month)\b", re.IGNORECASE)


def asks_date(question: str) -> bool:
    """Does the question ask when ("When …?", "Until when …?", "What year …?")?"""
    return bool(_DATE_QUESTION.search(question))
# a time said from the day it is told answers "when" too: "Ellison said the list would be shared with
# staff first, next week." for "When will staff see the list of shops?" (session 20)
_RELATIVE_DATE = re.compile(r"\b(?:next|later this|early next|late next) "
                            r"(?:week|month|year|spring|summer|autumn|fall|winter)\b"
                            r"|\b(?:tomorrow|tonight)\b", re.IGNORECASE)


# (and asked when it is: "when is it?" after "rihanna super bowl" cited "In an interview with Vogue in October 2019, …",
# not "Super Bowl LVII is scheduled to take place Feb. 12, 2023, …"; RealTimeQA's store, session 39)
_FUTURE = re.compile(r"\bwhen (?:will|would|could|can|might|should|is|are)\b", re.IGNORECASE)
# and when a thing starts, asked in the present, asks ahead too: "when does it start" of a four-day week voted in cited "Of
# those who voted on Sunday, 57% backed the change, which will cut …", not "The change will apply to … from January
# 2027." (session 37)
_STARTS = re.compile(r"\bwhen (?:does|do) (?:[\w'’-]+ ){1,3}?(?:start|begin|open|launch|take effect"
                     r"|come into (?:force|effect)|kick in|go on sale)\b", re.IGNORECASE)
# (or as reported: "The airport said it expected to run a normal schedule again on Wednesday morning, …" says when
# flights will be normal again; its weekday was read as the day told, and the lead's "… on Tuesday …" came first;
# session 27)
_TO_COME = re.compile(r"\b(?:will|would|could|can|may|might|(?:is|are) (?:due|set|expected|scheduled) to"
                      r"|expect(?:s|ed)? (?:[\w'’-]+ ){0,2}?to|plans? to)\b", re.IGNORECASE)
_PAST_WEEKDAY = re.compile(rf"(?<!\bnext )(?<!\bthis )\b{_WEEKDAY}\b")
_DONE_ON = re.compile(rf"\b\w+ed on {_WEEKDAY}\b")
# a day that comes back is no day of the news: "When is Time for Reflection?" abstained (0.25) beside "The first item of
# business on Wednesdays is usually Time for Reflection, …" (SQuAD's passages, session 40)
_EVERY_WEEKDAY = re.compile(rf"\b{_WEEKDAY}s\b|\b(?:every|each) {_WEEKDAY}\b")


def tells_date_ahead(sentence: str, question: str) -> bool:
    """Asked when a thing will be ("When can kids get it?", ``_FUTURE``), does the sentence tell what is to come
    (``_TO_COME``) with a date (``adds_number``: "If approved, the first doses could be given in 2027.")?"""
    return (bool(_DATE_QUESTION.search(question) and (_FUTURE.search(question) or _STARTS.search(question)))
            and bool(_TO_COME.search(sentence))
            and adds_number(sentence, question))


def adds_number(sentence: str, question: str) -> bool:
    """Does the sentence hold a number the question does not, in digits or in words ("fourteen Vice
    Presidents", "None of the original treaties …"; not "one": "one of the …")? For a date question, a
    date: a year, a month, a weekday (not the day the news was told), a time of day, a time ago, "next
    week"."""
    found = _NUMBER.findall(sentence)
    asked = set(_NUMBER.findall(question))
    if _DATE_QUESTION.search(question):
        # a date is written in digits or with a month or weekday: "The council created the post after
        # two ferries collided …" does not say when she starts
        told = _SAID_ON.sub("", sentence)
        if _FUTURE.search(question) and not _TO_COME.search(told):  # the weekday of the news is not the day
            # to come ("… voted 31 to 14 on Monday …" does not say when the tram opens; "next Monday" does, and
            # "The two men are due to appear at … Court on Monday …": session 22)
            told = _PAST_WEEKDAY.sub("", told)
        elif _FUTURE.search(question) or _STARTS.search(question):  # (nor the day a thing was done: "Of those who voted
            told = _DONE_ON.sub("", told)  # on Sunday, …, which will cut the working week …" says not when it starts)
        found = _DATE_IN_DIGITS.findall(sentence) + _DATE_WORD.findall(told) + _EVERY_WEEKDAY.findall(sentence) + [
            d.lower() for d in _RELATIVE_DATE.findall(sentence)]
        asked |= (set(_DATE_WORD.findall(question)) | set(_DATE_IN_DIGITS.findall(question)) | set(_EVERY_WEEKDAY.findall(question))
                  | {d.lower() for d in _RELATIVE_DATE.findall(question)})
    return any(n not in asked for n in found)


# the unit a measure's "how …" asks for: "How deep did the rover drill?" is answered by "… a depth of 80
# centimetres", not by "… spent eleven weeks driving …" (both hold a number; the latter came first by
# its place in the article)
_LENGTH = r"met(?:re|er)s?|(?:centi|milli|kilo)met(?:re|er)s?|km|cm|mm|feet|foot|ft|inch(?:es)?|miles?|yards?"
_TIME = r"years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)"
_AREA = r"acres?|hectares?|square (?:miles?|kilomet(?:re|er)s?|met(?:re|er)s?|feet|foot|km)|sq\.? ?(?:mi|km|ft|m)\b"
def _unit(words: str) -> re.Pattern:
    """A pattern of a unit's words, each matched only as a whole word."""
    return re.compile(rf"(?<![a-z])(?:{words})(?![a-z])", re.IGNORECASE)


# a time counted: "three days", "nearly six-month", "25½-day", "a decade", "two more weeks" (not "… cancelled
# on strike days …", which held "days" and a number, "80%", and came before "… will walk out for three days
# …" for "How long will the strike last?"; session 22)
# ("a"/"an" after a plural or a number is a rate: "7,000 steps a day", "60 miles an hour")
# (and an age is no time counted: "How many years has she reigned?" cited "… was 25 years old when her reign began …"
# alone, before "… celebrating 70 years on the throne"; session 30)
_DURATION = re.compile(rf"(?:\d[\d,.]*[½¼¾]?|(?<![a-z]s )(?<![\d%] )\b(?:a|an)|\b(?:one|several|few|many|{_NUMBER_WORDS}))"
                       rf"(?:[\s-]+[a-z]+)?[\s-]+(?:{_TIME})(?![a-z])(?![\s-]+old\b)", re.IGNORECASE)
_TIME_OR_LENGTH = re.compile(rf"{_DURATION.pattern}|(?<![a-z])(?:{_LENGTH})(?![a-z])", re.IGNORECASE)
_UNIT_ASKED = [(re.compile(rf"\bhow (?:{form})\b", re.IGNORECASE), _unit(unit) if isinstance(unit, str) else unit)
               for form, unit in [("deep|tall|high|far|wide|short", _LENGTH),
                                  # a temperature is degrees, also written "46.2C", "104F", "40 °C": "How hot did it
                                  # get in Spain?" cited "… expects temperatures to fall by 5 to 8 degrees …", not
                                  # "Temperatures reached 46.2C in the city of Córdoba …" (session 24)
                                  ("cold|hot|warm", r"degrees?|°[CF]?|celsius|fahrenheit|(?<=\d)[CF]"),
                                  # a size: "How big is it?" after "Tell me about the wildfire" is answered by
                                  # "… has burned more than 18,000 acres …", not the lead's "… forced about 9,000
                                  # people to evacuate …" (session 23); "How big is the rocket?": "The 98-metre …"
                                  ("big|large|huge|small", f"{_AREA}|{_LENGTH}"),
                                  ("heavy", r"(?:kilo)?grams?|kg|tonnes?|tons?|pounds|lbs?|ounces?"),
                                  ("fast", r"mph|km/h|kph|knots?|per (?:hour|second)|an hour"),
                                  ("old", r"years?|aged"),
                                  # a thing's length: "How long will the tram line be?" is not answered by
                                  # "… ten years of argument …" (a person's time is: "How long was he …?")
                                  (r"long (?:is|are|was|were) (?:the|a|an|its|their) "
                                   r"(?![\w'’ -]*\b(?:last|take|continue|go|stay|remain|expected|been)\b)"
                                   r"[\w'’ -]*\w(?=\?\s*$)"
                                   r"|long will (?:the|a|an|its|their) [\w'’ -]+ be(?=\?\s*$)", _LENGTH),
                                  ("long", _TIME_OR_LENGTH)]]


_SCORELINE = re.compile(r"(?<![\d.,])\d{1,3}\s*[-–]\s*\d{1,3}(?![\d.,-])|\b\d{1,3} to \d{1,3}\b")
# (a currency by its name too: "… tickets will cost 1,200 shillings." answers "How much will tickets cost?")
_CURRENCY = re.compile(r"[$£€¥₹]|\b(?:dollars?|pounds|pence|cents?|euros?|yen|yuan|rupees?|francs?|pesos?|shillings?"
                       r"|kron(?:e|er|or|a)|rand|naira|lira|roubles?|rubles?|dirhams?|riyals?|zloty|USD|GBP|EUR)\b",
                       re.IGNORECASE)


# "How many stops will the tram have?" counts stops: "… will have 22 stops …", not "… voted 31 to 14 …" (both
# hold a number; the vote's sentence was cited after the answer; session 21). A number, up to two words, the
# noun (its first five letters: "stops", "stop"; "people", "people's")
_HOW_MANY = re.compile(r"\bhow many ([a-z][a-z-]{2,})\b", re.IGNORECASE)


# people are counted by who they are: "How many people lost power?" is answered by "More than 300,000 homes and
# businesses lost power …" (it abstained at 0.28), "How many people attended the final?" by "About 84,000
# supporters attended …" (0.35 -> 0.90), "How many jobs will the factory create?" by "… expects … to employ 1,500
# people" (session 22). Any of these counts any other
PERSON_COUNTS = ("people persons adults children residents supporters fans spectators viewers voters workers "
                 "employees staff members passengers patients participants students visitors customers "
                 "households homes families migrants refugees soldiers civilians users subscribers jobs crowd crowds").split()
# (or a crowd of so many: "How many fans were there?" of a cup tie cited the lead, not "A crowd of 31,450 watched the
# match, …"; session 24)


def _counting(noun: str) -> str:
    """A count of the noun (a pattern) as news writes it: a number before it ("90,000 students"), or after "the number
    of" it ("The number of students accepted onto university courses fell by 2% to 414,000 …": "How many students got
    into university?" cited "Maths …, taken by more than 90,000 students." first, the sentence that answers holding no
    count to the rule; session 26)."""
    return (rf"(?:{_NUMBER.pattern})\s+(?:[\w'’-]+\s+){{0,2}}?{noun}"
            rf"|\b(?:number|total)\s+of\s+(?:[\w'’-]+\s+){{0,2}}?{noun}[^;]*?(?:{_NUMBER.pattern})")


_PERSON_COUNT = re.compile(_counting(f"(?:{'|'.join(w[:-1] if w.endswith('s') else w for w in PERSON_COUNTS)})")
                           + r"|\b(?:crowd|attendance|audience)\s+of\s+(?:about\s+|nearly\s+|more than\s+|over\s+)?\d",
                           re.IGNORECASE)


def counted_noun(question: str) -> str | None:
    """The noun a "how many <noun>" question counts ("How many stops …?" -> "stops"), or None (also for "How
    many are affected?", which names none: the conversation does)."""
    m = _HOW_MANY.search(question)
    # nor a verb in the past: "How many died?" after "Tell me about the earthquake in Turkey" counted "died", and "…
    # when more than 600 people died …" (in 2011) came before the lead's "… killing at least 17 people …" (session 24)
    return None if not m or m.group(1).lower() in ("of", "more", "times", "other", "different", *AUXILIARY_VERBS) \
        or re.fullmatch(r"[a-z]+(?<!e)ed", m.group(1).lower()) else m.group(1)


@functools.lru_cache(maxsize=256)  # read for every candidate sentence of a question
def _counted(question: str) -> re.Pattern | None:
    """What a "how many <noun>" question's count is written with: the noun after a number, or any unit
    of time or length for such a noun; None for other questions."""
    noun = counted_noun(question)
    if noun is None:
        return None
    if re.fullmatch(_TIME, noun, re.IGNORECASE):  # "How many days did it drive?": "… eleven weeks …"
        return _DURATION  # counts them too
    if re.fullmatch(_LENGTH, noun, re.IGNORECASE):
        return _unit(_LENGTH)
    if noun.lower() in PERSON_COUNTS:
        return _PERSON_COUNT
    return _count_of(noun)


@functools.lru_cache(maxsize=256)
def _count_of(noun: str) -> re.Pattern:
    """A count of the noun (``_counting``; its first five letters: "homes" for "home"), or of its kind's names ("How many
    children did she have?": "… survived by two daughters …"; ``other_forms.KIND_NAMES``; session 32)."""
    named = sorted({n[:5] for t in terms(noun) for n in KIND_NAMES.get(t, ())})
    return re.compile(_counting(f"(?:{'|'.join(map(re.escape, [noun[:5], *named]))})"), re.IGNORECASE)


# how long something will last is told by when it ends too: "How long will it last?" about a heatwave is answered by
# "… said the heat would last until at least Saturday." (the lead's "… 46.2C …" came first; session 24)
_LASTING_ASKED = re.compile(r"\bhow long (?:will|would|does|do|did|could|can|is|are)\b[^?]*\b(?:last|go on|continue|stay"
                            r"|remain)", re.IGNORECASE)
# (or until a thing is so: "It will stay in place until the reservoirs reach 60%." for "how long will it last" of a
# hosepipe ban, which cited the lead's "… after the driest spring in 60 years."; a folder of our own, session 36)
_UNTIL = re.compile(r"\b(?:until|till)\s+(?:at least\s+|the end of\s+|next\s+|early\s+|late\s+|mid-?)*(?:(?-i:[A-Z0-9])"
                    r"|(?:the|a|an|its|their|enough|more)\b)", re.IGNORECASE)  # (not "until it was stopped")
# and a time of no number, said to be some: "how long will the ash fall" after "tell me about the volcano" cited the lead,
# not "\"We expect ash to keep falling for several days,\" said volcanologist …" (a folder of our own, session 37)
_HOW_LONG = re.compile(r"\bhow long\b", re.IGNORECASE)
_SOME_TIME = re.compile(rf"\bfor\s+(?:several|a\s+few|many|some|a\s+couple\s+of)\s+(?:{_TIME})\b", re.IGNORECASE)
# a time a record is counted over is not how long a thing lasts: "… the driest spring in 60 years."
_IN_YEARS = re.compile(r"\bin\s+(?:(?:the\s+)?(?:last|past)\s+)?(?:\d[\d,]*|\w+)\s+(?:years|decades|centuries)\b",
                       re.IGNORECASE)


# asked how much, a date's numbers are no amount: "how much?" after "student loan forgiveness" cited "President Joe Biden
# confirmed Aug. 24 what many have anticipated …" first, not "… cancellation of up to $10,000 …" (session 38)
_HOW_MUCH = re.compile(r"\bhow much\b", re.IGNORECASE)
_MONTH_SHORT = "|".join([m[:3] for m in MONTHS] + ["Sept"])  # ("Aug. 24", "Sept. 29": read from MONTHS)
_DATE_NUMBER = re.compile(rf"\b(?:{'|'.join(MONTHS)}|{_MONTH_SHORT})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
                          rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{'|'.join(MONTHS)})\b|{_DATE_IN_DIGITS.pattern}", re.IGNORECASE)


def holds_measure(sentence: str, question: str) -> bool:
    """Does the sentence hold a number the question lacks (``adds_number``) and, when the question asks
    for a measure ("How deep …?", "How cold …?", "How long …?", "What were the sales?", "What was the
    score?"), a unit of it ("80 centimetres", "230 degrees", "six-month", "512 million pounds", "5-4")? Other quantity questions: any
    number the question lacks. Asked how long something will last, a time it lasts until holds it ("… until at
    least Saturday")."""
    if _HOW_LONG.search(question) and _SOME_TIME.search(sentence):
        return True
    if _LASTING_ASKED.search(question):
        if _UNTIL.search(sentence):
            return True
        sentence = _IN_YEARS.sub("", sentence)
    unit = _measure_unit(question)
    if unit is PERSON_AGE and of_another(sentence, question):
        return False
    if unit is None and _HOW_MUCH.search(question):  # (a date is no amount: ``_DATE_NUMBER``)
        sentence = _DATE_NUMBER.sub(" ", sentence)
    return adds_number(sentence, question) and (unit is None or unit.search(sentence) is not None)


@functools.lru_cache(maxsize=256)  # read for every candidate sentence of a question, as ``_counted``
def _measure_unit(question: str) -> re.Pattern | None:
    """What the measure a question asks for is written with (``holds_measure``), or None."""
    return (_CURRENCY if _MONEY_ASKED.search(question) else _SCORELINE if _SCORE_ASKED.search(question)
            else age_unit(question) or next((u for asks, u in _UNIT_ASKED if asks.search(question)), None)
            or _counted(question))


def score_terms(text: str, question: str) -> set[str]:
    """Asked for a match's score, the term "score" when the text writes a scoreline ("… beat Kingsbury Rovers 3-1 …":
    a scoreline says the score; read by the confidence and as the story's words), else none."""
    return set(terms("score")) if _SCORE_ASKED.search(question) and holds_measure(text, question) else set()


def score_first(question: str, cands: list) -> tuple[list, bool]:
    """The candidates (``evidence.Candidate``, best first), asked for a match's score, the sentence of the best one's
    story writing a scoreline first (of another story when it writes none); and whether the first writes one. "What
    was the score?" in a folder holding one match said "The articles don't say." (0.31) beside "… beating Castleford
    Rovers 5-4 on penalties …": its best sentence was "… Okonkwo scored the winning kick.", whose word and neighbours
    say no score (session 32). Answered, the scoreline came first anyway (``answer_first``)."""
    if not cands or not _SCORE_ASKED.search(question):
        return cands, False
    held = next((c for c in cands if c.article_id == cands[0].article_id and holds_measure(c.text, question)),
                # (or, its story writing none, another's: asked alone in a folder holding a football match and a hockey
                # game telling no score, it cited "Steven Stamkos opened the scoring …" alone, not "… beat … 3-1 …")
                next((c for c in cands if holds_measure(c.text, question)), None))
    return ([held, *(c for c in cands if c is not held)], True) if held is not None else (cands, False)


def counts_asked(sentence: str, question: str) -> bool:
    """Does the sentence count the very noun a "how many <noun>" question counts ("At least 35 homes have been
    destroyed." for "How many homes were lost?"; not "… about 9,000 people …", a count of people stands in for
    it only where ``holds_measure`` reads it)?"""
    noun = counted_noun(question)
    return noun is not None and adds_number(sentence, question) and _count_of(noun).search(sentence) is not None


def distinct_measure(question: str) -> bool:
    """Does the question ask for a measure written in a form of its own, a match's score ("5-4"), a
    person's age ("Keel, 61,", "38-year-old") or how long something lasts ("eight years")? A sentence of the
    story holding that form answers it however far behind the best, and one holding another number does
    not ("About 84,000 supporters attended the final." holds no score, "… six years in prison" no age).
    ("How long did it run?" after "What did the walking study find?": "Researchers … followed 62,000 adults
    … for an average of eight years …" was 0.23 behind "People who walked at least 7,000 steps a day …"; a
    "how long" question is not tied to the question's words by its verb; session 22), or a weight, a
    temperature, a speed, a size ("How heavy is it?" after "What did Nimbus announce?": "The Fold … weighs 239
    grams." was far behind the lead; session 23), or money ("How much will be cancelled?" after "Is the government
    cancelling student debt?": "… up to £8,000 of their loans forgiven …" was far behind the lead's "… as many as 2
    million graduates …"; session 34)"""
    unit = _measure_unit(question)
    return unit in (_SCORELINE, PERSON_AGE, AGE_OR_TIME_AGO, _TIME_OR_LENGTH, _CURRENCY) or any(unit is u for _, u in _UNIT_ASKED)


def without_dates(text: str) -> str:
    """The text without its month and weekday names (a date names no one)."""
    return _DATE_WORD.sub("", text)


def names_new(text: str, said: set[str]) -> bool:
    """Does the text name something the question does not (``said``: its words, ``scoring.said_words``), after its first
    word and not a date ("Judge said …", "Rather, …" and "… on Monday" name nothing)?"""
    return bool(novelty(without_dates(text.split(" ", 1)[-1]), said, "name"))


def expects_number(question: str) -> bool:
    """Does the question ask for a quantity or a date ("how many", "what year", "when")?"""
    return bool(_QUANTITY.search(question))


# a quantity of another time than the news: an age when something else happened ("… was 25 years old when she became
# queen."), or a count in a year written out ("… a deadly earthquake in 2011, when more than 600 people died …")
_OF_ANOTHER_TIME = re.compile(r"\b\d{1,3}(?:-year-old| years? old)\s+when\b|\b(?:in|since|by)\s+(?:1[89]|20)\d\d\b",
                              re.IGNORECASE)


def of_another_time(sentence: str, question: str) -> bool:
    """Does the sentence give its quantity for another time than the news, when the question asks for a quantity of
    no time of its own (not "when", no year)? "How old was she?" of the Queen's death cited "The former Princess
    Elizabeth was 25 years old when she became queen." before "The queen was 96 years old …" (RealTimeQA's store, as
    of September 9, 2022); "how many people died?" of an earthquake, the region's quake of 2011 (session 30)."""
    return (expects_number(question) and not _DATE_QUESTION.search(question) and not re.search(r"\d{4}", question)
            and _OF_ANOTHER_TIME.search(sentence) is not None)

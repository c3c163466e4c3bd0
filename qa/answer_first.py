"""The answer first: which sentence an extractive answer starts with (pure: candidates in, candidates out).
The best-scored sentence, unless a sentence of its story answers what the question asks for better: the
headline's news, a sentence saying by whom, a number or a date, a reason, someone's words, a reaction, or
that it is not told (each rule's reason and measurement beside it)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .answer_kinds import (
    asks_advice,
    asks_colour,
    asks_effect,
    asks_name,
    asks_where,
    defines,
    gives_advice,
    gives_colour,
    gives_effect,
    gives_name,
    gives_place,
    says_not_told,
    thing_asked,
)
from .asked import (
    asked_doing,
    asked_kind,
    followup_terms,
    held_terms,
    names_kind,
    refers_by_kind,
    searched_with_subject,
    stand_ins,
)
from .by_whom import says_by_whom, titles_name
from .cased import written_as_names
from .difference import sides_asked, told_apart
from .evidence import AnswerConfig, Candidate
from .exact_numbers import exact_numbers, writes_numbers
from .fate import fate_asked, tells_fate
from .meaning import asks_meaning, gives_meaning
from .most import most_first
from .named import person_asked
from .numbers import (
    adds_number,
    counted_noun,
    counts_asked,
    expects_number,
    holds_measure,
    names_new,
    of_another_time,
    without_dates,
)
from .quantity import quantity_first
from .reasons import asks_why, reason_first
from .roles import names_head
from .said import said_first
from .scoring import (
    FULL_NAME,
    PERSON_PRONOUN,
    denies_act,
    is_request,
    names_a_subject,
    question_terms,
    said_words,
    term_pairs,
    terms,
    words,
)
from .succession import asks_predecessor, gives_predecessor
from .topic import focus_terms, topic_unnamed
from .uses import asks_use, gives_use
from .whether import asking_sentence, participle, thing_unnamed, whether_of

_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_WHOSE = re.compile(r"^\W*whose\b", re.IGNORECASE)
_YES_NO = re.compile(r"^\W*(?:is|are|was|were|has|have|had)\b", re.IGNORECASE)
# the verbs of being somewhere are no words a place's sentence must hold: "where was it held" after "tell me about the
# queen's funeral" cited "Britain honored the life of Queen Elizabeth II with a state funeral …", not "The funeral service
# took place at Westminster Abbey in London, …" (RealTimeQA's store, session 37); nor those of playing there: "where will they
# perform?" after "backstreet boys las vegas" cited "“We really wanted to perform for our fans …,” Richardson says.", not
# "… will return to the Zappos Theater at Planet Hollywood Resort & Casino …" (session 39)
_PLACING = frozenset(terms("held hold located based hosted staged perform performing play playing"))


@dataclass(frozen=True)
class First:
    """The sentence an answer starts with (``top``), the candidates read after it (``window``, best first),
    the sentences of its story holding the headline's news when the best one lacks it (``news``), and what
    the rules read the question with: its own terms (``own``: a follow-up's, or those of a question naming
    something, ``focus_terms``) and the forms a sentence may write them in (``forms``, ``stand_ins``)."""

    top: Candidate
    window: tuple[Candidate, ...]
    news: tuple[Candidate, ...]
    own: frozenset[str]
    forms: dict[str, frozenset[str]]
    unsaid: bool = False  # asked what "he" or "she" said, no sentence is theirs; or whether a thing is so, none names it
    given: bool = False  # put first for giving the kind of thing asked (a name, a meaning, a predecessor …), the best not


def answer_first(cands: list[Candidate], question: str, cfg: AnswerConfig,
                 answered: frozenset[tuple[str, int]] = frozenset()) -> First:
    """The sentence to put first (``ExtractiveAnswerer.select``); ``cands`` best first, never empty; ``answered``: those
    under a heading of their story asking what the question asks (``headings.under_asked_headings``)."""
    top = cands[0]
    span = 4 * cfg.max_sentences + 8  # the best sentence and the window of those read after it

    def others(first: Candidate) -> list[Candidate]:  # the window when ``first`` is put first
        return [c for c in cands[:span] if c is not first]

    window = others(top)

    def put_first(keep: Callable[[Candidate], bool], among: list[Candidate] | None = None
                  ) -> tuple[Candidate, list[Candidate]]:
        """The first candidate of the first sentence's story in ``window`` (or ``among``) that ``keep`` holds, put
        first with its window; the first sentence and its window as they are when none does."""
        found = next((c for c in (window if among is None else among) if c.article_id == top.article_id and keep(c)),
                     None)
        return (found, others(found)) if found is not None else (top, window)

    # asked for a story ("Tell me about the data breach", ``scoring.is_request``), the first sentence of the best one's
    # story about the question comes first: "PulseTrack discovered the breach on October 28, …" (its third, holding
    # "breach") came before "The fitness app PulseTrack said on Monday that hackers had stolen the names, …" (session 30)
    # (and so is a subject typed alone, ``scoring.names_a_subject``; no other sentence's headline news put before it)
    asks_story = (is_request(question) or names_a_subject(question)) and not searched_with_subject(question)
    if asks_story:
        lead = min((c for c in window if c.article_id == top.article_id and cfg.about(c)), key=lambda c: c.index, default=None)
        if lead is not None and lead.index < top.index:
            top, window = lead, others(lead)
    # the best sentence lacks the headline's news while a sentence of its article about the question
    # holds it: the best one restates the question ("The company announced Wednesday its board
    # approved a 20-for-1 stock split" under "Amazon stock split: …"), the other may answer ("… Amazon's
    # stock would be worth $139 a share"). Close behind, the other comes first; further, both are cited
    # not when a quantity question's best sentence holds its number ("The merged airline will fly to
    # 145 destinations." before "Frontier Airlines is buying … Spirit …" under "Frontier to buy Spirit")
    # a follow-up searched with its subject after it: the subject's words find the story, the
    # question's own words the sentence. The best sentence holding none of them, while one of its
    # article about the question holds them all, is the story's lead matching the subject: "Who was
    # their goalkeeper? won cup final Riverside United" cited "Riverside United won the National Cup
    # …" (again) above "… Riverside goalkeeper Sam Whitfield saved the fifth penalty …"
    # so for a question naming its story's subject: the lead holds the name, the answer the rest ("What
    # were Crumb & Co.'s sales?": "Sales rose 3 percent to 512 million pounds …"; session 20)
    own = followup_terms(question) if searched_with_subject(question) else focus_terms(question)
    forms = stand_ins(question)
    bare = not own and searched_with_subject(question)  # a follow-up of no words of its own ("Where did it happen?")
    if own and not own & held_terms(top.text, forms):
        # about the question, or holding its words as well ("And the tickets?": "… tickets will cost the
        # same as a bus fare, 2.10 euros." at a cosine of 0.36; session 20)
        # or every word of its own ("How do they communicate?" after questions about a tiny frog: "… instead they
        # communicate by waving their arms." at a cosine of 0.39, behind the lead and the finding; session 23)
        # (not one naming someone else when asked of him or her: "What was his time?" after "Who won the Berlin
        # Marathon?" cited "In the women's race, Ethiopia's Meseret Alemu won in 2:17:40, the fastest time …", not the
        # lead's "Kenya's Amos Kiprop won … in 2 hours, 1 minute and 12 seconds …"; session 24)
        person = person_asked(question, PERSON_PRONOUN)
        story = [c for c in window if c.article_id == top.article_id
                 and (cfg.about(c) or c.lexical >= top.lexical or own <= held_terms(c.text, forms))
                 and not (person and FULL_NAME.search(c.text) and not person & held_terms(c.text, forms)
                          and not PERSON_PRONOUN.search(c.text))]  # ("She taught …, where her students included … Marin Alsop.")
        # those its story writes ("How many jobs will go?": "… would affect about 600 jobs …")
        present = own & {t for c in story for t in held_terms(c.text, forms)}
        holding = [c for c in story if present and present <= held_terms(c.text, forms)]
        if holding:
            top, window = holding[0], others(holding[0])
    elif len(own) >= 2 and not own <= held_terms(top.text, forms) and not names_head(top.text, question):
        # holding some of them, while one of its story about the question holds them all: that one ("What is
        # PulseTrack's parent company?" cited "The company said it had reset every user's login session …" before
        # "Shares of its parent company, Corvid Health, fell 8% …"; session 24); not when it names one at the role asked
        # ("who runs northwind?" cited "Northwind Ferries, which ran …", not "Its chief executive, Daniel Roe, …")
        top, window = put_first(lambda c: cfg.about(c) and own <= held_terms(c.text, forms))
    # asked whether something is so, the best sentence does not name the thing: one of its story about the question
    # that does comes first ("Passwords and payment details were not taken, …" for "Were passwords stolen?")
    # (the thing named is enough, about the question or not: "Is the air safe?" after "What happened near Alder
    # Creek?" cited the derailment's lead, not "Residents … were allowed to return home on Sunday after air tests
    # found no danger, …", its cosine 0.39 with the subject carried; session 25)
    thing = whether_of(question)
    if thing and not thing <= held_terms(top.text, forms):
        top, window = put_first(lambda c: thing <= held_terms(c.text, forms))
    # (and when no sentence read of its story names it, the articles do not say: "Is there a vaccine for chikungunya?"
    # cited "Testing for chikungunya, a key part of tracking the outbreak, …" (0.74) from a story never writing "vaccine")
    def story(of: Candidate) -> list[tuple[int, str]]:  # the sentences read of its story, each with its place
        return [(c.index, c.text) for c in cands[:span] if c.article_id == of.article_id]

    told = story(cands[0])  # (read once for both)
    unnamed = any(f(question, told, lambda t: held_terms(t, forms)) for f in (thing_unnamed, topic_unnamed))
    # asked the difference between two things, a sentence of its story telling them apart comes first; none: the
    # articles do not say (``difference``)
    sides = sides_asked(question)
    if sides:
        apart = told_apart(sides, story(top), lambda text: held_terms(text, forms))
        unnamed = unnamed or not apart
        if apart and top.index not in apart:
            top, window = put_first(lambda c: c.index == apart[0])
    # a short question naming nothing, whose phrase the best sentence does not hold and one of its story about the
    # question does: that one ("What's the world record for the marathon?" cited the lead's "… breaking the course
    # record by 27 seconds.", not "The world record of 2:00:35, set by the late Kelvin Kiptum …"; session 24). Not one
    # asking for a quantity: the rules for numbers below read it. A follow-up's own phrase too, in its asking part ("what
    # about car washes? hosepipe ban" after "why is there a hosepipe ban": "… garden centres and car washes." after "…
    # wash cars …"; session 36); not a question naming something (``focus_terms``)
    # (a follow-up of no words of its own holds no phrase of the subject's, which finds its lead: "who is in charge now?
    # hartfield Mayor Glen Ashby" cited "… removed Mayor Glen Ashby …", "Which countries? NATO invited members week" "…
    # NATO's two newest members …" before "NATO formalized its invitation to Sweden and Finland …" (fresh set 1); but
    # "why?" asks the reason of the subject's act its phrase names: "Why? Fed raise interest rates" is answered by "…
    # hiking interest rates in order to tame soaring inflation."; session 37)
    asking = question.split("?")[0] if own or searched_with_subject(question) and not asks_why(question) else question
    phrases = (term_pairs(asking) if (not own or searched_with_subject(question)) and not expects_number(question)
               and len(question_terms(asking)) <= 6 else set())
    # (holding the names of the question the best one holds: "jackson water crisis" cited "Watts was referring to the
    # water crisis in the city of Flint, …" before "… have resulted in a crisis in Jackson, Mississippi, …"; RealTimeQA's
    # store, session 39. Not its other words: "… ancient megalodon sharks …" is answered by "… the long-extinct giant
    # megalodon shark, may have been warm-blooded …", not the best one's "… other ancient shark species …")
    if phrases and not phrases & term_pairs(top.text):
        told = " ".join(c.text for c in [top, *window] if c.article_id == top.article_id)  # ("the marathon": no name)
        named = set(question_terms(asking)) & held_terms(top.text, forms) & {
            t for w in written_as_names(told).values() for t in terms(w)}
        top, window = put_first(lambda c: cfg.about(c) and bool(phrases & term_pairs(c.text))
                                and not denies_act(c.text, question) and named <= held_terms(c.text, forms))
    # asked whether it is so by a participle, the best sentence writing neither it nor its opposite in un-: one of its
    # story saying it is not comes first, whatever phrase it holds ("is it crewed?" of a lunar probe cited "A later Osprey mission … would carry a
    # crew of four …", not "The uncrewed spacecraft weighs about 1,200 kilograms …"; session 38)
    done = {w.lower() for w in words(asking_sentence(question)) if participle(w)} if _YES_NO.match(question) else set()
    if done and not any(re.search(rf"\b(?:un)?{w}\b", top.text, re.IGNORECASE) for w in done):
        top, window = put_first(lambda c: any(re.search(rf"\bun{w}\b", c.text, re.IGNORECASE) for w in done))
    # asked who did it, the sentence saying by whom, in the best sentence's story and holding the
    # question's words as well: "The line will be built by a consortium led by … Ferrovial Urbano …"
    # before the lead's "… voted … to build a tram line …" for "Who will build the line?" (session 20)
    kind = asked_kind(question)
    doing = asked_doing(question)
    if doing and not says_by_whom(top.text, doing):
        top, window = put_first(lambda c: says_by_whom(c.text, doing)
                                # a leader named by title, in the story asked about ("Who runs the company?" after a
                                # question about a launch: "Chief executive Tom Reyes told reporters …"; session 23)
                                and ((titles_name(c.text) and doing in held_terms(c.text, forms))
                                     # a follow-up searched with its subject: holding its own words ("Who will build it?"),
                                     # those the best sentence holds aside ("Headliners included the bands …" for "Who
                                     # headlined the Lakeside festival?" under the festival's lead; session 25)
                                     or (own <= held_terms(c.text, forms) | held_terms(top.text, forms) if own
                                         else c.lexical >= top.lexical
                                         # or with the best one ("Conductor Helena Marsh …" for "Who conducted the
                                         # orchestra?" under its lead, lexical 0.33 to 0.34; session 30)
                                         or set(question_terms(question)) <= held_terms(c.text, forms) | held_terms(top.text, forms)
                                         # or naming the doer by the kind asked for: "Which firm bought the bakery chain?"
                                         # ("It was bought by the private equity firm Northgate Partners …"; session 21)
                                         or (kind is not None and kind in terms(c.text)))))
    # asked which one of a kind, the best sentence names none: one of its story about the question naming one ("… in the
    # Pacific Ocean …", "… the city of Córdoba …") and holding a word of the question, however far behind, comes first
    # ("Into which ocean did NASA's Orion spacecraft splash down …?" cited the Artemis I mission's end first and "It
    # splashed down at 12:40 p.m. ET Sunday in the Pacific Ocean …" third; RealTimeQA dev, session 24)
    if kind and not names_kind(top.text, kind, question):
        # (a follow-up of no word of its own but the kind's, a word of its subject: "which states?" after "marijuana on the
        # ballot"; session 38)
        asked = (own or set(question_terms(question))) - {kind} or set(question_terms(question)) - {kind}
        top, window = put_first(lambda c: cfg.about(c) and names_kind(c.text, kind, question)
                                and bool(asked & held_terms(c.text, forms)))
    # (still naming none, saying "the band" of the one asked for, holding none of its headline's names: the nearest
    # sentence before it of its story holding them names it, "the band" points back at it ("Which band is it?" after
    # "A band is getting back together for a tour." cited "The band announced a new tour …", not "Blink-182 is
    # coming to a city near you."; session 35)
    if (kind and top.headline == 0.0 and refers_by_kind(top.text, kind)
            and not names_new(top.text, said_words(question))):
        named = [c for c in window if c.article_id == top.article_id and c.index < top.index and c.headline > 0.0]
        if named:
            nearest = max(named, key=lambda c: c.index)
            top, window = put_first(lambda c: c is nearest)
    # the best sentence does not write the question's own number, one of its story about the question does: that one
    # ("Which airline cancelled 260 flights?" cited the lead's "More than 400 flights were cancelled …" before "KLM, the
    # airport's largest airline, cancelled 260 flights, …"; session 24). Not a year: "Which slang term was selected as
    # Oxford's word of the year for 2022?" then cited "LONDON — Asked to sum up 2022 in a word, …" first
    numbers = [n for n in exact_numbers(question, ordinal=True) if not _YEAR.fullmatch(n)]
    if numbers and not writes_numbers(top.text, numbers):
        top, window = put_first(lambda c: cfg.about(c) and writes_numbers(c.text, numbers) == 1.0)
    switched = top is not cands[0]  # and then the headline's news (the subject's answer) is not first
    counted = expects_number(question) and adds_number(top.text, question)
    # nor when the best sentence holds the question's own words and the one with the news none of them:
    # "Will he appeal?" after "Why was Keel jailed?" cited the lead ("… Martin Keel, was sentenced …
    # to six years …") before "Keel's lawyers said he would appeal." (session 21)
    kept = own & held_terms(top.text, forms)
    # nor when the best sentence writes a number of the question the other does not (above)
    # (and, saying the doer did not do what is asked, however far behind: ``scoring.denies_act``)
    denied = denies_act(top.text, question)
    news = [c for c in window if c.article_id == top.article_id and c.headline > 0.0 and cfg.about(c)
            and (not kept or kept & held_terms(c.text, forms)) and not denies_act(c.text, question)
            and writes_numbers(c.text, numbers) >= writes_numbers(top.text, numbers)
            ] if ((top.headline == 0.0 or denied) and not counted and not switched and not asks_story
                  and not names_head(top.text, question)) else []
    if news and (denied or news[0].score >= top.score - cfg.news_first_within):
        top, news, window = news[0], [], others(news[0])
    # asked to count a thing (not people, whom many words count), the best sentence counts another: one of its
    # story about the question counting it comes first, however far behind ("How many homes were lost?" in a
    # conversation about a wildfire: "At least 35 homes have been destroyed.", behind "\"We lost everything, …,\"
    # said Carla Mendes, who fled with her two children …", whose "two children" read as a count; session 23)
    noun = counted_noun(question)
    if (noun and noun.lower() not in ("people", "persons") and adds_number(top.text, question)
            and not counts_asked(top.text, question)):
        top, window = put_first(lambda c: cfg.about(c) and counts_asked(c.text, question))
        # (none counting it by its word, one counting it as news may: "how many jobs" after "how did lumina do this
        # quarter" cited "… accounted for 31% of sales in the quarter." first, its "customer" a person, not "… to employ
        # 1,500 people."; session 27)
        if not holds_measure(top.text, question):
            top, window = put_first(lambda c: cfg.about(c) and holds_measure(c.text, question))
    # asked for a quantity, the best sentence holds none: one holding one comes first (``quantity.quantity_first``)
    if (counted := quantity_first(question, top, window, own, forms, cfg)) is not top:
        top, window = counted, others(counted)
    # asked for a quantity, the best sentence gives one of another time: one of its story giving it of the news comes first
    if of_another_time(top.text, question):
        top, window = put_first(lambda c: holds_measure(c.text, question) and not of_another_time(c.text, question))
    # asked why, the best sentence gives no reason: one of its story that does (``reasons.reason_first``)
    if asks_why(question) and (reason := reason_first(question, top, window, forms, cfg.about, own)) is not top:
        top, window = reason, others(reason)
    # asked where, the best sentence names no place: one of its story about the question naming one and holding
    # a word of the question (of its own, for a follow-up), however far behind, comes first (``gives_place``)
    # (and a place after a follow-up's own word before one elsewhere: "Where was she born?" of a pianist who died cited
    # the lead's "… died on Saturday at her home in Boston.", not "Born in Vienna in 1937, …"; session 24)
    # (a follow-up's: a question naming its story has many words of its own, and "Where did she earn her law degree?" of
    # Ketanji Brown Jackson then cited "… a professor of law at New York University …" on RealTimeQA dev)
    near = set(own) if searched_with_subject(question) else set()
    if asks_where(question) and not (near and gives_place(without_dates(top.text), near, question)):
        asked = (own or set(question_terms(question))) - _PLACING
        placed = put_first(lambda c: cfg.about(c) and bool(near) and gives_place(without_dates(c.text), near, question))
        if placed[0] is top and not gives_place(without_dates(top.text), question=question):  # (no words of its own: any)
            placed = put_first(lambda c: gives_place(without_dates(c.text), question=question) and (
                bare or cfg.about(c) and (not asked or bool(asked & held_terms(c.text, forms)))))
        top, window = placed
    # asked whose it is, the best sentence names no one the question does not: one of its story about the question naming
    # someone and holding a word of the question's own does ("whose record did he break?" after "aaron judge 62nd home
    # run" cited "Judge said it was a big relief to finally hit the record-breaking blow.", not "… Aaron Judge broke Roger
    # Maris’ single-season American League home run record, …"; RealTimeQA's store, session 39)
    said = said_words(question)
    if _WHOSE.match(question) and not names_new(top.text, said):
        asked = own or set(question_terms(question))
        top, window = put_first(lambda c: cfg.about(c) and names_new(c.text, said) and bool(asked & held_terms(c.text, forms)))
    # asked what it is called, what colour, how well it works, what it is put to, what it means, whom one replaces: the
    # best sentence does not say; one of its story that does, however far behind, comes first (``answer_kinds.gives_name``,
    # ``gives_colour``, ``gives_effect``, ``uses.gives_use``, ``meaning.gives_meaning``: "What does youthquake mean?"
    # cited its lead "'Youthquake' is Oxford Dictionaries' 2017 word of the year.", not "It's defined as …";
    # ``succession.gives_predecessor``: "who is he replacing?" after "broncos new president" cited the lead again, not
    # "Leech takes over from Joe Ellis, …"; RealTimeQA's store, session 39)
    given: Candidate | None = None  # (the one put first for it: a later rule may put another first)
    for asks, gives in ((asks_name, gives_name), (asks_colour, gives_colour), (asks_effect, gives_effect),
                        (asks_use, gives_use), (asks_meaning, gives_meaning), (asks_predecessor, gives_predecessor)):
        if asks(question) and not gives(top.text):
            top, window = put_first(lambda c, gives=gives: gives(c.text))
            given = top if gives(top.text) else given
    if (fate := fate_asked(question)) and fate <= held_terms(top.text, forms) and not tells_fate(top.text, fate):
        top, window = put_first(lambda c: tells_fate(c.text, fate))  # (what happens to it told: ``qa.fate``)
    # asked what a thing is, the best sentence does not say: one about the question that does, of any story, comes first
    defined = thing_asked(question)
    if defined and not defines(top.text, defined):
        found = next((c for c in cands if cfg.about(c) and defines(c.text, defined)), None)
        top, window = (found, others(found)) if found is not None else (top, window)
    # asked which one is the most of something, the best sentence names none: one of its story that does (``most``)
    top, window = most_first(question, top, window, cands, own, forms, put_first)
    # asked what someone should do, the best sentence gives no advice: one of its story giving some and holding a word
    # of the question ("users"), however far behind, comes first (``answer_kinds.gives_advice``); for a follow-up of no
    # words of its own, any ("what should I do?" after "tell me about the data breach" cited "PulseTrack discovered the
    # breach …" again, not "… urged users to watch for emails …"; session 30)
    if asks_advice(question) and not gives_advice(top.text):
        asked = own or set(question_terms(question))
        top, window = put_first(lambda c: gives_advice(c.text) and (bare or bool(asked & held_terms(c.text, forms))))
    # asked what someone said (or how they reacted): their words first, or none of them theirs (``said.said_first``)
    top, window, unsaid = said_first(question, top, window, cands, forms, others)
    # the story says it does not tell what the question asks, the best sentence holding fewer of its words:
    # that is the answer ("The company did not say how many Fold units it expects to sell." before "Nimbus
    # sold 41 million phones last year, …", which holds a number and answers another question)
    if not says_not_told(top.text):
        missing = set(question_terms(question)) - held_terms(top.text, forms)
        top, window = put_first(lambda c: says_not_told(c.text, question) and bool(missing & held_terms(c.text, forms)))
    # asked what a heading of the best sentence's story asks, the sentence under it, however far behind (``headings``)
    if answered and (top.article_id, top.index) not in answered:
        top, window = put_first(lambda c: (c.article_id, c.index) in answered, cands)
        given = top if (top.article_id, top.index) in answered else given
    return First(top, tuple(window), tuple(news), frozenset(own), forms, unsaid or unnamed, top is given and top is not cands[0])

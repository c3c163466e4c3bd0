"""What a question asks for: the kind of thing a "which …" question wants, sentences that only refer
to it by that kind, and the sentence of a longer question that asks (pure functions, read by the
sentence ranker, ``qa.evidence``).

"Which slang term was selected as Oxford's word of the year?" asks for a term; a sentence saying
"… the slang term refers to a type of behaviour …" holds most of the question's words and is about
the answer, but does not name it: the one that does says "goblin mode". News refers to a thing it
has named by its kind ("the company", "the social media platform"), so such a sentence is ranked a
little lower (bench/NOTES.md, session 13).
"""

from __future__ import annotations

import functools
import re

from index.text import stem, stopwords

from .numbers import PERSON_COUNTS, counted_noun
from .other_forms import DEMONYMS, KIND_NAMES, OTHER_FORMS, phrasal_forms
from .scoring import (
    AUXILIARY_VERBS,
    TOKEN,
    question_terms,
    terms,
    words,
)
from .verbforms import BASE_FORM, PRESENT_FORMS

# the words after "which" up to the verb: "Which controversial social media platform is …"
_WHICH = re.compile(r"\b(?:which|what(?=\s+[a-z][\w'’-]*\s+(?:is|was|are|were)\s+(?:it|they|that|this)\W*(?:$|\?))"
                    # (and "What kind of animal?", "What animal?" alone: "What animal?" after "Scientists revived an
                    # animal frozen for 46,000 years." was asked alone, its story saying "worms"; session 34)
                    r"|what\s+(?:kind|sort|type)s?\s+of"
                    r"|what(?=\s+(?!(?:else|now|then|next|more|about|if)\b)[a-z][\w'’-]*\s*\?\s*$))"
                    r"\s+((?:[\w'’-]+[\s?,]+){1,4})", re.IGNORECASE)  # ("what element was it?" asks which; session 31)
# and the words that speak of several without naming them: "Several automakers recalled pickup trucks
# …" does not say which automaker recalled 200,000 (session 20)
_DETERMINERS = frozenset(["the", "this", "that", "its", "their", "these", "those", "several", "many", "some",
                          "other", "most", "few", "both"])


def asked_kind(question: str) -> str | None:
    """The stemmed head noun after "which" ("Which US city had …" -> "citi"; "which controversial
    social media platform?" -> "platform"), or None. Names are skipped ("US"); the phrase ends at an
    auxiliary, a stopword, a word in -ed or -ly or an irregular past (the verb: "Which airline announced
    …", "Which company bought …", and one of those verbs in the present: "Which company makes …"). Another
    verb in the present is taken for the head ("Which company plans …" -> "plan"): then only a sentence
    saying "the plan" ranks a little lower."""
    head = _which_phrase(question)[0]
    return stem(head) if head else None


def _which_phrase(question: str) -> tuple[str | None, list[str]]:
    """The head noun after "which" (lower case) and the words from the one that ends the phrase on."""
    m = _WHICH.search(question)
    if not m:
        return None, []
    head = None
    found = [w.strip("?,") for w in _which_words(m)]
    for i, w in enumerate(found):
        low = w.lower()
        # an irregular past ends it too: "Which company bought …" asks for a company, not a "bought"
        if (not w or low in AUXILIARY_VERBS or low.endswith(("ed", "ly")) or low in stopwords() or low in BASE_FORM
                or (head and low in PRESENT_FORMS)):  # "Which company makes …" asks for a company
            return head, found[i:]
        if not w[0].isupper():
            head = low
    return head, []


def which_terms(question: str) -> set[str]:
    """The terms of the words naming the kind a "which …" question asks for, names too ("Which US city had …" ->
    {"us", "citi"}); empty for other questions."""
    m = _WHICH.search(question)
    head, rest = _which_phrase(question)
    if not m or not head:
        return set()
    found = _which_words(m)
    return set(terms(" ".join(found[: len(found) - len(rest)])))


def _which_words(m: re.Match) -> list[str]:
    """The words after "which", up to its question mark: a follow-up's subject after it is no part of the kind ("which
    states? marijuana ballot" asked for marijuana, and cited "… will fail in three states and pass in two …" before
    "Marijuana legalization is on the ballot in Arkansas, Maryland, …"; RealTimeQA's store, session 38)."""
    found = m.group(1).split()
    end = next((i + 1 for i, w in enumerate(found) if w.endswith("?")), len(found))
    return found[:end]


def beyond_kind(question: str) -> set[str]:
    """The question's terms other than those naming the kind a "which …" asks for ("What kind of animal?" -> none; "Which
    team won the cup?" -> {"cup"})."""
    kinds = which_terms(question)
    return set(question_terms(question)) - kinds - (set(terms("kind sort type")) if kinds else set())


def refers_by_kind(sentence: str, kind: str | None) -> bool:
    """Does the sentence name the asked-for kind after "the", "this", "that", "its" or "their", with
    at most two lower-case words between ("the company", "the slang term")? A capitalised word
    between makes it a name ("the Pacific Ocean" answers "Into which ocean …?")."""
    if not kind:
        return False
    toks = TOKEN.findall(sentence)
    for i, t in enumerate(toks):
        if t.lower() not in _DETERMINERS:
            continue
        for w in toks[i + 1 : i + 4]:
            if w[0].isupper():
                break
            if stem(w.lower()) == kind:
                return True
    return False


def names_kind(sentence: str, kind: str | None, question: str) -> bool:
    """Does the sentence name one of the asked-for kind: by a name the question does not say, the kind's word part of
    it ("… in the Pacific Ocean …" for "Into which ocean …?", "Columbia University"; not "A senior State Department
    official …", "… in Olympic sports") or after it and "of" ("the city of Córdoba"), or a name of the kind's own
    (``other_forms.KIND_NAMES``: "… the presence of carbon …" for "What element was it?")?"""
    if not kind:
        return False
    toks = TOKEN.findall(sentence)
    said = set(terms(question))

    def named(w: str) -> bool:  # a name's word, not one the question says ("Which US city …": "… US cities …")
        return w[0].isupper() and bool(terms(w)) and not set(terms(w)) & said

    return any(stem(t.lower()) == kind and ((i >= 1 and t[0].isupper() and named(toks[i - 1]))
                                            or (toks[i + 1:i + 2] == ["of"] and i + 2 < len(toks) and named(toks[i + 2])))
               for i, t in enumerate(toks)) or bool(KIND_NAMES.get(kind, frozenset()) & set(terms(sentence)) - said)


# a question mark ends the asking sentence whatever follows: a follow-up is searched with its
# subject's words after it, and they may start in lower case ("Who was their goalkeeper? won cup final
# Riverside United")
# (and typed in lower case, a full stop before a word that asks: "my flight from amsterdam was cancelled. can i get
# compensation?" was one sentence, its asking one not told apart; not after an initial's: "the u.s. is …"; session 27)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])|(?<=\?)\s+|(?<=[^\W\d_]{2}[.!])\s+(?=(?:what|who|whom|whose|which|when|where"
                           r"|why|how|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had)\b)")


def sentences_of(question: str) -> list[str]:
    """The question's sentences (a follow-up's asking one first, its subject's words after)."""
    return _SENTENCE_END.split(question.strip())


def searched_with_subject(question: str) -> bool:
    """Is it a follow-up searched with the conversation's subject after it ("Who was their goalkeeper? won
    cup final Riverside United")?"""
    parts = sentences_of(question)
    return len(parts) >= 2 and parts[0].rstrip().endswith("?")


# "one" in a follow-up points back ("Why was that one stopped?" after "When was the first attempt?"): as a
# word of its own it asked for "We only get one first flight" beside "… was stopped …" (session 23)
_ONE = frozenset(terms("one ones"))
# verbs that say little of what a question naming its story asks: "How much profit did Lumina make?" asks for
# profit (a sentence holding "make" and one holding "profit", as "Net income", were both its story's; neither held
# both, and the forecast's "… revenue of about $15.5 billion …" came first; session 23). A follow-up's own words
# keep them ("When does she take office?": "Nolan takes office on January 1." is cited alone)
LIGHT_VERBS = frozenset(terms("make makes made making take takes took taken taking go goes went gone going"))  # ("get"
# is a stopword on the query side: index.text.stopwords)


def followup_terms(question: str) -> set[str]:
    """The terms of a follow-up's own question when it is searched with its subject after it ("Who was
    their goalkeeper? won cup final Riverside United" -> {"goalkeep"}); empty for any other query, and
    when the only one is the kind a "which …" asks for ("Which animal was it?": a sentence saying
    "animals" does not name it; on the dev dialogues that moved "… other animals across Europe …" above
    "… Europe's wild pigs …")."""
    if not searched_with_subject(question):
        return set()
    asking = sentences_of(question)[0]
    # (nor "called" at its end: "What is it called?" asks a name, and after "There's a new dominant Covid variant in the
    # US." (answered "The highly contagious Omicron subvariant BA.2 is now the dominant …") it cited "Dr. Jorge Salinas
    # … calls this an immunologic wall."; RealTimeQA's store as of the date, session 36)
    own = set(question_terms(asking)) - _ONE - (_CALLING if _CALLED.search(asking) else set())
    return own if own - {asked_kind(asking)} else set()


def weigh_the_asking_sentence(question: str, weights: dict[str, float], factor: float) -> dict[str, float]:
    """For a question of several sentences ("After a decade-long mission, NASA's Curiosity rover made a
    discovery … What did the rover find on Mars?"), the weights of the terms of the last one, the
    sentence that asks (the last one ending in "?"), times ``factor``: the sentences before it say where
    to look (they restate the article's lead), the asking one what to find. One sentence: the weights
    as they are."""
    parts = sentences_of(question)
    if len(parts) < 2 or factor == 1.0:
        return weights
    # the last that ends in "?": a follow-up searched with the conversation's subject after it
    # ("Which country did they beat? US men's national team World Cup") asks in its first
    asking = set(question_terms(next((p for p in reversed(parts) if p.rstrip().endswith("?")), parts[-1])))
    return {t: w * factor if t in asking else w for t, w in weights.items()}


# who leads a thing is written by the title of the one who does, who owns it by who bought it: "Who
# runs it?" after a question about a bakery chain is answered by "The company's chief executive, Ruth
# Ellison, …", "Who leads the mission?" by "… principal investigator Dr. Helena Kowalczyk …"; the
# words were in no sentence, and the chain's lead came first (session 20; no dev question asks so)
LEADERS = frozenset(terms("chief executive ceo president chairman chairwoman director head leader manager boss "
                          "principal investigator captain commander coach mayor governor"))
# (who directs is a director, not any leader: "Who directed it?" of a film cited "\"Paper Lanterns 2\" was directed by
# Hana Okafor …" and, as if it held "directed" too, "Last weekend's leader, the space thriller \"Cold Orbit,\" fell to
# second place …"; session 27)
# (and who founded a thing is its creator: "who founded it?" after "mastodon twitter" cited the lead and its neighbours,
# not "… a nonprofit run by Mastodon creator Eugen Rochko, …"; RealTimeQA's store, session 40)
_FOUNDERS = frozenset(terms("founder founders cofounder creator creators"))
DOERS = {**{stem(w): LEADERS for w in ["run", "lead", "head", "manage", "chair"]},
         stem("direct"): frozenset(terms("director directors")),
         stem("own"): frozenset(terms("owner buy acquire parent")), stem("found"): _FOUNDERS}
_WHO = re.compile(r"^\W*who\b", re.IGNORECASE)
# the verbs as verbs: "Who is their manager?" asks for a manager (the word itself), and a base form
# follows an auxiliary ("Who will run it?"; not "Who hit a home run?", "its own")
_DOING = re.compile(r"\b(?:runs|ran|running|leads|led|leading|heads|headed|heading|manages|managed|managing"
                    r"|chairs|chaired|chairing|directs|directed|directing|owns|owned|owning|founded)\b"
                    r"|\b(?:do|does|did|will|would|can|could|should|may|might|to)\s+"
                    r"(?:run|lead|head|manage|chair|direct|own|found)\b", re.IGNORECASE)


def doer_terms(question: str) -> dict[str, frozenset[str]]:
    """A "who …?" question's verbs of leading, owning or founding, each with the terms that write the
    one who does it ("runs" -> chief, executive, director, …)."""
    verbs = [m.group(0).split()[-1] for part in sentences_of(question) if _WHO.match(part)
             for m in _DOING.finditer(part)]
    return {t: DOERS[t] for v in verbs for t in terms(v) or [stem(v.lower())] if t in DOERS}  # "own": a stopword


@functools.lru_cache(maxsize=256)
def agent_terms(doing: str) -> frozenset[str]:
    """The terms of the nouns naming one who does what the verb's term says ("conduct" -> "conductor", "write" ->
    "writer", "creat" -> "creator", "run" -> "runner"), as news names the doer: "Who conducted?" of a youth
    orchestra's prize cited its lead, not "Conductor Helena Marsh said the players had rehearsed …" (0.33; session 30).
    Forms no word writes are harmless: no text holds them."""
    forms = {doing + "er", doing + "or", doing + doing[-1] + "er"} | ({doing + "r", doing[:-1] + "or"}
                                                                      if doing.endswith("e") else set())
    return frozenset(t for f in forms for t in terms(f) if t != doing and t.endswith(("er", "or"))) | (
        _OFFENDERS if doing in _OFFENCES else _SUCCESSORS if doing in _SUCCESSIONS else frozenset())


# and one who did harm is named the suspect, the gunman, the attacker: "Who attacked him?" after "What happened to Salman
# Rushdie?" cited "… Rushdie is attacked and stabbed multiple times on stage …" alone, not the next sentence, "The
# suspect, 24-year-old Hadi Matar, is arrested." (RealTimeQA's store; session 31)
_OFFENCES = frozenset(stem(w) for w in "attack stab shoot kill murder assault rob steal kidnap hijack".split())
_OFFENDERS = frozenset(terms("suspect suspects gunman gunmen assailant assailants attacker attackers"))
# and one who replaces another is their successor, or serves as acting or interim one: "who replaces him?" after "what
# happened in hartfield" cited the lead again, not "Deputy mayor Rosa Delgado will serve as acting mayor until …" (a
# folder of our own, session 36)
_SUCCESSIONS = frozenset(stem(w) for w in "replace succeed".split())
_SUCCESSORS = frozenset(terms("successor successors replacement acting interim caretaker"))


def in_other_forms(held: set[str], forms: dict[str, frozenset[str]]) -> set[str]:
    """The question's terms that terms ``held`` by a text write in another form (``stand_ins``)."""
    return {t for t, by in forms.items() if by & held} - held


def held_terms(text: str, forms: dict[str, frozenset[str]]) -> set[str]:
    """The text's terms, and the question's terms it writes in another form (``stand_ins``)."""
    held = set(terms(text))
    return held | in_other_forms(held, forms)


_UN_ADJECTIVES = frozenset("safe clear known likely usual certain fair paid hurt able available popular sure aware "
                           "happy well".split())

# "What is the rover called?" asks for a name: "The rover, named Pathfinder Luna, …"
_CALLED = re.compile(r"\b(?:called|named)\W*$", re.IGNORECASE)
_CALLING = frozenset(terms("called named"))


def stand_ins(question: str) -> dict[str, frozenset[str]]:
    """The question's terms a sentence may hold in another form, each with those forms: a doer's title
    (``doer_terms``) or a noun naming one (``agent_terms``), a noun for its verb and a verb for its noun ("lose" ->
    "loss"), a word of one meaning ("start" -> "begin"), "named" for "called" at the question's end. Read where a
    sentence is ranked (a form counts ``AnswerConfig.w_stand_in`` of the term) and by the confidence (``held_terms``)."""
    found = dict(doer_terms(question))
    doing = asked_doing(question)  # the verb asked the doer of, written as the noun naming one ("conductor")
    if doing is not None and agent_terms(doing):
        found[doing] = found.get(doing, frozenset()) | agent_terms(doing)
    for t, forms in phrasal_forms(question).items():
        found[t] = found.get(t, frozenset()) | forms
    # a participle or an adjective, and its opposite in un-, which answers whether it is so: "Is it damaged?" of a
    # stolen painting cited the lead, not "The painting … was found undamaged …" (session 25)
    for w in words(question):
        if w.endswith("ed") or w in _UN_ADJECTIVES:
            for t in terms(w):
                found[t] = found.get(t, frozenset()) | {"un" + t}
    for t in question_terms(question):
        if t in OTHER_FORMS or t in KIND_NAMES:
            found[t] = found.get(t, frozenset()) | OTHER_FORMS.get(t, frozenset()) | KIND_NAMES.get(t, frozenset())
    first = sentences_of(question)[0]
    if _CALLED.search(first):
        for t in terms(_CALLED.search(first).group(0)):
            # (and "known as", "dubbed": "what are they also called?" after "private schools" cited "… are called 'aided'
            # schools.", not "Private schools, also known as independent schools, …"; session 40)
            found[t] = found.get(t, frozenset()) | frozenset(terms("called named known dubbed nicknamed")) - {t}
    noun = counted_noun(first)
    if noun is not None and noun.lower() in PERSON_COUNTS:  # "How many people …?": "… 84,000 supporters …"
        for t in terms(noun):
            found[t] = found.get(t, frozenset()) | _PERSONS - {t}
    if _HOW_LONG.search(first):  # the time it lasted is written as one: "… the nearly six-month war …"
        for t in set(terms(first)) & _LASTING:
            found[t] = found.get(t, frozenset()) | _DURATIONS
    return found


# "How long has the war lasted?" is answered by "… in the nearly six-month war …": the duration stands in for
# "last", "take" … (the demo article's question abstained at 0.10; session 21)
# the people a "how many people" counts, a country's people too ("How many people have been killed?" of the demo article
# abstained at 0.24 beside "… the nearly six-month war … that has killed more than 32,000 Palestinians in Gaza."; session 39)
_PERSONS = frozenset(t for w in PERSON_COUNTS for t in terms(w)) | frozenset(
    t for group in DEMONYMS for w in group.split()[1:] if w.endswith("s") for t in terms(w))
_HOW_LONG = re.compile(r"\bhow long\b", re.IGNORECASE)
_LASTING = frozenset(terms("last take continue run stay remain"))
_DURATIONS = frozenset(terms("minutes hours days weeks months years decades"))


# "Who will build it?" is answered by the sentence that says by whom: "The line will be built by a
# consortium led by the Spanish firm Ferrovial Urbano …", not the lead's "… voted … to build a tram line"
# (session 20)
# ("Who did Riverside beat?" asks whom they beat: after "did", "does", "do" comes the doer)
_WHO_DOES = re.compile(r"^\W*(?i:who)\s+(?:(?i:will|would|has|have|had|is|was|can|could)\s+)?([a-z][\w'’-]*)")


def asked_doing(question: str) -> str | None:
    """The term of the verb a "Who …?" or "Which <kind> …?" question asks the doer of ("Who will build it?"
    -> "build", "Which company bought Crumb & Co.?" -> "buy"), or None."""
    part = sentences_of(question)[0]
    m = _WHO_DOES.match(part)
    verb = m.group(1) if m else _which_does(part)
    if not verb or verb.lower() in AUXILIARY_VERBS or verb.lower() in stopwords():
        return None
    found = terms(verb)
    return found[0] if found else None


def _which_does(question: str) -> str | None:
    """The verb of a "Which company bought …?" question when it asks for the doer (a past or "will …",
    "has …" after the kind; not "Which company did Amazon buy?", "Which firm was bought …?"), or None."""
    if not re.match(r"^\W*which\b", question, re.IGNORECASE):
        return None
    rest = [w for w in _which_phrase(question)[1] if not w.lower().endswith("ly")]  # "… recently bought …"
    if rest and rest[0].lower() in ("will", "would", "has", "have", "had") and len(rest) > 1:
        rest = rest[1:]
    elif not rest or not (rest[0].lower().endswith("ed") or rest[0].lower() in BASE_FORM
                          or rest[0].lower() in PRESENT_FORMS):
        return None
    return rest[0]

"""Who and what a conversation's answers name (pure): the name that answered a "Who …?" question, the person a
pronoun points at and whether a sentence is theirs, and the names of a story found by a question that says almost
nothing of its own. What the conversation is about (``followup.context``) carries them."""

from __future__ import annotations

import re

from index.text import stopwords

from .answer_kinds import named_asked, speaker
from .asked import held_terms, searched_with_subject, sentences_of
from .citations import quoted_sentences
from .evidence import Candidate
from .numbers import MONTHS, WEEKDAYS
from .scoring import AUXILIARY_VERBS, FULL_NAME, NAME_OR_NUMBER, question_terms, terms, words

# a name, not a title written short: "What did the CEO say?" after "Why did Lumina's shares jump?" is about
# Lumina (it was asked alone, and abstained; session 22)
NAME = re.compile(r"(?<=[\s(\"“'‘])(?!(?:CEO|CFO|COO|CTO)s?\b)[A-Z][\w'’.-]*\w")
# words that ask without saying what about: not carried over as a subject ("Tell me about X")
FILLER = frozenset(["tell", "know", "explain", "describe", "please", "latest", "news", "anything", "something",
                    "what's", "what’s", "happening", "going", "new", "who's", "where's", "how's",
                    # nor the words for what is read: "How much did it make overseas?" after "What is this article
                    # about?" (a folder of one) was searched as "… overseas? article" and abstained (session 26)
                    "article", "articles", "story", "stories"])


# words that open a sentence before a name and are none of it ("Since Musk bought Twitter …" names no "Since
# Musk", who was carried as the subject of "How much did he pay?"; session 23)
_OPENING = frozenset(["since", "although", "though", "despite", "following", "amid", "unlike", "like", "however",
                      "meanwhile", "yet", "still", "instead", "earlier", "later", "last", "next", "now", "today"])


_WHEN_NAMES = frozenset(d.lower() for d in WEEKDAYS + MONTHS)


def story_named(question: str, answer: str) -> list[str]:
    """The names of the answer's first sentence (after its first word; not a weekday or a month, not the question's)
    when the question says almost nothing of its own ("any news on flights?" -> "Amsterdam's", "Schiphol"): what the
    story it found is about. "which airline was hit hardest" after it was searched with "flights" alone and abstained
    (0.27), beside "KLM, the airport's largest airline, cancelled 260 flights, …" (session 28)."""
    own = [w for w in words(question) if w not in stopwords() and w not in FILLER]
    if len(own) > 1 or NAME.search(" " + question.split(" ", 1)[-1]):  # ("Tell me about BSkyB" names its story)
        return []
    asked = set(own)
    return [n for n in names_written((quoted_sentences(answer) or [""])[0]) if not set(words(n)) <= asked]


# a thing the question names by its name, the answer calls by its kind: "The vaccine, called LM-22, …" for "what is lm-22";
# "how much does it cost?" after it was searched with "lm-22" alone and abstained (0.29), its story saying "the vaccine"
# (a folder of our own, session 37)
_CALLED = re.compile(r"\b(?i:the|a|an|its|their)\s+(?:[\w'’-]+\s+)?([a-z][\w'’-]*),?\s+(?:called|named|dubbed|known\s+as)"
                     r"\s+[\"“‘']?([\w'’.-]+(?:\s+[\w'’.-]+){0,3}?)(?=[\"”’',.;:]|\s+(?:was|is|were|are|has|had|will)\b)")


def called_kind(question: str, answer: str) -> list[str]:
    """The kind the answer's sentences call a thing the question names ("what is lm-22", "The vaccine, called LM-22, …"
    -> ["vaccine"])."""
    asked = question.casefold()
    return list(dict.fromkeys(m.group(1) for q in quoted_sentences(answer) for m in _CALLED.finditer(q)
                              if m.group(2).casefold() in asked and m.group(1).casefold() not in asked))


def names_written(sentence: str) -> list[str]:
    """The names a sentence writes after its first word, in order, each once (not a weekday or a month)."""
    rest = sentence.split(" ", 1)[1] if " " in sentence else ""
    return list(dict.fromkeys(n for n in NAME.findall(" " + rest) if n.lower() not in _WHEN_NAMES))


_WHO_IS = re.compile(r"^(\W*who)(?:'s|’s)(?=\s)", re.IGNORECASE)


def answered_name(question: str, answer: str) -> list[str]:
    """The name that answers a "Who …?" question ("Who is the new harbour master?" -> "Marisol Ortega";
    "Who did Harbour City sign?" -> "Leo Marchetti", whom "What did he say?" then asks about; session 22):
    the answer's first full name the question does not write, not opening with a stopword ("The Coastal
    Town"). None for other questions, for "Who is <a name>?" ("Who is Joey Chestnut?" is about him, not
    the contest the answer names), or when the answer names no one else."""
    # ("who's" is "who is": "what did she say" after "who's their manager" abstained, carried with no name; a folder of
    # our own, session 36)
    question = _WHO_IS.sub(r"\1 is", question)
    if not question.lower().startswith("who ") or named_asked(question):
        return []
    stop, asked = stopwords() | _OPENING, set(words(question))
    # the one the answer's first sentence says did what was asked, by the question's verb: "Who won the world cup?" is
    # answered "In his last World Cup appearance, Messi won the title …" (RealTimeQA's store, no date; its third
    # sentence's "France's Kylian Mbappe" was carried, and "how old is he?" was asked of him; session 27)
    verb = question.split()[1].strip("?.,!").lower() if len(question.split()) > 1 else ""
    first = (quoted_sentences(answer) or [answer])[0]
    if verb and verb not in AUXILIARY_VERBS:
        did = re.search(rf"((?:[A-Z][\w'’.-]*\s+){{0,2}}[A-Z][\w'’.-]*)\s+{re.escape(verb)}\b", first)
        name = did.group(1).split() if did else []
        while name and name[0].lower() in stop:  # ("Then Theo Hernández scored …")
            name = name[1:]
        if name and not set(words(" ".join(name))) <= asked:
            return [" ".join(name)]
    for m in FULL_NAME.finditer(answer):
        if m.group(0).split()[0].lower() not in stop and not set(words(m.group(0))) <= asked:
            return [m.group(0)]
    return []


# a person a question points at, by the pronoun's gender: a "Who …?" follow-up pointing at "her" asks for someone
# else, and "she" after it is still her: "What did she say?" after "Who will replace her?" (a minister's successor,
# Tom Okoye) was searched with his name, and no quote of hers came first (session 27)
_SHE_WORDS, _HE_WORDS = frozenset(["she", "her", "hers", "herself"]), frozenset(["he", "him", "his", "himself"])


def pointed_person(question: str) -> frozenset[str]:
    """The pronouns of the person a question points at ("What did she say?" -> she, her, hers, herself); empty when it
    points at no one by "he" or "she" (or at both)."""
    said = set(words(question))
    found = [g for g in (_SHE_WORDS, _HE_WORDS) if said & g]
    return found[0] if len(found) == 1 else frozenset()


# who a follow-up's "he", "she" or "they" means, and whether a sentence is theirs (``answer_first``: "What did she say?")
_SHE = re.compile(r"\b(?:he|she|they|him|her|them)\b", re.IGNORECASE)
_SPOKEN = r"said|says|told|tells|added|stated|announced|warned|insisted"
SAYS = re.compile(rf"\b(?:{_SPOKEN}|wrote|writes|tweeted|posted)\b", re.IGNORECASE)
# words reported by the verbs of speaking alone (not "wrote": "Otieno, who wrote the book …, receives £50,000." says
# nothing; ``answer_first``, session 37)
REPORTS = re.compile(rf"\b(?:{_SPOKEN})\b", re.IGNORECASE)


def person_asked(question: str, pronoun: re.Pattern = _SHE) -> set[str]:
    """The terms of the person a follow-up's "he", "she" or "they" (``pronoun``) means (``person_named``)."""
    return set(terms(person_named(question, pronoun)))


def person_named(question: str, pronoun: re.Pattern = _SHE) -> str:
    """The person a follow-up's "he", "she" or "they" (``pronoun``) means: the last full name its subject carries after
    it, the one the conversation named last ("What did she say? Streamly fined Lena Brandt" -> "Lena Brandt"; "what
    did he say? resigned Fiona Daly Tom Okoye" -> "Tom Okoye": "he" after "who will replace her?" was read as either,
    and her words were cited as his; session 29); "" otherwise."""
    asking = sentences_of(question)[0]
    if not searched_with_subject(question) or not pronoun.search(asking):
        return ""
    named = [m.group(0).split() for m in FULL_NAME.finditer(question[len(asking):])]
    # (names the subject carries side by side read as one run: "Fiona Daly Fiona Daly Tom Okoye"; a person's name is
    # at most three words, the last two of a longer run)
    return " ".join(named[-1] if len(named[-1]) <= 3 else named[-1][-2:]) if named else ""


def said_by_person(c: Candidate, person: set[str], cands: list[Candidate], forms: dict[str, frozenset[str]]) -> bool:
    """Does the sentence name the person as its speaker (``answer_kinds.speaker``), or, naming no one there
    ("\"…,\" she said.", "The statement said …"), follow a candidate sentence of its article that names them?"""
    if person & held_terms(speaker(c.text), forms):
        return True
    return speaks_unnamed(c.text) and any(
        x.article_id == c.article_id and x.index == c.index - 1 and person & held_terms(x.text, forms) for x in cands)


def speaks_unnamed(sentence: str) -> bool:
    """Does the sentence name no one as its speaker ("\"…,\" she said.", "The statement said …"; not "Campaign group
    Ride Free called the ban \"a sledgehammer\" …")?"""
    return not any(w[0].isupper() and w.lower() not in stopwords() for w in NAME_OR_NUMBER.findall(speaker(sentence)))


def tells_subject(answer: str, root: str) -> bool:
    """Does the answer write every word of the subject's question ("private schools": "Private schools, also known as …")?
    Then a question it answered, saying only "they", was of it, though from other articles: "what are they also called?"
    after "private schools" and "how are they funded?" was searched with "funded" (SQuAD's passages, session 40)."""
    said = set(question_terms(root))
    return bool(said) and said <= set(terms(answer))

"""How a question asked in a conversation is searched: made self-contained (``qa.followup``), and a
follow-up read first in the articles the last answer came from."""

from __future__ import annotations

from dataclasses import replace

from index.errors import QAError
from index.filters import Filters
from index.store import Store, StoredArticle

from .answered import AnsweredArticles, cites
from .asked import asked_kind, beyond_kind
from .citations import quoted_sentences
from .confidence import question_names
from .digest import in_stories_told
from .evidence import Evidence, SentenceRanker
from .followup import (
    Turn,
    carries_subject,
    condense,
    context,
    last_answer,
    last_told,
    may_refer_back,
    points_at_it,
    points_back,
    refers_back,
    short_without_reference,
    stands_alone,
    subject_added,
)
from .generative import LLMAnswerer
from .named import person_named
from .retrieval import HybridRetriever, Retrieval
from .scoring import PERSON_PRONOUN, question_terms
from .spelling import dictionary_knows, dictionary_neighbours, respelled
from .story import (
    headlines,
    holds_more,
    leaves_story,
    names_none,
    of_unnamed_subject,
    points_at_nothing,
    points_at_told,
    read_beyond_told,
    same_story,
    stays_in_answered,
    story_holds,
    story_terms,
    tells_of,
    writes_any,
)

# a short question naming nothing, answered by another story than the one told under this confidence, is asked of that
# story (``ConversationSearch.read``); "Who is the transport minister?" after a question about ticket prices was answered
# by the minister's sentence at 0.75
LEAVES_STORY_FROM = 0.6
# the names of a conversation's subject its story is known by: those in at most this many times as many passages as its
# rarest name (``ConversationSearch.subject_names``)
NAME_SPREAD = 4
# the articles a question about "him" or "her" found, read for one naming the conversation's names (``of_her``)
PERSON_ARTICLES = 10
# the opening of an article read for the names of a conversation's subject (``ConversationSearch.of_told``): its lead
LEAD_CHARS = 300


class ConversationSearch:
    """The query, its retrieval, and its evidence (when it was read here already) for a question
    and the turns before it."""

    def __init__(self, store: Store, retriever: HybridRetriever, ranker: SentenceRanker, llm: LLMAnswerer | None,
                 found: dict[tuple[str, str], tuple[str, ...]] | None = None):
        self.store = store
        self.retriever = retriever
        self.ranker = ranker
        self.llm = llm
        self.answered = AnsweredArticles(store, retriever, found)  # (what each earlier answer cited)

    def search(self, question: str, turns: list[Turn], filters: Filters | None
               ) -> tuple[str, Retrieval, Evidence | None]:
        """The question read in the conversation (``read``), and beside what its answers told (``story.read_beyond_told``)."""
        query, retrieval, evidence = self.of_her(question, turns, filters,
                                                 *self.of_person(question, filters, *self.read(question, turns, filters)))
        if query != question:  # (its subject a name no article found names: the articles do not say)
            evidence = of_unnamed_subject(question, query, turns, evidence or self.ranker.gather(query, retrieval),
                                          self.ranker.config)
        told = [t.content for t in turns if t.role == "assistant"]
        if told and points_at_nothing(question, turns, evidence := evidence or self.ranker.gather(query, retrieval), query):
            evidence = replace(evidence, weak=True)
        return query, retrieval, read_beyond_told(question, evidence, told, self.ranker.config) if told else evidence

    def of_her(self, question: str, turns: list[Turn], filters: Filters | None, query: str, retrieval: Retrieval,
               evidence: Evidence | None) -> tuple[str, Retrieval, Evidence | None]:
        """A question about "him" or "her" answered from a story naming none of the conversation's names
        (``subject_names``), read in the stories its search found naming one (of its first ``PERSON_ARTICLES``), when
        one answers it: "How many Grand Slams has she won?" after "Is Serena Williams retiring?" (standing alone by its
        "Grand Slams", so searched as asked) cited "… a frustrating year for Novak Djokovic, …" first (RealTimeQA's
        store; session 34)."""
        names = self.subject_names(turns) if turns and PERSON_PRONOUN.search(question) else set()
        if not names:
            return query, retrieval, evidence
        evidence = evidence or self.ranker.gather(query, retrieval)  # (read once: the answer is composed from it)
        if not evidence.candidates or not names_none(names, evidence):
            return query, retrieval, evidence
        ids = [a for a, _ in retrieval.articles[:PERSON_ARTICLES]]
        stored = self.store.articles_by_id(ids)
        naming = tuple(a for a in ids if a in stored and writes_any(names, stored[a]))
        if not naming:
            return query, retrieval, evidence
        found, read = self.read_among(query, filters, naming)
        return (query, found, read) if not read.weak else (query, retrieval, evidence)

    def of_person(self, question: str, filters: Filters | None, query: str, retrieval: Retrieval,
                  evidence: Evidence | None) -> tuple[str, Retrieval, Evidence | None]:
        """A follow-up asking what "he" or "she" did that the story read with the conversation's subject holds no word
        of, read with the person's name alone when a story then holds its words and answers: "Who did he fire?" after
        "Did Elon Musk buy Twitter?" (RealTimeQA's store as of October 31, 2022) cited the deal's lead (0.83), the
        carried "buy Twitter" outweighing "fire"; "Musk on Thursday fired CEO Parag Agrawal, …" (session 30)."""
        person = person_named(query, PERSON_PRONOUN) if query != question and question_terms(question) else ""
        if not person:
            return query, retrieval, evidence
        evidence = evidence or self.ranker.gather(query, retrieval)  # (read once: the answer is composed from it)
        if story_holds(question, evidence):
            return query, retrieval, evidence
        named = f"{question} {person}"
        found = self.retriever.retrieve(named, filters)
        read = self.ranker.gather(named, found)
        return (named, found, read) if not read.weak and story_holds(question, read) else (query, retrieval, evidence)

    def read(self, question: str, turns: list[Turn], filters: Filters | None
             ) -> tuple[str, Retrieval, Evidence | None]:
        """A follow-up that only says "the …" ("Which city saw the biggest increase?" after "US rents hit
        a record high") is searched both alone and with the conversation's subject; the question as
        asked is kept unless the subject makes it clearly better supported
        (``followup.carries_subject``: a new question must not inherit the old subject, a follow-up
        must). A short question with no pronoun ("Who is the transport minister?") is kept as asked
        when the articles answer it so, else the subject is carried. A question read with the
        conversation's subject is answered from the articles the last answer cited when they
        support it about as well as all the articles do (``in_answered``)."""
        # a word typed wrongly is read as the store's ("how big was the wale"), in the turns before it too
        question = self.respell(question)
        turns = [replace(t, content=self.respell(t.content)) if t.role == "user" else t
                 for t in self.answered.of_turns(turns, filters)]
        query = self.self_contained(question, turns)
        retrieval: Retrieval | None = None
        evidence: Evidence | None = None
        if query != question and self.llm is None and short_without_reference(question):
            # no pronoun, only short: kept as asked when the articles answer it so ("Who is the
            # transport minister?" after a question about ticket prices: the minister's sentence at
            # 0.75; with "tickets cost" carried, the tickets sentence came first), else the subject
            # when its story speaks of the question ("What is photosynthesis?" is not asked of it)
            alone, as_asked = self.asked_alone(question, filters)
            if not as_asked.weak:  # ("How long was the mission?" after questions about the Orion capsule
                # cited the last Apollo mission's record, another article's; session 23)
                kept = self.as_asked(question, turns, filters, alone, as_asked)
                # (barely answered by another story, it is asked of the story told: "What was the score?" after "Who won the
                # Super Bowl?" cited a World Cup final's "Lionel Messi scores on rebound to take 3-2 lead" (0.35; session 31)
                # (not when the story told holds none of its words and the headline of the one found does: "is the vaccine
                # safe?" after "what happened in hartfield?" cited the recall's lead (0.34), not the vaccine's (0.43); session 37)
                if kept[2] is as_asked and as_asked.confidence < LEAVES_STORY_FROM and not self.of_subject(turns, as_asked):
                    told = self.within_told(query, turns, filters)
                    left = told is None or leaves_story(question, told[2], as_asked) and headlines(question, as_asked)
                    return kept if left else told
                return kept
            retrieval = self.retriever.retrieve(query, filters)
            evidence = self.ranker.gather(query, retrieval)
            if not tells_of(question, evidence):
                return question, alone, as_asked
        retrieval = retrieval or self.retriever.retrieve(query, filters)
        if query != question and evidence is None and turns:
            # read with the subject, it is not answered or its story holds none of the question's words: asked
            # alone, a story that holds them answers it ("And the striker's fee?" after a robbery and a phone
            # abstained at 0.26 with "robbery Millbrook Margaret Lowe" carried; 0.93 as asked; session 22)
            evidence = self.ranker.gather(query, retrieval)
            # (not one saying "she", "it" …: "What did she promise?" after questions about a mayor's election cited
            # a strike's "\"Our members cannot pay their bills with promises.\"", the story saying "campaigned on";
            # session 24)
            # (nor one whose one word is the kind it asks which one of: "What animal?" after "Scientists revived an
            # animal frozen for 46,000 years." cited a study of animals (0.35), the story told saying "worms"; session 34)
            if (beyond_kind(question) and not points_back(question)
                    and (evidence.weak or not story_holds(question, evidence))):
                alone, as_asked = self.asked_alone(question, filters)
                # (nor by its weak answer when the story told holds none of its words and the one found does: "Who
                # opposes the ban?" after questions about university fees cited the fees' lead, a ban never named
                # there; the articles then do not say; session 32)
                if story_holds(question, as_asked) and (not as_asked.weak or not story_holds(question, evidence)):
                    return question, alone, as_asked
        if query == question and turns and may_refer_back(question):
            carried = condense(question, turns, definite=True)
            if carried == question:
                return query, retrieval, None
            as_asked = self.ranker.gather(question, retrieval)
            told = last if points_at_told(question, last := last_answer(turns)) or points_at_it(question) else None
            read = self.read_with_subject(question, carried, as_asked, filters, told)
            if read is None:
                return question, retrieval, as_asked
            query, retrieval, evidence = read
        if query == question and turns and evidence is None:
            # a whole question the articles do not answer as asked may be an ellipsis: "How many jobs
            # will go?" after "Which bakery chain is closing shops?" (0.07 as asked, 0.81 with the
            # subject). Read with the subject when that makes it clearly better supported and its
            # story speaks of the question (``tells_of``)
            as_asked = self.ranker.gather(question, retrieval)
            if not as_asked.weak and not stands_alone(question):
                # naming nothing ("How many homes were lost?" after "Is it under control?" about a wildfire cited a
                # hurricane's "More than 300,000 homes and businesses lost power …", 0.97; session 23)
                return self.as_asked(question, turns, filters, retrieval, as_asked)
            carried = subject_added(question, turns)
            read = None if not as_asked.weak or carried == question else self.read_with_subject(
                question, carried, as_asked, filters)
            if read is None:
                return question, retrieval, as_asked
            query, retrieval, evidence = read
        if query == question or not turns:
            return query, retrieval, evidence
        anywhere = evidence or self.ranker.gather(query, retrieval)
        return (self.in_answered(question, query, turns, filters, anywhere)
                or self.found_alone(question, turns, filters, anywhere) or (query, retrieval, anywhere))

    def asked_alone(self, question: str, filters: Filters | None) -> tuple[Retrieval, Evidence]:
        """The question searched and read as asked, without the conversation."""
        alone = self.retriever.retrieve(question, filters)
        return alone, self.ranker.gather(question, alone)

    def found_alone(self, question: str, turns: list[Turn], filters: Filters | None, anywhere: Evidence
                    ) -> tuple[str, Retrieval, Evidence] | None:
        """A follow-up read with the subject (``anywhere``) that the story told did not answer, best answered from
        another story, as asked when asked alone it finds that story too: the subject only padded it ("what's going on
        with the trains" after three questions about a minister cited the strike's lead and two of her story's
        sentences, and "why are they striking" after it her resignation; in Chromium, session 27, also after "what are
        the main stories", whose leads cited the strike's). None otherwise (a pronoun points back: the subject stays)."""
        last = last_answer(turns)
        if (not question_terms(question) or points_back(question) or not anywhere.candidates or last is None
                or cites(last, anywhere.articles[anywhere.candidates[0].article_id])):
            return None
        alone, as_asked = self.asked_alone(question, filters)
        if not as_asked.weak and as_asked.candidates[0].article_id == anywhere.candidates[0].article_id:
            return question, alone, as_asked
        return None

    def as_asked(self, question: str, turns: list[Turn], filters: Filters | None, retrieval: Retrieval,
                 evidence: Evidence) -> tuple[str, Retrieval, Evidence]:
        """A question answered as asked (``evidence``), read instead in the story just answered from when that
        story holds every word of it and answers it (``in_answered``, ``holds_all``), as asked or, too short to be
        supported on its own, with the conversation's subject: "What was the vote?" after "When does it take
        effect?" about a law cited a mayor's election (0.42 as asked), the law's "The law passed by 97 votes to 12
        …" first in its story at 0.11 (session 24)."""
        carried = subject_added(question, turns)
        return (self.in_answered(question, question, turns, filters, evidence, holds_all=True)
                or (self.in_answered(question, carried, turns, filters, evidence, holds_all=True)
                    if carried != question else None)
                or (self.of_told(question, turns, filters, evidence) if not self.of_subject(turns, evidence) else None)
                or (question, retrieval, evidence))

    def of_told(self, question: str, turns: list[Turn], filters: Filters | None, evidence: Evidence
                ) -> tuple[str, Retrieval, Evidence] | None:
        """A question answered as asked (``evidence``) from a story of nothing the conversation named, read in the stories
        of its subject it found, when one holds all its words and answers it: "When did the deal close?" after "Who
        bought Twitter?" cited a merger's "The deal is expected to close in early 2024 …" (0.95) before "… the deal had
        closed Thursday night." (session 34). Of the subject: cited by the last answer, or naming each of its names in
        the headline or opening (a stem anywhere was too weak: "Club Q"'s "club" is in al-Qaeda's story). Else None."""
        last = last_answer(turns)  # (one: asked when the evidence is of no story told, ``of_subject``)
        names = self.subject_names(turns)

        def of_story(stored: StoredArticle) -> bool:  # cited, or naming each name in its headline or opening
            opening = f"{stored.article.title}\n{stored.article.text[:LEAD_CHARS]}".lower()
            return cites(last, stored) or bool(names) and all(n in opening for n in names)

        told = tuple(dict.fromkeys(c.article_id for c in evidence.candidates if of_story(evidence.articles[c.article_id])))
        if not told:
            return None
        retrieval, read = self.read_among(question, filters, told)
        if read.weak or not set(question_terms(question)) <= story_holds(question, read):
            return None
        return question, retrieval, read

    def of_subject(self, turns: list[Turn], evidence: Evidence) -> bool:
        """Is the evidence's best sentence of the story told (``tells``; so is none, and any after no answer)?"""
        last = last_answer(turns)
        if not evidence.candidates or last is None:
            return True
        return self.tells(last, evidence.articles[evidence.candidates[0].article_id], self.subject_names(turns))

    def subject_names(self, turns: list[Turn]) -> set[str]:
        """The terms of the names the conversation's subject writes (``followup.context``), the rarest of them: those
        in at most ``NAME_SPREAD`` times as many passages as the rarest the store holds. A name's common word names
        many stories: "What was the score?" after "Who won the World Cup in Qatar?" and "Who did they beat?" cited a
        baseball game's "The score was tied 8-8 …" (its "World Series") and a hockey game's (its "Stanley Cup") beside
        the final's; "cup" is in 486 passages of RealTimeQA's store, "qatar" in 85 (session 32)."""
        names = set(question_names(context(turns)))
        counts = self.store.term_doc_freqs(sorted(names))[0] if len(names) > 1 else {}
        least = min((n for n in counts.values() if n > 0), default=0)
        return {t for t in names if not least or counts.get(t, 0) <= NAME_SPREAD * least}

    def tells(self, last: Turn, stored: StoredArticle, names: set[str]) -> bool:
        """Is the article of the story told: cited by the last answer, or naming the conversation's subject (``names``,
        the terms of its names: a name's stem found in the text)?"""
        return cites(last, stored) or any(n in f"{stored.article.title}\n{stored.article.text}".lower() for n in names)

    def within_told(self, query: str, turns: list[Turn], filters: Filters | None) -> tuple[str, Retrieval, Evidence] | None:
        """The query read only in the articles the last answer cited, answered there or not (None without them); of the
        answer before it when none of its articles is found ("That shooting left 10 people dead.", sent back as text,
        is found in no article by a search for it: "Who was the shooter?" after it and "What happened in Uvalde?" cited
        a Pittsburgh synagogue's shooter; session 32)."""
        said = (self.answered.of_answer(t, filters) for t in reversed(turns) if t.role == "assistant")
        answered = next((a for a in said if a), ())
        allowed = tuple(a for a in answered if filters is None or not filters.article_ids or a in filters.article_ids)
        if not allowed:
            return None
        return query, *self.read_among(query, filters, allowed)

    def read_among(self, query: str, filters: Filters | None, articles: tuple[str, ...]) -> tuple[Retrieval, Evidence]:
        """The query searched and read among these articles only (within the filters' other conditions)."""
        retrieval = self.retriever.retrieve(query, replace(filters or Filters(), article_ids=articles))
        return retrieval, self.ranker.gather(query, retrieval)

    def read_with_subject(self, question: str, carried: str, as_asked: Evidence, filters: Filters | None,
                          told: Turn | None = None) -> tuple[str, Retrieval, Evidence] | None:
        """The question read with the conversation's subject (``carried``), when that makes it clearly
        better supported (``carries_subject``) and the story found speaks of it (``tells_of``), or when "it" points
        at the story told (``told``: the last answer) and only the subject finds it ("Which US city was worst in
        it?" after a question about an air quality report cited a traffic ranking's "In the United States, Chicago
        was the worst city, …", 0.99 as asked; session 28). When both readings find one story, the question as
        asked, read among the sentences the subject found when their best holds more of its words (as of its date,
        the report's "… were among the countries with the worst air pollution, …" before "Out of the more than 2,400
        US cities analysed, Los Angeles air remained the most polluted, …"; RealTimeQA dev dialogue, session 28)."""
        retrieval = self.retriever.retrieve(carried, filters)
        evidence = self.ranker.gather(carried, retrieval)
        if same_story(as_asked, evidence):
            pooled = self.ranker.gather(question, retrieval)
            return (question, retrieval, pooled) if holds_more(question, pooled, as_asked) else None
        if carries_subject(as_asked.confidence, evidence.confidence) and tells_of(question, evidence):
            return carried, retrieval, evidence
        if (told is not None and not evidence.weak and tells_of(question, evidence)
                and cites(told, evidence.articles[evidence.candidates[0].article_id])
                and not (as_asked.candidates and cites(told, as_asked.articles[as_asked.candidates[0].article_id]))):
            return carried, retrieval, evidence
        return None

    def in_answered(self, question: str, query: str, turns: list[Turn], filters: Filters | None, anywhere: Evidence,
                    holds_all: bool = False) -> tuple[str, Retrieval, Evidence] | None:
        """The follow-up read only in the articles the last answer cited, when they answer it about
        as well as all the articles do (``stays_in_answered``; ``holds_all``: when they answer it and their
        story holds every word of the question, however much better another does). "How much will the deal cost?" after
        "Which airline is buying Spirit?" (answered: JetBlue, $3.8 billion) cited Frontier's earlier
        $2.9 billion deal at the same confidence, 0.91: the subject carried was the question's
        words, "airline buying Spirit", which both stories match. When the best sentence of all is in that story
        already, no search: only the candidates of the articles the last answer cited or naming the conversation's
        subject are kept (no other story's sentence cited beside the answer)."""
        last = last_told(turns)
        if last is None:
            return None
        if anywhere.candidates and cites(last, anywhere.articles[anywhere.candidates[0].article_id]):
            # the best sentence of all is in the answered story already (most follow-ups): no search, and no other
            # story's sentence is cited beside it ("What was the turnout?" after questions about a mayor's election
            # cited "Turnout was 61%, …" and a strike's "… on a turnout of 78%."; session 24)
            # (an article the last answer did not cite that names the conversation's subject is of its story: "Who
            # developed the same technology as him?" after "Who was Paul Baran?" is answered by another passage; a
            # conversation naming nothing keeps the cited articles alone: "How much is a ticket?" after "when did the
            # tram open" cited a festival's "About 45,000 people had bought tickets …" beside "A single ticket costs
            # £2.80, …"; session 26)
            # (a name's stem found in the text: read whole, the articles' words took 40-110 ms a follow-up)
            names = self.subject_names(turns)
            stored = {c.article_id: anywhere.articles[c.article_id] for c in anywhere.candidates}
            of_story = {a for a, s in stored.items() if self.tells(last, s, names)}
            kept = in_stories_told((c for c in anywhere.candidates if c.article_id in of_story),
                                   {a: stored[a].article.text for a in of_story}, quoted_sentences(last.content))
            return query, anywhere.retrieval, replace(anywhere, candidates=kept)
        read = self.within_told(query, turns, filters)
        if read is None:
            return None
        _, retrieval, evidence = read
        if leaves_story(question, evidence, anywhere):
            return None
        if holds_all:
            stays = not evidence.weak and set(question_terms(question)) <= story_terms(question, evidence)
        else:
            stays = stays_in_answered(anywhere, evidence, question, self.subject_names(turns) if asked_kind(question) else set())
        return (query, retrieval, evidence) if stays else None

    def respell(self, text: str) -> str:
        """The text with each word typed wrongly written as the store's word it is closest to (``qa.spelling``)."""
        return respelled(text, self.store.term_vocabulary(), lambda words: [
            one or listed for one, listed in zip((n == 1 for n in self.ranker.embedder.count_tokens(words)),
                                                 dictionary_knows(words), strict=True)], dictionary_neighbours)

    def self_contained(self, question: str, turns: list[Turn]) -> str:
        """The follow-up made self-contained: the LLM's rewrite when one is configured and usable,
        else the deterministic carry-over of the previous question's subject."""
        if self.llm is not None and turns and refers_back(question):
            history = "\n".join(f"{t.role}: {t.content}" for t in turns[-6:] if t.content.strip())
            try:
                rewritten = self.llm.rewrite(question, history)
            except QAError:
                rewritten = None
            if rewritten:
                return rewritten
        return condense(question, turns)

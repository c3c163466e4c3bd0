"""Extractive answers: from the evidence (``qa.evidence``), pick the few sentences that answer,
compose an ``Answer`` with [n] markers, or abstain when the evidence is weak."""

from __future__ import annotations

import re
import time

import numpy as np

from index.articles import Sentence
from index.embedder import Embedder
from index.store import Store, StoredArticle

from .answer import Answer, Passage, Segment
from .answer_first import answer_first
from .answer_kinds import asks_for_summary, says_not_told, summary_topic, tells_what_next
from .asked import asked_kind, held_terms, searched_with_subject
from .citations import Citations, marked_text
from .evidence import AnswerConfig, Candidate, Evidence, SentenceRanker
from .furniture import paragraph_at, says_something
from .headings import under_asked_headings
from .more import NOTHING_AHEAD, STORY_TOLD
from .numbers import (
    adds_number,
    distinct_measure,
    expects_number,
    holds_measure,
    names_new,
    without_dates,
)
from .retrieval import Retrieval, passages
from .scoring import (
    is_request,
    jaccard,
    novelty,
    question_terms,
    said_words,
    terms,
)

__all__ = ["NO_ANSWER", "AnswerConfig", "ExtractiveAnswerer"]

NO_ANSWER = "The articles don't say."
_ENDED = re.compile(r"[.!?][\"”’')]*$")  # a sentence's end
WHICH_ARTICLE = "Which article? Ask about its subject, or limit the question to one article."


# who did it ("Who was jailed …?", "Who won?"), not who someone named is ("Who is Joey Chestnut?")
_WHO_DID = re.compile(r"^\W*who\b(?!(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+(?-i:[A-Z]))", re.IGNORECASE)


class ExtractiveAnswerer:
    """Answers with the articles' own sentences; abstains instead of guessing."""

    def __init__(self, store: Store, embedder: Embedder, config: AnswerConfig | None = None):
        self.store = store
        self.config = config or AnswerConfig()
        self.ranker = SentenceRanker(store, embedder, self.config)

    def answer(self, question: str, retrieval: Retrieval, query: str = "") -> Answer:
        t0 = time.perf_counter()
        return self.compose(question, self.ranker.gather(query or question, retrieval), t0)

    def compose(self, question: str, evidence: Evidence, t0: float | None = None) -> Answer:
        """The answer from ``evidence``: its best sentences, or an abstention when it is weak."""
        t0 = time.perf_counter() if t0 is None else t0
        timings = dict(evidence.retrieval.timings_ms)
        # (a follow-up's by the subject it was read with: "What is it about?" after "Who directed it?" of a film asked
        # "Which article?" of four; session 32)
        about = self.gist_articles(evidence.query, evidence) if asks_for_summary(question) else set()
        gist = self.gist(about, evidence)
        # the gist of many articles asked for: not "the articles don't say", but which one; also when a word
        # of the request is in a sentence ("What's new?" cited "… a new factory in Arizona …"; session 22)
        which = len(about) > 1
        # (nothing chosen either when what is asked is said by no one it may be: ``answer_first.First.unsaid``)
        chosen = [] if (evidence.weak or which) and not gist else (
            gist or self.number_first(self.select(list(evidence.candidates), evidence.query, under_asked_headings(
                evidence.query, evidence.candidates, {k: a.article.text for k, a in evidence.articles.items()})),
                evidence.query))
        if not chosen:
            related = self._related(evidence.retrieval)
            timings["answer"] = (time.perf_counter() - t0) * 1000
            text = WHICH_ARTICLE if which else NO_ANSWER
            return Answer(question, text, (), (), True, related=tuple(related), query=evidence.query,
                          timings_ms=timings, confidence=evidence.confidence)
        # the answer first: the best sentence leads (a reader takes in the first sentence, then
        # maybe the next); the others follow by article, in the article's own order (reads better
        # than by score when two come from one article; measured in bench/NOTES.md, issue 16)
        first_pos: dict[str, int] = {}
        for i, c in enumerate(chosen):
            first_pos.setdefault(c.article_id, i)
        chosen = chosen[:1] + sorted(chosen[1:], key=lambda c: (first_pos[c.article_id], c.index))
        cites = Citations(evidence.articles)
        # each sentence carries its own marker: a reader can tell which sentence rests on which source
        segments = [Segment(c.text, (cites.cite(c),)) for c in chosen]
        timings["answer"] = (time.perf_counter() - t0) * 1000
        return Answer(question, marked_text(segments), tuple(segments), tuple(cites.list), False, query=evidence.query,
                      timings_ms=timings, confidence=evidence.confidence)

    def more(self, question: str, stored: StoredArticle, quoted: set[str], query: str = "") -> Answer:
        """More of the story ("Tell me more"): up to ``max_sentences`` of the article's sentences not quoted
        yet (``quoted``: the conversation's, with single spaces), of four words or more and not its headline,
        in the article's order from the first one quoted (an answer may have quoted a later one too: its
        lead and its last sentence), then those before it; each cited. When none is left, ``STORY_TOLD``.
        They are the article's own next sentences, not a search's: the confidence is 1."""
        t0 = time.perf_counter()
        sentences = self._readable(stored, quoted)
        entered = min((s.index for s, said in sentences if said in quoted), default=-1)
        order = [x for x in sentences if x[0].index > entered] + [x for x in sentences if x[0].index < entered]
        chosen = [s for s, said in order if said not in quoted][: self.config.max_sentences]
        if not chosen:
            timings = {"answer": (time.perf_counter() - t0) * 1000}
            return Answer(question, STORY_TOLD, (), (), True, query=query, timings_ms=timings, confidence=1.0)
        return self._told(question, [(stored, s) for s in chosen], query, t0)

    def ahead(self, question: str, stored: StoredArticle, quoted: set[str], query: str = "") -> Answer:
        """What happens next in the story ("What happens next?", ``more.asks_what_next``): its sentences not quoted
        yet that tell what is to come most surely (``answer_kinds.tells_what_next``: planned or expected, else "will",
        else "would"), the latest in the article first (news ends on what comes next), two at most; ``NOTHING_AHEAD``
        when none does (searched, it cited the story's lead again). The story's own sentences, not a search's: the
        confidence is 1."""
        t0 = time.perf_counter()
        told = [(rank, s) for s, said in self._readable(stored, quoted) if said not in quoted
                and (rank := tells_what_next(said)) is not None]
        if not told:
            timings = {"answer": (time.perf_counter() - t0) * 1000}
            return Answer(question, NOTHING_AHEAD, (), (), True, query=query, timings_ms=timings, confidence=1.0)
        surest = min(rank for rank, _ in told)
        chosen = sorted((s for rank, s in told if rank == surest), key=lambda s: -s.index)[:2]
        return self._told(question, [(stored, s) for s in chosen], query, t0)

    def overview(self, question: str, stored: list[StoredArticle], query: str = "") -> Answer:
        """What the articles hold ("What's in the news?", ``answer_kinds.asks_for_overview``): the first sentence of each
        (``stored``, newest first; not its headline), of one its first two, each cited; the articles' own sentences: the
        confidence is 1."""
        t0 = time.perf_counter()
        # (a sentence that says something and ends as one: not "June 1, 2026, 5:03 a.m." nor "New York CNN Business —")
        # (of one article, its gist: its first two; "What's in the news?" of a folder of one got "The articles don't
        # say.": no request for the gist in its words, and nothing in the story asked for; session 30)
        n = 2 if len(stored) == 1 else 1
        leads = [(a, s) for a in stored for s in [s for s, said in self._readable(a, set()) if _ENDED.search(said)][:n]]
        return self._told(question, leads, query, t0)

    def again(self, question: str, stored: list[StoredArticle], quoted: list[str], query: str = "") -> Answer | None:
        """What an answer quoted (``quoted``, in its order), found in the articles it cited (``stored``), shown again ("Are
        you sure?", ``more.asks_checked``): the articles' own sentences, confidence 1; None when none is found."""
        t0 = time.perf_counter()
        said = [" ".join(q.split()) for q in quoted]
        found = {text: (a, s) for a in stored for s, text in self._readable(a, set(said)) if text in said}
        return self._told(question, [found[q] for q in said if q in found], query, t0) if found else None

    def _readable(self, stored: StoredArticle, quoted: set[str]) -> list[tuple[Sentence, str]]:
        """The article's sentences a reader is told (each with its text, whitespace made single): those that say
        something (``furniture.says_something``, read as the evidence reads them: not a dateline, a heading nor the page's
        furniture; "tell me more" told "Sign up for our Star Notes science newsletter.", its sales line and "Darmstadt,
        Germany CNN —"; session 30) and are not its headline, and those an answer quoted (``quoted``)."""
        text, title = stored.article.text, " ".join((stored.article.title or "").split())
        sentences = [(s, " ".join(text[s.start:s.end].split())) for s in self.store.sentences(stored.article.id)]
        return [(s, said) for s, said in sentences if said in quoted or (
            said != title and says_something(said, paragraph_at(text, s.start, s.end)))]

    def _told(self, question: str, told: list[tuple[StoredArticle, Sentence]], query: str, t0: float) -> Answer:
        """The stories' own sentences (each with its article), each cited, as an answer (confidence 1)."""
        chosen = [Candidate(s.article_id, s.index, s.start, s.end, a.article.text[s.start:s.end], 0.0, 0.0, 0.0, 0.0, 1.0)
                  for a, s in told]
        cites = Citations({a.article.id: a for a, _ in told})
        segments = [Segment(c.text, (cites.cite(c),)) for c in chosen]
        timings = {"answer": (time.perf_counter() - t0) * 1000}
        return Answer(question, marked_text(segments), tuple(segments), tuple(cites.list), False, query=query,
                      timings_ms=timings, confidence=1.0)

    def select(self, cands: list[Candidate], question: str = "", answered: frozenset[tuple[str, int]] = frozenset()
               ) -> list[Candidate]:
        """The answer first (``qa.answer_first``: the best sentence, unless one of its story answers what the
        question asks for better: the headline's news, by whom, a number or a date, a reason, a quote, a
        reaction, that it is not told). It is cited alone when it holds the question's words
        (``alone_coverage``) and more of its own and no sentence close behind (``alone_margin``) holds them
        too, or is far ahead of the next, no other article's sentence holds the question's words, and it
        does not restate the question beside a sentence holding the headline's news.
        Else the best sentence, then up to ``max_sentences - 1`` more that score within ``keep_ratio``
        of it (a neighbour of a chosen sentence that is about the question gets ``w_adjacent`` more:
        answers come in passages) or hold the question's words in another article (another story's
        answer), skipping syndicated copies and sentences that restate a chosen one. ``answered``: the candidates under a
        heading of their story asking what the question asks (``headings.under_asked_headings``)."""
        cfg = self.config
        if not cands:
            return []
        first = answer_first(cands, question, cfg, answered)
        if first.unsaid:  # asked what "he" or "she" said, no sentence is theirs (or whether a thing is, none names it)
            return []
        top, window, news, own, forms = first.top, first.window, first.news, first.own, first.forms
        restates = bool(news)
        # restating the question and naming nothing it does not (a weekday is no answer), the best sentence
        # is cited with the one holding most of the headline's news, however far behind: "The coastal town
        # has chosen a harbour master for the first time …, the town council said on Thursday." and
        # "Marisol Ortega, a former ferry captain from Lisbon, will take up the post in March." under "Port
        # Halden Picks Marisol Ortega As Its First Harbour Master"
        bare = restates and not novelty(without_dates(top.text), said_words(question), "name")
        news_holder = max(news, key=lambda c: (c.headline, c.score)) if bare else None
        # (a story asked for is told from its story alone: "what's happening with the fire?" cited a wildfire's lead and
        # then a derailment's "Firefighters let the fire burn out …"; our folder of 42, session 30)
        rest = [c for c in window if c.article_id == top.article_id] if is_request(question) else list(window)
        # asked which one, the first sentence names nothing the question does not: the sentence after it that
        # names something is cited after it ("Which treat did they add?": "Rather, it's a nostalgic treat from more
        # than three decades ago." and then "Beginning September 14, the chain is bringing back the cheese Danish
        # …", which holds none of the question's words; session 23)
        said = said_words(question)
        # (and asked who did it, the first sentence only telling what they are: "A former charity treasurer has been
        # jailed …" for "Who was jailed for stealing from the hospice?", cited alone before "Graham Pettigrew, 61, of
        # Alnwick, admitted fraud …"; session 33)
        follows = [c for c in cands if c.article_id == top.article_id and c.index == top.index + 1
                   and names_new(c.text, said)
                   ] if (asked_kind(question) or _WHO_DID.match(question)) and not names_new(top.text, said) else []
        # another article's sentence holding the question's words too is another story's answer
        # ("Frontier Airlines is buying … Spirit" in February, "JetBlue … wants to buy … Spirit" in
        # July): both are cited, the reader tells them apart by their dates
        # (and about the question: "how hot did it get in spain" cited a planet story's "… confirmed with telescopes in
        # Chile and Spain." after the heatwave's 46.2C, its one term "spain", a cosine of 0.2; session 28)
        # (and asked for a quantity, giving it: "What was the score?" after questions about the World Cup final cited a hockey
        # game's "Stamkos opened the scoring …" after "Lionel Messi scores on rebound to take 3-2 lead"; session 32)
        rivals = [c for c in rest if c.lexical >= cfg.alone_coverage and c.article_id != top.article_id and cfg.about(c)
                  and (not expects_number(question) or holds_measure(c.text, question))]
        holds = (top.lexical >= cfg.alone_coverage
                 and len(set(terms(top.text)) - set(question_terms(question))) >= cfg.alone_new_terms
                 # and is the only one close to the top that does: "What did Hamas say about the ceasefire?"
                 # is held by six sentences of the demo article, and the lead (first by its place) was
                 # cited alone; "Hamas welcomed the UN resolution but said the ceasefire needs to be
                 # comprehensive …" was third. Dev sets: the same answers, SQuAD mean cited 1.74 -> 1.75
                 and not any(c.lexical >= cfg.alone_coverage and top.score - c.score < cfg.alone_margin for c in rest))
        # a follow-up searched with its subject: its own words are what it asks ("When does she take office?
        # won election Halvorsen Green Party": "Nolan takes office on January 1." holds none of the subject's
        # words and answers alone; the lead and "Dahl conceded defeat late on Sunday night …" followed)
        holds = holds or bool(
            searched_with_subject(question) and own and own <= held_terms(top.text, forms)
            and len(set(terms(top.text)) - set(question_terms(question))) >= cfg.alone_new_terms
            and not any(own <= held_terms(c.text, forms) and top.score - c.score < cfg.alone_margin for c in rest))
        ahead = bool(rest) and top.score - rest[0].score >= cfg.alone_margin
        # holding the question's words or far ahead, a quantity question's sentence without a number of
        # its own has not answered ("Victoria is the centre of dairy farming in Australia." for "How many
        # dairy cows …?"; "… the Israeli hostages who have been kept in Gaza." for "How many hostages …?")
        answers = holds_measure(top.text, question) or not expects_number(question)
        if (holds or ahead) and answers and not rivals and not restates and not follows:
            return [top]  # holds the question's words and says more, or far ahead: read at a glance
        chosen = [top, *follows[:1]]
        rest = [c for c in rest if c not in chosen]
        vectors: dict[tuple[str, int], np.ndarray] = {}

        def vector(c: Candidate) -> np.ndarray:  # each sentence on its own (the stored ones carry context)
            key = (c.article_id, c.index)
            if key not in vectors:
                vectors[key] = self.ranker.embedder.embed([c.text])[0]
            return vectors[key]

        def near(c: Candidate) -> bool:  # a neighbour of a chosen sentence, about the question
            return cfg.about(c) and any(
                x.article_id == c.article_id and abs(x.index - c.index) == 1 for x in chosen)

        def boosted(c: Candidate) -> float:
            return c.score + (cfg.w_adjacent if near(c) else 0.0)

        # a share of the best candidate's score, also when another came first (a switch above): "It was bought
        # by the private equity firm Northgate Partners …" scores below the lead it came before, and a floor of
        # its own let "The company's chief executive … said the closures would affect about 600 jobs …" in
        # after the lead ("Which company bought Crumb & Co.?", in Chromium; session 21)
        floor = cfg.keep_ratio * max(top.score, cands[0].score)
        counting = expects_number(question)
        # (put first for the kind of thing asked, it is cited with one more at most: the best sentence, which names the
        # subject, and not its neighbour after it: "who is she replacing?" cited "Morley takes over from Peter Vance, …",
        # the lead and "Morley has 20 years of experience …"; a folder of our own, in Chromium, session 39)
        while rest and len(chosen) < (2 if first.given else cfg.max_sentences):
            best = max(rest, key=boosted)
            if boosted(best) < floor:
                # another story's answer is cited whatever its score (the leading story's headline
                # lifts the floor, qa.evidence.SentenceRanker.rank); so is the number a quantity question
                # asks for, next to a chosen sentence that holds the question's words but no number
                # ("The harbour 3 reopened on Monday …" then "Officials said 11 boats returned by Friday.")
                passing = [c for c in rest if c in rivals or c is news_holder]
                if counting and not any(holds_measure(x.text, question) for x in chosen):
                    passing += [c for c in rest if (near(c) or c.article_id == top.article_id and cfg.about(c))
                                and holds_measure(c.text, question) and c not in passing]
                if not passing:
                    break
                best = max(passing, key=boosted)
            rest.remove(best)
            if best not in rivals and not cfg.about(best) and all(x.article_id != best.article_id for x in chosen):
                continue  # another story's sentence not about the question pads: "What did Nimbus announce?" cited
                # the phone's lead, then "Harbour City have signed … the Premier League club announced on
                # Wednesday." (its one word, a cosine of 0.01; session 22)
            if counting and best not in rivals and any(
                    not held(best.text, question) and any(held(x.text, question) for x in chosen)
                    for held in (adds_number, holds_measure)):
                continue  # the number is cited: a sentence without one adds no evidence of its own ("How
                # much is JetBlue paying for Spirit?": "… for $3.8 billion …", then "JetBlue will retire
                # the Spirit brand."). Dev sets: mean cited 1.91 -> 1.83 (RealTimeQA), 1.93 -> 1.89 (no
                # date), 1.79 -> 1.74 (SQuAD), the same answers (numbers in words count: "fourteen"); for
                # a measure, a number in another unit adds none either ("… eleven weeks driving …" after
                # "… a depth of 80 centimetres")
            b_terms = terms(best.text)
            if any(jaccard(b_terms, terms(x.text)) >= cfg.duplicate_jaccard for x in chosen):
                continue  # a syndicated copy of a sentence already chosen
            same = [k for k, x in enumerate(chosen) if float(vector(best) @ vector(x)) >= cfg.same_fact_cosine]
            if same:  # says what a chosen sentence says (a lead and its rephrasing): cite one of them,
                # the one that carries a number the question lacks ("That's how much plastic is
                # recycled" vs "only around 9% of plastic is recycled")
                k = same[0]
                if adds_number(best.text, question) and not adds_number(chosen[k].text, question):
                    chosen[k] = best
                continue
            chosen.append(best)
        return chosen

    @staticmethod
    def number_first(chosen: list[Candidate], question: str) -> list[Candidate]:
        """Asked for a quantity, a cited sentence holding one is the answer: it is read first ("How deep
        did the rover drill?": "… from a depth of 80 centimetres …" before "The rover will keep drilling
        …"; in the unit asked for when one does, ``holds_measure``), and a sentence of its article that
        holds no number adds no evidence of its own: "When was the bakery chain founded?" cited "The
        chain was founded in 1987 …" and then the lead, "Crumb & Co., the bakery chain …" (the best by its
        words and place; session 20). Dev sets: mean cited 1.85 -> 1.83 (RealTimeQA), 1.92 -> 1.89 (no
        date), 1.74 -> 1.72 (SQuAD), the same answers; another article's sentence stays (another story's
        count)."""
        if not chosen or not expects_number(question) or says_not_told(chosen[0].text):  # "… did not say how many …" leads
            return chosen
        numbered = ([x for x in chosen if holds_measure(x.text, question)]
                    or [x for x in chosen if adds_number(x.text, question) and not distinct_measure(question)])
        if not numbered:
            return chosen
        first = numbered[0]
        return [first, *(x for x in chosen if x is not first
                         and (x.article_id != first.article_id or adds_number(x.text, question)))]

    @staticmethod
    def gist(articles: set[str], evidence: Evidence) -> list[Candidate]:
        """Asked for the gist of one article (``articles``: those the request may be about, ``gist_articles``;
        "Summarize the article", "What is this story about?" with one article stored, or the question limited
        to one): its first two sentences, the news as the article states it. Otherwise none (such a request
        of many articles is not answered by one of them picked at random). The confidence stays the
        evidence's."""
        if len(articles) != 1:
            return []
        return sorted((c for c in evidence.candidates if c.article_id in articles), key=lambda c: c.index)[:2]

    @staticmethod
    def gist_articles(question: str, evidence: Evidence) -> set[str]:
        """The articles a request for the gist may be about: those read, or when it names its story
        ("Summarize the hurricane story", ``summary_topic``) those naming it all, in their headline if any
        does ("… the strike": the rail strike's, not the hurricane's "… the first to strike the United
        States …"). It was answered "Which article? Ask about its subject …" with the subject asked about
        (session 22)."""
        articles = {aid for aid, _ in evidence.retrieval.articles}
        topic = summary_topic(question)
        if len(articles) <= 1 or not topic:
            return articles
        stored = {aid: evidence.articles[aid].article for aid in articles if aid in evidence.articles}
        in_text = {aid for aid, a in stored.items() if topic <= set(terms(f"{a.title or ''}\n{a.text}"))}
        in_title = {aid for aid in in_text if topic <= set(terms(stored[aid].title or ""))}
        return in_title or in_text

    def _related(self, retrieval: Retrieval, n: int = 3) -> list[Passage]:
        """The best passage of each of the ``n`` closest articles, its first sentences up to 400 characters."""
        return passages(self.store, retrieval.chunks, max_chars=400, one_per_article=True, n=n)

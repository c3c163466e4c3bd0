"""The fast tier: store, filters, word search, retrieval and answer composition with the
deterministic ``WordHashEmbedder`` (tests/fakes.py) instead of MiniLM, so they run in seconds
(``make test-fast``). Real SQLite, FTS5 and embedded Chroma; only the embedding model is faked,
and no test here claims anything about meaning search or answer quality."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from fakes import WordHashEmbedder

from index.filters import Filters, day_number
from index.records import build_article
from qa import Assistant, Config
from qa.extractive import AnswerConfig

pytestmark = pytest.mark.fast

ARTICLES = [
    ("Rover finds ancient lake bed on Mars", "NASA's Perseverance rover found signs of an ancient lake in Jezero "
     "Crater, scientists said on Monday. The rover's radar saw layered sediment below the surface. Dr. Lena Ortiz "
     "leads the radar team.", date(2024, 3, 1), "https://space.example/mars"),
    ("Village bakery wins national bread prize", "A family bakery in Little Hadham won the national sourdough "
     "prize on Saturday. Owner Tom Reeve said the loaf uses local flour. The bakery sells 400 loaves a day.",
     date(2024, 3, 9), "https://food.example/bread"),
    ("Ferry service resumes after storm", "The island ferry runs again from Tuesday after the storm. Tickets "
     "cost 12 euros for adults. The harbour master said repairs took a week.", None, "https://news.example/ferry"),
]


@pytest.fixture()
def fast(tmp_path) -> Assistant:
    # the abstention threshold is calibrated for MiniLM's cosines, not the fake's: composition is tested here
    qa = Assistant(Config(store=tmp_path / "store"), embedder=WordHashEmbedder(), answering=AnswerConfig(abstain_below=0.1))
    items = [build_article(text=f"{t}\n\n{body}", title=t, url=url, published=pub, origin=f"fast:{i}")
             for i, (t, body, pub, url) in enumerate(ARTICLES)]
    report = qa.ingest_articles(items)
    assert len(report.added) == 3 and not report.failed
    return qa


def test_fake_embedder_is_deterministic_unit_and_closer_for_shared_words():
    e = WordHashEmbedder()
    v = e.embed(["radar team on Mars", "the radar team", "sourdough bread prize"])
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0) and np.array_equal(v, e.embed(["radar team on Mars", "the radar team", "sourdough bread prize"]))
    assert v[0] @ v[1] > v[0] @ v[2]


def test_store_holds_what_was_written_and_verifies_clean(fast):
    stats = fast.stats()
    assert stats["articles"] == 3 and stats["chunks"] == stats["vectors"] > 0 and stats["pending_journal"] == 0
    assert fast.verify() == []
    assert [s.article.title for s in fast.articles()][0] == "Village bakery wins national bread prize"  # newest first
    row = fast.articles()[0].to_dict()
    assert set(row) == {"id", "title", "published", "source", "url", "sentences", "chunks"} and row["source"] == "food.example"


def test_every_filter_backend_agrees(fast):
    """Python, Chroma ``where``, SQL and the numpy mask select the same articles for each filter."""
    store = fast.store
    index = store.lexical_index(wait=True)
    assert index is not None
    arts = {s.article.id: s.article for s in fast.articles()}
    ids = sorted(arts)
    for f in (Filters(since=date(2024, 3, 5)), Filters(until=date(2024, 3, 5)), Filters(as_of=date(2024, 3, 2)),
              Filters(sources=("food.example",)), Filters(article_ids=(ids[0],)),
              Filters(since=date(2024, 3, 1), sources=("space.example", "news.example"))):
        meta = {aid: {"article_id": aid, "source": a.source,
                      **({"published_day": day_number(a.published)} if a.published else {})} for aid, a in arts.items()}
        python = {aid for aid in ids if f.matches(meta[aid])}
        where, args = f.sql("a")
        sql = {r[0] for r in store.db.execute(f"SELECT a.id FROM articles a WHERE {where}", args)}
        chunk_article = {c: v["metadata"]["article_id"] for c, v in store.vectors.all_stored().items()}
        chroma = {chunk_article[c] for c in store.vectors.ids(where=f.chroma_where())}
        rowids = dict(store.db.execute("SELECT article_id, rowid FROM article_fts"))
        mask = index.article_mask(f, [rowids[i] for i in f.article_ids])
        by_rowid = {r: a for a, r in rowids.items()}
        numpy = {by_rowid[int(r)] for r, ok in zip(index.article_rowids, mask, strict=True) if ok}
        assert python == sql == chroma == numpy, (f, python, sql, chroma, numpy)


def test_word_search_memory_equals_fts5(fast):
    memory = fast.store.lexical_search("radar team Mars", 10)
    fast.store.words.use_memory = False
    fts5 = fast.store.lexical_search("radar team Mars", 10)
    assert [i for i, _ in memory] == [i for i, _ in fts5] and memory
    assert memory[0][1] == pytest.approx(fts5[0][1], rel=1e-4)


def test_answer_is_composed_from_evidence_with_valid_citations(fast):
    ans = fast.ask("How much do ferry tickets cost?")
    assert not ans.abstained and ans.citations
    assert any("12 euros" in c.text for c in ans.citations)
    for c in ans.citations:
        assert fast.article(c.article_id).article.text[c.start:c.end] == c.text
    assert ans.text.count("[") == sum(len(s.citations) for s in ans.segments)


def test_filters_limit_the_answer_and_delete_removes_everywhere(fast):
    only_bread = fast.ask("Who won the prize?", filters={"sources": ["food.example"]})
    assert {c.article_id for c in only_bread.citations} <= {s.article.id for s in fast.articles() if s.article.source == "food.example"}
    bread = next(s.article.id for s in fast.articles() if s.article.source == "food.example")
    assert fast.delete([bread, "no-such-id"]) == [bread]
    assert fast.stats()["articles"] == 2 and fast.verify() == []
    assert all(c.article_id != bread for c in fast.ask("Who won the national sourdough prize?").citations)


def test_bad_filter_names_the_field(fast):
    from index.errors import InputError

    with pytest.raises(InputError, match="filters.since"):
        fast.ask("anything", filters={"since": "2024-05-01", "until": "2024-04-01"})
    with pytest.raises(InputError, match="filters.sources"):
        fast.ask("anything", filters={"sources": [1, 2]})


def test_eval_reports_what_a_reader_sees(fast):
    """qa eval's reader figures: the answer in the first cited sentence, repeated pairs, sentences
    from no gold article, on questions whose answers are known."""
    from qa.evaluate import evaluate, summarize

    ferry = next(s.article.id for s in fast.articles() if s.article.source == "news.example")
    questions = [
        {"question_id": "q1", "question": "How much do ferry tickets cost?", "answer_text": ["12 euros"], "gold_doc_ids": [ferry]},
        {"question_id": "q2", "question": "How much do ferry tickets cost?", "answer_text": ["a week"], "gold_doc_ids": [ferry]},
        {"question_id": "q3", "question": "Who won the football world cup?", "answer_text": [], "is_impossible": True},
    ]
    results = evaluate(fast, questions)
    by_id = {r.question_id: r for r in results}
    cited = sorted(fast.ask(questions[0]["question"]).citations, key=lambda c: c.n)
    assert by_id["q1"].cited_answer and any("12 euros" in c.text for c in cited)
    assert by_id["q1"].first_answer == ("12 euros" in cited[0].text)
    assert by_id["q2"].first_answer == ("a week" in cited[0].text)
    assert by_id["q2"].cited_answer == any("a week" in c.text for c in cited)
    s = summarize(results, threshold=0.0)
    assert s["answer_in_first_citation"] == (by_id["q1"].first_answer + by_id["q2"].first_answer) / 2
    assert s["answer_in_first_citation"] <= s["answer_in_citations"]
    off = sum(r.cited_off_gold for r in results if r.answerable) / sum(r.n_cited for r in results if r.answerable)
    assert s["cited_from_no_gold_article"] == round(off, 4)
    assert 0.0 <= s["answers_with_repeated_pair"] <= 1.0


def test_eval_counts_an_answer_citing_nothing_as_abstained():
    """An answer whose rules found no sentence saying what is asked cites nothing and says "The articles don't say."
    however confident its evidence: qa eval counted it as answered, with no sentence, lowering the mean cited (the
    off-topic questions' 1.67 read 1.33 once "What is the difference between a crocodile and an alligator?" cited
    nothing at 0.95; session 33)."""
    from qa.evaluate import QuestionResult, summarize

    def row(qid, impossible, confidence, n_cited):
        return QuestionResult(qid, None, not impossible, impossible, confidence, n_cited > 0, False, n_cited, True, 1.0)

    s = summarize([row("a", False, 0.9, 2), row("b", False, 0.95, 0), row("c", True, 0.9, 0), row("d", True, 0.9, 1),
                   row("e", True, 0.1, 1)], threshold=0.31)
    assert s["mean_cited_sentences"] == 1.5  # "a" and "d" said something
    assert s["abstain_rate_answerable"] == 0.5  # "b"
    assert s["abstain_rate_impossible"] == round(2 / 3, 4)  # "c" cites nothing, "e" is below the threshold


def test_follow_ups_carry_the_subject_that_stood_alone():
    from qa.followup import Turn, condense, context, may_refer_back, stands_alone

    chat = [Turn("user", "Who was Vin Scully?"), Turn("assistant", "…"), Turn("user", "How old was he when he died?"),
            Turn("assistant", "…")]
    assert context(chat) == "Who was Vin Scully?"  # the middle follow-up's words stay out of the subject
    assert condense("Which team did he call games for?", chat) == "Which team did he call games for? Vin Scully"
    assert condense("Tell me about it.", [Turn("user", "Tell me about the EQXX concept car.")]) == "Tell me about it. EQXX concept car"
    # a question that says enough on its own is asked both ways (Assistant keeps the better-supported one)
    assert stands_alone("What country elected its first-ever leftist leader this week?")
    assert may_refer_back("What country elected its first-ever leftist leader this week?")
    assert condense("What country elected its first-ever leftist leader this week?", chat) == \
        "What country elected its first-ever leftist leader this week?"
    assert not may_refer_back("Which team did he call games for?")
    assert condense("Where is it?", []) == "Where is it?"


def test_a_who_question_s_answer_is_the_conversation_s_subject_too():
    from qa.followup import Turn, condense
    from qa.named import answered_name

    chat = [Turn("user", "Who is the new harbour master?"),
            Turn("assistant", "The coastal town has chosen a harbour master, the council said on Thursday. [1] "
                              "Marisol Ortega, a former ferry captain from Lisbon, will take up the post in March. [2]")]
    assert condense("Where is she from?", chat) == "Where is she from? harbour master Marisol Ortega"
    assert answered_name("Who won the vote?", "The United States said Rishi Sunak won. [1]") == ["Rishi Sunak"]
    # a question that names someone is about them; a question that is not "who" has no answered name
    assert answered_name("Who is Joey Chestnut?", "Joey Chestnut won the Nathan's Famous contest. [1]") == []
    assert answered_name("What did the council say?", "Marisol Ortega will take up the post. [1]") == []
    assert answered_name("Who leads the radar team?", "The articles don't say.") == []


def test_a_name_after_a_title_s_abbreviation_is_written_as_a_name():
    """"madison cawthorn primary" was carried as "madison Cawthorn primary" beside "(CNN) Rep. Madison Cawthorn conceded
    …": the word after "Rep." was read as a sentence's first (RealTimeQA's store, session 39)."""
    from qa.cased import as_written

    told = "(CNN) Rep. Madison Cawthorn conceded his race to Chuck Edwards, Dr. Ana Ruiz said. [1]"
    assert as_written("madison cawthorn primary", told) == "Madison Cawthorn primary"
    assert as_written("ana ruiz", told) == "Ana Ruiz"
    # a sentence's first word after a full stop is still none ("Edwards" is written as a name inside one)
    assert as_written("he won", "He won. He said so.") == "he won"


def test_a_subject_typed_in_lower_case_is_carried_as_the_answers_write_it():
    """"what did she say?" after "adele vegas residency" read no "she" in "adele", and cited another's words for hers
    (RealTimeQA's store, session 38): the subject's words the answers write as names are carried so."""
    from qa.cased import as_written
    from qa.followup import Turn, condense

    told = "The singer Adele has postponed her Las Vegas residency, she said. [1] Tickets for the residency were refunded. [2]"
    chat = [Turn("user", "adele vegas residency"), Turn("assistant", told)]
    assert condense("what did she say?", chat) == "what did she say? Adele Vegas residency"
    # a word the answers also write in lower case, or only where a sentence starts, stays as typed
    assert as_written("tickets residency singer", told) == "tickets residency singer"
    assert as_written("us officials", "The US said so, officials told us.") == "us officials"


def test_who_replaces_her_is_someone_else_than_she():
    """"Who will replace her?" names another than "her": "What did she say?" after it is still about her (it was
    searched with the successor's name; session 27); "What did he say?" may be about him."""
    from qa.followup import Turn, condense
    from qa.named import pointed_person

    chat = [Turn("user", "Why did the minister resign?"),
            Turn("assistant", "Health minister Fiona Daly resigned on Friday after she failed to declare shares. [1]"),
            Turn("user", "Who will replace her?"),
            Turn("assistant", "She will be replaced by Tom Okoye, a junior minister in the Treasury. [1]")]
    assert condense("What did she say?", chat) == "What did she say? minister resign"
    assert condense("What did he say?", chat) == "What did he say? minister resign Tom Okoye"
    assert pointed_person("Where is she from?") == pointed_person("Who will replace her?") != pointed_person("Is he ok?")
    assert not pointed_person("What did they say?") and not pointed_person("Did he meet her?")


def test_small_talk_is_told_from_a_question_and_a_question_from_the_small_talk_it_opens_with():
    """"hi", "thanks!", "ok, great" ask nothing; "thanks, what about the whale?" asks about the whale (session 27)."""
    from qa.followup import Turn
    from qa.small_talk import (
        ABOUT,
        GREETING,
        NOTED,
        THANKS,
        asked_part,
        small_talk,
        without_small_talk,
    )

    assert small_talk("hi") == small_talk("Hello there!") == small_talk("good morning") == GREETING
    assert small_talk("thanks!") == small_talk("Thank you so much") == small_talk("ok, thanks") == THANKS
    assert small_talk("ok") == small_talk("Great, got it.") == NOTED
    # (and asked what it is or does: "who are you?", "what can you do" got "The articles don't say."; session 37)
    assert small_talk("who are you?") == small_talk("What can you do") == small_talk("help") == ABOUT
    for question in ("what can you do about the whale?", "who are you talking about?", "how does it work?"):
        assert small_talk(question) is None, question
    for question in ("Thanks to whom?", "ok, what about the whale?", "hi, who won?", "Is it ok?", "What is cool about it?"):
        assert small_talk(question) is None, question
    assert asked_part("thanks, what about the whale?") == "what about the whale?"
    assert asked_part("Hi! Great, thanks. Who won?") == "Who won?" and asked_part("Lisbon, what happened?") == "Lisbon, what happened?"
    chat = [Turn("user", "who was arrested in lisbon"), Turn("assistant", "Police arrested a man. [1]"),
            Turn("user", "thanks"), Turn("assistant", THANKS), Turn("user", "ok, how much is it worth?")]
    assert [t.content for t in without_small_talk(chat)] == [
        "who was arrested in lisbon", "Police arrested a man. [1]", "how much is it worth?"]


def test_what_is_in_the_news_has_no_subject_and_the_question_after_it_is_one():
    """"why did the minister resign?" after "What's in the news?" (whose leads cited her story) was read as its follow-up,
    and "What did she say?" two questions later was searched alone and abstained (in Chromium; session 27)."""
    from qa.followup import Turn, condense

    chat = [Turn("user", "What's in the news?"),
            Turn("assistant", "A whale was refloated. [1] Ireland will raise its carbon tax. [2] Health minister Fiona Daly "
                              "resigned on Friday. [3]", ("whale", "tax", "resign")),
            Turn("user", "why did the minister resign?"),
            Turn("assistant", "Health minister Fiona Daly resigned on Friday after she failed to declare shares. [1]",
                 ("resign",)),
            Turn("user", "Who will replace her?"),
            Turn("assistant", "She will be replaced by Tom Okoye, a junior minister in the Treasury. [1]", ("resign",))]
    assert condense("Who will replace her?", chat[:4]) == "Who will replace her? minister resign"
    assert condense("What did she say?", chat) == "What did she say? minister resign"


def test_the_answered_name_is_who_did_what_was_asked_in_the_answer_s_first_sentence():
    """"who won the world cup" (RealTimeQA's store, no date) is answered "In his last World Cup appearance, Messi won the
    title …", and its third sentence's "France's Kylian Mbappe" was carried: "how old is he?" was asked of him (session
    27). The name before the question's verb in the first sentence, of one word or more; else the first full name."""
    from qa.followup import answered_name

    answer = ("In his last World Cup appearance, Messi won the title that had eluded him. [1] Argentina beat France on "
              "penalties. [2] France's Kylian Mbappe finished as the top scorer. [3]")
    assert answered_name("who won the world cup", answer) == ["Messi"]
    assert answered_name("Who scored?", "Then Theo Hernández scored on five minutes. [1]") == ["Theo Hernández"]
    assert answered_name("Who did Harbour City sign?", "Harbour City have signed striker Leo Marchetti. [1]") == [
        "Leo Marchetti"]
    assert answered_name("Who won?", "The Blues won the cup. [1] Their coach, Ann Lee, said so. [2]") == ["Blues"]
    assert answered_name("Who won?", "The cup went to the Blues. [1] Their coach, Ann Lee, said so. [2]") == ["Ann Lee"]


def test_an_answered_name_keeps_its_accents_and_not_the_word_opening_the_sentence():
    """RealTimeQA's store (session 23): "Where was it played?" after "Who scored in the final?" was searched with
    "Theo Hern" ("Theo Hernández" cut at its accent), and "How much did he pay?" after "Who bought Twitter?" with
    "Since Musk" ("Since Musk bought Twitter last year, …")."""
    from qa.followup import answered_name

    assert answered_name("Who scored?", "Theo Hernández scored on five minutes. [1]") == ["Theo Hernández"]
    # (the one before the question's verb, without the word opening the sentence: session 27)
    assert answered_name("Who bought Twitter?", "Since Musk bought Twitter last year, it moved right. [1]") == ["Musk"]
    assert answered_name("Who bought it?", "Since then, Elon Musk has owned it. [1]") == ["Elon Musk"]


def test_a_question_that_only_says_the_is_the_subject_when_answered_from_other_articles():
    """Seen in the chat (session 18): "Who is the new harbour master?" after "How many hostages are in
    Gaza?" was answered from the harbour story, but the conversation's subject stayed the hostages, and
    "Where is she from?" cited the hostages sentences."""
    from qa.followup import Turn, condense

    hostages = [Turn("user", "How many hostages are in Gaza?"),
                Turn("assistant", "It's estimated that nearly 130 hostages have been held in Gaza. [1]", ("gaza",))]
    harbour = Turn("assistant", "Marisol Ortega, a former ferry captain from Lisbon, will take up the post. [1]",
                   ("harbour",))
    chat = [*hostages, Turn("user", "Who is the new harbour master?"), harbour]
    assert condense("Where is she from?", chat) == "Where is she from? harbour master Marisol Ortega"
    # answered from the same story, it is a follow-up; without citations nothing tells: a follow-up too
    same = [*hostages, Turn("user", "Who is holding the remaining hostages?"),
            Turn("assistant", "Hamas holds them. [1]", ("gaza",))]
    assert condense("Where are they?", same) == "Where are they? hostages Gaza"
    plain = [Turn(t.role, t.content) for t in chat]
    assert condense("Where is she from?", plain) == "Where is she from? hostages Gaza"
    # a system message is not a question of the conversation
    system = Turn("system", "You answer questions about these news articles with quoted sentences.")
    assert condense("Where is she from?", [*plain[:2], system, *plain[2:]]) == "Where is she from? hostages Gaza"


def test_how_many_much_long_are_the_question_form_not_its_terms():
    from qa.scoring import question_terms, terms

    assert question_terms("How much will tickets cost?") == ["ticket", "cost"]
    assert question_terms("How Long has the war lasted?") == ["war", "last"]
    assert "mani" in terms("How many hostages?") and question_terms("How many hostages?") == ["hostag"]
    # the same word elsewhere is a term: "long-range", "much-needed"
    assert question_terms("Which long-range missiles did it fire?") == terms("Which long-range missiles did it fire?")
    assert "much" in question_terms("Who sent the much needed aid?")
    # "won" asks who won (NLTK lists it as a stopword, for "won't"); "say" is "said" (a stopword)
    assert question_terms("Who won the 2022 World Cup?") == ["won", "2022", "world", "cup"]
    assert question_terms("Who is against it?") == ["against"]  # NLTK lists "against" too
    # a round before the final is one term, however written
    assert terms("Canada reached the quarter-finals.") == ["canada", "reach", "quarterfin"]
    assert terms("the semi-final") == terms("the semifinal") == terms("a semi final") == ["semifin"]
    assert question_terms("What did Gilad Erdan say?") == ["gilad", "erdan"]
    # the words of a request are not what the answer says (session 19: "summarize the cup final" abstained)
    assert question_terms("summarize the cup final") == ["cup", "final"]
    assert question_terms("Describe the bakery closures") == question_terms("the bakery closures")
    assert question_terms("What happened in the shootout?") == ["shootout"]


def test_a_short_whole_question_may_stand_alone_a_fragment_may_not():
    from qa.followup import Turn, condense, short_without_reference

    assert short_without_reference("Who is the transport minister?")
    assert short_without_reference("When does work start?")
    assert not short_without_reference("In which national park?")  # a fragment of the last question
    assert not short_without_reference("What did he slam?")  # a pronoun: a follow-up
    assert not short_without_reference("What country elected its first-ever leftist leader this week?")
    # the subject carried over leaves out the question's form ("much")
    assert condense("What will it carry?", [Turn("user", "How much will tickets cost?")]) == "What will it carry? tickets cost"


def test_a_name_no_article_found_names_is_a_signal_of_its_own():
    from qa.confidence import holds_loosely, name_phrases, named_things, read_signals

    assert named_things("Which planet has the Great Red Spot?") == [("great", "red", "spot")]
    assert named_things("Who runs Walt Disney World's district?") == [("walt", "disney", "world")]
    assert name_phrases("What did AirWatch's new report find?") == [("airwatch",)]  # no "s" asked for
    assert named_things("When was the WWII-era camp built? Camp Hale") == []  # one word; the carried subject
    assert holds_loosely("President Joe Biden spoke.", ("president", "biden"))  # a name written with more
    assert holds_loosely("what became known as the Kalven Report.", ("kelven", "report"))  # one letter wrong
    assert not holds_loosely("The principal Treaties that form the European Union …", ("canadian", "union"))
    assert not holds_loosely("during the Six-Day War by Israel", ("seven", "day", "war"))
    book = "They are co-authors of a new book, “Dinner on Mars: … Feed the Red Planet …”."
    asked = "Which planet has the Great Red Spot?"
    w = {"planet": 4.8, "great": 3.4, "red": 3.6, "spot": 4.1}
    assert read_signals(asked, w, book, book, 0.5, [0.5], 9, found=[book]).unnamed == 1.0
    spot = "Jupiter's Great Red Spot is shrinking."
    assert read_signals(asked, w, book, book, 0.5, [0.5], 9, found=[book, spot]).unnamed == 0.0  # another article
    # a name written apart in the best sentence with its neighbours: "Florida" and "Huguenots" there
    fort = "In 1564 a group of Norman Huguenots established the colony of Fort Caroline in Jacksonville, Florida."
    colony = "What was the name of the Florida Huguenot colony?"
    assert read_signals(colony, {"florida": 3.0}, fort, fort, 0.5, [0.5], 9, found=[fort]).unnamed == 0.0


def test_a_word_typed_in_lower_case_is_a_name_where_the_text_writes_one():
    """"starliner" alone abstained at 0.18 beside "Boeing's Starliner …", where "tell me about Starliner" was answered:
    the one term needs no other to be matched exactly when the window writes it as a name (session 38)."""
    from qa.confidence import read_signals, written_names

    landed = "Boeing's Starliner capsule landed in the desert. Its crew was absent."
    assert written_names("starliner", landed) == ["starlin"]
    assert written_names("tell me about starliner?", landed) == ["starlin"]
    assert written_names("Starliner", landed) == ["starlin"]  # the first word, capitalised as any first word is
    for question in ["starliner", "what about starliner?", "tell me about starliner"]:
        assert read_signals(question, {"starlin": 8.8}, landed, landed, 0.3, [0.3], 9).exact == 1.0
    # a word the text writes in lower case, or capitalised only where a sentence starts, is no name
    assert written_names("capsule", landed) == [] and written_names("crew", landed) == []
    assert read_signals("capsule", {"capsul": 8.8}, landed, landed, 0.3, [0.3], 9).exact == 0.0
    started = "Starliner landed in the desert."
    assert read_signals("starliner", {"starlin": 8.8}, started, started, 0.3, [0.3], 9).exact == 0.0


def test_confidence_signals_are_read_from_the_text():
    from qa.confidence import Signals, probability, question_names, read_signals

    assert question_names("Who is Gilad Erdan?") == ["gilad", "erdan"]
    weights = {"gilad": 5.0, "erdan": 5.0}
    s = read_signals("Who is Gilad Erdan?", weights, "Ambassador Gilad Erdan spoke.", "Ambassador Gilad Erdan spoke.",
                     0.3, [0.3], 5)
    assert s.exact == 1.0 and s.article_missing == 0.0 and s.negation == 0.0
    neg = read_signals("Who did not speak?", {"speak": 1.0}, "Erdan wrote.", "Erdan wrote.", 0.3, [0.3], 5)
    assert neg.negation == 1.0 and neg.article_missing == 1.0
    # "spoke" is "speak" in the past (qa.verbforms): the article holds the question's term
    assert read_signals("Who did not speak?", {"speak": 1.0}, "Erdan spoke.", "Erdan spoke.", 0.3, [0.3], 5).article_missing == 0.0
    # one rare term held by the best sentence alone is exact, unless the question asks what a word is
    union = "The bakers' union said it was deeply disappointed."
    assert read_signals("What did the union say?", {"union": 2.0}, union, union, 0.2, [0.1], 9, True).exact == 1.0
    assert read_signals("What did the union say?", {"union": 2.0}, union, union, 0.2, [0.1], 9).exact == 0.0
    novice = "She'll be a novice sommelier in no time."
    for question in ["What does a sommelier do?", "What is a sommelier?"]:
        assert read_signals(question, {"sommeli": 8.0}, novice, novice, 0.2, [0.1], 9, True).exact == 0.0
    # a word of the same meaning holds the term; asked when, the words without a date are no exact match
    begin = "Construction will begin next spring."
    w = {"construct": 3.0, "start": 2.0}
    assert read_signals("When does construction start?", w, begin, begin, 0.3, [0.3], 5).exact == 1.0
    since = "It was a retreat from the US position since the beginning of the war."
    w = {"war": 2.0, "start": 2.0}
    assert read_signals("When did the war start?", w, since, since, 0.3, [0.3], 5).article_missing == 0.0
    assert read_signals("When did the war start?", w, since, since, 0.3, [0.3], 5).exact == 0.0
    base = dict(chunk_dense=0.6, sentence_dense=0.6, article_missing=0.0, negation=0.0, exact=0.0, store_size=0.5)
    assert probability(Signals(**{**base, "negation": 1.0})) < probability(Signals(**base))
    assert probability(Signals(**{**base, "chunk_dense": 0.2})) < probability(Signals(**base))


def test_dialogues_are_scored_on_their_last_turn(fast, tmp_path):
    """A dialogue file names the question its last turn stands for; the answers come from the
    question file; a bad line is an error naming it."""
    import json

    from index.errors import InputError
    from qa.dialogues import evaluate_dialogues, read_dialogues, summarize_dialogues

    questions = [{"question_id": "ferry", "question": "How much do ferry tickets cost?", "answer_text": ["12 euros"],
                  "question_date": "2024/03/05"},
                 {"question_id": "bread", "question": "Which bakery won the national bread prize?", "answer_text": ["family bakery"]}]
    path = tmp_path / "dialogues.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in [
        {"id": "d1", "question_id": "ferry", "turns": ["Is the island ferry running again?", "How much do its tickets cost?"]},
        {"id": "d2", "question_id": "bread", "turns": ["How much do ferry tickets cost?"], "then_the_question": True},
        {"id": "d3", "question_id": "elsewhere", "turns": ["Not in this question file."]},
    ]) + "\n")
    dialogues = read_dialogues(path, questions)
    assert [d.id for d in dialogues] == ["d1", "d2"]
    assert dialogues[1].turns[-1] == "Which bakery won the national bread prize?"
    asked = []

    def ask(question, history, filters):
        asked.append((question, len(history), filters))
        return fast.ask(question, history=history, filters=filters).to_dict()

    results = evaluate_dialogues(ask, dialogues)
    # each earlier turn and its answer go back into the history; the standalone question is asked alone
    assert asked[:3] == [("Is the island ferry running again?", 0, None), ("How much do its tickets cost?", 2, None),
                         ("How much do ferry tickets cost?", 0, None)]
    # as of the question's date, as `qa eval` asks: every turn of that dialogue; a question without a date, none
    assert dialogues[0].as_of == "2024-03-05" and dialogues[1].as_of is None
    asked.clear()
    evaluate_dialogues(ask, dialogues, use_as_of=True)
    assert [f for _, _, f in asked] == [{"as_of": "2024-03-05"}] * 3 + [None] * 3
    s = summarize_dialogues(results)
    assert s["dialogues"] == 2 and s["last_turn_right"] == sum(r.right for r in results) / 2
    # what a reader reads: the first cited sentence, and how many there are
    assert s["last_turn_mean_cited"] == round(sum(r.cited for r in results) / 2, 2)
    assert all((r.cited >= 1) != r.abstained and (r.right or not r.first_right) for r in results)
    last = fast.ask("Which bakery won the national bread prize?", history=[
        {"role": "user", "content": "How much do ferry tickets cost?"},
        {"role": "assistant", "content": fast.ask("How much do ferry tickets cost?").text}])
    assert results[1].first_right == ("family bakery" in last.citations[0].text) and results[1].cited == len(last.citations)
    assert results[0].right == any("12 euros" in c.text for c in fast.ask(
        "How much do its tickets cost?", history=[{"role": "user", "content": "Is the island ferry running again?"}]).citations)
    path.write_text('{"question_id": "ferry", "turns": []}\n')
    with pytest.raises(InputError, match="dialogues.jsonl:1"):
        read_dialogues(path, questions)


def test_the_fresh_dialogues_ask_of_questions_no_dev_dialogue_uses():
    """bench/dialogues_fresh.jsonl (session 29), bench/dialogues_fresh2.jsonl (session 34, read in session 35) and
    bench/dialogues_fresh3.jsonl (session 35, written at its start, kept unread) measure whether the conversation rules
    generalise: each of their dialogues reads (its dev question is in RealTimeQA's dev file) and asks of a question no
    dev dialogue, nor another fresh set, uses."""
    import json

    from qa.dialogues import read_dialogues
    from qa.evaluate import read_questions
    from tests.conftest import EVAL, REPO, need_shared

    questions = read_questions(need_shared(EVAL / "realtimeqa" / "dev.jsonl"))
    dev, *fresh_sets = (REPO / "bench" / name
                        for name in ("dialogues.jsonl", "dialogues_fresh.jsonl", "dialogues_fresh2.jsonl",
                                     "dialogues_fresh3.jsonl"))
    used = {json.loads(x)["question_id"] for x in dev.read_text(encoding="utf-8").splitlines() if x.strip()}
    ids = {d.id for d in read_dialogues(dev, questions)}
    for fresh in fresh_sets:
        lines = [json.loads(line) for line in fresh.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert len(read_dialogues(fresh, questions)) == len(lines) >= 20, fresh
        assert not used & {d["question_id"] for d in lines}, fresh
        assert not ids & {d["id"] for d in lines}, fresh
        used |= {d["question_id"] for d in lines}
        ids |= {d["id"] for d in lines}


def test_the_confidence_model_has_a_coefficient_for_every_signal():
    from dataclasses import fields

    from qa.confidence import COEFFICIENTS, Signals

    assert list(COEFFICIENTS) == [f.name for f in fields(Signals)]


def test_irregular_verb_forms_are_read_as_their_base_form():
    from qa.scoring import indexed_forms, terms

    assert terms("The first train left; hostages were held") == terms("the first train leaves; hostages hold")
    assert terms("Who led the team?") == terms("Who leads the team?")
    assert terms("the saw and the rose") == ["saw", "rose"]  # left out: more often nouns in news
    # the word indexes stem words as written: a term's document frequency is read over its forms
    assert indexed_forms(terms("holds")[0]) == ("hold", "held") and indexed_forms("train") == ("train",)
    assert "said" not in terms("He said so") and terms("He says so") == []  # "said", "says": stopwords


def test_a_country_with_several_spellings_is_one_term():
    from qa.confidence import holds_phrases, name_phrases, question_names
    from qa.scoring import terms

    us = terms("US")
    for spelling in ["the U.S. said", "the United States said", "the USA said", "the United States of America said"]:
        assert terms(spelling) == us, spelling
    assert terms("Britain and the U.K. and the United Kingdom") == terms("UK") * 3
    assert terms("the U.N. and the United Nations, the E.U. and the European Union") == terms("UN UN EU EU")
    assert terms("Tell us") == ["tell", "us"]  # the pronoun stays what it was (a content word in news)
    assert terms("USAID and Usain") == terms("USAID Usain")  # only whole spellings
    # the confidence's exact match reads the same spelling: "US" in a question, "United States" in the sentence
    question = "Which ally did the US vote upset?"
    assert question_names(question) == us
    assert holds_phrases("The United States abstained from the UN vote.", name_phrases(question))
    assert not holds_phrases("The United Nations voted.", name_phrases(question))


def test_a_sentence_that_refers_to_the_asked_for_thing_by_its_kind_ranks_lower():
    from qa.asked import asked_kind, refers_by_kind
    from qa.evidence import Candidate, SentenceRanker

    assert asked_kind("Which slang term was selected as Oxford's word of the year?") == "term"
    assert asked_kind("Kanye West is acquiring which controversial social media platform?") == "platform"
    assert asked_kind("Which US city had the worst air quality?") == asked_kind("Which cities?") == "citi"
    assert asked_kind("Which airline announced a deal?") == "airlin"  # the verb ends the phrase
    assert asked_kind("Which company bought Crumb & Co.?") == "compani"  # an irregular past too
    assert asked_kind("What did Oxford choose?") is None and asked_kind("Which of them won?") is None
    assert refers_by_kind("According to the publisher, the slang term refers to lazy behaviour.", "term")
    assert refers_by_kind("The company announced a 20-for-1 stock split.", asked_kind("Which company announced a stock split?"))
    assert not refers_by_kind('Oxford said "goblin mode" was chosen as its word of the year.', "term")
    # several of the kind, none named
    assert refers_by_kind("Several automakers recalled pickup trucks this week.", asked_kind("Which automaker recalled trucks?"))
    assert not refers_by_kind("It splashed down in the Pacific Ocean.", "ocean")  # a name, not a kind
    assert not refers_by_kind("The company announced it.", None)
    ranker = SentenceRanker(None, None)
    plain = Candidate("a", 1, 0, 10, "x", 0.5, 0.0, 1.0, 0.5, 0.0)
    by_kind = Candidate(**{**plain.__dict__, "by_kind": 1.0})
    assert ranker.score(plain).score - ranker.score(by_kind).score == pytest.approx(ranker.config.w_by_kind)
    assert ranker.config.w_by_kind > 0


def test_what_the_headline_adds_to_the_question_counts_in_sentences_about_the_question():
    from qa.evidence import Candidate, SentenceRanker
    from qa.headline import headline_news

    question = "What well-known company recently announced a 20-for-1 stock split?"
    assert "amazon" in headline_news("Amazon stock split: Shares are about to get much cheaper ...", question)
    # the site's name is not news, nor are the names the question already says
    assert headline_news("Spirit and Frontier Airlines plan to merge | CNN Business",
                         "Which two airlines plan to merge?") == {"spirit", "frontier"}
    assert headline_news("Russia invades Ukraine - CNN", "Which country did Russia invade?") == {"ukrain"}
    assert headline_news("Kestrel is back…", "Which brand is Kestrel?") == frozenset()
    assert headline_news("haniyeh-tehran", "Who is Nasser Kanaani?") == frozenset()  # a file name: no names
    # a headline in title case: a word its text writes in lower case is no name
    text = "Velveeta sales rose this year. The cheese is staging a comeback, Kraft Heinz said."
    question = "Which cheese product is popular again?"
    assert headline_news("Velveeta Is Staging A Comeback", question, text) == {"velveeta"}
    assert headline_news("Velveeta Is Staging A Comeback", question) == {"velveeta", "stage", "comeback"}
    assert headline_news("Amazon stock split: Shares are about to get cheaper", "Which company split its stock?",
                         "The Amazon board approved the split. Its shares rose.") == {"amazon"}
    # a title made from the file's name is no headline (the ranker reads no news from it)
    from index.loaders import build_article, titled_by_file_name
    text = "Hamas leader Ismail Haniyeh visited Tehran on Tuesday."
    assert titled_by_file_name(build_article(text=text, title="Haniyeh Tehran", origin="/x/haniyeh-tehran.txt"))
    assert titled_by_file_name(build_article(text=text, title="My Notes", origin="upload:my_notes.md"))
    assert not titled_by_file_name(build_article(text=text, title="Haniyeh visits Tehran", origin="/x/haniyeh-tehran.txt"))
    assert not titled_by_file_name(build_article(text=text, title="Haniyeh Tehran"))  # no file: a record's own title
    ranker = SentenceRanker(None, None)
    cfg = ranker.config
    assert cfg.w_headline > 0
    # the leading story: its restatement first, its sentence holding the headline's news close behind
    restates = Candidate("lead", 1, 0, 10, "x", 0.6, 0.0, 1.0, 0.7, 0.0)
    names = Candidate("lead", 2, 0, 10, "y", 0.6 - cfg.w_headline / 2, 0.0, 1.0, 0.7, 0.0, headline=1.0)
    ranked = ranker.rank([restates, names])
    assert [c.index for c in ranked] == [2, 1]
    assert ranked[0].score - ranker.score(names).score == pytest.approx(cfg.w_headline)
    # another story's sentence gains nothing from its own headline (every article's do: noise) ...
    other = Candidate("other", 1, 0, 10, "z", 0.6 - cfg.w_headline / 2, 0.0, 0.9, 0.7, 0.0, headline=1.0)
    assert ranker.rank([restates, other])[0].article_id == "lead"
    # ... nor does a sentence not about the question ("White House Thanksgiving: Biden pardons pair of
    # turkeys, Chocolate and Chip" for a cookie recipe)
    far = Candidate(**{**names.__dict__, "dense": cfg.about_min_dense - 0.1})
    assert [c.index for c in ranker.rank([restates, far])] == [1, 2]


def test_a_request_for_the_gist_is_told_from_a_question():
    from qa.answer_kinds import asks_for_summary

    for request in ["Summarize the article", "summarise this", "Give me a summary", "What is this story about?",
                    "What's it about?", "tl;dr", "What does the article say?", "Tell me about this article",
                    "What is the Lumina story about?", "What are the main points about the strike?", "What's new?"]:
        assert asks_for_summary(request), request
    for question in ["What happened at the UN?", "Tell me about the bakery closures", "What is the capital of France?",
                     "Who won the cup final?", "What did the article's author find about bees?",
                     "What is the story about the strike doing to commuters?"]:
        assert not asks_for_summary(question), question


def test_she_is_whom_a_follow_up_who_question_was_answered_with():
    from qa.followup import Turn, context

    turns = [Turn("user", "What did the lunar rover find?"), Turn("assistant", "A small robotic rover … found water ice … [1]"),
             Turn("user", "Who is the principal investigator?"),
             Turn("assistant", '"This is the first time …," said Dr. Helena Kowalczyk, the mission\'s principal investigator. [1]')]
    assert context(turns) == "What did the lunar rover find? Helena Kowalczyk"
    # a follow-up that is not "Who …?" names no one new
    assert context([*turns[:2], Turn("user", "Where is it?"), turns[3]]) == "What did the lunar rover find?"


def test_a_question_of_no_words_of_its_own_is_never_the_subject():
    """"When will it end?" after "Which product is in short supply?", "Is there a shortage of baby formula?" (answered from
    one of the first answer's articles, so a follow-up of it) and "Why?" (answered from another article) was searched as
    "When will it end? Why?" and cited "For much of the country Labor Day signals the unofficial end of summer." (RealTimeQA's
    store; session 31): "Why?" was read as a new subject, a question saying "the …" may be."""
    from qa.followup import Turn, context

    turns = [Turn("user", "Which product is in short supply?"), Turn("assistant", "Cream cheese is in short supply. [1]", ("dec", "jan")),
             Turn("user", "Is there a shortage of baby formula?"), Turn("assistant", "Retailers ran out of formula. [1]", ("apr", "jan")),
             Turn("user", "Why?"), Turn("assistant", "A recall closed the largest plant. [1]", ("apr",))]
    assert context(turns) == "Which product is in short supply?"
    assert context([*turns[:4], Turn("user", "Why is the formula short?"), turns[5]]) == "Why is the formula short?"


def test_after_a_subject_the_articles_did_not_answer_a_question_saying_the_is_the_subject():
    from qa.followup import Turn, context

    turns = [Turn("user", "What is the capital of France?"), Turn("assistant", "The articles don't say."),
             Turn("user", "Who won the cup final?")]
    answered = Turn("assistant", "Riverside United won the National Cup … [1]")
    # seen in the chat (session 19): "Who was their goalkeeper?" was then searched with "capital France"
    assert context([*turns, answered]) == "Who won the cup final? Riverside United"
    assert context([*turns, Turn(answered.role, answered.content, ("final",))]) == "Who won the cup final? Riverside United"
    # after an answered subject, text-only: a follow-up, as before
    cited = [Turn("user", "Which bakery chain is closing shops?"), Turn("assistant", "Crumb & Co. will close 40 shops. [1]"),
             Turn("user", "Who won the cup final?"), answered]
    assert context(cited) == "Which bakery chain is closing shops?"


def test_a_short_question_answered_from_the_subject_s_story_keeps_the_subject():
    from qa.followup import Turn, context

    root = "Which bakery chain is closing shops?"
    turns = [Turn("user", root), Turn("assistant", "Crumb & Co. will close 40 shops. [1]", ("bakery",)),
             Turn("user", "How many jobs will go?")]
    # answered from the bakery story: a follow-up, and "Who runs it?" is still about the bakery chain
    assert context([*turns, Turn("assistant", "… about 600 jobs … [1]", ("bakery",))]) == root
    # answered from another story, or with no citations sent back: the new subject, as before
    assert context([*turns, Turn("assistant", "… [1]", ("jobs-report",))]) == "How many jobs will go?"
    assert context([Turn(t.role, t.content) for t in turns] + [Turn("assistant", "… [1]")]) == "How many jobs will go?"


def test_the_sentence_that_asks_weighs_more_than_the_one_before_it():
    from qa.asked import weigh_the_asking_sentence
    from qa.scoring import question_terms

    question = "NASA's Curiosity rover made an exciting discovery on its mission. What did the rover find on Mars?"
    weights = dict.fromkeys(question_terms(question), 1.0)
    weighed = weigh_the_asking_sentence(question, weights, 2.0)
    assert {t for t, w in weighed.items() if w == 2.0} == set(question_terms("What did the rover find on Mars?"))
    assert {t for t, w in weighed.items() if w == 1.0} == set(weights) - set(question_terms("rover find Mars"))
    one = "What did NASA's Curiosity rover find on Mars?"
    assert weigh_the_asking_sentence(one, dict.fromkeys(question_terms(one), 1.0), 2.0) == dict.fromkeys(question_terms(one), 1.0)
    assert weigh_the_asking_sentence(question, weights, 1.0) == weights
    # a follow-up searched with the conversation's subject after it asks in its first sentence
    carried = "Which country did they beat? US men's national team World Cup"
    weighed = weigh_the_asking_sentence(carried, dict.fromkeys(question_terms(carried), 1.0), 2.0)
    assert {t for t, w in weighed.items() if w == 2.0} == set(question_terms("Which country did they beat?"))
    # whatever case the subject's first word is in ("won" was read as the same sentence: session 19)
    carried = "Who was their goalkeeper? won cup final Riverside United"
    weighed = weigh_the_asking_sentence(carried, dict.fromkeys(question_terms(carried), 1.0), 2.0)
    assert {t for t, w in weighed.items() if w == 2.0} == set(question_terms("Who was their goalkeeper?"))


def test_a_sentence_far_ahead_is_cited_alone_and_the_headline_s_news_comes_before_a_restatement():
    from qa.evidence import Candidate
    from qa.extractive import ExtractiveAnswerer

    answerer = ExtractiveAnswerer(None, WordHashEmbedder())
    cfg = answerer.config

    def cand(article, index, text, score, lexical=0.5, dense=0.6, headline=0.0):
        return Candidate(article, index, 0, len(text), text, lexical, 0.0, 1.0, dense, score, headline=headline)

    best = cand("a", 3, "Dr. Lena Ortiz leads the radar team at the lab.", 2.0)
    next_ = cand("a", 4, "The rover's radar saw layered sediment below the surface.", 2.0 - cfg.alone_margin - 0.05)
    third = cand("b", 1, "A family bakery won the national sourdough prize.", next_.score - 0.05)
    question = "Who leads the radar team?"
    # far ahead of the next: the answer, read at a glance
    assert answerer.select([best, next_, third], question) == [best]
    # close behind: more than one (the best first)
    close = cand("a", 4, next_.text, 2.0 - cfg.alone_margin / 2)
    chosen = answerer.select([best, close, third], question)
    assert chosen[0] == best and len(chosen) > 1
    # another story's sentence that holds the question's words is another story's answer: both cited
    rival = cand("b", 2, "Tom Reeve leads the radar team of the bakery.", third.score, lexical=cfg.alone_coverage)
    assert rival in answerer.select([best, next_, rival], question)
    # a quantity question is not answered alone by a sentence without a number of its own
    count = "How many loaves does the bakery sell?"
    wordy = cand("b", 1, "The family bakery in Little Hadham sells loaves every day.", 2.0)
    numbers = cand("b", 3, "The bakery sells 400 loaves a day.", 2.0 - cfg.alone_margin - 0.05)
    assert answerer.select([wordy, numbers], count) == [wordy, numbers]
    first, then = (cand("b", 3, numbers.text, 2.0), cand("b", 1, wordy.text, numbers.score))
    assert answerer.select([first, then], count) == [first]
    # ... and the number it asks for, next to that sentence, is cited however low it scores
    low = cand("b", 2, "Officials said the bakery sells 400 loaves a day.", 2.0 * cfg.keep_ratio - cfg.w_adjacent - 0.3)
    assert answerer.select([wordy, low], count) == [wordy, low]
    assert answerer.select([wordy, low], "Who owns the family bakery?") == [wordy]
    # the best sentence restates the question, one of its article's holding the headline's news is close
    # behind: that one comes first; far behind, the restatement leads but is not cited alone
    restates = cand("a", 2, "The company announced its board approved a 20-for-1 stock split.", 2.0)
    news = cand("a", 5, "If the split were to happen today, Amazon's stock would be worth $139.",
                2.0 - cfg.news_first_within / 2, headline=1.0)
    assert answerer.select([restates, news], "Which company announced a 20-for-1 stock split?")[0] == news
    behind = cand("a", 5, news.text, 2.0 - cfg.alone_margin - 0.05, headline=1.0)
    assert answerer.select([restates, behind], "Which company announced a 20-for-1 stock split?") == [restates, behind]
    # a sentence not about the question holds no news that counts
    astray = cand("a", 5, news.text, news.score, dense=cfg.about_min_dense - 0.1, headline=1.0)
    assert answerer.select([restates, astray], "Which company announced a 20-for-1 stock split?")[0] == restates


def test_which_one_cites_the_sentence_after_a_first_one_naming_nothing():
    """"Which treat did they add?" (RealTimeQA's dev dialogue, session 23) cited "Rather, it's a nostalgic treat from
    more than three decades ago." and two sentences scoring above the one after it, which names the treat ("… the
    cheese Danish …") and holds none of the question's words: that one is cited after the first."""
    from qa.evidence import Candidate
    from qa.extractive import ExtractiveAnswerer

    answerer = ExtractiveAnswerer(None, WordHashEmbedder())

    def cand(index, text, score, dense=0.6):
        return Candidate("m", index, 0, len(text), text, 0.5, 0.0, 1.0, dense, score)

    describes = cand(1, "Rather, it's a nostalgic treat from more than three decades ago.", 2.0)
    names = cand(2, "From Monday the chain is bringing back the cheese Danish, a flaky pastry.", 0.5)
    others = [cand(5, "The treat was the most requested menu item for years.", 1.9),
              cand(7, "Customers can order the treat until the menu changes in February.", 1.8)]
    question = "Which treat did they add? McDonald's fall menu"
    chosen = answerer.select([describes, *others, names], question)
    assert chosen[0] == describes and names in chosen, chosen
    # a first sentence that names the thing needs no other: nor when the next names nothing
    named = cand(1, "Rather, it's the cheese Danish, a treat from more than three decades ago.", 2.0)
    assert names not in answerer.select([named, *others, names], question)
    assert names not in answerer.select([describes, *others, names], "What did they add? McDonald's fall menu")


def test_a_time_stamp_is_no_sentence_to_cite(fast):
    body = ("June 1, 2026, 5:03 a.m. EST\n\nThe lighthouse on Gull Point reopened to visitors on Sunday after a "
            "year of repairs. Keeper Ada Moss said the lamp was restored.")  # a time of day and its zone: no words
    report = fast.ingest_articles([build_article(text=body, title="Gull Point lighthouse reopens in June 2026",
                                                 url="https://news.example/gull", origin="fast:gull")])
    assert len(report.added) == 1
    question = "When did the Gull Point lighthouse reopen?"
    evidence = fast.answerer().ranker.gather(question, fast.retriever().retrieve(question))
    texts = [c.text for c in evidence.candidates]
    assert any("reopened to visitors" in t for t in texts)
    assert not any(t.startswith("June 1, 2026") for t in texts), texts


def test_an_article_s_head_is_its_title_and_the_opening_that_says_something():
    from index.heads import HEADLINE, LEAD, LEAD_MAX_CHARS, head_texts, lead_text
    from index.text import split_sentences

    a = build_article(text="(CNN) Mercedes unveiled the EQXX on Monday. It can drive 620 miles. More follows.",
                      title="Mercedes shows a car that goes 620 miles", explicit_id="m")
    sentences = split_sentences(a.text, a.id)
    # "(CNN)" alone would be no lead: the opening runs to the end of the first sentence 40 characters in
    assert head_texts(a, sentences) == {HEADLINE: "Mercedes shows a car that goes 620 miles",
                                        LEAD: "(CNN) Mercedes unveiled the EQXX on Monday."}
    untitled = build_article(text="Short. " + "word " * 200, explicit_id="u")
    lead = lead_text(untitled, split_sentences(untitled.text, "u"))
    assert len(lead) <= LEAD_MAX_CHARS and lead.startswith("Short. word") and not lead.endswith(" ")
    assert HEADLINE not in head_texts(untitled, split_sentences(untitled.text, "u"))


def test_when_a_question_is_asked_is_no_evidence_that_an_article_answers_it(fast):
    from qa.scoring import when_asked_terms

    assert when_asked_terms("What country elected its first leftist leader this week?") == {"week"}
    assert when_asked_terms("Which airline recently announced a merger?") == {"recent"}
    assert when_asked_terms("Which week of the month did it rain this week?") == frozenset()  # asked about
    report = fast.ingest_articles([build_article(
        text="Gustavo Petro will become Colombia's first leftist leader, after winning the presidential race on Sunday.",
        title="Colombia election results", url="https://news.example/petro", origin="fast:petro")])
    assert len(report.added) == 1
    ranker = fast.answerer().ranker
    with_when = "What country elected its first leftist leader this week?"
    evidence = ranker.gather(with_when, fast.retriever().retrieve(with_when))
    without = "What country elected its first leftist leader?"
    plain = ranker.gather(without, fast.retriever().retrieve(without))
    # "week" is not among the words the article must hold, nor in the share the best sentence holds
    assert evidence.signals.article_missing == plain.signals.article_missing
    assert evidence.signals.exact == plain.signals.exact


def test_the_subject_is_carried_when_it_raises_the_odds_not_by_a_fixed_step():
    from qa.followup import carries_subject

    assert carries_subject(0.54, 0.78)  # "What did the state use to build the wall?" after the Arizona lawsuit
    assert carries_subject(0.58, 0.86)
    assert not carries_subject(0.31, 0.49)  # a new subject after the Artemis questions
    assert not carries_subject(0.91, 0.85) and not carries_subject(0.9, 0.9)
    assert carries_subject(0.0, 1.0) and not carries_subject(1.0, 1.0)  # the ends stay finite


def test_an_answer_in_the_history_names_the_articles_it_cited():
    from index.errors import InputError
    from qa.citations import quoted_sentences
    from qa.followup import Turn

    text = ("JetBlue Airways is buying Spirit Airlines for $3.8 billion, the carrier said. [1] "
            "The deal needs approval from regulators. [2][3] Ok. [4]")
    # each passage between markers; too short a one ("Ok.") could be in any article
    assert quoted_sentences(text) == ["JetBlue Airways is buying Spirit Airlines for $3.8 billion, the carrier said.",
                                      "The deal needs approval from regulators."]
    assert quoted_sentences("The articles don't say.") == []  # an abstention quotes nothing
    turn = Turn.coerce({"role": "assistant", "content": text,
                        "citations": [{"article_id": "jetblue", "n": 1}, {"article_id": "faa"}, {"article_id": "jetblue"}]})
    assert turn.article_ids == ("jetblue", "faa") and turn.content == text
    assert Turn.coerce({"role": "assistant", "content": text}).article_ids == ()
    for bad in ("jetblue", [{"n": 1}], [{"article_id": 3}]):
        with pytest.raises(InputError) as e:
            Turn.coerce({"role": "assistant", "content": text, "citations": bad})
        assert e.value.source == "history", bad


def test_a_follow_up_stays_in_the_answered_articles_when_they_answer_it_about_as_well():
    from qa.evidence import Evidence
    from qa.story import ANSWERED_LOG_ODDS, stays_in_answered

    def ev(conf, weak=False):
        return Evidence("q", None, (), {}, conf, weak)

    assert stays_in_answered(ev(0.91), ev(0.91))  # JetBlue's deal after a JetBlue answer, not Frontier's
    assert stays_in_answered(ev(0.79), ev(0.78))  # dev dialogues: right either way at -0.06 ...
    assert stays_in_answered(ev(0.89), ev(0.87))  # ... and -0.19
    assert not stays_in_answered(ev(0.77), ev(0.68))  # -0.46: the answered article was wrong
    assert not stays_in_answered(ev(0.99), ev(0.84))
    assert not stays_in_answered(ev(0.2), ev(0.3, weak=True))  # never an answer the engine would not give
    assert stays_in_answered(ev(0.5), ev(0.9)) and ANSWERED_LOG_ODDS == 0.25


def test_the_chat_hands_the_library_each_answer_with_its_citations():
    from qa.web.text import _history_for_library

    answer = {"answer": "JetBlue Airways is buying Spirit Airlines. [1]", "citations": [{"article_id": "jetblue", "n": 1}]}
    chat = [{"role": "user", "content": [{"type": "text", "text": "Who&#x27;s buying Spirit?"}]},
            {"role": "assistant", "content": "<div class='qa-answer'>…</div>"},
            {"role": "user", "content": "Is the ferry running?"},
            {"role": "assistant", "content": "<div class='qa-abstained'>⚠ error</div>"}]
    turns = [{"question": "Who's buying Spirit?", "answer": answer}]  # the error was not kept as a turn
    assert _history_for_library(chat, turns) == [
        {"role": "user", "content": "Who's buying Spirit?"},
        {"role": "assistant", "content": answer["answer"], "citations": answer["citations"]},
        {"role": "user", "content": "Is the ferry running?"},
        {"role": "assistant", "content": ""}]
    assert _history_for_library(chat[:2], [])[1] == {"role": "assistant", "content": ""}


def test_the_demo_figures_read_what_a_reader_sees():
    from bench.demo import summarize

    rows = [{"answerable": True, "impossible": False, "abstained": False, "first": True, "any": True, "cited": 1},
            {"answerable": True, "impossible": False, "abstained": False, "first": False, "any": True, "cited": 3},
            {"answerable": True, "impossible": False, "abstained": True, "first": False, "any": False, "cited": 0},
            {"answerable": False, "impossible": True, "abstained": True, "first": False, "any": False, "cited": 0}]
    s = summarize(rows)
    assert (s["answerable"], s["answer_in_first_citation"], s["answer_in_citations"]) == (3, 0.333, 0.667)
    assert (s["answerable_abstained"], s["mean_cited_sentences"], s["unanswerable_abstained"]) == (0.333, 2.0, 1.0)


def test_who_runs_it_is_written_by_the_doer_s_title():
    from qa.asked import doer_terms, held_terms

    assert set(doer_terms("Who runs it? bakery chain closing shops")) == {"run"}
    assert set(doer_terms("Who owns Crumb & Co.?")) == {"own"} and set(doer_terms("Who will run it?")) == {"run"}
    # a title asked for is the word itself; a noun is no verb; only "who" asks for a doer
    assert doer_terms("Who is their manager?") == {} and doer_terms("Who hit a home run?") == {}
    assert doer_terms("Which company runs it?") == {}
    doers = doer_terms("Who runs it?")
    assert "run" in held_terms("The company's chief executive, Ruth Ellison, said …", doers)
    assert "run" not in held_terms("Crumb & Co. said on Wednesday it will close 40 shops.", doers)
    assert "own" in held_terms("It was bought by the private equity firm Northgate Partners.", doer_terms("Who owns it?"))


def test_a_time_said_from_the_day_it_is_told_answers_when():
    from qa.numbers import adds_number

    q = "When will staff see the list of shops?"
    assert adds_number("Ellison said the list would be shared with staff first, next week.", q)
    assert adds_number("The rover will land tomorrow.", "When will the rover land?")
    assert not adds_number("The bakers' union called on the company to publish the list of shops.", q)
    assert not adds_number("The list comes next week.", "What comes next week?")  # not a date question


def test_money_asked_by_its_name_is_a_quantity_in_a_currency():
    from qa.numbers import expects_number, holds_measure

    q = "What were the company's sales?"
    assert expects_number(q) and expects_number("What is the price of a ticket?")
    assert holds_measure("Sales rose 3 percent to 512 million pounds.", q)
    assert not holds_measure("The closures would affect about 600 jobs.", q)  # a number, no currency
    # a word about money is not always money asked for
    assert not expects_number("What is the name of the price cap?")
    assert not expects_number("What is attributed to the income inequality?")
    assert holds_measure("The council will set up a fund of 5 million euros.", "How much is the compensation fund?")
    assert not holds_measure("The line will run for 900 metres.", "How much is the compensation fund?")
    assert not expects_number("What is the tax rate?")  # a rate is no sum
    assert holds_measure("Crumb & Co. reported a loss of 18 million pounds.", "How much did Crumb & Co. lose?")
    assert not holds_measure("Crumb & Co. will close 40 shops.", "How much did Crumb & Co. lose?")


def test_a_date_is_a_year_a_day_or_a_time_not_a_count():
    from qa.numbers import adds_number

    q = "When was the bakery chain founded?"
    assert not adds_number("The bakery chain with more than 300 shops will close 40 of them by the end of the year.", q)
    assert adds_number("The chain was founded in 1987 by brothers Alan and Tom Hartley.", q)
    assert adds_number("It splashed down at 12:40 p.m. ET.", "When did it splash down?")
    assert adds_number("It opened in the 1990s.", q) and adds_number("It opened 30 years ago.", q)
    assert not adds_number("It opened in 1987.", "When did it open after 1987?")  # the question's own year


def test_a_sentence_may_hold_a_question_s_word_in_another_form():
    from qa.asked import held_terms, stand_ins

    lose = stand_ins("How much did Crumb & Co. lose?")
    assert "lose" in held_terms("Crumb & Co. reported a loss of 18 million pounds.", lose)
    assert "die" in held_terms("The death toll rose to 12.", stand_ins("How many people died?"))  # "died": "die"
    called = stand_ins("What is the rover called?")
    assert "call" in held_terms("The rover, named Pathfinder Luna, landed in February.", called)
    assert stand_ins("What did he call the resolution?") == {}  # "call" inside a question is not "named"
    assert "start" in held_terms("Construction will begin next spring.", stand_ins("When does construction start?"))
    assert "beat" in held_terms("… a hard-fought 2-1 win over Norway.", stand_ins("Which country did they beat?"))
    assert "last" in held_terms("… the nearly six-month war …", stand_ins("How long has the war lasted?"))
    assert "last" not in held_terms("… the nearly six-month war …", stand_ins("Did the war last?"))
    assert "first" in held_terms("He could make his debut on Saturday.", stand_ins("When could he play his first game?"))
    assert "earn" in held_terms("Net income doubled to $910 million.", stand_ins("What did Lumina earn?"))


def test_words_that_say_nothing_of_what_is_asked():
    """"anyone", "something" … and stopwords typed without their apostrophe are no terms (session 22)."""
    from qa.scoring import question_terms

    assert question_terms("Was anyone hurt?") == question_terms("Was he hurt?")
    assert question_terms("whats the union asking for") == question_terms("what's the union asking for")
    assert question_terms("dont they want more pay") == question_terms("don't they want more pay")



def test_a_question_s_distinctive_numbers_as_written():
    from qa.exact_numbers import exact_numbers, writes_numbers

    assert exact_numbers("Which automaker recalled more than 200,000 pickup trucks?") == ["200,000"]
    assert exact_numbers("How did Covid-19 change the 20-for-1 split of 2.9 million shares?") == ["2.9"]
    assert writes_numbers("Nissan is recalling more than 200,000 trucks.", ["200,000"]) == 1.0
    assert writes_numbers("It recalled 1,200,000 trucks and 2.95 million cars.", ["200,000", "2.9"]) == 0.0


def test_the_weekday_of_the_news_is_not_the_day_to_come():
    from qa.numbers import adds_number

    q = "When will the tram open?"
    assert not adds_number("The council voted 31 to 14 on Monday to build a tram line.", q)
    assert adds_number("It opens in 2031.", q) and adds_number("It opens next Monday.", q)
    assert adds_number("It opened on Monday.", "When did it open?")
    assert adds_number("She starts on Monday.", "When does she start?")
    # "could", "can" … ask of what is to come too (session 22); a sentence saying what is to come keeps its day
    assert not adds_number("The council voted 31 to 14 on Monday to build a tram line.", "When could the tram open?")
    assert adds_number("The two men are due to appear in court on Monday.", "When will they appear in court?")
    # and as reported ("… said it expected to …", "… would …"): "when will flights be normal again" cited the lead's "…
    # were cancelled … on Tuesday …", not "The airport said it expected to run a normal schedule again on Wednesday
    # morning, …" (session 27)
    q = "when will flights be normal again"
    assert adds_number("The airport said it expected to run a normal schedule again on Wednesday morning.", q)
    assert adds_number("It said the museum would reopen on Friday.", q)
    assert not adds_number("More than 400 flights were cancelled on Tuesday as thick fog cut visibility.", q)


def test_how_long_a_thing_is_is_a_length():
    from qa.numbers import holds_measure

    years = "The vote ended more than ten years of argument."
    line = "The 18-kilometre line will have 22 stops."
    for q in ["How long will the tram line be?", "How long is the bridge?"]:
        assert holds_measure(line, q) and not holds_measure(years, q), q
    for q in ["How long was he in prison?", "How long has the war lasted?", "How long is the war expected to last?"]:
        assert holds_measure(years, q), q


def test_who_did_it_is_said_by_whom():
    from qa.asked import asked_doing
    from qa.by_whom import says_by_whom

    assert asked_doing("Who will build the line?") == "build" and asked_doing("Who is the mayor?") is None
    # "Which <kind> …" asks for the doer as well, unless it asks for the one done to
    assert asked_doing("Which company bought Crumb & Co.?") == asked_doing("Which firm recently bought it?") == "bui"
    assert asked_doing("Which company will build the line?") == "build"
    assert asked_doing("Which company did Amazon buy?") is None and asked_doing("Which firm was bought by Amazon?") is None
    assert asked_doing("Who did Riverside beat?") is None  # whom they beat: the doer follows "did"
    assert says_by_whom("The line will be built by a consortium led by the Spanish firm Ferrovial Urbano.", "build")
    assert says_by_whom("The chain was founded in 1987 by brothers Alan and Tom Hartley.", asked_doing("Who founded it?"))
    assert not says_by_whom("The council voted 31 to 14 on Monday to build a tram line.", "build")
    assert not says_by_whom("It was built by hand.", "build")  # no one named


def test_a_name_asked_for_is_not_a_word_to_find():
    from qa.scoring import question_terms

    assert question_terms("What is the opposition leader's name?") == ["opposit", "leader"]
    assert "name" not in question_terms("What is the name of the rail system?")
    assert "name" in question_terms("What did BSkyB name their service?")  # the verb stays


def test_the_focus_of_a_question_naming_its_subject():
    from qa.topic import focus_terms

    assert focus_terms("What were Crumb & Co.'s sales?") == {"sale"}
    assert focus_terms("Which company acquired Crumb & Co. this week?") == {"acquir"}  # not the kind, not when
    assert focus_terms("What were the company's sales?") == set()  # names nothing


def test_a_request_for_more_of_the_story():
    from qa.more import asks_for_more, story_asked

    for asked, place in [("Tell me more about the second one", 1), ("the last story", -1), ("and the last one?", -1),
                         ("tell me about the first one", 0), ("More on the 3rd article please", 2)]:
        assert story_asked(asked) == place, asked
    for asked in ["Who won the first game?", "Tell me more", "What was the second goal?"]:
        assert story_asked(asked) is None, asked

    for q in ["Tell me more", "tell me more.", "Tell me more about it", "Can you tell me more?", "What else?",
              "Anything else?", "Go on", "More details, please", "OK, go on", "What else does the article say?"]:
        assert asks_for_more(q), q
    for q in ["Tell me more about the tram", "What else did he say?", "Who else was there?", "More than 200?",
              "Tell me about the election"]:
        assert not asks_for_more(q), q


def test_there_that_says_something_exists_and_the_weather_s_it_point_nowhere():
    from qa.followup import points_back

    for q in ["Is there a measles outbreak?", "Are there any delays?", "Has there been a recall?", "there's a strike?",
              "how hot did it get in spain", "Is it raining in Leeds?"]:
        assert not points_back(q), q
    for q in ["What happened there?", "Was anyone hurt there?", "How many people were there?", "How bad is it?",
              "Who bought it?", "Is it safe?"]:
        assert points_back(q), q


def test_a_story_found_by_a_question_saying_almost_nothing_is_about_its_names():
    from qa.named import story_named

    answer = "More than 400 flights were cancelled at Amsterdam's Schiphol airport on Tuesday as thick fog … [1]"
    assert story_named("any news on flights?", answer) == ["Amsterdam's", "Schiphol"]  # not the weekday
    assert story_named("Why were flights cancelled at Schiphol?", answer) == []  # a question saying enough
    assert story_named("Tell me about Schiphol", answer) == []  # or naming its story


def test_the_band_points_back_at_the_sentence_of_its_story_naming_it():
    """"Which band is it?" after "A band is getting back together for a tour." cited "The band announced a new tour in a
    funny video …" and never "Blink-182 is coming to a city near you." (RealTimeQA's store; session 35): the nearest
    sentence before it of its story holding the headline's names comes first."""
    from qa.evidence import Candidate
    from qa.extractive import ExtractiveAnswerer

    answerer = ExtractiveAnswerer(None, WordHashEmbedder())

    def cand(index, text, score, headline=0.0, article="blink"):
        return Candidate(article, index, 0, len(text), text, 0.5, 0.0, 1.0, 0.6, score, headline=headline)

    says_the_band = cand(2, "The band announced a new tour in a funny video on Tuesday.", 1.66)
    members = cand(3, "Band members Mark Hoppus and Travis Barker will reunite with Tom DeLonge for the tours.", 1.60,
                   headline=0.5)
    other = cand(8, "This will be the band's first tour since 2013.", 1.37, article="crowes")
    lead = cand(1, "Blink-182 is coming to a city near you.", 0.94, headline=0.5)
    chosen = answerer.select([says_the_band, members, other, lead], "Which band is it? band back together tour")
    assert chosen[0] == lead and other not in chosen, chosen
    # none is sought when the best sentence names the band
    named = cand(2, "The band Blink-182 announced a new tour in a funny video on Tuesday.", 1.66, headline=0.5)
    assert answerer.select([named, members, other, lead], "Which band is it? band back together tour")[0] == named


def test_asked_which_one_the_story_told_naming_one_answers_it():
    """"Which city?" after "A big city told millions of people to boil their water." (answered: "The city of Houston …
    lifted the boil water notice …", 0.34) cited Jackson's "… a city-wide boil water order …" (0.43; session 35)."""
    from index.rows import StoredArticle
    from qa.evidence import Candidate, Evidence
    from qa.story import stays_in_answered

    def ev(conf, text):
        c = Candidate("a", 1, 0, len(text), text, 0.5, 0.0, 1.0, 0.6, 1.0)
        stored = StoredArticle(build_article(text=text, title="", url="https://news.example/a", origin="fast:a"), 1, 1, 0.0)
        return Evidence("q", None, (c,), {"a": stored}, conf, False)

    houston = ev(0.34, "The city of Houston on Tuesday lifted the boil water notice issued two days earlier.")
    jackson = ev(0.43, "After issuing a city-wide boil water order, Jackson officials said it could be days.")
    assert stays_in_answered(jackson, houston, "Which city?")
    assert stays_in_answered(jackson, houston, "Which city?", {"houston"})  # Jackson's story is not the subject's
    assert not stays_in_answered(jackson, houston, "How long did it last?")  # not asking which one: by confidence
    unnamed = ev(0.34, "Residents no longer need to boil water before drinking, the city said.")
    assert not stays_in_answered(jackson, unnamed, "Which city?")  # the story told names none
    # a story naming the conversation's subject may tell what came next: by confidence ("Which airline is buying it?"
    # after "What is going on with Spirit Airlines?", answered by Frontier's deal; JetBlue's came later, 0.97 to 0.96)
    frontier = ev(0.96, "Frontier Airlines is buying larger rival Spirit, a move the budget airlines say will help.")
    jetblue = ev(0.97, "JetBlue Airways, the New York-based carrier, agreed to buy Spirit Airlines on Thursday.")
    assert not stays_in_answered(jetblue, frontier, "Which airline is buying it?", {"spirit"})


def test_a_word_describing_what_is_asked_about_is_not_missing_from_its_story():
    """"A big city told millions of people to boil their water." abstained (0.29): the Houston story never writes "big",
    whose IDF of 3.0 left 35% of the question missing from it (RealTimeQA's store; session 35)."""
    from qa.confidence import read_signals

    story = "The city of Houston lifted the boil water notice issued to two million people."
    w = {"big": 3.0, "citi": 2.2, "million": 2.2, "peopl": 1.5, "boil": 5.5, "water": 2.9}
    asked = "A big city told millions of people to boil their water."
    assert read_signals(asked, w, story, story, 0.5, [0.5], 9).article_missing == 0.0
    w_other = {**w, "bridg": 3.0}  # a word of the thing itself is missing
    assert read_signals(asked + " bridge", w_other, story, story, 0.5, [0.5], 9).article_missing > 0.1


def test_a_web_page_s_form_about_its_ads_says_nothing():
    """18 of RealTimeQA's articles hold nothing but the form a web page asks about its ads, cited at 0.97 for "Why is the
    ad too loud?" (session 35)."""
    from qa.furniture import says_something

    assert not says_something("1. How relevant is this ad to you?")
    assert not says_something("Video player was slow to load content Video content never loaded Ad froze or did not "
                              "finish loading Video content did not start after ad Audio on ad was too loud Other issues")
    assert says_something("The video player was slow to load, the company said, and it fixed the fault on Monday.")


def test_a_photo_gallery_s_caption_says_nothing_of_the_story():
    """"who stormed his home?" of Sri Lanka's president cited "Hide Caption 17 of 49 Photos: Protesters storm … Soldiers
    patrol near the official residence …" first, then the gallery's "Photos: …" (RealTimeQA's store, session 38)."""
    from qa.furniture import says_something

    assert not says_something("Hide Caption 17 of 49 Photos: Protesters storm the office Soldiers patrol near it.")
    assert not says_something("Photos: Protesters storm the office People protest outside it on Wednesday, July 13.")
    assert says_something("Soldiers patrol near the official residence of the president on Tuesday.")


def test_a_number_of_another_story_must_hold_the_words_the_best_sentence_holds():
    """"What is the debt ceiling?" (read as asking for money) cited a student loan story's "… cancel at least $10,000 in
    student loan debt …" before "… raising the debt-ceiling." (RealTimeQA's store; session 35)."""
    from qa.evidence import Candidate
    from qa.extractive import ExtractiveAnswerer

    answerer = ExtractiveAnswerer(None, WordHashEmbedder())

    def cand(article, index, text, score):
        return Candidate(article, index, 0, len(text), text, 0.5, 0.0, 1.0, 0.6, score)

    ceiling = cand("midterms", 55, "If Republicans win back the House, they can set up showdowns on spending and raising "
                   "the debt-ceiling.", 1.47)
    clash = cand("midterms", 45, "A clash could also be looming over raising the debt ceiling.", 1.43)
    loans = cand("loans", 1, "President Joe Biden announced he would cancel at least $10,000 in student loan debt for "
                 "millions of borrowers.", 1.40)
    assert answerer.select([ceiling, clash, loans], "What is the debt ceiling?")[0] == ceiling
    # holding them, another story's number comes first as before
    limit = cand("treasury", 2, "The debt ceiling, now $31.4 trillion, caps what the Treasury may borrow.", 1.40)
    assert answerer.select([ceiling, clash, limit], "What is the debt ceiling?")[0] == limit


def test_who_won_is_answered_by_a_name_said_to_be_something_before_won():
    """"Who won the Oscar for best picture?" cited "Will Smith and Jessica Chastain took home the top acting prizes and Jane
    Campion won for best director …" before "Favorite \\"CODA,\\" about a deaf fishing family and their hearing daughter,
    won best picture …" (RealTimeQA's store; session 35): a name, in quotes or not, and what it is between commas."""
    from qa.asked import asked_doing
    from qa.by_whom import says_by_whom
    from qa.evidence import Candidate
    from qa.extractive import ExtractiveAnswerer

    won = asked_doing("Who won the Oscar for best picture?")
    coda = 'Favorite "CODA," about a deaf fishing family and their hearing daughter, won best picture on Sunday.'
    assert says_by_whom(coda, won) and says_by_whom("Jane Smith, 45, of Denver, won the race.", won)
    assert not says_by_whom("In March, the company said it won the contract.", won)
    assert not says_by_whom("Rain fell, and the team won.", won) and not says_by_whom("The film, a drama, won.", won)
    answerer = ExtractiveAnswerer(None, WordHashEmbedder())

    def cand(index, text, score):
        return Candidate("oscars", index, 0, len(text), text, 0.5, 0.0, 1.0, 0.6, score)

    picture = cand(0, coda, 1.5)
    director = cand(1, "Will Smith and Jessica Chastain took home the top acting prizes and Jane Campion won for best "
                    'director for her Western "The Power of the Dog."', 1.4)
    assert answerer.select([picture, director], "Who won the Oscar for best picture?")[0] == picture


def test_a_question_of_no_verb_is_a_fragment_of_the_conversation_not_a_new_subject():
    """"Why?" after "Which company recalled cars this week?" and "How many vehicles?" (answered from another week's
    recalls) was searched as "Why? vehicles" and abstained (RealTimeQA's store; session 35): a question of no verb is a
    fragment of the conversation, whichever articles answer it."""
    from qa.followup import Turn, context, subject_added, verbless

    def said(text, *ids):
        return Turn.coerce({"role": "assistant", "content": text, "citations": [{"article_id": i} for i in ids]})

    turns = [Turn("user", "Which company recalled cars this week?"),
             said("Automakers issued several recalls, including a Tesla recall of 817,143 vehicles. [1]", "week6"),
             Turn("user", "How many vehicles?"),
             said("Kia also recalled 126,747 vehicles including select Sportage SUVs. [1]", "week7")]
    assert context(turns) == "Which company recalled cars this week?"
    assert "recalled" in subject_added("Why?", turns)
    assert verbless("How many vehicles?") and verbless("Which city?") and not verbless("Who won?")
    assert not verbless("thanks, what about the whale?")  # may name a new subject
    assert not verbless("Who is the new harbour master?") and not verbless("Which company's plant closed?")
    # a whole question answered from other articles is a new subject, as before
    turns[2] = Turn("user", "Who is the new harbour master?")
    assert context(turns) == "Who is the new harbour master?"


def test_what_a_thing_costs_is_money():
    """"What does its EPG cost?" of BSkyB cited "… discounts ranging from reduced price to free EPG entries …" before "…
    access to BSkyB's EPG for a fee, ranging from £15–100,000." (SQuAD's store; session 35)."""
    from qa.numbers import expects_number

    assert expects_number("What does its EPG cost?") and expects_number("What did the deal cost?")
    assert not expects_number("What does it mean?")


def test_a_video_player_s_list_of_videos_says_nothing():
    """"Who was the Uvalde gunman?" cited "Video Ad Feedback 04:00 - Source: CNN Report reveals officers' missed
    opportunities to intercept Uvalde gunman" third: a video player's list, each a link to another page (~270 in
    RealTimeQA's store, and ~250 "JUST WATCHED … Replay More Videos ... MUST WATCH …"; session 35)."""
    from qa.furniture import says_something

    assert not says_something("Video Ad Feedback 04:00 - Source: CNN Report reveals officers' missed opportunities to "
                              "intercept Uvalde gunman")
    assert not says_something("JUST WATCHED Former FBI official shares what struck him about FBI search Replay More "
                              "Videos ... MUST WATCH Former FBI official shares what struck him about FBI search 02:31")
    assert says_something("Officers watched the video feed for 40 minutes before they entered the classroom.")


def test_a_site_s_form_about_a_reader_s_data_says_nothing():
    """"Mark Rutte is stepping down." cited "You agree to the processing, storage, sharing and use of this information
    …": 20 of RealTimeQA's articles hold nothing but a site's registration form (session 35)."""
    from qa.furniture import says_something

    form = ["We will use the details you have shared to manage your registration.",
            "You agree to the processing, storage, sharing and use of this information for the purpose of managing your "
            "registration as described in our Privacy Policy.",
            "Would you like to receive The WeekDay newsletter ?",
            "The WeekDay newsletter provides you with a daily digest of news and analysis.",
            "You can find out more about our legitimate interest activity in our Privacy Policy.",
            "If you wish to object to the use of your data in this way, please tick here.",
            "'We' includes The Week and other Future Publishing Limited brands as detailed here."]
    assert not any(says_something(s) for s in form)
    assert says_something("Regulators said the company had used the data of 40 million users without their consent.")


def test_the_lines_a_site_repeats_under_its_stories_say_nothing():
    """The sentences RealTimeQA's store holds in four articles or more, read one by one (session 35): a note that the
    story was updated, the reporter's Twitter or e-mail, the partner and the grant behind it, the shop's commission, a
    quiz, a transcript's warning, a gallery's "Prev Next"."""
    from qa.furniture import says_something

    furniture = ["This story has been updated with additional details.",
                 "This story and headline have been updated with additional developments Tuesday.",
                 "Follow USA TODAY reporter Kelly Tyko on Twitter: @KellyTyko.",
                 "Contact Karen Weintraub at kweintraub@usatoday.com.",
                 "Reach the reporter at kerry.lengel@arizonarepublic.com or 602-444-4896.",
                 "Its content is produced independently of USA TODAY.",
                 "24/7 Wall Street is a USA TODAY content partner offering financial news and commentary.",
                 "Our fact check work is supported in part by a grant from Facebook.",
                 "Purchases you make through our links may earn us a commission.",
                 "Thank you for supporting our journalism.",
                 "Take CNN’s weekly news quiz to see if you’re correct!",
                 "This transcript was automatically generated, and then edited for clarity in its current form.",
                 "William Luther/San Antonio Express-News/Zuma In pictures: Mass shooting at Texas elementary school Prev Next"]
    assert [s for s in furniture if says_something(s)] == []
    news = ["Police said they would follow the suspect's trail on Twitter and Facebook for clues.",
            "Contact tracing teams reached 4,000 people in the first week, officials said.",
            "The grant, from the Gates Foundation, will fund vaccine research for five years.",
            "The company updated its app on Tuesday after a security flaw was found."]
    assert all(says_something(s) for s in news)


def test_a_name_in_quotation_marks_quotes_no_one():
    """"what did she say?" of a singer cited "Her residency, titled \"Nights with Mara\" …" (session 38): a name in
    quotation marks after "titled", "called", "named" … is no one's words; a quote beside it still is."""
    from qa.answer_kinds import quotes

    assert not quotes('Her residency, titled "Nights with Mara" and announced in November, runs to April.')
    assert not quotes("The storm, named “Ciarán”, hit on Thursday.")
    assert quotes('"I\'m so sorry," Vance said.') and quotes('The album, called "Thirty", is "my best," she said.')


def test_the_kind_a_which_asks_for_ends_at_its_question_mark():
    """"which states? marijuana ballot" asked for "marijuana": a follow-up's subject after the question mark is no part
    of the kind (session 38)."""
    from qa.asked import asked_kind, which_terms

    assert asked_kind("which states? marijuana ballot") == asked_kind("Which states?") == "state"
    assert which_terms("which company? big tech stock split") == which_terms("Which company?")
    assert asked_kind("Which US city had the worst air?") == "citi"


def test_an_age_is_read_at_the_age_of_and_of_the_one_asked():
    """"… Queen Elizabeth II dies at the age of 96, …" gives an age; asked how old she was, "… before he died April 9,
    2021, at 99 years old." gives his (RealTimeQA's store, session 38)."""
    from qa.numbers import holds_measure

    assert holds_measure("Queen Elizabeth II dies at the age of 96.", "How old was she?")
    assert not holds_measure("The queen was married to Philip before he died at 99 years old.", "How old was she?")
    assert holds_measure("The queen was married to Philip before he died at 99 years old.", "How old was he?")
    assert holds_measure("The queen was married to Philip before he died at 99 years old.", "How old was her husband?")
    # an age said of one by surname ("Reddick was 79."), and an empty selection asked for a number is left empty
    assert holds_measure("Reddick died on Sunday, his agent said. Reddick was 79.", "how old was he?")
    assert not holds_measure("The score was 3.", "how old was he?")
    from qa.extractive import ExtractiveAnswerer

    assert ExtractiveAnswerer.number_first([], "how old is she?") == []



def test_a_sentence_cut_from_the_headline_is_the_headline():
    """"glitter pills" (a folder's story titled "What are glitter pills? Sparkling tablets drive new warnings") cited
    "What are glitter pills?" first, as its lead: the sentence splitter cut the file's first line in two (session 40).
    Each piece of two words or more is the headline; a phrase of it is not, nor one word."""
    from qa.scoring import is_headline, names_a_subject

    title = "What are glitter pills? Sparkling tablets drive new warnings"
    assert is_headline("What are glitter pills?", title) and is_headline("Sparkling tablets drive new warnings", title)
    assert is_headline(f"{title}.", title) and not is_headline("glitter pills", title) and not is_headline("What", title)
    assert not is_headline("What are glitter pills?", "")
    # and a subject typed alone asks for its story, as "Tell me about …" does
    assert names_a_subject("larry bucshon") and names_a_subject("tiktok states ban")
    assert not names_a_subject("who is larry bucshon") and not names_a_subject("mauna loa?")
    assert not names_a_subject("Scientists studied high radioactivity in a wild European animal.")


def test_a_heading_asking_a_question_is_answered_under_it():
    """An explainer asks a reader's question as a heading and answers it in the paragraph under it: "when is it?" after
    "national trick or treat day" is answered by "The last Saturday of October." under "When is National Trick or Treat
    Day?" (RealTimeQA's store, session 40; ``headings``). The same question word asks it, and most of its words."""
    from qa.headings import asks_as_heading, heading_over

    text = "Here's what to know.\n\nWhen is Lantern Night?\n\nThe first Friday of December. This year, that is Dec. 4."
    answer = text.index("The first")
    assert heading_over(text, answer) == "When is Lantern Night?"
    assert heading_over(text, text.index("This year")) is None  # not the first sentence of its paragraph
    assert heading_over("Why it matters\n\nIt does.", 16) is None  # no question
    assert asks_as_heading("when is it? national Lantern Night", "When is Lantern Night?")
    assert asks_as_heading("When is National Lantern Night?", "When is National Lantern Night?")
    assert not asks_as_heading("what is it? national Lantern Night", "When is Lantern Night?")
    assert not asks_as_heading("How did Russia invade?", "How did Russia invade Ukraine?")
    assert not asks_as_heading("How many died?", "How long did it last?")
    assert asks_as_heading("What's the Harbour Lights Festival?", "What is the Harbour Lights Festival?")


def test_a_photo_s_caption_says_nothing():
    """A paragraph ending on a photo's credit (a name and its agency joined by a slash: "Tom Ellery/Port Elgin Gazette",
    "JMA Himawari satellite/Japan Meteorological Agency") is the photo's caption: "who is working on it?" after
    "harbourside footbridge" cited "Workers in high-visibility jackets inspect the bridge's cables." (session 40)."""
    from qa.furniture import says_something

    caption = "Workers in high-visibility jackets inspect the bridge's cables."
    assert not says_something(caption, f"{caption} Tom Ellery/Port Elgin Gazette")
    assert not says_something(caption, f"{caption} Go Nakamura/Reuters")
    assert says_something(caption, caption) and says_something(caption, f"{caption} The council voted 7/2 for it.")
    assert says_something("The line runs 24/7 now.", "The line runs 24/7 now.")


def test_a_day_that_comes_back_says_when():
    """"When is Time for Reflection?" abstained (0.25) in SQuAD's store beside "The first item of business on Wednesdays is
    usually Time for Reflection, …": a day that comes back ("on Wednesdays", "every Monday") says when, and is no day of
    the news, which "When is …?" does not ask for (session 40; ``numbers._EVERY_WEEKDAY``)."""
    from qa.numbers import adds_number

    assert adds_number("The first item of business on Wednesdays is usually Time for Reflection.", "When is Time for Reflection?")
    assert adds_number("Bins are collected every Monday.", "When are bins collected?")
    assert not adds_number("The council met on Wednesday.", "When is the vote?")  # the news's day
    assert not adds_number("It meets on Wednesdays.", "When is it, on Wednesdays?")  # the question's own

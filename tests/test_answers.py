"""Grounded answers on a real store: citations exact, abstention, filters, follow-ups, adapters."""

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.loaders import build_article
from qa import Assistant, Config, Filters, QuestionError
from tests.conftest import DEMO_DIALOGUES, NEWS, SPIRIT, SPIRIT_CONVERSATION

RECIPE_QUESTIONS = [
    "How long should I bake sourdough bread at 230 degrees?",
    "What is the best recipe for chocolate chip cookies?",
    "Who won the 1998 football World Cup final?",
    "What is the boiling point of water on Mount Everest?",
]


@pytest.fixture(scope="module")
def seed_qa(tmp_path_factory, embedder, seed_path):
    qa = Assistant(Config.from_env(store=tmp_path_factory.mktemp("seed") / "store"), embedder=embedder)
    report = qa.ingest([seed_path])
    assert len(report.added) == 1
    return qa


def assert_grounded(qa, answer):
    """Invariants 1 and 2 of DESIGN.md on one answer."""
    for c in answer.citations:
        assert qa.store.get_article(c.article_id).article.text[c.start : c.end] == c.text
    if answer.abstained:
        assert answer.citations == () and answer.segments == ()
    else:
        assert answer.citations and answer.segments
        assert all(seg.citations for seg in answer.segments)
        markers = {n for seg in answer.segments for n in seg.citations}
        assert markers == {c.n for c in answer.citations}
        for n in markers:
            assert f"[{n}]" in answer.text


@pytest.mark.parametrize("question,expected", [
    ("Who is the spokesman of Iran's foreign ministry?", "Nasser Kanaani"),
    ("What did Kanaani call the UN resolution?", "positive step"),
    ("How many Palestinians have been killed in the war?", "32,000"),
    ("Which country abstained from the UN vote?", "United States abstained"),
])
def test_seed_questions_cite_the_right_sentence(seed_qa, question, expected):
    answer = seed_qa.ask(question)
    assert not answer.abstained, answer.to_dict()
    assert_grounded(seed_qa, answer)
    assert len(answer.citations) <= 3
    assert any(expected in c.text for c in answer.citations), answer.text


def test_a_how_many_question_is_not_held_against_its_answer(seed_qa):
    """"How many" asks for a number; the article never says "many", and in a one-article store that
    word weighed like a rare name against the answer (confidence 0.50 before, 0.95 after)."""
    question = "How many Palestinians have been killed in the war?"
    evidence = seed_qa.answerer().ranker.gather(question, seed_qa.retriever().retrieve(question))
    assert evidence.signals.article_missing == 0.0
    answer = seed_qa.ask(question)
    assert "32,000" in answer.citations[0].text and answer.confidence > 0.8, answer.to_dict()


def test_what_someone_said_is_asked_with_say(seed_qa):
    """Every form of "say" is a stopword: the question's "say" never met the article's "said" (a
    stopword already), and "What did Gilad Erdan say?" abstained at 0.20."""
    answer = seed_qa.ask("What did Gilad Erdan say?")
    assert not answer.abstained and "Gilad Erdan also slammed" in answer.citations[0].text, answer.to_dict()
    assert_grounded(seed_qa, answer)


def test_how_someone_reacted_is_what_they_said_or_did(seed_qa):
    """"How did Israel react?" cited the lead, "… killed more than 32,000 Palestinians …" and Haniyeh's second
    visit, none of them Israel's reaction (session 22)."""
    from qa.answer_kinds import asks_reaction

    assert asks_reaction("How did Israel react?") and asks_reaction("How will the union respond to the offer?")
    assert not asks_reaction("How did the reactor fail?")
    answer = seed_qa.ask("How did Israel react?")
    assert not answer.abstained and answer.citations[0].text.startswith(
        ("Israel has", "After the adoption", "Israeli Ambassador")), answer.to_dict()
    assert_grounded(seed_qa, answer)


def test_a_sentence_holding_the_question_is_not_alone_when_others_close_behind_do(seed_qa):
    """Six sentences of the demo article hold "Hamas" and "ceasefire"; the lead, first by its place,
    was cited alone, and it does not say what Hamas said (session 18)."""
    answer = seed_qa.ask("What did Hamas say about the ceasefire?")
    assert any(c.text.startswith("Hamas welcomed the UN resolution but said the ceasefire needs")
               for c in answer.citations), answer.to_dict()
    assert_grounded(seed_qa, answer)


def test_a_how_many_question_is_answered_by_its_number_first(seed_qa):
    """A quantity question is answered by a number. The sentence holding the question's words without
    one ("… in exchange for the Israeli hostages who have been kept in Gaza.") was cited alone, first,
    above "It's estimated that nearly 130 hostages have been held in Gaza …" (session 18)."""
    for question in ["How many hostages are in Gaza?", "How many Israeli hostages are in Gaza?"]:
        answer = seed_qa.ask(question)
        assert not answer.abstained and "130 hostages" in answer.citations[0].text, answer.to_dict()
        assert_grounded(seed_qa, answer)


def test_how_long_it_lasted_is_answered_by_a_duration(seed_qa, tmp_path, embedder):
    """"How long has the war lasted?" abstained (0.10) beside "… the nearly six-month war …" (issue 16's own
    example): the duration stands in for "last", "take" … in a "how long" question (session 21)."""
    answer = seed_qa.ask("How long has the war lasted?")
    assert not answer.abstained and "six-month war" in answer.citations[0].text, answer.to_dict()
    assert_grounded(seed_qa, answer)
    # and when it started is when it broke out: "… since the outbreak of the war on October 7." (abstained)
    answer = seed_qa.ask("When did the war start?")
    assert not answer.abstained and "October 7" in answer.citations[0].text, answer.to_dict()
    qa = folder_store(tmp_path, embedder, verdict=VERDICT, tram=TRAM)
    assert_answered_first(qa, [("How long did the trial take?", "ten-week trial")])


def folder_store(tmp_path, embedder, **texts: str) -> Assistant:
    """A store of articles of our own, a person's folder: each keyword a file's name, its value the text."""
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    qa = Assistant(Config.from_env(store=tmp_path / "store"), embedder=embedder)
    qa.ingest([tmp_path / f"{name}.txt" for name in texts])
    return qa


def one_article_store(tmp_path, embedder, text: str) -> Assistant:
    """A store of one article of our own (a person's folder of one)."""
    return folder_store(tmp_path, embedder, article=text)


def assert_answered_first(qa: Assistant, asked) -> None:
    """Each (question, fact): answered, the fact in the first cited sentence, every citation grounded."""
    for question, fact in asked:
        answer = qa.ask(question)
        assert not answer.abstained and fact in answer.citations[0].text, (question, answer.to_dict())
        assert_grounded(qa, answer)


def assert_each_turn_answered(qa: Assistant, turns, sent_back: bool = True) -> None:
    """Each (question, fact) asked in turn as one conversation (``chat``): answered, the fact in the first cited
    sentence, every citation grounded."""
    for (question, fact), answer in zip(turns, chat(qa, [q for q, _ in turns], sent_back), strict=True):
        assert not answer.abstained and fact in answer.citations[0].text, (sent_back, question, answer.to_dict())
        assert_grounded(qa, answer)


def assert_conversation_ends(qa: Assistant, questions, fact: str):
    """A conversation held as the web chat holds it (``chat``): its last answer answered, the fact in its first
    cited sentence, every citation grounded."""
    *_, answer = chat(qa, questions)
    assert not answer.abstained and fact in answer.citations[0].text, (questions[-1], answer.to_dict())
    assert_grounded(qa, answer)
    return answer


def chat(qa: Assistant, questions, sent_back: bool = True):
    """Hold a conversation as the web chat does: each answer goes back into the history, with its
    citations (``sent_back``) or as text only. Yields each question's answer."""
    history: list[dict] = []
    for question in questions:
        answer = qa.ask(question, history=history)
        yield answer
        d = answer.to_dict()
        history += [{"role": "user", "content": question},
                    {"role": "assistant", "content": d["answer"], **({"citations": d["citations"]} if sent_back else {})}]


def test_short_questions_a_sentence_answers_word_for_word(tmp_path, embedder):
    """A person's short question whose every word is in one sentence is answered, even though its
    cosine to a passage is low (issue 16: no false "the articles don't say")."""
    qa = one_article_store(tmp_path, embedder,
        "Kenya plans new rail link\n\nKenya said on Tuesday it will build a 480-kilometre railway from Mombasa "
        "to Kisumu at a cost of $3.6 billion. Transport minister Amina Otieno said work starts in March. "
        "The line will carry freight and passengers, and tickets will cost 1,200 shillings.\n")
    assert_answered_first(qa, [("What will the line carry?", "freight"), ("How much will tickets cost?", "1,200 shillings"),
                              ("How long is the railway?", "480-kilometre")])
    for question in ["How much do ferry tickets to Oslo cost?", "What will the pipeline carry?"]:
        assert qa.ask(question).abstained, question
    # in a conversation: a short whole question the article answers as asked is not bent towards the
    # last subject (with "tickets cost" carried over it cited the tickets sentence first)
    history = [{"role": "user", "content": "How much will tickets cost?"},
               {"role": "assistant", "content": qa.ask("How much will tickets cost?").text}]
    answer = qa.ask("Who is the transport minister?", history=history)
    assert "Amina Otieno" in answer.citations[0].text, answer.to_dict()
    answer = qa.ask("What will it carry?", history=history)  # a pronoun: the subject is carried
    assert "freight" in answer.citations[0].text and answer.query != "What will it carry?", answer.to_dict()


def test_a_question_in_the_present_matches_the_article_s_past(seed_qa, tmp_path, embedder):
    """Questions ask in the present ("leave", "holds"), news reports in the past ("left", "held"):
    irregular verb forms count as their base form (qa.verbforms). Before, the hostages question cited
    three sentences none of which was about hostages, and the train question was barely answered."""
    answer = seed_qa.ask("How many hostages does Israel say Hamas holds?")
    assert "130 hostages" in answer.citations[0].text, answer.to_dict()
    qa = one_article_store(tmp_path, embedder,
        "Kenya opens railway to Kisumu\n\nKenya opened a 480-kilometre railway between Nairobi and Kisumu on "
        "Monday. The transport minister said the line will carry freight and passengers. The first train left "
        "Nairobi at 8 a.m. with 600 passengers on board.\n")
    for question, fact in [("When did the first train leave?", "8 a.m."), ("Where did the first train leave from?", "8 a.m.")]:
        answer = qa.ask(question)
        # before: 0.33 and 0.32 here, just above the threshold (and 0.26 beside a second article)
        assert answer.confidence > 0.6 and fact in answer.citations[0].text, (question, answer.to_dict())
        assert_grounded(qa, answer)
    assert qa.ask("When did the first ferry leave?").abstained


def test_a_question_s_us_meets_the_article_s_united_states(seed_qa):
    """News writes "US", "U.S." and "the United States" for one country (qa.scoring.one_spelling).
    Before, this question cited three sentences on the Israeli statement (confidence 0.53) and not
    the one sentence that answers it."""
    for question in ["What did the US do in the UN vote?", "What did the U.S. do in the U.N. vote?"]:
        answer = seed_qa.ask(question)
        assert answer.citations[0].text.startswith("The United States abstained from the UN vote"), answer.to_dict()
        assert answer.confidence > 0.8, answer.to_dict()
        assert_grounded(seed_qa, answer)


@pytest.mark.parametrize("question", RECIPE_QUESTIONS)
def test_off_topic_questions_abstain(seed_qa, question):
    answer = seed_qa.ask(question)
    assert answer.abstained, answer.to_dict()
    assert answer.text.startswith("The articles don't say")
    assert_grounded(seed_qa, answer)
    assert all(p.article_id for p in answer.related)  # related reading, never citations


words = st.sampled_from(
    "Hamas Haniyeh Tehran Iran resolution ceasefire Gaza Israel UN vote spokesman hostages prisoners "
    "what who when why how did the is of in a visit war killed said called step bread football "
    "which US U.S. United States? ? . ,".split()  # the kind after "which", one spelling, several sentences
)


@settings(max_examples=40)
@given(st.lists(words, min_size=1, max_size=12).map(" ".join))
def test_every_answer_is_grounded(seed_qa, question):
    assert_grounded(seed_qa, seed_qa.ask(question))


def test_follow_up_question_uses_history(seed_qa):
    history = [{"role": "user", "content": "Who is the spokesman of Iran's foreign ministry?"},
               {"role": "assistant", "content": "Nasser Kanaani [1]"}]
    answer = seed_qa.ask("What did he call the resolution?", history=history)
    assert not answer.abstained
    assert any("positive step" in c.text for c in answer.citations)
    assert "spokesman" in answer.query


def test_questions_are_checked_before_any_work(seed_qa):
    with pytest.raises(QuestionError, match="empty"):
        seed_qa.ask("   ")
    with pytest.raises(QuestionError, match="limit"):
        seed_qa.ask("why " * 100_000)


@pytest.fixture(scope="module")
def dated_qa(tmp_path_factory, embedder):
    qa = Assistant(Config.from_env(store=tmp_path_factory.mktemp("dated") / "store"), embedder=embedder)
    arts = [
        build_article(text="The river Wen flooded the town of Ashby on Monday. Hundreds were evacuated.",
                      title="Ashby floods", source="wire", published="2024-01-10", explicit_id="flood-jan"),
        build_article(text="The river Wen flooded the town of Ashby again on Friday. Dozens were evacuated.",
                      title="Ashby floods again", source="daily", published="2024-03-02", explicit_id="flood-mar"),
    ]
    qa.ingest_articles(arts)
    return qa


@pytest.mark.parametrize("filters,allowed", [
    (Filters(since=date(2024, 2, 1)), {"flood-mar"}),
    (Filters(until=date(2024, 1, 31)), {"flood-jan"}),
    ({"sources": ["wire"]}, {"flood-jan"}),
    ({"article_ids": ["flood-mar"]}, {"flood-mar"}),
    ({"as_of": "2024-02-01"}, {"flood-jan"}),
])
def test_filters_restrict_citations(dated_qa, filters, allowed):
    answer = dated_qa.ask("When did the river Wen flood Ashby?", filters=filters)
    assert not answer.abstained
    assert {c.article_id for c in answer.citations} <= allowed
    retrieval = dated_qa.retriever().retrieve("river Wen flood Ashby", filters if isinstance(filters, Filters) else Filters.from_dict(filters))
    assert {a for a, _ in retrieval.articles} == allowed


def test_as_of_prefers_recent_articles(dated_qa):
    from qa.retrieval import recency_boost

    boosted = recency_boost([("old", 1.0), ("new", 0.8)], {"old": date(2024, 1, 1), "new": date(2024, 3, 1)},
                            date(2024, 3, 2), tau_days=14, weight=2.0)
    assert [a for a, _ in boosted] == ["new", "old"]
    r = dated_qa.retriever().retrieve("river Wen flooded Ashby", Filters(as_of=date(2024, 3, 5)))
    assert r.articles[0][0] == "flood-mar"


def test_llamaindex_retriever_adapter(seed_qa):
    from llama_index.core.base.base_retriever import BaseRetriever

    from qa.llamaindex import ArticleRetriever

    retriever = ArticleRetriever(seed_qa, top_k=2)
    assert isinstance(retriever, BaseRetriever)
    nodes = retriever.retrieve("Who visited Tehran?")
    assert 1 <= len(nodes) <= 2
    assert "Tehran" in nodes[0].node.get_content()
    assert nodes[0].node.metadata["article_id"] == seed_qa.articles()[0].article.id
    assert nodes[0].score > 0


def test_cli_ask_json_schema(seed_qa, capsys):
    from qa.cli import main

    store = str(seed_qa.config.store)
    assert main(["ask", "Who is the spokesman of Iran's foreign ministry?", "--store", store, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"answer", "abstained", "citations", "segments", "timings_ms", "mode", "related"} <= set(out)
    assert out["abstained"] is False and out["mode"] == "extractive"
    c = out["citations"][0]
    assert set(c) == {"n", "article_id", "title", "url", "published", "sentence_index", "start", "end", "text", "score"}
    assert out["segments"][0]["citations"][0] == 1
    assert {n for seg in out["segments"] for n in seg["citations"]} == {c["n"] for c in out["citations"]}
    assert main(["ask", "", "--store", store]) == 2
    assert "empty" in capsys.readouterr().err
    assert main(["ask", "x" * 5000, "--store", store]) == 2
    assert "limit" in capsys.readouterr().err


def _cand(aid, index, score, text="Some sentence.", dense=0.0):
    from qa.evidence import Candidate

    return Candidate(aid, index, 0, len(text), text, 0.0, 0.0, 0.0, dense, score)


def test_selection_prefers_a_neighbour_of_the_best_sentence(embedder):
    from qa.extractive import AnswerConfig, ExtractiveAnswerer

    cands = [_cand("a", 5, 1.0, "The senators agreed on a gun bill."),
             _cand("b", 9, 0.9, "Another story about guns in other states.", dense=0.5),
             _cand("a", 6, 0.75, "Also absent is a ban on assault weapons.", dense=0.5)]
    plain = ExtractiveAnswerer(None, embedder, AnswerConfig(max_sentences=2, w_adjacent=0.0)).select(cands)
    near = ExtractiveAnswerer(None, embedder, AnswerConfig(max_sentences=2, w_adjacent=0.5)).select(cands)
    assert [(c.article_id, c.index) for c in plain] == [("a", 5), ("b", 9)]
    assert [(c.article_id, c.index) for c in near] == [("a", 5), ("a", 6)]
    # a neighbour that is not itself about the question (its cosine under about_min_dense) is padding
    cands[2] = _cand("a", 6, 0.75, "Shares of both rose.", dense=0.1)
    near = ExtractiveAnswerer(None, embedder, AnswerConfig(max_sentences=2, w_adjacent=0.5)).select(cands)
    assert [(c.article_id, c.index) for c in near] == [("a", 5), ("b", 9)]
    # another story's sentence not itself about the question is padding too (session 22)
    cands[1] = _cand("b", 9, 0.9, "Another story about guns in other states.", dense=0.1)
    near = ExtractiveAnswerer(None, embedder, AnswerConfig(max_sentences=2, w_adjacent=0.5)).select(cands)
    assert [(c.article_id, c.index) for c in near] == [("a", 5)]


def test_selection_drops_syndicated_copies_and_weak_sentences(embedder):
    from qa.extractive import AnswerConfig, ExtractiveAnswerer

    text = "The company announced a 20-for-1 stock split on Wednesday."
    cands = [_cand("a", 1, 1.0, text), _cand("b", 1, 0.95, text), _cand("c", 3, 0.2, "Weak.")]
    chosen = ExtractiveAnswerer(None, embedder, AnswerConfig()).select(cands)
    assert [(c.article_id, c.index) for c in chosen] == [("a", 1)]


def test_novelty_and_question_kinds():
    from qa.evidence import novelty
    from qa.numbers import expects_number

    q = {"how", "many", "republicans", "supported", "the", "bill"}
    assert expects_number("How many Republicans supported the bill?")
    assert expects_number("In what year did the war end?")
    assert not expects_number("Which company announced a stock split?")
    assert novelty("The bill was supported by 12 Republicans.", q, "number") == 1.0
    assert novelty("The bill was supported by Republicans.", q, "number") == 0.0
    assert novelty("Amazon announced the split.", {"which", "company"}, "name") == 1.0
    assert novelty("The company announced the split.", {"which", "company"}, "name") == 0.0


def test_a_date_in_words_is_a_number_the_question_lacks():
    from qa.numbers import adds_number

    question = "When did the 1973 oil crisis begin? "
    assert adds_number("The 1973 oil crisis began in October 1973 when OAPEC proclaimed an embargo.", question)
    assert not adds_number("The 1973 oil crisis was a shock to the world economy.", question)
    assert adds_number("It was signed on Monday.", "When was it signed?")
    assert not adds_number("It was signed on Monday.", "What was signed on Monday?")
    assert not adds_number("The council chose her, a spokesman said on Thursday.", "When does she start?")
    assert not adds_number('Oxford said Monday that "goblin mode" was chosen.', "How many people voted?")
    assert adds_number("Beneath him are fourteen Vice Presidents.", "How many Vice Presidents are there?")
    assert not adds_number("He is one of the Vice Presidents.", "How many Vice Presidents are there?")
    # a date is written in digits or with a month or weekday, not as a number in words
    assert not adds_number("The council created the post after two ferries collided.", "When does she start?")
    assert adds_number("The chain was founded in 1987 by two brothers.", "When was the chain founded?")


def test_a_measure_is_answered_in_its_unit():
    from qa.numbers import adds_number, expects_number, holds_measure

    deep, cold = "How deep did the rover drill?", "How cold is the crater?"
    assert expects_number(deep) and expects_number(cold) and expects_number("How heavy is the sample?")
    assert holds_measure("Its drill brought up samples from a depth of 80 centimetres.", deep)
    assert not holds_measure("It spent eleven weeks driving along the crater's rim.", deep)
    assert adds_number("It spent eleven weeks driving along the crater's rim.", deep)
    assert holds_measure("Temperatures there fall to minus 230 degrees Celsius.", cold)
    assert holds_measure("It has lasted nearly six-month so far.", "How long has the war lasted?")
    # a time counted, not a time word beside another number: "… 80% … cancelled on strike days …" (session 22)
    strike = "How long will the strike last?"
    assert holds_measure("Drivers will walk out for three days starting Monday.", strike)
    assert holds_measure("It completed its 25½-day journey.", "How long did the journey take?")
    assert not holds_measure("About 80% of services would be cancelled on strike days.", strike)
    assert not holds_measure("About 80% of services would be cancelled on strike days.", "How many days will it last?")
    assert not holds_measure("People who walked 7,000 steps a day were healthier.", "How long did the study last?")
    assert holds_measure("It followed 62,000 adults for an average of eight years.", "How long did the study last?")
    # a score is a scoreline: a count of supporters is none (session 21)
    score, crowd = "Riverside beat Castleford Rovers 5-4 on penalties after a 2-2 draw.", "About 84,000 supporters attended."
    for q in ["What was the score?", "What was the final score?", "What's the score in the final?"]:
        assert expects_number(q) and holds_measure(score, q) and not holds_measure(crowd, q), q
    assert holds_measure("The council voted 31 to 14 on Monday.", "What was the score?")
    # "how many <noun>" counts that noun: "22 stops", not the vote's "31 to 14" (time and length in any unit)
    stops = "How many stops will the tram have?"
    assert holds_measure("The 18-kilometre line will have 22 stops.", stops)
    assert not holds_measure("The council voted 31 to 14 on Monday.", stops)
    assert holds_measure("At least 12 people were killed.", "How many people died?")
    # people are counted by who they are (session 22)
    assert holds_measure("About 84,000 supporters attended the final.", "How many people watched the final?")
    assert holds_measure("It expects the plant to employ 1,500 people.", "How many jobs will the plant create?")
    assert not holds_measure("It will cost $2 billion and open in 2028.", "How many jobs will the plant create?")
    # a person's age is written as one: "Keel, 61, …", "a 38-year-old", not "… six years in prison"
    for q in ["How old is he?", "How old is Martin Keel?"]:
        assert holds_measure("A jury found Keel, 61, guilty last month.", q), q
        assert holds_measure("Nolan, a 38-year-old former teacher, campaigned.", q), q
        assert not holds_measure("Keel was sentenced on Friday to six years in prison.", q), q
    assert holds_measure("The tree has stood for 300 years.", "How old is the tree?")
    assert not expects_number("Who scored the winning penalty?")
    # without a measure's "how …", any number the question lacks is one
    assert holds_measure("It spent eleven weeks driving.", "How many days did it drive?")
    # "none" answers "how many"
    assert adds_number("None of the original treaties establishing the European Union mention fundamental rights.",
                       "How many original treaties establishing the EU protected fundamental rights?")


ROVER = (
    "Lunar rover finds water ice in shadowed crater, mission team says\n\n"
    "A small robotic rover operated by the European Space Agency has found water ice mixed into the soil of a "
    "permanently shadowed crater near the Moon's south pole, scientists announced on Tuesday.\n\n"
    "The rover, named Pathfinder Luna, landed in the Shackleton region in February and spent eleven weeks driving "
    "along the crater's rim before descending into its floor in early May. Its drill brought up samples from a "
    "depth of 80 centimetres, and an onboard spectrometer detected ice making up about 4 percent of the soil by "
    "weight.\n\n"
    "The crater floor has not seen sunlight for more than two billion years, and temperatures there fall to minus "
    "230 degrees Celsius. Engineers had feared the rover's batteries would fail in the cold; a radioisotope heater "
    "supplied by NASA kept them working.\n\n"
    "The mission cost 410 million euros, about a third of what a comparable NASA rover would cost, according to "
    "the agency.\n\n"
    "The rover will keep drilling until its power runs low, which the team expects in September.\n")


def test_a_measure_question_is_answered_by_the_sentence_holding_it(tmp_path, embedder):
    """"How deep did the rover drill?" cited "… eleven weeks driving along the crater's rim …" first (a
    number, and first by its place), "… a depth of 80 centimetres …" third; "How cold is the crater?"
    the lead first, the temperature third (session 19)."""
    qa = one_article_store(tmp_path, embedder, ROVER)
    for question, fact in [("How deep did the rover drill?", "80 centimetres"),
                           ("How cold is the crater?", "230 degrees")]:
        answer = qa.ask(question)
        assert not answer.abstained and fact in answer.citations[0].text, (question, answer.to_dict())
        assert not any("eleven weeks" in c.text for c in answer.citations), (question, answer.to_dict())
        assert_grounded(qa, answer)


def test_she_is_whom_the_last_who_question_was_answered_with(tmp_path, embedder):
    """Seen in the chat (session 19): "Who is the principal investigator?" (a follow-up) was answered
    with Dr. Helena Kowalczyk's quote, then "What did she say?" was searched with the rover story's
    words only and cited the lead."""
    qa = one_article_store(tmp_path, embedder, ROVER + (
        '\n"This is the first time we have touched lunar ice directly rather than inferring it from orbit," said '
        "Dr. Helena Kowalczyk, the mission's principal investigator at the University of Kraków.\n"))
    answer = assert_conversation_ends(qa, ["What did the lunar rover find?", "Who is the principal investigator?",
                                           "What did she say?"], "Helena Kowalczyk")
    assert "Helena Kowalczyk" in answer.query, answer.query


def test_lead_sentences_of_top_articles_are_candidates(seed_qa):
    from qa.evidence import SentenceRanker

    r = seed_qa.retriever().retrieve("What did the spokesman say about the resolution?")
    pool = SentenceRanker(seed_qa.store, seed_qa.embedder, seed_qa.answer_config).pool(r)
    top_article = r.articles[0][0]
    assert all((top_article, i) in pool for i in range(min(4, len(seed_qa.store.sentences(top_article)))))
    cands = SentenceRanker(seed_qa.store, seed_qa.embedder, seed_qa.answer_config).candidates(r.query, r)
    keys = {(c.article_id, c.index) for c in cands}
    assert keys <= set(pool)
    for aid, i in set(pool) - keys:  # only a sentence that is the headline itself is left out
        sa = seed_qa.store.get_article(aid)
        s = seed_qa.store.sentences(aid)[i]
        assert sa.article.text[s.start : s.end].strip(" .").casefold() == sa.article.title.strip(" .").casefold()
    assert all(c.asks == (1.0 if c.text.rstrip(" \"'”’)").endswith("?") else 0.0) for c in cands)


@pytest.mark.parametrize("turns,fact", DEMO_DIALOGUES)
def test_conversations_answer_their_last_turn(seed_qa, turns, fact):
    """Held as a chat holds it: each answer goes back into the history (Python API)."""
    from qa.dialogues import converse, is_right

    last = converse(lambda q, h, f: seed_qa.ask(q, history=h, filters=f).to_dict(), tuple(turns))
    assert is_right(last, (fact,)), (turns, last["query"], last["answer"])


@pytest.mark.parametrize("question", ["Who is Nasser Kanaani?", "Who is Gilad Erdan?", "Who is Ismail Haniyeh?",
                                      "Who is Benjamin Netanyahu?", "Who is Kanaani?"])
def test_anyone_the_article_names_can_be_asked_about(seed_qa, question):
    """A short name question is far in meaning from any passage; the exact name match carries it."""
    answer = seed_qa.ask(question)
    assert not answer.abstained, answer.to_dict()
    name = question.removeprefix("Who is ").rstrip("?")
    assert all(part in answer.citations[0].text for part in name.split()), (name, answer.citations[0].text)


def test_a_sentence_that_holds_the_question_is_cited_alone(seed_qa, tmp_path, embedder):
    """The answer at a glance: a best sentence holding the question's words and more of its own is
    the whole answer (before: two or three sentences, the rest padding). Another article's sentence
    holding them too is another story's answer, and both are cited."""
    answer = seed_qa.ask("Who is Nasser Kanaani?")
    assert len(answer.citations) == 1, answer.to_dict()
    assert answer.citations[0].text.startswith("Iranian foreign ministry spokesman Nasser Kanaani called")
    answer = seed_qa.ask("Where did Haniyeh meet Iranian officials?")
    assert len(answer.citations) == 1 and "visited Tehran" in answer.citations[0].text, answer.to_dict()
    for name, text in [("frontier", "Frontier to buy Spirit\n\nFrontier Airlines is buying its rival Spirit Airlines in a "
                        "deal announced in February, the budget carriers said. Shares of both rose.\n"),
                       ("jetblue", "JetBlue bids for Spirit\n\nAfter Frontier walked away in July, JetBlue Airways "
                        "became the airline buying Spirit Airlines, the New York carrier said. Regulators must approve.\n")]:
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    qa = Assistant(Config.from_env(store=tmp_path / "store"), embedder=embedder)
    qa.ingest([tmp_path / "frontier.txt", tmp_path / "jetblue.txt"])
    answer = qa.ask("Which airline is buying Spirit Airlines?")
    cited = " ".join(c.text for c in answer.citations)
    assert "Frontier Airlines is buying" in cited and "JetBlue Airways became" in cited, answer.to_dict()
    assert "Shares of both rose" not in cited and "Regulators" not in cited, answer.to_dict()


KESTREL = """Kestrel is back: the folding bicycle young riders want

Sales of folding bicycles, which city commuters once mocked, had been falling for a decade. Young riders have made \
one brand of folding bicycle popular again, shop owners say. Kestrel said on Tuesday that orders of its folding \
bicycles doubled this year, and that it would open two new shops. Rivals have struggled to keep up.
"""


def test_what_the_headline_adds_to_the_question_is_the_answer(tmp_path, embedder):
    """News states its news in the headline; a sentence that restates the question without it ("one
    brand of folding bicycle") is not the answer, the one that holds it ("Kestrel said …") may be.
    Before: the restatement came first, and for the second question it was the whole answer."""
    qa = one_article_store(tmp_path, embedder, KESTREL)
    answer = qa.ask("A folding bicycle brand is seeing a boost in popularity among young riders. Which brand is it?")
    assert answer.citations[0].text.startswith("Kestrel said"), answer.to_dict()
    answer = qa.ask("Which folding bicycle brand is popular with young riders?")
    assert any(c.text.startswith("Kestrel said") for c in answer.citations), answer.to_dict()


HARBOUR = """Port Halden Picks Marisol Ortega As Its First Harbour Master

The coastal town has chosen a harbour master for the first time in its history, the town council said on Thursday. \
Marisol Ortega, a former ferry captain from Lisbon, will take up the post in March. The council created the post \
after two ferries collided in the harbour last winter. Ortega said her first task would be a new timetable.
"""
WORD_OF_THE_YEAR = """Oxford names its word of the year

According to Oxford University Press, the publisher behind the Oxford English Dictionary, the slang term refers to \
a type of behaviour that is unapologetically lazy or greedy. Oxford Dictionaries said Monday that "goblin mode" has \
been selected by online vote as its word of the year. More than 300,000 people voted in the poll.
"""


def test_a_lead_that_only_restates_the_question_is_not_the_whole_answer(tmp_path, embedder):
    """Seen in the chat (session 18): "Who is the new harbour master?" was answered by the lead alone,
    which names no one ("… the town council said on Thursday": a weekday is no answer); the headline's
    news is in a sentence with none of the question's words. And "How many people voted …?" was the
    lead alone too while its "Monday" counted as the number asked for."""
    (tmp_path / "harbour").mkdir()
    (tmp_path / "oxford").mkdir()
    qa = one_article_store(tmp_path / "harbour", embedder, HARBOUR)
    answer = qa.ask("Who is the new harbour master?")
    assert any("Marisol Ortega, a former ferry captain" in c.text for c in answer.citations), answer.to_dict()
    history = [{"role": "user", "content": "Who is the new harbour master?"}, answer.to_dict() | {"role": "assistant"}]
    history[1]["content"] = history[1].pop("answer")
    answer = qa.ask("Where is she from?", history=history)  # she: the harbour master the answer named
    assert "from Lisbon" in answer.citations[0].text, answer.to_dict()
    # when she starts is not when the council said so ("… said on Thursday")
    answer = qa.ask("When does she start?", history=history)
    assert "in March" in answer.citations[0].text, answer.to_dict()
    assert not any("two ferries" in c.text for c in answer.citations), answer.to_dict()  # no date (session 19)
    qa = one_article_store(tmp_path / "oxford", embedder, WORD_OF_THE_YEAR)
    answer = qa.ask("How many people voted for the word of the year?")
    assert any("300,000 people voted" in c.text for c in answer.citations), answer.to_dict()


def test_first_ever_is_read_as_first(tmp_path, embedder):
    """"What country elected its first-ever leftist leader this week?" weighed "ever" as a word the article must hold and
    abstained (0.29, RealTimeQA's store) beside "Gustavo Petro will become Colombia's first leftist leader, …" (session
    29): "ever" says nothing a sentence must write, and the question reads as one asking "first" (its confidence apart
    from the two questions' vectors: 0.88 against 0.99 here before)."""
    qa = folder_store(tmp_path, embedder, harbour=HARBOUR, measles=MEASLES, fog=FOG)
    for question in ("Which town chose its {} harbour master?", "Where was the {} measles case confirmed?"):
        ever, first = (qa.ask(question.format(word)) for word in ("first-ever", "first"))
        assert not ever.abstained and ever.confidence == pytest.approx(first.confidence, abs=0.02), (ever.to_dict(), first.to_dict())
        assert [c.text for c in ever.citations] == [c.text for c in first.citations]


def test_a_rise_written_otherwise_over_the_period_asked(tmp_path, embedder):
    """"How much have US food prices risen over the past year?" (RealTimeQA as of its date) cited a 2018 story's "The
    price of all food has risen 26.8 percent over the past 10 years, …" before the week's "Food costs spiked 11.4% over
    the past year, …": a rise is written in many words, a price as what a thing costs (``other_forms.DERIVED``), and
    "the past 10 years" holds no "year" a question about "the past year" asks (``scoring.other_period_terms``;
    session 29)."""
    from qa.asked import stand_ins
    from qa.scoring import other_period_terms, periods

    qa = folder_store(tmp_path, embedder, decade=RENTS_DECADE, year=RENTS_YEAR, snow=SNOW, measles=MEASLES)
    assert_answered_first(qa, [("How much have rents in Norbridge risen over the past year?", "jumped 7.2 percent"),
                               ("How much have rents in Norbridge risen over the past 10 years?", "48 percent"),
                               ("what is the price of a two-bedroom flat", "1,450 pounds")])
    assert qa.ask("what is the price of a two-bedroom flat").confidence > 0.9  # (0.64 before: "costs")
    assert periods("over the past year, and the last 10 years") == {("1", "year"), ("10", "year")}
    asked = periods("How much over the past year?")
    assert other_period_terms(asked, "… over the past 10 years, …") == {"year"}
    assert not other_period_terms(asked, "… over the past year and the past 10 years …")
    assert not other_period_terms(asked, "… over the past 10 months …")
    assert {"jump", "soar", "spike"} <= stand_ins("How much have prices risen?")["rise"]
    assert "cost" in stand_ins("What is the price?")["price"]


def test_a_new_subject_that_only_says_the_is_what_she_refers_to(tmp_path, embedder, seed_path):
    """Seen in the chat (session 18): after the hostages, "Who is the new harbour master?" (answered from
    the harbour story) left the conversation's subject on the hostages, and "Where is she from?" cited
    the hostages sentences. The history carries each answer's citations, as the web chat sends them."""
    (tmp_path / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "haniyeh-tehran.txt").write_bytes(seed_path.read_bytes())
    qa = Assistant(Config.from_env(store=tmp_path / "store"), embedder=embedder)
    qa.ingest([tmp_path / "harbour.txt", tmp_path / "haniyeh-tehran.txt"])
    *_, answer = chat(qa, ["How many hostages are in Gaza?", "Who is the new harbour master?", "Where is she from?"])
    assert "from Lisbon" in answer.citations[0].text, answer.to_dict()


CUP_FINAL = (
    "Riverside United win the cup final on penalties after 2-2 draw\n\n"
    "Riverside United won the National Cup for the first time in 38 years on Saturday, beating Castleford Rovers "
    "5-4 on penalties after a 2-2 draw at Wembley Park stadium.\n\n"
    "Castleford took the lead in the 12th minute through striker Tomás Ibarra, who headed in a corner. Riverside "
    "equalised before half-time when midfielder Jake Okonkwo curled a free kick into the top corner.\n\n"
    "In the shootout, Riverside goalkeeper Sam Whitfield saved the fifth penalty, taken by Castleford captain "
    "Daniel Reyes, and Okonkwo scored the winning kick.\n\n"
    "\"I told the players at half-time that this club has waited long enough,\" said Riverside manager Grace "
    "Adeyemi, who took charge only last season.\n\n"
    "About 84,000 supporters attended the final.\n")


def test_a_follow_up_is_answered_by_its_own_words_not_by_the_story_s_lead(tmp_path, embedder):
    """Seen in the chat (session 19): after "Who won the cup final?", every follow-up ("Who was their
    goalkeeper?", "Who is their manager?") cited the lead again: searched with the subject's words
    ("… won cup final Riverside United"), the lead held them all and the headline's news."""
    qa = one_article_store(tmp_path, embedder, CUP_FINAL)
    turns = [("Who won the cup final?", "Riverside United won the National Cup"),
             ("Who was their goalkeeper?", "goalkeeper Sam Whitfield"), ("Who is their manager?", "manager Grace Adeyemi")]
    assert_each_turn_answered(qa, turns)


def test_how_many_of_a_thing_is_answered_by_its_count_alone(tmp_path, embedder):
    """"How many stops will the tram have?" cited "… will have 22 stops …", then the lead ("… voted 31 to 14
    …") and the budget: any number counted as the answer's, so the sentence did not stand alone (session
    21; the dev sets' first cited sentence rose with it: RealTimeQA 0.725 -> 0.736, SQuAD 0.827 -> 0.840)."""
    qa = folder_store(tmp_path, embedder, tram=TRAM, bakery=BAKERY, final=CUP_FINAL)
    answer = qa.ask("How many stops will the tram have?")
    assert not answer.abstained and [c.text[:40] for c in answer.citations] == [
        "The 18-kilometre line will have 22 stops"], answer.to_dict()


STRIKE = (
    "Rail workers to strike for three days next week over pay\n\n"
    "Train drivers at Northern Line Rail will walk out for three days starting Monday after talks over pay broke "
    "down, their union said on Friday.\n\n"
    "Drivers are asking for a 9% raise to keep up with the cost of living; the company has offered 4% this year "
    "and 3% next year.\n\n"
    "Northern Line Rail said about 80% of its services would be cancelled on strike days and urged passengers to "
    "work from home where they could.\n\n"
    "It would be the second strike this year; drivers walked out for one day in March.\n")
STORM = (
    "Hurricane Mara makes landfall near Port Lavaca, leaving 300,000 without power\n\n"
    "Hurricane Mara made landfall near Port Lavaca, Texas, early Tuesday as a Category 3 storm with maximum "
    "sustained winds of 120 mph, the National Hurricane Center said.\n\n"
    "More than 300,000 homes and businesses lost power across the Gulf Coast, according to the utility tracker "
    "PowerOutage.us.\n\n"
    "Two people died when a tree fell on their car near Victoria, the county sheriff said.\n")


def test_a_count_is_answered_in_what_it_counts(tmp_path, embedder):
    """Seen on articles of our own (session 22): "How long will the strike last?" cited "… 80% of its services
    would be cancelled on strike days …" (a number and the word "days") before "… will walk out for three days
    …"; "How many people lost power?" abstained (0.28) beside "More than 300,000 homes and businesses lost
    power …": people are counted by who they are ("How many people attended the final?" rose from 0.35 to
    0.90 beside "About 84,000 supporters attended the final."; "… watched …" still abstains)."""
    qa = folder_store(tmp_path, embedder, strike=STRIKE, storm=STORM, cup=CUP_FINAL)
    assert_answered_first(qa, [("How long will the strike last?", "walk out for three days"),
                              ("How many people lost power?", "300,000 homes and businesses"),
                              ("How many people attended the final?", "84,000 supporters"),
                              ("How many people died?", "Two people died")])


STUDY = (
    "Daily walk cuts risk of heart disease, large study finds\n\n"
    "People who walked at least 7,000 steps a day had a 40% lower risk of heart disease than those who walked "
    "fewer than 4,000, according to a study published Monday in the journal Circulation.\n\n"
    "Researchers at the University of Leeds followed 62,000 adults in Britain for an average of eight years, "
    "using wrist-worn trackers to count their steps.\n\n"
    "The benefit levelled off at about 10,000 steps, the study found.\n\n"
    "\"You do not need to run a marathon,\" said Dr. Amira Haddad, the study's lead author.\n\n"
    "About 7.6 million people in the UK live with heart and circulatory diseases, according to the British Heart "
    "Foundation, which funded part of the research.\n")


def test_how_long_is_answered_by_a_time_counted_however_far_behind(tmp_path, embedder):
    """"How long did it run?" after "What did the walking study find?" cited "… need to run a marathon …"
    (its verb) and "How long did the study last?" "People who walked … 7,000 steps a day …" (a rate read as
    a time); "… followed 62,000 adults … for an average of eight years …" was 0.23 behind (session 22)."""
    qa = folder_store(tmp_path, embedder, study=STUDY, strike=STRIKE)
    assert_answered_first(qa, [("How long did the study last?", "for an average of eight years")])
    assert_conversation_ends(qa, ["What did the walking study find?", "How long did it run?"], "eight years")


def test_who_did_it_is_answered_by_the_name_before_the_verb(tmp_path, embedder):
    """"Who funded it?" after "What did the walking study find?" cited the study's lead; "… according to the
    British Heart Foundation, which funded part of the research." names the doer before the verb (session
    22; "… funded by …" was read already)."""
    from qa.by_whom import says_by_whom

    assert says_by_whom("Northgate Partners bought the chain.", "bui")  # "bought": "buy"
    assert not says_by_whom("Drivers funded it.", "fund") and not says_by_whom("It was funded in May.", "fund")
    qa = folder_store(tmp_path, embedder, study=STUDY, strike=STRIKE)
    assert_conversation_ends(qa, ["What did the walking study find?", "Who funded it?"], "British Heart Foundation")


TRANSFER = (
    "Harbour City sign striker Leo Marchetti for record £62m\n\n"
    "Harbour City have signed Italian striker Leo Marchetti from Torino for a club-record fee of £62 million, the "
    "Premier League club announced on Wednesday.\n\n"
    "The 24-year-old has agreed a five-year contract and will wear the number nine shirt.\n\n"
    "\"I have dreamed of playing in England since I was a boy,\" Marchetti said. \"I want to win trophies here.\"\n\n"
    "Manager Ruth Okafor said the club had tracked the forward for two years.\n\n"
    "Marchetti could make his debut against Westbury on Saturday if his work permit is approved in time.\n")
ROBBERY = (
    "Police arrest two men after jewellery store robbery in Millbrook\n\n"
    "Police have arrested two men after a jewellery store in Millbrook was robbed on Saturday afternoon, Millbrook "
    "Police said on Sunday.\n\n"
    "Most of the stolen items have been recovered, police said.\n\n"
    "The store's owner, Margaret Lowe, thanked the public for their help. \"The community has been wonderful,\" "
    "she said.\n")


def test_what_someone_said_is_their_quote(tmp_path, embedder):
    """Seen on articles of our own (session 22): after "Who did Harbour City sign?" (answered: "… Leo
    Marchetti …"), "he" was read as Harbour City ("Who did <a name> …?" gave no answered name), and "What did
    he say?" cited the lead; "When could he play his first game?" cited his quote. "What did Margaret Lowe
    say?" cited "… thanked the public …", not her words in the next sentence."""
    from qa.named import answered_name

    assert answered_name("Who did Harbour City sign?", "Harbour City have signed … Leo Marchetti … [1]") == ["Leo Marchetti"]
    assert answered_name("who is joey chestnut?", "Joey Chestnut won the Nathan's Famous contest. [1]") == []
    from qa.answer_kinds import asks_what_said

    assert asks_what_said("What did she tell reporters?") and asks_what_said("What did Hamas say about the ceasefire?")
    assert not asks_what_said("What did the Court say the Commission had proven?")  # what it found (SQuAD dev)
    qa = folder_store(tmp_path, embedder, transfer=TRANSFER, robbery=ROBBERY, strike=STRIKE)
    turns = [("Who did Harbour City sign?", "striker Leo Marchetti"), ("What did he say?", "I have dreamed"),
             ("When could he play his first game?", "make his debut against Westbury on Saturday")]
    assert_each_turn_answered(qa, turns)
    assert_answered_first(qa, [("What did Margaret Lowe say?", "The community has been wonderful"),
                              ("What did the manager say?", "Manager Ruth Okafor said")])


PHONE = (
    "Nimbus unveils foldable phone with two-day battery\n\n"
    "The technology company Nimbus unveiled its first foldable smartphone, the Nimbus Fold, at an event in San Jose "
    "on Tuesday.\n\n"
    "The phone will go on sale in the United States on October 3 and will cost $1,299.\n\n"
    "Nimbus sold 41 million phones last year, making it the world's fifth-largest smartphone maker.\n")


def test_a_time_is_answered_by_the_sentence_holding_the_follow_up_s_own_word(tmp_path, embedder):
    """"When could he play his first game?" after "Who did Harbour City sign?" in a store of three articles cited
    the lead, the signing's "… announced on Wednesday." (the day of the news) and the padding after it:
    "Marchetti could make his debut against Westbury on Saturday …" holds its own word ("first": a debut)
    and was 0.59 behind (session 22; in a store of seven it came first)."""
    transfer = TRANSFER.replace("Manager Ruth", "Marchetti scored 27 goals in all competitions last season, the most "
                                "of any player in Serie A.\n\nManager Ruth") + (
        "\nThe previous club record was the £45 million paid for midfielder Sami Haddad in 2023.\n")
    qa = folder_store(tmp_path, embedder, transfer=transfer, robbery=ROBBERY, phone=PHONE)
    assert_conversation_ends(qa, ["Who did Harbour City sign?", "When could he play his first game?"],
                             "make his debut against Westbury on Saturday")


def test_a_robbery_asked_about_as_a_person_does(tmp_path, embedder):
    """Seen on articles of our own (session 22): "Was anyone hurt?" weighed "anyone" above "hurt" and
    abstained (0.21) beside "No one was hurt, …"; "When will they appear in court?" cited the robbery's
    "… shortly after 3 p.m. …" (a time) before "… due to appear at … Court on Monday …" (a weekday was read as
    the day of the news); "What did Nimbus announce?" was padded with another story's "… the Premier League
    club announced on Wednesday." (a cosine of 0.01)."""
    robbery = ROBBERY.replace("Most of the stolen", "No one was hurt, although a member of staff was treated for "
                              "shock.\n\nThe men, aged 19 and 23, entered the store shortly after 3 p.m. and "
                              "smashed display cases with hammers.\n\nMost of the stolen") + (
        "\nThe two men are due to appear at Millbrook Magistrates' Court on Monday charged with robbery.\n")
    qa = folder_store(tmp_path, embedder, robbery=robbery, transfer=TRANSFER, phone=PHONE)
    turns = [("What happened in Millbrook?", "Police have arrested two men"), ("Was anyone hurt?", "No one was hurt"),
             ("When will they appear in court?", "due to appear at Millbrook Magistrates' Court on Monday")]
    assert_each_turn_answered(qa, turns)
    answer = qa.ask("What did Nimbus announce?")
    assert not answer.abstained and "Nimbus Fold" in answer.citations[0].text, answer.to_dict()
    assert all("Nimbus" in c.title for c in answer.citations), answer.to_dict()


def test_a_follow_up_about_another_story_leaves_the_last_one(tmp_path, embedder):
    """Seen on articles of our own (session 22): after "What about the robbery in Millbrook?" and "Who owns the
    store?", "Back to the phone: how much is it?" was answered from the robbery (the story just answered
    from, about as well supported), and "And the striker's fee?" abstained (0.26 with "robbery Millbrook
    Margaret Lowe" carried; 0.93 asked alone)."""
    robbery = ROBBERY + "\nThe two men are due to appear at Millbrook Magistrates' Court on Monday.\n"
    qa = folder_store(tmp_path, embedder, robbery=robbery, transfer=TRANSFER, phone=PHONE)
    turns = [("What did Nimbus announce?", "Nimbus Fold"), ("What about the robbery in Millbrook?", "Millbrook"),
             ("Who owns the store?", "Margaret Lowe"), ("Back to the phone: how much is it?", "$1,299"),
             ("And the striker's fee?", "£62 million")]
    for sent_back in (True, False):  # the web chat sends citations back; a client may send text only
        assert_each_turn_answered(qa, turns, sent_back)


def test_a_fragment_goes_on_the_last_question(tmp_path, embedder):
    """"Until when?" after "Which schools are closed?" (itself after "Tell me about Hurricane Mara") was searched
    with "Hurricane Mara" alone and cited the storm's lead (session 22)."""
    from qa.followup import Turn, condense

    storm = STORM + "\nSchools in Corpus Christi and Victoria will stay closed until Friday.\n"
    turns = [Turn("user", "Tell me about Hurricane Mara"), Turn("assistant", "Hurricane Mara made landfall … [1]"),
             Turn("user", "Which schools are closed?"), Turn("assistant", "Schools … will stay closed until Friday. [1]")]
    assert condense("Until when?", turns) == "Until when schools closed? Hurricane Mara"
    assert condense("Until when?", turns[:2]) == "Until when? Hurricane Mara"  # right after the subject: as before
    qa = folder_store(tmp_path, embedder, storm=storm, strike=STRIKE)
    assert_conversation_ends(qa, ["Tell me about Hurricane Mara", "Which schools are closed?", "Until when?"], "until Friday")


def test_what_the_story_says_it_does_not_know_is_the_answer(tmp_path, embedder):
    """"How many Fold phones does Nimbus expect to sell?" was answered at 0.99 by "Nimbus sold 41 million phones
    last year, …" (a number, another question's answer) while the article says "The company did not say how
    many Fold units it expects to sell." (session 22)."""
    from qa.answer_kinds import says_not_told

    assert says_not_told("Police declined to disclose the amount.") and says_not_told("It is unclear when it opens.")
    assert not says_not_told("It is known that cats purr.") and not says_not_told("He said the deal was done.")
    # the question's own "how many", "when" …: not another thing left untold (RealTimeQA dev, "Which platform …?")
    assert not says_not_told("(LinkedIn does not disclose an estimate of fake accounts.)", "Which platform is it?")
    phone = PHONE + "\nThe company did not say how many Fold units it expects to sell.\n"
    qa = folder_store(tmp_path, embedder, phone=phone, transfer=TRANSFER)
    assert_answered_first(qa, [("How many Fold phones does Nimbus expect to sell?", "did not say how many Fold units"),
                              ("How many phones did Nimbus sell last year?", "41 million phones")])


def test_why_is_answered_by_a_reason(tmp_path, embedder):
    """"Why are drivers striking?" cited "It would be the second strike this year; drivers walked out for one
    day in March." (the question's words, no reason) before the lead's "… will walk out for three days …
    after talks over pay broke down …" (session 22)."""
    from qa.reasons import asks_why, gives_reason

    assert asks_why("Why are drivers striking?") and asks_why("The plant was closed. Why?")
    assert not asks_why("Who asked why the plant was closed?")
    assert gives_reason("They walk out after talks broke down.") and not gives_reason("They walked out in March.")
    qa = folder_store(tmp_path, embedder, strike=STRIKE, storm=STORM)
    assert_answered_first(qa, [("Why are drivers striking?", "after talks over pay broke down")])


EARNINGS = (
    "Lumina shares jump 14% after record quarter\n\n"
    "Shares of the chipmaker Lumina Systems rose 14% on Thursday after the company reported record quarterly "
    "revenue and raised its forecast for the year.\n\n"
    "Revenue for the three months to September rose 38% to $4.2 billion, beating analysts' estimates of $3.9 "
    "billion.\n\n"
    "Net income more than doubled to $910 million, or $1.12 a share.\n\n"
    "Chief executive Priya Raman said demand for the company's data-centre chips \"continues to outstrip what we "
    "can make.\"\n\n"
    "Lumina's biggest customer, the cloud provider Stratus, accounted for 31% of sales in the quarter.\n")


def test_a_follow_up_s_words_may_be_written_otherwise_in_the_story(tmp_path, embedder):
    """Seen on articles of our own (session 22): after "Why did Lumina's shares jump?", "What did the CEO
    say?" was asked alone ("CEO" read as a name) and abstained (0.06), and the next follow-ups carried "CEO"
    as their subject; "What about profit?" cited the lead and the revenue before "Net income …"; after
    "What happened with Hurricane Mara?", "Did anyone die?" cited "… after the winds die down …" (Porter
    stems "died" to "di")."""
    from qa.scoring import terms

    assert terms("died dies dying") == terms("die die die")
    qa = folder_store(tmp_path, embedder, earnings=EARNINGS, storm=STORM, strike=STRIKE)
    turns = [("Why did Lumina's shares jump?", "after the company reported record"),
             ("What did the CEO say?", "Chief executive Priya Raman said"),
             ("What about profit?", "Net income more than doubled"),
             ("Who is their biggest customer?", "the cloud provider Stratus")]
    assert_each_turn_answered(qa, turns)
    assert_conversation_ends(qa, ["What happened with Hurricane Mara?", "Did anyone die?"], "Two people died")


def test_the_score_is_answered_by_the_scoreline(tmp_path, embedder):
    """"What was the score?" after "Who won the cup final?" cited "… Okonkwo scored the winning kick." (its
    word) before the lead's "… 5-4 on penalties after a 2-2 draw …"; asked alone, "What was the final
    score?" cited that and "About 84,000 supporters attended the final." (session 21)."""
    qa = folder_store(tmp_path, embedder, cup=CUP_FINAL, tram=TRAM, rover=ROVER)
    assert_answered_first(qa, [("What was the final score?", "5-4 on penalties"),
                              ("What was the score in the final?", "5-4 on penalties")])
    answer = assert_conversation_ends(qa, ["Who won the cup final?", "What was the score?"], "5-4 on penalties")
    assert all("84,000" not in c.text for c in answer.citations), answer.to_dict()


def test_the_score_asked_alone_is_no_question_of_what_a_word_means(tmp_path, embedder):
    """"What was the score?" as a person's first question in a folder of four (a football match among them) said "The
    articles don't say." (0.22) beside "Harrowfield Town beat league leaders Kingsbury Rovers 3-1 …": read as "What
    is <a word>?" it was owed more than a passing mention, though it asks for a number (session 32)."""
    qa = folder_store(tmp_path, embedder, cup=CUP_FINAL, tram=TRAM, rover=ROVER)
    for question in ["What was the score?", "What's the score?"]:
        answer = qa.ask(question)
        assert not answer.abstained and "5-4 on penalties" in answer.citations[0].text, (question, answer.to_dict())
        assert_grounded(qa, answer)


WORLD_CUP = (
    "Canada's women reach the World Cup quarter-finals\n\n"
    "Canada's women's national team reached the quarter-finals of the World Cup on Tuesday with a hard-fought 2-1 "
    "win over Norway in Sydney.\n\n"
    "Forward Jessie Fleming scored the winning goal in the 81st minute, a minute after Norway had equalised from a "
    "corner.\n\nThe match was played in front of 40,000 fans, many of them Canadian.\n\n"
    "Coach Bev Priestman said the team had shown \"real character\" and would now face Spain on Saturday.\n")
PREVIEW = (
    "Mexico and the United States meet again in a high-stakes match\n\n"
    "Mexico and the United States will meet in Los Angeles next month in a high-stakes match that both coaches "
    "call the most important of the year.\n\nTickets for the friendly sold out within an hour, the organisers said.\n")


def test_who_is_against_it_is_answered_by_who_voted_against(tmp_path, embedder):
    """"Who is against it?" after "What did Millbrook's council decide?" cited the council's vote again:
    "against" was a stopword, so the follow-up asked nothing of its own (session 21)."""
    qa = folder_store(tmp_path, embedder, tram=TRAM + (
        "\nOpposition leader Karl Brandt, whose party voted against the plan, said the budget was unrealistic and "
        "warned that costs would rise.\n"), bakery=BAKERY)
    assert_conversation_ends(qa, ["What did Millbrook's council decide?", "Who is against it?"], "Karl Brandt")


VERDICT = (
    "Former Orbital Foods chief jailed for six years over accounting fraud\n\n"
    "A former chief executive of Orbital Foods, Martin Keel, was sentenced on Friday to six years in "
    "prison for hiding losses of 240 million dollars from investors.\n\n"
    "A jury at the Central Criminal Court found Keel, 61, guilty last month on four counts of fraud and "
    "one of false accounting after a ten-week trial.\n\n"
    "Prosecutors said Keel had ordered staff to record future sales as income between 2017 and 2020, "
    "inflating the company's profits and its share price.\n\n"
    "Judge Helen Marsh said Keel had shown \"no remorse\" and had \"betrayed thousands of small shareholders "
    "who trusted him\".\n\n"
    "Keel's lawyers said he would appeal. Orbital Foods, which was rescued by a rival in 2021, said it "
    "welcomed the sentence.\n")


def test_a_follow_up_s_own_word_comes_before_the_headline_s_news(tmp_path, embedder):
    """"Will he appeal?" after "Why was Keel jailed?" ranked "Keel's lawyers said he would appeal." first,
    and the lead holding the headline's news ("… sentenced … to six years in prison …") was put before it
    (session 21). The headline's news comes first only in a sentence that holds the question's own words
    the best one holds."""
    qa = folder_store(tmp_path, embedder, verdict=VERDICT, tram=TRAM, bakery=BAKERY)
    assert_conversation_ends(qa, ["Why was Keel jailed?", "Will he appeal?"], "would appeal")
    # and his age is "Keel, 61," of the jury's sentence, not the lead's "six years in prison"
    assert_conversation_ends(qa, ["Why was Keel jailed?", "How old is he?"], "Keel, 61,")


ELECTION = (
    "Greens win Halvorsen mayoral race in upset as turnout hits record\n\n"
    "Green Party candidate Amira Nolan won the race for mayor of Halvorsen on Sunday, defeating two-term incumbent "
    "Peter Dahl of the Civic Alliance by 52 percent to 44 percent, according to official results.\n\n"
    "Turnout reached 71 percent, the highest ever recorded in a city election, the electoral commission said.\n\n"
    "Nolan, a 38-year-old former teacher, campaigned on free public transport and a ban on new office towers in the "
    "old town. She will be the city's first Green mayor and its youngest in more than a century.\n\n"
    "Dahl conceded defeat late on Sunday night and congratulated his rival, but said his party would \"hold her to "
    "every promise\".\n\n"
    "Nolan takes office on January 1. Her first act, she said, will be to freeze fares on city buses for two years.\n")


def test_tell_me_more_continues_the_story(tmp_path, embedder):
    """"Tell me more" was searched with the subject and cited the lead again (session 21): it is answered
    by the article's next sentences, never one already quoted, until "That is all the article says …"
    (the first answer may quote the last sentence too: "… Orbital Foods, which was rescued by a rival …")."""
    from qa.more import STORY_TOLD

    qa = folder_store(tmp_path, embedder, verdict=VERDICT, election=ELECTION, tram=TRAM)
    first, more, rest, end = chat(qa, ["What happened to Orbital Foods' former boss?", "Tell me more", "What else?",
                                       "Go on"])
    assert "Martin Keel, was sentenced" in first.citations[0].text, first.to_dict()
    assert [c.text[:30] for c in more.citations] == ["A jury at the Central Criminal", "Prosecutors said Keel had orde",
                                                     "Judge Helen Marsh said Keel ha"], more.to_dict()
    assert [c.text for c in rest.citations][:1] == ["Keel's lawyers said he would appeal."], rest.to_dict()
    assert not {c.text for c in first.citations + more.citations} & {c.text for c in rest.citations}
    for answer in (more, rest):
        assert not answer.abstained and {c.article_id for c in answer.citations} == {first.citations[0].article_id}
        assert_grounded(qa, answer)
    assert end.abstained and end.text == STORY_TOLD and not end.citations
    # after an answer that quoted nothing ("The articles don't say."), there is no story to go on with
    *_, lost = chat(qa, ["What happened to Orbital Foods' former boss?", "What is the capital of France?",
                         "Tell me more"])
    assert lost.abstained and not lost.citations, lost.to_dict()
    # the chat sends answers back as text only too: read from their quoted sentences
    *_, more = chat(qa, ["Who won the election in Halvorsen?", "Tell me more"], sent_back=False)
    assert more.citations[0].text.startswith("Turnout reached 71 percent"), more.to_dict()


def test_a_follow_up_answered_by_its_own_words_is_cited_alone(tmp_path, embedder):
    """"When does she take office?" after "Who won the election in Halvorsen?" cited "Nolan takes office on
    January 1.", then the lead and "Dahl conceded defeat late on Sunday night …": searched with the
    subject's words, the answer held too few of them to stand alone (session 21)."""
    qa = folder_store(tmp_path, embedder, election=ELECTION, verdict=VERDICT, tram=TRAM)
    *_, answer = chat(qa, ["Who won the election in Halvorsen?", "When does she take office?"])
    assert not answer.abstained and [c.text for c in answer.citations] == ["Nolan takes office on January 1."], \
        answer.to_dict()


def test_whom_they_beat_is_a_win_over_them(tmp_path, embedder):
    """"Which country did they beat in the high-stakes match?" after "How did Canada's women do at the World
    Cup?" cited "The match was played in front of 40,000 fans …": "beat" met no word of "… a hard-fought
    2-1 win over Norway …" (a RealTimeQA dev conversation the same; session 21). "Who did Riverside beat?"
    asks whom: not the doer, as "Who did build …" would."""
    qa = folder_store(tmp_path, embedder, cup=WORLD_CUP, preview=PREVIEW, final=CUP_FINAL, tram=TRAM,
                      bakery=BAKERY + ACCOUNTS)
    *_, answer = chat(qa, ["How did Canada's women do at the World Cup?",
                           "Which country did they beat in the high-stakes match?"])
    assert not answer.abstained and "win over Norway" in answer.citations[0].text, answer.to_dict()
    assert_grounded(qa, answer)
    assert_answered_first(qa, [("Who did Riverside beat?", "beating Castleford Rovers"),
                              ("Which team did Canada defeat?", "win over Norway")])
    # and a quarter-final is not the final: "Who won the cup final?" cited Canada's "… reached the
    # quarter-finals of the World Cup … win over Norway …" first (in Chromium)
    assert_answered_first(qa, [("Who won the cup final?", "Riverside United won the National Cup")])


BAKERY = (
    "Bakery chain Crumb & Co. to close 40 shops as flour and energy costs rise\n\n"
    "Crumb & Co., the bakery chain with more than 300 shops across the country, said on Wednesday it will close "
    "40 of them by the end of the year, blaming higher prices for flour and energy.\n\n"
    "The company's chief executive, Ruth Ellison, said the closures would affect about 600 jobs, and that the "
    "company would try to offer staff positions at other branches.\n\n"
    "The chain was founded in 1987 by brothers Alan and Tom Hartley, who opened the first shop in Leeds. It was "
    "bought by the private equity firm Northgate Partners in 2019.\n\n"
    "Analysts at Pierce Capital said the closures were likely to be the first of several across the food retail "
    "sector this winter.\n")

# the bakery chain's accounts, a paragraph some tests add
ACCOUNTS = ("\nCrumb & Co. reported a loss of 18 million pounds for the year to March. Sales rose 3 percent to 512 "
            "million pounds, but the cost of wheat flour rose by nearly a quarter.\n")


@pytest.mark.parametrize("sent_back", [True, False], ids=["with-citations", "text-only"])
def test_a_conversation_s_subject_answers_its_ellipses_not_new_questions(tmp_path, embedder, sent_back):
    """Seen in the chat (session 19), after "Which bakery chain is closing shops?": "How many jobs will
    go?" abstained (0.07 as asked; a whole question, its subject was not carried), and "What is
    photosynthesis?" and "What is the capital of France?" were answered with the bakery chain's lead
    (the subject carried made them look supported)."""
    qa = one_article_store(tmp_path, embedder, BAKERY)
    first = qa.ask("Which bakery chain is closing shops?")
    d = first.to_dict()
    history = [{"role": "user", "content": "Which bakery chain is closing shops?"},
               {"role": "assistant", "content": d["answer"], **({"citations": d["citations"]} if sent_back else {})}]
    answer = qa.ask("How many jobs will go?", history=history)
    assert not answer.abstained and "600 jobs" in answer.citations[0].text, answer.to_dict()
    assert_grounded(qa, answer)
    for question in ["What is photosynthesis?", "What is the capital of France?"]:
        answer = qa.ask(question, history=history)
        assert answer.abstained, (question, answer.to_dict())


def test_a_whole_question_in_a_conversation_keeps_its_own_words(tmp_path, embedder):
    """Seen in the chat (session 20): after "Who owns Crumb & Co.?", "When will staff see the list of
    shops?" was read with "owns Crumb Co" carried and cited the chain's lead; as asked it finds the
    same story, and the sentence that answers."""
    (tmp_path / "final.txt").write_text(CUP_FINAL, encoding="utf-8")
    (tmp_path / "bakery.txt").write_text(BAKERY + (
        "\nThe bakers' union said it was \"deeply disappointed\" and called on the company to publish the list "
        "of shops. Ellison said the list would be shared with staff first, next week.\n"), encoding="utf-8")
    qa = Assistant(Config.from_env(store=tmp_path / "store"), embedder=embedder)
    qa.ingest([tmp_path / "final.txt", tmp_path / "bakery.txt"])
    *_, answer = chat(qa, ["Which bakery chain is closing shops?", "Who owns Crumb & Co.?",
                           "When will staff see the list of shops?"])
    assert not answer.abstained and answer.citations[0].text.startswith("Ellison said the list"), answer.to_dict()
    assert_grounded(qa, answer)


def test_who_runs_or_owns_it_is_answered_by_a_title_or_a_purchase(tmp_path, embedder):
    """Seen in the chat (session 20): after "Which bakery chain is closing shops?", "Who runs it?" cited
    the chain's lead ("runs" is in no sentence; "The company's chief executive, Ruth Ellison, …" is the
    answer), "Who owns it?" too ("It was bought by … Northgate Partners"); after "What did the lunar
    rover find?", "Who leads the mission?" cited the lead (its principal investigator answers). "Who is
    their manager?" asks for the word itself, not a title."""
    qa = folder_store(tmp_path, embedder, rover=ROVER + (
        '\n"This is the first time we have touched lunar ice directly rather than inferring it from orbit," said '
        "Dr. Helena Kowalczyk, the mission's principal investigator at the University of Kraków.\n"), bakery=BAKERY)
    for turns, fact in [(["Which bakery chain is closing shops?", "Who runs it?"], "chief executive, Ruth Ellison"),
                        (["Which bakery chain is closing shops?", "Who owns it?"], "bought by the private equity firm"),
                        (["What did the lunar rover find?", "Who leads the mission?"], "Helena Kowalczyk")]:
        *_, answer = chat(qa, turns)
        assert not answer.abstained and fact in answer.citations[0].text, (turns, answer.to_dict())
        assert_grounded(qa, answer)


def test_money_asked_by_its_name_is_answered_by_a_sum(tmp_path, embedder):
    """Seen in the chat (session 20): "What were the company's sales?" cited "The company's chief
    executive … would affect about 600 jobs …" first (a number, the word "company", first by its place),
    "Sales rose 3 percent to 512 million pounds …" second."""
    qa = one_article_store(tmp_path, embedder, BAKERY + ACCOUNTS)
    answer = qa.ask("What were the company's sales?")
    assert not answer.abstained and "512 million pounds" in answer.citations[0].text, answer.to_dict()
    assert_grounded(qa, answer)
    # "How much is the compensation fund?" cited "… the line will run for 900 metres, have asked for
    # compensation …" first (a number, the word "compensation"), the fund's "5 million euros" second
    (tmp_path / "tram").mkdir()
    tram = one_article_store(tmp_path / "tram", embedder, TRAM.rstrip("\n") + (
        " Opposition leader Tomas Berg said the cost was \"a gamble with taxpayers' money\" and predicted delays.\n\n"
        "Shop owners on Harbour Street, where the line will run for 900 metres, have asked for compensation during "
        "the works. The council said it would set up a fund of 5 million euros for affected businesses.\n\n"
        "The line will be built by a consortium led by the Spanish firm Ferrovial Urbano, which won the contract "
        "last year against two rivals. Trams will run every six minutes at peak times and tickets will cost the "
        "same as a bus fare, 2.10 euros.\n\n"
    ))
    answer = tram.ask("How much is the compensation fund?")
    assert not answer.abstained and "5 million euros" in answer.citations[0].text, answer.to_dict()


def test_a_word_asked_in_another_form_is_found(tmp_path, embedder):
    """Seen in the chat (session 20): "How much did Crumb & Co. lose?" cited the lead ("a loss of 18
    million pounds" holds "loss", not "lose"); "What is the rover called?" the lead first, "The rover,
    named Pathfinder Luna, …" second."""
    qa = folder_store(tmp_path, embedder, rover=ROVER, bakery=BAKERY + ACCOUNTS)
    assert_answered_first(qa, [("How much did Crumb & Co. lose?", "a loss of 18 million pounds"),
                              ("What is the rover called?", "named Pathfinder Luna")])
    # another form is weaker evidence than the word itself: jobs "lost" are not the "loss" of money
    question = "How many jobs will be lost?"
    best = qa.answerer().ranker.gather(question, qa.retriever().retrieve(question)).candidates[0]
    assert "about 600 jobs" in best.text, best.text


def test_a_number_the_question_writes_finds_its_story(tmp_path, embedder):
    """"Which automaker recalled more than 200,000 pickup trucks this week?" was answered with a round-up
    of other recalls: "Several automakers recalled pickup trucks …" holds more of the question's words
    and names no automaker (RealTimeQA dev, session 20)."""
    texts = {
        "ford.txt": "Ford recalls pickup trucks and SUVs over faulty gear shift\n\nFord is recalling 2.9 million pickup "
                    "trucks and SUVs this week because their gear shift may fail, the company said. Owners will be "
                    "told by letter, and dealers will repair the vehicles for free.\n",
        "roundup.txt": "Vehicle recalls this week: pickup trucks, SUVs and vans\n\nSeveral automakers recalled pickup "
                       "trucks and other vehicles this week. Hyundai recalled 120,000 SUVs, Kia recalled 85,000 vans and "
                       "GMC recalled 40,000 pickup trucks over brake and airbag problems.\n",
        "nissan.txt": "Nissan recalls trucks over rollaway risk\n\nNissan is recalling more than 200,000 trucks in the "
                      "United States because they could roll away after being parked. The company said a faulty part "
                      "may let the vehicles move.\n"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    qa = Assistant(Config.from_env(store=tmp_path / "store"), embedder=embedder)
    qa.ingest([tmp_path / name for name in texts])
    question = "Which automaker recalled more than 200,000 pickup trucks this week?"
    answer = qa.ask(question)
    assert not answer.abstained and answer.citations[0].text.startswith("Nissan is recalling"), answer.to_dict()
    assert_grounded(qa, answer)
    # the story that writes the question's number comes first among the articles: the word indexes
    # split "200,000" into "200" and "000", which the round-up's "40,000" holds too
    ranked = [qa.store.get_article(a).article.title for a, _ in qa.retriever().retrieve(question).articles]
    assert ranked[0].startswith("Nissan recalls"), ranked


TRAM = (
    "Millbrook council approves 1.2 billion euro tram line after decade of debate\n\n"
    "Millbrook's city council voted 31 to 14 on Monday to build a tram line linking the airport with the city "
    "centre, ending more than ten years of argument over how to ease traffic on the ring road.\n\n"
    "The 18-kilometre line will have 22 stops and is expected to carry 60,000 passengers a day when it opens in "
    "2031. Construction will begin next spring and is budgeted at 1.2 billion euros, two thirds of it paid by the "
    "national government.\n\n"
    "Mayor Ingrid Falk, who made the tram the centre of her re-election campaign, called the vote \"a historic day "
    "for everyone stuck in traffic\".\n")


def test_a_word_of_the_same_meaning_supports_the_answer(tmp_path, embedder, seed_qa):
    """"When does construction start?" abstained at 0.06 beside "Construction will begin next spring …"
    (session 20). A sentence holding the words and no date does not answer "when": the demo article's
    "… since the beginning of the war …" is no answer to "When did the war start?"."""
    qa = one_article_store(tmp_path, embedder, TRAM)
    answer = qa.ask("When does construction start?")
    assert not answer.abstained and "begin next spring" in answer.citations[0].text, answer.to_dict()
    assert_grounded(qa, answer)
    answer = seed_qa.ask("When did the war start?")
    assert answer.abstained or "October 7" in answer.citations[0].text, answer.to_dict()


def test_when_will_it_happen_is_not_the_day_it_was_told(tmp_path, embedder):
    """"When will the tram open?" cited the lead first ("… voted 31 to 14 on Monday …": a weekday counted
    as the date asked), "… when it opens in 2031." second (session 20)."""
    qa = one_article_store(tmp_path, embedder, TRAM)
    answer = qa.ask("When will the tram open?")
    assert not answer.abstained and "opens in 2031" in answer.citations[0].text, answer.to_dict()
    assert_grounded(qa, answer)


def test_who_did_it_is_answered_by_the_sentence_saying_by_whom(tmp_path, embedder):
    """"Who will build the line?" cited the lead ("… voted … to build a tram line …") and "Who founded the
    bakery chain?" the chain's lead alone; "… built by a consortium led by … Ferrovial Urbano …" and "…
    founded in 1987 by brothers Alan and Tom Hartley …" say by whom (session 20)."""
    qa = folder_store(tmp_path, embedder, tram=TRAM + (
        "\nThe line will be built by a consortium led by the Spanish firm Ferrovial Urbano, which won the contract "
        "last year against two rivals.\n"), bakery=BAKERY)
    assert_answered_first(qa, [("Who will build the line?", "Ferrovial Urbano"),
                              ("Who founded the bakery chain?", "Alan and Tom Hartley")])
    # and as a follow-up, searched with the conversation's subject (seen in Chromium)
    assert_conversation_ends(qa, ["What did Millbrook's council decide?", "Who will build it?"], "Ferrovial Urbano")
    # and asked "Which <kind> …": "Which company bought Crumb & Co.?" cited the chain's lead, its kind read
    # as "bought" (session 21)
    assert_answered_first(qa, [("Which company bought Crumb & Co.?", "Northgate Partners"),
                              ("Which firm bought the bakery chain?", "Northgate Partners")])
    # and what follows it adds evidence: the lead "It" stands for, not "The company's chief executive …
    # said the closures would affect about 600 jobs …" (let in by the lower sentence's own floor; Chromium)
    answer = qa.ask("Which company bought Crumb & Co.?")
    assert not any("chief executive" in c.text for c in answer.citations), answer.to_dict()


def test_a_question_naming_its_story_s_subject_is_answered_by_its_other_words(tmp_path, embedder):
    """"What were Crumb & Co.'s sales?" and "Who owns Crumb & Co.?" cited the chain's lead, which holds the
    name; the answers say "Sales rose …" and "It was bought by …" (session 20)."""
    qa = folder_store(tmp_path, embedder, tram=TRAM, bakery=BAKERY + ACCOUNTS)
    assert_answered_first(qa, [("What were Crumb & Co.'s sales?", "Sales rose 3 percent"),
                              ("Who owns Crumb & Co.?", "bought by the private equity firm")])


def test_a_fragment_follow_up_is_answered_by_its_own_word(tmp_path, embedder):
    """"And the tickets?" after "What did Millbrook's council decide?" cited the lead again (the tickets'
    sentence is at a cosine of 0.36 to the question with its subject, under "about"; session 20)."""
    qa = one_article_store(tmp_path, embedder, TRAM + (
        "\nTrams will run every six minutes at peak times and tickets will cost the same as a bus fare, 2.10 euros.\n"))
    assert_conversation_ends(qa, ["What did Millbrook's council decide?", "And the tickets?"], "2.10 euros")


def test_a_name_asked_for_is_answered(tmp_path, embedder):
    """"What is the opposition leader's name?" abstained at 0.04 beside "Opposition leader Tomas Berg said
    …": no sentence writes "name" (session 20)."""
    qa = one_article_store(tmp_path, embedder, TRAM + (
        "\nOpposition leader Tomas Berg said the cost was \"a gamble with taxpayers' money\" and predicted delays.\n"))
    assert_answered_first(qa, [("What is the opposition leader's name?", "Tomas Berg"), ("What is the name of the mayor?", "Ingrid Falk")])


def test_how_long_a_thing_is_is_answered_by_its_length(tmp_path, embedder):
    """"How long will the tram line be?" cited the lead alone ("… ending more than ten years of argument
    …": a number, and far ahead by its words and place); the line's "18-kilometre" was not cited
    (session 20)."""
    qa = one_article_store(tmp_path, embedder, TRAM)
    answer = qa.ask("How long will the tram line be?")
    assert not answer.abstained and "18-kilometre" in answer.citations[0].text, answer.to_dict()
    assert_grounded(qa, answer)


def test_when_is_answered_by_a_date_not_a_count(tmp_path, embedder):
    """Seen in the chat (session 20): "When was the bakery chain founded?" cited the lead first ("… more
    than 300 shops … close 40 of them …": any number in digits counted as a date), "The chain was founded
    in 1987 …" second."""
    qa = one_article_store(tmp_path, embedder, BAKERY)
    answer = qa.ask("When was the bakery chain founded?")
    assert not answer.abstained and "founded in 1987" in answer.citations[0].text, answer.to_dict()
    # the lead restates the question and holds no date: no evidence of its own
    assert [c.text[:29] for c in answer.citations] == ["The chain was founded in 1987"], answer.to_dict()
    assert_grounded(qa, answer)


def test_a_question_of_one_rare_word_is_answered_by_the_sentence_holding_it(tmp_path, embedder):
    """"What happened in the shootout?" abstained at 0.28 beside "In the shootout, Riverside goalkeeper
    Sam Whitfield saved the fifth penalty …" (one term: a short question's cosines are low, and one
    term was never exact); "What did the analysts say?" at 0.14 (session 19)."""
    qa = folder_store(tmp_path, embedder, final=CUP_FINAL, bakery=BAKERY)
    assert_answered_first(qa, [("What happened in the shootout?", "In the shootout"),
                              ("What did the analysts say?", "Analysts at Pierce Capital")])
    for question in ["What is photosynthesis?", "What is a goalkeeper?"]:  # a word asked about, not an event
        assert qa.ask(question).abstained, question


def test_the_gist_of_one_article_is_its_lead(tmp_path, embedder):
    """A person's first words after adding one article: "Summarize the article" abstained ("summar",
    "articl" are in no article), so did "What is this story about?" (session 19). Asked of one
    article (the only one stored, or the question limited to it) it is answered with the lead; asked
    of many, the answer asks which one."""
    from index.filters import Filters
    from qa.extractive import WHICH_ARTICLE

    qa = folder_store(tmp_path, embedder, final=CUP_FINAL, bakery=BAKERY)
    answer = qa.ask("Summarize the article")
    assert answer.abstained and answer.text == WHICH_ARTICLE, answer.to_dict()
    bakery = next(a.article.id for a in qa.articles() if a.article.title.startswith("Bakery"))
    for question in ["Summarize the article", "What is this story about?", "Give me a summary"]:
        answer = qa.ask(question, filters=Filters(article_ids=(bakery,)))
        assert not answer.abstained and answer.citations[0].text.startswith("Crumb & Co., the bakery chain"), answer.to_dict()
        assert len(answer.citations) <= 2
        assert_grounded(qa, answer)
    (tmp_path / "one").mkdir()
    answer = one_article_store(tmp_path / "one", embedder, CUP_FINAL).ask("What is it about?")
    assert not answer.abstained and answer.citations[0].text.startswith("Riverside United won"), answer.to_dict()


def test_the_gist_of_the_story_a_request_names(tmp_path, embedder):
    """"Summarize the hurricane story" was answered "Which article? Ask about its subject …" (session 22):
    the subject was asked about. A request naming its story gets that story's lead; naming one no article
    tells, "The articles don't say."; naming none of many, the answer still asks which."""
    from qa.extractive import NO_ANSWER, WHICH_ARTICLE

    qa = folder_store(tmp_path, embedder, storm=STORM, strike=STRIKE, earnings=EARNINGS)
    for question, lead in [("Summarize the hurricane story", "Hurricane Mara made landfall"),
                           # "strike" is in the hurricane's story too ("… the first to strike the United States")
                           ("Summarize the article about the strike", "Train drivers at Northern Line Rail"),
                           ("What are the main points about the strike?", "Train drivers at Northern Line Rail"),
                           ("What is the Lumina story about?", "Shares of the chipmaker Lumina")]:
        answer = qa.ask(question)
        assert not answer.abstained and answer.citations[0].text.startswith(lead), (question, answer.to_dict())
        assert len(answer.citations) <= 2 and len({c.article_id for c in answer.citations}) == 1, answer.to_dict()
        assert_grounded(qa, answer)
    assert qa.ask("Summarize the story about Mars").text == NO_ANSWER
    assert qa.ask("Summarize the article").text == WHICH_ARTICLE
    # "What's new?" cited "… a new factory …" (session 22), then asked which article; since session 27 it is told what
    # the articles hold: each one's first sentence, not a sentence holding "new"
    new = qa.ask("What's new?")
    assert {c.article_id for c in new.citations} == {a.article.id for a in qa.articles()} and len(new.citations) == 3
    assert all(c.sentence_index == min(s.index for s in qa.store.sentences(c.article_id) if s.index > 0)
               and "new" not in c.text.lower().split() for c in new.citations), new.to_dict()


def test_a_question_about_someone_the_article_does_not_name_abstains(seed_qa):
    assert seed_qa.ask("Who leads the radar team?").abstained



@pytest.fixture(scope="module")
def spirit_qa(tmp_path_factory, embedder, seed_path):
    d = tmp_path_factory.mktemp("spirit")
    for name, text in {**SPIRIT, **NEWS}.items():
        (d / name).write_text(text, encoding="utf-8")
    (d / "haniyeh-tehran.txt").write_bytes(seed_path.read_bytes())
    qa = Assistant(Config.from_env(store=d / "store"), embedder=embedder)
    assert len(qa.ingest([d]).added) == 5
    return qa


@pytest.mark.parametrize("question", ["kanaani", "tell me about kanaani", "Kanaani"])
def test_a_name_typed_alone_in_lower_case_is_answered(spirit_qa, question):
    """"kanaani" alone abstained (0.19) beside "Iranian foreign ministry spokesman Nasser Kanaani …": a word typed in
    lower case is a name where the article writes one (session 38)."""
    answer = spirit_qa.ask(question)
    assert not answer.abstained and "Nasser Kanaani" in answer.citations[0].text, answer.to_dict()


def test_a_number_cited_is_not_padded_with_sentences_without_one(spirit_qa):
    """Asked how much, the answer is the sentence with the number; "JetBlue will retire the Spirit
    brand." after it added nothing (seen in the chat, session 18)."""
    answer = spirit_qa.ask("How much is JetBlue paying for Spirit?")
    assert "$3.8 billion" in answer.citations[0].text, answer.to_dict()
    assert all(any(ch.isdigit() for ch in c.text) for c in answer.citations), answer.to_dict()


@pytest.mark.parametrize("sent_back", ["text", "answer JSON"])
def test_a_follow_up_is_read_in_the_story_the_last_answer_came_from(spirit_qa, sent_back):
    """"How much will the deal cost?" after an answer from JetBlue's story cited Frontier's earlier
    $2.9 billion deal: the subject carried was the question's words, which both stories match. The
    answer's article is known from its citations, or from the sentences its text quotes."""
    answers = chat(spirit_qa, [q for q, _, _ in SPIRIT_CONVERSATION], sent_back=sent_back != "text")
    for (question, first, never), answer in zip(SPIRIT_CONVERSATION, answers, strict=True):
        assert not answer.abstained and first in answer.citations[0].text, (question, answer.text)
        assert never is None or not any(never in c.text for c in answer.citations), (question, answer.text)
        assert_grounded(spirit_qa, answer)


RECALL = (
    "Orvek recalls 212,000 SUVs over faulty airbag sensors\n\nCarmaker Orvek is recalling 212,000 Terrano SUVs in the "
    "United States because a faulty sensor may stop the front passenger airbag from deploying in a crash, the National "
    "Highway Traffic Safety Administration said on Thursday.\n\nThe recall covers Terrano models built between March 2021 "
    "and August 2023 at the company's plant in Chattanooga, Tennessee.\n\nOrvek said it knew of 14 crashes in which the "
    "airbag failed to deploy, including three that caused serious injuries. No deaths have been reported.\n\nDealers will "
    "replace the sensor free of charge, and owners will be notified by mail starting November 20.\n\n\"Safety is our "
    "highest priority, and we apologise to our customers for the inconvenience,\" Orvek's North America president, "
    "Daniel Okafor, said in a statement.\n\nShares of Orvek fell 2.3% in Frankfurt on Friday.\n")
LAUNCH = (
    "Helix rocket launch scrubbed again after valve problem\n\nThe first launch of the Helix heavy rocket was called off on "
    "Saturday, the second delay in a week, after engineers found a problem with a valve in the second stage, the company "
    "Aurion Space said.\n\nThe 98-metre rocket had been due to lift off at 7:15 a.m. from the company's launch site at Baird "
    "Point in Queensland, Australia.\n\nAurion said the next attempt would come no earlier than Wednesday, once the valve "
    "has been replaced and tested.\n\nChief executive Tom Reyes told reporters the delay was \"frustrating but the right "
    "call\". \"We only get one first flight,\" he said.\n\nThe first attempt, on Tuesday, was stopped 40 seconds before "
    "lift-off because of strong winds at high altitude.\n")
FIRE = (
    "Wildfire forces 9,000 to flee homes near Pine Hollow\n\nA fast-moving wildfire has forced about 9,000 people to "
    "evacuate their homes near Pine Hollow, in Northern California, officials said on Sunday.\n\nThe Cedar Ridge Fire has "
    "burned more than 18,000 acres since it started on Friday afternoon and was 5% contained by Sunday evening, according "
    "to the state fire agency, Cal Fire.\n\nAt least 35 homes have been destroyed.\n\nMore than 1,200 firefighters, "
    "supported by 14 helicopters, are battling the blaze.\n\n\"We lost everything, but we got out, and that's what "
    "matters,\" said Carla Mendes, who fled with her two children and their dog.\n")


def test_where_a_size_and_a_count_unnamed_are_answered_in_the_conversation(tmp_path, embedder):
    """Seen on articles of our own (session 23): "How many are affected?" after "Why is Orvek recalling SUVs?"
    abstained (0.05: searched alone, the story does not say "affected"); "Was anyone hurt?" there holds no word
    the story writes ("… three that caused serious injuries."); "Where will it launch from?" cited the launch's
    lead, which names no place, not "… from the company's launch site at Baird Point in Queensland …"; "How big
    is it?" about the wildfire cited the lead's "… about 9,000 people …", not "… more than 18,000 acres …"."""
    from qa.answer_kinds import asks_where, gives_place
    from qa.followup import counts_unnamed
    from qa.numbers import counted_noun, holds_measure

    assert asks_where("Where will it launch from?") and asks_where("It launched in May. Where?")
    assert not asks_where("Who knows where it is?")
    assert gives_place("It lifted off from the launch site at Baird Point.") and gives_place("It burned near Pine Hollow.")
    assert not gives_place("It was called off after a problem in the second stage.")
    assert counts_unnamed("How many are affected?") and counts_unnamed("How many were hurt?")
    assert not counts_unnamed("How many people were hurt?") and not counts_unnamed("How many were killed in Uvalde?")
    assert counted_noun("How many are affected?") is None and counted_noun("How many stops are there?") == "stops"
    assert holds_measure("The fire has burned more than 18,000 acres.", "How big is it?")
    assert not holds_measure("The fire has forced about 9,000 people to flee.", "How big is it?")
    qa = folder_store(tmp_path, embedder, recall=RECALL, launch=LAUNCH, fire=FIRE)
    assert_each_turn_answered(qa, [("Why is Orvek recalling SUVs?", "faulty sensor"), ("How many are affected?", "212,000"),
                                   ("Was anyone hurt?", "serious injuries")])
    assert_each_turn_answered(qa, [("Why was the Helix launch called off?", "valve"),
                                   ("Where will it launch from?", "Baird Point")])
    assert_each_turn_answered(qa, [("Tell me about the wildfire", "9,000 people"), ("How big is it?", "18,000 acres")])


def test_a_leader_is_named_by_title_and_a_market_reacts_by_its_price(tmp_path, embedder):
    """Seen on articles of our own (session 23): "Who runs the company?" after "Why was the Helix launch called
    off?" cited the lead, not "Chief executive Tom Reyes told reporters …" (the sentence holds no word of the
    question but a leader's title); "How did the market react?" after "Tell me about the Orvek recall" abstained
    (0.03: the story says "shares", not "market"), then cited the lead, whose "… said on Thursday." read as a
    reaction, before "Shares of Orvek fell 2.3% in Frankfurt on Friday."."""
    from qa.answer_kinds import tells_reaction
    from qa.by_whom import says_by_whom, titles_name
    from qa.scoring import terms

    assert titles_name("Chief executive Tom Reyes told reporters.") and titles_name("… its president, Daniel Okafor, said.")
    assert not titles_name("The chief reason was cost.") and not titles_name("Tom Reyes told reporters.")
    assert says_by_whom("Chief executive Tom Reyes told reporters.", terms("run")[0])
    assert not says_by_whom("Chief executive Tom Reyes told reporters.", terms("build")[0])
    market = "How did the market react?"
    assert tells_reaction("Shares of Orvek fell 2.3% on Friday.", market)
    assert not tells_reaction("The agency said on Thursday.", market) and tells_reaction("The agency said on Thursday.")
    qa = folder_store(tmp_path, embedder, recall=RECALL, launch=LAUNCH, fire=FIRE)
    assert_each_turn_answered(qa, [("Why was the Helix launch called off?", "valve"),
                                   ("Who runs the company?", "Chief executive Tom Reyes")])
    assert_each_turn_answered(qa, [("Tell me about the Orvek recall", "212,000"),
                                   ("How did the market react?", "Shares of Orvek fell")])


def test_a_question_naming_nothing_stays_in_the_story_of_the_conversation(tmp_path, embedder):
    """Seen on articles of our own (session 23), a wildfire and a hurricane in one folder: "How many homes were
    lost?" after "Is it under control?" about the wildfire cited the hurricane's "More than 300,000 homes and
    businesses lost power …" (0.93 as asked; the wildfire answers it as well), and the follow-ups after it were
    read with its words ("Who is fighting it? homes lost" abstained); in the wildfire it cited "\\"We lost
    everything, …\\" said Carla Mendes, who fled with her two children …" (a count of children) before "At least
    35 homes have been destroyed."; "Is it under control?" cited the lead, not "… was 5% contained …"."""
    qa = folder_store(tmp_path, embedder, fire=FIRE, storm=STORM, recall=RECALL)
    assert_each_turn_answered(qa, [("What's the latest on the wildfire?", "9,000 people"),
                                   ("Is it under control?", "5% contained"),
                                   ("How many homes were lost?", "35 homes have been destroyed")])
    answer = assert_conversation_ends(qa, ["What's the latest on the wildfire?", "How many homes were lost?",
                                           "Who is fighting it?"], "firefighter")
    assert all("Mara" not in c.text for c in answer.citations), answer.to_dict()
    # a new story named is not held in the last one: "How many people lost power?" is the hurricane's
    assert_conversation_ends(qa, ["What's the latest on the wildfire?", "How many people lost power?"],
                             "300,000 homes and businesses")


def test_that_one_points_back_and_is_no_word_of_the_question(tmp_path, embedder):
    """Seen on articles of our own (session 23): "Why was that one stopped?" after "When was the first attempt?"
    cited the launch's lead: "one" was read as a word of the follow-up's own, which "\\"We only get one first
    flight,\\" he said." holds, and no sentence held both it and "stopped"."""
    from qa.asked import followup_terms
    from qa.scoring import terms

    assert followup_terms("Why was that one stopped? Helix rocket") == set(terms("stopped"))
    qa = folder_store(tmp_path, embedder, launch=LAUNCH, recall=RECALL, fire=FIRE)
    assert_conversation_ends(qa, ["What happened with the Helix rocket?", "When was the first attempt?",
                                  "Why was that one stopped?"], "because of strong winds")


MENU = (
    "Brightcup adds a returning favourite to its winter menu\n\nBrightcup's newest item for winter is not a drink. "
    "Rather, it is a nostalgic treat from more than two decades ago.\n\nFrom December 1, the café chain is bringing back "
    "the Apple Lattice, a flaky tart filled with cinnamon apples and topped with crumble.\n\nThe chain said it had "
    "sold the tart in the early 2000s and that customers had asked for it ever since.\n\nThe chain said the treat had been "
    "the most requested menu item for years.\n\nCustomers will be able to order the treat at all of its cafés until "
    "February, when the menu changes again.\n\nBrightcup runs 420 cafés in Britain and Ireland.\n")


def test_which_one_is_answered_by_the_sentence_that_names_it(tmp_path, embedder):
    """RealTimeQA's dev dialogue (session 23): "Which treat did they add?" after "What's new on McDonald's fall
    menu?" cited "Rather, it's a nostalgic treat from more than three decades ago." (its word "treat", no name),
    and not the next sentence, which names it ("… bringing back the cheese Danish …") and holds none of the
    question's words (21st of the candidates in the news store; in a store this small it was cited as the first
    one's neighbour already: test_fast has the case that failed). Its like on an article of our own."""
    qa = folder_store(tmp_path, embedder, menu=MENU, recall=RECALL, launch=LAUNCH)
    answer = assert_conversation_ends(qa, ["What's new on Brightcup's winter menu?", "Which treat did they add?"],
                                      "treat")
    assert any("Apple Lattice" in c.text for c in answer.citations), answer.to_dict()


SPLASHDOWN = (
    "Vega capsule returns to Earth after moon flight\n\nThe Vega mission came to an end as the uncrewed capsule made a "
    "successful ocean splashdown on Sunday after a 12-day test flight around the moon.\n\nThe capsule covered 240,000 "
    "miles on its way back from the moon.\n\nIt splashed down at 12:40 p.m. ET Sunday in the Pacific Ocean off Baja "
    "California.\n\nRecovery teams reached it within an hour.\n")


def test_a_sentence_split_after_a_time_of_day_is_cited_whole(tmp_path, embedder):
    """RealTimeQA's dev dialogue (session 23): "Where did its spacecraft splash down?" after "How did NASA's
    Artemis I mission end?" cited the lead: punkt ends "It splashed down at 12:40 p.m." before "ET Sunday in the
    Pacific Ocean off Mexico's Baja California.", and neither part held both the question's word and the place.
    The store keeps them split (joined at ingest, the chunks of 150 articles changed; NOTES sessions 17 and 22):
    the answer reads them as one sentence, cited whole."""
    from index.text import time_goes_on

    assert time_goes_on("It splashed down at 12:40 p.m.", "ET Sunday in the Pacific Ocean.")
    assert not time_goes_on("It splashed down at 12:40 p.m.", "Recovery teams reached it.")
    assert not time_goes_on("It landed at noon.", "ET Sunday.")
    qa = folder_store(tmp_path, embedder, splashdown=SPLASHDOWN, launch=LAUNCH, fire=FIRE)
    answer = assert_conversation_ends(qa, ["How did the Vega mission end?", "Where did it splash down?"],
                                      "It splashed down at 12:40 p.m. ET Sunday in the Pacific Ocean off Baja California.")
    assert all(c.text.count("12:40") <= 1 for c in answer.citations), answer.to_dict()


FINE = (
    "EU fines Streamly 1.2 billion euros over user data transfers\n\nThe European Commission fined the video streaming "
    "company Streamly 1.2 billion euros on Tuesday for sending the personal data of European users to servers in the "
    "United States without proper safeguards.\n\nIt is the largest fine ever imposed under the bloc's data protection "
    "rules, beating the 746 million euros Amazon was ordered to pay in 2021.\n\nStreamly said it would appeal the "
    "decision in the European Court of Justice, calling the fine \"unjustified and dangerous\" for companies that "
    "operate on both sides of the Atlantic.\n\nPrivacy campaigner Lena Brandt, whose complaint started the investigation "
    "in 2019, welcomed the decision. \"This is a clear signal that the law has teeth,\" she said.\n")
FROG = (
    "Scientists discover tiny frog the size of a fingernail in Brazil\n\nScientists have discovered a new species of "
    "frog in Brazil's Atlantic Forest that is smaller than a fingernail, one of the tiniest vertebrates known.\n\nAdults "
    "of the species, named Brachycephalus minimus, measure about 7 millimetres long, according to a study published on "
    "Wednesday in the journal PLOS One.\n\nThe frogs were found in leaf litter on a mountain in the state of Paraná by a "
    "team led by biologist Marcos Bornschein of São Paulo State University.\n\nBecause they are so small, the frogs "
    "cannot hear their own calls, the researchers said, and instead they communicate by waving their arms.\n")


def test_a_fine_and_a_frog_asked_about_as_a_person_does(tmp_path, embedder):
    """Seen on articles of our own (session 23): "Why was Streamly fined?" cited "It is the largest fine ever
    imposed …" before the lead's "… fined … for sending the personal data …" (a reason written "for" a doing);
    "Will they fight it?" and "Who complained?" cited the lead ("… would appeal …", "… whose complaint started …"
    are those words in other forms); "What did she say?" of Lena Brandt cited Streamly's "… calling the fine
    \"unjustified and dangerous\" …" (a quote, someone else's); "What is it called?" of the frog cited the lead,
    not "… named Brachycephalus minimus …", and "How do they communicate?" the finding, not "… they communicate by
    waving their arms." (a cosine of 0.39, the follow-up's one word)."""
    from qa.answer_kinds import asks_name, gives_name
    from qa.reasons import gives_reason

    assert gives_reason("It fined the company for sending data abroad.") and not gives_reason("It is for Tuesday.")
    assert asks_name("What is it called?") and asks_name("What's the new species named?") and not asks_name("Who called?")
    assert gives_name("Adults of the species, named Brachycephalus minimus, are tiny.")
    assert not gives_name("The frogs cannot hear their own calls.") and not gives_name("He was named in the report.")
    qa = folder_store(tmp_path, embedder, fine=FINE, frog=FROG, fire=FIRE)
    assert_each_turn_answered(qa, [("Why was Streamly fined?", "for sending the personal data"),
                                   ("Will they fight it?", "would appeal"), ("Who complained?", "Lena Brandt"),
                                   ("What did she say?", "the law has teeth")])
    assert_each_turn_answered(qa, [("What did scientists find in Brazil?", "new species of frog"),
                                   ("What is it called?", "Brachycephalus minimus"),
                                   ("Who found it?", "Marcos Bornschein"),
                                   ("How do they communicate?", "communicate by waving their arms")])


@pytest.mark.parametrize("sent_back", [True, False])
def test_a_short_question_naming_a_new_subject_starts_a_new_one(tmp_path, embedder, sent_back):
    """Seen in the web chat (session 23): "What's the latest on the wildfire?" after three questions about
    Streamly's fine was read as one more follow-up of the fine (short, no name), and "How big is it?" after it
    was searched with "Streamly fined Lena Brandt" and answered "Privacy campaigner Lena Brandt, …"."""
    qa = folder_store(tmp_path, embedder, fine=FINE, fire=FIRE, frog=FROG)
    questions = ["Why was Streamly fined?", "Who complained?", "What did she say?", "What's the latest on the wildfire?",
                 "How big is it?"]
    *_, answer = chat(qa, questions, sent_back)
    assert not answer.abstained and "18,000 acres" in answer.citations[0].text, answer.to_dict()
    assert all("Streamly" not in c.text and "Brandt" not in c.text for c in answer.citations), answer.to_dict()


MERGER = (
    "Supermarket chains Freshway and Dalton agree to merge\n\nBritain's fourth and fifth largest supermarket "
    "chains, Freshway and Dalton, have agreed to merge in a deal worth 7.3 billion pounds, creating a group "
    "with about 1,100 stores.\n\nFreshway shareholders will own 60% of the combined company, which will be led "
    "by Dalton's chief executive, Helen Carver.\n\nThe companies said the merger would save about 500 million "
    "pounds a year, mostly from buying and logistics, and promised to cut prices on 2,000 everyday "
    "products.\n\nThe deal must be approved by the Competition and Markets Authority, which is expected to "
    "look closely at towns where both chains have stores. Analysts said some stores may have to be "
    "sold.\n\nThe GMB union said it was worried about jobs and asked for a meeting with both companies. The "
    "chains employ 140,000 people between them.\n\nThe merger is expected to be completed in the second half "
    "of next year.\n")


def test_a_story_named_before_a_colon_and_a_regulator_written_as_an_authority(tmp_path, embedder):
    """Seen on articles of our own (session 23): "Now the Helix rocket: when is the next attempt?" cited the lead
    ("… the Helix heavy rocket was called off on Saturday …" holds "rocket" and a weekday) before "Aurion said the
    next attempt would come no earlier than Wednesday, …"; "What do regulators have to do?" after "Tell me about
    the supermarket merger" abstained (0.04) beside "The deal must be approved by the Competition and Markets
    Authority, …"."""
    from qa.scoring import terms
    from qa.topic import focus_terms

    assert focus_terms("Now the Helix rocket: when is the next attempt?") == set(terms("next attempt"))
    qa = folder_store(tmp_path, embedder, launch=LAUNCH, merger=MERGER, fine=FINE)
    assert_answered_first(qa, [("Now the Helix rocket: when is the next attempt?", "no earlier than Wednesday")])
    assert_each_turn_answered(qa, [("Tell me about the supermarket merger", "Freshway and Dalton"),
                                   ("What do regulators have to do?", "Competition and Markets Authority")])


def test_a_light_verb_is_no_word_of_what_a_named_question_asks(tmp_path, embedder):
    """Seen on articles of our own (session 23): "How much profit did Lumina make?" cited the forecast's "Lumina now
    expects full-year revenue of about $15.5 billion, …" before "Net income more than doubled to $910 million …":
    "make" was one of its two words, held by the chief executive's quote, so no sentence held both."""
    from qa.scoring import terms
    from qa.topic import focus_terms

    assert focus_terms("How much profit did Lumina make?") == set(terms("profit"))
    earnings = EARNINGS + "\nLumina now expects full-year revenue of about $15.5 billion, up from its earlier forecast.\n"
    qa = folder_store(tmp_path, embedder, earnings=earnings, storm=STORM, strike=STRIKE)
    assert_answered_first(qa, [("How much profit did Lumina make?", "Net income more than doubled")])


def test_robbers_rob_a_fee_is_paid_and_get_is_no_word(tmp_path, embedder):
    """Seen on articles of our own (session 23): "How did the robbers get in?" cited the rocket's "\"We only get
    one first flight,\" he said." (0.43: "get" its one word held; the robbery says "robbed", "robbery"); "How
    much did they pay?" after "Who did Harbour City sign?" cited "The previous club record was the £45 million
    paid for …" (the word "paid"), not the lead's "… for a club-record fee of £62 million …"."""
    transfer = TRANSFER + "\nThe previous club record was the £45 million paid for midfielder Sami Haddad in 2023.\n"
    qa = folder_store(tmp_path, embedder, robbery=ROBBERY, launch=LAUNCH, transfer=transfer)
    answer = qa.ask("How did the robbers get in?")
    assert not answer.abstained and "Millbrook" in answer.citations[0].text, answer.to_dict()
    assert all("first flight" not in c.text for c in answer.citations), answer.to_dict()
    assert_conversation_ends(qa, ["Who did Harbour City sign?", "How much did they pay?"], "fee of £62 million")


def test_a_country_s_words_are_its_people_s_and_a_quote_is_its_speaker_s(seed_qa):
    """The demo article (session 23): "What did Iran say about the UN vote?" cited the Israeli ambassador's words
    (they hold "UN"), not "Iranian foreign ministry spokesman Nasser Kanaani called Monday's resolution … a
    \"positive step.\"" ("Iranian" is no form of "Iran" to the stemmer); "What did Israel say?" cited "In a
    statement on Monday, Hamas claimed that Israel \"did not respond …\"" (Hamas's words, naming Israel)."""
    from qa.answer_kinds import said_by, speaker
    from qa.asked import stand_ins
    from qa.scoring import terms

    assert said_by("What did Iran say about the UN vote?") == "Iran" and said_by("How did Israel react?") == "Israel"
    assert said_by("Who said it?") == ""
    claim = speaker("In a statement on Monday, Hamas claimed that Israel \"did not respond\".")
    assert "Hamas" in claim and "Israel" not in claim
    assert "Kanaani" in speaker("\"A more important step is action,\" said Kanaani.")
    assert "Marchetti" in speaker("\"I want to win trophies here,\" Marchetti said.")
    assert set(terms("Iranian")) <= stand_ins("What did Iran say?")[terms("Iran")[0]]
    for question, first in [("What did Iran say about the UN vote?", "Nasser Kanaani called"),
                            ("What did Israel say?", "Israeli Ambassador to the UN Gilad Erdan"),
                            ("How did Israel react?", "Israel has dismissed Hamas' demands")]:
        answer = seed_qa.ask(question)
        assert not answer.abstained and first in answer.citations[0].text, (question, answer.to_dict())


VEGA = (
    "Vega capsule returns to Earth after moon mission\n\nThe Vega mission came to an end on Sunday as the uncrewed "
    "capsule splashed down in the Pacific Ocean after flying around the moon.\n\nThe mission lasted 25 days and covered "
    "more than 1.4 million miles, the space agency said.\n\nEngineers will now study the heat shield, which faced "
    "temperatures of about 2,800 degrees Celsius on the way back.\n")
APOLLO = (
    "Fifty years on, Apollo 17 crew recalls last moon landing\n\nApollo 17 was the last crewed mission to land on the "
    "moon, in December 1972.\n\nThe mission lasted 12 days and 14 hours, and its crew spent more than three days on "
    "the lunar surface.\n\nAstronaut Harrison Schmitt, the only geologist to walk on the moon, said he still thinks "
    "about the view of Earth.\n")


def test_a_short_question_answered_in_another_story_is_read_in_the_conversation_s(tmp_path, embedder):
    """RealTimeQA's store (session 23): "How long was the mission?" after questions about the Orion capsule cited
    the last Apollo mission's record, another article's (short, no pronoun: kept as asked when answered so). On
    articles of our own it cited the Vega mission's "The mission lasted 25 days …" and then Apollo 17's. Answered
    as asked, it is read in the story just answered from when that story holds its words and answers it."""
    qa = folder_store(tmp_path, embedder, vega=VEGA, apollo=APOLLO, fire=FIRE, launch=LAUNCH)
    answer = assert_conversation_ends(qa, ["What happened to the Vega capsule?", "Where did it come down?",
                                           "How long was the mission?"], "The mission lasted 25 days")
    assert all("Apollo" not in c.text and "12 days" not in c.text for c in answer.citations), answer.to_dict()


def test_what_caused_it_asks_why(tmp_path, embedder):
    """Seen on an article of our own (session 23): "What caused the wildfire?" cited the lead, not "The cause of the
    fire is under investigation." (the story's answer: it is not known)."""
    from qa.reasons import asks_why, gives_reason

    assert asks_why("What caused the wildfire?") and asks_why("What led to the strike?") and not asks_why("What did it cause?")
    assert gives_reason("The cause of the fire is under investigation.")
    fire = FIRE + "\nThe cause of the fire is under investigation.\n"
    qa = folder_store(tmp_path, embedder, fire=fire, launch=LAUNCH, fine=FINE)
    assert_answered_first(qa, [("What caused the wildfire?", "The cause of the fire is under investigation.")])


# follow-ups answered in the words their story writes (session 23, articles of our own): the folder, and each turn
# with the fact its answer's first sentence holds
WRITTEN_OTHERWISE = [
    # "Which phone did Nimbus launch?" cited "Nimbus sold 41 million phones last year …" before "… Nimbus unveiled
    # … the Nimbus Fold …"; "What do critics say?" abstained (0.02) beside "Reviewers who tried the phone …"
    pytest.param({"phone": PHONE + "\nReviewers who tried the phone at the event praised its hinge but said the outer "
                           "screen felt cramped.\n", "launch": LAUNCH, "fine": FINE},
                 [("Which phone did Nimbus launch?", "the Nimbus Fold"),
                  ("What do critics say?", "Reviewers who tried the phone")], id="launch-unveil-critics-reviewers"),
    # "How heavy is it?" abstained (0.26: the subject's "announce" is in no sentence), and, answered, cited the lead
    # before "… weighs 239 grams." (a weight, far behind)
    pytest.param({"phone": PHONE + "\nThe Fold opens into a 7.8-inch screen and weighs 239 grams.\n", "launch": LAUNCH,
                  "fine": FINE},
                 [("What did Nimbus announce?", "Nimbus Fold"), ("How heavy is it?", "239 grams")], id="announce-weight"),
    # "Is it endangered?" cited the lead, not "The team warned that the species may already be at risk, …"
    pytest.param({"frog": FROG + "\nThe team warned that the species may already be at risk, since it lives only on a "
                                 "single mountain where cattle farming is spreading.\n", "fine": FINE, "fire": FIRE},
                 [("What did scientists find in Brazil?", "new species of frog"),
                  ("Is it endangered?", "may already be at risk")], id="endangered-at-risk"),
]


@pytest.mark.parametrize("texts,turns", WRITTEN_OTHERWISE)
def test_a_follow_up_is_answered_in_the_words_its_story_writes(tmp_path, embedder, texts, turns):
    assert_each_turn_answered(folder_store(tmp_path, embedder, **texts), turns)


def test_a_weight_a_temperature_a_speed_or_a_size_is_a_measure_of_its_own_form():
    from qa.numbers import distinct_measure

    assert distinct_measure("How heavy is it?") and distinct_measure("How cold is the crater?")
    assert not distinct_measure("How many phones did it sell?")


def test_which_company_makes_it_asks_for_a_company(tmp_path, embedder):
    """Seen on an article of our own (session 23): "Which company makes the airbag sensor?" read "makes" as the
    kind asked for, and cited the recall's lead, not "The company said the sensor, made by supplier Keltron
    Components, …"."""
    from qa.asked import asked_doing, asked_kind
    from qa.scoring import terms

    assert asked_kind("Which company makes the airbag sensor?") == terms("company")[0]
    assert asked_doing("Which company makes the airbag sensor?") == terms("make")[0]
    assert asked_kind("Which company plans to cut jobs?") == terms("plans")[0]  # a regular verb: as before
    recall = RECALL + ("\nThe company said the sensor, made by supplier Keltron Components, can misread the weight of "
                       "an adult passenger as that of a child.\n")
    qa = folder_store(tmp_path, embedder, recall=recall, launch=LAUNCH, fine=FINE)
    assert_answered_first(qa, [("Which company makes the airbag sensor?", "made by supplier Keltron Components")])


def test_an_answer_sent_as_text_is_searched_for_its_articles_once(tmp_path, embedder, monkeypatch):
    """A conversation sent as text (the OpenAI-compatible endpoint) sends its earlier answers again with every
    question; their cited articles were searched again each time (~200 ms a question with six answers before it,
    session 23). Each answer's sentences are searched once, and the conversation is read as before."""
    from qa.citations import quoted_sentences
    from qa.retrieval import HybridRetriever

    searched: list[str] = []
    real = HybridRetriever.retrieve

    def counting(self, query, *args, **kwargs):
        searched.append(query)
        return real(self, query, *args, **kwargs)

    monkeypatch.setattr(HybridRetriever, "retrieve", counting)
    qa = folder_store(tmp_path, embedder, fine=FINE, fire=FIRE, frog=FROG)
    questions = ["Why was Streamly fined?", "Who complained?", "What did she say?", "What's the latest on the wildfire?",
                 "How big is it?"]
    answers = list(chat(qa, questions, sent_back=False))
    assert "18,000 acres" in answers[-1].citations[0].text, answers[-1].to_dict()
    for answer in answers[:-1]:
        quotes = " ".join(quoted_sentences(answer.to_dict()["answer"]))
        assert searched.count(quotes) == 1, (answer.text, searched.count(quotes))


DELAYS = (
    "Europe's flights ran later in 2025 than in any year since 2019, report finds\n\n"
    "Flights across Europe ran later last year than at any time since 2019, according to a new report by the travel "
    "data firm FlightGauge.\n\nThe report by FlightGauge, which tracks departures at 640 airports, found that one flight "
    "in three left more than 15 minutes late, and that delays grew in every month of the summer.\n\nOnly 41 of the 640 "
    "airports analysed met the industry's target of 80% of flights leaving on time.\n\nAirlines blamed air traffic "
    "control strikes and staff shortages; airports pointed to airlines' tight schedules.\n\nIn Germany, FlightGauge found "
    "that delays rose by a fifth compared with 2024.\n\n\"Passengers are paying for a system that has no slack left in "
    "it,\" said Ines Varga, FlightGauge's head of research.\n\nOut of the 23 German airports tracked, Frankfurt remained "
    "the least punctual, with 44% of its flights leaving late.\n\nSmall regional airports fared better: on the island of "
    "Sylt, nine flights in ten left on time.\n")

RIVERS = (
    "Rivers in Eastmoor are cleaner, but not everywhere, report finds\n\nWater quality in Eastmoor's rivers improved "
    "for a third straight year in 2025, according to a new report by Riverwatch, a charity that tests river water "
    "across the region.\n\nThe report, published on Thursday, found that average levels of nitrates fell by 8% "
    "compared with the year before, and phosphate levels by 5%.\n\nRiverwatch said the improvement was driven by new "
    "treatment works and by farmers using less fertiliser near riverbanks.\n\n\"This is real progress, and it shows "
    "that investment pays off,\" said Riverwatch director Helen Okafor.\n\nThe charity's volunteers took more than "
    "12,000 samples at 310 sites between January and December.\n\nIt is the largest survey of its kind in the "
    "region, the charity said.\n\nSwimmers and anglers have long complained about the state of the water in "
    "summer.\n\nAlgal blooms, which can make dogs and people ill, were recorded on 41 days, down from 63 the year "
    "before.\n\nThe report also looked at sewage.\n\nWater companies released untreated sewage into Eastmoor's "
    "rivers on 2,900 occasions in 2025, down from 3,400, according to their own figures.\n\nCampaigners said the "
    "figures were still far too high.\n\nThe regional water company, Eastmoor Water, said it would spend £1.2 "
    "billion on its sewers over the next five years.\n\n\"We know we have more to do,\" a spokesperson for the "
    "company said.\n\nThe government's environment agency welcomed the report.\n\nIt said it would use the findings "
    "to decide where to carry out more inspections.\n\nNot every town shared in the gains.\n\nOf the 40 towns whose "
    "rivers were tested, Brackwater's stretch of the River Lune remained the most polluted, with nitrate levels "
    "nearly three times the safe limit.\n\nBrackwater's council said it had asked the government for money to "
    "upgrade its treatment works, which were built in 1962.\n\nKelby and Fenmouth were also among the towns with the "
    "poorest water.\n\nBy contrast, the River Arden at Millhaven was rated the cleanest for the second year "
    "running.\n\nRiverwatch said it would publish a map of every site on its website.\n\nThe charity is funded by "
    "donations and by grants from two foundations.\n\nIt plans to add 50 more sites next year.\n")


def test_which_is_the_most_of_something_is_answered_by_the_sentence_naming_it():
    """Seen on RealTimeQA dev (session 24): "Which US city had the worst air quality last year, according to a new
    report by IQAir?" cited the report's findings for the US, not "Out of the more than 2,400 US cities analyzed, Los
    Angeles air remained the most polluted, …" (24th of the candidates). Here, in an article of our own, the delays
    report's lead and findings came first, and Frankfurt was not cited."""
    from qa.answer_kinds import asks_most, gives_most, superlatives
    from qa.asked import which_terms
    from qa.scoring import terms

    question = "Which German airport had the worst delays last year, according to FlightGauge?"
    assert asks_most(question) and asks_most("Which team scored the most goals?")
    assert not asks_most("Which airport did FlightGauge study?") and not asks_most("What is the worst that can happen?")
    assert which_terms(question) == set(terms("German airport"))
    assert gives_most("Out of the 23 German airports tracked, Frankfurt remained the least punctual.", question)
    assert not gives_most("The report by FlightGauge found the worst delays since 2019.", question)  # no one new
    assert not gives_most("A priest in Sylt said flights left on time.", question)
    # one of several that are the most is not the one (session 25)
    assert not gives_most("Kelby and Fenmouth were also among the towns with the poorest water.", question)
    assert not gives_most("Munich is one of the slowest airports in Germany.", question)
    assert gives_most("Among German airports, Frankfurt had the worst record.", question)
    assert asks_most("Which town was cleanest in it?") and superlatives("Which town was cleanest in it?") == {"cleanest"}
    assert superlatives("Flights were ranked from best to worst; Sylt was the fastest.", after_the=True) == {"fastest"}


RATES = (
    "Central bank of Norvalia holds rates at 4.25% as inflation cools\n\nThe Bank of Norvalia kept its main "
    "interest rate at 4.25% on Thursday, the third meeting in a row without a change, as inflation slowed more "
    "than expected.\n\nConsumer prices rose 2.8% in the year to October, down from 3.4% in September, the national "
    'statistics office said on Tuesday.\n\nGovernor Helena Stroud said the bank would "wait for clear evidence" '
    "that inflation was heading back to its 2% target before cutting rates.\n\nSeven of the nine members of the "
    "rate-setting committee voted to hold; two voted for a cut of a quarter point.\n\nEconomists polled by the "
    "Vestry Herald had expected the decision, but most now expect a first cut in March.\n\nThe Norvalian krone "
    "fell 0.6% against the euro after the announcement.\n\nThe bank also raised its forecast for growth next year "
    "to 1.4%, from 1.1%, citing stronger household spending.\n\nMortgage lenders said fixed rates were likely to "
    "stay near 5% until the bank moves.\n")
HEAT = (
    "Heatwave grips southern Spain as temperatures hit 46C\n\nTemperatures reached 46.2C in the city of Córdoba on "
    "Wednesday, the highest reading of a heatwave that has gripped southern Spain since Sunday, the state "
    "weather agency Aemet said.\n\nAemet issued red alerts for Andalusia and Murcia and said the heat would last "
    "until at least Saturday.\n\nTwo farm workers died of heatstroke near Seville on Tuesday, regional officials "
    "said.\n\nSchools in Andalusia shortened their days, and the city of Seville opened 30 air-conditioned "
    "shelters for older people.\n\nThe national grid operator said electricity demand hit a record for June on "
    "Tuesday afternoon.\n\nScientists say heatwaves in Spain have become more frequent and more intense as the "
    "climate warms.\n\nAemet expects temperatures to fall by 5 to 8 degrees from Sunday, when a cooler Atlantic "
    "air mass arrives.\n")
COFFEE = (
    "Three cups of coffee a day linked to lower risk of heart disease, study finds\n\nPeople who drank two to "
    "three cups of coffee a day were 15% less likely to develop heart disease than those who drank none, "
    "according to a study published on Wednesday in the journal Heart Health Research.\n\nResearchers at the "
    "University of Lund followed 382,000 adults in Britain for an average of 12 years.\n\nThe benefit was seen for "
    "ground, instant and decaffeinated coffee alike, suggesting that caffeine is not the reason, the authors "
    'said.\n\n"Moderate coffee drinking can be part of a healthy diet," said Dr Ingrid Holm, who led the study.\n\n'
    "People who drank more than six cups a day did not have a lower risk.\n\nThe study was observational, so it "
    "cannot prove that coffee itself lowers the risk, the researchers cautioned.\n\nThe study was funded by the "
    "Swedish Research Council and had no funding from the coffee industry.\n")


def test_a_temperature_and_a_time_it_lasts_until_are_measures():
    """Seen on articles of our own (session 24), beside the others of sessions 22 and 23: "What did the Bank of
    Norvalia decide?" cited "Economists … had expected the decision, …" before the lead (the verb asked with is not
    the news); "How did the currency react?" abstained (0.13) beside "The Norvalian krone fell 0.6% …"; "How hot did
    it get in Spain?" cited "… to fall by 5 to 8 degrees …", not "Temperatures reached 46.2C …"; "How long will it
    last?" cited the lead (its "46.2C" a number), not "… the heat would last until at least Saturday."; "Who paid for
    it?" cited the study's leader, not "The study was funded by the Swedish Research Council …"."""
    from qa.numbers import holds_measure

    assert holds_measure("It hit 104F in Phoenix.", "How hot was it?") and holds_measure("It was 40 °C.", "How warm?")
    assert not holds_measure("About 45,000 runners from 150 countries started.", "How hot was it?")
    assert holds_measure("The strike will go on until March 3.", "How long will the strike last?")
    assert not holds_measure("It lasted until it was stopped.", "How long will it last?")  # no time it ends
    assert not holds_measure("Talks went on until Friday.", "How long is the bridge?")


MARATHON = (
    "Kenyan runner Amos Kiprop breaks Berlin Marathon course record\n\nKenya's Amos Kiprop won the Berlin "
    "Marathon on Sunday in 2 hours, 1 minute and 12 seconds, breaking the course record by 27 seconds.\n\nThe "
    "24-year-old pulled away from Ethiopia's Tesfaye Bekele after 35 kilometres and finished almost a minute "
    "ahead of him.\n\nIt was only Kiprop's second marathon; he finished fourth in Valencia last December.\n\n\"I "
    "came here to win, the record is a gift,\" Kiprop said after the race, which was run in cool, dry "
    "weather.\n\nIn the women's race, Ethiopia's Meseret Alemu won in 2:17:40, the fastest time in the world "
    "this year.\n\nAbout 45,000 runners from 150 countries started the race, organisers said.\n\nThe world record "
    "of 2:00:35, set by the late Kelvin Kiptum in Chicago in 2023, still stands.\n")
BREACH = (
    "Fitness app PulseTrack says hackers stole data of 3.1 million users\n\nThe fitness app PulseTrack said on "
    "Monday that hackers had stolen the names, email addresses and dates of birth of 3.1 million users in an "
    "attack on one of its servers.\n\nPasswords and payment details were not taken, the company said, because "
    "they are stored separately and encrypted.\n\nPulseTrack discovered the breach on October 28, nine days "
    "after the attackers first gained access, and reported it to data protection authorities in Ireland two "
    "days later.\n\nThe company said it had reset every user's login session and urged users to watch for "
    "emails that appear to come from PulseTrack.\n\n\"We are deeply sorry,\" chief executive Daniel Okafor said "
    "in a statement. \"Our users trusted us with their data and we let them down.\"\n\nThe Irish Data Protection "
    "Commission confirmed it had opened an inquiry and could fine the company up to 4% of its annual "
    "turnover.\n\nPulseTrack, based in Dublin, has about 20 million users in 40 countries.\n\nShares of its "
    "parent company, Corvid Health, fell 8% in New York.\n")

def test_whether_it_is_so_and_what_to_do_are_read_in_the_question():
    """Seen on articles of our own (session 24): "Were passwords stolen?" after "What happened at PulseTrack?" cited
    the lead ("… hackers had stolen the names, …"), not "Passwords and payment details were not taken, …"; "What
    should users do?" cited the lead, not "… urged users to watch for emails …"; "What was his time?" after "Who won
    the Berlin Marathon?" cited the women's winner's "… won in 2:17:40, the fastest time …", not the lead's "… in 2
    hours, 1 minute and 12 seconds …"."""
    from qa.answer_kinds import asks_advice, gives_advice
    from qa.scoring import terms
    from qa.whether import whether_of

    assert whether_of("Were passwords stolen?") == set(terms("passwords"))
    assert whether_of("Was the CEO fired? PulseTrack") == {"ceo"}
    assert whether_of("Were passwords stolen at PulseTrack?") == set(terms("passwords"))  # (in Chromium: the lead)
    assert not whether_of("Is the new garden open to visitors?")  # ("garden" is no participle)
    assert not whether_of("Is it endangered?") and not whether_of("Did anyone die?")
    assert asks_advice("What should users do?") and asks_advice("What can drivers do? heatwave")
    assert not asks_advice("What should the fine be?") and not asks_advice("What did users do?")
    assert gives_advice("The company urged users to watch for emails.") and gives_advice("Officials told people to stay inside.")
    assert not gives_advice("Users trusted the company with their data.")


VALMORA = (
    "Maria Castell wins Valmora mayoral race by 412 votes\n\nMaria Castell, a former schoolteacher running for "
    "the Green Party, was elected mayor of Valmora on Sunday, beating the incumbent, Pieter Hols, by 412 "
    "votes after a recount.\n\nCastell won 50.3% of the vote to Hols's 49.7%, the city's election office said "
    "on Tuesday. Turnout was 61%, up from 48% at the last election in 2021.\n\nHols, a conservative who had led "
    "the city for eight years, conceded on Tuesday evening and said he would not challenge the result in "
    "court.\n\nCastell campaigned on building 5,000 affordable homes and making the city's buses free for "
    "people under 25.\n\nShe will take office on January 2 and will be the first woman to lead Valmora.\n\n\"This "
    "city has voted for change, and I intend to deliver it,\" Castell told supporters outside the town hall.\n")
COURT = (
    "Court orders carmaker Dorne to pay €85 million over diesel emissions\n\nA court in Stuttgart on Thursday "
    "ordered the carmaker Dorne to pay €85 million in damages to 21,000 owners of diesel cars fitted with "
    "software that cheated emissions tests.\n\nEach owner will receive about €4,000, the court said. Dorne had "
    "argued that the cars were safe and that the owners had suffered no loss.\n\nJudge Karin Lenz said the "
    "company had \"knowingly deceived\" buyers and regulators between 2012 and 2016.\n\nDorne said it would "
    "appeal the ruling to the Federal Court of Justice, a process that could take two years.\n\nThe case was "
    "brought by a consumer group, Verbraucher Allianz, which collected claims from owners across Germany.\n\n"
    "Dorne has already paid more than €2 billion in fines and settlements over the scandal in Europe and the "
    "United States.\n")


def test_a_follow_up_stays_in_the_story_of_the_conversation(tmp_path, embedder):
    """Seen on articles of our own (session 24): "What did she promise?" after "Who won the Valmora election?" cited a
    strike's "\"Our members cannot pay their bills with promises.\"" (the story holds no "promise": the question was
    answered as asked, though "she" points back; it says "Castell campaigned on …"); "What was the turnout?" cited
    "Turnout was 61%, …" and then the strike's "… on a turnout of 78%."; "How much will each owner get?" after a
    question about a court's ruling was padded with a robbery's "The store's owner, Margaret Lowe, …"."""
    qa = folder_store(tmp_path, embedder, valmora=VALMORA, court=COURT, strike=STRIKE, robbery=ROBBERY)
    answers = list(chat(qa, ["Who won the Valmora election?", "What did she promise?", "What was the turnout?"]))
    assert "campaigned on building 5,000 affordable homes" in answers[1].citations[0].text, answers[1].to_dict()
    assert [c.text for c in answers[2].citations] == ["Turnout was 61%, up from 48% at the last election in 2021."], (
        answers[2].to_dict())
    *_, owner = chat(qa, ["What did the court rule against Dorne?", "How much will each owner get?"])
    assert "about €4,000" in owner.citations[0].text, owner.to_dict()
    assert all(c.article_id == owner.citations[0].article_id for c in owner.citations), owner.to_dict()
    for answer in (*answers, owner):
        assert_grounded(qa, answer)



def test_a_follow_up_answered_in_the_story_cites_no_other_story_beside_it(tmp_path, embedder):
    """Seen on articles of our own (session 26): "How much is a ticket?" after "when did the tram open" cited "A single
    ticket costs £2.80, …" and then the festival's "About 45,000 people had bought tickets …" and "Ticket holders will
    get a full refund …": a conversation naming nothing (typed in lower case) kept every story's sentences."""
    qa = folder_store(tmp_path, embedder, tram=TRAM_LINE, festival=FESTIVAL, whale=WHALE)
    *_, ticket = chat(qa, ["when did the tram open", "How much is a ticket?"])
    assert "£2.80" in ticket.citations[0].text, ticket.to_dict()
    assert all(c.article_id == ticket.citations[0].article_id for c in ticket.citations), ticket.to_dict()
    assert_grounded(qa, ticket)

QUAKE = (
    "Magnitude 6.4 earthquake strikes eastern Turkey, killing at least 17\n\nA magnitude 6.4 earthquake struck "
    "eastern Turkey early on Monday, killing at least 17 people and injuring more than 300, the country's "
    "disaster agency AFAD said.\n\nThe quake hit at 4:12 a.m. local time near the town of Malazgirt, at a depth "
    "of 10 kilometres, according to AFAD.\n\nMore than 120 buildings collapsed, most of them older homes built "
    "of mud brick, and rescuers worked through the day to free people trapped under the rubble.\n\nAt least 40 "
    "aftershocks followed, the strongest of magnitude 4.9.\n\nThe government sent 2,500 rescue workers and said "
    "it would house families in tents and container homes.\n\nThe region was also hit by a deadly earthquake in "
    "2011, when more than 600 people died in the province of Van.\n")
LAYOFFS = (
    "Software maker Quillon to cut 1,800 jobs as sales slow\n\nQuillon, the accounting software company, said "
    "on Wednesday it would cut 1,800 jobs, about 12% of its workforce, as growth in sales slowed for a fourth "
    "straight quarter.\n\nMost of the cuts will fall in sales and marketing, and about 300 in its offices in "
    "Ireland, chief executive Rosa Lindqvist wrote in a memo to staff.\n\nEmployees who lose their jobs will "
    "receive at least 16 weeks of pay and six months of health insurance, the memo said.\n\nQuillon expects the "
    "cuts to save about $240 million a year and to cost $95 million in severance and other charges.\n\nShares "
    "of Quillon rose 6% in early trading.\n\nThe company also said it would spend more on artificial "
    "intelligence tools for its products.\n")


def test_a_verb_counts_nothing_and_a_market_moves_by_so_much():
    """Seen on articles of our own (session 24): "How many died?" after "Tell me about the earthquake in Turkey" counted
    "died" as a noun, and "… a deadly earthquake in 2011, when more than 600 people died …" came before the lead's "…
    killing at least 17 people …"; "What will laid-off workers get?" after "Why is Quillon cutting jobs?" abstained
    (0.21) beside "Employees who lose their jobs will receive …"; "How did investors react?" cited "Most of the cuts will
    fall in sales and marketing, …" (a fall, and "marketing" a form of "market"), not "Shares of Quillon rose 6% …"."""
    from qa.answer_kinds import tells_reaction
    from qa.numbers import counted_noun

    assert counted_noun("How many died?") is None and counted_noun("How many fled?") is None
    assert counted_noun("How many beds are there?") == "beds" and counted_noun("How many people died?") == "people"
    assert not tells_reaction("Most of the cuts will fall in sales and marketing.", "How did investors react?")
    assert tells_reaction("The krone fell 0.6% against the euro.", "How did the currency react?")
    assert tells_reaction("Its shares jumped as much as $4 on Friday.", "How did the market react?")


def test_which_one_of_a_kind_is_answered_by_the_sentence_naming_one():
    """Seen on RealTimeQA dev (session 24): "Into which ocean did NASA's Orion spacecraft splash down this week, …?"
    cited the Artemis I mission's end first and "It splashed down … in the Pacific Ocean …" third. A sentence naming
    one of the kind asked (the kind's word part of the name, or after it and "of") comes first; not "A senior State
    Department official …" for "Which high-level US official …?", which came first when any name before the kind's
    word counted."""
    from qa.asked import asked_kind, names_kind

    ocean = "Into which ocean did the Vega capsule splash down after its moon flight?"
    assert names_kind("It splashed down in the Pacific Ocean off Baja California.", asked_kind(ocean), ocean)
    assert not names_kind("The capsule made an ocean splashdown.", asked_kind(ocean), ocean)
    official = "Which high-level US official traveled to Ukraine this week?"
    assert not names_kind("A senior State Department official told the press.", asked_kind(official), official)
    city = "Which city reached 46.2C?"
    assert names_kind("Temperatures reached 46.2C in the city of Córdoba.", asked_kind(city), city)
    assert not names_kind("Out of the 2,400 US cities analyzed, it was first.", "citi", "Which US city had the worst air?")


PHONE_BAN = (
    "Parliament passes law banning phones in Danish schools\n\nDenmark's parliament on Tuesday passed a law "
    "that bans pupils from using mobile phones during the school day in all state primary and lower secondary "
    "schools.\n\nThe law passed by 97 votes to 12 and will take effect at the start of the next school year in "
    "August.\n\nPupils will have to hand in their phones when they arrive or keep them switched off in their "
    "bags; schools may allow exceptions for pupils with medical needs.\n\nEducation Minister Mattias Tesfaye "
    "said the ban would give children \"more time to play and to learn, and less time on screens\".\n\nA "
    "government commission found last year that nine in ten Danish children aged 11 to 12 have their own "
    "smartphone.\n\nSome parents' groups opposed the ban, saying families need to reach their children in an "
    "emergency.\n")
PAINTING = (
    "Police arrest man after Lisbon museum painting theft\n\nPortuguese police on Thursday arrested a "
    "34-year-old man suspected of stealing a 17th-century painting from the Museu Ribeira in Lisbon last "
    "month.\n\nThe painting, \"Still Life with Lemons\" by Josefa de Óbidos, was found undamaged in a storage "
    "unit in Setúbal, police said.\n\nInvestigators identified the suspect from security camera footage that "
    "showed a man in a delivery uniform carrying a large flat package out of a side door on February 12.\n\nThe "
    "painting is valued at about €1.5 million, the museum said.\n\nThe man, whose name was not released, will "
    "appear before a judge on Friday. He faces up to eight years in prison if convicted.\n\nThe museum said it "
    "had tightened security and would put the painting back on display in April.\n")



OBITUARY = (
    "Clara Mendel, pianist who revived forgotten composers, dies at 88\n\nClara Mendel, the Austrian-born "
    "pianist who spent six decades bringing forgotten women composers back to the concert hall, died on "
    "Saturday at her home in Boston. She was 88.\n\nHer son, Daniel Mendel, said the cause was heart failure.\n\n"
    "Mendel recorded more than 40 albums, including the complete piano works of Fanny Mendelssohn and Louise "
    "Farrenc, and won a Grammy Award in 1994.\n\nBorn in Vienna in 1937, she fled with her parents to the "
    "United States in 1938 and studied at the Juilliard School in New York.\n\nShe taught at the New England "
    "Conservatory for 35 years, where her students included the conductor Marin Alsop.\n\n\"She made us hear "
    "music we did not know we had lost,\" Alsop said on Sunday.\n\nMendel is survived by her son and two "
    "grandchildren.\n")
CUP_TIE = (
    "Late Okafor goal sends Westbury into the FA Cup quarter-finals\n\nWestbury beat Harbour City 2-1 at "
    "Marston Park on Saturday, with substitute Femi Okafor scoring the winner in the 89th minute to send the "
    "second-tier side into the FA Cup quarter-finals for the first time since 1987.\n\nHarbour City took the "
    "lead through Leo Marchetti's header after 23 minutes, but Westbury's captain, Sam Doyle, equalised from "
    "the penalty spot early in the second half.\n\nHarbour City finished with ten men after defender Tomas Berg "
    "was sent off for a second yellow card.\n\nA crowd of 31,450 watched the match, a record for the ground.\n\n"
    "Westbury will play Norwich away in the quarter-finals on March 15.\n\n\"It's the best day of my life,\" said "
    "Okafor, 19, who had come on only eight minutes earlier.\n")


def test_an_age_said_alone_a_cause_and_a_place_after_a_word():
    """Seen on articles of our own (session 24): "How old was she?" of a pianist who died cited the lead without "She
    was 88." (too short a sentence to be a candidate; read with the one before it now); "What did she die of?" cited
    the lead, not "Her son, Daniel Mendel, said the cause was heart failure."; "Who were her students?" cited the lead,
    "She taught …, where her students included the conductor Marin Alsop." naming someone else; "How many fans were
    there?" of a cup tie cited the lead, not "A crowd of 31,450 watched the match, …"."""
    from index.text import reads_on
    from qa.answer_kinds import gives_place
    from qa.reasons import asks_why, gives_reason

    assert reads_on("She died on Saturday at her home in Boston.", "She was 88.")
    assert reads_on("Reddick died on Sunday.", "Reddick was 79.") and not reads_on("The score was level.", "It was 1.")
    assert not reads_on("She died on Saturday.", "She was there.") and not reads_on("He won.", "He was 19 when he won.")
    assert asks_why("What did she die of?") and asks_why("What killed him?") and not asks_why("What did she say?")
    assert gives_reason("Her son said the cause was heart failure.")
    assert gives_place("Born in Vienna in 1937, she fled.", {"born"})
    assert not gives_place("She died on Saturday at her home in Boston.", {"born"})


FOG = (
    "Fog grounds more than 400 flights at Amsterdam's Schiphol airport\n\nMore than 400 flights were cancelled "
    "at Amsterdam's Schiphol airport on Tuesday as thick fog cut visibility to under 100 metres, stranding "
    "thousands of passengers.\n\nKLM, the airport's largest airline, cancelled 260 flights, most of them to "
    "other European cities.\n\nThe airport said it expected to run a normal schedule again on Wednesday "
    "morning, once the fog lifts.\n\nPassengers whose flights were cancelled can rebook free of charge or ask "
    "for a refund, KLM said, and those stuck overnight were offered hotel rooms.\n\nUnder EU rules, airlines do "
    "not have to pay compensation for cancellations caused by weather.\n\nDense fog also disrupted flights in "
    "Brussels and Düsseldorf.\n")


def test_a_reason_written_with_as_or_an_aim_is_a_reason():
    """Seen on articles of our own (session 24): news leads write a reason with "as" ("… were cancelled … on Tuesday as
    thick fog cut visibility …"), read as none: "Why were flights cancelled at Schiphol?" cited "Under EU rules,
    airlines do not have to pay compensation for cancellations caused by weather." first; "Why is this happening?"
    about a heatwave cited the lead, not "… heatwaves in Spain have become more frequent … as the climate warms."."""
    from qa.reasons import gives_reason

    assert gives_reason("It kept its rate at 4.25% as inflation slowed more than expected.")
    assert gives_reason("Shares rose as investors cheered the deal.")
    for no_reason in ["Basic items such as eggs and bread have increased.", "Eggs as well as bread prices rose.",
                      "The Fold, as the phone is called, launched.", "He served as mayor until he resigned.",
                      "He worked as a nurse and retired in 2010."]:
        assert not gives_reason(no_reason), no_reason
    assert gives_reason("The lower price was aimed at winning back customers in Europe.")
    # (a doing aimed at, not a thing: "… a favorite taunt aimed at the company …" was cited for "why?"; session 36)
    assert not gives_reason("He also used a favorite taunt aimed at the company.")



LUMO_PHONE = (
    "Lumo unveils cheaper Lumo 9 phone with a longer battery life\n\nThe smartphone maker Lumo on Wednesday "
    "unveiled the Lumo 9, priced at $499, $100 less than last year's model.\n\nThe phone goes on sale in the "
    "United States and Europe on October 4; pre-orders open on Friday.\n\nLumo said the battery lasts up to 36 "
    "hours, six more than the Lumo 8, and the main camera has a larger sensor.\n\nThe phone comes in three "
    "colours: black, sand and sea green.\n\nAnalysts at Halden Research said the lower price was aimed at "
    "winning back customers in Europe, where Lumo's market share fell to 7% last year.\n")


def test_a_phrase_of_the_question_is_held_as_a_phrase():
    """A short question naming nothing is answered by the sentence of its story holding its phrase ("world record"),
    not by the lead holding one of its words ("… breaking the course record …"; session 24)."""
    from qa.scoring import term_pairs

    asked = term_pairs("What's the world record for the marathon?")
    assert asked & term_pairs("The world record of 2:00:35, set by the late Kelvin Kiptum, still stands.")
    assert not asked & term_pairs("He won the Berlin Marathon, breaking the course record by 27 seconds.")


# conversations held on articles of our own as the web chat holds them (session 24), each case's articles and
# conversations with what they cited before the fix (the pure parts of each rule are tested above)
PLANET = (
    "Astronomers find Earth-sized planet that may have water\n\nAstronomers have found a planet about the size of "
    "Earth orbiting a small star 40 light-years away, and say it may be warm enough to have liquid water on its "
    "surface.\n\nThe planet, called Kestrel-4b, circles its red dwarf star every 19 days, according to a study "
    "published on Wednesday in the journal Nature Astronomy.\n\nIt was spotted by NASA's TESS space telescope and "
    "confirmed with telescopes in Chile and Spain.\n\nThe planet receives about 80% as much energy from its star as "
    "Earth gets from the sun.\n\n\"It's one of the best places we know of to look for an atmosphere,\" said Priya "
    "Nandakumar, an astronomer at the University of Toronto who led the study.\n\nThe team has asked for time on the "
    "James Webb Space Telescope to check whether the planet has an atmosphere.\n\nRed dwarfs often blast their "
    "planets with flares, which could strip an atmosphere away, the researchers cautioned.\n\nKestrel-4b is the "
    "closest Earth-sized planet in its star's habitable zone found by TESS so far.\n")
DERAILMENT = (
    "Freight train derails near Alder Creek, forcing hundreds to leave their homes\n\nA freight train carrying "
    "chemicals derailed near the town of Alder Creek late on Friday, and about 600 residents were told to leave "
    "their homes as a precaution, county officials said.\n\nTwenty-two of the train's 90 cars left the tracks "
    "shortly before 11 p.m., and three of them caught fire.\n\nTwo of the burning cars were carrying vinyl chloride, "
    "a flammable gas used to make plastics, according to the rail operator, Western Plains Railroad.\n\nNo one was "
    "hurt.\n\nFirefighters let the fire burn out on Saturday afternoon rather than try to put it out, fire chief "
    "Dana Whitlock said.\n\nResidents within a one-mile radius were allowed to return home on Sunday after air tests "
    "found no danger, the county said.\n\nThe cause of the derailment is not yet known.\n\nFederal investigators "
    "from the National Transportation Safety Board arrived on Saturday and said a broken axle was one possibility "
    "they were examining.\n\nWestern Plains Railroad said it would pay for hotel rooms for families who had to "
    "leave.\n")
FESTIVAL = (
    "Lakeside music festival cancelled after storm damages site\n\nOrganisers of the Lakeside music festival have "
    "cancelled this weekend's event after a storm tore down two stages and flooded the campsite, they said on "
    "Thursday.\n\nAbout 45,000 people had bought tickets for the three-day festival, which was due to start on "
    "Friday near the town of Wrenford.\n\nTicket holders will get a full refund within 14 days, the organisers said; "
    "those who bought through resale sites should contact the seller.\n\nHeadliners included the bands Northern Arcs "
    "and The Velvet Hours.\n\nWinds of up to 70 miles per hour hit the site on Wednesday night.\n\n\"We are "
    "heartbroken, but the safety of fans comes first,\" festival director Tom Ashby said.\n\nLocal businesses said "
    "the cancellation would cost the area about £3 million.\n\nThe festival, first held in 2009, plans to return "
    "next summer.\n")
STREAMING = (
    "Streamly raises prices for the second time in a year\n\nStreamly will raise the price of its standard plan from "
    "$15.49 to $17.99 a month in the United States and Canada, the streaming company said on Tuesday.\n\nThe "
    "ad-supported plan will go up by $1, to $7.99, while the premium plan stays at $22.99.\n\nThe new prices take "
    "effect on March 1 for new customers and a month later for existing ones.\n\nIt is the second increase in less "
    "than a year; Streamly last raised prices in April.\n\nThe company said the money would pay for more live sports "
    "and original films.\n\nStreamly added 4.2 million subscribers in the last three months of the year, more than "
    "analysts had expected, bringing its total to 118 million.\n\nIts shares rose 9% in after-hours "
    "trading.\n\nCustomers can cancel at any time, the company said, and those on annual plans will keep their "
    "current price until renewal.\n")
BRIBERY = (
    "Former mayor sentenced to six years for bribery\n\nThe former mayor of Ridgeport, Carl Benning, was sentenced "
    "on Monday to six years in prison for taking bribes from developers in return for city contracts.\n\nA jury "
    "found Benning, 58, guilty in October of bribery, fraud and lying to investigators.\n\nProsecutors said he took "
    "more than $410,000 in cash and gifts, including a boat, between 2017 and 2021.\n\nJudge Martha Ocampo also "
    "ordered him to repay the money and pay a $50,000 fine.\n\nBenning could have faced up to 20 years.\n\nHis "
    "lawyer, Richard Vance, said Benning would appeal.\n\n\"He has always maintained his innocence,\" Vance said "
    "outside the courthouse.\n\nTwo developers who paid the bribes pleaded guilty last year and testified against "
    "him.\n\nBenning served as mayor for nine years before resigning in 2022, when the investigation became public.\n")


TRAM_LINE = (
    "Harborview's new tram line opens three years late and £90 million over budget\n\nThe first passengers "
    "rode Harborview's new tram line on Monday morning, three years later than planned and at a final cost of "
    "£340 million, about £90 million more than the original budget.\n\nThe 9-mile Blue Line runs from the "
    "central station to the airport, with 14 stops along the way, and trams will run every six minutes at "
    "peak times.\n\nA single ticket costs £2.80, and children under 11 travel free.\n\nThe city council "
    "blamed the delays on flooding during construction in 2024 and a dispute with the main contractor, "
    "Castell Rail, which was replaced in 2025.\n\nTransport chief Amira Rahman said the line would take about "
    "8,000 cars off the road each day. \"It has been a long wait, but this is a line the city will use for "
    "the next hundred years,\" she said.\n\nOpposition councillor Gareth Pryce called the overspend \"a "
    "scandal\" and has asked for an independent inquiry.\n\nWork on a second line, to the university, is due "
    "to start next spring.\n")

FOSSIL = (
    "Farmer's dog uncovers nearly complete dinosaur skeleton in Montana\n\nA dog out walking with its owner "
    "on a cattle ranch in eastern Montana has led scientists to one of the most complete dinosaur skeletons "
    "found in North America in decades, the Museum of the Rockies said on Tuesday.\n\nRancher Dale Hennessy "
    "said his border collie, Scout, began digging at the base of an eroded hillside in June and would not "
    "stop until a large bone was showing.\n\nPalaeontologists have since recovered about 80% of the skeleton "
    "of a young Triceratops, including its skull, both horns and most of its spine.\n\nThe animal was about "
    "18 feet long and is thought to have been eight to ten years old when it died, roughly 66 million years "
    "ago.\n\n\"Finding a juvenile this complete is extremely rare,\" said Dr. Priya Natarajan, who is leading "
    "the excavation. \"Most of what we know about young Triceratops comes from scattered fragments.\"\n\nThe "
    "bones will be cleaned and studied at the museum in Bozeman, where they are expected to go on public "
    "display in 2028.\n\nHennessy has donated the skeleton to the museum. The team has nicknamed it \"Scout\" "
    "after the dog.\n")

WHALE = (
    "Stranded humpback whale refloated after 20-hour rescue on Cornish beach\n\nA young humpback whale that "
    "became stranded on a beach in Cornwall has been refloated and swam back out to sea after a rescue "
    "lasting nearly 20 hours, a marine charity said on Saturday.\n\nThe whale, about 30 feet long, was "
    "spotted by a dog walker on Perranporth beach at around 6 a.m. on Friday.\n\nVolunteers from British "
    "Divers Marine Life Rescue kept the animal cool and wet with buckets of seawater and wet towels while "
    "they waited for the tide to come in.\n\nIt was refloated using inflatable pontoons at high tide at about "
    "2 a.m. on Saturday.\n\n\"It was exhausted, but it was breathing steadily and it swam away strongly,\" "
    "said rescue coordinator Julia Penrose.\n\nVets said the whale was underweight and may have become "
    "separated from its mother.\n\nThe charity asked people to keep watching the coast in case the whale "
    "strands again, and to keep dogs away from any stranded animal.\n\nIt is the third humpback stranding in "
    "Cornwall this year.\n")

WRECK = (
    "Divers stumble on lost 1918 steamship\n\nDivers searching for a sunken fishing boat stumbled on something else: "
    "the wreck of the SS Calloway, a steamship that vanished with 40 crew in 1918.\n\nThe wreck was discovered off "
    "Cape Breton Island, about 12 miles from shore, the Maritime Museum of the Atlantic said on Monday.\n\n\"It was a "
    "shock to realise what we had found,\" said diver Tom Ellery, who led the team. \"We had been looking for something "
    "else entirely.\"\n\nThe ship lies upright in 200 feet of water, its name still legible on the bow.\n\nThe museum "
    "said the site would be protected and that no artefacts would be raised.\n")

PROBE = (
    "Osprey probe reaches lunar orbit\n\nThe uncrewed Osprey probe entered orbit around the moon on Thursday, five days "
    "after its launch from French Guiana, the European Space Agency said.\n\nThe probe will map water ice near the lunar "
    "south pole for two years.\n\nA later Osprey mission, planned for 2029, would carry a crew of four to a small station "
    "in lunar orbit.\n\nThe agency said the probe's cameras were working well.\n")

ACTOR = (
    "Miles Reddick, the grumpy innkeeper of 'Harbour Lights', dies\n\nActor Miles Reddick, best known as the grumpy "
    "innkeeper Walter Pike on the sitcom \"Harbour Lights\", has died, his agent said.\n\nReddick died on Sunday morning "
    "from complications of pneumonia, his agent, Ann Cole, told reporters. Reddick was 79.\n\nIn addition to two Bafta "
    "nominations for \"Harbour Lights\", Reddick appeared in more than 40 films and three West End musicals.\n\n\"He made "
    "three generations laugh,\" Cole said.\n")

TRACKS = (
    "Drought uncovers dinosaur tracks in a Kansas river\n\nDinosaur tracks from around 110 million years ago have been "
    "revealed at Cedar Bluff State Park in Kansas after a drought dried up the Saline River, the park said on Monday.\n\n"
    "Most of the tracks belong to a large meat-eating dinosaur that walked on two legs, a park ranger said.\n\nThe park "
    "expects rain to cover the tracks again within weeks.\n\nDroughts around the world have exposed other relics this "
    "summer. In Spain, a stone circle thought to be 5,000 years old emerged from a reservoir.\n")

SINGER = (
    "Singer Mara Vance postpones Las Vegas residency\n\nSinger Mara Vance has postponed her Las Vegas residency because "
    "of production delays, the singer announced a day before her first show was set to begin.\n\n\"I'm so sorry, but my "
    "show isn't ready,\" Vance said in a tearful video posted online on Thursday.\n\nHer Las Vegas residency, titled "
    "\"Nights with Mara Vance\" and announced in November, was set to run through April.\n\nThe shows were to be Vance's "
    "first since the release of her fourth album, \"Thirty,\" which topped the charts.\n")

BALLOT = (
    "Marijuana measures fail in three states and pass in two\n\nBallot measures to legalise recreational marijuana will "
    "fail in three states and pass in two, according to projections, as support for lifting penalties on the drug grows "
    "nationwide.\n\nLegalisation was on the ballot in Arkansas, Maryland, Missouri, North Dakota and South Dakota on "
    "Tuesday.\n\nVoters in Maryland and Missouri approved the measures, while those in the other three states rejected "
    "them.\n\nNineteen states already allow recreational use.\n")

HAWKS = (
    "Rivermouth Hawks sold to investor group for record price\n\nThe Rivermouth Hawks basketball team has been sold to an "
    "investor group led by Dana Ruiz, the league said on Tuesday.\n\nThe deal is worth $3.1 billion, a record for a team "
    "in the league.\n\nRuiz said she would keep the team in Rivermouth.\n")

MONARCH = (
    "Queen Mireille of Ostland dies at her summer palace\n\nQueen Mireille of Ostland died on Thursday at her summer palace, "
    "the royal household said.\n\nShe had reigned for 52 years, the longest of any Ostland monarch.\n\nThe queen was "
    "married to Prince Anton for more than 60 years before he died in 2021 at 99 years old.\n\nHer eldest son, Crown "
    "Prince Henrik, becomes king.\n\nQueen Mireille, who was 91, had been in poor health since the spring.\n")

LANDER = (
    "Heron lander reaches lunar orbit\n\nThe Heron lander entered orbit around the moon on Thursday, five days after its "
    "launch from French Guiana, the European Space Agency said.\n\nA later Heron mission, planned for 2029, would carry a "
    "crew of four to a small station in lunar orbit.\n\nThe lander will map water ice near the lunar south pole for two "
    "years.\n\nThe uncrewed spacecraft weighs about 1,200 kilograms and is powered by two solar wings.\n")

RELIEF = (
    "Government confirms student debt relief plan\n\nThe education minister confirmed on Aug. 24 what many graduates had "
    "hoped for: a plan to write off part of their student debt.\n\nThe plan covers graduates who left university before "
    "2015, the ministry said.\n\nOpposition parties called the plan unfair to those who had already repaid their loans."
    "\n\nEligible graduates will have up to 8,000 pounds of their loans forgiven, the minister said.\n\nApplications open "
    "in the autumn.\n")


EXAMS = (
    "Fewer pupils get top grades as exam results return to pre-pandemic levels\n\nThe share of A-level "
    "entries in England awarded an A or A* fell to 27.2% this year, down from 36.4% in 2021, as grading "
    "returned to pre-pandemic standards, figures published on Thursday show.\n\nGrades were inflated during "
    "the pandemic, when exams were cancelled and teachers assessed their own pupils.\n\nGirls outperformed "
    "boys at the top grades, with 27.8% of their entries getting an A or A*, compared with 26.5% for "
    "boys.\n\nMaths remained the most popular subject, taken by more than 90,000 students.\n\nThe number of "
    "students accepted onto university courses fell by 2% to 414,000, according to the admissions service "
    "UCAS.\n\nEducation Secretary Helen Marsh congratulated students and said the results were \"a fair "
    "reflection of hard work\".\n\nHead teachers' union leader Paul Whiteman warned that pupils in poorer "
    "areas had been hit hardest by the return to stricter grading.\n\nStudents who are unhappy with their "
    "results can appeal through their school.\n")


COACH_CRASH = (
    "Bus carrying schoolchildren overturns on motorway, injuring 23\n\nA coach carrying 41 schoolchildren and "
    "four teachers on a school trip overturned on the M5 near Bristol on Thursday morning, injuring 23 "
    "people, two of them seriously, police said.\n\nThe pupils, aged 11 to 13, from Greenfield Academy in "
    "Exeter, were on their way to a science museum in Birmingham.\n\nThe coach left the road and rolled onto "
    "its side on an embankment at about 9:40 a.m., Avon and Somerset Police said.\n\nTwo children were flown "
    "to hospital by air ambulance; the others were treated for cuts and bruises.\n\nThe driver, a 58-year-old "
    "man, was arrested on suspicion of dangerous driving and later released on bail.\n\nThe northbound "
    "carriageway was closed for seven hours.\n\nHead teacher Sarah Collins said the school was \"shocked and "
    "heartbroken\" and that counsellors would be available for pupils on Friday.\n")

SNOW = (
    "Amber warning as heavy snow set to hit northern England and Scotland\n\nForecasters have issued an amber "
    "warning for heavy snow across northern England and much of Scotland from Tuesday evening, with up to "
    "30cm expected on higher ground.\n\nThe Met Office said the warning would run from 6 p.m. on Tuesday "
    "until noon on Wednesday and that travel disruption was likely.\n\nLower areas could see 5 to 10cm of "
    "snow, and temperatures are expected to fall as low as minus 12C in parts of the Highlands "
    "overnight.\n\nNetwork Rail said some services between Newcastle and Edinburgh would be cancelled, and "
    "drivers were told to avoid all but essential journeys.\n\n\"This is the most significant snow event so "
    "far this winter,\" said Met Office chief forecaster Neil Armstrong.\n\nSeveral schools in Cumbria have "
    "already announced they will close on Wednesday.\n\nMilder weather is forecast to arrive from the west by "
    "the weekend, bringing rain and a risk of flooding as the snow melts.\n")


HOUSE_PRICES = (
    "House prices fall for sixth month in a row as mortgage rates bite\n\nUK house prices fell for the sixth "
    "month in a row in October, according to the Nationwide building society, as high mortgage rates "
    "continued to put off buyers.\n\nThe average price of a home fell by 0.4% during the month to £259,000, "
    "and is now 3.3% lower than a year earlier.\n\nNationwide's chief economist, Robert Gardner, said the "
    "market was unlikely to recover quickly while mortgage rates stayed above 5%.\n\nLondon saw the sharpest "
    "annual fall, of 5.1%, while Northern Ireland was the only region where prices rose, by "
    "1.2%.\n\nFirst-time buyers were hit hardest, with the typical deposit now more than a year's "
    "salary.\n\nSome economists expect prices to keep falling into next year, but others say lower inflation "
    "could allow rates to come down sooner.\n")


BOX_OFFICE = (
    "Animated sequel 'Paper Lanterns 2' tops weekend box office with $118 million\n\nThe animated sequel "
    "\"Paper Lanterns 2\" took in $118 million in the US and Canada in its opening weekend, the best debut of "
    "the year, according to studio estimates released on Sunday.\n\nThe film, from Brightwater Animation, "
    "more than doubled the opening of the original, which made $52 million in its first weekend in "
    "2023.\n\nIt also earned $96 million overseas, for a global opening of $214 million.\n\nLast weekend's "
    "leader, the space thriller \"Cold Orbit,\" fell to second place with $31 million.\n\nThe horror film "
    "\"The Quiet House\" opened in third with $19 million, ahead of expectations.\n\n\"Paper Lanterns 2\" was "
    "directed by Hana Okafor and features the voices of Miles Grant and Juniper Sloane.\n\nAudiences gave it "
    "an A rating on CinemaScore, and analysts expect it to pass $500 million worldwide.\n\nIts budget was "
    "about $150 million.\n")


RESIGNATION = (
    "Health minister Fiona Daly resigns over undeclared shares in drug company\n\nHealth minister Fiona Daly resigned "
    "on Friday after it emerged that she had failed to declare shares in a pharmaceutical company whose products her "
    "department buys.\n\nDaly, 52, held shares worth about £60,000 in Corvane Pharma, according to documents first "
    "reported by the Daily Ledger.\n\nIn her resignation letter, she said she had made \"an honest mistake\" but that "
    "she did not want the matter to become \"a distraction from the work of the government\".\n\nPrime Minister Alan "
    "Whitford accepted her resignation and thanked her for her service.\n\nDaly had been health minister for 18 months "
    "and oversaw a plan to cut hospital waiting lists.\n\nShe will be replaced by Tom Okoye, currently a junior "
    "minister in the Treasury.\n\nThe ethics adviser, Sir Martin Hale, will still investigate whether she broke the "
    "ministerial code, a spokesperson said.\n")


CARBON_TAX = (
    "Ireland raises carbon tax to €71 a tonne from May\n\nIreland will raise its carbon tax to €71 a tonne from "
    "May 1, up from €63.50, Finance Minister Jack Chambers said on Tuesday in his budget speech.\n\nThe increase "
    "will add about 2 cent to a litre of petrol and about 2.5 cent to a litre of diesel, the Department of "
    "Finance said.\n\nThe money raised, about €1.1 billion a year, will fund retrofitting grants for homes and "
    "payments to low-income households.\n\nOpposition party Sinn Féin said the increase would hurt rural families "
    "who have no choice but to drive.\n\nThe tax is set by law to rise each year until it reaches €100 a tonne in "
    "2030.\n")


# the story as a person's folder holds it: its factory and its analyst before its biggest customer
EARNINGS_IN_FULL = (
    "Lumina shares jump 14% after record quarter\n\nShares of the chipmaker Lumina Systems rose 14% on Thursday "
    "after the company reported record quarterly revenue and raised its forecast for the year.\n\nRevenue for the "
    "three months to September rose 38% to $4.2 billion, beating analysts' estimates of $3.9 billion.\n\nNet "
    "income more than doubled to $910 million, or $1.12 a share.\n\nChief executive Priya Raman said demand for "
    "the company's data-centre chips \"continues to outstrip what we can make.\"\n\nLumina now expects full-year "
    "revenue of about $15.5 billion, up from its earlier forecast of $14 billion.\n\nThe company said it would "
    "spend $2 billion on a new factory in Arizona, which it expects to open in 2028 and to employ 1,500 "
    "people.\n\nNot everyone was convinced. \"The valuation already assumes everything goes right,\" said Tom "
    "Becker, an analyst at Harlow Securities, who rates the stock a \"hold\".\n\nLumina's biggest customer, the "
    "cloud provider Stratus, accounted for 31% of sales in the quarter.\n")


BADGE = (
    "Chirp adds an official badge for government accounts\n\nThe social network Chirp on Wednesday began marking the "
    "accounts of governments, news outlets and large companies with a new badge, two weeks after it started charging "
    "for verification.\n\nThe badge, a grey tick beside the word \"Official\", appears under the account's name.\n\n"
    "Chirp said the badge could not be bought and would be given only to accounts it had checked itself.\n\nCritics "
    "said the two kinds of verification would confuse users.\n")


# the strike as a person's folder holds it: its union leader, its minister ("minister" is a word of the resignation's
# conversation too) and its buses
RAIL_STRIKE = (
    "Rail workers to strike for three days next week over pay\n\nTrain drivers at Northern Line Rail will walk "
    "out for three days starting Monday after talks over pay broke down, their union said on Friday.\n\nThe "
    "union, ASLEF North, said 94% of members who voted backed the strike, on a turnout of 78%.\n\nDrivers are "
    "asking for a 9% raise to keep up with the cost of living; the company has offered 4% this year and 3% next "
    "year.\n\n\"We have been more than patient,\" said union leader Dave Kerrigan. \"Our members cannot pay their "
    "bills with promises.\"\n\nNorthern Line Rail said about 80% of its services would be cancelled on strike "
    "days and urged passengers to work from home where they could.\n\nTransport minister Lucy Adebayo called the "
    "strike \"deeply disappointing\" and said the government would not step in.\n\nIt would be the second strike "
    "this year; drivers walked out for one day in March.\n\nBuses will run extra services between Leeds and "
    "Bradford during the strike, the regional transport authority said.\n")


MEASLES = (
    "Measles outbreak in Harlow County grows to 48 cases\n\nHealth officials in Harlow County said on Friday that a "
    "measles outbreak has grown to 48 cases, up from 31 a week ago, most of them children who had not been "
    "vaccinated.\n\nEleven people have been taken to hospital, and no one has died, the county health department "
    "said.\n\nThe first case was confirmed on March 3 in a student at Eastbrook Elementary School, which has since "
    "asked unvaccinated pupils to stay home for 21 days.\n\nDr. Alan Whitby, the county's health officer, urged "
    "parents to check their children's vaccination records. \"Two doses of the vaccine are 97% effective,\" he "
    "said.\n\nThe county will hold free vaccination clinics on Saturday and Sunday at the Harlow Community "
    "Center.\n\nMeasles spreads through the air and is one of the most contagious diseases known; symptoms "
    "include a high fever and a rash.\n"
)
RENTS_DECADE = (
    "Norbridge rents have climbed for a decade, charity says\n\nRents in Norbridge have risen 48 percent over the past "
    "10 years, far faster than wages, the housing charity Homefront said on Monday. The charity's report found that a "
    "typical two-bedroom flat now costs 1,450 pounds a month. Homefront called on the city council to build more "
    "social housing and to cap yearly rent increases.\n")
RENTS_YEAR = (
    "Norbridge rents rise again as students return\n\nNorbridge rents jumped 7.2 percent over the past "
    "year, the city's housing office said on Thursday, the fastest rise since records began. Demand from students "
    "returning for the autumn term pushed rents up most in the Eastgate district. The office expects rents to keep "
    "rising until new flats open on the old gasworks site in 2027.\n")
DOCK_STRIKE = (
    "Dockers at Port Halden vote to strike over pay\n\nDockers at Port Halden have voted to strike next month after "
    "rejecting a pay offer, the Unite union said on Wednesday.\n\nAbout 2,400 workers at the port's two container "
    "terminals could stop work from March 4, halting most of the port's freight.\n\nThe union wants a 10% raise to "
    "keep up with rising rents; the port operator has offered 5%.\n")
CAFE_FIRE = (
    "Cafe worker praised after fire in Eastgate\n\nA cafe worker walked out with a fire extinguisher and put out a "
    "kitchen fire at the Corner Cup in Eastgate on Tuesday, fire crews said.\n\nNo one was hurt, and the cafe "
    "reopened the next morning.\n")
WATER_CUTS = (
    "Valmora orders deeper cuts to river water as drought drags on\n\nThe Valmora River Authority on Tuesday ordered "
    "new mandatory water cuts for the provinces that draw on the Lenna River, as a third year of drought drains its "
    "reservoirs.\n\nOf the impacted provinces, Ardena will lose the most: about 21% of its yearly share of river "
    "water.\n\nFarmers in Ardena said the cuts would leave thousands of hectares unplanted.\n")
ROAD_TOLLS = (
    "Toll rise on coastal road affects provinces' commuters\n\nDrivers from three provinces face higher tolls on the "
    "coastal road from March, the operator said. Commuters from Norra and Sellen provinces are the most affected, "
    "paying up to 4 euros more a week.\n")
PLASTIC = (
    "Norbridge recycles just 12% of its plastic, audit finds\n\nOnly 12% of the plastic collected in Norbridge last year "
    "was recycled, the city's auditor said on Monday.\n\nMost of what is left is burned at the Eastgate incinerator, and "
    "about a fifth is shipped to landfill sites in the north.\n\nThe auditor called for a deposit scheme for bottles.\n")
UNION_LEADER = (
    "Dockers' union picks Maeve O'Connor as its new leader\n\nThe dockers' union has a new general secretary, Maeve "
    "O'Connor, who won the post on Friday after promising members a fight for higher pay. She replaces Karen Whitley, "
    "who retired after 12 years in the job.\n\n\"We will not accept another year of pay cuts,\" O'Connor told members "
    "after the vote.\n\nWhitley had warned that a strike would cost the port's smaller firms dearly.\n")
RICHEST = ("Mark Olsen loses title as Norway's richest person\n\nShipping magnate Mark Olsen lost his title as Norway's "
           "richest person to investor Ingrid Dahl, according to a wealth index published on Tuesday.\n\nDahl is worth 41 "
           "billion kroner, while Olsen is valued at 39 billion kroner. Olsen has given more than 5 billion kroner to his "
           "family foundation, the index said.\n")
PLASTICS_LAW = ("Parliament passes plastics law\n\nLawmakers passed a ban on single-use plastic cutlery on Wednesday, by 120 "
                "votes to 40.\n\nEnvironmental groups said the newly passed law would mark a turning point for the "
                "country's beaches, which collect tonnes of plastic every year.\n")
# a small network's founder, written as its creator (as RealTimeQA's Mastodon, session 40)
SOCIAL_APP = (
    "With Chirper in turmoil, Burrow is booming\n\nIn the week since Chirper changed its rules, the number of people "
    "signing up for a small social network called Burrow has surged.\n\nYou may not have heard of Burrow, which has "
    "been around since 2019, but now it’s growing rapidly.\n\nIt’s developed by a nonprofit run by Burrow creator "
    "Anika Solberg, and is supported by donations.\n\nSolberg said in an interview on Thursday that Burrow gained "
    "180,000 users in a week.\n\nUsers join one of thousands of servers, each with its own rules.\n")

# a warning issued by an agency, and a doctor aware of the warnings (as RealTimeQA's rainbow fentanyl, session 40)
GLITTER_PILLS = (
    "What are glitter pills? Sparkling tablets drive new warnings\n\nA new wave of concern has spread across the country "
    "over sparkling \u201cglitter pills\u201d that look like sweets and are being sold in several cities.\n\nGlitter "
    "pills contain a powerful synthetic opioid, making them extremely addictive.\n\nWhere the warning came from\n\nThe "
    "National Drug Safety Agency released a warning in March advising the public of this \u201calarming new trend.\u201d"
    "\n\nDr. Ines Varga, an emergency physician in Castleford, said the pills were no more dangerous than others.\n\n"
    "While she and her colleagues are aware of glitter pill warnings, she hasn\u2019t heard any patients mention them.\n")

# a congressman retiring, his history naming his state, which the headline names (as RealTimeQA's Larry Bucshon, session
# 40)
RETIRING = (
    "Congressman Tom Avery won't seek re-election in Ohio\n\nTOLEDO \u2014 Republican Tom Avery\u2019s "
    "announcement that he will not seek re-election to Congress leaves an unexpectedly open seat that may attract lots of "
    "candidates.\n\nIn 2008 Tom Avery, then a Toledo-based dentist, considered challenging Democratic Rep. Jim Hale in Ohio"
    "\u2019s 9th congressional district but ultimately decided to stand down.\n\nBut 2010 looked a lot better for "
    "Republicans, and Avery declared his intention to challenge Hale.\n\nThe 61-year-old Avery told the Toledo Courier "
    "he arrived at his decision not to run for a ninth term over the Christmas holiday.\n\nHe was never the go-to congressman on hot-button issues.\n")

# an explainer asking a reader's questions as its headings, each answered under it (as RealTimeQA's National Trick or
# Treat Day, session 40)
LANTERN_NIGHT = (
    "National Lantern Night is a new winter tradition: What to know\n\nA group working to move the town's winter "
    "market was dividing the county, so instead, it opted to create a new \"holiday\" \u2013 National Lantern Night."
    "\n\nThe Lantern Makers Guild's petition originally intended to move the market to the first Friday of December "
    "but evolved into an additional evening of celebration after it faced some opposition.\n\nIf the county council was "
    "so moved to change the date of the market, it would require a vote to make the market a public holiday, then, of "
    "course, setting the date to be the first Friday of December.\n\nHere's what families need to know about the new "
    "holiday.\n\nWhat is National Lantern Night?\n\nNational Lantern Night is an evening for neighbours to walk "
    "together carrying paper lanterns, the guild says.\n\nWhen is National Lantern Night?\n\nThe first Friday of "
    "December. This year, that is Dec. 4.\n\nHow would an evening walk help?\n\nThe guild says shorter days leave "
    "children indoors for weeks.\n")

FOOTBRIDGE = (
    "Harbourside footbridge to close for six weeks of repairs\n\nSign up for our Local Matters newsletter. Get "
    "the stories that shape your town, delivered to your inbox every morning.\n\nThe Harbourside footbridge in "
    "Port Elgin will close on Monday for six weeks while engineers replace corroded steel cables, the city "
    "council said on Thursday.\n\nAbout 9,000 people cross the bridge every day, most of them commuters walking "
    "between the railway station and the business district.\n\nThe repairs will cost £2.4 million and are being "
    "paid for by the council and a grant from the national transport fund.\n\nPedestrians will be directed to the "
    "Kings Road bridge, a detour of about 15 minutes, and a free shuttle bus will run every ten minutes during "
    "rush hour.\n\n\"We know this is an inconvenience, but the cables have reached the end of their safe life,\" "
    "said council engineer Priya Nandakumar.\n\nWorkers in high-visibility jackets inspect the bridge's cables. "
    "Tom Ellery/Port Elgin Gazette\n\nThe bridge, which opened in 1998, was last closed for repairs in 2015.\n")


# a word of the year its dictionary defines as "the term" (as RealTimeQA's "goblin mode", session 40)
WORD_CHOSEN = (
    "What does puddle mode mean? Dictionaries name it the word of 2026\n\nLONDON \u2014 Asked to sum up 2026 in a word, "
    "the public has chosen a phrase.\n\nWexford Dictionaries said Monday that \u201cpuddle mode\u201d has been selected "
    "by online vote as its word of the year.\n\nIt defines the term as \u201ca state of cheerful idleness on a rainy "
    "day, typically spent indoors.\u201d\n\nFirst seen on a forum in 2019, \u201cpuddle mode\u201d gained popularity "
    "in 2026 during the wettest summer on record.\n")

# a funeral and its mourners, and a wedding's guest list "invited to attend" (as RealTimeQA's Queen's funeral and King
# Charles's coronation, session 40)
FUNERAL = (
    "Thousands line streets for funeral of former mayor Ada Brennan\n\nPort Halden honoured the life of former mayor Ada "
    "Brennan with a civic funeral on Monday.\n\nBrennan, the town's longest-serving mayor, died on March 2. She was 91."
    "\n\nThe service took place at St. Mary's Church, where she was married 65 years ago.\n\nMinisters, mayors, two "
    "former prime ministers and a bishop were among the dignitaries paying their final respects.\n")
WEDDING = (
    "Duke's wedding: all the details on who is attending\n\nThe guest list features heads of state, members of other "
    "royal families and a string of celebrities, as well as 500 volunteers who have been invited to attend the ceremony."
    "\n\nThe wedding will take place at Aldmoor Cathedral on June 6.\n")

# a subject told by passages of their own, as SQuAD's are (session 40): what "they" are, answered by another passage
SCHOOL_COSTS = ("Private schools cost less\n\nPer unit costs in private schools are generally lower when compared to "
                "public schools.\n\nPrivate schools have proven to be efficient in resource utilization.\n")
SCHOOL_KINDS = ("Private schools explained\n\nPrivate schools, also known as independent schools, are not run by the "
                "government; they are funded in whole or in part by charging their students tuition.\n\nMany of them "
                "were founded by religious groups.\n")
AIDED_SCHOOLS = ("Aided schools\n\nSchools that accept government funds are called 'aided' schools.\n\nThey follow "
                 "the state curriculum and admit pupils by catchment area.\n")

# a council's weekly business, a day that comes back (as SQuAD's Scottish Parliament passage, session 40)
COUNCIL_BUSINESS = (
    "How Halden council works\n\nThe first item of business on Tuesdays is usually Open Questions, at which a resident "
    "addresses councillors for up to three minutes, raising a concern about the town.\n\nCouncillors then debate the "
    "week's motions, with the leader of the council opening each debate.\n\nMeetings are held in the town hall and are "
    "open to the public.\n")

WORD_OF_YEAR = ("'Glimmerwave' named word of the year\n\n'Glimmerwave' is the Lindqvist Dictionary's 2026 word of the year."
                "\n\nEditors said it was a surprising choice. Its use grew sixfold during the spring elections.\n\nIt's "
                "defined as \"a sudden rise in public hope after a long period of gloom.\"\n\nSeven other words made the "
                "shortlist, including \"doomscroll\" and \"quiet quitting\".\n")


WATER_SYSTEM_FAILS = (
    "Harwick water system fails as plant breaks down\n\nHeavy rain and years of neglect have resulted in a crisis in "
    "Harwick, where the city no longer has enough water to fight fires or flush toilets.\n\nThe main treatment plant "
    "began failing on Monday, officials said.\n\n\"This is not new,\" said resident Dana Price, who compared it to the "
    "water crisis in the city of Flint, which has battled water problems since 2014.\n\nThe state is investigating the "
    "water crisis, which has affected roughly 80,000 residents who remain under a boil-water notice.\n")
CLUB_PRESIDENT = (
    "Harbour City name league executive Tessa Morley as club president\n\nHARBOUR CITY (AP) — Harbour City's new owners "
    "have named league executive Tessa Morley as the club's new president.\n\nOwner and chairman Lewis Grant made the "
    "announcement on Thursday, his second day in charge.\n\nMorley has 20 years of experience as a sports executive and "
    "spent the last four years running the league's commercial arm.\n\nMorley takes over from Peter Vance, who stepped "
    "down this week after the club's sale was approved.\n\nMorley will lead the club's business operations and its "
    "stadium company.\n")
HALFTIME_SHOW = (
    "Mara Lind to headline the Harbour Bowl halftime show\n\nSinger Mara Lind will headline the Harbour Bowl halftime "
    "show, the league said on Sunday, ending weeks of speculation.\n\nLind posted a photo of her hand holding a football "
    "on Instagram minutes before the announcement.\n\nIn an interview in October 2019, Lind said she had turned down the "
    "chance to perform at that year's Harbour Bowl halftime show.\n\nShe has sold more than 40 million records.\n\nThe "
    "Harbour Bowl is scheduled to take place Feb. 9, 2027, at Riverside Stadium in Port Halden.\n")
PALACE_DECOR = (
    "Palace unveils 'Open Doors' theme for winter decorations\n\nQueen Alia has chosen \"Open Doors\" as the theme for the "
    "palace's winter holiday decorations, according to a statement from the royal household.\n\nThe queen selected the "
    "theme months ago, and over the long weekend more than 120 volunteers decorated the palace's halls.\n\nThe Blue Hall "
    "holds the palace's official tree, a 20-foot fir from the northern forests.\n\nThere are 64 Christmas trees "
    "throughout the palace, with more than 50,000 holiday lights on the trees, garlands and wreaths.\n")
TREE_MYTH = (
    "Fact check: The palace did not ban Christmas trees\n\nThe claim: The palace referred to Christmas trees as holiday "
    "trees and banned them from its halls.\n\nBut a myth that has resurfaced on social media claims the royal household "
    "has banned Christmas trees from the palace's winter holiday decorations.\n\nDuring King Oren's reign in 1889, a "
    "Christmas tree was displayed in the palace's Blue Hall for the first time, starting an annual holiday tradition."
    "\n\nOur rating: False. The palace still displays Christmas trees every winter.\n")
BAND_RESIDENCY = (
    "The Lanterns return to Port Halden for winter residency\n\nThe Lanterns will be back in Port Halden.\n\nThree years "
    "after their sold-out \"Bright Lights\" run, the Lanterns will return to the Harbour Theatre at the Grand Pier Hotel "
    "for what singer Ola Berg calls \"a winter party like no other.\"\n\nThe band will open \"A Lanterns Winter\" on Dec. "
    "4 for a string of 10 shows.\n\n\"We really wanted to perform for our fans before the end of the year and felt it was "
    "a great chance,\" Berg said.\n\nTickets start at 45 euros.\n")
RECORD_BROKEN = (
    "Nia Ortega breaks national 400m record\n\nSprinter Nia Ortega broke Helen Marsh's national 400-metre record on "
    "Saturday, running 49.1 seconds at the Harbour Games in Port Halden.\n\nOrtega said it was a big relief to finally run "
    "the record-breaking race.\n\nThe crowd rose to its feet as she crossed the line.\n\nShe will now race at the world "
    "championships in August.\n")
FLIGHT_GROUNDED = (
    "First deportation flight to Norvalia grounded\n\nA Norvalian government spokeswoman, Ana Petrov, said the country "
    "is \"not deterred\" after the first deportation flight to Norvalia was grounded.\n\nThe inaugural flight of the "
    "government's scheme to send asylum seekers to Norvalia was stopped on Tuesday at the last minute, after an "
    "intervention by the Regional Court of Human Rights.\n\nThe Home Office said it would try again within weeks.\n")
FLOODS_KILL = (
    "Aid agencies warn of water shortage as floods continue\n\nAid agencies warned on Friday that clean water was running "
    "short in southern Pakistan, where monsoon floods have swept across the province of Sindh for nearly three months."
    "\n\nThe floods have killed more than 1,200 Pakistanis, officials said.\n\nThe United Nations has appealed for 160 "
    "million dollars in aid.\n")
OUR_ARTICLES_ASKED = [
    # "Is there a measles outbreak?" after questions about a walking study was read as one more about it ("there" as
    # pointing back), and "how many kids are sick" after it was searched with "walking study" and abstained; "how hot
    # did it get in spain" after the outbreak was read in its story (the weather's "it"), and cited its lead (session 28)
    # "which airline was hit hardest" after "any news on flights?" was searched with "flights" alone and abstained
    # (0.27), "when will things be back to normal?" too (0.04): a question saying almost nothing of its own is about
    # the names of the story it found ("Amsterdam's Schiphol"; session 28)
    # "How many workers could walk out?" after "Is there a strike coming at UPS?" (RealTimeQA's store) was read alone and
    # cited another story's "… then walked away …" (0.84), and "What do they want?" followed it: workers who walk out
    # strike (``other_forms.PHRASAL``; session 29)
    pytest.param(dict(strike=DOCK_STRIKE, cafe=CAFE_FIRE, snow=SNOW, measles=MEASLES, fog=FOG), [
        [("Is there a strike coming at the port?", "voted to strike"), ("How many workers could walk out?", "2,400"),
         ("what do they want?", "10% raise")]],
        id="workers-who-walk-out-strike"),
    # "Which states are affected?" after "Are there new water cuts in the US?" (RealTimeQA's store, as of its date) was
    # read alone and cited a data breach's "… state investigations …" (0.94): what is affected is impacted ("Of the
    # impacted states, …"; session 29)
    pytest.param(dict(water=WATER_CUTS, tolls=ROAD_TOLLS, snow=SNOW, measles=MEASLES, breach=BREACH), [
        [("Are there new water cuts in Valmora?", "new mandatory water cuts"),
         ("Which provinces are affected?", "Of the impacted provinces")]],
        id="what-is-affected-is-impacted"),
    # "Where does the rest go?" after "How much plastic is recycled in the US?" (RealTimeQA's store) was read alone and
    # cited a virus story's "… the rest of China, …"; here it abstained (0.11): "the rest" points back
    # (``followup.points_back``), and the rest is what is left (session 29)
    pytest.param(dict(plastic=PLASTIC, fog=FOG, snow=SNOW, measles=MEASLES, tram=TRAM_LINE), [
        [("How much plastic is recycled in Norbridge?", "Only 12%"), ("Where does the rest go?", "Eastgate incinerator")]],
        id="the-rest-of-what-was-said"),
    # "What did he say?" after "Who leads the union?" (RealTimeQA's store, UPS's Teamsters) was asked of the answer's
    # "then-President James Hoffa": its "Sean O'Brien" was read as no name (``scoring.FULL_NAME``; session 29)
    pytest.param(dict(union=UNION_LEADER, strike=DOCK_STRIKE, snow=SNOW, measles=MEASLES, fog=FOG), [
        [("Who leads the dockers' union?", "Maeve O'Connor"), ("What did she say?", "We will not accept"),
         ("Who did she replace?", "Karen Whitley")]],
        id="a-name-with-a-capital-inside"),
    # "Where else did it strike?" after "What killed so many people in Naples in 1656?" (SQuAD 2.0's store) cited Naples
    # again (0.43); "Where else were flights disrupted?" here cited the Schiphol lead first: asked for another than what
    # was told, the sentences told are left out (``story.beyond_told``; session 29)
    pytest.param(dict(fog=FOG, snow=SNOW, measles=MEASLES, tram=TRAM_LINE), [
        [("Where were flights cancelled?", "Schiphol"), ("Where else were flights disrupted?", "Brussels")]],
        id="where-else-is-not-where-told"),
    # (and the sentences told stay when no other names someone or somewhere new: "who else ran?" after "who won the
    # election" then cited "She will take office on January 2 …", not the lead's "… beating the incumbent, Pieter
    # Hols, …" again)
    pytest.param(dict(valmora=VALMORA, fog=FOG, snow=SNOW, measles=MEASLES), [
        [("who won the election", "Maria Castell"), ("who else ran?", "Pieter Hols")]],
        id="who-else-ran-is-in-the-sentence-told"),
    # "what was her time?" after "who won the women's race?", a follow-up of the marathon's, was searched with the men's
    # winner, Amos Kiprop, and cited his time: a follow-up asking who names whom "she" means next (session 29)
    pytest.param(dict(marathon=MARATHON, fog=FOG, snow=SNOW, measles=MEASLES), [
        [("what happened in the marathon", "Amos Kiprop"), ("what was his time?", "2 hours, 1 minute"),
         ("who won the women's race?", "Meseret Alemu"), ("what was her time?", "2:17:40")]],
        id="she-is-the-one-who-won-the-women-s-race"),
    # "any news on flights?" after "what's happening with the tram" was read in the tram's story: its lead's "new" is the
    # stemmer's "news" (session 29)
    pytest.param(dict(tram=TRAM_LINE, fog=FOG, measles=MEASLES, snow=SNOW), [
        [("what's happening with the tram", "tram line"), ("any news on flights?", "400 flights")]],
        id="news-asked-for-is-no-word-of-the-story"),
    pytest.param(dict(fog=FOG, study=STUDY, measles=MEASLES, heat=HEAT, exams=EXAMS), [
        [("any news on flights?", "400 flights"), ("which airline was hit hardest", "KLM"),
         ("when will things be back to normal?", "normal schedule")]],
        id="a-question-saying-almost-nothing"),
    # and "was there any trouble?" after questions about a tram line: asking whether there was any, in few words, it asks
    # the story at hand (it points nowhere now, and abstained: the tram's story writes "late", not "trouble")
    pytest.param(dict(tram=TRAM_LINE, study=STUDY, measles=MEASLES), [
        [("what's happening with the tram", "tram line"), ("when did it open?", "Monday"),
         ("was there any trouble?", "three years later than planned"), ("Is there a measles outbreak?", "48 cases"),
         ("were there any deaths?", "no one has died")]],
        id="whether-there-was-any"),
    pytest.param(dict(study=STUDY, measles=MEASLES, heat=HEAT), [
        [("What did the walking study find?", "steps"), ("who led it?", "Amira Haddad"),
         ("Is there a measles outbreak?", "48 cases"), ("how many kids are sick", "48 cases"),
         ("what should parents do?", "urged parents"), ("how hot did it get in spain", "46.2C"),
         ("did anyone die?", "Two farm workers died")]],
        id="is-there-and-the-weather-s-it"),
    # "Which German airport had the worst delays …?" cited the report's lead and findings, not Frankfurt
    pytest.param(dict(delays=DELAYS), [
        [("Which German airport had the worst delays last year, according to FlightGauge?",
          "Frankfurt remained the least punctual")],
        [("What did FlightGauge's new report find?", "later"), ("Which German airport was worst?", "Frankfurt")]],
        id="the-most-of-something"),
    # "Which town was worst in it?": "Kelby and Fenmouth were also among the towns with the poorest water." (one of
    # several, not the one); "Which town was cleanest in it?": the lead, then Brackwater, the most polluted
    pytest.param(dict(rivers=RIVERS, delays=DELAYS, fire=FIRE, recall=RECALL), [
        [("What did the Riverwatch report on water quality find?", "improved for a third straight year"),
         ("Which town was worst in it?", "Brackwater's stretch of the River Lune remained the most polluted"),
         ("Which town was cleanest in it?", "Millhaven was rated the cleanest")]],
        id="the-most-and-one-of-the-most"),
    # "What did the Bank of Norvalia decide?": "Economists … had expected the decision, …" first; "How did the
    # currency react?" abstained (0.13); "How hot did it get in Spain?": "… to fall by 5 to 8 degrees …"; "How long
    # will it last?": the lead (its "46.2C" a number); "Who paid for it?": the study's leader
    pytest.param(dict(rates=RATES, heat=HEAT, coffee=COFFEE, fire=FIRE, recall=RECALL), [
        [("What did the Bank of Norvalia decide?", "kept its main interest rate"),
         ("How did the currency react?", "krone fell 0.6%")],
        [("How hot did it get in Spain?", "46.2C"), ("How long will it last?", "until at least")],
        [("Is coffee good for your heart?", "15% less likely"),
         ("Who paid for it?", "funded by the Swedish Research Council")]],
        id="a-central-bank-a-heatwave-a-study"),
    # "Were passwords stolen?" (and, in Chromium, "… at PulseTrack?"): the lead's "… had stolen the names, …"; "What
    # should users do?": the lead; "What was his time?": the women's winner's "… the fastest time …"
    pytest.param(dict(breach=BREACH, marathon=MARATHON, rates=RATES, fine=FINE), [
        [("What happened at PulseTrack?", "hackers had stolen"),
         ("Were passwords stolen?", "Passwords and payment details were not taken"),
         ("What should users do?", "urged users to watch")],
        [("Who won the Berlin Marathon?", "Amos Kiprop won"), ("What was his time?", "2 hours, 1 minute and 12 seconds")],
        [("Were passwords stolen at PulseTrack?", "Passwords and payment details were not taken")],
        # and a short question naming nothing, by its phrase: "What's the world record for the marathon?" cited the
        # lead's "… breaking the course record by 27 seconds."
        [("What's the world record for the marathon?", "The world record of 2:00:35")]],
        id="whether-what-to-do-his-time"),
    # "How many died?": a 2011 quake's "… 600 people died …"; "When did it hit?": "The region was also hit by a deadly
    # earthquake in 2011, …"; "What will laid-off workers get?" abstained (0.21); "How did investors react?": "Most of
    # the cuts will fall in sales and marketing, …"
    pytest.param(dict(quake=QUAKE, layoffs=LAYOFFS, storm=STORM, recall=RECALL), [
        [("Tell me about the earthquake in Turkey", "magnitude 6.4"), ("How many died?", "killing at least 17 people")],
        [("Tell me about the earthquake in Turkey", "magnitude 6.4"),
         ("When did it hit?", "struck eastern Turkey early on Monday")],
        [("Why is Quillon cutting jobs?", "Quillon"), ("What will laid-off workers get?", "at least 16 weeks of pay"),
         ("How did investors react?", "Shares of Quillon rose 6%")]],
        id="an-earthquake-and-job-cuts"),
    # "Into which ocean …?": the capsule's lead alone
    pytest.param(dict(splashdown=SPLASHDOWN, launch=LAUNCH, fire=FIRE, heat=HEAT), [
        [("Into which ocean did the Vega capsule splash down after its moon flight?", "in the Pacific Ocean")]],
        id="which-one-of-a-kind"),
    # "What was the vote?": the Valmora election's "Castell won 50.3% of the vote …" (0.42 as asked; the law's "… 97
    # votes to 12 …" first in its story at 0.11), and "Who is against it?" abstained; asked next, the law's lead, not
    # "… parents' groups opposed the ban …"; "How much is it worth?": the lead, not "… valued at …"
    pytest.param(dict(ban=PHONE_BAN, painting=PAINTING, valmora=VALMORA, strike=STRIKE), [
        [("What did the Danish parliament pass?", "bans pupils from using mobile phones"),
         ("When does it take effect?", "take effect"), ("What was the vote?", "97 votes to 12"),
         ("Who is against it?", "parents' groups opposed the ban")],
        [("Who was arrested in Lisbon?", "arrested a 34-year-old man"),
         ("How much is it worth?", "valued at about €1.5 million")]],
        id="a-short-follow-up-its-story-holds"),
    # "How old was she?": the lead without "She was 88."; "What did she die of?", "Who were her students?" (naming
    # Marin Alsop), "Where was she born?" (its "… at her home in Boston."): the lead; "How many fans were there?": the lead
    pytest.param(dict(obituary=OBITUARY, match=CUP_TIE, marathon=MARATHON, transfer=TRANSFER), [
        [("Who was Clara Mendel?", "pianist"), ("How old was she?", "She was 88."),
         ("What did she die of?", "the cause was heart failure"),
         ("Who were her students?", "her students included the conductor Marin Alsop"),
         ("Where was she born?", "Born in Vienna in 1937")],
        [("Who won the Westbury match?", "Westbury beat Harbour City 2-1"), ("How many fans were there?", "A crowd of 31,450")]],
        id="an-obituary-and-a-cup-tie"),
    # "Why were flights cancelled at Schiphol?": "Under EU rules, … cancellations caused by weather." first; "Why is this
    # happening?" and "Why is it cheaper?": the lead
    pytest.param(dict(fog=FOG, heat=HEAT, rates=RATES, layoffs=LAYOFFS, phone=LUMO_PHONE), [
        [("Why were flights cancelled at Schiphol?", "as thick fog cut visibility")],
        [("How hot did it get in Spain?", "46.2C"), ("Why is this happening?", "as the climate warms")],
        [("What did Lumo unveil?", "unveiled the Lumo 9"), ("Why is it cheaper?", "aimed at winning back customers")]],
        id="a-reason-with-as-or-an-aim"),
    # "Which airline cancelled 260 flights?": the lead's "More than 400 flights were cancelled …" (the headline's news;
    # not a year: "… word of the year for 2022?" then cited "Asked to sum up 2022 in a word …", RealTimeQA dev); "What is
    # PulseTrack's parent company?": "The company said it had reset …" (holding "company")
    pytest.param(dict(fog=FOG, breach=BREACH, layoffs=LAYOFFS, marathon=MARATHON), [
        [("Which airline cancelled 260 flights?", "KLM, the airport's largest airline")],
        [("What is PulseTrack's parent company?", "parent company, Corvid Health")]],
        id="the-question-s-number-or-all-its-words"),
    # "Tell me about the new planet" abstained (0.20: "tell" and "new" weighed as words its story does not write), "Tell
    # me about the derailment" too (0.27: "derailed" in three of its story's sentences)
    pytest.param(dict(planet=PLANET, derailment=DERAILMENT, festival=FESTIVAL, phone=LUMO_PHONE, fire=FIRE), [
        [("Tell me about the new planet", "Astronomers have found a planet"), ("What is it called?", "Kestrel-4b")],
        [("Tell me about the derailment", "derailed near the town of Alder Creek")],
        [("Can you tell me about the festival?", "Lakeside music festival have cancelled")]],
        id="tell-me-about-it"),
    # "Will I get my money back?" abstained (0.10) beside "… will get a full refund …"; "Will it come back?" cited a quote
    pytest.param(dict(festival=FESTIVAL, derailment=DERAILMENT, streaming=STREAMING, match=CUP_TIE), [
        [("Is the Lakeside festival still on?", "have cancelled this weekend's event"),
         ("Will I get my money back?", "will get a full refund"), ("Will it come back?", "plans to return next summer")]],
        id="a-verb-and-its-particle"),
    # "How much did he take?" of a mayor jailed for bribery cited the lead's "… six years in prison …"
    pytest.param(dict(bribery=BRIBERY, streaming=STREAMING, court=COURT, robbery=ROBBERY), [
        [("Who was sentenced in Ridgeport?", "Carl Benning"), ("How much did he take?", "more than $410,000")],
        [("how much was the mayor fined", "pay a $50,000 fine")]],
        id="how-much-changed-hands"),
    # "Is the air safe?" cited the derailment's lead, not "… allowed to return home … after air tests found no danger"
    # (its cosine 0.39 with the subject carried: not "about" the question)
    pytest.param(dict(derailment=DERAILMENT, fire=FIRE, storm=STORM, quake=QUAKE, heat=HEAT), [
        [("What happened near Alder Creek?", "derailed near the town of Alder Creek"),
         ("Is the air safe?", "after air tests found no danger")],
        # (and after "Tell me about the derailment", in Chromium: "The articles don't say." at 0.15, "safe" written
        # nowhere in the story)
        [("Tell me about the derailment", "derailed near the town of Alder Creek"),
         ("Is the air safe?", "after air tests found no danger")],
        # "did anyone get hurt in the derailment" (typed as a person types) cited the lead, not "No one was hurt."
        [("did anyone get hurt in the derailment", "No one was hurt.")]],
        id="whether-the-thing-named-is-so"),
    # "Where did it hit?" cited "Mara is … the first to strike the United States this year."; "What do they want?"
    # abstained (0.30) beside "Drivers are asking for a 9% raise …"; "Is it damaged?" cited the theft's lead
    pytest.param(dict(storm=STORM, strike=STRIKE, painting=PAINTING, quake=QUAKE, fire=FIRE), [
        [("How strong was Hurricane Mara?", "as a Category 3 storm"), ("Where did it hit?", "made landfall near Port Lavaca")],
        [("Why are drivers striking?", "after talks over pay broke down"), ("What do they want?", "asking for a 9% raise")],
        [("Who was arrested in Lisbon?", "arrested a 34-year-old man"), ("Is it damaged?", "was found undamaged")]],
        id="landfall-asking-for-undamaged"),
    # "where was it found?" of a wreck cited the diver's "… what we had found," not "The wreck was discovered off Cape
    # Breton Island, …" (as RealTimeQA's Challenger debris, session 38)
    pytest.param(dict(wreck=WRECK, whale=WHALE, painting=PAINTING, fossil=FOSSIL), [
        [("tell me about the steamship wreck", "the wreck of the SS Calloway"),
         ("where was it found?", "discovered off Cape Breton Island")],
        [("where was the ss calloway found?", "discovered off Cape Breton Island")]],
        id="found-is-discovered"),
    # "how old was he?" of an actor's death cited "… two Bafta nominations …" ("Reddick was 79." too short to be a sentence
    # of its own, and read on its predecessor only after "He"); "what did he die of?" cited the lead, not "Reddick died …
    # from complications of pneumonia …" (as RealTimeQA's Howard Hesseman, session 38)
    pytest.param(dict(actor=ACTOR, probe=PROBE, splashdown=SPLASHDOWN, whale=WHALE), [
        [("miles reddick died", "Actor Miles Reddick"), ("how old was he?", "Reddick was 79."),
         ("what did he die of?", "from complications of pneumonia")]],
        id="an-age-by-surname-and-a-cause-of-death"),
    # "how old are they?" of dinosaur tracks cited "… a stone circle thought to be 5,000 years old …", not the lead's "…
    # from around 110 million years ago …": "they" was read as persons, whose age is never a time ago (as RealTimeQA's
    # Texas tracks, session 38)
    pytest.param(dict(tracks=TRACKS, probe=PROBE, splashdown=SPLASHDOWN, whale=WHALE), [
        [("dinosaur tracks found in kansas", "Dinosaur tracks from around"), ("how old are they?", "110 million years ago")]],
        id="the-age-of-things-asked-of-they"),
    # "what did she say?" of a singer's postponed residency cited "Her Las Vegas residency, titled \"Nights with Mara
    # Vance\" …" (a name in quotation marks, quoting no one), not "\"I'm so sorry, …,\" Vance said …" (as RealTimeQA's
    # Adele, session 38)
    pytest.param(dict(singer=SINGER, probe=PROBE, splashdown=SPLASHDOWN, whale=WHALE), [
        [("mara vance vegas residency", "Singer Mara Vance has postponed"),
         ("why was it postponed?", "because of production delays"), ("what did she say?", "I'm so sorry")]],
        id="a-name-in-quotation-marks-quotes-no-one"),
    # "jackson water crisis" cited "Watts was referring to the water crisis in the city of Flint, …" before "… resulted in a
    # crisis in Jackson, Mississippi, …": the phrase "water crisis" was put first from a sentence without the name the
    # best one holds (RealTimeQA's store, session 39)
    pytest.param(dict(water=WATER_SYSTEM_FAILS, probe=PROBE, whale=WHALE), [
        [("harwick water crisis", "a crisis in Harwick"), ("how many people are affected?", "roughly 80,000 residents")]],
        id="a-phrase-from-a-sentence-without-its-name"),
    # "who is he replacing?" after "broncos new president" cited the lead again, not "Leech takes over from Joe Ellis, who
    # stepped down …" (RealTimeQA's store, session 39; ``succession``)
    pytest.param(dict(club=CLUB_PRESIDENT, probe=PROBE, whale=WHALE), [
        [("harbour city new president", "named league executive Tessa Morley"),
         ("who is she replacing?", "takes over from Peter Vance")],
        [("Who did Tessa Morley replace?", "takes over from Peter Vance")]],
        id="whom-she-replaces"),
    # "when is it?" after "rihanna super bowl" cited "In an interview with Vogue in October 2019, …", not "Super Bowl LVII
    # is scheduled to take place Feb. 12, 2023, …": asked when it is, a date to come is the answer (RealTimeQA's store,
    # session 39)
    pytest.param(dict(show=HALFTIME_SHOW, probe=PROBE, whale=WHALE), [
        [("mara lind harbour bowl", "will headline the Harbour Bowl"), ("when is it?", "scheduled to take place Feb. 9")],
        [("When is the Harbour Bowl?", "scheduled to take place Feb. 9")]],
        id="when-it-is-is-the-date-to-come"),
    # "how many trees are there?" after questions about the White House's holiday decorations cited a myth's "During
    # Benjamin Harrison's presidency in 1889, a Christmas tree was displayed …", not "There are 77 Christmas trees …"
    # (RealTimeQA's store, session 39)
    pytest.param(dict(decor=PALACE_DECOR, myth=TREE_MYTH, probe=PROBE, whale=WHALE), [
        [("palace holiday decorations", "Queen Alia has chosen"), ("what is the theme?", "\"Open Doors\" as the theme"),
         ("how many trees are there?", "There are 64 Christmas trees")]],
        id="how-many-counts-the-thing-asked"),
    # "where will they perform?" after "backstreet boys las vegas" cited "“We really wanted to perform for our fans …,”
    # Richardson says.", not "… will return to the Zappos Theater at Planet Hollywood Resort & Casino …": a verb of playing
    # somewhere is no word a place's sentence must hold (RealTimeQA's store, session 39)
    pytest.param(dict(band=BAND_RESIDENCY, probe=PROBE, whale=WHALE), [
        [("lanterns port halden residency", "The Lanterns will be back in Port Halden"),
         ("where will they perform?", "back in Port Halden")],
        [("Where will the Lanterns perform?", "back in Port Halden")]],
        id="where-they-perform-is-a-place"),
    # "whose record did he break?" after "aaron judge 62nd home run" cited "Judge said it was a big relief to finally hit
    # the record-breaking blow.", which names no one, before "… Aaron Judge broke Roger Maris’ … record, …" (RealTimeQA's
    # store, session 39)
    pytest.param(dict(record=RECORD_BROKEN, probe=PROBE, whale=WHALE), [
        [("nia ortega record", "Nia Ortega broke Helen Marsh's"), ("whose record did she break?", "broke Helen Marsh's")]],
        id="whose-asks-for-someone-named"),
    # "why was it grounded?" after "rwanda deportation flight" cited "… “not deterred” after the UK deportation flight to
    # Rwanda was grounded.", whose "after" clause is the thing asked about, not "… was stopped … after an intervention by
    # the European Court of Human Rights (ECHR)." (RealTimeQA's store, session 39; ``reasons.restates``)
    pytest.param(dict(flight=FLIGHT_GROUNDED, probe=PROBE, whale=WHALE), [
        [("norvalia deportation flight", "not deterred"), ("why was it grounded?", "after an intervention by")],
        [("Why was the deportation flight to Norvalia grounded?", "after an intervention by")]],
        id="a-reason-restating-what-is-asked-is-none"),
    # "how many people have died?" after "how long has the war lasted?" of the demo article abstained (0.13) beside "… the
    # nearly six-month war … that has killed more than 32,000 Palestinians in Gaza.": a country's people are people
    # (session 39); here it cited a heatwave's "Two farm workers died of heatstroke …"
    pytest.param(dict(floods=FLOODS_KILL, heat=HEAT, probe=PROBE, whale=WHALE), [
        [("sindh floods", "monsoon floods have swept"), ("how many people have died?", "killed more than 1,200 Pakistanis")]],
        id="a-country-s-people-are-people"),
    # "who founded it?" after "mastodon twitter" cited the lead and its neighbours, not "… a nonprofit run by Mastodon
    # creator Eugen Rochko, …": one who founded a thing is its creator too (RealTimeQA's store, session 40)
    pytest.param(dict(app=SOCIAL_APP, probe=PROBE, whale=WHALE), [
        [("burrow chirper", "has surged"), ("who founded it?", "Burrow creator Anika Solberg")],
        [("Who founded Burrow?", "Burrow creator Anika Solberg")]],
        id="a-founder-is-a-creator"),
    # "who is warning about it?" after "rainbow fentanyl" cited "While he and his colleagues are aware of rainbow fentanyl
    # warnings, …", not "The US Drug Enforcement Administration released a warning …" (RealTimeQA's store, session 40;
    # ``by_whom``)
    pytest.param(dict(pills=GLITTER_PILLS, probe=PROBE, whale=WHALE), [
        [("glitter pills", "A new wave of concern"), ("who is warning about it?", "released a warning in March")],
        [("Who warned about glitter pills?", "released a warning in March")]],
        id="a-warning-issued-by-a-name"),
    # "larry bucshon" cited "In 2008 Bucshon, then a … heart surgeon, considered challenging …" before the lead, "…
    # Republican Larry Bucshon’s announcement that he will not seek re-election …": the earlier sentence names the state
    # the headline names, and a subject asked for is told by its lead (RealTimeQA's store, session 40)
    pytest.param(dict(retiring=RETIRING, probe=PROBE, whale=WHALE), [
        [("tom avery", "will not seek re-election")], [("Tell me about Tom Avery", "will not seek re-election")]],
        id="a-subject-asked-for-is-told-by-its-lead"),
    # "when is it?" after "national trick or treat day" cited "If a U.S. president was so moved to change the date of
    # Halloween, it would require … setting the date to be the last Saturday of October.", not the answer under the
    # story's own heading "When is National Trick or Treat Day?", "The last Saturday of October." (RealTimeQA's store,
    # session 40; ``headings``)
    pytest.param(dict(lanterns=LANTERN_NIGHT, probe=PROBE, whale=WHALE), [
        [("national lantern night", "opted to create"), ("when is it?", "The first Friday of December.")],
        [("When is National Lantern Night?", "The first Friday of December.")]],
        id="a-heading-asking-it-answers-under-it"),
    # "who is working on it?" after "harbourside footbridge" cited the photo's caption alone, "Workers in high-visibility
    # jackets inspect the bridge's cables." (its credit "Tom Ellery/Port Elgin Gazette"), as "is it dangerous?" after "mauna
    # loa" cited "A man talks on a phone in his car alongside Saddle Road as the Mauna Loa volcano erupts …" (RealTimeQA's
    # store, session 40; ``furniture._CREDIT``)
    pytest.param(dict(bridge=FOOTBRIDGE, probe=PROBE, whale=WHALE), [
        [("harbourside footbridge", "will close on Monday"), ("who is working on it?", "engineers replace corroded")],
        [("What are workers doing on the bridge?", "engineers replace corroded")]],
        id="a-photo-s-caption-is-not-news"),
    # "who attended?" after "queen elizabeth funeral" cited a coronation's guest list, "… invited to attend …", and a
    # homecoming queen's "… began attending McNeese State College.", not "Presidents, prime ministers, … were among the
    # dignitaries paying their final respects …": who attended were the guests, the dignitaries, the mourners
    # (RealTimeQA's store, session 40; ``other_forms.DERIVED``)
    pytest.param(dict(funeral=FUNERAL, wedding=WEDDING, probe=PROBE, whale=WHALE), [
        [("ada brennan funeral", "civic funeral"), ("who attended?", "among the dignitaries")]],
        id="who-attended-were-the-dignitaries"),
    # "what are they also called?" after "private schools" and "how are they funded?" was searched with "funded" (the
    # second answer cited another passage than the first: read as a new subject) and cited "The ones that accept government
    # funds are called 'aided' schools." (SQuAD's passages, session 40; ``named.tells_subject``, ``answer_kinds._NAMING``)
    pytest.param(dict(costs=SCHOOL_COSTS, kinds=SCHOOL_KINDS, aided=AIDED_SCHOOLS, probe=PROBE, whale=WHALE), [
        [("private schools", "private schools"), ("how are they funded?", "charging their students tuition"),
         ("what are they also called?", "also known as independent schools")]],
        id="they-of-a-subject-told-by-other-passages"),
    # "When is Time for Reflection?" abstained (0.25) beside "The first item of business on Wednesdays is usually Time for
    # Reflection, …": a day that comes back is no day of the news, and says when (SQuAD's passages, session 40;
    # ``numbers._EVERY_WEEKDAY``)
    pytest.param(dict(council=COUNCIL_BUSINESS, probe=PROBE, whale=WHALE), [
        [("When is Open Questions?", "on Tuesdays is usually Open Questions")],
        [("open questions", "on Tuesdays"), ("when does it happen?", "on Tuesdays")]],
        id="a-day-that-comes-back-says-when"),
    # "what does it mean?" after "youthquake" cited its lead, "'Youthquake' is Oxford Dictionaries' 2017 word of the
    # year.", not "It's defined as …" (RealTimeQA's store, session 39; ``meaning``)
    pytest.param(dict(word=WORD_OF_YEAR, law=PLASTICS_LAW, probe=PROBE, whale=WHALE), [
        [("glimmerwave", "'Glimmerwave' is the"), ("what does it mean?", "It's defined as")],
        [("What does glimmerwave mean?", "It's defined as")]],
        id="what-a-word-means-is-its-definition"),
    # "what does it mean?" after "goblin mode" cited the lead again, not "It defines the term as …" (RealTimeQA's store,
    # session 40)
    pytest.param(dict(word=WORD_CHOSEN, probe=PROBE, whale=WHALE), [
        [("puddle mode", "has been selected"), ("what does it mean?", "It defines the term as")]],
        id="a-definition-of-the-term"),
    # "which states?" after "marijuana on the ballot" cited "… will fail in three states and pass in two …": the kind
    # asked was read past its question mark ("marijuana"), and a US state named is one of the kind "state" (as
    # RealTimeQA's ballot measures, session 38)
    pytest.param(dict(ballot=BALLOT, probe=PROBE, splashdown=SPLASHDOWN, whale=WHALE), [
        [("marijuana on the ballot", "will fail in three states"), ("which states?", "Arkansas, Maryland, Missouri")]],
        id="which-states-names-them"),
    # "how much is the deal worth?" after the supermarkets' merger cited a basketball team's sale, "The deal is worth $3.1
    # billion, …": "the deal" is the one the answer before wrote (as RealTimeQA's Kroger and Albertsons, session 38)
    pytest.param(dict(merger=MERGER, hawks=HAWKS, whale=WHALE, probe=PROBE), [
        [("freshway dalton merger", "Freshway and Dalton"), ("how much is the deal worth?", "7.3 billion pounds")],
        # (and the request's lead first, which writes "agreed to merge" for "merger")
        [("Tell me about the Freshway and Dalton merger", "have agreed to merge"),
         ("How much is the deal worth?", "7.3 billion pounds")]],
        id="the-thing-the-answer-wrote"),
    # "how old was she?" after a queen's death cited her husband's "… before he died in 2021 at 99 years old." (as
    # RealTimeQA's Queen Elizabeth and Prince Philip, session 38)
    pytest.param(dict(monarch=MONARCH, probe=PROBE, splashdown=SPLASHDOWN, whale=WHALE), [
        [("queen mireille died", "Queen Mireille of Ostland died"), ("how old was she?", "who was 91")]],
        id="her-age-not-his"),
    # "is it crewed?" of a lunar lander cited "A later Heron mission … would carry a crew of four …", not "The uncrewed
    # spacecraft weighs …", which holds none of its names (session 38)
    pytest.param(dict(lander=LANDER, splashdown=SPLASHDOWN, launch=LAUNCH, whale=WHALE), [
        [("tell me about the heron lander", "The Heron lander entered orbit"), ("is it crewed?", "The uncrewed spacecraft")],
        [("is the heron lander crewed?", "The uncrewed spacecraft")]],
        id="not-so-in-un-whatever-it-names"),
    # "how much?" after "student debt relief" cited the lead, its "Aug. 24" read as an amount, not "… up to 8,000 pounds of
    # their loans forgiven …" (as RealTimeQA's student loan forgiveness, session 38)
    pytest.param(dict(relief=RELIEF, splashdown=SPLASHDOWN, launch=LAUNCH, whale=WHALE), [
        [("student debt relief", "confirmed on Aug. 24"), ("how much?", "up to 8,000 pounds")]],
        id="a-date-is-no-amount"),
    # "What is Kestrel-4b?" abstained (0.25: its "4" read as a number no sentence holds); "Who headlined the Lakeside
    # festival?" cited the festival's lead
    pytest.param(dict(planet=PLANET, festival=FESTIVAL, streaming=STREAMING, derailment=DERAILMENT), [
        [("What is Kestrel-4b?", "The planet, called Kestrel-4b")],
        [("Who headlined the Lakeside festival?", "Headliners included the bands Northern Arcs")]],
        id="a-name-with-digits-and-the-doers-named"),
    # "What will it cost?" after "Who is the CEO?" about job cuts was searched with "Rosa Lindqvist" and abstained
    pytest.param(dict(layoffs=LAYOFFS, streaming=STREAMING, bribery=BRIBERY, festival=FESTIVAL, rates=RATES), [
        [("What did Quillon announce?", "cut 1,800 jobs"), ("Who is the CEO?", "Rosa Lindqvist"),
         ("What will it cost?", "to cost $95 million in severance")],
        # "What did she say?" abstained (0.12), searched with "Quillon announce Rosa Lindqvist": a word the story need not
        # write, and names side by side that no text writes so
        [("What did Quillon announce?", "cut 1,800 jobs"), ("Who is the CEO?", "Rosa Lindqvist"),
         ("What did she say?", "Rosa Lindqvist wrote in a memo to staff")]],
        id="it-is-not-the-person-named"),
    # words of one meaning (session 26): "Why was it late?" cited the tram's lead, not "The city council blamed the
    # delays on flooding …"; "Do kids pay?" abstained (0.08) beside "… children under 11 travel free."; "Where will it be
    # shown?" cited the dog's find, not "… expected to go on public display in 2028."; "Who found it?" the whale's lead,
    # not "… was spotted by a dog walker …"
    pytest.param(dict(tram=TRAM_LINE, fossil=FOSSIL, whale=WHALE, festival=FESTIVAL), [
        [("when did the tram open", "first passengers rode"), ("Why was it late?", "blamed the delays on flooding"),
         ("Do kids pay?", "children under 11 travel free")],
        [("What did the dog find?", "most complete dinosaur skeletons"), ("Where will it be shown?", "public display")],
        [("What happened to the whale?", "refloated"), ("Who found it?", "spotted by a dog walker")]],
        id="words-of-one-meaning-a-delay-a-child-a-display-a-find"),
    # "How many students got into university?" cited "Maths …, taken by more than 90,000 students." first: "The number of
    # students accepted onto university courses fell by 2% to 414,000, …" held no count to the rule (session 26)
    pytest.param(dict(exams=EXAMS, whale=WHALE, festival=FESTIVAL), [
        [("Who is Helen Marsh?", "Education Secretary Helen Marsh"), ("How many students got into university?", "414,000")]],
        id="the-number-of-them-is-a-count"),
    # "Where were they going?" after "What happened to the school bus?" cited a wildfire's "Residents have been told to
    # go to an evacuation centre …" first (the one story holding the question's "go"), not "… were on their way to a
    # science museum in Birmingham."; "Are trains affected?" after "is it going to snow" abstained (0.29) beside "Network Rail
    # said some services … would be cancelled, …" (session 26)
    pytest.param(dict(coach=COACH_CRASH, snow=SNOW, fire=FIRE + "\nResidents have been told to go to an evacuation centre at "
                      "the Pine Hollow high school, where the Red Cross is providing food and beds.\n"), [
        [("What happened to the school bus?", "overturned"), ("Where were they going?", "on their way to a science museum")],
        [("is it going to snow", "amber warning"), ("Are trains affected?", "Network Rail said")]],
        id="a-way-is-where-they-go-and-a-train-runs-on-rail"),
    # "Did they rise anywhere?" after "Are house prices falling?" cited the lead: "rose" is read as no form of "rise"
    # (verbforms leaves it out: a flower, a name), and "… Northern Ireland was the only region where prices rose …"
    # held none of the question's words (session 26)
    pytest.param(dict(housing=HOUSE_PRICES, rates=RATES, snow=SNOW), [
        [("Are house prices falling?", "sixth month in a row"), ("Did they rise anywhere?", "where prices rose")]],
        id="what-rose-has-risen"),
    # "what's the average price" after it (typed without a question mark) cited the lead: searched as "what's the
    # average price house prices falling", its own words were not told from the subject's (session 26)
    pytest.param(dict(housing=HOUSE_PRICES, rates=RATES, snow=SNOW), [
        [("Are house prices falling?", "sixth month in a row"), ("what's the average price", "average price of a home")]],
        id="a-follow-up-typed-without-its-question-mark"),
    # "where did they fall the most": the lead, not "London saw the sharpest annual fall, …" (the rule for the most of
    # something read "which …" alone, and "sharpest" was no superlative to it; session 26)
    pytest.param(dict(housing=HOUSE_PRICES, rates=RATES, snow=SNOW), [
        [("Are house prices falling?", "sixth month in a row"), ("where did they fall the most", "London saw the sharpest")]],
        id="where-the-most"),
    # "how old were the kids" after "Was the driver arrested?" cited "The driver, a 58-year-old man, …" (pupils were no
    # kids, and of two sentences holding an age the better scored came first); "what should I do if I see a stranded
    # whale" cited the rescue's lead, not "The charity asked people … to keep dogs away from any stranded animal."
    # (advice was asked by "… do?" alone; session 26)
    pytest.param(dict(coach=COACH_CRASH, whale=WHALE, snow=SNOW), [
        [("Was the driver arrested?", "was arrested on suspicion"), ("how old were the kids", "aged 11 to 13")],
        [("what should I do if I see a stranded whale", "keep dogs away")]],
        id="the-kids-age-and-advice-on-a-condition"),
    # "Did girls or boys do better?" abstained (0.23) beside "Girls outperformed boys at the top grades, …" (session 26)
    pytest.param(dict(exams=EXAMS, rivers=RIVERS, coach=COACH_CRASH), [
        [("Did girls or boys do better?", "Girls outperformed boys")]],
        id="who-did-better-outperformed"),
    # "Where will it be shown?" after "what dinosuar did they find" (itself after a question about a snow warning, and
    # answered from the dinosaur's story) cited the snow warning: "they" was read as pointing back at the snow
    # (session 26, in Chromium)
    pytest.param(dict(snow=SNOW, fossil=FOSSIL, exams=EXAMS), [
        [("how much snow is forcast", "up to 30cm"), ("what dinosuar did they find", "dinosaur skeletons"),
         ("Where will it be shown?", "public display")]],
        id="they-may-be-anyone"),
    # typed as a person types: "how mnay stops does the blue line have" abstained (read as "how mani stops …"; session 26)
    pytest.param(dict(tram=TRAM_LINE, snow=SNOW, whale=WHALE), [[("how mnay stops does the blue line have", "14 stops")]],
        id="a-question-s-form-typed-wrongly"),
    # "what was the top movie this weekend" after "how many stops does the blue line have" was searched with "stops blue
    # line" and abstained: "this weekend" was read as pointing back (in Chromium; session 26)
    pytest.param(dict(tram=TRAM_LINE, box_office=BOX_OFFICE, snow=SNOW), [
        [("how many stops does the blue line have", "14 stops"), ("what was the top movie this weekend", "Paper Lanterns 2")]],
        id="this-weekend-points-nowhere"),
    # "What did she say?" after "Who will replace her?" was searched with the successor's name, "Tom Okoye", and cited
    # "She will be replaced by Tom Okoye, …" first, not her letter's words (session 27)
    pytest.param(dict(resign=RESIGNATION, exams=EXAMS, tram=TRAM_LINE), [
        [("Why did the minister resign?", "failed to declare shares"), ("Who will replace her?", "Tom Okoye"),
         ("What did she say?", "an honest mistake")]],
        id="she-is-not-the-one-who-replaces-her"),
    # "Will it keep going up?" of a carbon tax cited its lead, not "The tax is set by law to rise each year …"; "did prices
    # go up anywhere" after "Are house prices going down?" was asked alone (its story holds no "anywhere") and cited a
    # streaming service's price rise, or the lead (session 27)
    pytest.param(dict(tax=CARBON_TAX, housing=HOUSE_PRICES, streaming=STREAMING, snow=SNOW), [
        [("What's happening with the carbon tax in Ireland?", "raise its carbon tax"),
         ("Will it keep going up?", "set by law to rise each year")],
        [("Are house prices going down?", "sixth month in a row"), ("did prices go up anywhere", "where prices rose")]],
        id="what-goes-up-rises-anywhere"),
    # "when will flights be normal again" cited the lead's "… cancelled … on Tuesday …" first: "The airport said it
    # expected to run a normal schedule again on Wednesday morning, …" was read as telling the day it was said (session 27)
    pytest.param(dict(fog=FOG, heat=HEAT, rates=RATES), [
        [("when will flights be normal again", "normal schedule again on Wednesday morning")]],
        id="when-as-reported"),
    # "my flight from amsterdam was cancelled, can i get compensation?" (and with a full stop) cited the fog's lead, not
    # "Under EU rules, airlines do not have to pay compensation …" (session 27)
    pytest.param(dict(fog=FOG, heat=HEAT, rates=RATES), [
        [("my flight from amsterdam was cancelled, can i get compensation?", "do not have to pay compensation")],
        [("my flight from amsterdam was cancelled. can i get compensation?", "do not have to pay compensation")]],
        id="whether-one-gets-it-after-what-happened"),
    # "how many jobs" after "how did lumina do this quarter" cited "… accounted for 31% of sales in the quarter." first
    # (its "customer" a person, "31%" a number), not "… to employ 1,500 people." (session 27)
    pytest.param(dict(earnings=EARNINGS_IN_FULL, layoffs=LAYOFFS, fog=FOG), [
        [("how did lumina do this quarter", "record quarterly revenue"), ("how many jobs", "employ 1,500 people")]],
        id="jobs-counted-as-people"),
    # "why are they striking" after "will buses run during the strike" cited "… 80% of its services would be cancelled on
    # strike days …", not the lead's "… will walk out … after talks over pay broke down, …", which writes no "strike"
    # (session 27)
    pytest.param(dict(strike=STRIKE + "\nBuses will run extra services between Leeds and Bradford during the strike, the "
                      "regional transport authority said.\n", fog=FOG, heat=HEAT, recall=RECALL), [
        [("will buses run during the strike", "Buses will run extra services"),
         ("why are they striking", "after talks over pay broke down")]],
        id="a-reason-about-the-question-in-other-words"),
    # "What color is it?" after a question about a new badge cited the lead (as RealTimeQA's dev dialogue "What color
    # was it?" of Twitter's badge did: "… a new, gray verification badge …" came second; session 27)
    pytest.param(dict(badge=BADGE, earnings=EARNINGS, fog=FOG), [
        [("What did Chirp add for government accounts?", "a new badge"), ("What color is it?", "a grey tick")]],
        id="what-colour"),
]


def test_a_request_opening_a_question_and_the_new_one_are_not_its_words():
    """"Tell me about …" asks for what follows, and "the new …" says when as "this week" does (a story need not write
    "new"); "tell" asked of someone, and New York, are words of the question."""
    from qa.scoring import is_request, question_terms, when_asked_terms

    assert question_terms("Tell me about the new planet") == ["new", "planet"]
    assert when_asked_terms("Tell me about the new planet") == {"new"} and when_asked_terms("Who is the latest winner?")
    assert question_terms("Can you tell me about the phone?") == ["phone"] and is_request("Can you tell me about it?")
    assert "tell" in question_terms("What did he tell reporters?") and not is_request("What did he tell reporters?")
    assert not when_asked_terms("What is New York doing?") and not when_asked_terms("Is there new evidence?")


def test_a_verb_and_its_particle_are_written_as_one_word():
    """"come back" is written "return", "money back" "refund", "step down" "resign" (``other_forms.PHRASAL``): the
    particles are stopwords, so the question's text is read."""
    from qa.asked import stand_ins
    from qa.scoring import terms

    assert set(terms("returned")) <= stand_ins("Will it come back?")["come"]
    assert set(terms("refund")) <= stand_ins("Will I get my money back?")["back"]
    assert set(terms("resigned")) <= stand_ins("Why did he step down?")["step"]
    assert set(terms("cancelled")) <= stand_ins("Was the match called off?")["call"]
    assert not set(terms("returned refund")) & stand_ins("What is on the back of the note?").get("back", frozenset())
    # words of one meaning, and a word's opposite in un- (session 25)
    assert set(terms("landfall")) <= stand_ins("Where did it hit?")["hit"]
    assert set(terms("asking")) <= stand_ins("What do they want?")["want"]
    assert not set(terms("demand")) & stand_ins("What do they want?")["want"]  # "… you demand a ceasefire."
    assert set(terms("undamaged")) <= stand_ins("Is it damaged?")[terms("damaged")[0]]


def test_money_that_changed_hands_and_no_reason_in_a_thing_in_ing():
    """"How much did he take?" asks for money (a duration does not answer it), and "… for existing ones." gives no
    reason: "Why is Streamly raising prices?" cited "The new prices take effect on March 1 for new customers and a
    month later for existing ones." first (session 25)."""
    from qa.numbers import holds_measure
    from qa.reasons import gives_reason

    took = "How much did he take?"
    assert holds_measure("Prosecutors said he took more than $410,000 in cash and gifts.", took)
    assert not holds_measure("He was sentenced on Monday to six years in prison for taking bribes.", took)
    assert not holds_measure("He was sentenced on Monday to six years in prison.", "how much was the mayor fined")
    assert not gives_reason("The new prices take effect on March 1 for new customers and a month later for existing ones.")
    assert gives_reason("It fined the company for sending data abroad.")


def test_whether_of_no_thing_named_is_what_is_said_of_it():
    """"Did anyone get hurt …?" asks whether anyone was hurt: of no thing named, what is said of it (session 25)."""
    from qa.scoring import terms
    from qa.whether import whether_of

    assert whether_of("did anyone get hurt in the derailment") == set(terms("hurt")) == whether_of("Was anyone hurt?")
    assert whether_of("Were passwords stolen?") == set(terms("passwords")) and not whether_of("Did he win?")


def test_whether_one_gets_a_thing_is_asked_of_the_thing_after_what_the_asker_tells():
    """"can i get compensation?" after "my flight … was cancelled" (a full stop, a comma or "if …" before it, typed in lower
    case) asks whether one gets compensation (session 27); not "How much did he get paid?"."""
    from qa.asked import sentences_of
    from qa.scoring import terms
    from qa.whether import whether_of

    compensation = set(terms("compensation"))
    assert whether_of("my flight from amsterdam was cancelled. can i get compensation?") == compensation
    assert whether_of("my flight from amsterdam was cancelled, can i get compensation?") == compensation
    assert whether_of("if my flight is cancelled can i get compensation") == compensation
    assert whether_of("Can I get a refund?") == set(terms("refund")) and not whether_of("How much did he get paid?")
    assert sentences_of("my flight was cancelled. can i get compensation?") == [
        "my flight was cancelled.", "can i get compensation?"]
    assert sentences_of("is the u.s. affected? what is it") == ["is the u.s. affected?", "what is it"]
    assert len(sentences_of("the u.s. is big")) == 1 and len(sentences_of("it cost 5. what")) == 1


def test_a_fragment_after_a_question_naming_nothing_is_searched_as_it_is(tmp_path, embedder):
    """"When?" after "By how much?" was searched as "When ? Streamly expensive": the last question's subject, none,
    was put in its place (session 25)."""
    qa = folder_store(tmp_path, embedder, streaming=STREAMING, festival=FESTIVAL)
    *_, when = chat(qa, ["Is Streamly getting more expensive?", "By how much?", "When?"])
    assert when.query == "When? Streamly expensive" and not when.abstained, when.to_dict()


def test_a_name_s_digits_and_the_doers_named_after_them():
    """A name's digits are no number of the question ("Kestrel-4b"); those who did it are named after the agent noun
    ("Headliners included the bands …"; session 25)."""
    from qa.by_whom import says_by_whom
    from qa.confidence import question_names
    from qa.scoring import terms

    assert question_names("What is Kestrel-4b?") == ["kestrel", "4b"] and question_names("Who won in 2022?") == ["2022"]
    assert says_by_whom("Headliners included the bands Northern Arcs and The Velvet Hours.", terms("headlined")[0])
    assert not says_by_whom("Organisers said the festival was cancelled.", terms("organised")[0])


def test_a_question_pointing_at_a_thing_is_not_about_the_person_a_follow_up_named():
    """"it" is not the person a "Who …?" follow-up was answered with; "she" is (session 25)."""
    from qa.followup import Turn, context, points_at_thing

    assert points_at_thing("What will it cost?") and not points_at_thing("What did she say about it?")
    turns = [Turn("user", "What did Quillon announce?"), Turn("assistant", "Quillon said it would cut 1,800 jobs.", ("a",)),
             Turn("user", "Who is the CEO?"), Turn("assistant", "… chief executive Rosa Lindqvist wrote in a memo.", ("a",))]
    assert "Rosa Lindqvist" in context(turns) and "Rosa" not in context(turns, of_person=False)


def test_the_subject_carried_is_neither_the_act_asked_nor_part_of_a_name():
    """The act a "What did Quillon announce?" asks about is not carried with its subject, and names carried after the
    question mark are no name of several words (session 25)."""
    from qa.confidence import name_phrases
    from qa.followup import Turn, subject_added
    from qa.scoring import asked_act

    assert asked_act("What did Quillon announce?") == "announce" and asked_act("What did she say?") is None
    assert subject_added("Who is the CEO?", [Turn("user", "What did Quillon announce?")]) == "Who is the CEO? Quillon"
    assert name_phrases("What did she say? Quillon Rosa Lindqvist") == []
    assert name_phrases("Who is Gilad Erdan? Israel UN") == [("gilad", "erdan")]



def test_the_number_of_a_noun_is_a_count_of_it():
    """"The number of students … fell by 2% to 414,000" counts students, as "90,000 students" does (session 26)."""
    from qa.numbers import counts_asked, holds_measure

    asked = "How many students got into university?"
    for sentence in ("The number of students accepted onto university courses fell by 2% to 414,000.",
                     "Maths remained the most popular subject, taken by more than 90,000 students."):
        assert holds_measure(sentence, asked) and counts_asked(sentence, asked)
    assert not holds_measure("The number of students fell.", asked)
    assert counts_asked("The total of homes lost rose to 35.", "How many homes were lost?")


def test_a_speaker_s_title_and_initials_are_part_of_the_name():
    """"…,\" said Dr. Priya Natarajan, …" is said by Priya Natarajan, not by "Dr": "What did she say?" after "Who is Priya
    Natarajan?" cited the quote's next sentence, "\"Most of what we know …\"", before it (session 26)."""
    from qa.answer_kinds import speaker

    assert "Priya Natarajan" in speaker("\"Finding one is rare,\" said Dr. Priya Natarajan, who leads the dig.")
    assert "Priya Natarajan" in speaker("\"Finding one is rare,\" Dr. Priya Natarajan said.")
    assert "John F. Kennedy" in speaker("\"Yes,\" said John F. Kennedy.")
    assert speaker("\"A more important step is action,\" said Kanaani. \"More.\"").strip() == "Kanaani"


def test_a_follow_up_without_its_question_mark_ends_where_the_subject_starts():
    """A follow-up typed without "?" is searched as its own question, the subject's words after it (session 26)."""
    from qa.asked import followup_terms
    from qa.followup import Turn, condense

    carried = condense("what's the average price", [Turn("user", "Are house prices falling?")])
    assert carried == "what's the average price? house prices falling"
    assert followup_terms(carried) == {"averag", "price"}
    assert condense("Tell me about it.", [Turn("user", "Tell me about the EQXX concept car.")]).startswith("Tell me about it. ")


def test_where_or_who_the_most_is_asked_as_which_one():
    """"Where did prices fall most?" and "Who scored the most goals?" ask for the one that is the most, as "Which …"
    does, but with no kind to name; "What is the most popular subject?" is read as it was (session 26)."""
    from qa.answer_kinds import asks_most, gives_most

    assert asks_most("Where did prices fall most?", where_or_who=True) and not asks_most("Where did prices fall most?")
    assert asks_most("Who scored the most goals?", where_or_who=True)
    assert not asks_most("What is the most popular subject?", where_or_who=True)
    assert not asks_most("Where did prices fall?", where_or_who=True)
    assert gives_most("London saw the sharpest annual fall, of 5.1%.", "Where did prices fall most?")


def test_advice_is_asked_on_a_condition_too():
    """"What should I do if I see one?" asks for advice as "What should I do?" does (session 26)."""
    from qa.answer_kinds import asks_advice

    assert asks_advice("what should I do if I see a stranded whale") and asks_advice("What can drivers do about it?")
    assert asks_advice("What should users do?") and not asks_advice("What should I know about the whale?")
    assert not asks_advice("What did they do if the tide was low?")


def test_what_happens_next_is_what_the_story_says_is_to_come(tmp_path, embedder):
    """"What happens next?" after "Tell me about the Blue Line" abstained (0.24: searched with "Blue Line", its one word
    "next"); it is answered by the story's sentences about what is to come, the surest (planned or expected, then
    "will", then "would"), the latest in the article first, none quoted already; a quote is someone's view, and "a plan
    to" a noun's. A story telling nothing to come says so, and "Tell me more" goes on with it (session 26)."""
    from qa.answer_kinds import tells_what_next
    from qa.more import NOTHING_AHEAD, asks_what_next

    for asked in ("What happens next?", "what's next", "whats next", "What will happen now?", "So what now?",
                  "What's next for it?"):
        assert asks_what_next(asked), asked
    for asked in ("What happens next to the bones?", "What is the next stop?", "Who is next?"):
        assert not asks_what_next(asked), asked
    assert tells_what_next("Work on a second line is due to start next spring.") == 0
    assert tells_what_next("She will be replaced by Tom Okoye.") == 1
    assert tells_what_next("It said it would pay for hotel rooms.") == 2
    assert tells_what_next("\"This is a line the city will use,\" she said.") is None
    assert tells_what_next("Daly oversaw a plan to cut hospital waiting lists.") is None
    assert tells_what_next("She said the school was \"shocked\" and that counsellors would be available on Friday.") == 2
    qa = folder_store(tmp_path, embedder, tram=TRAM_LINE, festival=FESTIVAL, whale=WHALE)
    *_, ahead = chat(qa, ["Tell me about the Blue Line", "What happens next?"])
    assert not ahead.abstained and [c.text for c in ahead.citations] == [
        "Work on a second line, to the university, is due to start next spring."], ahead.to_dict()
    assert_grounded(qa, ahead)
    *_, now = chat(qa, ["Why was the Lakeside festival cancelled?", "What happens now?"])
    assert [c.text for c in now.citations] == ["The festival, first held in 2009, plans to return next summer."], now.to_dict()
    first, nothing, more = chat(qa, ["What happened to the whale?", "What happens next?", "Tell me more"])
    assert nothing.abstained and nothing.text == NOTHING_AHEAD and not nothing.citations, nothing.to_dict()
    assert not more.abstained and more.citations and {c.article_id for c in more.citations} == {
        first.citations[0].article_id}, more.to_dict()
    assert not {c.text for c in first.citations} & {c.text for c in more.citations}


def test_the_article_asked_about_is_no_subject_of_the_conversation(tmp_path, embedder):
    """"How much did it make overseas?" after "What is this article about?" and a question typed in lower case (a
    folder of one) was searched as "… overseas? article" and abstained (0.16) beside "It also earned $96 million
    overseas, …": the words for what is read are no subject (session 26)."""
    from qa.followup import Turn, condense

    assert condense("How much did it make overseas?", [Turn("user", "What is this article about?")]) == (
        "How much did it make overseas?")
    qa = one_article_store(tmp_path, embedder, BOX_OFFICE)
    *_, overseas = chat(qa, ["What is this article about?", "how much did paper lanterns 2 make",
                             "How much did it make overseas?"])
    assert not overseas.abstained and "$96 million overseas" in overseas.citations[0].text, overseas.to_dict()
    assert_grounded(qa, overseas)


def test_a_subject_the_articles_did_not_answer_is_carried_only_when_pointed_at():
    """"what happened to the whale" after "who wrote this" (the articles don't say; a saved web page) was searched with
    "wrote"; "What did he say?" after an unanswered "Who is Gilad Erdan?" still asks about him (session 26)."""
    from qa.followup import Turn, condense

    unanswered = [Turn("user", "who wrote this"), Turn("assistant", "The articles don't say.")]
    assert condense("what happened to the whale", unanswered) == "what happened to the whale"
    assert condense("what happened to the whale", [Turn("user", "who wrote this"), Turn(
        "assistant", "A young humpback whale … was refloated. [1]", ("a",))]) == "what happened to the whale? wrote"
    erdan = [Turn("user", "Who is Gilad Erdan?"), Turn("assistant", "The articles don't say.")]
    assert condense("What did he say?", erdan) == "What did he say? Gilad Erdan"


def test_a_word_typed_wrongly_is_read_as_the_store_s(tmp_path, embedder):
    """"how much snow is forcast" abstained (0.24) and "what dinosuar did they find" cited at 0.32: a word the store does
    not hold, no dictionary knows and one slip from a word of the store is read as it (session 26). A word the
    dictionary knows ("safe", "descale"), a name written with its capital and a word with no neighbour stay as typed."""
    from qa.spelling import closest, dictionary_knows, edits, respelled

    assert edits("dinosuar", "dinosaur", 1.0) == 0.8 and edits("wale", "whale", 1.0) < edits("wale", "walk", 1.0)
    assert edits("safe", "sale", 1.0) == 1.0 and edits("whetston", "weston", 1.0) > 1.0
    store = {"whale": 3, "walk": 9, "forecast": 2, "sale": 5, "deescal": 4, "erda": 2}
    assert closest("wale", store) == "whale" and closest("photosynthesi", store) is None
    assert dictionary_knows(["safe", "descale", "forcast"]) == [True, True, False]
    never = lambda words: [False] * len(words)  # noqa: E731 (no word known: the store's spelling alone decides)
    assert respelled("how much snow is forcast", store, never) == "how much snow is forecast"
    assert respelled("Is the air safe?", store, dictionary_knows) == "Is the air safe?"
    assert respelled("How do I descale a kettle?", store, dictionary_knows) == "How do I descale a kettle?"
    assert respelled("Who is Erdan?", store, never) == "Who is Erdan?"
    qa = folder_store(tmp_path, embedder, snow=SNOW, fossil=FOSSIL, whale=WHALE)
    for typed, searched, fact in [("how much snow is forcast", "how much snow is forecast", "up to 30cm"),
                                  ("what dinosuar did they find", "what dinosaur did they find", "dinosaur skeletons")]:
        answer = qa.ask(typed)
        assert answer.query == searched and not answer.abstained and fact in answer.citations[0].text, answer.to_dict()
        assert_grounded(qa, answer)


def test_a_word_of_the_question_s_form_typed_wrongly_is_read_as_it():
    """"how mnay stops does the blue line have" abstained, read as "how mani stops …" (the store's term for "many" is no
    word); within its first three words a slip of a word of the question's form is read as it, a letter left out, two
    swapped or one doubled: "wen", "whn", "waht", "mcuh"; not a word the dictionary knows ("What dose …"), nor a slip of
    two ("hwo": how or who?) (session 26)."""
    from qa.spelling import dictionary_knows, form_word, respelled

    assert [form_word(w) for w in ("wen", "whn", "mnay", "waht", "mcuh", "hwo", "tell", "name")] == [
        "when", "when", "many", "what", "much", None, None, None]
    store = {"stop": 3, "tram": 2, "dose": 2}
    assert respelled("how mnay stops does the tram have", store, dictionary_knows) == "how many stops does the tram have"
    assert respelled("wen did the tram open", store, dictionary_knows) == "when did the tram open"
    assert respelled("What dose is recommended?", store, dictionary_knows) == "What dose is recommended?"
    assert respelled("the tram stops wen it rains", store, dictionary_knows) == "the tram stops wen it rains"
    assert respelled("any news on the tram?", store, dictionary_knows) == "any news on the tram?"


def test_a_word_typed_wrongly_is_read_as_a_word_as_written():
    """"Who assimilted the Roman language?" (SQuAD dev) was searched as "Who assimil the Roman language?": the store's
    term, no word; a dictionary's word one slip from it whose term the store holds is read instead, as written; a name
    no dictionary knows is still read as the store's term (session 26)."""
    from qa.spelling import dictionary_knows, dictionary_neighbours, nearest, respelled

    store = {"assimil": 2, "govern": 4, "dali": 1}
    assert respelled("Who assimilted the Roman language?", store, dictionary_knows, dictionary_neighbours) == (
        "Who assimilated the Roman language?")
    assert nearest("goovernment", store, dictionary_neighbours) == "government"
    assert nearest("dalyy", store, dictionary_neighbours) == "dali" and nearest("zzzz", store, dictionary_neighbours) is None


def test_this_of_a_time_points_nowhere():
    """"this weekend", "that year" say when, not what the conversation was about (session 26)."""
    from qa.followup import points_back

    assert not points_back("what was the top movie this weekend") and not points_back("Who won that year?")
    assert points_back("Who won this?") and points_back("What did this week's report say about it?")


def test_small_talk_is_answered_by_a_line_of_its_own_and_the_conversation_reads_past_it(tmp_path, embedder):
    """"hi" got "The articles don't say." with related reading; "thanks" after "who was arrested in lisbon" was searched
    as "thanks? arrested lisbon" and cited the arrest's lead again; "thanks, what about the whale?" was searched with
    "arrested lisbon" and cited the arrest beside the whale (session 27)."""
    from qa.small_talk import GREETING, NOTED, THANKS

    qa = folder_store(tmp_path, embedder, painting=PAINTING, whale=WHALE, snow=SNOW)
    hello, arrest, thanks, worth, ok, whale, found = chat(qa, [
        "hi", "who was arrested in lisbon", "thanks", "how much is it worth?", "ok", "thanks, what about the whale?",
        "Who found it?"])
    assert (hello.text, thanks.text, ok.text) == (GREETING, THANKS, NOTED)
    assert all(a.abstained and not a.citations and not a.related for a in (hello, thanks, ok))
    assert "arrested a 34-year-old man" in arrest.citations[0].text
    assert "valued at about €1.5 million" in worth.citations[0].text
    assert {c.article_id for c in whale.citations} == {whale.citations[0].article_id} and "whale" in whale.citations[0].text
    assert "spotted by a dog walker" in found.citations[0].text
    more = list(chat(qa, ["who was arrested in lisbon", "thanks!", "tell me more"]))[-1]
    assert not more.abstained and more.citations and all("arrested a 34-year-old" not in c.text for c in more.citations)


def test_what_is_in_the_news_is_answered_by_the_newest_articles_leads(tmp_path, embedder):
    """"what are the main stories", "What's in the news?" got "The articles don't say." with three articles at random,
    "What's new?" asked "Which article?" (session 27): each of the newest three articles in scope is cited by its first
    sentence (not its headline); limited to one article, its gist as before."""
    from qa.answer_kinds import asks_for_overview

    qa = folder_store(tmp_path, embedder, tax=CARBON_TAX, whale=WHALE, snow=SNOW, housing=HOUSE_PRICES)
    leads = {a.article.id: next(s for s in qa.store.sentences(a.article.id) if s.index > 0) for a in qa.articles()}
    newest = [a.article.id for a in sorted(qa.articles(), key=lambda a: -a.ingested_at)]
    for question in ("what are the main stories", "What's in the news?", "What's new?"):
        answer = qa.ask(question)
        assert not answer.abstained and answer.confidence == 1.0, (question, answer.text)
        assert [c.article_id for c in answer.citations] == newest[:3], question
        assert all((c.start, c.end) == (leads[c.article_id].start, leads[c.article_id].end) for c in answer.citations)
        assert_grounded(qa, answer)
    chosen = newest[2:]
    limited = qa.ask("What's in the news?", filters={"article_ids": chosen})
    assert {c.article_id for c in limited.citations} == set(chosen) and len(limited.citations) == 2
    one = qa.ask("What's new?", filters={"article_ids": newest[:1]})
    assert not one.abstained and {c.article_id for c in one.citations} == set(newest[:1])
    assert asks_for_overview("whats happening") and asks_for_overview("any news?")
    assert not asks_for_overview("What happened?") and not asks_for_overview("what is new with the tram?")


def test_a_short_question_finding_a_new_story_alone_is_not_padded_with_the_last_one(tmp_path, embedder):
    """"what's going on with the trains" after three questions about a minister's resignation was searched with "minister
    resign Tom Okoye" and cited the strike's lead, then two sentences of her story; "why are they striking" after it was
    answered from her resignation (in Chromium, a folder of nine; session 27)."""
    qa = folder_store(tmp_path, embedder, resign=RESIGNATION, tax=CARBON_TAX, whale=WHALE, fog=FOG, quake=QUAKE,
                      earnings=EARNINGS_IN_FULL, box_office=BOX_OFFICE, painting=PAINTING, strike=RAIL_STRIKE)
    about_her = ["why did the minister resign?", "Who will replace her?", "What did she say?"]
    # (and after "what are the main stories", whose leads cite the strike's too: the story told is hers)
    news = qa.ask("what are the main stories")
    strike_id = next(a.article.id for a in qa.articles() if a.article.title.startswith("Rail workers"))
    assert strike_id in {c.article_id for c in news.citations}, news.to_dict()
    for opening in ([], ["what are the main stories"]):
        *_, trains, striking = chat(qa, [*opening, *about_her, "what's going on with the trains", "why are they striking"])
        assert "Train drivers at Northern Line Rail" in trains.citations[0].text, trains.to_dict()
        assert {c.article_id for c in trains.citations} == {strike_id}, (opening, trains.to_dict())
        assert not striking.abstained and striking.citations[0].article_id == strike_id, (opening, striking.to_dict())
        assert "after talks over pay broke down" in striking.citations[0].text


def test_who_directed_it_is_answered_by_the_director_alone(tmp_path, embedder):
    """"Who directed it?" after "What was the top movie this weekend?" cited "\"Paper Lanterns 2\" was directed by Hana
    Okafor …" and then two more films' sentences, "Last weekend's leader, …" read as holding "directed" (a director was
    any leader; session 27): the director's sentence answers alone."""
    from qa.asked import stand_ins

    qa = folder_store(tmp_path, embedder, box_office=BOX_OFFICE, tram=TRAM_LINE, snow=SNOW)
    *_, answer = chat(qa, ["What was the top movie this weekend?", "Who directed it?"])
    assert [c.text for c in answer.citations] == [
        "\"Paper Lanterns 2\" was directed by Hana Okafor and features the voices of Miles Grant and Juniper Sloane."]
    assert "leader" not in stand_ins("Who directed it?")["direct"]
    assert "leader" in stand_ins("Who leads the team?")["lead"]


@pytest.mark.parametrize("articles,conversations", OUR_ARTICLES_ASKED)
def test_articles_of_our_own_asked_as_a_person_does(tmp_path, embedder, articles, conversations):
    """Each conversation held in turn in a folder of the case's articles: each answer answered, its fact in the first
    cited sentence, every citation grounded (``assert_each_turn_answered``)."""
    qa = folder_store(tmp_path, embedder, **articles)
    for turns in conversations:
        assert_each_turn_answered(qa, turns)


def test_a_name_is_not_its_words_written_in_lower_case(tmp_path, embedder):
    """Asked of "Mark Olsen", a sentence writing "mark" in lower case ("… the newly passed law would mark a turning point
    …") does not hold the name's word: "who passed him?" after "bill gates richest" cited a plastics law's "… the language
    of the bill, … the newly passed law …" (RealTimeQA's store, session 39). The name's last word is what it is, and
    counts in lower case ("The report, …" holds the "Kalven Report"'s "report", SQuAD's dev set)."""
    from qa.cased import other_words
    from qa.confidence import names_of_words

    qa = folder_store(tmp_path, embedder, rich=RICHEST, law=PLASTICS_LAW, whale=WHALE)
    question = "Who passed Mark Olsen?"
    ranked = [c.text for c in qa.answerer().ranker.candidates(question, qa.retriever().retrieve(question))]
    law = next(i for i, t in enumerate(ranked) if "would mark a turning point" in t)
    assert all(i < law for i, t in enumerate(ranked) if "Olsen" in t), ranked
    assert names_of_words("who passed him? Bill Gates") == {"bill"}
    assert names_of_words("What policy did the Kalven Report contain?") == {"kalven"}
    assert other_words({"bill"}, "Ocean Conservancy crafted the language of the bill.") == {"bill"}
    assert other_words({"bill"}, "Bill and Melinda Gates said the bill was law.") == set()


def test_a_sentence_put_first_for_the_kind_asked_is_cited_with_one_more_at_most(tmp_path, embedder):
    """"who is she replacing?" cited "Morley takes over from Peter Vance, …", then the lead and its neighbour "Morley has 20
    years of experience …"; "what does it mean?" the definition, the lead and "Editors said it was a surprising choice."
    (in Chromium, session 39): put first for the kind asked, the answer is cited with the best sentence alone."""
    qa = folder_store(tmp_path, embedder, club=CLUB_PRESIDENT, word=WORD_OF_YEAR, probe=PROBE, whale=WHALE)
    for questions, fact in ((["harbour city new president", "who is she replacing?"], "takes over from Peter Vance"),
                            (["glimmerwave", "what does it mean?"], "It's defined as")):
        answer = assert_conversation_ends(qa, questions, fact)
        assert len(answer.citations) <= 2, answer.to_dict()


def test_its_opposite_in_un_answers_whether_it_is_so(tmp_path, embedder):
    """"is it crewed?" is answered by "The uncrewed Osprey probe …" alone, not padded with a later mission's "… would carry
    a crew of four …": "uncrewed" is the question's term, not a form of it worth half (as RealTimeQA's Artemis I, whose
    "uncrewed" came after Artemis III's "Orion crew capsule"; session 38)."""
    qa = folder_store(tmp_path, embedder, probe=PROBE, splashdown=SPLASHDOWN, launch=LAUNCH, whale=WHALE)
    for questions in (["tell me about the osprey probe", "is it crewed?"], ["is the osprey probe crewed?"]):
        answer = assert_conversation_ends(qa, questions, "The uncrewed Osprey probe")
        assert not any("crew of four" in c.text for c in answer.citations), answer.to_dict()


MARS_BOOK = ("A Martian menu for Earth\n\nTwo scientists say the food we grow on Mars could change how we eat at home. They "
             "are co-authors of a new book, “Dinner on Mars: The Technologies That Will Feed the Red Planet and Transform "
             "Agriculture on Earth.” The book argues that farms on the red planet will need to recycle every drop of water. "
             "President Joe Biden praised the book at a White House dinner on Friday.\n")
EU_TREATIES = ("How the European Union works\n\nThe principal treaties that form the European Union began with common rules "
               "for coal and steel. The Treaty of Lisbon gave the union its present institutions in 2009. Member states "
               "still hold a veto on taxes.\n")


def test_a_thing_no_article_names_is_not_answered(tmp_path, embedder):
    """"Which planet has the Great Red Spot?" was answered (0.46 in the news store) with a book title naming "the Red
    Planet"; SQuAD 2.0 asks of "the Canadian Union" beside "the European Union". A name of two words or more that
    no article found holds, its words not all in the best sentence with its neighbours, is a signal of its own
    (``Signals.unnamed``); a name written with more ("President Joe Biden" for "President Biden") is named."""
    qa = folder_store(tmp_path, embedder, mars=MARS_BOOK, eu=EU_TREATIES)
    for question in ["Which planet has the Great Red Spot?", "Which treaties form the Canadian Union?"]:
        answer = qa.ask(question)
        assert answer.abstained and answer.text.startswith("The articles don't say"), (question, answer.to_dict())
    assert_answered_first(qa, [("Which treaties form the European Union?", "principal treaties"),
                              ("What did President Biden praise?", "praised the book")])


AIR_REPORT = (
    "Air pollution worsened around the world last year, report finds\n\nAir pollution rose to unhealthy levels in "
    "most of the world last year, according to a new report by AirWatch, a Swiss company that tracks air quality. "
    "The report is the first major global study based on the World Health Organization's stricter guidelines, "
    "which were updated last autumn. Researchers analysed average annual readings from more than 6,000 cities in "
    "117 countries. Only 222 of those cities met the WHO standard for fine particles.\n\nIndia, Pakistan and "
    "Bangladesh were among the countries with the worst air pollution, exceeding the guidelines by at least ten "
    "times. China, which is among the countries with the worst pollution, showed improved air quality compared "
    "with the year before. Wildfires in Siberia and the western United States added smoke to the readings in "
    "summer.\n\nOut of the more than 2,400 US cities analysed, Los Angeles air remained the most polluted, "
    "despite a 6% decrease compared with the year before. Fresno and Bakersfield followed close behind. The "
    "authors said traffic and ports were the main sources in California.\n\nThe company said the findings should "
    "push governments to cut emissions from coal and cars. \"Clean air is a basic human right,\" its chief "
    "executive, Frank Hammes, said.\n"
)
TRAFFIC_RANKING = (
    "The world's worst cities for traffic\n\nDrivers in London lost 148 hours to congestion last year, making it "
    "the worst city for traffic in the world, according to a ranking by the navigation company RoadPulse. Paris "
    "and Chicago came second and third. In the United States, Chicago was the worst city, followed by Boston and "
    "New York. The company said traffic had returned to its levels before the pandemic in most cities.\n"
)
FLOOD_RISK = (
    "Cities most at risk of flooding this hurricane season\n\nForecasters expect an above-average hurricane "
    "season, and with it fears of the flooding that comes with the storms. Miami, New Orleans and Houston are the "
    "US cities most at risk, according to a list compiled by the insurer Harbor Re. The worst floods in the past "
    "decade hit Houston in 2017, when Hurricane Harvey dropped more than 60 inches of rain.\n"
)


def test_it_points_at_the_story_told(tmp_path, embedder):
    """Seen in a folder of our own (session 28): "Which US city was worst in it?" after a question about an air
    quality report cited a traffic ranking's "In the United States, Chicago was the worst city, …" (0.99 as asked,
    the question naming "US" stands alone); "it" points at the story told. A question of its own about the
    other story is still asked as such."""
    qa = folder_store(tmp_path, embedder, air=AIR_REPORT, traffic=TRAFFIC_RANKING, floods=FLOOD_RISK)
    assert_each_turn_answered(qa, [("What did AirWatch's new report on air quality find?", "AirWatch"),
                                   ("Which US city was worst in it?", "Los Angeles")])
    assert_conversation_ends(qa, ["What did AirWatch's new report on air quality find?",
                                  "Which US city was the worst for traffic?"], "Chicago")
    # and the story stays the conversation's subject after it: "Who runs the company?" was searched with "US city
    # worst" and cited the traffic ranking's "… the navigation company RoadPulse." (Chromium, session 28)
    assert_conversation_ends(qa, ["What did AirWatch's new report on air quality find?", "Which US city was worst in it?",
                                  "Who runs the company?"], "Frank Hammes")


def test_what_a_report_named_found_is_its_news(tmp_path, embedder):
    """Seen in Chromium (session 28): "What did AirWatch's new report find?" abstained (0.18) beside the lead's "…,
    according to a new report by AirWatch, …": the name was asked for as "airwatch s" (the possessive read as a word
    of it) and "find", the act asked for, as a word the answer must write."""
    qa = folder_store(tmp_path, embedder, air=AIR_REPORT, traffic=TRAFFIC_RANKING, floods=FLOOD_RISK)
    assert_answered_first(qa, [("What did AirWatch's new report find?", "according to a new report by AirWatch"),
                              ("What did Frank Hammes say?", "Clean air is a basic human right")])


def test_a_story_of_the_news_named_by_its_place(tmp_path, embedder):
    """"Tell me more about the second one" after "What's in the news?" abstained (Chromium, session 28): the story at
    that place in the last answer citing several goes on, from its own next sentences; a follow-up after it is about
    that story, and "the first one" after that goes back to the list."""
    qa = folder_store(tmp_path, embedder, air=AIR_REPORT, traffic=TRAFFIC_RANKING, floods=FLOOD_RISK)
    news = qa.ask("What's in the news?")
    stories = list(dict.fromkeys(c.article_id for c in news.citations))
    assert len(stories) == 3, news.to_dict()
    # a question of each story's own that only that story answers, and the fact it answers with
    of_story = {"Cities most at risk": ("Who compiled the list?", "Harbor Re"),
                "The world's worst cities": ("Who made the ranking?", "RoadPulse"),
                "Air pollution worsened": ("Who runs the company?", "Frank Hammes")}
    title = next(c.title for c in news.citations if c.article_id == stories[1])
    asked, fact = next(v for k, v in of_story.items() if title.startswith(k))
    _, second, who, first = chat(qa, ["What's in the news?", "Tell me more about the second one", asked,
                                      "and the first one?"])
    for answer, place in [(second, 1), (first, 0)]:
        assert not answer.abstained and {c.article_id for c in answer.citations} == {stories[place]}, answer.to_dict()
        assert not {c.text for c in answer.citations} & {c.text for c in news.citations}  # its next sentences
        assert_grounded(qa, answer)
    assert not who.abstained and fact in who.citations[0].text, who.to_dict()


def test_another_story_holding_the_question_s_one_name_is_no_answer_of_its_own(tmp_path, embedder):
    """"how hot did it get in spain" cited the heatwave's "Temperatures reached 46.2C …" and then a planet story's "…
    confirmed with telescopes in Chile and Spain." (its one term "spain", a cosine of 0.2; session 28): another
    story's sentence is cited as its answer only when it is about the question."""
    qa = folder_store(tmp_path, embedder, heat=HEAT, planet=PLANET, measles=MEASLES)
    answer = qa.ask("how hot did it get in spain")
    assert not answer.abstained and "46.2C" in answer.citations[0].text, answer.to_dict()
    assert {c.article_id for c in answer.citations} == {answer.citations[0].article_id}, answer.to_dict()


def test_one_term_held_by_one_sentence_of_the_story_read_is_an_exact_answer(tmp_path, embedder):
    """"who was the judge" after "what about the court case?" (the folder of 42, session 28) was answered from another
    trial's "Judge Martha Ocampo also ordered him …" (0.34): read in the story told (``in_answered``), "Judge Karin Lenz
    said …" was weak (0.22), its one term "judge" written in several articles of the store. In a scope of at most two
    articles the term is one of at most two of them: the one sentence holding it answers exactly."""
    from qa import Filters

    qa = folder_store(tmp_path, embedder, court=COURT, bribery=BRIBERY, painting=PAINTING, verdict=VERDICT)
    court = next(s.article.id for s in qa.articles() if s.article.title.startswith("Court orders carmaker Dorne"))
    question = "who was the judge"
    evidence = qa.answerer().ranker.gather(question, qa.retriever().retrieve(question, Filters(article_ids=(court,))))
    assert not evidence.weak and evidence.signals.exact == 1.0, evidence.confidence
    assert evidence.candidates[0].text.startswith("Judge Karin Lenz"), evidence.candidates[0].text


def test_a_web_page_s_furniture_is_never_cited(tmp_path, embedder):
    """"How bad was Hurricane Ian?" (RealTimeQA's store) cited "For the latest coverage of Hurricane Ian from Thursday,
    Sept. 29, see our live updates here." second; the store holds ~870 such sentences a scraper kept ("Sign up here for
    the '5 Things' newsletter.", "Click here to read more.") and ~870 datelines ending on a dash ("Moscow and Kyiv,
    Ukraine CNN —" was cited for "Who went to Ukraine this week?") and ~440 signposts ("Here is what the lawmakers included in
    the framework and what they left out." for "What was left out?"): they say nothing of the story (session 29)."""
    furnished = STORM.replace("\n\n", "\n\nPort Lavaca and Victoria, Texas CNN —\n\nFor the latest coverage of Hurricane Mara, "
                                        "see our live updates here.\n\nHere's what we know about the storm so far.\n\n", 1) + (
        "\nSign up here for our weather newsletter, sent every morning.\n")
    qa = folder_store(tmp_path, embedder, storm=furnished, snow=SNOW, fog=FOG, measles=MEASLES)
    for question in ("Tell me about Hurricane Mara", "How bad was Hurricane Mara?",
                     "Where can I follow the latest coverage of the hurricane?"):
        answer = qa.ask(question)
        assert answer.citations and not any("live updates" in c.text or c.text.endswith("—") or c.text.startswith("Here")
                                            for c in answer.citations), answer.to_dict()
        assert answer.citations[0].text.startswith("Hurricane Mara made landfall"), answer.to_dict()
    assert qa.ask("Is there a newsletter about the weather?").abstained
    from qa.furniture import says_something

    assert not any(says_something(s) for s in ("Click here to read more.", "Editor's note: This page recaps the news.",
                                               "Read more on business and sign up for our business newsletter."))
    assert not says_something("Moscow and Kyiv, Ukraine CNN —") and not says_something("New York CNN Business —")
    assert not says_something("Here is what the lawmakers included in the framework and what they left out.")
    assert not says_something("Here are some of the food and supply shortages our reporters spotted.")
    assert not says_something("More:How the pipeline became a bargaining chip between two countries")
    assert not says_something("►Related: The riot movie wraps a short stint of filming")
    assert says_something("Subscribers will pay 7 dollars a month from March.")


FORMULA_SHORTAGE = (
    "Baby formula still hard to find\n\nBaby formula remains difficult to find in many US stores months after a nationwide "
    "shortage began, despite dozens of flights that brought formula from abroad. Parents in Texas and Tennessee said "
    "shelves were still empty this week.\n\n►Meat shortage:There's a meat shortage in the US right now, here are 10 "
    "delivery boxes to shop\n\nRetailers said supplies should improve by the autumn.\n")


def test_a_link_to_another_story_is_never_cited(tmp_path, embedder):
    """"Of which product?" after "Is there still a nationwide shortage in US stores?" (RealTimeQA's store) cited "►Meat
    shortage:There's a meat shortage in the U.S. right now—here are 10 meat delivery subscription boxes to shop" first: a
    label and another story's headline joined by a colon, with no mark ending them, is a link the scraper kept (~1,500
    in the store, "Cream cheese shortage:Supply chain problem has reached bagels, cheesecakes"), not the story's news
    (``furniture.says_something``; session 31)."""
    qa = folder_store(tmp_path, embedder, formula=FORMULA_SHORTAGE, snow=SNOW, fog=FOG, measles=MEASLES)
    answer = list(chat(qa, ["Is there still a nationwide shortage in US stores?", "Of which product?"]))[-1]
    assert not answer.abstained and answer.citations[0].text.startswith("Baby formula remains"), answer.to_dict()
    for question in ("Of which product is there a shortage?", "Is there a meat shortage?", "Tell me about the shortage"):
        assert not any("Meat shortage" in c.text for c in qa.ask(question).citations), question
    from qa.furniture import says_something

    assert not says_something("Cream cheese shortage:Supply chain problem has reached bagels, cheesecakes")
    assert not says_something("Can it be done?:Four reasons to doubt the governor's promise to clean it up")
    assert not says_something("► Amazon raising price of Prime membership for new and current members")
    assert not says_something("MONKEYPOX 101:Case confirmed in England, but risk to the general public is low")
    assert not says_something("BIZARRE LOVE TRIANGLE: Spirit agrees to talk with JetBlue amid merger with Frontier")
    assert says_something("KLOBUCHAR: And no matter if you agree with everyone here on the stage, I say this.")
    assert says_something("Milwaukee:The lobster festival is coming to the city for the first time in August.")
    assert says_something("[37:44] Welker: Let's talk about the virus and what comes next")
    # (and a label's word shortened with a point: "Florida v. Disney:Gov. Ron DeSantis wants legislature to end Disney's
    # special status in called session" was cited second for "what did desantis do to disney", 14 in the store; session 36)
    assert not says_something("Florida v. Disney:Gov. Ron DeSantis wants legislature to end Disney's special status")
    assert not says_something("Rep. Jason Crow:Democrat reads from his children's Constitutions during the trial")
    assert says_something("A re:Store shop in central Moscow.") and says_something("It was in 2018.")


SCHOOL_SHOOTING = (
    "Dunmore mourns after school shooting\n\nA gunman killed four pupils and a teacher at Hollins Primary School in Dunmore "
    "on Tuesday morning, police said. Officers waited 40 minutes outside the classroom before they went in.\n\nThe "
    "governor visited the town on Thursday and promised an inquiry into the police response.\n")
MALL_SHOOTING = (
    "Mall shooter sentenced to life\n\nThe shooter in last year's Carlton mall attack, Dean Mercer, was sentenced to "
    "life in prison on Monday. Mercer, 31, shot three people in a food court in March.\n")


VAN_CRASH = (
    "Van overturns on the A40\n\nA delivery van overturned on the A40 near Witney on Sunday evening, closing the road "
    "for six hours. Two passengers were taken to hospital with minor injuries, and the driver was treated at the "
    "scene, police said.\n")
RALLY_WIN = (
    "Cole wins the Harbour rally\n\nDriver Sam Cole won the Harbour rally on Saturday, finishing 12 seconds ahead "
    "of the champion.\n")


def test_the_shooter_asked_after_a_shooting_is_that_shooting_s(tmp_path, embedder):
    """"Who was the shooter?" after "What happened in Uvalde?" and "How many died?" (RealTimeQA's store, no article naming
    the gunman) cited "Shooter in Pittsburgh synagogue massacre to be sentenced to death", another shooting's headline,
    and "What did police do?" after it George Floyd's protests (session 31): a shooter is a gunman (``other_forms``), and
    the story told holds every word of the question then. (A driver the story told does not name is not another
    story's.)"""
    qa = folder_store(tmp_path, embedder, school=SCHOOL_SHOOTING, mall=MALL_SHOOTING, snow=SNOW, fog=FOG, measles=MEASLES)
    answers = list(chat(qa, ["What happened in Dunmore?", "How many died?", "Who was the shooter?", "What did police do?"]))
    for answer in answers[2:]:
        assert not any("Mercer" in c.text for c in answer.citations), answer.to_dict()
    assert answers[3].citations and {c.title for c in answers[3].citations} == {"Dunmore mourns after school shooting"}
    assert "Mercer" in qa.ask("Who was the mall shooter?").citations[0].text
    # the story told holds every word of the question and does not answer it: the articles don't say (not another story's)
    (tmp_path / "crash").mkdir()
    qa = folder_store(tmp_path / "crash", embedder, crash=VAN_CRASH, race=RALLY_WIN, snow=SNOW, fog=FOG, measles=MEASLES)
    answer = list(chat(qa, ["What happened on the A40?", "Was anyone hurt?", "Who was the driver?"]))[-1]
    assert not any("Cole" in c.text for c in answer.citations), answer.to_dict()
    assert "Cole" in qa.ask("Who was the rally driver?").citations[0].text


BLUETONGUE = (
    "Bluetongue found on Kent farms\n\nTesting for bluetongue, a crucial part of containing the outbreak, has begun "
    "on 12 farms in Kent, the government said on Friday. Officials confirmed 14 cases in cattle and sheep this week "
    "and set up a 10-kilometre control zone around each farm.\n\nFarmers inside the zones cannot move animals without "
    "a licence. Bluetongue is a viral disease of sheep and cattle spread by biting midges, and it does not affect "
    "people or food safety.\n\nA vaccine is expected to be available next spring.\n")


NOMINEE = (
    "Okafor picked for the Supreme Court\n\nSix days after the inauguration, the president's counsel put in a call to "
    "Marisa Okafor to ask whether she would serve on the appeals court. The call came as the court's oldest justice "
    "weighed retirement.\n\nOkafor, a former public defender who clerked for Justice Hale, has sat on the appeals court "
    "since last year.\n")


def test_asked_what_a_thing_is_the_sentence_saying_what_it_is_comes_first(tmp_path, embedder):
    """"What is monkeypox?" (RealTimeQA's store) cited "Testing for monkeypox, a crucial part of containing the growing
    outbreak, has gotten off to a sluggish start …" first, not a sentence saying what monkeypox is ("… monkeypox is a
    virus that's been around forever.", "Monkeypox, a viral disease, occurs mostly in central and western Africa, …";
    ``answer_kinds.defines``; session 31)."""
    qa = folder_store(tmp_path, embedder, bluetongue=BLUETONGUE, snow=SNOW, fog=FOG, measles=MEASLES)
    assert_answered_first(qa, [("What is bluetongue?", "Bluetongue is a viral disease"),
                               ("what's bluetongue", "Bluetongue is a viral disease")])
    from qa.answer_kinds import defines, thing_asked

    assert thing_asked("What are NFTs?") == "NFTs" and thing_asked("What is the Inflation Reduction Act?") == "Inflation Reduction Act"
    # and asked who someone is, a sentence saying who they are: "Who is Ketanji Brown Jackson?" (RealTimeQA's store)
    # cited "… Dana Remus put in a call to Ketanji Brown Jackson to see if the judge might be interested …" first, not
    # "Jackson, who is African American and a former Breyer clerk, …"; a name by its last word too
    assert thing_asked("Who is Ketanji Brown Jackson?") == "Ketanji Brown Jackson" and not thing_asked("Who is the judge?")
    assert defines("Jackson, who is a former Breyer clerk, would likely be a top contender.", "Ketanji Brown Jackson")
    assert not defines("Counsel Dana Remus put in a call to Ketanji Brown Jackson, the judge, on Monday.", "Ketanji Brown Jackson")
    (tmp_path / "judge").mkdir()
    qa = folder_store(tmp_path / "judge", embedder, judge=NOMINEE, snow=SNOW, fog=FOG, measles=MEASLES)
    assert_answered_first(qa, [("Who is Marisa Okafor?", "Okafor, a former public defender")])
    assert not thing_asked("What is it called?") and not thing_asked("What's happening?") and not thing_asked("What is the news?")
    assert defines("NFTs, or \"nonfungible tokens,\" are one-of-a-kind digital collectibles.", "NFTs")
    assert not defines("Testing for bluetongue, a crucial part of containing the outbreak, has begun.", "bluetongue")


QUARTERBACK_RETIRES = (
    "Dale Fenwick retires after 18 seasons\n\nQuarterback Dale Fenwick announced his retirement on Tuesday after 18 "
    "seasons, five league titles and a record 612 touchdown passes. He won his last title with the Harbour City "
    "Hawks in February.\n\n\"I gave this game everything I had,\" Fenwick said.\n")
HOCKEY_GAME = (
    "Lightning edge Rangers in overtime\n\nSteven Stamkos opened the scoring in Saturday's goaltending battle when his "
    "wrist shot eluded a partially screened Igor Shesterkin late in the second period. Tampa Bay won in overtime.\n")


def test_a_short_question_barely_answered_by_another_story_is_asked_of_the_story_told(tmp_path, embedder):
    """"What was the score?" after "Who won the Super Bowl?" (RealTimeQA's store, answered by a quarterback's retirement)
    cited a World Cup final's "Lionel Messi scores on rebound to take 3-2 lead" and a hockey game's "Stamkos opened the
    scoring …" at 0.35: a short question naming nothing, barely answered by another story (under
    ``conversation.LEAVES_STORY_FROM``), is asked of the story told (session 31). "Who is the transport minister?" after a
    question about ticket prices is answered by the minister's sentence (0.75), another story's."""
    qa = folder_store(tmp_path, embedder, qb=QUARTERBACK_RETIRES, hockey=HOCKEY_GAME, snow=SNOW, fog=FOG, measles=MEASLES)
    answer = list(chat(qa, ["Who retired this week?", "What was the score?"]))[-1]
    assert not any("Stamkos" in c.text for c in answer.citations), answer.to_dict()  # (0.51 as asked)
    answer = list(chat(qa, ["What happened in the Lightning game?", "Who scored?"]))[-1]
    assert not answer.abstained and "Stamkos" in answer.citations[0].text, answer.to_dict()

    # (not when the story told holds none of its words and the one found does: "is the vaccine safe?" after "what happened
    # in hartfield?" cited the recall's lead at 0.34, the vaccine's story found at 0.43; session 37)
    (tmp_path / "recall").mkdir()
    qa = folder_store(tmp_path / "recall", embedder, mayor=MAYOR_RECALL, trial=MALARIA_TRIAL, snow=SNOW, fog=FOG)
    answer = list(chat(qa, ["what happened in hartfield?", "is the vaccine safe?"]))[-1]
    assert not answer.abstained and all("vaccin" in c.text for c in answer.citations), answer.to_dict()


AUTHOR_ATTACKED = (
    "Novelist stabbed on stage in Harrow\n\nNovelist Irene Castell was attacked and stabbed several times on stage "
    "before a reading at the Harrow Arts Centre on Friday evening. The suspect, 31-year-old Martin Leary, was arrested "
    "at the scene.\n\nCastell was taken to hospital, where she was said to be recovering on Saturday.\n")


def test_who_did_harm_is_answered_by_the_sentence_naming_the_suspect(tmp_path, embedder):
    """"Who attacked him?" after "What happened to Salman Rushdie?" (RealTimeQA's store) cited "… Rushdie is attacked and
    stabbed multiple times on stage …" alone, not "The suspect, 24-year-old Hadi Matar, is arrested.": one who did harm
    is named the suspect, the gunman, the attacker (``asked.agent_terms``; session 31)."""
    qa = folder_store(tmp_path, embedder, author=AUTHOR_ATTACKED, snow=SNOW, fog=FOG, measles=MEASLES)
    assert_each_turn_answered(qa, [("What happened to Irene Castell?", "Novelist Irene Castell was attacked"),
                                   ("Who attacked her?", "Martin Leary")])
    assert_answered_first(qa, [("Who stabbed the novelist?", "Martin Leary")])


ROVER_FIND = (
    "Lunar rover Kestrel finds sign of ancient water\n\nIn the search for water beyond Earth, the Kestrel lunar rover "
    "has spent three years on a mission to learn whether the moon's south pole ever held ice. A new analysis of soil "
    "samples collected by the rover revealed the presence of hydrogen, which scientists say may point to frozen "
    "water.\n\nThe rover heated 12 soil samples to 850 degrees Celsius in order to separate their elements.\n")


def test_what_element_was_it_is_answered_by_the_element_named(tmp_path, embedder):
    """"What element was it?" after "What did NASA's Curiosity rover discover?" (RealTimeQA's store, the fresh dialogue h1)
    cited "Curiosity then heated these 24 powder samples … in order to separate elements.", not "… revealed the presence of
    carbon …": "what <kind> was it?" asks which one of a kind (``asked.asked_kind``), and an element is named by its name
    (``other_forms.KIND_NAMES``; session 31)."""
    qa = folder_store(tmp_path, embedder, rover=ROVER_FIND, snow=SNOW, fog=FOG, measles=MEASLES)
    answer = list(chat(qa, ["What did the Kestrel rover find?", "What element was it?"]))[-1]
    assert not answer.abstained and "hydrogen" in answer.citations[0].text, answer.to_dict()
    from qa.asked import asked_kind

    assert asked_kind("What element was it?") == "element" and asked_kind("What was it?") is None
    assert asked_kind("What is it called?") is None


CHIKUNGUNYA = (
    "Chikungunya cases rise in Lombardy\n\nTesting for chikungunya, a key part of tracking the outbreak, has been stepped "
    "up at hospitals in Lombardy, regional health officials said on Wednesday. The region has confirmed 46 cases since "
    "July, most of them in and around Brescia.\n\nChikungunya is a viral disease spread by the bites of infected "
    "mosquitoes. It causes fever and severe joint pain.\n\nOfficials urged residents to empty standing water from "
    "gardens and to use insect repellent in the evenings.\n")


def test_whether_there_is_a_thing_no_sentence_names_is_not_said(tmp_path, embedder):
    """"Is there a vaccine for chikungunya?" (a folder of our own in the web chat) cited "Testing for chikungunya, a key
    part of tracking the outbreak, …" (0.74) from a story that never writes "vaccine": whether there is a thing asks
    about that thing (``whether.whether_of``), and when no sentence read names it the articles do not say (session 31)."""
    qa = folder_store(tmp_path, embedder, chikungunya=CHIKUNGUNYA, snow=SNOW, fog=FOG, measles=MEASLES)
    for question in ("Is there a vaccine for chikungunya?", "Is there a curfew in Lombardy?"):
        assert qa.ask(question).abstained, question
    assert_answered_first(qa, [("Are there cases in Brescia?", "46 cases"), ("Is there an outbreak of chikungunya?", "")])
    # (and one catches what is spread: "How do you catch it?" cited the testing's lead; ``other_forms``)
    answer = list(chat(qa, ["Is there a vaccine for chikungunya?", "How do you catch it?"]))[-1]
    assert not answer.abstained and "spread by the bites" in answer.citations[0].text, answer.to_dict()
    from qa.whether import there_is, whether_of

    assert whether_of("Is there a vaccine for it?") == {"vaccin"} and not there_is("was there any trouble?")
    assert not there_is("Is there any news about the probe?") and there_is("Is there a strike coming at the port?")


MINISTER_VISIT = (
    "Ruiz in Lisbon for trade talks\n\nPrime Minister Ana Ruiz visited Lisbon on Monday to meet Portuguese ministers "
    "about a fishing agreement that expires in June. It was her first trip abroad since the election.\n\nThe two "
    "governments said they hoped to sign a new agreement before the summer.\n")


def test_where_someone_went_is_where_they_visited(tmp_path, embedder, seed_path):
    """"Where did Haniyeh go?" abstained (0.29) beside the demo article's lead, "Hamas leader Ismail Haniyeh visited Tehran
    on Tuesday …" (session 29): where someone went is where they visited or travelled (``other_forms.DERIVED``); the
    lead holds every word of the question then (here 0.71 before, the visit's words unread)."""
    (tmp_path / "demo").mkdir()
    demo = one_article_store(tmp_path / "demo", embedder, seed_path.read_text(encoding="utf-8"))
    assert_answered_first(demo, [("Where did Haniyeh go?", "visited Tehran")])
    qa = folder_store(tmp_path, embedder, visit=MINISTER_VISIT, strike=DOCK_STRIKE, snow=SNOW, measles=MEASLES, fog=FOG)
    assert_answered_first(qa, [("Where did Ana Ruiz go?", "visited Lisbon"),
                               ("Where did the prime minister travel?", "visited Lisbon")])
    assert qa.ask("Where did Ana Ruiz go?").confidence > 0.9


def test_a_heading_inside_an_article_is_never_cited(tmp_path, embedder):
    """"Is there a vaccine?" after "Tell me about the monkeypox outbreak in the US." (RealTimeQA's store) cited the
    heading "Monkeypox vaccines in the US" first: a few words, no number and no mark ending them are a heading, which
    says nothing of its own (``furniture.says_something``; session 29)."""
    from qa.furniture import says_something

    headed = MEASLES.replace("The county will hold free vaccination clinics",
                             "Free vaccination clinics this weekend\n\nThe county will hold free vaccination clinics")
    qa = folder_store(tmp_path, embedder, measles=headed, snow=SNOW, fog=FOG, tram=TRAM_LINE)
    for answer in chat(qa, ["Tell me about the measles outbreak", "Are there vaccination clinics?"]):
        assert not any(c.text.startswith("Free vaccination clinics") for c in answer.citations), answer.to_dict()
    assert_answered_first(qa, [("Are there vaccination clinics?", "free vaccination clinics on Saturday")])
    assert not says_something("Monkeypox vaccines in the US") and says_something("• Homes at risk: 8,109")
    assert says_something("Why there's no relief at the grocery store") and says_something("It splashed down at 12:40 p.m.")


def test_what_he_said_is_not_what_she_said(tmp_path, embedder):
    """"what did he say?" after "Who will replace her?" (a minister's successor, whom the story never quotes) cited her
    resignation letter's "… she said she had made \"an honest mistake\" …" as his words: the subject carried both names
    side by side, read as one person. "He" is the one named last, and no sentence is his: the articles do not say
    (session 29). "What did she say?" still cites her letter."""
    qa = folder_store(tmp_path, embedder, resign=RESIGNATION, tax=CARBON_TAX, whale=WHALE, fog=FOG)
    *_, his = chat(qa, ["why did the minister resign?", "Who will replace her?", "What did he say?"])
    assert his.abstained and his.text.startswith("The articles don't say"), his.to_dict()
    *_, hers = chat(qa, ["why did the minister resign?", "Who will replace her?", "What did she say?"])
    assert not hers.abstained and "she said" in hers.citations[0].text, hers.to_dict()



JUBILEE = (
    "Queen Maren marks 40 years on the throne of Eastmark\n\n"
    "Crowds gathered in the capital on Sunday as Queen Maren of Eastmark was crowned again in a ceremony for her "
    "Ruby Jubilee.\n\n"
    "Queen Maren was 23 years old when her reign began on March 3, 1986, after the sudden death of her father.\n\n"
    "For the first time in the country's history, a monarch is celebrating 40 years on the throne.\n\n"
    "The palace said the queen would tour all nine provinces over the summer.\n")


def test_how_many_years_is_a_time_counted_not_an_age(tmp_path, embedder):
    """"How many years has she reigned?" after "Queen Elizabeth is celebrating her Platinum Jubilee." (RealTimeQA's
    store, no date) cited "Queen Elizabeth II was 25 years old when her reign began …" alone: "25 years old" was read as
    a time counted. An age ("25 years old", "a 38-year-old") counts no time of the story; "… celebrating 70 years on
    the throne" does (session 30)."""
    from qa.numbers import holds_measure

    reigned = "How many years has she reigned?"
    assert not holds_measure("Queen Maren was 23 years old when her reign began.", reigned)
    assert holds_measure("A monarch is celebrating 40 years on the throne.", reigned)
    assert not holds_measure("The 38-year-old has led the party.", "How long has he led the party?")
    assert holds_measure("Nolan, a 38-year-old former teacher, campaigned.", "How old is Nolan?")
    qa = folder_store(tmp_path, embedder, jubilee=JUBILEE, snow=SNOW, fog=FOG, tram=TRAM_LINE)
    assert_conversation_ends(qa, ["Queen Maren is celebrating her Ruby Jubilee.", reigned], "40 years on the throne")


OFFERED = (
    "Probe finds frozen lake beneath the ice of Jupiter's moon Callisto\n\n"
    "If your day doesn't start until you're up to speed on the latest discoveries, then let us introduce you to your "
    "new favorite morning read. Sign up here for our Star Notes newsletter.\n\n"
    "A European space probe has found a frozen lake beneath the ice of Callisto, one of Jupiter's moons, mission "
    "scientists said on Thursday.\n\n"
    "The lake lies about 12 kilometres below the surface and is roughly the size of Lake Geneva.\n\n"
    "Sarah Lindqvist, who led the radar team, said the lake had probably been frozen for a billion years. For more "
    "stories from the outer planets, sign up to the Star Notes newsletter.\n")


def test_a_newsletter_offer_is_never_cited(tmp_path, embedder):
    """"What's in the news?" (RealTimeQA's store as of January 18, 2022) cited "If your day doesn't start until you're up
    to speed on the latest headlines, then let us introduce you to your new favorite morning fix." first: the paragraph
    of "… Sign up here for the '5 Things' newsletter.", which the furniture read as a sentence of news. An offer of the
    site's newsletter anywhere in a sentence is furniture, and so are the sentences naming nothing beside it in a short
    paragraph; a paragraph of news ending on one keeps its news (session 30)."""
    from qa.furniture import paragraph_at, says_something

    qa = folder_store(tmp_path, embedder, probe=OFFERED, fog=FOG)
    for question in ("What's in the news?", "What did the probe find?", "Tell me about the probe"):
        answer = qa.ask(question)  # (the news: the newest article's lead first, the fog's)
        probe = [c for c in answer.citations if "Callisto" in c.title]
        assert not answer.abstained and probe and "frozen lake" in probe[0].text, (question, answer.to_dict())
        assert not any(w in c.text for c in answer.citations for w in ("your day", "sign up", "Sign up")), answer.to_dict()
    last = OFFERED.rstrip().rsplit("\n", 1)[1]
    for sentence in ("Sarah Lindqvist, who led the radar team, said the lake had probably been frozen for a billion years.",
                     "For more stories from the outer planets, sign up to the Star Notes newsletter."):
        start = OFFERED.index(sentence)
        assert paragraph_at(OFFERED, start, start + len(sentence)) == last
    assert says_something("Sarah Lindqvist, who led the radar team, said the lake had probably been frozen.", last)
    assert not says_something("For more stories from the outer planets, sign up to the Star Notes newsletter.")
    assert not says_something("Get CNN Health's weekly newsletter Sign up here to get The Results Are In every Tuesday.")
    assert says_something("The lake lies about 12 kilometres below the surface.", "The lake lies about 12 kilometres below.")


def test_what_is_in_the_news_of_one_article_is_its_gist(tmp_path, embedder):
    """"What's in the news?" of a folder of one article got "The articles don't say." (0.02): the leads of the newest
    were read for two articles or more, and its words ask for no gist nor for anything in the story. Of one, its first
    two sentences are told, as a request for its gist is answered (session 30)."""
    qa = folder_store(tmp_path, embedder, probe=OFFERED)
    for question in ("What's in the news?", "what are the main stories", "What's new?"):
        answer = qa.ask(question)
        assert not answer.abstained and answer.confidence == 1.0, (question, answer.to_dict())
        assert [c.text.split(",")[0] for c in answer.citations] == [
            "A European space probe has found a frozen lake beneath the ice of Callisto",
            "The lake lies about 12 kilometres below the surface and is roughly the size of Lake Geneva."], answer.to_dict()
        assert_grounded(qa, answer)


def test_what_is_new_with_it_asks_for_its_story(tmp_path, embedder):
    """"What's new with the probe?" abstained at 0.22 in a folder of the probe's story alone: "new" was weighed as a word
    of what is asked. Asking what is new with, happening in or the latest on something asks for its story, as "Tell me
    about …" does (``scoring.is_request``; session 30)."""
    from qa.scoring import is_request

    qa = folder_store(tmp_path, embedder, probe=OFFERED, fog=FOG)
    for question in ("What's new with the probe?", "What's happening with the space probe?", "Any news about the probe?"):
        answer = qa.ask(question)
        assert not answer.abstained and "frozen lake" in answer.citations[0].text, (question, answer.to_dict())
    assert is_request("what is the latest on the strike?") and is_request("Any updates on the fog?")
    assert not is_request("What's new?") and not is_request("Who is new in the cabinet?")


def test_related_reading_opens_on_the_story_not_on_an_offer(tmp_path, embedder):
    """"How do I get across?" about a bridge's closing (a folder of one, the web chat) said the articles don't say, and
    its related reading opened "Sign up for our Local Matters newsletter. Get the stories that shape your town, …": the
    story's first paragraph. A shortened passage opens on its first sentence that says something (session 30)."""
    qa = folder_store(tmp_path, embedder, probe=OFFERED)
    answer = qa.ask("How do I get to the probe's launch site?")
    assert answer.abstained and answer.related, answer.to_dict()
    probe = next(p for p in answer.related if "Callisto" in p.title)
    assert probe.text.startswith("A European space probe has found a frozen lake"), probe.text
    assert probe.text == qa.store.articles_by_id([probe.article_id])[probe.article_id].article.text[probe.start:probe.end]


ORCHESTRA = (
    "Youth orchestra wins top prize at European competition\n\nThe Northfield Youth Orchestra has won first prize "
    "at the European Youth Music Festival in Vienna, beating 42 ensembles from 19 countries.\n\nThe 68 musicians, "
    "aged between 14 and 21, performed Dvořák's Symphony No. 8 in the final on Saturday evening.\n\nConductor "
    "Helena Marsh said the players had rehearsed every weekend since September. \"They played with a maturity far "
    "beyond their years,\" she said.\n\nThe prize includes €20,000 and an invitation to perform at the festival's "
    "gala concert next summer.\n\nIt is the first time a British youth orchestra has won the competition since "
    "2009.\n")

def test_who_did_it_is_answered_by_the_noun_naming_the_doer(tmp_path, embedder):
    """"Who conducted?" after "Tell me more about the second one" (a footbridge's closing; the web chat, session 30) cited
    the footbridge's lead, and "Who conducted the orchestra?" the orchestra's lead (0.33): "Conductor Helena Marsh said
    …" holds the noun naming the doer, not the verb. The nouns of a "who …?" question's verb ("conductor", "writer",
    "founder", "runner") stand in for it, and one written before a name says by whom (``asked.agent_terms``)."""
    from qa.asked import agent_terms
    from qa.by_whom import says_by_whom

    assert {"conductor"} <= agent_terms("conduct") and {"writer"} <= agent_terms("write")
    assert {"creator"} <= agent_terms("creat") and {"runner"} <= agent_terms("run")
    assert says_by_whom("Conductor Helena Marsh said the players had rehearsed.", "conduct")
    assert not says_by_whom("The conductor said the players had rehearsed.", "conduct")
    qa = folder_store(tmp_path, embedder, orchestra=ORCHESTRA, bridge=FOOTBRIDGE, fog=FOG)
    assert_answered_first(qa, [("Who conducted the orchestra?", "Conductor Helena Marsh")])
    assert_conversation_ends(qa, ["Tell me about the footbridge closing", "Who conducted?"], "Conductor Helena Marsh")


def test_who_holds_a_role_is_answered_by_the_sentence_naming_them(tmp_path, embedder):
    """"Who is the engineer?" after questions about a footbridge's closing (the web chat, session 30) cited the lead,
    "… while engineers replace corroded steel cables …", and asked alone it abstained (0.14); then "what did she say?"
    had no one to point at. The sentence naming someone at the role asked about comes first and answers
    (``roles.names_role``): "… said council engineer Priya Nandakumar."."""
    from qa.roles import names_role, role_asked

    assert role_asked("Who is the engineer of the bridge?") == role_asked("Who was their engineer?")
    assert role_asked("Who is Priya Nandakumar?") is None and role_asked("Who repaired the bridge?") is None
    role = role_asked("Who is the engineer?")
    assert names_role("Priya Nandakumar, the council's engineer, said so.", role)
    assert not names_role("Engineers replace the cables.", role) and not names_role("The engineer said so.", role)
    qa = folder_store(tmp_path, embedder, orchestra=ORCHESTRA, bridge=FOOTBRIDGE, fog=FOG)
    assert_answered_first(qa, [("Who is the engineer?", "council engineer Priya Nandakumar"),
                               ("Who is the bridge engineer?", "council engineer Priya Nandakumar")])
    assert_conversation_ends(qa, ["Tell me about the footbridge closing", "Who is the engineer?", "what did she say?"],
                             "the cables have reached the end of their safe life")


def test_where_did_it_happen_is_answered_by_the_place_of_the_story(tmp_path, embedder):
    """"Where did it happen?" after "Was the driver arrested?" about a coach crash (our folder of 42, session 30) cited the
    driver's arrest again: it has no word of its own ("happen" is a stopword), and the sentence naming the place, the
    lead's "… overturned on the M5 near Bristol …", holds none of the carried "driver arrested" (its cosine 0.37, under
    the bar of a sentence about the question). A follow-up of no words of its own is answered by a sentence of its story
    naming a place."""
    qa = folder_store(tmp_path, embedder, crash=COACH_CRASH, robbery=ROBBERY, snow=SNOW, fog=FOG)
    assert_conversation_ends(qa, ["Was the driver arrested?", "Where did it happen?"], "on the M5 near Bristol")


def test_a_crash_is_an_accident_a_collision_a_vehicle_overturning(tmp_path, embedder):
    """"Tell me about the coach crash" abstained (0.27) in our folder of 42 (session 30) beside "A coach carrying 41
    schoolchildren … overturned on the M5 …": its story writes no "crash", and a car recall's "… 14 crashes in which the
    airbag failed …" does. A crash is an accident, a collision, a vehicle overturning, and a coach a bus
    (``other_forms.DERIVED``): "Tell me about the bus crash" cited the recall first."""
    qa = folder_store(tmp_path, embedder, crash=COACH_CRASH, recall=RECALL, snow=SNOW, fog=FOG, strike=STRIKE,
                      robbery=ROBBERY, whale=WHALE, tram=TRAM_LINE, tax=CARBON_TAX, housing=HOUSE_PRICES)
    assert_answered_first(qa, [("Tell me about the coach crash", "overturned on the M5 near Bristol"),
                               ("Tell me about the bus crash", "overturned on the M5 near Bristol")])
    assert_conversation_ends(qa, ["what happened with the bus crash", "where were they going?"], "on their way to")


def test_a_follow_up_of_no_words_of_its_own_is_read_in_the_story(tmp_path, embedder):
    """"How hot will it get?" after "Is there a heatwave?" abstained (0.24) in our folder of 42 (session 30): the
    weather's "it" points at nothing ("how hot did it get in spain" after a measles outbreak is about Spain, session
    28), so it was asked alone, and its story was not asked since it holds none of its words: it has none. A question
    of no words of its own is about the conversation (``story.tells_of``)."""
    qa = folder_store(tmp_path, embedder, heat=HEAT, measles=MEASLES, snow=SNOW, fog=FOG, strike=STRIKE,
                      robbery=ROBBERY, whale=WHALE, tram=TRAM_LINE, tax=CARBON_TAX, housing=HOUSE_PRICES)
    assert_conversation_ends(qa, ["Is there a heatwave?", "How hot will it get?"], "Temperatures reached 46.2C")
    assert_conversation_ends(qa, ["Tell me about the measles outbreak", "how hot did it get in spain"], "46.2C")


def test_a_quantity_of_another_time_is_not_the_news(tmp_path, embedder):
    """"how many people died?" after "what happened with the earthquake?" (our folder of 42, session 30) cited "The
    region was also hit by a deadly earthquake in 2011, when more than 600 people died …" (it holds "died" as written;
    the lead's "… killing at least 17 people …" a form of it), and "How old was she?" of the Queen's death (RealTimeQA's
    store) "… was 25 years old when she became queen." before "The queen was 96 years old …". A quantity of another
    time than the news, asked for one of no time of its own, comes after one of the news (``numbers.of_another_time``)."""
    from qa.numbers import of_another_time

    died = "how many people died?"
    assert of_another_time("The region was hit by an earthquake in 2011, when more than 600 people died.", died)
    assert of_another_time("The former Princess Elizabeth was 25 years old when she became queen.", "How old was she?")
    assert not of_another_time("The queen was 96 years old.", "How old was she?")
    assert not of_another_time("The bridge opened in 1998.", "When did the bridge open?")
    assert not of_another_time("In 2011 more than 600 people died.", "How many people died in 2011?")
    qa = folder_store(tmp_path, embedder, quake=QUAKE, snow=SNOW, fog=FOG, heat=HEAT)
    assert_conversation_ends(qa, ["what happened with the earthquake?", died], "killing at least 17 people")


TAKEOVER = (
    "Marta Lindqvist completes £300m takeover of Harbour City\n\n"
    "Swedish billionaire Marta Lindqvist has completed her £300 million purchase of Harbour City, the Premier League "
    "club said on Friday, ending a six-month sale process.\n\n"
    "Lindqvist, who made her fortune in shipping, bought the club from the Hale family, who had owned it since 1985.\n\n"
    "\"Harbour City is a club with a great history, and I want to give it a great future,\" Lindqvist said.\n\n"
    "The deal was approved by the league's owners' test on Wednesday.\n")
SHAKE_UP = (
    "New owner shakes up Harbour City boardroom\n\n"
    "Days after completing the takeover, the club's new owner fired chief executive Tom Hale and finance director "
    "Anna Berg on Monday, two people familiar with the decision said.\n\n"
    "She also dismissed three other directors and said she would run the club herself until a new chief executive "
    "is found.\n\n"
    "Supporters' groups welcomed the changes.\n")


def test_what_he_or_she_did_is_read_with_the_person_s_name(tmp_path, embedder):
    """"Who did he fire?" after "Did Elon Musk buy Twitter?" (RealTimeQA's store as of October 31, 2022) cited the deal's
    lead at 0.83: the subject carried, "Elon Musk buy Twitter", outweighed "fire", and no cited sentence said it. A
    follow-up asking what "he" or "she" did that the story read holds no word of is read with the person's name alone
    when a story then holds its words: "Musk on Thursday fired CEO Parag Agrawal, …" (``ConversationSearch.of_person``;
    session 30)."""
    qa = folder_store(tmp_path, embedder, takeover=TAKEOVER, shake=SHAKE_UP, snow=SNOW, fog=FOG)
    assert_conversation_ends(qa, ["Did Marta Lindqvist buy Harbour City?", "Who did she fire?"],
                             "fired chief executive Tom Hale")


def test_what_is_dirty_is_polluted(tmp_path, embedder):
    """"which is the dirtiest?" after "what's happening with the rivers?" abstained (0.03) in our folder of 42 (session
    30) beside "… Brackwater's stretch of the River Lune remained the most polluted, …": what is dirty is polluted
    (``other_forms.DERIVED``)."""
    qa = folder_store(tmp_path, embedder, rivers=RIVERS, snow=SNOW, fog=FOG, heat=HEAT, strike=STRIKE, whale=WHALE,
                      tram=TRAM_LINE, tax=CARBON_TAX, housing=HOUSE_PRICES, measles=MEASLES)
    assert_conversation_ends(qa, ["what's happening with the rivers?", "which is the dirtiest?"], "remained the most polluted")
    assert_answered_first(qa, [("Which river is the dirtiest?", "remained the most polluted")])


def test_a_story_asked_for_opens_on_its_lead(tmp_path, embedder):
    """"tell me about the data breach" (our folder of 42, session 30) cited "PulseTrack discovered the breach on October 28,
    …" (the story's third sentence, holding "breach") and not its lead, "The fitness app PulseTrack said on Monday that
    hackers had stolen the names, …". Asked for a story, the first sentence of the best one's story about the question
    comes first."""
    qa = folder_store(tmp_path, embedder, breach=BREACH, snow=SNOW, fog=FOG, heat=HEAT, strike=STRIKE, whale=WHALE,
                      tram=TRAM_LINE, tax=CARBON_TAX, housing=HOUSE_PRICES, measles=MEASLES)
    for question in ("tell me about the data breach", "What's the latest on the data breach?"):
        assert_answered_first(qa, [(question, "hackers had stolen the names")])
    # and "what should I do?" after it, of no words of its own, is answered by the story's advice (session 30)
    assert_conversation_ends(qa, ["tell me about the data breach", "what should I do?"], "urged users to watch for emails")


def test_a_story_asked_for_is_told_from_its_story_alone(tmp_path, embedder):
    """"what's happening with the fire?" (our folder of 42, session 30) cited the wildfire's lead, then a derailment's
    "Firefighters let the fire burn out on Saturday afternoon …": asked for a story, its sentences alone are cited."""
    qa = folder_store(tmp_path, embedder, fire=FIRE, derail=DERAILMENT, snow=SNOW, fog=FOG, heat=HEAT)
    for question in ("what's happening with the fire?", "Tell me about the fire"):
        answer = qa.ask(question)
        assert not answer.abstained and "Cedar Ridge Fire has burned" in answer.citations[0].text, answer.to_dict()
        assert {c.article_id for c in answer.citations} == {answer.citations[0].article_id}, answer.to_dict()


def test_tell_me_more_never_tells_the_page_s_furniture(tmp_path, embedder):
    """"tell me more" after "Tell me about the probe" told "Sign up for our Star Notes science newsletter.", its sales
    line and the dateline "Darmstadt, Germany CNN —" once the story's sentences were told: the story's sentences a
    reader is told were those of four words or more, not those that say something as the evidence reads them
    (``ExtractiveAnswerer._readable``; the review of session 30)."""
    from qa.more import STORY_TOLD

    text = OFFERED.replace("Sign up here for our Star Notes newsletter.\n\n",
                           "Sign up here for our Star Notes newsletter.\n\nDarmstadt, Germany CNN —\n\n")
    assert "Darmstadt" in text
    qa = one_article_store(tmp_path, embedder, text)
    answers = list(chat(qa, ["Tell me about the probe", "tell me more", "tell me more", "tell me more"]))
    told = [c.text for a in answers for c in a.citations]
    assert any("Lake Geneva" in t for t in told), told
    assert not any(w in t for t in told for w in ("Sign up", "your day", "Darmstadt")), told
    assert answers[-1].text == STORY_TOLD, answers[-1].to_dict()


SCOOTER_BAN = (
    "City bans e-scooters from pavements after rise in injuries\n\n"
    "Dunmore's city council voted on Wednesday to ban electric scooters from pavements from 1 March, after hospital "
    "figures showed scooter injuries had tripled in two years.\n\n"
    "Riders caught on a pavement will face a fine of £150. Scooters will still be allowed on roads and in cycle lanes, "
    "where the speed limit for them will be cut from 15.5 mph to 12 mph.\n\n"
    "Councillor Neil Hartley, who proposed the ban, said pedestrians, especially older people and parents with buggies, "
    "\"no longer feel safe on their own streets\". St Columba's Hospital treated 212 people for scooter-related injuries "
    "last year, up from 70 in 2023.\n\n"
    "The rental company Zipp, which runs 900 scooters in the city, said it would fit its fleet with sensors that slow a "
    "scooter to walking pace when it mounts a kerb. Campaign group Ride Free called the ban \"a sledgehammer\" and said "
    "it would seek a judicial review.\n")


def test_what_one_said_is_not_the_next_speakers_quote(tmp_path, embedder):
    """"What did the rental company say?" cited "Campaign group Ride Free called the ban \"a sledgehammer\" …" before
    "The rental company Zipp, …, said it would fit its fleet with sensors …": a quote right after the sentence naming
    the one asked about was taken for theirs, though it names its own speaker (session 32)."""
    qa = folder_store(tmp_path, embedder, scooters=SCOOTER_BAN, cup=CUP_FINAL, tram=TRAM)
    assert_answered_first(qa, [("What did the rental company say?", "The rental company Zipp")])
    assert_conversation_ends(qa, ["What's new with e-scooters?", "What did the rental company say?"],
                             "The rental company Zipp")


FILM_PRIZE = (
    "Romanian drama wins top prize at Larsholm film festival\n\n"
    "The Romanian drama \"The Quiet Harvest\" won the Golden Lynx, the top prize at the Larsholm International Film "
    "Festival, on Saturday night.\n\n"
    "Directed by Ana Vlasceanu, the film follows a widowed farmer who hides a refugee family during the winter of 1989. "
    "It is Vlasceanu's second feature; her first, \"Salt Roads\", won the festival's debut award in 2021.\n\n"
    "The jury, chaired by the Danish actor Mikkel Rask, praised the film's \"patience and moral clarity\". The best "
    "actor award went to Tomas Berg for the Swedish thriller \"Cold Water\", and the best actress award to Leila Haddad "
    "for \"Letters to Beirut\".\n\n"
    "About 62,000 people attended screenings over the festival's ten days, a record, organisers said. Next year's "
    "festival will run from 14 to 23 May.\n")


def test_what_it_is_about_asked_in_a_conversation_is_its_story(tmp_path, embedder):
    """"What is it about?" after "Which film won at Larsholm?" and "Who directed it?", in a folder of four, answered
    "Which article? Ask about its subject, …": the request named no story, though the conversation did (session 32)."""
    qa = folder_store(tmp_path, embedder, film=FILM_PRIZE, scooters=SCOOTER_BAN, cup=CUP_FINAL, tram=TRAM)
    *_, answer = chat(qa, ["Which film won at Larsholm?", "Who directed it?", "What is it about?"])
    assert not answer.abstained and any("the film follows a widowed farmer" in c.text for c in answer.citations), \
        answer.to_dict()
    assert {c.title for c in answer.citations} == {"Romanian drama wins top prize at Larsholm film festival"}, \
        answer.to_dict()
    assert_grounded(qa, answer)
    # asked alone, the request still names no story of the four
    assert qa.ask("What is it about?").text.startswith("Which article?")


BROOCH_THEFT = (
    "Gold brooch stolen from Kelby museum in overnight raid\n\n"
    "A 2,000-year-old gold brooch was stolen from the Kelby Town Museum in the early hours of Tuesday, police said.\n\n"
    "Thieves broke in through a skylight at about 3 a.m. and smashed a display case in the Roman gallery, setting off an "
    "alarm. They had fled by the time officers arrived six minutes later.\n\n"
    "The brooch, found by a metal detectorist in a field near Kelby in 1998, is insured for £400,000, but museum "
    "director Fiona Achebe said it was \"priceless to this town\". Nothing else was taken.\n\n"
    "Detective Inspector Raj Malhotra said officers were examining CCTV footage of a grey van seen near the museum and "
    "appealed for witnesses. The museum will stay closed until Friday.\n")


def test_what_a_thing_is_worth_is_money(tmp_path, embedder):
    """"How much is it worth?" after "What was stolen from the museum?" cited the lead again ("A 2,000-year-old gold
    brooch …", its number an age), not "… is insured for £400,000, …" (session 32)."""
    qa = folder_store(tmp_path, embedder, brooch=BROOCH_THEFT, film=FILM_PRIZE, scooters=SCOOTER_BAN, tram=TRAM)
    assert_conversation_ends(qa, ["What was stolen from the museum?", "How much is it worth?"], "£400,000")


def test_any_arrests_the_story_never_names_are_not_said(tmp_path, embedder):
    """"Have police made any arrests?" and "Were there any arrests?" after "What was stolen from the museum?" cited the
    lead, which says nothing of arrests; "Has anyone been arrested?" already said "The articles don't say." (session
    32). Any witnesses the story does name."""
    qa = folder_store(tmp_path, embedder, brooch=BROOCH_THEFT, film=FILM_PRIZE, scooters=SCOOTER_BAN, tram=TRAM)
    for question in ["Have police made any arrests?", "Were there any arrests?"]:
        *_, answer = chat(qa, ["What was stolen from the museum?", question])
        assert answer.abstained and not answer.citations, (question, answer.to_dict())
    assert_conversation_ends(qa, ["What was stolen from the museum?", "Were there any witnesses?"],
                             "appealed for witnesses")


TUITION_RISE = (
    "Northfield University to raise tuition fees by 8 percent\n\n"
    "Northfield University will raise tuition fees for domestic students by 8 percent from September, to £10,150 a "
    "year, its governing council decided on Thursday.\n\n"
    "The university said the rise was needed to cover a £14 million deficit caused by higher energy and staff costs "
    "and a fall in the number of international students.\n\n"
    "Student union president Grace Oduya said the decision would \"price out students from poorer families\" and "
    "announced a protest outside the main library next Wednesday.\n\n"
    "Vice-chancellor Martin Crewe said bursaries for low-income students would be increased from £1,500 to £2,000 a "
    "year. Fees for international students will rise by 5 percent.\n")


def test_who_is_against_it_is_who_protests(tmp_path, embedder):
    """"Who is against it?" after "Are university fees going up?" cited the lead again, not "Student union president
    Grace Oduya said the decision would \"price out students …\" and announced a protest …" (session 32)."""
    qa = folder_store(tmp_path, embedder, fees=TUITION_RISE, brooch=BROOCH_THEFT, film=FILM_PRIZE, scooters=SCOOTER_BAN)
    assert_conversation_ends(qa, ["Are university fees going up?", "Who is against it?"], "announced a protest")


def test_a_follow_up_naming_what_the_story_told_never_does_leaves_it(tmp_path, embedder):
    """"Who opposes the ban?" after "Are university fees going up?" and "Who is against it?" cited the fees' lead (0.44):
    read with the fees carried, it stayed in a story never naming a ban, though asked alone it finds the scooter ban's
    (weakly: 0.26). Now it is asked as it is (session 32)."""
    qa = folder_store(tmp_path, embedder, fees=TUITION_RISE, brooch=BROOCH_THEFT, film=FILM_PRIZE, scooters=SCOOTER_BAN)
    *_, answer = chat(qa, ["Are university fees going up?", "Who is against it?", "Who opposes the ban?"])
    assert all("scooter" in c.title for c in answer.citations), answer.to_dict()


BANK_FAILURE = (
    "Regulators close Corvale Bank after run on deposits\n\n"
    "Corvale Bank, a regional lender based in Ashford, collapsed on Friday after customers withdrew 2.1 billion euros "
    "in two days, and regulators took control of it.\n\n"
    "The bank had lost heavily on long-dated government bonds as interest rates rose. Its 40 branches will reopen on "
    "Monday under the deposit insurance fund, which guarantees savings of up to 100,000 euros.\n\n"
    "Finance minister Claire Dumas said the collapse was \"contained\" and that no other bank was at risk.\n")


START_UP_LOANS = (
    "Silicon Valley start-ups turn to private lenders\n\n"
    "Start-ups in Silicon Valley are borrowing from private credit funds at record rates after several lenders cut "
    "lending to young technology companies, a report by the research firm Tallis Analytics found on Tuesday.\n\n"
    "Private lenders provided 9.4 billion dollars to venture-backed firms in the first half of the year, up 60% from a "
    "year earlier. Founders said the loans were costlier but quicker to arrange.\n")


def test_a_follow_up_about_what_no_article_names_is_not_answered(tmp_path, embedder):
    """"When did it collapse?" after "What happened to Silicon Valley Bank?" (which the articles don't say) cited another
    bank's collapse (0.60): the subject carried, a name no article found names, was read only up to the question's mark,
    where names carried side by side make no one name (RealTimeQA's store cited Greensill Capital's at 0.67; session
    32)."""
    qa = folder_store(tmp_path, embedder, bank=BANK_FAILURE, loans=START_UP_LOANS, brooch=BROOCH_THEFT, film=FILM_PRIZE,
                      fees=TUITION_RISE, rates=RATES, earnings=EARNINGS)
    answers = list(chat(qa, ["What happened to Silicon Valley Bank?", "When did it collapse?", "Who took it over?",
                             "Why did it fail?"]))
    assert all(a.abstained and not a.citations for a in answers), [a.to_dict() for a in answers]
    # the bank the articles name is answered so
    assert_conversation_ends(qa, ["What happened to Corvale Bank?", "When did it collapse?"], "collapsed on Friday")


AWARDS_NIGHT = (
    "Drama sweeps the Harbour Awards\n\n"
    "Check out the full list of winners (in bold):\n\n"
    "'It still feels like a dream':Lead actor thanks his mother on stage\n\n"
    "The family drama \"Long Tide\" won five awards at the Harbour Awards on Sunday night, including best film and best "
    "director for Maya Osei.\n\n"
    "See the most daring red carpet looks of the night\n\n"
    "The ceremony was briefly halted when a guest fainted near the stage; organisers said she recovered quickly.\n")


def test_a_teaser_a_quoted_label_s_link_and_a_sentence_leading_on_are_never_cited(tmp_path, embedder):
    """"What happened at the Oscars?" (RealTimeQA's store) cited "Check out the list of Oscar winners (in bold):", "'Love
    will make you do crazy things':Will Smith apologizes to Oscars after hitting Chris Rock onstage" and "See the
    all-time most outrageous Oscars red carpet looks": a sentence ending on its colon says what follows, not itself; a
    label in quotes joined to a headline, and a teaser with no mark ending it, link to other pages (session 32)."""
    qa = folder_store(tmp_path, embedder, awards=AWARDS_NIGHT, tram=TRAM, fog=FOG, measles=MEASLES)
    for question in ["What happened at the Harbour Awards?", "Who won?", "Tell me about the awards night"]:
        answer = qa.ask(question)
        assert not answer.abstained and answer.citations, (question, answer.to_dict())
        assert not any(c.text.startswith(("Check out", "'It still", "See the")) for c in answer.citations), \
            (question, answer.to_dict())
    from qa.furniture import says_something

    assert not says_something("Their names are:") and not says_something("Also in the news:")
    assert not says_something("'Red alert':Lake Mead falls to lowest water level since Hoover Dam's construction in 1930s")
    assert not says_something("Watch the trailer for the new series starring the festival's winners")
    assert says_something("See you in court, the union's lawyer told the company on Monday.")


LEAGUE_UPSET = (
    "Harrowfield stun the leaders\n\n"
    "Harrowfield Town beat league leaders Kingsbury Rovers 3-1 at Mill Lane on Saturday, ending Rovers' unbeaten run of 14 "
    "matches. Striker Owen Brace scored twice in the second half.\n\n"
    "Manager Lisa Crane said her side had \"played with no fear\". Harrowfield move up to fifth in the table.\n")
TITLE_WINNER_RETIRES = (
    "Dale Fenwick retires after 18 seasons\n\nQuarterback Dale Fenwick announced his retirement on Tuesday after 18 "
    "seasons and five league titles. He won his last title in February, when the Harbour City Hawks beat the Port "
    "Jackals 31-24 in the final.\n\n\"I gave this game everything I had,\" Fenwick said.\n")


def test_the_score_asked_alone_is_the_scoreline_of_a_story_writing_one(tmp_path, embedder):
    """"What was the score?" asked alone in a folder holding a football match and a hockey game telling no score cited
    "Steven Stamkos opened the scoring …" alone (0.51), not "Harrowfield Town beat … 3-1 …"; and another story's
    sentence giving no score is no other story's answer to it (session 32)."""
    qa = folder_store(tmp_path, embedder, match=LEAGUE_UPSET, hockey=HOCKEY_GAME, tram=TRAM, fog=FOG, measles=MEASLES)
    answer = qa.ask("What was the score?")
    assert not answer.abstained and "3-1" in answer.citations[0].text, answer.to_dict()
    assert not any("Stamkos" in c.text for c in answer.citations), answer.to_dict()
    assert_grounded(qa, answer)


def test_the_score_asked_of_the_story_told_is_its_scoreline(tmp_path, embedder):
    """"What was the score?" after "Who retired this week?" (a quarterback whose last title came by 31-24) cited another
    match's "Harrowfield Town beat … 3-1 …" (0.76) once a scoreline wrote "score" to the confidence (this session's
    first change; it abstained before, 0.22): the story told writes "score" as its scoreline too (``story.story_terms``;
    RealTimeQA's store: "… defeated the Atlanta Falcons 34-28 …" after "Who won the Super Bowl?", not "Lionel Messi
    scores on rebound to take 3-2 lead"; session 32)."""
    qa = folder_store(tmp_path, embedder, qb=TITLE_WINNER_RETIRES, match=LEAGUE_UPSET, tram=TRAM, fog=FOG, measles=MEASLES)
    answer = assert_conversation_ends(qa, ["Who retired this week?", "What was the score?"], "31-24")
    assert not any("Harrowfield" in c.text for c in answer.citations), answer.to_dict()


SLEEP_STUDY = (
    "Teenagers who sleep less do worse at maths, study finds\n\n"
    "Teenagers who sleep fewer than seven hours a night score on average 9 percent lower in maths tests than those who "
    "sleep eight hours or more, according to a study published on Monday in the journal Sleep Health.\n\n"
    "Researchers at the University of Tarrow followed 3,400 pupils aged 13 to 16 in 40 schools for two years, measuring "
    "their sleep with wrist-worn trackers.\n\n"
    "The effect was strongest for pupils who used phones in bed after 11 p.m., said lead author Dr Hana Petrov. "
    "\"Screens are the single biggest thief of teenage sleep,\" she said.\n\n"
    "The researchers recommend that schools start no earlier than 8:30 a.m. The study did not find a link between sleep "
    "and results in English.\n")


def test_what_a_study_found_is_not_what_it_did_not_find(tmp_path, embedder):
    """"What did the sleep study find?" cited "The study did not find a link between sleep and results in English."
    alone (its pair of words, "study … find"), not the lead's "Teenagers who sleep fewer than seven hours a night score
    … 9 percent lower in maths tests …" (session 32). Asked about English, that sentence is the answer."""
    qa = folder_store(tmp_path, embedder, sleep=SLEEP_STUDY, fees=TUITION_RISE, brooch=BROOCH_THEFT, film=FILM_PRIZE)
    assert_answered_first(qa, [("What did the sleep study find?", "9 percent lower in maths"),
                               ("What did the study find about English?", "did not find a link")])
    from qa.scoring import denies_act

    assert denies_act("Police didn't find any weapons.", "What did police find?")
    assert not denies_act("Police found two knives, not guns.", "What did police find?")


SURGEON_OBITUARY = (
    "Ruth Okafor, pioneering heart surgeon, dies at 88\n\n"
    "Ruth Okafor, who in 1979 became the first woman to lead a cardiac surgery unit in Britain, has died at the age of "
    "88, her family said on Sunday.\n\n"
    "Born in Lagos in 1937, Okafor moved to London to study medicine at King's College and qualified in 1962. She spent "
    "most of her career at St Anne's Hospital in Bristol, where she performed more than 4,000 operations.\n\n"
    "She was made a dame in 1998 for services to medicine. Her husband, the architect Peter Lowe, died in 2015. She is "
    "survived by two daughters and five grandchildren.\n\n"
    "A funeral will be held in Bristol on 14 March.\n")


def test_one_married_has_a_husband_and_one_s_children_are_sons_and_daughters(tmp_path, embedder):
    """After "Who was Ruth Okafor?", "Was she married?" cited the obituary's lead, not "Her husband, the architect Peter
    Lowe, died in 2015."; "Does she have children?" and "How many children did she have?" the lead too (its "88" a
    count), not "She is survived by two daughters and five grandchildren." (session 32)."""
    qa = folder_store(tmp_path, embedder, obituary=SURGEON_OBITUARY, sleep=SLEEP_STUDY, fees=TUITION_RISE,
                      brooch=BROOCH_THEFT)
    for question, fact in [("Was she married?", "Her husband"), ("Does she have children?", "two daughters"),
                           ("How many children did she have?", "two daughters")]:
        assert_conversation_ends(qa, ["Who was Ruth Okafor?", question], fact)


PHONE_MAKER_RESULTS = (
    "Brightwave profits fall as smartphone sales slow\n\n"
    "Brightwave, the Finnish electronics maker, said on Thursday that its quarterly profit fell 23 percent to 410 million "
    "euros, as sales of its smartphones dropped for a third straight quarter.\n\n"
    "Revenue slipped 6 percent to 5.2 billion euros. The company blamed weak demand in Europe and price cuts by Chinese "
    "rivals.\n\n"
    "Chief executive Lena Virtanen said Brightwave would cut 1,200 jobs, mostly in its phone division, and focus on its "
    "fast-growing network equipment business, whose sales rose 14 percent.\n\n"
    "Shares in Brightwave fell 7 percent in Helsinki after the announcement.\n")


def test_why_after_a_follow_up_is_the_reason_given_after_what_it_asked_about(tmp_path, embedder):
    """"Why?" after "How did Brightwave do this quarter?" and "What about revenue?" cited "Shares in Brightwave fell 7
    percent in Helsinki after the announcement." (a reason, and the company's name), not "The company blamed weak demand
    in Europe …", which follows "Revenue slipped 6 percent …" (session 32)."""
    qa = folder_store(tmp_path, embedder, results=PHONE_MAKER_RESULTS, obituary=SURGEON_OBITUARY, sleep=SLEEP_STUDY,
                      fees=TUITION_RISE)
    assert_conversation_ends(qa, ["How did Brightwave do this quarter?", "What about revenue?", "Why?"],
                             "The company blamed weak demand")


def test_what_someone_thinks_of_it_is_how_they_took_it(tmp_path, embedder):
    """Asked in turn in a folder of six: "What does the councillor think of scooters?" cited the ban's lead first;
    "How does the vice-chancellor feel about the rise?" after it was read in the scooters' story ("… no longer feel safe
    …") and cited Councillor Hartley; "What did the jury think of the film?" (0.13) and "What do campaigners make of the
    ban?" (0.23) abstained: the verb asking how someone took it is no word an answer writes, and the answer is what they
    said or did about it (session 32; "What does Iran think of the UN resolution?" of the demo article too)."""
    qa = folder_store(tmp_path, embedder, bank=BANK_FAILURE, fees=TUITION_RISE, scooters=SCOOTER_BAN, film=FILM_PRIZE,
                      brooch=BROOCH_THEFT, rates=RATES)
    turns = [("What does the councillor think of scooters?", "Councillor Neil Hartley"),
             ("How does the vice-chancellor feel about the rise?", "Vice-chancellor Martin Crewe"),
             ("What did the jury think of the film?", "praised the film"),
             ("What do campaigners make of the ban?", "Campaign group Ride Free")]
    assert_each_turn_answered(qa, turns)
    from qa.scoring import question_terms

    assert question_terms("How do you make bread?") == ["make", "bread"] and question_terms("How did Israel react?") == ["israel"]


def test_whether_someone_liked_it_is_how_they_took_it(tmp_path, embedder):
    """"did the jury like the film" abstained (0.12) beside "The jury … praised the film's \"patience and moral
    clarity\"": whether someone liked it asks how they took it, as what they think of it does (session 32)."""
    qa = folder_store(tmp_path, embedder, fees=TUITION_RISE, scooters=SCOOTER_BAN, film=FILM_PRIZE, brooch=BROOCH_THEFT)
    assert_answered_first(qa, [("did the jury like the film", "praised the film"),
                               ("Did the student union like the decision?", "Student union president Grace Oduya")])
    from qa.answer_kinds import asks_reaction
    from qa.scoring import question_terms

    assert not asks_reaction("Does it look like rain?") and "like" in question_terms("Does it look like rain?")


CUP_IN_QATAR = (
    "Live: Argentina v France, the World Cup final in Qatar\n\nArgentina and France meet in the World Cup final at the Lusail "
    "Stadium in Qatar on Sunday.\n\nLionel Messi scores on rebound to take 3-2 lead\n\nArgentina win the World Cup on "
    "penalties after Gonzalo Montiel converts the final kick.\n")
SERIES_GAME = (
    "Astros move a win from the World Series title\n\nThe Houston Astros beat the Philadelphia Phillies on Wednesday to "
    "lead the World Series three games to two. The score was tied 2-2 after six innings before Houston pulled away.\n")
WORLD_ELSEWHERE = [
    "Ocean heat hits a record\n\nThe world's oceans were the warmest on record last year, a report by 40 scientists found.\n",
    "A phone that folds twice\n\nNimbus unveiled what it called the world's first phone that folds twice on Monday.\n",
    "A new marathon record\n\nKelvin Moraa broke the world record in the Berlin marathon on Sunday, finishing in 2:00:35.\n",
    "Measles warning\n\nThe World Health Organization warned on Friday that measles cases around the world doubled.\n"]


def test_a_conversation_s_story_is_known_by_its_rare_names(tmp_path, embedder):
    """"What was the score?" after "Who won the World Cup in Qatar?" and "Who did they beat?" (RealTimeQA's store)
    cited a baseball game's "The score was tied 8-8 …" beside the final's: any article writing "world" was of the
    conversation's story (``ConversationSearch.tells``). Its story is known by its rarer names, "Cup" and "Qatar", those
    in at most four times as many passages as the rarest (session 32)."""
    from qa.followup import Turn

    qa = folder_store(tmp_path, embedder, final=CUP_IN_QATAR, series=SERIES_GAME,
                      **{f"world{i}": text for i, text in enumerate(WORLD_ELSEWHERE)})
    answer = assert_conversation_ends(qa, ["Who won the World Cup in Qatar?", "What was the score?"], "3-2 lead")
    turns = [Turn("user", "Who won the World Cup in Qatar?"), Turn("assistant", answer.text, (answer.citations[0].article_id,))]
    conversation = qa._conversation(None)
    names = conversation.subject_names(turns)
    assert {"cup", "qatar"} <= names and "world" not in names, names
    stored = {a.article.title: a for a in qa.articles()}
    assert not conversation.tells(turns[-1], stored["Astros move a win from the World Series title"], names)
    assert conversation.tells(turns[-1], stored["Live: Argentina v France, the World Cup final in Qatar"], names)


def test_the_story_told_is_the_last_one_found_when_the_last_answer_names_none(tmp_path, embedder):
    """"Who was the shooter?" after "What happened in Uvalde?" and "How many people died?" (RealTimeQA's store, the
    answers sent back as text) cited a Pittsburgh synagogue's shooter: the last answer's sentence ("That shooting left 10
    people dead.") was found in no article by a search for it, so no story was told. After an answer quoting nothing
    ("The articles don't say.") the same: the story told is the one the answer before it cited (session 32)."""
    qa = folder_store(tmp_path, embedder, school=SCHOOL_SHOOTING, mall=MALL_SHOOTING, tram=TRAM, fog=FOG, measles=MEASLES)
    first = qa.ask("What happened at Hollins Primary School?")
    history = [{"role": "user", "content": "What happened at Hollins Primary School?"},
               {"role": "assistant", "content": first.text},
               {"role": "user", "content": "Were the police to blame?"},
               {"role": "assistant", "content": "The articles don't say."}]
    answer = qa.ask("Who was the shooter?", history=history)
    assert not answer.abstained and "Hollins Primary School" in answer.citations[0].text, answer.to_dict()
    assert not any("Carlton mall" in c.text for c in answer.citations), answer.to_dict()
    assert_grounded(qa, answer)
    # a question the story told does not answer is still answered by another's
    assert "Dean Mercer" in qa.ask("Who was sentenced?", history=history).citations[0].text


def test_a_follow_up_pointing_back_at_what_the_articles_never_said_is_not_answered(tmp_path, embedder):
    """"Who were they?" after "What happened with the Titan submersible?" and "How many people were on board?" (RealTimeQA's
    store never names it; both abstained) cited a school boards association's "… I think people are just tired, …"
    (0.78): it points at nothing the articles hold (session 32). A question of its own is still answered."""
    qa = folder_store(tmp_path, embedder, school=SCHOOL_SHOOTING, mall=MALL_SHOOTING, tram=TRAM, fog=FOG, measles=MEASLES,
                      brooch=BROOCH_THEFT)
    history: list[dict] = []
    for question in ["What happened with the Titan submersible?", "Who were they?", "Where is it now?"]:
        answer = qa.ask(question, history=history)
        assert answer.abstained and not answer.citations, (question, answer.to_dict())
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.text}]
    answer = qa.ask("What was stolen from the museum?", history=history)
    assert not answer.abstained and "gold brooch" in answer.citations[0].text, answer.to_dict()
    # (a folder this small abstained before too, its cosines low; the rule, as RealTimeQA's store met it)
    from qa.followup import Turn
    from qa.story import points_at_nothing

    nothing = [Turn("user", "What happened with the Titan submersible?"), Turn("assistant", "The articles don't say.")]
    found = qa._conversation(None).ranker.gather("Who were they?", qa.retriever().retrieve("Who were they?", None))
    assert points_at_nothing("Who were they?", nothing, found) and points_at_nothing("Where is it now?", nothing, found)
    assert not points_at_nothing("What was stolen from the museum?", nothing, found)
    assert not points_at_nothing("What country elected its first-ever leftist leader this week?", nothing, found)
    told = [nothing[0], Turn("assistant", "A gunman killed four pupils and a teacher at Hollins Primary School in Dunmore on "
                                          "Tuesday morning, police said. [1]")]
    assert not points_at_nothing("Who were they?", told, found)



HEAT_PUMP_GRANT = (
    "Marlow County offers £7,500 heat pump grants\n\n"
    "Households in Marlow County can claim a grant of up to £7,500 towards air-source or ground-source heat pumps from "
    "April, the county council said on Wednesday.\n\n"
    "The scheme aims to replace gas boilers with heat pumps in 4,000 homes by 2030.\n\n"
    "Air-source heat pumps draw warmth from the outside air, whereas ground-source heat pumps take it from pipes buried "
    "in the garden. Ground-source pumps cost more to install.\n\n"
    "Applications open on 1 April on the council's website.\n")


def test_a_difference_asked_is_a_sentence_telling_them_apart(tmp_path, embedder):
    """"What is the difference between a crocodile and an alligator?" in the news store cited "We know alligators and
    crocodiles do that." (0.96), a sentence naming both and telling nothing apart (session 33). A sentence naming both
    with a word of contrast answers, put first; none in the story: the articles don't say."""
    qa = folder_store(tmp_path, embedder, pumps=HEAT_PUMP_GRANT, brooch=BROOCH_THEFT, scooters=SCOOTER_BAN, tram=TRAM)
    for question in ["What is the difference between air-source and ground-source heat pumps?",
                     "How are ground-source heat pumps different from air-source heat pumps?"]:
        answer = assert_conversation_ends(qa, [question], "whereas")
        assert answer.citations[0].text.startswith("Air-source heat pumps draw warmth"), answer.to_dict()
    answer = qa.ask("What is the difference between a heat pump and a gas boiler?")
    assert answer.abstained and not answer.citations, answer.to_dict()


def test_when_a_ban_takes_effect_is_its_date_and_a_challenge_is_in_court(tmp_path, embedder):
    """"When does the ban take effect?" abstained (0.26) beside the lead's "… to ban electric scooters from pavements
    from 1 March, …": no sentence writes "take effect". And "Is anyone challenging it?" after it abstained too, searched
    with "ban take effect", beside "… said it would seek a judicial review." (session 33)."""
    qa = folder_store(tmp_path, embedder, scooters=SCOOTER_BAN, brooch=BROOCH_THEFT, film=FILM_PRIZE, tram=TRAM)
    assert_conversation_ends(qa, ["When does the ban take effect?"], "from 1 March")
    assert_conversation_ends(qa, ["What did Dunmore's council ban?", "When does it come into force?"], "from 1 March")
    assert_conversation_ends(qa, ["When does the ban take effect?", "Is anyone challenging it?"], "judicial review")
    # (the ban's date does not answer when another thing of its story takes effect)
    answer = qa.ask("When does the speed limit cut take effect?")
    assert answer.abstained or "1 March" not in answer.citations[0].text, answer.to_dict()


TREASURER_JAILED = (
    "Former treasurer jailed for stealing £340,000 from children's charity\n\n"
    "A former charity treasurer has been jailed for four years and six months for stealing £340,000 from a children's "
    "hospice over nine years.\n\n"
    "Graham Pettigrew, 61, of Alnwick, admitted fraud by abuse of position at Newcastle Crown Court in October. He used "
    "the money to pay for holidays, a caravan and gambling debts, the court heard.\n\n"
    "Judge Amanda Lyle said Pettigrew had \"betrayed the trust of everyone who gave to the hospice\". The theft came to "
    "light in 2024 when a new accountant noticed payments to an account in Pettigrew's name.\n\n"
    "The Wansbeck Children's Hospice said it had tightened its financial controls and that no family had lost care "
    "because of the theft. Police are seeking to recover the money under the Proceeds of Crime Act.\n")


def test_who_did_it_is_named_after_a_lead_telling_only_what_they_are(tmp_path, embedder):
    """"Who was jailed for stealing from the hospice?" cited the lead alone, "A former charity treasurer has been jailed
    …", which names no one; the next sentence names him (session 33)."""
    qa = folder_store(tmp_path, embedder, treasurer=TREASURER_JAILED, scooters=SCOOTER_BAN, brooch=BROOCH_THEFT,
                      tram=TRAM)
    answer = assert_conversation_ends(qa, ["Who was jailed for stealing from the hospice?"], "former charity treasurer")
    assert len(answer.citations) == 2 and answer.citations[1].text.startswith("Graham Pettigrew, 61,"), answer.to_dict()


def test_what_one_spent_is_what_one_paid_for_and_how_one_was_caught_is_how_it_came_to_light(tmp_path, embedder):
    """"What did he spend it on?" and "How was he caught?" after "Who was jailed for stealing from the hospice?" cited
    the lead again: the story writes "He used the money to pay for …" and "The theft came to light … when a new
    accountant noticed payments …" (session 33)."""
    qa = folder_store(tmp_path, embedder, treasurer=TREASURER_JAILED, scooters=SCOOTER_BAN, brooch=BROOCH_THEFT,
                      tram=TRAM)
    assert_conversation_ends(qa, ["Who was jailed for stealing from the hospice?", "What did he spend it on?"],
                             "to pay for holidays")
    assert_conversation_ends(qa, ["Who was jailed for stealing from the hospice?", "How was he caught?"],
                             "came to light")


VILLAGE_SCHOOL = (
    "Village school to close after 150 years as pupil numbers fall\n\n"
    "Hartwell Primary School will close in July after 150 years, after Wealdshire County Council voted to shut it "
    "because of falling pupil numbers.\n\n"
    "The school has 31 pupils, down from 78 in 2015, and space for 105. The council said it cost £9,800 a year to "
    "educate each pupil there, nearly twice the county average.\n\n"
    "Parents had campaigned to keep the school open and handed in a petition with 2,300 signatures. Campaign leader "
    "Sophie Adeyemi said the decision \"rips the heart out of the village\".\n\n"
    "Pupils will be offered places at St Mary's Primary in Longford, four miles away, and the council will provide free "
    "transport.\n")


def test_whether_anyone_objected_is_who_campaigned_against_it(tmp_path, embedder):
    """"Did anyone object?" after "Why is Hartwell school closing?" abstained (0.04), asked alone: the story writes
    "Parents had campaigned to keep the school open and handed in a petition …" (session 33)."""
    qa = folder_store(tmp_path, embedder, school=VILLAGE_SCHOOL, treasurer=TREASURER_JAILED, scooters=SCOOTER_BAN,
                      tram=TRAM)
    for question in ["Did anyone object?", "Who objected?"]:
        assert_conversation_ends(qa, ["Why is Hartwell school closing?", question], "Parents had campaigned")


RSV_VACCINE = (
    "Regulator approves first vaccine against RSV for babies\n\n"
    "The medicines regulator has approved the first vaccine given to pregnant women to protect newborn babies from "
    "respiratory syncytial virus (RSV).\n\n"
    "The jab, called Abrysvo and made by Pfizer, will be offered to women between 28 and 36 weeks of pregnancy from "
    "September. In trials it cut the risk of severe illness in babies by 82% in their first three months.\n\n"
    "RSV causes about 30,000 hospital admissions of children under five each year in the UK. Most infections cause only "
    "a mild cold, but the virus can lead to bronchiolitis and pneumonia in young babies.\n\n"
    "Professor Helen Marsh, who led the trial in Britain, said the approval was \"a huge step for protecting the "
    "youngest babies\". Side effects were mostly mild, including pain where the jab was given and tiredness.\n")


def test_how_well_it_works_is_what_it_cuts(tmp_path, embedder):
    """"How effective is the RSV vaccine?" cited the lead alone, and "How effective is it?" after "What did the
    regulator approve?" put "Side effects were mostly mild, …" first ("effective" and "effects" are one term to the
    stemmer): the story tells how well it works in "In trials it cut the risk of severe illness in babies by 82% …"
    (session 33)."""
    qa = folder_store(tmp_path, embedder, vaccine=RSV_VACCINE, school=VILLAGE_SCHOOL, scooters=SCOOTER_BAN, tram=TRAM)
    assert_conversation_ends(qa, ["How effective is the RSV vaccine?"], "by 82%")
    assert_conversation_ends(qa, ["How effective is the RSV vaccine?", "How well does the jab work?"], "by 82%")
    assert_conversation_ends(qa, ["Are there side effects of the RSV jab?"], "Side effects were mostly mild")


AIRPORT_STRIKE = (
    "Baggage handlers at Eastfield Airport to strike over Easter\n\n"
    "Baggage handlers at Eastfield Airport will walk out for six days over Easter in a dispute over pay, the union Unite "
    "said on Monday.\n\n"
    "About 400 workers employed by the contractor SkyServe will strike from 29 March to 3 April after rejecting a 4% pay "
    "offer. The union is asking for 9%.\n\n"
    "The airport said it expected some flights to be delayed and advised passengers to travel with hand luggage only "
    "where possible.\n")


def test_whether_there_is_a_thing_somewhere_needs_its_story_to_name_the_place(tmp_path, embedder):
    """"Was there an earthquake in Turkey?" cited Afghanistan's earthquake (0.36, RealTimeQA's store), its story naming
    Turkey only for the aid it sent (session 33). The place asked about is named with the thing, or in its story's
    lead: "Is there a strike at Eastfield Airport?" is answered, "Is there a strike at Heathrow?" is not."""
    qa = folder_store(tmp_path, embedder, airport=AIRPORT_STRIKE, school=VILLAGE_SCHOOL, scooters=SCOOTER_BAN, tram=TRAM)
    answer = assert_conversation_ends(qa, ["Is there a strike at Eastfield Airport?"], "strike")
    assert any("Eastfield Airport" in c.text for c in answer.citations), answer.to_dict()
    assert_conversation_ends(qa, ["Was there a petition in Hartwell?"], "petition")
    for question in ["Is there a strike at Heathrow?", "Was there a petition in Longford?"]:
        answer = qa.ask(question)
        assert answer.abstained and not answer.citations, (question, answer.to_dict())


def test_a_follow_up_about_him_does_not_leave_for_a_story_not_naming_the_subject(tmp_path, embedder):
    """"Was he arrested?" after "What happened to FTX?" (searched with "FTX") cited an Iranian protest's "… Mahsa Amini's
    arrest." (0.32; RealTimeQA's store; session 33): the story found names nothing of the conversation's subject. And
    "Where was he arrested?" after "What happened to Corvale Bank?" cited the bank's lead (0.48), its story never
    writing an arrest; "Was he arrested?" too (0.46)."""
    qa = folder_store(tmp_path, embedder, bank=BANK_FAILURE, robbery=ROBBERY, poet=POET_ATTACKED, tram=TRAM)
    for question in ["Who stabbed her?", "Where was he arrested?", "Was he arrested?"]:
        first, answer = chat(qa, ["What happened to Corvale Bank?", question])
        assert not first.abstained and answer.abstained and not answer.citations, (question, answer.to_dict())
    # (a follow-up naming its own story still leaves: "Back to the phone: how much is it?", an older test)
    assert_conversation_ends(qa, ["What happened to Corvale Bank?", "Did police arrest the Millbrook robbers?"],
                             "arrested two men")


POET_ATTACKED = (
    "Poet attacked on stage at Kestwick book festival\n\n"
    "The poet Amara Vance was attacked and stabbed on stage at the Kestwick Book Festival on Saturday, moments before "
    "she was due to read from her new collection.\n\n"
    "A 31-year-old man was arrested at the scene. Festival organisers cancelled the rest of the day's events.\n\n"
    "It is the festival's second emergency in two years: in 2023 a marquee fire injured two stewards.\n")


def test_one_stabbed_was_injured(tmp_path, embedder):
    """"Was he injured?" after "What happened to Salman Rushdie?" cited a shooting's "… injures four others …" before
    "Author Salman Rushdie is attacked and stabbed multiple times on stage …" (RealTimeQA's store; session 33)."""
    qa = folder_store(tmp_path, embedder, poet=POET_ATTACKED, scooters=SCOOTER_BAN, tram=TRAM, school=VILLAGE_SCHOOL)
    assert_conversation_ends(qa, ["What happened to Amara Vance?", "Was she injured?"], "stabbed on stage")
    assert_conversation_ends(qa, ["What happened to Amara Vance?", "Was anyone arrested?"], "was arrested")


PM_RESIGNS = (
    "Norvalia's prime minister resigns amid market turmoil\n\n"
    "Elin Vasska announced her resignation as Norvalia's prime minister on Thursday, just seven weeks into a term that "
    "saw the krone fall to a record low.\n\n"
    "\"After 14 years of failure, the country deserves better than this chaos,\" opposition leader Arne Dahl said. Dahl, "
    "who was in office as finance minister for six years, called for an election.\n\n"
    "The governing party will choose a new leader within a week.\n")


def test_a_time_in_office_is_a_term(tmp_path, embedder):
    """"How long was she in office?" after "Why did Liz Truss resign?" cited Keir Starmer's "After 12 years of Tory
    failure, …", not the lead's "… just six weeks into a disastrous term …" (RealTimeQA's store; session 33). Here the
    story's "in office" is another man's."""
    qa = folder_store(tmp_path, embedder, pm=PM_RESIGNS, school=VILLAGE_SCHOOL, scooters=SCOOTER_BAN, tram=TRAM)
    assert_conversation_ends(qa, ["Why did Elin Vasska resign?", "How long was she in office?"], "seven weeks")


DEBT_RELIEF = (
    "Government to cancel student debt for two million graduates\n\n"
    "The government will cancel student debt for as many as 2 million graduates, Education Minister Priya Nandan "
    "announced on Monday, the largest relief plan the country has seen.\n\n"
    "Graduates earning less than £25,000 a year will have up to £8,000 of their loans forgiven, and those who received "
    "a hardship grant up to £15,000.\n\n"
    "Applications open in October. Opposition parties called the plan \"a giveaway\" and said it would cost taxpayers "
    "£11 billion.\n")


def test_how_much_is_forgiven_is_money(tmp_path, embedder):
    """"How much will be forgiven?" after "Biden announced student loan relief." cited "… expected to provide debt relief
    to as many as 43 million borrowers." first, a count of people, before "… the $10,000 that will now be forgiven …"
    (RealTimeQA's store, a fresh dialogue; session 34). A debt let go is money."""
    qa = folder_store(tmp_path, embedder, debt=DEBT_RELIEF, school=VILLAGE_SCHOOL, scooters=SCOOTER_BAN, tram=TRAM)
    assert_conversation_ends(qa, ["The government announced student debt relief.", "How much will be forgiven?"],
                             "£8,000")
    assert_conversation_ends(qa, ["Is the government cancelling student debt?", "How much will be cancelled?"], "£8,000")


def test_a_story_asked_about_by_name_names_it(tmp_path, embedder):
    """"Tell me about the earthquake in Turkey" cited Afghanistan's earthquake (0.40, RealTimeQA's store), its story
    naming Turkey only for the aid it sent; "Tell me about the Chinese balloon" a weather service's "silvery objects"
    over Sioux Falls (0.39; session 34). A story asked about by name names it in its lead or in the sentence answering."""
    qa = folder_store(tmp_path, embedder, quake=QUAKE, airport=AIRPORT_STRIKE, school=VILLAGE_SCHOOL, tram=TRAM)
    assert_conversation_ends(qa, ["Tell me about the earthquake in Turkey"], "magnitude 6.4")
    assert_conversation_ends(qa, ["What's going on at Eastfield Airport?"], "Eastfield Airport")
    for question in ["Tell me about the earthquake in Greece", "What happened at Heathrow?",
                     "What's the latest on the Gatwick strike?"]:
        answer = qa.ask(question)
        assert answer.abstained and not answer.citations, (question, answer.to_dict())



TAKEOVER_AGREED = (
    "Harbourline to buy Oakfield Foods for £2.1 billion\n\n"
    "Harbourline Group will buy the frozen food maker Oakfield Foods for £2.1 billion, the two companies said on "
    "Tuesday.\n\n"
    "Oakfield's chief executive, Dana Roe, will step down once Harbourline takes control.\n")
TAKEOVER_DONE = (
    "Harbourline now owns Oakfield Foods\n\n"
    "Harbourline Group now owns Oakfield Foods, after the competition regulator cleared the takeover last week. "
    "Oakfield's shares will stop trading on Monday, and its factories in Leeds and Hull will keep running. The deal "
    "closed on Thursday night, a source said.\n")
MERGER_PENDING = (
    "When will the Kestrel Air and Bluewing deal close?\n\n"
    "The airlines Kestrel Air and Bluewing have agreed a merger deal, creating the country's third-largest carrier with "
    "140 planes.\n\n"
    "The deal is expected to close early next year. Closing the deal needs the aviation authority's approval.\n")


def test_the_deal_asked_of_is_the_conversation_s(tmp_path, embedder):
    """"When did the deal close?" after "Who bought Twitter?" cited a supermarket merger's "The deal is expected to close
    in early 2024 …" (0.95) before "… the deal had closed Thursday night." (RealTimeQA's store; session 34): a question
    answered as asked from a story of nothing the conversation named is read in the stories of its subject it found.
    Here the airlines' deal was cited after the answer."""
    qa = folder_store(tmp_path, embedder, agreed=TAKEOVER_AGREED, done=TAKEOVER_DONE, merger=MERGER_PENDING,
                      school=VILLAGE_SCHOOL)
    answer = assert_conversation_ends(
        qa, ["Who is buying Oakfield Foods?", "How much will it pay?", "When did the deal close?"], "closed on Thursday")
    assert not any("next year" in c.text for c in answer.citations), answer.to_dict()
    assert_conversation_ends(qa, ["Which airlines are merging?", "When will the deal close?"], "early next year")


PLAYER_RETIRES = (
    "Mara Lindqvist to retire after US Open\n\n"
    "Mara Lindqvist said on Tuesday that she will retire from tennis after the US Open next month, ending a career that "
    "began when she was 15.\n\n"
    "The 14-time Grand Slam champion, now 38, said she wanted to start a family and spend more time on her clothing "
    "business.\n\n"
    "She will play one last warm-up event in Toronto.\n")
TENNIS_YEAR = (
    "Tennis: the year in review\n\n"
    "Tomas Berg has now won 22 Grand Slams, more than any other man, after his victory in Melbourne in January.\n\n"
    "Berg still missed two of the four Grand Slam events this year over a dispute with organisers, and finished the "
    "year ranked fifth in the world.\n")


def test_she_is_the_conversation_s_person_though_the_question_names_a_thing(tmp_path, embedder):
    """"How many Grand Slams has she won?" after "Is Serena Williams retiring?" stood alone by its "Grand Slams" and
    cited "… a frustrating year for Novak Djokovic, …" first (RealTimeQA's store; session 34): "she" points at the
    conversation's person, and a story naming none of her names does not answer."""
    qa = folder_store(tmp_path, embedder, retire=PLAYER_RETIRES, year=TENNIS_YEAR, school=VILLAGE_SCHOOL, tram=TRAM)
    answer = assert_conversation_ends(qa, ["Is Mara Lindqvist retiring?", "How many Grand Slams has she won?"],
                                      "14-time Grand Slam champion")
    assert not any("Berg" in c.text for c in answer.citations), answer.to_dict()
    assert_conversation_ends(qa, ["How many Grand Slams has Tomas Berg won?"], "22 Grand Slams")



DIGEST_FIVE_THINGS = (
    "5 things to know for March 4: Rail strike, Student loans, Storm, Bank, Zoo\n\n"
    "Here's what else you need to know to get up to speed today.\n\n"
    "1. Rail strike\n\n"
    "Parliament on Thursday passed an emergency law to stop a national rail strike that unions had called for next "
    "week. The vote was 310 to 95. Without the law, freight and commuter trains would have stood still for five days.\n\n"
    "2. Student loans\n\n"
    "The government's student loan relief scheme will stay frozen while the courts hear a legal challenge. The "
    "education ministry stopped taking applications two weeks ago, and no debt has been cancelled so far.\n\n"
    "3. Storm\n\n"
    "Storm Petra brought winds of 90 mph to the west coast overnight, leaving 40,000 homes without power.\n\n"
    "4. Bank\n\n"
    "Corvane Bank's founder, Lukas Brandt, saw his fortune fall by 94% in a single day after the bank collapsed on "
    "Tuesday. He resigned as chairman on Wednesday.\n\n"
    "5. Zoo\n\n"
    "A red panda cub born at Kelby Zoo has been named Maple after a public vote.\n")


def test_a_follow_up_in_a_digest_stays_in_its_story(tmp_path, embedder):
    """"Who stopped it?" after "What is happening with the rail strike?", answered from a "5 things to know" digest, cited
    "… the government stopped taking applications …" of its student loans (0.77); "Where is he now?" after "What happened
    to FTX?" and "Who founded it?" (abstained) cited a digest's "… nine female governors …" (RealTimeQA's store; session
    34). A digest's numbered stories are each a story of their own; an answer saying the articles don't say tells none."""
    qa = folder_store(tmp_path, embedder, digest=DIGEST_FIVE_THINGS, school=VILLAGE_SCHOOL, tram=TRAM,
                      brooch=BROOCH_THEFT)
    for questions in (["What happened to Corvane Bank?", "Who founded it?", "Where is he now?"],
                      ["What happened to Corvane Bank?", "What is its share price?", "Where is he now?"]):
        *_, answer = chat(qa, questions)
        assert answer.citations and all("Corvane" in c.text or "Brandt" in c.text or "He resigned" in c.text
                                        for c in answer.citations), (questions, answer.to_dict())
    assert_conversation_ends(qa, ["What is happening with the rail strike?", "Who stopped it?"], "Parliament")


def test_a_passage_of_a_digest_ends_with_its_story(tmp_path, embedder):
    """The related reading under "The articles don't say." for "What is its share price?" after "What happened to
    Corvane Bank?" showed the digest's bank story and ran on into "5. Zoo" and its red panda (in Chromium, session 34)."""
    qa = folder_store(tmp_path, embedder, digest=DIGEST_FIVE_THINGS, school=VILLAGE_SCHOOL, tram=TRAM)
    *_, answer = chat(qa, ["What happened to Corvane Bank?", "What is its share price?"])
    assert answer.abstained and any("Corvane" in p.text for p in answer.related), answer.to_dict()
    assert not any("panda" in p.text or "Zoo" in p.text for p in answer.related if "Corvane" in p.text), answer.to_dict()


WORMS_REVIVED = (
    "Worms frozen in Siberian permafrost for 46,000 years brought back to life\n\n"
    "Scientists in Dresden have revived two roundworms that had been frozen in the Siberian permafrost for about "
    "46,000 years, according to a study published on Thursday.\n\n"
    "The worms were thawed in water in a laboratory and began to move and feed within weeks. They then reproduced.\n")
LONERS_STUDY = (
    "Loners may be better at solving problems, study of animals finds\n\n"
    "Loners could be better at problem solving, a study of animals at a wildlife park has suggested.\n\n"
    "Researchers left closed containers of the animals' favourite foods around their enclosures and watched how each "
    "animal responded. Those that spent most time alone opened the containers fastest.\n")


def test_what_animal_is_the_one_the_story_told_names(tmp_path, embedder):
    """"What animal?" after "Scientists revived an animal frozen for 46,000 years." (answered: "… two worms frozen for
    46,000 years …") cited a study of animals (0.35; RealTimeQA's store; session 34): asked alone, as its one word
    "animal" was not in the story told. A question asking which one of a kind is a fragment of the conversation."""
    qa = folder_store(tmp_path, embedder, worms=WORMS_REVIVED, loners=LONERS_STUDY, school=VILLAGE_SCHOOL, tram=TRAM)
    for question in ["What animal?", "What kind of animal?", "Which animal?"]:
        assert_conversation_ends(qa, ["Scientists revived an animal frozen for 46,000 years.", question], "roundworms")


MISSILES_NEAR_TAIWAN = (
    "China fires missiles into the sea near Taiwan\n\n"
    "China fired missiles into the sea off Taiwan's east coast on Thursday, the island's defence ministry said, as "
    "military drills continued for a second day.\n\n"
    "The Chinese military said the exercises would go on until Sunday. Taiwan said two missiles flew over the island and "
    "were not shot down.\n\n"
    "A Chinese military drone was shot down over the Taiwan Strait on Friday, Taiwan said. Air and sea traffic was "
    "diverted around six zones.\n")


def test_it_points_at_nothing_when_no_story_writes_the_thing_asked_about(tmp_path, embedder):
    """"Where was it shot down?" after "Tell me about the Chinese balloon" (the articles don't say) cited China's missiles
    near Taiwan (0.41; RealTimeQA's store; session 34): that story writes "Chinese", and no balloon. Here a drone's."""
    qa = folder_store(tmp_path, embedder, missiles=MISSILES_NEAR_TAIWAN, school=VILLAGE_SCHOOL, tram=TRAM,
                      brooch=BROOCH_THEFT)
    first, answer = chat(qa, ["Tell me about the Chinese balloon", "Where was it shot down?"])
    assert first.abstained and answer.abstained and not answer.citations, answer.to_dict()
    assert_conversation_ends(qa, ["What did China fire near Taiwan?", "Was anything shot down?"], "shot down")


BAND_REUNITES = (
    "Larkspur reuniting with original singer Cal Dorsey for new music and tour\n\n"
    "Larkspur is coming to a city near you.\n\n"
    "The band announced a new tour in a funny video on Tuesday, in which fans begged the group to come together.\n\n"
    "Band members Ana Ruiz and Tom Pell will reunite with original singer Cal Dorsey for the tour.\n\n"
    "It is the first time the trio will play together since 2015. Tickets go on sale on Monday.\n")
CHOIR_FESTIVAL = (
    "Choirs from twelve countries meet in Wellow\n\n"
    "More than 600 singers from twelve countries arrived in Wellow on Friday for the town's choir festival.\n\n"
    "The festival, first held in 1987, ends on Sunday with an open-air concert in the market square.\n")


def test_which_band_is_the_one_its_story_named_before_calling_it_the_band(tmp_path, embedder):
    """"Which band is it?" after "A band is getting back together for a tour." cited "The band announced a new tour in a
    funny video on Tuesday, …" first, and never "Blink-182 is coming to a city near you." (RealTimeQA's store; session
    35): "the band" points back at the sentence of its story that names it."""
    qa = folder_store(tmp_path, embedder, band=BAND_REUNITES, choir=CHOIR_FESTIVAL, school=VILLAGE_SCHOOL, tram=TRAM)
    assert_conversation_ends(qa, ["A band is getting back together for a tour.", "Which band is it?"], "Larkspur")


BOIL_NOTICE_LIFTED = (
    "Harlow lifts boil water notice for 2 million residents\n\n"
    "The city of Harlow on Tuesday lifted the boil water notice issued two days earlier after tests found the tap water "
    "safe to drink again, the city said.\n\n"
    "Residents no longer need to boil water before drinking, cooking or making ice, Harlow Public Works said.\n\n"
    "The notice was issued on Sunday after a power cut at the main purification plant, and schools closed on Monday.\n")
WATER_CRISIS = (
    "Dunmore water crisis: residents without safe water for a third week\n\n"
    "After issuing a city-wide boil water order the same day state inspectors were in town, Dunmore officials said it "
    "could be days before the water is safe to drink from taps.\n\n"
    "About 15,000 residents and businesses, mostly in the south and west of the city, were without water on Monday, "
    "city officials said.\n")


def test_which_city_after_an_answer_naming_one_is_that_one(tmp_path, embedder):
    """"A big city told millions of people to boil their water." abstained (0.29; the Houston story never writes "big"),
    and once answered, "Which city?" cited Jackson's "… a city-wide boil water order …" (0.43) before the answer's "The
    city of Houston … lifted the boil water notice …" (0.34; RealTimeQA's store; session 35). A word describing what is
    asked about is not missing from the story; asked which one of a kind, the story told naming one answers."""
    qa = folder_store(tmp_path, embedder, lifted=BOIL_NOTICE_LIFTED, crisis=WATER_CRISIS, school=VILLAGE_SCHOOL,
                      tram=TRAM)
    first = qa.ask("A big city told millions of people to boil their water.")
    assert not first.abstained and "Harlow" in first.citations[0].text, first.to_dict()
    assert_conversation_ends(qa, ["A big city told millions of people to boil their water.", "Which city?"],
                             "city of Harlow")


AD_FEEDBACK_ONLY = (
    "Girl Scouts receive largest ever donation from a single donor\n\n"
    "1. How relevant is this ad to you?\n\n"
    "Video player was slow to load content Video content never loaded Ad froze or did not finish loading Video content "
    "did not start after ad Audio on ad was too loud Other issues\n")


def test_a_page_s_form_about_its_ads_is_never_cited(tmp_path, embedder):
    """"Why is the ad too loud?" cited "Video player was slow to load content … Audio on ad was too loud Other issues" at
    0.97: 18 of RealTimeQA's articles hold nothing but the form the web page asks about its ads (session 35)."""
    qa = folder_store(tmp_path, embedder, scouts=AD_FEEDBACK_ONLY, school=VILLAGE_SCHOOL, tram=TRAM)
    for question in ["Why is the ad too loud?", "Why won't the video load?"]:
        answer = qa.ask(question)
        assert answer.abstained and not any("Video" in c.text for c in answer.citations), answer.to_dict()


MOOR_FOREST = (
    "The Veldmoor forest\n\n"
    "The Veldmoor forest, also known as the Great Moor Wood, is a temperate rainforest that covers most of the Veldmoor "
    "basin in northern Ostland. This basin encompasses 42,000 square kilometres, of which 31,000 square kilometres are "
    "covered by the forest. The region includes land belonging to three provinces, and most of the forest lies in "
    "Halden.\n")
MOOR_PLANTS = (
    "Plant life of the Veldmoor\n\n"
    "The variety of moss species in the region is the highest in Europe, with one 2004 study finding that a quarter "
    "square kilometre of Veldmoor forest supports more than 300 moss species. A study in 1999 found one square kilometre "
    "of Veldmoor forest can hold about 40,000 tonnes of living plants. The average plant mass is estimated at 250 tonnes "
    "per hectare.\n")


def test_how_big_it_is_is_told_by_the_story_told(tmp_path, embedder):
    """"How big is it?" after "What is the Amazon rainforest?" cited another article's "A study in 1999 found one square
    kilometer (247 acres) of Amazon rainforest …", not the story told's "This basin encompasses 7,000,000 square
    kilometres …" (SQuAD's store; session 35)."""
    qa = folder_store(tmp_path, embedder, forest=MOOR_FOREST, plants=MOOR_PLANTS, school=VILLAGE_SCHOOL, tram=TRAM)
    assert_conversation_ends(qa, ["What is the Veldmoor forest?", "How big is it?"], "42,000 square kilometres")


def test_a_page_s_form_about_its_ads_is_no_related_reading(tmp_path, embedder):
    """Under "The articles don't say." for "Why is the ad too loud?", the related reading showed the page's form about its
    ads, "1. How relevant is this ad to you? / Video player was slow to load content …" (in Chromium, session 35)."""
    qa = folder_store(tmp_path, embedder, scouts=AD_FEEDBACK_ONLY, school=VILLAGE_SCHOOL, tram=TRAM)
    answer = qa.ask("Why is the ad too loud?")
    assert answer.abstained and answer.related, answer.to_dict()
    assert not any("Video player" in p.text or "this ad" in p.text for p in answer.related), answer.to_dict()


FERRY_COLLAPSE = (
    "Northwind Ferries collapses, stranding island commuters\n\nNorthwind Ferries, which ran the only car ferry "
    "between Portmorrow and the Isle of Keld, stopped sailing on Tuesday after it went into "
    "administration.\n\nThe company had carried about 310,000 passengers a year on its two ships, the Keld Star "
    "and the Morrow Belle. Administrators from the firm Grant Hallam said the business had run out of cash after "
    "fuel costs doubled in eighteen months.\n\nAbout 1,200 islanders travel to the mainland each weekday for work "
    "or school. The island council has chartered a fishing boat, the Tern, to carry foot passengers twice a day "
    "until a new operator is found. Cars cannot be carried.\n\nCouncil leader Moira Fenwick called the collapse "
    "\"a disaster for every family on Keld\" and said the council had asked the government for £4 million in "
    "emergency funding.\n\nNorthwind employed 86 staff, all of whom have been made redundant. Its chief "
    "executive, Daniel Roe, apologised to passengers and said talks with two possible buyers had failed last "
    "month.\n\nTickets already bought will not be refunded by the company. Passengers who paid by credit card may "
    "be able to reclaim the money from their card provider, the administrators said.\n"
)
MAYOR_RECALL = (
    "Voters remove Hartfield mayor in recall election\n\nVoters in Hartfield have removed Mayor Glen Ashby from "
    "office in a recall election, the first in the city's 150-year history.\n\nOf the 38,000 votes cast on "
    "Saturday, 62% backed the recall. Turnout was 44%.\n\nThe recall campaign was launched in January after Ashby "
    "approved a contract for a new sports stadium with a construction firm owned by his brother-in-law. Ashby "
    "denied any wrongdoing and said the contract had been awarded fairly.\n\nDeputy mayor Rosa Delgado will serve "
    "as acting mayor until a special election is held in September. Delgado said she would not stand in that "
    "election.\n\nThe stadium, which was due to cost $95 million, is now on hold while the city's auditor reviews "
    "the contract.\n"
)
HOSEPIPE_BAN = (
    "Hosepipe ban for two million homes as reservoirs run low\n\nA hosepipe ban will come into force on Friday "
    "for two million homes in the south-west, Brookvale Water announced, after the driest spring in 60 "
    "years.\n\nThe company's reservoirs are at 41% of capacity, against 78% at this time last year. Rainfall "
    "since March has been less than half the usual amount.\n\nUnder the ban, customers may not use a hosepipe to "
    "water gardens, wash cars or fill paddling pools. Anyone breaking the rules could be fined up to "
    "£1,000.\n\nBrookvale's operations director, Priya Nandakumar, said the company was losing 180 million litres "
    "a day to leaks and was repairing 600 leaks a week. Campaigners said the company should fix its pipes before "
    "restricting customers.\n\nThe ban does not apply to businesses that use water for their trade, such as "
    "garden centres and car washes. It will stay in place until the reservoirs reach 60%.\n"
)
MALARIA_TRIAL = (
    "New malaria vaccine cuts infections by three quarters in trial\n\nA malaria vaccine developed at the "
    "University of Lusaka cut infections by 74% in a trial of 4,800 children in Zambia and Malawi, researchers "
    "reported on Thursday.\n\nThe vaccine, called LM-22, was given in three doses a month apart to children aged "
    "between five months and three years. Over the following year, 112 of the 2,400 vaccinated children caught "
    "malaria, against 431 of the 2,400 who received a placebo.\n\nSide effects were mostly mild, such as fever "
    "and a sore arm, the team said. Two children had seizures linked to fever, and both recovered.\n\nLead "
    "researcher Dr Chanda Mwale said the vaccine could be made for less than $3 a dose, far cheaper than existing "
    "vaccines. \"This could protect millions of children who today have no protection at all,\" she said.\n\nThe "
    "World Health Organization will review the results next year. If approved, the first doses could be given in "
    "2027.\n\nMalaria killed about 600,000 people last year, most of them children under five in Africa.\n"
)


def test_why_after_what_happened_is_the_reason_not_told_yet(tmp_path, embedder):
    """"why?" after "what happened to the ferry company?" cited its lead again ("… stopped sailing on Tuesday after it
    went into administration."), not "Administrators … said the business had run out of cash after fuel costs doubled
    …": a "why" of no words of its own asks the reason behind what was told (a folder of our own, session 36)."""
    qa = folder_store(tmp_path, embedder, ferry=FERRY_COLLAPSE, mayor=MAYOR_RECALL, drought=HOSEPIPE_BAN,
                      trial=MALARIA_TRIAL)
    answer = assert_conversation_ends(qa, ["what happened to the ferry company?", "why?"], "run out of cash")
    assert not any("stopped sailing" in c.text for c in answer.citations), answer.to_dict()


def test_him_wanted_gone_is_no_act_the_story_never_writes(tmp_path, embedder):
    """"why did people want him gone?" after "what happened in hartfield" abstained at 0.86: "gone" was read as an act
    of his the mayor's story never writes (it says "removed"), so "him" pointed out of it (a folder of our own, session
    36)."""
    qa = folder_store(tmp_path, embedder, ferry=FERRY_COLLAPSE, mayor=MAYOR_RECALL, drought=HOSEPIPE_BAN,
                      trial=MALARIA_TRIAL)
    assert_conversation_ends(qa, ["what happened in hartfield", "why did people want him gone?"],
                             "The recall campaign was launched")


def test_due_to_before_a_verb_is_a_plan_not_a_reason(tmp_path, embedder):
    """"why was the mayor removed?" cited "The stadium, which was due to cost $95 million, is now on hold …" first: "due
    to cost" read as a reason. The lead gives none, and its story's "… after Ashby approved a contract …" does, at a
    cosine under "about" (a folder of our own, session 36)."""
    from qa.reasons import gives_reason

    assert not gives_reason("The stadium, which was due to cost $95 million, is now on hold.")
    assert not gives_reason("The rocket had been due to lift off at 7:15 a.m.")
    assert gives_reason("Flights were cancelled due to thick fog.")
    qa = folder_store(tmp_path, embedder, ferry=FERRY_COLLAPSE, mayor=MAYOR_RECALL, drought=HOSEPIPE_BAN,
                      trial=MALARIA_TRIAL)
    assert_answered_first(qa, [("why was the mayor removed?", "The recall campaign was launched")])


def test_what_happens_to_a_thing_is_told_where_it_is_the_subject(tmp_path, embedder):
    """"what happens to the stadium" after "what happened in hartfield" cited "The recall campaign was launched … a
    contract for a new sports stadium …", not "The stadium, which was due to cost $95 million, is now on hold …" (a
    folder of our own, session 36)."""
    from qa.fate import fate_asked, tells_fate

    assert fate_asked("what happens to the stadium") == fate_asked("What will happen to the stadium?") != frozenset()
    assert not fate_asked("What happened in Hartfield?") and not fate_asked("Who won?")
    qa = folder_store(tmp_path, embedder, ferry=FERRY_COLLAPSE, mayor=MAYOR_RECALL, drought=HOSEPIPE_BAN,
                      trial=MALARIA_TRIAL)
    answer = assert_conversation_ends(qa, ["what happened in hartfield", "what happens to the stadium"],
                                      "The stadium, which was due to cost")
    assert tells_fate(answer.citations[0].text, fate_asked("what happens to the stadium"))


def test_who_replaces_him_is_the_one_serving_as_acting_mayor(tmp_path, embedder):
    """"who replaces him?" after "what happened in hartfield" cited the lead again, not "Deputy mayor Rosa Delgado will
    serve as acting mayor …": one who replaces another is their successor, or the acting or interim one (a folder of
    our own, session 36)."""
    qa = folder_store(tmp_path, embedder, ferry=FERRY_COLLAPSE, mayor=MAYOR_RECALL, drought=HOSEPIPE_BAN,
                      trial=MALARIA_TRIAL)
    assert_conversation_ends(qa, ["what happened in hartfield", "who replaces him?"], "Rosa Delgado")
    assert_answered_first(qa, [("Who will replace the mayor?", "Rosa Delgado")])


def test_how_long_it_lasts_is_until_a_thing_is_so(tmp_path, embedder):
    """"how long will it last" after "why is there a hosepipe ban" cited the lead's "… after the driest spring in 60
    years.", not "It will stay in place until the reservoirs reach 60%." (a folder of our own, session 36)."""
    qa = folder_store(tmp_path, embedder, ferry=FERRY_COLLAPSE, mayor=MAYOR_RECALL, drought=HOSEPIPE_BAN,
                      trial=MALARIA_TRIAL)
    assert_conversation_ends(qa, ["why is there a hosepipe ban", "how long will it last"], "until the reservoirs")


def test_a_follow_up_s_own_phrase_comes_first(tmp_path, embedder):
    """"what about car washes?" after "why is there a hosepipe ban" cited "Under the ban, customers may not use a
    hosepipe to … wash cars …" before "The ban does not apply to … car washes." (a folder of our own, session 36)."""
    qa = folder_store(tmp_path, embedder, ferry=FERRY_COLLAPSE, mayor=MAYOR_RECALL, drought=HOSEPIPE_BAN,
                      trial=MALARIA_TRIAL)
    assert_conversation_ends(qa, ["why is there a hosepipe ban", "what about car washes?"], "car washes")


THEME_PARK = (
    "Governor strips theme park of its special district\n\nGovernor Alan Price signed a law on Monday stripping Parkland "
    "Resorts of its self-governing district, payback after the company criticised his schools bill last year.\n\nThe "
    "district had let the company run its own fire service and build roads without county approval.\n\nPrice's office "
    "said the county would take over those services from June.\n\nParkland Resorts said it was reviewing the law.\n\nThe "
    "company employs 40,000 people in the state.\n\nLast year's session also passed a tax on short-term rentals.\n\n"
    "Measures approved then led to the dismissal of a lawsuit over the governor's travel costs.\n")


def test_why_after_an_answer_reads_the_reason_near_what_it_told(tmp_path, embedder):
    """"why?" after "what did desantis do to disney" (its lead: "… payback after the tourism giant defied him …") cited,
    22 sentences on, "Indeed, measures approved then led to the dismissal of a lawsuit …": the reason behind what was
    told is told near it (RealTimeQA's store, session 36; here with a story of our own)."""
    qa = folder_store(tmp_path, embedder, park=THEME_PARK, ferry=FERRY_COLLAPSE, mayor=MAYOR_RECALL,
                      drought=HOSEPIPE_BAN)
    answer = assert_conversation_ends(qa, ["what did the governor do to parkland resorts", "why?"], "payback after")
    assert not any("dismissal" in c.text for c in answer.citations), answer.to_dict()


LEAGUE_TITLE = (
    "Westbury win the league on the final day\n\nWestbury Athletic won the Northern League title on Saturday, "
    "beating Carrow Town 3-1 away while their rivals Dunmore Rovers could only draw at home.\n\nWestbury finished "
    "on 84 points, two ahead of Dunmore. It is the club's first league title since 1987.\n\nStriker Leon Obi "
    "scored twice, taking his tally for the season to 27 goals, the most in the league. Midfielder Sam Tully "
    "added the third with a free kick in the 78th minute.\n\nManager Claire Haddad, who took charge only last "
    "summer, said her players had \"never stopped believing\". About 4,000 Westbury fans travelled to the "
    "match.\n\nDunmore's 1-1 draw with Elton United was watched by a crowd of 22,000. Their manager, Mark Pryce, "
    "said his side had \"thrown it away\" in April, when they lost three games in a row.\n\nWestbury will be "
    "promoted to the Premier Division next season.\n"
)


def test_what_she_said_after_who_s_their_manager_is_the_manager_s(tmp_path, embedder):
    """"what did she say" after "who won the league" and "who's their manager" abstained: "who's" was read as no "Who
    …?", so the name that answered it, Claire Haddad, was not carried (a folder of our own, session 36)."""
    from qa.named import answered_name

    told = 'Manager Claire Haddad, who took charge only last summer, said her players had "never stopped believing". [1]'
    assert answered_name("who's their manager", told) == answered_name("Who is their manager?", told) != []
    qa = folder_store(tmp_path, embedder, match=LEAGUE_TITLE, ferry=FERRY_COLLAPSE, mayor=MAYOR_RECALL,
                      drought=HOSEPIPE_BAN)
    assert_conversation_ends(qa, ["who won the league", "who's their manager", "what did she say"],
                             "never stopped believing")


def test_who_holds_a_title_is_named_by_it(tmp_path, embedder):
    """"who is westbury's manager" cited the league's lead first and "Manager Claire Haddad, …" third: a role asked of
    one named ("westbury's"), or after "who's", is asked as "Who is the manager?" is (``roles``; a folder of our own,
    session 36)."""
    from qa.roles import role_asked

    assert role_asked("who is westbury's manager") == role_asked("Who's their manager?") == role_asked("Who is the manager?")
    assert role_asked("Who is Claire Haddad?") is None
    qa = folder_store(tmp_path, embedder, match=LEAGUE_TITLE, ferry=FERRY_COLLAPSE, mayor=MAYOR_RECALL,
                      drought=HOSEPIPE_BAN)
    assert_answered_first(qa, [("who is westbury's manager", "Claire Haddad")])



def test_who_is_in_charge_is_one_at_the_head(tmp_path, embedder):
    """"who's in charge of it" after "what happened with the ferry company" cited a phone's lead, "… can run for a week on
    a single charge.", and "who is in charge now" after "what happened in hartfield?" abstained (0.06): "in charge" is no
    charge (``scoring.without_how_form``), and asks for one at the head of a thing (``asked.LEADERS``), the story's own
    ("Its chief executive, Daniel Roe, …", not "Council leader Moira Fenwick …"), acting when asked who is now (a folder
    of our own, session 37). Not the subject's phrase: "who is in charge now? hartfield Mayor Glen Ashby" held the lead's
    "Mayor Glen Ashby" (``answer_first``)."""
    from qa.asked import LEADERS
    from qa.roles import roles_asked
    from qa.scoring import question_terms

    assert roles_asked("who's in charge of it") == roles_asked("Who runs it?") == LEADERS
    assert roles_asked("Who is the manager?") == {"manag"} and not roles_asked("Who won?")
    assert question_terms("who's in charge of it") == []
    qa = folder_store(tmp_path, embedder, ferry=FERRY_COLLAPSE, mayor=MAYOR_RECALL, phone=FOLDING_PHONE,
                      drought=HOSEPIPE_BAN)
    assert_conversation_ends(qa, ["what happened with the ferry company", "who's in charge of it"], "Daniel Roe")
    assert_conversation_ends(qa, ["what happened in hartfield?", "who is in charge now"], "Rosa Delgado")
    # (and one naming the role asked is kept before one holding the question's words: "who runs northwind?" cited
    # "Northwind Ferries, which ran …")
    assert_answered_first(qa, [("who runs northwind?", "Daniel Roe")])

FOLDING_PHONE = (
    "Orbit unveils folding phone with week-long battery\n\nPhone maker Orbit has unveiled the Fold X, a folding "
    "smartphone it says can run for a week on a single charge.\n\nThe phone goes on sale in Europe on June 3 and "
    "will cost 1,299 euros. A version for the United States will follow in the autumn.\n\nOrbit says the battery "
    "lasts seven days with normal use because of a new chip that uses 40% less power than last year's. Reviewers "
    "who tested the phone said it lasted about five days.\n\nThe Fold X weighs 240 grams, lighter than rival "
    "folding phones, and its screen opens to 7.8 inches.\n\nOrbit's chief executive, Lina Park, said the company "
    "expected to sell two million of the phones in its first year. Orbit sold 41 million phones last year.\n"
)


def test_how_much_it_is_asks_its_price(tmp_path, embedder):
    """"how much is it" after "tell me about orbit's new phone" cited "… expected to sell two million of the phones …",
    not "The phone goes on sale in Europe on June 3 and will cost 1,299 euros." (a folder of our own, session 36)."""
    from qa.numbers import holds_measure

    assert not holds_measure("Orbit sold 41 million phones last year.", "how much is it")
    assert holds_measure("It will cost 1,299 euros.", "How much is it?")
    qa = folder_store(tmp_path, embedder, phone=FOLDING_PHONE, match=LEAGUE_TITLE, ferry=FERRY_COLLAPSE)
    assert_conversation_ends(qa, ["tell me about orbit's new phone", "how much is it"], "1,299 euros")
    # (and a thing named: "how much is the fold x" cited "The Fold X weighs 240 grams, …"; session 37; not a change)
    assert not holds_measure("The Fold X weighs 240 grams.", "how much is the fold x")
    assert holds_measure("The tax rose by 5%.", "how much is the increase")
    assert_answered_first(qa, [("how much is the fold x", "1,299 euros")])


def test_who_scored_the_third_is_the_sentence_writing_the_third(tmp_path, embedder):
    """"who scored the third goal" cited "Striker Leon Obi scored twice, …", not "Midfielder Sam Tully added the third
    with a free kick …": an ordinal the question writes is one of its numbers (a folder of our own, session 36)."""
    from qa.exact_numbers import exact_numbers, writes_numbers

    assert exact_numbers("who scored the third goal", ordinal=True) == ["third"]
    assert exact_numbers("who scored the third goal") == [] and exact_numbers("the first goal", ordinal=True) == []
    assert writes_numbers("It cost $2.9bn.", ["2.9"]) == 1.0 and writes_numbers("Thirdly, …", ["third"]) == 0.0
    qa = folder_store(tmp_path, embedder, match=LEAGUE_TITLE, phone=FOLDING_PHONE, ferry=FERRY_COLLAPSE)
    assert_answered_first(qa, [("who scored the third goal", "Sam Tully")])
    assert_conversation_ends(qa, ["who won the league", "who got the third?"], "Sam Tully")


def test_when_it_will_be_is_a_date_to_come_of_its_story(tmp_path, embedder):
    """"when can kids get it?" after "is there a new malaria vaccine?" cited the lead ("… researchers reported on
    Thursday."), not what its story says is to come: "The World Health Organization will review the results next
    year." and "If approved, the first doses could be given in 2027.", far behind (a folder of our own, session 36)."""
    from qa.numbers import tells_date_ahead

    assert tells_date_ahead("If approved, the first doses could be given in 2027.", "When can kids get it?")
    assert not tells_date_ahead("The vaccine was first tested in 2019.", "When can kids get it?")
    assert not tells_date_ahead("If approved, the first doses could be given in 2027.", "When was it tested?")
    qa = folder_store(tmp_path, embedder, trial=MALARIA_TRIAL, ferry=FERRY_COLLAPSE, mayor=MAYOR_RECALL,
                      drought=HOSEPIPE_BAN)
    answer = assert_conversation_ends(qa, ["is there a new malaria vaccine?", "when can kids get it?"], "next year")
    assert not any("reported on Thursday" in c.text for c in answer.citations), answer.to_dict()
    asked = qa.ask("when will the malaria vaccine be available?")
    assert any("2027" in c.text for c in asked.citations), asked.to_dict()


NEW_VARIANT = (
    "New variant becomes dominant in Veldland\n\nThe fast-spreading Omicron subvariant XR.7 is now the dominant "
    "coronavirus strain in Veldland, causing more than half of new infections last week, health officials said on "
    "Tuesday.\n\nHospital admissions have not risen so far.\n\nDr. Ana Ruiz, an infectious disease expert at Lund "
    "University, calls this a wake-up call for the booster campaign.\n")


def test_what_it_is_called_asks_a_name_not_the_word_called(tmp_path, embedder):
    """"What is it called?" after "There's a new dominant Covid variant in the US." (answered "The highly contagious
    Omicron subvariant BA.2 is now the dominant …") cited "Dr. Jorge Salinas … calls this an immunologic wall.": "called"
    was read as the follow-up's own word (RealTimeQA's store as of the date, session 36; here a story of our own)."""
    from qa.asked import followup_terms

    assert followup_terms("What is it called? dominant Covid variant") == set()
    qa = folder_store(tmp_path, embedder, variant=NEW_VARIANT, match=LEAGUE_TITLE, phone=FOLDING_PHONE,
                      ferry=FERRY_COLLAPSE)
    assert_conversation_ends(qa, ["There's a new dominant Covid variant in Veldland.", "What is it called?"], "XR.7")


def test_who_said_that_is_the_one_the_last_answer_quoted(seed_qa):
    """"who said that?" after "what did iran say about the un vote" (answered "Iranian foreign ministry spokesman Nasser
    Kanaani called Monday's resolution by the UNSC as a \\"positive step.\\"") cited the demo article's lead (session 36)."""
    first, answer = chat(seed_qa, ["what did iran say about the un vote", "who said that?"])
    assert "Nasser Kanaani" in first.citations[0].text, first.to_dict()
    assert not answer.abstained and answer.citations[0].text == first.citations[0].text, answer.to_dict()


HAMMER_ATTACK = (
    "Councillor attacked at home\n\nCouncillor Ray Blake was attacked with a hammer at his home in Dunmore by a man early "
    "Friday morning, police said.\n\nOfficers arrived within minutes and Blake was taken to hospital.\n\nPolice said the "
    "suspect, Leo Grant, 38, was arrested at the scene.\n")


def test_a_day_after_by_names_no_one(tmp_path, embedder):
    """"who attacked him?" after "paul pelosi was attacked at home" cited the lead again, its "… by a male assailant early
    Friday morning, …" read as naming the attacker ("Friday"), not "… officers saw DePape pull the hammer away …"
    (RealTimeQA's store, session 36; here a story of our own)."""
    from qa.by_whom import says_by_whom

    assert not says_by_whom("He was attacked at his home by a man early Friday morning.", "attack")
    assert not says_by_whom("He was attacked by an assailant early Friday morning.", "attack")
    assert says_by_whom("He was attacked by Leo Grant on Friday.", "attack")
    qa = folder_store(tmp_path, embedder, attack=HAMMER_ATTACK, match=LEAGUE_TITLE, phone=FOLDING_PHONE,
                      ferry=FERRY_COLLAPSE)
    assert_conversation_ends(qa, ["a councillor was attacked at home", "who attacked him?"], "Leo Grant")


def test_a_filler_after_what_is_asked_about_is_left_out():
    """"tell me about the tryptophan thing" abstained (0.24) on RealTimeQA's store where "tell me about tryptophan"
    answered (0.37): "thing" was a word of the question the story never writes (session 36)."""
    from qa.small_talk import asked_part

    assert asked_part("tell me about the tryptophan thing") == "tell me about the tryptophan"
    assert asked_part("thanks, what about the chinese balloon stuff?") == "what about the chinese balloon?"
    for kept in ("is that the same thing?", "what is this thing called", "the whole thing is a mess",
                 "Is it the right thing to do?"):
        assert asked_part(kept) == kept, kept


PANDA_CUB = (
    "Edinburgh Zoo welcomes first panda cub\n\nA giant panda at Edinburgh Zoo has given birth to a cub, the first ever born "
    "in the UK, the zoo said on Friday.\n\nThe cub was born on Wednesday to mother Mei Lan, who arrived from China in 2019 "
    "on a ten-year loan. Keepers say the cub, which weighs about 150 grams, is feeding well.\n\nThe zoo will not know "
    "whether the cub is male or female for several weeks, and it will not be named until it is 100 days old.\n\nThe panda "
    "house will stay closed to visitors until March so that mother and cub are not disturbed.\n")
BOOKER_WON = (
    "Kenyan novelist wins Booker Prize for debut\n\nKenyan writer Amani Otieno has won the Booker Prize for her first "
    "novel, The Salt Road, becoming the youngest winner in the prize's history at 27.\n\nThe novel follows three "
    "generations of a family of salt traders on the coast of Lake Turkana.\n\nOtieno, who wrote the book while working as "
    "a nurse in Nairobi, receives £50,000. She said she would use part of the money to set up a writing school in her "
    "home town of Lodwar.\n\nSales of The Salt Road rose by 900% in the hours after the announcement, its publisher said.\n")
FOUR_DAY_WEEK = (
    "Lindmark votes for four-day week in public sector\n\nVoters in the canton of Lindmark have approved a four-day working "
    "week for all public sector staff, in the first referendum of its kind.\n\nOf those who voted on Sunday, 57% backed "
    "the change, which will cut the working week from 40 to 32 hours without a loss of pay. Turnout was 61%.\n\nThe "
    "change will apply to about 18,000 workers, including teachers, nurses and council staff, from January 2027.\n\n"
    "Business groups opposed the plan, saying it would cost the canton 240 million francs a year.\n")


def test_a_panda_cub_asked_of_as_a_person_asks(tmp_path, embedder):
    """Of a panda cub's birth (a folder of our own, session 37): "where did the mother come from" cited "The panda house will
    stay closed to visitors until March so that mother and cub are not disturbed." before "… mother Mei Lan, who arrived
    from China …": asked where from, a place after "from" answers (``answer_kinds.gives_place``); "is it a boy or a girl"
    and "can i go see it" cited the lead, not "… whether the cub is male or female …", "… closed to visitors until March
    …" (``other_forms.DERIVED``)."""
    from qa.answer_kinds import gives_place

    assert gives_place("… to mother Mei Lan, who arrived from China in 2019.", {"mother"}, "where did the mother come from")
    assert not gives_place("… to mother Mei Lan, who arrived from China in 2019.", {"mother"}, "where does the mother live")
    qa = folder_store(tmp_path, embedder, panda=PANDA_CUB, booker=BOOKER_WON, week=FOUR_DAY_WEEK, snow=SNOW, fog=FOG)
    assert_each_turn_answered(qa, [("any news about pandas?", "has given birth to a cub"),
                                   ("where did the mother come from", "arrived from China"),
                                   ("is it a boy or a girl", "male or female"),
                                   ("can i go see it", "closed to visitors until March")])


def test_what_one_gets_and_what_one_puts_it_to(tmp_path, embedder):
    """"how much does she get" and "what will she do with it" after "who won the booker" (a folder of our own, session
    37) cited the lead, whose number is an age, not "… receives £50,000.", "She said she would use part of the money to
    set up a writing school …": how much one gets asks money (``numbers._MONEY_ASKED``),
    and what one does with a thing is told by a sentence putting it to use (``qa.uses``)."""
    from qa.numbers import holds_measure
    from qa.uses import asks_use, gives_use

    prize, age = "Otieno receives £50,000.", "She became the youngest winner at 27."
    assert holds_measure(prize, "how much does she get") and not holds_measure(age, "how much does she get")
    assert asks_use("what will she do with it") and asks_use("What did he spend the money on?")
    assert not asks_use("What will she do next?") and not asks_use("What did he say on Monday?")
    assert gives_use("Hale used the money to pay for a villa.") and not gives_use("It cut spending on two programmes.")
    qa = folder_store(tmp_path, embedder, panda=PANDA_CUB, booker=BOOKER_WON, week=FOUR_DAY_WEEK, snow=SNOW, fog=FOG)
    assert_each_turn_answered(qa, [("who won the booker", "Amani Otieno"), ("how much does she get", "£50,000"),
                                   ("what will she do with it", "writing school")])


def test_when_a_thing_starts_is_a_date_to_come(tmp_path, embedder):
    """"when does it start" after questions about a four-day week voted in (a folder of our own, session 37) cited "Of
    those who voted on Sunday, 57% backed the change, which will cut …", not "The change will apply to … from January
    2027.": asked in the present when a thing starts, the day a thing was done is no answer (``numbers._DONE_ON``)."""
    from qa.numbers import adds_number

    voted = "Of those who voted on Sunday, 57% backed the change, which will cut the working week."
    assert not adds_number(voted, "when does it start") and adds_number(voted, "when did they vote")
    assert adds_number("The change will apply from January 2027.", "when does it start")
    qa = folder_store(tmp_path, embedder, panda=PANDA_CUB, booker=BOOKER_WON, week=FOUR_DAY_WEEK, snow=SNOW, fog=FOG)
    assert_conversation_ends(qa, ["what did lindmark vote on", "who is against it", "when does it start"], "January 2027")


VOLCANO_ERUPTS = (
    "Volcano eruption grounds flights across northern Europe\n\nMount Skarði in southern Iceland erupted on Sunday night, "
    "sending a column of ash nine kilometres into the sky and forcing airlines to cancel more than 1,400 flights.\n\nThe "
    "eruption began shortly after 11pm local time, about 20 kilometres from the village of Vík, which was evacuated "
    "overnight.\n\nIceland's Met Office said the eruption was the volcano's first since 1918. \"We expect ash to keep "
    "falling for several days,\" said volcanologist Freyja Jónsdóttir.\n\nEurocontrol, which manages European airspace, "
    "said it expected disruption to last until at least Wednesday.\n")


def test_a_volcano_asked_of_as_a_person_asks(tmp_path, embedder):
    """Of a volcano's eruption (a folder of our own, session 37): "what did the expert say" abstained beside "… said
    volcanologist Freyja Jónsdóttir." (an expert is named by a specialist's title, ``other_forms.KIND_NAMES``); "when will
    flights return to normal" cited "The eruption began shortly after 11pm local time, …", a time past, not "Eurocontrol …
    expected disruption to last until at least Wednesday." (``quantity.quantity_first``); "how long will the ash fall" the
    lead, not "\"We expect ash to keep falling for several days,\" …" (``numbers._SOME_TIME``)."""
    from qa.numbers import holds_measure, tells_date_ahead

    q = "when will flights return to normal"
    assert tells_date_ahead("Eurocontrol said it expected disruption to last until at least Wednesday.", q)
    assert not tells_date_ahead("The eruption began shortly after 11pm local time.", q)
    assert holds_measure("\"We expect ash to keep falling for several days,\" she said.", "how long will the ash fall")
    assert not holds_measure("Ash fell on several towns.", "how long will the ash fall")
    qa = folder_store(tmp_path, embedder, volcano=VOLCANO_ERUPTS, panda=PANDA_CUB, booker=BOOKER_WON, snow=SNOW,
                      measles=MEASLES)
    assert_each_turn_answered(qa, [("tell me about the volcano", ""),
                                   ("what did the expert say", "volcanologist Freyja Jónsdóttir"),
                                   ("when will flights return to normal", "until at least Wednesday"),
                                   ("how long will the ash fall", "for several days")])


OCEAN_SUMMIT = (
    "Leaders agree to protect a third of the oceans\n\nLeaders of 40 countries agreed on Friday to protect a third of the "
    "world's oceans by 2030, after talks that ran through the night.\n\nThe summit took place at the Palais des Nations in "
    "Geneva and was attended by more than 3,000 delegates.\n\nEnvironmental groups welcomed the deal but said it came too "
    "late for many fish stocks.\n")


def test_where_it_was_held_is_where_it_took_place(tmp_path, embedder):
    """"where was it held" after "tell me about the queen's funeral" (RealTimeQA's store) cited "Britain honored the life
    of Queen Elizabeth II with a state funeral …", not "The funeral service took place at Westminster Abbey in London, …":
    the verbs of being somewhere are no words a place's sentence must hold (``answer_first._PLACING``; session 37)."""
    qa = folder_store(tmp_path, embedder, summit=OCEAN_SUMMIT, volcano=VOLCANO_ERUPTS, panda=PANDA_CUB, snow=SNOW)
    assert_conversation_ends(qa, ["tell me about the ocean summit", "where was it held"], "Palais des Nations")


def test_the_nth_story_of_the_news_sent_back_as_text_is_the_nth_quoted(tmp_path, embedder):
    """"tell me more about the third one" after "what are the main stories?", the answers sent back as text only (as a
    client of the HTTP API may), was told the second story: the articles an answer quoted were read in the order a search
    for its text found them, not the order it quoted them (``answered.first_quoted``; a folder of our own, session 37)."""
    qa = folder_store(tmp_path, embedder, ferry=FERRY_COLLAPSE, mayor=MAYOR_RECALL, drought=HOSEPIPE_BAN,
                      trial=MALARIA_TRIAL, match=LEAGUE_TITLE, phone=FOLDING_PHONE, volcano=VOLCANO_ERUPTS, panda=PANDA_CUB,
                      booker=BOOKER_WON, week=FOUR_DAY_WEEK, summit=OCEAN_SUMMIT)
    for sent_back in (True, False):
        news, more = chat(qa, ["what are the main stories?", "tell me more about the third one"], sent_back)
        assert len({c.article_id for c in news.citations}) >= 3, news.to_dict()
        third = [c.article_id for c in news.citations][2]
        assert not more.abstained and all(c.article_id == third for c in more.citations), (sent_back, more.to_dict())


def test_wrong_done_is_wrongdoing(tmp_path, embedder):
    """"did he do anything wrong" after "did the mayor resign?" abstained beside "Ashby denied any wrongdoing …"
    (``other_forms.DERIVED``; a folder of our own, session 37)."""
    qa = folder_store(tmp_path, embedder, mayor=MAYOR_RECALL, ferry=FERRY_COLLAPSE, drought=HOSEPIPE_BAN)
    assert_conversation_ends(qa, ["did the mayor resign?", "did he do anything wrong"], "denied any wrongdoing")


def test_a_thing_asked_by_its_name_is_followed_by_its_kind(tmp_path, embedder):
    """"how much does it cost" and "when will it be available" after "what is lm-22" (answered "The vaccine, called
    LM-22, …") abstained (0.29, 0.20): searched with "lm-22", a name its story writes once, calling it "the vaccine"
    elsewhere. The kind the answer calls a thing the question names is carried with it (``named.called_kind``; a folder of
    our own, session 37)."""
    from qa.named import called_kind

    assert called_kind("what is lm-22", "The vaccine, called LM-22, was given in three doses. [1]") == ["vaccine"]
    assert called_kind("who won?", "The vaccine, called LM-22, was given in three doses. [1]") == []
    qa = folder_store(tmp_path, embedder, trial=MALARIA_TRIAL, mayor=MAYOR_RECALL, ferry=FERRY_COLLAPSE,
                      phone=FOLDING_PHONE)
    assert_each_turn_answered(qa, [("what is lm-22", "called LM-22"), ("how much does it cost", "$3 a dose"),
                                   ("when will it be available", "2027")])


def test_what_she_said_may_be_reported(tmp_path, embedder):
    """"what did she say" after "who won the booker" abstained (0.91) beside "She said she would use part of the money to
    set up a writing school …", right after "Otieno, who wrote the book …": her words reported, not quoted, are hers
    (``named.REPORTS``; "wrote the book" says nothing; a folder of our own, session 37)."""
    qa = folder_store(tmp_path, embedder, booker=BOOKER_WON, panda=PANDA_CUB, week=FOUR_DAY_WEEK, snow=SNOW)
    assert_conversation_ends(qa, ["who won the booker", "what did she say"], "She said she would use part of the money")


KHAN_UNITES = (
    "Khan unites the steppe\n\nGenghis Khan united the Mongol and Turkic tribes of the steppes and became Great Khan in "
    "1206. He and his successors expanded the Mongol empire across Asia.\n\nUnder the reign of his third son, Ögedei Khan, "
    "the Mongols destroyed the weakened Jin dynasty in 1234, conquering most of northern China.\n")


def test_when_he_did_what_his_story_never_writes_is_not_said(tmp_path, embedder):
    """"when did he die" after "who was genghis khan" (SQuAD's store) cited "… became Great Khan in 1206.", a date of
    another act: asked when he did what his story never writes in any form, the articles do not say
    (``story.leaves_subject``; session 37). "when did he become great khan" is answered."""
    qa = folder_store(tmp_path, embedder, khan=KHAN_UNITES, booker=BOOKER_WON, panda=PANDA_CUB, snow=SNOW)
    *_, answer = chat(qa, ["who was genghis khan", "when did he die"])
    assert answer.abstained, answer.to_dict()
    assert_conversation_ends(qa, ["who was genghis khan", "when did he become great khan"], "1206")


VOTE_NORVALIA = (
    "Greens win Norvalia election\n\nGreen Party leader Lena Hart has claimed victory in a general election that is set to "
    "make her Norvalia's first female prime minister.\n\nThe preliminary results showed the centre-right alliance, led by "
    "former prime minister Tomas Berg, had won around 22% of the vote.\n\nTurnout was 64%, the lowest since 1990.\n")


def test_one_who_was_at_the_role_is_not_one_at_it(tmp_path, embedder):
    """"Who is the new prime minister of Italy?" (RealTimeQA's store) cited "The preliminary results showed the
    center-left coalition, led by …, while former prime minister Giuseppe Conte's …" before "Brothers of Italy leader
    Giorgia Meloni has claimed victory …", once a sentence naming one at the role asked was kept first: one who was at it
    ("former", "ex-", "outgoing") is not (``roles._FORMER``), and a role asked by its word lets the headline's news come
    first (``roles.names_head`` reads only who is in charge; session 37)."""
    from qa.roles import names_role

    assert not names_role("… led by former prime minister Tomas Berg, …", "minist")
    assert names_role("… said Prime Minister Tomas Berg.", "minist")
    qa = folder_store(tmp_path, embedder, vote=VOTE_NORVALIA, mayor=MAYOR_RECALL, ferry=FERRY_COLLAPSE, snow=SNOW)
    assert_answered_first(qa, [("Who is the new prime minister of Norvalia?", "Lena Hart")])


def test_are_you_sure_shows_the_words_again(tmp_path, embedder):
    """"are you sure?" after "any news about pandas?" said "The articles don't say.": asked whether what was just said is
    so, the sentences the last answer quoted are shown again, in its order, from the articles it cited, whether the
    answer came back with its citations or as text (``more.asks_checked``, ``ExtractiveAnswerer.again``; a folder of our
    own, session 37)."""
    from qa.more import asks_checked

    assert asks_checked("are you sure?") and asks_checked("Is that true?") and asks_checked("really?")
    assert not asks_checked("Are you sure the vaccine is safe?") and not asks_checked("Is it true that prices fell?")
    qa = folder_store(tmp_path, embedder, volcano=VOLCANO_ERUPTS, panda=PANDA_CUB, booker=BOOKER_WON, snow=SNOW)
    for sent_back in (True, False):
        told, again = chat(qa, ["what happened in iceland", "are you sure?"], sent_back)
        assert not told.abstained and not again.abstained, (sent_back, again.to_dict())
        assert [c.text for c in again.citations] == [c.text for c in told.citations], (sent_back, again.to_dict())
        assert_grounded(qa, again)


def test_back_to_a_subject_is_no_word_of_the_question(tmp_path, embedder):
    """"back to the panda: when can people visit?" after questions about a volcano abstained (0.30), "back" counted a word
    the story lacks, where "the panda: when can people visit?" answered (0.71): "back to" before the subject returned to
    is left out of what is asked (``small_talk.asked_part``; a folder of our own, session 37)."""
    from qa.small_talk import asked_part

    assert asked_part("back to the panda: when can people visit?") == "the panda: when can people visit?"
    assert asked_part("when will they go back to work?") == "when will they go back to work?"
    qa = folder_store(tmp_path, embedder, volcano=VOLCANO_ERUPTS, panda=PANDA_CUB, booker=BOOKER_WON, snow=SNOW)
    assert_conversation_ends(qa, ["tell me about the panda", "and the volcano?", "back to the panda: when can people visit?"],
                             "closed to visitors until March")


def test_a_subject_put_first_is_what_its_pronoun_means(tmp_path, embedder):
    """"and the booker winner, how old is she?" after "and the volcano?" was searched with the volcano and abstained, where
    "how old is the booker winner?" answered: a subject put first, then a question saying "she", "it" … of it, is what
    the pronoun means (``small_talk.fronted``; a folder of our own, session 37). Not a remark put first ("the good news:
    it is over?", "that said, is it true?")."""
    from qa.small_talk import asked_part

    assert asked_part("and the booker winner, how old is she?") == "how old is the booker winner?"
    assert asked_part("the phone: what is its price?") == "what is the phone's price?"
    for said in ("the good news: it is over?", "that said, is it true?", "the point is, is it over?", "Lisbon, what happened?"):
        assert asked_part(said) == said, said
    qa = folder_store(tmp_path, embedder, volcano=VOLCANO_ERUPTS, panda=PANDA_CUB, booker=BOOKER_WON, snow=SNOW)
    assert_conversation_ends(qa, ["tell me about the panda", "and the volcano?", "and the booker winner, how old is she?"],
                             "at 27")


def test_who_made_it_is_who_developed_it(tmp_path, embedder):
    """"who made it?" after "tell me about the malaria vaccine" cited "Lead researcher Dr Chanda Mwale said the vaccine could
    be made for less than $3 a dose, …", not "A malaria vaccine developed at the University of Lusaka …": what is made is
    developed, created, invented (``other_forms.DERIVED``), and a thing done at a place that did it names the doer
    (``asked.says_by_whom``; a folder of our own, session 37)."""
    from qa.asked import asked_doing
    from qa.by_whom import says_by_whom

    made = asked_doing("who made it?")
    assert says_by_whom("A malaria vaccine developed at the University of Lusaka cut infections.", made)
    assert not says_by_whom("Dr Chanda Mwale said the vaccine could be made for less than $3 a dose.", made)
    qa = folder_store(tmp_path, embedder, trial=MALARIA_TRIAL, mayor=MAYOR_RECALL, ferry=FERRY_COLLAPSE, snow=SNOW)
    assert_conversation_ends(qa, ["tell me about the malaria vaccine", "who made it?"], "University of Lusaka")


HARVEST_FESTIVAL = (
    "Harvest Festival 2026: What to know about the town's autumn holiday\n\nThis year the Harvest Festival starts on Oct. 3 "
    "in Millbrook, the organisers said.\n\nCorrections and clarifications: A previous version of this story misstated the "
    "timing of the Harvest Festival.\n\nThe festival marks the end of the apple harvest and draws about 20,000 visitors "
    "each year.\n\nStalls will sell cider, pies and preserves made by local farms.\n")


def test_a_notice_of_a_correction_is_not_cited(tmp_path, embedder):
    """"eid al-fitr" and "what does it mark?" after it (RealTimeQA's store, session 40) cited "Corrections and
    clarifications: A previous version of this story misstated the timing of Eid al-Fitr." second: a notice about the
    story, not news (``furniture._FURNITURE``; ~270 in the store)."""
    from qa.furniture import says_something

    assert not says_something("Correction: An earlier version of this story misspelled the mayor's name.")
    assert not says_something("This story has been corrected to reflect that the vote was on Tuesday.")
    qa = folder_store(tmp_path, embedder, festival=HARVEST_FESTIVAL, probe=PROBE, whale=WHALE)
    for answer in chat(qa, ["harvest festival", "when is it?"]):
        assert not answer.abstained and "starts on Oct. 3" in answer.citations[0].text, answer.to_dict()
        assert not any("version of this story" in c.text for c in answer.citations), answer.to_dict()

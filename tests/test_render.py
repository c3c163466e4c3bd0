"""What the chat shows: article text escaped, only the article's own http(s) link, context marked."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa.answer import Answer, Citation, Passage, Segment
from qa.render import escape_text, paragraph_with_mark, render_answer, safe_url

pytestmark = pytest.mark.fast  # the fast tier: make test-fast


@given(st.text(max_size=300))
def test_escaped_text_has_no_markup(text):
    out = escape_text(text)
    assert "<" not in out and ">" not in out and '"' not in out
    assert "\u202e" not in out and "\u2067" not in out


def test_safe_url_keeps_only_http_links():
    assert safe_url("https://news.example/a?b=1") == "https://news.example/a?b=1"
    for bad in ["javascript:alert(1)", "data:text/html,x", "/relative", "", "ftp://x.example/f", "http://"]:
        assert safe_url(bad) is None


def test_paragraph_with_mark_highlights_exact_sentence():
    text = "Headline\n\nFirst sentence here. The <b>cited</b> one. Last one.\n\nNext paragraph."
    start = text.index("The <b>")
    end = text.index("one.") + 4
    html = paragraph_with_mark(text, start, end)
    assert html == "First sentence here. <mark>The &lt;b&gt;cited&lt;/b&gt; one.</mark> Last one."


def _answer(url):
    c = Citation(1, "a1", "Title <i>x</i>", url, date(2024, 3, 26), 0, 0, 9, "Sentence.", 1.0)
    return Answer("q", "Sentence. [1]", (Segment("Sentence.", (1,)),), (c,), False)


def test_render_links_only_to_the_cited_article():
    import re

    html = render_answer(_answer("https://news.example/story"), {"a1": "Sentence. More."}, message_id="m")
    # the only link that leaves the page is the cited article's; the others are its [n] marker,
    # pointing at the source inside this same message (issue #14)
    external = [h for h in re.findall(r'href="([^"]*)"', html) if not h.startswith("#")]
    assert external == ["https://news.example/story"]
    assert re.findall(r'href="(#[^"]*)"', html) == ["#m-1"] and 'id="m-1"' in html
    assert "Title &lt;i&gt;x&lt;/i&gt;" in html and "2024-03-26" in html and '<mark id="m-1">Sentence.</mark>' in html
    assert not [h for h in re.findall(r'href="([^"]*)"', render_answer(_answer("javascript:alert(1)"), {"a1": "Sentence. More."}))
                if not h.startswith("#")]


def test_the_news_asked_for_is_shown_story_by_story():
    """"What's in the news?" showed the three stories' first sentences as one paragraph (Chromium, session 28): one
    item each, each with its marker; an answer of two sentences stays one paragraph."""
    cites = tuple(Citation(n, f"a{n}", f"T{n}", None, None, 0, 0, 9, f"Story <{n}>.", 1.0) for n in (1, 2, 3))
    segments = tuple(Segment(f"Story <{n}>.", (n,)) for n in (1, 2, 3))
    html = render_answer(Answer("What's in the news?", "…", segments, cites, False), {}, message_id="m")
    assert html.count("<li>") == 3 and 'class="qa-stories"' in html and "<li>Story &lt;2&gt;. " in html
    assert html.count('href="#m-') == 3
    html = render_answer(Answer("Who won?", "…", segments[:2], cites[:2], False), {}, message_id="m")
    assert "<li>" not in html and "qa-stories" not in html


def test_abstention_looks_different_and_lists_related_reading():
    a = Answer("q", "The articles don't say.", (), (), True,
               related=(Passage("a1", "T", "https://n.example/1", None, "Close <passage>.", 0.1),))
    html = render_answer(a, {})
    assert 'class="qa-abstained"' in html and "Related reading" in html and "Close &lt;passage&gt;." in html
    assert "qa-sources" not in html


def test_a_reply_to_small_talk_is_shown_plainly_not_as_a_warning():
    """"hi" was answered "⚠ The articles don't say." (session 27): its reply is a plain line."""
    from qa.small_talk import GREETING

    html = render_answer(Answer("hi", GREETING, (), (), True), {}, copy_text=GREETING)
    assert 'class="qa-answer"' in html and "qa-abstained" not in html and "⚠" not in html and GREETING in html


def test_sentences_of_one_paragraph_share_one_quote_each_marked_and_linked():
    text = "Headline\n\nThe ferry sails at nine. Tickets cost five euros. The pier reopens.\n\nAnother paragraph."
    s1, s2 = text.index("The ferry"), text.index("Tickets")
    e1, e2 = text.index("nine.") + 5, text.index("euros.") + 6
    cites = (Citation(1, "a", "Ferry", "", None, 0, s1, e1, text[s1:e1], 0.9),
             Citation(2, "a", "Ferry", "", None, 1, s2, e2, text[s2:e2], 0.8))
    answer = Answer("q", "x", (Segment(text[s1:e1], (1,)), Segment(text[s2:e2], (2,))), cites, False)
    out = render_answer(answer, {"a": text}, message_id="m1", copy_text="copy me",
                        read_url=lambda c: f"/read/{c.article_id}?start={c.start}&end={c.end}#hl")
    assert out.count("<blockquote>") == 1  # the paragraph once
    assert '<mark id="m1-1">The ferry sails at nine.</mark>' in out and '<mark id="m1-2">Tickets cost five euros.</mark>' in out
    assert 'href="#m1-1"' in out and 'href="#m1-2"' in out and 'title="Tickets cost five euros."' in out
    assert out.index('href="#m1-1"') < out.index("Tickets cost")  # each sentence carries its own marker
    assert '<div class="qa-copy" hidden>copy me</div>' in out and "/read/a?start=" in out


def test_conversation_exports_as_markdown_with_numbered_sources():
    from qa.transcript import conversation_markdown

    cite = Citation(1, "a1", "Ferry [news]", "https://news.example/ferry", date(2024, 3, 26), 0, 0, 22,
                    "Tickets cost *five* €.", 0.9)
    answer = Answer("How much?", "Tickets cost *five* €.", (Segment("Tickets cost *five* €.", (1,)),), (cite,), False)
    abstain = Answer("Who won?", "The articles don't say.", (), (), True)
    md = conversation_markdown([{"question": "How much?", "answer": answer.to_dict()},
                                {"question": "Who won?", "answer": abstain.to_dict()}], "How much?")
    assert "## 1. How much?" in md and "## 2. Who won?" in md
    assert "Tickets cost \\*five\\* €. [1]" in md  # Markdown from articles is inert
    assert "[1] Ferry \\[news\\] (2024-03-26) <https://news.example/ferry>" in md
    assert "> Tickets cost \\*five\\* €." in md and "The articles don't say." in md
    assert Answer.from_dict(answer.to_dict()) == answer  # what the browser keeps comes back whole


def test_related_reading_does_not_repeat_the_headline_it_is_shown_under():
    text = "JetBlue bids for Spirit\n\nJetBlue Airways is buying Spirit Airlines for $3.8 billion."
    a = Answer("q", "The articles don't say.", (), (), True,
               related=(Passage("a1", "JetBlue bids for Spirit", "", None, text, 0.1, 0, len(text)),
                        Passage("a2", "Only a headline", "", None, "Only a headline", 0.1, 0, 15)))
    html = render_answer(a, {})
    assert html.count("JetBlue bids for Spirit") == 1 and "JetBlue Airways is buying" in html
    assert html.count("Only a headline") == 2  # nothing else to show: the passage stays as it is


def test_the_questions_offered_for_the_newest_articles_end_on_one_question_mark():
    """"What happened: America celebrated together at 200. We won't at 250.?" and "What happened: Seven-time Super Bowl
    champion Tom Brady officially announces ...?" were offered above the chat on RealTimeQA's store (session 31)."""
    from qa.web.text import suggested_question

    assert suggested_question("America celebrated together at 200. We won't at 250.") == (
        "What happened: America celebrated together at 200. We won't at 250?")
    assert suggested_question("Seven-time Super Bowl champion Tom Brady officially announces ...") == (
        "What happened: Seven-time Super Bowl champion Tom Brady officially announces?")
    assert suggested_question("Gas prices jump | CNN Business") == "What happened: Gas prices jump?"
    assert suggested_question("Is the heat wave over?") == "What happened: Is the heat wave over?"

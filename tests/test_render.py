"""What the chat shows: article text escaped, only the article's own http(s) link, context marked."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from qa.models import Answer, Citation, Passage, Segment
from qa.render import escape_text, paragraph_with_mark, render_answer, safe_url
from qa.server import parse_auth


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
    html = render_answer(_answer("https://news.example/story"), {"a1": "Sentence. More."})
    assert 'href="https://news.example/story"' in html and html.count("href=") == 1
    assert "Title &lt;i&gt;x&lt;/i&gt;" in html and "2024-03-26" in html and "<mark>Sentence.</mark>" in html
    assert "href" not in render_answer(_answer("javascript:alert(1)"), {"a1": "Sentence. More."})


def test_abstention_looks_different_and_lists_related_reading():
    a = Answer("q", "The articles don't say.", (), (), True,
               related=(Passage("a1", "T", "https://n.example/1", None, "Close <passage>.", 0.1),))
    html = render_answer(a, {})
    assert 'class="qa-abstained"' in html and "Related reading" in html and "Close &lt;passage&gt;." in html
    assert "qa-sources" not in html


def test_parse_auth():
    assert parse_auth("ann:secret:with:colons") == ("ann", "secret:with:colons")
    assert parse_auth(None) is None
    import pytest

    with pytest.raises(ValueError):
        parse_auth("nocolon")

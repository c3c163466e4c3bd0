"""Sentence splitting keeps exact offsets on any text and handles news conventions."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.text import PARAGRAPH_BREAK, normalize_text, split_sentences

pytestmark = pytest.mark.fast  # the fast tier: make test-fast

news_alphabet = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ .,!?;:'\"“”’()-—\n\t0123456789")
    + ["U.S.", "Mr.", "Dr. ", "p.m.", "é", "\u202e", "\u200d", "🙂", "ש", "\u0301", "\r\n", "\u00a0"]
)
any_text = st.one_of(st.text(max_size=400), st.lists(news_alphabet, max_size=200).map("".join))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_offsets_are_exact_on_arbitrary_text(raw):
    for text in (raw, normalize_text(raw)):
        sentences = split_sentences(text, "a")
        prev_end = 0
        for i, s in enumerate(sentences):
            assert s.index == i and s.article_id == "a"
            assert prev_end <= s.start < s.end <= len(text)
            piece = text[s.start : s.end]
            assert piece == piece.strip() and piece
            prev_end = s.end
        # every non-space character belongs to some sentence: what lies between them is blank
        assert all(not ch.strip() for gap in _gaps(text, sentences) for ch in gap)


def _gaps(text, sentences):
    pos = 0
    for s in sentences:
        yield text[pos : s.start]
        pos = s.end
    yield text[pos:]


@given(any_text)
def test_normalize_is_idempotent(raw):
    once = normalize_text(raw)
    assert normalize_text(once) == once
    assert "\r" not in once and "\n\n\n" not in once and "  " not in once


def _split(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_news_abbreviations_and_quotes():
    text = ('Mr. Smith met Gov. Newsom at the U.S. Capitol on Jan. 5. "It went well," he said. '
            "Dr. J. R. Ortiz agreed! Was it 5 p.m. already? Yes.")
    assert _split(text) == [
        "Mr. Smith met Gov. Newsom at the U.S. Capitol on Jan. 5.",
        '"It went well," he said.',
        "Dr. J. R. Ortiz agreed!",
        "Was it 5 p.m. already?",
        "Yes.",
    ]


def test_a_surname_stays_in_its_sentence():
    """Punkt ended "President George H.W." before "Bush" and "Republican J.D." before "Vance"."""
    text = ("They met at 9 a.m. The talks ended at noon. The game starts at 8 p.m. Saturday in Dallas. "
            "President George H.W. Bush appointed Republican J.D. Vance's teacher. Meet J.D. The new dog was there.")
    assert _split(text) == [
        "They met at 9 a.m.",
        "The talks ended at noon.",
        "The game starts at 8 p.m. Saturday in Dallas.",
        "President George H.W. Bush appointed Republican J.D. Vance's teacher.",
        "Meet J.D.",  # "The" starts a sentence, not a surname
        "The new dog was there.",
    ]


def test_a_line_broken_inside_a_sentence_is_joined_again():
    """Without blank lines every line is a paragraph, but a line that goes on with the sentence the last
    one left open is the same paragraph (SQuAD's formulas, text copied from a PDF): "2, as found in
    granite and quartz), aluminium (aluminium oxide Al" was cited as a sentence."""
    raw = ("Oxygen in the crust\nThe rock is made of silica SiO\n2, as found in granite. Engineers said the\n"
           "result was good.\nA new paragraph starts here.\n3 people agreed.")
    text = normalize_text(raw)
    assert text.split(PARAGRAPH_BREAK) == [
        "Oxygen in the crust",  # a headline before a capital stays a paragraph of its own
        "The rock is made of silica SiO 2, as found in granite. Engineers said the result was good.",
        "A new paragraph starts here.",
        "3 people agreed.",  # the line before it closed its sentence
    ]
    assert normalize_text(text) == text


def test_headlines_and_paragraph_breaks_end_sentences():
    text = normalize_text("BREAKING: Storm hits coast\n\nThe storm arrived at dawn\nResidents fled.")
    assert _split(text) == ["BREAKING: Storm hits coast", "The storm arrived at dawn Residents fled."]
    lines = normalize_text("Headline without stop\nFirst paragraph here.\nSecond one.")
    assert _split(lines) == ["Headline without stop", "First paragraph here.", "Second one."]

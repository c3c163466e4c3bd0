"""Pure text functions: canonical normalisation and sentence splitting with exact offsets."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sqlite3
import threading
import unicodedata

from .articles import Sentence

PARAGRAPH_BREAK = "\n\n"
_SPACES = re.compile(r"[^\S\n]+")  # whitespace except newline
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
# Zero-width and byte-order marks that carry no text; direction controls are kept (they are text).
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u00ad"), None)

# Abbreviations common in news that punkt's English model does not know.
_EXTRA_ABBREVIATIONS = {
    "gov", "sen", "rep", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "cpl", "pvt",
    "st", "ave", "blvd", "rd", "mt", "ft", "sr", "jr", "dr", "mr", "mrs", "ms", "prof", "rev",
    "hon", "pres", "supt", "det", "insp", "no", "nos", "vol", "fig", "approx", "dept", "univ",
    "assn", "bros", "co", "corp", "inc", "ltd", "vs", "etc", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "d.c", "a.m",
    "p.m", "ph.d", "calif", "fla", "mass", "penn", "wash", "tex", "ariz", "colo", "conn", "ill",
}


_SURROGATE = re.compile("[\ud800-\udfff]")


def is_valid_unicode(text: str) -> bool:
    """False when ``text`` holds a lone surrogate (JSON's ``"\\ud800"`` decodes to one): such a
    string cannot be encoded as UTF-8, stored or shown."""
    return _SURROGATE.search(text) is None


# a line that stops inside a sentence (no closing mark) and one that goes on with it (a small letter,
# a digit): text copied from a PDF or a wiki's formulas ("silica SiO\n2, as found in granite" made
# "2, as found in granite and quartz), aluminium (aluminium oxide Al" a sentence of its own)
_GOES_ON = re.compile(r"[^.!?:;\"”’)\]]$")
_CONTINUES = re.compile(r"[a-z0-9]")


def normalize_text(raw: str) -> str:
    """Return the canonical text: NFC, one space between words, paragraphs split by a blank line.

    If the input uses blank lines between paragraphs, single newlines inside a paragraph are soft
    wraps and become spaces; otherwise every line is a paragraph, except a line that goes on with
    the sentence the one before it left open (it starts with a small letter or a digit).
    """
    text = unicodedata.normalize("NFC", raw).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    if _BLANK_LINE.search(text):
        blocks = _BLANK_LINE.split(text)
        paragraphs = [_SPACES.sub(" ", b.replace("\n", " ")).strip() for b in blocks]
    else:
        paragraphs = []
        for line in (_SPACES.sub(" ", line).strip() for line in text.split("\n")):
            if line and paragraphs and _GOES_ON.search(paragraphs[-1]) and _CONTINUES.match(line):
                paragraphs[-1] += " " + line  # a line broken inside a sentence ("silica SiO\n2, as found in …")
            elif line:
                paragraphs.append(line)
    return PARAGRAPH_BREAK.join(p for p in paragraphs if p)


def content_hash(text: str) -> str:
    """Stable hash of canonical text (hex sha256)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=1)
def nltk_data() -> str:
    """The NLTK data llama-index-core installs as package data (punkt_tab and English stopwords),
    found through ``importlib.util.find_spec`` (the standard way to locate an installed package)
    without importing llama_index.core (seconds) and without NLTK's downloader (nothing reaches the
    network). One place: the sentence splitter and the stopwords both read it."""
    import importlib.util

    spec = importlib.util.find_spec("llama_index.core")
    base = list(spec.submodule_search_locations)[0] if spec and spec.submodule_search_locations else ""
    return os.path.join(base, "_static", "nltk_cache")


@functools.lru_cache(maxsize=1)
def _punkt():
    import nltk
    from nltk.tokenize.punkt import PunktTokenizer

    if nltk_data() not in nltk.data.path:
        nltk.data.path.insert(0, nltk_data())
    tokenizer = PunktTokenizer("english")
    tokenizer._params.abbrev_types.update(_EXTRA_ABBREVIATIONS)
    return tokenizer


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of canonical text (split at newlines)."""
    spans, pos = [], 0
    for part in text.split("\n"):
        start, end = pos, pos + len(part)
        pos = end + 1
        # trim surrounding whitespace so spans hold text only
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


# a time of day as news writes it, with its zone: "5:03 a.m. ET", "8 p.m." (a time stamp holds no words)
_ZONE = r"(?:[ECMP][SD]?T|GMT|UTC|BST|CET)"
CLOCK_TIME = re.compile(rf"\b\d{{1,2}}(?::\d\d)?\s*[ap]\.m\.(?:\s+{_ZONE}\b)?")
# where punkt ends a sentence that goes on, joined again: two initials before a surname ("George H.W.
# Bush", "Republican J.D. Vance", "spokesperson C.J. Karamargin"; 30 times in a third of RealTimeQA's
# corpus). Places and bodies written the same way often do end a sentence ("… came to the U.S. As of
# …"). Punkt also ends one after "p.m." before "ET" (50 times; not before "EST"): joined there too,
# the sentences read whole ("It splashed down at 12:40 p.m. ET Sunday in the Pacific Ocean …"), but
# the chunks of the 150 articles it touches change, and with them two answers at the edge of the
# threshold (RealTimeQA dev: answer in citations 0.824 -> 0.802, abstained 1.7% -> 2.5%; NOTES
# session 17): not joined.
_AT_CLOCK = re.compile(r"\d(?::\d\d)?\s*[ap]\.m\.$")
_ZONE_FIRST = re.compile(rf"^{_ZONE}\b")


def time_goes_on(before: str, after: str) -> bool:
    """Does the sentence punkt ended after a time of day ("It splashed down at 12:40 p.m.") go on in ``after``,
    its zone and the rest ("ET Sunday in the Pacific Ocean …")? Stored split (see above); the answer reads
    them as one sentence (``qa.evidence``)."""
    return bool(_AT_CLOCK.search(before.rstrip()) and _ZONE_FIRST.match(after.lstrip()))


# and a person's age said on its own after the sentence about them ("… died on Saturday at her home in Boston." / "She
# was 88.", as obituaries say it): too short to be a candidate on its own (``qa.furniture.MIN_WORDS``), it is read with
# the sentence before it ("How old was she?" cited the lead without it; session 24); so is one naming them by their
# surname ("Hesseman was 81.": "how old was he?" of the actor's death cited "… two Emmy nominations …"; RealTimeQA's
# store, session 38)
_AGE_ALONE = re.compile(r"^(?:He|She|They|(?!(?:It|This|That|There)\b)[A-Z][a-z'’-]+)\s+(?:was|is|were|are)\s+\d{1,3}\s*\.$")


def reads_on(before: str, after: str) -> bool:
    """Is ``after`` read as part of ``before`` in an answer: the rest of a sentence split after a time of day
    (``time_goes_on``), or a person's age said on its own ("She was 88.")?"""
    return time_goes_on(before, after) or bool(_AGE_ALONE.match(after.strip()))


_INITIALS = re.compile(r"(?:^|\s)([A-Z]\.[A-Z]\.)$")
_NOT_INITIALS = frozenset(["U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "L.A.", "N.Y.", "N.J.", "A.I."])
_NAME_START = re.compile(r"^[A-Z][a-z'’-]+\b")


def goes_on(before: str, after: str) -> bool:
    """Does the sentence punkt ended with ``before`` go on in ``after`` (a surname after two initials)?"""
    m = _INITIALS.search(before)
    name = _NAME_START.match(after)
    return bool(m and m.group(1) not in _NOT_INITIALS and name and name.group(0).lower() not in stopwords())


def split_sentences(text: str, article_id: str = "") -> list[Sentence]:
    """Split text into sentences whose offsets are exact: ``text[s.start:s.end]`` is the sentence.

    Paragraph breaks (newlines) always end a sentence, so headlines without a full stop stand alone.
    Works on any string (canonical or not); whitespace is never part of a sentence's edges. Punkt's
    breaks inside "George H.W. Bush" are joined again (``goes_on``).
    """
    tokenizer = _punkt()
    out: list[Sentence] = []
    for p_start, p_end in paragraph_spans(text):
        para = text[p_start:p_end]
        spans: list[tuple[int, int]] = []
        for a, b in tokenizer.span_tokenize(para):
            if spans and goes_on(para[spans[-1][0] : spans[-1][1]], para[a:b].lstrip()):
                spans[-1] = (spans[-1][0], b)
            else:
                spans.append((a, b))
        for a, b in spans:
            start, end = p_start + a, p_start + b
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                out.append(Sentence(article_id, len(out), start, end))
    return out


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    path = os.path.join(nltk_data(), "corpora", "stopwords", "english")
    try:
        with open(path, encoding="utf-8") as f:
            words = {w.strip() for w in f if w.strip()}
    except OSError:
        words = set()
    # "us", "new" and "won" stay content words in news (the US, New York, "Who won the World Cup?": NLTK
    # lists "won" for "won't"); every form of "say" is a stopword ("What did Gilad Erdan say?" never met
    # the article's "said": confidence 0.20 beside "Israeli Ambassador to the UN Gilad Erdan also slammed
    # the Security Council … and said, …"); nor the words of a request ("Summarize the cup final", "What
    # happened in the shootout?": the sentence that answers tells what happened without saying
    # "happened"; "tell" stays a word: "Tell us"; "against" too: "Who is against it?" is answered by
    # "Opposition leader Karl Brandt, whose party voted against the plan, …", session 21); nor "anyone",
    # "something" …: "Was anyone hurt?" weighed "anyone" above "hurt" and abstained beside "No one was hurt,
    # …" (session 22); nor "get": "How did the robbers get in?" cited another story's "\"We only get one first
    # flight,\" he said." (session 23); nor "ever": "What country elected its first-ever leftist leader this
    # week?" weighed "ever" (3.4) as a word the article must hold and abstained at 0.29 beside "Gustavo Petro will
    # become Colombia's first leftist leader, …" (session 29); nor "news", the word asking for it: "any news on flights?"
    # after "what's happening with the tram" was read in the tram's story, whose lead's "new" is the stemmer's "news"
    # (session 29). Read by queries only: the lexical index holds every word
    return frozenset((words | {"said", "says", "say", "saying", "would", "could", "also", "according", "just",
                               "describe", "explain", "summarize", "summarise", "summary", "overview",
                               "happen", "happened", "happens", "happening", "anyone", "anybody", "anything",
                               "someone", "somebody", "something", "everyone", "everybody", "everything",
                               "get", "gets", "got", "getting", "ever", "news",
                               # a stopword typed without its apostrophe ("whats the union asking for" held
                               # "what" as its rarest word and abstained at 0.23; session 22)
                               "whats", "wheres", "whos", "hows", "whens", "whys", "thats", "theres", "heres",
                               "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "couldnt",
                               "wouldnt", "shouldnt", "hasnt", "havent", "hadnt", "im", "ive", "youre", "theyre"})
                     - {"us", "new", "won", "against"})


FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"
_STEMMERS = threading.local()


def _fts_stemmer() -> sqlite3.Connection:
    """A private in-memory FTS5 table with the store's own tokenizer, one per thread."""
    conn = getattr(_STEMMERS, "conn", None)
    if conn is None:
        conn = sqlite3.connect(":memory:")
        conn.execute(f"CREATE VIRTUAL TABLE w USING fts5(x, tokenize = '{FTS_TOKENIZER}')")
        conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(w, 'instance')")
        _STEMMERS.conn = conn
    return conn


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The term SQLite FTS5's porter tokenizer makes of ``word`` (exactly what the BM25 indexes
    hold, so IDF can be read from their vocabulary). No NLTK import on the question path."""
    conn = _fts_stemmer()
    conn.execute("INSERT INTO w (rowid, x) VALUES (1, ?)", (word,))
    try:
        return "".join(t for (t,) in conn.execute("SELECT term FROM v ORDER BY offset"))
    finally:
        conn.execute("DELETE FROM w WHERE rowid = 1")

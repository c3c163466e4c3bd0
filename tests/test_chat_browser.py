"""Issue #14: the web chat as a person uses it, in real headless Chromium against the real app.
Each test drives the page (typing, clicking, reloading, resizing) and checks what is on screen;
screenshots go to test-output/ (light, dark, 400 px, article view)."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.conftest import NEWS, REPO, SPIRIT, SPIRIT_CONVERSATION, run_app
from tests.test_app import _chromium

OUT = REPO / "test-output"

CONVERSATION = [  # pronoun follow-ups; each answer must cite the fact after it
    ("Who visited Tehran on Tuesday?", "Haniyeh"),
    ("Who did he meet there?", "Iranian officials"),
    ("How many times has he visited Iran since the war began?", "second visit"),
]
# an answer of several sentences (the first question's sentence holds all its words and is cited alone)
SEVERAL_SOURCES = "What did Hamas say about the UN resolution?"


@pytest.fixture(scope="module")
def app(tmp_path_factory, seed_path):
    tmp = tmp_path_factory.mktemp("chat")
    d = tmp / "news"
    d.mkdir()
    for name, text in {**NEWS, **SPIRIT}.items():
        (d / name).write_text(text, encoding="utf-8")
    (d / "haniyeh-tehran.txt").write_bytes(seed_path.read_bytes())
    with run_app(tmp / "store", tmp / "app.log", {}, ("--ingest", str(d))) as url:
        yield {"url": url, "log": tmp / "app.log"}


@pytest.fixture()
def page(app):
    d = _chromium()
    # a clipboard the test can read (headless Chromium has none): the page's own copy code wraps it
    d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        window.__copied = [];
        Object.defineProperty(navigator, 'clipboard', {value: {writeText: (t) => { window.__copied.push(t); return Promise.resolve(); }}});
    """})
    d.get(app["url"] + "/")
    yield d
    d.quit()


def _wait(d, cond, timeout=60):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(d, timeout).until(lambda _: cond())


def _bots(d):
    from selenium.webdriver.common.by import By

    return d.find_elements(By.CSS_SELECTOR, "#qa-chat [data-testid='bot']")


def ask(d, question: str):
    """Type a question, press Enter, wait for its finished answer; returns the answer element."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    n = len(_bots(d))
    box = _wait(d, lambda: d.find_element(By.CSS_SELECTOR, "#qa-question textarea"))
    box.send_keys(question)
    box.send_keys(Keys.ENTER)
    _wait(d, lambda: len(_bots(d)) > n and _bots(d)[-1].find_elements(By.CSS_SELECTOR, ".qa-answer, .qa-abstained, .qa-empty"))
    _wait(d, lambda: not d.find_elements(By.CSS_SELECTOR, "#qa-chat .qa-draft"))
    return _bots(d)[-1]


def test_three_turn_conversation_uses_the_conversation_like_the_api(app, page):
    from selenium.webdriver.common.by import By

    history = []
    for question, fact in CONVERSATION:
        bot = ask(page, question)
        cited = " ".join(m.text for m in bot.find_elements(By.CSS_SELECTOR, ".qa-citation mark"))
        api = httpx.post(app["url"] + "/api/ask", json={"question": question, "history": history}, timeout=60).json()
        assert not api["abstained"] and fact in " ".join(c["text"] for c in api["citations"]), (question, api["answer"])
        assert fact in cited, (question, bot.text[:400])
        assert bot.find_element(By.CSS_SELECTOR, ".qa-answer").text.startswith(api["answer"][:40])
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": api["answer"]}]
    OUT.mkdir(exist_ok=True)
    page.save_screenshot(str(OUT / "chat-light.png"))


def test_a_follow_up_in_the_chat_stays_in_the_story_it_was_answered_from(app, page):
    """The chat hands each earlier answer back with its citations: "How much will the deal cost?"
    after JetBlue's answer cites JetBlue's price, not Frontier's earlier deal."""
    from selenium.webdriver.common.by import By

    for question, first, never in SPIRIT_CONVERSATION:
        bot = ask(page, question)
        cited = [m.text for m in bot.find_elements(By.CSS_SELECTOR, ".qa-citation mark")]
        answer_first = bot.find_element(By.CSS_SELECTOR, ".qa-answer").text.split("[", 1)[0]  # up to its marker
        assert cited and first in answer_first, (question, bot.text[:400])
        assert never is None or not any(never in c for c in cited), (question, bot.text[:400])


def assert_each_answer_starts_with(page, turns) -> None:
    """Each (question, fact) asked in turn in the chat: the fact in the answer's first sentence (up to its marker)."""
    from selenium.webdriver.common.by import By

    for question, first in turns:
        bot = ask(page, question)
        answer_first = bot.find_element(By.CSS_SELECTOR, ".qa-answer").text.split("[", 1)[0]  # up to its marker
        assert first in answer_first, (question, bot.text[:400])


def test_a_conversation_that_moves_between_stories_follows_it(app, page):
    """A person moves on ("Back to the bakery: …", "And the rover's findings?") and asks about the new story
    with a pronoun: "Where were they published?" cited JetBlue's deal, the story first answered from, not
    "The findings were published …" (session 22)."""
    assert_each_answer_starts_with(page, [("Which airline is buying Spirit?", "JetBlue"),
                                          ("Back to the bakery: how many loaves does it sell?", "400 loaves"),
                                          ("And the rover's findings?", "ancient lake"),
                                          ("Where were they published?", "Science Advances")])


def test_a_short_question_naming_another_story_moves_the_conversation_there(app, page):
    """"What's the latest on the bakery?" after questions about Spirit is short and names nothing: it was read as
    one more follow-up of Spirit, and "Who owns it?" after it was searched with Spirit's words
    (seen in the chat with a wildfire after a fine, session 23)."""
    assert_each_answer_starts_with(page, [("Which airline is buying Spirit?", "JetBlue"),
                                          ("How much is it paying?", "$3.8 billion"),
                                          ("What's the latest on the bakery?", "Little Hadham"),
                                          ("Who owns it?", "Tom Reeve")])


def test_small_talk_gets_a_plain_reply_and_the_conversation_goes_on_past_it(app, page):
    """"hi" got "⚠ The articles don't say." and three articles at random; "thanks" after an answer was searched as a
    follow-up and cited the story's lead again (session 27). Each gets a line of its own, shown without a warning, and
    the next follow-up is still about the story before it."""
    from selenium.webdriver.common.by import By

    from qa.small_talk import GREETING, THANKS

    hello = ask(page, "hi")
    assert hello.find_element(By.CSS_SELECTOR, ".qa-answer").text == GREETING, hello.text[:300]
    assert not hello.find_elements(By.CSS_SELECTOR, ".qa-abstained, .qa-related, .qa-citation"), hello.text[:300]
    assert_each_answer_starts_with(page, [("Which airline is buying Spirit?", "JetBlue")])
    thanks = ask(page, "thanks!")
    assert thanks.find_element(By.CSS_SELECTOR, ".qa-answer").text == THANKS and "⚠" not in thanks.text
    assert_each_answer_starts_with(page, [("How much is it paying?", "$3.8 billion"),
                                          ("great, thanks. What will happen to the Spirit brand?", "retire")])


def test_what_is_in_the_news_cites_the_newest_articles_and_the_chat_goes_on(app, page):
    """"What's in the news?" got "⚠ The articles don't say." (session 27): the newest three articles' first sentences,
    each cited from its own article; a question after it starts a conversation of its own."""
    from selenium.webdriver.common.by import By

    bot = ask(page, "What's in the news?")
    assert not bot.find_elements(By.CSS_SELECTOR, ".qa-abstained"), bot.text[:400]
    markers = bot.find_elements(By.CSS_SELECTOR, ".qa-answer .qa-ref")
    titles = {c.find_element(By.XPATH, "./*[self::a or self::b][not(starts-with(normalize-space(.), '['))]").text
              for c in bot.find_elements(By.CSS_SELECTOR, ".qa-citation")}
    assert len(markers) == 3 and len(titles) == 3, bot.text[:600]
    # story by story, one item each with its own marker (they ran on as one paragraph; session 28)
    items = bot.find_elements(By.CSS_SELECTOR, ".qa-answer li")
    assert len(items) == 3 and all(i.find_elements(By.CSS_SELECTOR, ".qa-ref") for i in items), bot.text[:600]
    assert_each_answer_starts_with(page, [("Which airline is buying Spirit?", "JetBlue"),
                                          ("How much is it paying?", "$3.8 billion")])


def test_tell_me_more_shows_the_story_s_next_sentences(app, page):
    """"Tell me more" in the chat: the next sentences of the article just answered from, none of them
    shown already (it searched again and cited the same lead; session 21)."""
    from selenium.webdriver.common.by import By

    def cited(bot):  # the sentences shown, and the headlines of their sources
        return ({m.text for m in bot.find_elements(By.CSS_SELECTOR, ".qa-citation mark")},
                {c.find_element(By.XPATH, "./*[self::a or self::b][not(starts-with(normalize-space(.), '['))]").text
                 for c in bot.find_elements(By.CSS_SELECTOR, ".qa-citation")})

    first, first_from = cited(ask(page, CONVERSATION[0][0]))
    more, more_from = cited(ask(page, "Tell me more"))
    assert first and len(more) >= 2 and not first & more, (first, more)
    assert more_from == first_from and len(first_from) == 1, (first_from, more_from)


def test_a_reload_keeps_the_conversation_and_new_ones_can_be_reopened(app, page):
    from selenium.webdriver.common.by import By

    first = ask(page, CONVERSATION[0][0]).text
    page.refresh()
    _wait(page, lambda: len(_bots(page)) == 1)
    assert _bots(page)[0].text.split("\n")[0] == first.split("\n")[0]
    page.find_element(By.ID, "qa-new").click()
    _wait(page, lambda: len(_bots(page)) == 0)
    ask(page, "When did the bakery win the national sourdough prize?")
    # reopen the first conversation from the list of earlier ones
    page.find_element(By.CSS_SELECTOR, "#qa-earlier input").click()
    option = _wait(page, lambda: [o for o in page.find_elements(By.CSS_SELECTOR, "[data-testid='dropdown-option']")
                                 if CONVERSATION[0][0][:30] in (o.get_attribute("aria-label") or o.text)])[0]
    option.click()
    _wait(page, lambda: len(_bots(page)) == 1 and "Haniyeh" in _bots(page)[0].text)


def test_clicking_a_marker_brings_its_source_into_view_and_hover_shows_the_sentence(app, page):
    from selenium.webdriver.common.by import By

    bot = ask(page, SEVERAL_SOURCES)
    refs = bot.find_elements(By.CSS_SELECTOR, "a.qa-ref")
    assert len(refs) >= 2, bot.text
    ref = refs[1]
    target_id = ref.get_attribute("href").split("#", 1)[1]
    target = page.find_element(By.ID, target_id)
    assert ref.get_attribute("title") and ref.get_attribute("title")[:30] in target.text
    page.execute_script("document.querySelector('#qa-chat .bubble-wrap, #qa-chat [role=log]')?.scrollTo(0, 0); window.scrollTo(0, 0)")
    ref.click()
    time.sleep(0.8)
    visible = page.execute_script("""
        const r = arguments[0].getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;""", target)
    assert visible, "source [2] not brought into view"


def test_the_article_view_highlights_the_cited_sentence(app, page):
    from selenium.webdriver.common.by import By

    bot = ask(page, CONVERSATION[0][0])
    first_mark = bot.find_element(By.CSS_SELECTOR, ".qa-citation mark").text
    link = bot.find_element(By.CSS_SELECTOR, "a.qa-read").get_attribute("href")
    page.get(link)
    hl = page.find_element(By.ID, "hl")
    assert hl.text == first_mark
    assert page.execute_script("const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight;", hl)
    assert not page.find_elements(By.TAG_NAME, "script")
    OUT.mkdir(exist_ok=True)
    page.save_screenshot(str(OUT / "article-view.png"))


def test_copy_gives_text_with_its_sources_not_html(app, page):
    from selenium.webdriver.common.by import By

    bot = ask(page, CONVERSATION[0][0])
    row = page.execute_script("return arguments[0].closest('.message-row') || arguments[0].parentElement.parentElement", bot)
    button = [b for b in row.find_elements(By.CSS_SELECTOR, "button") if b.get_attribute("aria-label") == "Copy message"]
    if not button:  # the copy button sits beside the message, in its row's footer
        button = [b for b in page.find_elements(By.CSS_SELECTOR, "#qa-chat button[aria-label='Copy message']")][-1:]
    button[0].click()
    copied = _wait(page, lambda: page.execute_script("return window.__copied"))[-1]
    assert "<" not in copied and "Sources:" in copied and "[1]" in copied and "Haniyeh" in copied, copied


def test_delete_twice_is_never_an_error(app, page):
    from selenium.webdriver.common.by import By

    r = httpx.post(app["url"] + "/api/articles", json={"articles": [{"id": "gone-twice", "title": "Gone twice",
                                                                      "text": "This article will be deleted twice."}]})
    assert r.status_code == 200
    page.refresh()
    _wait(page, lambda: page.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Articles')]")).click()
    pick = _wait(page, lambda: page.find_element(By.CSS_SELECTOR, "#qa-delete-id input"))
    pick.click()
    option = _wait(page, lambda: [o for o in page.find_elements(By.CSS_SELECTOR, "[data-testid='dropdown-option']")
                                  if "Gone twice" in (o.get_attribute("aria-label") or o.text)])[0]
    option.click()
    for _ in range(2):  # the second time it is already gone (as if another tab deleted it)
        page.find_element(By.ID, "qa-delete").click()
        yes = _wait(page, lambda: [b for b in page.find_elements(By.ID, "qa-delete-yes") if b.is_displayed()] or
                    ("already gone" in _status(page) or "Pick" in _status(page)))
        if isinstance(yes, list):
            yes[0].click()
        _wait(page, lambda: "Deleted" in _status(page) or "Nothing" in _status(page) or "already" in _status(page)
              or "Pick" in _status(page))
        assert httpx.delete(app["url"] + "/api/articles/gone-twice").status_code == 404
    assert not page.find_elements(By.CSS_SELECTOR, ".error, .toast-body.error, [data-testid='toast-body']")


def _status(page) -> str:
    from selenium.webdriver.common.by import By

    return page.find_element(By.CSS_SELECTOR, "#qa-status textarea").get_attribute("value") or ""


def _contrast(page, element) -> float:
    """WCAG contrast of an element's text colour against the first opaque background behind it."""
    return page.execute_script("""
        const el = arguments[0];
        const parse = c => c.match(/[\\d.]+/g).map(Number);
        const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                                      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
        let bg = null, node = el;
        while (node && node.nodeType === 1) {
          const c = parse(getComputedStyle(node).backgroundColor);
          if (c.length < 4 || c[3] > 0.9) { bg = c; break; }
          node = node.parentElement;
        }
        bg = bg || [255, 255, 255];
        const fg = parse(getComputedStyle(el).color);
        const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
        return (a + 0.05) / (b + 0.05);""", element)


def test_dark_mode_is_readable(app):
    from selenium.webdriver.common.by import By

    d = _chromium()
    try:
        d.get(app["url"] + "/?__theme=dark")
        bot = ask(d, CONVERSATION[0][0])
        quote = bot.find_element(By.CSS_SELECTOR, ".qa-citation blockquote")
        answer = bot.find_element(By.CSS_SELECTOR, ".qa-answer")
        assert _contrast(d, quote) >= 4.5 and _contrast(d, answer) >= 4.5
        OUT.mkdir(exist_ok=True)
        d.save_screenshot(str(OUT / "chat-dark.png"))
    finally:
        d.quit()


def test_a_400_px_window_uses_its_width(app):
    from selenium.webdriver.common.by import By

    d = _chromium()
    try:
        d.set_window_size(400, 900)
        d.get(app["url"] + "/")
        bot = ask(d, CONVERSATION[0][0])
        width = d.execute_script("return document.documentElement.clientWidth")
        assert d.execute_script("return document.documentElement.scrollWidth") <= width
        chat = d.find_element(By.ID, "qa-chat").rect["width"]
        assert bot.rect["width"] >= 0.9 * chat, (bot.rect["width"], chat)
        # notices with nothing to say take no room: "Limit questions to…" follows the question box
        # (72 px of empty blocks between them before)
        box = d.find_element(By.ID, "qa-question").rect
        limits = [b for b in d.find_elements(By.CSS_SELECTOR, "button, .label-wrap") if "Limit questions to" in b.text][0]
        assert limits.rect["y"] - (box["y"] + box["height"]) <= 40, (box, limits.rect)
        OUT.mkdir(exist_ok=True)
        d.save_screenshot(str(OUT / "chat-400px.png"))
    finally:
        d.quit()


def test_the_article_list_s_headers_each_read_on_one_line(app):
    """A folder of files has no dates or sources: "published" and "source" shrank to one letter a line ("p u b l i s h
    e d") in the Articles tab at 1200 px (Chromium, session 29). Each header's text reads on one line, at 1200 px and at
    400 px (the table scrolls sideways there)."""
    from selenium.webdriver.common.by import By

    lines = """
        return [...document.querySelectorAll('#qa-articles thead th')].map(th => {
          const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
          let n, most = 0, text = '';
          while ((n = walker.nextNode())) {
            if (!n.textContent.trim()) continue;
            const r = document.createRange(); r.selectNodeContents(n);
            most = Math.max(most, new Set([...r.getClientRects()].map(x => Math.round(x.top))).size);
            text += n.textContent.trim();
          }
          return [text, most];
        });"""
    d = _chromium()
    try:
        for width in (1200, 400):
            d.set_window_size(width, 1800)
            d.get(app["url"] + "/")
            _wait(d, lambda: d.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Articles')]")).click()
            _wait(d, lambda: "published" in d.find_element(By.ID, "qa-articles").text, timeout=20)
            headers = d.execute_script(lines)
            assert [h for h, _ in headers if h] and all(n == 1 for _, n in headers), (width, headers)
        OUT.mkdir(exist_ok=True)
        d.save_screenshot(str(OUT / "articles-400px.png"))
    finally:
        d.quit()


def test_each_new_answer_is_shown_from_its_start_in_a_400_px_window(app):
    """A person in a narrow window asks one question after another and reads each answer without
    scrolling for it. Before: Gradio's autoscroll stopped following from the second or third question
    on (the new answer below the fold behind a "↓" button), and where it followed, a long answer was
    shown from its end."""
    d = _chromium()
    try:
        d.set_window_size(400, 900)
        d.get(app["url"] + "/")
        for question in [q for q, _ in CONVERSATION] + [SEVERAL_SOURCES]:
            ask(d, question)
            time.sleep(1)  # Gradio's own scrolling came 300 ms after an update
            top, bottom, asked, answered = d.execute_script("""
                const wrap = document.querySelector('#qa-chat .bubble-wrap').getBoundingClientRect();
                const q = [...document.querySelectorAll("#qa-chat [data-testid='user']")].pop().getBoundingClientRect();
                const a = [...document.querySelectorAll("#qa-chat [data-testid='bot']")].pop().getBoundingClientRect();
                return [wrap.top, wrap.bottom, q.top, a.top];""")
            # the question and the start of its answer are in the chat's view, the answer's start in
            # the window's too (typing scrolled the page down to the question box)
            assert top - 1 <= asked < bottom and max(top, 0) <= answered < bottom - 40, (question, top, bottom, asked, answered)
        OUT.mkdir(exist_ok=True)
        d.save_screenshot(str(OUT / "chat-400px-fourth-answer.png"))
    finally:
        d.quit()


def _meaning(page, where: str = "qa-meaning-articles") -> str:
    return page.execute_script(f"const e = document.getElementById('{where}'); return e ? e.textContent.trim() : ''")


def test_a_30_article_upload_is_searchable_at_once_and_meaning_follows(app, page, tmp_path):
    """Issue 17 in the browser: 30 files in, the status says they are searchable by their words
    within seconds, a question about one of them is answered while stage 2 runs (the chat tab says
    how far it is), and the "searchable by meaning" figure rises to complete."""
    import re

    from selenium.webdriver.common.by import By

    masters = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Oyelaran", "Castellanos", "Brannigan", "Vasquez",
               "Holmberg", "Achterberg", "Delacroix", "Nakamura", "Petrovic", "Quintero", "Rasmussen", "Szabo",
               "Thorvaldsen", "Umarov", "Valdivia", "Wojcik", "Xiang", "Yilmaz", "Zubiri", "Abernathy", "Bellweather",
               "Cardenas", "Dunmore", "Esterhazy", "Fairbanks", "Gallagher"]
    files = []
    for i in range(30):
        body = " ".join(f"Paragraph {j} of report {i}: the harbour authority of town {i} counted {100 + j} ships "
                        f"and {i * 7 + j} cranes at berth {j}, officials said on Monday." for j in range(80))
        path = tmp_path / f"report-{i:02d}.txt"
        path.write_text(f"Harbour report {i}\n\nThe harbour master of town {i}, Mrs {masters[i]}, opened a new quay "
                        f"this week. {body}", encoding="utf-8")
        files.append(str(path))
    _wait(page, lambda: page.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Articles')]")).click()
    page.find_element(By.CSS_SELECTOR, "#qa-upload input[type=file]").send_keys("\n".join(files))
    _wait(page, lambda: len(page.find_elements(By.CSS_SELECTOR, "#qa-upload .file-preview tr, #qa-upload .file")) >= 30
          or "30" in page.find_element(By.ID, "qa-upload").text)
    t0 = time.time()
    page.find_element(By.ID, "qa-add-files").click()
    _wait(page, lambda: "Added 30" in _status(page), timeout=120)
    stage_one_s = time.time() - t0
    assert "searchable by their words" in _status(page)
    assert not page.find_elements(By.CSS_SELECTOR, "#qa-upload .file-preview tr")  # the box cleared
    figures = []

    def watch():
        m = re.search(r"(\d+) of (\d+) articles searchable by meaning", _meaning(page))
        if m:
            figures.append((int(m.group(1)), int(m.group(2))))
        return m
    _wait(page, watch, timeout=30)
    OUT.mkdir(exist_ok=True)
    page.save_screenshot(str(OUT / "upload-meaning-progress.png"))
    _wait(page, lambda: page.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Chat')]")).click()
    bot = ask(page, "Who is the harbour master of town 17?")
    during = httpx.get(app["url"] + "/api/embedding", timeout=30).json()
    chat_line = _meaning(page, "qa-meaning")
    assert masters[17] in bot.text.split("Sources")[0], bot.text
    assert not during["complete"], (f"stage 2 finished before the answer came (stage 1 took {stage_one_s:.0f} s): "
                                    "the test proved nothing")
    assert "searchable by meaning" in chat_line, chat_line
    page.save_screenshot(str(OUT / "chat-during-embedding.png"))
    _wait(page, lambda: page.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Articles')]")).click()
    deadline = time.time() + 600
    while time.time() < deadline and not _meaning(page).startswith("All "):
        watch()
        time.sleep(0.5)
    assert re.fullmatch(r"All \d+ articles searchable by meaning\.", _meaning(page)), _meaning(page)
    done = [f[0] for f in figures]
    assert done == sorted(done) and len(set(done)) >= 2, figures  # it rose while we watched
    assert _meaning(page, "qa-meaning") == ""  # the chat tab's line goes once all is done


def test_answers_show_their_scope_and_questions_can_be_limited_to_chosen_articles(app, page):
    from selenium.webdriver.common.by import By

    _wait(page, lambda: [b for b in page.find_elements(By.CSS_SELECTOR, "button, .label-wrap")
                         if "Limit questions to" in b.text])[0].click()
    _wait(page, lambda: page.find_element(By.CSS_SELECTOR, "#qa-chosen input")).click()
    option = _wait(page, lambda: [o for o in page.find_elements(By.CSS_SELECTOR, "[data-testid='dropdown-option']")
                                  if "Rover finds ancient lake bed" in (o.get_attribute("aria-label") or o.text)])[0]
    option.click()
    _wait(page, lambda: "1 chosen article" in page.find_element(By.ID, "qa-active-scope").text)
    bot = ask(page, "When did the bakery win the national sourdough prize?")
    assert "Limited to" in bot.text and "Rover finds ancient lake bed on Mars" in bot.text, bot.text
    assert bot.find_elements(By.CSS_SELECTOR, ".qa-abstained"), "a question outside the chosen article was answered"
    bot = ask(page, "How deep below the surface is the layered sediment?")
    assert "20 metres" in bot.text and "Limited to" in bot.text


def test_the_article_list_follows_changes_made_elsewhere(app, page):
    from selenium.webdriver.common.by import By

    _wait(page, lambda: page.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Articles')]")).click()
    _wait(page, lambda: "articles" in (page.find_element(By.CSS_SELECTOR, "#qa-count textarea, #qa-count input")
                                       .get_attribute("value") or ""))
    r = httpx.post(app["url"] + "/api/articles", json={"articles": [{"id": "elsewhere-1", "title": "Added elsewhere",
                                                                      "text": "Another tab or the CLI added this."}]})
    assert r.status_code == 200
    _wait(page, lambda: "Added elsewhere" in page.find_element(By.ID, "qa-articles").text, timeout=20)
    assert httpx.delete(app["url"] + "/api/articles/elsewhere-1").status_code == 200
    _wait(page, lambda: "Added elsewhere" not in page.find_element(By.ID, "qa-articles").text, timeout=20)


def test_no_user_action_left_a_traceback_in_the_log(app):
    """Runs last in this module: nothing the walk above did (deletes twice, stale choices,
    reloads) was logged as a crash."""
    text = app["log"].read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text and "Exception in ASGI application" not in text, text[-3000:]


def test_an_empty_store_says_so_and_points_to_the_articles_tab(tmp_path):
    with run_app(tmp_path / "store", tmp_path / "app.log") as url:
        d = _chromium()
        try:
            d.get(url + "/")
            bot = ask(d, "Who won the election?")
            assert "No articles yet" in bot.text and "Articles" in bot.text, bot.text
            assert "don't say" not in bot.text
        finally:
            d.quit()

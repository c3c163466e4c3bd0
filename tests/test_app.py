"""The real app (FastAPI + Gradio) in its own process on a free loopback port: HTTP API, gradio_client
and a real headless Chromium."""

import json
import os
import shutil
import tempfile

import httpx
import pytest

from tests.conftest import DEMO_DIALOGUES, REPO, run_app

OUT = REPO / "test-output"
APP: dict = {}


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    store = tmp_path_factory.mktemp("app") / "store"
    APP["store"] = store
    with run_app(store, tmp_path_factory.mktemp("log") / "app.log", {"QA_MAX_UPLOAD_MB": "1"}) as url:
        yield url


def upload(url, name, data: bytes, wait: bool = False):
    return httpx.post(url + "/api/articles" + ("?wait=true" if wait else ""), files={"file": (name, data)}, timeout=120)


@pytest.fixture(scope="module")
def seeded(app_url, seed_path):
    r = upload(app_url, "haniyeh-tehran.txt", seed_path.read_bytes(), wait=True)
    assert r.status_code == 200, r.text
    assert r.json()["embedding"]["complete"], r.json()  # wait=true: back once searchable by meaning
    return app_url


def test_upload_returns_after_stage_one_and_meaning_follows(seeded):
    """An upload is answerable from its words when the reply comes; its vectors follow behind, and
    GET /api/embedding (the job to poll) and /api/health say how far."""
    import time

    records = [{"id": f"port-{i}", "title": f"Port report {i}",
                "text": " ".join(f"Berth {j} of port {i} handled {1000 + 37 * i + j} containers on Monday, "
                                 f"the harbour master of port {i} said." for j in range(60))} for i in range(6)]
    r = httpx.post(seeded + "/api/articles", json={"articles": records}, timeout=120)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["counts"]["added"] == 6 and body["counts"]["chunks_embedded"] == 0
    assert body["embedding"]["articles"] >= 7 and body["embedding"]["embedded"] < body["embedding"]["articles"]
    ans = httpx.post(seeded + "/api/ask", json={"question": "How many containers did berth 4 of port 3 handle?"},
                     timeout=60).json()
    figures = []
    deadline = time.time() + 300
    while time.time() < deadline:
        job = httpx.get(seeded + "/api/embedding", timeout=30).json()
        figures.append(job["embedded"])
        if job["complete"]:
            break
        assert job["error"] is None and "searchable by meaning" in job["message"]
        time.sleep(0.3)
    assert job["complete"] and job["embedded"] == job["articles"], job
    assert figures == sorted(figures)  # it only rises
    assert "1115" in " ".join(c["text"] for c in ans["citations"]), ans  # 1000 + 37*3 + 4
    assert ans["coverage"]["articles"] == job["articles"]
    assert httpx.get(seeded + "/api/health", timeout=30).json()["searchable_by_meaning"].startswith("All ")
    for i in range(6):
        assert httpx.delete(seeded + f"/api/articles/port-{i}", timeout=60).status_code == 200


def test_gradio_client_and_http_api_agree(seeded):
    from gradio_client import Client

    q = "Who is the spokesman of Iran's foreign ministry?"
    via_http = httpx.post(seeded + "/api/ask", json={"question": q}, timeout=60).json()
    client = Client(seeded + "/", verbose=False)
    via_gradio = client.predict(q, "[]", "{}", api_name="/ask")
    if isinstance(via_gradio, str):
        via_gradio = json.loads(via_gradio)
    assert via_http["abstained"] is False
    assert any("Kanaani" in c["text"] for c in via_http["citations"])
    assert via_gradio["answer"] == via_http["answer"]
    strip = lambda cs: [{k: v for k, v in c.items() if k != "score"} for c in cs]  # noqa: E731
    assert strip(via_gradio["citations"]) == strip(via_http["citations"])


@pytest.mark.parametrize("turns,fact", DEMO_DIALOGUES)
def test_conversations_over_http_answer_their_last_turn(seeded, turns, fact):
    """The HTTP API held as a chat holds it: the history carries every earlier turn and answer."""
    from qa.dialogues import converse, is_right

    def ask(question, history, filters=None):
        r = httpx.post(seeded + "/api/ask", json={"question": question, "history": history}, timeout=60)
        assert r.status_code == 200, r.text
        return r.json()

    last = converse(ask, tuple(turns))
    assert is_right(last, (fact,)), (turns, last["query"], last["answer"])


def test_paste_panel_through_gradio_client(seeded):
    from gradio_client import Client

    client = Client(seeded + "/", verbose=False)
    jsonl = json.dumps({"id": "pasted-1", "title": "Ferry strike", "text": "Ferry crews struck for 36 hours on Monday."})
    status, *_ = client.predict(jsonl, "", api_name="/paste")
    assert "Added 1" in status, status
    status, *_ = client.predict("   ", "", api_name="/paste")
    assert "Paste" in status
    assert "pasted-1" in [a["id"] for a in httpx.get(seeded + "/api/articles").json()["articles"]]
    assert httpx.delete(seeded + "/api/articles/pasted-1").status_code == 200


def test_upload_ask_delete(seeded):
    text = ("Harbour bridge reopens\n\nThe Kestrel harbour bridge reopened on Sunday after a two-year repair "
            "that cost 48 million euros, the city said.")
    r = upload(seeded, "bridge.txt", text.encode())
    assert r.status_code == 200 and r.json()["counts"]["added"] == 1, r.text
    arts = httpx.get(seeded + "/api/articles").json()["articles"]
    bridge = next(a for a in arts if a["title"] == "Harbour bridge reopens")
    ans = httpx.post(seeded + "/api/ask", json={"question": "How much did the Kestrel bridge repair cost?"}, timeout=60).json()
    assert not ans["abstained"] and "48 million euros" in ans["citations"][0]["text"]
    assert ans["citations"][0]["article_id"] == bridge["id"]
    r = httpx.delete(seeded + "/api/articles/" + bridge["id"])
    assert r.status_code == 200 and r.json() == {"deleted": [bridge["id"]]}
    assert bridge["id"] not in [a["id"] for a in httpx.get(seeded + "/api/articles").json()["articles"]]
    again = httpx.post(seeded + "/api/ask", json={"question": "How much did the Kestrel bridge repair cost?"}, timeout=60).json()
    assert all(c["article_id"] != bridge["id"] for c in again["citations"])
    assert httpx.delete(seeded + "/api/articles/" + bridge["id"]).status_code == 404


def test_json_articles_body(seeded):
    r = httpx.post(seeded + "/api/articles", json={"articles": [
        {"id": "json-1", "title": "Owl census", "text": "Volunteers counted 312 barn owls in the county this spring.", "published": "2024-05-01"},
        {"title": "missing text"},
    ]}, timeout=60)
    body = r.json()
    assert r.status_code == 200 and body["added"] == ["json-1"] and body["failed"][0]["source"] == "articles[1]"
    assert httpx.delete(seeded + "/api/articles/json-1").status_code == 200


@pytest.mark.parametrize("call,status,needle", [
    (lambda u: httpx.post(u + "/api/ask", json={"question": ""}), 400, "empty"),
    (lambda u: httpx.post(u + "/api/ask", json={"question": "x" * 10_000}), 400, "limit"),
    (lambda u: httpx.post(u + "/api/ask", json={}), 400, "question"),
    (lambda u: httpx.post(u + "/api/ask", json={"question": "hi", "filters": {"since": "yesterday"}}), 400, "since"),
    (lambda u: upload(u, "photo.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(2000)), 400, "PNG"),
    (lambda u: upload(u, "noise.txt", b"\x00" * 100 + os.urandom(1000)), 400, "binary"),
    (lambda u: upload(u, "big.txt", b"word " * 300_000), 413, "limit"),
    (lambda u: upload(u, "x.exe", b"MZ"), 400, "unsupported"),
    (lambda u: httpx.delete(u + "/api/articles/nope"), 404, "nope"),
])
def test_errors_are_json(app_url, call, status, needle):
    r = call(app_url)
    assert r.status_code == status, r.text
    body = r.json()
    assert body["status"] == status and needle in body["error"]


def test_store_locked_by_another_writer_is_409(seeded):
    from index.store import Store

    other = Store(APP["store"])  # this test process plays the second writer
    with other.write_lock():
        r = httpx.post(seeded + "/api/articles", json={"articles": [{"text": "Blocked while locked."}]}, timeout=60)
    assert r.status_code == 409 and "another process" in r.json()["error"]
    ok = httpx.post(seeded + "/api/ask", json={"question": "Who is the spokesman of Iran's foreign ministry?"}, timeout=60)
    assert ok.status_code == 200  # reading goes on


def test_follow_up_over_http(seeded):
    history = [{"role": "user", "content": "Who is the spokesman of Iran's foreign ministry?"},
               {"role": "assistant", "content": "Nasser Kanaani [1]"}]
    r = httpx.post(seeded + "/api/ask", json={"question": "What did he call the resolution?", "history": history}, timeout=60)
    assert r.status_code == 200 and any("positive step" in c["text"] for c in r.json()["citations"])


def test_upload_names_never_become_paths(seeded, tmp_path):
    r = upload(seeded, "../../evil name ✓.txt", b"Escape attempt\n\nThe upload tried to climb out of its folder.")
    assert r.status_code == 200, r.text
    art = next(a for a in httpx.get(seeded + "/api/articles").json()["articles"] if "climb" not in a["title"] and a["title"].startswith("Escape"))
    assert ".." not in art["id"]
    httpx.delete(seeded + "/api/articles/" + art["id"])


def test_openapi_docs(app_url):
    spec = httpx.get(app_url + "/openapi.json").json()
    assert {"/api/ask", "/api/articles", "/api/health"} <= set(spec["paths"])
    assert httpx.get(app_url + "/docs").status_code == 200


HOSTILE = (
    "Lighthouse keeper retires\n\n"
    "The Gull Point lighthouse keeper, Ada Penrose, retired on Friday after 41 years <script>window.__pwned = 1</script> "
    "<img src=x onerror=\"window.__pwned = 2\"> [click](http://evil.example) ![x](http://evil.example/t.png).\n\n"
    "She said the light would now be automated."
)


def _chromium():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chrome = shutil.which("chromium") or "/usr/bin/chromium"
    driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not (os.path.exists(chrome) and os.path.exists(driver)):
        pytest.skip("Debian chromium + chromium-driver are not installed (.ci/run installs them)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chrome
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--no-first-run",
              "--window-size=1280,1300", f"--user-data-dir={tempfile.mkdtemp(prefix='qa-chromium-')}"]:
        opts.add_argument(a)
    return webdriver.Chrome(service=Service(driver), options=opts)


def _ask_in_browser(d, url: str, question: str) -> None:
    """Open the app, type the question, press Enter, wait until a cited sentence is shown."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    d.get(url + "/")
    wait = WebDriverWait(d, 60)
    box = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#qa-question textarea")))
    box.send_keys(question)
    box.send_keys(Keys.ENTER)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#qa-chat .qa-citation mark")))


def test_browser_chat_shows_cited_sentence_and_runs_no_article_script(seeded):
    from selenium.webdriver.common.by import By

    assert upload(seeded, "lighthouse.txt", HOSTILE.encode()).status_code == 200
    d = _chromium()
    try:
        _ask_in_browser(d, seeded, "When did the Gull Point lighthouse keeper retire?")
        marks = [m.text for m in d.find_elements(By.CSS_SELECTOR, "#qa-chat .qa-citation mark")]
        cited = next((m for m in marks if "retired on Friday after 41 years" in m), None)
        assert cited is not None, marks
        assert "<script>" in cited and "onerror" in cited  # shown as text
        chat = d.find_element(By.ID, "qa-chat")
        assert "[1]" in chat.text and "Lighthouse keeper retires" in chat.text
        assert d.execute_script("return window.__pwned === undefined")
        assert not chat.find_elements(By.CSS_SELECTOR, "script, img[src='x'], iframe")
        hrefs = [a.get_attribute("href") for a in chat.find_elements(By.TAG_NAME, "a")]
        assert not any("evil.example" in (h or "") for h in hrefs)
        OUT.mkdir(exist_ok=True)
        d.save_screenshot(str(OUT / "chat-answer.png"))
        assert (OUT / "chat-answer.png").stat().st_size > 10_000
    finally:
        d.quit()


LATEX = ("Bridge safety report\n\n"
         "The mayor said the Kestrel bridge is $$\\phantom{not}$$ safe for lorries "
         "$$\\color{red}{\\Huge INJECTED}$$ from Monday, the council confirmed.\n\n"
         "Engineers will inspect it again in spring.")


def test_browser_latex_in_an_article_shows_as_literal_text(seeded):
    """Issue #13 row: article text is never rendered as LaTeX (\\phantom could hide a word inside a
    cited quote, \\color{…}\\Huge could show injected text)."""
    from selenium.webdriver.common.by import By

    assert upload(seeded, "bridge-safety.txt", LATEX.encode()).status_code == 200
    d = _chromium()
    try:
        _ask_in_browser(d, seeded, "Is the Kestrel bridge safe for lorries?")
        chat = d.find_element(By.ID, "qa-chat")
        marks = [m.text for m in chat.find_elements(By.CSS_SELECTOR, ".qa-citation mark")]
        cited = next((m for m in marks if "Kestrel bridge" in m), None)
        assert cited is not None, marks
        assert "$$\\phantom{not}$$" in cited and "$$\\color{red}{\\Huge INJECTED}$$" in cited, cited
        assert not chat.find_elements(By.CSS_SELECTOR, ".katex, .katex-display, math, mjx-container")
    finally:
        d.quit()


def test_browser_markdown_and_html_ids_in_the_status_line_stay_text(seeded):
    """Issue #13 row: an id from input shown in the Articles tab's status line is text: no link, no
    remote image fetched, no element made from it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    evil = "[click](https://evil.example/) ![x](http://127.0.0.1:9/b.png) <b>bold</b>"
    d = _chromium()
    try:
        d.get(seeded + "/")
        wait = WebDriverWait(d, 60)
        tab = wait.until(EC.element_to_be_clickable((By.XPATH, "//button[@role='tab' and contains(., 'Articles')]")))
        tab.click()
        paste = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#qa-paste textarea")))
        # the same id twice with different text: the status line names the id in its reason
        lines = [json.dumps({"id": evil, "title": "Evil id", "text": "A record with a hostile id was pasted."}),
                 json.dumps({"id": evil, "title": "Evil id", "text": "Another text under the same hostile id."})]
        paste.send_keys("\n".join(lines))
        d.find_element(By.ID, "qa-add-text").click()
        status = d.find_element(By.ID, "qa-status")
        value = lambda: status.find_element(By.TAG_NAME, "textarea").get_attribute("value") or ""  # noqa: E731
        wait.until(lambda _: "Added 1" in value())
        assert evil in value(), value()  # shown literally
        assert not status.find_elements(By.CSS_SELECTOR, "a, img, b")
        assert not d.find_elements(By.CSS_SELECTOR, "img[src*='127.0.0.1:9'], a[href*='evil.example']")
        OUT.mkdir(exist_ok=True)
        d.save_screenshot(str(OUT / "articles-status.png"))
        assert httpx.delete(seeded + "/api/articles/" + evil).status_code == 200
    finally:
        d.quit()


def test_docs_work_offline(app_url):
    """/docs loads Swagger UI's script and style from the app itself, never from a CDN."""
    import re

    page = httpx.get(app_url + "/docs").text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(a.startswith("/docs-assets/") for a in assets), assets
    for a in assets:
        r = httpx.get(app_url + a)
        assert r.status_code == 200 and len(r.content) > (100 if a.endswith(".png") else 10_000), a
    assert "/openapi.json" in page

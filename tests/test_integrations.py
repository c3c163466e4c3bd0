"""The engine inside other apps, each through the client that software really uses: the `openai`
package against the app's /v1 endpoint, the `mcp` SDK's client over stdio (`qa mcp`) and over
streamable HTTP (the app's /mcp), LlamaIndex's own query and chat APIs, and the wheel installed
into a fresh virtual environment. Every citation is checked against the article's text at its
offsets. The README's "Use it from your app" examples are copied from these tests."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO, free_port, run_app, serve

USER, PASSWORD = "reader", "open-sesame"
BASIC = {"Authorization": "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()}
FOLLOW_UP = [("Who is Nasser Kanaani?", "Kanaani"), ("What did he call the resolution?", "positive step")]
OFF_TOPIC = "How much do ferry tickets to Oslo cost?"


@pytest.fixture(scope="module")
def app(tmp_path_factory, seed_path):
    """The real app with a login (QA_AUTH), the demo article uploaded and embedded."""
    store = tmp_path_factory.mktemp("integrations") / "store"
    with run_app(store, store.parent / "app.log", {"QA_AUTH": f"{USER}:{PASSWORD}"}) as url:
        r = httpx.post(url + "/api/articles?wait=true", headers=BASIC, timeout=300,
                       files={"file": ("haniyeh-tehran.txt", seed_path.read_bytes())})
        assert r.status_code == 200, r.text
        yield url


def article_text(url: str, article_id: str) -> str:
    r = httpx.get(f"{url}/api/articles/{article_id}", headers=BASIC, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()["text"]


def assert_exact(citations: list[dict], text_of) -> None:
    assert citations, "expected citations"
    for c in citations:
        assert text_of(c["article_id"])[c["start"]:c["end"]] == c["text"], c


# ----------------------------------------------------------------------------- Python and HTTP


def test_python_and_http_examples(app, tmp_path, seed_path):
    store = tmp_path / "store"
    # --- README: Python
    from qa import Assistant

    assistant = Assistant.open(store=store)
    assistant.ingest([seed_path])                 # files or folders: .txt .md .html .json .jsonl .pdf
    answer = assistant.ask("Who is Nasser Kanaani?")
    print(answer.to_text())                       # the answer with [n] markers, then its sources
    for c in answer.citations:                    # c.text == the article's text[c.start:c.end]
        print(c.n, c.article_id, c.start, c.end, c.text)
    # ---
    assert "Kanaani" in answer.text and not answer.abstained
    assert_exact([c.to_dict() for c in answer.citations], lambda aid: assistant.article(aid).article.text)

    # --- README: HTTP
    r = httpx.post(f"{app}/api/ask", json={"question": "Who is Nasser Kanaani?"}, auth=(USER, PASSWORD))
    reply = r.json()                              # the Answer schema: "answer", "citations", "abstained", ...
    # ---
    assert r.status_code == 200 and reply["answer"] == answer.text
    assert_exact(reply["citations"], lambda aid: article_text(app, aid))


def readme_blocks() -> dict[str, str]:
    """The examples of this file marked for the README (between "# --- README: <name>" and "# ---")."""
    import textwrap

    lines, blocks, name = Path(__file__).read_text().splitlines(), {}, None
    for line in lines:
        tag = line.strip()
        if tag.startswith("# --- README: "):
            name, body = tag.removeprefix("# --- README: "), []
        elif tag == "# ---" and name:
            blocks[name] = textwrap.dedent("\n".join(body)).strip()
            name = None
        elif name:
            body.append(line)
    return blocks


@pytest.mark.fast
def test_readme_examples_are_the_tested_ones():
    """Each "Use it from your app" example in the README is copied from a test here that runs it."""
    readme = (REPO / "README.md").read_text()
    blocks = readme_blocks()
    assert set(blocks) == {"Python", "HTTP", "OpenAI-compatible", "MCP (stdio)", "MCP (HTTP)", "LlamaIndex"}
    for name, code in blocks.items():
        assert code in readme, f"README.md lacks the tested {name} example (copy it from {Path(__file__).name}):\n{code}"


# ----------------------------------------------------------------------------- OpenAI-compatible


def test_openai_client_plain_and_streamed(app):
    import openai

    # --- README: OpenAI-compatible
    client = openai.OpenAI(base_url=f"{app}/v1", api_key=PASSWORD)   # the api_key is QA_AUTH's password
    completion = client.chat.completions.create(
        model="article-qa", messages=[{"role": "user", "content": "Who did Haniyeh meet in Tehran?"}])
    print(completion.choices[0].message.content)   # the answer with [n] markers, then "Sources:"
    citations = completion.answer["citations"]     # extra field: the checked answer (the /api/ask schema)
    # ---
    assert [m.id for m in client.models.list().data] == ["article-qa"]
    content = completion.choices[0].message.content
    assert "[1]" in content and "\n\nSources:\n[1] " in content and completion.choices[0].finish_reason == "stop"
    assert not completion.answer["abstained"]
    assert_exact(citations, lambda aid: article_text(app, aid))
    for c in citations:  # every cited sentence is in the text a plain client shows
        assert f'"{c["text"]}"' in content

    stream = client.chat.completions.create(
        model="article-qa", stream=True, messages=[{"role": "user", "content": "Who did Haniyeh meet in Tehran?"}])
    chunks = list(stream)
    streamed = "".join(ch.choices[0].delta.content or "" for ch in chunks if ch.choices)
    assert streamed == content  # the same reply, streamed
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].answer["citations"] == citations


def test_openai_follow_up_abstention_and_errors(app):
    import openai

    client = openai.OpenAI(base_url=f"{app}/v1", api_key=PASSWORD)
    (q1, fact1), (q2, fact2) = FOLLOW_UP
    first = client.chat.completions.create(model="article-qa", messages=[{"role": "user", "content": q1}])
    assert fact1 in first.choices[0].message.content
    follow = client.chat.completions.create(model="article-qa", messages=[
        {"role": "system", "content": "You are a helpful assistant."},  # front ends send one: ignored
        {"role": "user", "content": q1},
        {"role": "assistant", "content": first.choices[0].message.content},
        {"role": "user", "content": [{"type": "text", "text": q2}]},  # content as parts, as some clients send
    ])
    assert fact2 in follow.choices[0].message.content, follow.choices[0].message.content
    assert "Kanaani" in follow.answer["query"]  # made self-contained from the earlier messages
    assert_exact(follow.answer["citations"], lambda aid: article_text(app, aid))

    off = client.chat.completions.create(model="article-qa", messages=[{"role": "user", "content": OFF_TOPIC}])
    assert off.answer["abstained"] and off.answer["citations"] == []
    assert off.choices[0].message.content.startswith("The articles don't say")
    assert off.choices[0].finish_reason == "stop"  # an ordinary reply, not an error
    related = off.answer["related"]  # reading offered instead: whole sentences, exact, never cut short
    assert related and all(article_text(app, p["article_id"])[p["start"]:p["end"]] == p["text"] for p in related)
    for p in related:  # the passage's first whole sentences, up to 400 characters
        assert len(p["text"]) <= 400 and p["text"].rstrip()[-1] in '.!?"”’', p["text"]
    assert all(f"- {p['title']}" in off.choices[0].message.content for p in related)

    with pytest.raises(openai.AuthenticationError) as bad_key:
        openai.OpenAI(base_url=f"{app}/v1", api_key="wrong", max_retries=0).chat.completions.create(
            model="article-qa", messages=[{"role": "user", "content": q1}])
    assert bad_key.value.status_code == 401 and "Bearer" in bad_key.value.body["message"]
    with pytest.raises(openai.NotFoundError) as no_model:
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q1}])
    assert "article-qa" in no_model.value.body["message"]
    with pytest.raises(openai.BadRequestError) as not_a_question:
        client.chat.completions.create(model="article-qa", messages=[{"role": "assistant", "content": "Hello"}])
    assert "messages[0]" in not_a_question.value.body["message"]


# ----------------------------------------------------------------------------- MCP


async def _mcp_session_calls(session, text_of) -> None:
    """The same checks over either transport: the four tools, an answer whose citations are exact,
    passages and an article with a highlighted sentence, an error for an unknown article."""
    tools = {t.name: t for t in (await session.list_tools()).tools}
    assert set(tools) == {"ask", "search", "list_articles", "get_article"}
    for t in tools.values():  # descriptions a model can choose by
        assert len(t.description) > 80 and t.annotations.readOnlyHint

    result = await session.call_tool("ask", {"question": "Who is Nasser Kanaani?"})
    assert not result.isError
    answer = result.structuredContent
    assert "Kanaani" in answer["answer"] and not answer["abstained"]
    assert result.content[0].text.startswith(answer["answer"]) and "Sources:" in result.content[0].text
    assert_exact(answer["citations"], text_of)

    follow = await session.call_tool("ask", {"question": FOLLOW_UP[1][0], "history": [
        {"role": "user", "content": FOLLOW_UP[0][0]}, {"role": "assistant", "content": answer["answer"]}]})
    assert FOLLOW_UP[1][1] in follow.structuredContent["answer"]

    off = await session.call_tool("ask", {"question": OFF_TOPIC})
    assert off.structuredContent["abstained"] and not off.isError

    found = (await session.call_tool("search", {"query": "hostages held in Gaza", "k": 3})).structuredContent["passages"]
    assert found and all(text_of(p["article_id"])[p["start"]:p["end"]] == p["text"] for p in found)

    listed = (await session.call_tool("list_articles", {})).structuredContent
    assert listed["total"] == 1
    aid = listed["articles"][0]["id"]
    c = answer["citations"][0]
    got = await session.call_tool("get_article", {"article_id": aid, "first_sentence": c["sentence_index"]})
    h = got.structuredContent["highlight"]
    assert got.structuredContent["text"] == text_of(aid)
    assert (h["start"], h["end"], h["text"]) == (c["start"], c["end"], c["text"])

    missing = await session.call_tool("get_article", {"article_id": "no-such-article"})
    assert missing.isError and "no article with id 'no-such-article'" in missing.content[0].text


def test_mcp_over_stdio(tmp_path, seed_path):
    """`qa mcp --store S` as a desktop client starts it: a subprocess speaking MCP on stdio."""
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    store = tmp_path / "store"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    subprocess.run([sys.executable, "-m", "qa", "ingest", str(seed_path), "--store", str(store), "-q"],
                   check=True, env=env, cwd=tmp_path, timeout=300)

    def text_of(aid: str) -> str:
        return _stored_text(store, aid)

    async def main():
        # --- README: MCP (stdio)
        server = StdioServerParameters(command=sys.executable, args=["-m", "qa", "mcp", "--store", str(store)], env=env)
        async with stdio_client(server) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            result = await session.call_tool("ask", {"question": "Who is Nasser Kanaani?"})
            print(result.content[0].text)                   # the answer with [n] markers, then "Sources:"
            citations = result.structuredContent["citations"]  # the /api/ask schema
            # ---
            assert_exact(citations, text_of)
            await _mcp_session_calls(session, text_of)

    asyncio.run(asyncio.wait_for(main(), 300))


def _stored_text(store: Path, article_id: str) -> str:
    """An article's stored text, read straight from the store's SQLite file (not through the code under test)."""
    import sqlite3

    with sqlite3.connect(f"file:{store / 'meta.sqlite'}?mode=ro", uri=True) as db:
        return db.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]


def test_mcp_over_http_in_the_app(app):
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async def main():
        # --- README: MCP (HTTP)
        auth = {"Authorization": f"Bearer {PASSWORD}"}  # or HTTP Basic; none when QA_AUTH is unset
        async with httpx.AsyncClient(headers=auth, timeout=300) as http, \
                streamable_http_client(f"{app}/mcp", http_client=http) as (read, write, _), \
                ClientSession(read, write) as session:
            await session.initialize()
            tools = await session.list_tools()               # ask, search, list_articles, get_article
            # ---
            assert len(tools.tools) == 4
            await _mcp_session_calls(session, lambda aid: article_text(app, aid))

    asyncio.run(asyncio.wait_for(main(), 300))
    # the same login as the API: without it, nothing is answered
    r = httpx.post(f"{app}/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
                   headers={"Accept": "application/json, text/event-stream"})
    assert r.status_code == 401


# ----------------------------------------------------------------------------- LlamaIndex


def test_llamaindex_engines(assistant, seed_path):
    from llama_index.core.base.llms.types import MessageRole

    from qa.llamaindex import ArticleChatEngine, ArticleQueryEngine, ArticleRetriever

    assistant.ingest([seed_path])
    text = {s.article.id: s.article.text for s in assistant.articles()}

    def exact(nodes) -> None:
        assert nodes
        for n in nodes:
            node = n.node
            assert node.ref_doc_id == node.metadata["article_id"] and node.ref_doc_id in text
            assert text[node.ref_doc_id][node.start_char_idx:node.end_char_idx] == node.text

    # --- README: LlamaIndex
    engine = ArticleQueryEngine(assistant=assistant)
    response = engine.query("Who is Nasser Kanaani?")
    print(response.response)                     # the checked answer, with [n] markers
    for node in response.source_nodes:           # node i is the sentence cited as [i+1]
        print(node.node.ref_doc_id, node.node.start_char_idx, node.node.end_char_idx, node.node.text)
    chat = ArticleChatEngine(assistant)
    chat.chat("Who is Nasser Kanaani?")
    streamed = chat.stream_chat("What did he call the resolution?")
    for token in streamed.response_gen:
        print(token, end="")
    # ---
    assert "Kanaani" in response.response and not response.metadata["abstained"]
    exact(response.source_nodes)
    assert [n.node.metadata["n"] for n in response.source_nodes] == list(range(1, len(response.source_nodes) + 1))
    assert "positive step" in streamed.response and streamed.response == str(streamed)
    exact(streamed.source_nodes)
    assert [m.role for m in chat.chat_history] == [MessageRole.USER, MessageRole.ASSISTANT] * 2

    again = chat.chat("What did he call the resolution?", chat_history=chat.chat_history[:2])
    assert "positive step" in again.response
    exact(again.source_nodes)

    off = engine.query(OFF_TOPIC)
    assert off.metadata["abstained"] and off.source_nodes == [] and off.response.startswith("The articles don't say")

    async def async_apis():
        a = await engine.aquery("Who is Nasser Kanaani?")
        exact(a.source_nodes)
        fresh = ArticleChatEngine(assistant)
        s = await fresh.astream_chat("Who is Nasser Kanaani?")
        return a.response, "".join([t async for t in s.async_response_gen()]), s.source_nodes

    aresponse, astreamed, anodes = asyncio.run(async_apis())
    assert aresponse == response.response and astreamed == response.response
    exact(anodes)

    nodes = ArticleRetriever(assistant, top_k=3).retrieve("hostages held in Gaza")
    exact(nodes)
    assert all(n.node.node_id for n in nodes)


# ----------------------------------------------------------------------------- the wheel


def test_wheel_installs_into_a_fresh_venv(tmp_path, seed_path):
    """`python -m build` makes a wheel that, installed into a new virtual environment, gives the `qa`
    command and `import qa` with nothing from this checkout. The new venv gets the dependencies by a
    path to the dev venv's installed packages with every trace of this project taken out (installing
    torch and the rest again from the registry would take minutes and is not what is tested)."""
    import shutil
    import sysconfig

    dist, src = tmp_path / "dist", tmp_path / "src"  # built from a copy: setuptools writes build/ into its source
    shutil.copytree(REPO, src, ignore=shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info",
                                                                 "test-output", "__pycache__", ".*_cache"))
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(src)],
                   check=True, capture_output=True, timeout=600, cwd=tmp_path)
    (wheel,) = dist.glob("article_qa-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("qa/") for n in names) and any(n.startswith("index/lexical/") for n in names)
    assert not any(n.startswith(("tests/", "bench/")) for n in names), "the wheel must carry the engine only"

    deps = tmp_path / "deps"
    deps.mkdir()
    site = Path(sysconfig.get_paths()["purelib"])
    ours = ("qa", "index", "article_qa", "__editable__", "_article_qa")
    for entry in site.iterdir():
        if not entry.name.startswith(ours) and not entry.name.endswith(".pth"):
            (deps / entry.name).symlink_to(entry)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    vpy = venv / "bin" / "python"
    vsite = Path(subprocess.run([str(vpy), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                capture_output=True, text=True, check=True).stdout.strip())
    (vsite / "dependencies.pth").write_text(str(deps) + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["HF_HUB_OFFLINE"] = "1"
    subprocess.run([str(vpy), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                   check=True, env=env, cwd=tmp_path, timeout=300)
    where = subprocess.run([str(vpy), "-c", "import qa, index; print(qa.__file__); print(index.__file__)"],
                           capture_output=True, text=True, check=True, env=env, cwd=tmp_path).stdout.split()
    assert all(Path(w).is_relative_to(vsite) for w in where), where  # the installed copy, not the checkout

    qa_cmd = str(venv / "bin" / "qa")
    store = tmp_path / "store"
    subprocess.run([qa_cmd, "ingest", str(seed_path), "--store", str(store), "-q"], check=True, env=env,
                   cwd=tmp_path, timeout=300)
    out = subprocess.run([qa_cmd, "ask", "Who is Nasser Kanaani?", "--store", str(store), "--json"],
                         capture_output=True, text=True, check=True, env=env, cwd=tmp_path, timeout=300)
    answer = json.loads(out.stdout)
    assert "Kanaani" in answer["answer"] and not answer["abstained"]
    assert_exact(answer["citations"], lambda aid: _stored_text(store, aid))

    # the app from the wheel alone (no app.py there): qa serve
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with serve([qa_cmd, "serve", "--store", str(store), "--port", str(port)], url + "/api/health",
               tmp_path / "serve.log", env, cwd=tmp_path):
        reply = httpx.post(url + "/api/ask", json={"question": "Who is Nasser Kanaani?"}, timeout=120).json()
        assert reply["answer"] == answer["answer"]
        assert httpx.get(url + "/", timeout=30).status_code == 200  # the chat UI

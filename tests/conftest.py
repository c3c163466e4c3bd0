"""Shared fixtures: the real bundled model (loaded once), real Chroma stores in tmp folders."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("project", deadline=None)
settings.load_profile("project")

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EVAL = SHARED / "eval"
SEED = EVAL / "seed" / "haniyeh-tehran.txt"


def need_shared(path: Path) -> Path:
    """Skip (with the reason) when the shared evaluation data is not beside the checkout."""
    if not path.exists():
        pytest.skip(f"shared evaluation data not found at {path} (only present on the team's machines)")
    return path


@pytest.fixture(scope="session")
def embedder():
    from qa.assistant import load_embedder
    from qa.config import default_cache_dir

    # the same arguments as an Assistant's own: one model per process, shared
    return load_embedder(None, os.environ.get("QA_EMBED_BACKEND", "onnx"), default_cache_dir())


@pytest.fixture()
def assistant(tmp_path, embedder):
    from qa.assistant import Assistant
    from qa.config import Config

    return Assistant(Config.from_env(store=tmp_path / "store"), embedder=embedder)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return need_shared(SEED)


NEWS = {
    "mars.txt": (
        "Rover finds ancient lake bed on Mars\n\n"
        "NASA's Perseverance rover found clear signs of an ancient lake in Jezero Crater, scientists said on Monday. "
        "The rover's radar saw layered sediment 20 metres below the surface.\n\n"
        "Dr. Lena Ortiz, who leads the radar team at the U.S. space agency, said the layers formed over millions of years. "
        "\"This is the best evidence yet of standing water,\" she said.\n\n"
        "The findings were published in the journal Science Advances."
    ),
    "bakery.txt": (
        "Village bakery wins national bread prize\n\n"
        "A family bakery in the village of Little Hadham won the national sourdough prize on Saturday. "
        "Owner Tom Reeve said the winning loaf uses flour milled two miles away.\n\n"
        "The bakery, founded in 1921, sells about 400 loaves a day. "
        "Judges praised its crust and open crumb."
    ),
}

# two stories on one subject (ours): a follow-up about "the deal" after an answer from one of them
# must stay in that story, not take the other's
SPIRIT = {
    "frontier.txt": (
        "Frontier to buy Spirit\n\n"
        "Frontier Airlines is buying its rival Spirit Airlines in a $2.9 billion deal announced on Monday, the budget "
        "carriers said. The merged airline will fly to 145 destinations. Shares of both rose.\n"
    ),
    "jetblue.txt": (
        "JetBlue bids for Spirit\n\n"
        "JetBlue Airways is buying Spirit Airlines for $3.8 billion after Frontier walked away, the New York carrier "
        "said on Thursday. The deal needs approval from regulators. JetBlue will retire the Spirit brand.\n"
    ),
}
SPIRIT_CONVERSATION = [  # (question, what its first cited sentence says, what no cited sentence may say)
    ("Which airline is buying Spirit?", "JetBlue", None),
    ("How much will the deal cost?", "$3.8 billion", "$2.9 billion"),
    # the answered story does not say: the other story's sentence is cited, first (not its lead, which
    # holds the headline's news "Frontier": a quantity question's sentence that holds a number leads)
    ("How many destinations will the merged airline fly to?", "145 destinations", None),
]


@pytest.fixture()
def news_dir(tmp_path) -> Path:
    d = tmp_path / "news"
    d.mkdir()
    for name, text in NEWS.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(argv: list[str], ready_url: str, log_path: Path, env: dict | None = None, timeout: float = 180,
          cwd: Path = REPO):
    """Run a real server process (app.py, llama.cpp's server, ...) until ``ready_url`` answers 200;
    stop it afterwards. Fails the test with the end of its log if it exits or never gets ready."""
    import subprocess
    import time

    import httpx

    log = open(log_path, "w+")  # noqa: SIM115 - lives as long as the server
    proc = subprocess.Popen(argv, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT, cwd=cwd)
    try:
        deadline = time.time() + timeout
        while time.time() < deadline:
            with contextlib.suppress(httpx.HTTPError):  # not listening yet
                if httpx.get(ready_url, timeout=2).status_code == 200:
                    break
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail(f"{argv[1]} exited: {log.read()[-3000:]}")
            time.sleep(0.5)
        else:
            pytest.fail(f"{argv[1]} was not ready in {timeout:.0f} s")
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@contextlib.contextmanager
def run_app(store: Path, log_path: Path, env: dict | None = None, args: tuple[str, ...] = ()):
    """The real app (app.py) on a free loopback port; yields its base URL. Ready when /api/health
    answers (with QA_AUTH set: when the login page does)."""
    import sys

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {"QA_STORE": str(store), "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", **(env or {})}
    ready = url + ("/" if env.get("QA_AUTH") else "/api/health")
    with serve([sys.executable, str(REPO / "app.py"), "--port", str(port), *args], ready, log_path, env):
        yield url


# Conversations on the demo article (ours), each scored on its last turn: pronoun and ellipsis
# follow-ups, a three-turn chain, and a change of subject that must not inherit the old one
DEMO_DIALOGUES = [
    (["Who is Nasser Kanaani?", "What did he call the resolution?"], "positive step"),
    (["Tell me about Haniyeh's visit to Tehran.", "Who did he meet there?"], "Iranian officials"),
    (["How many hostages are held in Gaza?", "Since when?"], "October 7"),
    (["What did the United States do in the UN vote?", "Which ally did that upset?"], "ally Israel"),
    (["Who is Gilad Erdan?", "What did he slam?"], "slammed the Security Council"),
    (["Who is Benjamin Netanyahu?", "What does Hamas say he is responsible for?"], "thwarting all negotiation"),
    (["Who is Ismail Haniyeh?", "How many times has he visited Iran since the war began?"], "second visit"),
    (["Who is Ismail Haniyeh?", "What did his group call for?", "And what did Israel reject?"], "permanent ceasefire"),
    (["Who is Nasser Kanaani?", "How many Palestinians have been killed in the war?"], "32,000"),
]


PG_BIN = Path("/usr/lib/postgresql/15/bin")


@contextlib.contextmanager
def postgres_server():
    """A real PostgreSQL (Debian's) in a temporary folder on a free loopback port, run as the
    ``postgres`` user when we are root (initdb refuses root); yields its URL. Skips, saying why,
    when PostgreSQL is not installed."""
    import subprocess
    import tempfile

    bin_ = PG_BIN if PG_BIN.exists() else Path(shutil.which("pg_ctl") or "/nonexistent").parent
    initdb, pg_ctl = str(bin_ / "initdb"), str(bin_ / "pg_ctl")
    if not Path(initdb).exists():
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql; .ci/run does)")
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="qa-pg-"))
    if as_user:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", free_port()
    subprocess.run([*as_user, initdb, "-D", str(data), "-A", "trust", "-U", "qa", "--no-sync", "-E", "UTF8"],
                   check=True, capture_output=True, timeout=120)
    opts = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    subprocess.run([*as_user, pg_ctl, "-D", str(data), "-o", opts, "-l", str(folder / "server.log"), "-w", "start"],
                   check=True, capture_output=True, timeout=120)
    try:
        import psycopg

        with psycopg.connect(f"postgresql://qa@127.0.0.1:{port}/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE qa")
        yield f"postgresql://qa@127.0.0.1:{port}/qa"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def _chroma_cli() -> str:
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    if not Path(exe).exists():
        pytest.skip("the chroma CLI (from the chromadb package) is not installed")
    return exe


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    data = tmp_path_factory.mktemp("chroma-server")
    with serve([_chroma_cli(), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
               url + "/api/v2/heartbeat", data.parent / f"{data.name}.log", timeout=60):
        yield url


@pytest.fixture(scope="session")
def postgres_url():
    """One real PostgreSQL for the session (each store keeps its own schema in it)."""
    with postgres_server() as url:
        yield url

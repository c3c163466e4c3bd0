"""What each way in costs, side by side in one run: the same questions through the HTTP API
(/api/ask), the OpenAI-compatible endpoint (the `openai` client, plain and streamed), MCP over
streamable HTTP (the `mcp` client) and MCP over stdio (`qa mcp`), against one app on loopback.

    python -m bench.integrations --articles ../shared/eval/seed/haniyeh-tehran.txt --rounds 20

Prints p50/p95 per way in and its ratio to /api/ask (the machine is shared: read the ratios).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.scale import _port, _wait

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = ["Who is Nasser Kanaani?", "Who did Haniyeh meet in Tehran?", "How many Palestinians has the war killed?",
             "What did the United States do in the UN vote?", "How much do ferry tickets to Oslo cost?"]


def pct(xs: list[float], p: int) -> float:
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))], 1)


def timed(fn, rounds: int) -> list[float]:
    fn(QUESTIONS[0])  # warm
    out = []
    for i in range(rounds):
        t0 = time.perf_counter()
        fn(QUESTIONS[i % len(QUESTIONS)])
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", nargs="+", required=True)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args(argv)
    import openai
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client
    from mcp.client.streamable_http import streamable_http_client

    store = Path(tempfile.mkdtemp(prefix="qa-bench-int-")) / "store"
    subprocess.run([sys.executable, "-m", "qa", "ingest", *args.articles, "--store", str(store), "-q"], check=True)
    port = _port()
    url = f"http://127.0.0.1:{port}"
    app = subprocess.Popen([sys.executable, str(REPO / "app.py"), "--store", str(store), "--port", str(port)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results: dict[str, list[float]] = {}
    try:
        _wait(url + "/api/health", app)
        http = httpx.Client(timeout=120)
        results["/api/ask"] = timed(lambda q: http.post(url + "/api/ask", json={"question": q}).raise_for_status(), args.rounds)
        client = openai.OpenAI(base_url=url + "/v1", api_key="none")
        msg = lambda q: [{"role": "user", "content": q}]  # noqa: E731
        results["/v1 plain"] = timed(lambda q: client.chat.completions.create(model="article-qa", messages=msg(q)), args.rounds)
        results["/v1 streamed"] = timed(lambda q: list(client.chat.completions.create(
            model="article-qa", messages=msg(q), stream=True)), args.rounds)

        async def mcp_rounds(session) -> list[float]:
            await session.initialize()
            await session.call_tool("ask", {"question": QUESTIONS[0]})
            out = []
            for i in range(args.rounds):
                t0 = time.perf_counter()
                await session.call_tool("ask", {"question": QUESTIONS[i % len(QUESTIONS)]})
                out.append((time.perf_counter() - t0) * 1000)
            return out

        async def over_http() -> list[float]:
            async with httpx.AsyncClient(timeout=120) as h, streamable_http_client(url + "/mcp", http_client=h) as (r, w, _), \
                    ClientSession(r, w) as s:
                return await mcp_rounds(s)

        async def over_stdio() -> list[float]:
            params = StdioServerParameters(command=sys.executable, args=["-m", "qa", "mcp", "--store", str(store)])
            async with stdio_client(params) as (r, w), ClientSession(r, w) as s:
                return await mcp_rounds(s)

        results["MCP http"] = asyncio.run(over_http())
        app.terminate()  # the stdio server opens the store alone
        app.wait(30)
        results["MCP stdio"] = asyncio.run(over_stdio())
    finally:
        if app.poll() is None:
            app.terminate()
            app.wait(30)
    base = statistics.median(results["/api/ask"])
    print(f"| way in ({args.rounds} questions each) | p50 | p95 | p50 ÷ /api/ask |")
    print("|---|---|---|---|")
    for name, lat in results.items():
        print(f"| {name} | {pct(lat, 50)} ms | {pct(lat, 95)} ms | {statistics.median(lat) / base:.2f} |")


if __name__ == "__main__":
    main()

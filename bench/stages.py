"""Two-stage ingest (issue 17), in one run on the same articles:

- stage 1 (words) of the whole corpus: wall time from the start of the run (model load included)
  until every article is answerable from its words, and the share of that in splitting, token
  counting and the SQLite/FTS5 writes;
- the first correct answer to a dev question: a reader thread asks the dev questions (as of their
  date) round and round from the moment the run starts until stage 1 ends; the time of the first
  answer whose cited sentences hold the answer string;
- stage 2 (meaning) until every article is embedded, beside the one-stage ingest of another build
  (``--before``: a checkout, e.g. ``git worktree add /tmp/before 74c938a``) on the same articles in
  the same run, each in its own process.

    python -m bench.stages --corpus ../shared/eval/realtimeqa/corpus.jsonl \\
        --questions ../shared/eval/realtimeqa/dev.jsonl [--limit N] [--before /tmp/before] [--stage-1-only]
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

ONE_STAGE = r"""
import itertools, json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from index.loaders import LoaderConfig, load_file
from qa.assistant import Assistant
from qa.config import Config
corpus, limit, store = sys.argv[1], int(sys.argv[2]) or None, sys.argv[3]
items = list(itertools.islice(load_file(Path(corpus), LoaderConfig(max_file_bytes=2**31)), limit))
qa = Assistant(Config.from_env(store=store))
qa.warm_up()
t1 = time.perf_counter()
report = qa.ingest_articles(items)
print(json.dumps({"wall_s": round(time.perf_counter() - t0, 2), "ingest_s": round(time.perf_counter() - t1, 2),
                  "chunks": report.chunks_embedded}))
"""


def one_stage(build: Path, corpus: str, limit: int | None) -> dict:
    folder = tempfile.mkdtemp(prefix="bench-one-stage-")
    try:
        out = subprocess.run([sys.executable, "-c", ONE_STAGE, str(Path(corpus).resolve()), str(limit or 0), folder],
                             cwd=build, capture_output=True, text=True, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def two_stages(corpus: str, questions: str | None, limit: int | None, words_only: bool = False) -> dict:
    t0 = time.perf_counter()
    from index.loaders import LoaderConfig, load_file
    from qa.assistant import Assistant
    from qa.config import Config
    from qa.evaluate import answer_in, question_filters, read_questions

    folder = tempfile.mkdtemp(prefix="bench-two-stage-")
    out: dict = {}
    try:
        items = list(itertools.islice(load_file(Path(corpus), LoaderConfig(max_file_bytes=2**31)), limit))
        qa = Assistant(Config.from_env(store=folder))
        qa.warm_up()
        out["model_load_s"] = round(time.perf_counter() - t0, 2)
        stop = threading.Event()
        first: dict = {}

        def reader() -> None:
            qs = [q for q in read_questions(Path(questions)) if q.get("answer_text")] if questions else []
            asked = 0
            for q in itertools.cycle(qs):
                if stop.is_set() or first:
                    return
                if not qa.coverage()["articles"]:
                    time.sleep(0.05)
                    continue
                a = qa.ask(q["question"], filters=question_filters(q, True))
                asked += 1
                if not a.abstained and answer_in([c.text for c in a.citations], q["answer_text"]):
                    first.update(s=round(time.perf_counter() - t0, 2), question=q["question"], asked=asked,
                                 coverage=a.coverage)

        thread = threading.Thread(target=reader, daemon=True)
        thread.start()
        stats: dict = {}

        def progress(p) -> None:
            if p.stage == "meaning" and "words_s" not in stats:
                stats["words_s"] = round(time.perf_counter() - t0, 2)
                stop.set()  # the reader measures stage 1; stage 2 is timed without questions taking turns

        report = qa.ingest_articles(items, progress, words_only=words_only)
        out["stage_1_done_s"] = stats.get("words_s", round(time.perf_counter() - t0, 2))
        if not words_only:
            out["stage_2_done_s"] = round(time.perf_counter() - t0, 2)
        out["stage_1_ingest_s"] = report.extra.get("words_s")
        out["chunks"] = report.chunks_embedded
        out["articles"] = len(items)
        stop.set()
        thread.join(timeout=120)
        out["first_correct_answer"] = first or "none during the run"
        out["coverage"] = qa.coverage()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--questions", help="dev questions (question, answer_text, question_date) for the first answer")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--before", help="checkout whose one-stage ingest runs beside (same articles, same run)")
    ap.add_argument("--stage-1-only", action="store_true", help="stop after stage 1 (words)")
    args = ap.parse_args(argv)
    results = {"two_stages": two_stages(args.corpus, args.questions, args.limit, args.stage_1_only)}
    if args.before and not args.stage_1_only:
        results["one_stage_before"] = one_stage(Path(args.before).resolve(), args.corpus, args.limit)
        results["ratio_stage_2_done_over_one_stage"] = round(
            results["two_stages"]["stage_2_done_s"] / results["one_stage_before"]["wall_s"], 3)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

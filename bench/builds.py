"""Two builds side by side, in one run: ``qa eval`` figures on each question set and ``bench.ask``
latency, each build run from its own checkout against the same stores (the machine is shared and
noisy: the builds alternate, A B B A, and the figures are printed with their ratios).

    git worktree add /tmp/before <commit>; git worktree add /tmp/after <commit>
    python -m bench.builds --before /tmp/before --after /tmp/after \\
        --eval realtimeqa:../shared/eval/realtimeqa/corpus.jsonl:../shared/eval/realtimeqa/dev.jsonl:/tmp/RT \\
        --eval squad:../shared/eval/squad2/passages.jsonl:../shared/eval/squad2/dev.jsonl:/tmp/SQ \\
        --ask-store /tmp/RT --ask-questions ../shared/eval/realtimeqa/dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
QUALITY = ("hits@1", "hits@5", "mrr@10", "answer_in_citations", "answer_in_citations_no_abstention",
           "answer_in_first_citation", "cites_gold_article", "mean_cited_sentences", "answers_with_repeated_pair",
           "cited_from_no_gold_article", "abstain_rate_answerable", "abstain_rate_impossible", "citation_validity")


def run_json(cmd: list[str], cwd: Path) -> dict:
    out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", required=True, help="checkout of the build to compare against")
    ap.add_argument("--after", default=str(HERE), help="checkout of the new build (default: this one)")
    ap.add_argument("--eval", action="append", default=[],
                    help="name:corpus:questions:store[:no-as-of] (no-as-of: asked as a chat asks, without the date)")
    ap.add_argument("--ask-store")
    ap.add_argument("--ask-questions")
    args = ap.parse_args(argv)
    builds = {"before": Path(args.before).resolve(), "after": Path(args.after).resolve()}
    order = ["before", "after", "after", "before"]  # A B B A: drift on a shared machine cancels
    report: dict = {"eval": {}, "ask": {}}
    for spec in args.eval:
        name, corpus, questions, store, *flags = spec.split(":")
        runs: dict[str, list[dict]] = {"before": [], "after": []}
        for b in order[:2]:  # quality figures are deterministic: one run each
            cmd = [sys.executable, "-m", "qa", "eval", "--corpus", str(Path(corpus).resolve()),
                   "--questions", str(Path(questions).resolve()), "--store", store, "--json", "--quiet",
                   *(["--no-as-of"] if "no-as-of" in flags else [])]
            runs[b].append(run_json(cmd, builds[b]))
        before, after = runs["before"][0], runs["after"][0]
        report["eval"][name] = {k: {"before": before.get(k), "after": after.get(k), "same": before.get(k) == after.get(k)}
                                for k in (*QUALITY, "latency_ms_p50", "latency_ms_p95")}
    if args.ask_store:
        runs = {"before": [], "after": []}
        for b in order:
            cmd = [sys.executable, "-m", "bench.ask", "--store", args.ask_store, "--questions",
                   str(Path(args.ask_questions).resolve())]
            runs[b].append(run_json(cmd, builds[b]))
        for mode in ("python_1_client", "python_4_clients", "python_1_client_fts5_only"):
            for p in ("p50_ms", "p95_ms"):
                bv = sum(r[mode][p] for r in runs["before"]) / 2
                av = sum(r[mode][p] for r in runs["after"]) / 2
                report["ask"][f"{mode}.{p}"] = {"before": round(bv, 1), "after": round(av, 1), "after/before": round(av / bv, 3)}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

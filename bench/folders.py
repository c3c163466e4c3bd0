"""Answers in a person's own small folder (internal): each dev question asked of a store that holds
only its gold article(s), and of one that holds them among other articles of the corpus, side by
side; what a reader sees (the answer in the first cited sentence, in any, sentences cited,
abstentions), through ``Assistant.ask`` as the chat asks (no date).

    python -m bench.folders --corpus ../shared/eval/realtimeqa/corpus.jsonl \\
        --questions ../shared/eval/realtimeqa/dev.jsonl [--sizes 1,10] [--seed 7]

``--sizes``: articles per store (1: the gold articles alone; n: them and n - 1 others drawn from the
corpus with ``--seed``). One embedding model serves every store; each store is a temporary folder.
The dev sets' own figures (one store of the whole corpus) come from ``qa eval``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
from pathlib import Path

from qa.assistant import Assistant
from qa.config import Config
from qa.evaluate import answer_in, answerable, read_questions


def read_corpus(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as f:
        return {r["doc_id"]: r for r in map(json.loads, f)}


def folder_results(corpus: dict[str, dict], questions: list[dict], size: int, seed: int) -> list[dict]:
    """Each question with gold articles, asked of a store of its gold articles and ``size`` - 1 others."""
    rng = random.Random(seed)
    ids = sorted(corpus)
    root = Path(tempfile.mkdtemp(prefix="qa-folders-"))
    embedder = Assistant(Config.from_env(store=str(root / "model"))).embedder
    stores: dict[tuple[str, ...], Assistant] = {}
    out = []
    try:
        for q in questions:
            gold = tuple(sorted(q.get("gold_doc_ids") or []))
            if not gold:
                continue
            if gold not in stores:
                others = [d for d in rng.sample(ids, size - 1 + len(gold)) if d not in gold][: max(size - 1, 0)]
                a = Assistant(Config.from_env(store=str(root / f"s{len(stores)}")), embedder=embedder)
                a.ingest_articles(a.articles_from_records([corpus[d] for d in gold + tuple(others)]))  # "doc_id" is an id field
                stores[gold] = a
            out.append(read_as_asked(stores[gold], q))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return out


def read_as_asked(qa: Assistant, q: dict) -> dict:
    """One question asked as the chat asks it (no date), and what a reader sees of its answer."""
    ans = qa.ask(q["question"])
    answers = list(q.get("answer_text") or [])
    cited = [c.text for c in sorted(ans.citations, key=lambda c: c.n)]
    return {"question": q["question"], "answerable": answerable(q), "impossible": bool(q.get("is_impossible")),
            "abstained": ans.abstained, "cited": len(cited), "confidence": round(ans.confidence, 3),
            "first": bool(answers) and answer_in(cited[:1], answers), "any": bool(answers) and answer_in(cited, answers)}


def summarize(rows: list[dict]) -> dict:
    answerable = [r for r in rows if r["answerable"]]
    impossible = [r for r in rows if r["impossible"]]
    kept = [r for r in rows if not r["abstained"]]

    def share(xs, key):
        return round(sum(1 for r in xs if r[key]) / len(xs), 3) if xs else None

    return {"answerable": len(answerable), "answer_in_first_citation": share(answerable, "first"),
            "answer_in_citations": share(answerable, "any"),
            "mean_cited_sentences": round(sum(r["cited"] for r in kept) / len(kept), 2) if kept else None,
            "answerable_abstained": share(answerable, "abstained"),
            "unanswerable_abstained": share(impossible, "abstained")}


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--questions", type=Path, required=True)
    ap.add_argument("--sizes", default="1,10")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    corpus, questions = read_corpus(args.corpus), read_questions(args.questions)
    rows = {int(n): summarize(folder_results(corpus, questions, int(n), args.seed)) for n in args.sizes.split(",")}
    print(json.dumps(rows, indent=2))
    keys = list(next(iter(rows.values())))
    print("\n| articles in the store | " + " | ".join(keys) + " |\n|" + "---|" * (len(keys) + 1))
    for n, r in rows.items():
        print(f"| {n} | " + " | ".join("—" if r[k] is None else str(r[k]) for k in keys) + " |")


if __name__ == "__main__":
    main()

"""Measure the LLM-claim support check on real paraphrases and real wrong answers.

RealTimeQA dev gives, per question, the quiz's own ``evidence`` (a paraphrase of the article, not
one of its sentences), the gold article, the answer and three wrong choices. From them:

- supported: the evidence, citing the gold-article sentences that contain the answer;
- swapped: the evidence with the answer replaced by a wrong choice, same citations (an invented fact
  next to real citations: what a small model does);
- unrelated: the evidence, citing the answer sentences of another question.

    python -m bench.verifier --store /tmp/RT --questions ../shared/eval/realtimeqa/dev.jsonl

Prints, per threshold, the share of supported claims kept and of the bad ones caught.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import replace
from pathlib import Path

import numpy as np

from qa import Assistant
from qa.evaluate import answer_in, read_questions
from qa.grounding import SupportConfig, support


def cases(qa: Assistant, questions: list[dict]) -> list[tuple[str, str, list[str]]]:
    """(kind, claim, cited sentences) triples."""
    answer_sents: list[list[str]] = []
    usable = []
    for q in questions:
        if not (q.get("answer_string_in_gold_doc") and q.get("evidence")):
            continue
        sents, others = [], []
        for g in q["gold_doc_ids"]:
            try:
                sa = qa.store.get_article(g)
            except Exception:  # noqa: BLE001 - a gold article missing from the store is skipped
                continue
            t = sa.article.text
            for s in qa.store.sentences(g):
                (sents if answer_in([t[s.start : s.end]], q["answer_text"]) else others).append(t[s.start : s.end])
        if sents:
            # what a model would cite: an answer sentence and the two sentences closest to the claim
            ev = qa.embedder.embed([q["evidence"]])[0]
            close = [others[i] for i in np.argsort(-(qa.embedder.embed(others) @ ev))[:2]] if others else []
            usable.append(q)
            answer_sents.append(sents[:1] + close)
    out = []
    for i, (q, sents) in enumerate(zip(usable, answer_sents, strict=True)):
        # one claim = the evidence sentence that carries the answer (a model writes one claim per sentence)
        ev_sents = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", q["evidence"].strip())
        ev = next((x for x in ev_sents if answer_in([x], q["answer_text"])), ev_sents[0])
        out.append(("supported", ev, sents))
        answer = q["answer_text"][0]
        wrong = [c for k, c in enumerate(q["choices"]) if str(k) not in q["answer_idx"]]
        if wrong and re.search(re.escape(answer), ev, re.I):
            out.append(("swapped", re.sub(re.escape(answer), wrong[0], ev, flags=re.I), sents))
        out.append(("unrelated", ev, answer_sents[(i + 7) % len(answer_sents)]))
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", required=True)
    ap.add_argument("--questions", required=True)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--reasons", action="store_true", help="print why supported claims were rejected")
    args = ap.parse_args(argv)
    qa = Assistant.open(args.store)
    triples = cases(qa, read_questions(Path(args.questions)))
    emb = qa.embedder
    claims = emb.embed([c for _, c, _ in triples])
    sims = []
    for (_, _, cited), v in zip(triples, claims, strict=True):
        sims.append(float(np.max(emb.embed(cited) @ v)))
    if args.reasons:
        for (kind, claim, cited), sim in zip(triples, sims, strict=True):
            r = support(claim, cited, sim)
            if kind == "supported" and not r.supported:
                print(f"REJECTED {r.reason} | {claim[:150]}")
    rows = []
    for threshold in (0.0, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
        for names in (0, 1):
            cfg = replace(SupportConfig(), threshold=threshold, max_missing_names=names)
            kept = {"supported": [0, 0], "swapped": [0, 0], "unrelated": [0, 0]}
            for (kind, claim, cited), sim in zip(triples, sims, strict=True):
                kept[kind][0] += support(claim, cited, sim, cfg).supported
                kept[kind][1] += 1
            rows.append({"threshold": threshold, "max_missing_names": names,
                         "supported_kept": round(kept["supported"][0] / kept["supported"][1], 3),
                         "swapped_caught": round(1 - kept["swapped"][0] / max(kept["swapped"][1], 1), 3),
                         "unrelated_caught": round(1 - kept["unrelated"][0] / kept["unrelated"][1], 3),
                         "n": {k: v[1] for k, v in kept.items()}})
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    print("| threshold | names allowed missing | supported kept | swapped answer caught | unrelated caught |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['threshold']} | {r['max_missing_names']} | {r['supported_kept']} | {r['swapped_caught']} | {r['unrelated_caught']} |")
    print("cases:", rows[0]["n"])


if __name__ == "__main__":
    main()

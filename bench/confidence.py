"""Fit the confidence model (qa/confidence.py) on the dev sets (internal).

Reads each question's signals through the engine (``SentenceRanker.gather``), labels them
(answerable 1; SQuAD's impossible and the off-topic questions 0), fits a logistic regression with a
small L2 penalty, prints the coefficients to paste into ``qa.confidence.COEFFICIENTS`` and the
trade-off table (in-sample and 5-fold cross-validated, side by side) for bench/NOTES.md.

    python -m bench.confidence --rt-store /tmp/RT --squad-store /tmp/SQ \\
        --rt ../shared/eval/realtimeqa/dev.jsonl --squad ../shared/eval/squad2/dev.jsonl \\
        --offtopic bench/offtopic.jsonl --demo ../shared/eval/seed/haniyeh-tehran.txt \
        [--cache /tmp/signals.json] [--current]

The demo article goes alone into a temporary store and is asked bench/demo.jsonl (name questions
about the people it names, and questions it does not answer). Small stores as a person's folder is:
the gold articles of every fourth RealTimeQA question (asked those questions and the off-topic ones),
and 15 SQuAD paragraphs with all their questions.

``--current`` scores the coefficients in the code instead of fitting new ones.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from dataclasses import fields
from pathlib import Path

import numpy as np

from bench import add_dev_sets
from qa.assistant import Assistant
from qa.confidence import COEFFICIENTS, INTERCEPT, Signals
from qa.config import Config
from qa.evaluate import answer_in, question_filters, read_questions
from qa.evidence import AnswerConfig

NAMES = [f.name for f in fields(Signals)]


def collect(store: str, path: Path, group: str, use_as_of: bool) -> list[dict]:
    assistant = Assistant(Config.from_env(store=store))
    ranker = assistant.answerer().ranker
    retriever = assistant.retriever()
    rows = []
    for q in read_questions(path):
        query = assistant.check_question(q["question"])
        ev = ranker.gather(query, retriever.retrieve(query, question_filters(q, use_as_of)))
        answers = q.get("answer_text") or []
        rows.append({
            "group": group, "id": q.get("question_id"), "question": q["question"],
            "label": int(bool(answers) and not q.get("is_impossible")) if not group.startswith("rt") else 1,
            "signals": ev.signals.vector() if ev.signals else [0.0] * len(NAMES),
            "best_has_answer": bool(ev.candidates) and answer_in([ev.candidates[0].text], answers),
        })
    return rows


_PERSON = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]+ [A-Z][a-z]{2,})(?= [a-z,])")


def name_questions(corpus: Path, doc_ids: set[str] | None, n: int = 40) -> list[dict]:
    """"Who is …?" for people named in exactly one article of the corpus (issue 16: a name named once
    must be found), and the same first names with another's surname (named nowhere: unanswerable)."""
    seen: dict[str, set[str]] = {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if doc_ids is None or a["doc_id"] in doc_ids:
                for name in set(_PERSON.findall(a["text"])):
                    seen.setdefault(name, set()).add(a["doc_id"])
    once = sorted(name for name, docs in seen.items() if len(docs) == 1)
    picked = [once[i] for i in np.random.default_rng(0).permutation(len(once))[:n]]
    known = set(seen)
    out = [{"question_id": f"name-{i}", "question": f"Who is {p}?", "answer_text": [p]} for i, p in enumerate(picked)]
    for i, (a, b) in enumerate(zip(picked, picked[1:] + picked[:1], strict=True)):
        swapped = f"{a.split()[0]} {b.split()[1]}"
        if swapped not in known:
            out.append({"question_id": f"noname-{i}", "question": f"Who is {swapped}?", "answer_text": [], "is_impossible": True})
    return out


def small_store(tmp: Path, name: str, corpus: Path, doc_ids: set[str]) -> str:
    """A temporary store of the corpus's articles with these ids."""
    folder = tmp / name
    folder.mkdir()
    with open(corpus, encoding="utf-8") as f, open(folder / "articles.jsonl", "w", encoding="utf-8") as out:
        out.writelines(line for line in f if json.loads(line)["doc_id"] in doc_ids)
    Assistant(Config.from_env(store=folder / "store")).ingest([folder / "articles.jsonl"])
    return str(folder / "store")


def small_groups(rt: Path, squad: Path, offtopic: Path) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rt_qs = read_questions(rt)[::4]
        q_file = Path(tmp) / "rt-small.jsonl"
        q_file.write_text("".join(json.dumps(q) + "\n" for q in rt_qs))
        store = small_store(Path(tmp), "rt", rt.parent / "corpus.jsonl", {d for q in rt_qs for d in q["gold_doc_ids"]})
        rows += collect(store, q_file, "rt-small", False) + collect(store, offtopic, "offtopic-small", False)
        names = Path(tmp) / "names-small.jsonl"
        names.write_text("".join(json.dumps(q) + "\n" for q in name_questions(
            rt.parent / "corpus.jsonl", {d for q in rt_qs for d in q["gold_doc_ids"]}, 15)))
        rows += collect(store, names, "names-small", False)
        sq_qs = read_questions(squad)
        paragraphs = list(dict.fromkeys(q["gold_doc_ids"][0] for q in sq_qs))[:15]
        q_file = Path(tmp) / "squad-small.jsonl"
        q_file.write_text("".join(json.dumps(q) + "\n" for q in sq_qs if q["gold_doc_ids"][0] in paragraphs))
        store = small_store(Path(tmp), "squad", squad.parent / "passages.jsonl", set(paragraphs))
        rows += collect(store, q_file, "squad-small", False)
    return rows


def fit(X: np.ndarray, y: np.ndarray, l2: float = 0.01, w: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method on standardised features; returns raw-feature
    coefficients and intercept. ``w``: sample weights (each group counts equally)."""
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = np.hstack([np.ones((len(X), 1)), (X - mu) / sd])
    w = np.ones(len(X)) if w is None else w
    beta = np.zeros(Z.shape[1])
    reg = l2 * len(X) * np.eye(Z.shape[1])
    reg[0, 0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-Z @ beta))
        g = Z.T @ (w * (p - y)) + reg @ beta
        H = (Z * (w * p * (1 - p))[:, None]).T @ Z + reg
        step = np.linalg.solve(H, g)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    coef = beta[1:] / sd
    return coef, float(beta[0] - coef @ mu)


def predict(X: np.ndarray, coef: np.ndarray, b: float) -> np.ndarray:
    return 1 / (1 + np.exp(-(X @ coef + b)))


def operating_point(rows: list[dict], p: np.ndarray) -> float:
    def share(group: str, t: float) -> float:
        idx = [i for i, r in enumerate(rows) if r["group"] == group and r["label"]]
        return float(np.mean(p[idx] < t)) if idx else 0.0
    ok = [t for t in np.round(np.arange(0.05, 0.95, 0.01), 2)
          if share("rt", t) <= 0.02 and share("rt-nodate", t) <= 0.02 and share("squad", t) <= 0.05]
    return float(max(ok, default=0.05))


def table(rows: list[dict], p: np.ndarray, thresholds) -> list[str]:
    groups = {
        "RT answerable abstained (as of)": [i for i, r in enumerate(rows) if r["group"] == "rt"],
        "RT answerable abstained (no date)": [i for i, r in enumerate(rows) if r["group"] == "rt-nodate"],
        "SQuAD answerable abstained": [i for i, r in enumerate(rows) if r["group"] == "squad" and r["label"]],
        "SQuAD unanswerable abstained": [i for i, r in enumerate(rows) if r["group"] == "squad" and not r["label"]],
        "off-topic abstained": [i for i, r in enumerate(rows) if r["group"] == "offtopic"],
        "small stores: RT answerable / off-topic / SQuAD answerable / unanswerable abstained": (
            [i for i, r in enumerate(rows) if r["group"] == "rt-small"],
            [i for i, r in enumerate(rows) if r["group"] == "offtopic-small"],
            [i for i, r in enumerate(rows) if r["group"] == "squad-small" and r["label"]],
            [i for i, r in enumerate(rows) if r["group"] == "squad-small" and not r["label"]]),
        "names named once / names named nowhere abstained (news store, small store)": (
            [i for i, r in enumerate(rows) if r["group"] == "names" and r["label"]],
            [i for i, r in enumerate(rows) if r["group"] == "names" and not r["label"]],
            [i for i, r in enumerate(rows) if r["group"] == "names-small" and r["label"]],
            [i for i, r in enumerate(rows) if r["group"] == "names-small" and not r["label"]]),
        "demo answerable / unanswerable abstained": ([i for i, r in enumerate(rows) if r["group"] == "demo" and r["label"]],
                                                     [i for i, r in enumerate(rows) if r["group"] == "demo" and not r["label"]]),
    }
    out = ["| threshold | " + " | ".join(groups) + " |", "|---" * (len(groups) + 1) + "|"]
    for t in thresholds:
        cells = [" / ".join(f"{np.mean(p[list(i)] < t):.0%}" for i in idx) if isinstance(idx, tuple)
                 else f"{np.mean(p[idx] < t):.1%}" if idx else "-" for idx in groups.values()]
        out.append(f"| {t:.2f} | " + " | ".join(cells) + " |")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser()
    add_dev_sets(ap)
    ap.add_argument("--offtopic", type=Path, default=Path("bench/offtopic.jsonl"))
    ap.add_argument("--demo", type=Path, help="the demo article (asked bench/demo.jsonl, alone in a store)")
    ap.add_argument("--cache", type=Path, help="signals read once and kept here (delete after a signal changes)")
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--current", action="store_true", help="score the coefficients in the code")
    args = ap.parse_args(argv)
    if args.cache and args.cache.exists():
        rows = json.loads(args.cache.read_text())
    else:
        rows = (collect(args.rt_store, args.rt, "rt", True) + collect(args.rt_store, args.rt, "rt-nodate", False)
                + collect(args.squad_store, args.squad, "squad", False)
                + collect(args.rt_store, args.offtopic, "offtopic", False))
        rows += small_groups(args.rt, args.squad, args.offtopic)
        with tempfile.TemporaryDirectory() as tmp:
            names = Path(tmp) / "names.jsonl"
            names.write_text("".join(json.dumps(q) + "\n" for q in name_questions(args.rt.parent / "corpus.jsonl", None)))
            rows += collect(args.rt_store, names, "names", False)
        if args.demo:
            with tempfile.TemporaryDirectory() as tmp:
                Assistant(Config.from_env(store=Path(tmp) / "store")).ingest([args.demo])
                rows += collect(str(Path(tmp) / "store"), Path("bench/demo.jsonl"), "demo", False)
        if args.cache:
            args.cache.write_text(json.dumps(rows))
    X = np.array([r["signals"] for r in rows], dtype=float)
    y = np.array([r["label"] for r in rows], dtype=float)
    # each corpus counts equally: RealTimeQA (asked both ways), SQuAD, off-topic
    sizes = {g: sum(1 for r in rows if r["group"] == g) for g in {r["group"] for r in rows}}
    share = {"rt": 0.25, "rt-nodate": 0.25, "squad": 1.0, "offtopic": 0.5, "demo": 0.25,
             "rt-small": 0.25, "offtopic-small": 0.25, "squad-small": 0.25, "names": 0.25, "names-small": 0.25}
    w = np.array([share[r["group"]] * len(rows) / sizes[r["group"]] / sum(share.values()) for r in rows])
    thresholds = sorted({0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, AnswerConfig().abstain_below})
    if args.current:
        coef, b = np.array([COEFFICIENTS[n] for n in NAMES]), INTERCEPT
        print("\n".join(table(rows, predict(X, coef, b), thresholds)))
        return
    coef, b = fit(X, y, args.l2, w)
    print("COEFFICIENTS = {" + ", ".join(f'"{n}": {c:.3f}' for n, c in zip(NAMES, coef, strict=True)) + "}")
    print(f"INTERCEPT = {b:.3f}")
    p_in = predict(X, coef, b)
    print(f"ABSTAIN_BELOW = {operating_point(rows, p_in)}  (the highest with RealTimeQA answerable abstained <= 2% "
          "asked either way and SQuAD answerable <= 5%)")
    print("\nin-sample:")
    print("\n".join(table(rows, predict(X, coef, b), thresholds)))
    # 5-fold cross-validation by question (the RealTimeQA question asked both ways stays in one fold)
    rng = np.random.default_rng(0)
    keys = sorted({(r["group"].split("-")[0], str(r["id"])) for r in rows})
    fold = {k: int(f) for k, f in zip(keys, rng.permutation(len(keys)) % 5, strict=True)}
    folds = np.array([fold[(r["group"].split("-")[0], str(r["id"]))] for r in rows])
    p = np.zeros(len(rows))
    for f in range(5):
        c, bb = fit(X[folds != f], y[folds != f], args.l2, w[folds != f])
        p[folds == f] = predict(X[folds == f], c, bb)
    print("\n5-fold cross-validated:")
    print("\n".join(table(rows, p, thresholds)))
    for g in ("rt", "squad", "offtopic", "demo", "names"):
        mean = X[[i for i, r in enumerate(rows) if r["group"] == g]].mean(0)
        print(g, " ".join(f"{n}={v:.2f}" for n, v in zip(NAMES, mean, strict=True)))


if __name__ == "__main__":
    main()

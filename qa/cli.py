"""The ``qa`` command line, through ``Assistant``. Library errors become one-line messages here,
and exit codes (each error kind carries its own, ``QAError.exit_code``): 0 ok, 1 the command ran
but found problems (failed files, verify problems), 2 usage or input error, 3 store locked by
another writer."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from index.errors import QAError, StoreError, StoreLockedError
from index.filters import Filters

from .assistant import Assistant
from .config import Config, FieldMap, env_chroma_settings, offline_environment
from .flags import add_llm_flags, llm_flags
from .progress import ProgressBars
from .uploads import count_articles


def _print_json(obj) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _config(args, **more) -> Config:
    """Settings: the environment (``QA_*``), then the flags."""
    return Config.from_env(
        store=args.store, model=getattr(args, "model", None), chroma=env_chroma_settings(url=getattr(args, "chroma_url", None)),
        fields=FieldMap.parse(args.fields) if getattr(args, "fields", None) else None,
        max_file_bytes=args.max_file_mb * 2**20 if getattr(args, "max_file_mb", None) else None,
        llm=llm_flags(args) if hasattr(args, "llm") else None, database_url=getattr(args, "database_url", None), **more,
    )


def _assistant(args, **more) -> Assistant:
    return Assistant(_config(args, **more))


def cmd_ingest(args) -> int:
    assistant = _assistant(args)
    assistant.check_writable()  # a second writer fails at once, before the model loads
    bars = ProgressBars(count_articles(args.paths), args.quiet)
    try:
        # stage 1 for every article first (all searchable by their words within seconds), then stage 2
        report = assistant.ingest(args.paths, bars, batch_chunks=128, words_only=args.words_only)
    finally:
        bars.close()
    if report.added or report.updated:
        assistant.prepare_word_search()  # the app then maps it at start instead of building it
    cov = assistant.coverage()
    if args.json:
        _print_json({**report.to_dict(), "coverage": cov})
    else:
        print(f"{report.summary()}; {report.chunks_added} chunks searchable by words in {report.extra.get('words_s', 0):.1f} s, "
              f"{report.chunks_embedded} embedded; {report.elapsed_s:.1f} s in all")
        if cov["embedded"] < cov["articles"]:
            print(f"{cov['embedded']} of {cov['articles']} articles searchable by meaning; the others by their words "
                  "until `qa embed` (or the app) adds their vectors")
        for f in report.failed:
            print(f"  failed: {f.source}: {f.reason}")
    return 1 if report.failed else 0


def cmd_embed(args) -> int:
    """Stage 2 for every words-only article (after ``qa ingest --words-only``, or an ingest cut short)."""
    assistant = _assistant(args)
    before = assistant.coverage()
    bars = ProgressBars(None, args.quiet)
    try:
        chunks = assistant.embed(bars, batch_chunks=128)
    finally:
        bars.close()
    cov = assistant.coverage()
    busy = chunks == 0 and cov["embedded"] < cov["articles"]
    if args.json:
        _print_json({"chunks_embedded": chunks, "articles_embedded": cov["embedded"] - before["embedded"],
                     "coverage": cov, "busy": busy})
    else:
        print(f"embedded {chunks} chunks of {cov['embedded'] - before['embedded']} articles; "
              f"{cov['embedded']} of {cov['articles']} articles searchable by meaning")
        if busy:
            print("another process is embedding this store (the app?); its articles become searchable by meaning "
                  "as it goes", file=sys.stderr)
    return 0


def cmd_list(args) -> int:
    rows = [s.to_dict() for s in _assistant(args).articles(args.limit)]
    if args.json:
        _print_json(rows)
    else:
        for r in rows:
            print(f"{r['id']}\t{r['published'] or '-'}\t{r['chunks']} chunks\t{r['title'] or '(untitled)'}")
    return 0


def cmd_delete(args) -> int:
    gone = _assistant(args).delete(args.ids)
    missing = [i for i in args.ids if i not in gone]
    if args.json:
        _print_json({"deleted": gone, "not_found": missing})
    else:
        for i in gone:
            print(f"deleted {i}")
        for i in missing:
            print(f"not found: {i}", file=sys.stderr)
    return 1 if missing else 0


def cmd_stats(args) -> int:
    out = _assistant(args).stats()
    if args.json:
        _print_json(out)
    else:
        for k, v in out.items():
            print(f"{k}: {v}")
    return 0


def cmd_verify(args) -> int:
    """A damaged database is a problem to report (exit 1), not a crash; ``--repair`` also embeds
    again the chunks whose vectors are missing."""
    import sqlite3

    repaired: dict = {}
    counts: dict = {}
    assistant = _assistant(args)
    try:
        if args.repair:
            repaired = assistant.repair()
        problems = assistant.verify()
        counts = {k: v for k, v in assistant.stats().items() if k not in ("store", "embedder")}
    except StoreLockedError:
        raise
    except (StoreError, sqlite3.DatabaseError) as e:
        problems = [f"the store database is damaged or unreadable: {e}; restore it from a backup or "
                    "`qa export` copy, or ingest the articles again into a new store"]
    out = {"ok": not problems, "problems": problems, **counts}
    if repaired:
        out["repaired"] = repaired
    if args.json:
        _print_json(out)
    else:
        if repaired.get("vectors"):
            print(f"repaired: embedded {repaired['vectors']} chunks whose vectors were missing")
        print("ok: store is consistent" if not problems else "\n".join(f"problem: {p}" for p in problems))
        if counts and counts.get("embedded", 0) < counts.get("articles", 0):
            print(f"{counts['embedded']} of {counts['articles']} articles searchable by meaning, the others by their "
                  "words only (stage 2 to come: `qa embed`, or the app does it)")
    return 1 if problems else 0


def cmd_ask(args) -> int:
    assistant = _assistant(args, top_k=args.k)
    if not assistant.has_store:
        raise QAError(f"no store at {assistant.config.store}: run 'qa ingest PATH --store {assistant.config.store}' first")
    assistant.check_question(args.question)  # clear error before any model loads
    filters = Filters(since=args.since, until=args.until, sources=tuple(args.source or ()), as_of=args.as_of)
    answer = assistant.ask(args.question, filters=None if filters.is_empty() else filters)
    if args.json:
        _print_json(answer.to_dict())
    else:
        print(answer.to_text())
    return 0


def cmd_eval(args) -> int:
    from tqdm import tqdm

    from .evaluate import ensure_corpus, evaluate, read_questions, summarize, tradeoff

    if not args.store:
        args.store = Path(".qa-eval") / Path(args.corpus).stem
    questions = read_questions(Path(args.questions))[: args.limit]
    assistant = _assistant(args)
    bar = tqdm(desc="ingest corpus", unit=" articles", file=sys.stderr, disable=args.quiet or None)
    ensure_corpus(assistant, Path(args.corpus), lambda p: bar.update(p.articles_seen - bar.n), args.words_only)
    bar.close()
    bar = tqdm(total=len(questions), desc="questions", file=sys.stderr, disable=args.quiet or None)
    results = evaluate(assistant, questions, lambda i: bar.update(i - bar.n), use_as_of=not args.no_as_of)
    bar.close()
    threshold = assistant.answer_config.abstain_below
    summary = summarize(results, threshold)
    out = {"corpus": args.corpus, "questions_file": args.questions, "as_of_question_date": not args.no_as_of,
           "coverage": assistant.coverage(),
           **summary, "tradeoff": tradeoff(results)}
    if args.dialogues:
        from .dialogues import evaluate_dialogues, read_dialogues, summarize_dialogues

        dialogues = read_dialogues(Path(args.dialogues), questions)
        out["dialogues"] = summarize_dialogues(evaluate_dialogues(
            lambda q, h, f: assistant.ask(q, history=h, filters=f).to_dict(), dialogues, use_as_of=not args.no_as_of))
    if args.json:
        _print_json(out)
    else:
        for k, v in out.items():
            if k not in ("tradeoff", "dialogues"):
                print(f"{k}: {v}")
        if "dialogues" in out:
            print("dialogues (last turn):", ", ".join(f"{k} {v}" for k, v in out["dialogues"].items()))
        print("abstention trade-off (threshold: answer-in-citations / abstain on answerable / abstain on impossible):")
        for row in out["tradeoff"]:
            print(f"  {row['abstain_threshold']:.2f}: {row['answer_in_citations']:.3f} / "
                  f"{row['abstain_rate_answerable']:.3f} / {row['abstain_rate_impossible']}")
    return 0


def cmd_export(args) -> int:
    n = _assistant(args).export(args.file)
    if args.json:
        _print_json({"exported": n, "file": args.file})
    else:
        print(f"exported {n} articles to {args.file}")
    return 0


def cmd_import(args) -> int:
    assistant = _assistant(args)
    n, problems = assistant.import_file(args.file)
    if args.json:
        _print_json({"imported": n, "store": str(assistant.config.store), "problems": problems})
    else:
        print(f"imported {n} articles into {assistant.config.store} (vectors: {assistant.config.chroma.where})")
        for p in problems:
            print(f"problem: {p}")
    return 1 if problems else 0


def cmd_mcp(args) -> int:
    from .mcp_server import run_stdio

    assistant = _assistant(args)
    if not assistant.has_store:
        raise QAError(f"no store at {assistant.config.store}: run 'qa ingest PATH --store {assistant.config.store}' first")
    assistant.warm_up()  # load the model before the client's first call, not during it
    print(f"qa mcp: serving {assistant.stats()['articles']} articles from {assistant.config.store} on stdio",
          file=sys.stderr)
    run_stdio(assistant)  # stdout carries the protocol only
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qa", description="Grounded question answering over your articles.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", help="store folder (default: $QA_STORE or ~/.local/share/article-qa/store)")
    common.add_argument("--json", action="store_true", help="print machine-readable JSON")
    common.add_argument("--database-url", help="records in PostgreSQL shared by workers on several machines, e.g. "
                        "postgresql://qa@db/qa (env QA_DATABASE_URL; needs --chroma-url)")
    common.add_argument("--chroma-url", help="vectors on a Chroma server (chroma run), e.g. http://127.0.0.1:8000 "
                        "(env QA_CHROMA_URL; default: embedded in the store folder)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", parents=[common], help="add or update articles from files and folders")
    p.add_argument("paths", nargs="+", help=".txt .md .html .json .jsonl .pdf files or folders")
    p.add_argument("--model", help="sentence-transformers model path (default: bundled all-MiniLM-L6-v2)")
    p.add_argument("--fields", help='JSON field names, e.g. "text=body,title=headline|name"')
    p.add_argument("--max-file-mb", type=int, help="refuse files larger than this (default 32)")
    p.add_argument("--words-only", action="store_true",
                   help="stage 1 only: articles searchable by their words in seconds; `qa embed` adds meaning later")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("embed", parents=[common],
                       help="add the vectors of articles searchable by words only (after ingest --words-only)")
    p.add_argument("--model", help="sentence-transformers model path (default: bundled all-MiniLM-L6-v2)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_embed)

    p = sub.add_parser("ask", parents=[common], help="answer a question from the stored articles")
    p.add_argument("question")
    p.add_argument("--k", type=int, default=None, help="cite at most this many sentences (default 3)")
    p.add_argument("--since", type=_date, help="only articles published on or after this date")
    p.add_argument("--until", type=_date, help="only articles published on or before this date")
    p.add_argument("--source", action="append", help="only articles from this source (repeatable)")
    p.add_argument("--as-of", type=_date, help="answer as of this date: nothing later, recent articles preferred")
    add_llm_flags(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("eval", parents=[common], help="measure retrieval and answers on a question set")
    p.add_argument("--corpus", required=True, help="corpus JSONL (doc_id, text, ...)")
    p.add_argument("--questions", required=True, help="questions JSONL (question, answer_text, gold_doc_ids, ...)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("--no-as-of", action="store_true", help="ignore question_date (by default questions are asked as of it)")
    p.add_argument("--words-only", action="store_true", help="ingest the corpus words-only (stage 1) and measure that; "
                   "use a store of its own")
    p.add_argument("--limit", type=int, default=None, help="only the first N questions")
    p.add_argument("--dialogues", default=None,
                   help="also hold these conversations (JSONL: turns, question_id of a question in --questions) "
                        "and score their last turn (asked as a chat asks: no date)")
    add_llm_flags(p)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("list", parents=[common], help="list stored articles")
    p.add_argument("--limit", type=int, default=None)
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("delete", parents=[common], help="delete articles by id")
    p.add_argument("ids", nargs="+")
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser("stats", parents=[common], help="counts of articles, sentences, chunks, vectors")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("export", parents=[common], help="write the whole store (articles, chunks, embeddings) to one file")
    p.add_argument("file", help="output file, e.g. store.qa.jsonl.gz")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", parents=[common], help="add an exported store to this store (no re-embedding)")
    p.add_argument("file", help="a file written by qa export")
    p.set_defaults(func=cmd_import)

    sub.add_parser("serve", help="start the app: chat UI, HTTP API, /v1 and /mcp (options: qa serve --help)")

    p = sub.add_parser("mcp", parents=[common], help="serve the store to an MCP client (desktop chat, IDE agent) on stdio")
    add_llm_flags(p)
    p.set_defaults(func=cmd_mcp)

    p = sub.add_parser("verify", parents=[common], help="check the store's invariants")
    p.add_argument("--repair", action="store_true", help="first finish or undo interrupted writes and embed again "
                   "chunks whose vectors are missing (takes the writer lock)")
    p.set_defaults(func=cmd_verify)
    return parser


def main(argv: list[str] | None = None) -> int:
    offline_environment()
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:  # the app, with app.py's own options (an installed wheel has no app.py)
        from .server import main as serve

        return serve(argv[1:], prog="qa serve")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except QAError as e:
        print(f"qa: {e}" if isinstance(e, StoreLockedError) else f"qa: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("qa: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

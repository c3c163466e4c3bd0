"""Ingest benchmark: our pipeline vs a bare SentenceTransformer.encode over the same chunk texts.

    python -m bench.ingest --corpus ../shared/eval/realtimeqa/corpus.jsonl [--limit N] [--store DIR]

Prints wall time, chunks/s, tokens/s and peak RSS for each, and the overhead ratio ours/bare,
measured in one run on the same machine.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--store", help="keep the store here (default: a temporary folder, removed)")
    ap.add_argument("--skip-bare", action="store_true")
    ap.add_argument("--backend", default="onnx", help="embedding backend: torch, onnx, onnx-int8")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from index.chunking import embed_text
    from index.loaders import LoaderConfig, load_file
    from qa.assistant import Assistant, load_embedder
    from qa.config import Config

    t_load = time.perf_counter()
    embedder = load_embedder(None, args.backend)
    model_load_s = time.perf_counter() - t_load
    items = list(itertools.islice(load_file(Path(args.corpus), LoaderConfig(max_file_bytes=2**31)), args.limit))
    tmp = None
    store = Path(args.store) if args.store else Path(tmp := tempfile.mkdtemp(prefix="bench-ingest-"))
    results = {"articles": len(items), "backend": args.backend, "model_load_s": round(model_load_s, 2)}
    try:
        qa = Assistant(Config.from_env(store=store, embed_backend=args.backend), embedder=embedder)
        t0 = time.perf_counter()
        report = qa.ingest_articles(items)
        ours_s = time.perf_counter() - t0
        rows = qa.store.db.execute("SELECT a.title, c.text FROM chunks c JOIN articles a ON a.id = c.article_id").fetchall()
        texts = [embed_text(t, x) for t, x in rows]
        tokens = sum(embedder.count_tokens(texts))
        results["ours"] = {"wall_s": round(ours_s, 2), "chunks": len(texts), "chunks_per_s": round(len(texts) / ours_s, 1),
                           "tokens_per_s": round(tokens / ours_s), "peak_rss_mb": round(peak_rss_mb())}
        results["tokens"] = tokens
        results["failed"] = len(report.failed)
        t0 = time.perf_counter()
        again = qa.ingest_articles(items)
        results["reingest_unchanged_s"] = round(time.perf_counter() - t0, 2)
        assert again.chunks_embedded == 0
        if not args.skip_bare:
            from sentence_transformers import SentenceTransformer

            from index.embedder import bundled_model_path

            model = SentenceTransformer(bundled_model_path(), device="cpu", local_files_only=True)
            t0 = time.perf_counter()
            model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
            bare_s = time.perf_counter() - t0
            results["bare_encode"] = {"wall_s": round(bare_s, 2), "chunks_per_s": round(len(texts) / bare_s, 1),
                                      "tokens_per_s": round(tokens / bare_s)}
            results["ratio_ours_over_bare"] = round(ours_s / bare_s, 3)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for k, v in results.items():
            print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

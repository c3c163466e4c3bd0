"""Ingest benchmark, in one run on the same articles: the naive LlamaIndex pipeline, a bare
SentenceTransformer.encode over our chunk texts, and our ingest.

    pip install -e '.[bench]'   # the naive pipeline's LlamaIndex integrations
    python -m bench.ingest --corpus ../shared/eval/realtimeqa/corpus.jsonl [--limit N] [--store DIR]

Naive = ``VectorStoreIndex.from_documents`` with LlamaIndex's default splitter (1,024-token chunks,
200 overlap), ``ChromaVectorStore`` and the same bundled MiniLM through ``HuggingFaceEmbedding``;
MiniLM reads only the first 256 word pieces of each chunk, so its "embedded share" is printed too.
Prints wall time, chunks/s, tokens/s and peak RSS for each (each in its own process, so peak RSS
is its own) and the ratios ours/naive and ours/bare.
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


NAIVE = r"""
import itertools, json, resource, sys, time
from pathlib import Path
import chromadb
from llama_index.core import Document, StorageContext, VectorStoreIndex
from llama_index.core.node_parser import SentenceSplitter
from llama_index.embeddings.huggingface import HuggingFaceEmbedding
from llama_index.vector_stores.chroma import ChromaVectorStore
from index.embedder import bundled_model_path
from index.loaders import LoaderConfig, load_file

corpus, limit, folder = sys.argv[1], (int(sys.argv[2]) or None), sys.argv[3]
items = list(itertools.islice(load_file(Path(corpus), LoaderConfig(max_file_bytes=2**31)), limit))
docs = [Document(text=a.text, metadata={"title": a.title}) for a in items]
embed = HuggingFaceEmbedding(model_name=bundled_model_path(), device="cpu")
client = chromadb.PersistentClient(path=folder, settings=chromadb.Settings(anonymized_telemetry=False))
store = ChromaVectorStore(chroma_collection=client.get_or_create_collection("naive"))
splitter = SentenceSplitter()  # LlamaIndex's default: 1,024-token chunks, 200 overlap
t0 = time.perf_counter()
index = VectorStoreIndex.from_documents(docs, storage_context=StorageContext.from_defaults(vector_store=store),
                                        embed_model=embed, transformations=[splitter])
wall = time.perf_counter() - t0
nodes = splitter.get_nodes_from_documents(docs)
tok = embed._model.tokenizer
pieces = [len(tok(n.get_content(metadata_mode="embed"), add_special_tokens=True)["input_ids"]) for n in nodes]
print(json.dumps({"wall_s": round(wall, 2), "chunks": len(nodes), "chunks_per_s": round(len(nodes) / wall, 1),
                  "tokens_embedded": sum(min(p, 256) for p in pieces), "tokens_in_chunks": sum(pieces),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def naive_llamaindex(corpus: str, limit: int | None) -> dict:
    """The naive pipeline in a fresh process (its own peak RSS); an empty dict if not installed."""
    import os
    import subprocess
    import sys

    folder = tempfile.mkdtemp(prefix="bench-naive-")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    try:
        r = subprocess.run([sys.executable, "-c", NAIVE, corpus, str(limit or 0), folder], capture_output=True,
                           text=True, env=env, cwd=Path(__file__).resolve().parent.parent)
        if r.returncode != 0:
            if "No module named 'llama_index.embeddings" in r.stderr or "No module named 'llama_index.vector_stores" in r.stderr:
                return {"skipped": "pip install -e '.[bench]' for the naive LlamaIndex pipeline"}
            raise SystemExit(f"naive pipeline failed:\n{r.stderr[-3000:]}")
        out = json.loads(r.stdout.strip().splitlines()[-1])
        out["embedded_share"] = round(out["tokens_embedded"] / out["tokens_in_chunks"], 3)
        out["tokens_per_s"] = round(out["tokens_embedded"] / out["wall_s"])
        return out
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--store", help="keep the store here (default: a temporary folder, removed)")
    ap.add_argument("--skip-bare", action="store_true")
    ap.add_argument("--skip-naive", action="store_true")
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
    if not args.skip_naive:
        results["naive_llamaindex"] = naive_llamaindex(args.corpus, args.limit)
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
        if "wall_s" in results.get("naive_llamaindex", {}):
            results["ratio_ours_over_naive"] = round(ours_s / results["naive_llamaindex"]["wall_s"], 3)
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

"""The embedding backends against sentence-transformers itself, on the real bundled model."""

import numpy as np
import pytest

from index.embedder import SentenceTransformerEmbedder, bundled_model_path

TEXTS = [
    "Hamas leader Ismail Haniyeh visited Tehran on Tuesday.",
    "A day after the UN Security Council adopted a resolution demanding an immediate ceasefire, "
    "the group's leader reportedly visited Tehran to meet with Iranian officials. " * 6,
    "Short.",
]


@pytest.fixture(scope="module")
def reference():
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(bundled_model_path(), device="cpu", local_files_only=True)
    return model, model.encode(TEXTS, normalize_embeddings=True)


@pytest.mark.parametrize("backend", ["torch", "onnx"])
def test_backend_matches_sentence_transformers(reference, backend, tmp_path):
    model, ref = reference
    e = SentenceTransformerEmbedder(backend=backend, cache_dir=tmp_path)
    assert (e.dim, e.max_tokens, e.name) == (384, 256, "all-MiniLM-L6-v2")
    np.testing.assert_allclose(e.embed(TEXTS), ref, atol=1e-5)
    counts = [len(model.tokenizer(t, add_special_tokens=False)["input_ids"]) for t in TEXTS]
    assert e.count_tokens(TEXTS) == counts


def test_onnx_int8_is_close_but_named_apart(reference, tmp_path):
    _, ref = reference
    e = SentenceTransformerEmbedder(backend="onnx-int8", cache_dir=tmp_path)
    assert e.name == "all-MiniLM-L6-v2+int8"
    cos = (e.embed(TEXTS) * ref).sum(1)
    assert (cos > 0.85).all()


def test_span_vectors_come_from_the_same_pass(embedder):
    text = "Title\nThe first sentence is here. The second one is about Tehran."
    spans = [(6, 33), (34, len(text))]
    vecs, span_vecs = embedder.embed_spans([text], [spans])
    np.testing.assert_allclose(vecs, embedder.embed([text]), atol=1e-6)
    assert span_vecs[0].shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(span_vecs[0], axis=1), 1.0, atol=1e-5)
    alone = embedder.embed([text[34:]])[0]
    assert span_vecs[0][1] @ alone > span_vecs[0][0] @ alone  # each span carries its own meaning

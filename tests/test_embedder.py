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


def test_batches_go_by_word_pieces_and_leave_the_vectors_alone(embedder):
    # characters and word pieces disagree: digits and rare words cost many pieces per character
    wordy = "The cat sat on the mat and then the dog sat there too. " * 3
    dense = "Zx9Q7-44b/3KpV1; 8812-ZZQ, X7Y9W, 99-QQ-12 Ψ λ ω. " * 3
    plain = "A short line."
    texts = [wordy, dense, plain, wordy[:40], dense[:40]]
    pieces = embedder.count_tokens(texts)
    assert pieces[1] > pieces[0] and len(texts[1]) < len(texts[0])  # the case the old order got wrong
    batches = list(embedder._batches(texts, 2))
    order = [i for idx, _, _ in batches for i in idx]
    assert [min(p, embedder.max_tokens - 2) for p in (pieces[i] for i in order)] == sorted(
        min(p, embedder.max_tokens - 2) for p in pieces)
    for _idx, enc, offsets in batches:  # each batch as wide as its longest, the rest padding the model ignores
        widths = enc["attention_mask"].sum(1)
        assert enc["input_ids"].shape[1] == widths.max() and offsets.shape[:2] == enc["input_ids"].shape
        assert (enc["input_ids"][enc["attention_mask"] == 0] == 0).all()
    together = embedder.embed(texts)
    alone = np.stack([embedder.embed([t])[0] for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)

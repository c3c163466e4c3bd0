"""One contract for the store, run against the three deployments: Chroma embedded in the store
folder; a real Chroma server (`chroma run`, started here on loopback) with the records in the
folder's SQLite; and a Chroma server with the records in a real PostgreSQL (started here too), the
folder only a worker's mirror. Then two app processes sharing one server: an article ingested
through one is cited by the other."""

from __future__ import annotations

import sys
import uuid

import httpx
import pytest

from index.errors import StoreError
from index.heads import HEADS_COUNT_SQL
from index.loaders import build_article
from index.store import Store
from index.vectors import ChromaSettings
from qa import Assistant, Config
from tests.conftest import run_app


@pytest.fixture(params=["embedded", "server", "server+postgres"])
def deployment(request) -> dict:
    """Store settings of one deployment: {"chroma": ChromaSettings, "database_url": str | None}."""
    if request.param == "embedded":
        return {"chroma": ChromaSettings(), "database_url": None}
    url = request.getfixturevalue("chroma_server")
    chroma = ChromaSettings(url=url, collection=f"t{uuid.uuid4().hex[:12]}")  # one collection per test
    database = request.getfixturevalue("postgres_url") if request.param == "server+postgres" else None
    return {"chroma": chroma, "database_url": database}


@pytest.fixture()
def qa(tmp_path, embedder, deployment) -> Assistant:
    return Assistant(Config.from_env(store=tmp_path / "store", **deployment), embedder=embedder)


def _article(i: int, version: str = "first"):
    return build_article(text=f"Harbour report {i}\n\nThe harbour {i} reopened on Monday after repairs ({version} report). "
                              f"Officials said {3 * i + 2} boats returned by Friday. The town council praised the crews.",
                         title=f"Harbour report {i}", explicit_id=f"harbour-{i}", published="2024-05-0" + str(1 + i % 9))


def test_contract_ingest_is_idempotent(qa):
    report = qa.ingest_articles([_article(i) for i in range(4)])
    assert len(report.added) == 4
    again = qa.ingest_articles([_article(i) for i in range(4)])
    assert len(again.unchanged) == 4 and again.chunks_embedded == 0
    counts = qa.store.counts()
    assert counts["articles"] == 4 and counts["chunks"] == counts["vectors"] > 0
    assert qa.verify() == []


def test_contract_a_word_typed_wrongly_is_read_as_the_store_s(qa):
    """The store's terms with how many chunks hold each (``Store.term_vocabulary``), read by the question: "When did the
    harbuor reopen?" is searched as "When did the harbour reopen?" and answered (session 26)."""
    qa.ingest_articles([_article(i) for i in range(3)])
    vocabulary = qa.store.term_vocabulary()
    assert vocabulary["harbour"] == qa.store.counts()["chunks"] and vocabulary["reopen"] >= 3
    answer = qa.ask("When did the harbuor 2 reopen?")
    assert answer.query == "When did the harbour 2 reopen?" and not answer.abstained, answer.to_dict()
    assert "The harbour 2 reopened on Monday" in answer.citations[0].text


def test_contract_update_replaces_old_chunks(qa):
    qa.ingest_articles([_article(1)])
    old = set(qa.store.chroma_ids())
    report = qa.ingest_articles([_article(1, "second")])
    assert report.updated == ("harbour-1",)
    new = set(qa.store.chroma_ids())
    assert new and not (old & new)  # chunk ids carry the content version; the old ones are gone
    assert "second" in qa.store.get_article("harbour-1").article.text
    assert qa.verify() == []


def test_contract_delete_leaves_nothing(qa):
    qa.ingest_articles([_article(i) for i in range(3)])
    assert qa.delete(["harbour-2"]) == ["harbour-2"]
    assert not any(cid.startswith("harbour-2#") for cid in qa.store.chroma_ids())
    assert qa.store.lexical_search("harbour 2 reopened", 50) and all(
        not c.startswith("harbour-2#") for c, _ in qa.store.lexical_search("harbour 2 reopened", 50))
    counts = qa.store.counts()
    assert counts["articles"] == 2 and counts["chunks"] == counts["vectors"]
    assert qa.verify() == []


def test_contract_the_newest_articles_in_scope_answer_what_is_in_the_news(qa):
    """"What's in the news?" is answered by the first sentence of each of the newest articles passing the filters
    (``Store.newest_articles``: by date, the undated last; session 27)."""
    from datetime import date

    from index.filters import Filters

    undated = build_article(text="Ferry notice\n\nThe ferry to the islands will run a winter timetable from next week.",
                            title="Ferry notice", explicit_id="ferry")
    qa.ingest_articles([_article(i) for i in range(5)] + [undated])
    assert [s.article.id for s in qa.store.newest_articles(3)] == ["harbour-4", "harbour-3", "harbour-2"]
    assert [s.article.id for s in qa.store.newest_articles(9)][-1] == "ferry"
    assert [s.article.id for s in qa.store.newest_articles(3, Filters(until=date(2024, 5, 2)))] == ["harbour-1", "harbour-0"]
    answer = qa.ask("What's in the news?")
    assert [c.article_id for c in answer.citations] == ["harbour-4", "harbour-3", "harbour-2"], answer.to_dict()
    assert all(c.text.startswith(f"The harbour {c.article_id[-1]} reopened") for c in answer.citations)
    assert [c.article_id for c in qa.ask("What's new?", filters={"sources": [], "until": "2024-05-02"}).citations] == [
        "harbour-1", "harbour-0"]


def test_contract_answers_cite_exact_sentences_and_filter(qa):
    qa.ingest_articles([_article(i) for i in range(5)])
    answer = qa.ask("How many boats returned to harbour 3 by Friday?")
    assert not answer.abstained and any("11 boats" in c.text for c in answer.citations)
    for c in answer.citations:
        assert qa.store.get_article(c.article_id).article.text[c.start : c.end] == c.text
    only = qa.ask("How many boats returned by Friday?", filters={"article_ids": ["harbour-4"]})
    assert {c.article_id for c in only.citations} == {"harbour-4"}
    dense = qa.store.dense_search(qa.embedder.embed(["boats returned to the harbour"])[0], 3)
    assert len(dense) == 3 and all(-1.0 <= s <= 1.0 for _, s in dense)


def test_contract_filtered_dense_search_is_exact(qa):
    """Filtered vector search equals brute force over every stored vector, through each of its
    paths: enough hits in the nearest 4k, in the nearest 16k, and Chroma's own filter."""
    import numpy as np

    from index.filters import Filters

    qa.ingest_articles([_article(i) for i in range(60)])
    got = qa.store.vectors.all_stored(include=["embeddings", "metadatas"])
    ids = list(got)
    vecs = np.asarray([v["embedding"] for v in got.values()], dtype=np.float32)
    query = qa.embedder.embed(["boats returned to the harbour after repairs"])[0]
    sims = vecs @ query
    from datetime import date

    for filters in (Filters(since=date(2024, 5, 2)), Filters(until=date(2024, 5, 1)),
                    Filters(article_ids=("harbour-59",)), Filters(sources=("nowhere",))):
        for k in (2, 5):
            want = sorted(((cid, float(s)) for cid, s, m in zip(ids, sims, [v["metadata"] for v in got.values()], strict=True)
                           if filters.matches(m)), key=lambda x: -x[1])[:k]
            hits = qa.store.dense_search(query, k, filters)
            assert [c for c, _ in hits] == [c for c, _ in want], filters
            assert [s for _, s in hits] == pytest.approx([s for _, s in want], abs=1e-3)


def test_contract_headline_and_lead_vectors_rank_articles_and_go_with_them(qa):
    """Each article's headline and lead, embedded on their own (index.heads): the nearest articles
    by either, under the same filters as every search, replaced with a new version, deleted with it."""
    from datetime import date

    from index.filters import Filters
    from index.heads import HEADLINE, LEAD

    def volcano(title: str, lead: str):
        return build_article(text=f"{title}\n\n{lead} Officials said more than {40} families left their homes. "
                                  "Roads reopened on the second day.", title=title, explicit_id="volcano",
                             published="2024-05-09")

    qa.ingest_articles([*(_article(i) for i in range(4)),
                        volcano("Volcano erupts beside a coastal town", "Lava reached the sea near Port Ember on Tuesday.")])
    heads = qa.store.head_search(qa.embedder.embed(["Which volcano erupted near a coastal town?"])[0], 3)
    assert heads[HEADLINE][0][0] == "volcano" and len(heads[HEADLINE]) == 3
    lava = qa.embedder.embed(["Where did the lava reach the sea?"])[0]
    assert qa.store.head_search(lava, 1)[LEAD][0][0] == "volcano"
    assert all(-1.0 <= s <= 1.0 for hits in heads.values() for _, s in hits)
    assert qa.store.db.scalar(HEADS_COUNT_SQL) == 10  # five articles, a headline and a lead each

    for filters, allowed in ((Filters(until=date(2024, 5, 8)), {f"harbour-{i}" for i in range(4)}),
                             (Filters(article_ids=("harbour-2",)), {"harbour-2"}),
                             (Filters(sources=("nowhere",)), set())):
        for hits in qa.store.head_search(lava, 5, filters).values():
            assert {a for a, _ in hits} <= allowed and len(hits) == min(5, len(allowed)), filters

    qa.ingest_articles([volcano("Ash cloud closes the island airport", "Flights were cancelled as ash drifted west.")])
    ash = qa.embedder.embed(["Why was the island airport closed?"])[0]
    assert qa.store.head_search(ash, 1)[HEADLINE][0][0] == "volcano"
    assert qa.store.db.scalar(HEADS_COUNT_SQL) == 10  # the old version's two are gone
    qa.delete(["volcano"])
    assert all(a != "volcano" for hits in qa.store.head_search(ash, 10).values() for a, _ in hits)
    assert qa.store.db.scalar(HEADS_COUNT_SQL) == 8 and qa.verify() == []


def test_contract_reopen_sees_the_same_store(qa, tmp_path, deployment):
    """Opened again (read-only, no model): the same store. With a shared database, from another
    folder (another worker's, nothing shared on disk)."""
    qa.ingest_articles([_article(i) for i in range(2)])
    folder = tmp_path / ("other-worker" if deployment["database_url"] else "store")
    other = Store(folder, **deployment)
    assert other.counts() == qa.store.counts()
    assert set(other.chroma_ids()) == set(qa.store.chroma_ids())


def test_store_refuses_the_other_backend(tmp_path, embedder, chroma_server):
    qa = Assistant(Config.from_env(store=tmp_path / "s"), embedder=embedder)
    qa.ingest_articles([_article(1)])
    with pytest.raises(StoreError, match="embedded Chroma"):
        Store(tmp_path / "s", chroma=ChromaSettings(url=chroma_server))
    with pytest.raises(StoreError, match="http://host:port"):
        Store(tmp_path / "t", embedder_name="x", dim=4, chroma=ChromaSettings(url="ftp://nowhere"))


@pytest.mark.slow
def test_two_app_workers_share_one_chroma_server(tmp_path, chroma_server):
    """Two app processes on one Chroma server (and one store folder for the records beside it):
    an article added through the first is cited by the second, with no restart."""
    env = {"QA_CHROMA_URL": chroma_server, "QA_CHROMA_COLLECTION": "workers"}
    store = tmp_path / "store"
    with run_app(store, tmp_path / "a.log", env) as first, run_app(store, tmp_path / "b.log", env) as second:
        text = ("Ferry strike ends\n\nThe island ferry crews ended their strike on Wednesday after a pay deal. "
                "Sailings to Marrow Island resume on Thursday morning.")
        r = httpx.post(first + "/api/articles", files={"file": ("ferry.txt", text.encode())}, timeout=120)
        assert r.status_code == 200 and r.json()["counts"]["added"] == 1, r.text
        a = httpx.post(second + "/api/ask", json={"question": "When do sailings to Marrow Island resume?"}, timeout=60).json()
        assert not a["abstained"] and any("Thursday" in c["text"] for c in a["citations"]), a
        assert httpx.get(second + "/api/health", timeout=10).json()


def test_export_embedded_import_to_server(tmp_path, embedder, chroma_server):
    """qa export of an embedded store, qa import into a server-backed one: the same articles,
    chunks and vectors, nothing embedded again, verify clean on both, the same answer."""
    import json
    import subprocess

    src = Assistant(Config.from_env(store=tmp_path / "src"), embedder=embedder)
    src.ingest_articles([_article(i) for i in range(6)])
    file = tmp_path / "store.qa.jsonl.gz"

    def qa_cli(*args):
        r = subprocess.run([sys.executable, "-m", "qa", *args, "--json"], capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr[-2000:]
        return json.loads(r.stdout)

    assert qa_cli("export", str(file), "--store", str(tmp_path / "src"))["exported"] == 6
    out = qa_cli("import", str(file), "--store", str(tmp_path / "dst"), "--chroma-url", chroma_server)
    assert out["imported"] == 6 and out["problems"] == []
    dst = Assistant(Config.from_env(store=tmp_path / "dst", chroma=ChromaSettings(url=chroma_server)), embedder=embedder)
    assert dst.store.counts() == src.store.counts()
    assert set(dst.store.chroma_ids()) == set(src.store.chroma_ids())
    # the headline and lead vectors travel too: none embedded again
    assert dst.store.db.scalar(HEADS_COUNT_SQL) == src.store.db.scalar(HEADS_COUNT_SQL) == 12
    q = "How many boats returned to harbour 3 by Friday?"
    assert [c.text for c in dst.ask(q).citations] == [c.text for c in src.ask(q).citations]
    assert qa_cli("verify", "--store", str(tmp_path / "dst"), "--chroma-url", chroma_server)["ok"]
    again = qa_cli("import", str(file), "--store", str(tmp_path / "dst"), "--chroma-url", chroma_server)
    assert again["imported"] == 6 and dst.store.counts() == src.store.counts()  # idempotent
    bad = tmp_path / "bad.gz"
    bad.write_bytes(b"not gzip")
    r = subprocess.run([sys.executable, "-m", "qa", "import", str(bad), "--store", str(tmp_path / "x")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "not an article-qa export" in r.stderr

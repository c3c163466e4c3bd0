"""Stage 2 behind the app: one daemon thread embeds the store's words-only articles while the chat
answers from what is there (words for all, meaning for those done). Uploads return once stage 1 is
written and wake the thread; it also looks every ``poll_s`` seconds, so articles another process
wrote words-only (``qa ingest --words-only``) are reached too. Only one process embeds a store at a
time (``index.journal.embedding_turn``); the others' threads find the turn taken and wait."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from index.errors import QAError
from index.ingest import Progress

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EmbeddingStatus:
    """What ``GET /api/embedding`` and the UI show. ``articles``/``embedded``: the store's counts
    (``embedded <= articles``); ``running``: this process is embedding now; ``rate``: articles per
    second in the current run (0 until measured); ``eta_s``: seconds left at that rate (None when
    unknown); ``error``: why the last run stopped early, if it did."""

    articles: int
    embedded: int
    running: bool
    rate: float = 0.0
    eta_s: float | None = None
    error: str | None = None

    @property
    def complete(self) -> bool:
        return self.embedded >= self.articles

    def to_dict(self) -> dict:
        return {"articles": self.articles, "embedded": self.embedded, "complete": self.complete,
                "running": self.running, "rate_per_s": round(self.rate, 3),
                "eta_s": round(self.eta_s, 1) if self.eta_s is not None else None, "error": self.error}

    def sentence(self) -> str:
        """One plain line for people: "12 of 30 articles searchable by meaning (about 40 s left)"."""
        if not self.articles:
            return ""
        if self.complete:
            return f"All {self.articles} article{'s' if self.articles != 1 else ''} searchable by meaning."
        left = f", about {self.eta_s:.0f} s left" if self.eta_s is not None else ""
        return (f"{self.embedded} of {self.articles} articles searchable by meaning{left}; "
                "the others are searched by their words until then.")


class EmbeddingWorker:
    """The background thread (started by ``Assistant.embed_behind``)."""

    def __init__(self, embed: Callable[..., int], coverage: Callable[[], dict], poll_s: float = 5.0,
                 heads_missing: Callable[[], bool] = lambda: False):
        self._embed = embed  # Assistant.embed(progress, stop)
        self._coverage = coverage
        self._heads_missing = heads_missing  # articles stored before their headline and lead were embedded
        self.poll_s = poll_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._running = False
        self._rate = 0.0
        self._error: str | None = None

    def start(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._stop.clear()
                self._thread = threading.Thread(target=self._run, name="qa-embedding", daemon=True)
                self._thread.start()
        self._wake.set()

    def nudge(self) -> None:
        """New words-only articles: look now, not at the next poll."""
        self.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the batch in hand (its vectors are written whole or not at all) and stop."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def status(self) -> EmbeddingStatus:
        cov = self._coverage()
        left = cov["articles"] - cov["embedded"]
        eta = left / self._rate if self._rate > 0 and left > 0 else (0.0 if left <= 0 else None)
        return EmbeddingStatus(cov["articles"], cov["embedded"], self._running, self._rate, eta, self._error)

    def _progress(self, p: Progress) -> None:
        if p.articles_embedded and p.elapsed_s > 0:
            self._rate = p.articles_embedded / p.elapsed_s

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.poll_s)
            self._wake.clear()
            if self._stop.is_set():
                break
            try:
                cov = self._coverage()
                if cov["embedded"] >= cov["articles"] and not self._heads_missing():
                    continue
                self._running, self._rate = True, 0.0
                self._embed(progress=self._progress, stop=self._stop)
                self._error = None
            except QAError as e:  # the vector index down, the disk full: say so, try again later
                self._error = str(e)
                log.warning("embedding stopped: %s", e)
                self._stop.wait(self.poll_s)
            except Exception as e:  # never let the thread die silently: the figure would freeze
                self._error = f"{type(e).__name__}: {e}"
                log.exception("embedding failed")
                self._stop.wait(self.poll_s)
            finally:
                self._running = False

"""Progress in a terminal: the two bars of an ingest (``qa ingest``, ``qa embed``)."""

from __future__ import annotations

import sys


class ProgressBars:
    """The two progress bars of an ingest: words (stage 1, articles read and stored searchable by
    their words) and meaning (stage 2, articles embedded), each with its rate and ETA."""

    def __init__(self, total: int | None, quiet: bool):
        from tqdm import tqdm

        self.tqdm, self.quiet, self.total = tqdm, quiet or None, total
        self.words = self.meaning = None

    def __call__(self, p) -> None:
        if p.stage == "words":
            if self.words is None:  # a total gives the bar its rate and ETA
                self.words = self.tqdm(desc="words  ", unit=" articles", file=sys.stderr, disable=self.quiet,
                                       dynamic_ncols=True, total=self.total or None, position=0)
            self.words.n = p.articles_seen  # read (and unchanged ones skipped); written trails by one step
            self.words.set_postfix(written=p.articles_written, chunks=p.chunks_written, failed=p.failed, refresh=False)
            self.words.refresh()
            return
        if self.meaning is None:
            self.meaning = self.tqdm(desc="meaning", unit=" articles", file=sys.stderr, disable=self.quiet,
                                     dynamic_ncols=True, total=p.articles_to_embed or None,
                                     position=1 if self.words is not None else 0)
        self.meaning.total = p.articles_to_embed or None
        self.meaning.n = p.articles_embedded
        self.meaning.set_postfix(chunks=p.chunks_embedded, refresh=False)
        self.meaning.refresh()

    def close(self) -> None:
        for bar in (self.words, self.meaning):
            if bar is not None:
                bar.close()

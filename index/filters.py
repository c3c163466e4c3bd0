"""The one filter language of the store (``Filters``) and its translation for each backend that
reads it: Python (one chunk's metadata), Chroma ``where``, SQL over ``articles`` and a numpy mask over
the in-memory word index. Every backend reads the same fields with the same meaning, here and only
here; ``tests/test_filters.py`` checks the four agree on the same articles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from .errors import InputError

FIELDS = ("since", "until", "sources", "source", "article_ids", "as_of")


def day_number(d: date) -> int:
    """A date as the number every backend filters on: 2024-03-26 -> 20240326."""
    return d.year * 10000 + d.month * 100 + d.day


@dataclass(frozen=True)
class Filters:
    """Restrict retrieval: published date range (inclusive), sources, article ids.

    ``as_of``: answer as of that date: nothing published later is used, and recent articles are
    preferred (news questions are mostly about "this week"). An article without a date passes only
    when no date bound is set.
    """

    since: date | None = None
    until: date | None = None
    sources: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    as_of: date | None = None

    @property
    def latest(self) -> date | None:
        return min((d for d in (self.until, self.as_of) if d), default=None)

    @classmethod
    def from_dict(cls, d: dict) -> Filters:
        """From JSON-ish input: ``since``/``until``/``as_of`` as ISO dates, ``sources``/``article_ids``
        lists (a single string is one item). Raises ``InputError`` naming the field."""
        unknown = set(d) - set(FIELDS)
        if unknown:
            raise InputError("filters", f"unknown filter field(s): {', '.join(sorted(unknown))}")

        def day(key):
            v = d.get(key)
            if v in (None, ""):
                return None
            if isinstance(v, date):
                return v
            if not isinstance(v, str):
                raise InputError(f"filters.{key}", f"must be a date string (YYYY-MM-DD), not {type(v).__name__}")
            try:
                return date.fromisoformat(v.strip()[:10])
            except ValueError:
                raise InputError(f"filters.{key}", f"must be a date (YYYY-MM-DD), not {v[:40]!r}") from None

        def strings(key):
            v = d.get(key)
            if v in (None, ""):
                return ()
            if isinstance(v, str):
                return (v,)
            if not isinstance(v, (list, tuple)) or not all(isinstance(x, str) for x in v):
                raise InputError(f"filters.{key}", "must be a list of strings")
            return tuple(v)

        f = cls(since=day("since"), until=day("until"), sources=strings("sources") + strings("source"),
                article_ids=strings("article_ids"), as_of=day("as_of"))
        if f.since and f.until and f.since > f.until:
            raise InputError("filters.since", f"{f.since} is after 'until' ({f.until}): no article can match")
        return f

    def is_empty(self) -> bool:
        return not (self.since or self.until or self.sources or self.article_ids or self.as_of)

    # ---------------------------------------------------------------- one translation per backend

    def matches(self, meta: dict) -> bool:
        """Python: one chunk's metadata (``published_day``, ``source``, ``article_id``)."""
        day = meta.get("published_day")
        if self.since and (day is None or day < day_number(self.since)):
            return False
        if self.latest and (day is None or day > day_number(self.latest)):
            return False
        if self.sources and meta.get("source") not in self.sources:
            return False
        return not (self.article_ids and meta.get("article_id") not in self.article_ids)

    def chroma_where(self) -> dict | None:
        """Chroma: a ``where`` over the chunk metadata the vectors carry (None: no filter)."""
        clauses: list[dict] = []
        if self.since:
            clauses.append({"published_day": {"$gte": day_number(self.since)}})
        if self.latest:
            clauses.append({"published_day": {"$lte": day_number(self.latest)}})
        if self.sources:
            clauses.append({"source": {"$in": list(self.sources)}})
        if self.article_ids:
            clauses.append({"article_id": {"$in": list(self.article_ids)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def sql(self, alias: str = "a") -> tuple[str, list]:
        """SQL: a condition on the ``articles`` table under ``alias`` and its arguments ("1": all)."""
        parts, args = [], []
        if self.since:
            parts.append(f"{alias}.published_day >= ?")
            args.append(day_number(self.since))
        if self.latest:
            parts.append(f"{alias}.published_day <= ?")
            args.append(day_number(self.latest))
        if self.sources:
            parts.append(f"{alias}.source IN ({','.join('?' * len(self.sources))})")
            args.extend(self.sources)
        if self.article_ids:
            parts.append(f"{alias}.id IN ({','.join('?' * len(self.article_ids))})")
            args.extend(self.article_ids)
        return (" AND ".join(parts) or "1"), args

    def mask(self, day: np.ndarray, source: np.ndarray, source_names: Sequence[str],
             rowids: np.ndarray, wanted_rowids: Sequence[int] = ()) -> np.ndarray | None:
        """numpy: which articles pass, given per-article ``day`` (-1 unknown), ``source`` (numbers
        into ``source_names``) and ``rowids``; ``article_ids`` arrive as their rowids in
        ``wanted_rowids``. None: all pass."""
        if self.is_empty():
            return None
        mask = np.ones(len(rowids), dtype=bool)
        if self.since:
            mask &= day >= day_number(self.since)
        if self.latest:
            mask &= (day >= 0) & (day <= day_number(self.latest))
        if self.sources:
            wanted = [i for i, s in enumerate(source_names) if s in set(self.sources)]
            mask &= np.isin(source, wanted)
        if self.article_ids:
            mask &= np.isin(rowids, np.asarray(list(wanted_rowids), dtype=np.int64))
        return mask

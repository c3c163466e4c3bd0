"""Articles from fields: identity (id from the URL or text), source, dates, authors, and JSON
records / collections mapped through a ``FieldMap``. Pure: no files are read here."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from .articles import Article, LoadFailure
from .errors import InputError
from .text import content_hash, is_valid_unicode, normalize_text

MAX_ID_CHARS = 300


@dataclass(frozen=True)
class FieldMap:
    """Which JSON fields hold what; each entry lists the accepted names, first match wins."""

    text: tuple[str, ...] = ("text", "content", "body")
    title: tuple[str, ...] = ("title", "headline")
    url: tuple[str, ...] = ("url", "link")
    published: tuple[str, ...] = ("published", "publish_date", "date")
    authors: tuple[str, ...] = ("authors", "author")
    source: tuple[str, ...] = ("source", "site")
    id: tuple[str, ...] = ("id", "doc_id")

    @classmethod
    def parse(cls, spec: str) -> FieldMap:
        """Build from ``"text=body,title=headline"``: each named field's names replace the defaults."""
        changes: dict[str, tuple[str, ...]] = {}
        for part in filter(None, (p.strip() for p in spec.split(","))):
            key, _, names = part.partition("=")
            key = key.strip()
            if key not in cls.__dataclass_fields__ or not names.strip():
                raise InputError("--fields", f"unknown field or empty name in {part!r}")
            changes[key] = tuple(n.strip() for n in names.split("|") if n.strip())
        return cls(**{**cls().__dict__, **changes})


# ---------------------------------------------------------------- identity and metadata helpers

def canonical_url(url: str) -> str:
    """``https://www.cnn.com/a/b/index.html?x#y`` -> ``cnn.com/a/b``; "" when not a web URL."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url if "://" in url else "https://" + url)
    host = (parts.hostname or "").lower()
    if not host or "." not in host:
        return ""
    host = host.removeprefix("www.")
    path = re.sub(r"/(index|default)\.(html?|php|aspx?)$", "", parts.path or "")
    return host + path.rstrip("/")


def source_of(url: str) -> str:
    """The default source of an article: its URL's host without ``www.`` (``cnn.com``); "" without a URL."""
    canon = canonical_url(url)
    return canon.split("/", 1)[0] if canon else ""


def make_article_id(explicit: str = "", url: str = "", text: str = "") -> str:
    """Explicit id if given, else the canonical URL, else ``sha256:`` + hash of the canonical text."""
    explicit = unicodedata.normalize("NFC", str(explicit or "")).strip()
    if explicit:
        if len(explicit) > MAX_ID_CHARS or any(ch in explicit for ch in "\n\r\t\x00"):
            raise InputError("id", f"article id must be one line of at most {MAX_ID_CHARS} characters")
        return explicit
    canon = canonical_url(url)
    if canon:
        return canon[:MAX_ID_CHARS]
    return "sha256:" + content_hash(text)[:24]


def parse_date(value) -> date | None:
    """Dates as news feeds write them (``2022/01/03``, ISO 8601, RFC 2822); None if unparseable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)):
        try:
            return datetime.utcfromtimestamp(float(value)).date()
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    m = re.match(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    try:
        from dateutil import parser as dateparser

        return dateparser.parse(s, fuzzy=False).date()
    except (ValueError, OverflowError, TypeError):
        return None


def _authors(value) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        value = re.split(r"\s*(?:;|\band\b|,)\s*", value)
    return tuple(dict.fromkeys(str(a).strip() for a in value if str(a).strip()))


def build_article(
    *, text: str, title: str = "", url: str = "", source: str = "", published=None,
    authors=(), explicit_id: str = "", origin: str = "",
) -> Article:
    """Normalise once and assemble an ``Article``; raises ``InputError`` when there is no text or a
    field holds invalid Unicode (a lone surrogate, which JSON can carry but UTF-8 cannot)."""
    for name, value in (("text", text), ("title", title), ("url", url), ("source", source), ("id", explicit_id),
                        *(("authors", a) for a in ((authors,) if isinstance(authors, str) else authors or ()))):
        if isinstance(value, str) and not is_valid_unicode(value):
            raise InputError(origin or "article", f"field '{name}' holds invalid Unicode (a lone surrogate)")
    canonical = normalize_text(text or "")
    if not canonical:
        raise InputError(origin or "article", "no text (empty or whitespace only)")
    title = normalize_text(str(title or "")).replace("\n", " ")[:500]
    return Article(
        id=make_article_id(explicit_id, url, canonical),
        title=title,
        text=canonical,
        url=(url or "").strip(),
        source=(source or "").strip() or source_of(url),
        published=parse_date(published),
        authors=_authors(authors),
        content_hash=content_hash(canonical),
        origin=origin,
    )


def _pick(record: dict, names: Iterable[str]):
    for name in names:
        if name in record and record[name] not in (None, ""):
            return record[name]
    return None


def _field(record: dict, names: tuple[str, ...], kinds: tuple[type, ...], what: str, origin: str):
    """The first present field of ``names``, checked to be one of ``kinds`` (bool is never a number)."""
    value = _pick(record, names)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, kinds):
        raise InputError(origin, f"field '{'/'.join(names)}' must be {what}, not {type(value).__name__}")
    return value


def article_from_record(record, fields: FieldMap, origin: str) -> Article:
    """One JSON object -> Article; ``text`` is required, the rest optional. A field of the wrong
    type fails this record only, naming the field."""
    if not isinstance(record, dict):
        raise InputError(origin, f"expected a JSON object, got {type(record).__name__}")
    text = _pick(record, fields.text)
    if not isinstance(text, str):
        names = "/".join(fields.text)
        raise InputError(origin, f"missing or non-string field '{names}'")
    authors = _field(record, fields.authors, (str, list), "a string or a list of strings", origin)
    if isinstance(authors, list) and not all(isinstance(a, str) for a in authors):
        raise InputError(origin, f"field '{'/'.join(fields.authors)}' must be a string or a list of strings")
    explicit = _field(record, fields.id, (str, int), "a string", origin)
    return build_article(
        text=text, title=_field(record, fields.title, (str,), "a string", origin) or "",
        url=_field(record, fields.url, (str,), "a string", origin) or "",
        source=_field(record, fields.source, (str,), "a string", origin) or "",
        published=_field(record, fields.published, (str, int, float), "a date string or a timestamp", origin),
        authors=authors or (), explicit_id=str(explicit) if explicit is not None else "",
        origin=origin,
    )


def parse_json_collection(raw: str, path: Path, fields: FieldMap) -> Iterator[Article | LoadFailure]:
    """A .json (object or array of objects) or .jsonl (one object per line) collection."""
    src = str(path)
    stripped = raw.lstrip()
    if path.suffix.lower() == ".json" and stripped[:1] in "[{":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as e:
            yield LoadFailure(src, f"invalid JSON at line {e.lineno} column {e.colno}: {e.msg}")
            return
        items = data if isinstance(data, list) else [data]
        for i, record in enumerate(items):
            yield from _safe_record(record, fields, f"{src}#{i}")
        return
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield LoadFailure(f"{src}:{lineno}", f"invalid JSON: {e.msg} (column {e.colno})")
            continue
        yield from _safe_record(record, fields, f"{src}:{lineno}")


def _safe_record(record, fields: FieldMap, origin: str) -> Iterator[Article | LoadFailure]:
    try:
        yield article_from_record(record, fields, origin)
    except InputError as e:
        yield LoadFailure(e.source, e.reason)

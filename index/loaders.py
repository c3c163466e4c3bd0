"""Loading articles from files, folders and JSON/JSONL collections into canonical ``Article``s.

Every failure is a ``LoadFailure`` naming the file (and record) and the reason; loading goes on
with the rest. Nothing here touches the store.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from .errors import InputError, TooLargeError
from .isolation import run_isolated
from .models import Article, LoadFailure
from .text import content_hash, is_valid_unicode, normalize_text

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | PDF_SUFFIXES

DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_ID_CHARS = 300

_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"), (b"\x1f\x8b", "a gzip archive"), (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"), (b"%PDF", "a PDF"), (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"), (b"7z\xbc\xaf", "a 7z archive"), (b"OggS", "an Ogg media file"),
)


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


DEFAULT_MAX_TEXT_CHARS = 4_000_000  # a long book; news articles are 2-50 k characters
DEFAULT_MAX_PDF_PAGES = 2000
DEFAULT_PARSE_SECONDS = 20.0


@dataclass(frozen=True)
class LoaderConfig:
    """Budgets for one file: bytes read, characters of text it may expand to, PDF pages, and the
    time HTML and PDF parsing may take (they run in a child process that is killed at the limit)."""

    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    fields: FieldMap = FieldMap()
    max_text_chars: int = DEFAULT_MAX_TEXT_CHARS
    max_pdf_pages: int = DEFAULT_MAX_PDF_PAGES
    parse_seconds: float = DEFAULT_PARSE_SECONDS


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


# ---------------------------------------------------------------- bytes -> text

def sniff_binary(data: bytes) -> str | None:
    """Name the kind of binary data, or None if it may be text."""
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with a BOM has NULs but is text
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    return None


def decode_bytes(data: bytes, source: str) -> str:
    """Decode text strictly: UTF-8 / UTF-16 (BOM) first, then a detected legacy encoding.

    Raises ``InputError`` rather than dropping bytes it cannot decode.
    """
    return decode_with_encoding(data, source)[0]


def decode_with_encoding(data: bytes, source: str) -> tuple[str, str]:
    """``decode_bytes`` and the encoding used: ``text.encode(encoding)`` gives back ``data``
    (after its byte-order mark), since decoding is strict."""
    kind = sniff_binary(data)
    if kind:
        raise InputError(source, f"not a text file: looks like {kind}")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise InputError(source, f"invalid {enc} text at byte {e.start}") from e
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise InputError(source, "text encoding could not be detected (not UTF-8); convert it to UTF-8")
    encoding = best.encoding
    # Windows-1252 is by far the most common legacy encoding of Western news text; when it is among
    # the equally plausible readings, prefer it over its look-alikes (cp1250, latin-1, ...).
    if encoding != "cp1252" and any(m.encoding == "cp1252" and m.chaos <= best.chaos + 0.01 for m in matches):
        encoding = "cp1252"
    # a reading is kept only if it gives back every byte (some code pages map two bytes to one
    # character, which would lose information silently)
    for enc in dict.fromkeys([encoding, *(m.encoding for m in matches if m.encoding)]):
        try:
            text = data.decode(enc)
            if text.encode(enc) == data:
                return text, enc
        except (UnicodeError, LookupError):
            continue
    raise InputError(source, f"text is not valid {encoding} and no other encoding reads it without loss; convert it to UTF-8")


def read_file(path: Path, max_bytes: int) -> bytes:
    """Read a file after checking its size (refused from its size, before reading)."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputError(str(path), f"cannot read: {e.strerror or e}") from e
    if size > max_bytes:
        raise TooLargeError(str(path), f"file is {size:,} bytes, over the limit of {max_bytes:,}")
    if size == 0:
        raise InputError(str(path), "empty file")
    try:
        return path.read_bytes()
    except OSError as e:
        raise InputError(str(path), f"cannot read: {e.strerror or e}") from e


# ---------------------------------------------------------------- formats

def _title_from_stem(path: Path) -> str:
    return re.sub(r"[-_]+", " ", path.stem).strip().title()


def parse_plain_text(raw: str, path: Path) -> Article:
    """A .txt article: the first line is the title when it looks like a headline."""
    first, _, rest = raw.strip().partition("\n")
    first = first.strip()
    if first and rest.strip() and len(first) <= 200 and not first.endswith((".", "!", "?", ":", ",")):
        title = first
    else:
        title = _title_from_stem(path)
    return build_article(text=raw, title=title, origin=str(path))


def markdown_to_text(src: str) -> tuple[str, str]:
    """Markdown -> (title, plain text) with markdown-it: blocks become paragraphs, markup goes."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(src)
    paragraphs, title, in_h1 = [], "", False
    for tok in tokens:
        if tok.type == "heading_open":
            in_h1 = tok.tag == "h1"
        elif tok.type == "inline":
            parts = []
            for child in tok.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
                elif child.type == "image":
                    parts.append(child.content)  # alt text only: an image is never fetched
            line = "".join(parts).strip()
            if line:
                if in_h1 and not title:
                    title = line
                paragraphs.append(line)
        elif tok.type == "heading_close":
            in_h1 = False
        elif tok.type in ("fence", "code_block") and tok.content.strip():
            paragraphs.append(tok.content.strip())
    return title, "\n\n".join(paragraphs)


def parse_markdown(raw: str, path: Path) -> Article:
    title, text = markdown_to_text(raw)
    return build_article(text=text, title=title or _title_from_stem(path), origin=str(path))


def parse_html(raw: str, origin: str, url: str = "") -> Article:
    """Main text and metadata (title, date, author, canonical URL) with trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        raw, url=url or None, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, favor_recall=True,
    )
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = meta.get("text") or ""
    if not text.strip():
        # pages too short for main-text extraction: fall back to trafilatura's baseline
        _, text, _ = trafilatura.baseline(raw)
    return build_article(
        text=text, title=meta.get("title") or "", url=url or meta.get("url") or "",
        source=source_of(url or meta.get("url") or "") or meta.get("sitename") or meta.get("hostname") or "",
        published=meta.get("date"),
        authors=meta.get("author") or (), origin=origin,
    )


def parse_pdf(data: bytes, path: Path, max_pages: int = DEFAULT_MAX_PDF_PAGES,
              max_chars: int = DEFAULT_MAX_TEXT_CHARS) -> Article:
    """Text of a PDF, page by page, stopping as soon as a budget (pages, characters) is passed."""
    import io

    from pypdf import PdfReader

    src = str(path)
    pages: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) > max_pages:
            raise InputError(src, f"PDF has {len(reader.pages):,} pages, over the limit of {max_pages:,}")
        total = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            total += len(pages[-1])
            if total > max_chars:
                raise InputError(src, f"PDF expands to more than {max_chars:,} characters of text, over the limit")
        info = reader.metadata or {}
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - pypdf raises many kinds (LimitReachedError, PdfReadError, ...) on bad input
        raise InputError(src, f"unreadable PDF: {type(e).__name__}: {str(e)[:200]}") from e
    title = str(info.get("/Title") or "") or _title_from_stem(path)
    # a PDF wraps lines hard; paragraphs are separated by blank lines in extract_text output
    text = "\n\n".join(re.sub(r"(?<![.!?:])\n(?!\n)", " ", p) for p in pages)
    return build_article(text=text, title=title, authors=info.get("/Author") or (), origin=str(path))


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


def load_file(path: Path, config: LoaderConfig = LoaderConfig()) -> Iterator[Article | LoadFailure]:
    """Articles (or failures) from one file, by its suffix."""
    suffix = path.suffix.lower()
    src = str(path)
    try:
        if suffix not in SUPPORTED_SUFFIXES:
            raise InputError(src, f"unsupported file type '{suffix or '(none)'}' (supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
        data = read_file(path, config.max_file_bytes)
        if suffix in PDF_SUFFIXES:
            if not data.startswith(b"%PDF"):
                raise InputError(src, "not a PDF file (no %PDF header)")
            yield run_isolated(parse_pdf, (data, path, config.max_pdf_pages, config.max_text_chars),
                               source=src, seconds=config.parse_seconds)
            return
        raw = decode_bytes(data, src)
        if suffix in JSON_SUFFIXES:
            yield from parse_json_collection(raw, path, config.fields)
        elif suffix in HTML_SUFFIXES:
            yield run_isolated(parse_html, (raw, src), source=src, seconds=config.parse_seconds)
        elif suffix in (".md", ".markdown"):
            yield parse_markdown(raw, path)
        else:
            yield parse_plain_text(raw, path)
    except InputError as e:
        yield LoadFailure(e.source if e.source != "article" else src, e.reason)


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | LoadFailure]:
    """Files below the given paths (folders recursively, hidden entries skipped), sorted."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                        yield Path(root) / name
        elif path.exists():
            yield path
        else:
            yield LoadFailure(str(path), "no such file or folder")


def load_paths(paths: Iterable[str | os.PathLike], config: LoaderConfig = LoaderConfig()) -> Iterator[Article | LoadFailure]:
    """Every article (or failure) from files and folders, in a stable order."""
    for item in iter_files(paths):
        if isinstance(item, LoadFailure):
            yield item
        else:
            yield from load_file(item, config)

"""Loading articles from files, folders and JSON/JSONL collections into canonical ``Article``s.

Every failure is a ``LoadFailure`` naming the file (and record) and the reason; loading goes on
with the rest. Nothing here touches the store.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .articles import Article, LoadFailure
from .errors import InputError
from .formats import (
    DEFAULT_MAX_PDF_PAGES,
    DEFAULT_MAX_TEXT_CHARS,
    decode_bytes,
    decode_with_encoding,
    parse_html,
    parse_markdown,
    parse_pdf,
    parse_plain_text,
    read_file,
    sniff_binary,
    title_from_stem,
    titled_by_file_name,
)
from .isolation import run_isolated
from .records import FieldMap, article_from_record, build_article, parse_json_collection, source_of

# the loading facade: what callers need to load articles, in one import
__all__ = ["SUPPORTED_SUFFIXES", "DEFAULT_MAX_FILE_BYTES", "DEFAULT_PARSE_SECONDS", "FieldMap", "LoaderConfig",
           "article_from_record", "build_article", "decode_with_encoding", "iter_files", "load_file", "load_paths",
           "parse_json_collection", "read_file", "sniff_binary", "source_of", "title_from_stem",
           "titled_by_file_name"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | PDF_SUFFIXES

DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024

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

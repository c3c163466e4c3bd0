"""Articles from what a person hands in through an interface: an uploaded file (kept under a
generated name, known by the client's name), JSON records, pasted text. The interfaces reach
these through ``Assistant`` (``load_upload``, ``articles_from_records``, ``articles_from_text``)."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from index.articles import Article, LoadFailure
from index.errors import InputError
from index.loaders import (
    SUPPORTED_SUFFIXES,
    FieldMap,
    LoaderConfig,
    article_from_record,
    build_article,
    iter_files,
    load_paths,
    parse_json_collection,
    sniff_binary,
    title_from_stem,
)

__all__ = ["SUPPORTED_SUFFIXES", "check_upload", "safe_name", "load_upload", "articles_from_records",
           "articles_from_text", "count_articles"]


def safe_name(filename: str) -> str:
    """A client's file name reduced to a harmless base name (never a path)."""
    base = os.path.basename((filename or "").replace("\\", "/"))
    base = unicodedata.normalize("NFKC", base)
    base = re.sub(r"[^\w.\- ]", "_", base).strip(" .") or "upload"
    stem, suffix = os.path.splitext(base)
    return stem[:80] + suffix[:10].lower()


def check_upload(name: str, head: bytes) -> str:
    """The file's suffix if an upload called ``name`` starting with ``head`` can be read; else
    ``InputError`` naming it (an unsupported type, or binary data under a text suffix)."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(name or "upload", f"unsupported file type '{suffix or '(none)'}' "
                                           f"(supported: {', '.join(sorted(SUPPORTED_SUFFIXES))})")
    kind = sniff_binary(head) if suffix != ".pdf" else None
    if kind:
        raise InputError(name, f"not a text file: looks like {kind}")
    return suffix


def load_upload(path: Path, name: str, loader: LoaderConfig) -> list[Article | LoadFailure]:
    """Articles of an uploaded file stored at ``path``; identity, title fallback and error messages
    come from the client's file ``name``, never from where it was stored."""
    items: list[Article | LoadFailure] = []
    for item in load_paths([path], loader):
        if isinstance(item, LoadFailure):
            # "<stored path>:3" (a JSONL line) or "<stored path>#2" (a JSON array item) keeps its place
            where = item.source[len(str(path)):] if item.source.startswith(str(path)) else ""
            items.append(LoadFailure(name + where, item.reason))
        else:
            title = item.title if item.title != title_from_stem(path) else title_from_stem(Path(name))
            items.append(replace(item, origin=f"upload:{name}", title=title))
    return items


def articles_from_records(records: list, fields: FieldMap, where: str = "articles") -> list[Article | LoadFailure]:
    """JSON records (``text`` required; title, url, published, authors, source, id) as articles; a
    bad record becomes a ``LoadFailure`` named ``where[i]``."""
    items: list[Article | LoadFailure] = []
    for i, rec in enumerate(records):
        try:
            items.append(article_from_record(rec, fields, f"{where}[{i}]"))
        except InputError as e:
            items.append(LoadFailure(e.source, e.reason))
    return items


def articles_from_text(text: str, title: str, fields: FieldMap) -> list[Article | LoadFailure]:
    """Pasted text: JSON lines (every non-empty line an object) or one article's plain text."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if lines and all(ln.lstrip().startswith("{") for ln in lines):
        return list(parse_json_collection(text, Path("pasted.jsonl"), fields))
    return [build_article(text=text, title=title or "", origin=f"pasted:{title or 'text'}")]


def count_articles(paths) -> int:
    """About how many articles the paths hold (a file each; a JSONL file a line each), for the
    progress bar's total; reading JSONL line counts costs well under a second for the shared corpus."""
    n = 0
    for item in iter_files(paths):
        if isinstance(item, Path) and item.suffix.lower() in (".jsonl", ".ndjson"):
            try:
                with open(item, "rb") as f:
                    n += sum(1 for line in f if line.strip())
            except OSError:
                n += 1
        else:
            n += 1
    return n

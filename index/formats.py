"""File formats to articles: bytes checked and decoded strictly, then plain text, Markdown, HTML
or PDF parsed (HTML and PDF in a child process, see ``index.loaders``)."""

from __future__ import annotations

import re
from pathlib import Path

from .articles import Article
from .errors import InputError, TooLargeError
from .records import build_article, source_of

DEFAULT_MAX_TEXT_CHARS = 4_000_000  # a long book; news articles are 2-50 k characters
DEFAULT_MAX_PDF_PAGES = 2000

_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"), (b"\x1f\x8b", "a gzip archive"), (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"), (b"%PDF", "a PDF"), (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"), (b"7z\xbc\xaf", "a 7z archive"), (b"OggS", "an Ogg media file"),
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

def title_from_stem(path: Path) -> str:
    """The title of a file without a headline: its name ("haniyeh-tehran.txt" -> "Haniyeh Tehran")."""
    return re.sub(r"[-_]+", " ", path.stem).strip().title()


def titled_by_file_name(article: Article) -> bool:
    """Is the article's title its file's name (``title_from_stem``), made up because the file had no
    headline? Such a title names the file, not the news (the ranker reads headlines, qa.asked)."""
    where = article.origin.removeprefix("upload:")
    return bool(where) and article.title == title_from_stem(Path(where))


def parse_plain_text(raw: str, path: Path) -> Article:
    """A .txt article: the first line is the title when it looks like a headline."""
    first, _, rest = raw.strip().partition("\n")
    first = first.strip()
    if first and rest.strip() and len(first) <= 200 and not first.endswith((".", "!", "?", ":", ",")):
        title = first
    else:
        title = title_from_stem(path)
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
    return build_article(text=text, title=title or title_from_stem(path), origin=str(path))


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
    title = str(info.get("/Title") or "") or title_from_stem(path)
    # a PDF wraps lines hard; paragraphs are separated by blank lines in extract_text output
    text = "\n\n".join(re.sub(r"(?<![.!?:])\n(?!\n)", " ", p) for p in pages)
    return build_article(text=text, title=title, authors=info.get("/Author") or (), origin=str(path))

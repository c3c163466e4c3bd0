"""Files in the web chat: only what the person uploaded from the page is ever read (Gradio's own
check does not run when the app is mounted; see ``uploads_only``)."""

from __future__ import annotations

from pathlib import Path

import gradio as gr

_ONLY_UPLOADS = "Only files uploaded from this page can be added."


def _is_uploaded(path: str, root: Path) -> bool:
    if not isinstance(path, str) or "://" in path or path.startswith("//"):
        return False
    resolved = Path(path).resolve()
    return resolved.is_relative_to(root) and resolved.is_file()


def uploads_only(component: gr.File) -> gr.File:
    """Make a ``gr.File`` take only files the client uploaded. Gradio copies an event's file inputs
    into its cache before any handler runs, downloading a ``path`` that is a URL and copying any
    server path when the app is mounted (its own check runs only after ``launch()``); the copy
    step refuses both here, so nothing is read or fetched. (Set on the instance: a subclass would
    make Gradio write a .pyi stub beside this module at import.)"""
    original = component.async_move_resource_to_block_cache
    root = Path(gr.utils.get_upload_folder()).resolve()

    async def checked(url_or_file_path):
        if url_or_file_path is not None and not _is_uploaded(str(url_or_file_path), root):
            raise gr.Error(_ONLY_UPLOADS, print_exception=False)
        return await original(url_or_file_path)

    component.async_move_resource_to_block_cache = checked
    return component


def uploaded_files(files, upload_root: Path | None = None) -> list[tuple[Path, str]]:
    """(path, client's file name) for each file the client uploaded through Gradio; anything else
    is refused (the second of two checks: ``uploads_only`` ran before Gradio copied anything)."""
    root = (upload_root or Path(gr.utils.get_upload_folder())).resolve()
    out = []
    for f in files or []:
        raw = f.get("path") if isinstance(f, dict) else getattr(f, "path", f)
        name = (f.get("orig_name") if isinstance(f, dict) else None) or Path(str(raw or "")).name
        if not _is_uploaded(raw, root):
            raise gr.Error(_ONLY_UPLOADS, print_exception=False)
        out.append((Path(raw).resolve(), str(name)))
    return out

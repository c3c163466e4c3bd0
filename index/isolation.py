"""Run a parser of untrusted input in a child process with a time and memory budget.

HTML and PDF cost far more to parse than their size suggests (trafilatura takes 12-14 s per MB of
crafted HTML; a 19 KB PDF that reuses one huge content stream took 23 s), and a thread cannot be
stopped from outside. A child process can: it is killed when its time is up, and its address
space is capped so a decompression bomb fails there instead of in the app.

One worker process per app process, started on first use (it imports the parsers once, ~1 s) and
reused (~2 ms a file); a worker that ran out of time is killed and the next call starts another.
It is a plain ``python -m index.isolation`` child talking pickle over its stdin/stdout, so it never
re-runs the app's main module (multiprocessing's spawn and forkserver would) and never forks the
app's threads, models or open stores."""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import selectors
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

from .errors import InputError

MEMORY_BYTES = 2 * 2**30  # the worker's address space: plenty for a 32 MB file, not for a bomb


class _Worker:
    def __init__(self):
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
        self.proc = subprocess.Popen([sys.executable, "-m", "index.isolation", str(MEMORY_BYTES)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for f in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):
                f.close()


_worker: _Worker | None = None
_lock = threading.Lock()


def run_isolated(fn: Callable[..., Any], args: tuple, *, source: str, seconds: float) -> Any:
    """``fn(*args)`` in the worker process; its result, or ``InputError(source, reason)`` when it
    raised, ran out of time (the worker is killed) or out of memory. ``fn`` must be importable."""
    global _worker
    job = pickle.dumps((fn.__module__, fn.__qualname__, args), protocol=pickle.HIGHEST_PROTOCOL)
    with _lock:  # one parse at a time per process: the worker is single-threaded
        if _worker is None or _worker.proc.poll() is not None:
            _worker = _Worker()
        w = _worker
        try:
            w.proc.stdin.write(len(job).to_bytes(8, "big") + job)
            w.proc.stdin.flush()
            # a selector, not select(): select() refuses a descriptor numbered 1024 or more, which a process
            # holding many open stores and files reaches (the test suite did, session 23: every HTML and PDF
            # upload after it failed with "filedescriptor out of range in select()")
            with selectors.DefaultSelector() as waiting:
                waiting.register(w.proc.stdout, selectors.EVENT_READ)
                ready = waiting.select(seconds)
            if not ready:
                w.kill()
                _worker = None
                raise InputError(source, f"took longer than {seconds:g} s to read, so it was refused "
                                         "(the parse-time budget, QA_PARSE_SECONDS)")
            ok, value = pickle.load(w.proc.stdout)
        except (EOFError, OSError, pickle.UnpicklingError):
            w.kill()
            _worker = None
            raise InputError(source, "the reader stopped without an answer (over the memory budget?); refused") from None
    if ok:
        return value
    src, reason = value
    raise InputError(src or source, reason)


def _serve(memory_bytes: int) -> None:
    """The worker: read jobs from stdin, answer on stdout, until stdin closes."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    for name in ("index.loaders", "trafilatura", "pypdf"):  # warm: the first file is not slower
        importlib.import_module(name)
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a parser that prints must not corrupt the answers
    while True:
        head = inp.read(8)
        if len(head) < 8:
            return
        module, qualname, args = pickle.loads(inp.read(int.from_bytes(head, "big")))
        try:
            fn = getattr(importlib.import_module(module), qualname)
            result = (True, fn(*args))
        except InputError as e:
            result = (False, (e.source, e.reason))
        except MemoryError:
            result = (False, (None, "reading it needs more memory than the budget allows"))
        except Exception as e:  # noqa: BLE001 - a parser's failure on bad input is reported, not raised
            result = (False, (None, f"unreadable: {type(e).__name__}: {str(e)[:200]}"))
        try:
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps((False, (None, "reading it needs more memory than the budget allows")))
        out.write(data)
        out.flush()


if __name__ == "__main__":
    _serve(int(sys.argv[1]) if len(sys.argv) > 1 else MEMORY_BYTES)

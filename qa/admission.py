"""Admission for questions: at most ``limit`` answers computed at once, ``queue`` more waiting, and
"busy" at once beyond that. Every way of asking (plain, streamed) takes one ``Permit``.

Taking a permit never blocks, so it is safe on the event loop; waiting for a compute slot happens
in the worker thread that computes. A permit is released exactly once, by whoever ends the request
(the answer returned, the stream finished, the client gone), and a worker that gets its slot after
the permit was released gives the slot straight back: no path leaks a slot."""

from __future__ import annotations

import threading

from index.errors import QAError


class Busy(QAError):
    """Too many questions are already being answered or waiting (HTTP 503)."""

    status = 503


class Admission:
    def __init__(self, limit: int, queue: int):
        if limit < 1 or queue < 0:
            raise ValueError("concurrency must be at least 1 and the queue at least 0")
        self.limit = limit
        self.capacity = limit + queue
        self._slots = threading.BoundedSemaphore(limit)
        self._lock = threading.Lock()
        self._admitted = 0

    @property
    def admitted(self) -> int:
        """Permits held now (computing or waiting)."""
        return self._admitted

    def admit(self) -> Permit:
        """A permit, or ``Busy`` at once when ``limit + queue`` are already held. Never blocks."""
        with self._lock:
            if self._admitted >= self.capacity:
                raise Busy(f"busy: {self.capacity} questions are already being answered or waiting; "
                           "try again in a moment")
            self._admitted += 1
        return Permit(self)

    def run(self, fn):
        """``fn()`` under a permit, in the calling (worker) thread: ``Busy`` at once when full, else
        waits for a slot (what MCP tool calls use; the HTTP routes admit on the event loop first)."""
        with self.admit() as permit:
            permit.compute()
            return fn()


class Permit:
    """One admitted question. ``compute()`` (in a worker thread) waits for a slot; ``release()``
    (anywhere, any number of times) gives back the slot and the place."""

    def __init__(self, admission: Admission):
        self._adm = admission
        self._lock = threading.Lock()
        self._computing = False
        self._released = False

    def compute(self, poll: float = 0.25) -> bool:
        """Block (in a worker thread) until a compute slot is free. False when the permit was
        released meanwhile (the client left): then nothing should be computed."""
        while True:
            with self._lock:
                if self._released:
                    return False
                if self._computing:
                    return True
            if self._adm._slots.acquire(timeout=poll):
                with self._lock:
                    if self._released:
                        self._adm._slots.release()
                        return False
                    self._computing = True
                    return True

    def release(self) -> None:
        with self._lock:
            if self._released:
                return
            self._released = True
            if self._computing:
                self._computing = False
                self._adm._slots.release()
        with self._adm._lock:
            self._adm._admitted -= 1

    def __enter__(self) -> Permit:
        return self

    def __exit__(self, *exc) -> None:
        self.release()

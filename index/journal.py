"""One writer at a time, and every write all-or-nothing.

The lock: an exclusive, non-blocking ``flock`` on ``<store>/write.lock`` (the holder's pid written
in it, for the message the next writer gets).

The journal: new chunks get ids that include the article's content version, so they never collide
with committed ones. A write first journals the ids it is about to add to the vectors
("rollback"), adds them, then commits all SQLite rows in one transaction that also turns the entry
into "cleanup" (the old ids to remove); the old ids are then removed. Whatever moment a process
dies at, replaying the journal (deleting the ids every entry lists) leaves each article fully at
its old version, fully at its new one, or absent.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .database import Database
from .errors import StoreError, StoreLockedError

LOCK_FILE = "write.lock"
EMBED_LOCK_FILE = "embed.lock"  # held by the one process running stage 2 (embedding) for the store


def _try_lock(folder: Path, name: str = LOCK_FILE) -> int:
    """Take the exclusive writer lock of a store folder or raise ``StoreLockedError`` at once."""
    fd = os.open(folder / name, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = ""
        with contextlib.suppress(OSError):
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip()
        os.close(fd)
        who = f" (process {holder})" if holder else ""
        raise StoreLockedError(f"store {folder} is being written by another process{who}; try again when it is done") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode(), 0)
    return fd


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


@contextlib.contextmanager
def embedding_turn(folder: str | os.PathLike) -> Iterator[bool]:
    """Stage 2's own lock: yields True while this process is the one embedding the store, False
    (at once) if another process is; embedding twice would only waste the cores."""
    try:
        fd = _try_lock(Path(folder), EMBED_LOCK_FILE)
    except StoreLockedError:
        yield False
        return
    try:
        yield True
    finally:
        _unlock(fd)


def ensure_writable(folder: str | os.PathLike) -> None:
    """Fail fast, before any heavy work, if another process is writing the store at ``folder``."""
    folder = Path(folder)
    if (folder / LOCK_FILE).exists():
        _unlock(_try_lock(folder))


class WriterLock:
    """The store's single-writer lock, re-entrant within this process."""

    def __init__(self, folder: Path, on_acquire: Callable[[], object], lease=None):
        self.folder = folder
        self.on_acquire = on_acquire  # runs once the lock is taken (the journal's replay)
        self.lease = lease  # a shared database's write lease (acquire/release), taken after the local lock
        self._mutex = threading.RLock()
        self._fd: int | None = None
        self._depth = 0

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        with self._mutex:
            if self._depth == 0:
                self._fd = _try_lock(self.folder)
                try:
                    if self.lease is not None:
                        self.lease.acquire()
                    self.on_acquire()
                except BaseException:
                    self._release()
                    raise
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()

    def _release(self) -> None:
        if self.lease is not None:
            self.lease.release()
        if self._fd is not None:
            _unlock(self._fd)
            self._fd = None

    def require(self) -> None:
        if self._fd is None:
            raise StoreError("write outside Store.write_lock(): take the writer lock first")


class Journal:
    """The write-ahead list of vector ids a write may leave behind (see the module docstring)."""

    def __init__(self, db: Database, delete_vectors: Callable[[list[str]], None]):
        self.db = db
        self.delete_vectors = delete_vectors

    def begin(self, new_ids: Sequence[str]) -> int:
        """Before adding vectors: list the ids a crash must roll back; returns the entry."""
        with self.db.tx() as db:
            return db.execute("INSERT INTO journal (kind, chunk_ids) VALUES ('rollback', ?)",
                              (json.dumps(list(new_ids)),)).lastrowid

    @staticmethod
    def commit(db: sqlite3.Connection, entry: int, old_ids: Sequence[str]) -> None:
        """In the write's own transaction: the entry now lists the old ids to remove."""
        db.execute("UPDATE journal SET kind = 'cleanup', chunk_ids = ? WHERE id = ?", (json.dumps(list(old_ids)), entry))

    @staticmethod
    def cleanup(db: sqlite3.Connection, old_ids: Sequence[str]) -> int:
        """In a delete's own transaction: a new entry listing the ids to remove."""
        return db.execute("INSERT INTO journal (kind, chunk_ids) VALUES ('cleanup', ?)", (json.dumps(list(old_ids)),)).lastrowid

    def finish(self, entry: int) -> None:
        """Remove the ids the entry lists from the vectors, then the entry."""
        (ids_json,) = self.db.execute("SELECT chunk_ids FROM journal WHERE id = ?", (entry,)).fetchone()
        self.delete_vectors(json.loads(ids_json))
        with self.db.tx() as db:
            db.execute("DELETE FROM journal WHERE id = ?", (entry,))

    def replay(self) -> int:
        """Finish every entry a crash left (oldest first); returns how many there were."""
        entries = [r[0] for r in self.db.execute("SELECT id FROM journal ORDER BY id").fetchall()]
        for entry in entries:
            self.finish(entry)
        return len(entries)

    def pending(self) -> int:
        return self.db.scalar("SELECT COUNT(*) FROM journal")


class SharedJournal:
    """``Journal``'s protocol with its entries in a shared PostgreSQL (``index.postgres``; same
    methods, same order): a worker on any machine replays what a dead writer left."""

    def __init__(self, shared, delete_vectors: Callable[[list[str]], None]):
        self.shared = shared
        self.delete_vectors = delete_vectors

    def begin(self, new_ids: Sequence[str]) -> int:
        with self.shared.tx() as cur:
            cur.execute("INSERT INTO journal (kind, chunk_ids) VALUES ('rollback', %s) RETURNING id", (json.dumps(list(new_ids)),))
            return int(cur.fetchone()[0])

    @staticmethod
    def commit(cur, entry: int, old_ids: Sequence[str]) -> None:
        cur.execute("UPDATE journal SET kind = 'cleanup', chunk_ids = %s WHERE id = %s", (json.dumps(list(old_ids)), entry))

    @staticmethod
    def cleanup(cur, old_ids: Sequence[str]) -> int:
        cur.execute("INSERT INTO journal (kind, chunk_ids) VALUES ('cleanup', %s) RETURNING id", (json.dumps(list(old_ids)),))
        return int(cur.fetchone()[0])

    def finish(self, entry: int) -> None:
        rows = self.shared.read("SELECT chunk_ids FROM journal WHERE id = %s", (entry,))
        if rows:
            self.delete_vectors(json.loads(rows[0][0]))
        with self.shared.tx() as cur:
            cur.execute("DELETE FROM journal WHERE id = %s", (entry,))

    def replay(self) -> int:
        entries = [r[0] for r in self.shared.read("SELECT id FROM journal ORDER BY id")]
        for entry in entries:
            self.finish(entry)
        return len(entries)

    def pending(self) -> int:
        return int(self.shared.read("SELECT COUNT(*) FROM journal")[0][0])


def write_failure(folder: Path, e: BaseException) -> str:
    """A plain message for a failed store write; names the likely cause when it is space."""
    text = f"{type(e).__name__}: {e}"
    errno_ = getattr(e, "errno", None)
    space = errno_ in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT) or any(
        k in text.lower() for k in ("disk i/o", "disk is full", "no space", "file too large", "database or disk"))
    cause = "the disk is full or a file size limit was reached" if space else "the write failed"
    return (f"could not write the store {folder}: {cause} ({text[:300]}). The store keeps its last consistent "
            "state; free space and run the ingest again (stored articles are skipped).")

"""The small error hierarchy raised by the library. Each kind carries its HTTP status and its exit
code, so every interface maps an error in one line (``e.status``, ``e.exit_code``); the message is
written for the person who reads it and says what to do next."""

from __future__ import annotations


class QAError(Exception):
    """Base of every error this project raises on purpose: the caller's request cannot be done."""

    status = 400  # HTTP
    exit_code = 2  # CLI: usage or input error


class InputError(QAError):
    """An input (a file, a record, a field) cannot be used. Names what and why."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class TooLargeError(InputError):
    """An input is over the configured size limit (refused before it is read)."""

    status = 413


class QuestionError(QAError):
    """A question is empty, too long or otherwise unusable."""


class StoreError(QAError):
    """The store cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process is writing this store."""

    status = 409
    exit_code = 3


class UnavailableError(StoreError):
    """A server the store depends on (the shared database) cannot be reached: try again later."""

    status = 503


class NotFoundError(QAError):
    """An article id that the store does not hold."""

    status = 404


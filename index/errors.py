"""The small error hierarchy raised by the library; the CLI, HTTP API and UI turn it into messages."""

from __future__ import annotations


class QAError(Exception):
    """Base of every error this project raises on purpose."""


class InputError(QAError):
    """An input (a file, a record, a field) cannot be ingested. Names what and why."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class TooLargeError(InputError):
    """An input is over the configured size limit (refused before it is read)."""


class QuestionError(QAError):
    """A question is empty, too long or otherwise unusable."""


class StoreError(QAError):
    """The store cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process is writing this store."""


class NotFoundError(QAError):
    """An article id that the store does not hold."""

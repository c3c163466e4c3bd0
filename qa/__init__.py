"""Grounded question answering over articles: every answer cites the exact sentences it rests on.

    from qa import Assistant
    qa = Assistant.open(store="my-store")
    qa.ingest(["articles/"])
    answer = qa.ask("Who visited Tehran?")
    print(answer.text)            # sentences with [n] markers
    for c in answer.citations:    # each the exact text of a stored article at c.start:c.end
        print(c.n, c.title, c.text)
"""

from index.errors import (
    InputError,
    NotFoundError,
    QAError,
    QuestionError,
    StoreError,
    StoreLockedError,
)
from index.filters import Filters

from .answer import Answer, Citation, Dropped, Passage, Segment
from .assistant import Assistant
from .config import Config
from .generative import Event
from .llm import LLMError, LLMSettings

__all__ = [
    "Answer", "Assistant", "Citation", "Config", "Dropped", "Event", "Filters", "InputError", "LLMError",
    "LLMSettings", "NotFoundError", "Passage", "QAError", "QuestionError", "Segment", "StoreError",
    "StoreLockedError",
]

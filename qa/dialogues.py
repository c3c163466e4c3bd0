"""Conversations scored on their last turn: does a follow-up ("How much damage did it cause?")
get the answer the standalone question would? A dialogue file holds only our own wording of the
turns and the id of the question whose answer the last turn asks for; the answers are read from
that question file (the evaluation sets stay outside the repository). Any interface that answers
``(question, history) -> Answer JSON`` can be scored: the Python API, the HTTP API."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from index.errors import InputError

from .evaluate import answer_in

Ask = Callable[[str, list[dict], dict | None], dict]  # (question, earlier turns, filters) -> Answer.to_dict()


@dataclass(frozen=True)
class Dialogue:
    """User turns in order; the last one is scored against ``answers`` (non-empty)."""

    id: str
    turns: tuple[str, ...]
    answers: tuple[str, ...]
    question: str  # the standalone question the last turn stands for
    as_of: str | None = None  # the question's date (ISO), when its file gives one (RealTimeQA)


@dataclass(frozen=True)
class DialogueResult:
    id: str
    right: bool  # the last turn answered (not abstained) with an answer string in its cited sentences
    abstained: bool
    standalone_right: bool  # the same, for the standalone question asked with no history
    query: str  # what the last turn was searched as
    first_right: bool = False  # the last turn's answer string in its first cited sentence (what a reader reads)
    cited: int = 0  # the last turn's cited sentences


def read_dialogues(path: Path, questions: list[dict]) -> list[Dialogue]:
    """Dialogues of ``path`` whose ``question_id`` is among ``questions`` (others are skipped); a line
    without ``turns`` is an ``InputError`` naming the line. ``"then_the_question": true`` appends the
    question itself as the last turn (a new subject after an unrelated one)."""
    by_id = {str(q.get("question_id")): q for q in questions}
    out = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(where, f"invalid JSON: {e.msg}") from e
            turns = d.get("turns")
            if not isinstance(turns, list) or not turns or not all(isinstance(t, str) and t.strip() for t in turns):
                raise InputError(where, "'turns' must be a non-empty list of questions")
            q = by_id.get(str(d.get("question_id")))
            if q is None:
                continue  # a dialogue about another question file
            if not q.get("answer_text"):
                raise InputError(where, f"question {d['question_id']} has no answer_text to score the last turn by")
            if d.get("then_the_question"):  # a change of subject: the question itself, as written, comes last
                turns = [*turns, q["question"]]
            day = str(q["question_date"]).replace("/", "-")[:10] if q.get("question_date") else None
            out.append(Dialogue(str(d.get("id", lineno)), tuple(turns), tuple(q["answer_text"]), q["question"], day))
    return out


def converse(ask: Ask, turns: tuple[str, ...], filters: dict | None = None) -> dict:
    """Hold the conversation as a chat does: each answer goes back into the history."""
    history: list[dict] = []
    answer: dict = {}
    for turn in turns:
        answer = ask(turn, list(history), filters)
        history += [{"role": "user", "content": turn}, {"role": "assistant", "content": answer.get("answer", "")}]
    return answer


def is_right(answer: dict, answers: tuple[str, ...]) -> bool:
    return not answer.get("abstained") and answer_in([c["text"] for c in answer.get("citations", ())], list(answers))


def evaluate_dialogues(ask: Ask, dialogues: list[Dialogue], use_as_of: bool = False) -> list[DialogueResult]:
    """Each dialogue held and its last turn scored; ``use_as_of``: every turn asked as of the question's
    date (as ``qa eval`` asks by default; a person in the chat passes none)."""
    out = []
    for d in dialogues:
        filters = {"as_of": d.as_of} if use_as_of and d.as_of else None
        last = converse(ask, d.turns, filters)
        alone = ask(d.question, [], filters)
        citations = list(last.get("citations", ()))
        first = not last.get("abstained") and bool(citations) and answer_in([citations[0]["text"]], list(d.answers))
        out.append(DialogueResult(d.id, is_right(last, d.answers), bool(last.get("abstained")),
                                  is_right(alone, d.answers), str(last.get("query", "")), first, len(citations)))
    return out


def summarize_dialogues(results: list[DialogueResult]) -> dict:
    n = len(results) or 1
    return {
        "dialogues": len(results),
        "last_turn_right": round(sum(r.right for r in results) / n, 4),
        "last_turn_first_right": round(sum(r.first_right for r in results) / n, 4),
        "last_turn_mean_cited": round(sum(r.cited for r in results) / n, 2),
        "last_turn_abstained": round(sum(r.abstained for r in results) / n, 4),
        "standalone_right": round(sum(r.standalone_right for r in results) / n, 4),
    }

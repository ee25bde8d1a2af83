"""Quiz questions as the manifest carries them (practice quizzes with answers, exams without).

One shape for both: an exam question is a practice question with its answer key removed
(`Question.without_answers`). The JSON form is the one in resources/schema/course.schema.json.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

QuestionType = Literal["single", "multiple", "truefalse", "short", "numeric", "matching"]
TextFormat = Literal["plain", "markdown", "html"]
QUESTION_TYPES: tuple[str, ...] = (
    "single",
    "multiple",
    "truefalse",
    "short",
    "numeric",
    "matching",
)


@dataclass(frozen=True)
class Choice:
    """One choice of a choice question, its weight in the score and its feedback."""

    id: str
    text: str
    weight: float | None = None  # fraction of the mark, -1..1; None once the key is removed
    feedback: str = ""


@dataclass(frozen=True)
class TextAnswer:
    """An accepted short answer (compared ignoring case and surrounding spaces)."""

    text: str
    weight: float
    feedback: str = ""


@dataclass(frozen=True)
class NumericAnswer:
    """An accepted interval: an exact value is min == max, a tolerance widens it."""

    min: float
    max: float
    weight: float
    feedback: str = ""


@dataclass(frozen=True)
class Item:
    """One item of a matching or ordering question."""

    id: str
    text: str


def in_text_order(items: Iterable[Item]) -> tuple[Item, ...]:
    """Matching targets in an order that says nothing of the pairs: by text, case folded first
    (ties keep their order). The build numbers targets in it, the player shows them in it."""
    return tuple(sorted(items, key=lambda item: (item.text.casefold(), item.text)))


@dataclass(frozen=True)
class Question:
    """A question of a quiz or an exam, as its manifest describes it."""

    id: str
    type: QuestionType
    text: str
    title: str = ""
    text_after: str = ""  # missing-word questions: the text after the blank
    format: TextFormat = "plain"
    general_feedback: str = ""
    choices: tuple[Choice, ...] = ()  # single, multiple
    answer: bool | None = None  # truefalse
    feedback_right: str = ""  # truefalse
    feedback_wrong: str = ""  # truefalse
    text_answers: tuple[TextAnswer, ...] = ()  # short
    numeric_answers: tuple[NumericAnswer, ...] = ()  # numeric
    sources: tuple[Item, ...] = ()  # matching: the prompts
    targets: tuple[Item, ...] = ()  # matching: the answers (distractors included)
    pairs: tuple[tuple[str, str], ...] = ()  # matching: (source id, target id)
    has_key: bool = field(default=True, compare=False)

    def without_answers(self) -> Question:
        """The exam form: same question, no weights, feedback or correct answers."""
        return replace(
            self,
            general_feedback="",
            choices=tuple(Choice(c.id, c.text) for c in self.choices),
            answer=None,
            feedback_right="",
            feedback_wrong="",
            text_answers=(),
            numeric_answers=(),
            pairs=(),
            has_key=False,
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.title:
            out["title"] = self.title
        out["text"] = self.text
        if self.text_after:
            out["text_after"] = self.text_after
        if self.format != "plain":
            out["format"] = self.format
        if self.has_key and self.general_feedback:
            out["general_feedback"] = self.general_feedback
        if self.type in ("single", "multiple"):
            out["choices"] = [_choice_json(c, self.has_key) for c in self.choices]
        elif self.type == "truefalse" and self.has_key:
            out["answer"] = bool(self.answer)
            if self.feedback_right:
                out["feedback_right"] = self.feedback_right
            if self.feedback_wrong:
                out["feedback_wrong"] = self.feedback_wrong
        elif self.type == "short" and self.has_key:
            out["answers"] = [
                _with_feedback({"text": a.text, "weight": a.weight}, a.feedback)
                for a in self.text_answers
            ]
        elif self.type == "numeric" and self.has_key:
            out["answers"] = [
                _with_feedback({"min": a.min, "max": a.max, "weight": a.weight}, a.feedback)
                for a in self.numeric_answers
            ]
        elif self.type == "matching":
            out["sources"] = [{"id": i.id, "text": i.text} for i in self.sources]
            out["targets"] = [{"id": i.id, "text": i.text} for i in self.targets]
            if self.has_key:
                out["pairs"] = [[s, t] for s, t in self.pairs]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any], *, has_key: bool = True) -> Question:
        """Build from schema-valid JSON (validation happens before, in `course.schema`)."""
        qtype = data["type"]
        return cls(
            id=data["id"],
            type=qtype,
            text=data["text"],
            title=data.get("title", ""),
            text_after=data.get("text_after", ""),
            format=data.get("format", "plain"),
            general_feedback=data.get("general_feedback", ""),
            choices=tuple(
                Choice(c["id"], c["text"], c.get("weight"), c.get("feedback", ""))
                for c in data.get("choices", ())
            ),
            answer=data.get("answer"),
            feedback_right=data.get("feedback_right", ""),
            feedback_wrong=data.get("feedback_wrong", ""),
            text_answers=tuple(
                TextAnswer(a["text"], a["weight"], a.get("feedback", ""))
                for a in (data.get("answers", ()) if qtype == "short" else ())
            ),
            numeric_answers=tuple(
                NumericAnswer(a["min"], a["max"], a["weight"], a.get("feedback", ""))
                for a in (data.get("answers", ()) if qtype == "numeric" else ())
            ),
            sources=tuple(Item(i["id"], i["text"]) for i in data.get("sources", ())),
            targets=tuple(Item(i["id"], i["text"]) for i in data.get("targets", ())),
            pairs=tuple((p[0], p[1]) for p in data.get("pairs", ())),
            has_key=has_key,
        )


def _choice_json(choice: Choice, has_key: bool) -> dict[str, Any]:
    if not has_key:
        return {"id": choice.id, "text": choice.text}
    return _with_feedback(
        {"id": choice.id, "text": choice.text, "weight": choice.weight or 0.0}, choice.feedback
    )


def _with_feedback(out: dict[str, Any], feedback: str) -> dict[str, Any]:
    if feedback:
        out["feedback"] = feedback
    return out

"""Local grading of practice questions, and the seeded shuffle of a quiz attempt.

Only practice quizzes are graded on the device: an exam question has no answer key (the
institution grades exams), and grading one raises `NoAnswerKeyError` rather than scoring 0.

A response is typed by question type (`Response`):
single -> str (a choice id); multiple -> frozenset[str] (choice ids); truefalse -> bool;
short -> str (as typed); numeric -> float; matching -> tuple of (source id, target id) pairs.
"""

from __future__ import annotations

import math
import random
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from player.course.quiz import NumericAnswer, Question, in_text_order

__all__ = [
    "AttemptGrade",
    "Grade",
    "GradingError",
    "InvalidResponseError",
    "NoAnswerKeyError",
    "Response",
    "check_response",
    "grade",
    "grade_attempt",
    "normalize_text",
    "percent_value",
    "shuffled",
]

Response = str | frozenset[str] | bool | float | tuple[tuple[str, str], ...]

# Scores are rounded so that weights written as thirds (%33.33333%) still add up to a full mark.
_DIGITS = 6


class GradingError(ValueError):
    """A question cannot be graded with this response."""


class NoAnswerKeyError(GradingError):
    """The question is an exam question: its key stays with the institution."""


class InvalidResponseError(GradingError):
    """The response has the wrong type for the question, or names choices it does not have."""


@dataclass(frozen=True)
class Grade:
    score: float  # 0..1
    correct: bool  # score == 1
    feedback: tuple[str, ...] = ()  # the feedback of what was chosen, typed or matched
    general_feedback: str = ""


@dataclass(frozen=True)
class AttemptGrade:
    scaled: float  # mean of the question scores, unanswered questions counting 0
    passed: bool  # scaled >= mastery score
    mastery_score: float
    grades: tuple[tuple[str, Grade | None], ...]  # (question id, grade; None if unanswered)

    @property
    def answered(self) -> int:
        return sum(1 for _, g in self.grades if g is not None)

    def grade_of(self, question_id: str) -> Grade | None:
        for qid, result in self.grades:
            if qid == question_id:
                return result
        raise KeyError(question_id)


def normalize_text(text: str) -> str:
    """How short answers compare: case, Unicode form, outer and repeated spaces ignored."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def percent_value(question: Question, figure: float) -> float | None:
    """What "`figure` %" answers to a numerical question, decided by its key alone.

    A key whose best answers' nominal values (the number before its tolerance, the centre of a
    range) all lie within -1..1 asks for a fraction, so "N %" is N/100 there ({#0.95:0.1}:
    "95 %" is 0.95; {#-0.2}: "-20 %"; {#1}: "100 %", and "1 %" is 0.01, wrong); any other key
    holds the figure ({#75..85}: "80 %" is 80). One reading only, never the better of two: the
    factor of 100 is what a percentage question tests, so "%" must not excuse it ({#0.8}:
    "0,8 %" is 0.008, wrong). Partial-credit answers do not decide ({#=0.8 =%50%80}: "80 %" is
    0.8, full marks). None for a question without a key (an exam's): the caller asks.
    """
    if question.type != "numeric" or not question.has_key:
        return None
    answers = question.numeric_answers
    best = max((a.weight for a in answers), default=0.0)
    right = [a for a in answers if a.weight == best] if best > 0 else answers
    if right and all(abs(_nominal(a)) <= 1 for a in right):
        return float(Decimal(repr(figure)) / 100)  # 14.3 % is 0.143, not 0.14300000000000002
    return figure


def _nominal(answer: NumericAnswer) -> Decimal:
    """The interval's centre, in decimal: 0.99..1.01 ({#1:0.01}) is 1, not a hair above."""
    return (Decimal(repr(answer.min)) + Decimal(repr(answer.max))) / 2


def check_response(question: Question, response: object) -> Response:
    """Return the response in its canonical type, or raise `InvalidResponseError`."""
    qtype = question.type
    where = f"question {question.id!r} ({qtype})"
    if qtype == "single":
        if not isinstance(response, str):
            raise InvalidResponseError(f"{where}: expected a choice id, got {response!r}")
        _known_choices(question, (response,))
        return response
    if qtype == "multiple":
        if isinstance(response, str) or not isinstance(response, Collection):
            raise InvalidResponseError(f"{where}: expected a set of choice ids, got {response!r}")
        chosen = frozenset(response)
        if not all(isinstance(c, str) for c in chosen):
            raise InvalidResponseError(f"{where}: choice ids are strings, got {response!r}")
        _known_choices(question, chosen)
        return chosen
    if qtype == "truefalse":
        if not isinstance(response, bool):
            raise InvalidResponseError(f"{where}: expected True or False, got {response!r}")
        return response
    if qtype == "short":
        if not isinstance(response, str):
            raise InvalidResponseError(f"{where}: expected text, got {response!r}")
        return response
    if qtype == "numeric":
        if isinstance(response, bool) or not isinstance(response, int | float):
            raise InvalidResponseError(f"{where}: expected a number, got {response!r}")
        if not math.isfinite(response):
            raise InvalidResponseError(f"{where}: expected a finite number, got {response!r}")
        return float(response)
    if qtype == "matching":
        return _check_pairs(question, response, where)
    raise InvalidResponseError(f"{where}: unknown question type")


def _known_choices(question: Question, chosen: Collection[str]) -> None:
    ids = {c.id for c in question.choices}
    unknown = sorted(set(chosen) - ids)
    if unknown:
        raise InvalidResponseError(f"question {question.id!r} has no choice {unknown[0]!r}")


def _check_pairs(question: Question, response: object, where: str) -> tuple[tuple[str, str], ...]:
    if isinstance(response, str) or not isinstance(response, Sequence):
        raise InvalidResponseError(f"{where}: expected (source, target) pairs, got {response!r}")
    sources = {s.id for s in question.sources}
    targets = {t.id for t in question.targets}
    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()
    for pair in response:
        if isinstance(pair, str) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise InvalidResponseError(f"{where}: {pair!r} is not a (source, target) pair")
        source, target = pair
        if source not in sources:
            raise InvalidResponseError(f"{where}: no source {source!r}")
        if target not in targets:
            raise InvalidResponseError(f"{where}: no target {target!r}")
        if source in seen:
            raise InvalidResponseError(f"{where}: source {source!r} is matched twice")
        seen.add(source)
        pairs.append((source, target))
    return tuple(pairs)


def grade(question: Question, response: Response) -> Grade:
    """Score one response with the question's key; see the module docstring for the types."""
    if not question.has_key:
        raise NoAnswerKeyError(
            f"question {question.id!r} is an exam question: it has no answer key on this computer "
            "and is graded by the institution"
        )
    response = check_response(question, response)
    score, feedback = _SCORERS[question.type](question, response)
    score = round(min(max(score, 0.0), 1.0), _DIGITS)
    return Grade(
        score=score,
        correct=score == 1.0,
        feedback=tuple(f for f in feedback if f),
        general_feedback=question.general_feedback,
    )


def _single(question: Question, response: Response) -> tuple[float, list[str]]:
    choice = next(c for c in question.choices if c.id == response)
    return choice.weight or 0.0, [choice.feedback]


def _multiple(question: Question, response: Response) -> tuple[float, list[str]]:
    assert isinstance(response, frozenset)
    chosen = [c for c in question.choices if c.id in response]
    return sum(c.weight or 0.0 for c in chosen), [c.feedback for c in chosen]


def _true_false(question: Question, response: Response) -> tuple[float, list[str]]:
    if response == question.answer:
        return 1.0, [question.feedback_right]
    return 0.0, [question.feedback_wrong]


def _short(question: Question, response: Response) -> tuple[float, list[str]]:
    assert isinstance(response, str)
    typed = normalize_text(response)
    matches = [a for a in question.text_answers if normalize_text(a.text) == typed]
    if not matches:
        return 0.0, []
    best = max(matches, key=lambda a: a.weight)  # first of the best on ties
    return best.weight, [best.feedback]


def _numeric(question: Question, response: Response) -> tuple[float, list[str]]:
    assert isinstance(response, float)
    matches = [a for a in question.numeric_answers if a.min <= response <= a.max]
    if not matches:
        return 0.0, []
    best = max(matches, key=lambda a: a.weight)
    return best.weight, [best.feedback]


def _matching(question: Question, response: Response) -> tuple[float, list[str]]:
    assert isinstance(response, tuple)
    if not question.sources:
        return 0.0, []
    key = set(question.pairs)
    right = sum(1 for pair in response if pair in key)
    return right / len(question.sources), []


_SCORERS = {
    "single": _single,
    "multiple": _multiple,
    "truefalse": _true_false,
    "short": _short,
    "numeric": _numeric,
    "matching": _matching,
}


def grade_attempt(
    questions: Sequence[Question],
    responses: Mapping[str, Response | None],
    mastery_score: float,
) -> AttemptGrade:
    """Grade a practice attempt: the mean of the question scores against `mastery_score`."""
    if not questions:
        raise GradingError("an attempt needs at least one question")
    if not 0.0 <= mastery_score <= 1.0:
        raise GradingError(f"mastery score {mastery_score!r} is not between 0 and 1")
    ids = [q.id for q in questions]
    unknown = sorted(set(responses) - set(ids))
    if unknown:
        raise InvalidResponseError(f"response to {unknown[0]!r}, which is not in this attempt")
    grades: list[tuple[str, Grade | None]] = []
    for question in questions:
        response = responses.get(question.id)
        grades.append((question.id, None if response is None else grade(question, response)))
    total = sum(g.score for _, g in grades if g is not None)
    scaled = round(total / len(questions), _DIGITS)
    return AttemptGrade(scaled, scaled >= mastery_score, mastery_score, tuple(grades))


def shuffled(
    questions: Sequence[Question],
    seed: int,
    shuffle_questions: bool,
    shuffle_choices: bool,
) -> tuple[Question, ...]:
    """The order an attempt shows: same seed, same order, on every device and Python version.

    Each question's choices are shuffled by a generator seeded with the attempt seed and the
    question id, so a question's choice order does not depend on where it lands in the quiz.
    Matching questions shuffle their targets; sources keep the author's order. Unshuffled,
    targets are in text order: packages built before the build numbered them so list them
    in the order of the pairs, which gave the answers away.
    """
    out = list(questions)
    if shuffle_questions:
        random.Random(seed).shuffle(out)
    if shuffle_choices:
        out = [_shuffle_parts(q, seed) for q in out]
    else:
        out = [_targets_in_text_order(q) for q in out]
    return tuple(out)


def _targets_in_text_order(question: Question) -> Question:
    if question.type != "matching":
        return question
    return replace(question, targets=in_text_order(question.targets))


def _shuffle_parts(question: Question, seed: int) -> Question:
    rng = random.Random(f"cartable:{seed}:{question.id}")  # str seeds hash with SHA-512: stable
    if question.type in ("single", "multiple"):
        choices = list(question.choices)
        rng.shuffle(choices)
        return replace(question, choices=tuple(choices))
    if question.type == "matching":
        targets = list(question.targets)
        rng.shuffle(targets)
        return replace(question, targets=tuple(targets))
    return question

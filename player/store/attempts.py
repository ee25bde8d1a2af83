"""Quiz and exam attempts as the store gives them out, read back from their rows, and the
errors about attempts; with what the quiz and the exam events share (a unit's question, its
xAPI activity).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from player.course import grading, interactions
from player.course.manifest import Course, ExamUnit
from player.course.quiz import Question
from player.store import statements as st
from player.store.database import Database, StoreError
from player.store.unit_event import EventRecorder

Json = dict[str, Any]
ExamState = Literal["in_progress", "submitted", "graded"]


class AttemptError(StoreError):
    """An attempt cannot do this: unknown, finished, another profile's, another unit's."""


class AttemptsExhausted(AttemptError):
    """Every attempt the course allows has been used."""


class AttemptNotAllowed(AttemptError):
    """No new exam attempt now: the last one waits for its grade, or the exam is passed."""


class ExamClosed(AttemptError):
    """The exam attempt no longer takes answers: its time is up or it was submitted."""


def _when(value: float | None) -> datetime | None:
    return None if value is None else datetime.fromtimestamp(value, UTC)


@dataclass(frozen=True)
class QuizAnswer:
    question_id: str
    response: str  # the xAPI response string (interactions.parse_response reads it back)
    score: float  # 0..1
    correct: bool
    answered_at: datetime


@dataclass(frozen=True)
class QuizDraft:
    """A practice quiz answer given and not checked yet (`quiz_drafts`), to put back on screen:
    what the question's inputs hold, as the quiz view writes it (a short or numerical answer as
    typed, else the xAPI response string). Not graded, never queued, never exported."""

    question_id: str
    response: str
    saved_at: datetime


@dataclass(frozen=True)
class GradedAnswer:
    """What `question_answered` returns: the stored answer and the grade, feedback included."""

    answer: QuizAnswer
    grade: grading.Grade


@dataclass(frozen=True)
class QuizAttempt:
    id: str
    profile_id: str
    course_id: str
    unit_id: str
    number: int
    seed: int  # for grading.shuffled: the same order after a restart
    started_at: datetime
    finished_at: datetime | None
    score: float | None  # score.scaled once finished
    passed: bool | None
    answers: tuple[QuizAnswer, ...]

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    def answer(self, question_id: str) -> QuizAnswer | None:
        return next((a for a in self.answers if a.question_id == question_id), None)


@dataclass(frozen=True)
class ExamAnswer:
    question_id: str
    response: str  # xAPI response string
    answered_at: datetime


@dataclass(frozen=True)
class ExamAttempt:
    id: str
    profile_id: str
    course_id: str
    unit_id: str
    number: int
    registration: str  # the attempt's own registration: statements and the grade refer to it
    state: ExamState
    seed: int
    started_at: datetime
    deadline: datetime | None  # started_at + time limit; None: no limit
    submitted_at: datetime | None
    graded_at: datetime | None
    passed: bool | None
    score: float | None
    answers: tuple[ExamAnswer, ...]

    def remaining(self, now: float) -> float | None:
        """Seconds left before the deadline (0 when past), None without a time limit."""
        if self.deadline is None:
            return None
        return max(0.0, self.deadline.timestamp() - now)

    def answer(self, question_id: str) -> ExamAnswer | None:
        return next((a for a in self.answers if a.question_id == question_id), None)

    def responses(self, unit: ExamUnit) -> dict[str, grading.Response]:
        """The answers as typed responses, to put back on screen when resuming."""
        by_id = {q.id: q for q in unit.questions}
        return {
            a.question_id: interactions.parse_response(by_id[a.question_id], a.response)
            for a in self.answers
            if a.question_id in by_id
        }


QUIZ_COLUMNS = (
    "id, profile_id, course_id, unit_id, number, seed, started_at, finished_at, score, passed"
)
EXAM_COLUMNS = (
    "id, profile_id, course_id, unit_id, number, registration, state, seed, started_at, deadline,"
    " submitted_at, graded_at, passed, score"
)


class AttemptRecords:
    """The attempts' read side, which the quiz and exam events build on (`Assessments` sets
    these attributes)."""

    recorder: EventRecorder
    database: Database
    conn: sqlite3.Connection

    def _quiz(self, row: tuple) -> QuizAttempt:
        answers = self.conn.execute(
            "SELECT question_id, response, score, success, answered_at FROM quiz_answers"
            " WHERE attempt_id = ? ORDER BY answered_at, question_id",
            (row[0],),
        ).fetchall()
        return QuizAttempt(
            id=row[0],
            profile_id=row[1],
            course_id=row[2],
            unit_id=row[3],
            number=row[4],
            seed=row[5],
            started_at=datetime.fromtimestamp(row[6], UTC),
            finished_at=_when(row[7]),
            score=row[8],
            passed=None if row[9] is None else bool(row[9]),
            answers=tuple(
                QuizAnswer(a[0], a[1], a[2], bool(a[3]), datetime.fromtimestamp(a[4], UTC))
                for a in answers
            ),
        )

    def _exam(self, row: tuple) -> ExamAttempt:
        answers = self.conn.execute(
            "SELECT question_id, response, answered_at FROM exam_answers WHERE attempt_id = ?"
            " ORDER BY answered_at, question_id",
            (row[0],),
        ).fetchall()
        return ExamAttempt(
            id=row[0],
            profile_id=row[1],
            course_id=row[2],
            unit_id=row[3],
            number=row[4],
            registration=row[5],
            state=row[6],
            seed=row[7],
            started_at=datetime.fromtimestamp(row[8], UTC),
            deadline=_when(row[9]),
            submitted_at=_when(row[10]),
            graded_at=_when(row[11]),
            passed=None if row[12] is None else bool(row[12]),
            score=row[13],
            answers=tuple(
                ExamAnswer(a[0], a[1], datetime.fromtimestamp(a[2], UTC)) for a in answers
            ),
        )

    def quiz_attempt(self, profile_id: str, attempt_id: str) -> QuizAttempt:
        row = self.conn.execute(
            f"SELECT {QUIZ_COLUMNS} FROM quiz_attempts WHERE id = ? AND profile_id = ?",
            (attempt_id, profile_id),
        ).fetchone()
        if row is None:
            raise AttemptError(f"no quiz attempt {attempt_id} for this profile")
        return self._quiz(row)

    def quiz_attempts(
        self, profile_id: str, course_id: str | None = None, unit_id: str | None = None
    ) -> list[QuizAttempt]:
        """A profile's quiz attempts (of a course, of a unit), oldest first."""
        rows = self.conn.execute(
            f"SELECT {QUIZ_COLUMNS} FROM quiz_attempts WHERE profile_id = ?"
            " AND (? IS NULL OR course_id = ?) AND (? IS NULL OR unit_id = ?)"
            " ORDER BY started_at, number",
            (profile_id, course_id, course_id, unit_id, unit_id),
        ).fetchall()
        return [self._quiz(r) for r in rows]

    def quiz_drafts(self, profile_id: str, attempt_id: str) -> dict[str, QuizDraft]:
        """The answers of a quiz attempt not checked yet, by question id (none once it is
        finished: finishing drops them)."""
        rows = self.conn.execute(
            "SELECT d.question_id, d.response, d.saved_at FROM quiz_drafts AS d"
            " JOIN quiz_attempts AS a ON a.id = d.attempt_id"
            " WHERE d.attempt_id = ? AND a.profile_id = ?",
            (attempt_id, profile_id),
        ).fetchall()
        return {r[0]: QuizDraft(r[0], r[1], datetime.fromtimestamp(r[2], UTC)) for r in rows}

    def exam_attempt(self, profile_id: str, attempt_id: str) -> ExamAttempt:
        row = self.conn.execute(
            f"SELECT {EXAM_COLUMNS} FROM exam_attempts WHERE id = ? AND profile_id = ?",
            (attempt_id, profile_id),
        ).fetchone()
        if row is None:
            raise AttemptError(f"no exam attempt {attempt_id} for this profile")
        return self._exam(row)

    def exam_attempts(
        self, profile_id: str, course_id: str | None = None, unit_id: str | None = None
    ) -> list[ExamAttempt]:
        rows = self.conn.execute(
            f"SELECT {EXAM_COLUMNS} FROM exam_attempts WHERE profile_id = ?"
            " AND (? IS NULL OR course_id = ?) AND (? IS NULL OR unit_id = ?)"
            " ORDER BY started_at, number",
            (profile_id, course_id, course_id, unit_id, unit_id),
        ).fetchall()
        return [self._exam(r) for r in rows]

    def exam_delivered(self, attempt: ExamAttempt) -> bool:
        """The attempt's answers reached the institution: handed in, and none of its statements
        (its registration's) waits in the outbox or was refused there. So is an attempt a
        records file brought whose statements were delivered from the computer it was taken on
        (they come with their state: records.py); its page said "kept on this computer, add an
        account to send them" (shared-lab run f6 #3). Read from the waiting and refused rows
        alone, through their indexes: never the delivered history, which only grows."""
        if attempt.state == "in_progress":
            return False
        registration = attempt.registration.encode()
        for state in ("'queued'", "'poison'"):  # written out: each its partial index
            row = self.conn.execute(
                f"SELECT 1 FROM outbox WHERE profile_id = ? AND state = {state}"
                " AND instr(body, ?) > 0 LIMIT 1",
                (attempt.profile_id, registration),
            ).fetchone()
            if row is not None:
                return False
        return True

    def awaiting_grades(self, profile_id: str) -> dict[str, str]:
        """Submitted attempts without a grade: registration -> the exam's activity id (a
        grade pulled from the LRS counts only when it is about that activity)."""
        rows = self.conn.execute(
            "SELECT registration, activity FROM exam_attempts WHERE profile_id = ?"
            " AND state = 'submitted' ORDER BY started_at, number",
            (profile_id,),
        ).fetchall()
        return {str(reg): str(json.loads(activity)["id"]) for reg, activity in rows}

    def grades_to_read(self, profile_id: str, graded_after: float) -> dict[str, str]:
        """The attempts whose grade the LRS may still bring or change: those waiting for one,
        and those graded after `graded_after` (epoch seconds, by the clock that recorded the
        grade; a regrade restarts it): registration -> the exam's activity id."""
        rows = self.conn.execute(
            "SELECT registration, activity FROM exam_attempts WHERE profile_id = ?"
            " AND (state = 'submitted' OR (state = 'graded' AND graded_at > ?))"
            " ORDER BY started_at, number",
            (profile_id, graded_after),
        ).fetchall()
        return {str(reg): str(json.loads(activity)["id"]) for reg, activity in rows}


def find_question(questions: tuple[Question, ...], question_id: str) -> Question:
    """The unit's question with this id (AttemptError when it has none)."""
    found = next((q for q in questions if q.id == question_id), None)
    if found is None:
        raise AttemptError(f"no question {question_id!r} in this unit")
    return found


def question_activity(course: Course, unit_id: str, question: Question) -> Json:
    """The question as the object of an `answered` statement."""
    return {
        "objectType": "Activity",
        "id": st.question_iri(course, unit_id, question.id),
        "definition": interactions.activity_definition(question, course.language),
    }

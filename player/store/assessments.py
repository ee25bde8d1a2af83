"""Practice quiz attempts and certificate exam attempts.

Quiz: every answer is graded on the device (`player.course.grading`) and queued at once as an
`answered` statement with its score and response; finishing queues `passed`/`failed` with
`score.scaled` against the unit's mastery score (and cmi5 `completed` the first time).

Exam: an attempt has its own registration (the institution grades per attempt) and a stored
deadline, so its timer survives restarts. The time used is counted by a clock that never goes
back (`_boot_clock`) while Cartable runs, and by the wall clock only for the time it was closed,
never going back before the last wall time seen: setting the clock back gives no time, and NTP
moving it forward takes none (the stored deadline is re-based on that count as it goes). Each
answer is autosaved in its own transaction, the last answer per question winning, with the
`answered` statement it will become; nothing is queued until submission, which in ONE
transaction marks the attempt submitted and queues all its answers and the `submitted`
statement. Triggers in the schema refuse any change to a submitted attempt's answers. The
grade comes back from the LRS: `record_exam_result`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from player.course import grading, interactions
from player.course.manifest import Course, ExamUnit, QuizUnit
from player.course.quiz import Question
from player.store import progress as pg
from player.store import statements as st
from player.store.database import StoreError
from player.store.ids import new_uuid, random_bits
from player.store.sessions import UnitSession
from player.store.unit_event import EventRecorder, UnitEvent

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


_QUIZ_COLUMNS = (
    "id, profile_id, course_id, unit_id, number, seed, started_at, finished_at, score, passed"
)
_EXAM_COLUMNS = (
    "id, profile_id, course_id, unit_id, number, registration, state, seed, started_at, deadline,"
    " submitted_at, graded_at, passed, score"
)
#: An open exam's clock is written down this often (seconds): a crash forgets at most this much
#: of what the never-going-back clock counted; the wall clock covers the rest.
CLOCK_SAVE_EVERY = 15.0


def _boot_clock() -> float:
    """Seconds that never go back and keep counting while the laptop sleeps (CLOCK_BOOTTIME on
    Linux; elsewhere the monotonic clock), so closing the lid does not stop an exam's clock."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.monotonic()


@dataclass
class _Anchor:
    """An exam's time left, as counted in this process since it was first looked at."""

    at: float  # the never-going-back clock then
    left: float  # seconds left then
    saved: float  # that clock when the deadline was last written down


class Assessments:
    """Quiz and exam events (one transaction each) and the attempts' read side."""

    def __init__(
        self, recorder: EventRecorder, monotonic: Callable[[], float] | None = None
    ) -> None:
        self.recorder = recorder
        self.database = recorder.database
        self.conn = recorder.conn
        if monotonic is None:  # a store on its own clock (tests, tools) keeps time by it alone
            monotonic = _boot_clock if self.database.clock is time.time else self.database.clock
        self.monotonic = monotonic
        self._anchors: dict[str, _Anchor] = {}

    # -- reading ------------------------------------------------------------------------------

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
            f"SELECT {_QUIZ_COLUMNS} FROM quiz_attempts WHERE id = ? AND profile_id = ?",
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
            f"SELECT {_QUIZ_COLUMNS} FROM quiz_attempts WHERE profile_id = ?"
            " AND (? IS NULL OR course_id = ?) AND (? IS NULL OR unit_id = ?)"
            " ORDER BY started_at, number",
            (profile_id, course_id, course_id, unit_id, unit_id),
        ).fetchall()
        return [self._quiz(r) for r in rows]

    def exam_attempt(self, profile_id: str, attempt_id: str) -> ExamAttempt:
        row = self.conn.execute(
            f"SELECT {_EXAM_COLUMNS} FROM exam_attempts WHERE id = ? AND profile_id = ?",
            (attempt_id, profile_id),
        ).fetchone()
        if row is None:
            raise AttemptError(f"no exam attempt {attempt_id} for this profile")
        return self._exam(row)

    def exam_attempts(
        self, profile_id: str, course_id: str | None = None, unit_id: str | None = None
    ) -> list[ExamAttempt]:
        rows = self.conn.execute(
            f"SELECT {_EXAM_COLUMNS} FROM exam_attempts WHERE profile_id = ?"
            " AND (? IS NULL OR course_id = ?) AND (? IS NULL OR unit_id = ?)"
            " ORDER BY started_at, number",
            (profile_id, course_id, course_id, unit_id, unit_id),
        ).fetchall()
        return [self._exam(r) for r in rows]

    def awaiting_grades(self, profile_id: str) -> dict[str, str]:
        """Submitted attempts without a grade: registration -> the exam's activity id (a
        grade pulled from the LRS counts only when it is about that activity)."""
        rows = self.conn.execute(
            "SELECT registration, activity FROM exam_attempts WHERE profile_id = ?"
            " AND state = 'submitted' ORDER BY started_at, number",
            (profile_id,),
        ).fetchall()
        return {str(reg): str(json.loads(activity)["id"]) for reg, activity in rows}

    def expired_exam_attempts(self, profile_id: str) -> list[ExamAttempt]:
        """Attempts still in progress whose time is up: the UI submits them."""
        now = self.recorder.now()
        rows = self.conn.execute(
            f"SELECT {_EXAM_COLUMNS} FROM exam_attempts WHERE profile_id = ?"
            " AND state = 'in_progress' AND deadline IS NOT NULL",
            (profile_id,),
        ).fetchall()
        return [self._exam(r) for r in rows if (self._time_left(r[0], now)[0] or 0.0) <= 0.0]

    # -- practice quizzes ---------------------------------------------------------------------

    @staticmethod
    def _quiz_unit(session: UnitSession) -> QuizUnit:
        if not isinstance(session.unit, QuizUnit):
            raise AttemptError(f"unit {session.unit.id} is not a quiz")
        return session.unit

    def quiz_started(self, session: UnitSession) -> QuizAttempt:
        """A new attempt, or the unfinished one (resumed after a restart)."""
        unit = self._quiz_unit(session)
        with self.recorder.event(session) as ev:
            rows = self.conn.execute(
                "SELECT id, finished_at FROM quiz_attempts WHERE profile_id = ? AND course_id = ?"
                " AND unit_id = ? ORDER BY number",
                (session.profile_id, session.course.id, unit.id),
            ).fetchall()
            open_attempt = next((r[0] for r in rows if r[1] is None), None)
            if open_attempt is None:
                if unit.max_attempts is not None and len(rows) >= unit.max_attempts:
                    raise AttemptsExhausted(
                        f"all {unit.max_attempts} attempts of {unit.title!r} are used"
                    )
                open_attempt = new_uuid()
                self.conn.execute(
                    "INSERT INTO quiz_attempts (id, profile_id, course_id, unit_id, number, seed,"
                    " started_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        open_attempt,
                        session.profile_id,
                        session.course.id,
                        unit.id,
                        len(rows) + 1,
                        random_bits(31),
                        ev.now,
                    ),
                )
            ev.finish()
        return self.quiz_attempt(session.profile_id, open_attempt)

    def _open_quiz(self, session: UnitSession, attempt_id: str) -> QuizAttempt:
        attempt = self.quiz_attempt(session.profile_id, attempt_id)
        if attempt.course_id != session.course.id or attempt.unit_id != session.unit.id:
            raise AttemptError(f"attempt {attempt_id} is not an attempt of this quiz")
        if attempt.finished:
            raise AttemptError(f"attempt {attempt_id} is finished")
        return attempt

    def question_answered(
        self, session: UnitSession, attempt_id: str, question_id: str, response: grading.Response
    ) -> GradedAnswer:
        """Grade an answer on the spot and queue its `answered` statement."""
        unit = self._quiz_unit(session)
        question = _question(unit.questions, question_id)
        result = grading.grade(question, response)
        text = interactions.response_string(question, response)
        with self.recorder.event(session) as ev:
            attempt = self._open_quiz(session, attempt_id)
            outcome: Json = {
                "score": st.score(result.score, result.score, 1.0),
                "success": result.correct,
            }
            if text:
                outcome["response"] = text
            stmt = ev.emit(
                "answered",
                _question_activity(session.course, unit.id, question),
                result=outcome,
                context=ev.context(
                    parent=ev.unit_activity(),
                    extensions={st.EXT_ATTEMPT: attempt.number, st.EXT_ATTEMPT_ID: attempt.id},
                ),
            )
            self.conn.execute(
                "INSERT INTO quiz_answers (attempt_id, question_id, response, score, max_score,"
                " success, statement_id, answered_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)"
                " ON CONFLICT (attempt_id, question_id) DO UPDATE SET response = excluded.response,"
                " score = excluded.score, success = excluded.success,"
                " statement_id = excluded.statement_id, answered_at = excluded.answered_at",
                (
                    attempt.id,
                    question.id,
                    text,
                    result.score,
                    int(result.correct),
                    stmt["id"],
                    ev.now,
                ),
            )
            ev.finish()
        when = datetime.fromtimestamp(ev.now, UTC)
        answer = QuizAnswer(question.id, text, result.score, result.correct, when)
        return GradedAnswer(answer, result)

    def quiz_finished(self, session: UnitSession, attempt_id: str) -> QuizAttempt:
        """Score the attempt (unanswered questions count 0): `passed` or `failed`."""
        unit = self._quiz_unit(session)
        with self.recorder.event(session) as ev:
            attempt = self._open_quiz(session, attempt_id)
            scores = {a.question_id: a.score for a in attempt.answers}
            total = sum(scores.get(q.id, 0.0) for q in unit.questions)
            scaled = round(total / len(unit.questions), 6) if unit.questions else 0.0
            passed = scaled >= unit.mastery_score
            duration = st.duration_text(ev.now - attempt.started_at.timestamp())
            extensions = {st.CMI5_MASTERY: unit.mastery_score, st.EXT_ATTEMPT: attempt.number}
            extensions[st.EXT_ATTEMPT_ID] = attempt.id
            ev.emit(
                "passed" if passed else "failed",
                ev.unit_activity(),
                result={
                    "score": st.score(scaled, total, float(len(unit.questions))),
                    "success": passed,
                    "duration": duration,
                },
                context=ev.context(cmi5=True, moveon=True, extensions=extensions),
            )
            if not ev.state.completed:
                ev.emit(
                    "completed",
                    ev.unit_activity(),
                    result={"completion": True, "duration": st.duration_text(ev.unit_time)},
                    context=ev.context(cmi5=True, moveon=True),
                )
            self.conn.execute(
                "UPDATE quiz_attempts SET finished_at = ?, score = ?, passed = ? WHERE id = ?",
                (ev.now, scaled, int(passed), attempt.id),
            )
            ev.finish()
        return self.quiz_attempt(session.profile_id, attempt_id)

    # -- certificate exams --------------------------------------------------------------------

    def _time_left(self, attempt_id: str, now: float) -> tuple[float | None, float]:
        """(seconds left, the wall time it is measured from): None left without a time limit.

        First look in this process: the stored deadline less the wall time since it was last
        seen, never counting a wall clock gone back (before `clock_seen_at`); from then on the
        never-going-back clock alone counts.
        """
        deadline, seen = self.conn.execute(
            "SELECT deadline, clock_seen_at FROM exam_attempts WHERE id = ?", (attempt_id,)
        ).fetchone()
        wall = max(now, seen or 0.0)
        if deadline is None:
            return None, wall
        anchor = self._anchors.get(attempt_id)
        tick = self.monotonic()
        if anchor is None:
            anchor = self._anchors[attempt_id] = _Anchor(tick, deadline - wall, tick)
        return anchor.left - max(0.0, tick - anchor.at), wall

    def _save_clock(self, attempt_id: str, now: float) -> float | None:
        """Write the count down (in the caller's transaction): the deadline re-based on the
        wall time, which is never set before the last one seen. Returns the seconds left."""
        left, wall = self._time_left(attempt_id, now)
        if left is None:
            return None
        self.conn.execute(
            "UPDATE exam_attempts SET deadline = ?, clock_seen_at = ? WHERE id = ?"
            " AND state = 'in_progress'",
            (wall + left, wall, attempt_id),
        )
        self._anchors[attempt_id].saved = self.monotonic()
        return left

    def exam_clock(self, profile_id: str, attempt_id: str, *, save: bool = False) -> float | None:
        """Seconds left of an attempt in progress (negative once past), None without a limit.
        Asked every second by the open exam; written down every `CLOCK_SAVE_EVERY` seconds,
        and at once with `save` (the view closing)."""
        now = self.recorder.now()
        state = self.conn.execute(
            "SELECT state FROM exam_attempts WHERE id = ? AND profile_id = ?",
            (attempt_id, profile_id),
        ).fetchone()
        if state is None:
            raise AttemptError(f"no exam attempt {attempt_id} for this profile")
        left, _wall = self._time_left(attempt_id, now)
        anchor = self._anchors.get(attempt_id)
        due = anchor is not None and self.monotonic() - anchor.saved >= CLOCK_SAVE_EVERY
        if left is None or state[0] != "in_progress" or not (save or due):
            return left
        with self.database.transaction():
            return self._save_clock(attempt_id, now)

    @staticmethod
    def _exam_unit(session: UnitSession) -> ExamUnit:
        if not isinstance(session.unit, ExamUnit):
            raise AttemptError(f"unit {session.unit.id} is not an exam")
        return session.unit

    def exam_started(self, session: UnitSession) -> ExamAttempt:
        """A new attempt (its registration made, its deadline stored), or the one in progress.
        Refused while the last one waits for its grade or once the exam is passed
        (`AttemptNotAllowed`), nor past the attempts allowed (`AttemptsExhausted`).

        Queues `attempted` with the attempt's registration: the institution sees the attempt
        start even if it is never submitted.
        """
        unit = self._exam_unit(session)
        with self.recorder.event(session) as ev:
            rows = self.conn.execute(
                "SELECT id, state, passed, number FROM exam_attempts WHERE profile_id = ?"
                " AND course_id = ? AND unit_id = ? ORDER BY number",
                (session.profile_id, session.course.id, unit.id),
            ).fetchall()
            current = next((r[0] for r in rows if r[1] == "in_progress"), None)
            if current is None:
                waiting = next((r[3] for r in rows if r[1] == "submitted"), None)
                if waiting is not None:  # its grade decides whether another is needed
                    raise AttemptNotAllowed(
                        f"attempt {waiting} of {unit.title!r} is waiting for its grade"
                    )
                if any(r[1] == "graded" and r[2] for r in rows):
                    raise AttemptNotAllowed(f"{unit.title!r} is passed: no new attempt")
                if len(rows) >= unit.max_attempts:
                    raise AttemptsExhausted(
                        f"all {unit.max_attempts} attempts of {unit.title!r} are used"
                    )
                current = self._new_exam(ev, unit, len(rows) + 1)
            ev.finish()
        return self.exam_attempt(session.profile_id, current)

    def _new_exam(self, ev: UnitEvent, unit: ExamUnit, number: int) -> str:
        session = ev.session
        attempt_id = new_uuid()
        registration = new_uuid()
        activity = ev.unit_activity()
        extensions = {
            st.EXT_ATTEMPT: number,
            st.EXT_COURSE_REGISTRATION: session.registration,
            st.EXT_EXAM: True,
            st.CMI5_MASTERY: unit.mastery_score,
        }
        template = st.context(
            registration,
            language=session.course.language,
            parent=st.module_activity(session.course, session.module),
            grouping=st.course_activity(session.course),
            extensions=extensions,
        )
        deadline = ev.now + unit.time_limit if unit.time_limit else None
        self.conn.execute(
            "INSERT INTO exam_attempts (id, profile_id, course_id, unit_id, number, registration,"
            " state, seed, started_at, deadline, activity, context, time_limit, clock_seen_at)"
            " VALUES (?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, ?, ?, ?, ?, ?)",
            (
                attempt_id,
                session.profile_id,
                session.course.id,
                unit.id,
                number,
                registration,
                random_bits(31),
                ev.now,
                deadline,
                json.dumps(activity),
                json.dumps(template),
                unit.time_limit or None,
                ev.now,
            ),
        )
        ev.emit("attempted", activity, context=_with_session(template, session.id))
        return attempt_id

    def _open_exam(
        self, session: UnitSession, attempt_id: str, now: float
    ) -> tuple[ExamAttempt, Json]:
        row = self.conn.execute(
            f"SELECT {_EXAM_COLUMNS}, context FROM exam_attempts WHERE id = ? AND profile_id = ?",
            (attempt_id, session.profile_id),
        ).fetchone()
        if row is None:
            raise AttemptError(f"no exam attempt {attempt_id} for this profile")
        attempt = self._exam(row[:-1])
        if attempt.course_id != session.course.id or attempt.unit_id != session.unit.id:
            raise AttemptError(f"attempt {attempt_id} is not an attempt of this exam")
        if attempt.state != "in_progress":
            raise ExamClosed(f"exam attempt {attempt.number} was submitted: it cannot change")
        return attempt, json.loads(row[-1])

    def exam_answer(
        self,
        session: UnitSession,
        attempt_id: str,
        question_id: str,
        response: grading.Response | None,
    ) -> ExamAttempt:
        """Autosave one answer (the last one per question wins); None or an empty response
        clears it, whatever the question's type (a number typed then erased).

        Refused after the deadline: the answers given in time are what gets submitted.
        """
        unit = self._exam_unit(session)
        question = _question(unit.questions, question_id)
        text = "" if response is None else interactions.response_string(question, response)
        with self.recorder.event(session) as ev:
            attempt, template = self._open_exam(session, attempt_id, ev.now)
            left = self._save_clock(attempt.id, ev.now)
            if left is not None and left < 0:
                raise ExamClosed(f"the time of exam attempt {attempt.number} is up")
            if text:
                outcome: Json = {"response": text}
                stmt = st.statement(
                    ev.actor,
                    "answered",
                    _question_activity(session.course, unit.id, question),
                    timestamp=ev.timestamp,
                    result=outcome,
                    context=_with_session(
                        template, session.id, parent=st.unit_activity(session.course, unit)
                    ),
                )
                self.conn.execute(
                    "INSERT INTO exam_answers (attempt_id, question_id, response, statement,"
                    " answered_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (attempt_id, question_id)"
                    " DO UPDATE SET response = excluded.response, statement = excluded.statement,"
                    " answered_at = excluded.answered_at",
                    (attempt.id, question.id, text, json.dumps(stmt), ev.now),
                )
            else:
                self.conn.execute(
                    "DELETE FROM exam_answers WHERE attempt_id = ? AND question_id = ?",
                    (attempt.id, question.id),
                )
            ev.finish()
        return self.exam_attempt(session.profile_id, attempt_id)

    def exam_submitted(self, session: UnitSession, attempt_id: str) -> ExamAttempt:
        """ONE transaction: the attempt becomes submitted and its answers and the `submitted`
        statement are queued, all with the attempt's registration. Pressed after the time ran
        out (the view was slow to notice), it is the deadline's submission, not a late one."""
        self._exam_unit(session)
        with self.recorder.event(session) as ev:
            attempt, template = self._open_exam(session, attempt_id, ev.now)
            self._submit(attempt, template, ev.now, ev.actor, session.id)
            ev.state = pg.apply_statement(ev.state, {"verb": {"id": st.VERBS["submitted"]}})
            ev.finish()
        return self.exam_attempt(session.profile_id, attempt_id)

    def submit_expired(self, profile_id: str) -> list[ExamAttempt]:
        """Submit the attempts whose time ran out while the player was closed (at start)."""
        done = []
        for attempt in self.expired_exam_attempts(profile_id):
            now = self.recorder.now()
            with self.database.transaction():
                row = self.conn.execute(
                    "SELECT context, state FROM exam_attempts WHERE id = ?", (attempt.id,)
                ).fetchone()
                if row[1] != "in_progress":
                    continue
                actor = self.recorder.actor(profile_id)
                self._submit(attempt, json.loads(row[0]), now, actor, None)
                unit = pg.load_unit(self.conn, profile_id, attempt.course_id, attempt.unit_id)
                state = pg.apply_statement(unit.state, {"verb": {"id": st.VERBS["submitted"]}})
                pg.save_state(self.conn, profile_id, attempt.course_id, attempt.unit_id, state, now)
            done.append(self.exam_attempt(profile_id, attempt.id))
        return done

    def _submit(
        self,
        attempt: ExamAttempt,
        template: Json,
        now: float,
        actor: st.Actor,
        session_id: str | None,
    ) -> None:
        """An attempt whose time is up was submitted by its deadline, maybe long before Cartable
        noticed (it was closed, or the view was slow): it counts as submitted at the deadline
        (never later than now, never before its last answer), its duration at most the limit."""
        started = attempt.started_at.timestamp()
        at, duration = now, now - started
        outcome: Json = {"completion": True}
        left, wall = self._time_left(attempt.id, now)
        limit = self.conn.execute(
            "SELECT time_limit FROM exam_attempts WHERE id = ?", (attempt.id,)
        ).fetchone()[0]
        if left is not None and limit is not None:
            duration = limit - max(0.0, left)  # the time used, as the exam's clock counted it
        if left is not None and left <= 0:
            last = max((a.answered_at.timestamp() for a in attempt.answers), default=started)
            at = min(now, max(wall + left, last))  # when the time ran out, by the wall clock
            outcome["extensions"] = {st.EXT_AUTO_SUBMITTED: True}
        outcome["duration"] = st.duration_text(max(0.0, duration))
        self._anchors.pop(attempt.id, None)
        self.conn.execute(
            "UPDATE exam_attempts SET state = 'submitted', submitted_at = ? WHERE id = ?"
            " AND state = 'in_progress'",
            (at, attempt.id),
        )
        rows = self.conn.execute(
            "SELECT statement FROM exam_answers WHERE attempt_id = ?"
            " ORDER BY answered_at, question_id",
            (attempt.id,),
        ).fetchall()
        for (text,) in rows:
            self.recorder.queue(attempt.profile_id, json.loads(text), now)
        activity = json.loads(
            self.conn.execute(
                "SELECT activity FROM exam_attempts WHERE id = ?", (attempt.id,)
            ).fetchone()[0]
        )
        stmt = st.statement(
            actor,
            "submitted",
            activity,
            timestamp=st.timestamp_text(at, now),
            result=outcome,
            context=_with_session(template, session_id) if session_id else template,
        )
        self.recorder.queue(attempt.profile_id, stmt, now)

    def record_exam_result(
        self,
        profile_id: str,
        registration: str,
        passed: bool,
        score: float | None = None,
        *,
        course: Course | None = None,
        statement: bytes | None = None,
    ) -> ExamAttempt | None:
        """The institution graded an attempt (a `passed`/`failed` statement pulled from the LRS
        about this registration). None when no attempt of this profile has it. Recording the
        same grade again changes nothing. With `course`, a module or the course it satisfies
        gets its cmi5 `satisfied` statement."""
        now = self.recorder.now()
        with self.database.transaction():
            row = self.conn.execute(
                f"SELECT {_EXAM_COLUMNS} FROM exam_attempts WHERE registration = ?"
                " AND profile_id = ?",
                (registration, profile_id),
            ).fetchone()
            if row is None:
                return None
            attempt = self._exam(row)
            if attempt.state == "graded" and attempt.passed == passed and attempt.score == score:
                return attempt
            self.conn.execute(
                "UPDATE exam_attempts SET state = 'graded', graded_at = ?, passed = ?, score = ?,"
                " result_statement = coalesce(?, result_statement) WHERE id = ?",
                (now, int(passed), score, statement, attempt.id),
            )
            before = pg.load_unit(self.conn, profile_id, attempt.course_id, attempt.unit_id)
            grade: Json = {"verb": {"id": st.VERBS["passed" if passed else "failed"]}}
            if score is not None:
                grade["result"] = {"score": {"scaled": score}}
            state = pg.apply_statement(before.state, grade)
            pg.save_state(self.conn, profile_id, attempt.course_id, attempt.unit_id, state, now)
            if course is not None and course.id == attempt.course_id:
                self._satisfied_after_grade(profile_id, course, attempt, before, now)
        return self.exam_attempt(profile_id, attempt.id)

    def _satisfied_after_grade(
        self,
        profile_id: str,
        course: Course,
        attempt: ExamAttempt,
        before: pg.UnitProgress,
        now: float,
    ) -> None:
        unit = course.unit(attempt.unit_id)
        module = course.module_of(attempt.unit_id)
        if unit is None or module is None:
            return
        after = pg.load_unit(self.conn, profile_id, course.id, unit.id)
        if before.satisfied(unit.move_on) == after.satisfied(unit.move_on):
            return
        registration = self.recorder.enrolment(profile_id, course, now)
        self.recorder.queue_satisfied(profile_id, course, registration, None, before, after, now)


def _question(questions: tuple[Question, ...], question_id: str) -> Question:
    found = next((q for q in questions if q.id == question_id), None)
    if found is None:
        raise AttemptError(f"no question {question_id!r} in this unit")
    return found


def _question_activity(course: Course, unit_id: str, question: Question) -> Json:
    return {
        "objectType": "Activity",
        "id": st.question_iri(course, unit_id, question.id),
        "definition": interactions.activity_definition(question, course.language),
    }


def _with_session(template: Json, session_id: str | None, parent: Json | None = None) -> Json:
    out = json.loads(json.dumps(template))
    if session_id:
        out.setdefault("extensions", {})[st.CMI5_SESSION] = session_id
    if parent is not None:
        out.setdefault("contextActivities", {})["parent"] = [parent]
    return out

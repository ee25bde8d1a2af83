"""Certificate exam events. An attempt has its own registration (the institution grades per
attempt) and a stored deadline, so its timer survives restarts (exam_clock.py). Each answer is
autosaved in its own transaction, the last answer per question winning, with the `answered`
statement it will become; nothing is queued until submission, which in ONE transaction marks the
attempt submitted and queues all its answers and the `submitted` statement. Triggers in the
schema refuse any change to a submitted attempt's answers. The grade comes back from the LRS:
`record_exam_result`.

An attempt made elsewhere (a records import: the old laptop's `attempted`, or one written by
hand) has no time limit stored; once the course is here, the exam's time limit counts from the
attempt's start (`limit_imported_attempts`, when the exam opens or starts): a timed exam is
never taken untimed, and one whose time is up is submitted as the exam's rules say.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from player.course import grading, interactions
from player.course.manifest import Course, ExamUnit
from player.store import progress as pg
from player.store import statements as st
from player.store.attempts import (
    EXAM_COLUMNS,
    AttemptError,
    AttemptNotAllowed,
    AttemptsExhausted,
    ExamAttempt,
    ExamClosed,
    find_question,
    question_activity,
)
from player.store.exam_clock import ExamClock
from player.store.ids import new_uuid, random_bits
from player.store.sessions import UnitSession
from player.store.unit_event import UnitEvent
from sync.grade_order import supersedes

Json = dict[str, Any]


class ExamEvents(ExamClock):
    """The certificate exams' events; each is one transaction."""

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
            self._limit_imported(session.profile_id, session.course.id, unit, ev.now)
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
                # after the last, as a quiz's: an import may leave a gap in the numbers
                current = self._new_exam(ev, unit, rows[-1][3] + 1 if rows else 1)
            ev.finish()
        return self.exam_attempt(session.profile_id, current)

    def limit_imported_attempts(self, profile_id: str, course_id: str, unit: ExamUnit) -> int:
        """Give the attempts in progress that were not started here (a records import) the
        exam's time limit from their start; how many. The exam view asks it as it opens."""
        with self.database.transaction():
            return self._limit_imported(profile_id, course_id, unit, self.recorder.now())

    def _limit_imported(self, profile_id: str, course_id: str, unit: ExamUnit, now: float) -> int:
        """(caller's transaction) An attempt started here always has `clock_seen_at`; one made
        by an import has neither it nor a time limit. Its start is the statement's timestamp,
        never later than the import (ingest.py): the deadline is start + limit, so the time
        since the start counts, and one whose time is up is submitted like any (the view's
        `submit_expired`, or at the next start)."""
        if not unit.time_limit:
            return 0
        return self.conn.execute(
            "UPDATE exam_attempts SET time_limit = ?, deadline = min(started_at, ?) + ?,"
            " clock_seen_at = ? WHERE profile_id = ? AND course_id = ? AND unit_id = ?"
            " AND state = 'in_progress' AND time_limit IS NULL AND clock_seen_at IS NULL",
            (unit.time_limit, now, unit.time_limit, now, profile_id, course_id, unit.id),
        ).rowcount

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
            f"SELECT {EXAM_COLUMNS}, context FROM exam_attempts WHERE id = ? AND profile_id = ?",
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
        question = find_question(unit.questions, question_id)
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
                    question_activity(session.course, unit.id, question),
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
            before = pg.load_unit(self.conn, session.profile_id, session.course.id, attempt.unit_id)
            self._submit(attempt, template, ev.now, ev.actor, session.id)
            ev.state = pg.apply_statement(ev.state, {"verb": {"id": st.VERBS["submitted"]}})
            # an exam with moveOn Completed is satisfied by its submission (ev.finish counts
            # the unit by its row, which never satisfies an exam)
            self._satisfied_by_attempt(
                session.profile_id, session.course, attempt.unit_id, before, session.id, ev.now
            )
            ev.finish()
        return self.exam_attempt(session.profile_id, attempt_id)

    def submit_expired(
        self, profile_id: str, courses: Callable[[str], Course | None] | None = None
    ) -> list[ExamAttempt]:
        """Submit the attempts whose time ran out (the exam view's clock, while the player was
        closed, an imported attempt once timed). `courses` gives a course by its id (the
        installed one): a module or the course an attempt's submission satisfies (an exam with
        moveOn Completed) gets its cmi5 `satisfied`, as with `exam_submitted`."""
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
                before = pg.load_unit(self.conn, profile_id, attempt.course_id, attempt.unit_id)
                self._submit(attempt, json.loads(row[0]), now, actor, None)
                state = pg.apply_statement(before.state, {"verb": {"id": st.VERBS["submitted"]}})
                pg.save_state(self.conn, profile_id, attempt.course_id, attempt.unit_id, state, now)
                course = courses(attempt.course_id) if courses is not None else None
                if course is not None and course.id == attempt.course_id:
                    self._satisfied_by_attempt(
                        profile_id, course, attempt.unit_id, before, None, now
                    )
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
        same grade again changes nothing, nor does a `statement` older than the grade recorded
        (`sync.grade_order.supersedes`: a regrade read before an earlier grade stays). With
        `course`, a module or the course it satisfies gets its cmi5 `satisfied` statement."""
        now = self.recorder.now()
        with self.database.transaction():
            row = self.conn.execute(
                f"SELECT {EXAM_COLUMNS} FROM exam_attempts WHERE registration = ?"
                " AND profile_id = ?",
                (registration, profile_id),
            ).fetchone()
            if row is None:
                return None
            attempt = self._exam(row)
            if attempt.state == "graded" and attempt.passed == passed and attempt.score == score:
                return attempt
            if attempt.state == "graded" and statement is not None:
                held = self.conn.execute(
                    "SELECT result_statement FROM exam_attempts WHERE id = ?", (attempt.id,)
                ).fetchone()[0]
                if held is not None and not _newer(statement, held):
                    return attempt
            before = pg.load_unit(self.conn, profile_id, attempt.course_id, attempt.unit_id)
            self.conn.execute(
                "UPDATE exam_attempts SET state = 'graded', graded_at = ?, passed = ?, score = ?,"
                " result_statement = coalesce(?, result_statement) WHERE id = ?",
                (now, int(passed), score, statement, attempt.id),
            )
            grade: Json = {"verb": {"id": st.VERBS["passed" if passed else "failed"]}}
            if score is not None:
                grade["result"] = {"score": {"scaled": score}}
            state = pg.apply_statement(before.state, grade)
            pg.save_state(self.conn, profile_id, attempt.course_id, attempt.unit_id, state, now)
            if course is not None and course.id == attempt.course_id:
                self._satisfied_by_attempt(profile_id, course, attempt.unit_id, before, None, now)
        return self.exam_attempt(profile_id, attempt.id)

    def _satisfied_by_attempt(
        self,
        profile_id: str,
        course: Course,
        unit_id: str,
        before: pg.UnitProgress,
        session_id: str | None,
        now: float,
    ) -> None:
        """cmi5 `satisfied` for what an attempt's change (submitted, graded) has just satisfied:
        an exam unit counts by its attempts (`UnitProgress.counted`), read before and after."""
        unit = course.unit(unit_id)
        module = course.module_of(unit_id)
        if unit is None or module is None:
            return
        after = pg.load_unit(self.conn, profile_id, course.id, unit.id)
        if before.counted(unit).satisfies(unit) == after.counted(unit).satisfies(unit):
            return
        registration = self.recorder.enrolment(profile_id, course, now)
        self.recorder.queue_satisfied(
            profile_id, course, registration, session_id, before, after, now
        )


def _newer(statement: bytes, held: bytes) -> bool:
    """Whether a grade statement replaces the one recorded (unreadable JSON never wins, and
    never blocks a readable one)."""
    try:
        grade = json.loads(statement)
    except ValueError:
        return False
    try:
        before = json.loads(held)
    except ValueError:
        return True
    if not isinstance(grade, dict):
        return False
    return not isinstance(before, dict) or supersedes(grade, before)


def _with_session(template: Json, session_id: str | None, parent: Json | None = None) -> Json:
    out = json.loads(json.dumps(template))
    if session_id:
        out.setdefault("extensions", {})[st.CMI5_SESSION] = session_id
    if parent is not None:
        out.setdefault("contextActivities", {})["parent"] = [parent]
    return out

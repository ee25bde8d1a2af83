"""Practice quiz events: every answer is graded on the device (`player.course.grading`) and
queued at once as an `answered` statement with its score and response; finishing queues
`passed`/`failed` with `score.scaled` against the unit's mastery score (and cmi5 `completed` the
first time).

An answer given and not checked yet is a draft (`save_quiz_draft`, `quiz_drafts`): kept in
`quiz_drafts` so a quit or a power cut loses nothing, but not an event - one small transaction,
no statement, the session and progress untouched. Checking the question, or finishing the
attempt, drops it in the same transaction that records the answer or the score.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from player.course import grading, interactions
from player.course.manifest import QuizUnit
from player.store import statements as st
from player.store.attempts import (
    AttemptError,
    AttemptRecords,
    AttemptsExhausted,
    GradedAnswer,
    QuizAnswer,
    QuizAttempt,
    find_question,
    question_activity,
)
from player.store.ids import new_uuid, random_bits
from player.store.sessions import UnitSession

Json = dict[str, Any]


class QuizEvents(AttemptRecords):
    """The practice quizzes' events; each is one transaction."""

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
                "SELECT id, finished_at, number FROM quiz_attempts WHERE profile_id = ?"
                " AND course_id = ? AND unit_id = ? ORDER BY number",
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
                        # after the last: an import may leave a gap (ingest.py keeps an
                        # attempt's own number when free), and the count would take a number
                        rows[-1][2] + 1 if rows else 1,
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

    def save_quiz_draft(
        self, session: UnitSession, attempt_id: str, question_id: str, response: str
    ) -> bool:
        """Keep what a question's inputs hold before it is checked, the last one winning ("" or
        blanks drop it): one small transaction, no statement. False when the question is
        already checked (its answer is what counts). `AttemptError` for an attempt that is not
        this profile's open one of this quiz, or a question it does not have."""
        unit = self._quiz_unit(session)
        find_question(unit.questions, question_id)
        with self.database.transaction():
            row = self.conn.execute(
                "SELECT course_id, unit_id, finished_at FROM quiz_attempts"
                " WHERE id = ? AND profile_id = ?",
                (attempt_id, session.profile_id),
            ).fetchone()
            if row is None or (row[0], row[1]) != (session.course.id, unit.id):
                raise AttemptError(f"attempt {attempt_id} is not an attempt of this quiz")
            if row[2] is not None:
                raise AttemptError(f"attempt {attempt_id} is finished")
            if not response.strip():
                self.conn.execute(
                    "DELETE FROM quiz_drafts WHERE attempt_id = ? AND question_id = ?",
                    (attempt_id, question_id),
                )
                return True
            saved = self.conn.execute(
                "INSERT INTO quiz_drafts (attempt_id, question_id, response, saved_at)"
                " SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM quiz_answers"
                " WHERE attempt_id = ? AND question_id = ?)"
                " ON CONFLICT (attempt_id, question_id) DO UPDATE SET"
                " response = excluded.response, saved_at = excluded.saved_at",
                (
                    attempt_id,
                    question_id,
                    response,
                    self.recorder.now(),
                    attempt_id,
                    question_id,
                ),
            ).rowcount
        return saved == 1

    def question_answered(
        self, session: UnitSession, attempt_id: str, question_id: str, response: grading.Response
    ) -> GradedAnswer:
        """Grade an answer on the spot and queue its `answered` statement."""
        unit = self._quiz_unit(session)
        question = find_question(unit.questions, question_id)
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
                question_activity(session.course, unit.id, question),
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
            self.conn.execute(
                "DELETE FROM quiz_drafts WHERE attempt_id = ? AND question_id = ?",
                (attempt.id, question.id),
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
            self.conn.execute("DELETE FROM quiz_drafts WHERE attempt_id = ?", (attempt.id,))
            ev.finish()
        return self.quiz_attempt(session.profile_id, attempt_id)

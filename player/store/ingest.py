"""Statements from elsewhere (an import, a damaged file's salvage) added to the outbox and
folded into progress, quiz and exam attempts and time studied, as if recorded here.

A statement whose id is already here is skipped, so importing the same file twice changes
nothing. A `satisfied` added keeps its block as satisfied (satisfied_blocks.py), queued or
delivered: the device issues no second one for it. Which statements reach this fold, and in
which state, is the caller's decision (records.py: exam grades never come from an import).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from player.store import progress as pg
from player.store import satisfied_blocks as sb
from player.store import statements as st
from player.store.database import Database
from player.store.ids import new_uuid, random_bits
from sync.outbox import Outbox, OutboxState

Json = dict[str, Any]


@dataclass
class Ingested:
    """What one batch of statements changed (import or salvage)."""

    added: int = 0
    queued: int = 0
    units: set[tuple[str, str]] = field(default_factory=set)


@dataclass(frozen=True)
class KnownUnits:
    """What the caller can tell of the units: the installed courses (ids) and their practice
    quizzes. A quiz attempt is made only for a unit that may be a quiz: one of `quizzes`, or
    one of a course not installed here, whose units nothing tells apart (salvage knows none:
    its statements are this device's own). A video's or an exam's result naming an attempt
    makes none."""

    courses: frozenset[str] = frozenset()
    quizzes: frozenset[tuple[str, str]] = frozenset()

    def may_be_quiz(self, course_id: str, unit_id: str) -> bool:
        return (course_id, unit_id) in self.quizzes or course_id not in self.courses


def duration(stmt: Json) -> float:
    """A statement's `result.duration` in seconds, at most `MAX_DURATION`: one an older Cartable
    wrote longer (records_file.py takes up to `MAX_RECORDED_DURATION`) adds no more study time
    than the recorder now writes. ValueError when it has none."""
    text = str((stmt.get("result") or {}).get("duration", ""))
    return min(st.parse_duration(text), st.MAX_DURATION)


def extensions(stmt: Json, where: str) -> Json:
    """The extensions of a statement's `context` or `result` ({} when it has none)."""
    part = stmt.get(where) or {}
    return part.get("extensions") or {}


def _no_step(_steps: int) -> None:
    """No progress to tell."""


class Ingest:
    """The fold on one database's connection; `add` runs in the caller's transaction."""

    def __init__(self, database: Database, outbox: Outbox) -> None:
        self.database = database
        self.conn = database.conn
        self.outbox = outbox

    def add(
        self,
        profile_id: str,
        items: Iterable[tuple[Json, OutboxState]],
        now: float,
        *,
        known: KnownUnits = KnownUnits(),
        closing: Sequence[Json] = (),
        step: Callable[[int], None] = _no_step,
    ) -> Ingested:
        """Add statements not already here and fold them into progress (caller's transaction).

        `closing`: practice quiz results the caller does not take (records.py: grades to send
        it cannot vouch for), which still close their attempts: an attempt the learner finished
        elsewhere is not left open here, to be resumed and given a second result. Neither
        added nor folded into progress; taken later (the file imported again), each sets what
        it set here.

        `step`: told each statement's two steps (queued or here already, then folded or not to
        fold), for an import's progress; it may raise, to stop (the caller rolls back)."""
        done = Ingested()
        added: list[Json] = []
        for stmt, state in items:
            body = st.freeze(stmt)
            stamp = st.parse_timestamp(stmt["timestamp"])
            delivered_at = now if state == "delivered" else None
            if stmt["id"] != stmt["id"].upper() and self.outbox.contains(stmt["id"].upper()):
                step(2)
                continue  # kept in capitals by a Cartable before ids were made canonical
            if self.outbox.append_new(profile_id, stmt["id"], body, stamp, state, delivered_at):
                sb.record_statement(self.conn, profile_id, stmt)
                added.append(stmt)
                done.added += 1
                done.queued += state == "queued"
                step(1)
            else:
                step(2)  # nothing to fold
        by_unit: dict[tuple[str, str], list[Json]] = defaultdict(list)
        for stmt in added:
            ref = st.parse_activity_iri(str(stmt["object"].get("id", "")))
            if ref is None:
                step(1)
                continue
            self._enrol(profile_id, ref.course_id, stmt, now)
            if ref.unit_id:
                by_unit[(ref.course_id, ref.unit_id)].append(stmt)
            else:
                step(1)
        for (course_id, unit_id), stmts in by_unit.items():
            quiz = known.may_be_quiz(course_id, unit_id)
            self._fold_unit(profile_id, course_id, unit_id, stmts, now, quiz, step)
            done.units.add((course_id, unit_id))
        for stmt in closing:
            ref = st.parse_activity_iri(str(stmt["object"].get("id", "")))
            if ref is not None and ref.unit_id and not ref.question_id:
                quiz = known.may_be_quiz(ref.course_id, ref.unit_id)
                self._quiz_finished(profile_id, ref.course_id, ref.unit_id, stmt, quiz)
        return done

    def _enrol(self, profile_id: str, course_id: str, stmt: Json, now: float) -> None:
        context = stmt.get("context") or {}
        registration = context.get("registration")
        if not registration or extensions(stmt, "context").get(st.EXT_EXAM):
            return
        self.conn.execute(
            "INSERT INTO enrolments (profile_id, course_id, registration, enrolled_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (profile_id, course_id, registration, st.parse_timestamp(stmt["timestamp"])),
        )

    def _fold_unit(
        self,
        profile_id: str,
        course_id: str,
        unit_id: str,
        stmts: list[Json],
        now: float,
        quiz: bool,
        step: Callable[[int], None] = _no_step,
    ) -> None:
        """`quiz`: whether the unit may be a practice quiz (KnownUnits), its attempts made here."""
        before = pg.load_unit(self.conn, profile_id, course_id, unit_id)
        state = before.state
        position: float | None = None
        spent = 0.0
        for stmt in stmts:
            state = pg.apply_statement(state, stmt)
            result_ext = extensions(stmt, "result")
            for key in (st.VIDEO_TIME, st.VIDEO_TIME_TO):
                if isinstance(result_ext.get(key), int | float):
                    position = float(result_ext[key])
            ref = st.parse_activity_iri(str(stmt["object"].get("id", "")))
            if ref and ref.page is not None:
                position = float(ref.page)
            if st.verb_name(stmt) in ("terminated", "abandoned"):
                spent += self._session_time(profile_id, stmt)
            if st.verb_name(stmt) == "answered":
                self._quiz_answer(profile_id, course_id, unit_id, stmt, quiz)
            self._exam_statement(profile_id, course_id, unit_id, stmt)
            if st.verb_name(stmt) in ("passed", "failed"):
                self._quiz_finished(profile_id, course_id, unit_id, stmt, quiz)
            step(1)
        pg.save_state(self.conn, profile_id, course_id, unit_id, state, now)
        self.conn.execute(
            "UPDATE unit_progress SET position = coalesce(?, position),"
            " time_spent = time_spent + ? WHERE profile_id = ? AND course_id = ? AND unit_id = ?",
            (position, spent, profile_id, course_id, unit_id),
        )

    def _session_time(self, profile_id: str, stmt: Json) -> float:
        """A session's duration; a session this database still has open (restored from a backup)
        is closed by it, and only the time it had not counted yet is added."""
        try:
            spent = duration(stmt)
        except ValueError:
            return 0.0
        session_id = extensions(stmt, "context").get(st.CMI5_SESSION)
        counted = 0.0
        if session_id:
            row = self.conn.execute(
                "SELECT active_seconds FROM sessions WHERE id = ? AND profile_id = ?"
                " AND ended_at IS NULL",
                (session_id, profile_id),
            ).fetchone()
            if row:
                counted = float(row[0])
                pg.end_session_study(self.conn, session_id)
                self.conn.execute(
                    "UPDATE sessions SET ended_at = ?, end_verb = ?, active_seconds = ?"
                    " WHERE id = ?",
                    (
                        st.parse_timestamp(stmt["timestamp"]),
                        st.verb_name(stmt),
                        spent,
                        session_id,
                    ),
                )
        extra = max(0.0, spent - counted)
        if extra:
            end = st.parse_timestamp(stmt["timestamp"])
            pg.add_study_time(self.conn, profile_id, end - extra, end)
        return extra

    # -- quiz and exam attempts ---------------------------------------------------------------

    def _number(
        self, table: str, profile_id: str, course_id: str, unit_id: str, wanted: Any
    ) -> int:
        taken = {
            r[0]
            for r in self.conn.execute(
                f"SELECT number FROM {table}"
                " WHERE profile_id = ? AND course_id = ? AND unit_id = ?",
                (profile_id, course_id, unit_id),
            )
        }
        if isinstance(wanted, int) and wanted > 0 and wanted not in taken:
            return wanted
        return max(taken, default=0) + 1

    def _quiz_attempt(
        self, profile_id: str, course_id: str, unit_id: str, attempt_id: str, ext: Json, at: float
    ) -> None:
        """The attempt a statement names, made (started `at`) unless this profile has it; an id
        another profile's attempt holds makes nothing."""
        exists = self.conn.execute(
            "SELECT 1 FROM quiz_attempts WHERE id = ? AND profile_id = ?", (attempt_id, profile_id)
        ).fetchone()
        if exists:
            return
        number = self._number(
            "quiz_attempts", profile_id, course_id, unit_id, ext.get(st.EXT_ATTEMPT)
        )
        self.conn.execute(
            "INSERT INTO quiz_attempts (id, profile_id, course_id, unit_id, number, seed,"
            " started_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (attempt_id, profile_id, course_id, unit_id, number, random_bits(31), at),
        )

    def _quiz_answer(
        self, profile_id: str, course_id: str, unit_id: str, stmt: Json, quiz: bool
    ) -> None:
        ext = extensions(stmt, "context")
        attempt_id = ext.get(st.EXT_ATTEMPT_ID)
        ref = st.parse_activity_iri(str(stmt["object"].get("id", "")))
        if not attempt_id or ext.get(st.EXT_EXAM) or ref is None or not ref.question_id:
            return
        stamp = st.parse_timestamp(stmt["timestamp"])
        if quiz:
            self._quiz_attempt(profile_id, course_id, unit_id, attempt_id, ext, stamp)
        result = stmt.get("result") or {}
        scaled = (result.get("score") or {}).get("scaled", 0.0)
        self.conn.execute(
            "INSERT INTO quiz_answers (attempt_id, question_id, response, score, max_score,"
            " success, statement_id, answered_at) SELECT ?, ?, ?, ?, 1, ?, ?, ?"
            " WHERE EXISTS (SELECT 1 FROM quiz_attempts WHERE id = ? AND profile_id = ?)"
            " ON CONFLICT (attempt_id, question_id) DO UPDATE SET response = excluded.response,"
            " score = excluded.score, success = excluded.success,"
            " statement_id = excluded.statement_id, answered_at = excluded.answered_at",
            (
                attempt_id,
                ref.question_id,
                str(result.get("response", "")),
                float(scaled) if isinstance(scaled, int | float) else 0.0,
                int(bool(result.get("success"))),
                stmt["id"],
                stamp,
                attempt_id,
                profile_id,
            ),
        )
        self.conn.execute(  # checked now: not a draft any more
            "DELETE FROM quiz_drafts WHERE attempt_id = ? AND question_id = ?"
            " AND EXISTS (SELECT 1 FROM quiz_answers WHERE attempt_id = ? AND question_id = ?)",
            (attempt_id, ref.question_id, attempt_id, ref.question_id),
        )

    def _quiz_finished(
        self, profile_id: str, course_id: str, unit_id: str, stmt: Json, quiz: bool
    ) -> None:
        """An attempt's result. It holds the attempt's whole duration, so its start is the
        recorder's, however its statements came (in one file, or its answers in an earlier
        one): an attempt finished with no answer, which no `answered` made here, is made from
        it, and one made from its first answer starts when the learner started it."""
        ext = extensions(stmt, "context")
        attempt_id = ext.get(st.EXT_ATTEMPT_ID)
        if not attempt_id or ext.get(st.EXT_EXAM):
            return
        finished = st.parse_timestamp(stmt["timestamp"])
        try:
            started = finished - duration(stmt)
        except ValueError:
            started = finished
        if quiz:
            self._quiz_attempt(profile_id, course_id, unit_id, attempt_id, ext, started)
        mine = "id = ? AND profile_id = ? AND course_id = ? AND unit_id = ?"  # of this quiz
        scaled = ((stmt.get("result") or {}).get("score") or {}).get("scaled")
        self.conn.execute(
            "UPDATE quiz_attempts SET started_at = min(started_at, ?), finished_at = ?,"
            f" score = ?, passed = ? WHERE {mine}",
            (
                started,
                finished,
                scaled,
                int(st.verb_name(stmt) == "passed"),
                attempt_id,
                profile_id,
                course_id,
                unit_id,
            ),
        )
        self.conn.execute(
            "DELETE FROM quiz_drafts WHERE attempt_id = ?"
            f" AND EXISTS (SELECT 1 FROM quiz_attempts WHERE {mine})",
            (attempt_id, attempt_id, profile_id, course_id, unit_id),
        )

    def _exam_attempt(
        self, profile_id: str, course_id: str, unit_id: str, stmt: Json
    ) -> tuple[str, str] | None:
        """The (id, state) of the exam attempt a statement belongs to, made if needed."""
        context = stmt.get("context") or {}
        ext = context.get("extensions") or {}
        registration = context.get("registration")
        if not ext.get(st.EXT_EXAM) or not registration:
            return None
        row = self.conn.execute(
            "SELECT id, state FROM exam_attempts WHERE registration = ? AND profile_id = ?",
            (registration, profile_id),
        ).fetchone()
        if row:
            return str(row[0]), str(row[1])
        taken = self.conn.execute(
            "SELECT 1 FROM exam_attempts WHERE registration = ?", (registration,)
        ).fetchone()
        if taken:  # another profile's attempt: never mix records
            return None
        attempt_id = new_uuid()
        number = self._number(
            "exam_attempts", profile_id, course_id, unit_id, ext.get(st.EXT_ATTEMPT)
        )
        template = {k: v for k, v in context.items()}
        template["extensions"] = {k: v for k, v in ext.items() if k != st.CMI5_SESSION}
        unit_iri = str(stmt["object"]["id"]).split("/question/")[0]
        activity = stmt["object"] if st.verb_name(stmt) != "answered" else {"id": unit_iri}
        self.conn.execute(
            "INSERT INTO exam_attempts (id, profile_id, course_id, unit_id, number, registration,"
            " state, seed, started_at, activity, context)"
            " VALUES (?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, ?, ?)",
            (
                attempt_id,
                profile_id,
                course_id,
                unit_id,
                number,
                registration,
                random_bits(31),
                # never after the import: a start in the future would push the deadline the
                # exam's time limit gets from it (exam_events.limit_imported_attempts)
                min(st.parse_timestamp(stmt["timestamp"]), self.database.clock()),
                json.dumps(activity),
                json.dumps(template),
            ),
        )
        return attempt_id, "in_progress"

    def _exam_statement(self, profile_id: str, course_id: str, unit_id: str, stmt: Json) -> None:
        found = self._exam_attempt(profile_id, course_id, unit_id, stmt)
        if found is None:
            return
        attempt_id, state = found
        verb = st.verb_name(stmt)
        stamp = st.parse_timestamp(stmt["timestamp"])
        ref = st.parse_activity_iri(str(stmt["object"].get("id", "")))
        if verb == "answered" and state == "in_progress" and ref and ref.question_id:
            self.conn.execute(
                "INSERT INTO exam_answers (attempt_id, question_id, response, statement,"
                " answered_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (attempt_id, question_id)"
                " DO UPDATE SET response = excluded.response, statement = excluded.statement,"
                " answered_at = excluded.answered_at",
                (
                    attempt_id,
                    ref.question_id,
                    str((stmt.get("result") or {}).get("response", "")),
                    json.dumps(stmt),
                    stamp,
                ),
            )
        elif verb == "submitted" and state == "in_progress":
            self.conn.execute(
                "UPDATE exam_attempts SET state = 'submitted', submitted_at = ? WHERE id = ?",
                (stamp, attempt_id),
            )

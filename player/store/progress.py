"""Progress per unit, and module/course completion computed from the course's cmi5 moveOn rules.

What a unit's progress says that statements also say (attempted, completed, passed, score,
watched segments, pages seen) is a fold over its statements: `apply_statement` is the one
definition, used by the events as they record and by `records import` to rebuild. Module and
course completion are never stored: `course_progress` computes them from the unit rows with the
manifest given, so a course update (units matched by id) changes them as it should.

An exam unit is the exception: its success, score and completion are its attempts' (`Exam`),
never its row's. A certificate is passed only by a grade the institution gave (recorded from the
LRS by `record_exam_result`), and the row can say anything a statement said: a records file is
folded into it before the course is installed, when nothing tells the import that a `passed`
dressed as a practice quiz's result is about an exam. The loads read the attempts beside the
rows, and `build_course_progress` (course, summaries, cmi5 `satisfied`) counts an exam by them.

A practice quiz whose manifest names no moveOn is done once passed or once every attempt its
max_attempts allows is finished (`UnitProgress.satisfies`): the loads count its finished
attempts (`quiz_finished`) beside the rows too, so records from before are read under the rule
as they are.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from player.course.manifest import (
    Course,
    ExamUnit,
    Module,
    MoveOn,
    QuizUnit,
    SlidesUnit,
    Unit,
    VideoUnit,
)
from player.store import segments as seg
from player.store import statements as st

UnitStatus = Literal["not_attempted", "in_progress", "completed", "passed", "failed"]


@dataclass(frozen=True)
class UnitState:
    """The part of a unit's progress its statements determine."""

    attempted: bool = False
    completed: bool = False
    success: bool | None = None
    score: float | None = None
    length: float | None = None
    segments: seg.Segments = ()
    pages_seen: frozenset[int] = frozenset()


def apply_statement(state: UnitState, stmt: dict[str, Any]) -> UnitState:
    """Progress after one more statement about this unit (or one of its pages/questions).

    Every learner event runs it: it builds the new state in one call, not field by field."""
    verb = st.verb_name(stmt)
    result = stmt.get("result") or {}
    extensions = result.get("extensions") or {}
    context_ext = (stmt.get("context") or {}).get("extensions") or {}
    completed, success, score = state.completed, state.success, state.score
    length, segments, pages_seen = state.length, state.segments, state.pages_seen
    if verb in ("completed", "submitted") or result.get("completion") is True:
        completed = True
    if verb in ("passed", "failed"):
        success = bool(verb == "passed" or state.success)
        scaled = (result.get("score") or {}).get("scaled")
        if isinstance(scaled, int | float):
            score = scaled if state.score is None else max(state.score, scaled)
    played = extensions.get(st.VIDEO_SEGMENTS)
    stated_length = context_ext.get(st.VIDEO_LENGTH)
    if isinstance(stated_length, int | float):
        length = float(stated_length)
        if isinstance(played, str):
            segments = seg.merge((*state.segments, *seg.parse_played_segments(played)), length)
    if verb == "experienced":
        ref = st.parse_activity_iri(str((stmt.get("object") or {}).get("id", "")))
        if ref is not None and ref.page is not None:
            pages_seen = state.pages_seen | {ref.page}
    return UnitState(True, completed, success, score, length, segments, pages_seen)


def fold(statements: Iterable[dict[str, Any]]) -> dict[tuple[str, str], UnitState]:
    """Unit states from statements in creation order, keyed by (course id, unit id)."""
    states: dict[tuple[str, str], UnitState] = {}
    for stmt in statements:
        ref = st.parse_activity_iri(str((stmt.get("object") or {}).get("id", "")))
        if ref is None or not ref.unit_id:
            continue
        key = (ref.course_id, ref.unit_id)
        states[key] = apply_statement(states.get(key, UnitState()), stmt)
    return states


# -- what the store hands out -----------------------------------------------------------------


@dataclass(frozen=True)
class Exam:
    """What an exam unit's attempts say: the only source of its completion and success."""

    submitted: bool = False  # an attempt submitted or graded
    passed: bool | None = None  # graded: True if one attempt passed; None: none graded
    score: float | None = None  # the best graded score
    # an attempt submitted, its grade not back yet: any of them, not just the latest by number,
    # since a records import can leave attempt 1 submitted and attempt 2 in progress or graded
    waiting: bool = False


NO_EXAM = Exam()


@dataclass(frozen=True)
class UnitProgress:
    """A learner's progress in one unit, from the records."""

    course_id: str
    unit_id: str
    attempted: bool = False
    completed: bool = False
    success: bool | None = None
    score: float | None = None
    length: float | None = None
    segments: seg.Segments = ()
    pages_seen: frozenset[int] = frozenset()
    position: float = 0.0  # resume point: video or narration seconds, slide page
    time_spent: float = 0.0  # seconds of activity in this unit, all sessions
    updated_at: datetime | None = None
    playing_from: float | None = None  # video: where the current play started (None: paused)
    exam: Exam = NO_EXAM  # the unit's exam attempts (none for other units)
    quiz_finished: int = 0  # a quiz's attempts finished (0 for other units)

    def counted(self, unit: Unit) -> UnitProgress:
        """The progress that counts for `unit`: an exam's completion, success and score are its
        attempts' (its grades from the LRS), never what statements wrote in its row."""
        if not isinstance(unit, ExamUnit):
            return self
        exam = self.exam
        if (self.completed, self.success, self.score) == (exam.submitted, exam.passed, exam.score):
            return self
        return replace(self, completed=exam.submitted, success=exam.passed, score=exam.score)

    @property
    def state(self) -> UnitState:
        return UnitState(
            self.attempted,
            self.completed,
            self.success,
            self.score,
            self.length,
            self.segments,
            self.pages_seen,
        )

    @property
    def status(self) -> UnitStatus:
        if self.success is True:
            return "passed"
        if self.success is False:
            return "failed"
        if self.completed:
            return "completed"
        return "in_progress" if self.attempted else "not_attempted"

    def satisfies(self, unit: Unit) -> bool:
        """Is `unit` done for its module's and course's completion: its moveOn, except that a
        quiz whose manifest names none is done once passed OR once every attempt its
        max_attempts allows is finished (Moodle's "passing grade or all available attempts
        completed"): under "Passed" alone, a practice quiz failed to its last attempt kept the
        course from completing for ever, with nothing left to do (review r7). An exam's
        progress is `counted` first by the caller."""
        if isinstance(unit, QuizUnit) and quiz_used_up(unit, self.quiz_finished):
            return True
        return self.satisfied(unit.move_on)

    def satisfied(self, move_on: MoveOn) -> bool:
        """cmi5 moveOn: is this unit done for its module's and course's completion? (By the
        value alone: `satisfies` is the course's rule, a defaulted quiz's attempts included.)"""
        passed = self.success is True
        if move_on == "Completed":
            return self.completed
        if move_on == "Passed":
            return passed
        if move_on == "CompletedAndPassed":
            return self.completed and passed
        if move_on == "CompletedOrPassed":
            return self.completed or passed
        if move_on == "NotApplicable":
            return True
        raise KeyError(move_on)

    def fraction(self, unit: Unit) -> float:
        """How far along, 0..1, for a progress bar."""
        if isinstance(unit, VideoUnit) and not self.completed:
            return seg.progress(self.segments, self.length or unit.duration)
        if isinstance(unit, SlidesUnit) and not self.completed and unit.pages:
            return min(1.0, len(self.pages_seen) / unit.pages)
        return 1.0 if self.completed or self.success is not None else 0.0


def counts_attempts(unit: Unit) -> bool:
    """Whether the attempts finished satisfy `unit`: a quiz with max_attempts and no moveOn in
    its manifest."""
    return isinstance(unit, QuizUnit) and unit.move_on_defaulted and unit.max_attempts is not None


def quiz_used_up(unit: QuizUnit, finished: int) -> bool:
    """A quiz whose moveOn is the default, every attempt of its max_attempts finished."""
    return counts_attempts(unit) and finished >= (unit.max_attempts or 0)


@dataclass(frozen=True)
class ModuleProgress:
    """A learner's progress in one module: its units and how many are satisfied."""

    module_id: str
    title: str
    units: tuple[UnitProgress, ...]
    units_satisfied: int
    satisfied: bool

    @property
    def units_total(self) -> int:
        return len(self.units)

    @property
    def completion(self) -> float:
        return self.units_satisfied / self.units_total if self.units else 1.0


@dataclass(frozen=True)
class CourseProgress:
    """A learner's progress in one course, from the records."""

    course_id: str
    title: str
    registration: str | None
    modules: tuple[ModuleProgress, ...]
    satisfied: bool
    time_spent: float
    last_activity: datetime | None
    next_unit_id: str | None  # the first unit not yet satisfied: what to do next

    @property
    def units_total(self) -> int:
        return sum(m.units_total for m in self.modules)

    @property
    def units_satisfied(self) -> int:
        return sum(m.units_satisfied for m in self.modules)

    @property
    def completion(self) -> float:
        total = self.units_total
        return self.units_satisfied / total if total else 1.0

    @property
    def started(self) -> bool:
        return any(u.attempted for m in self.modules for u in m.units)

    def unit(self, unit_id: str) -> UnitProgress | None:
        return next((u for m in self.modules for u in m.units if u.unit_id == unit_id), None)


@dataclass(frozen=True)
class DayTotal:
    """The study time recorded on one day."""

    day: date
    seconds: float


@dataclass(frozen=True)
class Satisfaction:
    """Which blocks of a course are satisfied: to notice the moment one becomes so."""

    course: bool
    modules: frozenset[str] = field(default=frozenset())


# -- rows -------------------------------------------------------------------------------------

UNIT_COLUMNS = (
    "course_id, unit_id, attempted, completed, success, score, length, segments, pages_seen,"
    " position, time_spent, updated_at, playing_from"
)


def unit_from_row(row: Sequence[Any]) -> UnitProgress:
    return UnitProgress(
        course_id=row[0],
        unit_id=row[1],
        attempted=bool(row[2]),
        completed=bool(row[3]),
        success=None if row[4] is None else bool(row[4]),
        score=row[5],
        length=row[6],
        segments=() if row[7] == "[]" else seg.from_json(json.loads(row[7])),
        pages_seen=frozenset() if row[8] == "[]" else frozenset(json.loads(row[8])),
        position=row[9],
        time_spent=row[10],
        updated_at=datetime.fromtimestamp(row[11], UTC) if row[11] else None,
        playing_from=row[12],
    )


_EXAMS_SQL = (
    "SELECT course_id, unit_id, max(state != 'in_progress'),"
    " max(CASE WHEN state = 'graded' THEN passed END),"
    " max(CASE WHEN state = 'graded' THEN score END),"
    " max(state = 'submitted')"
    " FROM exam_attempts WHERE profile_id = ?"
)


def load_exams(
    conn: sqlite3.Connection,
    profile_id: str,
    course_id: str | None = None,
    unit_id: str | None = None,
) -> dict[tuple[str, str], Exam]:
    """What the exam attempts of a profile (of a course, of a unit) say, per (course, unit)."""
    rows = conn.execute(
        _EXAMS_SQL + " AND (? IS NULL OR course_id = ?) AND (? IS NULL OR unit_id = ?)"
        " GROUP BY course_id, unit_id",
        (profile_id, course_id, course_id, unit_id, unit_id),
    ).fetchall()
    return {
        (r[0], r[1]): Exam(bool(r[2]), None if r[3] is None else bool(r[3]), r[4], bool(r[5]))
        for r in rows
    }


_QUIZZES_SQL = (
    "SELECT course_id, unit_id, count(*) FROM quiz_attempts"
    " WHERE profile_id = ? AND finished_at IS NOT NULL"
)


def load_quizzes(
    conn: sqlite3.Connection,
    profile_id: str,
    course_id: str | None = None,
    unit_id: str | None = None,
) -> dict[tuple[str, str], int]:
    """How many attempts of each quiz a profile (of a course, of a unit) finished."""
    rows = conn.execute(
        _QUIZZES_SQL + " AND (? IS NULL OR course_id = ?) AND (? IS NULL OR unit_id = ?)"
        " GROUP BY course_id, unit_id",
        (profile_id, course_id, course_id, unit_id, unit_id),
    ).fetchall()
    return {(r[0], r[1]): int(r[2]) for r in rows}


def _with_exams(
    units: dict[str, UnitProgress],
    exams: dict[tuple[str, str], Exam],
    course_id: str,
    quizzes: dict[tuple[str, str], int] | None = None,
) -> dict[str, UnitProgress]:
    """The units' progress with their exam attempts, and their quizzes' finished ones."""
    for (course, unit_id), exam in exams.items():
        if course == course_id:
            found = units.get(unit_id) or UnitProgress(course_id, unit_id)
            units[unit_id] = replace(found, exam=exam)
    for (course, unit_id), finished in (quizzes or {}).items():
        if course == course_id:
            found = units.get(unit_id) or UnitProgress(course_id, unit_id)
            units[unit_id] = replace(found, quiz_finished=finished)
    return units


def load_unit(
    conn: sqlite3.Connection, profile_id: str, course_id: str, unit_id: str
) -> UnitProgress:
    row = conn.execute(
        f"SELECT {UNIT_COLUMNS} FROM unit_progress"
        " WHERE profile_id = ? AND course_id = ? AND unit_id = ?",
        (profile_id, course_id, unit_id),
    ).fetchone()
    found = unit_from_row(row) if row else UnitProgress(course_id, unit_id)
    exams = load_exams(conn, profile_id, course_id, unit_id)
    quizzes = load_quizzes(conn, profile_id, course_id, unit_id)
    return _with_exams({unit_id: found}, exams, course_id, quizzes)[unit_id]


def load_course_units(
    conn: sqlite3.Connection, profile_id: str, course_id: str
) -> dict[str, UnitProgress]:
    rows = conn.execute(
        f"SELECT {UNIT_COLUMNS} FROM unit_progress WHERE profile_id = ? AND course_id = ?",
        (profile_id, course_id),
    ).fetchall()
    units = {r[1]: unit_from_row(r) for r in rows}
    exams = load_exams(conn, profile_id, course_id)
    return _with_exams(units, exams, course_id, load_quizzes(conn, profile_id, course_id))


def save_state(
    conn: sqlite3.Connection,
    profile_id: str,
    course_id: str,
    unit_id: str,
    state: UnitState,
    now: float,
) -> None:
    """Write the statement-derived part of a unit's progress (caller's transaction)."""
    conn.execute(
        "INSERT INTO unit_progress (profile_id, course_id, unit_id, attempted, completed,"
        " success, score, length, segments, pages_seen, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (profile_id, course_id, unit_id) DO UPDATE SET"
        " attempted = excluded.attempted, completed = excluded.completed,"
        " success = excluded.success, score = excluded.score, length = excluded.length,"
        " segments = excluded.segments, pages_seen = excluded.pages_seen,"
        " updated_at = excluded.updated_at",
        (
            profile_id,
            course_id,
            unit_id,
            int(state.attempted),
            int(state.completed),
            None if state.success is None else int(state.success),
            state.score,
            state.length,
            json.dumps(seg.to_json(state.segments)),
            json.dumps(sorted(state.pages_seen)),
            now,
        ),
    )


# -- computed completion ----------------------------------------------------------------------


def _module_progress(
    module: Module, units: dict[str, UnitProgress], course_id: str
) -> ModuleProgress:
    found = tuple(units.get(u.id) or UnitProgress(course_id, u.id) for u in module.units)
    done = sum(p.satisfies(u) for p, u in zip(found, module.units, strict=True))
    return ModuleProgress(module.id, module.title, found, done, done == len(module.units))


def build_course_progress(
    course: Course, units: dict[str, UnitProgress], registration: str | None
) -> CourseProgress:
    """The course's progress by its manifest: an exam unit counted by its attempts alone."""
    units = {u.id: units[u.id].counted(u) for _, u in course.units() if u.id in units}
    modules = tuple(_module_progress(m, units, course.id) for m in course.modules)
    next_unit = next(
        (
            u.id
            for m, u in course.units()
            if not (units.get(u.id) or UnitProgress(course.id, u.id)).satisfies(u)
        ),
        None,
    )
    current = [units[u.id] for _, u in course.units() if u.id in units]
    stamps = [u.updated_at for u in current if u.updated_at]
    return CourseProgress(
        course_id=course.id,
        title=course.title,
        registration=registration,
        modules=modules,
        satisfied=all(m.satisfied for m in modules),
        time_spent=sum(u.time_spent for u in current),
        last_activity=max(stamps) if stamps else None,
        next_unit_id=next_unit,
    )


def satisfaction(course: Course, units: dict[str, UnitProgress]) -> Satisfaction:
    progress = build_course_progress(course, units, None)
    return Satisfaction(
        progress.satisfied, frozenset(m.module_id for m in progress.modules if m.satisfied)
    )


class ProgressQueries:
    """Read-only views of one profile's progress (every query takes the profile id)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def unit(self, profile_id: str, course_id: str, unit_id: str) -> UnitProgress:
        return load_unit(self.conn, profile_id, course_id, unit_id)

    def registration(self, profile_id: str, course_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT registration FROM enrolments WHERE profile_id = ? AND course_id = ?",
            (profile_id, course_id),
        ).fetchone()
        return None if row is None else str(row[0])

    def course(self, profile_id: str, course: Course) -> CourseProgress:
        units = load_course_units(self.conn, profile_id, course.id)
        return build_course_progress(course, units, self.registration(profile_id, course.id))

    def summaries(self, profile_id: str, courses: Sequence[Course]) -> list[CourseProgress]:
        """Progress of many courses in two queries (the dashboard)."""
        wanted = {c.id for c in courses}
        by_course: dict[str, dict[str, UnitProgress]] = {c: {} for c in wanted}
        for row in self.conn.execute(
            f"SELECT {UNIT_COLUMNS} FROM unit_progress WHERE profile_id = ?", (profile_id,)
        ):
            if row[0] in wanted:
                by_course[row[0]][row[1]] = unit_from_row(row)
        exams = load_exams(self.conn, profile_id)
        quizzes = load_quizzes(self.conn, profile_id)
        for course_id, found in by_course.items():
            _with_exams(found, exams, course_id, quizzes)
        registrations = dict(
            self.conn.execute(
                "SELECT course_id, registration FROM enrolments WHERE profile_id = ?",
                (profile_id,),
            ).fetchall()
        )
        return [build_course_progress(c, by_course[c.id], registrations.get(c.id)) for c in courses]

    def enrolled_courses(self, profile_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT course_id FROM enrolments WHERE profile_id = ?"
            " ORDER BY coalesce(last_launched_at, enrolled_at) DESC",
            (profile_id,),
        ).fetchall()
        return [r[0] for r in rows]

    def study_time_by_day(
        self, profile_id: str, days: int = 28, today: date | None = None
    ) -> list[DayTotal]:
        """Seconds studied per local day, oldest first, the last `days` days (zeros included):
        the days' totals plus what open sessions hold for their current day."""
        today = today or date.today()
        first = today - timedelta(days=days - 1)
        span = (profile_id, first.isoformat(), today.isoformat())
        rows = dict(
            self.conn.execute(
                "SELECT day, sum(seconds) FROM (SELECT day, seconds FROM study_days"
                " WHERE profile_id = ? AND day >= ? AND day <= ?"
                " UNION ALL SELECT study_day, study_seconds FROM sessions"
                " WHERE profile_id = ? AND ended_at IS NULL AND study_day >= ? AND study_day <= ?)"
                " GROUP BY day",
                (*span, *span),
            ).fetchall()
        )
        return [
            DayTotal(d, float(rows.get(d.isoformat(), 0.0)))
            for d in (first + timedelta(days=i) for i in range(days))
        ]


class LocalDays:
    """The local day a moment falls in, with its bounds, remembered between events (a learner
    event asks for it each time; the answer changes once a day)."""

    def __init__(self) -> None:
        self._start, self._end, self._day = 0.0, 0.0, ""

    def of(self, moment: float) -> tuple[float, str]:
        """(the epoch second the day starts at, the day as YYYY-MM-DD) of `moment`."""
        if not self._start <= moment < self._end:
            day = datetime.fromtimestamp(moment).date()
            start = datetime.combine(day, datetime.min.time()).timestamp()
            end = datetime.combine(day + timedelta(days=1), datetime.min.time()).timestamp()
            if not start <= moment < end:  # a clock oddity (DST edge): do not remember it
                return start, day.isoformat()
            self._start, self._end, self._day = start, end, day.isoformat()
        return self._start, self._day


def add_day_seconds(conn: sqlite3.Connection, profile_id: str, day: str, seconds: float) -> None:
    """Add to one day's total (caller's transaction)."""
    conn.execute(
        "INSERT INTO study_days (profile_id, day, seconds) VALUES (?, ?, ?)"
        " ON CONFLICT (profile_id, day) DO UPDATE SET seconds = seconds + excluded.seconds",
        (profile_id, day, seconds),
    )


def end_session_study(conn: sqlite3.Connection, session_id: str) -> None:
    """A session ends: the time it holds for its current day joins that day's total (caller's
    transaction; the caller marks it ended)."""
    row = conn.execute(
        "SELECT profile_id, study_day, study_seconds FROM sessions WHERE id = ?", (session_id,)
    ).fetchone()
    if row is not None and row[1] and row[2]:
        add_day_seconds(conn, row[0], row[1], row[2])
    conn.execute(
        "UPDATE sessions SET study_day = NULL, study_seconds = 0 WHERE id = ?", (session_id,)
    )


def add_study_time(conn: sqlite3.Connection, profile_id: str, start: float, end: float) -> None:
    """Count [start, end] towards each local day it covers (caller's transaction)."""
    while end > start:
        moment = datetime.fromtimestamp(start)
        day = moment.date()
        midnight = datetime.combine(day + timedelta(days=1), datetime.min.time()).timestamp()
        stop = min(end, midnight)
        if stop <= start:  # a clock oddity (DST edge): count the rest on this day
            stop = end
        add_day_seconds(conn, profile_id, day.isoformat(), stop - start)
        start = stop

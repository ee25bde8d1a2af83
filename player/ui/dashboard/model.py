"""What the dashboard knows of a learner's courses, read from the store's queries (progress, quiz
and exam attempts: no SQL here) into frozen dataclasses, with the decisions made on them (best
score, passed, attempts left, started). No Qt here, so it is tested on its own
(tests/unit/test_dashboard_model.py); the words are `player.ui.dashboard.overview`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from player.course.manifest import Course, ExamUnit, QuizUnit
from player.library.library import Library
from player.store.attempts import ExamAttempt, QuizAttempt
from player.store.progress import CourseProgress, DayTotal
from player.store.store import Store


@dataclass(frozen=True)
class QuizScore:
    unit: QuizUnit
    attempts: tuple[QuizAttempt, ...]  # finished ones, oldest first
    in_progress: bool = False  # an attempt started and not finished

    @property
    def best(self) -> float | None:
        return max((a.score or 0.0 for a in self.attempts), default=None)

    @property
    def last(self) -> QuizAttempt | None:
        return self.attempts[-1] if self.attempts else None

    @property
    def passed(self) -> bool:
        return any(a.passed for a in self.attempts)

    @property
    def attempts_left(self) -> int | None:
        if self.unit.max_attempts is None:
            return None
        return max(0, self.unit.max_attempts - len(self.attempts))


@dataclass(frozen=True)
class ExamSummary:
    unit: ExamUnit
    attempts: tuple[ExamAttempt, ...]

    @property
    def running(self) -> ExamAttempt | None:
        return next((a for a in self.attempts if a.state == "in_progress"), None)

    @property
    def waiting(self) -> ExamAttempt | None:
        return next((a for a in self.attempts if a.state == "submitted"), None)

    @property
    def passed(self) -> bool:
        return any(a.state == "graded" and a.passed for a in self.attempts)

    @property
    def attempts_left(self) -> int:
        return max(0, self.unit.max_attempts - len(self.attempts))


@dataclass(frozen=True)
class CourseOverview:
    course: Course
    progress: CourseProgress
    quizzes: tuple[QuizScore, ...]
    exams: tuple[ExamSummary, ...]

    @property
    def started(self) -> bool:
        return (
            self.progress.started
            or any(q.attempts or q.in_progress for q in self.quizzes)
            or any(e.attempts for e in self.exams)
        )

    @property
    def next_unit_id(self) -> str | None:
        """What to suggest next: the first unit not done that the learner can do now. An exam
        submitted and waiting for its grade is not ("To do: the certification exam" with
        nothing to do there), nor an exam or a quiz with no attempt left. A unit done is never
        suggested: "still to do" and the units done are one rule, the course's moveOn (a
        practice quiz done but failed was named here while counted done, learner's-eye run f1;
        a quiz is done once passed by default). None: nothing left that can be done."""
        first = self.progress.next_unit_id
        if first is None:
            return None
        waits = {e.unit.id for e in self.exams if e.waiting is not None or _used_up(e)}
        waits |= {q.unit.id for q in self.quizzes if q.attempts_left == 0 and not q.passed}
        if first not in waits:
            return first
        found = {u.unit_id: u for m in self.progress.modules for u in m.units}
        for _, unit in self.course.units():
            progress = found.get(unit.id)
            if unit.id not in waits and not (progress and progress.satisfies(unit)):
                return unit.id
        return None

    @property
    def blocked_by(self) -> QuizUnit | ExamUnit | None:
        """The first unit, in the course's order, that the course needs and that can no longer
        be satisfied: not done and every attempt used, none running or waiting for its grade (an
        exam failed on its last attempt, a quiz whose author's moveOn is Passed failed to its
        last). None: the course can still be completed. Said, not left to "well done" with the
        course stuck short of its end (review r7); a quiz whose moveOn is the default is done
        once its attempts are used (UnitProgress.satisfies), so it never blocks."""
        found = {u.unit_id: u for m in self.progress.modules for u in m.units}
        used: dict[str, QuizUnit | ExamUnit] = {
            q.unit.id: q.unit for q in self.quizzes if q.attempts_left == 0 and not q.in_progress
        }
        used |= {e.unit.id: e.unit for e in self.exams if _used_up(e) and e.waiting is None}
        for _, unit in self.course.units():
            progress = found.get(unit.id)
            if unit.id in used and not (progress and progress.satisfies(unit)):
                return used[unit.id]
        return None


def _used_up(exam: ExamSummary) -> bool:
    """Every attempt taken, none passed or waiting: nothing more can be done there."""
    return exam.attempts_left == 0 and not exam.passed and exam.running is None


@dataclass(frozen=True)
class NextStep:
    """One thing to do, most urgent first: `open` it to go there."""

    course_id: str
    unit_id: str
    text: str
    urgent: bool = False


@dataclass(frozen=True)
class Overview:
    courses: tuple[CourseOverview, ...]  # started ones first, most recent first
    days: tuple[DayTotal, ...]
    steps: tuple[NextStep, ...]

    @property
    def week_seconds(self) -> float:
        return sum(d.seconds for d in self.days[-7:])

    @property
    def total_seconds(self) -> float:
        return sum(d.seconds for d in self.days)


def course_overview(store: Store, profile_id: str, course: Course) -> CourseOverview:
    progress = store.progress.course(profile_id, course)
    return _overview(
        course,
        progress,
        store.assessments.quiz_attempts(profile_id, course.id),
        store.assessments.exam_attempts(profile_id, course.id),
    )


def _overview(
    course: Course,
    progress: CourseProgress,
    quiz_attempts: Sequence[QuizAttempt],
    exam_attempts: Sequence[ExamAttempt],
) -> CourseOverview:
    quizzes = []
    exams = []
    for _, unit in course.units():
        if isinstance(unit, QuizUnit):
            mine = [a for a in quiz_attempts if a.unit_id == unit.id]
            done = tuple(a for a in mine if a.finished)
            quizzes.append(QuizScore(unit, done, any(not a.finished for a in mine)))
        elif isinstance(unit, ExamUnit):
            exams.append(ExamSummary(unit, tuple(a for a in exam_attempts if a.unit_id == unit.id)))
    return CourseOverview(course, progress, tuple(quizzes), tuple(exams))


def course_overviews(library: Library, store: Store, profile_id: str) -> list[CourseOverview]:
    """Every installed course: started ones first, most recent first, then by title."""
    courses = [item.course for item in library.installed()]
    progresses = store.progress.summaries(profile_id, courses)
    quiz_attempts = store.assessments.quiz_attempts(profile_id)
    exam_attempts = store.assessments.exam_attempts(profile_id)
    overviews = [
        _overview(
            course,
            progress,
            [a for a in quiz_attempts if a.course_id == course.id],
            [a for a in exam_attempts if a.course_id == course.id],
        )
        for course, progress in zip(courses, progresses, strict=True)
    ]
    order = {cid: i for i, cid in enumerate(store.progress.enrolled_courses(profile_id))}
    overviews.sort(
        key=lambda o: (not o.started, order.get(o.course.id, len(order)), o.course.title)
    )
    return overviews

"""What the dashboard says: the overview of a learner (`load_overview`), what to do next
(`next_steps`: the logic and its sentences) and the lines of a course's quizzes and exams. No
widget here; the texts are in the "Dashboard" context, shared with the page's widgets.

The comments on CHART_DAYS and START_OFFERS are plain `#`: lupdate would take a `#:` one as the
note for translators of the next tr() string.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QCoreApplication

from player.course.manifest import Course
from player.library.library import Library
from player.store.store import Store
from player.ui.assessment_common import exam_state_text, in_line, minutes_text, percent
from player.ui.dashboard.model import (
    CourseOverview,
    ExamSummary,
    NextStep,
    Overview,
    QuizScore,
    course_overviews,
)
from player.ui.i18n import fill
from player.ui.resume import unit_kind
from player.wording import isolated

# The chart covers this many days, today included.
CHART_DAYS = 28


def load_overview(
    library: Library,
    store: Store,
    profile_id: str,
    *,
    now: float,
    today: date | None = None,
) -> Overview:
    """Everything the dashboard shows for one learner (a few queries; main thread)."""
    overviews = course_overviews(library, store, profile_id)
    days = store.progress.study_time_by_day(profile_id, CHART_DAYS, today)
    return Overview(tuple(overviews), tuple(days), tuple(next_steps(overviews, now)))


def unit_place(course: Course, unit_id: str) -> str:
    """A unit as the dashboard names it, "<title> (module 2, video)": the same words wherever."""
    module = course.module_of(unit_id)
    unit = course.unit(unit_id)
    number = course.modules.index(module) + 1 if module else 0
    kind = unit_kind(unit.type) if unit else ""
    title = unit.title if unit else unit_id
    return (
        QCoreApplication.translate("Dashboard", "%1 (module %2, %3)")
        .replace("%1", isolated(title))
        .replace("%2", str(number))
        .replace("%3", kind)
    )


# When nothing is under way, the dashboard offers to start at most this many courses.
START_OFFERS = 3


def next_steps(overviews: Sequence[CourseOverview], now: float) -> list[NextStep]:
    """Running exams first (their clock runs), then where each started course goes on; when
    nothing waits (a new learner, or every started course done), the first unit of courses not
    started yet: "nothing waits for you" is said only when nothing is left to begin either."""
    urgent: list[NextStep] = []
    steps: list[NextStep] = []
    for item in overviews:
        course = item.course
        for exam in item.exams:
            running = exam.running
            if running is not None:
                left = running.remaining(now)
                text = QCoreApplication.translate(
                    "Dashboard", "Finish the exam \u201c%1\u201d"
                ).replace("%1", isolated(exam.unit.title))
                if left is not None:
                    text += " \u2014 " + QCoreApplication.translate("Dashboard", "%1 left").replace(
                        "%1", minutes_text(left)
                    )
                urgent.append(NextStep(course.id, exam.unit.id, text, urgent=True))
        if not item.started:
            continue
        unit_id = item.next_unit_id  # never an exam waiting for its grade
        if unit_id is None:
            continue
        if any(e.running is not None and e.unit.id == unit_id for e in item.exams):
            continue
        steps.append(
            NextStep(
                course.id,
                unit_id,
                QCoreApplication.translate("Dashboard", "Continue \u201c%1\u201d: %2")
                .replace("%1", isolated(course.title))
                .replace("%2", unit_place(course, unit_id)),
            )
        )
    if not urgent and not steps:
        steps = _start_steps(overviews)
    return urgent + steps


def _start_steps(overviews: Sequence[CourseOverview]) -> list[NextStep]:
    """Where each course not started yet begins (in the dashboard's order of courses)."""
    steps: list[NextStep] = []
    for item in overviews:
        if item.started or len(steps) >= START_OFFERS:
            continue
        course = item.course
        unit_id = item.progress.next_unit_id or next((u.id for _, u in course.units()), None)
        if unit_id is None:
            continue
        steps.append(
            NextStep(
                course.id,
                unit_id,
                QCoreApplication.translate("Dashboard", "Start \u201c%1\u201d: %2")
                .replace("%1", isolated(course.title))
                .replace("%2", unit_place(course, unit_id)),
            )
        )
    return steps


def blocked_text(item: CourseOverview) -> str | None:
    """Why the course can no longer be completed, when it cannot (`CourseOverview.blocked_by`):
    the course's header, its dashboard card and, when nothing else waits, the dashboard's "What
    to do next" say it, in one sentence naming the course (the last lists several)."""
    unit = item.blocked_by
    if unit is None:
        return None
    return fill(
        QCoreApplication.translate(
            "Dashboard",
            "\u201c%1\u201d cannot be completed: every attempt of \u201c%2\u201d is used. "
            "Ask your teacher.",
        ),
        isolated(item.course.title),
        isolated(unit.title),
    )


def quiz_line(score: QuizScore) -> str:
    title = isolated(score.unit.title)
    if not score.attempts and score.in_progress:
        return QCoreApplication.translate("Dashboard", "%1: in progress").replace("%1", title)
    if not score.attempts:
        return QCoreApplication.translate("Dashboard", "%1: not taken yet").replace("%1", title)
    best = score.best or 0.0
    if score.passed:
        state = QCoreApplication.translate("Dashboard", "passed")
    elif score.attempts_left == 0:  # "yet" promised an attempt that is not there
        state = QCoreApplication.translate("Dashboard", "not passed, no attempt left")
    else:
        state = QCoreApplication.translate("Dashboard", "not passed yet")
    line = (
        QCoreApplication.translate("Dashboard", "%1: best %2 (%3), pass mark %4")
        .replace("%1", title)
        .replace("%2", percent(best))
        .replace("%3", state)
        .replace("%4", percent(score.unit.mastery_score))
    )
    count = QCoreApplication.translate("Dashboard", "attempts: %1").replace(
        "%1", str(len(score.attempts))
    )
    return f"{line} \u00b7 {count}"


def exam_lines(summary: ExamSummary) -> list[str]:
    title = isolated(summary.unit.title)
    if not summary.attempts:
        return [
            QCoreApplication.translate("Dashboard", "%1: not taken yet (%2 attempts allowed)")
            .replace("%1", title)
            .replace("%2", str(summary.unit.max_attempts))
        ]
    return [
        QCoreApplication.translate("Dashboard", "%1, attempt %2: %3")
        .replace("%1", title)
        .replace("%2", str(a.number))
        .replace("%3", in_line(exam_state_text(a)))
        for a in summary.attempts
    ]

"""A timed exam attempt left running. Its deadline is stored when it starts and its clock keeps
counting while Cartable is closed (player/store/exam_clock.py), so quitting and switching
profile ask first and the library's Continue banner says the exam is in progress and how long
is left.

Reads and texts only, no widget: `MainWindow` asks before quitting or switching, `LibraryView`
shows the banner. Nothing here loads the assessments' code while no timed attempt runs (the
library reads it before its first paint); `minutes_text` comes with it, so it is imported when
one does.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from player.course.manifest import Course
from player.store.store import Store
from player.ui.i18n import fill
from player.ui.recorder import STORE_FAILURES
from player.ui.resume import ResumePoint, describe
from player.wording import isolated

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunningExam:
    """A timed exam left running, and the seconds it has left."""

    course_id: str
    unit_id: str
    left: float  # seconds left by the store's exam clock, more than 0


def running_exams(store: Store, profile_id: str) -> list[RunningExam]:
    """The profile's timed attempts in progress, the least time left first. None when the
    records cannot be read: a read failing must never keep the learner from quitting."""
    try:
        running = store.running_exams(profile_id)
    except STORE_FAILURES as exc:  # sqlite3's own errors too: a locked or damaged file
        log.warning("could not read the running exam attempts: %s", exc)
        return []
    return [RunningExam(attempt.course_id, attempt.unit_id, left) for attempt, left in running]


def exam_point(course: Course, exam: RunningExam) -> ResumePoint | None:
    """Where Continue takes the learner: the running exam (None if the course lost it)."""
    for module_number, module in enumerate(course.modules, 1):
        for unit_number, unit in enumerate(module.units, 1):
            if unit.id == exam.unit_id:
                return ResumePoint(
                    course.id,
                    course.title,
                    unit.id,
                    module_number,
                    unit_number,
                    unit.type,
                    0.0,
                    False,
                    unit_title=unit.title,
                )
    return None


def _minutes(seconds: float) -> str:
    from player.ui.assessment_common import minutes_text  # loads the assessments' code

    return minutes_text(seconds)


def running_continue_text(point: ResumePoint, left: float) -> str:
    """ "Continue: Module 3 · Certificate exam — exam in progress, 19 min left"."""
    where = fill(
        QCoreApplication.translate("Resume", "%1 \u2014 exam in progress, %2 left"),
        describe(point),
        _minutes(left),
    )
    return fill(QCoreApplication.translate("Resume", "Continue: %1"), where)


def quit_title() -> str:
    return QCoreApplication.translate("MainWindow", "Exam in progress")


def quit_question(left: float, product: str) -> str:
    """Asked on Quit; `product`: the branding's name."""
    return fill(
        QCoreApplication.translate(
            "MainWindow",
            "Your exam is in progress: its clock keeps running while %2 is closed. "
            "Time left: %1. Quit anyway?",
        ),
        _minutes(left),
        isolated(product),
    )


def switch_question(left: float) -> str:
    """Asked on Switch profile: switching stops no clock, as quitting does not."""
    return fill(
        QCoreApplication.translate(
            "MainWindow",
            "Your exam is in progress: its clock keeps running while another profile is open. "
            "Time left: %1. Switch profile anyway?",
        ),
        _minutes(left),
    )

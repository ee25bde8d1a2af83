"""What the quiz, exam and dashboard views share: the services the shell hands them, and how
scores, times and attempt states are said in both languages."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale

from player.course.manifest import Course
from player.store.assessments import Assessments
from player.store.attempts import ExamAttempt
from player.ui.resume import clock


def _nothing() -> None:
    """No sync controller (tests, sync unavailable): submitted attempts wait in the outbox."""


def _no_error() -> str:
    return ""


def _no_course(course_id: str) -> Course | None:
    """No library at hand (tests): only the view's own course is known."""
    return None


def _account_unknown() -> bool:
    """No sync controller to ask (tests, sync unavailable): said as with an account."""
    return True


def _not_refused() -> bool:
    return False


@dataclass(frozen=True)
class AssessmentServices:
    """Given to the quiz and exam views through `UnitServices.assessments`.

    - assessments: the store's quiz and exam events and attempts (never SQL from a view);
    - institution: who grades the exams (the branding's institution, else "");
    - exam_submitted: tell sync an exam was just submitted (`SyncController.exam_submitted`);
    - grade_error: why the last sync could not read this profile's exam grades, "" when it
      could (`SyncStatus.grade_errors`): the exam waiting for its grade says where to look;
    - course_of: an installed course by its id, None when it is not installed: an exam whose
      time ran out submits every expired attempt of the learner, each queuing cmi5
      `satisfied` for its own course's module and course (`submit_expired`);
    - has_account: whether this profile has an account at the institution to send its records
      to (`SyncController.has_account`): without one nothing is sent, and the exam says so;
    - account_refused: the institution's server refused that account's user name or password
      (`SyncStatus.account_refused`): nothing is sent until the learner corrects it, and the
      exam says so instead of "sent as soon as this computer is online".
    """

    assessments: Assessments
    institution: str = ""
    exam_submitted: Callable[[], None] = _nothing
    grade_error: Callable[[], str] = _no_error
    course_of: Callable[[str], Course | None] = _no_course
    has_account: Callable[[], bool] = _account_unknown
    account_refused: Callable[[], bool] = _not_refused

    def now(self) -> float:
        """The store's clock: deadlines are compared with what the store compares them with."""
        return self.assessments.recorder.now()


def institution_for(branding_institution: str, course: Course) -> str:
    """Who grades the exams: the branding's institution, "" without one (the views then say
    "your institution"). Never the course's publisher: it wrote the course, the learner's
    institution grades it ("no account of Cartable — cours de démonstration")."""
    del course  # the publisher is not the grader
    return branding_institution.strip()


def percent(value: float) -> str:
    """0.855 -> "86%" / "86 %" (French puts a non-breaking space before the sign)."""
    return QCoreApplication.translate("Assessment", "%1%").replace("%1", str(round(value * 100)))


def minutes_text(seconds: float) -> str:
    """A duration to read in whole minutes, rounded down: "0 min", "less than a minute", "12 min",
    "1 h 05 min". Down, because a time left must never promise time that is not there (rounded,
    the outline, the library's banner and the quit question said "20 min" while the exam's
    countdown read 19:31, and "2 min" at 1:30); a time studied is not counted up either.
    The exam's countdown rounds up (never 0:00 early), so beside it this may say one minute
    less during a second (19:59.5 left: "20:00" and "19 min"); it never says more than is left.
    A time limit is a promise, said exactly: `limit_text`."""
    if seconds <= 0:
        return QCoreApplication.translate("Assessment", "%1 min").replace("%1", "0")
    minutes = math.floor((seconds + 0.001) / 60)  # stored times carry microseconds
    if minutes == 0:
        return QCoreApplication.translate("Assessment", "less than a minute")
    if minutes < 60:
        return QCoreApplication.translate("Assessment", "%1 min").replace("%1", str(minutes))
    hours, rest = divmod(minutes, 60)
    return (
        QCoreApplication.translate("Assessment", "%1 h %2 min")
        .replace("%1", str(hours))
        .replace("%2", f"{rest:02d}")
    )


def studied_text(seconds: float) -> str:
    """A time studied, in whole minutes rounded down as `minutes_text` says them, but any
    time under a minute "less than a minute", none included: a course's header said "0 min
    studied" on a first visit, the unit open but its time not counted yet (the heartbeat's),
    and "Less than a minute studied" later (learner's-eye run f4). A course shown has been
    opened; a time left of nothing stays "0 min" (`minutes_text`), and so does a day or a week
    without study on the dashboard."""
    if seconds + 0.001 < 60:  # as `minutes_text` rounds: stored times carry microseconds
        return QCoreApplication.translate("Assessment", "less than a minute")
    return minutes_text(seconds)


def limit_text(seconds: int) -> str:
    """An exam's time limit, exact: "20 min", "1 min 30 s", "45 s", "1 h 05 min", "1 h 05 min 30 s".
    Not `minutes_text`: rounded down, a 90 s limit said "1 min" and a 45 s one "less than a
    minute", though the clock gives every second of it."""
    minutes, rest = divmod(max(0, int(seconds)), 60)  # a schema "integer" may come as 90.0
    if not rest:
        return minutes_text(minutes * 60)
    if not minutes:
        return QCoreApplication.translate("Assessment", "%1 s").replace("%1", str(rest))
    if minutes < 60:
        return (
            QCoreApplication.translate("Assessment", "%1 min %2 s")
            .replace("%1", str(minutes))
            .replace("%2", f"{rest:02d}")
        )
    hours, minutes = divmod(minutes, 60)
    return (
        QCoreApplication.translate("Assessment", "%1 h %2 min %3 s")
        .replace("%1", str(hours))
        .replace("%2", f"{minutes:02d}")
        .replace("%3", f"{rest:02d}")
    )


def countdown(seconds: float) -> str:
    """Time left on an exam clock: 19:32, or 1:02:03 past an hour (rounded up: never 0:00 early)."""
    return clock(math.ceil(seconds - 0.001))  # stored times carry microseconds


def in_line(state: str) -> str:
    """A state said on its own ("Not passed (55%)") said after a colon inside a line ("Attempt
    1: not passed (55%)"; French writes no capital there either), its first letter lowered as
    the interface's language lowers it (QLocale: a Turkish "I" is "ı")."""
    return QLocale().toLower(state[:1]) + state[1:]


def exam_state_text(attempt: ExamAttempt) -> str:
    """In progress / Submitted — waiting for the result / Passed (85%) / Not passed (60%)."""
    if attempt.state == "in_progress":
        return QCoreApplication.translate("Assessment", "In progress")
    if attempt.state == "submitted":
        return QCoreApplication.translate("Assessment", "Submitted \u2014 waiting for the result")
    score = "" if attempt.score is None else percent(attempt.score)
    if attempt.passed:
        return (
            QCoreApplication.translate("Assessment", "Passed (%1)").replace("%1", score)
            if score
            else QCoreApplication.translate("Assessment", "Passed")
        )
    return (
        QCoreApplication.translate("Assessment", "Not passed (%1)").replace("%1", score)
        if score
        else QCoreApplication.translate("Assessment", "Not passed")
    )

"""What the status bar says of the exam as the learner leaves its view (another unit, the
library): a timed attempt keeps running, so its clock is said, and followed as it runs on; an
attempt that the last save found submitted meanwhile is said to be submitted, never running.

Apart from view.py because this is said after the view is gone (`UnitView.leaving_notice` and
`leaving_clock`, which the view's hooks return). Functions, with no reference to the view kept:
the clock's closure holds the store's exam clock alone. Texts in the `ExamView` translation
context, where they were written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from player.ui.assessment_common import minutes_text
from player.ui.exam.results_texts import ending_text
from player.ui.exam.saving import save_pending
from player.ui.recorder import STORE_FAILURES
from player.wording import isolated

if TYPE_CHECKING:
    from player.ui.exam.view import ExamView


def running_notice(left: float) -> str:
    """The status bar's line about an attempt left running with `left` seconds on its clock."""
    return QCoreApplication.translate(
        "ExamView",
        "Your exam is still running and its clock does not stop: %1 left. Come back to it "
        "from the course outline to finish and submit it.",
    ).replace("%1", minutes_text(left))


def leaving_notice(view: ExamView) -> str:
    """See `ExamView.leaving_notice`."""
    ending = view.control.ending
    view._leaving = True  # what the saving finds is said here, once
    save_pending(view)
    if view.control.ending != ending:  # ended by this saving: the answer was refused
        if view.control.ending == "submitted_before":
            return QCoreApplication.translate(
                "ExamView",
                "Your exam attempt was already submitted (in another %1 window or "
                "when its time ran out) and is waiting for its result; your last answer was "
                "not saved.",
            ).replace("%1", isolated(view.services.product))
        return ending_text(view.control.ending, view.services.product)
    attempt = view.attempt
    if not view.runs_on or attempt is None:
        return ""
    left = view.control.time_left(attempt)
    if left is None or left <= 0:
        return ""
    return running_notice(left)


def leaving_clock(view: ExamView) -> Callable[[], str | None] | None:
    """See `ExamView.leaving_clock`."""
    attempt, assessment = view.attempt, view.control.assessment
    if not view.runs_on or attempt is None or assessment is None:
        return None
    assessments, profile_id = assessment.assessments, view.control.profile_id
    attempt_id = attempt.id

    def notice() -> str | None:
        try:
            running = assessments.running_exam_attempts(profile_id)
        except STORE_FAILURES:
            return None
        left = next((left for a, left in running if a.id == attempt_id), None)
        return "" if left is None else running_notice(left)

    return notice

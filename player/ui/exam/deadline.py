"""The attempt's clock and its deadline. The deadline is the attempt's, stored when it started,
so the clock survives a restart and runs on while Cartable is closed; the store counts the time
left (`exam_clock`), so changing the computer's clock changes nothing. Every second
(`ExamView.clock`) the time left is shown over the questions, and the two warnings near the end
are said once each. At the deadline, whether it passed while the learner was away or answering,
or when the store refuses the attempt as closed (submitted in another window of the profile, or
by its deadline there), what was saved in time is submitted (`submit_expired`) and the page after
submission says which: an attempt submitted already is said to be, not "time is up". Either way
the keyboard lands on that page, never on a question or list hidden behind it; found as the
learner leaves the view, it is said once in the status bar instead (leaving.py).

Apart from view.py because this is the exam's timing logic, not its layout. Functions of the
view rather than an object it holds: its timers and connections stay its own, and nothing here
keeps a reference to it (no cycle). The texts are the clock's (clock_texts, results_texts) and
one here, all in the `ExamView` translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from player.ui.announce import announce
from player.ui.exam.clock_texts import WARN_BELOW, time_left_text, time_warning, warnings_due
from player.ui.exam.results_texts import ending_text
from player.ui.exam.saving import closed_by_saving
from player.ui.exam.submission import after_submit
from player.ui.theme import colors_from_palette

if TYPE_CHECKING:
    from player.ui.exam.view import ExamView


def tick(view: ExamView) -> None:
    attempt = view.attempt
    if attempt is None or attempt.state != "in_progress" or view.control.ending:
        view.clock.stop()
        view.timer_label.clear()
        end_time_notice(view)
        return
    remaining = view.control.time_left(attempt)
    if remaining is None:
        view.timer_label.setText(QCoreApplication.translate("ExamView", "No time limit"))
        return
    if remaining <= 1.5 and closed_by_saving(view):
        return  # what is typed in the last second counts; saving it found the time up
    if remaining <= 0:
        view._time_up()
        return
    text = time_left_text(remaining)
    view.timer_label.setText(text)
    view.timer_label.setAccessibleName(text)
    colors = colors_from_palette(view.palette())
    low = remaining < WARN_BELOW
    view.timer_label.setStyleSheet(f"color: {colors.bad};" if low else "")
    due = warnings_due(remaining)
    if due > view._warned:
        view._warned = due
        view._time_notice = time_warning(due)
        # Said at once, over whatever the screen reader was reading: the learner reads
        # the question, never the clock.
        view.show_notice(view._time_notice, assertive=True)


def end_time_notice(view: ExamView) -> None:
    """The attempt is over: "check your answers and submit" no longer applies."""
    if view._time_notice:
        view.hide_notice(view._time_notice)
        view._time_notice = ""


def expire(view: ExamView, *, away: bool) -> None:
    """The deadline passed (or the attempt was submitted elsewhere): what was saved in time
    is submitted, and the learner told."""
    assert view.assessment is not None
    view.clock.stop()
    if view.control.ending:  # ended in this view already (saving found it): said once
        return
    view.typing.stop()
    view._unsaved.clear()
    if view.confirmation is not None:
        # "Submit your answers?" no longer applies; closed, it gives the keyboard back to
        # the page after submission, not to a box over it.
        view.confirmation.reject()
    done = view.control.expire(away=away)
    if done is None:
        return
    if done:
        view.assessment.exam_submitted()
    after_submit(view)
    if not away and not view._leaving:
        # The clock (or another window) ended the attempt under the learner, who is
        # answering: the focus moved to the results, whose page says why, but a screen
        # reader reads only the button focused. Said at once, once (`ending` is set now, so
        # this is not reached again), and after the focus moved, so that the screen reader's
        # reading of the focused button does not cut it off.
        announce(
            view.done_page, ending_text(view.control.ending, view.services.product), assertive=True
        )

"""Handing the exam in: whether the answers may be submitted as they stand (an answer that cannot
be saved as typed is shown and fixed first), the ONE store transaction that submits the attempt
and queues its statements, then sync asked to send it and the questions made read-only, whoever
ended the attempt (the learner, or its deadline: `deadline.expire`).

Apart from view.py because this is the exam's logic, not its layout. Functions of the view
rather than an object it holds: nothing here keeps a reference to it (no cycle), and the
question asked before submitting stays in the view with its words (`ExamView.ask_submit`,
context "ExamView": one holds a plural, which only `tr()` records).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from player.store.attempts import ExamClosed
from player.ui.exam.saving import save_pending
from player.ui.recorder import STORE_FAILURES

if TYPE_CHECKING:
    from player.ui.exam.view import ExamView


def unanswered_if_ready(view: ExamView) -> int | None:
    """Save what is pending; the number of questions not answered if the answers may be
    submitted now, None if not (the attempt is over, or an answer is shown to be fixed)."""
    saved = save_pending(view)
    if not view.editable:
        return None
    # an exam's "32 %" is saved as 32 but still asked about: fixed before it is submitted
    if not saved or any(w.input_problem() for w in view.widgets):
        show_first_problem(view)  # the learner fixes it, or erases it, then submits
        return None
    return sum(1 for w in view.widgets if w.response() is None)


def show_first_problem(view: ExamView) -> None:
    """The first answer that cannot be saved as typed: shown, its problem said, focused."""
    for index, widget in enumerate(view.widgets):
        problem = widget.input_problem()
        if problem:
            view.go_to(index)
            widget.show_problem(problem)
            widget.first_input().setFocus()
            return


def submit(view: ExamView) -> bool:
    """ONE transaction: the attempt is submitted and its statements queued; then sync."""
    if not view.editable or not save_pending(view):
        return False
    try:
        view.control.submit()
    except ExamClosed:
        view._time_up()
        return False
    except STORE_FAILURES as exc:
        view._save_failed(exc, "exam submit")
        return False
    view._saved("exam submit")
    view.clock.stop()
    view._record(lambda r: r.heartbeat(0.0))
    view.control.reload()
    assert view.assessment is not None
    view.assessment.exam_submitted()
    after_submit(view)
    return True


def after_submit(view: ExamView) -> None:
    # the attempt is over: an answer or a submission refused before is no longer to save
    view._settled("exam answer", "exam submit")
    for widget in view.widgets:
        widget.set_read_only(True)
        if widget.response() is None:
            widget.show_unanswered(counts_as_wrong=False)
    view._refresh_progress()
    view.show_done(focus=not view._leaving)  # leaving: the keyboard goes where the learner goes
    view.completed.emit()  # the outline shows the unit done (submitted)

"""The exam's answers saved as they are given: a choice at once, typed text after a short pause
(`ExamView.typing`), and whatever is pending before every move, submit or departure; and put
back as stored when the attempt's questions are shown again (after a crash too). The store has
the last word: an answer it refuses because the attempt is closed (its time up, or submitted
in another window) ends the attempt in the view (`ExamView._time_up`).

Apart from view.py because this is what the exam does with an answer, not how its pages look.
Functions of the view rather than an object it holds: what is pending stays the view's
(`_unsaved`), its timer and its connections stay its own, and nothing here keeps a reference to
it (no cycle). No text: the view says whether the answers are saved (`_show_save_state`).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from player.course import interactions
from player.course.grading import GradingError
from player.store.attempts import ExamAttempt, ExamClosed
from player.ui.question_widgets import QuestionWidget
from player.ui.recorder import STORE_FAILURES

if TYPE_CHECKING:
    from player.ui.exam.view import ExamView


def answer_changed(view: ExamView, widget: QuestionWidget) -> None:
    if not view.editable:
        return
    view.touch()
    view._unsaved.add(widget.question.id)
    if widget.question.type in ("short", "numeric"):
        view._show_save_state("saving")
        view.typing.start()
    else:
        save_pending(view)
    view._update_where()


def closed_by_saving(view: ExamView) -> bool:
    """Save what is pending before a move. True when that found the attempt closed (its
    time up, or submitted elsewhere): the page after submission is shown and has the focus,
    and the move must not take it back to a question or the review, hidden behind it."""
    was_editable = view.editable
    save_pending(view)
    return was_editable and not view.editable


def save_pending(view: ExamView) -> bool:
    """Save every answer edited since its last save; False if one could not be saved."""
    view.typing.stop()
    if not view._unsaved or view.attempt is None or not view.editable:
        view._settled("exam answer")  # none left to save: none that failed either
        return True
    ok, wrote = True, False
    for widget in view.widgets:
        qid = widget.question.id
        if qid not in view._unsaved:
            continue
        problem = widget.input_problem()
        response = widget.response()  # None: nothing given, so a saved answer is cleared
        if problem:
            widget.show_problem(problem)  # said until fixed: submitting goes back to it
            ok = False
            if response is None:
                continue  # unreadable ("1,5" in English): the answer saved before stays
            # else readable all the same (an exam's "32 %": 32), saved so that the clock
            # running out submits it rather than nothing
        try:
            view.control.answer(qid, response)
        except ExamClosed:
            view._time_up()
            return False
        except STORE_FAILURES as exc:
            view._show_save_state("failed")
            view._save_failed(exc, "exam answer")
            return False
        wrote = True
        view._unsaved.discard(qid)
    # Settled once, after the last: an answer saved in place before one that fails must not
    # take the notice down, to be said again at every save while the disk is full.
    if wrote:
        view._saved("exam answer")
    else:
        view._settled("exam answer")  # those left are unreadable: nothing for the store
    if not view._unsaved:
        view._show_save_state("saved")
    elif not ok:  # only unreadable ones left: nothing is being saved, and they are not
        view._show_save_state("failed")
    return ok


def load(view: ExamView, attempt: ExamAttempt) -> None:
    """`attempt`'s questions in its order, each with its answer as stored (none pending),
    read-only unless it is in progress."""
    view.control.attempt = attempt
    view._make_question_widgets(attempt.seed)
    view._unsaved.clear()
    view._settled("exam answer")  # those of an attempt left, if they failed
    for widget in view.widgets:
        saved = attempt.answer(widget.question.id)
        if saved is not None:
            # a choice the course no longer has is shown unanswered
            with contextlib.suppress(GradingError):
                response = interactions.parse_response(widget.question, saved.response)
                widget.set_response(response)
        widget.set_read_only(attempt.state != "in_progress")
        if attempt.state != "in_progress" and widget.response() is None:
            widget.show_unanswered(counts_as_wrong=False)  # the review list says so too
        widget.changed.connect(view._widget_changed)

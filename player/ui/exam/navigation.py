"""Moving through an attempt: opened on a question (the first, or where the learner was: the
unit's resume position) or on the review, then from question to question. Every move saves the
answers pending first, and stops if that found the attempt closed (the page after submission is
then shown, and keeps the focus); each move is saved as the resume position, so a restart opens
on the same question.

Apart from view.py because this is where the learner is, not how the page looks. Functions of
the view rather than an object it holds: nothing here keeps a reference to it (no cycle). No
text: the view labels the page (`_update_where`, `_label_review_button`, context "ExamView").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from player.store.attempts import ExamAttempt
from player.ui.exam.saving import closed_by_saving, load

if TYPE_CHECKING:
    from player.ui.exam.view import ExamView


def begin(view: ExamView, attempt: ExamAttempt, position: int) -> None:
    """`attempt` in progress on screen, its clock running, at question `position` (the review
    past the last)."""
    load(view, attempt)
    view.control.ending = ""
    view._warned = 0  # how many of the two time warnings were shown
    view.pages.setCurrentWidget(view.exam_page)
    view._tick()
    view.clock.start()
    if position >= len(view.widgets):
        view.show_review(save=False)
    else:
        go_to(view, max(0, position), save=False)


def go_to(view: ExamView, index: int, *, save: bool = True) -> None:
    if not view.widgets or not 0 <= index < len(view.widgets):
        return
    if closed_by_saving(view):
        return
    view._show_question(index)
    view.inner.setCurrentWidget(view.question_page)
    view.previous_button.setEnabled(index > 0)
    view.next_button.setEnabled(index < len(view.widgets) - 1)
    view._update_where()
    QWidget.setTabOrder(view.current.last_input(), view.previous_button)
    QWidget.setTabOrder(view.previous_button, view.next_button)
    QWidget.setTabOrder(view.next_button, view.to_review_button)
    view._label_review_button()
    view._focus_question()
    if save and view.editable:
        view.touch()
        view._record(lambda r: r.heartbeat(float(index)))

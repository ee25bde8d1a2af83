"""What a course says in the window's status bar as the learner leaves a unit (a timed exam left
running keeps its clock going), and taking it back once it no longer applies.

The message and its note live on the window's status bar, never on the course view: a course
reopened finds them, and they outlive the view. No text of its own: the view says what its unit
gives it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QStatusBar, QWidget

from player.ui.announce import show_message
from player.ui.notice_clock import NoticeClock, NoticeReader

# While an exam attempt of the course runs against its clock, its time left in the outline is
# read again this often (it is said in minutes).
EXAM_CLOCK_MS = 15_000
# How long the status bar says that a timed exam left running keeps its clock going.
LEAVING_NOTICE_MS = 20_000
# The status bar's property naming the unit its leaving notice is about (course, unit, text).
NOTICE_PROPERTY = "cartable_leaving_notice"


def _status_bar(widget: QWidget) -> QStatusBar | None:
    window = widget.window()
    if not isinstance(window, QMainWindow):
        return None
    # the window's own, never one made here (QMainWindow.statusBar() makes one if none)
    return window.findChild(QStatusBar, options=Qt.FindChildOption.FindDirectChildrenOnly)


def _say_bar(widget: QWidget) -> QStatusBar | None:
    window = widget.window()
    return window.statusBar() if isinstance(window, QMainWindow) else None


def say(
    widget: QWidget,
    course_id: str,
    message: str,
    unit_id: str | None = None,
    follow: NoticeReader | None = None,
) -> None:
    """A passing message in the status bar of `widget`'s window (none without a main window).
    Said about a unit of the course (a timed exam left running), `take_back_notice` takes it
    down; `follow` reads it again as the exam's clock runs on, while it shows (`NoticeClock`)."""
    bar = _say_bar(widget)
    if bar is None:
        return
    show_message(bar, message, LEAVING_NOTICE_MS)
    about = f"{course_id}\n{unit_id}\n" if unit_id else ""
    # on the bar: a course reopened finds it too
    bar.setProperty(NOTICE_PROPERTY, about + message if about else "")
    if about and follow is not None:
        NoticeClock(
            bar,
            message,
            follow,
            lasts_ms=LEAVING_NOTICE_MS,
            interval_ms=EXAM_CLOCK_MS,
            note=(NOTICE_PROPERTY, about),
        )


def take_back_notice(widget: QWidget, course_id: str, unit_id: str) -> None:
    """The status bar's message about this unit (its exam's clock runs on while the learner is
    away) no longer applies: they are back to it, or it ended. Another message shown since
    stays."""
    bar = _status_bar(widget)
    if bar is None:
        return
    about = bar.property(NOTICE_PROPERTY)
    if not about:
        return
    about_course, about_unit, message = str(about).split("\n", 2)
    if about_course != course_id or about_unit != unit_id:
        return
    bar.setProperty(NOTICE_PROPERTY, "")
    if bar.currentMessage() == message:
        bar.clearMessage()

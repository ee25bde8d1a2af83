"""The question asked before leaving a running timed exam: Quit, Switch profile.

Its clock keeps running while Cartable is closed and under another learner's screens, so
leaving asks first, the time left kept up to date while the question is open. Staying is the
default (Enter, Escape): a slip of the keys must not cost exam time. The question is opened,
never waited for (no nested event loop in the window's `closeEvent`).

Moved out of `MainWindow`, which still decides what leaving does; the texts keep the
"MainWindow" translation context they were written and translated in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from player.store.store import Store
from player.ui.exam.running import RunningExam, quit_title, running_exams, switch_question

if TYPE_CHECKING:  # QMessageBox's types cost some 3 ms of a start that asks nothing
    from PySide6.QtWidgets import QMessageBox

# While the question is open, the exam's clock is read again this often (ms): the time left it
# says, and the exam ending under it (submitted when its time ran out).
QUIT_QUESTION_CLOCK_MS = 1000


class LeaveQuestion(QObject):
    """A QObject, the window's child: the box's answer comes to a method of it, never to a
    closure, which (connected to the box, the window's child) kept a window of its own alive
    while the question was open."""

    def __init__(
        self, window: QWidget, store: Store, profile_in_use: Callable[[], str | None]
    ) -> None:
        super().__init__(window)  # the box's parent
        self._store = store
        self._profile_in_use = profile_in_use
        self.box: QMessageBox | None = None  # "Your exam is in progress… Quit anyway?"
        self._question_of: Callable[[float], str] = switch_question  # how it is worded (set
        # by each ask_before)
        self._then: Callable[[], object] | None = None  # what its leaving answer does
        self.clock = QTimer(self)  # the exam may end while the question is open
        self.clock.setInterval(QUIT_QUESTION_CLOCK_MS)
        self.clock.timeout.connect(self.update)

    def running(self) -> list[RunningExam]:
        """The timed exams the question is about: the profile in use's. None on the profile page
        (a switch, the PIN): whoever sits down is not told another learner's exam, whose clock
        runs whether Cartable is open or not. None while the session manager has the application
        save (a logout or shutdown under way): a close then never waits for an answer."""
        profile_id = self._profile_in_use()
        app = QGuiApplication.instance()
        if profile_id is None or (isinstance(app, QGuiApplication) and app.isSavingSession()):
            return []
        return running_exams(self._store, profile_id)

    def ask_before(
        self,
        question: Callable[[float], str],
        leave_text: str,
        then: Callable[[], object],
        over: QWidget | None = None,
    ) -> None:
        """`then` at once when no exam runs; else, unless already asked, the question: of the
        time left (`question`), `then` once `leave_text` is chosen. Over the window, or over
        `over` (a dialog of the window, which staying goes back to)."""
        exams = self.running()
        if not exams:
            then()
        elif self.box is None:
            self._ask(question, exams[0].left, leave_text, then, over)

    def _ask(
        self,
        question: Callable[[float], str],
        left: float,
        leave_text: str,
        then: Callable[[], object],
        over: QWidget | None,
    ) -> None:
        from PySide6.QtWidgets import QMessageBox

        from player.ui.question_box import QuestionBox  # a bare "l" leaves nothing

        window = self.parent()
        assert isinstance(window, QWidget)
        parent = over or window
        box = QuestionBox(QMessageBox.Icon.Warning, quit_title(), question(left), parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.addButton(leave_text, QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(
            QCoreApplication.translate("MainWindow", "&Stay"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._answered)
        self.box = box
        self._question_of = question
        self._then = then
        self.clock.start()
        box.open()

    def _answered(self, _result: int) -> None:
        from PySide6.QtWidgets import QMessageBox

        box, then = self.box, self._then
        self.box = self._then = None
        self.clock.stop()
        clicked = box.clickedButton() if box is not None else None
        leave = QMessageBox.ButtonRole.AcceptRole
        if box is not None and clicked is not None and box.buttonRole(clicked) == leave and then:
            then()  # by code: not asked again

    def update(self) -> None:
        """The exam can end under the question (its time ran out, in its view or away from it):
        the question goes, as staying would; else it says the time left now."""
        box = self.box
        if box is None:
            return
        exams = self.running()
        if not exams:
            box.close()
            return
        text = self._question_of(exams[0].left)
        if box.text() != text:
            box.setText(text)

    def close(self) -> None:
        """The question, if open, goes unanswered (as staying would)."""
        if self.box is not None:
            self.box.close()

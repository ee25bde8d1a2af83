"""A timed exam left running: its clock keeps running while Cartable is closed (the deadline is
stored), so quitting asks first, staying being the default, and after a restart the library's
Continue banner says the exam is in progress and how long is left. The system logging out or
shutting down is never held by the question. The demo course's exam (20 minutes), the main
window on the real store."""

from __future__ import annotations

import re
import sqlite3

from PySide6.QtCore import SIGNAL, QEvent, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from player.ui.exam.view import ExamView
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from tests.ui.conftest import HEIGHT, WIDTH, open_services
from tests.ui.test_shell import DEMO, course, studying

EXAM = "enjeux-examen"
QUESTION = re.compile(
    r"Your exam is in progress: its clock keeps running while Cartable is closed\. "
    r"Time left: (20|19) min\. Quit anyway\?"
)
BANNER = re.compile(
    r"Continue: Module 3 \u00b7 Examen de certification \u2014 exam in progress, (20|19) min left"
)


class CloseButton(QCloseEvent):
    """The close the window manager sends when the learner clicks the window's close button: a
    spontaneous event, which no code can send (offscreen Qt has no window manager)."""

    def spontaneous(self) -> bool:
        return True


def exam_started(window: MainWindow) -> ExamView:
    window.open_course(DEMO, EXAM)
    exam = course(window).view
    assert isinstance(exam, ExamView)
    exam.start_button.click()
    box = exam.confirmation
    assert isinstance(box, QMessageBox)
    (start,) = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    start.click()
    QApplication.processEvents()
    assert exam.runs_on
    return exam


def question(window: MainWindow) -> QMessageBox:
    box = window.quit_question
    assert isinstance(box, QMessageBox) and box.isVisible()
    return box


def button(box: QMessageBox, text: str):  # type: ignore[no-untyped-def]
    (found,) = [b for b in box.buttons() if b.text() == text]
    return found


def test_quitting_during_a_timed_exam_asks_and_staying_is_the_default(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    profile = studying(window, services)
    exam = exam_started(window)
    window.menus.quit_action.trigger()  # Ctrl+Q (offscreen Qt has no key for Quit)
    box = question(window)
    assert QUESTION.fullmatch(box.text()), box.text()
    assert box.windowTitle() == "Exam in progress"
    assert box.defaultButton() is button(box, "&Stay") is box.escapeButton()

    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter: the safe answer
    assert window.quit_question is None and window.isVisible()
    assert course(window).view is exam and exam.runs_on

    window.menus.quit_action.trigger()
    box = question(window)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert window.quit_question is None and window.isVisible()

    window.menus.quit_action.trigger()
    button(question(window), "&Quit anyway").click()
    QApplication.processEvents()
    assert not window.isVisible() and window.course_view is None, "closed, the unit with it"
    (attempt,) = services.store.assessments.exam_attempts(profile.id)
    assert attempt.state == "in_progress", "quitting submits nothing: the clock runs on"


def test_the_window_close_button_asks_as_quit_does(
    window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    exam_started(window)
    closing = CloseButton()
    window.closeEvent(closing)
    assert not closing.isAccepted() and window.isVisible()
    assert QUESTION.fullmatch(question(window).text())
    window.closeEvent(CloseButton())  # clicked again: the same question, not a second one
    assert len(window.findChildren(QMessageBox)) == 1


def test_without_a_running_exam_quitting_asks_nothing(
    window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    window.open_course(DEMO, EXAM)  # opened, not started
    closing = CloseButton()
    window.closeEvent(closing)
    assert closing.isAccepted() and window.quit_question is None
    window.show()
    window.menus.quit_action.trigger()
    assert not window.isVisible() and window.quit_question is None


def test_records_that_cannot_be_read_never_keep_the_learner_from_quitting(  # type: ignore[no-untyped-def]
    monkeypatch, window: MainWindow, services: ShellServices
) -> None:
    """Another process holding the records file's lock (or a damaged file): sqlite3's own error,
    not a StoreError, made the close button fail before the unit was recorded closed."""
    studying(window, services)
    exam_started(window)

    def locked(profile_id: str) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(services.store, "running_exams", locked)
    closing = CloseButton()
    window.closeEvent(closing)
    assert closing.isAccepted() and window.quit_question is None
    assert window.course_view is None, "the unit's close recorded before the window goes"
    assert services.context.settings.window_geometry, "and the window's place kept"
    window.menus.quit_action.trigger()
    assert not window.isVisible() and window.quit_question is None


def test_the_system_logging_out_is_never_held_by_the_question(
    qapp: QApplication, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    exam_started(window)
    window.menus.quit_action.trigger()
    assert question(window)
    # Logging out or shutting down: the application is told to quit as a whole (Windows,
    # macOS, an X11 session manager's "die"), and its windows are closed by code.
    QApplication.sendEvent(qapp, QEvent(QEvent.Type.Quit))
    assert not window.isVisible() and window.course_view is None
    assert window.quit_question is None or not window.quit_question.isVisible()


def test_once_the_session_manager_asks_to_save_the_close_button_asks_nothing(
    qapp: QApplication, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    exam_started(window)
    window.menus.quit_action.trigger()
    assert question(window)
    # The session manager asks the application to save: the session ends. A QSessionManager
    # cannot be made outside Qt (emitting the signal without one crashes): its slot is called.
    assert qapp.receivers(SIGNAL("commitDataRequest(QSessionManager&)")) >= 1
    window._session_ending(None)
    assert window.quit_question is None or not window.quit_question.isVisible()
    closing = CloseButton()
    window.closeEvent(closing)  # a window manager closing the windows as the session ends
    assert closing.isAccepted() and window.course_view is None


def test_after_a_restart_the_banner_says_the_exam_runs_and_its_time_left(
    qtbot, qapp: QApplication, paths, tasks, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    exam_started(window)
    course(window).open_unit("enjeux-lecture")  # studied last: the exam still comes first
    assert course(window).current_unit_id == "enjeux-lecture"
    window.close()

    again = open_services(qapp, paths, tasks)
    try:
        second = MainWindow(again)
        qtbot.addWidget(second)
        second.resize(WIDTH, HEIGHT)
        second.show()
        second.start()
        library = second.library_view
        assert library is not None and second.stack.currentWidget() is library
        assert BANNER.fullmatch(library.banner_text.text()), library.banner_text.text()
        assert library.banner_title.text() == "Les MOOC"
        assert BANNER.match(library.continue_button.accessibleName())
        assert library.exam_clock.isActive(), "the time left is read again as it runs"
        qtbot.keyClick(library.continue_button, Qt.Key.Key_Space)
        reopened = second.course_view
        assert reopened is not None and reopened.current_unit_id == EXAM
        exam = reopened.view
        assert isinstance(exam, ExamView) and exam.runs_on
        assert re.fullmatch(r"Time left: (20:00|19:\d\d)", exam.timer_label.text())
        second.show_library()
        assert BANNER.fullmatch(library.banner_text.text())
        (attempt,) = again.store.assessments.exam_attempts(second.session.profile_id)  # type: ignore[union-attr]
        second.open_course(DEMO, EXAM)
        exam = second.course_view.view  # type: ignore[union-attr]
        assert isinstance(exam, ExamView)
        exam.submit()
        second.show_library()
        assert library.banner_text.text() == "Continue: Module 3 \u00b7 Examen de certification"
        assert not library.exam_clock.isActive()
        assert attempt.state == "in_progress"
        second.close()
    finally:
        again.translations.clear()
        again.store.close()

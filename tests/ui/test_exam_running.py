"""A timed exam left running: its clock keeps running while Cartable is closed (the deadline is
stored), so quitting asks first, staying being the default, and after a restart the library's
Continue banner says the exam is in progress and how long is left. The question goes when the
exam ends under it, and as the session manager asks to save (a logout, a shutdown); nobody is
asked on the profile page. The demo course's exam (20 minutes), the main window on the real
store, whose clock the tests move (`StoreClock`)."""

from __future__ import annotations

import sqlite3
import time

import pytest
from PySide6.QtCore import SIGNAL, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from player.course.manifest import ExamUnit
from player.store import Store
from player.ui.assessment_common import minutes_text
from player.ui.exam.view import ExamView
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.wording import isolated
from tests.ui.conftest import HEIGHT, WIDTH, open_services
from tests.ui.test_shell import DEMO, course, studying

EXAM = "enjeux-examen"


def question_text(left: str) -> str:
    return (
        "Your exam is in progress: its clock keeps running while \u2068Cartable\u2069 is closed. "
        f"Time left: {left}. Quit anyway?"
    )


def banner_text(left: str) -> str:
    exam = isolated("Examen de certification")
    return f"Continue: Module 3 \u00b7 {exam} \u2014 exam in progress, {left} left"


class StoreClock:
    """The store's wall clock and the exam clock's never-going-back one, moved by the test
    alone: the time left is what the test says, whatever the machine's speed."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def drive(self, store: Store) -> None:
        store.database.clock = self
        store.assessments.monotonic = self


@pytest.fixture
def clock(services: ShellServices) -> StoreClock:
    made = StoreClock()
    made.drive(services.store)
    return made


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
    qtbot, window: MainWindow, services: ShellServices, clock: StoreClock
) -> None:
    profile = studying(window, services)
    exam = exam_started(window)
    window.menus.quit_action.trigger()  # Ctrl+Q (offscreen Qt has no key for Quit)
    box = question(window)
    assert box.text() == question_text("20 min")
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
    window: MainWindow, services: ShellServices, clock: StoreClock
) -> None:
    studying(window, services)
    exam_started(window)
    closing = CloseButton()
    window.closeEvent(closing)
    assert not closing.isAccepted() and window.isVisible()
    assert question(window).text() == question_text("20 min")
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
    # macOS, an X11 session manager's "die"), and QApplication closes its windows by code, as
    # here. Not by sending it QEvent.Quit: the quit would stay set on the thread (Qt's quitNow,
    # until an exec() that tests never run), and every later test's event loop would return at
    # once (their deleteLater and waitUntil timed out: 4 of test_announcements.py after this).
    qapp.closeAllWindows()
    assert not window.isVisible() and window.course_view is None
    assert window.quit_question is None or not window.quit_question.isVisible()


def test_the_session_manager_asking_to_save_closes_the_question_and_a_later_quit_asks_again(
    qtbot, qapp: QApplication, window: MainWindow, services: ShellServices
) -> None:
    """A logout or shutdown cancelled (on Windows another application holds it, or the learner
    cancels), or a KDE session checkpoint: the question goes, and Quit and the close button ask
    again (they closed without asking for the rest of the run)."""
    studying(window, services)
    exam_started(window)
    window.menus.quit_action.trigger()
    assert question(window)
    # The session manager asks the application to save. A QSessionManager cannot be made
    # outside Qt (emitting the signal without one crashes): its slot is called.
    assert qapp.receivers(SIGNAL("commitDataRequest(QSessionManager&)")) >= 1
    window._session_ending(None)
    assert window.quit_question is None and window.isVisible(), "gone, as staying would"

    closing = CloseButton()
    window.closeEvent(closing)  # the session goes on: the close button asks again
    assert not closing.isAccepted() and window.isVisible()
    qtbot.keyClick(question(window), Qt.Key.Key_Escape)
    window.menus.quit_action.trigger()  # and Quit
    assert question(window)
    assert course(window).view is not None and window.course_view is not None


def test_on_the_profile_page_quitting_asks_nothing(
    window: MainWindow, services: ShellServices
) -> None:
    """After Profile > Switch profile, whoever sits down is not told the previous learner's
    exam: its clock runs whether Cartable is open or not. Back in the library, it asks."""
    studying(window, services)
    exam_started(window)
    window.switch_action.trigger()
    button(question(window), "S&witch anyway").click()  # switching asks too
    assert window.profile_page is not None and window.session is not None
    closing = CloseButton()
    window.closeEvent(closing)
    assert closing.isAccepted() and window.quit_question is None
    window.profile_page.cancel_button.click()  # the chooser cancelled (Awa has no PIN)
    window.menus.quit_action.trigger()
    assert question(window).text().startswith("Your exam is in progress")
    button(question(window), "&Stay").click()
    window.switch_action.trigger()
    button(question(window), "S&witch anyway").click()
    window.menus.quit_action.trigger()
    assert not window.isVisible() and window.quit_question is None


def test_the_question_says_the_time_left_and_goes_when_the_exam_is_submitted_at_its_end(
    window: MainWindow, services: ShellServices, clock: StoreClock
) -> None:
    """The exam's time ran out under the question: the exam was submitted and the box still
    said 'Time left: 3 min. Quit anyway?'."""
    profile = studying(window, services)
    exam = exam_started(window)
    window.menus.quit_action.trigger()
    assert question(window).text() == question_text("20 min")
    assert window.quit_question_clock.isActive(), "read again while it is open"
    clock.advance(5 * 60)
    window.quit_question_clock.timeout.emit()
    assert question(window).text() == question_text("15 min")
    clock.advance(15 * 60)
    exam.clock.timeout.emit()  # the exam's own second: its time is up, it submits
    assert window.quit_question is None and window.isVisible()
    assert not window.quit_question_clock.isActive()
    (attempt,) = services.store.assessments.exam_attempts(profile.id)
    assert attempt.state == "submitted"
    window.menus.quit_action.trigger()
    assert not window.isVisible(), "nothing runs: quit at once"


def test_the_question_goes_when_the_time_runs_out_away_from_the_exam(
    window: MainWindow, services: ShellServices, clock: StoreClock
) -> None:
    """In the library nothing submits the exam until it is opened again, or the next start: the
    question still goes when its time is up."""
    profile = studying(window, services)
    exam_started(window)
    window.show_library()
    window.menus.quit_action.trigger()
    assert question(window).text() == question_text("20 min")
    clock.advance(20 * 60)
    window.quit_question_clock.timeout.emit()
    assert window.quit_question is None and window.isVisible()
    (attempt,) = services.store.assessments.exam_attempts(profile.id)
    assert attempt.state == "in_progress", "submitted as it is opened, or at the next start"
    window.menus.quit_action.trigger()
    assert not window.isVisible()


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (7200.0, "2 h 00 min"),
        (3660.0, "1 h 01 min"),
        (3599.0, "59 min"),
        (1200.0, "20 min"),
        (1199.9999998, "20 min"),  # a deadline less the time, as floats give it back
        (1171.0, "19 min"),  # 19:31, said "20 min" rounded
        (90.0, "1 min"),  # 1:30, said "2 min" rounded
        (60.0, "1 min"),
        (59.9, "less than a minute"),
        (0.4, "less than a minute"),
        (0.0, "0 min"),
        (-3.0, "0 min"),
    ],
)
def test_time_is_said_in_whole_minutes_rounded_down(seconds: float, said: str) -> None:
    assert minutes_text(seconds) == said


def test_the_banner_the_question_and_the_outline_say_the_same_whole_minutes_left(
    window: MainWindow, services: ShellServices, clock: StoreClock
) -> None:
    """Rounded, they said '20 min' at 19:31 and '2 min' at 1:30: more time than there is."""
    studying(window, services)
    exam_started(window)
    view = course(window)
    view.open_unit("enjeux-lecture")  # the outline shows the exam's time left
    (unit,) = [u for m in view.course.modules for u in m.units if u.id == EXAM]
    assert isinstance(unit, ExamUnit)
    clock.advance(29)  # 19:31 left
    assert view.exam_time_text(unit) == "Time left: 19 min"
    window.show_library()
    library = window.library_view
    assert library is not None
    assert library.banner_text.text() == banner_text("19 min")
    window.menus.quit_action.trigger()
    assert question(window).text() == question_text("19 min")

    for advance, left in ((18 * 60 + 1, "1 min"), (60, "less than a minute")):  # 1:30, 0:30
        clock.advance(advance)
        window.quit_question_clock.timeout.emit()
        library.exam_clock.timeout.emit()
        assert question(window).text() == question_text(left)
        assert library.banner_text.text() == banner_text(left)
    button(question(window), "&Stay").click()
    window.open_course(DEMO, "enjeux-lecture")
    assert course(window).exam_time_text(unit) == "Time left: less than a minute"


def test_after_a_restart_the_banner_says_the_exam_runs_and_its_time_left(
    qtbot,
    qapp: QApplication,
    paths,
    tasks,
    window: MainWindow,
    services: ShellServices,
    clock: StoreClock,
) -> None:
    studying(window, services)
    exam_started(window)
    course(window).open_unit("enjeux-lecture")  # studied last: the exam still comes first
    assert course(window).current_unit_id == "enjeux-lecture"
    window.close()

    again = open_services(qapp, paths, tasks)
    clock.drive(again.store)  # the next run: the same clock, not a second later
    try:
        second = MainWindow(again)
        qtbot.addWidget(second)
        second.resize(WIDTH, HEIGHT)
        second.show()
        second.start()
        library = second.library_view
        assert library is not None and second.stack.currentWidget() is library
        assert library.banner_text.text() == banner_text("20 min")
        assert library.banner_title.text() == "Les MOOC"
        assert (
            library.continue_button.accessibleName() == f"{banner_text('20 min')} \u2014 Les MOOC"
        )
        assert library.exam_clock.isActive(), "the time left is read again as it runs"
        qtbot.keyClick(library.continue_button, Qt.Key.Key_Space)
        reopened = second.course_view
        assert reopened is not None and reopened.current_unit_id == EXAM
        exam = reopened.view
        assert isinstance(exam, ExamView) and exam.runs_on
        assert exam.timer_label.text() == "Time left: 20:00"
        second.show_library()
        assert library.banner_text.text() == banner_text("20 min")
        profile_id = second.session.profile_id  # type: ignore[union-attr]
        (attempt,) = again.store.assessments.exam_attempts(profile_id)
        assert attempt.state == "in_progress"
        clock.advance(60)  # studied after the reading: the exam is where the learner stopped
        second.open_course(DEMO, EXAM)
        exam = second.course_view.view  # type: ignore[union-attr]
        assert isinstance(exam, ExamView)
        exam.submit()
        second.show_library()
        assert library.banner_text.text() == (
            f"Continue: Module 3 \u00b7 {isolated('Examen de certification')}"
        )
        assert not library.exam_clock.isActive()
        (attempt,) = again.store.assessments.exam_attempts(profile_id)  # read again
        assert attempt.state == "submitted"
        second.close()
    finally:
        again.translations.clear()
        again.store.close()

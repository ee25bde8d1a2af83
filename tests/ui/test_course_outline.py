"""The course outline and its header as the learner reads them: counts said in the plural a
language needs, and a unit's state drawn and named so that no two states read alike."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from player.course.manifest import QuizUnit
from player.paths import Paths
from player.store import Store
from player.store.statements import verb_name
from player.ui import announce, course_notice
from player.ui.course_view import EXAM_CLOCK_MS
from player.ui.dashboard.overview import load_overview
from player.ui.exam.view import ExamView
from player.ui.library_view import load_cards
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.status_icons import paint_status, status_text
from player.wording import isolated
from tests.ui.assessment_support import DEMO_QUIZ_KEYS, give, keys_of, right_response
from tests.ui.test_exam_running import StoreClock
from tests.ui.test_shell import DEMO, course, studying

EXAM = "enjeux-examen"


def test_the_units_done_agree_with_their_count(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """With the shipped French catalog: one form for 0 and 1, another for more."""
    profile = studying(window, services, lang="fr")
    window.open_course(DEMO, "definition-video")
    view = course(window)
    assert view.course_label.text() == "0 unité faite sur 6"
    session = services.recorder.unit_opened(profile.id, view.course, "definition-lecture")
    services.recorder.reading_completed(session)
    services.recorder.unit_closed(session)
    view.refresh_progress()
    assert view.course_label.text() == "1 unité faite sur 6"  # was "1 unités faites sur 6"
    assert view.course_bar.accessibleDescription() == "1 unité faite sur 6"
    module = view.outline_model.item(0, 0)
    assert module.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Module 1\u00a0: Qu'est-ce qu'un MOOC\u00a0?, 1 unité faite sur 2"
    )
    session = services.recorder.unit_opened(profile.id, view.course, "enjeux-lecture")
    services.recorder.reading_completed(session)
    services.recorder.unit_closed(session)
    view.refresh_progress()
    assert view.course_label.text() == "2 unités faites sur 6"


def shape(status: str, palette: QPalette) -> QImage:
    """The status icon in one colour (as on a selected row): only its shape tells it."""
    image = QImage(32, 32, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint_status(painter, QRectF(0, 0, 32, 32), status, palette, selected=True)  # type: ignore[arg-type]
    painter.end()
    return image


def test_every_state_has_its_own_shape(qapp: QApplication) -> None:
    palette = qapp.palette()
    states = ["not_attempted", "in_progress", "submitted", "completed", "passed", "failed"]
    images = {s: shape(s, palette) for s in states}
    for i, a in enumerate(states):
        for b in states[i + 1 :]:
            assert images[a] != images[b], (a, b)
    assert len({status_text(s) for s in states}) == len(states)  # type: ignore[arg-type]


def test_an_exam_waiting_for_its_grade_is_not_shown_done(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    profile = studying(window, services)
    window.open_course(DEMO, "definition-video")
    view = course(window)
    session = services.recorder.unit_opened(profile.id, view.course, EXAM)
    attempt = services.store.assessments.exam_started(session)
    services.store.assessments.exam_submitted(session, attempt.id)
    services.recorder.unit_closed(session)
    view.refresh_progress()

    exam = view.course.unit(EXAM)
    assert exam is not None and view.shown_status(exam) == "submitted"
    item = view.outline.unit_item(EXAM)
    assert item is not None
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Examen de certification, exam: Submitted, waiting for the grade"
    )
    size = view.style().pixelMetric(view.style().PixelMetric.PM_SmallIconSize)
    shown = item.icon().pixmap(size).toImage()
    done = view.icons.icon("completed", view.palette(), size).pixmap(size).toImage()
    assert shown != done, "no tick: the grade decides"
    assert view.outline_model.item(2, 1).text() == "0/2" and view.course_label.text() == (
        "0 of 6 units done"
    )

    services.store.assessments.record_exam_result(profile.id, attempt.registration, True, 0.9)
    view.refresh_progress()
    assert view.shown_status(exam) == "passed"
    assert item.data(Qt.ItemDataRole.AccessibleTextRole).endswith(": Passed")


def test_a_second_attempt_waiting_for_its_grade_is_not_shown_failed(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Attempt 1 not passed, attempt 2 submitted: the outline said "Not passed" (review u2),
    the first grade standing for the exam while the second could still pass it."""
    profile = studying(window, services)
    window.open_course(DEMO, "definition-video")
    view = course(window)
    assessments = services.store.assessments
    exam = view.course.unit(EXAM)
    assert exam is not None
    item = view.outline.unit_item(EXAM)
    assert item is not None
    registrations = []
    for number in (1, 2):
        session = services.recorder.unit_opened(profile.id, view.course, EXAM)
        attempt = assessments.exam_started(session)
        assessments.exam_submitted(session, attempt.id)
        services.recorder.unit_closed(session)
        registrations.append(attempt.registration)
        if number == 1:
            assessments.record_exam_result(profile.id, attempt.registration, False, 0.55)
            view.refresh_progress()
            assert view.shown_status(exam) == "failed"
    view.refresh_progress()
    assert view.shown_status(exam) == "submitted"
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Examen de certification, exam: Submitted, waiting for the grade"
    )
    assessments.record_exam_result(profile.id, registrations[1], False, 0.6)
    view.refresh_progress()
    assert view.shown_status(exam) == "failed"


def _imported_attempt(
    services: ShellServices,
    profile_id: str,
    course_id: str,
    number: int,
    state: str,
    passed: int | None = None,
    score: float | None = None,
) -> None:
    """An exam attempt as a records import writes it: numbers need not follow the grades."""
    services.store.conn.execute(
        "INSERT INTO exam_attempts (id, profile_id, course_id, unit_id, number, registration,"
        " state, seed, started_at, submitted_at, graded_at, passed, score, activity, context)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 7, 1000, ?, ?, ?, ?, '{}', '{}')",
        (
            f"a{number}",
            profile_id,
            course_id,
            EXAM,
            number,
            f"r{number}",
            state,
            None if state == "in_progress" else 1100,
            1200 if state == "graded" else None,
            passed,
            score,
        ),
    )
    services.store.conn.commit()


def test_an_imported_attempt_in_progress_after_one_waiting_is_shown_submitted(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Attempt 1 submitted, attempt 2 in progress (an import): only the latest was asked,
    so the wait for attempt 1's grade was lost and the outline read "completed" (review r12)."""
    profile = studying(window, services)
    window.open_course(DEMO, "definition-video")
    view = course(window)
    _imported_attempt(services, profile.id, view.course.id, 1, "submitted")
    _imported_attempt(services, profile.id, view.course.id, 2, "in_progress")
    view.refresh_progress()
    exam = view.course.unit(EXAM)
    assert exam is not None
    assert view.shown_status(exam) == "submitted"


def test_an_imported_later_attempt_failed_while_an_earlier_one_waits_is_shown_submitted(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Attempt 2 graded not passed, attempt 1 still waiting: its grade may yet pass the exam,
    so the outline does not say "Not passed" (review r12)."""
    profile = studying(window, services)
    window.open_course(DEMO, "definition-video")
    view = course(window)
    _imported_attempt(services, profile.id, view.course.id, 1, "submitted")
    _imported_attempt(services, profile.id, view.course.id, 2, "graded", 0, 0.4)
    view.refresh_progress()
    exam = view.course.unit(EXAM)
    assert exam is not None
    assert view.shown_status(exam) == "submitted"


class NoAccount:
    """What the exam asks of the window's sync controller, for a profile with no account."""

    asked: list[str]

    def __init__(self) -> None:
        self.asked = []

    def has_account(self, profile_id: str | None) -> bool:
        self.asked.append(str(profile_id))
        return False

    def grade_error(self, profile_id: str) -> str:
        return ""

    def exam_submitted(self) -> None:
        pass


def test_the_exam_asks_the_sync_controller_whether_the_profile_has_an_account(  # type: ignore[no-untyped-def]
    window: MainWindow, services: ShellServices
) -> None:
    profile = studying(window, services)
    sync = NoAccount()
    window.sync = sync  # type: ignore[assignment]
    try:
        window.open_course(DEMO, EXAM)
        exam = course(window).view
        assert isinstance(exam, ExamView)
        text = exam.start_grading.text()
        assert "no account with \u2068your institution\u2069 yet" in text, text
        publisher = course(window).course.publisher
        assert publisher is not None and publisher.name not in text, "it wrote, does not grade"
        menu = next(a for a in window.menuBar().actions() if a.menu() is window.course_menu)
        item = window.sync_action.text().replace("&", "").removesuffix("\u2026")
        assert f"{menu.text().replace('&', '')} \u2192 {item}" in text, text  # the real item
        assert profile.id in sync.asked
    finally:
        window.sync = None


def test_the_running_exam_notice_is_taken_down_on_coming_back_or_when_time_is_up(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, window: MainWindow, services: ShellServices
) -> None:
    """The notice said on leaving a running exam lasted its 20 s: back at the exam 2 s later
    and submitting, it still read "20 min left" under "Submitted — waiting for the result"."""
    studying(window, services)
    window.open_course(DEMO, EXAM)
    view = course(window)
    exam = view.view
    assert isinstance(exam, ExamView)
    exam.start_button.click()
    yes(exam.confirmation)  # type: ignore[arg-type]
    bar = window.statusBar()

    running = "Your exam is still running"
    view.open_unit("enjeux-lecture")
    assert running in bar.currentMessage()
    view.open_unit("definition-video")  # elsewhere still: the exam's clock still runs
    assert running in bar.currentMessage()
    view.open_unit(EXAM)  # back: the page shows its clock
    assert bar.currentMessage() == ""

    view.open_unit("enjeux-lecture")
    bar.showMessage("Something else")  # said since: not the exam's to take down
    view.open_unit(EXAM)
    assert bar.currentMessage() == "Something else"
    bar.clearMessage()

    view.open_unit("enjeux-lecture")
    assert running in bar.currentMessage()
    with monkeypatch.context() as patch:
        patch.setattr(view, "exam_time_text", lambda unit: view.tr("Time is up"))
        view.exam_clock.timeout.emit()  # the outline reads the clock: it ran out meanwhile
    assert bar.currentMessage() == ""

    view.open_unit(EXAM)
    view.open_unit("enjeux-lecture")
    assert running in bar.currentMessage()
    window.open_course(DEMO, EXAM)  # by the library and the course again
    assert bar.currentMessage() == ""
    exam = course(window).view
    assert isinstance(exam, ExamView) and exam.editable
    exam.to_review_button.click()
    exam.submit_button.click()
    yes(exam.confirmation)  # type: ignore[arg-type]
    assert bar.currentMessage() == ""
    course(window).open_unit("enjeux-lecture")
    assert bar.currentMessage() == "", "submitted: nothing to say"


def yes(box: QMessageBox) -> None:
    """The confirmation's "do it" button (Start, Submit), whichever is its default."""
    (button,) = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    button.click()
    QApplication.processEvents()


def test_leaving_a_running_exam_says_its_clock_runs_and_the_outline_shows_the_time_left(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    StoreClock().drive(services.store)  # 20 min left, not 19:59 on a slow machine
    window.open_course(DEMO, EXAM)
    view = course(window)
    exam = view.view
    assert isinstance(exam, ExamView)
    item = view.outline.unit_item(EXAM)
    assert item is not None and item.text() == "Examen de certification"
    assert not view.exam_clock.isActive()
    exam.start_button.click()
    yes(exam.confirmation)  # type: ignore[arg-type]
    assert exam.editable

    qtbot.keyClick(exam.focusWidget() or exam, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.current_unit_id == "enjeux-lecture"
    said = window.statusBar().currentMessage()
    assert "Your exam is still running and its clock does not stop: 20 min left." in said, said
    assert item.text() == f"{isolated('Examen de certification')}\nTime left: 20 min"
    assert view.exam_clock.isActive(), "read again while it runs"
    assert item.toolTip() == (
        f"{isolated('Examen de certification')}, exam: In progress, Time left: 20 min"
    )

    window.statusBar().clearMessage()
    view.open_unit("definition-video")  # leaving another unit says nothing
    assert window.statusBar().currentMessage() == ""

    view.open_unit(EXAM)
    exam = view.view
    assert isinstance(exam, ExamView) and exam.editable
    exam.to_review_button.click()
    exam.submit_button.click()
    yes(exam.confirmation)  # type: ignore[arg-type]
    assert exam.attempt is not None and exam.attempt.state == "submitted"
    assert item.text() == "Examen de certification" and not view.exam_clock.isActive()
    window.statusBar().clearMessage()
    view.open_unit("enjeux-lecture")  # a submitted exam has no clock to speak of
    assert window.statusBar().currentMessage() == ""


SUBMITTED_ELSEWHERE = (
    "Your exam attempt was already submitted (in another \u2068Cartable\u2069 window or when its "
    "time ran "
    "out) and is waiting for its result; your last answer was not saved."
)


@pytest.mark.parametrize("way_out", ["another unit", "the library"])
def test_leaving_an_exam_submitted_by_another_cartable_says_it_was_submitted(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, paths: Paths, way_out: str
) -> None:
    """Another Cartable on the same records submitted the attempt; the learner, a typed answer
    not saved yet, left the exam: saving it found the attempt submitted, and the screen reader
    was told so, then that the exam was still running, as the status bar said."""
    profile = studying(window, services)
    window.open_course(DEMO, EXAM)
    view = course(window)
    exam = view.view
    assert isinstance(exam, ExamView)
    exam.start_button.click()
    yes(exam.confirmation)  # type: ignore[arg-type]
    assert exam.attempt is not None
    index = next(i for i, w in enumerate(exam.widgets) if w.question.type == "numeric")
    exam.go_to(index)
    assert exam.current.line is not None
    qtbot.keyClicks(exam.current.line, "40")  # saved after a pause: not yet

    other = Store.open(paths, backup_every=None)  # the other Cartable, on the same file
    try:
        session = other.events.unit_opened(profile.id, view.course, EXAM)
        other.assessments.exam_submitted(session, exam.attempt.id)
        other.events.unit_closed(session)
    finally:
        other.close()

    said: list[str] = []
    unwatch = announce.watch(lambda event: said.append(event.message()))
    try:
        if way_out == "another unit":
            view.open_unit("enjeux-lecture")
        else:
            window.show_library()
    finally:
        unwatch()
    assert window.statusBar().currentMessage() == SUBMITTED_ELSEWHERE
    assert said == [SUBMITTED_ELSEWHERE], "said once, as the status bar says it"

    window.open_course(DEMO, "enjeux-lecture")
    view = course(window)
    unit = view.course.unit(EXAM)
    assert unit is not None and view.shown_status(unit) == "submitted"
    item = view.outline.unit_item(EXAM)
    assert item is not None and item.text() == "Examen de certification", "no clock"
    view.open_unit(EXAM)  # back: the results page, waiting for the grade
    exam = view.view
    assert isinstance(exam, ExamView) and not exam.editable
    assert exam.pages.currentWidget() is exam.done_page
    assert exam.attempt is not None and exam.attempt.state == "submitted"


def highlighted(view, row: int) -> int:  # type: ignore[no-untyped-def]
    """How many pixels of the module row `row` are painted in the focused highlight colour."""
    tree = view.outline
    image = tree.viewport().grab().toImage()
    rect = tree.visualRect(view.outline_model.index(row, 0))
    colour = tree.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    return sum(
        image.pixelColor(x, y) == colour
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


def test_the_module_row_under_the_keyboard_is_marked_and_enter_opens_its_next_unit(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Up from a module's first unit lands on the module's row: it is highlighted as a unit row
    is (a module row could not be selected, and the theme's `outline: none` takes away the focus
    frame the tree asks for), and Enter there opens the module's first unit not done."""
    profile = studying(window, services)
    window.open_course(DEMO, "definition-video")
    view = course(window)
    session = services.recorder.unit_opened(profile.id, view.course, "enjeux-lecture")
    services.recorder.reading_completed(session)
    services.recorder.unit_closed(session)
    view.refresh_progress()
    window.activateWindow()
    qtbot.keyClick(view.view, Qt.Key.Key_F6)
    tree = view.outline
    assert tree.hasFocus()
    first = view.outline.unit_item("enjeux-lecture")
    assert first is not None
    tree.setCurrentIndex(first.index())
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    assert tree.currentIndex() == view.outline_model.index(2, 0), "on '3. Enjeux et ...'"
    assert highlighted(view, 2) > 100, "the current module row is shown"
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert highlighted(view, 2) == 0, "only the current row"
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert view.current_unit_id == "enjeux-examen", "its first unit not done"
    assert view.view is not None and view.view.hasFocus()
    # every unit of module 1 still to do: its first unit
    tree.setFocus()
    tree.setCurrentIndex(view.outline_model.index(0, 0))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert view.current_unit_id == "definition-video"


def click_row(qtbot, view, item) -> None:  # type: ignore[no-untyped-def]
    """A mouse click on `item`'s row of the outline, as a learner gives it."""
    tree = view.outline
    tree.scrollTo(item.index())
    centre = tree.visualRect(item.index()).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_a_click_on_a_unit_of_the_outline_opens_it(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """One click moved the highlight onto the quiz and opened nothing: the outline showed the quiz
    chosen while the reading stayed shown (u2, 22-outline-single-click.png; Fusion activates on a
    double click). A click opens the unit; the arrow keys still only move the selection."""
    studying(window, services)
    window.open_course(DEMO, "definition-video")
    view = course(window)
    window.show()
    qtbot.waitExposed(window)
    tree = view.outline
    reading = view.outline.unit_item("enjeux-lecture")
    assert reading is not None
    click_row(qtbot, view, reading)
    assert view.current_unit_id == "enjeux-lecture"
    assert tree.currentIndex() == reading.index(), "the highlight on the unit shown"
    assert view.view is not None and view.view.hasFocus()
    # a click on a module's row: its first unit, as Enter there
    click_row(qtbot, view, view.outline_model.item(0, 0))
    assert view.current_unit_id == "definition-video"
    # the keyboard only moves the selection until Enter
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert tree.currentIndex() != view.outline.unit_item("definition-video").index()  # type: ignore[union-attr]
    assert view.current_unit_id == "definition-video"


RUNNING = {
    "en": "Your exam is still running and its clock does not stop: %1 left. Come back to it "
    "from the course outline to finish and submit it.",
    "fr": "Votre examen est toujours en cours et son chronomètre ne s'arrête pas\u00a0: il reste "
    "%1. Revenez-y depuis le plan du cours pour le terminer et le remettre.",
}
MINUTES = {"en": "%1 min", "fr": "%1\u00a0min"}


def exam_clocks_tick(window: MainWindow) -> None:
    """Every clock of the window re-reading exam times (the outline's, the library banner's,
    the status bar's) fires now, as EXAM_CLOCK_MS later: the test moves the store's clock."""
    timers = [
        t
        for t in window.findChildren(QTimer)
        if t.isActive() and t.interval() == EXAM_CLOCK_MS and t.isSingleShot() is False
    ]
    assert timers, "no exam clock runs"
    for timer in timers:
        timer.timeout.emit()
    QApplication.processEvents()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_status_bar_line_of_an_exam_left_running_follows_its_clock(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, window: MainWindow, services: ShellServices, lang: str
) -> None:
    """Found in a keyboard-only audit at 1280x720: "Your exam is still running…: 14 min left"
    kept its minutes on the library, Downloads and Catalog pages while the library's banner
    counted down. It is read again as the banner is, in the learner's language, and goes once
    the exam no longer runs."""
    monkeypatch.setattr(course_notice, "LEAVING_NOTICE_MS", 600_000)  # a slow machine: still shown
    studying(window, services, lang=lang)
    clock = StoreClock()
    clock.drive(services.store)
    window.open_course(DEMO, EXAM)
    exam = course(window).view
    assert isinstance(exam, ExamView)
    exam.start_button.click()
    yes(exam.confirmation)  # type: ignore[arg-type]
    bar = window.statusBar()

    def said(minutes: int) -> str:
        return RUNNING[lang].replace("%1", MINUTES[lang].replace("%1", str(minutes)))

    window.show_library()
    assert bar.currentMessage() == said(20)
    clock.advance(150)  # 17:30 left
    exam_clocks_tick(window)
    assert bar.currentMessage() == said(17)
    assert window.library_view is not None
    assert "17" in window.library_view.banner_text.text(), "the banner says the same"

    window.show_dashboard()  # another page: the line is the window's
    clock.advance(120)  # 15:30 left
    exam_clocks_tick(window)
    assert bar.currentMessage() == said(15)

    window.show_library()
    window.open_course(DEMO, "enjeux-lecture")  # the line is taken back on coming back...
    assert bar.currentMessage() == said(15), "not the exam: the line stays"
    course(window).open_unit(EXAM)
    assert bar.currentMessage() == "", "back at the exam: its clock is on the page"
    course(window).open_unit("enjeux-lecture")
    assert bar.currentMessage() == said(15)
    window.show_library()
    clock.advance(16 * 60)  # its time ran out meanwhile: nothing left running to speak of
    exam_clocks_tick(window)
    assert bar.currentMessage() == ""


def satisfied_blocks(services: ShellServices, profile_id: str) -> list[str]:
    """The object ids of the cmi5 `satisfied` statements queued: modules and the course."""
    rows = services.store.conn.execute(
        "SELECT body FROM outbox WHERE profile_id = ? ORDER BY seq", (profile_id,)
    ).fetchall()
    found = [json.loads(body) for (body,) in rows]
    return [s["object"]["id"] for s in found if verb_name(s) == "satisfied"]


def test_a_failed_practice_quiz_is_still_to_do_everywhere(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Learner's-eye run f1 #2: the practice quiz finished under its pass mark (5 of 9, 56% for
    80%) counted done, "4 of 6 units done" and module 2 "2/2", while its row showed ✗, the
    course's "Still to do" and the dashboard's next step named it. A quiz is done once passed:
    failed, it is still to do in every count, and satisfies neither its module nor the course
    (no cmi5 `satisfied`); passed, it is done everywhere."""
    profile = studying(window, services)
    window.open_course(DEMO, "phenomene-diaporama")
    view = course(window)
    for unit_id in ("definition-lecture", "enjeux-lecture"):
        session = services.recorder.unit_opened(profile.id, view.course, unit_id)
        services.recorder.reading_completed(session)
        services.recorder.unit_closed(session)
    session = services.recorder.unit_opened(profile.id, view.course, "definition-video")
    services.recorder.video_played(session, 0.0)
    services.recorder.video_paused(session, 10.56)
    services.recorder.unit_closed(session)
    session = services.recorder.unit_opened(profile.id, view.course, "phenomene-diaporama")
    for page in range(1, 9):
        services.recorder.slide_viewed(session, page)
    services.recorder.unit_closed(session)
    window.open_course(DEMO, "phenomene-quiz")
    view = course(window)
    quiz_unit = view.course.unit("phenomene-quiz")
    assert isinstance(quiz_unit, QuizUnit) and quiz_unit.mastery_score == 0.8
    keys = keys_of(DEMO_QUIZ_KEYS)

    def take(right: int) -> None:
        quiz = view.view
        quiz.start_attempt()  # type: ignore[union-attr]
        for index in range(right):
            quiz.go_to(index)  # type: ignore[union-attr]
            give(quiz.current, right_response(keys[quiz.current.question.id]), qtbot)  # type: ignore[union-attr]
            assert quiz.check()  # type: ignore[union-attr]
        quiz.finish()  # type: ignore[union-attr]
        if quiz.confirmation is not None:  # type: ignore[union-attr]
            quiz.confirmation.buttons()[0].click()  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: quiz.attempt is not None and quiz.attempt.finished)  # type: ignore[union-attr]

    take(5)
    assert view.shown_status(quiz_unit) == "failed"
    item = view.outline.unit_item("phenomene-quiz")
    assert item is not None and item.data(Qt.ItemDataRole.AccessibleTextRole).endswith(": Failed")
    assert view.course_label.text() == "4 of 6 units done"
    assert view.outline_model.item(1, 1).text() == "1/2"
    quiz_place = isolated("Quiz d'entraînement") + " (module 2, quiz)"
    assert f"Still to do: {quiz_place}" in view.summary.text()
    overview = load_overview(services.library, services.store, profile.id, now=0.0)
    assert [s.unit_id for s in overview.steps] == ["phenomene-quiz"]
    (card,), _ = load_cards(services.library, services.store.progress, profile.id)
    assert round(card.completion * 100) == 67  # the library card's "67% done"
    progress = services.store.progress.course(profile.id, view.course)
    assert progress.units_satisfied == 4 and not progress.satisfied
    module_2 = "/module/phenomene"
    assert not any(b.endswith(module_2) for b in satisfied_blocks(services, profile.id))

    take(9)  # passed: done everywhere, its module satisfied
    assert view.shown_status(quiz_unit) == "passed"
    assert view.course_label.text() == "5 of 6 units done"
    assert view.outline_model.item(1, 1).text() == "2/2"
    exam_place = isolated("Examen de certification") + " (module 3, exam)"
    assert f"Still to do: {exam_place}" in view.summary.text()
    overview = load_overview(services.library, services.store, profile.id, now=0.0)
    assert [s.unit_id for s in overview.steps] == [EXAM]
    assert [b for b in satisfied_blocks(services, profile.id) if b.endswith(module_2)]

"""Tab reaches every control of every page a learner studies with, from the status bar in.

Qt 6: Tab entering a view that has a focus proxy lands on the proxy, so whatever comes before
the proxy in the tab chain is out of Tab's reach (only Shift+Tab gets there). Each view here is
entered from the status bar (as a learner's Tab comes back into the page) and walked round:
every enabled, visible control that takes Tab must be met."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QPushButton, QWidget

from player.ui.exam.view import ExamView
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from tests.ui.test_learner_walkthrough import DEMO, studying, tab_chain


def indicator(window: MainWindow) -> QPushButton:
    [button] = [b for b in window.statusBar().findChildren(QPushButton) if b.isVisible()]
    return button


def tabbable(root: QWidget) -> list[QWidget]:
    """What Tab should reach under `root`: enabled, visible, taking Tab, not stood in for."""
    found = []
    for widget in root.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled()):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None or isinstance(widget.parent(), QAbstractSpinBox):
            continue
        found.append(widget)
    return found


def missed(qtbot, window: MainWindow) -> list[str]:  # type: ignore[no-untyped-def]
    QApplication.processEvents()
    page = window.stack.currentWidget()
    status = indicator(window)
    chain = tab_chain(qtbot, status, status, limit=80)
    return [
        f"{type(w).__name__} {w.objectName() or w.accessibleName() or getattr(w, 'text', str)()}"
        for w in tabbable(page)
        if w not in chain
    ]


def test_tab_reaches_every_control_of_each_unit(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    for unit in (
        "definition-video",
        "definition-lecture",
        "phenomene-diaporama",
        "phenomene-quiz",
        "enjeux-examen",
    ):
        window.open_course(DEMO, unit)
        assert missed(qtbot, window) == [], unit


def test_tab_reaches_every_control_of_the_dashboard(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    window.open_course(DEMO, "phenomene-quiz")
    window.show_dashboard()
    assert missed(qtbot, window) == []


def test_tab_reaches_every_control_of_each_exam_page(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    course = window.open_course(DEMO, "enjeux-examen")
    assert course is not None
    view = course.view
    assert isinstance(view, ExamView)
    assert missed(qtbot, window) == [], "start page"
    view.start()
    assert view.pages.currentWidget() is view.exam_page
    view.go_to(1)
    assert missed(qtbot, window) == [], "a question"
    view.show_review()
    assert missed(qtbot, window) == [], "review"
    view.submit()
    assert view.pages.currentWidget() is view.done_page
    assert missed(qtbot, window) == [], "submitted"
    view.show_submitted_answers()
    assert missed(qtbot, window) == [], "submitted answers"
    assert view.assessment is not None and view.attempt is not None
    view.assessment.assessments.record_exam_result(
        view._profile_id, view.attempt.registration, False, 0.4
    )
    view.show_done()
    view.refresh()
    assert view.again_button.isVisible() and view.answers_button.isVisible()
    assert missed(qtbot, window) == [], "not passed, a new attempt offered"


def test_tab_reaches_a_notice_repair_button_above_the_unit(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """A notice (a damaged subtitle file...) shows above the content with a repair button."""
    studying(window, services)
    for unit in ("definition-video", "phenomene-diaporama", "definition-lecture"):
        course = window.open_course(DEMO, unit)
        assert course is not None and course.view is not None
        course.view.show_notice("A file of this course is damaged.", repair=True)
        assert course.view.notice_repair.isVisible()
        assert missed(qtbot, window) == [], unit

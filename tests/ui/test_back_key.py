"""Esc on a page reached from the library (Catalog, Downloads, My progress) goes back as its Back
button does, from wherever the keyboard is in the window (the status bar too); in the catalog's
search box with text it empties the box first. On the course page Esc stays with the unit: a
video leaves full screen with it, an exam keeps running. The real window, store and downloads
controller on the demo catalog; keyboard only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from player.ui.exam.view import ExamView
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.video.view import VideoView
from tests.ui.downloads_support import attach
from tests.ui.test_exam_running import StoreClock, exam_started
from tests.ui.test_getting_courses_walkthrough import DEMO_REPOSITORY
from tests.ui.test_learner_walkthrough import studying
from tests.ui.test_shell import DEMO, course
from tests.ui.test_switch_profile_lock import press

CTRL = Qt.KeyboardModifier.ControlModifier
LONG = 60_000  # a generous wait on a loaded machine; never reached when things work


def on_library(window: MainWindow) -> bool:
    return window.stack.currentWidget() is window.library_view


def test_escape_goes_back_from_the_catalog_the_downloads_and_my_progress(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(DEMO_REPOSITORY))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=LONG)

    for key, page in (
        (Qt.Key.Key_K, lambda: getting.catalog_view),
        (Qt.Key.Key_J, lambda: getting.downloads_view),
        (Qt.Key.Key_D, lambda: window.dashboard_view),
    ):
        press(qtbot, key, CTRL)
        shown = page()
        assert shown is not None and window.stack.currentWidget() is shown, key
        press(qtbot, Qt.Key.Key_Escape)
        assert on_library(window), f"Esc left {shown.objectName()} for the library"
        assert window.library_view is not None
        assert window.library_view.isAncestorOf(QApplication.focusWidget()), "keyboard in it"


def test_escape_in_the_catalog_search_empties_it_then_goes_back(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(DEMO_REPOSITORY))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=LONG)
    press(qtbot, Qt.Key.Key_K, CTRL)
    view = getting.catalog_view
    assert view is not None
    qtbot.waitUntil(lambda: bool(view.visible_titles()), timeout=LONG)
    every = view.visible_titles()
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert view.search.hasFocus()
    qtbot.keyClicks(view.search, "no such course")
    assert view.visible_titles() == []

    press(qtbot, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is view, "the first Esc empties the search"
    assert view.search.text() == "" and view.search.hasFocus()
    assert view.visible_titles() == every
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert view.search.text() == "no such course", "emptied as its clear button does: undoable"
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Escape)
    assert on_library(window), "an empty search: Esc goes back"


def test_escape_from_the_status_bar_goes_back_too(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Tab goes out of the page to the status bar's controls: Esc still means the page's Back."""
    studying(window, services)
    getting, _controller = attach(window, services)
    press(qtbot, Qt.Key.Key_J, CTRL)
    assert window.stack.currentWidget() is getting.downloads_view
    (indicator,) = [
        b for b in window.statusBar().findChildren(QPushButton) if b.text() == "Up to date"
    ]
    indicator.setFocus()
    qtbot.waitUntil(indicator.hasFocus, timeout=LONG)
    press(qtbot, Qt.Key.Key_Escape)
    assert on_library(window)


def test_escape_in_a_video_or_an_exam_never_leaves_the_unit(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    StoreClock().drive(services.store)
    studying(window, services)
    attach(window, services)
    window.open_course(DEMO, "definition-video")
    video = course(window).view
    assert isinstance(video, VideoView)
    video.surface.setFocus()
    qtbot.waitUntil(video.surface.hasFocus, timeout=LONG)
    press(qtbot, Qt.Key.Key_Escape)
    assert course(window).view is video and window.stack.currentWidget() is course(window)

    press(qtbot, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: video.stage.isFullScreen(), timeout=LONG)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is video.stage, timeout=LONG)
    press(qtbot, Qt.Key.Key_Escape)
    assert not video.is_fullscreen, "Esc leaves full screen"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=LONG)
    assert course(window).view is video and window.stack.currentWidget() is course(window)
    press(qtbot, Qt.Key.Key_Escape)
    assert course(window).view is video, "and no more"

    exam = exam_started(window)
    assert isinstance(exam, ExamView)
    exam.setFocus()
    qtbot.waitUntil(lambda: exam.isAncestorOf(QApplication.focusWidget()) or exam.hasFocus())
    press(qtbot, Qt.Key.Key_Escape)
    assert course(window).view is exam and exam.runs_on
    assert window.stack.currentWidget() is course(window)

"""The library emptied and filled again, from the keyboard (learner's-eye run u4): the last
course removed with the cards focused left the keyboard on a status-bar button, where Enter
opened Sync or Downloads; a course imported into the empty library left it there; and Remove
this course… stayed offered with no course, to answer "Choose a course in the library first."
Real courses in a real library: the demo installed at start, the toy imported from its archive.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from player.ui.getting_courses import GettingCourses
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from tests.support import build_toy
from tests.ui.downloads_support import trust
from tests.ui.test_course_removal import DEMO, answer_remove, choose_card, library, question
from tests.ui.test_learner_walkthrough import studying
from tests.ui.test_tab_reach import indicator

LONG = 10_000


def emptied(qtbot, window: MainWindow, services: ShellServices) -> GettingCourses:  # type: ignore[no-untyped-def]
    """The demo, the only course, removed from its card focused; the window active, a button
    in the status bar as the sync indicator is in the player."""
    studying(window, services)
    getting = GettingCourses(window, services)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=LONG)
    choose_card(window, DEMO)
    assert QApplication.focusWidget() is library(window).cards
    getting.remove_action.trigger()
    answer_remove(question(getting))
    assert services.library.get(DEMO) is None
    assert library(window).cards.isHidden()
    window.activateWindow()  # back from the question box (offscreen, nothing activates it)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=LONG)
    return getting


def test_the_last_course_removed_leaves_the_keyboard_in_the_search_not_on_the_status_bar(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    emptied(qtbot, window, services)
    view = library(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.search, timeout=LONG)


def test_a_course_imported_into_the_empty_library_takes_the_keyboard_from_the_status_bar(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    getting = emptied(qtbot, window, services)
    view = library(window)
    button = indicator(window)
    button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button, timeout=LONG)
    toy = build_toy(tmp_path / "toy")
    trust(services, toy.key)
    getting.import_paths([toy.archive])
    assert not view.cards.isHidden()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.cards, timeout=LONG)


def test_remove_this_course_is_offered_only_while_a_course_is_installed(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    getting = GettingCourses(window, services)
    assert getting.remove_action.isEnabled()
    choose_card(window, DEMO)
    getting.remove_action.trigger()
    answer_remove(question(getting))
    assert not getting.remove_action.isEnabled(), "no course: nothing to remove"
    toy = build_toy(tmp_path / "toy")
    trust(services, toy.key)
    getting.import_paths([toy.archive])
    assert getting.remove_action.isEnabled()


def test_check_and_export_are_offered_only_while_a_course_is_installed_keys_included(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch
) -> None:
    """As Remove this course…: with the library empty, Check and repair files… and Export
    course… (Ctrl+E) stayed offered, to answer "Choose a course in the library first." or
    nothing (review n2)."""
    getting = emptied(qtbot, window, services)
    acting = {"Check": window.check_action, "Export": getting.export_action}
    assert [name for name, action in acting.items() if action.isEnabled()] == []
    exported: list[bool] = []
    getting.export_action.triggered.connect(lambda: exported.append(True))
    monkeypatch.setattr(getting.exports, "choose", lambda: None)  # no file dialog when offered
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert exported == [] and getting.message_box is None, "Ctrl+E with no course to export"
    toy = build_toy(tmp_path / "toy")
    trust(services, toy.key)
    getting.import_paths([toy.archive])
    assert [name for name, action in acting.items() if not action.isEnabled()] == []
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert len(exported) == 1, "the key follows the item"

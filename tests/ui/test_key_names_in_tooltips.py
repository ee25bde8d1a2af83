"""The keys a tooltip names, as the interface's language names them (review s18): Qt's own
names (QKeySequence NativeText), « Alt+Gauche » in French, the same as the key that works (⌘
on macOS), not "Alt+Left" written in every language. The find bar's and the slides' are in
test_find_in_units.py and test_slides_view.py."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from player.ui.download_item import DownloadItem
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from sync.download_state import DownloadState
from tests.ui.downloads_support import attach
from tests.ui.test_shell import studying
from tests.ui.unit_support import french

NATIVE = QKeySequence.SequenceFormat.NativeText


def test_the_course_views_tooltips_name_its_keys_in_french(  # type: ignore[no-untyped-def]
    qtbot, qapp, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    window.open_course("les-mooc")
    view = window.course_view
    assert view is not None
    library = window.menus.library_action.shortcut().toString(NATIVE)
    assert view.back_button.toolTip() == f"Back to the library ({library})"
    assert view.previous_button.toolTip() == "Previous unit (Alt+Left)"
    assert view.next_button.toolTip() == "Next unit (Alt+Right)"
    with french(qapp):
        qtbot.waitUntil(lambda: view.previous_button.toolTip().endswith("(Alt+Gauche)"))
        assert view.next_button.toolTip().endswith("(Alt+Droite)")
    qtbot.waitUntil(lambda: view.previous_button.toolTip() == "Previous unit (Alt+Left)")


def test_the_downloads_indicator_names_the_key_of_downloads(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    getting, _ = attach(window, services)
    item = DownloadItem("d1", "les-mooc", "Les MOOC", "9.0.0", True, DownloadState.PAUSED)
    getting.indicator.show_item(item)
    keys = getting.downloads_action.shortcut().toString(NATIVE)
    assert getting.indicator.toolTip() == f"Open Downloads ({keys})"

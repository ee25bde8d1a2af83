"""The screen a widget is on, asked without `QWidget.screen()` or `QWindow.screen()`.

PySide6 (6.11) parents the QScreen wrapper those two return to the widget they were asked of,
though the application owns the screen. When that widget then dies in a garbage collection
(a closed dialog in a reference cycle) and the collector clears the screen's wrapper before the
widget's, shiboken hands the wrapper ownership of the screen on the way out and deletes the
QScreen itself: every window left on it then reads freed memory (a segmentation fault in
`QCursor::pos` as the next window hides, seen in the test runs). `QGuiApplication.screenAt`
and `primaryScreen` return wrappers with no parent, so nothing a widget does can take the
screen with it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen under the middle of `widget`'s window, else the primary one (as Qt places a
    window not shown yet); None only with no screen at all."""
    window = widget.window()
    found = QGuiApplication.screenAt(window.frameGeometry().center())
    return found if found is not None else QGuiApplication.primaryScreen()


def available_geometry(widget: QWidget) -> QRect | None:
    """What the screen of `widget` leaves to windows (task bars taken off), if there is one."""
    screen = screen_of(widget)
    return None if screen is None else screen.availableGeometry()

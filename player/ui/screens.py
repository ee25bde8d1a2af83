"""The screen a widget is on, as Qt says (`QWidget.screen()`), without the crash that asking
for it could cause.

PySide6 (6.11) parents the QScreen wrapper `QWidget.screen()` returns to the widget it was asked
of, though the application owns the screen. When that widget then dies in a garbage collection
(a closed dialog in a reference cycle) and the collector clears the screen's wrapper before the
widget's, shiboken hands the wrapper ownership of the screen on the way out and deletes the
QScreen itself: every window left on it then reads freed memory (a segmentation fault in
`QCursor::pos` as the next window hides, seen in the test runs). A collection only clears what
nothing else reaches, so every screen wrapper handed out here is also held by this module: it is
never cleared, never owns its screen. When its widget dies the wrapper is only invalidated (the
screen lives on), and the next call holds the new wrapper in its place.

Qt's own answer is kept (not `QGuiApplication.screenAt` a window's middle): a dialog not shown
yet is on its parent's screen, a window half past an edge stays on its screen, and Wayland gives
no global positions to look a screen up by.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QWidget
from shiboken6 import Shiboken

_HELD: dict[int, QScreen] = {}
"""Every screen wrapper handed out, by its C++ address; invalidated ones dropped as new come."""


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen `widget` is on (or will show on); None only with no screen at all."""
    screen = widget.screen()
    if screen is not None:
        for address in [a for a, held in _HELD.items() if not Shiboken.isValid(held)]:
            del _HELD[address]
        _HELD[Shiboken.getCppPointer(screen)[0]] = screen
    return screen


def available_geometry(widget: QWidget) -> QRect | None:
    """What the screen of `widget` leaves to windows (task bars taken off), if there is one."""
    screen = screen_of(widget)
    return None if screen is None else screen.availableGeometry()

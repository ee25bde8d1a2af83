"""The project's push button, one place for what every view's buttons share. It asked for 8 px
more width while the theme drew focus as a thicker border; the focus ring now takes the room of a
margin every button keeps (theme.FOCUS_RING), so focus never resizes or cuts a button.

Its own module because every view uses it, the library's at start: importing it must not bring
in what the assessment views need (the store's attempts, the exam clock)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QPushButton


class Button(QPushButton):
    """A push button as the theme draws it: its focus ring in its margin, its text never cut."""


def click_on_enter(button: QAbstractButton, event: QKeyEvent) -> bool:
    """Enter (without modifiers) presses `button` like Space does; True when it did. For
    buttons Qt would otherwise leave Enter to (tool buttons, buttons never the default)."""
    if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
        event.accept()
        button.click()
        return True
    return False

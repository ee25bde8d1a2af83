"""The project's push button: the theme draws a thicker border on the focused button, so the
button asks for room for it (plain QPushButtons cut their text when the keyboard lands on them).

Its own module because every view uses it, the library's at start: importing it must not bring
in what the assessment views need (the store's attempts, the exam clock)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QPushButton


class Button(QPushButton):
    """A push button with room for the theme's thicker focus border (its text is never cut)."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width() + 8, hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width() + 8, hint.height())


def click_on_enter(button: QAbstractButton, event: QKeyEvent) -> bool:
    """Enter (without modifiers) presses `button` like Space does; True when it did. For
    buttons Qt would otherwise leave Enter to (tool buttons, buttons never the default)."""
    if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
        event.accept()
        button.click()
        return True
    return False

"""The project's push button: the theme draws a thicker border on the focused button, so the
button asks for room for it (plain QPushButtons cut their text when the keyboard lands on them).

Its own module because every view uses it, the library's at start: importing it must not bring
in what the assessment views need (the store's attempts, the exam clock)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QPushButton


class Button(QPushButton):
    """A push button with room for the theme's thicker focus border (its text is never cut)."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width() + 8, hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width() + 8, hint.height())

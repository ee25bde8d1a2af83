"""Esc on a page reached from the library (Catalog, Downloads, My progress) does what the page's
Back button does, as in a browser or a file manager: a keyboard user had no way back but Tab to
Back or its mnemonic, and Esc, the key everyone tries first, did nothing.

A search field with text keeps its Esc: it empties the field (and with it the filter), as the
desktops' and browsers' search fields do; the next Esc goes back. Never on the course page: Esc
there belongs to the unit (a video leaves full screen with it), and a slip of the key must not
leave a video, a quiz or an exam.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget


class BackKey(QShortcut):
    """Esc anywhere in the window while `page` shows (its status bar too): `back` clicked. A
    method answers it, never a closure holding the page (see player/ui/main_window.py)."""

    def __init__(self, page: QWidget, back: QAbstractButton) -> None:
        super().__init__(
            QKeySequence(Qt.Key.Key_Escape), page, context=Qt.ShortcutContext.WindowShortcut
        )
        self.setAutoRepeat(False)  # a held key empties the search, it does not also leave
        self.back = back
        self.activated.connect(self._pressed)

    def _pressed(self) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit) and focus.text() and not focus.isReadOnly():
            focus.clear()  # undoable (Ctrl+Z), as the field's own clear button
            return
        if self.back.isVisible() and self.back.isEnabled():
            self.back.click()

"""The slides view's controls and page area: the row under the page (page buttons, narration,
zoom), which puts the narration on a row of its own when beside the others its bar would be too
narrow, and the scroll area of a zoomed page, whose page keys go to the view.

Split from slides_view.py, which makes the buttons and gives them their words and keys: these two
are layout only, with no words of their own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from player.ui.layouts import nested

_CONTROLS_STYLE = """
QToolButton:focus, QComboBox:focus, QSlider:focus {
    border: 2px solid palette(highlight); border-radius: 3px;
}
"""


NARRATION_LEAST = 160  # px: the narration bar's least width beside the other controls


class ControlBar(QWidget):
    """The controls under the page in one row, or the narration's on a row of their own above
    the others when beside them its bar would be narrower than NARRATION_LEAST: at 853x480
    (1280x720 at 150 %) it shrank to its knob. Decided from the bar's width alone, so the
    window may still narrow and the switch never feeds back on itself."""

    narration_at = 3  # in the row: after the page buttons, before the stretch for when wrapped

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setStyleSheet(_CONTROLS_STYLE)
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(8, 0, 8, 6)
        self.rows.setSpacing(4)
        self.row = QHBoxLayout()
        self.narration = QWidget(self)  # play, position, time, speed
        self.narration_row = QHBoxLayout(self.narration)
        self.narration_row.setContentsMargins(0, 0, 0, 0)
        self.narration_bar: QWidget | None = None
        nested(self.rows, self.row)

    def arrange(self) -> None:
        if self.narration_bar is None or self.narration.isHidden():
            return
        # The row's widgets, the bar's children: `itemAt` would wrap its items (layouts.py).
        shown = [
            w
            for w in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if w is not self.narration and w.isVisible() and self.row.indexOf(w) >= 0
        ]
        one_row = (
            self.rows.contentsMargins().left()
            + self.rows.contentsMargins().right()
            + sum(w.sizeHint().width() for w in shown)
            + self.row.spacing() * len(shown)
            + self.narration_row.sizeHint().width()
            - self.narration_bar.sizeHint().width()
            + NARRATION_LEAST
        )
        wrapped = self.row.indexOf(self.narration) < 0
        if self.width() >= one_row and wrapped:
            self.rows.removeWidget(self.narration)
            self.row.insertWidget(self.narration_at, self.narration, 1)
        elif self.width() < one_row and not wrapped:
            self.row.removeWidget(self.narration)
            self.rows.insertWidget(0, self.narration)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange()


class PageArea(QScrollArea):
    """Scrolls a zoomed page; page keys go to the view instead of scrolling."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.ignore()

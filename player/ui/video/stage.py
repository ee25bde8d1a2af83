"""The picture and its controls: the part of the video view that goes fullscreen, as a window
of its own (with the transcript beside them, if the video has one), its keys still the view's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from player.ui.i18n import title_part
from player.ui.layouts import nested
from player.ui.unit_view import NO_WIDTH_LIMIT

if TYPE_CHECKING:
    from player.ui.video.view import VideoView


class Stage(QWidget):
    """Picture and controls: the part that goes fullscreen, keys routed to the view."""

    def __init__(self, view: VideoView, parent: QWidget) -> None:
        super().__init__(parent)
        self.view = view
        self._row = QHBoxLayout(self)  # the column, then in full screen the transcript
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(0)
        self.column = QVBoxLayout()  # picture and controls: the view fills it
        self.column.setSpacing(4)
        nested(self._row, self.column, 2)

    def enter_full_screen(self, aside: QWidget | None) -> None:
        """A full-screen window of its own, `aside` (the transcript) beside the column, a third
        of the width as in the view. Moved, `aside` is hidden: the view shows it again."""
        self.setParent(None)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowTitle(title_part(self.view.unit.title))
        if aside is not None:
            aside.setMaximumWidth(NO_WIDTH_LIMIT)  # the view's limit, for its own width
            self._row.addWidget(aside, 1)
        self.showFullScreen()

    def leave_full_screen(self, aside: QWidget | None) -> None:
        """Back in the view's content, `aside` back beside it (UnitView.add_aside)."""
        self.setWindowFlag(Qt.WindowType.Window, False)
        self.setParent(self.view.content)
        self.view.content.layout().addWidget(self)
        if aside is not None:
            self.view.add_aside(aside)
        self.showNormal()
        self.show()
        # The fullscreen window was the active one: give the keyboard back to the app's
        # window (without a window manager, nothing else would, and keys went nowhere).
        self.view.window().activateWindow()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.view.handle_key(event):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.view.is_fullscreen:  # the window manager closed the fullscreen window
            event.ignore()
            self.view.set_fullscreen(False)
        else:
            super().closeEvent(event)

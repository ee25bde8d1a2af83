"""The picture and its controls: the part of the video view that goes fullscreen, as a window
of its own (with the transcript beside them, if the video has one), its keys still the view's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from player.ui.video.view import VideoView


class Stage(QWidget):
    """Picture and controls: the part that goes fullscreen, keys routed to the view."""

    def __init__(self, view: VideoView, parent: QWidget) -> None:
        super().__init__(parent)
        self.view = view

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.view.handle_key(event):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.view.is_fullscreen:  # the window manager closed the fullscreen window
            event.ignore()
            self.view.set_fullscreen(False)
        else:
            super().closeEvent(event)

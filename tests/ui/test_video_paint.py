"""player/ui/video: what the picture and the seek bar paint, read from their pixels (no media
needed): the focus frame goes whole when the focus leaves the picture (to the end card), and the
seek bar of a watched video shows where the video is, not only watched parts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from player.ui.video.surface import VideoSurface


class Paints(QObject):
    """The regions of the paint events a widget receives."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.regions: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.regions.append(event.region().boundingRect())  # type: ignore[attr-defined]
        return False


def test_the_picture_repaints_whole_when_the_focus_leaves_it_for_the_end_card(qtbot) -> None:  # type: ignore[no-untyped-def]
    surface = VideoSurface()
    card = QPushButton("Replay", surface)  # the end card lies over the picture, as its child
    card.move(100, 100)
    holder = QWidget()
    QVBoxLayout(holder).addWidget(surface)
    qtbot.addWidget(holder)
    holder.resize(640, 360)
    holder.show()
    qtbot.waitExposed(holder)
    holder.activateWindow()
    surface.setFocus()
    qtbot.waitUntil(surface.hasFocus)
    paints = Paints(surface.viewport())
    QApplication.processEvents()
    paints.regions.clear()
    card.setFocus()
    qtbot.waitUntil(card.hasFocus)
    whole = surface.viewport().rect()
    qtbot.waitUntil(lambda: any(r.contains(whole) for r in paints.regions), timeout=2000)
    # And what it paints now has no frame: the corners are the picture's black.
    image = surface.viewport().grab().toImage()
    assert QColor(image.pixel(1, 1)) == QColor(0, 0, 0)
    assert QColor(image.pixel(whole.width() - 2, whole.height() - 2)) == QColor(0, 0, 0)

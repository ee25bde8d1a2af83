"""player/ui/video: what the picture and the seek bar paint, read from their pixels (no media
needed): the focus frame goes whole when the focus leaves the picture (to the end card), and the
seek bar of a watched video shows where the video is, not only watched parts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from player.ui.video.seek_bar import SeekBar
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


def seek_bar(
    qtbot, watched: tuple[tuple[float, float], ...], at: float
) -> tuple[SeekBar, list[QColor]]:  # type: ignore[no-untyped-def]
    bar = SeekBar()
    qtbot.addWidget(bar)
    bar.resize(400, 30)
    bar.set_length(10.0)
    bar.set_watched(watched)
    bar.set_time(at)
    image = bar.grab().toImage()
    track = bar._track_rect()
    y = round(track.center().y())

    def colour(seconds: float) -> QColor:
        return QColor(image.pixel(round(bar._x_of(seconds)), y))

    return bar, [colour(s) for s in (1.0, 3.0, 7.0, 9.0)]


def test_a_watched_video_shows_its_position_on_the_seek_bar(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar, [c1, c3, c7, c9] = seek_bar(qtbot, ((0.0, 10.0),), at=5.0)
    accent = QColor(bar.palette().color(QPalette.ColorRole.Highlight).rgb())  # 8 bits, as painted
    # Watched and played up to the position: the accent; watched beyond it: a lighter shade,
    # so the bar says where the video is, not only the handle.
    assert c1 == accent and c3 == accent
    assert c7 == c9 and c7 != accent
    assert c7.lightness() > accent.lightness() + 30

    # At 0:00 of a video watched whole (after Replay): no part reads as played.
    _, colours = seek_bar(qtbot, ((0.0, 10.0),), at=0.0)
    assert all(c == c7 for c in colours[1:])
    # A jump ahead still shows as a gap, played or not: the track's own colour.
    bar, [g1, g3, g7, g9] = seek_bar(qtbot, ((0.0, 2.0), (8.0, 10.0)), at=5.0)
    track = QColor(bar.palette().color(QPalette.ColorRole.Mid).rgb())
    assert g1 == accent and g3 == track and g7 == track and g9 == c7

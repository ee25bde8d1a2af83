"""A seek bar that shows which parts of the video the learner has watched."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QSlider, QStyle, QWidget

from player.store.segments import Segments

SEEK_SHORT = 5.0  # seconds: Left/Right in the video and in a narrated deck

_TRACK = 6.0
_HANDLE = 14.0


def _lighter(accent: QColor, base: QColor) -> QColor:
    """The accent mixed with the background: watched, but ahead of the position."""
    share = 0.45
    return QColor(
        round(accent.red() * share + base.red() * (1 - share)),
        round(accent.green() * share + base.green() * (1 - share)),
        round(accent.blue() * share + base.blue() * (1 - share)),
    )


class SeekBar(QSlider):
    """Milliseconds from 0 to the video's length; watched segments painted over the track
    (in the accent up to the position, lighter beyond it).

    Dragging shows where the video would go and asks for the seek on release, so one drag is
    one `seeked` event. Keys are left to the view (Left/Right, J/L, Home/End seek)."""

    seek_requested = Signal(float)  # seconds

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(int(_HANDLE) + 10)
        self.setRange(0, 0)
        self.setSingleStep(5000)
        self.setPageStep(10000)
        self._watched: Segments = ()
        self._length = 0.0

    def set_length(self, seconds: float) -> None:
        self._length = max(seconds, 0.0)
        self.setRange(0, round(self._length * 1000))
        self.update()

    def set_time(self, seconds: float) -> None:
        if not self.isSliderDown():
            self.setValue(round(seconds * 1000))

    def set_watched(self, segments: Segments) -> None:
        if segments != self._watched:
            self._watched = segments
            self.update()

    @property
    def watched(self) -> Segments:
        return self._watched

    # -- input ---------------------------------------------------------------------------------

    def _value_at(self, x: float) -> int:
        span = self._track_rect()
        return QStyle.sliderValueFromPosition(
            self.minimum(),
            self.maximum(),
            round(min(max(x - span.left(), 0.0), span.width())),
            max(1, round(span.width())),
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.maximum() <= 0:
            event.ignore()
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.setSliderDown(True)
        self.setSliderPosition(self._value_at(event.position().x()))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.isSliderDown():
            self.setSliderPosition(self._value_at(event.position().x()))
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.isSliderDown():
            self.setSliderPosition(self._value_at(event.position().x()))
            self.setSliderDown(False)
            self.seek_requested.emit(self.sliderPosition() / 1000)
            event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.ignore()  # the view's shortcuts seek, and record the seek

    # -- painting ------------------------------------------------------------------------------

    def _track_rect(self) -> QRectF:
        margin = _HANDLE / 2 + 2
        middle = self.height() / 2
        return QRectF(margin, middle - _TRACK / 2, self.width() - 2 * margin, _TRACK)

    def _x_of(self, seconds: float) -> float:
        track = self._track_rect()
        if self._length <= 0:
            return track.left()
        return track.left() + track.width() * min(max(seconds / self._length, 0.0), 1.0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        track = self._track_rect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Mid))
        painter.drawRoundedRect(track, _TRACK / 2, _TRACK / 2)
        # Watched parts: in the accent colour up to where the video is, in a lighter shade beyond,
        # so a video watched whole still shows its position (not an all-blue bar at 0:00); never
        # painted where nothing was watched, so a jump ahead shows as a gap, not as "played".
        position = self.sliderPosition() / 1000
        accent = palette.color(QPalette.ColorRole.Highlight)
        here = self._x_of(position)
        for start, end in self._watched:
            left, right = self._x_of(start), self._x_of(end)
            if left < here:
                painter.setBrush(accent)
                played = min(right, here) - left
                painter.drawRect(QRectF(left, track.top(), max(played, 1.0), track.height()))
            if right > here:
                painter.setBrush(_lighter(accent, palette.color(QPalette.ColorRole.Base)))
                left = max(left, here)
                painter.drawRect(QRectF(left, track.top(), max(right - left, 1.0), track.height()))
        handle = QRectF(0, 0, _HANDLE, _HANDLE)
        handle.moveCenter(track.center())
        handle.moveLeft(here - _HANDLE / 2)
        painter.setBrush(palette.color(QPalette.ColorRole.Button))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
        painter.drawEllipse(handle)
        if self.hasFocus():
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)
        painter.end()

"""The picture: a QGraphicsVideoItem with the captions drawn in the same scene.

Widgets laid over a QVideoWidget are unreliable (it wraps a native window), so captions are a
graphics item painted with the frame: boxed white text, legible on any picture, sized from the
picture's height so they grow in fullscreen, placed by the cues' WebVTT settings.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen, QResizeEvent
from PySide6.QtMultimediaWidgets import QGraphicsVideoItem
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QSizePolicy,
    QStyleOptionGraphicsItem,
    QWidget,
)

from player.course.cue_layout import (
    CaptionFont,
    Measure,
    Placement,
    Rect,
    layout_captions,
    safe_area,
)
from player.course.cues import Cue, CueSettings

# The picture's least size (VideoView lowers its height with the transcript under it).
PICTURE_LEAST = QSize(320, 180)
# Caption text height as a share of the picture's height, and its floor in pixels.
CAPTION_SCALE = 0.055
CAPTION_MIN_PX = 14.0
# The smallest text a caption taller than the picture is shrunk to.
CAPTION_SHRINK_PX = 10.0

_SIDES = {
    "left": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute,
}


class CaptionItem(QGraphicsItem):
    """The cues showing now, each in a translucent black box placed by its WebVTT settings
    (player.course.cue_layout); cues without settings share one box at the bottom centre."""

    def __init__(self) -> None:
        super().__init__()
        self._cues: tuple[tuple[str, CueSettings], ...] = ()
        self._picture = QRectF()
        self._font = QFont()
        self._placements: list[Placement] = []
        self.setZValue(10)

    @property
    def text(self) -> str:
        """Every cue's text, in start order (what a screen reader is told)."""
        return "\n".join(text for text, _ in self._cues if text)

    def set_cues(self, cues: Sequence[Cue]) -> None:
        shown = tuple((cue.text, cue.settings) for cue in cues)
        if shown != self._cues:
            self._cues = shown
            self._relayout()

    def set_picture(self, picture: QRectF) -> None:
        if picture != self._picture:
            self._picture = QRectF(picture)
            self._relayout()

    def placements(self) -> list[Placement]:
        """Where each caption box is, in scene coordinates."""
        return list(self._placements)

    def _relayout(self) -> None:
        self.prepareGeometryChange()
        self._placements = []
        if not self._cues or self._picture.isEmpty():
            self.update()
            return
        picture = Rect(
            self._picture.x(), self._picture.y(), self._picture.width(), self._picture.height()
        )
        pixels = max(CAPTION_MIN_PX, picture.height * CAPTION_SCALE)
        room = safe_area(picture).height
        for _ in range(4):  # a caption taller than the picture gets smaller text
            self._font = _caption_font(pixels)
            self._placements = layout_captions(
                self._cues, picture, _metrics(self._font), _measure(self._font)
            )
            tallest = max((p.box.height for p in self._placements), default=0.0)
            if tallest <= room or pixels <= CAPTION_SHRINK_PX:
                break
            pixels = max(CAPTION_SHRINK_PX, pixels * room / tallest * 0.95)
        self.update()

    def boundingRect(self) -> QRectF:
        bounds = QRectF()
        for placed in self._placements:
            box = placed.box
            bounds = bounds.united(QRectF(box.x, box.y, box.width, box.height))
        return bounds.adjusted(-1, -1, 1, 1) if not bounds.isEmpty() else bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self._placements:
            return
        painter.save()
        painter.setClipRect(self._picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._font)
        radius = self._font.pixelSize() * 0.2
        for placed in self._placements:
            box, inner = placed.box, placed.inner
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 200))
            painter.drawRoundedRect(QRectF(box.x, box.y, box.width, box.height), radius, radius)
            painter.setPen(QColor(255, 255, 255))
            # one pixel of slack each side, so rounding never wraps a line the layout measured
            rect = QRectF(inner.x - 1, inner.y, inner.width + 2, inner.height)
            flags = int(_SIDES[placed.side]) | int(Qt.TextFlag.TextWordWrap)
            painter.drawText(rect, flags, placed.text)
        painter.restore()


def _caption_font(pixels: float) -> QFont:
    font = QFont()
    font.setPixelSize(round(pixels))
    font.setWeight(QFont.Weight.DemiBold)
    return font


def _metrics(font: QFont) -> CaptionFont:
    metrics = QFontMetricsF(font)
    return CaptionFont(
        size=font.pixelSize(), line_height=metrics.lineSpacing(), padding=font.pixelSize() * 0.35
    )


def _measure(font: QFont) -> Measure:
    metrics = QFontMetricsF(font)
    flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)

    def measure(text: str, wrap: float) -> tuple[float, float]:
        bounds = metrics.boundingRect(QRectF(0, 0, wrap, 100_000), flags, text)
        return bounds.width(), bounds.height()

    return measure


class VideoSurface(QGraphicsView):
    """Focusable picture area; keys go up to the view, which owns the shortcuts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundBrush(QColor(0, 0, 0))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(PICTURE_LEAST)
        self.setInteractive(False)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.scene_ = QGraphicsScene(self)
        self.setScene(self.scene_)
        self.video = QGraphicsVideoItem()
        self.video.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.scene_.addItem(self.video)
        self.caption = CaptionItem()
        self.scene_.addItem(self.caption)
        self.video.nativeSizeChanged.connect(self._on_native_size)

    def _on_native_size(self, _size: QSizeF) -> None:
        self._fit()

    def _fit(self) -> None:
        size = QSizeF(self.viewport().size())
        self.scene_.setSceneRect(QRectF(0, 0, size.width(), size.height()))
        self.video.setPos(0, 0)
        self.video.setSize(size)
        picture = self.video.boundingRect()
        if picture.isEmpty():
            picture = QRectF(0, 0, size.width(), size.height())
        self.caption.set_picture(picture)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self._fit()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        event.ignore()  # no scrolling with arrows: the view's shortcuts seek

    def wheelEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        event.ignore()

    # The focus frame is drawn over the scene: a focus change repaints the whole picture, else
    # only what the scene updates meanwhile is redrawn (the end card taking the focus left the
    # frame half-drawn around it).
    def focusInEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().focusOutEvent(event)
        self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if self.hasFocus():
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 3)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.sceneRect().adjusted(1.5, 1.5, -1.5, -1.5))

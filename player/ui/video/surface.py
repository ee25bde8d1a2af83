"""The picture: a QGraphicsVideoItem with the captions drawn in the same scene.

Widgets laid over a QVideoWidget are unreliable (it wraps a native window), so captions are a
graphics item painted with the frame: boxed white text, legible on any picture, sized from the
picture's height so they grow in fullscreen.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF, Qt
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

#: Caption text height as a share of the picture's height, and its floor in pixels.
CAPTION_SCALE = 0.055
CAPTION_MIN_PX = 14.0


class CaptionItem(QGraphicsItem):
    """Cue text at the bottom centre of `picture`, in a translucent black box."""

    def __init__(self) -> None:
        super().__init__()
        self._text = ""
        self._picture = QRectF()
        self.setZValue(10)

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text != self._text:
            self.prepareGeometryChange()
            self._text = text
            self.update()

    def set_picture(self, picture: QRectF) -> None:
        if picture != self._picture:
            self.prepareGeometryChange()
            self._picture = QRectF(picture)

    def _font(self) -> QFont:
        font = QFont()
        font.setPixelSize(round(max(CAPTION_MIN_PX, self._picture.height() * CAPTION_SCALE)))
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def _layout(self) -> tuple[QRectF, QRectF]:
        """(box, text rect) in scene coordinates."""
        font = self._font()
        metrics = QFontMetricsF(font)
        width = self._picture.width() * 0.86
        flags = int(Qt.AlignmentFlag.AlignHCenter) | int(Qt.TextFlag.TextWordWrap)
        text = metrics.boundingRect(QRectF(0, 0, width, 10_000), flags, self._text)
        pad = font.pixelSize() * 0.35
        box = QRectF(0, 0, text.width() + 2 * pad, text.height() + pad)
        bottom = self._picture.bottom() - self._picture.height() * 0.05
        box.moveCenter(self._picture.center())
        box.moveBottom(bottom)
        return box, box.adjusted(pad, pad / 2, -pad, -pad / 2)

    def boundingRect(self) -> QRectF:
        if not self._text or self._picture.isEmpty():
            return QRectF()
        return self._layout()[0].adjusted(-1, -1, 1, 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self._text or self._picture.isEmpty():
            return
        box, text_rect = self._layout()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 200))
        radius = self._font().pixelSize() * 0.2
        painter.drawRoundedRect(box, radius, radius)
        painter.setFont(self._font())
        painter.setPen(QColor(255, 255, 255))
        flags = int(Qt.AlignmentFlag.AlignHCenter) | int(Qt.TextFlag.TextWordWrap)
        painter.drawText(text_rect, flags, self._text)


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
        self.setMinimumSize(320, 180)
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

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if self.hasFocus():
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 3)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.sceneRect().adjusted(1.5, 1.5, -1.5, -1.5))

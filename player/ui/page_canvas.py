"""One PDF page of a slide deck, rendered off the UI thread (QPdfPageRenderer) at the size it
is shown: only the part in the window and a margin, within a pixel budget."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions, QPdfPageRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

# The most pixels one page render holds (160 MB at 4 bytes each). What is rendered is the part
# of the page in the window and a margin, but a window can be huge (several screens, a high
# pixel ratio): past this the margin goes, then the part is rendered coarser and stretched.
RENDER_PIXELS_MAX = 40_000_000


class PageCanvas(QWidget):
    """One page at the size it is shown, rendered on Qt's own thread (QPdfPageRenderer): a
    page can take seconds to render (an image of 20000 x 20000 pixels in a PDF of 1 MB), and
    the window must not freeze meanwhile. A Python worker would not do: QPdfDocument.render
    holds Python's lock throughout. Only the part in the window, and a margin around it for
    scrolling, is rendered: a page zoomed 4 times in a large window would be hundreds of MB.

    QtPdf lets one thread into PDFium at a time, so while a render runs the UI thread leaves
    the document alone: the page sizes are read once at load, a page's text when nothing
    renders."""

    def __init__(self, document: QPdfDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.renderer = QPdfPageRenderer(self)
        self.renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        self.renderer.setDocument(document)
        self.renderer.pageRendered.connect(self._rendered)
        self.sizes: list[QSizeF] = []  # in points, per page: `read_sizes` after the load
        self.page = 0
        self.scale = 1.0  # pixels per PDF point
        self._image: QImage | None = None
        self._image_key: tuple[int, int, int] | None = None
        self._image_region = QRect()  # what `_image` holds of the page, in widget pixels
        self._texts: dict[int, str] = {}
        # The render under way (one at a time): its request id, key and region.
        self._busy: tuple[int, tuple[int, int, int], QRect] | None = None
        self.closed = False  # the view is closed: a late render is dropped
        # A match found in the page's text (pdf_search.py): its page, a rectangle a line (points).
        self.mark: tuple[int, list[QRectF]] | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    @property
    def busy(self) -> bool:
        """A render holds PDFium: the UI thread would wait for it to read the document."""
        return self._busy is not None

    def set_mark(self, mark: tuple[int, list[QRectF]] | None) -> None:
        self.mark = mark
        self.update()

    def mark_rect(self) -> QRect:
        """The mark on the page shown, in widget pixels; empty when there is none."""
        if self.mark is None or self.mark[0] != self.page:
            return QRect()
        united = QRectF()
        for rect in self.mark[1]:
            united = united.united(rect)
        scaled = QRectF(united.topLeft() * self.scale, united.size() * self.scale)
        return scaled.toAlignedRect()

    def read_sizes(self, count: int) -> None:
        self.sizes = [self.document.pagePointSize(page) for page in range(count)]

    def point_size(self, page: int) -> QSizeF:
        return self.sizes[page] if 0 <= page < len(self.sizes) else QSizeF()

    def page_size(self) -> QSize:
        points = self.point_size(self.page)
        width = max(1, round(points.width() * self.scale))
        return QSize(width, max(1, round(points.height() * self.scale)))

    def key(self) -> tuple[int, int, int]:
        """The page and its size in device pixels: what an image is rendered for."""
        ratio, size = self.devicePixelRatioF(), self.page_size()
        return (self.page, round(size.width() * ratio), round(size.height() * ratio))

    def show_page(self, page: int, scale: float) -> None:
        self.page, self.scale = page, scale
        self.setFixedSize(self.page_size())
        self._describe()
        self._want(self.visibleRegion().boundingRect())
        self.update()

    def _describe(self) -> None:
        """The page's text for screen readers, read only while no render holds PDFium."""
        if self._busy is None and self.page not in self._texts and self.sizes:
            self._texts[self.page] = self.document.getAllText(self.page).text()
        self.setAccessibleDescription(self._texts.get(self.page, ""))

    def release(self) -> None:
        """The view closes. Deleting a renderer waits for its render to end: one still
        running keeps the renderer and the document, deleted when it ends."""
        self.closed = True
        if self._busy is not None:
            self.renderer.setParent(QCoreApplication.instance())
            self.document.setParent(self.renderer)
            self.renderer.pageRendered.connect(self.renderer.deleteLater)

    def rendered(self) -> bool:
        """The page on screen is rendered at its size (tests wait for it)."""
        visible = self.visibleRegion().boundingRect()
        return self._image_key == self.key() and self._image_region.contains(visible)

    def _region_for(self, visible: QRect) -> QRect:
        """The part to render for `visible`: it, a quarter of its size on each side, no more."""
        margin_x, margin_y = visible.width() // 4, visible.height() // 4
        return visible.adjusted(-margin_x, -margin_y, margin_x, margin_y) & self.rect()

    def _want(self, visible: QRect) -> None:
        key = self.key()
        covered = key == self._image_key and self._image_region.contains(visible)
        if covered or self._busy or self.closed or not self.sizes or visible.isEmpty():
            return  # a render that ends repaints, and the paint asks again if need be
        ratio = self.devicePixelRatioF()
        region = self._region_for(visible)
        if _pixels(region, ratio) > RENDER_PIXELS_MAX:
            region = visible & self.rect()
        scale = ratio * min(1.0, math.sqrt(RENDER_PIXELS_MAX / max(1.0, _pixels(region, ratio))))
        clip = QRect(
            round(region.x() * scale),
            round(region.y() * scale),
            max(1, int(region.width() * scale)),
            max(1, int(region.height() * scale)),
        )
        page = self.page_size()
        options = QPdfDocumentRenderOptions()
        # At the full scale, the key's size: the page in device pixels.
        options.setScaledSize(
            QSize(max(1, round(page.width() * scale)), max(1, round(page.height() * scale)))
        )
        options.setScaledClipRect(clip)
        request = self.renderer.requestPage(key[0], clip.size(), options)
        self._busy = (request, key, region)

    def _rendered(
        self,
        _page: int,
        _size: QSize,
        image: QImage,
        _options: QPdfDocumentRenderOptions,
        request: int,
    ) -> None:
        if self._busy is None or self._busy[0] != request:
            return
        _, key, region = self._busy
        self._busy = None
        if self.closed:
            return
        image.setDevicePixelRatio(self.devicePixelRatioF())
        self._image, self._image_key, self._image_region = image, key, region
        self._describe()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(255, 255, 255))
        self._want(self.visibleRegion().boundingRect())
        key, image = self.key(), self._image
        if image is not None and self._image_key is not None and self._image_key[0] == self.page:
            # Until the render at this size arrives, the last one of this page, stretched.
            factor = key[1] / self._image_key[1]
            region = QRectF(self._image_region)
            painter.drawImage(QRectF(region.topLeft() * factor, region.size() * factor), image)
        if self.mark is not None and self.mark[0] == self.page:
            self._paint_mark(painter, self.mark[1])
        if self.hasFocus():
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 3))
            painter.drawRect(QRect(1, 1, self.width() - 3, self.height() - 3))
        painter.end()

    def _paint_mark(self, painter: QPainter, outline: list[QRectF]) -> None:
        """The match in the highlight's colour, see-through so its words stay readable."""
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        painter.save()
        painter.scale(self.scale, self.scale)
        painter.setPen(QPen(colour, 1.5 / max(self.scale, 1e-9)))
        colour.setAlpha(90)
        painter.setBrush(colour)
        for rect in outline:
            painter.drawRect(rect)
        painter.restore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.ignore()  # the view owns the keys


def _pixels(region: QRect, ratio: float) -> float:
    return region.width() * ratio * region.height() * ratio

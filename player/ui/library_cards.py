"""A library card: the course's facts as a card shows them (`CourseCard`), how one is painted
(`CardDelegate`: cover, title, publisher, language and size, progress, badge, "Update available"
over the cover when a catalog offers a newer version: player/ui/update_check.py) and the grid of
them that answers the mouse and the keyboard (`CardList`: Enter opens, Delete asks to remove, a
right click, the Menu key or Shift+F10 asks for the card's menu).

Split from library_view.py, which reads the courses, filters them and holds the page around the
grid (Continue banner, search, empty library, the card's menu). No words of their own: the badge's,
the percentage's and "Update available" are the view's (`LibraryView.retranslate` sets them), in
its context.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from player.ui.cover_thumbnails import CoverThumbnails
from player.ui.language_names import language_name
from player.ui.theme import FOCUS_RING, colors_from_palette

CARD_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CourseCard:
    """What a course's card in the library shows."""

    id: str
    title: str
    publisher: str
    language: str
    size_on_disk: int
    completion: float  # 0..1, units satisfied under moveOn
    verified: bool
    last_studied: float | None  # launch time, None when never launched
    cover: str | None  # blob path of the cover image
    update: str | None = None  # the newer version a catalog offers and this device would take


def format_size(size: int) -> str:
    from PySide6.QtCore import QLocale

    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


class CardDelegate(QStyledItemDelegate):
    """Paints one course card: cover ("Update available" over it when offered), title,
    publisher, language and size, progress, badge."""

    def __init__(self, parent: QWidget, thumbnails: Path | None = None) -> None:
        super().__init__(parent)
        self.covers = CoverThumbnails(thumbnails)
        self.tr_done = ""
        self.tr_verified = ""
        self.tr_unverified = ""
        self.tr_update = ""

    def card_size(self, option: QStyleOptionViewItem | None = None) -> QSize:
        metrics = QFontMetrics(option.font if option else self.parent().font())  # type: ignore[union-attr]
        em = metrics.height()
        width = em * 15
        return QSize(width, int(width * 9 / 16) + em * 6)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return self.card_size(option)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        card: CourseCard | None = index.data(CARD_ROLE)
        if card is None:
            return
        # the library's palette: the list's own is see-through (its style sheet)
        palette: QPalette = self.parent().palette()  # type: ignore[union-attr]
        colors = colors_from_palette(palette)
        metrics = QFontMetrics(option.font)
        em = metrics.height()
        pad = max(4, em // 3)
        rect = option.rect.adjusted(pad, pad, -pad, -pad)
        # Asked of the view, not `option.state`: reading that builds QStyle's Python type and its
        # 700 enum members (6 ms of a cold start).
        view: CardList = option.widget  # type: ignore[assignment]
        selected = view.selectionModel().isSelected(index)
        focused = view.hasFocus() and view.currentIndex() == index
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        path = QPainterPath()
        path.addRoundedRect(rect, 6, 6)
        painter.fillPath(path, palette.color(QPalette.ColorRole.Base))
        border = QColor(colors.accent if selected else colors.border)
        pen = painter.pen()
        pen.setColor(border)
        pen.setWidth(2 if selected else 1)
        painter.setPen(pen)
        painter.drawPath(path)
        if focused:  # the buttons' focus ring, outside the card: selected is the accent border
            ring = QPainterPath()
            half = FOCUS_RING / 2
            ring.addRoundedRect(
                QRectF(rect).adjusted(-1 - half, -1 - half, 1 + half, 1 + half), 8, 8
            )
            painter.strokePath(ring, QPen(QColor(colors.focus), FOCUS_RING))

        cover_rect = QRect(rect.left() + 1, rect.top() + 1, rect.width() - 2, 0)
        cover_rect.setHeight(int(cover_rect.width() * 9 / 16))
        pixmap = self.covers.pixmap(card.cover, cover_rect.size()) if card.cover else None
        painter.save()
        clip = QPainterPath()
        clip.addRoundedRect(cover_rect, 5, 5)
        painter.setClipPath(clip)
        if pixmap is not None:
            painter.drawPixmap(cover_rect, pixmap)
        else:
            painter.fillRect(cover_rect, QColor(colors.alt_base))
            big = QFont(option.font)
            big.setPointSizeF(big.pointSizeF() * 2.2)
            big.setBold(True)
            painter.setFont(big)
            painter.setPen(QColor(colors.muted))
            painter.drawText(cover_rect, Qt.AlignmentFlag.AlignCenter, card.title[:1].upper())
        painter.restore()
        if card.update is not None:
            self._paint_update(
                painter, option.font, cover_rect, pad, colors.accent, colors.accent_text
            )

        x = rect.left() + pad * 2
        width = rect.width() - pad * 4
        y = cover_rect.bottom() + pad * 2
        title_font = QFont(option.font)
        title_font.setBold(True)
        title_font.setPointSizeF(option.font.pointSizeF() * 1.1)
        painter.setFont(title_font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        title_metrics = QFontMetrics(title_font)
        title = title_metrics.elidedText(card.title, Qt.TextElideMode.ElideRight, width)
        painter.drawText(
            QRect(x, y, width, title_metrics.height()), Qt.AlignmentFlag.AlignLeft, title
        )
        y += title_metrics.height() + pad // 2

        painter.setFont(option.font)
        painter.setPen(QColor(colors.muted))
        line = metrics.elidedText(card.publisher, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRect(x, y, width, em), Qt.AlignmentFlag.AlignLeft, line)
        y += em
        details = f"{language_name(card.language)} · {format_size(card.size_on_disk)}"
        painter.drawText(QRect(x, y, width, em), Qt.AlignmentFlag.AlignLeft, details)
        y += em + pad

        badge = ("✓ " + self.tr_verified) if card.verified else ("! " + self.tr_unverified)
        badge_color = QColor(colors.good if card.verified else colors.warn)
        badge_width = metrics.horizontalAdvance(badge) + pad * 2
        percent = self.tr_done.replace("%1", str(round(card.completion * 100)))
        percent_width = metrics.horizontalAdvance(percent) + pad
        bar = QRect(x, y + em // 3, max(em, width - badge_width - percent_width - pad), em // 3)
        bar_path = QPainterPath()
        bar_path.addRoundedRect(bar, 2, 2)
        painter.fillPath(bar_path, QColor(colors.alt_base))
        if card.completion > 0:
            done = QRect(bar)
            done.setWidth(max(2, int(bar.width() * min(1.0, card.completion))))
            done_path = QPainterPath()
            done_path.addRoundedRect(done, 2, 2)
            painter.fillPath(done_path, QColor(colors.accent))
        # The track's outline, as the theme's progress bars have (3:1 on the card, WCAG 1.4.11):
        # the alt_base fill alone is 1.1:1 to 1.2:1 on it, so a course at 0 % showed no bar. On
        # the pixel grid (half-pixel edges): on whole ones antialiasing smears it over 2 px, <3:1.
        outline = QPainterPath()
        outline.addRoundedRect(QRectF(bar).adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)
        painter.strokePath(outline, QPen(QColor(colors.control_border), 1))
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(
            QRect(bar.right() + pad, y, percent_width, em), Qt.AlignmentFlag.AlignLeft, percent
        )
        badge_rect = QRect(rect.right() - pad * 2 - badge_width, y - 1, badge_width, em + 2)
        badge_path = QPainterPath()
        badge_path.addRoundedRect(badge_rect, em // 2, em // 2)
        pen.setColor(badge_color)
        pen.setWidth(1)
        painter.setPen(pen)
        painter.drawPath(badge_path)
        painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge)
        painter.restore()

    def _paint_update(
        self, painter: QPainter, font: QFont, cover: QRect, pad: int, ground: str, text: str
    ) -> None:
        """ "Update available" in a pill over the cover's top corner, in the accent's colours
        (the primary button's: readable on it in every theme), bold so it reads on any cover."""
        bold = QFont(font)
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        em = metrics.height()
        label = metrics.elidedText(
            self.tr_update, Qt.TextElideMode.ElideRight, max(em, cover.width() - pad * 6)
        )
        width = metrics.horizontalAdvance(label) + pad * 3
        pill = QRect(cover.right() - pad - width, cover.top() + pad, width, em + pad)
        path = QPainterPath()
        path.addRoundedRect(QRectF(pill), pill.height() / 2, pill.height() / 2)
        painter.save()
        painter.fillPath(path, QColor(ground))
        painter.setFont(bold)
        painter.setPen(QColor(text))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()


class CardList(QListView):
    """The grid of cards; Enter opens the current one, Delete asks to remove it; a right click,
    the Menu key or Shift+F10 asks for its menu (at the card, from the keyboard)."""

    activated_card = Signal(str)
    remove_card = Signal(str)  # course id
    menu_requested = Signal(str, QPoint)  # course id, where the menu shows (global)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setSpacing(0)
        self.setMouseTracking(True)
        # The cards are painted on a viewport made here rather than the one Qt made: asking Qt
        # for its own makes PySide build the Python type of every widget class (8 ms of enums,
        # a tenth of what a cold start adds to a bare window).
        self.surface = QWidget(self)
        self.surface.setAutoFillBackground(False)  # the library's background shows through
        self.setViewport(self.surface)
        self.activated.connect(self._activated)

    def _activated(self, index: QModelIndex) -> None:
        card: CourseCard | None = index.data(CARD_ROLE)
        if card is not None:
            self.activated_card.emit(card.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Shift+F10 and Delete come as key presses. The Menu key comes as one offscreen (and
        # as one followed by a context menu event on Windows, which finds the menu shown:
        # LibraryView); on X11 (xcb) only as a keyboard context menu event, never a key press
        # (measured under Xvfb with xdotool): contextMenuEvent serves it there.
        key, shift = event.key(), event.modifiers() == Qt.KeyboardModifier.ShiftModifier
        index = self.currentIndex()
        card: CourseCard | None = index.data(CARD_ROLE) if index.isValid() else None
        if card is not None and event.matches(QKeySequence.StandardKey.Delete):
            self.remove_card.emit(card.id)
        elif card is not None and (key == Qt.Key.Key_Menu or (key == Qt.Key.Key_F10 and shift)):
            self.menu_requested.emit(card.id, self._card_point(index))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """A right click: the card under the pointer becomes the current one; from the
        keyboard: the current card, the menu over it."""
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            index = self.indexAt(event.pos())
            if index.isValid():
                self.setCurrentIndex(index)
            at = event.globalPos()
        else:
            index = self.currentIndex()
            at = self._card_point(index)
        card: CourseCard | None = index.data(CARD_ROLE) if index.isValid() else None
        if card is not None:
            self.menu_requested.emit(card.id, at)
        event.accept()

    def _card_point(self, index: QModelIndex) -> QPoint:
        return self.viewport().mapToGlobal(self.visualRect(index).center())

"""The library: installed courses as cards, the last studied first, filtered by a search box.

Cards are painted by a delegate over a list model (fast with hundreds of courses, keyboard
navigation and screen-reader text come with the list view). Above them, "Continue: ..." takes the
learner back where they stopped, or to a timed exam left running, whose clock runs on (the
banner says so, and how long is left). Enter or a double click opens a course; a card's menu
(right click, the Menu key, Shift+F10) opens or removes it, and so does Delete (the window asks
first: player/ui/course_removal.py).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
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
    QShortcut,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from player.library.library import InstalledCourse, Library
from player.store.progress import ProgressQueries
from player.ui.button import Button
from player.ui.cover_thumbnails import CoverThumbnails
from player.ui.exam.running import RunningExam, exam_point, running_continue_text
from player.ui.i18n import fill
from player.ui.language_names import language_name
from player.ui.layouts import nested
from player.ui.menu_texts import remove_course_text, translated_menu_path
from player.ui.resume import ResumePoint, continue_text, resume_point
from player.ui.theme import FOCUS_RING, colors_from_palette
from player.ui.tooltips import plain_tooltip
from player.wording import isolated

CARD_ROLE = Qt.ItemDataRole.UserRole + 1
# While the banner shows a running exam, its time left is read again this often (ms).
EXAM_CLOCK_MS = 15_000
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CourseCard:
    id: str
    title: str
    publisher: str
    language: str
    size_on_disk: int
    completion: float  # 0..1, units satisfied under moveOn
    verified: bool
    last_studied: float | None  # launch time, None when never launched
    cover: str | None  # blob path of the cover image


def load_cards(
    library: Library,
    progress: ProgressQueries,
    profile_id: str,
    running: Sequence[RunningExam] = (),
) -> tuple[list[CourseCard], ResumePoint | None]:
    """Every installed course, the most recently studied first, then the others by title; and
    where to continue: a timed exam `running` (the least time left), whose clock does not wait,
    else where the learner stopped, from the same reads."""
    installed: list[InstalledCourse] = library.installed()
    summaries = progress.summaries(profile_id, [i.course for i in installed])
    enrolled = progress.enrolled_courses(profile_id)
    order = {cid: n for n, cid in enumerate(enrolled)}
    cards = []
    for item, summary in zip(installed, summaries, strict=True):
        course = item.course
        cover = course.cover
        cards.append(
            CourseCard(
                id=course.id,
                title=course.title,
                publisher=course.publisher.name if course.publisher else "",
                language=course.language,
                size_on_disk=library.size_on_disk(course),
                completion=summary.completion if summary.started else 0.0,
                verified=item.verified,
                last_studied=summary.last_activity.timestamp() if summary.last_activity else None,
                cover=str(library.blob_path(cover.sha256)) if cover else None,
            )
        )
    never = len(order)
    cards.sort(key=lambda c: (order.get(c.id, never), fold(c.title)))
    by_id = {i.course.id: (i.course, s) for i, s in zip(installed, summaries, strict=True)}
    exams = (exam_point(by_id[e.course_id][0], e) for e in running if e.course_id in by_id)
    exam = next((p for p in exams if p is not None), None)
    if exam is not None:
        return cards, exam
    points = (resume_point(*by_id[cid]) for cid in enrolled if cid in by_id)
    return cards, next((p for p in points if p is not None), None)


def fold(text: str) -> str:
    """Case- and accent-insensitive form, so "phenomene" finds "Phénomène"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class CardModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: list[CourseCard] = []

    def set_cards(self, cards: list[CourseCard]) -> None:
        self.beginResetModel()
        self.cards = cards
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.cards):
            return None
        card = self.cards[index.row()]
        if role == CARD_ROLE:
            return card
        if role == Qt.ItemDataRole.DisplayRole:
            return card.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.describe(card)
        if role == Qt.ItemDataRole.ToolTipRole:  # the title and publisher as written
            return plain_tooltip(self.describe(card, seen=True))
        return None

    def describe(self, card: CourseCard, *, seen: bool = False) -> str:
        """Everything the card shows, as one sentence for screen readers; `seen` (the tooltip):
        the title and publisher `isolated`, or an Arabic title first turns the line around."""
        name = isolated if seen else str
        return (
            self.tr("%1, %2, %3, %4 on disk, %5% done, %6")
            .replace("%1", name(card.title))
            .replace("%2", name(card.publisher) if card.publisher else self.tr("no publisher"))
            .replace("%3", language_name(card.language))
            .replace("%4", format_size(card.size_on_disk))
            .replace("%5", str(round(card.completion * 100)))
            .replace("%6", self.tr("verified") if card.verified else self.tr("unverified"))
        )

    def retranslate(self) -> None:
        if self.cards:
            self.dataChanged.emit(self.index(0), self.index(len(self.cards) - 1))


def format_size(size: int) -> str:
    from PySide6.QtCore import QLocale

    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


class TitleFilter(QSortFilterProxyModel):
    """Keeps the cards whose title contains every word typed (case and accents ignored)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self.words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        if not self.words:
            return True
        card: CourseCard = self.sourceModel().index(row, 0, parent).data(CARD_ROLE)
        title = fold(card.title)
        return all(word in title for word in self.words)


class CardDelegate(QStyledItemDelegate):
    """Paints one course card: cover, title, publisher, language and size, progress, badge."""

    def __init__(self, parent: QWidget, thumbnails: Path | None = None) -> None:
        super().__init__(parent)
        self.covers = CoverThumbnails(thumbnails)
        self.tr_done = ""
        self.tr_verified = ""
        self.tr_unverified = ""

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


class LibraryView(QWidget):
    open_course = Signal(str)  # course id
    resume = Signal(object)  # ResumePoint
    remove_requested = Signal(str)  # course id: the window asks first
    courses_changed = Signal()  # read again: Remove this course… is offered while one is here

    def __init__(
        self,
        library: Library,
        progress: ProgressQueries,
        profile_id: str,
        parent: QWidget | None = None,
        *,
        thumbnails: Path | None = None,
        running_exams: Callable[[], list[RunningExam]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("libraryView")
        self.library = library
        self.progress = progress
        self.profile_id = profile_id
        self.resume_point: ResumePoint | None = None
        self.read_running = running_exams or list
        self.running: list[RunningExam] = []  # the timed exams in progress, as last read
        self.exam_clock = QTimer(self)  # the banner's time left of a running exam
        self.exam_clock.setInterval(EXAM_CLOCK_MS)
        self.exam_clock.timeout.connect(self._exam_clock_tick)

        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.fontMetrics().averageCharWidth() * 36)

        self.banner = QFrame(self)
        self.banner.setObjectName("banner")
        # Plain text in two labels: a course title is shown as written, never read as markup.
        self.banner_title = QLabel(self.banner)
        self.banner_title.setTextFormat(Qt.TextFormat.PlainText)
        self.banner_title.setWordWrap(True)
        bold = self.banner_title.font()
        bold.setBold(True)
        self.banner_title.setFont(bold)
        self.banner_text = QLabel(self.banner)
        self.banner_text.setTextFormat(Qt.TextFormat.PlainText)
        self.banner_text.setWordWrap(True)
        self.continue_button = Button(self.banner)  # room for the focused border
        self.continue_button.setObjectName("primary")
        self.continue_button.setAutoDefault(True)  # Enter presses it, not only Space
        banner_layout = QHBoxLayout(self.banner)
        texts = nested(banner_layout, QVBoxLayout(), 1)
        texts.setSpacing(0)
        texts.addWidget(self.banner_title)
        texts.addWidget(self.banner_text)
        banner_layout.addWidget(self.continue_button)

        self.model = CardModel(self)
        self.filter = TitleFilter(self)
        self.filter.setSourceModel(self.model)
        self.delegate = CardDelegate(self, thumbnails)
        self.cards = CardList(self)
        self.cards.setObjectName("cards")
        self.cards.setModel(self.filter)
        self.cards.setItemDelegate(self.delegate)
        self.cards.setGridSize(self.delegate.card_size())
        self.cards.setFrameShape(QFrame.Shape.NoFrame)
        self.empty = QLabel(self)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)  # quotes the search typed
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("muted")

        layout = QVBoxLayout(self)
        top = nested(layout, QHBoxLayout())
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.search)
        layout.addWidget(self.banner)
        layout.addWidget(self.cards, 1)
        layout.addWidget(self.empty, 1)

        self.search.textChanged.connect(self._search)
        self.cards.activated_card.connect(self.open_course)
        self.cards.remove_card.connect(self.remove_requested)
        self.cards.menu_requested.connect(self._card_menu)
        self.card_menu: QMenu | None = None  # a card's Open and Remove, made when first asked
        self._menu_course = ""  # the course the menu is about
        self.continue_button.clicked.connect(self._resume)
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.activated.connect(self.focus_search)
        self.search.returnPressed.connect(self._search_enter)
        # No focus proxy: Tab entering a view with one lands on the proxy and never reaches
        # what comes before it (the search box); `focus_start` says where the keyboard starts.
        self.retranslate()

    # -- data -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the installed courses and the learner's progress (main thread: SQLite)."""
        current = self.current_course_id()
        self.running = self.read_running()
        cards, self.resume_point = load_cards(
            self.library, self.progress, self.profile_id, self.running
        )
        self.model.set_cards(cards)
        self.delegate.covers.keep_only(card.cover for card in cards if card.cover)
        self._update_banner()
        self._update_empty()
        row = next((r for r in range(self.filter.rowCount()) if self._card_at(r).id == current), 0)
        if self.filter.rowCount():
            self.cards.setCurrentIndex(self.filter.index(row, 0))
        self.courses_changed.emit()

    def has_courses(self) -> bool:
        """A course is installed (as last read), whatever the search shows."""
        return self.model.rowCount() > 0

    def _card_at(self, row: int) -> CourseCard:
        return self.filter.index(row, 0).data(CARD_ROLE)

    def forget_cover(self, course_id: str) -> None:
        """The course was repaired: its cover is read again from the repaired file."""
        card = next((c for c in self.model.cards if c.id == course_id), None)
        if card is not None and card.cover:
            self.delegate.covers.forget(card.cover)

    def current_course_id(self) -> str | None:
        index = self.cards.currentIndex()
        card: CourseCard | None = index.data(CARD_ROLE) if index.isValid() else None
        return card.id if card else None

    def visible_titles(self) -> list[str]:
        return [self._card_at(r).title for r in range(self.filter.rowCount())]

    # -- actions ----------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search(self, text: str) -> None:
        self.filter.set_query(text)
        if self.filter.rowCount():
            self.cards.setCurrentIndex(self.filter.index(0, 0))
        self._update_empty()

    def _search_enter(self) -> None:
        if self.filter.rowCount() == 1:
            self.open_course.emit(self._card_at(0).id)
        elif self.filter.rowCount():
            self.cards.setFocus()

    def _resume(self) -> None:
        if self.resume_point is not None:
            self.resume.emit(self.resume_point)

    def focus_start(self) -> None:
        """Where the keyboard starts: Continue when there is something to continue."""
        if self.banner.isVisible() or self.resume_point is not None:
            self.continue_button.setFocus()
        elif self.cards.isHidden():  # no course, or none found: the search is what is left
            self.search.setFocus()
        else:
            self.cards.setFocus()

    def _card_menu(self, course_id: str, at: QPoint) -> None:
        menu = self.card_menu
        if menu is None:
            menu = self.card_menu = QMenu(self)
            self.open_action = menu.addAction("")
            self.open_action.triggered.connect(self._open_from_menu)
            self.remove_action = menu.addAction("")
            self.remove_action.triggered.connect(self._remove_from_menu)
            self._retranslate_menu()
        elif menu.isVisible():
            return  # asked twice by one key (Windows: a key press, then a context menu event)
        self._menu_course = course_id
        menu.popup(at)

    def _open_from_menu(self) -> None:
        self.open_course.emit(self._menu_course)

    def _remove_from_menu(self) -> None:
        self.remove_requested.emit(self._menu_course)

    def _retranslate_menu(self) -> None:
        if self.card_menu is not None:
            self.open_action.setText(self.tr("&Open"))
            self.remove_action.setText(remove_course_text())

    # -- text -------------------------------------------------------------------------------

    def _exam_clock_tick(self) -> None:
        if self.isVisible():
            self.running = self.read_running()
            self._update_banner()

    def _update_banner(self) -> None:
        point = self.resume_point
        self.banner.setVisible(point is not None)
        at = (point.course_id, point.unit_id) if point is not None else None
        left = next((e.left for e in self.running if (e.course_id, e.unit_id) == at), None)
        if left is None:  # none runs, or its time ran out: opening it submits it
            self.exam_clock.stop()
        elif not self.exam_clock.isActive():
            self.exam_clock.start()
        if point is not None:
            text = continue_text(point) if left is None else running_continue_text(point, left)
            self.banner_title.setText(point.course_title)
            self.banner_text.setText(text)
            self.continue_button.setAccessibleName(f"{text} — {point.course_title}")

    def _update_empty(self) -> None:
        if self.model.rowCount() == 0:
            course = ("MainWindow", "&Course")
            text = self.tr(
                "No course is installed yet. Get one from the course catalog (%1, Ctrl+K), "
                "or import one from a USB stick or a file (%2)."
            )
            self.empty.setText(
                fill(
                    text,
                    translated_menu_path(course, ("GettingCourses", "Course c&atalog…")),
                    translated_menu_path(course, ("GettingCourses", "&Import a course file…")),
                )
            )
        elif self.filter.rowCount() == 0:
            self.empty.setText(
                self.tr("No course title contains “%1”.").replace(
                    "%1", isolated(self.search.text())
                )
            )
        shown = self.filter.rowCount() > 0
        was_shown = not self.cards.isHidden()
        # The window's focus, not the application's: a question box over it (Remove the
        # course?) holds the application's while the library changes beneath.
        focus = self.window().focusWidget()
        if was_shown and not shown and focus is not None and self.cards.isAncestorOf(focus):
            focus = self.cards  # its viewport
        self.cards.setVisible(shown)
        self.empty.setVisible(not shown)
        if was_shown and not shown and focus is self.cards:
            # Hidden with the keyboard in it, Qt hands the focus on to the status bar's next
            # button, where Enter opened Sync or Downloads: the search is the page's own.
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        elif (
            shown
            and not was_shown
            and self.isVisible()
            and (focus is None or not self.isAncestorOf(focus))
        ):
            # The first course of an empty library (imported, downloaded): the keyboard left on
            # the status bar's button comes to it.
            self.focus_start()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Library"))
        self.search.setPlaceholderText(self.tr("Search titles (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search course titles"))
        self.cards.setAccessibleName(self.tr("Installed courses"))
        self.continue_button.setText(self.tr("C&ontinue"))
        self.delegate.tr_done = self.tr("%1%")
        self.delegate.tr_verified = self.tr("Verified")
        self.delegate.tr_unverified = self.tr("Unverified")
        self.model.retranslate()
        self._retranslate_menu()
        self._update_banner()
        self._update_empty()

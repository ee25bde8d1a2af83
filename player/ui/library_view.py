"""The library: installed courses as cards, the last studied first, filtered by a search box.

Cards are painted by a delegate over a list model (fast with hundreds of courses, keyboard
navigation and screen-reader text come with the list view). Above them, "Continue: ..." takes the
learner back where they stopped, or to a timed exam left running, whose clock runs on (the
banner says so, and how long is left). Enter or a double click opens a course; a card's menu
(right click, the Menu key, Shift+F10) opens or removes it, and so does Delete (the window asks
first: player/ui/course_removal.py). A course a catalog offers a newer version of says "Update
available" on its card and in the banner, and the card's menu and the banner offer the update
(`set_updates`, from player/ui/update_check.py; the download is the Catalog's). A card, its
painting and the grid's keys: library_cards.py.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from player.library.library import InstalledCourse, Library
from player.store.progress import ProgressQueries
from player.ui.button import Button
from player.ui.exam.running import RunningExam, exam_point, running_continue_text
from player.ui.i18n import fill
from player.ui.language_names import language_name
from player.ui.layouts import nested
from player.ui.library_cards import (
    CARD_ROLE,
    CardDelegate,
    CardList,
    CourseCard,
    Index,
    format_size,
)
from player.ui.menu_texts import remove_course_text, translated_menu_path
from player.ui.resume import ResumePoint, continue_text, resume_point
from player.ui.tooltips import plain_tooltip
from player.wording import isolated

# While the banner shows a running exam, its time left is read again this often (ms).
EXAM_CLOCK_MS = 15_000


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

    def set_updates(self, updates: Mapping[str, str]) -> None:
        """Each card's newer version offered (`updates`: course id -> version), in place."""
        self.cards = [replace(c, update=updates.get(c.id)) for c in self.cards]
        if self.cards:
            self.dataChanged.emit(self.index(0), self.index(len(self.cards) - 1))

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
        text = (
            self.tr("%1, %2, %3, %4 on disk, %5% done, %6")
            .replace("%1", name(card.title))
            .replace("%2", name(card.publisher) if card.publisher else self.tr("no publisher"))
            .replace("%3", language_name(card.language))
            .replace("%4", format_size(card.size_on_disk))
            .replace("%5", str(round(card.completion * 100)))
            .replace("%6", self.tr("verified") if card.verified else self.tr("unverified"))
        )
        if card.update is not None:
            text = fill(self.tr("%1, update available: version %2"), text, card.update)
        return text

    def retranslate(self) -> None:
        if self.cards:
            self.dataChanged.emit(self.index(0), self.index(len(self.cards) - 1))


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


class LibraryView(QWidget):
    open_course = Signal(str)  # course id
    resume = Signal(object)  # ResumePoint
    remove_requested = Signal(str)  # course id: the window asks first
    update_requested = Signal(str)  # course id: its update, from the catalog (getting_courses)
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
        self.updates: dict[str, str] = {}  # course id -> the newer version a catalog offers
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
        self.banner_update = QLabel(self.banner)  # "Update available: version 1.0.1"
        self.banner_update.setTextFormat(Qt.TextFormat.PlainText)
        self.banner_update.setWordWrap(True)
        self.banner_update.hide()
        self.update_button = Button(self.banner)
        self.update_button.hide()
        self.continue_button = Button(self.banner)  # room for the focused border
        self.continue_button.setObjectName("primary")
        self.continue_button.setAutoDefault(True)  # Enter presses it, not only Space
        banner_layout = QHBoxLayout(self.banner)
        texts = nested(banner_layout, QVBoxLayout(), 1)
        texts.setSpacing(0)
        texts.addWidget(self.banner_title)
        texts.addWidget(self.banner_text)
        texts.addWidget(self.banner_update)
        banner_layout.addWidget(self.update_button)
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
        self.card_menu: QMenu | None = None  # a card's Open, Update, Remove: made when asked
        self._menu_course = ""  # the course the menu is about
        self._menu_exam = False  # a timed exam of the learner's runs in it: no Update
        self.continue_button.clicked.connect(self._resume)
        self.update_button.clicked.connect(self._update_resumed)
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
        self.model.set_cards([replace(c, update=self.updates.get(c.id)) for c in cards])
        self.delegate.covers.keep_only(card.cover for card in cards if card.cover)
        self._update_banner()
        self._update_empty()
        row = next((r for r in range(self.filter.rowCount()) if self._card_at(r).id == current), 0)
        if self.filter.rowCount():
            self.cards.setCurrentIndex(self.filter.index(row, 0))
        self.courses_changed.emit()

    def set_updates(self, updates: Mapping[str, str]) -> None:
        """The installed courses a catalog offers a newer version of (course id -> version), as
        the update check last found them: marked on their cards and in the banner."""
        self.updates = dict(updates)
        self.model.set_updates(self.updates)
        self._update_banner()

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

    def _update_resumed(self) -> None:
        """The banner's Update: the course it continues."""
        if self.resume_point is not None:
            self.update_requested.emit(self.resume_point.course_id)

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
            self.update_action = menu.addAction("")
            self.update_action.triggered.connect(self._update_from_menu)
            self.remove_action = menu.addAction("")
            self.remove_action.triggered.connect(self._remove_from_menu)
        elif menu.isVisible():
            return  # asked twice by one key (Windows: a key press, then a context menu event)
        self._menu_course = course_id
        # Read now, as the banner's tick does: an exam started since the last refresh counts.
        self._menu_exam = any(e.course_id == course_id for e in self.read_running())
        self._retranslate_menu()  # Update names the version offered for this course
        menu.popup(at)

    def _open_from_menu(self) -> None:
        self.open_course.emit(self._menu_course)

    def _remove_from_menu(self) -> None:
        self.remove_requested.emit(self._menu_course)

    def _update_from_menu(self) -> None:
        self.update_requested.emit(self._menu_course)

    def _retranslate_menu(self) -> None:
        if self.card_menu is not None:
            self.open_action.setText(self.tr("&Open"))
            self.remove_action.setText(remove_course_text())
            version = self.updates.get(self._menu_course)
            # Not beside a running exam, as the banner's Update: its clock does not wait.
            self.update_action.setVisible(version is not None and not self._menu_exam)
            self.update_action.setText(fill(self.tr("&Update to version %1"), version or ""))

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
        # Not beside a running exam: its clock does not wait, the update can.
        version = None
        if point is not None and left is None:
            version = self.updates.get(point.course_id)
        if point is not None and version is not None:
            self.banner_update.setText(fill(self.tr("Update available: version %1"), version))
            self.update_button.setAccessibleName(
                fill(self.tr("Update %1 to version %2"), point.course_title, version)
            )
        self.banner_update.setVisible(version is not None)
        self.update_button.setVisible(version is not None)

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
        self.delegate.tr_update = self.tr("Update available")
        self.update_button.setText(self.tr("&Update"))
        self.model.retranslate()
        self._retranslate_menu()
        self._update_banner()
        self._update_empty()

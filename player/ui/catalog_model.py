"""The catalog page's table: a model of the `CatalogCourse`s the catalogs offer (a row each,
its columns, what it would cost to download here, its state) and the filter the search box and
the language list drive; whether the page's action may download a course.

Written, and translated, apart from the page (`CatalogView` only lays them out): the column and
state words keep their translation context, `CatalogModel`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QWidget

from player.library.catalogs import CatalogCourse, CourseState
from player.ui.language_names import language_name
from player.ui.library_cards import format_size
from player.ui.library_view import fold
from player.ui.tooltips import plain_tooltip

COURSE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex

TITLE, PUBLISHER, LANGUAGE, SIZE, STATE = range(5)


class CatalogModel(QAbstractTableModel):
    """The courses offered, a row each: title, publisher, language, what downloading it here
    costs, and its state (installed, an update, downloading, refused and why in a word)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.courses: list[CatalogCourse] = []
        self.downloading: set[str] = set()
        self.unsigned: set[str] = set()  # download ids: listed by a folder catalog unsigned

    def set_courses(
        self, courses: list[CatalogCourse], downloading: set[str], unsigned: set[str]
    ) -> None:
        self.beginResetModel()
        self.courses = courses
        self.downloading = downloading
        self.unsigned = unsigned
        self.endResetModel()

    def shown(self) -> tuple[list[CatalogCourse], set[str], set[str]]:
        """What `set_courses` was given last: the same again needs no reset of the table."""
        return self.courses, self.downloading, self.unsigned

    def is_unsigned(self, course: CatalogCourse) -> bool:
        """Unsigned and not installed in this version: what Download would have to install."""
        return course.state is not CourseState.INSTALLED and course.download_id in self.unsigned

    def kept_signed(self, course: CatalogCourse) -> bool:
        """Unsigned, where the installed version is signed by a trusted key: never installed
        (`Library.refuse_unverified`), so never offered."""
        return self.is_unsigned(course) and course.signed_installed is not None

    def can_download(self, course: CatalogCourse, unsigned_allowed: bool) -> bool:
        """Whether the page's action may ask for `course`: not installed, not downloading, and
        not refused (a stranger's key, a key for another course, an earlier demo key, another
        publisher, an unsigned copy not accepted here)."""
        if self.kept_signed(course) or course.untrusted_key or course.scoped_key:
            return False
        if course.earlier_key or course.other_signer:  # an earlier demo key, another publisher
            return False
        if self.is_unsigned(course) and not unsigned_allowed:
            return False
        return course.state is not CourseState.INSTALLED and course.id not in self.downloading

    def set_downloading(self, downloading: set[str]) -> None:
        self.downloading = downloading
        if self.courses:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.courses) - 1, STATE))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.courses)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [
            self.tr("Title"),
            self.tr("Publisher"),
            self.tr("Language"),
            self.tr("To download"),
            self.tr("State"),
        ][section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.courses):
            return None
        course = self.courses[index.row()]
        column = index.column()
        if role == COURSE_ROLE:
            return course
        if role == SORT_ROLE:
            if column == SIZE:
                return course.to_download
            return fold(str(self.data(index, Qt.ItemDataRole.DisplayRole) or ""))
        if role == Qt.ItemDataRole.DisplayRole:
            entry = course.entry
            if column == TITLE:
                return entry.title
            if column == PUBLISHER:
                return entry.publisher
            if column == LANGUAGE:
                return language_name(entry.language)
            if column == SIZE:
                return self.size_text(course)
            return self.state_text(course)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return course.entry.summary or None
        if role == Qt.ItemDataRole.ToolTipRole:  # a catalog's words, never HTML
            return plain_tooltip(course.entry.summary) or None
        return None

    def size_text(self, course: CatalogCourse) -> str:
        if course.state is CourseState.INSTALLED:
            return "—"
        size = format_size(course.to_download)
        return size if course.size_known else self.tr("up to %1").replace("%1", size)

    def state_text(self, course: CatalogCourse) -> str:
        if course.id in self.downloading:
            return self.tr("Downloading")
        if course.state is CourseState.INSTALLED:
            return self.tr("Installed")
        if course.other_signer:  # trusted here or not: adding a key would not help
            return self.tr("Not updatable: signed with another key")
        if course.untrusted_key:
            return self.tr("Not trusted")
        if course.scoped_key:
            return self.tr("Not installable: key for another course")
        if course.earlier_key:
            return self.tr("Not installable: earlier demo key")
        if self.is_unsigned(course):
            return self.tr("Unsigned")
        if course.state is CourseState.UPDATE:
            return self.tr("Update available")
        return self.tr("Not installed")

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, STATE)
        if self.courses:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.courses) - 1, STATE))


class CatalogFilter(QSortFilterProxyModel):
    """Keeps the courses in the chosen language whose title, publisher or summary contains every
    word typed (case and accents ignored)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.language = ""
        self.setSortRole(SORT_ROLE)

    def set_filter(self, text: str, language: str) -> None:
        self.beginFilterChange()
        self.words = fold(text).split()
        self.language = language
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        course: CatalogCourse = self.sourceModel().index(row, 0, parent).data(COURSE_ROLE)
        entry = course.entry
        if self.language and entry.language != self.language:
            return False
        text = fold(" ".join((entry.title, entry.publisher, entry.summary, entry.id)))
        return all(word in text for word in self.words)

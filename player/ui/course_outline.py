"""A course's outline as a tree: a row per module, its units under it, and a second column of
unit kinds and module counts that gives way when the titles need its room (`CourseOutline`).

Structure and fitting only: `CourseView` fills in the states, counts and words, and opens the
unit a row names (`UNIT_ROLE`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from player.course.manifest import Course
from player.ui.outline_delegate import OutlineDelegate, widest_word
from player.ui.resume import unit_kind

# A title word longer than this (average characters) is elided rather than hiding the kinds.
WORD_AT_MOST = 20

UNIT_ROLE = Qt.ItemDataRole.UserRole + 1


class CourseOutline(QTreeView):
    """Rows of whole unit titles, wrapped on two lines when they must (`OutlineDelegate`); the
    modules never collapse."""

    def __init__(self, parent: QWidget, indentation: int) -> None:
        super().__init__(parent)
        self.title_column = 0  # px: the longest title word's, measured by fit_titles
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)  # whole unit titles, on two lines when they must
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setItemDelegate(OutlineDelegate(self))
        self.header().sectionResized.connect(self._relayout)
        self.setIndentation(indentation)

    def _relayout(self, *_: object) -> None:
        """Rows as tall as their titles wrapped at the column's new width."""
        self.scheduleDelayedItemsLayout()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit_kinds()  # before the tree lays itself out at its new size
        return super().event(event)

    def build(self, course: Course, font: QFont) -> None:
        """A row per module (its title in bold `font`), a row per unit under it; the texts but
        the unit titles and kinds are the view's to set."""
        self.items.clear()
        self.items.setColumnCount(2)
        bold = QFont(font)
        bold.setBold(True)
        for module in course.modules:
            module_item = QStandardItem()
            module_item.setFont(bold)
            module_item.setData(None, UNIT_ROLE)
            module_kind = QStandardItem()
            for unit in module.units:
                unit_item = QStandardItem(unit.title)
                unit_item.setData(unit.id, UNIT_ROLE)
                kind = QStandardItem(unit_kind(unit.type))
                kind.setData(unit.id, UNIT_ROLE)
                module_item.appendRow([unit_item, kind])
            self.items.appendRow([module_item, module_kind])
        self.expandAll()
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

    def unit_item(self, unit_id: str) -> QStandardItem | None:
        for row in range(self.items.rowCount()):
            module_item = self.items.item(row, 0)
            for child in range(module_item.rowCount()):
                item = module_item.child(child, 0)
                if item.data(UNIT_ROLE) == unit_id:
                    return item
        return None

    def fit_titles(self, char_width: int) -> None:
        """Measure the title column's least width: the longest word of a title on one line
        (up to WORD_AT_MOST characters `char_width` px wide, the view's), with what a row takes
        besides its text (indentation, icon, margins)."""
        tree, model = self, self.items
        delegate = tree.itemDelegate()
        assert isinstance(delegate, OutlineDelegate)
        option = QStyleOptionViewItem()
        option.initFrom(tree)
        icon = tree.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, tree)
        option.decorationSize = QSize(icon, icon)
        probe = 10_000  # a column wide enough to measure what a row takes besides its text
        longest = char_width * WORD_AT_MOST
        column = 0
        for row in range(model.rowCount()):
            module = model.index(row, 0)
            rows = [module, *(model.index(r, 0, module) for r in range(model.rowCount(module)))]
            for index in rows:
                font = index.data(Qt.ItemDataRole.FontRole)
                metrics = QFontMetrics(font if isinstance(font, QFont) else tree.font())
                word = widest_word(str(index.data(Qt.ItemDataRole.DisplayRole) or ""), metrics)
                word = min(word, longest)
                column = max(column, word + probe - delegate.text_room(option, index, probe))
        self.title_column = column
        self.fit_kinds()

    def fit_kinds(self) -> None:
        """The unit kinds and module counts column shows only where the titles keep room for
        their longest word beside it: at the panel's least width in French ('Diaporama' 73 px
        of 160) the titles had 40 px, 'caractér', 'certificat' were cut mid-word. The kind is
        still said in the row's tooltip and accessible text, and under the unit's title. The
        scroll bar is counted as shown, so that its coming and going cannot flip the column."""
        tree = self
        scroll_bar = tree.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, tree)
        room = tree.width() - 2 * tree.frameWidth() - scroll_bar
        tree.setColumnHidden(1, room - tree.sizeHintForColumn(1) < self.title_column)

"""How the course outline draws a row: its title wrapped at words to the column's width, a
word too wide for it elided rather than cut mid-letter (`OutlineDelegate`, `fitted_words`).

Drawing only: `CourseOutline` (player/ui/course_outline.py) holds the rows and fits the columns.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

Index = QModelIndex | QPersistentModelIndex


class OutlineDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped title at the column's current width (QTreeView alone
    measures a wrapped title as one line). The width is the cell's as the tree paints it (the
    column less this row's indentation), and the style measures the text in it as it draws it
    (icon, margins), so a title that is painted on one line gets a one-line row. A word wider
    than that is elided ('Anticonstitution…'), not cut mid-letter; the row's tooltip and
    accessible text keep the whole title. The unit kinds' column gives way first when the
    titles' words need its room (`CourseOutline.fit_kinds`)."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree

    def text_room(
        self, option: QStyleOptionViewItem, index: Index, column_width: int | None = None
    ) -> int:
        """The width the style leaves a title's text in column 0 `column_width` px wide (its
        current width by default), as it paints it with the view's `option`; 0 when there is
        no room or no title."""
        if not index.data(Qt.ItemDataRole.DisplayRole) or index.column() != 0:
            return 0
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        if self.tree.rootIsDecorated():
            depth += 1
        if column_width is None:
            column_width = self.tree.header().sectionSize(0)
        width = column_width - self.tree.indentation() * depth
        if width <= 0:
            return 0
        cell = QStyleOptionViewItem(option)
        super().initStyleOption(cell, index)  # the title as written: no fitting to measure it
        cell.rect = QRect(0, 0, width, max(1, cell.rect.height()))
        style = self.tree.style()
        text = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, cell, self.tree)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, cell, self.tree) + 1
        return max(0, text.width() - 2 * margin)

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        view = QStyleOptionViewItem(option)
        super().initStyleOption(option, index)
        room = self.text_room(view, index)
        if room > 0:
            option.text = fitted_words(option.text, QFontMetrics(option.font), room)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        width = self.text_room(option, index)
        if width <= 0:
            return hint
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        rect = QFontMetrics(cell.font).boundingRect(
            QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), cell.text
        )
        return QSize(hint.width(), max(hint.height(), rect.height() + 6))


def _words(line: str) -> list[str]:
    """A line's words as Qt wraps it: broken at spaces only. A no-break space (U+00A0 before
    ':', U+202F inside « ») joins, so 'Vidéo : « caractéristiques »' is two words, the second
    one measured and elided whole: str.split() measured 'caractéristiques' alone."""
    return line.split(" ")


def fitted_words(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text` with each word wider than `width` px elided to it, so that wrapping at words
    never cuts one mid-letter (Qt breaks a word that does not fit anywhere, or clips it)."""
    lines = []
    for line in text.split("\n"):
        words = [
            metrics.elidedText(word, Qt.TextElideMode.ElideRight, width)
            if metrics.horizontalAdvance(word) > width
            else word
            for word in _words(line)
        ]
        lines.append(" ".join(words))
    return "\n".join(lines)


def widest_word(text: str, metrics: QFontMetrics) -> int:
    """The widest word of `text` in px, words as `fitted_words` elides them."""
    words = (word for line in text.split("\n") for word in _words(line))
    return max((metrics.horizontalAdvance(word) for word in words), default=0)

"""A drop-down list whose open list shows every choice whole.

Qt opens a combo box's list as wide as the box, which is sized for its texts alone; the theme
draws the list's items as menu items, with a check mark's room before the text, so the longest
choice of a matching question was cut at the list's right edge ("160 000 inscrits en 20").
The list is made at least as wide as its widest item, measured as the style draws it, with the
font then in force (the learner's text size), and never wider than the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionMenuItem

from player.ui.screens import available_geometry


def popup_width(combo: QComboBox) -> int:
    """The width the open list needs to show every item whole: each item as the style sizes a
    menu item of its text, the list's frame, and its scroll bar when not every item fits."""
    view = combo.view()
    metrics = view.fontMetrics()
    style = combo.style()
    widest = 0
    for row in range(combo.count()):
        option = QStyleOptionMenuItem()
        option.initFrom(view)
        option.text = combo.itemText(row)
        option.menuItemType = QStyleOptionMenuItem.MenuItemType.Normal
        option.checkType = QStyleOptionMenuItem.CheckType.NonExclusive
        option.font = view.font()
        option.fontMetrics = metrics
        text = QSize(metrics.horizontalAdvance(option.text), metrics.height())
        size = style.sizeFromContents(QStyle.ContentsType.CT_MenuItem, option, text, combo)
        widest = max(widest, size.width())
    width = widest + 2 * view.frameWidth()
    if combo.count() > combo.maxVisibleItems():
        width += style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
    return width


class ChoiceBox(QComboBox):
    """A combo box whose list, as it opens, is at least as wide as its longest choice."""

    def showPopup(self) -> None:
        room = available_geometry(self)
        wanted = popup_width(self)
        self.view().setMinimumWidth(wanted if room is None else min(wanted, room.width()))
        super().showPopup()

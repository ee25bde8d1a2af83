"""A drop-down list whose open list shows every choice whole.

Qt opens a combo box's list as wide as the box, which is sized for its texts alone; the theme
draws the list's items as menu items, with a check mark's room before the text, so the longest
choice of a matching question was cut at the list's right edge ("160 000 inscrits en 20").
The list is made at least as wide as its widest item, measured as the style draws it, with the
font then in force (the learner's text size), and never wider than the screen.

A box narrower than its current text draws it cut with "…" (Qt clips it mid-word, with no sign
that more follows): a matching question's chosen answer read "annoncé à 200 millia".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionMenuItem,
    QStylePainter,
    QWidget,
)

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
    """A combo box whose list, as it opens, is at least as wide as its longest choice, and
    whose current text, when the box is too narrow for it, ends in "…". `elision_changed`
    says whether it is cut, as that changes (a new choice, a new width or font)."""

    elision_changed = Signal(bool)

    # Pixels the style keeps on each side of the text in the edit field (QCommonStyle's
    # CE_ComboBoxLabel draws it in the field less 1 on each side).
    TEXT_SIDE = 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._elided = False
        self.currentTextChanged.connect(lambda _t: self._check_elision())

    def _option(self) -> QStyleOptionComboBox:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return option

    def _field_width(self, option: QStyleOptionComboBox) -> int:
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            self,
        )
        return field.width()

    def shown_text(self) -> str:
        """The current text as drawn: whole, or cut with "…" to the box's text field."""
        option = self._option()
        room = self._field_width(option) - 2 * self.TEXT_SIDE
        if not option.currentIcon.isNull():
            room -= self.iconSize().width() + 4  # as CE_ComboBoxLabel leaves it
        return self.fontMetrics().elidedText(self.currentText(), Qt.TextElideMode.ElideRight, room)

    def elided(self) -> bool:
        """Whether the current text is drawn cut (with "…")."""
        return self.shown_text() != self.currentText()

    def _check_elision(self) -> None:
        elided = self.elided()
        if elided != self._elided:
            self._elided = elided
            self.elision_changed.emit(elided)

    def sizeHint(self) -> QSize:
        """Qt's, with the pixels Qt's misses so that at its hint the text shows whole (no "…"):
        the side the style keeps inside the field (a stylesheet style's hint has none to spare)
        and the theme's wider border while it has the keyboard."""
        hint = super().sizeHint()
        option = self._option()
        option.state &= ~QStyle.StateFlag.State_HasFocus
        unfocused = self._field_width(option)
        option.state |= QStyle.StateFlag.State_HasFocus  # the theme's focus border is wider
        spare = max(0, unfocused - self._field_width(option))
        return QSize(hint.width() + 2 * self.TEXT_SIDE + spare, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._check_elision()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._check_elision()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.isEditable():
            super().paintEvent(event)  # its line edit draws the text
            return
        # QComboBox::paintEvent's steps, the current text cut to the field
        painter = QStylePainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        option = self._option()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        if self.currentIndex() < 0 and self.placeholderText():
            # no choice yet: the placeholder, in the placeholder colour, as QComboBox draws it
            option.palette.setBrush(QPalette.ColorRole.ButtonText, option.palette.placeholderText())
            option.currentText = self.placeholderText()
        else:
            option.currentText = self.shown_text()
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def showPopup(self) -> None:
        room = available_geometry(self)
        wanted = popup_width(self)
        self.view().setMinimumWidth(wanted if room is None else min(wanted, room.width()))
        super().showPopup()

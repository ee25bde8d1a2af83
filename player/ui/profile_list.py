"""The lines of the profiles list: what each item holds (`PROFILE_ROLE`, `NAME_ROLE`), what a
line of Manage profiles says (`show_line`), and how a line is painted so that a long name, not
what follows it, is cut (`NameFirstDelegate`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from player.store.profiles import Profile
from player.ui.i18n import LANGUAGES
from player.ui.tooltips import plain_tooltip
from player.wording import isolated

PROFILE_ROLE = Qt.ItemDataRole.UserRole + 1
# The name alone; the rest of the line follows it (the name `isolated` in the line, or bare).
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
SEPARATOR = " \u00b7 "


def show_line(item: QListWidgetItem, current_id: str | None) -> None:
    """The line of Manage profiles for the profile `item` holds: "name · language · PIN · in
    use", its words in that dialog's translations (`QCoreApplication.translate(
    "ProfilesDialog", ...)`, as they were written there), the whole line in its tooltip."""
    profile: Profile = item.data(PROFILE_ROLE)
    parts = [isolated(profile.name), LANGUAGES.get(profile.language, profile.language)]
    if profile.has_pin:
        parts.append(QCoreApplication.translate("ProfilesDialog", "PIN"))
    if profile.id == current_id:
        # "in use": its French "ouvert" read as "not locked" beside "PIN" (shared-lab run f6)
        parts.append(QCoreApplication.translate("ProfilesDialog", "in use"))
    text = SEPARATOR.join(parts)
    item.setText(text)
    item.setData(NAME_ROLE, profile.name)
    item.setToolTip(plain_tooltip(text))  # a name's tag is text


class NameFirstDelegate(QStyledItemDelegate):
    """Paints "name · language · PIN · in use" with only the name cut ("Marie-Christine
    Ann… · Français · in use"): the list's own middle elision ate the space before the dot
    ("Ann…· Français"). A line whose end alone does not fit is cut at its end."""

    def line(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QStyleOptionViewItem:
        """The option painted for `index` in `option.rect`: its text already cut to fit."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name = str(index.data(NAME_ROLE))
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        room = text_rect.width() - 2 * margin
        metrics = opt.fontMetrics
        head = isolated(name) if opt.text.startswith(isolated(name)) else name
        rest = opt.text[len(head) :] if opt.text.startswith(head) else ""
        if metrics.horizontalAdvance(opt.text) > room:
            rest_width = metrics.horizontalAdvance(rest)
            if rest and rest_width + metrics.horizontalAdvance(name[:1] + "\u2026") <= room:
                cut = metrics.elidedText(name, Qt.TextElideMode.ElideRight, room - rest_width)
                opt.text = (cut if head == name else isolated(cut)) + rest
            else:
                opt.text = metrics.elidedText(opt.text, Qt.TextElideMode.ElideRight, room)
        opt.textElideMode = Qt.TextElideMode.ElideNone
        return opt

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if not isinstance(index.data(NAME_ROLE), str):
            super().paint(painter, option, index)
            return
        opt = self.line(option, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

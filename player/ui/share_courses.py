"""The two lists of the share window (player/ui/share_dialog.py): the courses it shares, and those
it leaves out with why and what to do instead (give it as a file, repair it), each list as tall as
its rows, a long reason wrapped.

Apart from the dialog, which holds the window's layout, its state and its other words: this fills
and sizes the lists from what the dialog holds (`preview`, `outcome`). Functions of the dialog
rather than an object it holds: nothing here keeps a reference to it. Their words were written,
and translated, in `ShareDialog`: they keep that translation context
(`QCoreApplication.translate("ShareDialog", ...)`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from player.library.share import LeftOutKind
from player.ui.i18n import fill
from player.ui.menu_texts import translated_menu_path
from player.ui.tooltips import plain_tooltip
from player.wording import isolated

if TYPE_CHECKING:
    from player.ui.share_dialog import ShareDialog

LIST_ROWS = 6
"""Rows a list of courses shows before it scrolls."""

# Where the texts below point, as (translation context, text) of the item the learner sees.
COURSE_MENU = ("MainWindow", "&Course")
EXPORT = (COURSE_MENU, ("GettingCourses", "&Export course\u2026"))
CHECK = (COURSE_MENU, ("MainWindow", "&Check and repair files\u2026"))


def show_courses(dialog: ShareDialog) -> None:
    """The courses `dialog` shares (or would), and those it leaves out with why."""
    share = dialog.preview
    dialog.shared_list.clear()
    dialog.left_out_list.clear()
    if share is None:
        dialog.shared_title.setText(QCoreApplication.translate("ShareDialog", "Courses to share"))
        QListWidgetItem(
            QCoreApplication.translate("ShareDialog", "Looking at the installed courses…"),
            dialog.shared_list,
        )
        dialog.left_out_list.setVisible(False)
        dialog.left_out_title.setVisible(False)
        return
    serving = dialog.outcome is not None and dialog.outcome.server is not None
    title = (
        QCoreApplication.translate("ShareDialog", "Courses shared (%1)")
        if serving
        else QCoreApplication.translate("ShareDialog", "Courses to share (%1)")
    )
    dialog.shared_title.setText(title.replace("%1", str(len(share.courses))))
    for course in share.courses:
        text = fill(
            QCoreApplication.translate("ShareDialog", "%1 — version %2"),
            isolated(course.course.title),
            course.version,
        )
        QListWidgetItem(text, dialog.shared_list)
    if not share.courses:
        QListWidgetItem(QCoreApplication.translate("ShareDialog", "None"), dialog.shared_list)
    dialog.left_out_title.setText(
        QCoreApplication.translate("ShareDialog", "Not shared (%1)").replace(
            "%1", str(len(share.not_shared))
        )
    )
    for left in share.not_shared:
        template = QCoreApplication.translate("ShareDialog", "%1 — version %2: %3")
        text = fill(template, isolated(left.title), left.version, left_out_reason(left.kind))
        item = QListWidgetItem(text, dialog.left_out_list)
        item.setToolTip(plain_tooltip(left.reason))  # the exact words, for whoever helps
    dialog.left_out_list.setVisible(bool(share.not_shared))
    dialog.left_out_title.setVisible(bool(share.not_shared))


def left_out_reason(kind: LeftOutKind) -> str:
    """Why a course of this kind is not shared, and what to do instead."""
    if kind is LeftOutKind.UNVERIFIED:
        return QCoreApplication.translate(
            "ShareDialog",
            "not signed by a publisher the other computers trust, so they would refuse it; "
            "give it as a file instead (%1).",
        ).replace("%1", translated_menu_path(*EXPORT))
    if kind is LeftOutKind.DAMAGED:
        return QCoreApplication.translate(
            "ShareDialog",
            "some of its files are missing or damaged on this computer; repair it first (%1).",
        ).replace("%1", translated_menu_path(*CHECK))
    return QCoreApplication.translate(
        "ShareDialog", "its files on this computer cannot be read; check and repair it first (%1)."
    ).replace("%1", translated_menu_path(*CHECK))


def fit_rows(courses: QListWidget, least: int) -> None:
    """Each row of `courses` as tall as its text at the list's width (a long reason wraps), the
    list as tall as its first LIST_ROWS rows, and at least `least` (one line of the window)."""
    width = courses.viewport().width() - 8
    metrics = courses.fontMetrics()
    for i in range(courses.count()):
        item = courses.item(i)
        text = metrics.boundingRect(
            QRect(0, 0, max(width, 100), 10_000), Qt.TextFlag.TextWordWrap, item.text()
        )
        item.setSizeHint(QSize(width, text.height() + 6))
    courses.doItemsLayout()
    rows = sum(courses.sizeHintForRow(i) for i in range(min(courses.count(), LIST_ROWS)))
    courses.setFixedHeight(max(rows, least) + 2 * courses.frameWidth() + 4)

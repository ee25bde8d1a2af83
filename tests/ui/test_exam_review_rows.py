"""The exam's review list at 1280x720 in French, as the audit saw it: the focus frame the theme
draws inside the current row covered the last two pixels of its text, so the selected row lost
its descenders ("Sigle", "ligne"). Every row now has room for the frame above and below its
wrapped text (the theme's item border, transparent until focused, and its padding), no more,
and the selected row's text is drawn whole."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QListWidget, QStyledItemDelegate, QStyleOptionViewItem

from player.ui.exam.view import ExamView
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.theme import FOCUS_OUTLINE
from player.wording import isolated
from tests.ui.test_exam_running import exam_started
from tests.ui.test_shell import studying

#: The first questions answered, and every question of several choices with all of them (an
#: answer that wraps): the audit's rows.
ANSWERS = 3


def review(window: MainWindow, services: ShellServices) -> QListWidget:
    studying(window, services, lang="fr")
    exam = exam_started(window)
    assert isinstance(exam, ExamView)
    for index, widget in enumerate(exam.widgets):
        exam.go_to(index)
        if widget.question.type == "multiple":  # every choice: an answer that wraps
            for box in widget.buttons:  # type: ignore[attr-defined]
                box.click()
        elif index < ANSWERS:
            widget.buttons[0].click()  # type: ignore[attr-defined]
    exam.show_review()
    window.activateWindow()
    rows = exam.review_list
    assert rows.hasFocus() and rows.currentRow() == 0 and rows.item(0).isSelected()
    assert rows.item(0).text().startswith(f"\u2713 1. {isolated('Sigle')} \u2014 ")
    return rows


def ink_rows(image: QImage, ink: QColor) -> list[int]:
    """The pixel rows of `image` holding a pixel of about the colour `ink`."""
    near = [
        y
        for y in range(image.height())
        if any(_close(QColor(image.pixel(x, y)), ink) for x in range(image.width()))
    ]
    return near


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 90


def test_every_row_has_room_for_the_focus_frame_around_its_wrapped_text(
    window: MainWindow, services: ShellServices
) -> None:
    rows = review(window, services)
    plain = QStyledItemDelegate()  # the text's own height, as the style lays it out
    for number in range(rows.count()):
        index = rows.model().index(number, 0)
        option = QStyleOptionViewItem()
        option.initFrom(rows)
        option.rect = rows.visualRect(index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        text = plain.sizeHint(option, index).height()
        assert text >= rows.fontMetrics().lineSpacing()
        height = rows.visualRect(index).height()
        assert height >= text + 2 * FOCUS_OUTLINE, number
        # The frame and its 1 px padding, no more: a delegate added the frame's room again on
        # top of the item's own border (r13), 4 px of nothing on every row.
        assert height <= text + 2 * (FOCUS_OUTLINE + 1), (number, text, height)
    line = rows.fontMetrics().lineSpacing()
    heights = [rows.visualRect(rows.model().index(n, 0)).height() for n in range(rows.count())]
    assert max(heights) >= 2 * line, "a long answer wraps"


def test_the_selected_rows_text_keeps_its_descenders(
    window: MainWindow, services: ShellServices
) -> None:
    rows = review(window, services)
    QApplication.processEvents()
    rect = rows.visualItemRect(rows.item(0))
    shown = rows.viewport().grab(rect).toImage()
    palette = rows.palette()
    ink = palette.color(QPalette.ColorRole.HighlightedText)
    drawn = ink_rows(shown, ink)

    alone = QImage(rect.width(), rect.height() * 2, QImage.Format.Format_RGB32)
    alone.fill(palette.color(QPalette.ColorRole.Highlight))
    painter = QPainter(alone)
    painter.setFont(rows.font())
    painter.setPen(ink)
    painter.drawText(
        QPoint(4, rows.fontMetrics().ascent() + rect.height() // 2), rows.item(0).text()
    )
    painter.end()
    whole = ink_rows(alone, ink)
    assert drawn and whole
    assert drawn[-1] - drawn[0] >= whole[-1] - whole[0], (drawn, whole)
    assert drawn[-1] < rect.height() - FOCUS_OUTLINE, "below the text: the frame alone"

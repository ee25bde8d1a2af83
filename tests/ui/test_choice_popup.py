"""A matching question's drop-down list shows its longest choice whole: it was cut at the list's
right edge ("160 000 inscrits en 2011", keyboard-only audit at 1280x720), the list being as wide
as the box while the theme draws its items as menu items, a check mark's room before the text."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QComboBox

from player.ui.question_widgets import QuestionWidget
from player.ui.theme import Theme
from tests.ui.assessment_support import DEMO_QUIZ_KEYS, keys_of


def ink_columns(image: QImage, top: int, bottom: int) -> list[int]:
    """The columns where a row of the list has text (dark on the list's light base)."""
    return [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y).lightness() < 128 for y in range(top, bottom))
    ]


def test_a_matching_list_is_as_wide_as_its_longest_choice(qtbot, theme: Theme) -> None:  # type: ignore[no-untyped-def]
    theme.apply("light")
    question = next(q for q in keys_of(DEMO_QUIZ_KEYS).values() if q.type == "matching")
    widget = QuestionWidget(question)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    combo: QComboBox = widget.combos[0]
    texts = [combo.itemText(row) for row in range(combo.count())]
    longest = max(
        range(combo.count()), key=lambda row: combo.fontMetrics().horizontalAdvance(texts[row])
    )
    assert texts[longest] == "160 000 inscrits en 2011"
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    QApplication.processEvents()
    try:
        viewport = view.viewport()
        row = view.visualRect(combo.model().index(longest, 0))
        ink = ink_columns(viewport.grab().toImage(), row.top() + 2, row.bottom() - 1)
        assert ink, "the row has text"
        assert max(ink) < viewport.width() - 4, (max(ink), viewport.width(), "cut at the edge")
        assert viewport.width() > combo.fontMetrics().horizontalAdvance(texts[longest])
        assert view.window().width() <= combo.screen().availableGeometry().width()
    finally:
        combo.hidePopup()

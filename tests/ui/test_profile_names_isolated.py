"""A right-to-left name in a line of other text keeps its own direction and leaves the line's
alone: each name in the profiles lists is isolated (FSI ... PDI), which Qt draws as nothing,
while what a screen reader says keeps the bare name. The real window, store and widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel

from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from tests.ui.test_profiles import dialog_of, studying

ALI = "\u0639\u0644\u064a"  # Arabic


def first_ink(image: QImage) -> int:
    """The leftmost column where something is drawn (darker than the background)."""
    background = QColor(image.pixel(image.width() - 1, 0)).lightness()
    for x in range(image.width()):
        for y in range(image.height()):
            if QColor(image.pixel(x, y)).lightness() < background - 60:
                return x
    return image.width()


def test_an_arabic_name_leaves_its_line_left_to_right(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    services.profiles.add(ALI, "en", "2468")
    studying(window, services)
    window.switch_action.trigger()
    page = window.profile_page
    assert page is not None
    items = [page.list.item(row) for row in range(page.list.count())]
    assert [i.text() for i in items] == [
        "\u2068Awa\u2069 \u00b7 in use",
        f"\u2068{ALI}\u2069 \u00b7 PIN",
    ]
    ali = items[1]
    assert ali.data(Qt.ItemDataRole.AccessibleTextRole) == f"{ALI}, protected by a PIN", "bare"

    # The tooltip is a label, whose direction follows its first strong letter: the bare name
    # first put "protected by a PIN" on the right, read right to left.
    tip = QLabel(ali.toolTip())
    qtbot.addWidget(tip)
    tip.setFixedWidth(400)
    tip.show()
    qtbot.waitExposed(tip)
    assert first_ink(tip.grab().toImage()) < 20, "begins at the left, as the English it is in"

    # Qt draws the isolates as nothing: the line is painted as it is without them.
    rect = page.list.visualItemRect(ali)
    isolated = page.list.viewport().grab(rect).toImage()
    ali.setText(f"{ALI} \u00b7 PIN")
    QApplication.processEvents()
    assert page.list.viewport().grab(rect).toImage() == isolated

    page.select(services.profiles.find("Awa").id)
    page.open_selected()
    dialog = dialog_of(window)
    lines = [dialog.list.item(row).text() for row in range(dialog.list.count())]
    assert lines == [
        "\u2068Awa\u2069 \u00b7 English \u00b7 in use",
        f"\u2068{ALI}\u2069 \u00b7 English \u00b7 PIN",
    ]

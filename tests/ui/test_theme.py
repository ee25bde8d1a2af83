"""The theme's focus ring is the only outline that means "the keyboard is here": a dialog's default
button is told apart by a fill, not by a ring like focus, and gaining focus never moves a
check box's label (its border is always there, transparent until focused)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QStyleOptionSlider,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from player.ui.button import Button
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.theme import Theme, colors_for, colors_from_palette
from tests.ui.test_shell import studying


def _on_screen(widget: QWidget) -> QImage:
    """The widget as the window shows it: its own grab() fills its margins with its background."""
    window = widget.window()
    return window.grab(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())).toImage()


def _dialog() -> tuple[QDialog, QLineEdit, QCheckBox, QDialogButtonBox]:
    dialog = QDialog()
    layout = QVBoxLayout(dialog)
    line = QLineEdit("Ana", dialog)
    check = QCheckBox("Only on unmetered connections", dialog)
    buttons = QDialogButtonBox(dialog)
    ok = buttons.addButton("Create", QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
    ok.setDefault(True)
    for widget in (line, check, buttons):
        layout.addWidget(widget)
    return dialog, line, check, buttons


def _contents(check: QCheckBox) -> tuple[tuple[int, int, int, int], QSize]:
    """Where the label is drawn, and the size the check box asks for, in its current state."""
    option = QStyleOptionButton()
    check.initStyleOption(option)
    style = check.style()
    rect = style.subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, check)
    text = check.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, check.text())
    size = style.sizeFromContents(QStyle.ContentsType.CT_CheckBox, option, text, check)
    return (rect.x(), rect.y(), rect.width(), rect.height()), size


def test_focus_does_not_move_a_check_box_label(qtbot, qapp: QApplication, theme: Theme) -> None:
    for scheme in ("light", "dark"):
        theme.apply(scheme)
        dialog, line, check, _ = _dialog()
        qtbot.addWidget(dialog)
        dialog.show()
        line.setFocus()
        qapp.processEvents()
        assert not check.hasFocus()
        unfocused = _contents(check)
        check.setFocus(Qt.FocusReason.TabFocusReason)
        qapp.processEvents()
        assert check.hasFocus()
        assert _contents(check) == unfocused, scheme
    theme.apply("light")


def test_a_default_button_is_filled_not_ringed_like_focus(
    qtbot, qapp: QApplication, theme: Theme
) -> None:
    for scheme in ("light", "dark"):
        theme.apply(scheme)
        colors = theme.colors
        dialog, line, _, buttons = _dialog()
        qtbot.addWidget(dialog)
        dialog.show()
        [ok] = [b for b in buttons.buttons() if b.isDefault()]
        line.setFocus()  # the keyboard is in the text field: only it may look focused
        qapp.processEvents()
        picture = _on_screen(ok)
        middle = picture.height() // 2
        fill, edge = picture.pixelColor(6, middle), picture.pixelColor(0, middle)
        assert fill == QColor(colors.accent), scheme  # a filled button, not an outline
        assert edge != QColor(colors.text), scheme
        ok.setFocus(Qt.FocusReason.TabFocusReason)
        qapp.processEvents()
        picture = _on_screen(ok)
        assert picture.pixelColor(6, middle) == QColor(colors.accent), scheme
        assert picture.pixelColor(0, middle) == QColor(colors.focus), scheme  # the focus ring
    theme.apply("light")


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in (color.redF(), color.greenF(), color.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(one: QColor, two: QColor) -> float:
    light, dark = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_highlighted_item_of_a_drop_down_list_is_readable(
    qtbot, qapp: QApplication, theme: Theme
) -> None:
    """The item the keyboard is on in a combo box's list is drawn on the highlight, in a colour
    that stands out from it (it was the highlighted text colour on the base: white on white)."""
    for scheme in ("light", "dark"):
        theme.apply(scheme)
        colors = theme.colors
        window = QWidget()
        combo = QComboBox(window)
        combo.addItems(["Subtitles off", "Français", "English"])
        QVBoxLayout(window).addWidget(combo)
        qtbot.addWidget(window)
        window.show()
        combo.setFocus()
        combo.showPopup()
        view = combo.view()
        qtbot.waitUntil(view.isVisible)
        view.setCurrentIndex(combo.model().index(1, 0))
        qapp.processEvents()
        picture = view.viewport().grab().toImage()
        row = view.visualRect(view.currentIndex()).adjusted(4, 3, -4, -3)
        pixels = [
            picture.pixelColor(x, y)
            for x in range(row.left(), row.right())
            for y in range(row.top(), row.bottom())
        ]
        background = max(set(p.rgb() for p in pixels), key=[p.rgb() for p in pixels].count)
        assert QColor(background) == QColor(colors.accent), scheme  # the item is highlighted
        text = max(_contrast(p, QColor(background)) for p in pixels)
        assert text >= 4.5, (scheme, text)  # and its text reads on the highlight
        combo.hidePopup()
    theme.apply("light")


def test_a_focused_radio_button_shows_the_focus_ring(
    qtbot, qapp: QApplication, theme: Theme
) -> None:
    """A single-choice question's options are radio buttons: the one the keyboard is on is ringed
    like a focused check box (nothing was drawn, and Space picked it silently), and the ring,
    transparent until then, never moves its label."""
    for scheme in ("light", "dark"):
        theme.apply(scheme)
        dialog = QDialog()
        layout = QVBoxLayout(dialog)
        first, second = QRadioButton("5 millions", dialog), QRadioButton("16 000", dialog)
        layout.addWidget(first)
        layout.addWidget(second)
        qtbot.addWidget(dialog)
        dialog.show()
        second.setFocus()
        qapp.processEvents()
        unfocused, size = first.grab().toImage(), first.sizeHint()
        first.setFocus(Qt.FocusReason.TabFocusReason)
        qapp.processEvents()
        assert first.hasFocus()
        focused = first.grab().toImage()
        assert focused != unfocused, scheme
        middle = focused.height() // 2
        assert focused.pixelColor(0, middle) == QColor(theme.colors.accent), scheme  # the ring
        assert unfocused.pixelColor(0, middle) != QColor(theme.colors.accent), scheme
        assert first.sizeHint() == size, scheme
    theme.apply("light")


def _tabbed_dialog(qtbot, *names: str) -> tuple[QDialog, QTabWidget]:
    """A dialog of tabs (as Settings'), each page a line edit bearing its tab's name, handed to
    qtbot to close. The dialog is returned with its tabs: a Python-made QDialog no name holds is
    deleted with its children ("Internal C++ object already deleted")."""
    dialog = QDialog()
    tabs = QTabWidget(dialog)
    QVBoxLayout(dialog).addWidget(tabs)
    for name in names:
        page = QWidget()
        QVBoxLayout(page).addWidget(QLineEdit(name, page))
        tabs.addTab(page, name)
    qtbot.addWidget(dialog)
    return dialog, tabs


def test_the_tab_the_keyboard_is_on_is_ringed_like_other_controls(
    qtbot, qapp: QApplication, theme: Theme
) -> None:
    """A dialog opening on its tabs (Settings) gives them the keyboard: the current tab is ringed
    in the accent, as a focused button is (Fusion drew nothing until a key had moved focus), and
    only while it has the keyboard."""
    for scheme in ("light", "dark"):
        theme.apply(scheme)
        dialog, tabs = _tabbed_dialog(qtbot, "Catalogs", "Downloads", "Trusted keys")
        dialog.show()
        bar = tabs.tabBar()
        bar.setFocus()  # as a dialog gives it, not by Tab
        qapp.processEvents()
        assert bar.hasFocus()
        edge = bar.tabRect(0)
        edge = (edge.left() + 1, edge.center().y())
        accent = QColor(theme.colors.accent)
        assert bar.grab().toImage().pixelColor(*edge) == accent, scheme
        size = bar.tabRect(0).size()
        tabs.widget(0).findChild(QLineEdit).setFocus()
        qapp.processEvents()
        assert bar.grab().toImage().pixelColor(*edge) != accent, scheme
        assert bar.tabRect(0).size() == size, scheme
    theme.apply("light")


def test_every_tab_keeps_its_box_whether_the_keyboard_is_on_it_or_not(
    qtbot, qapp: QApplication, theme: Theme
) -> None:
    """u2's French Settings showed « lés de confianc »: only the focused tab was styled, with no
    padding, so a tab's size changed with focus while the bar kept the size it had laid out, and
    the focused tab's text touched its ring. Every tab has the same box (a transparent ring, its
    padding) in every state; focus changes only the ring's colour."""
    for scheme in ("light", "dark"):
        theme.apply(scheme)
        dialog, tabs = _tabbed_dialog(qtbot, "Catalogues", "Télé&chargements", "Clés d&e confiance")
        dialog.show()
        bar = tabs.tabBar()
        bar.setFocus()
        tabs.setCurrentIndex(2)
        qapp.processEvents()
        assert bar.hasFocus()
        focused = [bar.tabSizeHint(i) for i in range(bar.count())]
        tabs.widget(2).findChild(QLineEdit).setFocus()
        qapp.processEvents()
        assert [bar.tabSizeHint(i) for i in range(bar.count())] == focused, scheme
        assert [bar.tabRect(i).size() for i in range(bar.count())] == focused, scheme
        bar.setFocus()
        qapp.processEvents()
        picture = bar.grab(bar.tabRect(2)).toImage()
        accent = QColor(theme.colors.accent)
        middle = picture.height() // 2
        ring = [x for x in range(picture.width()) if picture.pixelColor(x, middle) == accent]
        assert ring, scheme
        ink = [
            x
            for x in range(picture.width())
            for y in range(picture.height())
            if _contrast(picture.pixelColor(x, y), QColor(theme.colors.text)) < 1.5
        ]
        inside = [x for x in ring if x < picture.width() // 2]
        assert min(ink) > max(inside) + 2, (scheme, "the text clear of the ring")
    theme.apply("light")


@pytest.mark.parametrize(("scheme", "high"), [("light", False), ("dark", False), ("dark", True)])
def test_the_current_tab_is_of_a_piece_with_its_page(
    qtbot, qapp: QApplication, theme: Theme, scheme: str, high: bool
) -> None:
    """r13: the current tab is filled with the window colour, but Fusion filled the pane under it
    a shade lighter: in the dark theme the current tab was a dark hole above a lighter page. The
    pane is the window colour too, so the tab and its page read as one sheet."""
    theme.apply(scheme, high)  # type: ignore[arg-type]
    try:
        dialog, tabs = _tabbed_dialog(qtbot, "Catalogues", "Téléchargements", "Clés de confiance")
        dialog.resize(420, 200)
        dialog.show()
        qtbot.waitExposed(dialog)
        tabs.setCurrentIndex(1)
        tabs.widget(1).findChild(QLineEdit).setFocus()
        qtbot.waitUntil(lambda: not tabs.tabBar().hasFocus())
        qapp.processEvents()
        picture = dialog.grab().toImage()
        bar = tabs.tabBar()
        rect = bar.tabRect(1)
        in_tab = bar.mapTo(dialog, QPoint(rect.left() + 4, rect.top() + 4))
        page = tabs.widget(1)
        in_page = page.mapTo(dialog, QPoint(page.width() // 2, 2))
        window = QColor(theme.colors.window)
        tab, pane = picture.pixelColor(in_tab), picture.pixelColor(in_page)
        assert tab == window and pane == window, (scheme, high, tab.name(), pane.name())
    finally:
        theme.apply("light")


def test_a_list_items_focus_frame_leaves_its_text_clear(
    qtbot, qapp: QApplication, theme: Theme
) -> None:
    """Tab into a list makes its first item current, framed in the accent: the frame was drawn
    inside the item's text box, over the tops of "0def43fc…" and "Clé" (u2, Settings' keys)."""
    for scheme in ("light", "dark"):
        theme.apply(scheme)
        dialog = QDialog()
        items = QListWidget(dialog)
        QVBoxLayout(dialog).addWidget(items)
        items.addItems(["0def43fc89dfd0a6 — Clé du cours de démonstration", "Ég"])
        qtbot.addWidget(dialog)
        dialog.show()
        items.setFocus(Qt.FocusReason.TabFocusReason)
        qapp.processEvents()
        assert items.currentRow() == 0 and not items.selectedItems()
        rect = items.visualItemRect(items.item(0))
        picture = items.viewport().grab(rect).toImage()
        accent = QColor(theme.colors.accent)
        column = picture.width() // 2
        frame = [y for y in range(picture.height()) if picture.pixelColor(column, y) == accent]
        top = [y for y in frame if y < picture.height() // 2]
        bottom = [y for y in frame if y >= picture.height() // 2]
        assert top and bottom, scheme
        text = QColor(theme.colors.text)
        ink = [
            (x, y)
            for x in range(column)
            for y in range(picture.height())
            if _contrast(picture.pixelColor(x, y), text) < 1.5
        ]
        rows = [y for _x, y in ink]
        assert min(rows) > max(top) + 1 and max(rows) < min(bottom) - 1, (scheme, top, bottom)
        middle = picture.height() // 2
        left = [x for x in range(column) if picture.pixelColor(x, middle) == accent]
        assert left and min(x for x, _y in ink) > max(left) + 1, (scheme, left)
    theme.apply("light")


@pytest.mark.parametrize(
    ("scheme", "high"), [("light", False), ("dark", False), ("light", True), ("dark", True)]
)
@pytest.mark.parametrize("focused", [True, False])
def test_a_selected_list_item_is_filled_and_its_text_readable(
    qtbot, qapp: QApplication, theme: Theme, scheme: str, high: bool, focused: bool
) -> None:
    """r13: once list items had a border rule, the style sheet drew them itself and filled no
    selection: a selected row was its highlighted text colour on the base, white on white (every
    list: Settings, the profile chooser, the review lists, the file dialog). It is filled with
    the accent and written in the accent's text colour; with the keyboard on it, its frame is the
    focus colour (an accent frame on an accent fill would be no frame)."""
    theme.apply(scheme, high)  # type: ignore[arg-type]
    try:
        dialog = QDialog()
        items = QListWidget(dialog)
        elsewhere = QLineEdit(dialog)
        layout = QVBoxLayout(dialog)
        layout.addWidget(items)
        layout.addWidget(elsewhere)
        items.addItems(["Awa", "Binta — cb641eef18b52728"])
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        items.setCurrentRow(1)
        (items if focused else elsewhere).setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda: items.hasFocus() == focused)
        qapp.processEvents()
        assert [item.text() for item in items.selectedItems()] == ["Binta — cb641eef18b52728"]
        picture = items.viewport().grab(items.visualItemRect(items.item(1))).toImage()
        width, height = picture.width(), picture.height()
        pixels = [picture.pixelColor(x, y) for x in range(width) for y in range(height)]
        colors = theme.colors
        fill = sum(p == QColor(colors.accent) for p in pixels)
        assert fill > len(pixels) // 2, (scheme, high, focused, fill, len(pixels))
        ink = sum(_contrast(p, QColor(colors.accent_text)) < 1.5 for p in pixels)
        assert ink > 20, (scheme, high, focused, "the text in the accent's text colour")
        middle = picture.height() // 2
        edge = picture.pixelColor(0, middle)
        if focused:
            assert edge == QColor(colors.focus), (scheme, high, edge.name())
        else:
            assert edge != QColor(colors.focus), (scheme, high, edge.name())
    finally:
        theme.apply("light")


def test_a_scroll_bar_handle_stands_out_from_its_track(
    qtbot, qapp: QApplication, theme: Theme
) -> None:
    """The handle is a thing to grab: darker than the flat track in the light theme (Fusion drew
    it lighter than its groove, like a hole: Help's scroll bar looked upside down), and clearly
    apart from it in both."""
    for scheme in ("light", "dark"):
        theme.apply(scheme)
        text = QTextBrowser()
        text.setPlainText("\n".join(f"line {n}" for n in range(200)))
        text.resize(300, 300)
        qtbot.addWidget(text)
        text.show()
        qapp.processEvents()
        bar = text.verticalScrollBar()
        option = QStyleOptionSlider()
        bar.initStyleOption(option)
        control = QStyle.ComplexControl.CC_ScrollBar
        handle = bar.style().subControlRect(
            control, option, QStyle.SubControl.SC_ScrollBarSlider, bar
        )
        track = bar.style().subControlRect(
            control, option, QStyle.SubControl.SC_ScrollBarAddPage, bar
        )
        assert handle.isValid() and track.height() > 20, scheme
        picture = bar.grab().toImage()
        grip = picture.pixelColor(handle.center())
        groove = picture.pixelColor(track.center())
        if scheme == "light":
            assert grip.lightness() < groove.lightness(), (grip.name(), groove.name())
        assert _contrast(grip, groove) >= 2, (scheme, grip.name(), groove.name())
    theme.apply("light")


def test_the_menu_title_the_keyboard_is_on_is_highlighted(
    qtbot, qapp: QApplication, theme: Theme
) -> None:
    """Alt+P opens the Profile menu; Escape closes it and leaves the menu bar holding the
    keyboard on "Profile" (Qt's behaviour: Left/Right/Tab move, Enter opens, Escape leaves). That
    title is drawn on the highlight, readable: Fusion drew nothing there, so the keyboard seemed
    lost and the next Tabs did nothing visible."""
    for scheme in ("light", "dark"):
        theme.apply(scheme)
        window = QMainWindow()
        qtbot.addWidget(window)
        bar = window.menuBar()
        profile = bar.addMenu("&Profile")
        profile.addAction("&Switch profile…")
        bar.addMenu("&Course").addAction("&Library")
        window.setCentralWidget(QLineEdit(window))
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(profile.isVisible)
        qtbot.keyClick(profile, Qt.Key.Key_Escape)
        qtbot.waitUntil(profile.isHidden)
        assert bar.activeAction() is profile.menuAction() and bar.hasFocus(), scheme
        picture = bar.grab().toImage()
        title = bar.actionGeometry(profile.menuAction()).adjusted(3, 3, -3, -3)
        pixels = [
            picture.pixelColor(x, y)
            for x in range(title.left(), title.right())
            for y in range(title.top(), title.bottom())
        ]
        background = max(set(p.rgb() for p in pixels), key=[p.rgb() for p in pixels].count)
        assert QColor(background) == QColor(theme.colors.accent), scheme
        assert max(_contrast(p, QColor(background)) for p in pixels) >= 4.5, scheme
        qtbot.keyClick(bar, Qt.Key.Key_Escape)  # the second Escape gives the keyboard back
        assert bar.activeAction() is None and not bar.hasFocus(), scheme
    theme.apply("light")


def test_a_line_edit_clear_button_sits_inside_the_field(
    qtbot, qapp: QApplication, theme: Theme
) -> None:
    """The library's search (Ctrl+F, "zzz"): the theme's button padding and min-height made the
    clear button taller than Qt placed it, its cross hung over the field's bottom border."""
    for scheme in ("light", "dark"):
        theme.apply(scheme)
        window = QWidget()
        qtbot.addWidget(window)
        line = QLineEdit(window)
        line.setClearButtonEnabled(True)
        QVBoxLayout(window).addWidget(line)
        window.show()
        window.activateWindow()
        line.setFocus()  # the focus ring is the theme's widest border
        qtbot.keyClicks(line, "zzz")
        clear = next(b for b in line.findChildren(QToolButton) if b.isVisible())
        inside = line.rect().adjusted(2, 2, -2, -2)
        assert inside.contains(clear.geometry()), (scheme, clear.geometry(), line.rect())
        assert abs(clear.geometry().center().y() - line.rect().center().y()) <= 1, scheme
    theme.apply("light")


SCHEMES = [("light", False), ("dark", False), ("light", True), ("dark", True)]


def _ground(picture: QImage) -> QColor:
    return picture.pixelColor(picture.width() - 1, picture.height() - 1)


def _most_contrasting(picture: QImage, area: QRect, ground: QColor) -> float:
    return max(
        _contrast(picture.pixelColor(x, y), ground)
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    )


def _channels_apart(a: QColor, b: QColor) -> int:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))


@pytest.mark.parametrize(("scheme", "high"), SCHEMES)
def test_a_combo_boxs_drop_down_part_keeps_the_rounded_border_and_shows_its_arrow(
    qtbot, qapp: QApplication, theme: Theme, scheme: str, high: bool
) -> None:
    """Fusion drew a combo box's drop-down part as a square-cornered button: its dark right and
    bottom edges lay over the box's rounded border (review u1, Settings' language). The border
    is now the same on the right as on the left (a mirror), focused or not, and the arrow is
    still there (styled, the part draws none of its own), as clear as text on the field."""
    theme.apply(scheme, high)  # type: ignore[arg-type]
    colors = theme.colors
    window = QWidget()
    qtbot.addWidget(window)
    line = QLineEdit(window)
    combo = QComboBox(window)
    combo.addItems(["Fran\u00e7ais", "English"])
    layout = QVBoxLayout(window)
    layout.addWidget(line)
    layout.addWidget(combo)
    window.resize(300, 100)
    window.show()
    window.activateWindow()
    for focused in (line, combo):
        focused.setFocus()
        qtbot.waitUntil(focused.hasFocus)
        picture = _on_screen(combo)
        width, height = picture.width(), picture.height()
        apart = [  # the border or the focus ring (1 or 2 px) and a pixel inside, by row
            max(
                _channels_apart(picture.pixelColor(x, y), picture.pixelColor(width - 1 - x, y))
                for x in range(4)
            )
            for y in range(height)
        ]
        # the sides alike; the corners' anti-aliasing a little apart (up to 45 measured)
        assert max(apart[4:-4]) <= 16, (scheme, high, combo.hasFocus(), apart)
        assert max(apart) <= 64, (scheme, high, combo.hasFocus(), apart)
        part = QRect(width - combo.fontMetrics().height() * 2, 3, 0, height - 6)
        part.setRight(width - 5)
        arrow = [
            picture.pixelColor(x, y)
            for x in range(part.left(), part.right() + 1)
            for y in range(part.top(), part.bottom() + 1)
        ]
        seen = max(_contrast(p, QColor(colors.base)) for p in arrow)
        assert seen >= 4.5, (scheme, high, "no arrow on the field", seen)
    theme.apply("light")


@pytest.mark.parametrize(("scheme", "high"), SCHEMES)
def test_the_borders_that_tell_a_control_apart_reach_3_to_1(
    qtbot, qapp: QApplication, theme: Theme, scheme: str, high: bool
) -> None:
    """WCAG 1.4.11: a field's, a progress bar's (an empty one too) and an unchecked radio's or
    check box's outline against the window and their own ground. They were 1.5:1 (#c3c8d0 on
    #f4f5f7), and the radio's circle, Fusion's Window darker(140), 1.1:1 in the dark theme."""
    theme.apply(scheme, high)  # type: ignore[arg-type]
    c = theme.colors
    for ground in (c.window, c.base):
        assert _contrast(QColor(c.control_border), QColor(ground)) >= 3, (scheme, high, ground)
    window = QWidget()
    layout = QVBoxLayout(window)
    line, spin, combo = QLineEdit(window), QSpinBox(window), QComboBox(window)
    empty = QProgressBar(window)
    empty.setValue(0)
    radio, check = QRadioButton("23 000", window), QCheckBox("5 millions", window)
    for widget in (line, spin, combo, empty, radio, check):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    qapp.processEvents()
    ground = QColor(c.window)
    for widget in (line, spin, combo, empty):
        picture = _on_screen(widget)
        edge = picture.pixelColor(0, picture.height() // 2)
        inside = picture.pixelColor(4, picture.height() // 2)
        assert _contrast(edge, ground) >= 3, (scheme, high, type(widget).__name__, edge.name())
        assert _contrast(edge, inside) >= 3, (scheme, high, type(widget).__name__, edge.name())
    for button in (radio, check):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        element = (
            QStyle.SubElement.SE_RadioButtonIndicator
            if button is radio
            else QStyle.SubElement.SE_CheckBoxIndicator
        )
        indicator = button.style().subElementRect(element, option, button)
        picture = _on_screen(button)
        assert _ground(picture) == ground, scheme  # the check box's own Window is never painted
        outline = _most_contrasting(picture, indicator, ground)
        assert outline >= 3, (scheme, high, type(button).__name__, outline)
    theme.apply("light")


def _longest_line(picture: QImage, area: QRect, ground: QColor) -> int:
    """The longest row of pixels in `area` each at 3:1 or more on `ground`."""
    longest = 0
    for y in range(area.top(), area.bottom() + 1):
        run = 0
        for x in range(area.left(), area.right() + 1):
            run = run + 1 if _contrast(picture.pixelColor(x, y), ground) >= 3 else 0
            longest = max(longest, run)
    return longest


@pytest.mark.parametrize(("scheme", "high"), SCHEMES)
def test_a_course_cards_empty_progress_bar_stands_out_from_the_card(  # type: ignore[no-untyped-def]
    qtbot, theme: Theme, window: MainWindow, services: ShellServices, scheme: str, high: bool
) -> None:
    """WCAG 1.4.11 on the library's cards: a course at 0 % showed its bar as a track of
    alt_base on the card's Base (1.1:1 to 1.2:1 in the four themes): nothing showed a bar. Its
    outline is a line of control_border, 3:1 on the card, across the bar's width (over a third
    of the card); below the cover nothing else but the text and the badge is drawn."""
    studying(window, services)  # a new learner: the demo course at 0 %
    view = window.library_view
    assert view is not None and view.model.cards[0].completion == 0
    theme.apply(scheme, high)  # type: ignore[arg-type]
    qtbot.waitUntil(
        lambda: view.palette().color(QPalette.ColorRole.Base) == QColor(theme.colors.base)
    )
    card = view.cards.visualRect(view.filter.index(0, 0))
    picture = view.cards.surface.grab().toImage()
    pad = max(4, view.cards.fontMetrics().height() // 3)  # the delegate's margins
    inside = card.adjusted(pad + 3, pad + 3, -pad - 3, -pad - 3)
    below_cover = inside.adjusted(0, (inside.width() * 9) // 16 + 3, 0, 0)
    ground = view.palette().color(QPalette.ColorRole.Base)
    assert picture.pixelColor(below_cover.topLeft()) == ground, (scheme, high)
    longest = _longest_line(picture, below_cover, ground)
    assert longest >= card.width() // 3, (scheme, high, longest, card.width())
    theme.apply("light")


def _quiz_buttons() -> tuple[QWidget, QPushButton, QPushButton]:
    """As the quiz page has them, in the main window (not a dialog): "Check" primary, the
    others pressed by Enter when focused (auto-default)."""
    page = QWidget()
    layout = QHBoxLayout(page)
    answer = QRadioButton("160 000", page)
    check, following = Button("Check", page), Button("Next question", page)
    check.setObjectName("primary")
    for button in (check, following):
        button.setAutoDefault(True)
    for widget in (answer, check, following):
        layout.addWidget(widget)
    return page, check, following


@pytest.mark.parametrize(("scheme", "high"), SCHEMES)
def test_a_focused_button_is_ringed_not_filled_like_the_primary_one(
    qtbot, qapp: QApplication, theme: Theme, scheme: str, high: bool
) -> None:
    """One Tab from an answer put the keyboard on "Next question", which Qt then treats as
    default: it was filled with the accent like "Check", the primary button, and only a 1 px
    darker border told them apart. Focus is a ring in its own colour outside the button; the
    fill stays the primary's, and the focused primary shows both."""
    theme.apply(scheme, high)  # type: ignore[arg-type]
    c = theme.colors
    page, check, following = _quiz_buttons()
    qtbot.addWidget(page)
    page.show()
    page.findChild(QRadioButton).setFocus()
    qapp.processEvents()
    unfocused_primary = _on_screen(check)
    unfocused_other = _on_screen(following)
    following.setFocus(Qt.FocusReason.TabFocusReason)
    qapp.processEvents()
    assert following.hasFocus() and following.isDefault()  # what made it look primary
    focused_other = _on_screen(following)
    middle = focused_other.height() // 2
    ring, fill = QColor(c.focus), QColor(c.accent)
    # the focused button: a ring, its own fill kept, nothing like the primary's
    assert focused_other.pixelColor(0, middle) == ring, scheme
    assert focused_other.pixelColor(8, middle) == QColor(c.button), scheme
    assert unfocused_other.pixelColor(8, middle) == QColor(c.button), scheme
    assert _on_screen(check) == unfocused_primary  # the primary untouched by it
    primary_edge = unfocused_primary.pixelColor(0, middle)
    assert primary_edge == QColor(c.window), scheme  # the primary has no ring...
    assert unfocused_primary.pixelColor(8, middle) == fill, scheme  # ...only its fill
    assert _contrast(ring, primary_edge) >= 3, (scheme, high)  # the ring shows on the window
    assert ring != fill and _contrast(ring, QColor(c.button)) >= 3, (scheme, high)
    # the focused primary: both the ring and its fill
    check.setFocus(Qt.FocusReason.BacktabFocusReason)
    qapp.processEvents()
    focused_primary = _on_screen(check)
    assert focused_primary.pixelColor(0, middle) == ring, scheme
    assert focused_primary.pixelColor(8, middle) == fill, scheme
    assert _on_screen(following) == unfocused_other, scheme
    theme.apply("light")


def test_the_focus_ring_takes_no_room(qtbot, qapp: QApplication, theme: Theme) -> None:
    """The ring is drawn in a margin every button keeps: a plain push button asks the same size
    focused or not, so its text is never cut when the keyboard lands on it."""
    window = QWidget()
    layout = QHBoxLayout(window)
    plain, other = QPushButton("Finish the quiz", window), QPushButton("Previous", window)
    layout.addWidget(plain)
    layout.addWidget(other)
    qtbot.addWidget(window)
    window.show()
    other.setFocus()
    qapp.processEvents()
    size = plain.sizeHint()
    plain.setFocus(Qt.FocusReason.TabFocusReason)
    qapp.processEvents()
    assert plain.hasFocus() and plain.sizeHint() == size


def test_high_contrast_is_followed_when_the_system_changes_it(
    qtbot, qapp: QApplication, theme: Theme, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt 6.10+ tells the system's contrast preference and signals its changes: the theme takes
    the high-contrast variant (stronger borders and secondary text) as they come."""
    normal = colors_for("light")
    high = colors_for("light", high=True)
    assert _contrast(QColor(high.text), QColor(high.window)) > _contrast(
        QColor(normal.text), QColor(normal.window)
    )
    for field in ("muted", "border", "control_border"):
        stronger = _contrast(QColor(getattr(high, field)), QColor(high.window))
        assert stronger > _contrast(QColor(getattr(normal, field)), QColor(normal.window)), field
    monkeypatch.setenv("CARTABLE_COLOR_SCHEME", "light")
    hints = QGuiApplication.styleHints().accessibility()
    monkeypatch.setenv("CARTABLE_CONTRAST", "high")
    hints.contrastPreferenceChanged.emit(Qt.ContrastPreference.HighContrast)
    assert theme.high_contrast and theme.colors == high
    assert qapp.palette().color(QPalette.ColorRole.Text) == QColor(high.text)
    assert colors_from_palette(qapp.palette()) == high
    monkeypatch.setenv("CARTABLE_CONTRAST", "normal")
    hints.contrastPreferenceChanged.emit(Qt.ContrastPreference.NoPreference)
    assert not theme.high_contrast and theme.colors == normal
    theme.apply("light")

"""A combo box's arrow (player/ui/theme.py, resources/icons/combo-arrow-<rrggbb>.svg) in the
colour of the box's text: the muted one when the box is disabled (it kept a full-strength arrow
beside greyed text), the exact text colour of each scheme and contrast (the high-contrast ones
used the normal scheme's), and found wherever the player is installed: a folder whose path holds
a backslash or a double quote cut the style sheet's url("...") (review r10)."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QComboBox, QVBoxLayout, QWidget

from player.paths import resources_dir
from player.ui import theme as theme_module
from player.ui.theme import Colors, Theme, colors_for

SCHEMES = [("light", False), ("dark", False), ("light", True), ("dark", True)]


def _apart(a: QColor, b: QColor) -> int:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue()))


def _arrow_colour(combo: QComboBox, colors: Colors) -> QColor:
    """The colour of the drop-down part's pixel farthest from the field's ground: the middle of
    the arrow, where no anti-aliasing reaches."""
    window = combo.window()
    picture: QImage = window.grab(QRect(combo.mapTo(window, QPoint(0, 0)), combo.size())).toImage()
    width, height = picture.width(), picture.height()
    ground = QColor(colors.base)
    part = range(width - combo.fontMetrics().height() * 2, width - 5), range(3, height - 3)
    pixels = [picture.pixelColor(x, y) for x in part[0] for y in part[1]]
    return max(pixels, key=lambda p: _apart(p, ground))


def _combos(qtbot) -> tuple[QWidget, QComboBox, QComboBox]:  # type: ignore[no-untyped-def]
    """A shown window holding an enabled and a disabled combo box (kept by the caller)."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    enabled, disabled = QComboBox(window), QComboBox(window)
    for combo in (enabled, disabled):
        combo.addItems(["Fran\u00e7ais", "English"])
        layout.addWidget(combo)
    disabled.setEnabled(False)
    window.resize(300, 100)
    window.show()
    qtbot.waitExposed(window)
    return window, enabled, disabled


@pytest.mark.parametrize(("scheme", "high"), SCHEMES)
def test_a_disabled_combo_boxs_arrow_is_muted_like_its_text(
    qtbot, qapp: QApplication, theme: Theme, scheme: str, high: bool
) -> None:
    theme.apply(scheme, high)  # type: ignore[arg-type]
    colors = theme.colors
    try:
        _window, enabled, disabled = _combos(qtbot)
        seen = _arrow_colour(enabled, colors)
        assert _apart(seen, QColor(colors.text)) <= 8, (scheme, high, seen.name(), colors.text)
        seen = _arrow_colour(disabled, colors)
        assert _apart(seen, QColor(colors.muted)) <= 8, (scheme, high, seen.name(), colors.muted)
    finally:
        theme.apply("light")


@pytest.mark.parametrize(("scheme", "high"), SCHEMES)
def test_every_arrow_the_theme_names_is_shipped_in_its_colour(scheme: str, high: bool) -> None:
    """A file per colour: a colour changed in colors_for without its arrow fails here, not as a
    combo box without an arrow."""
    colors = colors_for(scheme, high=high)  # type: ignore[arg-type]
    for colour in (colors.text, colors.muted):
        path = Path(theme_module.combo_arrow(colour))
        assert path.parent == resources_dir() / "icons"
        fills = re.findall(r'fill="(#[0-9a-fA-F]{6})"', path.read_text(encoding="utf-8"))
        assert fills == [colour.lower()], (path.name, fills)


def test_the_arrow_is_found_under_a_folder_with_a_backslash_and_a_quote(
    qtbot, qapp: QApplication, theme: Theme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installed under `my "apps"/back\\slash`: the path is escaped in url("..."), so the rule
    still reads to its end and the arrow is drawn."""
    installed = tmp_path / 'my "apps"' / "back\\slash" / "resources"
    shutil.copytree(resources_dir() / "icons", installed / "icons")
    try:
        with monkeypatch.context() as patch:
            patch.setattr(theme_module, "resources_dir", lambda: installed)
            theme.apply("light")
            _window, enabled, disabled = _combos(qtbot)
            colors = theme.colors
            assert _apart(_arrow_colour(enabled, colors), QColor(colors.text)) <= 8
            assert _apart(_arrow_colour(disabled, colors), QColor(colors.muted)) <= 8
            written = theme_module.combo_arrow("#1B1D21")
            assert written.endswith(
                '/my \\"apps\\"/back\\\\slash/resources/icons/combo-arrow-1b1d21.svg'
            )
    finally:
        theme.apply("light")


def test_a_colour_without_its_arrow_file_takes_the_arrow_of_its_lightness(
    qtbot,
    qapp: QApplication,
    theme: Theme,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """r13: a colour whose SVG was not shipped drew no arrow at all, silently. It takes the light
    or the dark scheme's text arrow by its lightness, and the log says which file is missing."""
    installed = tmp_path / "resources"
    (installed / "icons").mkdir(parents=True)
    for kept in ("combo-arrow-1b1d21.svg", "combo-arrow-e8e8ea.svg"):  # the two text arrows
        shutil.copy(resources_dir() / "icons" / kept, installed / "icons" / kept)
    try:
        with monkeypatch.context() as patch, caplog.at_level(logging.WARNING):
            patch.setattr(theme_module, "resources_dir", lambda: installed)
            assert theme_module.combo_arrow("#204080").endswith("/combo-arrow-1b1d21.svg")
            assert theme_module.combo_arrow("#c0c4cc").endswith("/combo-arrow-e8e8ea.svg")
            assert "combo-arrow-204080.svg" in caplog.text
            for scheme in ("light", "dark"):
                theme.apply(scheme, True)  # type: ignore[arg-type]
                _window, enabled, _disabled = _combos(qtbot)
                colors = theme.colors
                fallback = colors_for(scheme).text  # type: ignore[arg-type]
                seen = _arrow_colour(enabled, colors)
                assert _apart(seen, QColor(fallback)) <= 8, (scheme, seen.name(), fallback)
    finally:
        theme.apply("light")

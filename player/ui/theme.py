"""Light and dark palettes that follow the system's colour scheme, and a visible keyboard focus.

Fusion everywhere, so the app looks the same on every desktop and in the offscreen tests; the
palette switches live when the system scheme changes. `CARTABLE_COLOR_SCHEME=dark|light` forces
one (screenshots, tests, a lab admin who wants it). Sizes are in points and layouts, never fixed
pixels, so 200% scaling (QT_SCALE_FACTOR=2) stays usable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Literal

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

Scheme = Literal["light", "dark"]
SCHEME_ENV = "CARTABLE_COLOR_SCHEME"
DEFAULT_ACCENT = "#1f6feb"
#: The frame drawn inside the current row of a focused list (px): list rows that must keep their
#: text clear of it are made that much taller (`AssessmentView`'s results and review).
FOCUS_OUTLINE = 2


@dataclass(frozen=True)
class Colors:
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    button: str
    border: str
    accent: str
    accent_text: str
    good: str
    bad: str
    warn: str


def colors_for(scheme: Scheme, accent: str = DEFAULT_ACCENT) -> Colors:
    if scheme == "dark":
        return Colors(
            window="#1e1f22",
            base="#26282c",
            alt_base="#2d3035",
            text="#e8e8ea",
            muted="#a4a7ad",
            button="#33363b",
            border="#4a4e55",
            accent=_lighter(accent),
            accent_text="#0b0c0e",
            good="#4cc38a",
            bad="#f2746b",
            warn="#e5b341",
        )
    return Colors(
        window="#f4f5f7",
        base="#ffffff",
        alt_base="#eef0f3",
        text="#1b1d21",
        muted="#5b616b",
        button="#e9ebef",
        border="#c3c8d0",
        accent=accent,
        accent_text="#ffffff",
        good="#1a7f4b",
        bad="#c0362c",
        warn="#8a5a00",
    )


def _lighter(color: str) -> str:
    return QColor(color).lighter(150).name()


def _mix(one: str, two: str) -> str:
    """The colour halfway between two."""
    a, b = QColor(one), QColor(two)
    return QColor(
        (a.red() + b.red()) // 2, (a.green() + b.green()) // 2, (a.blue() + b.blue()) // 2
    ).name()


def system_scheme() -> Scheme:
    forced = os.environ.get(SCHEME_ENV, "").strip().lower()
    if forced in ("dark", "light"):
        return forced  # type: ignore[return-value]
    hint = QGuiApplication.styleHints().colorScheme()
    return "dark" if hint == Qt.ColorScheme.Dark else "light"


def palette_for(c: Colors) -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    for role, value in (
        (roles.Window, c.window),
        (roles.WindowText, c.text),
        (roles.Base, c.base),
        (roles.AlternateBase, c.alt_base),
        (roles.Text, c.text),
        (roles.PlaceholderText, c.muted),
        (roles.Button, c.button),
        (roles.ButtonText, c.text),
        (roles.ToolTipBase, c.base),
        (roles.ToolTipText, c.text),
        (roles.Highlight, c.accent),
        (roles.HighlightedText, c.accent_text),
        (roles.Link, c.accent),
        (roles.Mid, c.border),
        (roles.Accent, c.accent),
    ):
        p.setColor(role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(disabled, role, QColor(c.muted))
    return p


def scroll_bar_palette(c: Colors) -> QPalette:
    """The palette plus the bevel of a scroll bar's arrow buttons, lit and shaded from the button
    colour (the style's defaults are a light theme's: white edges in the dark one)."""
    p = palette_for(c)
    button = QColor(c.button)
    roles = QPalette.ColorRole
    for role, color in (
        (roles.Light, button.lighter(130)),
        (roles.Midlight, button.lighter(115)),
        (roles.Dark, button.darker(150)),
        (roles.Shadow, button.darker(250)),
    ):
        p.setColor(role, color)
    return p


def style_sheet(c: Colors) -> str:
    """Only what the palette cannot say: a focus ring that cannot be missed, roomy controls.

    A dialog's default button (what Enter presses) is filled with the accent, never outlined:
    an outline is the focus ring, and a dialog must not seem to have two focused controls; a
    primary or default button that cannot be pressed loses the fill, like any disabled one. A
    check box or a radio button keeps a transparent border the width of the ring, so focus never
    moves its label.

    A combo box's list is painted as menu items taking the box's own rule (its base background),
    so the item under the keyboard is given the highlight and its text explicitly: without it,
    the highlighted text colour was drawn on the base colour, white on white. Every item has a
    rule, so every item is laid out alike, with a check mark on the current choice.

    The menu bar's title under the keyboard gets the same highlight: Fusion draws it only while
    its menu is open, so after Alt+letter then Escape the bar kept the keyboard (Left/Right/Tab
    move between titles, Enter opens one, Escape leaves) with nothing shown. The current tab of a
    tab bar with the keyboard is ringed too: Fusion drew its focus only after a key had moved
    focus, so a dialog opening on its tabs (Settings) showed no focus at all.

    In a focused list, tree or table the item under the keyboard is framed with the accent,
    selected or not: `outline: none` (no dotted frame inside a button) had taken the item's frame
    away too, and Tab into a list makes its first item current without selecting it.

    A scroll bar's handle is darker than its flat track, as a thing to grab (Fusion draws it as a
    raised button lighter than its groove, which reads as a hole); the arrows stay the style's.

    A line edit's clear button is a QToolButton the line edit places and paints itself: the
    buttons' padding and min-height made it taller than Qt placed it, so its cross hung over the
    field's bottom border (the library's and the catalog's search)."""
    handle = _mix(c.border, c.muted)
    return f"""
QPushButton, QToolButton {{
    background: {c.button}; color: {c.text}; border: 1px solid {c.border};
    border-radius: 4px; padding: 0.3em 0.9em; min-height: 1.4em;
}}
QPushButton:hover, QToolButton:hover {{ border-color: {c.accent}; }}
QPushButton:pressed, QToolButton:pressed {{ background: {c.alt_base}; }}
QPushButton:disabled, QToolButton:disabled {{ color: {c.muted}; }}
QPushButton:default, QPushButton#primary {{
    background: {c.accent}; color: {c.accent_text}; border-color: {c.accent};
}}
QPushButton:default:disabled, QPushButton#primary:disabled {{
    background: {c.button}; color: {c.muted}; border-color: {c.border};
}}
QCheckBox, QRadioButton {{
    border: 2px solid transparent; border-radius: 4px; padding: 0.1em 0.3em;
}}
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QComboBox:focus, QListView:focus,
QTreeView:focus, QTableView:focus, QTextBrowser:focus, QCheckBox:focus, QRadioButton:focus,
QSpinBox:focus, QSlider:focus {{
    border: 2px solid {c.accent}; outline: none;
}}
QListView:focus, QTreeView:focus, QTableView:focus {{
    outline: {FOCUS_OUTLINE}px solid {c.accent};
}}
QTabBar::tab:focus {{ border: 2px solid {c.accent}; border-radius: 3px; }}
QPushButton:default:focus {{ border: 2px solid {c.text}; }}
QPushButton#primary:focus {{ border: 3px solid {c.text}; }}
QLineEdit, QComboBox, QSpinBox {{
    background: {c.base}; border: 1px solid {c.border}; border-radius: 4px; padding: 0.25em 0.4em;
}}
QLineEdit QToolButton {{ border: none; padding: 0; min-height: 0; }}
QComboBox::item {{ color: {c.text}; background: {c.base}; }}
QMenuBar::item {{ background: transparent; padding: 0.2em 0.6em; }}
QMenuBar::item:selected {{ background: {c.accent}; color: {c.accent_text}; border-radius: 3px; }}
QComboBox::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}
QListView, QTreeView, QTextBrowser {{ border: 1px solid {c.border}; border-radius: 4px; }}
QListView#cards {{ border: none; background: transparent; }}
QLabel#muted {{ color: {c.muted}; }}
QLabel#heading {{ font-size: 15pt; font-weight: 600; }}
QLabel#subheading {{ font-size: 11pt; font-weight: 600; }}
QFrame#banner {{ background: {c.alt_base}; border: 1px solid {c.border}; border-radius: 6px; }}
QProgressBar {{
    border: 1px solid {c.border}; border-radius: 3px; background: {c.base};
    text-align: center; max-height: 0.9em;
}}
QProgressBar::chunk {{ background: {c.accent}; border-radius: 2px; }}
QScrollBar:vertical {{ background: {c.alt_base}; width: 1em; margin: 1em 0; }}
QScrollBar:horizontal {{ background: {c.alt_base}; height: 1em; margin: 0 1em; }}
QScrollBar::handle {{ background: {handle}; border-radius: 3px; margin: 2px; }}
QScrollBar::handle:vertical {{ min-height: 1.5em; }}
QScrollBar::handle:horizontal {{ min-width: 1.5em; }}
QScrollBar::handle:hover, QScrollBar::handle:pressed {{ background: {c.muted}; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QScrollBar::sub-line:vertical {{
    height: 1em; subcontrol-position: top; subcontrol-origin: margin;
}}
QScrollBar::add-line:vertical {{
    height: 1em; subcontrol-position: bottom; subcontrol-origin: margin;
}}
QScrollBar::sub-line:horizontal {{
    width: 1em; subcontrol-position: left; subcontrol-origin: margin;
}}
QScrollBar::add-line:horizontal {{
    width: 1em; subcontrol-position: right; subcontrol-origin: margin;
}}
"""


#: Command-line arguments giving a new QApplication the style every theme here is made for.
STYLE_ARGS = ["-style", "Fusion"]


class Theme(QObject):
    """Applies the palette for the current scheme and re-applies it when the system changes."""

    def __init__(self, app: QApplication, accent: str = "", *, set_style: bool = True) -> None:
        """`set_style=False` when the application was made with `STYLE_ARGS` (the player's start:
        setting the style here hands back a QStyle, and PySide builds its Python type and 600
        enum members, 5 ms of a cold start)."""
        super().__init__(app)
        self.app = app
        self.accent = accent if accent and QColor(accent).isValid() else DEFAULT_ACCENT
        self.scheme: Scheme = "light"
        self.colors = colors_for("light", self.accent)
        if set_style:
            style = QStyleFactory.create("Fusion")
            if style is not None:
                app.setStyle(style)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)
        self.apply(system_scheme())

    def apply(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self.colors = colors_for(scheme, self.accent)
        self.app.setPalette(palette_for(self.colors))
        self.app.setPalette(scroll_bar_palette(self.colors), "QScrollBar")
        self.app.setStyleSheet(style_sheet(self.colors))

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        self.apply(system_scheme())


def colors_from_palette(palette: QPalette) -> Colors:
    """The colours matching a palette (painted widgets: delegates, icons)."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    chosen = palette.color(QPalette.ColorRole.Highlight).name()
    colors = colors_for("dark" if dark else "light", DEFAULT_ACCENT)
    return replace(colors, accent=chosen)

"""Light and dark palettes that follow the system's colour scheme, and a visible keyboard focus.

Fusion everywhere, so the app looks the same on every desktop and in the offscreen tests; the
palette switches live when the system scheme changes. `CARTABLE_COLOR_SCHEME=dark|light` forces
one (screenshots, tests, a lab admin who wants it). Sizes are in points and layouts, never fixed
pixels, so 200% scaling (QT_SCALE_FACTOR=2) stays usable.

The borders that tell a control apart (a field, a progress bar, a radio button's circle) reach
3:1 against what surrounds them (WCAG 1.4.11); separators may stay subtle. When the system asks
for high contrast (Qt's contrast preference, or `CARTABLE_CONTRAST=high|normal` to force it) a
stronger variant of each palette is used, and it follows the system's changes live.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, replace
from typing import Literal

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from player.paths import resources_dir

log = logging.getLogger(__name__)

Scheme = Literal["light", "dark"]
SCHEME_ENV = "CARTABLE_COLOR_SCHEME"
CONTRAST_ENV = "CARTABLE_CONTRAST"
DEFAULT_ACCENT = "#1f6feb"
# The frame drawn inside the current row of a focused list (px): every list item's border, so
# every row is laid out with room for it around its text.
FOCUS_OUTLINE = 2
# A push button's focus ring (px): drawn in its margin, outside its own 1 px border, so the label
# never moves and a filled (primary) button keeps its fill inside the ring.
FOCUS_RING = 3


@dataclass(frozen=True)
class Colors:
    """The colours of one theme (light, dark, high contrast) with its accent."""

    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    button: str
    # separators and containers (a list's frame, a banner): may stay subtle
    border: str
    # what tells a control apart (a field, a progress bar, a radio's circle): 3:1 on its ground
    control_border: str
    # the ring around the button or card the keyboard is on: never the accent, which means
    # "primary" on a button and "selected" on a card
    focus: str
    accent: str
    accent_text: str
    good: str
    bad: str
    warn: str


def colors_for(scheme: Scheme, accent: str = DEFAULT_ACCENT, *, high: bool = False) -> Colors:
    """`high`: the system asked for high contrast: black and white grounds, darker (lighter)
    borders and secondary text."""
    if scheme == "dark":
        colors = Colors(
            window="#1e1f22",
            base="#26282c",
            alt_base="#2d3035",
            text="#e8e8ea",
            muted="#a4a7ad",
            button="#33363b",
            border="#4a4e55",
            control_border="#80858e",
            focus="#e8e8ea",
            accent=_lighter(accent),
            accent_text="#0b0c0e",
            good="#4cc38a",
            bad="#f2746b",
            warn="#e5b341",
        )
        if high:
            colors = replace(
                colors,
                window="#000000",
                base="#0e0f11",
                alt_base="#1a1b1e",
                text="#ffffff",
                muted="#d2d4d8",
                button="#24262a",
                border="#9a9ea6",
                control_border="#d2d4d8",
                focus="#ffffff",
            )
        return colors
    colors = Colors(
        window="#f4f5f7",
        base="#ffffff",
        alt_base="#eef0f3",
        text="#1b1d21",
        muted="#5b616b",
        button="#e9ebef",
        border="#c3c8d0",
        control_border="#767b84",
        focus="#1b1d21",
        accent=accent,
        accent_text="#ffffff",
        good="#1a7f4b",
        bad="#c0362c",
        warn="#8a5a00",
    )
    if high:
        colors = replace(
            colors,
            window="#ffffff",
            alt_base="#e6e8ec",
            text="#000000",
            muted="#33373d",
            button="#e6e8ec",
            border="#6b7079",
            control_border="#1b1d21",
            focus="#000000",
        )
    return colors


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


def system_high_contrast() -> bool:
    """The system's contrast preference (Qt 6.10+), unless `CARTABLE_CONTRAST` forces one."""
    forced = os.environ.get(CONTRAST_ENV, "").strip().lower()
    if forced in ("high", "normal"):
        return forced == "high"
    hints = QGuiApplication.styleHints().accessibility()
    return hints.contrastPreference() == Qt.ContrastPreference.HighContrast


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


def indicator_palette(c: Colors) -> QPalette:
    """The palette of check boxes and radio buttons: Fusion draws their box's or circle's outline
    as the Window colour darker(140) (the Text colour only under a platform high-contrast theme),
    no role of its own: 1.1:1 on the dark ground, 2.3:1 on the light one. A check box paints no
    Window ground, so its Window is set to what darkens into `control_border`."""
    p = palette_for(c)
    p.setColor(QPalette.ColorRole.Window, QColor(c.control_border).lighter(140))
    return p


def combo_arrow(color: str) -> str:
    """The drop-down arrow's image in `color` (resources/icons/combo-arrow-<rrggbb>.svg: one for
    the text and one for the muted text of each scheme and contrast), as a style sheet's
    url("...") reads it: forward slashes on every system, a backslash or a double quote in the
    installation's folder escaped (unescaped, the rule was cut there and no arrow drawn).

    A colour without its file (a new colour in `colors_for`, an installation missing one) takes
    the light or the dark scheme's text arrow, by its lightness, with a warning in the log: a
    missing image drew no arrow at all."""
    icons = resources_dir() / "icons"
    path = icons / f"combo-arrow-{QColor(color).name()[1:]}.svg"
    if not path.is_file():
        scheme: Scheme = "dark" if QColor(color).lightness() >= 128 else "light"
        fallback = icons / f"combo-arrow-{QColor(colors_for(scheme).text).name()[1:]}.svg"
        log.warning("no combo box arrow %s: %s instead", path, fallback.name)
        path = fallback
    return path.as_posix().replace("\\", "\\\\").replace('"', '\\"')


def style_sheet(c: Colors) -> str:
    """Only what the palette cannot say: a focus ring that cannot be missed, roomy controls.

    A button's focus ring is a thick ring in the focus colour (text-dark, or text-light), drawn in
    a margin every button keeps, outside its own border, never a fill: the accent fill says
    "primary" (`#primary`, or a dialog's default button: what Enter presses there). A focused
    primary button shows both, its fill inside the ring. Outside a dialog, a button Qt makes
    "default" because it has the keyboard (an auto-default button) is not filled: that was the
    focus looking like a second primary button ("Check" and "Next question" both blue). A primary
    or default button that cannot be pressed loses the fill, like any disabled one. A check box or
    a radio button keeps a transparent border the width of the ring, so focus never moves its
    label.

    A combo box's list is painted as menu items taking the box's own rule (its base background),
    so the item under the keyboard is given the highlight and its text explicitly: without it,
    the highlighted text colour was drawn on the base colour, white on white. Every item has a
    rule, so every item is laid out alike, with a check mark on the current choice.

    The menu bar's title under the keyboard gets the same highlight: Fusion draws it only while
    its menu is open, so after Alt+letter then Escape the bar kept the keyboard (Left/Right/Tab
    move between titles, Enter opens one, Escape leaves) with nothing shown. The current tab of a
    tab bar with the keyboard is ringed too: Fusion drew its focus only after a key had moved
    focus, so a dialog opening on its tabs (Settings) showed no focus at all. Every tab has the
    same box in every state (a ring, transparent until focused, and padding inside it): styled
    only when focused, a tab changed size with focus while the bar kept its first layout, which
    clipped one (« lés de confianc ») and put the focused tab's text against its ring.

    In a focused list, tree or table the item under the keyboard is framed with the accent,
    selected or not: `outline: none` (no dotted frame inside a button) had taken the item's frame
    away too, and Tab into a list makes its first item current without selecting it. A list's
    frame is its items' border, transparent until focused, with padding inside: the outline was
    drawn inside the item's text box, over the tops of its letters. With that border rule the
    style sheet draws the items itself and no longer fills the selection (a selected row was its
    highlighted text on the base, white on white): a selected item is filled with the accent, and
    framed in the focus colour while the keyboard is on it (an accent frame on it would not show).

    The current tab is the window colour and joins a pane of the window colour: Fusion filled the
    pane a shade lighter, so the current tab was a dark hole above its page in the dark theme.

    A scroll bar's handle is darker than its flat track, as a thing to grab (Fusion draws it as a
    raised button lighter than its groove, which reads as a hole); the arrows stay the style's.

    A combo box's drop-down part is given no border and its arrow an image of the text's colour,
    the muted text's when the box is disabled, like its text: Fusion drew it as a square-cornered
    button whose dark right and bottom edges lay over the box's rounded border (a dark corner);
    styled, the part draws no arrow of its own.

    A field that takes nothing now (a line edit, a combo or spin box disabled) is filled with the
    window's colour, its text muted: with the base's white of every field, Import records' "Name
    of the new profile" looked as editable as ever while an existing profile was chosen (shared-lab
    run f6 #4).

    A line edit's clear button is a QToolButton the line edit places and paints itself: the
    buttons' padding and min-height made it taller than Qt placed it, so its cross hung over the
    field's bottom border (the library's and the catalog's search). In Qt's own file dialog the
    same padding left its six tool buttons (Back, Forward, Parent, New folder, the two views)
    no room for their 16 px icons: they showed blank."""
    handle = _mix(c.border, c.muted)
    margin = FOCUS_RING - 1  # the ring's room outside the 1 px border
    return f"""
QPushButton, QToolButton {{
    background: {c.button}; color: {c.text}; border: 1px solid {c.border};
    border-radius: 4px; padding: 0.3em 0.9em; min-height: 1.4em;
}}
QPushButton {{ margin: {margin}px; }}
QPushButton:hover, QToolButton:hover {{ border-color: {c.accent}; }}
QPushButton:pressed, QToolButton:pressed {{ background: {c.alt_base}; }}
QPushButton:disabled, QToolButton:disabled {{ color: {c.muted}; }}
QDialog QPushButton:default, QPushButton#primary {{
    background: {c.accent}; color: {c.accent_text}; border-color: {c.accent};
}}
QDialog QPushButton:default:disabled, QPushButton#primary:disabled {{
    background: {c.button}; color: {c.muted}; border-color: {c.border};
}}
QCheckBox, QRadioButton {{
    border: 2px solid transparent; border-radius: 4px; padding: 0.1em 0.3em;
}}
QToolButton:focus, QLineEdit:focus, QComboBox:focus, QListView:focus, QTreeView:focus,
QTableView:focus, QTextBrowser:focus, QCheckBox:focus, QRadioButton:focus, QSpinBox:focus,
QSlider:focus {{
    border: 2px solid {c.accent}; outline: none;
}}
QPushButton:focus {{
    border: {FOCUS_RING}px solid {c.focus}; border-radius: 6px; margin: 0; outline: none;
}}
QDialog QPushButton:default:focus, QPushButton#primary:focus {{ border-color: {c.focus}; }}
QTreeView:focus, QTableView:focus {{ outline: {FOCUS_OUTLINE}px solid {c.accent}; }}
QListView::item {{ border: {FOCUS_OUTLINE}px solid transparent; padding: 1px 2px; }}
QListView::item:focus {{ border-color: {c.accent}; }}
QListView::item:selected {{ background: {c.accent}; color: {c.accent_text}; }}
QListView::item:selected:focus {{ border-color: {c.focus}; }}
QTabBar::tab {{
    background: {c.button}; color: {c.text}; border: 2px solid transparent;
    border-top-left-radius: 4px; border-top-right-radius: 4px; padding: 0.25em 0.8em;
    margin-right: 2px;
}}
QTabBar::tab:selected {{
    background: {c.window}; border-color: {c.border}; border-bottom-color: {c.window};
}}
QTabBar::tab:focus {{ border-color: {c.accent}; }}
QTabWidget::pane {{ border: 1px solid {c.border}; background: {c.window}; top: -2px; }}
QLineEdit, QComboBox, QSpinBox {{
    background: {c.base}; border: 1px solid {c.control_border}; border-radius: 4px;
    padding: 0.25em 0.4em;
}}
QLineEdit:disabled, QComboBox:disabled, QSpinBox:disabled {{
    background: {c.window}; color: {c.muted};
}}
QLineEdit QToolButton {{ border: none; padding: 0; min-height: 0; margin: 0; }}
QFileDialog QToolButton {{ padding: 0.15em; }}
QComboBox::drop-down {{ border: none; width: 1.6em; }}
QComboBox::down-arrow {{ image: url("{combo_arrow(c.text)}"); width: 0.6em; height: 0.6em; }}
QComboBox::down-arrow:disabled {{ image: url("{combo_arrow(c.muted)}"); }}
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
    border: 1px solid {c.control_border}; border-radius: 3px; background: {c.base};
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


# Command-line arguments giving a new QApplication the style every theme here is made for.
STYLE_ARGS = ["-style", "Fusion"]


class Theme(QObject):
    """Applies the palette for the current scheme and contrast, and re-applies it when the system
    changes either."""

    def __init__(self, app: QApplication, accent: str = "", *, set_style: bool = True) -> None:
        """`set_style=False` when the application was made with `STYLE_ARGS` (the player's start:
        setting the style here hands back a QStyle, and PySide builds its Python type and 600
        enum members, 5 ms of a cold start)."""
        super().__init__(app)
        self.app = app
        self.accent = accent if accent and QColor(accent).isValid() else DEFAULT_ACCENT
        self.scheme: Scheme = "light"
        self.high_contrast = False
        self.colors = colors_for("light", self.accent)
        if set_style:
            style = QStyleFactory.create("Fusion")
            if style is not None:
                app.setStyle(style)
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._system_changed)
        hints.accessibility().contrastPreferenceChanged.connect(self._system_changed)
        self.apply(system_scheme(), system_high_contrast())

    def apply(self, scheme: Scheme, high_contrast: bool = False) -> None:
        self.scheme = scheme
        self.high_contrast = high_contrast
        self.colors = colors_for(scheme, self.accent, high=high_contrast)
        self.app.setPalette(palette_for(self.colors))
        self.app.setPalette(scroll_bar_palette(self.colors), "QScrollBar")
        for kind in ("QCheckBox", "QRadioButton"):
            self.app.setPalette(indicator_palette(self.colors), kind)
        self.app.setStyleSheet(style_sheet(self.colors))

    def _system_changed(self, *_args: object) -> None:
        self.apply(system_scheme(), system_high_contrast())


def colors_from_palette(palette: QPalette) -> Colors:
    """The colours matching a palette (painted widgets: delegates, icons). Told by its text, not
    its ground: a check box's Window is not the window's (`indicator_palette`)."""
    dark = palette.color(QPalette.ColorRole.Text).lightness() >= 128
    scheme: Scheme = "dark" if dark else "light"
    high = palette.color(QPalette.ColorRole.Text) == QColor(colors_for(scheme, high=True).text)
    chosen = palette.color(QPalette.ColorRole.Highlight).name()
    colors = colors_for(scheme, DEFAULT_ACCENT, high=high)
    return replace(colors, accent=chosen)

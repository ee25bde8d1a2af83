"""player.ui.i18n.no_mnemonic: a title or a name on a button keeps its "&" and gives the button
no Alt key (the five places that show such text on buttons and buddy labels use it; the screens
are walked in test_outside_text_shown)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QPushButton

from player.ui.i18n import no_mnemonic


def test_a_title_on_a_button_keeps_its_ampersands_and_gives_no_alt_key(qtbot) -> None:  # type: ignore[no-untyped-def]
    title = "AT&T && R&D &"
    button = QPushButton(no_mnemonic(title))
    qtbot.addWidget(button)
    assert button.shortcut().isEmpty()  # "AT&T" as given would take Alt+T
    assert QKeySequence.mnemonic(title) == QKeySequence("Alt+T")
    shown = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    assert shown == title

"""The interface language in Settings: a keyboard-only audit found a learner looking for it there,
while it was only under Profile → Manage profiles → Language…. It belongs to the profile (each
learner of a shared computer has theirs): Settings shows and changes the language of the profile
in use, applied at once as Manage profiles applies it; over the chooser the row waits, disabled."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from player.ui.getting_courses import GettingCourses
from player.ui.i18n import LANGUAGES
from player.ui.main_window import MainWindow
from player.ui.settings_dialog import SettingsDialog
from player.ui.shell import ShellServices
from tests.ui.downloads_support import attach
from tests.ui.test_shell import studying

PROFILE_MENU = {"en": "&Profile", "fr": "&Profil"}
TITLE = {"en": "Settings", "fr": "Réglages"}


def settings_by_keyboard(qtbot, window: MainWindow, getting: GettingCourses) -> SettingsDialog:  # type: ignore[no-untyped-def]
    """Course → Settings by its key, Ctrl+comma."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = getting.settings_dialog
    assert dialog is not None, "Ctrl+, opens Settings"
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def alt_key(qtbot, dialog: SettingsDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    """Alt and the letter `text` underlines, pressed where the focus is."""
    sequence = QKeySequence.mnemonic(text)
    assert not sequence.isEmpty(), f"{text!r} has an Alt key"
    key = sequence[0].key()
    target = QApplication.focusWidget() or dialog
    qtbot.keyClick(target, key, Qt.KeyboardModifier.AltModifier)


@pytest.mark.parametrize(("before", "after"), [("fr", "en"), ("en", "fr")])
def test_the_language_of_the_profile_in_use_is_changed_in_settings_with_the_keyboard(
    qtbot, window: MainWindow, services: ShellServices, before: str, after: str
) -> None:
    profile = studying(window, services, name="Awa", lang=before)
    getting, _ = attach(window, services)
    assert window.menuBar().actions()[0].text() == PROFILE_MENU[before]
    dialog = settings_by_keyboard(qtbot, window, getting)
    assert dialog.windowTitle() == TITLE[before]
    row = dialog.language_row
    assert dialog.tabs.tabBar().hasFocus(), "not on the language: an arrow key would change it"
    assert "Awa" in row.label.text(), "it says whose language it is"
    assert [row.combo.itemText(i) for i in range(row.combo.count())] == list(LANGUAGES.values())
    assert row.combo.currentData() == before

    alt_key(qtbot, dialog, row.label.text())
    assert row.combo.hasFocus(), "its Alt key takes the keyboard to the language"
    step = (
        Qt.Key.Key_Down if row.combo.findData(after) > row.combo.currentIndex() else Qt.Key.Key_Up
    )
    qtbot.keyClick(row.combo, step)

    assert services.profiles.get(profile.id).language == after, "stored in the profile"
    assert window.session is not None and window.session.profile.language == after
    assert services.translations.language == after
    qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == PROFILE_MENU[after])
    qtbot.waitUntil(lambda: dialog.windowTitle() == TITLE[after])  # Settings itself follows
    assert "Awa" in row.label.text() and row.combo.currentData() == after
    assert row.combo.hasFocus(), "the keyboard stays where it was"

    # Back, still by the keyboard: the language that was, stored and shown again.
    back = Qt.Key.Key_Up if step == Qt.Key.Key_Down else Qt.Key.Key_Down
    qtbot.keyClick(row.combo, back)
    assert services.profiles.get(profile.id).language == before
    qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == PROFILE_MENU[before])
    qtbot.waitUntil(lambda: dialog.windowTitle() == TITLE[before])
    qtbot.keyClick(row.combo, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: getting.settings_dialog is None)


@pytest.mark.parametrize("how", ["a PIN asked at start", "switch profile"])
def test_without_a_profile_open_the_language_in_settings_is_disabled_and_says_why(
    qtbot, window: MainWindow, services: ShellServices, how: str
) -> None:
    if how == "a PIN asked at start":
        profile = services.profiles.add("Awa", "fr", "1234")
        services.context.settings.last_profile = profile.id
        window.start()
    else:
        profile = studying(window, services, name="Awa", lang="fr")
        window.show_profiles()  # the chooser, a lock: whoever sits down has typed no PIN
    assert window.profile_page is not None and not window.is_studying()
    getting, _ = attach(window, services)
    dialog = settings_by_keyboard(qtbot, window, getting)
    row = dialog.language_row
    assert not row.combo.isEnabled()
    assert "Awa" not in row.label.text(), "no learner's name over the chooser"
    assert row.note.isVisibleTo(dialog) and row.note.isEnabled() and row.note.text()
    assert row.combo.currentData() == services.translations.language

    alt_key(qtbot, dialog, row.label.text())
    assert not row.combo.hasFocus()
    assert services.profiles.get(profile.id).language == "fr"
    dialog.close()

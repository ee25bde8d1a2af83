"""Settings by keyboard alone, as a learner found them (run u1, English and French): Ctrl+, then
Alt+C for the Catalogs tab, an address typed, Enter. The keyboard stayed on the tab: the typing
went nowhere and Enter pressed Close, nothing added. A tab's Alt key now takes the keyboard
into the tab, the address field has a label with an Alt key of its own, and Enter in it presses
Add, which is drawn as the default button while the keyboard is there. The Sync panel's account
fields, the other fields a learner types into and presses Enter in, save the account."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from player.context import open_context
from player.paths import Paths
from player.store import Store
from player.ui.main_window import MainWindow
from player.ui.settings_dialog import SettingsDialog
from player.ui.shell import ShellServices
from player.ui.sync_controller import SyncController
from player.ui.sync_panel import SyncPanel
from player.ui.tasks import SyncRunner
from sync.credentials import CredentialStore
from tests.ui.downloads_support import attach
from tests.ui.test_mnemonics import underlined
from tests.ui.test_shell import studying
from tests.ui.test_sync_indicator import ScriptedSync

DEMO_REPOSITORY = Path(__file__).resolve().parents[2] / "resources" / "demo" / "repository"


def alt(qtbot, dialog: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Alt and the letter `text` underlines, pressed where the keyboard is."""
    letter = QKeySequence(underlined(text).upper())[0].key()
    target = QApplication.focusWidget() or dialog
    qtbot.keyClick(target, letter, Qt.KeyboardModifier.AltModifier)


def typed(qtbot, text: str, key: Qt.Key | None = None) -> None:  # type: ignore[no-untyped-def]
    """`text` typed, then `key`, where the keyboard is."""
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClicks(focus, text)
    if key is not None:
        qtbot.keyClick(QApplication.focusWidget(), key)


def settings(qtbot, window: MainWindow, services: ShellServices, language: str):  # type: ignore[no-untyped-def]
    studying(window, services, lang=language)
    getting, controller = attach(window, services)
    getting.show_settings()
    dialog = getting.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.tabs.tabBar().hasFocus()  # where it opens
    return dialog, controller


@pytest.mark.parametrize("language", ["en", "fr"])
def test_alt_c_then_an_address_and_enter_adds_the_catalog(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, language: str
) -> None:
    dialog, controller = settings(qtbot, window, services, language)
    page = dialog.catalog_page
    assert dialog.tabs.currentWidget() is page
    alt(qtbot, dialog, dialog.tabs.tabText(0))  # the tab shown already: the keyboard goes in
    assert page.catalog_entry.hasFocus()
    assert page.catalog_add.isDefault() and not dialog.close_button.isDefault()
    typed(qtbot, str(DEMO_REPOSITORY), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert dialog.isVisible(), "Enter adds the catalog; it does not close Settings"
    assert [s.location for s in controller.downloads.catalogs.sources()] == [str(DEMO_REPOSITORY)]
    assert page.catalog_entry.hasFocus() and page.catalog_entry.text() == ""
    qtbot.keyClick(page.catalog_entry, Qt.Key.Key_Tab)  # out of the field: Close is default
    assert page.catalog_add.hasFocus()
    assert dialog.close_button.isDefault() or page.catalog_add.isDefault()
    dialog.close_button.setFocus()
    assert dialog.close_button.isDefault() and not page.catalog_add.isDefault()
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Return)
    assert not dialog.isVisible()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_tab_s_alt_key_takes_the_keyboard_into_it(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, language: str
) -> None:
    """From another tab too; Downloads at its first field, Trusted keys at its list."""
    dialog, _ = settings(qtbot, window, services, language)
    tabs = dialog.tabs
    titles = [tabs.tabText(index) for index in range(tabs.count())]
    firsts = [
        dialog.catalog_page.catalog_entry,
        dialog.download_page.cap,
        dialog.key_page.key_list,
    ]
    for index in (1, 2, 0, 2, 1):
        alt(qtbot, dialog, titles[index])
        assert tabs.currentIndex() == index, titles[index]
        assert firsts[index].hasFocus(), (titles[index], QApplication.focusWidget())
    dialog.close()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_address_field_has_a_label_whose_alt_key_reaches_it(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, language: str
) -> None:
    dialog, _ = settings(qtbot, window, services, language)
    page = dialog.catalog_page
    (label,) = [w for w in page.findChildren(QLabel) if w.buddy() is page.catalog_entry]
    assert label.isVisible() and underlined(label.text()), label.text()
    page.catalog_list.setFocus()
    alt(qtbot, dialog, label.text())
    assert page.catalog_entry.hasFocus()
    dialog.close()


@pytest.fixture
def store(paths: Paths) -> Iterator[Store]:
    opened = Store.open(paths)
    opened.start()
    yield opened
    opened.close()


def test_enter_in_the_sync_account_fields_saves_it_and_keeps_the_panel_open(  # type: ignore[no-untyped-def]
    qtbot, paths: Paths, store: Store
) -> None:
    """The other dialog where a learner types and presses Enter: Save is its default button
    whatever field the keyboard is in, even after Sync now had it; Close never is."""
    scripted = ScriptedSync(store)
    scripted.credentials = CredentialStore(paths.secrets, keyring_backend=None)  # type: ignore[assignment]
    controller = SyncController(open_context(paths), store, SyncRunner(), sync=scripted)  # type: ignore[arg-type]
    panel = SyncPanel(controller)
    qtbot.addWidget(panel)
    try:
        profile = store.profiles.add("Awa")
        panel.open_for(profile.id)
        panel.show()
        panel.activateWindow()
        qtbot.waitUntil(panel.isActiveWindow)
        notes = []
        for field, text in (
            (panel.endpoint, "https://lrs.example.org/xAPI/"),
            (panel.user, "awa"),
            (panel.secret, "pw"),
        ):
            panel.sync_button.setFocus()  # an auto-default button had Enter a moment ago
            field.setFocus()
            assert panel.save_button.isDefault() and not panel.close_button.isDefault()
            qtbot.keyClicks(field, text)
            qtbot.keyClick(field, Qt.Key.Key_Return)
            assert panel.isVisible(), text
            notes.append(panel.account_note.text())
        assert "user name" in notes[0] and "password" in notes[1], notes
        assert controller.has_account(profile.id)
    finally:
        panel.close()
        controller.stop()

"""Settings → Catalogs with a malformed address typed in (an unclosed IPv6 bracket, a port past
65535 or not a number, no host): its one-line reason under the field, naming it; Settings stay
open with the text to correct, and nothing is added."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from player.library.catalogs import Catalogs
from player.ui.main_window import MainWindow
from player.ui.settings_dialog import SettingsDialog
from player.ui.shell import ShellServices


@pytest.mark.parametrize(
    "address",
    [
        "http://[::1/",
        "http://192.168.1.12:99999/",
        "https://cours.example.org:abc/",
        "http://:8475/",
    ],
)
def test_a_malformed_catalog_address_is_named_and_not_added(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, address: str
) -> None:
    user: list[str] = []
    catalogs = Catalogs(services.library, tmp_path / "cache", (), user)
    dialog = SettingsDialog(services.context, catalogs, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.catalog_page)
    dialog.catalog_entry.setText(address)
    qtbot.keyClick(dialog.catalog_entry, Qt.Key.Key_Return)
    shown = dialog.catalog_error.text()
    assert address in shown and "\n" not in shown, shown
    assert "not a valid URL" in shown or "no host" in shown, shown
    assert dialog.isVisible() and dialog.catalog_entry.text() == address
    assert user == [] and catalogs.sources() == []

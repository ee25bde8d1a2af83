"""Settings tabs saving the settings file that cannot be written: every tab saves through one
function (player/ui/settings_save.py, not a copy per tab), which logs the failure and lets the
change apply; the dialog stays usable."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from player.library.catalogs import Catalogs
from player.ui.settings_dialog import SettingsDialog
from player.ui.shell import ShellServices

ADDRESS = "https://cours.example.org/depot/"


def test_every_tab_that_cannot_save_the_settings_logs_it_in_one_place_and_carries_on(  # type: ignore[no-untyped-def]
    qtbot, services: ShellServices, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings_file = services.context.paths.settings_file
    settings_file.unlink(missing_ok=True)
    settings_file.mkdir(parents=True)  # a folder in its place: the file cannot be written
    catalogs = Catalogs(services.library, tmp_path / "cache", (), [])
    dialog = SettingsDialog(services.context, catalogs)
    qtbot.addWidget(dialog)
    dialog.show()
    caplog.set_level(logging.WARNING)

    with qtbot.waitSignal(dialog.downloads_changed, timeout=5_000):
        dialog.download_page.cap.setValue(250)
    assert services.context.settings.bandwidth_cap_kbps == 250  # applies all the same

    page = dialog.catalog_page
    page.catalog_entry.setText(ADDRESS)
    with qtbot.waitSignal(dialog.catalogs_changed, timeout=5_000):
        qtbot.keyClick(page.catalog_entry, Qt.Key.Key_Return)
    assert [source.location for source in catalogs.sources()] == [ADDRESS]

    failed = [r for r in caplog.records if r.getMessage().startswith("could not save settings")]
    assert [(r.name, r.levelno) for r in failed] == [
        ("player.ui.settings_save", logging.WARNING)
    ] * 2
    assert settings_file.is_dir()
    dialog.close()

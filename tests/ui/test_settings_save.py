"""Settings tabs saving the settings file that cannot be written: every tab saves through one
function (player/ui/settings_save.py, not a copy per tab), which logs the failure and lets the
change apply; the dialog stays usable."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from player.library.catalogs import Catalogs
from player.ui.main_window import MainWindow
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


def test_the_main_window_saves_through_the_same_function_and_carries_on(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, caplog: pytest.LogCaptureFixture
) -> None:
    """The last profile (chosen, then removed) and the window's size and place: saved through
    settings_save as the tabs' settings are, not through three copies in the main window."""
    settings_file = services.context.paths.settings_file
    settings_file.unlink(missing_ok=True)
    settings_file.mkdir(parents=True)  # a folder in its place: the file cannot be written
    caplog.set_level(logging.WARNING)
    awa = services.profiles.add("Awa", "en")
    window.open_profile(awa)
    assert window.session is not None and window.session.profile_id == awa.id  # studying
    assert services.context.settings.last_profile == awa.id
    window._profile_removing(awa.id)
    services.profiles.remove(awa.id, force=True)
    window._profile_removed(awa.id)
    assert window.session is None and services.context.settings.last_profile is None
    window.close()  # saves the window's size and place

    failed = [r for r in caplog.records if r.getMessage().startswith("could not save settings")]
    assert [(r.name, r.levelno) for r in failed] == [
        ("player.ui.settings_save", logging.WARNING)
    ] * 3
    assert all(str(settings_file) in r.getMessage() for r in failed)  # names the file
    assert settings_file.is_dir()

"""Settings → Catalogs reads a catalog before adding it, by the rule of `cartable catalogs add`
(Catalogs.try_candidate): one its folder or server gave that no player can use (a web page, a
manifest path leading out of the repository) is refused in the learner's language, the English
line in the tooltip, nothing added or saved; a server that does not answer at all is added, said
unreachable for now, so a catalog can be added offline. Before, the dialog added anything whose
address was well formed, and the catalog page then showed nothing from it."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from player.paths import user_paths
from player.ui.i18n import fill
from player.ui.main_window import MainWindow
from player.ui.settings_dialog import SettingsDialog
from player.ui.shell import ShellServices
from tests.course_repo import add_course, random_files
from tests.ui.downloads_support import KB, attach
from tests.ui.test_shell import studying

UNUSABLE = "%1 holds no catalog Cartable can use: check the address, or tell whoever publishes it."
UNREACHABLE = (
    "Added, though it cannot be reached now: the catalog page shows its courses once it can."
)


@pytest.fixture
def folders(tmp_path: Path) -> Path:
    """good/: a repository; page/: its catalog.json a web page; out/: its manifest path
    leading out of the repository."""
    add_course(tmp_path / "good", random_files(1, 4 * KB, 3), key=None)
    shutil.copytree(tmp_path / "good", tmp_path / "page")
    (tmp_path / "page" / "catalog.json").write_text("<html><body>It works!</body></html>")
    shutil.copytree(tmp_path / "good", tmp_path / "out")
    catalog = tmp_path / "out" / "catalog.json"
    document = json.loads(catalog.read_text(encoding="utf-8"))
    document["courses"][0]["manifest"] = "../../nginx/nginx.conf"
    catalog.write_text(json.dumps(document), encoding="utf-8")
    return tmp_path


def settings(window: MainWindow, services: ShellServices) -> SettingsDialog:
    studying(window, services)
    getting, _controller = attach(window, services)
    getting.show_settings()
    dialog = getting.settings_dialog
    assert dialog is not None
    dialog.tabs.setCurrentWidget(dialog.catalog_page)
    return dialog


def add(qtbot, dialog: SettingsDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    dialog.catalog_entry.setText(text)
    qtbot.keyClick(dialog.catalog_entry, Qt.Key.Key_Return)


def saved() -> list[str]:
    settings_file = user_paths().settings_file
    if not settings_file.exists():
        return []
    return list(json.loads(settings_file.read_text(encoding="utf-8")).get("catalogs", []))


@pytest.mark.parametrize(
    ("folder", "detail"),
    [("page", "catalog.json: catalog is not JSON"), ("out", "'../../nginx/nginx.conf'")],
)
def test_a_folder_whose_catalog_cannot_be_used_is_refused_and_not_added(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, folders: Path, folder: str, detail: str
) -> None:
    dialog = settings(window, services)
    typed = str(folders / folder)
    add(qtbot, dialog, typed)
    assert dialog.catalog_error.text() == fill(UNUSABLE, typed)
    assert detail in dialog.catalog_error.toolTip()
    assert dialog.catalog_error.toolTip().endswith("; not added")
    assert dialog.catalog_entry.text() == typed and dialog.catalog_entry.isEnabled()
    assert dialog.catalog_list.count() == 0 and saved() == []
    dialog.close()


def test_a_usable_folder_is_added(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, folders: Path
) -> None:
    dialog = settings(window, services)
    add(qtbot, dialog, str(folders / "good"))
    assert dialog.catalog_error.text() == "Added. The catalog page shows its courses."
    assert saved() == [str(folders / "good")]
    dialog.close()


def test_a_server_that_does_not_answer_is_added_for_later(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    with socket.socket() as probe:  # a port nothing listens on: the connection is refused
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    dialog = settings(window, services)
    add(qtbot, dialog, url)
    assert dialog.catalog_error.text() == UNREACHABLE
    assert dialog.catalog_error.toolTip().startswith(f"cannot reach {url}catalog.json")
    assert saved() == [url]
    dialog.close()

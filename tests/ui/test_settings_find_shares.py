"""Settings → Catalogs → "Find computers sharing courses nearby": the search runs on a worker of
the task runner, lists the computers that answered (a real share with its discovery responder,
on 127.0.0.1: broadcast is never needed here), and the one chosen is added exactly as its typed
address would be; nothing found says so and why."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from player.library.blobstore import BlobStore
from player.library.catalogs import Catalogs
from player.library.library import Library
from player.library.share import share_library
from player.library.trust import TrustStore
from player.ui import announce
from player.ui.getting_courses import GettingCourses
from player.ui.main_window import MainWindow
from player.ui.settings_dialog import SettingsDialog
from player.ui.shell import ShellServices
from player.ui.tasks import ThreadPoolRunner
from sync.http import make_session
from sync.share_discovery import DiscoveryOptions, FoundShare, seek
from sync.share_server import ShareServer

SHORT = 0.4


@pytest.fixture
def runner() -> Iterator[ThreadPoolRunner]:
    made = ThreadPoolRunner()
    yield made
    made.wait_idle(5000)


def laptop_b(tmp_path: Path) -> Catalogs:
    root = tmp_path / "laptop-b"
    library = Library(root / "courses", BlobStore(root / "blobs"), TrustStore(root / "keys", []))
    return Catalogs(library, root / "cache", (), [])


def test_a_computer_found_nearby_is_added_as_its_typed_address(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, runner: ThreadPoolRunner
) -> None:
    share = share_library(services.library, title="LAB-PC-01")
    assert share.courses
    server = ShareServer(
        share.resolve,
        host="127.0.0.1",
        port=0,
        discovery=DiscoveryOptions("LAB-PC-01", len(share.courses), port=0),
    ).start()
    assert server.discovery is not None
    udp = server.discovery.port
    searched_on: list[threading.Thread] = []

    def search() -> list[FoundShare]:
        searched_on.append(threading.current_thread())
        return seek([("127.0.0.1", udp)], timeout=SHORT)

    catalogs = laptop_b(tmp_path)
    try:
        dialog = SettingsDialog(
            services.context, catalogs, window, tasks=runner, seek_shares=search
        )
        qtbot.addWidget(dialog)
        changed: list[bool] = []
        dialog.catalogs_changed.connect(lambda: changed.append(True))
        dialog.show()
        button = dialog.nearby_button
        assert button.isVisible() and button.text() == "Fi&nd computers sharing courses nearby"
        assert not dialog.nearby_list.isVisible() and not dialog.nearby_add.isVisible()

        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert dialog.nearby_status.text() == (
            "Looking for computers sharing courses on this network…"
        )
        assert not button.isEnabled()  # one search at a time
        qtbot.waitUntil(dialog.nearby_list.isVisible, timeout=5000)
        assert searched_on and searched_on[0] is not threading.main_thread()
        assert button.isEnabled() and dialog.nearby_add.isVisible()
        assert re.fullmatch(
            r"Found 1 computers? sharing courses: choose one, then add it\.",
            dialog.nearby_status.text(),
        )
        [item] = [dialog.nearby_list.item(i) for i in range(dialog.nearby_list.count())]
        count = len(share.courses)
        assert re.fullmatch(rf"LAB-PC-01 \(127\.0\.0\.1\): {count} courses?", item.text())
        assert dialog.nearby_list.currentItem() is item

        qtbot.mouseClick(dialog.nearby_add, Qt.MouseButton.LeftButton)
        url = f"http://127.0.0.1:{server.port}/"
        assert [s.location for s in catalogs.sources()] == [url]
        assert dialog.catalog_error.text() == "Added. The catalog page shows its courses."
        assert dialog.catalog_list.currentItem().text() == url  # type: ignore[union-attr]
        assert changed == [True]
        with make_session("laptop-b") as session:
            [listing] = catalogs.fetch(session)
        assert listing.error is None and listing.title == "LAB-PC-01"

        # Chosen again: said as a typed address already added is.
        dialog.nearby_list.itemActivated.emit(item)
        assert dialog.catalog_error.text() == f"{url} is already in the catalogs."
        dialog.close()
    finally:
        server.stop()


def test_nothing_found_nearby_says_why_it_may_be(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nobody answers there
    dialog = SettingsDialog(
        services.context,
        laptop_b(tmp_path),
        window,
        tasks=services.tasks,
        seek_shares=lambda: seek([("127.0.0.1", port)], timeout=SHORT),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.nearby_button.click()
    assert dialog.nearby_status.isVisible() and dialog.nearby_status.text() == (
        "No computer sharing courses answered. The sharing computer must be on this same network "
        "and sharing now; a firewall, or a Wi-Fi network that blocks the search, can also hide "
        "it: then type the address it shows in the field above."
    )
    assert not dialog.nearby_list.isVisible() and not dialog.nearby_add.isVisible()
    dialog.close()


def test_without_the_task_runner_there_is_no_find_button(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    dialog = SettingsDialog(services.context, laptop_b(tmp_path), window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.nearby_button.isVisible()
    dialog.close()


def test_the_settings_of_the_window_search_on_the_apps_task_runner(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    getting = GettingCourses(window, services)
    getting.show_settings()
    dialog = getting.settings_dialog
    assert dialog is not None and dialog.tasks is services.tasks
    assert not dialog.nearby_button.isHidden()
    dialog.close()


def test_a_search_started_from_the_keyboard_keeps_it_and_says_nothing_was_found(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, runner: ThreadPoolRunner
) -> None:
    """The button is disabled while the search runs, which moved the keyboard's focus to the
    next field, where it stayed when nothing was found; and the answer, a line away from the
    focus, was never said: a screen reader user pressed the button and heard nothing."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nobody answers there
    dialog = SettingsDialog(
        services.context,
        laptop_b(tmp_path),
        window,
        tasks=runner,
        seek_shares=lambda: seek([("127.0.0.1", port)], timeout=SHORT),
    )
    qtbot.addWidget(dialog)
    said: list[str] = []
    unwatch = announce.watch(lambda event: said.append(event.message()))
    try:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        button = dialog.nearby_button
        button.setFocus()
        qtbot.waitUntil(button.hasFocus)
        qtbot.keyClick(button, Qt.Key.Key_Space)
        assert not button.isEnabled()  # one search at a time
        qtbot.waitUntil(button.isEnabled, timeout=5000)
        assert dialog.nearby_status.text().startswith("No computer sharing courses answered.")
        assert QApplication.focusWidget() is button
        assert said[-1] == dialog.nearby_status.text()
    finally:
        unwatch()
        dialog.close()

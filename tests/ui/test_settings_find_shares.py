"""Settings → Catalogs → "Find computers sharing courses nearby": the search runs on a worker of
the task runner, lists the computers that answered (a real share with its discovery responder,
on 127.0.0.1: broadcast is never needed here), and the one chosen is added exactly as its typed
address would be; nothing found says so and why; a search that cannot run says why by its kind
in the learner's language, the system's English words only in the tooltip."""

from __future__ import annotations

import errno
import re
import socket
import threading
from collections.abc import Callable, Iterator
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
from player.ui.settings_catalog_words import search_failure
from player.ui.settings_dialog import SettingsDialog
from player.ui.shell import ShellServices
from player.ui.tasks import ThreadPoolRunner
from sync.http import make_session
from sync.share_discovery import (
    DiscoveryError,
    DiscoveryFault,
    DiscoveryOptions,
    FoundShare,
    seek,
    system_fault,
)
from sync.share_server import ShareServer
from tests.ui.unit_support import french, shipped_french

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
        page = dialog.catalog_page
        qtbot.addWidget(dialog)
        changed: list[bool] = []
        dialog.catalogs_changed.connect(lambda: changed.append(True))
        dialog.show()
        button = page.nearby_button
        assert button.isVisible() and button.text() == "Fi&nd computers sharing courses nearby"
        assert not page.nearby_list.isVisible() and not page.nearby_add.isVisible()

        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert page.nearby_status.text() == (
            "Looking for computers sharing courses on this network…"
        )
        assert not button.isEnabled()  # one search at a time
        qtbot.waitUntil(page.nearby_list.isVisible, timeout=5000)
        assert searched_on and searched_on[0] is not threading.main_thread()
        assert button.isEnabled() and page.nearby_add.isVisible()
        assert re.fullmatch(
            r"Found 1 computers? sharing courses: choose (?:one|it), then add it\.",
            page.nearby_status.text(),
        )
        [item] = [page.nearby_list.item(i) for i in range(page.nearby_list.count())]
        count = len(share.courses)
        assert re.fullmatch(
            rf"\u2068LAB-PC-01\u2069 \(127\.0\.0\.1\): {count} courses?", item.text()
        )
        assert page.nearby_list.currentItem() is item

        qtbot.mouseClick(page.nearby_add, Qt.MouseButton.LeftButton)
        url = f"http://127.0.0.1:{server.port}/"
        assert [s.location for s in catalogs.sources()] == [url]
        assert page.catalog_error.text() == "Added. The catalog page shows its courses."
        assert page.catalog_list.currentItem().text() == url  # type: ignore[union-attr]
        assert changed == [True]
        with make_session("laptop-b") as session:
            [listing] = catalogs.fetch(session)
        assert listing.error is None and listing.title == "LAB-PC-01"

        # Chosen again: said as a typed address already added is.
        page.nearby_list.itemActivated.emit(item)
        assert page.catalog_error.text() == f"\u2068{url}\u2069 is already in the catalogs."
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
    page = dialog.catalog_page
    qtbot.addWidget(dialog)
    dialog.show()
    page.nearby_button.click()
    assert page.nearby_status.isVisible() and page.nearby_status.text() == (
        "No computer sharing courses answered. The sharing computer must be on this same network "
        "and sharing now; a firewall, or a Wi-Fi network that blocks the search, can also hide "
        "it: then type the address it shows in the field above."
    )
    assert not page.nearby_list.isVisible() and not page.nearby_add.isVisible()
    dialog.close()


def test_without_the_task_runner_there_is_no_find_button(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    dialog = SettingsDialog(services.context, laptop_b(tmp_path), window)
    page = dialog.catalog_page
    qtbot.addWidget(dialog)
    dialog.show()
    assert not page.nearby_button.isVisible()
    dialog.close()


def test_the_settings_of_the_window_search_on_the_apps_task_runner(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    getting = GettingCourses(window, services)
    getting.show_settings()
    dialog = getting.settings_dialog
    page = dialog.catalog_page
    assert dialog is not None and page.tasks is services.tasks
    assert not page.nearby_button.isHidden()
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
    page = dialog.catalog_page
    qtbot.addWidget(dialog)
    said: list[str] = []
    unwatch = announce.watch(lambda event: said.append(event.message()))
    try:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        button = page.nearby_button
        button.setFocus()
        qtbot.waitUntil(button.hasFocus)
        qtbot.keyClick(button, Qt.Key.Key_Space)
        assert not button.isEnabled()  # one search at a time
        qtbot.waitUntil(button.isEnabled, timeout=5000)
        assert page.nearby_status.text().startswith("No computer sharing courses answered.")
        assert QApplication.focusWidget() is button
        assert said[-1] == page.nearby_status.text()
    finally:
        unwatch()
        dialog.close()


NO_NETWORK = (
    "The search could not run: this computer is on no network. Connect it to the Wi-Fi or a "
    "cable, then search again."
)
REFUSED = (
    "The search could not run: this computer does not allow it (a firewall or a security "
    "setting). Type the address the sharing computer shows in the field above instead."
)
UNAVAILABLE = (
    "The search could not run on this computer now. Search again, or type the address the "
    "sharing computer shows in the field above."
)


def _refused() -> list[FoundShare]:
    """What seek raises when sending is forbidden (a firewall: EACCES), which this sandbox's
    loopback never does."""
    error = PermissionError(errno.EACCES, "Permission denied")
    raise DiscoveryError(f"cannot search the network: {error.strerror}", system_fault(error))


def _nothing_to_send_on() -> list[FoundShare]:
    return seek([], timeout=SHORT)


def _port_zero() -> list[FoundShare]:
    return seek([("127.0.0.1", 0)], timeout=SHORT)  # EINVAL


def _not_discovery() -> list[FoundShare]:
    raise RuntimeError("a bug in the search")


SEARCHES = [
    (_nothing_to_send_on, NO_NETWORK, "cannot search the network: nowhere to ask"),
    (_refused, REFUSED, "cannot search the network: Permission denied"),
    (_port_zero, UNAVAILABLE, "cannot search the network: Invalid argument"),
    (_not_discovery, UNAVAILABLE, "a bug in the search"),
]


@pytest.mark.parametrize(
    ("search", "sentence", "detail"), SEARCHES, ids=[s.__name__ for s, _, _ in SEARCHES]
)
def test_in_french_a_search_that_cannot_run_says_why_in_french(  # type: ignore[no-untyped-def]
    qtbot,
    qapp: QApplication,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    search: Callable[[], list[FoundShare]],
    sentence: str,
    detail: str,
) -> None:
    """The line said `The search could not run: %1` with the system's English filled in."""
    with french(qapp):
        dialog = SettingsDialog(services.context, laptop_b(tmp_path), window, tasks=services.tasks)
        page = dialog.catalog_page
        page.seek_shares = search
        qtbot.addWidget(dialog)
        dialog.show()
        page.nearby_button.click()
        qtbot.waitUntil(page.nearby_button.isEnabled, timeout=5000)
        shown = page.nearby_status.text()
        expected = shipped_french("SettingsDialog", sentence)
    assert shown == expected, shown
    assert detail not in shown
    assert page.nearby_status.toolTip() == detail  # the system's words, for whoever helps
    assert page.nearby_status.accessibleDescription() == detail
    # In English again (the language changed while Settings was open): worded again.
    qtbot.waitUntil(lambda: page.nearby_status.text() == sentence, timeout=5000)
    assert page.nearby_status.toolTip() == detail
    dialog.close()


@pytest.mark.parametrize("fault", list(DiscoveryFault))
def test_every_kind_of_search_failure_has_a_sentence(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, fault: DiscoveryFault
) -> None:
    sentence = search_failure(fault)
    assert sentence in (NO_NETWORK, REFUSED, UNAVAILABLE)
    assert "%1" not in sentence

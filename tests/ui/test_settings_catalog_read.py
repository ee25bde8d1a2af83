"""Settings → Catalogs reads a catalog before adding it, by the rule of `cartable catalogs add`
(Catalogs.try_candidate): one its folder or server gave that no player can use (a web page, a
manifest path leading out of the repository) is refused in the learner's language, the English
line in the tooltip, nothing added or saved; a server that does not answer at all is added, said
unreachable for now, so a catalog can be added offline. Before, the dialog added anything whose
address was well formed, and the catalog page then showed nothing from it.

While the read runs (on a worker of the real task runner, held on an Event here) the field and
its buttons wait and "Reading the catalog…" is said; a result that comes after the dialog closed,
or after a newer add began, is dropped. A fault of ours met while reading says where the
diagnostic report is, in the learner's language, the exception's English in the tooltip."""

from __future__ import annotations

import json
import logging
import shutil
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from player.library.catalogs import CatalogListing, CatalogSource
from player.library.share import share_library
from player.paths import user_paths
from player.ui.i18n import fill
from player.ui.main_window import MainWindow
from player.ui.settings_dialog import SettingsDialog
from player.ui.shell import ShellServices
from player.ui.tasks import ThreadPoolRunner
from player.wording import isolated
from sync.share_discovery import DiscoveryOptions, FoundShare, seek
from sync.share_server import ShareServer
from tests.course_repo import add_course, random_files
from tests.support import refusing_port
from tests.ui.downloads_support import KB, attach
from tests.ui.test_shell import studying

UNUSABLE = "%1 holds no catalog Cartable can use: check the address, or tell whoever publishes it."
UNREACHABLE = (
    "Added, though it cannot be reached now: the catalog page shows its courses once it can."
)
UNEXPECTED = (
    "%1 was not added: Cartable met a problem it did not expect while reading its catalog. It is "
    "noted in the diagnostic report (%2, %3): please copy it and send it to your institution."
)
ADDED = "Added. The catalog page shows its courses."
READING = "Reading the catalog…"


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
    page = dialog.catalog_page
    page.catalog_entry.setText(text)
    qtbot.keyClick(page.catalog_entry, Qt.Key.Key_Return)


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
    page = dialog.catalog_page
    typed = str(folders / folder)
    add(qtbot, dialog, typed)
    assert page.catalog_error.text() == fill(UNUSABLE, isolated(typed))
    assert detail in page.catalog_error.toolTip()
    assert page.catalog_error.toolTip().endswith("; not added")
    assert page.catalog_entry.text() == typed and page.catalog_entry.isEnabled()
    assert page.catalog_list.count() == 0 and saved() == []
    dialog.close()


def test_a_usable_folder_is_added(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, folders: Path
) -> None:
    dialog = settings(window, services)
    page = dialog.catalog_page
    add(qtbot, dialog, str(folders / "good"))
    assert page.catalog_error.text() == "Added. The catalog page shows its courses."
    assert saved() == [str(folders / "good")]
    dialog.close()


def test_a_server_that_does_not_answer_is_added_for_later(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    dialog = settings(window, services)
    page = dialog.catalog_page
    with refusing_port() as port:  # bound, not listening: the connection is refused
        url = f"http://127.0.0.1:{port}/"
        add(qtbot, dialog, url)
    assert page.catalog_error.text() == UNREACHABLE
    assert page.catalog_error.toolTip().startswith(f"cannot reach {url}catalog.json")
    assert saved() == [url]
    dialog.close()


def test_a_fault_of_ours_while_reading_says_where_the_report_is(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, folders: Path, caplog
) -> None:
    def broken(source: CatalogSource) -> CatalogListing:
        raise TypeError("unsupported operand type(s) for +: 'int' and 'str'")

    studying(window, services)
    _getting, controller = attach(window, services)
    catalogs = controller.downloads.catalogs
    dialog = SettingsDialog(
        services.context, catalogs, window, tasks=services.tasks, read_catalog=broken
    )
    page = dialog.catalog_page
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.catalog_page)
    typed = str(folders / "good")
    with caplog.at_level(logging.ERROR):
        add(qtbot, dialog, typed)
    text = page.catalog_error.text()
    assert text == fill(UNEXPECTED, isolated(typed), "Help \u2192 Help and diagnostics", "F1")
    assert "operand" not in text and "TypeError" not in text
    assert page.catalog_error.toolTip().startswith("unsupported operand type(s)")
    assert "unsupported operand" in caplog.text and "Traceback" in caplog.text  # the report's
    assert catalogs.user == [] and saved() == [] and page.catalog_entry.isEnabled()
    dialog.close()


class GatedRead:
    """The read the player runs (`Catalogs.try_candidate` on its session), held on the worker
    until the test opens its catalog's gate: the dialog is seen while the read runs."""

    def __init__(self, read: Callable[[CatalogSource], CatalogListing]) -> None:
        self.read = read
        self.lock = threading.Lock()
        self.events: dict[tuple[str, str], threading.Event] = {}
        self.asked: list[str] = []  # the locations read, in order

    def event(self, what: str, location: str) -> threading.Event:
        """`what`: "started" (the worker took it), "gate" (opened by the test), "done"."""
        with self.lock:
            return self.events.setdefault((what, location), threading.Event())

    def __call__(self, source: CatalogSource) -> CatalogListing:
        with self.lock:
            self.asked.append(source.location)
        self.event("started", source.location).set()
        try:
            if not self.event("gate", source.location).wait(60):
                raise TimeoutError(f"the test never let {source.location} be read")
            return self.read(source)
        finally:
            self.event("done", source.location).set()

    def open_all(self) -> None:
        with self.lock:
            gates = [event for (what, _), event in self.events.items() if what == "gate"]
        for gate in gates:
            gate.set()


Gated = tuple[SettingsDialog, GatedRead, ThreadPoolRunner]


@pytest.fixture
def gated(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> Iterator[Gated]:
    """The dialog on the real task runner, its catalog reads held by a GatedRead; every gate
    is opened and the workers waited for at the end."""
    studying(window, services)
    _getting, controller = attach(window, services)
    downloads = controller.downloads
    runner = ThreadPoolRunner()
    read = GatedRead(partial(downloads.catalogs.try_candidate, session=downloads.session))
    dialog = SettingsDialog(
        services.context, downloads.catalogs, window, tasks=runner, read_catalog=read
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.catalog_page)
    try:
        yield dialog, read, runner
    finally:
        read.open_all()
        runner.wait_idle(20_000)


def delivered(runner: ThreadPoolRunner) -> None:
    """Every read ended and its result handed to the dialog (the runner's queued signal)."""
    assert runner.wait_idle(20_000)
    QCoreApplication.sendPostedEvents()


def waiting(dialog: SettingsDialog) -> bool:
    """The field and its buttons wait, and the line says the catalog is being read."""
    page = dialog.catalog_page
    widgets = (page.catalog_entry, page.catalog_add, page.catalog_folder)
    return page.catalog_error.text() == READING and not any(w.isEnabled() for w in widgets)


def test_while_a_catalog_is_read_the_field_and_buttons_wait(  # type: ignore[no-untyped-def]
    qtbot, gated: Gated, folders: Path
) -> None:
    dialog, read, runner = gated
    page = dialog.catalog_page
    typed = str(folders / "good")
    add(qtbot, dialog, typed)
    assert read.event("started", typed).wait(20)
    assert waiting(dialog)
    assert page.catalog_list.count() == 0 and saved() == []
    qtbot.keyClick(page.catalog_entry, Qt.Key.Key_Return)  # pressed again: nothing more
    qtbot.mouseClick(page.catalog_add, Qt.MouseButton.LeftButton)
    assert waiting(dialog)
    read.event("gate", typed).set()
    delivered(runner)
    assert read.asked == [typed]
    assert page.catalog_error.text() == ADDED
    assert page.catalog_entry.isEnabled() and page.catalog_entry.text() == ""
    assert page.catalog_add.isEnabled() and page.catalog_folder.isEnabled()
    assert saved() == [typed] and page.catalog_list.count() == 1


def test_a_catalog_read_after_the_dialog_closed_is_not_added(  # type: ignore[no-untyped-def]
    qtbot, gated: Gated, folders: Path
) -> None:
    dialog, read, runner = gated
    page = dialog.catalog_page
    typed = str(folders / "good")
    add(qtbot, dialog, typed)
    assert read.event("started", typed).wait(20)
    dialog.close()
    read.event("gate", typed).set()
    delivered(runner)
    assert read.event("done", typed).is_set()
    assert dialog.catalogs is not None and dialog.catalogs.user == [] and saved() == []
    assert page.catalog_error.text() == READING  # the closed dialog was not touched


def test_a_catalog_read_after_a_newer_add_began_is_dropped(  # type: ignore[no-untyped-def]
    qtbot, gated: Gated, folders: Path, services: ShellServices
) -> None:
    """A computer found nearby, added while a typed catalog is still read: only the newer add
    counts, whichever read ends first."""
    dialog, read, runner = gated
    page = dialog.catalog_page
    share = share_library(services.library, title="LAB-PC-01")
    server = ShareServer(
        share.resolve,
        host="127.0.0.1",
        port=0,
        discovery=DiscoveryOptions("LAB-PC-01", len(share.courses), port=0),
    ).start()
    try:
        assert server.discovery is not None
        udp = server.discovery.port

        def search() -> list[FoundShare]:
            return seek([("127.0.0.1", udp)], timeout=0.4)

        page.seek_shares = search
        typed = str(folders / "good")
        add(qtbot, dialog, typed)
        assert read.event("started", typed).wait(20)
        qtbot.mouseClick(page.nearby_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(page.nearby_list.isVisible, timeout=10_000)
        qtbot.mouseClick(page.nearby_add, Qt.MouseButton.LeftButton)
        url = f"http://127.0.0.1:{server.port}/"
        assert read.event("started", url).wait(20) and waiting(dialog)
        read.event("gate", typed).set()  # the older read ends first...
        assert read.event("done", typed).wait(20)
        read.event("gate", url).set()
        delivered(runner)
        assert read.event("done", url).is_set()
        assert dialog.catalogs is not None and dialog.catalogs.user == [url]  # ...and is dropped
        assert saved() == [url] and page.catalog_list.count() == 1
        assert page.catalog_error.text() == ADDED and page.catalog_entry.isEnabled()
    finally:
        server.stop()

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
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt

import player.library.catalog_keys as catalog_keys
from player.app import quit_stops, wind_down
from player.course.signing import PrivateKey
from player.library.catalog_keys import STOPPED, SignerCheck
from player.library.catalogs import CatalogListing, CatalogSource
from player.library.share import share_library
from player.paths import user_paths
from player.ui.i18n import fill
from player.ui.main_window import MainWindow
from player.ui.settings_dialog import SettingsDialog
from player.ui.shell import ShellServices
from player.ui.tasks import Failed, ThreadPoolRunner
from player.wording import isolated
from sync.share_discovery import DiscoveryOptions, FoundShare, seek
from sync.share_server import ShareServer
from tests.course_repo import add_course, random_files
from tests.guard import GUARD_S
from tests.support import refusing_port
from tests.ui.downloads_support import KB, attach
from tests.ui.test_shell import studying
from tests.unit.test_commands_catalogs_add_signatures import HeldSignatures

UNUSABLE = "%1 holds no catalog %2 can use: check the address, or tell whoever publishes it."
UNREACHABLE = (
    "Added, though it cannot be reached now: the catalog page shows its courses once it can."
)
UNEXPECTED = (
    "%1 was not added: %4 met a problem it did not expect while reading its catalog. It is "
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
    assert page.catalog_error.text() == fill(UNUSABLE, isolated(typed), isolated("Cartable"))
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
    assert text == fill(
        UNEXPECTED,
        isolated(typed),
        "Help \u2192 Help and diagnostics",
        "F1",
        isolated("Cartable"),
    )
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


class Queued:
    """A task runner that runs nothing until the test says: which task ends when is decided."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Callable[[Any], None], Failed | None]] = []

    def run_task(
        self, fn: Callable[[], Any], on_done: Callable[[Any], None], on_error: Failed | None = None
    ) -> None:
        self.jobs.append((fn, on_done, on_error))

    def run_next(self) -> None:
        fn, on_done, on_error = self.jobs.pop(0)
        try:
            result = fn()
        except BaseException as exc:
            assert on_error is not None
            on_error(exc)
            return
        on_done(result)

    def wait_idle(self, timeout_ms: int = -1) -> bool:
        return not self.jobs


def stranger_s_stick(tmp_path: Path) -> Path:
    """A USB stick whose one course a key not trusted here signs."""
    usb = tmp_path / "usb"
    add_course(usb, random_files(1, 4 * KB, 1), key=PrivateKey.generate(), course_id="physique")
    return usb


@pytest.mark.parametrize("then", ["a refused add", "Remove"])
def test_a_late_key_check_does_not_write_over_what_was_said_since(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, then: str
) -> None:
    """A catalog added, its signer check still running: another add refused at once
    (`Catalogs.candidate`) or a Remove said something else, and the check, ending later, wrote
    "Added." and the keys of the removed catalog over it (review r9 #1)."""
    dialog = settings(window, services)
    page = dialog.catalog_page
    runner = Queued()
    page.tasks = runner  # type: ignore[assignment]
    add(qtbot, dialog, str(stranger_s_stick(tmp_path)))
    runner.run_next()  # the read: added, its signer check queued
    assert page.catalog_error.text() == ADDED and len(runner.jobs) == 1
    if then == "a refused add":
        add(qtbot, dialog, "ftp://nowhere.example/")
    else:
        page.catalog_list.setCurrentRow(page.catalog_list.count() - 1)
        qtbot.mouseClick(page.catalog_remove, Qt.MouseButton.LeftButton)
        assert page.catalog_list.count() == 0
    said = page.catalog_error.text()
    assert said != ADDED
    runner.run_next()  # the check ends
    assert page.catalog_error.text() == said
    dialog.close()


class HeldCheck:
    """The player's signer check (`catalog_keys.untrusted_signers` on its session), held on the
    worker until its `stop` says no one waits for it, then run: what it found, per catalog."""

    def __init__(self, check: Callable[..., SignerCheck]) -> None:
        self.check = check
        self.lock = threading.Lock()
        self.started: dict[str, threading.Event] = {}
        self.found: dict[str, SignerCheck] = {}

    def event(self, location: str) -> threading.Event:
        with self.lock:
            return self.started.setdefault(location, threading.Event())

    def __call__(self, listing: CatalogListing, stop: Callable[[], bool]) -> SignerCheck:
        self.event(listing.source.location).set()
        deadline = time.monotonic() + GUARD_S  # only fails a hang
        while not stop():
            if time.monotonic() > deadline:
                raise TimeoutError(f"the check of {listing.source.location} was never stopped")
            time.sleep(0.01)
        found = self.check(listing, stop=stop)
        with self.lock:
            self.found[listing.source.location] = found
        return found


@pytest.mark.parametrize("how", ["the dialog closes", "another add", "the player quits"])
def test_a_key_check_no_one_waits_for_gives_up(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, how: str
) -> None:
    """Nothing stopped the check of a catalog added (review r9 #2): it read every signature of
    a folder, or held a server's request, after the dialog closed, a newer add began, or the
    learner quit with Settings open. It gives up then, before the folder's next signature."""
    studying(window, services)
    getting, _controller = attach(window, services)
    getting.show_settings()
    dialog = getting.settings_dialog
    assert dialog is not None
    page = dialog.catalog_page
    runner = ThreadPoolRunner()
    page.tasks = runner
    assert page.check_signers is not None
    held = HeldCheck(page.check_signers)
    page.check_signers = held
    usb = str(stranger_s_stick(tmp_path))
    try:
        add(qtbot, dialog, usb)
        qtbot.waitUntil(held.event(usb).is_set, timeout=20_000)
        if how == "the dialog closes":
            dialog.close()
        elif how == "another add":
            other = tmp_path / "other"
            add_course(other, random_files(1, 4 * KB, 2), key=None, course_id="chimie")
            add(qtbot, dialog, str(other))
            qtbot.waitUntil(held.event(str(other)).is_set, timeout=20_000)
        else:
            getting.stop()
        qtbot.waitUntil(lambda: usb in held.found, timeout=20_000)
        assert held.found[usb] == SignerCheck({}, failure=STOPPED), "no signature read"
        assert saved()[0] == usb, "added all the same"
    finally:
        if getting.settings_dialog is not None:
            getting.settings_dialog.close()  # its page stops every check still held
        assert runner.wait_idle(20_000)
        QCoreApplication.sendPostedEvents()


@pytest.mark.parametrize("how", ["Remove", "a refused add"])
def test_a_key_check_whose_answer_no_one_shows_any_more_gives_up(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, how: str
) -> None:
    """A Remove or an add refused at once (`Catalogs.candidate`) dropped the check's answer
    but let it run: it read every signature of the folder, or held a server's request, for a
    line no longer shown (review r13 #8). It gives up, before the folder's next signature."""
    dialog = settings(window, services)
    page = dialog.catalog_page
    runner = ThreadPoolRunner()
    page.tasks = runner
    assert page.check_signers is not None
    held = HeldCheck(page.check_signers)
    page.check_signers = held
    usb = str(stranger_s_stick(tmp_path))
    try:
        add(qtbot, dialog, usb)
        qtbot.waitUntil(held.event(usb).is_set, timeout=20_000)
        if how == "Remove":
            page.catalog_list.setCurrentRow(page.catalog_list.count() - 1)
            qtbot.mouseClick(page.catalog_remove, Qt.MouseButton.LeftButton)
        else:
            add(qtbot, dialog, "ftp://nowhere.example/")
        qtbot.waitUntil(lambda: usb in held.found, timeout=20_000)
        assert held.found[usb] == SignerCheck({}, failure=STOPPED), "no signature read"
    finally:
        dialog.close()
        assert runner.wait_idle(20_000)
        QCoreApplication.sendPostedEvents()


@pytest.mark.parametrize("settings_open", [True, False])
def test_a_quit_is_not_held_by_a_key_check_on_a_server_that_hangs(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settings_open: bool,
) -> None:
    """A server added in Settings that serves its catalog but never answers a signature: its
    check held a worker 5 s (`ADD_SIGNATURE_TIMEOUT`), past the quit's QUIT_WAIT_MS, whether
    Settings was closed first or still open (review r9 #2). Now the quit finds the workers
    idle."""
    repo = tmp_path / "repo"
    add_course(repo, random_files(1, 1000, 1), key=PrivateKey.generate(), course_id="algebre")
    server = HeldSignatures(repo)
    runner = ThreadPoolRunner()
    monkeypatch.setattr(services.tasks, "run_task", runner.run_task)
    try:
        studying(window, services)
        getting, _controller = attach(window, services)
        getting.show_settings()
        dialog = getting.settings_dialog
        assert dialog is not None
        add(qtbot, dialog, server.url)
        qtbot.waitUntil(server.asked.is_set, timeout=20_000)
        if not settings_open:
            dialog.close()
        assert wind_down(runner, quit_stops(getting, []), []), "the check stopped with the quit"
    finally:
        server.stop()
        runner.wait_idle(20_000)
        QCoreApplication.sendPostedEvents()


def test_a_key_check_that_could_not_end_is_said(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A server that never answers a signature: Settings said "Added." alone, as if its keys
    were fine, where `cartable catalogs add` says it could not check them (review r9 #6)."""
    monkeypatch.setattr(catalog_keys, "ADD_SIGNATURE_TIMEOUT", (1.0, 1.0))
    repo = tmp_path / "repo"
    add_course(repo, random_files(1, 1000, 1), key=PrivateKey.generate(), course_id="algebre")
    server = HeldSignatures(repo)
    try:
        dialog = settings(window, services)  # the services' runner: the check ends in add()
        page = dialog.catalog_page
        add(qtbot, dialog, server.url)
        assert page.catalog_error.text().splitlines() == [
            ADDED,
            "\u2068Cartable\u2069 could not check which keys sign its courses: its downloads "
            "will say it.",
        ]
        assert page.catalog_error.toolTip() == "no answer within 1 s (the signature of algebre)"
        assert page.catalog_error.accessibleDescription() == page.catalog_error.toolTip()
        assert saved() == [server.url]
        dialog.close()
    finally:
        server.stop()

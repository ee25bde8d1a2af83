"""A course update published after the install reaches the learner's library without the Catalog
opened (u2: nginx logged no request between the install and Ctrl+K, after a restart too): the
update check reads the catalog behind a real nginx once (one GET of catalog.json, a 304 when it
did not change), the card and the Continue banner say "Update available", and the card's menu
installs it the Catalog's way. No request within six hours, on a metered connection when
downloads wait for an unmetered one, or with the setting off; an update this device would refuse
is not offered; a quit does not wait for a catalog server that does not answer."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

from player.app import quit_stops, wind_down
from player.course.package import FolderSource
from player.course.signing import PrivateKey
from player.library.course_updates import CHECK_INTERVAL
from player.settings import load_settings
from player.ui.getting_courses import GettingCourses
from player.ui.library_cards import CourseCard
from player.ui.library_view import LibraryView
from player.ui.main_window import MainWindow
from player.ui.resume import ResumePoint
from player.ui.shell import ShellServices
from player.ui.tasks import ThreadPoolRunner
from player.ui.update_check import UpdateCheck
from tests.course_repo import add_course, random_files
from tests.e2e.downloads.nginx import INSTALL_HINT, NGINX, LoggedRequest, Nginx
from tests.guard import GUARD_S
from tests.ui.downloads_support import KB, FakeNetwork, attach, trust
from tests.ui.test_shell import studying

pytestmark = pytest.mark.e2e

LATER_MS = 3_600_000  # the first look's delay when a test looks itself: never reached


@pytest.fixture
def nginx(tmp_path: Path) -> Iterator[Callable[[Path], Nginx]]:
    if not NGINX.exists():
        pytest.fail(f"nginx is required for the download tests: {INSTALL_HINT}")
    started: list[Nginx] = []

    def start(root: Path) -> Nginx:
        server = Nginx(root, tmp_path / f"nginx-{len(started)}")
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


def published(tmp_path: Path, services: ShellServices, key: PrivateKey) -> tuple[Path, list[bytes]]:
    """maths 1.0.0 signed by a trusted `key` and installed from its repository (a USB stick, a
    lab's copy: no request to the server), whose files are returned."""
    trust(services, key)
    repo = tmp_path / "repo"
    files = random_files(3, 20 * KB, 21)
    add_course(repo, files, key=key)
    source = FolderSource(repo)
    opened = services.library.open(source, "maths", "1.0.0", allow_unsigned=False)
    services.library.install(source, opened, origin=str(repo))
    return repo, files


def fix_published(repo: Path, files: list[bytes], key: PrivateKey) -> None:
    """The publisher's 1.0.1: one file corrected, the catalog written again."""
    add_course(repo, [*files[:2], random_files(1, 20 * KB, 22)[0]], key=key, version="1.0.1")


def started(
    window: MainWindow, services: ShellServices, url: str, network: FakeNetwork | None = None
) -> tuple[GettingCourses, UpdateCheck]:
    """The learner studying, the downloads started with the server's catalog added."""
    studying(window, services)
    getting, controller = attach(window, services, network=network)
    controller.downloads.catalogs.add(url)
    assert getting.updates is not None
    getting.updates.start(first_ms=LATER_MS)  # looks when the test says (`consider`)
    return getting, getting.updates


def card(view: LibraryView, course_id: str = "maths") -> CourseCard:
    return next(c for c in view.model.cards if c.id == course_id)


def catalog_reads(server: Nginx) -> list[LoggedRequest]:
    server.settle()
    return [r for r in server.requests() if r.uri == "/catalog.json"]


def checked(services: ShellServices) -> bool:
    return services.context.settings.updates_checked_at > 0


def test_an_update_published_after_the_install_is_said_in_the_library_and_installed_from_it(
    qtbot, tmp_path: Path, window: MainWindow, services: ShellServices, nginx, key: PrivateKey
) -> None:
    repo, files = published(tmp_path, services, key)
    fix_published(repo, files, key)
    server = nginx(repo)
    _getting, updates = started(window, services, server.url)
    view = window.library_view
    assert view is not None and card(view).update is None
    updates.start(first_ms=0)  # as GettingCourses.start does once the downloads run
    qtbot.waitUntil(lambda: card(view).update == "1.0.1", timeout=GUARD_S * 1000)
    [read] = catalog_reads(server)
    assert (read.method, read.status) == ("GET", 200)
    assert "Mathématiques" in view.model.describe(card(view))
    assert view.model.describe(card(view)).endswith(", update available: version 1.0.1")
    saved = load_settings(services.context.paths.settings_file)
    assert saved.updates_checked_at == services.context.settings.updates_checked_at > 0

    # The Continue banner says it beside the course it continues, and offers it too.
    point = ResumePoint("maths", "Mathématiques", "u1", 1, 1, "video", 12.0, False)
    view.resume_point = point
    view._update_banner()
    assert view.banner_update.isVisibleTo(view)
    assert view.banner_update.text() == "Update available: version 1.0.1"
    assert view.update_button.isVisibleTo(view)

    # The card's menu offers it; the update is the Catalog's download (only the changed file).
    view._card_menu("maths", QPoint(0, 0))
    assert view.update_action.isVisible()
    assert view.update_action.text() == "&Update to version 1.0.1"
    view.card_menu.hide()  # type: ignore[union-attr]
    before = len(server.requests())
    view.update_action.trigger()
    qtbot.waitUntil(
        lambda: services.library.get("maths").version == "1.0.1",  # type: ignore[union-attr]
        timeout=GUARD_S * 1000,
    )
    qtbot.waitUntil(lambda: card(window.library_view).update is None, timeout=GUARD_S * 1000)  # type: ignore[arg-type]
    server.settle()
    blobs = [r for r in server.requests()[before:] if r.uri.startswith("/blobs/")]
    assert len(blobs) == 1  # the corrected file only
    assert not view.banner_update.isVisibleTo(view)


def test_a_second_check_within_six_hours_sends_nothing_and_an_unchanged_catalog_costs_a_304(
    qtbot, tmp_path: Path, window: MainWindow, services: ShellServices, nginx, key: PrivateKey
) -> None:
    repo, _files = published(tmp_path, services, key)
    server = nginx(repo)
    _getting, updates = started(window, services, server.url)
    now = [time.time()]
    updates.clock = lambda: now[0]
    assert updates.consider()
    qtbot.waitUntil(lambda: checked(services), timeout=GUARD_S * 1000)
    first = server.requests()
    assert [r.uri for r in catalog_reads(server)] == ["/catalog.json"]
    now[0] += CHECK_INTERVAL - 60  # the timer looks again, a restart reads the same settings
    updates.timer.timeout.emit()
    assert not updates.consider()
    server.settle()
    assert server.requests() == first
    now[0] += 60
    updates.timer.timeout.emit()
    qtbot.waitUntil(lambda: len(catalog_reads(server)) == 2, timeout=GUARD_S * 1000)
    again = server.requests()[len(first) :]
    assert [(r.uri, r.status, r.body_bytes_sent) for r in again] == [("/catalog.json", 304, 0)]
    assert again[0].if_none_match  # the ETag of the copy kept


def test_nothing_is_sent_on_a_metered_connection_when_downloads_wait_for_an_unmetered_one(
    qtbot, tmp_path: Path, window: MainWindow, services: ShellServices, nginx, key: PrivateKey
) -> None:
    repo, files = published(tmp_path, services, key)
    fix_published(repo, files, key)
    server = nginx(repo)
    services.context.settings.unmetered_only = True
    network = FakeNetwork(metered=True)
    _getting, updates = started(window, services, server.url, network)
    assert not updates.consider()
    updates.timer.timeout.emit()
    assert catalog_reads(server) == [] and not checked(services)
    network.set(metered=False)  # home, on the wired network: the next look goes
    updates.timer.timeout.emit()
    qtbot.waitUntil(lambda: checked(services), timeout=GUARD_S * 1000)
    assert len(catalog_reads(server)) == 1


def test_nothing_is_sent_with_the_setting_off(
    qtbot, tmp_path: Path, window: MainWindow, services: ShellServices, nginx, key: PrivateKey
) -> None:
    repo, files = published(tmp_path, services, key)
    fix_published(repo, files, key)
    server = nginx(repo)
    services.context.settings.check_updates = False
    getting, updates = started(window, services, server.url)
    updates.start(first_ms=0)
    qtbot.wait(50)  # the first look's turn came (a timer of 0 ms): nothing to wait for
    updates.timer.timeout.emit()
    getting._downloads_settings_changed()  # another setting changed: looked at again
    assert catalog_reads(server) == [] and not checked(services)
    assert card(window.library_view).update is None  # type: ignore[arg-type]

    getting.show_download_settings()  # the learner turns it on: a look at once
    box = getting.settings_dialog.download_page.check_updates  # type: ignore[union-attr]
    assert box.text() == "&Look for course updates when online" and not box.isChecked()
    box.setChecked(True)
    assert load_settings(services.context.paths.settings_file).check_updates
    qtbot.waitUntil(lambda: card(window.library_view).update == "1.0.1", timeout=GUARD_S * 1000)  # type: ignore[arg-type]
    assert len(catalog_reads(server)) == 1
    getting.settings_dialog.close()  # type: ignore[union-attr]


@pytest.mark.parametrize("trusted", [False, True], ids=["stranger", "other_publisher"])
def test_an_update_this_device_would_refuse_is_not_offered(
    qtbot,
    tmp_path: Path,
    window: MainWindow,
    services: ShellServices,
    nginx,
    key: PrivateKey,
    trusted: bool,
) -> None:
    """1.0.1 signed by a key not trusted here, or by another trusted publisher's than the one
    that signed the installed 1.0.0: its download could only be refused."""
    repo, files = published(tmp_path, services, key)
    other = PrivateKey.generate()
    if trusted:
        trust(services, other)
    fix_published(repo, files, other)
    server = nginx(repo)
    _getting, updates = started(window, services, server.url)
    assert updates.consider()
    qtbot.waitUntil(lambda: checked(services), timeout=GUARD_S * 1000)
    assert card(window.library_view).update is None  # type: ignore[arg-type]
    assert updates.updates == {}
    server.settle()
    uris = [r.uri for r in server.requests()]
    assert uris.count("/catalog.json") == 1
    assert sum(u.endswith("/1.0.1/course.json.sig") for u in uris) == 1  # who signed it


class SilentServer:
    """Accepts connections and never answers: a catalog server that hangs."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.accepted = threading.Event()
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)
            self.accepted.set()

    def close(self) -> None:
        self.sock.close()
        for conn in self.held:
            conn.close()


def test_a_quit_does_not_wait_for_a_catalog_server_that_does_not_answer(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    server = SilentServer()
    tasks = ThreadPoolRunner()
    try:
        studying(window, services)
        getting, controller = attach(window, services, tasks=tasks)
        controller.downloads.catalogs.add(server.url)
        assert getting.updates is not None
        getting.updates.start(first_ms=LATER_MS)
        assert getting.updates.consider()
        assert server.accepted.wait(GUARD_S)  # the check's request is held by the server
        assert wind_down(tasks, quit_stops(getting, []), [])  # stopped within QUIT_WAIT_MS
    finally:
        tasks.wait_idle(GUARD_S * 1000)
        server.close()

"""A download replaced by a newer version of its course: forgotten once the newest is recorded,
with its part files, keeping the files the newest shares; and an update's row looks up the
version it replaces once, not at every progress report."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from pathlib import Path

from player.commands.download import PlayerDownloads
from player.course.signing import PrivateKey
from player.library.library import InstalledCourse
from player.ui.downloads_controller import DownloadsController
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.tasks import ThreadPoolRunner
from sync.download_io import part_path
from sync.download_options import DownloadOptions
from sync.download_reports import DownloadProgress
from sync.download_state import DownloadState
from tests.course_repo import add_course, random_files
from tests.e2e.downloads.faultserver import Fault, FaultServer
from tests.ui.downloads_support import KB, FakeNetwork, attach, trust
from tests.ui.test_downloads_view import (  # noqa: F401 (fixtures)
    downloads_page,
    paced,
    runner,
    stoppers,
    wait_catalog,
)
from tests.ui.test_shell import studying

OPTIONS = DownloadOptions(parallel=2, backoff_base=0.01)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fetched(servers: list[FaultServer], data: bytes) -> int:
    """Body bytes of this file the servers sent, over every request."""
    return sum(e.body_bytes for s in servers for e in s.requests_for(_sha(data)))


def _failed_with_a_part(
    controller: DownloadsController, server: FaultServer, old_only: bytes
) -> Path:
    """Download 1.0.0, whose own file breaks half-way then is gone: FAILED, its part kept."""
    server.inject(_sha(old_only), Fault.RESET, Fault.NOT_FOUND)
    controller.downloads.catalogs.add(server.url)
    controller.refresh_catalog()
    controller.download(controller.browse.find("maths"))  # type: ignore[union-attr]
    assert controller.items["maths@1.0.0"].state is DownloadState.FAILED
    part = part_path(controller.downloads.downloader.blob_root, _sha(old_only))
    assert part.is_file()
    return part


def test_a_third_version_over_a_second_never_begun_forgets_the_first_and_its_parts(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """1.0.0 failed; 1.1.0 replaced it but could not reach its server; 1.2.0 replaced 1.1.0.
    1.0.0 stayed recorded (a row again at the next start, its part file on disk for ever)."""
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    shared = random_files(1, 30 * KB, 11)
    old_only = random_files(1, 30 * KB, 12)
    add_course(repo, [*shared, *old_only], key=key)
    trust(services, key)
    studying(window, services)
    first = FaultServer(repo).start()
    servers = [first]
    try:
        _, controller = attach(window, services, options=OPTIONS)
        part = _failed_with_a_part(controller, first, old_only[0])
        add_course(repo, [*shared, *random_files(1, 30 * KB, 13)], key=key, version="1.1.0")
        controller.refresh_catalog()
        first.stop()  # the server goes away: 1.1.0's manifest cannot be read
        controller.downloads.session.close()  # with the connections it kept open
        controller.download(controller.browse.find("maths"))  # type: ignore[union-attr]
        assert list(controller.items) == ["maths@1.1.0"]
        assert controller.items["maths@1.1.0"].state is DownloadState.WAITING_FOR_NETWORK
        assert controller.courses.get("maths@1.1.0") is None  # never begun
        servers.append(FaultServer(repo, port=first.port).start())
        add_course(repo, [*shared, *random_files(1, 30 * KB, 14)], key=key, version="1.2.0")
        controller.refresh_catalog()
        controller.download(controller.browse.find("maths"))  # type: ignore[union-attr]
        installed = services.library.get("maths")
        assert installed is not None and installed.version == "1.2.0"
        assert controller.items == {}
        assert controller.courses.downloads() == []  # 1.0.0 too: no row at the next start
        assert not part.exists()
        assert services.library.damaged_files("maths") == []
        assert _fetched(servers, shared[0]) == len(shared[0])  # 1.0.0's copy was kept
    finally:
        for server in servers:
            server.stop()


def test_a_newer_version_asked_for_while_the_older_downloads_keeps_what_it_fetched(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    runner: ThreadPoolRunner,  # noqa: F811
    stoppers: list[DownloadsController],  # noqa: F811
) -> None:
    """1.1.0 offered while 1.0.0 downloads over a slow link, sharing its files: the running
    download was cancelled at once, and what it had fetched deleted, to be fetched again. It
    stops, leaves the page, and is discarded once 1.1.0 is recorded."""
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    shared = random_files(4, 150 * KB, 41)
    add_course(repo, shared, key=key)
    trust(services, key)
    server = paced(repo, rate=100 * KB)
    try:
        _, controller, view = downloads_page(window, services, runner, stoppers, server.url)
        controller.download(wait_catalog(qtbot, controller).find("maths"))
        qtbot.waitUntil(lambda: controller.items["maths@1.0.0"].done >= 250 * KB, timeout=20_000)
        new_only = random_files(1, 20 * KB, 42)
        add_course(repo, [*shared, *new_only], key=key, version="1.1.0")
        controller.browser.browse = None
        controller.refresh_catalog()
        controller.download(wait_catalog(qtbot, controller).find("maths"))
        assert list(view.rows) == ["maths@1.1.0"]  # the older one left the page at once
        qtbot.waitUntil(
            lambda: (
                services.library.get("maths") is not None and controller.courses.downloads() == []
            ),
            timeout=30_000,
        )
        installed = services.library.get("maths")
        assert installed is not None and installed.version == "1.1.0"
        assert controller.items == {} and list(view.rows) == []
        course_bytes = sum(len(data) for data in [*shared, *new_only])
        assert server.body_bytes() < course_bytes + 120 * KB  # before: 250 KB and more again
        assert not list((controller.downloads.downloader.blob_root / ".partial").iterdir())
    finally:
        server.stop()


def test_a_download_replaced_by_one_the_player_quit_during_is_forgotten_at_the_next_start(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """1.0.0 failed; the player quit while 1.1.0, which replaced it, was starting. At the next
    start 1.0.0 came back as a row, its part file kept for ever (no install would take it)."""
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    shared = random_files(1, 30 * KB, 21)
    old_only = random_files(1, 30 * KB, 22)
    add_course(repo, [*shared, *old_only], key=key)
    trust(services, key)
    studying(window, services)
    server = FaultServer(repo).start()
    try:
        _, before = attach(window, services, options=OPTIONS)
        part = _failed_with_a_part(before, server, old_only[0])
        new_only = random_files(1, 30 * KB, 23)
        add_course(repo, [*shared, *new_only], key=key, version="1.1.0")
        before.refresh_catalog()
        course = before.browse.find("maths")  # type: ignore[union-attr]
        assert course is not None
        prepared = before.courses.prepare(course.entry, course.source)
        before.stop()  # quitting: the run of 1.1.0 ends QUEUED, recorded, as the worker's would
        outcome = before.courses.run(prepared, cancel=threading.Event())
        assert outcome.state is DownloadState.QUEUED
        before.close()
        after = DownloadsController(
            services.context,
            services.tasks,
            network=FakeNetwork(),
            downloads=PlayerDownloads.open(services.context, options=OPTIONS),
        )
        installed: list[InstalledCourse] = []
        after.installed.connect(installed.append)
        after.start()  # 1.1.0 resumes and is installed
        try:
            assert [i.version for i in installed] == ["1.1.0"]
            assert after.items == {}
            assert after.courses.downloads() == []
            assert not part.exists()
            assert services.library.damaged_files("maths") == []
            assert _fetched([server], shared[0]) == len(shared[0])
        finally:
            after.close()
    finally:
        server.stop()


def test_an_update_whose_installed_course_is_gone_reads_the_library_once_not_per_report(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """The update of a course removed since: its row looked for the version it replaces, reading
    the library from disk on the UI thread, at every progress report (several a second)."""
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    files = random_files(2, 10 * KB, 31)
    add_course(repo, files, key=key)
    trust(services, key)
    studying(window, services)
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    getting.catalog_view.action.click()  # type: ignore[union-attr]
    gone = random_files(1, 10 * KB, 32)
    add_course(repo, [*files, *gone], key=key, version="1.1.0")
    (repo / "blobs" / "sha256" / _sha(gone[0])[:2] / _sha(gone[0])).unlink()
    controller.refresh_catalog()
    controller.download(controller.browse.find("maths"))  # type: ignore[union-attr]
    assert controller.items["maths@1.1.0"].state is DownloadState.FAILED
    controller.close()
    assert services.library.uninstall("maths")
    _, controller = attach(window, services)  # the next start: its row, looked up once
    assert controller.items["maths@1.1.0"].is_update
    library = services.library
    reads: list[str] = []
    read: Callable[[str], InstalledCourse | None] = library.get

    def counted(course_id: str) -> InstalledCourse | None:
        reads.append(course_id)
        return read(course_id)

    library.get = counted  # type: ignore[method-assign]
    try:
        for done in range(0, 200 * 50, 50):
            controller.queue.progress.emit(
                DownloadProgress(
                    "maths@1.1.0", DownloadState.RUNNING, done, 30 * KB, 1000.0, (), 2, 3
                )
            )
    finally:
        del library.get  # type: ignore[method-assign]
    assert reads == []  # before: once per report
    assert controller.items["maths@1.1.0"].state is DownloadState.RUNNING

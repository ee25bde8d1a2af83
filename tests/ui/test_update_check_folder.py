"""The update check on folder catalogs (a USB stick, a shared drive) and offline (review r14 #4,
#5): a background check reads from a folder only the updates of installed courses (every
signature and manifest, 24 files for 12 courses none installed, spun up a sleeping disk every
6 hours), needs no network for it (an offline lab with a USB catalog is told of its updates),
and a Catalog visit offline, which reads no catalog fresh, is no check. Real folder catalogs
and a real install through the Catalog; the network is the tests' FakeNetwork."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

import player.library.catalogs as catalogs_module
from player.course.signing import PrivateKey
from player.ui.getting_courses import GettingCourses
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from tests.course_repo import add_course, random_files
from tests.ui.downloads_support import KB, FakeNetwork, attach, trust
from tests.ui.test_shell import studying

LATER_MS = 3_600_000  # the first look's delay: never reached, the tests look themselves


def courses(repo: Path, key: PrivateKey, n: int) -> None:
    for i in range(n):
        add_course(
            repo, random_files(1, 1 * KB, 100 + i), key=key,
            course_id=f"c{i:02d}", title=f"Course {i:02d}", language="en",
        )  # fmt: skip


def due(getting: GettingCourses) -> None:
    """The update check started, and the last check long ago."""
    assert getting.updates is not None
    getting.updates.start(first_ms=LATER_MS)
    getting.context.settings.updates_checked_at = 0.0


def folder_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files read ahead from a catalog's repository (signatures, manifests) from now on;
    the catalog.json is read apart (sync.catalog.fetch_catalog)."""
    reads: list[str] = []
    real = catalogs_module.read_repository_file

    def counted(source, path, *args, **kwargs):  # type: ignore[no-untyped-def]
        reads.append(path)
        return real(source, path, *args, **kwargs)

    monkeypatch.setattr(catalogs_module, "read_repository_file", counted)
    return reads


def test_a_background_check_reads_nothing_ahead_from_a_folder_without_updates(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch
) -> None:
    key = PrivateKey.generate()
    repo = tmp_path / "usb"
    courses(repo, key, 12)
    trust(services, key)
    studying(window, services)
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))  # a USB stick's catalog, the Catalog never opened
    reads = folder_reads(monkeypatch)
    due(getting)
    assert getting.updates is not None and getting.updates.consider()
    assert getting.updates.updates == {}  # no update of anything installed
    assert reads == []  # it read 12 signatures and 12 manifests
    assert services.context.settings.updates_checked_at > 0  # the stick was read: a check
    getting.show_catalog()  # the Catalog's own read reads ahead every course, as before
    assert len(reads) == 24


def installed_then_updated(
    window: MainWindow, services: ShellServices, tmp_path: Path, network: FakeNetwork
) -> tuple[GettingCourses, Path, PrivateKey]:
    """Maths 1.0.0 installed from a USB catalog through the Catalog, then 1.1.0 put on it."""
    key = PrivateKey.generate()
    repo = tmp_path / "usb"
    files = random_files(2, 10 * KB, 3)
    add_course(repo, files, key=key)
    trust(services, key)
    studying(window, services)
    getting, controller = attach(window, services, network=network)
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    getting.catalog_view.action.click()  # type: ignore[union-attr]
    installed = services.library.get("maths")
    assert installed is not None and installed.version == "1.0.0"
    add_course(repo, [*files, *random_files(1, 10 * KB, 4)], key=key, version="1.1.0")
    window.show_library()
    return getting, repo, key


def test_an_offline_lab_is_told_of_an_update_on_its_usb_catalog(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch
) -> None:
    """No network at all: the folder is read all the same, its update's signature and
    manifest only, and the library offers the update."""
    network = FakeNetwork(online=False)
    getting, _, _ = installed_then_updated(window, services, tmp_path, network)
    reads = folder_reads(monkeypatch)
    due(getting)
    assert getting.updates is not None and getting.updates.consider()
    assert getting.updates.versions() == {"maths": "1.1.0"}
    assert sorted(Path(r).name for r in reads) == ["course.json", "course.json.sig"]
    library = window.library_view
    assert library is not None and library.updates == {"maths": "1.1.0"}


def test_a_catalog_visit_offline_does_not_hold_the_check(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """On the bus, no network: the Catalog shows what it kept, and nothing was checked; once
    online, the check is made (it waited six hours)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there
    network = FakeNetwork(online=False)
    studying(window, services)
    getting, controller = attach(window, services, network=network)
    controller.downloads.catalogs.add(f"http://127.0.0.1:{port}/")
    assert getting.updates is not None
    getting.updates.start(first_ms=LATER_MS)
    getting.show_catalog()  # nothing could be read
    assert services.context.settings.updates_checked_at == 0.0
    window.show_library()
    asked: list[tuple[bool, ...]] = []
    getting.updates.fetch = lambda *network: asked.append(network)  # type: ignore[method-assign]
    network.set(online=True)  # home: network_changed -> consider
    assert asked == [(True,)]  # the servers' catalogs too


def test_the_catalog_opened_during_a_background_check_reads_its_own_after_it(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch
) -> None:
    """The Catalog's read, asked while the check's runs, was dropped: the page would have shown
    the check's, which read no signature of the stick's courses (who signed them, unknown)."""
    from tests.ui.test_course_removal import Deferred

    key = PrivateKey.generate()
    repo = tmp_path / "usb"
    courses(repo, key, 3)
    trust(services, key)
    studying(window, services)
    runner = Deferred()
    getting, controller = attach(window, services, tasks=runner)  # type: ignore[arg-type]
    controller.downloads.catalogs.add(str(repo))
    reads = folder_reads(monkeypatch)
    due(getting)
    assert getting.updates is not None and getting.updates.consider()
    getting.show_catalog()  # while the check's read runs
    getting.catalog_view.refresh_button.click()  # type: ignore[union-attr]  # twice: one read
    runner.run()
    assert sorted(Path(r).name for r in reads) == ["course.json"] * 3 + ["course.json.sig"] * 3
    view = getting.catalog_view
    assert view is not None and len(view.model.courses) == 3

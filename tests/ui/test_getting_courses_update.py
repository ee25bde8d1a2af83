"""An update of an installed course, downloaded from the catalog: the learner is told it is an
update, to which version, and that their progress stays."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from player.course.signing import PrivateKey
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from sync.download_options import DownloadOptions
from sync.download_state import DownloadState, FailureKind
from tests.course_repo import add_course, random_files
from tests.e2e.downloads.faultserver import FaultServer
from tests.ui.downloads_support import KB, attach, trust
from tests.ui.test_shell import studying


def test_an_update_is_announced_as_one_not_as_a_new_install(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    files = random_files(2, 10 * KB, 3)
    add_course(repo, files, key=key)
    trust(services, key)
    studying(window, services)
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    getting.catalog_view.action.click()  # type: ignore[union-attr]
    assert (
        window.statusBar().currentMessage()
        == "Installed: \u2068Mathématiques\u2069 (version 1.0.0)."
    )
    add_course(repo, [*files, *random_files(1, 10 * KB, 4)], key=key, version="1.1.0")
    controller.refresh_catalog()
    getting.catalog_view.action.click()  # type: ignore[union-attr]
    installed = services.library.get("maths")
    assert installed is not None and installed.version == "1.1.0"
    assert window.statusBar().currentMessage() == (
        "Updated: \u2068Mathématiques\u2069, from version 1.0.0 to 1.1.0. Your progress is kept."
    )


def test_a_newer_version_downloaded_over_a_failed_one_keeps_the_files_already_fetched(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """Version 1.0.0 failed one file short (gone from the server); the catalog now offers 1.1.0,
    which shares the other files. Downloading it replaces the failed download, and the files
    that one fetched are not fetched again over a slow link."""
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    shared = random_files(2, 30 * KB, 5)
    gone = random_files(1, 30 * KB, 6)
    add_course(repo, [*shared, *gone], key=key)
    blob = repo / "blobs" / "sha256"
    [lost] = [p for p in blob.rglob("*") if p.is_file() and p.read_bytes() == gone[0]]
    lost.unlink()
    trust(services, key)
    studying(window, services)
    server = FaultServer(repo).start()
    try:
        _, controller = attach(window, services, options=DownloadOptions(parallel=1))
        controller.downloads.catalogs.add(server.url)
        controller.refresh_catalog()
        controller.download(controller.browse.find("maths"))  # type: ignore[union-attr]
        assert controller.items["maths@1.0.0"].state is DownloadState.FAILED
        add_course(repo, [*shared, *random_files(1, 30 * KB, 7)], key=key, version="1.1.0")
        controller.refresh_catalog()
        controller.download(controller.browse.find("maths"))  # type: ignore[union-attr]
        installed = services.library.get("maths")
        assert installed is not None and installed.version == "1.1.0"
        assert list(controller.items) == []
        assert controller.courses.get("maths@1.0.0") is None  # the failed one is forgotten
        for data in shared:
            sha = hashlib.sha256(data).hexdigest()
            assert [e.status for e in server.requests_for(sha)] == [200]  # fetched once
    finally:
        server.stop()


def test_an_import_says_whether_the_course_was_new_already_there_or_updated(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """A USB stick imported again said "Imported" although nothing changed; a newer version on
    it is said as the catalog's update is."""
    key = PrivateKey.generate()
    stick = tmp_path / "usb"
    files = random_files(2, 10 * KB, 5)
    add_course(stick, files, key=key)
    trust(services, key)
    studying(window, services)
    getting, _ = attach(window, services)
    getting.import_paths([stick])
    assert window.statusBar().currentMessage() == "Imported: \u2068Mathématiques\u2069."
    getting.import_paths([stick])
    assert window.statusBar().currentMessage() == (
        "Already installed, nothing changed: \u2068Mathématiques\u2069."
    )
    add_course(stick, [*files, *random_files(1, 10 * KB, 6)], key=key, version="1.1.0")
    getting.import_paths([stick])
    installed = services.library.get("maths")
    assert installed is not None and installed.version == "1.1.0"
    assert window.statusBar().currentMessage() == (
        "Updated: \u2068Mathématiques\u2069, from version 1.0.0 to 1.1.0. Your progress is kept."
    )


def test_a_course_published_again_during_its_download_says_so_and_the_catalog_keeps_its_files(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """Version 1.0.0 failed one file short; its manifest kept beside the download is lost, and
    the server now has another 1.0.0. Try again said, in English only, to cancel it (deleting
    what was fetched) and download it again; it says, by its kind, to press Download in the
    Catalog, which fetches only what is missing."""
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    shared = random_files(2, 30 * KB, 8)
    gone = random_files(1, 30 * KB, 9)
    add_course(repo, [*shared, *gone], key=key)
    [lost] = [p for p in (repo / "blobs").rglob("*") if p.is_file() and p.read_bytes() == gone[0]]
    lost.unlink()
    trust(services, key)
    studying(window, services)
    server = FaultServer(repo).start()
    try:
        getting, controller = attach(window, services, options=DownloadOptions(parallel=1))
        controller.downloads.catalogs.add(server.url)
        controller.refresh_catalog()
        controller.download(controller.browse.find("maths"))  # type: ignore[union-attr]
        assert controller.items["maths@1.0.0"].failure is FailureKind.MISSING
        shutil.rmtree(controller.courses.folder / "maths@1.0.0")  # the manifest kept: lost
        add_course(repo, [*shared, *random_files(1, 30 * KB, 10)], key=key)  # 1.0.0 again
        getting.show_downloads()
        controller.resume("maths@1.0.0")  # Try again
        item = controller.items["maths@1.0.0"]
        assert item.state is DownloadState.FAILED and item.failure is FailureKind.CHANGED
        row = getting.downloads_view.rows["maths@1.0.0"]  # type: ignore[union-attr]
        assert row.state.text() == (
            "Failed: this version of the course was published again since the download began. "
            "Press Download in the Catalog to get it: what was already downloaded is kept."
        )
        assert "changed in its catalog" in row.state.toolTip()  # the engine's words, for support
        getting.show_catalog()  # refreshes the catalog
        assert getting.catalog_view.action.isEnabled()  # type: ignore[union-attr]
        getting.catalog_view.action.click()  # type: ignore[union-attr]
        installed = services.library.get("maths")
        assert installed is not None and installed.course.files().keys() >= {
            hashlib.sha256(data).hexdigest() for data in shared
        }
        assert list(controller.items) == []
        for data in shared:
            sha = hashlib.sha256(data).hexdigest()
            assert [e.status for e in server.requests_for(sha)] == [200]  # fetched once
    finally:
        server.stop()


def test_an_import_that_repaired_the_course_says_so_not_imported(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """The same copy imported over an installed one whose file was cut short installs it
    again: that is a repair, said as the update is, not "Imported" (nothing new to look for)."""
    key = PrivateKey.generate()
    stick = tmp_path / "usb"
    course = add_course(stick, random_files(2, 10 * KB, 5), key=key).course
    trust(services, key)
    studying(window, services)
    getting, _ = attach(window, services)
    getting.import_paths([stick])
    blob = services.library.blob_path(next(iter(course.files())))
    blob.write_bytes(blob.read_bytes()[:-1])
    getting.import_paths([stick])
    assert window.statusBar().currentMessage() == (
        "Repaired: \u2068Mathématiques\u2069. Your progress is kept."
    )
    assert services.library.damaged_files("maths") == []

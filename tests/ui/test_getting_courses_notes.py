"""What getting courses tells the learner beyond "done": a catalog whose offline copy could not be
saved, a clean-up that freed no disk space (after an install, an import or a cancel), and a
download refused because another Cartable is downloading, each in a translatable sentence with
the technical reason kept for support (a tooltip or the log)."""

from __future__ import annotations

import errno
import logging
from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from sync import catalog as sync_catalog
from sync.download_state import BlobSpec, DownloadState, FailureKind
from tests.course_repo import add_course, random_files
from tests.e2e.downloads.faultserver import FaultServer
from tests.support import build_toy
from tests.ui.downloads_support import (
    KB,
    attach,
    download_while_another_cartable_downloads,
    trust,
)
from tests.ui.test_shell import studying

KEPT = "No disk space was freed: course files no longer needed were kept."


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


def break_a_course(services: ShellServices) -> Path:
    """A course whose current version lost its manifest: what the other courses need cannot be
    known, so every clean-up is skipped (and says why, naming that folder)."""
    folder = services.library.dir / "broken"
    folder.mkdir(parents=True)
    (folder / "current").write_text("1.0.0", encoding="utf-8")
    return folder / "1.0.0"


# -- 1. a catalog whose offline copy cannot be written ---------------------------------------------


def test_a_catalog_that_cannot_be_saved_offline_is_shown_with_a_warning(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    key: PrivateKey,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 41), key=key)
    trust(services, key)

    def full_disk(self: object, data: bytes, etag: str | None) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sync_catalog._CatalogCache, "store", full_disk)
    server = FaultServer(repo).start()
    try:
        studying(window, services)
        getting, controller = attach(window, services)
        controller.downloads.catalogs.add(server.url)
        getting.show_catalog()
        view = getting.catalog_view
        assert view is not None
        [listing] = controller.browse.listings  # type: ignore[union-attr]
        assert listing.result is not None and listing.result.cache_error
        assert view.notice.isVisible()
        assert view.notice.text() == (
            f"\u2068{listing.title}\u2069: this catalog could not be saved on this computer; "
            "without a "
            "network it will be missing or out of date."
        )
        assert listing.result.cache_error in view.notice.toolTip()  # the file, for support
        assert "/catalogs/catalog-" in view.notice.toolTip()
        assert "No space left on device" in view.notice.toolTip()
        # Nothing blocked: the course is listed and downloads.
        assert view.visible_titles() == ["Mathématiques"] and view.action.isEnabled()
        view.action.click()
        assert services.library.get("maths") is not None
    finally:
        server.stop()


# -- 2. a clean-up that freed no space -------------------------------------------------------------


def test_an_install_whose_clean_up_was_skipped_says_no_space_was_freed(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    key: PrivateKey,
    caplog: pytest.LogCaptureFixture,
) -> None:
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 42), key=key)
    trust(services, key)
    studying(window, services)
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    broken = break_a_course(services)
    with caplog.at_level(logging.WARNING):
        getting.catalog_view.action.click()  # type: ignore[union-attr]
    assert services.library.get("maths") is not None
    assert window.statusBar().currentMessage() == (
        f"Installed: \u2068Mathématiques\u2069 (version 1.0.0). {KEPT}"
    )
    assert str(broken) in caplog.text  # the technical reason: in the log


def test_an_import_whose_clean_up_was_skipped_says_no_space_was_freed(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    getting, _ = attach(window, services)
    toy = build_toy(tmp_path / "toy")
    trust(services, toy.key)
    break_a_course(services)
    getting.import_paths([toy.archive])
    assert services.library.get("toy") is not None
    assert window.statusBar().currentMessage() == f"Imported: \u2068Cours jouet\u2069. {KEPT}"


def test_a_cancelled_download_whose_files_could_not_be_deleted_says_so(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    studying(window, services)
    getting, controller = attach(window, services)
    download_id = "maths@1.0.0"
    controller.courses.store.begin(
        download_id,
        str(tmp_path / "repo"),
        [BlobSpec("a" * 64, 10)],
        meta={"kind": "install", "course_id": "maths", "version": "1.0.0", "title": "Maths"},
    )
    controller.courses.store.set_state(download_id, DownloadState.PAUSED)
    controller._refresh(download_id)
    broken = break_a_course(services)
    getting.show_downloads()
    view = getting.downloads_view
    assert view is not None and download_id in view.rows
    window.statusBar().showMessage("Download started: see Downloads (Ctrl+J).", 8000)
    with caplog.at_level(logging.WARNING):
        view.cancel_requested.emit(download_id)  # what the confirmation's Yes sends
    assert controller.courses.get(download_id) is None and download_id not in view.rows
    assert window.statusBar().currentMessage() == KEPT  # not after an unrelated message
    assert str(broken) in caplog.text


def test_a_clean_up_that_ran_says_nothing_more(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    getting, _ = attach(window, services)
    toy = build_toy(tmp_path / "toy")
    trust(services, toy.key)
    getting.import_paths([toy.archive])
    assert window.statusBar().currentMessage() == "Imported: \u2068Cours jouet\u2069."


# -- 4. another Cartable is downloading ------------------------------------------------------------


def test_a_download_refused_because_another_cartable_downloads_is_said_in_words(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey
) -> None:
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 43), key=key)
    trust(services, key)
    studying(window, services)
    getting, controller = attach(window, services)
    item = download_while_another_cartable_downloads(getting, controller, repo)
    assert item.state is DownloadState.FAILED and item.failure is FailureKind.BUSY
    getting.show_downloads()
    row = getting.downloads_view.rows[item.id]  # type: ignore[union-attr]
    assert row.state.text() == (
        "Failed: another \u2068Cartable\u2069 on this computer is busy with the course files "
        "(downloading "
        "or cleaning up). Try again once it has finished."
    )
    assert "`cartable download`" in row.state.toolTip()  # the engine's words, for support
    assert row.toggle.text() == "&Try again"
    row.toggle.click()  # the other one finished
    assert services.library.get("maths") is not None

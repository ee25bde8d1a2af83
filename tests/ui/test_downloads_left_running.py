"""The downloads page of a download whose records could not say how its run ended (their disk
full or read-only: RUNNING kept there): failed as it ended, not "Downloading"; and at the next
start, with nothing downloading it, "Waiting for its turn" (QUEUED, from which the start
resumes it), not "Downloading". The real window, controller, downloader and records; the
records refuse the download's writes as a read-only disk does (SQLite's query_only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from sync.download_reports import DownloadProgress
from sync.download_state import DownloadState, FailureKind
from tests.course_repo import add_course, random_files
from tests.ui.downloads_support import KB, attach, trust
from tests.ui.test_shell import studying


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


def test_a_failure_the_records_could_not_keep_is_shown_failed_then_waiting_at_the_next_start(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey
) -> None:
    repo = tmp_path / "repo"
    add_course(repo, random_files(3, 100 * KB, 5), key=key)
    trust(services, key)
    studying(window, services)
    getting, controller = attach(window, services)
    db = controller.courses.store._db
    report = controller.queue.from_worker

    def refuse(progress: DownloadProgress) -> None:  # the records' disk refuses from here
        if progress.done_bytes > 0:
            db.execute("PRAGMA query_only = ON")
        report(progress)

    controller.queue.from_worker = refuse  # type: ignore[method-assign]
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    getting.catalog_view.action.click()  # type: ignore[union-attr]
    db.execute("PRAGMA query_only = OFF")
    [item] = controller.items.values()
    [record] = controller.courses.store.all()
    assert record.state is DownloadState.RUNNING  # what the records kept
    assert (
        item.state is DownloadState.FAILED and item.failure is FailureKind.DISK
    )  # before: RUNNING
    getting.show_downloads()
    row = getting.downloads_view.rows[item.id]  # type: ignore[union-attr]
    assert row.state.text() == "Failed: the course could not be written to the disk."

    controller.stop()  # the player quits; at its next start, nothing runs the download yet
    shown = {d.id: d.state for d in controller.courses.downloads()}
    assert shown == {item.id: DownloadState.QUEUED}  # before: RUNNING ("Downloading")
    row.show_item(controller.rows.item_of(controller.courses.downloads()[0]))
    assert row.state.text() == "Waiting for its turn"

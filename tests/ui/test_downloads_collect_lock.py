"""A download whose store's clean-up lock (`<blobs>/.collect.lock`) cannot be taken keeps its row
in the Downloads view, failed, in the learner's words: never a row that vanishes silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from sync.download_state import DownloadState, FailureKind
from sync.interprocess import collection_lock_path
from tests.course_repo import add_course, random_files
from tests.ui.downloads_support import KB, attach, trust
from tests.ui.test_shell import studying


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


def test_a_download_that_cannot_take_the_clean_up_lock_keeps_its_row_failed(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey
) -> None:
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 47), key=key)
    trust(services, key)
    studying(window, services)
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    lock = collection_lock_path(services.library.blobs.root)
    lock.unlink(missing_ok=True)
    lock.mkdir(parents=True)  # cannot be opened
    getting.catalog_view.action.click()  # type: ignore[union-attr]
    [item] = controller.items.values()
    assert item.state is DownloadState.FAILED and item.failure is FailureKind.DISK
    getting.show_downloads()
    row = getting.downloads_view.rows[item.id]  # type: ignore[union-attr]
    assert row.state.text() == "Failed: the course could not be written to the disk."
    assert ".collect.lock" in row.state.toolTip()  # the engine's words, for support

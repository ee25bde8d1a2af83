"""The player cannot open the records at start: a full or read-only disk is said as such, in the
learner's language, naming the file; never as damage. Real records on a real small disk
(tests/small_disk.py), opened the way the app opens them (`build_services`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from shiboken6 import delete

from player.app import build_services
from player.paths import Paths, user_paths
from player.store import Store, StoreError
from player.store.errors import RecordsInaccessible
from player.ui.records_unavailable import RecordsUnavailableBox
from player.ui.tasks import SyncRunner
from tests.small_disk import fill, set_read_only, small_disk


def _failed_start(qapp: QApplication, paths: Paths) -> StoreError:
    with pytest.raises(StoreError) as raised:
        build_services(qapp, paths, SyncRunner(), backup_every=None)
    assert isinstance(raised.value, RecordsInaccessible)
    return raised.value


@pytest.mark.parametrize("trouble", ["full", "read-only"])
def test_a_start_on_a_full_or_read_only_disk_says_what_to_do(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trouble: str
) -> None:
    with small_disk(tmp_path / "disk") as disk:
        monkeypatch.setenv("CARTABLE_HOME", str(disk))
        paths = user_paths().ensure()
        Store.open(paths, backup_every=None).close()
        if trouble == "full":
            fill(disk)
        else:
            set_read_only(disk)
        box = RecordsUnavailableBox(_failed_start(qapp, paths))
        if trouble == "full":
            expected = (
                f"The disk holding your learning records ({paths.database}) is full: free some"
                " space, then start Cartable again. Nothing was lost."
            )
        else:
            expected = (
                f"Cartable cannot write to {paths.database}: the disk or folder is read-only."
                " Make it writable, then start Cartable again. Nothing was lost."
            )
        assert box.text() == expected
        assert box.icon() is QMessageBox.Icon.Critical
        assert "damaged" not in box.text()
        assert not list(paths.data.glob("cartable.sqlite3.damaged-*"))
        delete(box)  # no top-level box left for the next test to find


def test_other_records_errors_keep_the_stores_line(qapp: QApplication) -> None:
    box = RecordsUnavailableBox(StoreError("records written by a newer Cartable"))
    assert box.text() == (
        "Cartable cannot open your learning records, so it stops here: records written by a"
        " newer Cartable"
    )
    delete(box)

"""The player cannot open the records at start: a full or read-only disk is said as such, in the
learner's language, naming the file; never as damage. Real records on a real small disk
(tests/small_disk.py), opened the way the app opens them (`build_services`)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from shiboken6 import delete

from player.app import build_services
from player.paths import FolderMissing, Paths, user_paths
from player.store import Store, StoreError, database
from player.store.database import RecoveryReport
from player.store.errors import BackupUnreadable, Cause, RecordsInaccessible, WriteFailed
from player.store.locks import InUse
from player.ui.i18n import date_time_text
from player.ui.main_window import MainWindow
from player.ui.records_damage import tell_recoveries, tell_repairs
from player.ui.records_unavailable import FolderMissingBox, RecordsUnavailableBox
from player.ui.shell import ShellServices
from player.ui.tasks import SyncRunner
from player.ui.theme import Theme
from tests.small_disk import fill, set_read_only, small_disk
from tests.support import ROOT
from tests.unit.test_store_database import _learner_with_backup
from tests.unit.test_store_not_damage import (
    ROOM_TO_OPEN_ONLY,
    _backup_with_a_read_error,
    _repair_cut_short,
    _sessions_a_crash_left_open,
)


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
        box = RecordsUnavailableBox(_failed_start(qapp, paths), "Cartable")
        if trouble == "full":
            expected = (
                f"The disk holding your learning records (\u2068{paths.database}\u2069) is "
                "full: free some"
                " space, then start \u2068Cartable\u2069 again. Nothing was lost."
            )
        else:
            expected = (
                f"\u2068Cartable\u2069 cannot write to \u2068{paths.database}\u2069: the disk or "
                "folder "
                "is read-only."
                " Make it writable, then start \u2068Cartable\u2069 again. Nothing was lost."
            )
        assert box.text() == expected
        assert box.icon() is QMessageBox.Icon.Critical
        assert "damaged" not in box.text()
        assert not list(paths.data.glob("cartable.sqlite3.damaged-*"))
        delete(box)  # no top-level box left for the next test to find


def test_other_records_errors_keep_the_stores_line(qapp: QApplication) -> None:
    box = RecordsUnavailableBox(StoreError("records written by a newer Cartable"), "Cartable")
    assert box.text() == (
        "\u2068Cartable\u2069 cannot open your learning records, so it stops here: records written "
        "by a"
        " newer Cartable"
    )
    delete(box)


def test_a_start_during_another_cartables_repair_says_to_start_again_in_a_minute(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The in-use lock held exclusive, as a repair holds it. Before: 'held by another program
    ... close it', after a wait of up to 120 s; the other may be a cron job."""
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    paths = user_paths().ensure()
    _installed(qapp, paths)
    monkeypatch.setattr(database, "REPAIR_WAIT", 0.0)  # one try, no wait
    repair = InUse(paths.database)
    assert repair.alone(0)
    try:
        box = RecordsUnavailableBox(_failed_start(qapp, paths), "Cartable")
    finally:
        repair.release()
    assert box.text() == (
        "Your records are being repaired by another \u2068Cartable\u2069 (a command or another "
        "window);"
        " start \u2068Cartable\u2069 again in a minute."
    )
    delete(box)


def _full_disk_text(paths: Paths) -> str:
    return (
        f"The disk holding your learning records (\u2068{paths.database}\u2069) is full: free "
        "some space,"
        " then start \u2068Cartable\u2069 again. Nothing was lost."
    )


def _installed(qapp: QApplication, paths: Paths) -> None:
    """A first start: the demo installed, so the starts after it only open the records."""
    build_services(qapp, paths, SyncRunner(), backup_every=None).store.close()


def _restored_box(qtbot, services: ShellServices) -> tuple[MainWindow, QMessageBox]:  # type: ignore[no-untyped-def]
    """What the window says of the repair at start (`run_gui` calls `tell_repairs`). The window
    too: the box is its child and goes with it (qtbot holds it weakly; the box's answer held
    it until 'Records restored' was answered by a method of the box)."""
    assert services.store.recovery is not None
    window = MainWindow(services)
    qtbot.addWidget(window)
    tell_repairs(services.store, window)
    qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox)))
    (box,) = window.findChildren(QMessageBox)
    return window, box


def _restored_box_text(qtbot, services: ShellServices) -> str:  # type: ignore[no-untyped-def]
    _window, box = _restored_box(qtbot, services)
    return box.text()


def test_a_start_that_cannot_close_crashed_sessions_says_the_disk_is_full(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said 'Cartable cannot open your learning records, so it stops here: the learner
    records could not be saved: database or disk is full'; with room, they are closed."""
    with small_disk(tmp_path / "disk") as disk:
        monkeypatch.setenv("CARTABLE_HOME", str(disk))
        paths = user_paths().ensure()
        _installed(qapp, paths)
        _sessions_a_crash_left_open(paths.database)
        fill(disk, leave=ROOM_TO_OPEN_ONLY)
        error = _failed_start(qapp, paths)
        assert isinstance(error.__cause__, WriteFailed)  # the records opened: `start` failed
        box = RecordsUnavailableBox(error, "Cartable")
        assert box.text() == _full_disk_text(paths)
        delete(box)
        (disk / "filler").unlink()
        services = build_services(qapp, paths, SyncRunner(), backup_every=None)
        left_open = services.store.conn.execute(
            "SELECT count(*) FROM sessions WHERE ended_at IS NULL"
        ).fetchone()[0]
        services.store.close()
        assert left_open == 0


def test_a_repair_resumed_on_a_full_disk_says_the_disk_is_full(
    qapp: QApplication, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theme: Theme
) -> None:  # type: ignore[no-untyped-def]
    """It stopped on an OSError's traceback; with room, the repair ends and is told."""
    with small_disk(tmp_path / "disk") as disk:
        monkeypatch.setenv("CARTABLE_HOME", str(disk))
        paths = user_paths().ensure()
        _installed(qapp, paths)
        path, clock, _, _ = _learner_with_backup(disk)
        _repair_cut_short(path, clock, "after the journal")
        fill(disk)
        box = RecordsUnavailableBox(_failed_start(qapp, paths), "Cartable")
        assert box.text() == _full_disk_text(paths)
        delete(box)
        (disk / "filler").unlink()
        services = build_services(qapp, paths, SyncRunner(), backup_every=None)
        try:
            text = _restored_box_text(qtbot, services)
        finally:
            services.store.close()
        assert text.startswith(
            "Your learning records file was damaged. It was set aside (nothing was deleted) and"
            " your records were restored from the backup of "
        )


def test_a_damaged_file_whose_backup_cannot_be_read_now_says_so(
    qapp: QApplication, qtbot, paths: Paths, theme: Theme
) -> None:  # type: ignore[no-untyped-def]
    """It said nothing: the backup was skipped as bad. Nothing moved; once it can be read (here:
    it is gone, an older one is left), the repair runs and is told."""
    _installed(qapp, paths)
    path, _, _, _ = _learner_with_backup(paths.data.parent)
    path.write_text("garbage")
    unreadable = _backup_with_a_read_error(paths.backups)
    error = _failed_start(qapp, paths)
    assert isinstance(error, BackupUnreadable)
    box = RecordsUnavailableBox(error, "Cartable")
    assert box.text() == (
        f"Your learning records file is damaged, and its backup \u2068{unreadable}\u2069 "
        "cannot be read right"
        " now: check the disk and that your user account may read that file, then start"
        " \u2068Cartable\u2069 again. Nothing was moved or deleted."
    )
    delete(box)
    assert path.read_text() == "garbage"
    unreadable.unlink()
    services = build_services(qapp, paths, SyncRunner(), backup_every=None)
    try:
        text = _restored_box_text(qtbot, services)
    finally:
        services.store.close()
    assert "your records were restored from the backup of" in text


def test_a_repair_whose_read_back_the_full_disk_refused_says_it_comes_next_start(
    qapp: QApplication, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theme: Theme
) -> None:  # type: ignore[no-untyped-def]
    """The backup restored, but no room to write back what the damaged file held beyond it:
    the window said 'Read back from the damaged file: 0. Lost: ?', when nothing is lost and the
    next start reads it back (the command line said so)."""
    with small_disk(tmp_path / "disk") as disk:
        monkeypatch.setenv("CARTABLE_HOME", str(disk))
        paths = user_paths().ensure()
        _installed(qapp, paths)
        path, clock, _, total = _learner_with_backup(disk)
        _repair_cut_short(path, clock, "after the restore")
        fill(disk, leave=ROOM_TO_OPEN_ONLY)
        services = build_services(qapp, paths, SyncRunner(), backup_every=None)
        try:
            report = services.store.recovery
            assert report is not None and report.read_back_at_next_start
            assert "will be read back at the next start." in report.summary()
            _window, box = _restored_box(qtbot, services)
            assert box.informativeText() == (
                "The damaged file could not be read back now: what it holds that your records"
                " lack will be read back at the next start. The damaged file is kept at:"
                f" \u2068{report.damaged_file}\u2069"
            )
        finally:
            services.store.close()
        (disk / "filler").unlink()
        services = build_services(qapp, paths, SyncRunner(), backup_every=None)
        try:
            report = services.store.recovery
            assert report is not None and not report.read_back_at_next_start
            assert report.salvaged_statements > 0 and report.lost_statements == 0
            assert services.store.outbox.counts().total == total
            _window, box = _restored_box(qtbot, services)
            details = box.informativeText()
        finally:
            services.store.close()
        assert details == (
            f"{report.salvaged_statements} learning records were read back from the damaged file"
            " and their progress rebuilt. Nothing recorded after the backup was lost. The damaged"
            f" file is kept at: \u2068{report.damaged_file}\u2069"
        )


@pytest.mark.parametrize(
    ("salvaged", "lost", "restored", "expected"),
    [
        (0, 0, True, "Nothing recorded after the backup was lost. "),
        (
            0,
            3,
            True,
            "3 learning records could not be read back and are lost; any of them not yet sent"
            " to the institution will never reach it. ",
        ),
        (
            5,
            2,
            False,
            "5 learning records were read back from the damaged file and their progress"
            " rebuilt. 2 learning records could not be read back and are lost; any of them not"
            " yet sent to the institution will never reach it. ",
        ),
        (0, 0, False, ""),
    ],
)
def test_what_a_repair_read_back_and_lost_is_said_in_words(
    qapp: QApplication,
    qtbot,  # type: ignore[no-untyped-def]
    paths: Paths,
    theme: Theme,
    salvaged: int,
    lost: int,
    restored: bool,
    expected: str,
) -> None:
    """As the command line says it (RecoveryReport.summary): the window said 'Read back from the
    damaged file: 0. Lost: 0.' where nothing was read back and nothing lost."""
    _installed(qapp, paths)
    damaged = paths.data / "cartable.sqlite3.damaged-1"
    report = RecoveryReport(
        problem="file is not a database",
        damaged_file=damaged,
        restored_from=paths.backups / "backup.sqlite3" if restored else None,
        backup_taken_at=datetime(2024, 5, 1, 9, 30, tzinfo=UTC) if restored else None,
        salvaged_statements=salvaged,
        lost_statements=lost,
    )
    services = build_services(qapp, paths, SyncRunner(), backup_every=None)
    try:
        window = MainWindow(services)
        qtbot.addWidget(window)
        tell_recoveries([report], services.store, window)
        (box,) = window.findChildren(QMessageBox)
    finally:
        services.store.close()
    assert box.informativeText() == f"{expected}The damaged file is kept at: \u2068{damaged}\u2069"
    for line in expected.split(". ")[:-1]:
        assert line in report.summary()


def test_a_repair_that_skipped_damaged_backups_and_read_nothing_back_says_so_in_words(
    qapp: QApplication, qtbot, paths: Paths, theme: Theme
) -> None:  # type: ignore[no-untyped-def]
    """The two newest backups are empty and the records file is no database at all. Neither
    the window nor the command line said why an older backup was restored, and the window said
    'Read back from the damaged file: 0. Lost: ?'."""
    _installed(qapp, paths)
    path, clock, _, _ = _learner_with_backup(paths.data.parent)
    store = Store.open(path, clock=clock, backup_every=None)
    newer = []
    for _ in range(2):
        clock.advance(3600)
        newer.append(store.database.backup("daily"))
    store.close()
    for backup in newer:
        backup.write_bytes(b"")
    path.write_text("garbage")
    services = build_services(qapp, paths, SyncRunner(), backup_every=None)
    try:
        report = services.store.recovery
        assert report is not None and len(report.rejected_backups) == 2
        assert report.lost_statements is None and report.backup_taken_at is not None
        _window, box = _restored_box(qtbot, services)
    finally:
        services.store.close()
    when = date_time_text(report.backup_taken_at)
    assert box.text().endswith(
        f"your records were restored from the backup of {when}. 2 newer backups were damaged"
        " too and were skipped."
    )
    assert box.informativeText() == (
        f"Nothing could be read from the damaged file: what you did after {when} may be lost."
        f" The damaged file is kept at: \u2068{report.damaged_file}\u2069"
    )
    utc = report.backup_taken_at.strftime("%Y-%m-%d %H:%M UTC")
    assert (
        f"2 newer backups were damaged and skipped; the records were restored from the backup"
        f" taken on {utc}." in report.summary()
    )


def test_a_repair_with_every_backup_damaged_says_they_were_skipped(
    qapp: QApplication, qtbot, paths: Paths, theme: Theme
) -> None:  # type: ignore[no-untyped-def]
    """No backup fit to restore, and nothing read back: said in words, window and command
    line, not 'Lost: ?'."""
    _installed(qapp, paths)
    path, _, _, _ = _learner_with_backup(paths.data.parent)
    for backup in paths.backups.iterdir():
        backup.write_bytes(b"")
    path.write_text("garbage")
    services = build_services(qapp, paths, SyncRunner(), backup_every=None)
    try:
        report = services.store.recovery
        assert report is not None and report.restored_from is None
        assert len(report.rejected_backups) == 2  # the learner's, and one taken at install
        _window, box = _restored_box(qtbot, services)
    finally:
        services.store.close()
    assert box.text().endswith(
        "no usable backup was found: your records start empty. 2 backups were damaged too and"
        " were skipped."
    )
    assert box.informativeText() == (
        "Nothing could be read from the damaged file: what you did before this start may be"
        f" lost. The damaged file is kept at: \u2068{report.damaged_file}\u2069"
    )
    assert (
        "No usable backup was found (2 backups were damaged and skipped): the records start"
        " empty." in report.summary()
    )


def test_a_start_whose_linked_records_disk_is_not_plugged_in_says_so(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The records moved to a USB disk and linked back; the disk not plugged in. It started
    with new empty records made where the link led (under an empty mount point), or said
    SQLite's "unable to open database file"."""
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    paths = user_paths().ensure()
    _installed(qapp, paths)
    usb = tmp_path / "media" / "USB"
    usb.mkdir(parents=True)
    real = usb / "cartable.sqlite3"
    paths.database.rename(real)
    paths.database.symlink_to(real)
    real.rename(tmp_path / "kept.sqlite3")  # the disk unplugged; its mount point left empty
    box = RecordsUnavailableBox(_failed_start(qapp, paths), "Cartable")
    assert box.text() == (
        f"Your learning records file \u2068{paths.database}\u2069 is a link to \u2068{real}\u2069,"
        " which cannot be found: connect or mount the disk that holds it, then start "
        "\u2068Cartable\u2069"
        " again. Nothing was created or changed."
    )
    delete(box)
    assert not any(usb.iterdir()) and paths.database.is_symlink()


def test_a_first_start_with_the_records_disk_unplugged_keeps_a_paused_downloads_files(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The start installs the demo (its clean-up of course files) before it opens the records:
    the link whose disk is not plugged in was read as "nothing ever downloaded", and the files
    a paused download had fetched were deleted before the box said the disk was missing."""
    from tests.unit.test_commands_courses import PAUSED_FILE, a_paused_download

    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    paths = user_paths().ensure()
    Store.open(paths, backup_every=None).close()  # a learner's records, no demo installed
    blob = a_paused_download(paths.database)
    usb = tmp_path / "media" / "USB"
    usb.mkdir(parents=True)
    paths.database.rename(usb / "cartable.sqlite3")
    paths.database.symlink_to(usb / "cartable.sqlite3")
    usb.rename(tmp_path / "unplugged")
    error = _failed_start(qapp, paths)
    assert blob.read_bytes() == PAUSED_FILE
    assert isinstance(error, RecordsInaccessible) and error.cause is Cause.MISSING
    assert not usb.exists()


# The player as `cartable` starts it, its box's text printed instead of waiting for an answer.
START = """
import sys
import player.ui.records_unavailable as boxes
boxes.FolderMissingBox.exec = lambda box: print("box:", box.text(), flush=True) or 0
import player.app as app_module
sys.exit(app_module.run_gui([]))
"""


def test_a_start_whose_data_folder_disk_is_not_plugged_in_says_so_and_makes_nothing(
    tmp_path: Path,
) -> None:
    """The data folder moved to a USB disk and linked back; the disk not plugged in. The start
    stopped on a traceback ("…/data: File exists", from Paths.ensure), no window, no box."""
    import os
    import subprocess
    import sys

    from tests.unit.test_data_folder_unplugged import _unplugged

    home = tmp_path / "home"
    target = _unplugged(tmp_path, home / "data")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CARTABLE_HOME": str(home)}
    env.pop("CARTABLE_QUIT_AFTER_START", None)
    done = subprocess.run(
        [sys.executable, "-c", START],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.stdout.splitlines() == [
        f"box: Your Cartable folder \u2068{home / 'data'}\u2069 is a link to \u2068{target}\u2069,"
        " which cannot be found: connect or mount the disk that holds it, then start "
        "\u2068Cartable\u2069"
        " again. Nothing was created or changed."
    ]
    assert [p.name for p in home.iterdir()] == ["data"] and not target.parent.exists()


@pytest.mark.parametrize(
    ("loop", "holder", "said"),
    [
        (
            False,
            True,
            "The folder \u2068/home/awa/.local/share\u2069, which holds your Cartable folder, is a"
            " link to \u2068/media/USB/share\u2069, which cannot be found: connect or mount the"
            " disk that holds it, then start \u2068Cartable\u2069 again. Nothing was created or "
            "changed.",
        ),
        (
            True,
            False,
            "Your Cartable folder \u2068/home/awa/.local/share\u2069 is a link that leads back to"
            " itself: correct the link, then start \u2068Cartable\u2069 again. Nothing was created "
            "or changed.",
        ),
        (
            True,
            True,
            "The folder \u2068/home/awa/.local/share\u2069, which holds your Cartable folder, is a"
            " link that leads back to itself: correct the link, then start \u2068Cartable\u2069 "
            "again."
            " Nothing was created or changed.",
        ),
    ],
)
def test_a_folder_holding_the_cartable_folder_or_a_loop_is_said_as_such(
    qapp: QApplication, loop: bool, holder: bool, said: str
) -> None:
    """A link loop was said as a disk not plugged in, and ~/.local/share as "Your Cartable
    folder" (paths.FolderMissing)."""
    error = FolderMissing(
        Path("/home/awa/.local/share"), "/media/USB/share", loop=loop, holder=holder
    )
    box = FolderMissingBox(error, "Cartable")
    assert box.text() == said
    delete(box)

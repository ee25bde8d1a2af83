"""A records file kept on another disk, with a symlink left at the usual path (paths.py), on
real SQLite files and real symlinks.

SQLite opens the link's target and keeps the -wal and -shm beside the target. A repair set the
link aside instead (renamed, still pointing at the damaged file, its stale WAL left beside it)
and restored the backup at the link's path: a regular file on the usual disk, the other disk
silently no longer used. A link whose target is missing (the disk not plugged in) was taken for
no records at all: a fresh empty file was made where the link pointed (or the open failed with
SQLite's "unable to open database file"), hiding the real records once the disk came back.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from player.commands import records_unavailable
from player.store import Store, StoreError, database, integrity
from player.store.errors import Cause, RecordsInaccessible
from player.store.locks import InUse, repairing
from tests.unit.test_store_database import _learner_with_backup, _reopen
from tests.unit.test_store_helpers import FakeClock
from tests.unit.test_store_repair_races import garbage

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symlinks without privileges")


def _moved_and_linked(tmp_path: Path) -> tuple[Path, Path, int]:
    """Records with a backup (in `data/backups`), then moved by the learner to another disk
    (`usb/`, under a name of their own) and linked back. Returns the link, the real file and
    the statements at backup time."""
    path, _clock, at_backup, _ = _learner_with_backup(tmp_path)
    real = tmp_path / "usb" / "my-records.sqlite3"
    real.parent.mkdir()
    shutil.move(path, real)
    path.symlink_to(real)
    return path, real, at_backup


def _stale_wal(real: Path) -> bytes:
    """A real WAL of the file, with a renamed profile in it never checkpointed: replayed onto the
    restored copy, its pages would overwrite the backup's."""
    conn = sqlite3.connect(real, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("UPDATE profiles SET name = 'Stale' WHERE name = 'Awa'")
        return Path(f"{real}-wal").read_bytes()
    finally:
        conn.close()


def test_a_damaged_linked_file_is_repaired_where_it_lives_and_the_link_stays(
    tmp_path: Path,
) -> None:
    path, real, at_backup = _moved_and_linked(tmp_path)
    wal = _stale_wal(real)
    path.write_text("garbage")  # through the link: into the file on the other disk
    Path(f"{real}-wal").write_bytes(wal)
    usual = sorted(p.name for p in path.parent.iterdir())
    store = _reopen(path, FakeClock())
    try:
        report = store.recovery
        assert report is not None and report.restored_from is not None
        # The link stays, and leads to the restored file on the other disk.
        assert path.is_symlink() and path.readlink() == real
        assert store.path == real and real.is_file() and not real.is_symlink()
        # The damaged file and its WAL went aside together, beside it, under its own name.
        assert report.damaged_file.parent == real.parent
        assert report.damaged_file.name.startswith("my-records.sqlite3.damaged-")
        assert report.damaged_file.read_text() == "garbage"
        assert Path(f"{report.damaged_file}-wal").read_bytes() == wal
        # The stale WAL was not replayed onto the restored copy.
        names = {p.name for p in store.profiles.all()}
        assert "Awa" in names and "Stale" not in names
        assert store.database.integrity_check() == []
        assert store.outbox.counts().total == at_backup
        # The backup came from the usual folder, which was left where it is.
        assert report.restored_from.parent == path.parent / "backups"
        # The learner is told the real place of the file set aside.
        assert str(real.parent) in report.summary()
        # Nothing was made at the usual place: no copy, no damaged file, no marker; only the
        # repair lock players of earlier versions take there (locks.InUse).
        made = {p.name for p in path.parent.iterdir()} - set(usual)
        assert made <= {"cartable.sqlite3.repair.lock", "cartable.sqlite3.lock"}
        store.profiles.add("After")
    finally:
        store.close()
    again = Store.open(path, backup_every=None)  # through the link: the restored file, as is
    try:
        assert again.recovery is None and again.profiles.find("After")
    finally:
        again.close()


@pytest.mark.parametrize("mount_point", ["removed", "left empty"])
def test_a_link_whose_disk_is_not_plugged_in_stops_the_open_and_makes_nothing(
    tmp_path: Path, mount_point: str
) -> None:
    """The learner is told in one line, naming the link and where it leads; nothing is made
    beside the link or where it leads (an empty file there would be hidden under the disk when
    it is mounted again, or mistaken for the records)."""
    path, real, _ = _moved_and_linked(tmp_path)
    kept = shutil.copytree(real.parent, tmp_path / "the-disk-elsewhere")
    shutil.rmtree(real.parent)
    if mount_point == "left empty":
        real.parent.mkdir()
    before = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(RecordsInaccessible) as raised:
        Store.open(path, backup_every=None)
    error = raised.value
    assert error.cause is Cause.MISSING and error.path == path and error.detail == str(real)
    line = str(error)
    assert "\n" not in line and str(path) in line and str(real) in line
    assert sorted(p.name for p in path.parent.iterdir()) == before
    assert path.is_symlink() and path.readlink() == real
    assert not real.exists() and (mount_point == "removed") != real.parent.exists()
    if real.parent.exists():
        assert not any(real.parent.iterdir())
    assert str(records_unavailable(path, error)) == line  # a command says it once
    # Plugged in again: the records are there as they were, and open through the link.
    shutil.rmtree(real.parent, ignore_errors=True)
    shutil.copytree(kept, real.parent)
    store = Store.open(path, backup_every=None)
    try:
        assert store.recovery is None and store.profiles.find("Awa")
    finally:
        store.close()


def test_a_link_to_a_link_whose_end_is_missing_is_said_missing_too(tmp_path: Path) -> None:
    path, real, _ = _moved_and_linked(tmp_path)
    hop = tmp_path / "hop.sqlite3"
    hop.symlink_to(real)
    path.unlink()
    path.symlink_to(hop)
    real.unlink()
    with pytest.raises(StoreError) as raised:
        Store.open(path, backup_every=None)
    assert isinstance(raised.value, RecordsInaccessible)
    assert raised.value.cause is Cause.MISSING and raised.value.detail == str(real)
    assert not real.exists() and not any(real.parent.iterdir())


def _set_aside(real: Path) -> list[str]:
    return sorted(p.name for p in real.parent.glob(f"{real.name}.damaged-*"))


def test_a_player_of_an_earlier_version_open_through_the_link_keeps_its_file_from_a_repair(
    tmp_path: Path,
) -> None:
    """During an update a player of the earlier version, which took its in-use lock beside the
    link, studies on; this version's check flagged the file. Its repair took only the lock
    beside the target and set the file aside from under the earlier player, whose writes then
    went to a file nothing reads back. Now it sees the file open and uses it as it is."""
    path, real, _ = _moved_and_linked(tmp_path)
    earlier = InUse(path)  # the earlier version's in-use lock: `<link>.lock`, beside the link
    earlier.share(0)
    try:
        inode = real.stat().st_ino
        integrity.flag_for_recovery(real, "row 3 missing from index")
        store = Store.open(path, backup_every=None)
        try:
            assert store.recovery is None and store.profiles.find("Awa")
        finally:
            store.close()
        assert real.stat().st_ino == inode and _set_aside(real) == []
        assert integrity.flagged_problem(real) is not None  # repaired by an open alone
    finally:
        earlier.release()
    store = Store.open(path, backup_every=None)  # the earlier player quit: repaired now
    try:
        assert store.recovery is not None and store.recovery.damaged_file.parent == real.parent
    finally:
        store.close()


def test_a_repair_by_a_player_of_an_earlier_version_through_the_link_is_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The earlier version's repair lock is beside the link: this version's repair waited for
    its own only, beside the target, and repaired the file under the earlier one's repair."""
    monkeypatch.setattr(database, "REPAIR_WAIT", 0.0)  # one try, no wait
    path, real, _ = _moved_and_linked(tmp_path)
    garbage(real)
    before = real.read_bytes()
    # The earlier version's repair lock, held from before its in-use lock is taken alone.
    with repairing(path), pytest.raises(RecordsInaccessible) as raised:
        Store.open(path, backup_every=None)
    assert raised.value.cause is Cause.REPAIRING
    assert real.read_bytes() == before and _set_aside(real) == []
    store = Store.open(path, backup_every=None)  # once the other is done
    try:
        assert store.recovery is not None
    finally:
        store.close()


def test_what_an_earlier_version_left_beside_the_link_is_taken_over(tmp_path: Path) -> None:
    """An earlier version kept its markers beside the link: its check's repair request was not
    seen by this version (the damaged file used on, unrepaired), and its clean-close marker
    was left there for good."""
    path, real, _ = _moved_and_linked(tmp_path)
    assert integrity.leave_clean_close(path, 0.0)  # the earlier version's clean close
    integrity.flag_for_recovery(path, "row 3 missing from index")  # its check after a paint
    assert integrity.marker_path(path).exists() and not integrity.marker_path(real).exists()
    store = Store.open(path, backup_every=None)
    try:
        report = store.recovery
        assert report is not None and report.problem == "integrity check: row 3 missing from index"
        assert report.damaged_file.parent == real.parent and path.readlink() == real
    finally:
        store.close()
    assert not integrity.recover_flag_path(path).exists()
    assert not integrity.recover_flag_path(real).exists()
    assert not integrity.marker_path(path).exists() and integrity.marker_path(real).exists()


def test_a_request_beside_a_link_whose_folder_keeps_it_repairs_no_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The earlier version's `.recover` beside the link, the link's folder read-only since: the
    request was copied beside the target, then its removal refused, so every open took it over
    again and every start repaired the file (3 starts, 3 copies set aside). Now its removal
    refused, the copy beside the target is removed again: nothing is taken over, and a start
    repairs nothing. A folder's refusal as a read-only one gives it (root may write in any
    folder)."""
    path, real, _ = _moved_and_linked(tmp_path)
    integrity.flag_for_recovery(path, "row 3 missing from index")
    kept = integrity.recover_flag_path(path)
    unlink = Path.unlink

    def refused_beside_the_link(self: Path, missing_ok: bool = False) -> None:
        if self == kept:
            raise PermissionError(13, "Permission denied", str(self))
        unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", refused_beside_the_link)
    for _start in range(3):
        store = Store.open(path, backup_every=None)
        try:
            assert store.recovery is None and store.profiles.find("Awa")
        finally:
            store.close()
        assert _set_aside(real) == [] and integrity.flagged_problem(real) is None
    assert kept.exists()
    assert "an earlier version's markers left beside the link" in caplog.text


def test_a_request_beside_the_link_the_target_s_disk_refuses_is_kept_beside_the_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The target's disk read-only: the earlier version's request stays beside the link, and the
    first start the target takes it repairs the file."""
    path, real, _ = _moved_and_linked(tmp_path)
    integrity.flag_for_recovery(path, "row 3 missing from index")
    flag = integrity.flag_for_recovery

    def read_only_target(at: Path, problem: str) -> None:
        if at == real:
            raise OSError(30, "Read-only file system", str(at))
        flag(at, problem)

    with monkeypatch.context() as read_only:
        read_only.setattr(integrity, "flag_for_recovery", read_only_target)
        store = Store.open(path, backup_every=None)
        try:
            assert store.recovery is None
        finally:
            store.close()
    assert integrity.flagged_problem(path) == "integrity check: row 3 missing from index"
    assert integrity.flagged_problem(real) is None
    store = Store.open(path, backup_every=None)
    try:
        report = store.recovery
        assert report is not None and report.problem == "integrity check: row 3 missing from index"
    finally:
        store.close()
    assert not integrity.recover_flag_path(path).exists()


# The player killed (a power cut, a kill -9) while it writes the link's request beside the target.
_KILLED_TAKING_OVER = """
import os
import sys
from pathlib import Path
from player.store import Store, integrity

link, real = Path(sys.argv[1]), Path(sys.argv[2])
flag = integrity.flag_for_recovery

def killed(at, problem):
    if at == real:
        os._exit(9)
    flag(at, problem)

integrity.flag_for_recovery = killed
Store.open(link, backup_every=None)
"""


def test_a_request_beside_the_link_outlives_a_player_killed_taking_it_over(
    tmp_path: Path,
) -> None:
    """The link's request removed before the target's was written: the player killed between
    the two, the request was lost and the damaged file used on, unrepaired. Now the target's is
    written first: killed, the next start still repairs the file."""
    path, real, _ = _moved_and_linked(tmp_path)
    integrity.flag_for_recovery(path, "row 3 missing from index")
    root = Path(__file__).resolve().parents[2]
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_TAKING_OVER, str(path), str(real)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert killed.returncode == 9, killed.stderr
    assert integrity.flagged_problem(path) == "integrity check: row 3 missing from index"
    store = Store.open(path, backup_every=None)
    try:
        report = store.recovery
        assert report is not None and report.problem == "integrity check: row 3 missing from index"
    finally:
        store.close()
    assert not integrity.recover_flag_path(path).exists()
    assert not integrity.recover_flag_path(real).exists()

"""The records file's locks (player/store/locks.py) where they cannot be had: another process's
repair outlasting the wait, a read-only medium, a file system that cannot lock at all, and a
repair told while another one runs. Real files, real OS locks: a lock held by another open
file in this process conflicts as one held by another process (flock is per open file), and
waits are given as 0 s, so nothing here sleeps."""

from __future__ import annotations

import errno
import fcntl
import logging
from pathlib import Path

import pytest

from player.commands import records_unavailable
from player.paths import Paths, user_paths
from player.store import Store, database
from player.store.errors import Cause, RecordsInaccessible
from player.store.locks import InUse, repair_lock_path, repairing
from player.store.recovery import RecoveryReport, keep_untold, untold
from sync import interprocess
from tests.small_disk import set_read_only, small_disk
from tests.unit.test_store_repair_races import damaged_files, garbage, installation

BEING_REPAIRED = (
    "Your records ({}) are being repaired by another Cartable (a command or another window);"
    " try again in a minute."
)


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    return user_paths().ensure()


@pytest.fixture
def no_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """An open tries once for another process's repair instead of waiting REPAIR_WAIT."""
    monkeypatch.setattr(database, "REPAIR_WAIT", 0.0)


def test_an_open_during_another_process_repair_says_the_records_are_being_repaired(
    paths: Paths, no_wait: None
) -> None:
    """The in-use lock held exclusive, as a repair holds it (`InUse.share` times out). Before:
    'held by another program ... close it', and the learner cannot close a cron job."""
    Store.open(paths, backup_every=None).close()
    repair = InUse(paths.database)
    assert repair.alone(0)
    try:
        with pytest.raises(RecordsInaccessible) as raised:
            Store.open(paths, backup_every=None)
    finally:
        repair.release()
    assert raised.value.cause is Cause.REPAIRING
    said = str(records_unavailable(paths.database, raised.value))
    assert said == BEING_REPAIRED.format(paths.database)
    Store.open(paths, backup_every=None).close()  # its lock was let go: once done, it opens


def test_a_damaged_file_another_process_is_repairing_is_left_to_it(
    paths: Paths, no_wait: None
) -> None:
    """The repair lock held (`repairing` times out): nothing moved, the same line."""
    installation(paths)
    garbage(paths.database)
    before = paths.database.read_bytes()
    with repairing(paths.database):
        with pytest.raises(RecordsInaccessible) as raised:
            Store.open(paths, backup_every=None)
        with pytest.raises(RecordsInaccessible), repairing(paths.database, timeout=0):
            pass
    assert raised.value.cause is Cause.REPAIRING
    assert damaged_files(paths) == [] and paths.database.read_bytes() == before
    store = Store.open(paths, backup_every=None)  # once the other is done
    try:
        assert store.recovery is not None
    finally:
        store.close()


def test_on_a_read_only_disk_the_in_use_lock_holds_and_a_repair_goes_without_its_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with small_disk(tmp_path / "disk") as disk:
        monkeypatch.setenv("CARTABLE_HOME", str(disk))
        paths = user_paths().ensure()
        Store.open(paths, backup_every=None).close()  # leaves cartable.sqlite3.lock
        set_read_only(disk)
        try:
            reader = InUse(paths.database)
            reader.share(0)  # on the lock file opened for reading
            other = InUse(paths.database)
            assert not other.alone(0)  # the shared lock holds
            other.release()
            reader.release()
            assert other.alone(0)
            other.release()
            with caplog.at_level(logging.WARNING), repairing(paths.database, timeout=0):
                ran = True
            assert ran and not repair_lock_path(paths.database).exists()
            assert "no repair lock on a folder that cannot be written" in caplog.text
        finally:
            set_read_only(disk, False)


@pytest.mark.parametrize("code", [errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EBADF])
def test_a_file_system_that_cannot_lock_opens_and_repairs_without_the_locks(
    paths: Paths,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    no_wait: None,
    code: int,
) -> None:
    """NFS without its lock daemon (ENOLCK), no flock (EOPNOTSUPP, ENOSYS), NFS emulating flock
    on a handle opened for reading (EBADF). Before: taken for a lock held elsewhere, every open
    waited its whole wait, then said 'held by another program ... close it'."""
    in_backup = installation(paths)
    monkeypatch.setattr(interprocess, "_unlockable", set())
    monkeypatch.setattr(interprocess, "_lasting_nolck", set())
    monkeypatch.setattr(interprocess, "NOLCK_PATIENCE", 0.1)  # ENOLCK: tried again that long

    def cannot_lock(fd: int, operation: int) -> None:
        raise OSError(code, "cannot lock")

    monkeypatch.setattr(fcntl, "flock", cannot_lock)
    with caplog.at_level(logging.WARNING, logger="sync.interprocess"):
        Store.open(paths, backup_every=None).close()
        garbage(paths.database)
        store = Store.open(paths, backup_every=None)
        try:
            assert store.recovery is not None
            assert store.outbox.counts().total == in_backup
        finally:
            store.close()
    warned = [r.getMessage() for r in caplog.records if "cannot lock" in r.getMessage()]
    assert len(warned) == 2  # once for each lock file
    assert any(".sqlite3.lock:" in w for w in warned)
    assert any(".sqlite3.repair.lock:" in w for w in warned)


def test_a_repair_told_while_another_process_repairs_is_told_again_at_the_next_start(
    paths: Paths, caplog: pytest.LogCaptureFixture
) -> None:
    """Closing the box does not wait for the other's repair (it ran on the UI thread for up to
    2 s): the report stays for the next start."""
    Store.open(paths, backup_every=None).close()
    report = RecoveryReport(
        problem="file is not a database",
        damaged_file=paths.data / "cartable.sqlite3.damaged-1",
        restored_from=None,
        backup_taken_at=None,
    )
    keep_untold(paths.database, report)
    store = Store.open(paths, backup_every=None)
    try:
        with repairing(paths.database), caplog.at_level(logging.WARNING):
            store.recovery_told(report)
        assert untold(paths.database) == [report]
        assert "being repaired by another Cartable" in caplog.text
        store.recovery_told(report)  # the next start's box
        assert untold(paths.database) == []
    finally:
        store.close()

"""A full or read-only disk is not damage: the records file stays where it is, no backup is
restored, and the learner reads what is wrong and what to do. Real SQLite files on a real small
disk (a tmpfs: tests/small_disk.py), filled up or remounted read-only; a file truly damaged still
takes the damage path. Without `mount`, the classification of SQLite's own SQLITE_FULL (a low
`max_page_count` on a real file) is still covered."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from player.paths import Paths
from player.store import Store, integrity, migrations
from player.store.backups import list_backups
from player.store.errors import Cause, RecordsInaccessible, WriteFailed
from player.store.failures import explained, inaccessible, is_damage
from player.store.recovery import journal_path
from sync import outbox
from tests.small_disk import fill, set_read_only, small_disk
from tests.support import run_cli
from tests.unit.test_store_helpers import FakeClock, make_course, study_everything

DAY = 24 * 3600.0
ROOT = Path(__file__).resolve().parents[2]
AS_NOBODY = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")


def _records(path: Path, backups: int = 1) -> tuple[FakeClock, int]:
    """A learner's records with `backups` daily backups, closed cleanly."""
    clock = FakeClock()
    store = Store.open(path, clock=clock, backup_every=None)
    profile = store.profiles.add("Awa", "fr")
    study_everything(store, clock, profile.id, make_course())
    for _ in range(backups):
        store.database.backup("daily")
        clock.advance(60)
    total = store.outbox.counts().total
    store.close()
    return clock, total


def _contents(folder: Path) -> dict[str, str]:
    """Every file under `folder` but the filler, by name: its sha256."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "filler"
    }


def _set_aside(path: Path) -> list[Path]:
    return [
        *path.parent.glob(f"{path.name}.damaged-*"),
        *path.parent.glob(f"{path.name}.restoring"),
        *[p for p in [journal_path(path), integrity.recover_flag_path(path)] if p.exists()],
    ]


def test_a_full_disk_at_start_is_said_as_such_and_nothing_is_set_aside(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        path = disk / "data" / "cartable.sqlite3"
        clock, total = _records(path)
        fill(disk)
        records = hashlib.sha256(path.read_bytes()).hexdigest()
        backups = _contents(path.parent / "backups")
        clock.advance(DAY + 1)  # the daily backup is due too
        with pytest.raises(RecordsInaccessible) as raised:
            Store.open(path, clock=clock)
        assert raised.value.cause is Cause.FULL
        assert str(raised.value) == (
            f"The disk holding your records ({path}) is full: free some space, then try again."
            " Nothing was lost."
        )
        assert _set_aside(path) == []
        assert hashlib.sha256(path.read_bytes()).hexdigest() == records
        assert _contents(path.parent / "backups") == backups
        (disk / "filler").unlink()  # room again: the same records, nothing to recover
        store = Store.open(path, clock=clock)
        assert store.recovery is None and store.outbox.counts().total == total
        store.close()


def test_a_read_only_records_folder_is_said_as_such_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    with small_disk(tmp_path / "disk") as disk:
        path = disk / "data" / "cartable.sqlite3"
        clock, total = _records(path)
        before = _contents(disk)
        set_read_only(disk)
        clock.advance(DAY + 1)
        with pytest.raises(RecordsInaccessible) as raised:
            Store.open(path, clock=clock)
        assert raised.value.cause is Cause.READ_ONLY
        assert str(raised.value) == (
            f"Cartable cannot write to {path}: the disk or folder is read-only. Make it writable,"
            " then try again. Nothing was lost."
        )
        assert _contents(disk) == before
        set_read_only(disk, False)
        store = Store.open(path, clock=clock)
        assert store.recovery is None and store.outbox.counts().total == total
        store.close()


@pytest.mark.parametrize("trouble", ["full", "read-only"])
def test_records_stats_names_the_file_and_what_to_do(tmp_path: Path, trouble: str) -> None:
    with small_disk(tmp_path / "disk") as disk:
        paths = Paths(disk / "data", disk / "config", disk / "cache", disk / "logs").ensure()
        _records(paths.database)
        if trouble == "full":
            fill(disk)
            said = f"The disk holding your records ({paths.database}) is full: free some space"
        else:
            set_read_only(disk)
            said = f"Cartable cannot write to {paths.database}: the disk or folder is read-only"
        done = run_cli("-m", "player", "records", "stats", env={"CARTABLE_HOME": str(disk)})
        assert done.returncode == 1, done.stdout
        lines = done.stderr.strip().splitlines()
        assert lines[-1].startswith(f"cartable: {said}"), done.stderr
        assert lines[-1].endswith("Nothing was lost.")
        assert "damaged" not in done.stderr
        assert _set_aside(paths.database) == []


def test_records_the_user_may_not_write_are_said_as_such(tmp_path: Path) -> None:
    """Root passes every permission check: the start runs as `nobody` (setpriv)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run the start as another user")
    folder = Path(tempfile.mkdtemp(prefix="cartable-perm-"))  # /tmp/pytest-of-root is 0700
    try:
        folder.chmod(0o755)
        path = folder / "data" / "cartable.sqlite3"
        _records(path)
        before = _contents(folder)
        code = (
            "import sys; from pathlib import Path; from player.store import Store;"
            " from player.store.errors import RecordsInaccessible\n"
            "try:\n    Store.open(Path(sys.argv[1]))\n"
            "except RecordsInaccessible as e:\n    print(e.cause, e, sep='\\n')\n"
        )
        child = subprocess.run(
            [*AS_NOBODY, sys.executable, "-c", code, str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert child.stdout.splitlines() == [
            "no-permission",
            f"Cartable cannot write to {path}: permission denied. Give your user account access"
            " to it, then try again. Nothing was lost.",
        ], child.stderr
        assert _contents(folder) == before
    finally:
        shutil.rmtree(folder)


def test_the_background_check_on_a_full_disk_flags_nothing(tmp_path: Path) -> None:
    """A check that cannot read the file (no room for its -shm) says nothing of its state:
    flagged, a sound file would be set aside at the next start."""
    with small_disk(tmp_path / "disk") as disk:
        path = disk / "data" / "cartable.sqlite3"
        _records(path)
        fill(disk)
        with pytest.raises(sqlite3.OperationalError) as raised:
            integrity.full_check(path)
        found = inaccessible(path, raised.value)
        assert found is not None and found.cause is Cause.FULL
        assert not integrity.recover_flag_path(path).exists()


@pytest.mark.parametrize("room", ["for no copy", "for the copy, not its -wal and -shm"])
def test_a_daily_backup_the_disk_has_no_room_for_keeps_the_old_ones_whole(
    tmp_path: Path, room: str
) -> None:
    """The start goes on; the backups there stay, whole, and no half-made copy is left (the
    copy of a WAL file opens a -wal and a -shm of its own to leave WAL mode)."""
    with small_disk(tmp_path / "disk") as disk:
        path = disk / "data" / "cartable.sqlite3"
        clock, total = _records(path, backups=3)
        backups = _contents(path.parent / "backups")
        copy = list_backups(path.parent / "backups")[-1].path.stat().st_size
        # The live file's -shm (32 KiB) first, then the copy, or not.
        fill(disk, leave=96 * 1024 if room == "for no copy" else 32 * 1024 + copy + 8 * 1024)
        clock.advance(DAY + 1)
        store = Store.open(path, clock=clock)
        assert store.recovery is None and store.outbox.counts().total == total
        store.close()
        assert _contents(path.parent / "backups") == backups  # nothing dropped, nothing left


def test_no_migration_runs_without_its_backup_on_a_full_disk(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        path = disk / "data" / "cartable.sqlite3"
        path.parent.mkdir()
        older = migrations.LATEST - 1
        conn = outbox.connect(path)
        migrations.migrate(conn, target=older)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        records = path.read_bytes()
        fill(disk, leave=96 * 1024)
        with pytest.raises(RecordsInaccessible) as raised:
            Store.open(path, clock=FakeClock(), backup_every=None)
        assert raised.value.cause is Cause.FULL
        assert raised.value.path == path.parent / "backups"
        assert path.read_bytes() == records  # still the old schema: nothing half-migrated
        assert list((path.parent / "backups").iterdir()) == []  # no half-written copy
        (disk / "filler").unlink()
        store = Store.open(path, clock=FakeClock(), backup_every=None)
        assert store.database.schema_version == migrations.LATEST
        assert [b.reason for b in list_backups(path.parent / "backups")] == [
            f"before-v{migrations.LATEST}"
        ]
        store.close()


def test_a_damaged_file_on_a_nearly_full_disk_still_takes_the_damage_path(
    tmp_path: Path,
) -> None:
    with small_disk(tmp_path / "disk") as disk:
        path = disk / "data" / "cartable.sqlite3"
        clock, _ = _records(path)
        _damage_a_leaf(path)
        integrity.marker_path(path).unlink()  # as after a crash: the full check runs
        fill(disk, leave=600 * 1024)  # room to restore the backup, and "nearly full"
        store = Store.open(path, clock=clock, backup_every=None)
        assert store.recovery is not None and store.recovery.restored_from is not None
        assert store.recovery.damaged_file.exists()
        store.close()


def _damage_a_leaf(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        leaves = [
            r[0]
            for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'outbox' AND pagetype = 'leaf'"
            )
        ]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((leaves[len(leaves) // 2] - 1) * page_size)
        handle.write(random.Random(3).randbytes(page_size))


# -- without mount: SQLite's own SQLITE_FULL, from a real file -------------------------------


def _filled_to_its_page_limit(path: Path) -> sqlite3.OperationalError:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("CREATE TABLE t (x BLOB)")
        conn.execute("PRAGMA max_page_count = 8")
        with pytest.raises(sqlite3.OperationalError) as raised:
            for _ in range(100):
                conn.execute("INSERT INTO t VALUES (randomblob(1000))")
        return raised.value
    finally:
        conn.close()


def test_sqlite_full_is_not_damage_but_a_full_disk(tmp_path: Path) -> None:
    path = tmp_path / "cartable.sqlite3"
    error = _filled_to_its_page_limit(path)
    assert error.sqlite_errorname == "SQLITE_FULL"
    assert not is_damage(error)
    found = inaccessible(path, error)
    assert found is not None and found.cause is Cause.FULL and str(path) in str(found)
    saving = WriteFailed("the learner records could not be saved")
    saving.__cause__ = error
    said = explained(path, saving)
    assert said is not None and (said.cause, str(said)) == (Cause.FULL, str(found))


def test_a_damaged_file_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "cartable.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError) as raised:
        conn.execute("SELECT * FROM sqlite_master").fetchall()
    conn.close()
    assert is_damage(raised.value)
    assert inaccessible(path, raised.value) is None

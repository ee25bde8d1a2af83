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
from player.store import Store, StoreError, integrity, migrations, recovery
from player.store.backups import list_backups, stamp
from player.store.errors import BackupUnreadable, Cause, RecordsInaccessible, WriteFailed
from player.store.failures import explained, inaccessible, is_damage
from player.store.recovery import journal_path
from sync import outbox
from tests.small_disk import fill, set_read_only, small_disk
from tests.support import run_cli
from tests.unit.test_store_database import _learner_with_backup, _silently_damage
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
    """Every file under `folder` but the filler and the empty lock files (player/store/locks.py),
    by name: its sha256."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "filler" and not p.name.endswith(".lock")
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


# -- at the start, around a repair: a full disk, a backup the disk will not give back ----------


class Crash(BaseException):
    """A kill: nothing after it runs (not an Exception: no handler catches it)."""


def _sessions_a_crash_left_open(path: Path) -> tuple[FakeClock, int]:
    """Records where three learners were studying when the power went: their sessions are open
    in the file and no clean close was left (the connection closed, the marker not written)."""
    clock = FakeClock()
    store = Store.open(path, clock=clock, backup_every=None)
    course = make_course()
    study_everything(store, clock, store.profiles.add("Awa", "fr").id, course)
    for name in ("Binta", "Chidi", "Dede"):
        session = store.events.unit_opened(store.profiles.add(name).id, course, "v1")
        store.events.video_played(session, 0.0)
        clock.advance(20)
        store.events.heartbeat(session, 20.0)
    store.conn.close()
    return clock, 3


def _left_open(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        (count,) = conn.execute("SELECT count(*) FROM sessions WHERE ended_at IS NULL").fetchone()
    conn.close()
    return int(count)


#: Room for the -shm SQLite makes at open (32 KiB), not for closing a session in the WAL.
ROOM_TO_OPEN_ONLY = 48 * 1024


def test_a_start_on_a_full_disk_closing_crashed_sessions_says_the_disk_is_full(
    tmp_path: Path,
) -> None:
    """It said 'the learner records could not be saved: database or disk is full'. Each session
    is closed in a transaction of its own: what could not be written is still open in the file,
    and the next start with room closes it, once."""
    with small_disk(tmp_path / "disk") as disk:
        path = disk / "data" / "cartable.sqlite3"
        clock, crashed = _sessions_a_crash_left_open(path)
        fill(disk, leave=ROOM_TO_OPEN_ONLY)
        store = Store.open(path, clock=clock, backup_every=None)
        with pytest.raises(RecordsInaccessible) as raised:
            store.start()
        store.close()
        assert raised.value.cause is Cause.FULL
        assert str(raised.value) == (
            f"The disk holding your records ({path}) is full: free some space, then try again."
            " Nothing was lost."
        )
        assert _left_open(path) == crashed
        (disk / "filler").unlink()
        store = Store.open(path, clock=clock, backup_every=None)
        assert len(store.start().abandoned) == crashed and _left_open(path) == 0
        assert store.start().abandoned == ()
        store.close()


STEPS = ["after the journal", "after setting aside", "after the restore"]


def _repair_cut_short(path: Path, clock: FakeClock, step: str) -> None:
    """Damage the background check found (flagged), then a start killed at `step` of its
    repair (recovery.py's journal, the damaged file renamed aside, the backup renamed in)."""
    _silently_damage(path)
    integrity.flag_for_recovery(path, "found by the check after the first paint")
    finish = recovery._finish_steps

    def cut(path: Path, report: recovery.RecoveryReport, *, set_aside: bool) -> None:
        if step == "after setting aside":
            recovery._set_aside(path, report.damaged_file)
        elif step == "after the restore":
            finish(path, report, set_aside=set_aside)
        raise Crash

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(recovery, "_finish_steps", cut)
        with pytest.raises(Crash):
            Store.open(path, clock=clock, backup_every=None)
    assert journal_path(path).exists()


def _repaired_whole(store: Store, path: Path, total: int) -> None:
    """The repair finished: the backup in place, the damaged file's records beyond it read
    back (none lost), one damaged file set aside, no journal nor flag left."""
    report = store.recovery
    assert report is not None and report.restored_from is not None
    assert report.salvaged_statements > 0 and report.lost_statements == 0
    assert store.outbox.counts().total == total
    assert sorted(path.parent.glob(f"{path.name}.damaged-*[0-9]Z")) == [report.damaged_file]
    assert not journal_path(path).exists() and not integrity.recover_flag_path(path).exists()


@pytest.mark.parametrize("step", STEPS)
def test_a_repair_resumed_on_a_full_disk_stops_with_the_disk_full_line(
    tmp_path: Path, step: str
) -> None:
    """It raised an OSError (no room to rewrite the journal), or said the backup could not be
    restored; and with room, the check's flag, still there, had the restored file repaired
    again: a second file set aside, the first one's records beyond the backup never read."""
    with small_disk(tmp_path / "disk") as disk:
        path, clock, _, total = _learner_with_backup(disk)
        _repair_cut_short(path, clock, step)
        fill(disk)
        with pytest.raises(RecordsInaccessible) as raised:
            Store.open(path, clock=clock, backup_every=None)
        assert raised.value.cause is Cause.FULL and raised.value.path == path
        assert journal_path(path).exists()
        (disk / "filler").unlink()
        clock.advance(60)
        store = Store.open(path, clock=clock, backup_every=None)
        _repaired_whole(store, path, total)
        store.close()


def _backup_as_nobody(folder: Path) -> Path:
    """The learner's folder theirs (`nobody`), the newest backup root's and not readable by
    them: a backup restored from another account, say."""
    subprocess.run(["chown", "-R", "65534:65534", str(folder)], check=True)
    backup = list_backups(folder / "data" / "backups")[-1].path
    os.chown(backup, 0, 0)
    backup.chmod(0o600)
    return backup


def _as_nobody(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*AS_NOBODY, sys.executable, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CARTABLE_HOME": str(home), "HOME": str(home)},
    )


def _unreadable_backup_line(backup: Path, detail: str) -> str:
    return (
        f"cartable: The records file is damaged and its backup {backup} cannot be read now"
        f" ({detail}): check the disk and that your user account may read that file, then try"
        " again. Nothing was moved or deleted."
    )


@pytest.mark.parametrize("command", [("records", "stats"), ("sync", "--once")])
def test_a_backup_the_learner_may_not_read_is_not_a_bad_backup(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    """It was skipped as bad: the records started empty and the damaged file went aside. Now
    the command stops on a line naming the backup, nothing moved; once the learner may read it,
    the repair restores it. Run as `nobody` (setpriv): root reads every file."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run the start as another user")
    home = Path(tempfile.mkdtemp(prefix="cartable-backup-"))  # /tmp/pytest-of-root is 0700
    try:
        home.chmod(0o755)
        path, _, _, total = _learner_with_backup(home)
        _silently_damage(path)
        integrity.marker_path(path).unlink()  # as after a crash: the full check finds it
        backup = _backup_as_nobody(home)
        before = _contents(home / "data")
        done = _as_nobody("-m", "player", *command, home=home)
        assert done.returncode == 1, done.stdout + done.stderr
        # The system's word for it: the backup's header is read before SQLite opens it.
        assert done.stderr.strip().splitlines()[-1] == _unreadable_backup_line(
            backup, "Permission denied"
        )
        assert _set_aside(path) == [] and _contents(home / "data") == before
        backup.chmod(0o644)
        done = _as_nobody("-m", "player", *command, home=home)
        assert "Traceback" not in done.stderr
        assert "cartable: The learner records file was damaged" in done.stderr, done.stderr
        assert "restored from the backup taken on" in done.stderr
        store = Store.open(path, backup_every=None)
        assert store.recovery is None and store.outbox.counts().total == total
        store.close()
    finally:
        shutil.rmtree(home)


def test_a_backups_folder_the_learner_may_not_list_is_said_in_one_line(tmp_path: Path) -> None:
    """It was the bare 'path: Permission denied' of `cartable`'s OSError line (in the player,
    a traceback), at every start, damaged file or not."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run the start as another user")
    home = Path(tempfile.mkdtemp(prefix="cartable-backups-"))
    try:
        home.chmod(0o755)
        path, _, _, _ = _learner_with_backup(home)
        path.write_text("garbage")
        _backup_as_nobody(home)
        backups = path.parent / "backups"
        os.chown(backups, 0, 0)
        backups.chmod(0o700)
        done = _as_nobody("-m", "player", "records", "stats", home=home)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert done.stderr.strip().splitlines()[-1] == (
            f"cartable: Cartable cannot write to {backups}: permission denied. Give your user"
            " account access to it, then try again. Nothing was lost."
        )
        assert path.read_text() == "garbage" and _set_aside(path) == []
    finally:
        shutil.rmtree(home)


def test_a_repair_journal_the_learner_may_not_read_is_kept(tmp_path: Path) -> None:
    """It was taken for a garbled journal and deleted: with the damaged file already aside, the
    start made new, empty records in its place and the repair was forgotten."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run the start as another user")
    home = Path(tempfile.mkdtemp(prefix="cartable-journal-"))
    try:
        home.chmod(0o755)
        path, clock, _, total = _learner_with_backup(home)
        _repair_cut_short(path, clock, "after setting aside")
        subprocess.run(["chown", "-R", "65534:65534", str(home)], check=True)
        journal = journal_path(path)
        os.chown(journal, 0, 0)
        journal.chmod(0o600)
        done = _as_nobody("-m", "player", "records", "stats", home=home)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert done.stderr.strip().splitlines()[-1] == (
            f"cartable: Cartable cannot write to {journal}: permission denied. Give your user"
            " account access to it, then try again. Nothing was lost."
        )
        assert journal.exists() and not path.exists()
        journal.chmod(0o644)
        store = Store.open(path, clock=clock, backup_every=None)
        _repaired_whole(store, path, total)
        store.close()
    finally:
        shutil.rmtree(home)


def _backup_with_a_read_error(backups: Path) -> Path:
    """A backup newer than the good one whose reads fail with the kernel's EIO: a link to
    /proc/self/mem, whose first page (address 0) is never mapped: a real read error from the
    system, as from a failing disk, without one."""
    newest = list_backups(backups)[-1]
    unreadable = backups / f"cartable-{stamp(newest.taken_at.timestamp() + 60)}-daily.sqlite3"
    unreadable.symlink_to("/proc/self/mem")
    return unreadable


def test_a_backup_with_a_read_error_is_not_skipped_for_an_older_one(tmp_path: Path) -> None:
    """It was skipped as bad, and the older backup restored: what the newer one held beyond it
    lost for a read error the learner may fix (or copy the backup away from)."""
    path, clock, at_backup, _ = _learner_with_backup(tmp_path)
    path.write_text("garbage")
    unreadable = _backup_with_a_read_error(path.parent / "backups")
    with pytest.raises(RecordsInaccessible) as raised:
        Store.open(path, clock=clock, backup_every=None)
    assert isinstance(raised.value, BackupUnreadable)
    assert (raised.value.cause, raised.value.path) == (Cause.IO, unreadable)
    assert path.read_text() == "garbage" and _set_aside(path) == []
    assert unreadable.is_symlink()  # not deleted, not set aside
    unreadable.unlink()  # the learner copied what they could of it elsewhere
    store = Store.open(path, clock=clock, backup_every=None)
    assert store.recovery is not None and store.recovery.restored_from is not None
    assert store.recovery.rejected_backups == ()
    assert store.outbox.counts().total == at_backup  # "garbage" held nothing beyond it
    store.close()


@pytest.mark.parametrize("command", [("records", "stats"), ("sync", "--once")])
def test_a_repair_resumed_on_a_full_disk_from_the_command_line(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    """One line, no traceback; with room, the repair said as the other commands say it."""
    with small_disk(tmp_path / "disk") as disk:
        path, clock, _, total = _learner_with_backup(disk)
        _repair_cut_short(path, clock, "after the journal")
        fill(disk)
        done = run_cli("-m", "player", *command, env={"CARTABLE_HOME": str(disk)})
        assert done.returncode == 1, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        assert done.stderr.strip().splitlines()[-1] == (
            f"cartable: The disk holding your records ({path}) is full: free some space, then"
            " try again. Nothing was lost."
        )
        (disk / "filler").unlink()
        done = run_cli("-m", "player", *command, env={"CARTABLE_HOME": str(disk)})
        assert "Traceback" not in done.stderr
        assert "cartable: The learner records file was damaged" in done.stderr, done.stderr
        assert "Nothing recorded after the backup was lost." in done.stderr
        store = Store.open(path, backup_every=None)
        assert store.recovery is None and store.outbox.counts().total == total
        store.close()


@pytest.mark.parametrize("trouble", ["full", "read-only"])
def test_a_first_repair_the_disk_refuses_says_what_to_do_for_that_disk(
    tmp_path: Path, trouble: str
) -> None:
    """The file is damaged (found so before anything is written) and the backup cannot be
    copied beside it: on a full disk, 'free some space' is what to do; on any other refusal
    (read-only, an I/O error...) it was said too, and freeing space fixes nothing."""
    with small_disk(tmp_path / "disk") as disk:
        path, clock, at_backup, _ = _learner_with_backup(disk)
        path.write_text("garbage")
        if trouble == "full":
            fill(disk)
        else:
            set_read_only(disk)
        with pytest.raises(StoreError) as raised:
            Store.open(path, clock=clock, backup_every=None)
        assert not isinstance(raised.value, RecordsInaccessible)  # the file IS damaged
        detail, to_do = (
            ("database or disk is full", "free some space")
            if trouble == "full"
            else ("Read-only file system", "make the disk or folder writable")
        )
        assert str(raised.value) == (
            f"{path.parent}: the records file is damaged and its backup could not be restored"
            f" ({detail}); nothing was moved: {to_do} and start again"
        )
        assert path.read_text() == "garbage" and _set_aside(path) == []
        if trouble == "full":
            (disk / "filler").unlink()
        else:
            set_read_only(disk, False)
        store = Store.open(path, clock=clock, backup_every=None)
        assert store.recovery is not None and store.outbox.counts().total == at_backup
        store.close()

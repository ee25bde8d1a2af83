"""The records file when things go wrong around the damage: a disk too full to back up or to
restore, a crash in the middle of a recovery, a clock that goes back. Nothing is lost."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from player.store import Store, StoreError, integrity, recovery
from player.store.backups import KEEP_BACKUPS, BackupFailed, list_backups
from player.store.recovery import journal_path
from tests.unit.test_store_database import _learner_with_backup, _silently_damage
from tests.unit.test_store_helpers import FakeClock, make_course, study_everything

DAY = 24 * 3600.0
ROOT = Path(__file__).resolve().parents[2]


def _open_with_file_size_limit(path: Path, now: float, limit: int) -> subprocess.CompletedProcess:
    """`Store.open` in a child that cannot write past `limit` bytes in any file (`ulimit -f`):
    a real disk-full error from the kernel (EFBIG), not a fake one."""
    code = textwrap.dedent(
        f"""
        import resource, signal, sys
        from pathlib import Path
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
        from player.store import Store, StoreError, integrity
        try:
            store = Store.open(Path({str(path)!r}), clock=lambda: {now!r})
        except StoreError as exc:
            print("error:", exc)
            sys.exit(3)
        print("recovery:", store.recovery is not None)
        print("statements:", store.outbox.counts().total)
        store.close()
        """
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def _damaged_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.damaged-*"))


def test_a_backup_the_disk_is_too_full_for_never_sets_a_sound_file_aside(tmp_path: Path) -> None:
    path, clock, _, total = _learner_with_backup(tmp_path)
    clock.advance(DAY + 1)  # the daily backup is due at this open
    size = path.stat().st_size
    child = _open_with_file_size_limit(path, clock(), limit=size // 2)
    assert child.returncode == 0, child.stderr
    assert "recovery: False" in child.stdout and f"statements: {total}" in child.stdout
    assert _damaged_files(path) == []
    assert not list((path.parent / "backups").glob("*.part"))  # nothing half-written left
    assert len(list_backups(path.parent / "backups")) == 1  # today's could not be taken
    store = Store.open(path, clock=clock)  # room again: the backup is taken
    assert store.recovery is None and store.outbox.counts().total == total
    assert len(list_backups(path.parent / "backups")) == 2
    store.close()


def test_a_damaged_file_the_disk_has_no_room_to_restore_stays_where_it_is(
    tmp_path: Path,
) -> None:
    path, clock, at_backup, _ = _learner_with_backup(tmp_path)
    path.write_bytes(b"not a database at all" * 10)
    backup_size = list_backups(path.parent / "backups")[-1].path.stat().st_size
    child = _open_with_file_size_limit(path, clock(), limit=backup_size // 2)
    assert child.returncode == 3, child.stderr
    (line,) = [x for x in child.stdout.splitlines() if x.startswith("error:")]
    assert "could not be restored" in line and "nothing was moved" in line
    assert path.read_bytes().startswith(b"not a database")  # untouched
    assert _damaged_files(path) == [] and not journal_path(path).exists()
    store = Store.open(path, clock=clock, backup_every=None)  # room again: recovered
    assert store.recovery is not None and store.outbox.counts().total >= at_backup
    store.close()


class Crash(BaseException):
    """A kill: nothing after it runs (not an Exception: no handler catches it)."""


@pytest.mark.parametrize("step", ["after the journal", "after setting aside"])
def test_a_recovery_cut_short_is_finished_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path, clock, at_backup, _ = _learner_with_backup(tmp_path)
    path.write_text("garbage")
    real_set_aside = recovery._set_aside

    def cut(path: Path, report: recovery.RecoveryReport, *, set_aside: bool) -> None:
        if step == "after setting aside":
            real_set_aside(path, report.damaged_file)
        raise Crash

    monkeypatch.setattr(recovery, "_finish_steps", cut)
    with pytest.raises(Crash):
        Store.open(path, clock=clock, backup_every=None)
    assert journal_path(path).exists()
    assert path.exists() == (step == "after the journal")
    monkeypatch.undo()
    clock.advance(60)
    store = Store.open(path, clock=clock, backup_every=None)
    report = store.recovery
    assert report is not None and report.restored_from is not None
    assert report.damaged_file.read_text() == "garbage"  # set aside, as it was
    assert store.database.integrity_check() == []
    assert store.outbox.counts().total == at_backup  # "garbage" holds nothing more
    assert not journal_path(path).exists() and not path.with_name(path.name + ".restoring").exists()
    store.close()
    assert Store.open(path, clock=clock, backup_every=None).recovery is None  # over


def test_a_crash_before_the_read_back_is_retried_until_it_is_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from player.store.records import Records

    path, clock, at_backup, total = _learner_with_backup(tmp_path)
    _silently_damage(path)
    integrity.flag_for_recovery(path, "found by the check after the first paint")

    def killed(self: Records, damaged: Path, chunk: int = 500, **_: object) -> None:
        raise Crash

    monkeypatch.setattr(Records, "salvage", killed)
    with pytest.raises(Crash):
        Store.open(path, clock=clock, backup_every=None)
    monkeypatch.undo()
    store = Store.open(path, clock=clock, backup_every=None)
    report = store.recovery
    assert report is not None and report.salvaged_statements > 0
    assert store.outbox.counts().total + (report.lost_statements or 0) >= total > at_backup
    assert not journal_path(path).exists()
    store.close()


def test_backups_go_on_when_the_clock_goes_back(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "data" / "cartable.sqlite3"
    backups = path.parent / "backups"
    Store.open(path, clock=clock).close()
    clock.advance(-365 * DAY)  # a flat clock battery
    course = make_course()
    for day in range(4):
        clock.advance(DAY + 1)
        store = Store.open(path, clock=clock)
        study_everything(store, clock, store.profiles.add(f"Day {day}").id, course)
        store.close()
    kept = list_backups(backups)
    assert len(kept) == KEEP_BACKUPS
    names = [b.path.name for b in kept]
    assert names == sorted(names)  # taken in this order, whatever the clock said
    newest = sqlite3.connect(f"file:{kept[-1].path}?mode=ro", uri=True)
    (profiles,) = newest.execute("SELECT count(*) FROM profiles").fetchone()
    newest.close()
    assert profiles == 3  # the newest holds the latest days, not the oldest
    # and a restore takes that newest one
    path.write_text("garbage")
    store = Store.open(path, clock=clock, backup_every=None)
    assert store.recovery is not None and store.recovery.restored_from == kept[-1].path
    store.close()


def test_a_backup_that_cannot_be_written_is_a_one_line_store_error(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data" / "cartable.sqlite3", backup_every=None)
    (tmp_path / "data" / "backups").write_text("a file where the folder goes")
    with pytest.raises(StoreError) as caught:
        store.database.backup()
    assert isinstance(caught.value, BackupFailed)
    assert "backup could not be written" in str(caught.value) and "\n" not in str(caught.value)
    store.close()
    assert os.path.isfile(tmp_path / "data" / "backups")


def _recovered_with_read_back_failing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, FakeClock, int, int, Store]:
    """Damage found, backup restored, and the read-back hits a full disk: the journal stays."""
    from player.store.database import WriteFailed
    from player.store.records import Records

    path, clock, at_backup, total = _learner_with_backup(tmp_path)
    _silently_damage(path)
    integrity.flag_for_recovery(path, "found by the check after the first paint")

    def full(self: Records, damaged: Path, chunk: int = 500, **_: object) -> None:
        raise WriteFailed("the learner records could not be saved: database or disk is full")

    monkeypatch.setattr(Records, "salvage", full)
    store = Store.open(path, clock=clock, backup_every=None)
    monkeypatch.undo()
    assert store.recovery is not None and journal_path(path).exists()
    assert "read back at the next start" in store.recovery.summary()
    return path, clock, at_backup, total, store


def test_a_read_back_retried_after_new_records_still_reads_what_the_backup_lacked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, clock, at_backup, total, store = _recovered_with_read_back_failing(tmp_path, monkeypatch)
    awa = store.profiles.find("Awa").id
    session = store.events.unit_opened(awa, make_course(), "s1")  # studying on meanwhile
    store.events.slide_viewed(session, 1)
    store.events.unit_closed(session)
    new = store.outbox.counts().total - at_backup
    store.close()
    store = Store.open(path, clock=clock, backup_every=None)
    report = store.recovery
    assert report is not None and report.salvaged_statements > 0
    assert store.outbox.counts().total + (report.lost_statements or 0) >= total + new
    assert not journal_path(path).exists()
    store.close()


def test_a_damaged_file_deleted_while_its_read_back_waits_never_sets_the_live_one_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, clock, _, _, store = _recovered_with_read_back_failing(tmp_path, monkeypatch)
    damaged = store.recovery.damaged_file  # type: ignore[union-attr]
    awa = store.profiles.find("Awa").id
    session = store.events.unit_opened(awa, make_course(), "s1")
    store.events.slide_viewed(session, 1)
    store.events.unit_closed(session)
    kept = store.outbox.counts().total
    store.close()
    damaged.unlink()  # the learner made room
    store = Store.open(path, clock=clock, backup_every=None)
    assert store.outbox.counts().total == kept  # the live file, not an empty one
    assert store.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] > 0
    assert _damaged_files(path) == [] and not journal_path(path).exists()
    store.close()
